-- Partner sites that embed content: their key (only its SHA-256 is kept), the origins
-- their key lets through CORS, and a request quota per minute.
CREATE TABLE partners (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    key_prefix TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    origins TEXT NOT NULL,
    quota_per_minute INTEGER NOT NULL,
    active BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Requests per partner per minute, shared by every node.
CREATE TABLE partner_usage (
    partner_id BIGINT NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    window_start TIMESTAMP NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (partner_id, window_start)
);
