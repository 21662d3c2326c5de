//! Which media an item uses, and in what role: the `entry_media` table, written with the
//! item. A file's visibility and whether it may be deleted follow from these rows:
//! anonymous readers see a file unless every item using it is hidden from them.

use std::collections::HashSet;

use diesel::prelude::*;

use crate::content::Viewer;
use crate::content::access::visibility;
use crate::db::DbConn;
use crate::db::schema::{entry_media, media};
use crate::db::sql::{IdRow, Sql, Value};
use crate::error::{Error, Result};

/// The role of an item's featured image.
pub const FEATURED: &str = "featured";
/// The role of a resource's downloadable file.
pub const DOCUMENT: &str = "document";

/// Sets (or with `None` clears) the one media item an entry uses in `role`.
/// `field` names the request member, for the error.
pub fn set(
    conn: &mut DbConn,
    entry_id: i64,
    role: &str,
    media_id: Option<i64>,
    field: &str,
) -> Result<()> {
    if let Some(id) = media_id {
        let exists = media::table
            .find(id)
            .select(media::id)
            .first::<i64>(conn)
            .optional()?;
        if exists.is_none() {
            return Err(Error::invalid(
                field,
                format!("there is no media with id {id}"),
            ));
        }
    }
    diesel::delete(
        entry_media::table
            .filter(entry_media::entry_id.eq(entry_id))
            .filter(entry_media::role.eq(role)),
    )
    .execute(conn)?;
    if let Some(id) = media_id {
        diesel::insert_into(entry_media::table)
            .values((
                entry_media::entry_id.eq(entry_id),
                entry_media::role.eq(role),
                entry_media::media_id.eq(id),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// What to assume of some items when asking whether anonymous readers see a file.
#[derive(Debug, Clone, Copy)]
pub enum Assuming<'a> {
    /// Nothing: as things are.
    Now,
    /// That these items do not use it (what it was before they took it up).
    Unused(&'a [i64]),
    /// That these items are hidden (what it was before their scheduled time came).
    Hidden(&'a [i64]),
}

/// The SQL condition "anonymous readers see media `m`", assuming `assuming`.
pub fn public_if(assuming: Assuming) -> Sql {
    let except = |sql: &mut Sql, ids: &[i64]| {
        if !ids.is_empty() {
            sql.push(" AND em.entry_id NOT IN ")
                .bind_list(ids.iter().map(|i| Value::Int(*i)));
        }
    };
    let (unused, hidden): (&[i64], &[i64]) = match assuming {
        Assuming::Now => (&[], &[]),
        Assuming::Unused(ids) => (ids, ids),
        Assuming::Hidden(ids) => (&[], ids),
    };
    let mut sql = Sql::new("(NOT EXISTS (SELECT 1 FROM entry_media em WHERE em.media_id = m.id");
    except(&mut sql, unused);
    sql.push(
        ") OR EXISTS (SELECT 1 FROM entry_media em JOIN entries ve ON ve.id = em.entry_id \
         WHERE em.media_id = m.id",
    );
    except(&mut sql, hidden);
    sql.push(" AND ")
        .append(&visibility("ve", Viewer::Anonymous, None, crate::db::now()))
        .push("))");
    sql
}

/// Which of the media `ids` anonymous readers see, `assuming` something of some items:
/// the change feed's view of a file before and after a write.
pub fn public_among(conn: &mut DbConn, ids: &[i64], assuming: Assuming) -> Result<HashSet<i64>> {
    let mut found = HashSet::new();
    for chunk in ids.chunks(500) {
        let mut sql = Sql::new("SELECT m.id AS id FROM media m WHERE m.id IN ");
        sql.bind_list(chunk.iter().map(|i| Value::Int(*i)))
            .push(" AND ")
            .append(&public_if(assuming));
        let rows: Vec<IdRow> = sql.into_query().load(conn)?;
        found.extend(rows.into_iter().map(|r| r.id));
    }
    Ok(found)
}

/// The media the items `entries` use, in any role.
pub fn used_by(conn: &mut DbConn, entries: &[i64]) -> Result<Vec<i64>> {
    let mut ids: Vec<i64> = entry_media::table
        .filter(entry_media::entry_id.eq_any(entries))
        .select(entry_media::media_id)
        .load(conn)?;
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}
