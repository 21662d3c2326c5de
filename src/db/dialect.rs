//! The one place where SQLite and PostgreSQL differ: full-text search.

use crate::db::Backend;
use crate::db::sql::{Sql, Value};

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
