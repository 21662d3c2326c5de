//! An event's own part of a write: schedule members merged with the stored ones and
//! checked together, venue, organizer, tickets and cost.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::content::entry::Entry;
use crate::content::html::check_url;
use crate::db::DbConn;
use crate::db::schema::event_details;
use crate::error::{Error, FieldError, Result};
use crate::events::details::EventDetails;
use crate::events::schedule::{Schedule, ScheduleInput};
use crate::events::venue::{Organizer, Venue};

/// The event's own part of a write. Schedule members are merged with the stored ones
/// and checked together.
#[derive(Debug, Default)]
pub struct EventChanges {
    pub timezone: Option<String>,
    pub all_day: Option<bool>,
    pub starts_at: Option<String>,
    pub ends_at: Option<Option<String>>,
    pub rrule: Option<Option<String>>,
    pub rdates: Option<Vec<String>>,
    pub exdates: Option<Vec<String>>,
    pub venue: Option<Option<Venue>>,
    pub online_url: Option<String>,
    pub organizer: Option<Option<Organizer>>,
    pub cost: Option<String>,
    pub is_free: Option<bool>,
    pub ticket_url: Option<String>,
    /// The iCalendar UID (imports keep the source's); generated when new and missing.
    pub uid: Option<String>,
}

impl EventChanges {
    /// A change that sets the whole schedule (imports), in the wire form a client sends.
    pub fn with_schedule(s: &Schedule) -> EventChanges {
        EventChanges {
            timezone: Some(s.timezone.name().to_owned()),
            all_day: Some(s.all_day),
            starts_at: Some(s.format_local(s.start)),
            ends_at: Some(s.ends_at()),
            rrule: Some(s.rrule.clone()),
            rdates: Some(s.rdates.iter().map(|t| s.format_local(*t)).collect()),
            exdates: Some(s.exdates.iter().map(|t| s.format_local(*t)).collect()),
            ..EventChanges::default()
        }
    }

    fn touches_schedule(&self) -> bool {
        self.timezone.is_some()
            || self.all_day.is_some()
            || self.starts_at.is_some()
            || self.ends_at.is_some()
            || self.rrule.is_some()
            || self.rdates.is_some()
            || self.exdates.is_some()
    }

    /// Checks what can be checked without the stored event.
    fn check(mut self) -> Result<EventChanges> {
        let mut errors = Vec::new();
        if let Some(Some(v)) = &self.venue {
            v.check(&mut errors);
        }
        if let Some(Some(o)) = &mut self.organizer {
            o.check(&mut errors);
        }
        for (name, value) in [
            ("online_url", &mut self.online_url),
            ("ticket_url", &mut self.ticket_url),
        ] {
            if let Some(v) = value {
                match check_url(v) {
                    Ok(u) => *v = u,
                    Err(m) => errors.push(FieldError::new(name, m)),
                }
            }
        }
        if let Some(c) = &mut self.cost {
            *c = c.trim().to_owned();
            if c.chars().count() > 300 {
                errors.push(FieldError::new(
                    "cost",
                    "must be at most 300 characters long",
                ));
            }
        }
        if errors.is_empty() {
            Ok(self)
        } else {
            Err(Error::Validation(errors))
        }
    }
}

fn details_of(conn: &mut DbConn, id: i64) -> Result<Option<EventDetails>> {
    Ok(event_details::table
        .find(id)
        .select(EventDetails::as_select())
        .first(conn)
        .optional()?)
}

/// A new event's iCalendar UID: unique across sites (a random part) and stable, since
/// it is stored.
fn new_uid(id: i64) -> String {
    let mut bytes = [0u8; 8];
    rand::fill(&mut bytes);
    format!("event-{id}-{}@headpress", crate::hex::encode(&bytes))
}

/// Stores an event's own part, in the same transaction as its entry.
pub(super) fn save(conn: &mut DbConn, entry: &Entry, c: EventChanges, created: bool) -> Result<()> {
    let c = c.check()?;
    let current = if created {
        None
    } else {
        details_of(conn, entry.id)?
    };
    let schedule = match (&current, c.touches_schedule()) {
        (Some(cur), false) => cur.schedule(),
        (cur, _) => {
            let stored = cur.as_ref().map(EventDetails::schedule);
            let wire = |s: &Schedule, t: NaiveDateTime| s.format_local(t);
            let timezone = c
                .timezone
                .clone()
                .or_else(|| stored.as_ref().map(|s| s.timezone.name().to_owned()));
            let starts_at = c
                .starts_at
                .clone()
                .or_else(|| stored.as_ref().map(|s| wire(s, s.start)));
            let (Some(timezone), Some(starts_at)) = (timezone, starts_at) else {
                let mut errors = Vec::new();
                if c.starts_at.is_none() {
                    errors.push(FieldError::new("starts_at", "is required"));
                }
                if c.timezone.is_none() {
                    errors.push(FieldError::new("timezone", "is required"));
                }
                return Err(Error::Validation(errors));
            };
            let all_day = c
                .all_day
                .or(stored.as_ref().map(|s| s.all_day))
                .unwrap_or(false);
            let ends_at = match &c.ends_at {
                Some(e) => e.clone(),
                None => stored.as_ref().and_then(Schedule::ends_at),
            };
            let rrule = match &c.rrule {
                Some(r) => r.clone(),
                None => stored.as_ref().and_then(|s| s.rrule.clone()),
            };
            let stored_list = |pick: fn(&Schedule) -> &Vec<NaiveDateTime>| {
                stored
                    .as_ref()
                    .map(|s| pick(s).iter().map(|t| wire(s, *t)).collect::<Vec<_>>())
                    .unwrap_or_default()
            };
            let rdates = c
                .rdates
                .clone()
                .unwrap_or_else(|| stored_list(|s| &s.rdates));
            let exdates = c
                .exdates
                .clone()
                .unwrap_or_else(|| stored_list(|s| &s.exdates));
            Schedule::parse(&ScheduleInput {
                timezone: &timezone,
                all_day,
                starts_at: &starts_at,
                ends_at: ends_at.as_deref(),
                rrule: rrule.as_deref(),
                rdates: &rdates,
                exdates: &exdates,
            })
            .map_err(Error::Validation)?
        }
    };
    let mut details = current.unwrap_or_else(|| EventDetails {
        entry_id: entry.id,
        timezone: String::new(),
        all_day: false,
        starts_local: NaiveDateTime::MIN,
        ends_local: None,
        rrule: String::new(),
        rdates: "[]".into(),
        exdates: "[]".into(),
        starts_utc: NaiveDateTime::MIN,
        ends_utc: NaiveDateTime::MIN,
        last_start_utc: None,
        last_end_utc: None,
        venue: None,
        organizer: None,
        online_url: String::new(),
        cost: String::new(),
        is_free: false,
        ticket_url: String::new(),
        uid: String::new(),
    });
    details.set_schedule(&schedule);
    if let Some(v) = c.venue {
        details.venue = v.and_then(|v| serde_json::to_string(&v).ok());
    }
    if let Some(o) = c.organizer {
        details.organizer = o.and_then(|o| serde_json::to_string(&o).ok());
    }
    if let Some(u) = c.online_url {
        details.online_url = u;
    }
    if let Some(v) = c.cost {
        details.cost = v;
    }
    if let Some(v) = c.is_free {
        details.is_free = v;
    }
    if let Some(v) = c.ticket_url {
        details.ticket_url = v;
    }
    if let Some(u) = c.uid {
        details.uid = u;
    }
    if details.uid.is_empty() {
        details.uid = new_uid(entry.id);
    }
    if created {
        diesel::insert_into(event_details::table)
            .values(&details)
            .execute(conn)?;
    } else {
        diesel::update(event_details::table.find(entry.id))
            .set(&details)
            .execute(conn)?;
    }
    Ok(())
}
