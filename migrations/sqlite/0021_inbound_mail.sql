-- Replies by e-mail become case comments.
--
-- A notification to a contact carries a Reply-To address with a signed
-- token of the case and the recipient; the outbox keeps that address for
-- the header ('' for none).
ALTER TABLE outbox ADD COLUMN reply_to TEXT NOT NULL DEFAULT '';

-- Where an entry of a case's activity came from: '' the portal, the
-- console or the API; 'mail' a reply by e-mail (shown as such).
ALTER TABLE case_activity ADD COLUMN via TEXT NOT NULL DEFAULT '' CHECK (via IN ('', 'mail'));

-- Every inbound message handled, whatever became of it, so that nothing is
-- lost silently and a second delivery of the same message does nothing.
-- msg_key: the Message-ID, or "sha256:" and the hash of the bytes when the
-- message has none. outcome: accepted (a comment was written), refused (a
-- bounce was queued unless the sender could not take one), ignored (an
-- auto-reply or a loop: no bounce). reason: a short code of why.
CREATE TABLE inbound_mail (
    id          INTEGER PRIMARY KEY,
    received_at INTEGER NOT NULL,
    msg_key     TEXT NOT NULL UNIQUE,
    from_addr   TEXT NOT NULL,
    subject     TEXT NOT NULL DEFAULT '',
    outcome     TEXT NOT NULL CHECK (outcome IN ('accepted', 'refused', 'ignored')),
    reason      TEXT NOT NULL DEFAULT '',
    case_id     INTEGER REFERENCES cases(id),
    user_id     INTEGER REFERENCES users(id)
);
CREATE INDEX inbound_mail_received ON inbound_mail (received_at);
