-- Posts pinned to the top of the front page (WordPress's sticky posts).
ALTER TABLE entries ADD COLUMN sticky BOOLEAN NOT NULL DEFAULT FALSE;
