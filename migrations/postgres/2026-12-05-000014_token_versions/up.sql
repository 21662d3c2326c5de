-- A user's tokens carry the version they were issued under; a password or role change,
-- or signing out everywhere, moves it on and every older token is refused.
ALTER TABLE users ADD COLUMN token_version BIGINT NOT NULL DEFAULT 0;
