-- The case lifecycle after the forms: satisfaction ratings and auto-close.
--
-- Satisfaction after a case closes: the contact is asked once per case (a
-- mail with a signed single-use link) and may answer 1 to 5 with a comment.
-- The row is made when the case closes; score and rated_at stay NULL until
-- the answer. The agent is the case's assignee when it closed.
CREATE TABLE case_ratings (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL UNIQUE REFERENCES cases(id),
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    contact_id  INTEGER REFERENCES users(id),
    agent_id    INTEGER REFERENCES users(id),
    asked_at    INTEGER NOT NULL,
    score       INTEGER CHECK (score BETWEEN 1 AND 5),
    comment     TEXT NOT NULL DEFAULT '',
    rated_at    INTEGER,
    CHECK ((score IS NULL) = (rated_at IS NULL))
);
CREATE INDEX case_ratings_rated ON case_ratings (rated_at);

-- The rating links are one-time tokens like the others: their kind joins
-- the list (SQLite changes a CHECK by rebuilding the table).
CREATE TABLE user_tokens_new (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('reset', 'email', 'trust', 'rating')),
    token_hash TEXT NOT NULL UNIQUE,          -- hex SHA-256 of the token
    user_id    INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER,
    data       TEXT NOT NULL DEFAULT ''       -- an e-mail change's address; a rating's id
);
INSERT INTO user_tokens_new (id, kind, token_hash, user_id, created_at, expires_at, used_at, data)
    SELECT id, kind, token_hash, user_id, created_at, expires_at, used_at, data FROM user_tokens;
DROP TABLE user_tokens;
ALTER TABLE user_tokens_new RENAME TO user_tokens;
CREATE INDEX user_tokens_user ON user_tokens (user_id, kind);

-- Resolved cases close by themselves after the provider's number of days
-- without an answer: when each was resolved, and when its contact was told
-- that it will close. Existing resolved cases count from their last change.
ALTER TABLE cases ADD COLUMN resolved_at INTEGER;
ALTER TABLE cases ADD COLUMN close_warned_at INTEGER;
UPDATE cases SET resolved_at = updated_at WHERE state = 'resolved';
CREATE INDEX cases_resolved ON cases (resolved_at) WHERE state = 'resolved';
