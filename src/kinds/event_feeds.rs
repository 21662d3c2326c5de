//! What events are read as besides items: every occurrence in a window, and iCalendar
//! feeds. Both show published events only, whoever asks.

use std::collections::HashMap;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::content::entry::Entry;
use crate::content::list::visibility;
use crate::content::paging::{Cursor, Direction, Listed, Paging};
use crate::content::terms::{self, Taxonomy};
use crate::content::{Kind, Viewer, html};
use crate::db::DbConn;
use crate::db::schema::{entries, entry_terms, event_details};
use crate::db::sql::{Sql, Value};
use crate::error::{Error, Result};
use crate::events::ical::{self, IcsEvent};
use crate::events::schedule::Schedule;
use crate::http::extract::{PathId, Query};
use crate::http::list::{List, PageParams, list_response, split_list};
use crate::kinds::events::EventDetails;
use crate::state::State;

/// The most occurrences one window may hold; a wider request is asked to narrow it.
const MAX_OCCURRENCES: usize = 50_000;

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
    #[param(value_type = Option<crate::kinds::events::TimeZoneName>)]
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
    pub title: String,
    pub slug: String,
    /// The event's IANA zone.
    pub timezone: String,
    pub all_day: bool,
    /// Local start in the event's zone (a date for all-day events).
    pub starts_at: String,
    /// Local end in the event's zone (the last day, inclusive, for all-day events).
    pub ends_at: String,
    pub starts_at_utc: DateTime<Utc>,
    pub ends_at_utc: DateTime<Utc>,
    /// The start in the zone asked for with `tz` (RFC 3339 with its offset).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starts_at_tz: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ends_at_tz: Option<String>,
}

#[derive(Queryable)]
struct EventRow {
    id: i64,
    title: String,
    slug: String,
    #[diesel(embed)]
    details: EventDetails,
}

fn term_filters(category: Option<&str>, tag: Option<&str>) -> Vec<(Taxonomy, Vec<String>)> {
    [(Taxonomy::EventCategory, category), (Taxonomy::Tag, tag)]
        .into_iter()
        .map(|(t, raw)| (t, split_list(raw)))
        .filter(|(_, slugs)| !slugs.is_empty())
        .collect()
}

/// The ids of the published events matching the filters whose occurrences may overlap
/// [from, to) (all of them without a window).
fn public_event_ids(
    conn: &mut DbConn,
    terms: &[(Taxonomy, Vec<String>)],
    window: Option<(DateTime<Utc>, DateTime<Utc>)>,
) -> Result<Vec<i64>> {
    let mut sql = Sql::new(
        "SELECT e.id AS n FROM entries e JOIN event_details x ON x.entry_id = e.id WHERE e.kind = 'event' AND ",
    );
    sql.append(&visibility("e", Viewer::Anonymous, None, crate::db::now()));
    if let Some((from, to)) = window {
        sql.push(" AND x.starts_utc < ")
            .bind(Value::Time(to.naive_utc()))
            .push(" AND (x.last_end_utc IS NULL OR x.last_end_utc >= ")
            .bind(Value::Time(from.naive_utc()))
            .push(")");
    }
    for (taxonomy, slugs) in terms {
        sql.push(
            " AND e.id IN (SELECT et.entry_id FROM entry_terms et JOIN terms t ON t.id = et.term_id \
             WHERE t.taxonomy = ",
        )
        .bind(Value::Text(taxonomy.as_str().to_owned()))
        .push(" AND t.slug IN ")
        .bind_list(slugs.iter().map(|s| Value::Text(s.clone())))
        .push(")");
    }
    sql.push(" ORDER BY x.starts_utc, e.id");
    let rows: Vec<crate::db::sql::CountRow> = sql.into_query().load(conn)?;
    Ok(rows.into_iter().map(|r| r.n).collect())
}

fn event_rows(conn: &mut DbConn, ids: &[i64]) -> Result<Vec<EventRow>> {
    Ok(entries::table
        .inner_join(event_details::table)
        .filter(entries::id.eq_any(ids))
        .select((
            entries::id,
            entries::title,
            entries::slug,
            EventDetails::as_select(),
        ))
        .load(conn)?)
}

fn with_offset(tz: Tz, t: DateTime<Utc>) -> String {
    t.with_timezone(&tz).to_rfc3339()
}

/// Every occurrence of every published event in a window, soonest first, each with its
/// times in the event's zone, in UTC and (with `tz`) in a zone of the caller's choosing.
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
    let after = match &window.paging {
        Paging::After(c) if c.key == "occurrence" && c.dir == Direction::Asc => {
            let at = c
                .value
                .as_str()
                .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
                .ok_or_else(|| Error::invalid_query("cursor", "is not a cursor of this list"))?;
            Some((at.with_timezone(&Utc), c.id))
        }
        Paging::After(_) => {
            return Err(Error::invalid_query(
                "cursor",
                "is not a cursor of this list",
            ));
        }
        Paging::Page(_) => None,
    };
    let terms = term_filters(p.event_category.as_deref(), p.tag.as_deref());
    let (from, to) = (p.from, p.to);
    let w = window.clone();
    let listed = state
        .read(move |conn| {
            let ids = public_event_ids(conn, &terms, Some((from, to)))?;
            let rows = event_rows(conn, &ids)?;
            let mut all = Vec::new();
            for row in &rows {
                let schedule = row.details.schedule();
                for o in schedule.occurrences(from, to, MAX_OCCURRENCES + 1) {
                    all.push((row, o));
                }
                if all.len() > MAX_OCCURRENCES {
                    return Err(Error::invalid_query(
                        "to",
                        format!(
                            "the window holds more than {MAX_OCCURRENCES} occurrences: narrow it"
                        ),
                    ));
                }
            }
            all.sort_by_key(|(row, o)| (o.start_utc, row.id));
            let total = all.len() as i64;
            let per_page = w.per_page as usize;
            let start = match (&w.paging, after) {
                (Paging::Page(n), _) => (*n as usize - 1) * per_page,
                (_, Some(cursor)) => {
                    all.partition_point(|(row, o)| (o.start_utc, row.id) <= cursor)
                }
                (_, None) => 0,
            };
            let page: Vec<_> = all.iter().skip(start).take(per_page).collect();
            let next = (start + per_page < all.len())
                .then(|| page.last())
                .flatten()
                .map(|(row, o)| Cursor {
                    key: "occurrence".into(),
                    dir: Direction::Asc,
                    value: serde_json::json!(o.start_utc.to_rfc3339()),
                    id: row.id,
                });
            let items = page
                .into_iter()
                .map(|(row, o)| {
                    let s: Schedule = row.details.schedule();
                    let end_local = if s.all_day {
                        o.end - Duration::days(1)
                    } else {
                        o.end
                    };
                    OccurrenceResponse {
                        event: row.id,
                        title: row.title.clone(),
                        slug: row.slug.clone(),
                        timezone: row.details.timezone.clone(),
                        all_day: s.all_day,
                        starts_at: s.format_local(o.start),
                        ends_at: s.format_local(end_local),
                        starts_at_utc: o.start_utc,
                        ends_at_utc: o.end_utc,
                        starts_at_tz: tz.map(|z| with_offset(z, o.start_utc)),
                        ends_at_tz: tz.map(|z| with_offset(z, o.end_utc)),
                    }
                })
                .collect::<Vec<_>>();
            Ok(Listed {
                items,
                total: w.count.then_some(total),
                next,
            })
        })
        .await?;
    Ok(list_response(
        &req,
        &state.config.public_url,
        listed,
        &window,
        None,
    ))
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

/// The calendar of some events, as iCalendar text.
fn calendar_of(conn: &mut DbConn, ids: &[i64], name: &str, public_url: &str) -> Result<String> {
    let rows: Vec<Entry> = entries::table
        .filter(entries::id.eq_any(ids))
        .select(Entry::as_select())
        .load(conn)?;
    let details: HashMap<i64, EventDetails> = event_details::table
        .filter(event_details::entry_id.eq_any(ids))
        .select(EventDetails::as_select())
        .load::<EventDetails>(conn)?
        .into_iter()
        .map(|d| (d.entry_id, d))
        .collect();
    let links: Vec<(i64, i64)> = entry_terms::table
        .filter(entry_terms::entry_id.eq_any(ids))
        .select((entry_terms::entry_id, entry_terms::term_id))
        .load(conn)?;
    let mut term_ids: Vec<i64> = links.iter().map(|l| l.1).collect();
    term_ids.sort_unstable();
    term_ids.dedup();
    let names: HashMap<i64, (String, String)> = terms::find_many(conn, &term_ids)?
        .into_iter()
        .map(|t| (t.id, (t.taxonomy, t.name)))
        .collect();
    let by_id: HashMap<i64, &Entry> = rows.iter().map(|e| (e.id, e)).collect();
    // Keep the order of `ids` (soonest first).
    struct Prepared {
        schedule: Schedule,
        description: String,
        url: String,
        location: Option<String>,
        categories: Vec<String>,
        organizer: Option<(String, String)>,
    }
    let mut prepared = Vec::new();
    for id in ids {
        let (Some(e), Some(d)) = (by_id.get(id), details.get(id)) else {
            continue;
        };
        let venue = d.venue();
        let location = venue
            .as_ref()
            .map(|v| v.one_line())
            .filter(|l| !l.is_empty())
            .or_else(|| Some(d.online_url.clone()).filter(|u| !u.is_empty()));
        let categories = links
            .iter()
            .filter(|l| l.0 == *id)
            .filter_map(|l| names.get(&l.1))
            .filter(|(taxonomy, _)| taxonomy == Taxonomy::EventCategory.as_str())
            .map(|(_, name)| name.clone())
            .collect();
        prepared.push((
            *e,
            d,
            venue,
            Prepared {
                schedule: d.schedule(),
                description: html::text(&e.content_html),
                url: format!("{public_url}/events/{}", e.slug),
                location,
                categories,
                organizer: d
                    .organizer()
                    .filter(|o| !o.email.is_empty())
                    .map(|o| (o.name, o.email)),
            },
        ));
    }
    let events: Vec<IcsEvent> = prepared
        .iter()
        .map(|(e, d, venue, p)| IcsEvent {
            uid: &d.uid,
            dtstamp: e.updated_at.and_utc(),
            last_modified: e.updated_at.and_utc(),
            summary: &e.title,
            description: &p.description,
            url: Some(&p.url),
            location: p.location.as_deref(),
            geo: venue
                .as_ref()
                .and_then(|v| Some((v.latitude?, v.longitude?))),
            organizer: p.organizer.as_ref().map(|(n, m)| (n.as_str(), m.as_str())),
            categories: p.categories.iter().map(String::as_str).collect(),
            schedule: &p.schedule,
        })
        .collect();
    Ok(ical::calendar(name, &events))
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

/// The published events as an iCalendar (RFC 5545) feed to subscribe to, optionally of
/// some categories or tags. Drafts and scheduled events never appear, whoever asks.
#[utoipa::path(
    tag = "events",
    params(FeedParams),
    responses((status = 200, description = "An iCalendar feed", content_type = "text/calendar", body = String)),
    security((), ("bearer" = []))
)]
#[get("/events/feed.ics")]
pub async fn get_events_feed(state: State, params: Query<FeedParams>) -> Result<HttpResponse> {
    let terms = term_filters(params.0.event_category.as_deref(), params.0.tag.as_deref());
    let public_url = state.config.public_url.clone();
    let body = state
        .read(move |conn| {
            let ids = public_event_ids(conn, &terms, None)?;
            calendar_of(conn, &ids, "Events", &public_url)
        })
        .await?;
    Ok(calendar_response(body, None))
}

/// One published event as an iCalendar file (to add to a calendar).
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
            let e = crate::content::entry::find_visible(conn, Kind::Event, id, Viewer::Anonymous)?;
            let body = calendar_of(conn, &[id], &e.title, &public_url)?;
            Ok((e.slug, body))
        })
        .await?;
    Ok(calendar_response(body, Some(&format!("{slug}.ics"))))
}
