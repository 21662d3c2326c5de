-- Users who sign in. Authors imported from elsewhere may have no password yet.
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL UNIQUE,
    slug TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'author')),
    password_hash TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Every kind of content lives here (one id space, one lifecycle), like wp_posts.
CREATE TABLE entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    slug TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'pending', 'published', 'private', 'trash')),
    title TEXT NOT NULL,
    excerpt TEXT NOT NULL,
    excerpt_manual BOOLEAN NOT NULL,
    content_html TEXT NOT NULL,
    content_blocks TEXT NOT NULL,
    content_text TEXT NOT NULL,
    author_id BIGINT NOT NULL REFERENCES users (id),
    fields TEXT NOT NULL,
    published_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (kind, slug)
);
CREATE INDEX entries_by_published ON entries (kind, status, published_at, id);
CREATE INDEX entries_by_title ON entries (kind, status, title, id);
CREATE INDEX entries_by_updated ON entries (kind, status, updated_at, id);
CREATE INDEX entries_by_id ON entries (kind, status, id);
CREATE INDEX entries_by_author ON entries (author_id, kind, status, published_at);

CREATE TABLE terms (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    taxonomy TEXT NOT NULL,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    parent_id BIGINT REFERENCES terms (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (taxonomy, slug)
);
CREATE INDEX terms_by_name ON terms (taxonomy, name, id);
CREATE INDEX terms_by_parent ON terms (parent_id);

CREATE TABLE entry_terms (
    entry_id BIGINT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    term_id BIGINT NOT NULL REFERENCES terms (id) ON DELETE CASCADE,
    PRIMARY KEY (entry_id, term_id)
);
CREATE INDEX entry_terms_by_term ON entry_terms (term_id, entry_id);

CREATE TABLE revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id BIGINT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    slug TEXT NOT NULL,
    status TEXT NOT NULL,
    title TEXT NOT NULL,
    excerpt TEXT NOT NULL,
    content_html TEXT NOT NULL,
    content_blocks TEXT NOT NULL,
    published_at TIMESTAMP NOT NULL,
    extra TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX revisions_by_entry ON revisions (entry_id, id);

-- Failed sign-ins per (username, address) and per address, shared by every node.
CREATE TABLE login_throttle (
    key TEXT PRIMARY KEY NOT NULL,
    failures INTEGER NOT NULL,
    window_started_at TIMESTAMP NOT NULL
);

-- Ranked full-text search (FTS5, external content kept in step by triggers).
CREATE VIRTUAL TABLE entries_fts USING fts5 (
    title, excerpt, content_text,
    content = 'entries', content_rowid = 'id', tokenize = 'porter unicode61'
);
CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts (rowid, title, excerpt, content_text)
    VALUES (new.id, new.title, new.excerpt, new.content_text);
END;
CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, excerpt, content_text)
    VALUES ('delete', old.id, old.title, old.excerpt, old.content_text);
END;
CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, excerpt, content_text ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, excerpt, content_text)
    VALUES ('delete', old.id, old.title, old.excerpt, old.content_text);
    INSERT INTO entries_fts (rowid, title, excerpt, content_text)
    VALUES (new.id, new.title, new.excerpt, new.content_text);
END;
