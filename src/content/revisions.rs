//! A revision is kept for every change of an item; editors and the item's author read them.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::content::entry::{self, Entry};
use crate::content::paging::{Direction, Listed, Window};
use crate::content::{Kind, Status, Viewer};
use crate::db::DbConn;
use crate::db::schema::revisions;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = revisions)]
pub struct Revision {
    pub id: i64,
    pub entry_id: i64,
    pub author_id: Option<i64>,
    pub slug: String,
    pub status: Status,
    pub title: String,
    pub excerpt: String,
    pub content_html: String,
    pub content_blocks: String,
    pub published_at: NaiveDateTime,
    pub extra: String,
    pub created_at: NaiveDateTime,
}

/// What a revision keeps beyond the entry's own columns.
#[derive(Debug, Serialize, serde::Deserialize, Default)]
pub struct Extra {
    pub author: i64,
    pub terms: Vec<i64>,
}

/// Keeps a revision of `entry` as it now stands, unless it is the same as the latest one
/// (as WordPress does: a save that changes nothing a revision holds adds none).
/// `terms` are the item's terms as stored now, in the order of their ids.
pub fn record(conn: &mut DbConn, entry: &Entry, terms: &[i64], by: Option<i64>) -> Result<()> {
    let extra = serde_json::to_string(&Extra {
        author: entry.author_id,
        terms: terms.to_vec(),
    })
    .map_err(Error::internal)?;
    let latest: Option<Revision> = revisions::table
        .filter(revisions::entry_id.eq(entry.id))
        .order(revisions::id.desc())
        .select(Revision::as_select())
        .first(conn)
        .optional()?;
    if latest.is_some_and(|r| {
        r.slug == entry.slug
            && r.status == entry.status
            && r.title == entry.title
            && r.excerpt == entry.excerpt
            && r.content_html == entry.content_html
            && r.content_blocks == entry.content_blocks
            && r.published_at == entry.published_at
            && r.extra == extra
    }) {
        return Ok(());
    }
    diesel::insert_into(revisions::table)
        .values((
            revisions::entry_id.eq(entry.id),
            revisions::author_id.eq(by),
            revisions::slug.eq(&entry.slug),
            revisions::status.eq(entry.status),
            revisions::title.eq(&entry.title),
            revisions::excerpt.eq(&entry.excerpt),
            revisions::content_html.eq(&entry.content_html),
            revisions::content_blocks.eq(&entry.content_blocks),
            revisions::published_at.eq(entry.published_at),
            revisions::extra.eq(extra),
            revisions::created_at.eq(crate::db::now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The revisions of an item, newest first, for editors and the item's author only.
pub fn list(
    conn: &mut DbConn,
    kind: Kind,
    viewer: Viewer,
    id: i64,
    window: &Window,
) -> Result<Listed<Revision>> {
    let entry = entry::find_visible(conn, kind, id, viewer)?;
    if !viewer.can_edit(entry.author_id) {
        return Err(Error::Forbidden(
            "only editors and the author may read revisions".into(),
        ));
    }
    let seek = window.by_id(Direction::Desc)?;
    let query = revisions::table
        .filter(revisions::entry_id.eq(id))
        .order(revisions::id.desc())
        .select(Revision::as_select())
        .into_boxed();
    let rows: Vec<Revision> = seek.apply(query, revisions::id).load(conn)?;
    let total = if window.count {
        Some(
            revisions::table
                .filter(revisions::entry_id.eq(id))
                .count()
                .get_result(conn)?,
        )
    } else {
        None
    };
    Ok(seek.finish(rows, |r| r.id, total))
}
