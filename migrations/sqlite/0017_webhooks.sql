-- Webhooks: the provider's endpoints and the outbox of their deliveries.
--
-- A delivery is a row written in the same transaction as the case change
-- that causes it, so a crash never loses one nor sends one for a change
-- that was rolled back. The sender (src/webhooks/sender.c) claims a row by
-- setting locked_until and lease in one conditional UPDATE, so several
-- portal instances sharing the table never deliver the same row at once.
-- Times are integer seconds since the Unix epoch (UTC).

CREATE TABLE webhook_endpoints (
    id               INTEGER PRIMARY KEY,
    url              TEXT NOT NULL,
    secret_sealed    TEXT NOT NULL,                 -- secretbox under the sealing key
    events           TEXT NOT NULL,                 -- space separated: case.created …
    include_internal INTEGER NOT NULL DEFAULT 0,    -- internal notes are sent too
    enabled          INTEGER NOT NULL DEFAULT 1,
    created_by       INTEGER NOT NULL REFERENCES users(id),
    created_at       INTEGER NOT NULL
);

CREATE TABLE webhook_deliveries (
    id              INTEGER PRIMARY KEY,
    endpoint_id     INTEGER NOT NULL REFERENCES webhook_endpoints(id),
    event_id        TEXT NOT NULL,                  -- the payload's id; kept by a redelivery
    event           TEXT NOT NULL,
    payload         TEXT NOT NULL,                  -- the exact bytes signed and sent
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,                        -- NULL once delivered or failed
    locked_until    INTEGER,                        -- a sender holds it until then
    lease           TEXT,                           -- which claim holds it
    delivered_at    INTEGER,
    failed_at       INTEGER,                        -- given up after 24 hours
    status_code     INTEGER,                        -- of the last attempt; 0: no answer
    last_error      TEXT
);
-- Only rows still to deliver are indexed: the sender's lookup stays small.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
    WHERE next_attempt_at IS NOT NULL;
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);
