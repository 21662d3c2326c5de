//! Events: local times in an IANA zone (or whole days), optional RFC 5545 recurrence, a
//! venue or an online address, an organizer, tickets, event categories and tags. The
//! occurrences and iCalendar feeds are in `event_feeds`.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post};
use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use utoipa::{IntoParams, ToSchema};

use crate::content::entry::{Entry, EntryInput};
use crate::content::entry_media::FEATURED;
use crate::content::html::check_url;
use crate::content::list::SortKey;
use crate::content::terms::Taxonomy;
use crate::content::{Kind, Status};
use crate::db::DbConn;
use crate::db::schema::event_details;
use crate::db::sql::{Sql, Value};
use crate::error::{Error, FieldError, Result};
use crate::events::schedule::{Schedule, ScheduleInput};
use crate::http::auth::MaybeUser;
use crate::http::extract::Query;
use crate::http::list::{List, PageParams, split_list};
use crate::kinds::common::{
    ContentInput, Embedded, EntryCore, EntryParams, EventFields, EventFieldsCreate,
    EventFieldsUpdate, Related, Sort, content_source, double_option, utc,
};
use crate::kinds::handlers::{self as h, ContentKind};
use crate::state::State;

pub struct Events;

/// An IANA time zone name (`Europe/London`), as the tz database (bundled) knows them.
pub struct TimeZoneName;

impl utoipa::PartialSchema for TimeZoneName {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect();
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some("An IANA time zone name, `Europe/London`."))
            .enum_values(Some(names))
            .into()
    }
}

impl ToSchema for TimeZoneName {}

/// Where an event takes place.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Venue {
    #[serde(default)]
    #[schema(max_length = 300)]
    pub name: String,
    #[serde(default)]
    #[schema(max_length = 500)]
    pub address: String,
    #[serde(default)]
    #[schema(max_length = 200)]
    pub city: String,
    #[serde(default)]
    #[schema(max_length = 200)]
    pub region: String,
    #[serde(default)]
    #[schema(max_length = 50)]
    pub postal_code: String,
    #[serde(default)]
    #[schema(max_length = 200)]
    pub country: String,
    #[schema(minimum = -90, maximum = 90)]
    pub latitude: Option<f64>,
    #[schema(minimum = -180, maximum = 180)]
    pub longitude: Option<f64>,
}

impl Venue {
    /// One line for calendars: `Name, Address, City, Region Postal code, Country`.
    pub fn one_line(&self) -> String {
        let region = [self.region.as_str(), self.postal_code.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        [
            self.name.as_str(),
            self.address.as_str(),
            self.city.as_str(),
            region.as_str(),
            self.country.as_str(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
    }

    fn check(&self, errors: &mut Vec<FieldError>) {
        let limits = [
            ("name", &self.name, 300),
            ("address", &self.address, 500),
            ("city", &self.city, 200),
            ("region", &self.region, 200),
            ("postal_code", &self.postal_code, 50),
            ("country", &self.country, 200),
        ];
        for (name, value, max) in limits {
            if value.chars().count() > max {
                errors.push(FieldError::new(
                    format!("venue.{name}"),
                    format!("must be at most {max} characters long"),
                ));
            }
        }
        if self.latitude.is_some_and(|l| !(-90.0..=90.0).contains(&l)) {
            errors.push(FieldError::new(
                "venue.latitude",
                "must be between -90 and 90",
            ));
        }
        if self
            .longitude
            .is_some_and(|l| !(-180.0..=180.0).contains(&l))
        {
            errors.push(FieldError::new(
                "venue.longitude",
                "must be between -180 and 180",
            ));
        }
        if self.latitude.is_some() != self.longitude.is_some() {
            errors.push(FieldError::new(
                "venue.longitude",
                "latitude and longitude go together",
            ));
        }
    }
}

/// Who runs an event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Organizer {
    #[serde(default)]
    #[schema(max_length = 300)]
    pub name: String,
    #[serde(default)]
    #[schema(max_length = 300)]
    pub email: String,
    #[serde(default)]
    #[schema(
        pattern = "^$|^https?://[^/\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff][^\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff]*$",
        max_length = 2000
    )]
    pub url: String,
}

impl Organizer {
    fn check(&mut self, errors: &mut Vec<FieldError>) {
        self.name = self.name.trim().to_owned();
        self.email = self.email.trim().to_owned();
        if self.name.chars().count() > 300 {
            errors.push(FieldError::new(
                "organizer.name",
                "must be at most 300 characters long",
            ));
        }
        let plausible = |e: &str| {
            let mut parts = e.split('@');
            matches!((parts.next(), parts.next(), parts.next()), (Some(l), Some(d), None)
                if !l.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.'))
                && !e.chars().any(char::is_whitespace)
                && e.len() <= 300
        };
        if !self.email.is_empty() && !plausible(&self.email) {
            errors.push(FieldError::new(
                "organizer.email",
                "must be an email address",
            ));
        }
        if let Err(m) = check_url(&self.url) {
            errors.push(FieldError::new("organizer.url", m));
        }
    }
}

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

    fn set_schedule(&mut self, s: &Schedule) {
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

/// One occurrence of an event, in its zone and in UTC.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NextOccurrence {
    /// Local start (a date for all-day events).
    pub starts_at: String,
    /// Local end (the last day, inclusive, for all-day events).
    pub ends_at: String,
    pub starts_at_utc: DateTime<Utc>,
    pub ends_at_utc: DateTime<Utc>,
}

fn next_occurrence(s: &Schedule) -> Option<NextOccurrence> {
    let now = Utc::now();
    let far = now + chrono::Duration::days(366 * 100);
    let o = s.occurrences(now, far, 1).into_iter().next()?;
    let end = if s.all_day {
        o.end - chrono::Duration::days(1)
    } else {
        o.end
    };
    Some(NextOccurrence {
        starts_at: s.format_local(o.start),
        ends_at: s.format_local(end),
        starts_at_utc: o.start_utc,
        ends_at_utc: o.end_utc,
    })
}

/// An event.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventResponse {
    #[serde(flatten)]
    pub core: EntryCore,
    /// Custom field values, typed by the field groups that apply.
    #[schema(value_type = EventFields)]
    pub fields: Map<String, Json>,
    /// Local start in `timezone` (`2026-07-30T18:00:00`), or the first day of an all-day
    /// event (`2026-07-30`). For a recurring event, the first occurrence.
    pub starts_at: String,
    /// Local end, or the last day of an all-day event (inclusive); null for an instant event.
    pub ends_at: Option<String>,
    /// IANA time zone name, `Europe/London`.
    pub timezone: String,
    pub all_day: bool,
    /// The first occurrence's start, in UTC (read-only).
    pub starts_at_utc: DateTime<Utc>,
    /// The first occurrence's end, in UTC (read-only; for all-day events midnight after the
    /// last day).
    pub ends_at_utc: DateTime<Utc>,
    /// RFC 5545 RRULE value, `FREQ=WEEKLY;BYDAY=TU;COUNT=6`.
    pub rrule: Option<String>,
    /// Extra occurrences: local date-times in `timezone` (dates for all-day events).
    pub rdates: Vec<String>,
    /// Occurrences left out: local date-times in `timezone` (dates for all-day events).
    pub exdates: Vec<String>,
    pub venue: Option<Venue>,
    /// Where to join online, or empty.
    pub online_url: String,
    pub organizer: Option<Organizer>,
    /// Free text (`£20, concessions £10`), or empty.
    pub cost: String,
    pub is_free: bool,
    /// Where to get tickets or register, or empty.
    pub ticket_url: String,
    /// Event category ids.
    pub event_categories: Vec<i64>,
    /// Tag ids.
    pub tags: Vec<i64>,
    /// The featured image's media id.
    pub featured_media: Option<i64>,
    /// The iCalendar UID, stable across feeds.
    pub ical_uid: String,
    /// The next occurrence that has not ended yet (for a recurring event, the one to
    /// show in "upcoming" lists), or null when all are over.
    pub next_occurrence: Option<NextOccurrence>,
    /// Related objects asked for with `include`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embedded: Option<Embedded>,
}

/// A new event. `starts_at` and `ends_at` are local to `timezone` (no offset):
/// `2026-07-30T18:00`, or dates for all-day events.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateEventRequest {
    #[schema(min_length = 1, max_length = 1000, pattern = "\\S")]
    pub title: String,
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 190)]
    pub slug: Option<String>,
    /// Default `draft`.
    pub status: Option<Status>,
    pub excerpt: Option<String>,
    pub content: Option<ContentInput>,
    /// Custom field values, checked against the field groups that apply.
    #[schema(value_type = Option<EventFieldsCreate>)]
    pub fields: Option<Map<String, Json>>,
    pub published_at: Option<DateTime<Utc>>,
    #[schema(minimum = 1)]
    pub author: Option<i64>,
    #[schema(pattern = "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2})?)?$")]
    pub starts_at: String,
    /// Leave out (or equal to `starts_at`) for an instant event.
    #[schema(pattern = "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2})?)?$")]
    pub ends_at: Option<String>,
    #[schema(value_type = TimeZoneName)]
    pub timezone: String,
    /// Default `false`.
    pub all_day: Option<bool>,
    #[schema(max_length = 1000)]
    pub rrule: Option<String>,
    pub rdates: Option<Vec<String>>,
    pub exdates: Option<Vec<String>>,
    pub venue: Option<Venue>,
    #[schema(
        pattern = "^$|^https?://[^/\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff][^\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff]*$",
        max_length = 2000
    )]
    pub online_url: Option<String>,
    pub organizer: Option<Organizer>,
    #[schema(max_length = 300)]
    pub cost: Option<String>,
    pub is_free: Option<bool>,
    #[schema(
        pattern = "^$|^https?://[^/\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff][^\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff]*$",
        max_length = 2000
    )]
    pub ticket_url: Option<String>,
    pub event_categories: Option<Vec<i64>>,
    pub tags: Option<Vec<i64>>,
    pub featured_media: Option<i64>,
}

/// Changes to an event: members left out stay as they are; `ends_at`, `rrule`, `venue`,
/// `organizer` and `featured_media` take `null` to remove them.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateEventRequest {
    #[schema(min_length = 1, max_length = 1000, pattern = "\\S")]
    pub title: Option<String>,
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 190)]
    pub slug: Option<String>,
    pub status: Option<Status>,
    pub excerpt: Option<String>,
    pub content: Option<ContentInput>,
    /// Custom field values to change (others stay); `null` removes a value.
    #[schema(value_type = Option<EventFieldsUpdate>)]
    pub fields: Option<Map<String, Json>>,
    pub published_at: Option<DateTime<Utc>>,
    #[schema(minimum = 1)]
    pub author: Option<i64>,
    #[schema(pattern = "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2})?)?$")]
    pub starts_at: Option<String>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, pattern = "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2})?)?$")]
    pub ends_at: Option<Option<String>>,
    #[schema(value_type = Option<TimeZoneName>)]
    pub timezone: Option<String>,
    pub all_day: Option<bool>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, max_length = 1000)]
    pub rrule: Option<Option<String>>,
    pub rdates: Option<Vec<String>>,
    pub exdates: Option<Vec<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Venue>)]
    pub venue: Option<Option<Venue>>,
    #[schema(
        pattern = "^$|^https?://[^/\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff][^\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff]*$",
        max_length = 2000
    )]
    pub online_url: Option<String>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Organizer>)]
    pub organizer: Option<Option<Organizer>>,
    #[schema(max_length = 300)]
    pub cost: Option<String>,
    pub is_free: Option<bool>,
    #[schema(
        pattern = "^$|^https?://[^/\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff][^\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff]*$",
        max_length = 2000
    )]
    pub ticket_url: Option<String>,
    pub event_categories: Option<Vec<i64>>,
    pub tags: Option<Vec<i64>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub featured_media: Option<Option<i64>>,
}

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
    format!(
        "event-{id}-{}@headpress",
        crate::hex::encode(&bytes)
    )
}

/// Stores an event's own part, in the same transaction as its entry.
pub fn save_event(conn: &mut DbConn, entry: &Entry, c: EventChanges, created: bool) -> Result<()> {
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

impl ContentKind for Events {
    const KIND: Kind = Kind::Event;
    const INCLUDES: &'static [&'static str] = &[
        "event_categories",
        "tags",
        "featured_media",
        "author",
        "fields",
    ];
    const MEMBERS: &'static [&'static str] = &[
        "id",
        "slug",
        "status",
        "title",
        "excerpt",
        "content",
        "author",
        "fields",
        "starts_at",
        "ends_at",
        "timezone",
        "all_day",
        "starts_at_utc",
        "ends_at_utc",
        "rrule",
        "rdates",
        "exdates",
        "venue",
        "online_url",
        "organizer",
        "cost",
        "is_free",
        "ticket_url",
        "event_categories",
        "tags",
        "featured_media",
        "ical_uid",
        "next_occurrence",
        "published_at",
        "created_at",
        "updated_at",
        "embedded",
    ];
    type Item = EventResponse;
    type Details = HashMap<i64, EventDetails>;
    type Changes = EventChanges;

    fn load_details(conn: &mut DbConn, entries: &[Entry]) -> Result<Self::Details> {
        let ids: Vec<i64> = entries.iter().map(|e| e.id).collect();
        let rows: Vec<EventDetails> = event_details::table
            .filter(event_details::entry_id.eq_any(&ids))
            .select(EventDetails::as_select())
            .load(conn)?;
        Ok(rows.into_iter().map(|d| (d.entry_id, d)).collect())
    }

    fn item(e: Entry, related: &Related, details: &Self::Details) -> EventResponse {
        let d = details.get(&e.id);
        let schedule = d.map(EventDetails::schedule);
        let (starts_at, ends_at) = schedule
            .as_ref()
            .map(|s| (s.format_local(s.start), s.ends_at()))
            .unwrap_or_default();
        let list = |pick: fn(&Schedule) -> &Vec<NaiveDateTime>| {
            schedule
                .as_ref()
                .map(|s| pick(s).iter().map(|t| s.format_local(*t)).collect())
                .unwrap_or_default()
        };
        EventResponse {
            starts_at,
            ends_at,
            timezone: d.map(|d| d.timezone.clone()).unwrap_or_default(),
            all_day: d.is_some_and(|d| d.all_day),
            starts_at_utc: utc(d.map_or(e.published_at, |d| d.starts_utc)),
            ends_at_utc: utc(d.map_or(e.published_at, |d| d.ends_utc)),
            rrule: d.map(|d| d.rrule.clone()).filter(|r| !r.is_empty()),
            rdates: list(|s| &s.rdates),
            exdates: list(|s| &s.exdates),
            venue: d.and_then(EventDetails::venue),
            online_url: d.map(|d| d.online_url.clone()).unwrap_or_default(),
            organizer: d.and_then(EventDetails::organizer),
            cost: d.map(|d| d.cost.clone()).unwrap_or_default(),
            is_free: d.is_some_and(|d| d.is_free),
            ticket_url: d.map(|d| d.ticket_url.clone()).unwrap_or_default(),
            ical_uid: d.map(|d| d.uid.clone()).unwrap_or_default(),
            next_occurrence: schedule.as_ref().and_then(next_occurrence),
            event_categories: related.term_ids(e.id, Taxonomy::EventCategory),
            tags: related.term_ids(e.id, Taxonomy::Tag),
            featured_media: related.media_id(e.id, FEATURED),
            fields: related.fields(e.id),
            embedded: related.embedded(&e),
            core: related.core(e),
        }
    }

    fn save(conn: &mut DbConn, entry: &Entry, c: EventChanges, created: bool) -> Result<()> {
        save_event(conn, entry, c, created)
    }

    fn before_delete(_: &mut DbConn, _: &Entry, _: bool) -> Result<()> {
        Ok(())
    }
}

fn terms(categories: Option<Vec<i64>>, tags: Option<Vec<i64>>) -> Vec<(Taxonomy, Vec<i64>)> {
    [(Taxonomy::EventCategory, categories), (Taxonomy::Tag, tags)]
        .into_iter()
        .filter_map(|(t, ids)| ids.map(|ids| (t, ids)))
        .collect()
}

impl TryFrom<CreateEventRequest> for (EntryInput, EventChanges) {
    type Error = Error;

    fn try_from(r: CreateEventRequest) -> Result<Self> {
        let changes = EventChanges {
            timezone: Some(r.timezone),
            all_day: r.all_day,
            starts_at: Some(r.starts_at),
            ends_at: r.ends_at.map(Some),
            rrule: r.rrule.map(Some),
            rdates: r.rdates,
            exdates: r.exdates,
            venue: r.venue.map(Some),
            online_url: r.online_url,
            organizer: r.organizer.map(Some),
            cost: r.cost,
            is_free: r.is_free,
            ticket_url: r.ticket_url,
            uid: None,
        };
        let input = EntryInput {
            title: Some(r.title),
            slug: r.slug,
            status: r.status,
            excerpt: r.excerpt,
            content: content_source(r.content)?,
            published_at: r.published_at.map(|t| t.naive_utc()),
            author_id: r.author,
            terms: terms(r.event_categories, r.tags),
            featured_media: r.featured_media.map(Some),
            fields: r.fields,
            sticky: None,
        };
        Ok((input, changes))
    }
}

impl TryFrom<UpdateEventRequest> for (EntryInput, EventChanges) {
    type Error = Error;

    fn try_from(r: UpdateEventRequest) -> Result<Self> {
        let changes = EventChanges {
            timezone: r.timezone,
            all_day: r.all_day,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            rrule: r.rrule,
            rdates: r.rdates,
            exdates: r.exdates,
            venue: r.venue,
            online_url: r.online_url,
            organizer: r.organizer,
            cost: r.cost,
            is_free: r.is_free,
            ticket_url: r.ticket_url,
            uid: None,
        };
        let input = EntryInput {
            title: r.title,
            slug: r.slug,
            status: r.status,
            excerpt: r.excerpt,
            content: content_source(r.content)?,
            published_at: r.published_at.map(|t| t.naive_utc()),
            author_id: r.author,
            terms: terms(r.event_categories, r.tags),
            featured_media: r.featured_media,
            fields: r.fields,
            sticky: None,
        };
        Ok((input, changes))
    }
}

/// How a list of events may be ordered.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventOrderBy {
    /// When the (first) occurrence starts: the default, soonest first.
    StartsAt,
    PublishedAt,
    UpdatedAt,
    Title,
    Id,
    Relevance,
}

impl From<EventOrderBy> for SortKey {
    fn from(o: EventOrderBy) -> SortKey {
        match o {
            EventOrderBy::StartsAt => SortKey::KindTime,
            EventOrderBy::PublishedAt => SortKey::PublishedAt,
            EventOrderBy::UpdatedAt => SortKey::UpdatedAt,
            EventOrderBy::Title => SortKey::Title,
            EventOrderBy::Id => SortKey::Id,
            EventOrderBy::Relevance => SortKey::Relevance,
        }
    }
}

/// Filters of events only.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventFilters {
    /// Only events with an occurrence starting at or after this instant (RFC 3339): with
    /// the current time, the upcoming events.
    pub starts_after: Option<DateTime<Utc>>,
    /// Only events whose first occurrence starts before this instant (RFC 3339): with the
    /// current time, the past ones.
    pub starts_before: Option<DateTime<Utc>>,
    /// Event category slugs, comma-separated (any of).
    pub event_category: Option<String>,
    /// Tag slugs, comma-separated (any of).
    pub tag: Option<String>,
    /// Sort field (default `starts_at`, ascending; `relevance` with `search`), or
    /// `field.NAME` for a custom field.
    #[param(
        value_type = Option<String>,
        pattern = "^(starts_at|published_at|updated_at|title|id|relevance)$"
    )]
    pub orderby: Option<Sort<EventOrderBy>>,
}

/// The conditions of `starts_after` and `starts_before` over `x` (event_details).
pub fn time_conditions(
    after: Option<DateTime<Utc>>,
    before: Option<DateTime<Utc>>,
) -> Result<Vec<Sql>> {
    if let (Some(a), Some(b)) = (after, before)
        && a >= b
    {
        return Err(Error::invalid_query(
            "starts_before",
            "must be later than `starts_after`",
        ));
    }
    let mut out = Vec::new();
    if let Some(a) = after {
        let mut c = Sql::new("(x.last_start_utc IS NULL OR x.last_start_utc >= ");
        c.bind(Value::Time(a.naive_utc())).push(")");
        out.push(c);
    }
    if let Some(b) = before {
        let mut c = Sql::new("x.starts_utc < ");
        c.bind(Value::Time(b.naive_utc()));
        out.push(c);
    }
    Ok(out)
}

/// Lists the events you may see, soonest first; `starts_after` and `starts_before` give
/// the upcoming and past lists.
#[utoipa::path(
    tag = "events",
    params(PageParams, EntryParams, EventFilters),
    responses((status = 200, description = "A page of events", body = List<EventResponse>,
        headers(("Link" = String, description = "RFC 8288 first, prev, next, last"),
                ("X-Total-Count" = i64, description = "Items matching the filters")))),
    security((), ("bearer" = []))
)]
#[get("/events")]
pub async fn list_events(
    req: HttpRequest,
    state: State,
    user: MaybeUser,
    page: Query<PageParams>,
    params: Query<EntryParams>,
    filters: Query<EventFilters>,
) -> Result<HttpResponse> {
    let f = filters.0;
    let terms = [
        (Taxonomy::EventCategory, &f.event_category),
        (Taxonomy::Tag, &f.tag),
    ]
    .into_iter()
    .map(|(t, raw)| (t, split_list(raw.as_deref())))
    .filter(|(_, slugs)| !slugs.is_empty())
    .collect();
    let conditions = time_conditions(f.starts_after, f.starts_before)?;
    let (orderby, sort_field) = Sort::split(f.orderby);
    h::list_items::<Events>(
        req,
        state,
        user,
        page.0,
        params.0,
        h::KindFilters {
            terms,
            orderby,
            sort_field,
        },
        move |q| {
            q.join = Some(" JOIN event_details x ON x.entry_id = e.id");
            q.sort_time = Some("x.starts_utc");
            q.conditions = conditions;
        },
    )
    .await
}

crate::kinds::handlers::item_routes! {
    kind: Events,
    tag: "events",
    item: EventResponse,
    create: CreateEventRequest,
    update: UpdateEventRequest,
    collection_path: "/events",
    item_path: "/events/{id}",
    revisions_path: "/events/{id}/revisions",
    id: "Event id",
    get: get_event = "One event by id.",
    create_fn: create_event = "Creates an event (any signed-in user; authors write as themselves). Invalid zones, times or rules are 422s naming the member.",
    update_fn: update_event = "Changes an event (editors: any; authors: their own).",
    delete_fn: delete_event = "Moves an event to the trash, or deletes it for good with `force=true`.",
    revisions_fn: list_event_revisions = "The revisions of an event, newest first (editors and the event's author).",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn venues_read_as_one_line() {
        let v = Venue {
            name: "Church House".into(),
            address: "Dean's Yard".into(),
            city: "London".into(),
            postal_code: "SW1P 3NZ".into(),
            country: "United Kingdom".into(),
            ..Default::default()
        };
        assert_eq!(
            v.one_line(),
            "Church House, Dean's Yard, London, SW1P 3NZ, United Kingdom"
        );
    }
}
