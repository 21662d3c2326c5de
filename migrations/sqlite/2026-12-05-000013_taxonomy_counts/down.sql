DROP TRIGGER terms_count_update;
DROP TRIGGER terms_count_delete;
DROP TRIGGER terms_count_insert;
DROP TABLE taxonomy_counts;
