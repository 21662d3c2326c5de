//! Our ids and WordPress's: what came from WordPress answers with its WordPress id here
//! (`content::wp_ids`), looked up for a whole page of answers at once.

use std::collections::HashMap;

use diesel::prelude::*;

use crate::content::wp_ids::{self, Space};
use crate::db::DbConn;
use crate::db::sql::Sql;
use crate::error::Result;

/// The local ids of things with these WordPress ids.
pub(crate) fn local_ids(conn: &mut DbConn, space: Space, wp: &[i64]) -> Result<Vec<i64>> {
    #[derive(diesel::QueryableByName)]
    struct IdRow {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        id: i64,
    }
    if wp.is_empty() {
        return Ok(Vec::new());
    }
    let table = match space {
        Space::Entries => "entries",
        Space::Media => "media",
        Space::Terms => "terms",
        Space::Users => "users",
    };
    let mut sql = Sql::new(&format!("SELECT t.id AS id FROM {table} t WHERE "));
    sql.append(&wp_ids::condition("t", wp));
    let rows: Vec<IdRow> = sql.into_query().load(conn)?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// The WordPress ids of things of one space, by local id.
pub(crate) fn wp_ids_of(conn: &mut DbConn, space: Space, ids: &[i64]) -> Result<HashMap<i64, i64>> {
    use crate::db::schema::{entries, media, terms, users};
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i64, Option<i64>)> = match space {
        Space::Entries => entries::table
            .filter(entries::id.eq_any(ids))
            .select((entries::id, entries::wp_id))
            .load(conn)?,
        Space::Media => media::table
            .filter(media::id.eq_any(ids))
            .select((media::id, media::wp_id))
            .load(conn)?,
        Space::Terms => terms::table
            .filter(terms::id.eq_any(ids))
            .select((terms::id, terms::wp_id))
            .load(conn)?,
        Space::Users => users::table
            .filter(users::id.eq_any(ids))
            .select((users::id, users::wp_id))
            .load(conn)?,
    };
    Ok(rows
        .into_iter()
        .map(|(id, wp)| (id, wp_ids::public_id(id, wp)))
        .collect())
}

/// Local ids to WordPress ids, for one page of answers.
#[derive(Debug, Default)]
pub struct IdMap {
    pub entries: HashMap<i64, i64>,
    pub media: HashMap<i64, i64>,
    pub terms: HashMap<i64, i64>,
    pub users: HashMap<i64, i64>,
}

impl IdMap {
    fn of(map: &HashMap<i64, i64>, id: i64) -> i64 {
        map.get(&id).copied().unwrap_or(wp_ids::BORN_HERE + id)
    }

    pub fn entry_id(&self, id: i64) -> i64 {
        IdMap::of(&self.entries, id)
    }

    pub fn media_id(&self, id: i64) -> i64 {
        IdMap::of(&self.media, id)
    }

    pub fn term_id(&self, id: i64) -> i64 {
        IdMap::of(&self.terms, id)
    }

    pub fn user_id(&self, id: i64) -> i64 {
        IdMap::of(&self.users, id)
    }
}
