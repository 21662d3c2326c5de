DROP INDEX entries_search;
ALTER TABLE entries DROP COLUMN search_vector;
CREATE INDEX entries_search ON entries USING GIN ((
    setweight(to_tsvector('english', title), 'A')
    || setweight(to_tsvector('english', excerpt), 'B')
    || setweight(to_tsvector('english', content_text), 'C')
));
DROP INDEX entries_by_status_date;
DROP TABLE term_counts;
DROP TABLE entry_counts;
DROP TABLE content_version;
