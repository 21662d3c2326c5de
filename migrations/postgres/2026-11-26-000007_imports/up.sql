-- Where imported things came from, so that a second import updates them instead of
-- making copies: (source, kind, source id) -> the id given here, and a fingerprint of
-- what was imported last (unchanged sources are skipped).
CREATE TABLE import_origins (
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    source_id TEXT NOT NULL,
    target_id BIGINT NOT NULL,
    fingerprint TEXT NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    PRIMARY KEY (source, kind, source_id)
);
CREATE INDEX import_origins_by_target ON import_origins (kind, target_id);
