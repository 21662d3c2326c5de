ALTER TABLE import_origins DROP COLUMN detached;
DROP TABLE sync_items;
DROP TABLE sync_sites;
