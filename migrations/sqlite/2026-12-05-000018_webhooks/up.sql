-- Webhooks (/api/v1/webhooks): subscriptions, and their deliveries, which double as the
-- transactional outbox: a change's deliveries are written in the transaction of the
-- change, and a worker on some node sends them (each claimed by one node at a time).
CREATE TABLE webhooks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    url TEXT NOT NULL,
    description TEXT NOT NULL,
    events TEXT NOT NULL,
    secret TEXT NOT NULL,
    include_drafts BOOLEAN NOT NULL,
    enabled BOOLEAN NOT NULL,
    disabled_reason TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id BIGINT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    msg_id TEXT NOT NULL,
    event TEXT NOT NULL,
    kind TEXT NOT NULL,
    item_id BIGINT NOT NULL,
    slug TEXT NOT NULL,
    change_id BIGINT,
    public BOOLEAN NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP,
    last_status INTEGER,
    last_error TEXT,
    last_duration_ms INTEGER,
    created_at TIMESTAMP NOT NULL,
    delivered_at TIMESTAMP
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, id);
CREATE INDEX webhook_deliveries_item ON webhook_deliveries (webhook_id, kind, item_id, status);
