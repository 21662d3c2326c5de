//! Stored counts: how many entries of each kind have each status (`entry_counts`), and
//! how many published entries of each kind carry each term (`term_counts`). Every write of
//! an item changes them by its difference, in its own transaction, so that the total of a
//! list and the count of a term are read, not counted. Scheduled items (published, with a
//! date to come) are in the stored counts; readers take them away with a small query over
//! `entries_by_status_date`, which holds only what is still to come.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::content::{Kind, Status, batch};
use crate::db::DbConn;
use crate::db::schema::{entries, entry_terms};
use crate::db::sql::{CountRow, Sql, Value};
use crate::error::Result;

/// How many items an anonymous reader can see with a term, in all and per kind.
#[derive(Debug, Clone, Default)]
pub struct TermCount {
    pub total: i64,
    pub by_kind: Vec<(Kind, i64)>,
}

/// An entry as the counts see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Counted {
    pub status: Status,
    pub terms: Vec<i64>,
}

/// The entry's status and terms as stored now (`None` when there is no such entry).
pub fn of(conn: &mut DbConn, id: i64) -> Result<Option<Counted>> {
    let Some(status) = entries::table
        .find(id)
        .select(entries::status)
        .first::<Status>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let terms = entry_terms::table
        .filter(entry_terms::entry_id.eq(id))
        .order(entry_terms::term_id)
        .select(entry_terms::term_id)
        .load(conn)?;
    Ok(Some(Counted { status, terms }))
}

/// Changes the counts by the difference between an entry before and after a write (`None`:
/// it did not exist, or no longer does).
pub fn apply(
    conn: &mut DbConn,
    kind: Kind,
    before: Option<&Counted>,
    after: Option<&Counted>,
) -> Result<()> {
    if before == after {
        return Ok(());
    }
    let mut by_status: Vec<(Status, i64)> = Vec::new();
    let mut by_term: HashMap<i64, i64> = HashMap::new();
    for (counted, sign) in [(before, -1), (after, 1)] {
        let Some(c) = counted else { continue };
        match by_status.iter_mut().find(|(s, _)| *s == c.status) {
            Some((_, n)) => *n += sign,
            None => by_status.push((c.status, sign)),
        }
        if c.status == Status::Published {
            for t in &c.terms {
                *by_term.entry(*t).or_default() += sign;
            }
        }
    }
    let entries: HashMap<(Kind, Status), i64> = by_status
        .into_iter()
        .filter(|(_, n)| *n != 0)
        .map(|(status, n)| ((kind, status), n))
        .collect();
    let terms: HashMap<(i64, Kind), i64> = by_term
        .into_iter()
        .filter(|(_, n)| *n != 0)
        .map(|(term, n)| ((term, kind), n))
        .collect();
    let absorbed = batch::absorb(|pending| {
        for (key, n) in &entries {
            *pending.entries.entry(*key).or_default() += n;
        }
        for (key, n) in &terms {
            *pending.terms.entry(*key).or_default() += n;
        }
    });
    if absorbed {
        return Ok(());
    }
    write(conn, &entries, &terms)
}

/// Adds differences to the stored counts.
pub(crate) fn write(
    conn: &mut DbConn,
    entries: &HashMap<(Kind, Status), i64>,
    terms: &HashMap<(i64, Kind), i64>,
) -> Result<()> {
    for (&(kind, status), &n) in entries.iter().filter(|(_, n)| **n != 0) {
        let mut sql = Sql::new("INSERT INTO entry_counts (kind, status, n) VALUES (");
        sql.bind(Value::Text(kind.as_str().to_owned()))
            .push(", ")
            .bind(Value::Text(status.as_str().to_owned()))
            .push(", ")
            .bind(Value::Int(n))
            .push(") ON CONFLICT (kind, status) DO UPDATE SET n = entry_counts.n + excluded.n");
        sql.into_query().execute(conn)?;
    }
    for (&(term, kind), &n) in terms.iter().filter(|(_, n)| **n != 0) {
        let mut sql = Sql::new("INSERT INTO term_counts (term_id, kind, n) VALUES (");
        sql.bind(Value::Int(term))
            .push(", ")
            .bind(Value::Text(kind.as_str().to_owned()))
            .push(", ")
            .bind(Value::Int(n))
            .push(") ON CONFLICT (term_id, kind) DO UPDATE SET n = term_counts.n + excluded.n");
        sql.into_query().execute(conn)?;
    }
    Ok(())
}

/// How many items of `kind` anonymous readers see: published, with their date come.
pub fn public_total(conn: &mut DbConn, kind: Kind, now: NaiveDateTime) -> Result<i64> {
    let mut sql = Sql::new("SELECT COALESCE((SELECT c.n FROM entry_counts c WHERE c.kind = ");
    sql.bind(Value::Text(kind.as_str().to_owned()))
        .push(
            " AND c.status = 'published'), 0) - (SELECT COUNT(*) FROM entries e \
               WHERE e.status = 'published' AND e.published_at > ",
        )
        .bind(Value::Time(now))
        .push(" AND e.kind = ")
        .bind(Value::Text(kind.as_str().to_owned()))
        .push(") AS n");
    Ok(sql.into_query().get_result::<CountRow>(conn)?.n)
}

#[derive(QueryableByName)]
struct TermRow {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    term_id: i64,
    #[diesel(sql_type = diesel::sql_types::Text)]
    kind: String,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// How many items anonymous readers see with each term, in all and per kind.
pub fn of_terms(conn: &mut DbConn, term_ids: &[i64]) -> Result<HashMap<i64, TermCount>> {
    let mut map: HashMap<i64, TermCount> = HashMap::new();
    if term_ids.is_empty() {
        return Ok(map);
    }
    // The scheduled items are few (the index holds them apart): count those per term and
    // take them away.
    let mut sql = Sql::new(
        "SELECT tc.term_id AS term_id, tc.kind AS kind, tc.n - COALESCE(s.n, 0) AS n \
         FROM term_counts tc LEFT JOIN (SELECT et.term_id AS term_id, e.kind AS kind, \
         COUNT(*) AS n FROM entries e JOIN entry_terms et ON et.entry_id = e.id \
         WHERE e.status = 'published' AND e.published_at > ",
    );
    sql.bind(Value::Time(crate::db::now()))
        .push(
            " GROUP BY et.term_id, e.kind) s ON s.term_id = tc.term_id AND s.kind = tc.kind \
             WHERE tc.n > 0 AND tc.term_id IN ",
        )
        .bind_list(term_ids.iter().map(|t| Value::Int(*t)));
    let rows: Vec<TermRow> = sql.into_query().load(conn)?;
    for row in rows {
        let Some(kind) = Kind::parse(&row.kind).filter(|_| row.n > 0) else {
            continue;
        };
        let count = map.entry(row.term_id).or_default();
        count.total += row.n;
        count.by_kind.push((kind, row.n));
    }
    Ok(map)
}
