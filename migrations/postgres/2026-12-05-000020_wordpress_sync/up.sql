-- Live sync from a running WordPress (`headpress sync wordpress`): the sites kept in step
-- (with the run's lease, so that one node of several syncs at a time), and what the last
-- run saw of each of their items (when WordPress last changed it, and its status), so a
-- run fetches only what changed and notices what WordPress deleted.
CREATE TABLE sync_sites (
    source TEXT PRIMARY KEY NOT NULL,
    url TEXT NOT NULL,
    started_at TIMESTAMP,
    finished_at TIMESTAMP,
    last_error TEXT,
    lease_until TIMESTAMP,
    lease_holder TEXT
);

CREATE TABLE sync_items (
    source TEXT NOT NULL,
    rest_base TEXT NOT NULL,
    wp_id BIGINT NOT NULL,
    stamp TEXT NOT NULL,
    PRIMARY KEY (source, rest_base, wp_id)
);

-- An item an administrator took over in headpress: sync leaves it alone from then on.
ALTER TABLE import_origins ADD COLUMN detached BOOLEAN NOT NULL DEFAULT FALSE;
