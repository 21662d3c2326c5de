-- The change feed (GET /api/v1/changes): one row per change of a content item, written in
-- the same transaction as the change, numbered in commit order. `public` says whether
-- anonymous readers see the item after the change, `was_public` before it: anonymous
-- readers of the feed get only the rows where either is true. Rows older than the
-- retention (--changes-days) are pruned; `change_log.purged_through` is the highest id
-- pruned, so that a cursor from before it is told to resync (410).
CREATE TABLE changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TIMESTAMP NOT NULL,
    kind TEXT NOT NULL,
    item_id BIGINT NOT NULL,
    slug TEXT NOT NULL,
    action TEXT NOT NULL,
    public BOOLEAN NOT NULL,
    was_public BOOLEAN NOT NULL,
    user_id BIGINT
);
CREATE INDEX changes_public ON changes (id) WHERE public OR was_public;
CREATE INDEX changes_at ON changes (at);

CREATE TABLE change_log (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    purged_through BIGINT NOT NULL
);
INSERT INTO change_log (id, purged_through) VALUES (1, 0);

-- What is there already, as created (in id order), so that a replay from the start
-- rebuilds it. A page is public only if every page above it is.
INSERT INTO changes (at, kind, item_id, slug, action, public, was_public, user_id)
SELECT e.created_at, e.kind, e.id, e.slug, 'created',
       e.status = 'published' AND e.published_at <= strftime('%Y-%m-%d %H:%M:%f', 'now')
       AND NOT EXISTS (
           SELECT 1 FROM page_details d
           JOIN page_details a ON d.path LIKE a.path || '/%'
           JOIN entries ae ON ae.id = a.entry_id
           WHERE d.entry_id = e.id
             AND NOT (ae.status = 'published'
                      AND ae.published_at <= strftime('%Y-%m-%d %H:%M:%f', 'now'))),
       0, e.author_id
FROM entries e ORDER BY e.id;
