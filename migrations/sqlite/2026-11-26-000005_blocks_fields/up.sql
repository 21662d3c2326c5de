-- Which reusable blocks (entries of kind `block`) an item's block tree refers to, so that
-- a page of items resolves its references in one query and a block can list its usages.
-- No foreign key on block_id: a reference may outlive its block (it then renders nothing).
CREATE TABLE block_refs (
    entry_id BIGINT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    block_id BIGINT NOT NULL,
    PRIMARY KEY (entry_id, block_id)
);
CREATE INDEX block_refs_by_block ON block_refs (block_id, entry_id);

-- Typed custom-field definitions (like ACF field groups). `fields` and `location` are JSON.
CREATE TABLE field_groups (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    fields TEXT NOT NULL,
    location TEXT NOT NULL,
    position INTEGER NOT NULL,
    active BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- The scalar field values of every item, one row per value (a list gives several rows),
-- so lists filter and sort on them with an index on both databases. Kept in step with
-- entries.fields and the field groups on every write.
CREATE TABLE field_values (
    entry_id BIGINT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    seq INTEGER NOT NULL,
    num DOUBLE PRECISION,
    text TEXT,
    PRIMARY KEY (entry_id, name, seq)
);
CREATE INDEX field_values_by_text ON field_values (name, text, entry_id);
CREATE INDEX field_values_by_num ON field_values (name, num, entry_id);
