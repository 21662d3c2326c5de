DROP TRIGGER terms_count_update ON terms;
DROP TRIGGER terms_count ON terms;
DROP FUNCTION terms_count();
DROP TABLE taxonomy_counts;
