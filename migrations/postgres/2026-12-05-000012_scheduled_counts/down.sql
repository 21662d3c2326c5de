DROP TABLE scheduled_entries;
CREATE INDEX entries_by_status_date ON entries (status, published_at);

DELETE FROM entry_counts;
INSERT INTO entry_counts (kind, status, n)
    SELECT kind, status, COUNT(*) FROM entries GROUP BY kind, status;

DELETE FROM term_counts;
INSERT INTO term_counts (term_id, kind, n)
    SELECT et.term_id, e.kind, COUNT(*) FROM entry_terms et JOIN entries e ON e.id = et.entry_id
    WHERE e.status = 'published' GROUP BY et.term_id, e.kind;
