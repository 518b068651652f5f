-- Account security: lockouts and reset blocks keyed by the user ID as typed
-- (so that their answers are the same for IDs that do not exist), one-time
-- tokens (password reset and invitation, e-mail change, trusted browsers),
-- TOTP secrets (encrypted), and the MFA stage of a session.

CREATE TABLE login_guards (
    login               TEXT PRIMARY KEY,     -- lower-cased user ID as typed
    failures            INTEGER NOT NULL DEFAULT 0,  -- consecutive wrong passwords
    locked_until        INTEGER NOT NULL DEFAULT 0,
    reset_failures      INTEGER NOT NULL DEFAULT 0,  -- consecutive failed verifications
    reset_blocked_until INTEGER NOT NULL DEFAULT 0,
    reset_done_at       INTEGER NOT NULL DEFAULT 0,  -- last completed reset
    updated_at          INTEGER NOT NULL
);

CREATE TABLE user_tokens (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('reset', 'email', 'trust')),
    token_hash TEXT NOT NULL UNIQUE,          -- hex SHA-256 of the token
    user_id    INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER,
    data       TEXT NOT NULL DEFAULT ''       -- the new address of an e-mail change
);
CREATE INDEX user_tokens_user ON user_tokens (user_id, kind);

ALTER TABLE users ADD COLUMN totp_secret TEXT;       -- sealed: base64(nonce || box)
ALTER TABLE users ADD COLUMN totp_pending TEXT;      -- sealed, until the pairing code
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN password_changed_at INTEGER NOT NULL DEFAULT 0;

ALTER TABLE sessions ADD COLUMN stage TEXT NOT NULL DEFAULT 'full'
    CHECK (stage IN ('mfa', 'full'));
ALTER TABLE sessions ADD COLUMN mfa_method TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN mfa_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN mfa_trust INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN email_code_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN email_code_expires INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN email_code_sent_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN next_path TEXT NOT NULL DEFAULT '/';

CREATE INDEX audit_ip_at ON audit_events (ip, at);
CREATE INDEX users_email ON users (email);
