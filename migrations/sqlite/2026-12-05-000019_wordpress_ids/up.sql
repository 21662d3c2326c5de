-- The ids things have in the WordPress they came from, for the WordPress-compatible API
-- (`/wp-json/wp/v2`): links and caches keyed by id keep working. One WordPress site's
-- ids (the first one imported); things born here have none. WordPress numbers posts,
-- pages, attachments and custom types in one sequence, terms in another, users in a third.
ALTER TABLE entries ADD COLUMN wp_id BIGINT;
ALTER TABLE media ADD COLUMN wp_id BIGINT;
ALTER TABLE terms ADD COLUMN wp_id BIGINT;
ALTER TABLE users ADD COLUMN wp_id BIGINT;
CREATE UNIQUE INDEX entries_by_wp_id ON entries (wp_id);
CREATE UNIQUE INDEX media_by_wp_id ON media (wp_id);
CREATE UNIQUE INDEX terms_by_wp_id ON terms (wp_id);
CREATE UNIQUE INDEX users_by_wp_id ON users (wp_id);

-- What earlier imports of that site brought.
UPDATE entries SET wp_id = (
    SELECT CAST(o.source_id AS BIGINT) FROM import_origins o
    WHERE o.kind IN ('entry', 'block') AND o.target_id = entries.id
      AND o.source = (SELECT MIN(source) FROM import_origins WHERE source LIKE 'wordpress:%'));
UPDATE media SET wp_id = (
    SELECT CAST(o.source_id AS BIGINT) FROM import_origins o
    WHERE o.kind = 'media' AND o.target_id = media.id
      AND o.source = (SELECT MIN(source) FROM import_origins WHERE source LIKE 'wordpress:%'));
UPDATE terms SET wp_id = (
    SELECT CAST(o.source_id AS BIGINT) FROM import_origins o
    WHERE o.kind = 'term' AND o.target_id = terms.id
      AND o.source = (SELECT MIN(source) FROM import_origins WHERE source LIKE 'wordpress:%'));
UPDATE users SET wp_id = (
    SELECT CAST(o.source_id AS BIGINT) FROM import_origins o
    WHERE o.kind = 'user' AND o.target_id = users.id
      AND o.source = (SELECT MIN(source) FROM import_origins WHERE source LIKE 'wordpress:%'));
