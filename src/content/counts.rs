//! Stored counts: how many entries of each kind have each status (`entry_counts`), and
//! how many published entries of each kind carry each term (`term_counts`). Every write of
//! an item changes them by its difference, in its own transaction, so that the total of a
//! list and the count of a term are read, not counted. Scheduled items (published, with a
//! date to come) are counted apart until their time (`entry_counts` under the status
//! `scheduled`, listed in `scheduled_entries`, left out of `term_counts`); the first read of
//! a count after that time moves them in ([`settle`]), so that every read of a count is
//! one lookup whatever the size of the site or the number of scheduled items.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::content::{Kind, Status, batch};
use crate::db::Backend;
use crate::db::DbConn;
use crate::db::schema::{entries, entry_terms};
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
    /// Published but counted apart until then (a scheduled item).
    pub held_until: Option<NaiveDateTime>,
    pub terms: Vec<i64>,
}

impl Counted {
    /// An entry as written now: a published item whose date is still to come is held.
    pub fn new(status: Status, published_at: NaiveDateTime, terms: Vec<i64>) -> Counted {
        let held_until = (status == Status::Published && published_at > crate::db::now())
            .then_some(published_at);
        Counted {
            status,
            held_until,
            terms,
        }
    }

    /// The status the entry is counted under in `entry_counts`.
    fn counted_status(&self) -> &'static str {
        match self.held_until {
            Some(_) => SCHEDULED,
            None => self.status.as_str(),
        }
    }

    /// Whether the entry is in the counts of what anonymous readers see.
    fn visible(&self) -> bool {
        self.status == Status::Published && self.held_until.is_none()
    }
}

/// The status scheduled items are counted under in `entry_counts` (not a status of its
/// own: they are stored as published).
const SCHEDULED: &str = "scheduled";

#[derive(QueryableByName)]
struct HeldRow {
    #[diesel(sql_type = diesel::sql_types::Timestamp)]
    due_at: NaiveDateTime,
}

/// The entry as it is counted now (`None` when there is no such entry). On PostgreSQL its
/// `scheduled_entries` row is locked until the transaction ends, so that a concurrent
/// [`settle`] either moved it before (and it is read as visible) or waits.
pub fn of(conn: &mut DbConn, id: i64) -> Result<Option<Counted>> {
    let Some(status) = entries::table
        .find(id)
        .select(entries::status)
        .first::<Status>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let mut held = Sql::new("SELECT due_at FROM scheduled_entries WHERE entry_id = ");
    held.bind(Value::Int(id));
    if conn.backend() == Backend::Postgres {
        held.push(" FOR UPDATE");
    }
    let held_until = held
        .into_query()
        .get_result::<HeldRow>(conn)
        .optional()?
        .map(|r| r.due_at);
    let terms = entry_terms::table
        .filter(entry_terms::entry_id.eq(id))
        .order(entry_terms::term_id)
        .select(entry_terms::term_id)
        .load(conn)?;
    Ok(Some(Counted {
        status,
        held_until,
        terms,
    }))
}

/// Changes the counts by the difference between an entry before and after a write (`None`:
/// it did not exist, or no longer does).
pub fn apply(
    conn: &mut DbConn,
    kind: Kind,
    id: i64,
    before: Option<&Counted>,
    after: Option<&Counted>,
) -> Result<()> {
    if before == after {
        return Ok(());
    }
    let held = |c: Option<&Counted>| c.and_then(|c| c.held_until);
    if held(before) != held(after) {
        hold(conn, kind, id, held(after))?;
    }
    let mut by_status: Vec<(&'static str, i64)> = Vec::new();
    let mut by_term: HashMap<i64, i64> = HashMap::new();
    for (counted, sign) in [(before, -1), (after, 1)] {
        let Some(c) = counted else { continue };
        let status = c.counted_status();
        match by_status.iter_mut().find(|(s, _)| *s == status) {
            Some((_, n)) => *n += sign,
            None => by_status.push((status, sign)),
        }
        if c.visible() {
            for t in &c.terms {
                *by_term.entry(*t).or_default() += sign;
            }
        }
    }
    let entries: HashMap<(Kind, &'static str), i64> = by_status
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

/// Lists an entry in `scheduled_entries` until `due`, or takes it out (`None`).
fn hold(conn: &mut DbConn, kind: Kind, id: i64, due: Option<NaiveDateTime>) -> Result<()> {
    let mut sql = Sql::new("DELETE FROM scheduled_entries WHERE entry_id = ");
    sql.bind(Value::Int(id));
    sql.into_query().execute(conn)?;
    if let Some(due) = due {
        let mut sql = Sql::new("INSERT INTO scheduled_entries (entry_id, kind, due_at) VALUES (");
        sql.bind(Value::Int(id))
            .push(", ")
            .bind(Value::Text(kind.as_str().to_owned()))
            .push(", ")
            .bind(Value::Time(due))
            .push(")");
        sql.into_query().execute(conn)?;
    }
    Ok(())
}

/// Adds differences to the stored counts (entries by the status they are counted under).
pub(crate) fn write(
    conn: &mut DbConn,
    entries: &HashMap<(Kind, &'static str), i64>,
    terms: &HashMap<(i64, Kind), i64>,
) -> Result<()> {
    for (&(kind, status), &n) in entries.iter().filter(|(_, n)| **n != 0) {
        let mut sql = Sql::new("INSERT INTO entry_counts (kind, status, n) VALUES (");
        sql.bind(Value::Text(kind.as_str().to_owned()))
            .push(", ")
            .bind(Value::Text(status.to_owned()))
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

/// The part of a count query that says whether a scheduled item's time has come (1) since
/// the counts were last settled: one look at the head of an index.
fn due_column(now: NaiveDateTime) -> Sql {
    let mut sql = Sql::new("(SELECT CASE WHEN MIN(s.due_at) <= ");
    sql.bind(Value::Time(now))
        .push(" THEN 1 ELSE 0 END FROM scheduled_entries s)");
    sql
}

#[derive(QueryableByName)]
struct DueRow {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    entry_id: i64,
    #[diesel(sql_type = diesel::sql_types::Text)]
    kind: String,
}

/// How long a read waits to settle the counts while a write holds what settling needs (a
/// long import): past it, the read answers from the counts as they stand.
const SETTLE_WAIT_MS: u32 = 100;

/// Settles the counts for a read ([`settle`]); when that cannot be done at once, because
/// a write holds the database or the rows, the read goes on with the counts as they are
/// (the items just due are counted by a later read) rather than wait or fail.
fn settle_for_read(conn: &mut DbConn, now: NaiveDateTime) {
    let backend = conn.backend();
    if backend == Backend::Sqlite {
        let _ = conn.batch_execute(&format!("PRAGMA busy_timeout = {SETTLE_WAIT_MS}"));
    }
    if let Err(e) = settle(conn, now) {
        tracing::warn!(error = %e, "scheduled items not yet moved into the counts");
    }
    if backend == Backend::Sqlite {
        let _ = conn.batch_execute(&format!(
            "PRAGMA busy_timeout = {}",
            crate::db::write_wait_ms()
        ));
    }
}

/// Settles the scheduled items whose time has come, if any has (one small query when none
/// has), for a read that must see them (the change feed) and for the freshness watcher.
pub fn settle_if_due(conn: &mut DbConn, now: NaiveDateTime) {
    #[derive(QueryableByName)]
    struct DueFlag {
        #[diesel(sql_type = diesel::sql_types::Integer)]
        due: i32,
    }
    let mut sql = Sql::new("SELECT ");
    sql.append(&due_column(now)).push(" AS due");
    if sql
        .into_query()
        .get_result::<DueFlag>(conn)
        .is_ok_and(|f| f.due != 0)
    {
        settle_for_read(conn, now);
    }
}

/// Moves the scheduled items whose time has come into the counts of what readers see, in
/// a transaction of its own. Runs on whichever read finds one due first; on PostgreSQL
/// concurrent settles (and writes of the same items) take turns on the rows, so each item
/// moves once.
pub fn settle(conn: &mut DbConn, now: NaiveDateTime) -> Result<()> {
    crate::db::transaction(conn, |conn| {
        if conn.backend() == Backend::Postgres {
            conn.batch_execute(&format!("SET LOCAL lock_timeout = '{SETTLE_WAIT_MS}ms'"))?;
        }
        let mut due = Sql::new("DELETE FROM scheduled_entries WHERE due_at <= ");
        due.bind(Value::Time(now)).push(" RETURNING entry_id, kind");
        let rows: Vec<DueRow> = due.into_query().load(conn)?;
        if rows.is_empty() {
            return Ok(());
        }
        let mut entries: HashMap<(Kind, &'static str), i64> = HashMap::new();
        let mut kinds: HashMap<i64, Kind> = HashMap::new();
        let due: Vec<(i64, Kind)> = rows
            .iter()
            .filter_map(|r| Some((r.entry_id, Kind::parse(&r.kind)?)))
            .collect();
        crate::content::changes::record_due(conn, &due)?;
        for row in &rows {
            let Some(kind) = Kind::parse(&row.kind) else {
                continue;
            };
            *entries.entry((kind, SCHEDULED)).or_default() -= 1;
            *entries
                .entry((kind, Status::Published.as_str()))
                .or_default() += 1;
            kinds.insert(row.entry_id, kind);
        }
        let carried: Vec<(i64, i64)> = entry_terms::table
            .filter(entry_terms::entry_id.eq_any(kinds.keys().copied()))
            .select((entry_terms::entry_id, entry_terms::term_id))
            .load(conn)?;
        let mut terms: HashMap<(i64, Kind), i64> = HashMap::new();
        for (entry, term) in carried {
            if let Some(kind) = kinds.get(&entry) {
                *terms.entry((term, *kind)).or_default() += 1;
            }
        }
        write(conn, &entries, &terms)
    })
}

#[derive(QueryableByName)]
struct TotalRow {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    due: i32,
}

/// How many items of `kind` anonymous readers see: published, with their date come.
pub fn public_total(conn: &mut DbConn, kind: Kind, now: NaiveDateTime) -> Result<i64> {
    let query = || {
        let mut sql = Sql::new("SELECT ");
        sql.append(&public_total_columns(kind, now, "n", "due"));
        sql.into_query()
    };
    let row = query().get_result::<TotalRow>(conn)?;
    if row.due == 0 {
        return Ok(row.n);
    }
    settle_for_read(conn, now);
    Ok(query().get_result::<TotalRow>(conn)?.n)
}

/// The columns `n` (the stored number of `kind` anonymous readers see) and `due` (1 when
/// a scheduled item's time has come since the counts were settled: `n` is then stale, and
/// [`public_total`] settles them), for another statement to read along with its own rows.
pub fn public_total_columns(kind: Kind, now: NaiveDateTime, n: &str, due: &str) -> Sql {
    let mut sql = Sql::new("COALESCE((SELECT c.n FROM entry_counts c WHERE c.kind = ");
    sql.bind(Value::Text(kind.as_str().to_owned()))
        .push(&format!(" AND c.status = 'published'), 0) AS {n}, "))
        .append(&due_column(now))
        .push(&format!(" AS {due}"));
    sql
}

/// How many items anonymous readers see with each term, in all and per kind.
pub fn of_terms(conn: &mut DbConn, term_ids: &[i64]) -> Result<HashMap<i64, TermCount>> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        id: i64,
        #[diesel(embed)]
        counts: CountColumns,
    }
    if term_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut terms = Sql::new("SELECT t.id FROM terms t WHERE t.id IN ");
    terms.bind_list(term_ids.iter().map(|t| Value::Int(*t)));
    let rows = load_with_term_counts(conn, &terms, "t.id", |r: &Row| &r.counts)?;
    let mut map: HashMap<i64, TermCount> = HashMap::new();
    for row in rows {
        map.entry(row.id).or_default().add(&row.counts);
    }
    Ok(map)
}

impl TermCount {
    /// Adds a row's counts (none when the term has no items).
    pub fn add(&mut self, row: &CountColumns) {
        if let (Some(kind), Some(n)) =
            (row.count_kind.as_deref().and_then(Kind::parse), row.count_n)
        {
            self.total += n;
            self.by_kind.push((kind, n));
        }
    }
}

/// The columns [`with_term_counts`] adds to each row of terms: embed them in the row type
/// (`#[diesel(embed)]`).
#[derive(QueryableByName)]
pub struct CountColumns {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    due: i32,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    count_kind: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::BigInt>)]
    count_n: Option<i64>,
}

/// Reads terms (`terms`, whose rows have an `id`) with their counts in one statement (see
/// [`with_term_counts`]), settling the counts first when a scheduled item's time has come.
/// `counts` finds the embedded [`CountColumns`] of a row.
pub fn load_with_term_counts<R: diesel::QueryableByName<crate::db::sql::Backend> + 'static>(
    conn: &mut DbConn,
    terms: &Sql,
    order: &str,
    counts: impl Fn(&R) -> &CountColumns,
) -> Result<Vec<R>> {
    let backend = conn.backend();
    read_settled(conn, crate::db::now(), |conn, due| {
        let rows: Vec<R> = with_term_counts(backend, terms, order, due)
            .into_query()
            .load(conn)?;
        let due = rows.first().is_some_and(|r| counts(r).due != 0);
        Ok((rows, due))
    })
}

/// Wraps a query of terms (whose rows have an `id`) so that each term comes with its
/// counts in the same statement: one row per term and kind it counts items of (one with
/// NULLs when none), with the columns `due` (the expression [`read_settled`] gives),
/// `count_kind` and `count_n`, ordered by `order` over the alias `t`.
fn with_term_counts(backend: Backend, terms: &Sql, order: &str, due: &Sql) -> Sql {
    let mut sql =
        Sql::new("SELECT t.*, d.due AS due, tc.kind AS count_kind, tc.n AS count_n FROM (");
    sql.append(terms)
        .push(") t CROSS JOIN (SELECT ")
        .append(due)
        .push(" AS due) d ");
    // Each term's rows by its key: PostgreSQL would otherwise hash the whole table, which
    // grows with the terms, for a page of 20 (`OFFSET 0` keeps it from flattening the
    // lateral join back into that); SQLite looks them up by key anyway.
    sql.push(match backend {
        Backend::Postgres => {
            "LEFT JOIN LATERAL (SELECT c.kind, c.n FROM term_counts c \
             WHERE c.term_id = t.id AND c.n > 0 OFFSET 0) tc ON TRUE"
        }
        Backend::Sqlite => "LEFT JOIN term_counts tc ON tc.term_id = t.id AND tc.n > 0",
    });
    sql.push(" ORDER BY ").push(order);
    sql
}

/// Runs a read that also says whether a scheduled item's time has come, given
/// [`due_column`] to read that with: when one has, settles the counts and reads again
/// (given a constant 0 then, as there is nothing left to settle). One read when none is
/// due, whatever its shape.
pub fn read_settled<T>(
    conn: &mut DbConn,
    now: NaiveDateTime,
    mut read: impl FnMut(&mut DbConn, &Sql) -> Result<(T, bool)>,
) -> Result<T> {
    let (found, due) = read(conn, &due_column(now))?;
    if !due {
        return Ok(found);
    }
    settle_for_read(conn, now);
    Ok(read(conn, &Sql::new("0"))?.0)
}
