//! Every occurrence of the published events in a window: each event's schedule expanded
//! (in memory, bounded), sorted soonest first and paged with a cursor on (start, event).

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::content::Viewer;
use crate::content::access::visibility;
use crate::content::list::with_terms;
use crate::content::paging::{Cursor, Direction, Listed, Paging, Window};
use crate::content::terms::Taxonomy;
use crate::db::DbConn;
use crate::db::schema::{entries, event_details};
use crate::db::sql::{Sql, Value};
use crate::error::{Error, Result};
use crate::events::details::EventDetails;
use crate::events::schedule::Occurrence;

/// The most occurrences one window may hold; a wider request is asked to narrow it.
pub const MAX_OCCURRENCES: usize = 50_000;

/// A published event, with what its occurrences are listed with.
#[derive(Debug, Clone, Queryable)]
pub struct EventRow {
    pub id: i64,
    pub title: String,
    pub slug: String,
    #[diesel(embed)]
    pub details: EventDetails,
}

/// The ids of the published events matching the filters whose occurrences may overlap
/// [from, to) (all of them without a window), soonest first.
pub fn public_event_ids(
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
        sql.push(" AND ")
            .append(&with_terms(conn, "e", *taxonomy, slugs)?);
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

/// One occurrence of a published event.
pub struct EventOccurrence {
    pub event: EventRow,
    pub occurrence: Occurrence,
}

/// The occurrences in [from, to) of the published events with these terms.
pub fn list(
    conn: &mut DbConn,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    terms: &[(Taxonomy, Vec<String>)],
    window: &Window,
) -> Result<Listed<EventOccurrence>> {
    let timeline = Timeline::build(conn, from, to, terms, MAX_OCCURRENCES)?.ok_or_else(too_many)?;
    timeline.page(from, to, window)
}

fn too_many() -> Error {
    Error::invalid_query(
        "to",
        format!("the window holds more than {MAX_OCCURRENCES} occurrences: narrow it"),
    )
}

/// Every occurrence of the published events (with some terms, or all) that overlaps a span
/// of time, sorted by (start, event): a page of any window inside the span is a slice of
/// it, found by binary search.
#[derive(Debug)]
pub struct Timeline {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    rows: Vec<EventRow>,
    /// Occurrences with the index of their event in `rows`.
    entries: Vec<(u32, Occurrence)>,
    /// The longest occurrence: how far before a window one may start and still be in it.
    longest: chrono::Duration,
}

impl Timeline {
    /// The occurrences overlapping [from, to); `None` when there are more than `limit`.
    pub fn build(
        conn: &mut DbConn,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        terms: &[(Taxonomy, Vec<String>)],
        limit: usize,
    ) -> Result<Option<Timeline>> {
        let ids = public_event_ids(conn, terms, Some((from, to)))?;
        let rows = event_rows(conn, &ids)?;
        let mut entries = Vec::new();
        let mut longest = chrono::Duration::zero();
        for (i, row) in rows.iter().enumerate() {
            for o in row.details.schedule().occurrences(from, to, limit + 1) {
                longest = longest.max(o.end_utc - o.start_utc);
                entries.push((i as u32, o));
            }
            if entries.len() > limit {
                return Ok(None);
            }
        }
        entries.sort_by_key(|(i, o)| (o.start_utc, rows[*i as usize].id));
        Ok(Some(Timeline {
            from,
            to,
            rows,
            entries,
            longest,
        }))
    }

    /// Whether a window lies inside the span it holds.
    pub fn covers(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> bool {
        self.from <= from && to <= self.to
    }

    /// Roughly the memory it holds, in bytes.
    pub fn size(&self) -> usize {
        self.entries.len() * std::mem::size_of::<(u32, Occurrence)>()
            + self
                .rows
                .iter()
                .map(|r| 512 + r.title.len() + r.slug.len())
                .sum::<usize>()
    }

    fn key(&self, k: usize) -> (DateTime<Utc>, i64) {
        let (i, o) = &self.entries[k];
        (o.start_utc, self.rows[*i as usize].id)
    }

    /// A page of the occurrences overlapping [from, to), a window inside its span.
    pub fn page(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        window: &Window,
    ) -> Result<Listed<EventOccurrence>> {
        let after = match &window.paging {
            Paging::After(c) if c.key == "occurrence" && c.dir == Direction::Asc => {
                let at = c
                    .value
                    .as_str()
                    .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
                    .ok_or_else(|| {
                        Error::invalid_query("cursor", "is not a cursor of this list")
                    })?;
                Some((at.with_timezone(&Utc), c.id))
            }
            Paging::After(_) => {
                return Err(Error::invalid_query(
                    "cursor",
                    "is not a cursor of this list",
                ));
            }
            Paging::Page(_) | Paging::Skip(_) => None,
        };
        // Those that start in the window all overlap it; of those that start before it, only
        // the ones still running at its start do, and they start at most `longest` before.
        let first = self.entries.partition_point(|(_, o)| o.start_utc < from);
        let last = self.entries.partition_point(|(_, o)| o.start_utc < to);
        let earliest = from.checked_sub_signed(self.longest).unwrap_or(from);
        let lead = self
            .entries
            .partition_point(|(_, o)| o.start_utc < earliest);
        let running: Vec<usize> = (lead..first)
            .filter(|k| self.entries[*k].1.end_utc > from)
            .collect();
        let total = running.len() + (last - first);
        if total > MAX_OCCURRENCES {
            return Err(too_many());
        }
        // The n-th occurrence of the window (`running` sort before the rest).
        let at = |n: usize| match running.get(n) {
            Some(k) => *k,
            None => first + n - running.len(),
        };
        let per_page = window.per_page as usize;
        let start = match (&window.paging, after) {
            (Paging::Page(_) | Paging::Skip(_), _) => window.skip() as usize,
            (_, Some(cursor)) => {
                // The first position whose key is past the cursor.
                let (mut lo, mut hi) = (0, total);
                while lo < hi {
                    let mid = (lo + hi) / 2;
                    if self.key(at(mid)) <= cursor {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                lo
            }
            (_, None) => 0,
        };
        let end = total.min(start.saturating_add(per_page));
        let more = end < total;
        let items: Vec<EventOccurrence> = (start.min(end)..end)
            .map(|n| {
                let (i, o) = &self.entries[at(n)];
                EventOccurrence {
                    event: self.rows[*i as usize].clone(),
                    occurrence: o.clone(),
                }
            })
            .collect();
        let next = items.last().filter(|_| more).map(|o| Cursor {
            key: "occurrence".into(),
            dir: Direction::Asc,
            value: serde_json::json!(o.occurrence.start_utc.to_rfc3339()),
            id: o.event.id,
        });
        Ok(Listed {
            items,
            total: window.count.then_some(total as i64),
            next,
        })
    }
}
