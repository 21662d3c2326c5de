//! The ids things have in the WordPress-compatible API (`/wp-json/wp/v2`): what came from
//! WordPress (imported or synced) keeps its WordPress id, so links and caches keyed by id
//! keep working; what was born here is numbered from [`BORN_HERE`] up, above any id a
//! WordPress site reaches, so the two never collide.
//!
//! WordPress numbers posts, pages, attachments and custom types in one sequence (here:
//! `entries` and `media`), terms in another, users in a third. The `wp_id` columns hold
//! one site's ids: the first WordPress site imported into this database.

use std::collections::HashMap;

use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::sql::{IdRow, Sql, Value};
use crate::error::Result;

/// The WordPress id of a thing born here is this plus its own id.
pub const BORN_HERE: i64 = 1_000_000_000;

/// Where a WordPress id lives: a table with a `wp_id` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Space {
    Entries,
    Media,
    Terms,
    Users,
}

impl Space {
    pub fn table(self) -> &'static str {
        match self {
            Space::Entries => "entries",
            Space::Media => "media",
            Space::Terms => "terms",
            Space::Users => "users",
        }
    }

    /// The space of an `import_origins` kind, if its ids are WordPress ids.
    pub fn of_origin(kind: &str) -> Option<Space> {
        match kind {
            "entry" | "block" => Some(Space::Entries),
            "media" => Some(Space::Media),
            "term" => Some(Space::Terms),
            "user" => Some(Space::Users),
            _ => None,
        }
    }
}

/// The WordPress id of a thing with `id` here and `wp_id` stored.
pub fn public_id(id: i64, wp_id: Option<i64>) -> i64 {
    wp_id.unwrap_or(BORN_HERE + id)
}

/// The SQL expression of the WordPress id of rows of `alias` (`e`).
pub fn expr(alias: &str) -> String {
    format!("COALESCE({alias}.wp_id, {BORN_HERE} + {alias}.id)")
}

/// The SQL expression of where the WordPress id of rows of `alias` stands in `ids` (0 for
/// the first; the others after all of them): WordPress's `orderby=include`. The ids are
/// integers, written into the statement as they are.
pub fn position(alias: &str, ids: &[i64]) -> String {
    let mut case = format!("CASE {}", expr(alias));
    for (at, id) in ids.iter().enumerate() {
        case.push_str(&format!(" WHEN {id} THEN {at}"));
    }
    case.push_str(&format!(" ELSE {} END", ids.len()));
    case
}

/// The SQL condition "row `alias` has one of these WordPress ids".
pub fn condition(alias: &str, wp_ids: &[i64]) -> Sql {
    let (born, kept): (Vec<i64>, Vec<i64>) = wp_ids.iter().partition(|i| **i > BORN_HERE);
    let mut sql = Sql::new("(");
    let mut first = true;
    if !kept.is_empty() {
        sql.push(&format!("{alias}.wp_id IN "))
            .bind_list(kept.iter().map(|i| Value::Int(*i)));
        first = false;
    }
    if !born.is_empty() {
        if !first {
            sql.push(" OR ");
        }
        sql.push(&format!("({alias}.wp_id IS NULL AND {alias}.id IN "))
            .bind_list(born.iter().map(|i| Value::Int(*i - BORN_HERE)))
            .push(")");
        first = false;
    }
    if first {
        sql.push("1 = 0");
    }
    sql.push(")");
    sql
}

/// The local ids of the things of `space` with these WordPress ids.
pub fn local_ids(conn: &mut DbConn, space: Space, wp_ids: &[i64]) -> Result<Vec<i64>> {
    if wp_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(&format!(
        "SELECT t.id AS id FROM {} t WHERE ",
        space.table()
    ));
    sql.append(&condition("t", wp_ids));
    let rows: Vec<IdRow> = sql.into_query().load(conn)?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// The WordPress ids of the things of `space` with these local ids, by local id.
pub fn public_ids(conn: &mut DbConn, space: Space, ids: &[i64]) -> Result<HashMap<i64, i64>> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        id: i64,
        #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::BigInt>)]
        wp_id: Option<i64>,
    }
    let mut found = HashMap::new();
    for chunk in ids.chunks(500) {
        let mut sql = Sql::new(&format!(
            "SELECT t.id AS id, t.wp_id AS wp_id FROM {} t WHERE t.id IN ",
            space.table()
        ));
        sql.bind_list(chunk.iter().map(|i| Value::Int(*i)));
        let rows: Vec<Row> = sql.into_query().load(conn)?;
        found.extend(rows.into_iter().map(|r| (r.id, public_id(r.id, r.wp_id))));
    }
    Ok(found)
}

/// Gives the thing `id` its WordPress id, unless it has one or another thing holds that
/// id (a second WordPress site imported into the same database keeps its own ids only in
/// `import_origins`). In the caller's transaction.
pub fn assign(conn: &mut DbConn, space: Space, id: i64, wp_id: i64) -> Result<()> {
    if !(1..BORN_HERE).contains(&wp_id) {
        return Ok(());
    }
    let table = space.table();
    let mut sql = Sql::new(&format!("UPDATE {table} SET wp_id = "));
    sql.bind(Value::Int(wp_id))
        .push(" WHERE id = ")
        .bind(Value::Int(id))
        .push(&format!(
            " AND wp_id IS NULL AND NOT EXISTS (SELECT 1 FROM {table} x WHERE x.wp_id = "
        ))
        .bind(Value::Int(wp_id))
        .push(")");
    sql.into_query().execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_born_here_sit_above_wordpress_ids() {
        assert_eq!(public_id(7, Some(9)), 9);
        assert_eq!(public_id(7, None), BORN_HERE + 7);
    }
}
