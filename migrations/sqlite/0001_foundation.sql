-- The first schema: the provider's settings, customers, services, contracts,
-- users (customer users and provider staff), sessions and the audit trail.
-- Times are integer seconds since the Unix epoch (UTC), dates are ISO
-- 'YYYY-MM-DD' text: both mean the same in SQLite and PostgreSQL.

CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE customers (
    id         INTEGER PRIMARY KEY,
    number     TEXT NOT NULL UNIQUE,          -- お客様番号, e.g. N200000001
    name       TEXT NOT NULL,                 -- ご契約者名
    created_at INTEGER NOT NULL
);

CREATE TABLE services (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,          -- stable key, e.g. cspm
    name_ja    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    portal_url TEXT,                          -- the service's own portal, if any
    has_points INTEGER NOT NULL DEFAULT 0 CHECK (has_points IN (0, 1))
);

CREATE TABLE contracts (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers(id),
    service_id   INTEGER NOT NULL REFERENCES services(id),
    kind         TEXT NOT NULL,               -- 種別
    plan         TEXT NOT NULL,               -- ご契約プラン
    start_date   TEXT NOT NULL,               -- ご契約開始日
    renewal_date TEXT,                        -- 次回契約更新日
    created_at   INTEGER NOT NULL,
    UNIQUE (customer_id, service_id)
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE,       -- ユーザーID, unique across the portal
    customer_id   INTEGER REFERENCES customers(id), -- NULL for provider staff
    is_staff      INTEGER NOT NULL DEFAULT 0 CHECK (is_staff IN (0, 1)),
    is_admin      INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
    name          TEXT NOT NULL,
    email         TEXT NOT NULL,
    title         TEXT NOT NULL DEFAULT '',
    phone_work    TEXT NOT NULL DEFAULT '',
    phone_mobile  TEXT NOT NULL DEFAULT '',
    lang          TEXT NOT NULL DEFAULT 'ja' CHECK (lang IN ('ja', 'en')),
    time_zone     TEXT NOT NULL DEFAULT 'Asia/Tokyo',
    password_hash TEXT,                       -- Argon2id string; NULL until set
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    mfa_required  INTEGER NOT NULL DEFAULT 0 CHECK (mfa_required IN (0, 1)),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    CHECK ((is_staff = 1 AND customer_id IS NULL) OR (is_staff = 0 AND customer_id IS NOT NULL)),
    CHECK (length(login) BETWEEN 1 AND 40)
);
CREATE INDEX users_customer ON users (customer_id, name);

CREATE TABLE sessions (
    id_hash    TEXT PRIMARY KEY,              -- hex SHA-256 of the cookie value
    user_id    INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    seen_at    INTEGER NOT NULL,
    ip         TEXT NOT NULL,
    user_agent TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_seen ON sessions (seen_at);

CREATE TABLE audit_events (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    event       TEXT NOT NULL,                -- e.g. login.success, login.failure
    actor_id    INTEGER REFERENCES users(id), -- who did it, if known
    customer_id INTEGER REFERENCES customers(id), -- whose data it concerns
    login       TEXT NOT NULL DEFAULT '',     -- the user ID as typed or known
    ip          TEXT NOT NULL DEFAULT '',
    user_agent  TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_customer_at ON audit_events (customer_id, at);
CREATE INDEX audit_actor_at ON audit_events (actor_id, at);
