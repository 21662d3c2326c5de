//! What an event keeps beyond its entry: the schedule in its zone (with the UTC bounds
//! lists filter on), venue, organizer, tickets and its iCalendar UID.

use chrono::{NaiveDateTime, Utc};
use chrono_tz::Tz;
use diesel::prelude::*;

use crate::db::schema::event_details;
use crate::events::schedule::{Occurrence, Schedule};
use crate::events::venue::{Organizer, Venue};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = event_details, treat_none_as_null = true)]
pub struct EventDetails {
    pub entry_id: i64,
    pub timezone: String,
    pub all_day: bool,
    pub starts_local: NaiveDateTime,
    pub ends_local: Option<NaiveDateTime>,
    pub rrule: String,
    pub rdates: String,
    pub exdates: String,
    pub starts_utc: NaiveDateTime,
    pub ends_utc: NaiveDateTime,
    pub last_start_utc: Option<NaiveDateTime>,
    pub last_end_utc: Option<NaiveDateTime>,
    pub venue: Option<String>,
    pub organizer: Option<String>,
    pub online_url: String,
    pub cost: String,
    pub is_free: bool,
    pub ticket_url: String,
    pub uid: String,
}

fn local_list(raw: &str) -> Vec<NaiveDateTime> {
    serde_json::from_str(raw).unwrap_or_default()
}

impl EventDetails {
    /// The schedule as stored (checked when written).
    pub fn schedule(&self) -> Schedule {
        Schedule {
            timezone: self.timezone.parse().unwrap_or(Tz::UTC),
            all_day: self.all_day,
            start: self.starts_local,
            end: self.ends_local,
            rrule: Some(self.rrule.clone()).filter(|r| !r.is_empty()),
            rdates: local_list(&self.rdates),
            exdates: local_list(&self.exdates),
        }
    }

    pub fn venue(&self) -> Option<Venue> {
        self.venue
            .as_deref()
            .and_then(|v| serde_json::from_str(v).ok())
    }

    pub fn organizer(&self) -> Option<Organizer> {
        self.organizer
            .as_deref()
            .and_then(|v| serde_json::from_str(v).ok())
    }

    pub(super) fn set_schedule(&mut self, s: &Schedule) {
        let first_start = s.start_utc();
        let first_end = s.end_utc();
        let last_end = s.last_end_utc();
        self.timezone = s.timezone.name().to_owned();
        self.all_day = s.all_day;
        self.starts_local = s.start;
        self.ends_local = s.end;
        self.rrule = s.rrule.clone().unwrap_or_default();
        self.rdates = serde_json::to_string(&s.rdates).unwrap_or_else(|_| "[]".into());
        self.exdates = serde_json::to_string(&s.exdates).unwrap_or_else(|_| "[]".into());
        self.starts_utc = first_start.naive_utc();
        self.ends_utc = first_end.naive_utc();
        self.last_end_utc = last_end.map(|t| t.naive_utc());
        // Every occurrence lasts as long as the first.
        self.last_start_utc = last_end.map(|t| (t - (first_end - first_start)).naive_utc());
    }
}

/// The next occurrence that has not ended yet (for a recurring event, the one to show in
/// "upcoming" lists), or `None` when all are over.
pub fn next_occurrence(s: &Schedule) -> Option<Occurrence> {
    let now = Utc::now();
    let far = now + chrono::Duration::days(366 * 100);
    s.occurrences(now, far, 1).into_iter().next()
}
