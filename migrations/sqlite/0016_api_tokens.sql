-- The integration API: bearer tokens, the first answers of requests sent
-- with an Idempotency-Key, and the external ids (alarm ids) of raised cases.
--
-- A token is stored as the SHA-256 of its secret only; the secret is shown
-- once when issued. customer_id set: the token sees that customer only.

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    prefix       TEXT NOT NULL,                       -- first characters, to recognise it
    scopes       TEXT NOT NULL,                       -- space separated: cases:read …
    customer_id  INTEGER REFERENCES customers(id),
    created_by   INTEGER NOT NULL REFERENCES users(id),
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER,
    revoked_at   INTEGER,
    last_used_at INTEGER,
    last_used_ip TEXT
);
CREATE INDEX api_tokens_customer ON api_tokens (customer_id, created_at);

-- One row per (token, key): the primary key makes concurrent repeats wait
-- for the first request instead of running twice. status NULL: running.
CREATE TABLE api_idempotency (
    token_id    INTEGER NOT NULL REFERENCES api_tokens(id),
    key         TEXT NOT NULL,
    fingerprint TEXT NOT NULL,                        -- SHA-256 of method, path and body
    created_at  INTEGER NOT NULL,
    status      INTEGER,
    body        TEXT,
    PRIMARY KEY (token_id, key)
);
CREATE INDEX api_idempotency_created ON api_idempotency (created_at);

CREATE TABLE case_external_ids (
    case_id     INTEGER PRIMARY KEY REFERENCES cases(id),
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    external_id TEXT NOT NULL
);
CREATE INDEX case_external_ids_lookup ON case_external_ids (customer_id, external_id);
