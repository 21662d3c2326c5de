//! Stored counts: how many entries of each kind have each status (`entry_counts`), and
//! how many published entries of each kind carry each term (`term_counts`). Every write of
//! an item changes them by its difference, in its own transaction, so that the total of a
//! list and the count of a term are read, not counted. Scheduled items (published, with a
//! date to come) are in the stored counts; readers take them away with a small query over
//! `entries_by_status_date`, which holds only what is still to come.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::content::{Kind, Status};
use crate::db::DbConn;
use crate::db::schema::{entries, entry_counts, entry_terms, term_counts};
use crate::db::sql::{Sql, Value};
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
    for (status, n) in by_status.into_iter().filter(|(_, n)| *n != 0) {
        let mut sql = Sql::new("INSERT INTO entry_counts (kind, status, n) VALUES (");
        sql.bind(Value::Text(kind.as_str().to_owned()))
            .push(", ")
            .bind(Value::Text(status.as_str().to_owned()))
            .push(", ")
            .bind(Value::Int(n))
            .push(") ON CONFLICT (kind, status) DO UPDATE SET n = entry_counts.n + excluded.n");
        sql.into_query().execute(conn)?;
    }
    for (term, n) in by_term.into_iter().filter(|(_, n)| *n != 0) {
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
    let published: i64 = entry_counts::table
        .filter(entry_counts::kind.eq(kind.as_str()))
        .filter(entry_counts::status.eq(Status::Published.as_str()))
        .select(entry_counts::n)
        .first(conn)
        .optional()?
        .unwrap_or(0);
    let scheduled: i64 = entries::table
        .filter(entries::status.eq(Status::Published))
        .filter(entries::published_at.gt(now))
        .filter(entries::kind.eq(kind))
        .count()
        .get_result(conn)?;
    Ok(published - scheduled)
}

/// How many items anonymous readers see with each term, in all and per kind.
pub fn of_terms(conn: &mut DbConn, term_ids: &[i64]) -> Result<HashMap<i64, TermCount>> {
    let now = crate::db::now();
    let mut map: HashMap<i64, TermCount> = HashMap::new();
    if term_ids.is_empty() {
        return Ok(map);
    }
    let stored: Vec<(i64, String, i64)> = term_counts::table
        .filter(term_counts::term_id.eq_any(term_ids))
        .filter(term_counts::n.gt(0))
        .select((term_counts::term_id, term_counts::kind, term_counts::n))
        .load(conn)?;
    let scheduled: Vec<(i64, Kind)> = entries::table
        .inner_join(entry_terms::table)
        .filter(entries::status.eq(Status::Published))
        .filter(entries::published_at.gt(now))
        .filter(entry_terms::term_id.eq_any(term_ids))
        .select((entry_terms::term_id, entries::kind))
        .load(conn)?;
    for (term, kind, n) in stored {
        let Some(kind) = Kind::parse(&kind) else {
            continue;
        };
        let n = n - scheduled
            .iter()
            .filter(|(t, k)| *t == term && *k == kind)
            .count() as i64;
        if n > 0 {
            let count = map.entry(term).or_default();
            count.total += n;
            count.by_kind.push((kind, n));
        }
    }
    Ok(map)
}
