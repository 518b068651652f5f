-- The mail outbox: every mail the portal sends is first a row here, written
-- in the same transaction as the change that causes it, then delivered by
-- the background sender (src/mail/sender.c). A row is never deleted by the
-- sender: sent_at marks it done, so an undelivered mail is never lost.
-- Times are integer seconds since the Unix epoch (UTC).

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    created_at      INTEGER NOT NULL,          -- also the Date: header
    to_addr         TEXT NOT NULL,
    to_name         TEXT NOT NULL DEFAULT '',
    lang            TEXT NOT NULL CHECK (lang IN ('ja', 'en')),
    subject         TEXT NOT NULL,
    body_text       TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0, -- delivery attempts so far
    next_attempt_at INTEGER NOT NULL,          -- not tried again before this
    claimed_until   INTEGER,                   -- a sender is delivering it until then
    sent_at         INTEGER,                   -- NULL until delivered
    last_error      TEXT                       -- why the last attempt failed
);
-- Only unsent rows are indexed: the sender's "due and unsent" lookup stays
-- small however many mails were sent before.
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL;
