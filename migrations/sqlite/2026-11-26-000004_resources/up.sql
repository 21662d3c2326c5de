-- What resources have beyond other entries. Their types and tags are terms; their
-- downloadable document is in entry_media (role `document`).
CREATE TABLE resource_details (
    entry_id BIGINT PRIMARY KEY NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    summary TEXT NOT NULL,
    publisher TEXT NOT NULL,
    -- BCP 47, normalised (`en`, `pt-BR`), or empty.
    language TEXT NOT NULL,
    external_url TEXT NOT NULL
);
CREATE INDEX resource_details_by_language ON resource_details (language, entry_id);
CREATE INDEX resource_details_by_publisher ON resource_details (LOWER(publisher), entry_id);
