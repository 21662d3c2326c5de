-- A batch of writes (an import, `generate`) indexes the entries it creates for full-text
-- search once, at its end, instead of item by item: FTS5 writes its pending index to disk
-- at every savepoint, and every item is written in one, so item by item the index becomes
-- thousands of tiny segments to write and merge. While a batch runs, `since` holds the
-- largest entry id from before it; entries above it are left to the batch's end (see
-- content::items::batched), and NULL means no batch runs.
CREATE TABLE entries_fts_batch (since BIGINT);
INSERT INTO entries_fts_batch (since) VALUES (NULL);

DROP TRIGGER entries_fts_insert;
DROP TRIGGER entries_fts_delete;
DROP TRIGGER entries_fts_update;
CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries
WHEN (SELECT since FROM entries_fts_batch) IS NULL BEGIN
    INSERT INTO entries_fts (rowid, title, excerpt, content_text)
    VALUES (new.id, new.title, new.excerpt, new.content_text);
END;
CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries
WHEN coalesce(old.id <= (SELECT since FROM entries_fts_batch), 1) BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, excerpt, content_text)
    VALUES ('delete', old.id, old.title, old.excerpt, old.content_text);
END;
CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, excerpt, content_text ON entries
WHEN coalesce(old.id <= (SELECT since FROM entries_fts_batch), 1) BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, excerpt, content_text)
    VALUES ('delete', old.id, old.title, old.excerpt, old.content_text);
    INSERT INTO entries_fts (rowid, title, excerpt, content_text)
    VALUES (new.id, new.title, new.excerpt, new.content_text);
END;
