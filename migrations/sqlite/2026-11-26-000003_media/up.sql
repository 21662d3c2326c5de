-- Uploaded files. The bytes live in storage under `storage_key` (uploads/YYYY/MM/...).
CREATE TABLE media (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    alt_text TEXT NOT NULL,
    caption TEXT NOT NULL,
    file_name TEXT NOT NULL,
    storage_key TEXT NOT NULL UNIQUE,
    mime_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    width INTEGER,
    height INTEGER,
    author_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX media_by_created ON media (created_at, id);
CREATE INDEX media_by_mime ON media (mime_type, id);

-- Which items use which media, and as what (`featured`, `document`, a field's name).
-- Every kind reads its media relations from here, so "where is this file used" is one query.
CREATE TABLE entry_media (
    entry_id BIGINT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    media_id BIGINT NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    PRIMARY KEY (entry_id, role, media_id)
);
CREATE INDEX entry_media_by_media ON entry_media (media_id, entry_id);
