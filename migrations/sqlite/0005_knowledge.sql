-- Knowledge (ナレッジ) and announcements (お知らせ): knowledge bases (each of
-- one service, or common to every service when service_id is NULL),
-- categories, articles numbered KB + 7 digits (allocated from kb_counters
-- inside the creating transaction, so without gaps), their attachments
-- (files of the content-addressed store), the targets of announcements, the
-- banners each user closed, and the full-text index.
-- Times are integer seconds since the Unix epoch (UTC).

CREATE TABLE kb_bases (
    id               INTEGER PRIMARY KEY,
    service_id       INTEGER REFERENCES services(id),  -- NULL: every service (サービス共通)
    name_ja          TEXT NOT NULL,
    name_en          TEXT NOT NULL,
    is_announcements INTEGER NOT NULL DEFAULT 0 CHECK (is_announcements IN (0, 1)),
    created_at       INTEGER NOT NULL
);
CREATE INDEX kb_bases_service ON kb_bases (service_id);

CREATE TABLE kb_categories (
    id       INTEGER PRIMARY KEY,
    kb_id    INTEGER NOT NULL REFERENCES kb_bases(id),
    name_ja  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX kb_categories_kb ON kb_categories (kb_id, position);

CREATE TABLE kb_counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO kb_counters (name, value) VALUES ('article', 0);

-- An article's texts live in kb_texts: kb_articles keeps small rows (many
-- to a page), which the search reads for thousands of matches without
-- touching the long bodies. The title is in both: lists sort by it.
CREATE TABLE kb_articles (
    id           INTEGER PRIMARY KEY,
    number       TEXT NOT NULL UNIQUE,            -- KB0000001
    kb_id        INTEGER NOT NULL REFERENCES kb_bases(id),
    category_id  INTEGER REFERENCES kb_categories(id),
    lang         TEXT NOT NULL CHECK (lang IN ('ja', 'en')),
    author_id    INTEGER NOT NULL REFERENCES users(id),
    state        TEXT NOT NULL DEFAULT 'draft'
                 CHECK (state IN ('draft', 'published', 'retired')),
    published_at INTEGER,                          -- first publication
    views        INTEGER NOT NULL DEFAULT 0,
    -- Announcements: the banner's window, and who it is for.
    show_from    INTEGER,
    show_until   INTEGER,
    target       TEXT NOT NULL DEFAULT 'all' CHECK (target IN ('all', 'services', 'customers')),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    title        TEXT NOT NULL
);

CREATE TABLE kb_texts (
    article_id INTEGER PRIMARY KEY REFERENCES kb_articles(id),
    title      TEXT NOT NULL,
    plain      TEXT NOT NULL,                     -- the body as text: indexed, snippets
    body       TEXT NOT NULL                      -- Markdown
);
CREATE INDEX kb_articles_kb ON kb_articles (kb_id, state, published_at);
CREATE INDEX kb_articles_author ON kb_articles (author_id, state);
CREATE INDEX kb_articles_published ON kb_articles (state, published_at);
-- Broad searches walk these in the order shown (store/knowledge.c).
CREATE INDEX kb_articles_views ON kb_articles (state, views);
CREATE INDEX kb_articles_title ON kb_articles (state, title);

CREATE TABLE kb_article_services (
    article_id INTEGER NOT NULL REFERENCES kb_articles(id),
    service_id INTEGER NOT NULL REFERENCES services(id),
    PRIMARY KEY (article_id, service_id)
);

CREATE TABLE kb_article_customers (
    article_id  INTEGER NOT NULL REFERENCES kb_articles(id),
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    PRIMARY KEY (article_id, customer_id)
);

CREATE TABLE kb_attachments (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES kb_articles(id),
    filename   TEXT NOT NULL,                     -- as uploaded, often Japanese
    sha256     TEXT NOT NULL,                     -- the file in the store
    size       INTEGER NOT NULL,
    mime       TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX kb_attachments_article ON kb_attachments (article_id);

CREATE TABLE kb_dismissals (
    user_id    INTEGER NOT NULL REFERENCES users(id),
    article_id INTEGER NOT NULL REFERENCES kb_articles(id),
    at         INTEGER NOT NULL,
    PRIMARY KEY (user_id, article_id)
);

-- Substring search in every language: trigrams (SQLite 3.34+). The
-- PostgreSQL backend uses pg_trgm for the same queries.
CREATE VIRTUAL TABLE kb_fts USING fts5 (
    title, plain, content = 'kb_texts', content_rowid = 'article_id', tokenize = 'trigram'
);
CREATE TRIGGER kb_texts_ai AFTER INSERT ON kb_texts BEGIN
    INSERT INTO kb_fts (rowid, title, plain) VALUES (new.article_id, new.title, new.plain);
END;
CREATE TRIGGER kb_texts_ad AFTER DELETE ON kb_texts BEGIN
    INSERT INTO kb_fts (kb_fts, rowid, title, plain)
        VALUES ('delete', old.article_id, old.title, old.plain);
END;
CREATE TRIGGER kb_texts_au AFTER UPDATE ON kb_texts BEGIN
    INSERT INTO kb_fts (kb_fts, rowid, title, plain)
        VALUES ('delete', old.article_id, old.title, old.plain);
    INSERT INTO kb_fts (rowid, title, plain) VALUES (new.article_id, new.title, new.plain);
END;
