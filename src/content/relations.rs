//! What a page of entries refers to (terms, media, reusable blocks), read in one
//! statement whatever the number of entries.

use std::collections::HashMap;

use diesel::RunQueryDsl;

use crate::content::terms::Taxonomy;
use crate::db::DbConn;
use crate::db::sql::{Sql, Value};
use crate::error::Result;

#[derive(diesel::QueryableByName)]
struct RelationRow {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    entry_id: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    is_media: i64,
    #[diesel(sql_type = diesel::sql_types::Text)]
    role: String,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    ref_id: i64,
}

/// What the entries of a page refer to, by entry id.
#[derive(Default)]
pub struct Relations {
    /// Each entry's terms, by taxonomy, in name order.
    pub terms: HashMap<i64, Vec<(Taxonomy, i64)>>,
    /// Each entry's media, by `entry_media` role.
    pub media: HashMap<i64, Vec<(String, i64)>>,
    /// The reusable blocks each entry's content refers to.
    pub block_refs: HashMap<i64, Vec<i64>>,
}

/// The terms (by name), the media and the reusable blocks of many entries, in one statement.
pub fn load(conn: &mut DbConn, ids: &[i64]) -> Result<Relations> {
    let mut out = Relations::default();
    if ids.is_empty() {
        return Ok(out);
    }
    let list = || ids.iter().map(|i| Value::Int(*i)).collect::<Vec<_>>();
    let mut sql = Sql::new(
        "SELECT et.entry_id AS entry_id, CAST(0 AS BIGINT) AS is_media, t.taxonomy AS role, \
         t.id AS ref_id, t.name AS sort_name FROM entry_terms et JOIN terms t ON t.id = et.term_id \
         WHERE et.entry_id IN ",
    );
    sql.bind_list(list()).push(
        " UNION ALL SELECT em.entry_id, CAST(1 AS BIGINT), em.role, em.media_id, '' \
         FROM entry_media em WHERE em.entry_id IN ",
    );
    sql.bind_list(list()).push(
        " UNION ALL SELECT br.entry_id, CAST(2 AS BIGINT), 'block', br.block_id, '' \
         FROM block_refs br WHERE br.entry_id IN ",
    );
    sql.bind_list(list()).push(" ORDER BY 2, 5, 4");
    let rows: Vec<RelationRow> = sql.into_query().load(conn)?;
    for r in rows {
        match r.is_media {
            1 => out
                .media
                .entry(r.entry_id)
                .or_default()
                .push((r.role, r.ref_id)),
            2 => out.block_refs.entry(r.entry_id).or_default().push(r.ref_id),
            _ => {
                if let Some(t) = Taxonomy::parse(&r.role) {
                    out.terms.entry(r.entry_id).or_default().push((t, r.ref_id));
                }
            }
        }
    }
    Ok(out)
}

impl Relations {
    /// The ids of an entry's terms of one taxonomy.
    pub fn term_ids(&self, entry: i64, taxonomy: Taxonomy) -> Vec<i64> {
        self.terms
            .get(&entry)
            .map(|ts| {
                ts.iter()
                    .filter(|(t, _)| *t == taxonomy)
                    .map(|(_, id)| *id)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The id of the media an entry uses in `role` (`featured`, `document`).
    pub fn media_id(&self, entry: i64, role: &str) -> Option<i64> {
        self.media
            .get(&entry)?
            .iter()
            .find(|(r, _)| r == role)
            .map(|(_, id)| *id)
    }
}
