//! `/events`: events in time zones, whole days, recurrence, venues and tickets. Their
//! occurrences and iCalendar feeds are in `event_feeds`.

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use utoipa::{IntoParams, ToSchema};

use crate::api::content::params::{EntryParams, Sort, term_filters};
use crate::api::content::related::Related;
use crate::api::content::request::{create_request, terms, update_request};
use crate::api::content::wire::{
    Embedded, EntryCore, EventFields, EventFieldsCreate, EventFieldsUpdate,
};
use crate::api::content::{self as shared, KindList, WireKind};
use crate::content::entry::{Entry, EntryInput};
use crate::content::entry_media::FEATURED;
use crate::content::list::SortKey;
use crate::content::terms::Taxonomy;
use crate::error::{Error, Result};
use crate::events::details::{EventDetails, next_occurrence};
use crate::events::schedule::{Occurrence, Schedule};
use crate::events::{EventChanges, EventFilter, Events, Organizer, Venue};
use crate::http::auth::MaybeUser;
use crate::http::extract::Query;
use crate::http::list::{List, PageParams};
use crate::http::state::State;
use crate::http::wire::utc;

impl WireKind for Events {
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

    fn valid_until(e: &EventResponse) -> Option<DateTime<Utc>> {
        let next = e.next_occurrence.as_ref()?;
        Some(if next.starts_at_utc > Utc::now() {
            next.starts_at_utc
        } else {
            next.ends_at_utc
        })
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
            next_occurrence: schedule
                .as_ref()
                .and_then(|s| next_occurrence(s).map(|o| NextOccurrence::new(s, o))),
            event_categories: related.term_ids(e.id, Taxonomy::EventCategory),
            tags: related.term_ids(e.id, Taxonomy::Tag),
            featured_media: related.media_id(e.id, FEATURED),
            fields: related.fields(e.id),
            embedded: related.embedded(&e),
            core: related.core(e),
        }
    }
}

/// An IANA time zone name (`Europe/London`), as the tz database (bundled) knows them. The
/// document states it as a string with examples rather than an enum of the ~600 names: the
/// server checks it (422 naming the member), and generated clients stay small.
pub struct TimeZoneName;

impl utoipa::PartialSchema for TimeZoneName {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some(
                "An IANA time zone name, as in the tz database: `Europe/London`, \
                 `America/New_York`, `UTC`. An unknown name is refused with 422.",
            ))
            .min_length(Some(1))
            .max_length(Some(64))
            .pattern(Some(r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$"))
            .examples(["Europe/London", "America/New_York", "UTC"])
            .into()
    }
}

impl ToSchema for TimeZoneName {}

/// One occurrence of an event, in its zone and in UTC.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NextOccurrence {
    /// Local start in the event's `timezone`, `2026-07-30T18:00:00` (a date for all-day
    /// events).
    pub starts_at: String,
    /// Local end (the last day, inclusive, for all-day events; the start for an instant
    /// event).
    pub ends_at: String,
    /// The start, in UTC.
    pub starts_at_utc: DateTime<Utc>,
    /// The end, in UTC (for all-day events midnight after the last day).
    pub ends_at_utc: DateTime<Utc>,
}

impl NextOccurrence {
    fn new(s: &Schedule, o: Occurrence) -> NextOccurrence {
        let end = if s.all_day {
            o.end - chrono::Duration::days(1)
        } else {
            o.end
        };
        NextOccurrence {
            starts_at: s.format_local(o.start),
            ends_at: s.format_local(end),
            starts_at_utc: o.start_utc,
            ends_at_utc: o.end_utc,
        }
    }
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
    /// Whole days: `starts_at`, `ends_at`, `rdates` and `exdates` are dates.
    pub all_day: bool,
    /// The first occurrence's start, in UTC (read-only).
    pub starts_at_utc: DateTime<Utc>,
    /// The first occurrence's end, in UTC (read-only; for all-day events midnight after the
    /// last day).
    pub ends_at_utc: DateTime<Utc>,
    /// RFC 5545 RRULE value, `FREQ=WEEKLY;BYDAY=TU;COUNT=6`, or null for an event that
    /// does not repeat.
    pub rrule: Option<String>,
    /// Extra occurrences: local date-times in `timezone` (dates for all-day events).
    pub rdates: Vec<String>,
    /// Occurrences left out: local date-times in `timezone` (dates for all-day events).
    pub exdates: Vec<String>,
    /// Where the event takes place, or null.
    pub venue: Option<Venue>,
    /// Where to join online, or empty.
    pub online_url: String,
    /// Who runs the event, or null.
    pub organizer: Option<Organizer>,
    /// Free text (`£20, concessions £10`), or empty.
    pub cost: String,
    /// Free of charge.
    pub is_free: bool,
    /// Where to get tickets or register, or empty.
    pub ticket_url: String,
    /// Event category ids.
    pub event_categories: Vec<i64>,
    /// Tag ids.
    pub tags: Vec<i64>,
    /// The featured image's media id, or null.
    pub featured_media: Option<i64>,
    /// The iCalendar UID, stable across feeds.
    pub ical_uid: String,
    /// The next occurrence that has not ended yet (for a recurring event, the one to
    /// show in "upcoming" lists), or null when all are over.
    pub next_occurrence: Option<NextOccurrence>,
    /// Related objects asked for with `include`; absent without it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embedded: Option<Embedded>,
}

create_request! {
    /// A new event. `starts_at` and `ends_at` are local to `timezone` (no offset):
    /// `2026-07-30T18:00`, or dates for all-day events.
    CreateEventRequest fields EventFieldsCreate {
        /// Local start in `timezone`, no offset: `2026-07-30T18:00` (seconds optional), or a
        /// date for an all-day event. With `rrule`, the first occurrence.
        #[schema(pattern = "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2})?)?$")]
        pub starts_at: String,
        /// Local end in `timezone`, or the last day of an all-day event (inclusive). Leave
        /// out (or equal to `starts_at`) for an instant event; an all-day event without it
        /// lasts one day.
        #[schema(pattern = "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2})?)?$")]
        pub ends_at: Option<String>,
        /// The IANA time zone the local times are in.
        #[schema(value_type = TimeZoneName)]
        pub timezone: String,
        /// Whole days: the times are dates. Default: `false`.
        pub all_day: Option<bool>,
        /// RFC 5545 RRULE value (`FREQ=WEEKLY;BYDAY=TU;COUNT=6`; an `RRULE:` prefix is
        /// accepted). `starts_at` must be its first occurrence; `FREQ=SECONDLY` and
        /// `MINUTELY` are refused, `COUNT` may be at most 1000. Default: none.
        #[schema(max_length = 1000)]
        pub rrule: Option<String>,
        /// Extra occurrences: local starts in `timezone` (dates for all-day events).
        /// Default: none.
        pub rdates: Option<Vec<String>>,
        /// Occurrences of the rule to leave out: local starts in `timezone` (dates for
        /// all-day events). Default: none.
        pub exdates: Option<Vec<String>>,
        /// Where the event takes place. Default: none.
        pub venue: Option<Venue>,
        /// Where to join online: an `http` or `https` URL. Default: empty.
        #[schema(
            pattern = "^$|^https?://[^/?#\\[\\]\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff]+([/?#][^\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff]*)?$",
            max_length = 2000
        )]
        pub online_url: Option<String>,
        /// Who runs the event. Default: none.
        pub organizer: Option<Organizer>,
        /// Free text (`£20, concessions £10`). Default: empty.
        #[schema(max_length = 300)]
        pub cost: Option<String>,
        /// Free of charge. Default: `false`.
        pub is_free: Option<bool>,
        /// Where to get tickets or register: an `http` or `https` URL. Default: empty.
        #[schema(
            pattern = "^$|^https?://[^/?#\\[\\]\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff]+([/?#][^\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff]*)?$",
            max_length = 2000
        )]
        pub ticket_url: Option<String>,
        /// Event category ids. Default: none.
        pub event_categories: Option<Vec<i64>>,
        /// Tag ids. Default: none.
        pub tags: Option<Vec<i64>>,
    }
}

update_request! {
    /// Changes to an event: members left out stay as they are; `ends_at`, `rrule`, `venue`,
    /// `organizer` and `featured_media` take `null` to remove them.
    UpdateEventRequest fields EventFieldsUpdate {
        /// Local start in `timezone`, no offset (`2026-07-30T18:00`), or a date for an
        /// all-day event.
        #[schema(pattern = "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2})?)?$")]
        pub starts_at: Option<String>,
        /// Local end in `timezone`, or the last day of an all-day event (inclusive); null
        /// makes an instant event (an all-day event then lasts one day).
        #[serde(default, deserialize_with = "crate::http::wire::double_option")]
        #[schema(value_type = Option<String>, pattern = "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2})?)?$")]
        pub ends_at: Option<Option<String>>,
        /// The IANA time zone the local times are in.
        #[schema(value_type = Option<TimeZoneName>)]
        pub timezone: Option<String>,
        /// Whole days: the times are dates.
        pub all_day: Option<bool>,
        /// RFC 5545 RRULE value, checked as on create; null (or empty) stops the event
        /// repeating.
        #[serde(default, deserialize_with = "crate::http::wire::double_option")]
        #[schema(value_type = Option<String>, max_length = 1000)]
        pub rrule: Option<Option<String>>,
        /// Extra occurrences, local starts in `timezone`: they replace the stored list.
        pub rdates: Option<Vec<String>>,
        /// Occurrences of the rule to leave out, local starts in `timezone`: they replace
        /// the stored list.
        pub exdates: Option<Vec<String>>,
        /// Where the event takes place (replaced whole); null removes it.
        #[serde(default, deserialize_with = "crate::http::wire::double_option")]
        #[schema(value_type = Option<Venue>)]
        pub venue: Option<Option<Venue>>,
        /// Where to join online: an `http` or `https` URL; empty removes it.
        #[schema(
            pattern = "^$|^https?://[^/?#\\[\\]\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff]+([/?#][^\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff]*)?$",
            max_length = 2000
        )]
        pub online_url: Option<String>,
        /// Who runs the event (replaced whole); null removes it.
        #[serde(default, deserialize_with = "crate::http::wire::double_option")]
        #[schema(value_type = Option<Organizer>)]
        pub organizer: Option<Option<Organizer>>,
        /// Free text (`£20, concessions £10`); empty removes it.
        #[schema(max_length = 300)]
        pub cost: Option<String>,
        /// Free of charge.
        pub is_free: Option<bool>,
        /// Where to get tickets or register: an `http` or `https` URL; empty removes it.
        #[schema(
            pattern = "^$|^https?://[^/?#\\[\\]\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff]+([/?#][^\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff]*)?$",
            max_length = 2000
        )]
        pub ticket_url: Option<String>,
        /// Event category ids: they replace the event's categories (`[]` removes them all).
        pub event_categories: Option<Vec<i64>>,
        /// Tag ids: they replace the event's tags (`[]` removes them all).
        pub tags: Option<Vec<i64>>,
    }
}

impl TryFrom<CreateEventRequest> for (EntryInput, EventChanges) {
    type Error = Error;

    fn try_from(mut r: CreateEventRequest) -> Result<Self> {
        let mut input = r.entry_input()?;
        input.terms = terms([
            (Taxonomy::EventCategory, r.event_categories),
            (Taxonomy::Tag, r.tags),
        ]);
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
        Ok((input, changes))
    }
}

impl TryFrom<UpdateEventRequest> for (EntryInput, EventChanges) {
    type Error = Error;

    fn try_from(mut r: UpdateEventRequest) -> Result<Self> {
        let mut input = r.entry_input()?;
        input.terms = terms([
            (Taxonomy::EventCategory, r.event_categories),
            (Taxonomy::Tag, r.tags),
        ]);
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

/// List events
///
/// Returns a page of events in a `{data, meta}` envelope with `Link` and `X-Total-Count`
/// headers, by the start of their first occurrence, soonest first. `starts_after=now`
/// gives the upcoming events (those with an occurrence still to start) and
/// `starts_before=now` the past ones; every occurrence in a window is
/// `GET /api/v1/events/occurrences`.
///
/// Anonymous readers, and everyone who names no `status`, get items that are `published`
/// and whose `published_at` has come. With `status` (which needs a token) editors and
/// admins get items in those statuses, authors their own items in them and what is public.
/// Page with `page` and `per_page` (20 by default, at most 100), or with the opaque
/// `cursor` from `meta.next_cursor`; `count=none` leaves the total out.
///
/// `event_category`, `tag`, `slug` and `author` take comma-separated values (any of);
/// `field.NAME=value` filters on a custom field. `fields` keeps only the named members,
/// `include` embeds related objects. A bad value is 400 naming the parameter.
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
    let own = KindList {
        terms: term_filters([
            (Taxonomy::EventCategory, f.event_category.as_deref()),
            (Taxonomy::Tag, f.tag.as_deref()),
        ]),
        order: f.orderby.map(Into::into),
        filter: EventFilter::new(f.starts_after, f.starts_before)?,
    };
    shared::list_items::<Events>(req, state, user, page.0, params.0, own).await
}

shared::item_routes! {
    kind: Events,
    tag: "events",
    item: EventResponse,
    create: CreateEventRequest,
    update: UpdateEventRequest,
    collection_path: "/events",
    item_path: "/events/{id}",
    revisions_path: "/events/{id}/revisions",
    id: "Event id",
    a: "an event",
    noun: "event",
    get: get_event = "Get an event"
        + "`next_occurrence` moves on by itself as occurrences end, with no write to the \
        event.",
    create_fn: create_event = "Create an event"
        + "`starts_at`, `ends_at`, `rdates` and `exdates` are local times in `timezone` (dates \
        for all-day events). An unknown zone, a local time that does not exist there (the \
        hour skipped when clocks go forward), an end before the start, or an `rrule` that is \
        invalid or does not produce `starts_at` as its first occurrence is 422 naming the \
        member.",
    update_fn: update_event = "Update an event"
        + "Schedule members sent are checked together with the stored ones, as on create. \
        `ends_at`, `rrule`, `venue`, `organizer` and `featured_media` take `null` to remove \
        them.",
    delete_fn: delete_event = "Delete an event",
    revisions_fn: list_event_revisions = "List an event's revisions",
}
