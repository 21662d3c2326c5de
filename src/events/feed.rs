//! iCalendar feeds of published events: every event's schedule, venue, organizer and
//! categories, in the order given.

use std::collections::HashMap;

use diesel::prelude::*;

use crate::content::entry::Entry;
use crate::content::html;
use crate::content::terms::{self, Taxonomy};
use crate::db::DbConn;
use crate::db::schema::{entries, entry_terms, event_details};
use crate::error::Result;
use crate::events::details::EventDetails;
use crate::events::ical::{self, IcsEvent};
use crate::events::schedule::Schedule;

/// The calendar of some events, as iCalendar text.
pub fn calendar(conn: &mut DbConn, ids: &[i64], name: &str, public_url: &str) -> Result<String> {
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
