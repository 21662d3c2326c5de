-- What every node checks its response cache against: every write of content bumps it in
-- its own transaction.
CREATE TABLE content_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO content_version (id, version) VALUES (1, 1);

-- How many entries of each kind have each status, and how many published entries of each
-- kind carry each term: kept by every write, so that lists and terms need not count.
CREATE TABLE entry_counts (
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (kind, status)
);
INSERT INTO entry_counts (kind, status, n)
    SELECT kind, status, COUNT(*) FROM entries GROUP BY kind, status;

CREATE TABLE term_counts (
    term_id BIGINT NOT NULL REFERENCES terms (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (term_id, kind)
);
INSERT INTO term_counts (term_id, kind, n)
    SELECT et.term_id, e.kind, COUNT(*) FROM entry_terms et JOIN entries e ON e.id = et.entry_id
    WHERE e.status = 'published' GROUP BY et.term_id, e.kind;

-- Scheduled items (published, with a date still to come), which counts leave out.
CREATE INDEX entries_by_status_date ON entries (status, published_at);

-- What deciding whether a match may be shown reads (kind, status, date, author), so that a
-- search checks its matches in this index and never reads their (large) rows.
CREATE INDEX entries_visible ON entries (id, kind, status, published_at, author_id);
