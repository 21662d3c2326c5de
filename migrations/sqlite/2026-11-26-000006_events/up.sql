-- What events have beyond other entries. Times are kept as the editor gave them (local
-- wall-clock times in `timezone`, an IANA name) and, for filtering and ordering, as the
-- UTC instants of the first occurrence and of the end of the last (NULL: never ends).
CREATE TABLE event_details (
    entry_id BIGINT PRIMARY KEY NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    timezone TEXT NOT NULL,
    all_day BOOLEAN NOT NULL,
    starts_local TIMESTAMP NOT NULL,
    -- NULL for an instant event; for all-day events the last day (inclusive).
    ends_local TIMESTAMP,
    -- RFC 5545 RRULE value, or empty.
    rrule TEXT NOT NULL,
    -- JSON lists of local date-times in `timezone`.
    rdates TEXT NOT NULL,
    exdates TEXT NOT NULL,
    starts_utc TIMESTAMP NOT NULL,
    ends_utc TIMESTAMP NOT NULL,
    last_start_utc TIMESTAMP,
    last_end_utc TIMESTAMP,
    -- JSON objects, or NULL.
    venue TEXT,
    organizer TEXT,
    online_url TEXT NOT NULL,
    cost TEXT NOT NULL,
    is_free BOOLEAN NOT NULL,
    ticket_url TEXT NOT NULL,
    -- The iCalendar UID: stable across exports, and the key of `import ics`.
    uid TEXT NOT NULL UNIQUE
);
CREATE INDEX event_details_by_start ON event_details (starts_utc, entry_id);
CREATE INDEX event_details_by_last_start ON event_details (last_start_utc, entry_id);
CREATE INDEX event_details_by_last_end ON event_details (last_end_utc, entry_id);
