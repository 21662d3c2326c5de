//! Events: schedules in an IANA time zone with RFC 5545 recurrence, venues and organizers,
//! the expansion of their occurrences, and iCalendar feeds written and read.

pub mod changes;
pub mod details;
pub mod feed;
pub mod ical;
pub mod occurrences;
pub mod schedule;
pub mod venue;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::content::Kind;
use crate::content::entry::Entry;
use crate::content::kind::ContentKind;
use crate::content::list::{EntryQuery, SortKey};
use crate::db::DbConn;
use crate::db::schema::event_details;
use crate::db::sql::{Sql, Value};
use crate::error::{Error, Result};

pub use changes::EventChanges;
pub use details::EventDetails;
pub use venue::{Organizer, Venue};

pub struct Events;

/// Filters of events only: with the current time, the upcoming and the past events.
#[derive(Clone, Debug, Default)]
pub struct EventFilter {
    /// Only events with an occurrence starting at or after this instant.
    starts_after: Option<DateTime<Utc>>,
    /// Only events whose first occurrence starts before this instant.
    starts_before: Option<DateTime<Utc>>,
}

impl EventFilter {
    /// The bounds of a list; `starts_before` must be later than `starts_after`.
    pub fn new(
        starts_after: Option<DateTime<Utc>>,
        starts_before: Option<DateTime<Utc>>,
    ) -> Result<EventFilter> {
        if let (Some(a), Some(b)) = (starts_after, starts_before)
            && a >= b
        {
            return Err(Error::invalid_query(
                "starts_before",
                "must be later than `starts_after`",
            ));
        }
        Ok(EventFilter {
            starts_after,
            starts_before,
        })
    }
}

impl ContentKind for Events {
    const KIND: Kind = Kind::Event;
    const DEFAULT_ORDER: SortKey = SortKey::KindTime;
    type Details = HashMap<i64, EventDetails>;
    type Changes = EventChanges;
    type Filter = EventFilter;

    fn load_details(conn: &mut DbConn, entries: &[Entry]) -> Result<Self::Details> {
        let ids: Vec<i64> = entries.iter().map(|e| e.id).collect();
        let rows: Vec<EventDetails> = event_details::table
            .filter(event_details::entry_id.eq_any(&ids))
            .select(EventDetails::as_select())
            .load(conn)?;
        Ok(rows.into_iter().map(|d| (d.entry_id, d)).collect())
    }

    fn save(conn: &mut DbConn, entry: &Entry, c: EventChanges, created: bool) -> Result<()> {
        changes::save(conn, entry, c, created)
    }

    fn narrow(query: &mut EntryQuery, filter: EventFilter) {
        query.join = Some(" JOIN event_details x ON x.entry_id = e.id");
        query.sort_time = Some("x.starts_utc");
        if let Some(a) = filter.starts_after {
            let mut c = Sql::new("(x.last_start_utc IS NULL OR x.last_start_utc >= ");
            c.bind(Value::Time(a.naive_utc())).push(")");
            query.conditions.push(c);
        }
        if let Some(b) = filter.starts_before {
            let mut c = Sql::new("x.starts_utc < ");
            c.bind(Value::Time(b.naive_utc()));
            query.conditions.push(c);
        }
    }
}
