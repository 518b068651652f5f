-- Work requests (作業依頼) and points (ポイント管理).
--
-- The catalog: work items per service, each with its own form fields, in both
-- languages. Items and fields are never deleted, only retired, and a request
-- keeps its own copy of the item's name, cost and every question with its
-- answer, so that editing the catalog never changes what a past request said.
--
-- Points: contracted periods per customer and a ledger of every consumption
-- and correction. point_periods.consumed is the sum of the period's ledger
-- lines, kept by the same transaction that writes a line (UPDATE ... SET
-- consumed = consumed + ?), so that two reviewers can never both start from
-- the same stale figure.

INSERT INTO counters (name, value) VALUES ('work_request', 0);

CREATE TABLE work_items (
    id             INTEGER PRIMARY KEY,
    service_id     INTEGER NOT NULL REFERENCES services(id),
    position       INTEGER NOT NULL,             -- order in the catalog, and the "N." prefix
    name_ja        TEXT NOT NULL,
    name_en        TEXT NOT NULL,
    description_ja TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    points         INTEGER NOT NULL CHECK (points >= 0),
    retired        INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX work_items_service ON work_items (service_id, retired, position);

CREATE TABLE work_item_fields (
    id         INTEGER PRIMARY KEY,
    item_id    INTEGER NOT NULL REFERENCES work_items(id),
    position   INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('text', 'textarea', 'choice', 'date', 'checkbox')),
    label_ja   TEXT NOT NULL,
    label_en   TEXT NOT NULL,
    choices_ja TEXT NOT NULL DEFAULT '',         -- one choice per line (kind 'choice')
    choices_en TEXT NOT NULL DEFAULT '',
    required   INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
    retired    INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
);
CREATE INDEX work_item_fields_item ON work_item_fields (item_id, retired, position);

CREATE TABLE work_requests (
    id           INTEGER PRIMARY KEY,
    number       TEXT NOT NULL UNIQUE,           -- WR0000001
    customer_id  INTEGER NOT NULL REFERENCES customers(id),
    service_id   INTEGER NOT NULL REFERENCES services(id),
    item_id      INTEGER NOT NULL REFERENCES work_items(id),
    requester_id INTEGER NOT NULL REFERENCES users(id),
    item_name_ja TEXT NOT NULL,                  -- as the item was named when requested
    item_name_en TEXT NOT NULL,
    points       INTEGER NOT NULL,               -- its cost when requested
    state        TEXT NOT NULL CHECK (state IN ('submitted', 'accepted', 'rejected')),
    overage      INTEGER NOT NULL DEFAULT 0 CHECK (overage IN (0, 1)), -- accepted beyond the balance
    reason       TEXT NOT NULL DEFAULT '',       -- why it was rejected
    case_id      INTEGER REFERENCES cases(id),   -- raised on acceptance
    reviewer_id  INTEGER REFERENCES users(id),
    reviewed_at  INTEGER,
    created_at   INTEGER NOT NULL
);
CREATE INDEX work_requests_customer ON work_requests (customer_id, created_at, id);
CREATE INDEX work_requests_state ON work_requests (state, created_at, id);

CREATE TABLE work_request_answers (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES work_requests(id),
    position   INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    label_ja   TEXT NOT NULL,
    label_en   TEXT NOT NULL,
    value      TEXT NOT NULL                     -- as typed; a choice as shown; '1'/'0' for a checkbox
);
CREATE INDEX work_request_answers_request ON work_request_answers (request_id, position);

-- A request's files; accepting the request also sets case_id.
ALTER TABLE attachments ADD COLUMN request_id INTEGER REFERENCES work_requests(id);
CREATE INDEX attachments_request ON attachments (request_id, id);

CREATE TABLE point_periods (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    start_date  TEXT NOT NULL,                   -- 開始日, 'YYYY-MM-DD'
    end_date    TEXT NOT NULL,                   -- 終了日, inclusive
    points      INTEGER NOT NULL CHECK (points >= 0), -- 作業依頼契約ポイント合計
    consumed    INTEGER NOT NULL DEFAULT 0,      -- 消化数: the sum of its ledger lines
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    CHECK (start_date <= end_date)
);
CREATE INDEX point_periods_customer ON point_periods (customer_id, start_date);

CREATE TABLE point_ledger (
    id          INTEGER PRIMARY KEY,
    period_id   INTEGER NOT NULL REFERENCES point_periods(id),
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    at          INTEGER NOT NULL,
    actor_id    INTEGER REFERENCES users(id),    -- who accepted or corrected
    kind        TEXT NOT NULL CHECK (kind IN ('consume', 'correction')),
    points      INTEGER NOT NULL,                -- consumed (+) or given back (-)
    request_id  INTEGER REFERENCES work_requests(id),
    case_id     INTEGER REFERENCES cases(id),
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX point_ledger_period ON point_ledger (period_id, at, id);
CREATE INDEX point_ledger_customer ON point_ledger (customer_id, at, id);
