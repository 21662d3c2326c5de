-- How many terms each taxonomy has, kept by triggers on every insert and delete of a term
-- (the API, imports, generate alike), so that the total of a term list is read, not
-- counted over thousands of tags.
CREATE TABLE taxonomy_counts (
    taxonomy TEXT PRIMARY KEY,
    n BIGINT NOT NULL
);
INSERT INTO taxonomy_counts (taxonomy, n) SELECT taxonomy, COUNT(*) FROM terms GROUP BY taxonomy;

CREATE TRIGGER terms_count_insert AFTER INSERT ON terms BEGIN
    INSERT INTO taxonomy_counts (taxonomy, n) VALUES (new.taxonomy, 1)
    ON CONFLICT (taxonomy) DO UPDATE SET n = taxonomy_counts.n + 1;
END;
CREATE TRIGGER terms_count_delete AFTER DELETE ON terms BEGIN
    UPDATE taxonomy_counts SET n = n - 1 WHERE taxonomy = old.taxonomy;
END;
CREATE TRIGGER terms_count_update AFTER UPDATE OF taxonomy ON terms
WHEN old.taxonomy <> new.taxonomy BEGIN
    UPDATE taxonomy_counts SET n = n - 1 WHERE taxonomy = old.taxonomy;
    INSERT INTO taxonomy_counts (taxonomy, n) VALUES (new.taxonomy, 1)
    ON CONFLICT (taxonomy) DO UPDATE SET n = taxonomy_counts.n + 1;
END;
