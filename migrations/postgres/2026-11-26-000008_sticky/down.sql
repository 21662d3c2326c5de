ALTER TABLE entries DROP COLUMN sticky;
