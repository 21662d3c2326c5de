-- API tokens (/api/v1/tokens): long-lived, named credentials for build servers and
-- services, each with scopes. Only a SHA-256 of the token is kept; `prefix` is its first
-- characters, for people to tell tokens apart. Looked up on every request, so a deleted
-- token stops working at once on every node.
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    scopes TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP,
    last_used_at TIMESTAMP
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Preview links (/api/v1/{collection}/{id}/previews): a short-lived token that reads one
-- item as its editors see it, and nothing else.
CREATE TABLE previews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    item_id BIGINT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    created_by BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX previews_item ON previews (item_id);
