-- How many terms each taxonomy has, kept by a trigger on every insert and delete of a term
-- (the API, imports, generate alike), so that the total of a term list is read, not
-- counted over thousands of tags.
CREATE TABLE taxonomy_counts (
    taxonomy TEXT PRIMARY KEY,
    n BIGINT NOT NULL
);
INSERT INTO taxonomy_counts (taxonomy, n) SELECT taxonomy, COUNT(*) FROM terms GROUP BY taxonomy;

CREATE FUNCTION terms_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE taxonomy_counts SET n = n - 1 WHERE taxonomy = OLD.taxonomy;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO taxonomy_counts (taxonomy, n) VALUES (NEW.taxonomy, 1)
        ON CONFLICT (taxonomy) DO UPDATE SET n = taxonomy_counts.n + 1;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER terms_count AFTER INSERT OR DELETE ON terms
    FOR EACH ROW EXECUTE FUNCTION terms_count();
CREATE TRIGGER terms_count_update AFTER UPDATE OF taxonomy ON terms
    FOR EACH ROW WHEN (OLD.taxonomy IS DISTINCT FROM NEW.taxonomy) EXECUTE FUNCTION terms_count();
