-- Cases (ケース): numbered CS + 7 digits from a counter row updated inside the
-- creating transaction (no gaps, no races), their activity (public comments,
-- internal work notes, state changes, attachment events) and attachments,
-- all scoped to a customer. case_fts indexes what customers may search
-- (case fields and public comments, never internal notes) with the trigram
-- tokenizer, so that substrings match in Japanese as in English.

CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO counters (name, value) VALUES ('case', 0);

CREATE TABLE cases (
    id          INTEGER PRIMARY KEY,
    number      TEXT NOT NULL UNIQUE,              -- CS0000001
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    service_id  INTEGER REFERENCES services(id),
    contact_id  INTEGER REFERENCES users(id),      -- お客様担当者
    category    TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('new', 'working', 'awaiting', 'resolved', 'closed')),
    subject     TEXT NOT NULL,
    description TEXT NOT NULL,
    assignee_id INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    closed_at   INTEGER
);
CREATE INDEX cases_customer_updated ON cases (customer_id, updated_at, id);
CREATE INDEX cases_customer_created ON cases (customer_id, created_at, id);
CREATE INDEX cases_customer_state ON cases (customer_id, state, updated_at);
CREATE INDEX cases_customer_category ON cases (customer_id, category, updated_at);
CREATE INDEX cases_state_updated ON cases (state, updated_at);
CREATE INDEX cases_assignee_state ON cases (assignee_id, state, updated_at);
CREATE INDEX cases_updated ON cases (updated_at, id);

CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    case_id     INTEGER REFERENCES cases(id),
    sha256      TEXT NOT NULL,
    size        INTEGER NOT NULL,
    mime        TEXT NOT NULL,
    filename    TEXT NOT NULL,
    internal    INTEGER NOT NULL DEFAULT 0 CHECK (internal IN (0, 1)), -- of a work note
    uploaded_by INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL
);
CREATE INDEX attachments_case ON attachments (case_id, id);

CREATE TABLE case_activity (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases(id),
    at            INTEGER NOT NULL,
    author_id     INTEGER REFERENCES users(id),
    kind          TEXT NOT NULL CHECK (kind IN ('created', 'comment', 'note', 'state',
                                                'attachment', 'assign')),
    body          TEXT NOT NULL DEFAULT '',
    old_state     TEXT,
    new_state     TEXT,
    attachment_id INTEGER REFERENCES attachments(id)
);
CREATE INDEX case_activity_case ON case_activity (case_id, at, id);

CREATE TABLE case_filters (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    name       TEXT NOT NULL,
    query      TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (user_id, name)
);

-- scope: a token of three private-use characters that stands for one
-- customer, so that "scope AND keyword" reads only that customer's postings.
-- rowid: -case id for the case's own fields, the activity id for a comment.
CREATE VIRTUAL TABLE case_fts USING fts5(scope, body, content='', tokenize='trigram');
