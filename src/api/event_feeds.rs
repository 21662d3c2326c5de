//! What events are read as besides items: every occurrence in a window, and iCalendar
//! feeds. Both show published events only, whoever asks.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::content::params::term_filters;
use crate::content::terms::Taxonomy;
use crate::content::{Viewer, items};
use crate::error::{Error, Result};
use crate::events::occurrences::{self, EventOccurrence};
use crate::events::schedule::Schedule;
use crate::events::{Events, feed};
use crate::http::extract::{PathId, Query};
use crate::http::list::{List, PageParams, list_response};
use crate::http::state::State;

/// The window and filters of `GET /events/occurrences`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OccurrenceParams {
    /// Start of the window (RFC 3339), inclusive.
    pub from: DateTime<Utc>,
    /// End of the window (RFC 3339), exclusive; at most the configured span (366 days by
    /// default) after `from`.
    pub to: DateTime<Utc>,
    /// An IANA zone to also give each occurrence's times in (`starts_at_tz`, `ends_at_tz`).
    #[param(value_type = Option<crate::api::events::TimeZoneName>)]
    pub tz: Option<String>,
    /// Event category slugs, comma-separated (any of).
    pub event_category: Option<String>,
    /// Tag slugs, comma-separated (any of).
    pub tag: Option<String>,
}

/// One occurrence of an event.
#[derive(Debug, Serialize, ToSchema)]
pub struct OccurrenceResponse {
    /// The event's id.
    pub event: i64,
    /// The event's title.
    pub title: String,
    /// The event's slug.
    pub slug: String,
    /// The event's IANA zone.
    pub timezone: String,
    /// A whole-day event: `starts_at` and `ends_at` are dates.
    pub all_day: bool,
    /// Local start in the event's zone (a date for all-day events).
    pub starts_at: String,
    /// Local end in the event's zone (the last day, inclusive, for all-day events).
    pub ends_at: String,
    /// The start, in UTC.
    pub starts_at_utc: DateTime<Utc>,
    /// The end, in UTC (for all-day events midnight after the last day).
    pub ends_at_utc: DateTime<Utc>,
    /// The start in the zone asked for with `tz` (RFC 3339 with its offset); absent
    /// without `tz`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starts_at_tz: Option<String>,
    /// The end in the zone asked for with `tz` (RFC 3339 with its offset); absent without
    /// `tz`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ends_at_tz: Option<String>,
}

fn with_offset(tz: Tz, t: DateTime<Utc>) -> String {
    t.with_timezone(&tz).to_rfc3339()
}

/// List event occurrences in a window
///
/// Returns every occurrence of every published event that overlaps the window [`from`,
/// `to`), soonest first, each with its times in the event's zone, in UTC and (with `tz`)
/// in a zone of your choosing. Recurring events are expanded: one entry per occurrence.
///
/// Only published events whose `published_at` has come appear, whoever asks. The window
/// may span at most 366 days (configurable), and `to` must be later than `from` (400);
/// a window holding more than 50,000 occurrences is 400 too. `event_category` and `tag`
/// filter the events. Page with `page` and `per_page`, or with `cursor`.
#[utoipa::path(
    tag = "events",
    params(OccurrenceParams, PageParams),
    responses((status = 200, description = "A page of occurrences", body = List<OccurrenceResponse>,
        headers(("Link" = String, description = "RFC 8288 first, prev, next, last"),
                ("X-Total-Count" = i64, description = "Occurrences in the window")))),
    security((), ("bearer" = []))
)]
#[get("/events/occurrences")]
pub async fn list_event_occurrences(
    req: HttpRequest,
    state: State,
    params: Query<OccurrenceParams>,
    page: Query<PageParams>,
) -> Result<HttpResponse> {
    let p = params.0;
    let window = page.0.window()?;
    if p.to <= p.from {
        return Err(Error::invalid_query("to", "must be later than `from`"));
    }
    let span = i64::from(state.config.max_occurrence_days);
    if p.to - p.from > Duration::days(span) {
        return Err(Error::invalid_query(
            "to",
            format!("the window may span at most {span} days"),
        ));
    }
    let tz: Option<Tz> = match p.tz.as_deref() {
        None => None,
        Some(name) => Some(name.parse().map_err(|_| {
            Error::invalid_query("tz", format!("`{name}` is not an IANA time zone"))
        })?),
    };
    let terms = terms_of(p.event_category.as_deref(), p.tag.as_deref());
    let (from, to) = (p.from, p.to);
    let w = window.clone();
    let shared = state.timeline.clone();
    let listed = state
        .read(move |conn| {
            if terms.is_empty()
                && let Some(timeline) = shared.covering(conn, from, to)?
            {
                return timeline.page(from, to, &w);
            }
            occurrences::list(conn, from, to, &terms, &w)
        })
        .await?;
    Ok(list_response(
        &req,
        &state.config.public_url,
        listed.map(|o| OccurrenceResponse::new(o, tz)),
        &window,
        None,
    ))
}

impl OccurrenceResponse {
    fn new(o: EventOccurrence, tz: Option<Tz>) -> Self {
        let EventOccurrence {
            event,
            occurrence: o,
        } = o;
        let s: Schedule = event.details.schedule();
        let end_local = if s.all_day {
            o.end - Duration::days(1)
        } else {
            o.end
        };
        OccurrenceResponse {
            event: event.id,
            title: event.title,
            slug: event.slug,
            timezone: event.details.timezone,
            all_day: s.all_day,
            starts_at: s.format_local(o.start),
            ends_at: s.format_local(end_local),
            starts_at_utc: o.start_utc,
            ends_at_utc: o.end_utc,
            starts_at_tz: tz.map(|z| with_offset(z, o.start_utc)),
            ends_at_tz: tz.map(|z| with_offset(z, o.end_utc)),
        }
    }
}

fn terms_of(category: Option<&str>, tag: Option<&str>) -> Vec<(Taxonomy, Vec<String>)> {
    term_filters([(Taxonomy::EventCategory, category), (Taxonomy::Tag, tag)])
}

/// Filters of the calendar feed.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedParams {
    /// Event category slugs, comma-separated (any of).
    pub event_category: Option<String>,
    /// Tag slugs, comma-separated (any of).
    pub tag: Option<String>,
}

fn calendar_response(body: String, file_name: Option<&str>) -> HttpResponse {
    let mut res = HttpResponse::Ok();
    res.content_type("text/calendar; charset=utf-8");
    if let Some(name) = file_name {
        res.insert_header((
            header::CONTENT_DISPOSITION,
            format!("inline; filename=\"{name}\""),
        ));
    }
    res.body(body)
}

/// Get the events calendar feed
///
/// Returns the published events as an iCalendar (RFC 5545) feed to subscribe to, with
/// their recurrence rules, optionally only those of some categories or tags. Drafts and
/// scheduled events never appear, whoever asks.
#[utoipa::path(
    tag = "events",
    params(FeedParams),
    responses((status = 200, description = "An iCalendar feed", content_type = "text/calendar", body = String)),
    security((), ("bearer" = []))
)]
#[get("/events/feed.ics")]
pub async fn get_events_feed(state: State, params: Query<FeedParams>) -> Result<HttpResponse> {
    let terms = terms_of(params.0.event_category.as_deref(), params.0.tag.as_deref());
    let public_url = state.config.public_url.clone();
    let body = state
        .read(move |conn| {
            let ids = occurrences::public_event_ids(conn, &terms, None)?;
            feed::calendar(conn, &ids, "Events", &public_url)
        })
        .await?;
    Ok(calendar_response(body, None))
}

/// Get an event as an iCalendar file
///
/// Returns one published event as an iCalendar (RFC 5545) file to add to a calendar,
/// named after its slug. It must be published with its `published_at` come, whoever asks
/// (404 otherwise).
#[utoipa::path(
    tag = "events",
    params(("id" = i64, Path, minimum = 1, description = "Event id")),
    responses((status = 200, description = "The event as iCalendar", content_type = "text/calendar", body = String)),
    security((), ("bearer" = []))
)]
#[get("/events/{id}/ics")]
pub async fn get_event_ics(state: State, id: PathId) -> Result<HttpResponse> {
    let id = id.0;
    let public_url = state.config.public_url.clone();
    let (slug, body) = state
        .read(move |conn| {
            // Published and due, whoever asks: a calendar file is meant to be shared.
            let e = items::find::<Events>(conn, id, Viewer::Anonymous)?;
            let body = feed::calendar(conn, &[id], &e.title, &public_url)?;
            Ok((e.slug, body))
        })
        .await?;
    Ok(calendar_response(body, Some(&format!("{slug}.ics"))))
}
