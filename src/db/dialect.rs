//! The one place where SQLite and PostgreSQL differ: full-text search.

use crate::db::Backend;
use crate::db::sql::{Sql, Value};

/// Must match the expression of the `entries_search` GIN index in the PostgreSQL migrations.
const PG_SEARCH_VECTOR: &str = "(setweight(to_tsvector('english', e.title), 'A') \
     || setweight(to_tsvector('english', e.excerpt), 'B') \
     || setweight(to_tsvector('english', e.content_text), 'C'))";

/// The pieces of a ranked full-text search over entries aliased `e`.
pub struct Search {
    /// Joined after `FROM entries e`.
    pub join: Sql,
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
                join: Sql::new(" JOIN entries_fts ON entries_fts.rowid = e.id"),
                condition,
                // bm25 is lower for better matches; weights favour title, then excerpt.
                score: Sql::new("(-bm25(entries_fts, 10.0, 4.0, 1.0))"),
            }
        }
        Backend::Postgres => {
            let mut condition = Sql::new(PG_SEARCH_VECTOR);
            condition
                .push(" @@ websearch_to_tsquery('english', ")
                .bind(Value::Text(terms.to_owned()))
                .push(")");
            let mut score = Sql::new("CAST(ts_rank(");
            score
                .push(PG_SEARCH_VECTOR)
                .push(", websearch_to_tsquery('english', ")
                .bind(Value::Text(terms.to_owned()))
                .push(")) AS DOUBLE PRECISION)");
            Search {
                join: Sql::default(),
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
