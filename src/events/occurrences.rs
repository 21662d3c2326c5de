//! Every occurrence of the published events in a window: each event's schedule expanded
//! (in memory, bounded), sorted soonest first and paged with a cursor on (start, event).

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::content::Viewer;
use crate::content::list::{visibility, with_terms};
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
        sql.push(" AND ").append(&with_terms("e", *taxonomy, slugs));
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
    let ids = public_event_ids(conn, terms, Some((from, to)))?;
    let rows = event_rows(conn, &ids)?;
    let mut all = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        for o in row
            .details
            .schedule()
            .occurrences(from, to, MAX_OCCURRENCES + 1)
        {
            all.push((i, o));
        }
        if all.len() > MAX_OCCURRENCES {
            return Err(Error::invalid_query(
                "to",
                format!("the window holds more than {MAX_OCCURRENCES} occurrences: narrow it"),
            ));
        }
    }
    all.sort_by_key(|(i, o)| (o.start_utc, rows[*i].id));
    let total = all.len() as i64;
    let per_page = window.per_page as usize;
    let start = match (&window.paging, after) {
        (Paging::Page(n), _) => (*n as usize - 1) * per_page,
        (_, Some(cursor)) => all.partition_point(|(i, o)| (o.start_utc, rows[*i].id) <= cursor),
        (_, None) => 0,
    };
    let more = start + per_page < all.len();
    let page: Vec<(usize, Occurrence)> = all.into_iter().skip(start).take(per_page).collect();
    let next = page.last().filter(|_| more).map(|(i, o)| Cursor {
        key: "occurrence".into(),
        dir: Direction::Asc,
        value: serde_json::json!(o.start_utc.to_rfc3339()),
        id: rows[*i].id,
    });
    let items = page
        .into_iter()
        .map(|(i, occurrence)| EventOccurrence {
            event: rows[i].clone(),
            occurrence,
        })
        .collect();
    Ok(Listed {
        items,
        total: window.count.then_some(total),
        next,
    })
}
