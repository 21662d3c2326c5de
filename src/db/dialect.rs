//! The one place where SQLite and PostgreSQL differ: full-text search, how a batch of
//! many writes in one transaction (an import, `generate`) is run, and how a subquery is
//! kept a check made row by row.

use diesel::QueryResult;
use diesel::connection::SimpleConnection;

use crate::db::sql::{Sql, Value};
use crate::db::{Backend, DbConn};

/// Prepares the caller's transaction for a batch of many writes.
pub fn begin_batch(conn: &mut DbConn) -> QueryResult<()> {
    match conn.backend() {
        // The tables grow far past what their statistics say within this one transaction:
        // a plan cached while they were small (a scan of a table of ten rows) would be kept
        // for the whole batch. Plan each statement for the table as it is.
        Backend::Postgres => conn.batch_execute("SET LOCAL plan_cache_mode = force_custom_plan"),
        // A transaction larger than SQLite's page cache (2 MB) spills pages to the file
        // while it runs, and writes them again when it commits: keep up to 64 MB in memory.
        // The entries the batch creates are indexed for search at its end, in one statement
        // (FTS5 writes its pending index at every savepoint, and every item is written in
        // one; see the migration `fts_batch`).
        Backend::Sqlite => conn.batch_execute(
            "PRAGMA cache_size = -65536; \
             UPDATE entries_fts_batch SET since = (SELECT coalesce(max(id), 0) FROM entries);",
        ),
    }
}

/// Ends a batch begun with [`begin_batch`]; `succeeded` tells whether its writes did.
pub fn end_batch(conn: &mut DbConn, succeeded: bool) -> QueryResult<()> {
    match conn.backend() {
        // The planner's statistics still describe the tables as they were before the batch
        // (autovacuum analyses them later, or never when it is off), and a search would
        // then read every post rather than its index: analyse them now, in the batch's
        // transaction (ANALYZE counts the rows the transaction itself inserted). Only the
        // tables a batch fills, in this schema: a database-wide ANALYZE holds locks on every
        // table until the batch commits, and two batches at once deadlocked on them.
        Backend::Postgres if succeeded => conn.batch_execute("ANALYZE entries, entry_terms, terms"),
        Backend::Postgres => Ok(()),
        // Also when the writes failed: a caller that commits what came before must not
        // leave entries out of the index, or every later one.
        Backend::Sqlite => conn.batch_execute(
            "INSERT INTO entries_fts (rowid, title, excerpt, content_text) \
             SELECT id, title, excerpt, content_text FROM entries \
             WHERE id > (SELECT since FROM entries_fts_batch); \
             UPDATE entries_fts_batch SET since = NULL; \
             PRAGMA cache_size = -2000;",
        ),
    }
}

/// After a bulk load has committed (the `import` and `generate` commands), outside any
/// transaction: on SQLite, gather the planner's statistics; on PostgreSQL, VACUUM the
/// tables it filled, so that the visibility map
/// lets lists read their ids from the indexes alone (index-only scans) from the first
/// request, rather than after autovacuum's next turn, or never when it is off.
pub fn after_bulk_load(conn: &mut DbConn) -> QueryResult<()> {
    match conn.backend() {
        Backend::Postgres => conn.batch_execute(
            "VACUUM (ANALYZE) entries, entry_terms, terms, term_counts, entry_counts, \
             scheduled_entries, field_values",
        ),
        // SQLite plans without statistics until something gathers them: with them it
        // counts a filtered list from its smallest filter rather than by walking the kind.
        // Sampled (`analysis_limit`), it takes under a second at 100,000 posts.
        Backend::Sqlite => conn.batch_execute("PRAGMA analysis_limit = 1000; ANALYZE;"),
    }
}

/// What ends an `EXISTS (SELECT ...)` that must stay a check made for each row of the
/// outer query (a dense filter while a list walks its order). PostgreSQL turns an EXISTS
/// into a join and plans it once for every value bound (a generic plan, made for the
/// average term): it would then read a dense term's entries whole. `OFFSET 0` keeps it
/// from doing so; SQLite checks row by row anyway.
pub fn checked_per_row(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres => " OFFSET 0",
        Backend::Sqlite => "",
    }
}

/// The pieces of a ranked full-text search over entries aliased `e`.
pub struct Search {
    /// The FROM clause, `entries e` with whatever the search reads joined to it.
    pub from: Sql,
    /// A condition for the WHERE clause.
    pub condition: Sql,
    /// A relevance score, higher is better.
    pub score: Sql,
}

pub fn search(backend: Backend, terms: &str) -> Search {
    match backend {
        Backend::Sqlite => {
            let mut condition = Sql::new("entries_fts MATCH ");
            condition.bind(Value::Text(fts5_query(terms)));
            Search {
                // CROSS JOIN keeps the full-text index outermost: the work follows the
                // matches (left to itself, SQLite walks every entry of the kind and asks
                // the index about each). Each match is checked in `entries_visible`, which
                // holds what visibility reads, never in its large row.
                from: Sql::new(
                    " FROM entries_fts CROSS JOIN entries e INDEXED BY entries_visible \
                     ON e.id = entries_fts.rowid",
                ),
                condition,
                // bm25 is lower for better matches; weights favour title, then excerpt.
                score: Sql::new("(-bm25(entries_fts, 10.0, 4.0, 1.0))"),
            }
        }
        Backend::Postgres => {
            // `search_vector` is a stored column with a GIN index (the migrations), so a
            // match's rank reads it rather than parsing the text again.
            let mut condition = Sql::new("e.search_vector @@ websearch_to_tsquery('english', ");
            condition.bind(Value::Text(terms.to_owned())).push(")");
            let mut score =
                Sql::new("CAST(ts_rank(e.search_vector, websearch_to_tsquery('english', ");
            score
                .bind(Value::Text(terms.to_owned()))
                .push(")) AS DOUBLE PRECISION)");
            Search {
                from: Sql::new(" FROM entries e"),
                condition,
                score,
            }
        }
    }
}

/// Turns free text into an FTS5 query of quoted words, all of which must match, so that
/// no input can be an FTS5 syntax error.
fn fts5_query(terms: &str) -> String {
    let words: Vec<String> = terms
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect();
    if words.is_empty() {
        "\"\"".to_owned()
    } else {
        words.join(" ")
    }
}

/// Case-insensitive substring match on a column.
pub fn contains(column: &str, needle: &str) -> Sql {
    let escaped = needle
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    let mut sql = Sql::new("LOWER(");
    sql.push(column)
        .push(") LIKE ")
        .bind(Value::Text(format!("%{escaped}%")))
        .push(" ESCAPE '\\'");
    sql
}
