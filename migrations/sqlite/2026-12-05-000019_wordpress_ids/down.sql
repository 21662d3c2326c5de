DROP INDEX users_by_wp_id;
DROP INDEX terms_by_wp_id;
DROP INDEX media_by_wp_id;
DROP INDEX entries_by_wp_id;
ALTER TABLE users DROP COLUMN wp_id;
ALTER TABLE terms DROP COLUMN wp_id;
ALTER TABLE media DROP COLUMN wp_id;
ALTER TABLE entries DROP COLUMN wp_id;
