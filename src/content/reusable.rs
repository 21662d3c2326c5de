//! Reusable blocks: block content that many items include by reference
//! (`{"name": "core/block", "attrs": {"ref": ID}}`), like WordPress's `wp_block`. They are
//! entries with nothing of their own; what is theirs is who uses them.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::content::entry::Entry;
use crate::content::kind::ContentKind;
use crate::content::paging::{Direction, Listed, Window};
use crate::content::{Kind, Status, Viewer, items};
use crate::db::DbConn;
use crate::db::schema::{block_refs, entries};
use crate::error::{Error, Result};

pub struct ReusableBlocks;

impl ContentKind for ReusableBlocks {
    const KIND: Kind = Kind::Block;
    type Details = ();
    type Changes = ();
    type Filter = ();

    fn load_details(_: &mut DbConn, _: &[Entry]) -> Result<()> {
        Ok(())
    }

    fn save(_: &mut DbConn, _: &Entry, _: (), _: bool) -> Result<()> {
        Ok(())
    }
}

/// An item whose content refers to a reusable block.
#[derive(Debug, Queryable)]
pub struct Usage {
    pub id: i64,
    pub kind: Kind,
    pub slug: String,
    pub title: String,
    pub status: Status,
    pub updated_at: NaiveDateTime,
}

/// The items whose content refers to a reusable block, in any status, newest first
/// (editors only).
pub fn usages(
    conn: &mut DbConn,
    viewer: Viewer,
    id: i64,
    window: &Window,
) -> Result<Listed<Usage>> {
    if !viewer.edits_all() {
        return Err(Error::Forbidden(
            "only editors may list where a block is used".into(),
        ));
    }
    let seek = window.by_id(Direction::Desc)?;
    items::find::<ReusableBlocks>(conn, id, viewer)?;
    let users = block_refs::table
        .filter(block_refs::block_id.eq(id))
        .select(block_refs::entry_id);
    let query = entries::table
        .filter(entries::id.eq_any(users))
        .order(entries::id.desc())
        .select((
            entries::id,
            entries::kind,
            entries::slug,
            entries::title,
            entries::status,
            entries::updated_at,
        ))
        .into_boxed();
    let rows: Vec<Usage> = seek.apply(query, entries::id).load(conn)?;
    let total = if window.count {
        Some(
            block_refs::table
                .filter(block_refs::block_id.eq(id))
                .count()
                .get_result::<i64>(conn)?,
        )
    } else {
        None
    };
    Ok(seek.finish(rows, |u| u.id, total))
}
