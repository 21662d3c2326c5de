-- What pages have beyond other entries: their place in the page tree.
CREATE TABLE page_details (
    entry_id BIGINT PRIMARY KEY NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    parent_id BIGINT REFERENCES entries (id) ON DELETE SET NULL,
    menu_order INTEGER NOT NULL,
    template TEXT NOT NULL,
    -- The slugs from the top of the tree down, `about/team`; kept by the application.
    path TEXT NOT NULL
);
CREATE INDEX page_details_by_parent ON page_details (parent_id, menu_order, entry_id);
CREATE UNIQUE INDEX page_details_by_path ON page_details (path);
