DROP INDEX entries_visible;
DROP INDEX entries_by_status_date;
DROP TABLE term_counts;
DROP TABLE entry_counts;
DROP TABLE content_version;
