//! Which media an item uses, and in what role: the `entry_media` table, written with the
//! item. A file's visibility and whether it may be deleted follow from these rows.

use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::{entry_media, media};
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
