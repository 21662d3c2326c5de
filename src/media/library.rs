//! The media library: listing files as a reader may see them, changing their
//! descriptions, deleting them (refused while items use them, unless forced).

use diesel::prelude::*;

use crate::content::Viewer;
use crate::content::changes::{self, Action};
use crate::content::paging::{Direction, Listed, Window};
use crate::db::DbConn;
use crate::db::schema::{entry_media, media as media_table};
use crate::db::sql::{CountRow, Sql, Value};
use crate::error::{Error, Result};
use crate::media::{Media, find, usage_count, visible};

/// Filters of the media library.
#[derive(Clone, Debug, Default)]
pub struct MediaFilter {
    /// A MIME type or its start (`image/`), checked.
    mime_type: Option<String>,
    /// Part of the title, caption or file name, case-insensitive.
    search: Option<String>,
    /// Oldest first (newest first by default).
    oldest_first: bool,
    /// Only these files.
    only: Option<Vec<i64>>,
    /// Not these files.
    except: Vec<i64>,
}

impl MediaFilter {
    pub fn new(mime_type: Option<&str>, search: Option<&str>) -> Result<MediaFilter> {
        let mime_type = mime_type.map(str::trim).filter(|p| !p.is_empty());
        if let Some(prefix) = mime_type
            && !prefix
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"/.+-".contains(&b))
        {
            return Err(Error::invalid_query(
                "mime_type",
                "must be a MIME type or its start, like `image/`",
            ));
        }
        Ok(MediaFilter {
            mime_type: mime_type.map(str::to_ascii_lowercase),
            search: search
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
            oldest_first: false,
            only: None,
            except: Vec::new(),
        })
    }

    /// Only the files `only` (when given), and not the files `except`.
    pub fn ids(mut self, only: Option<Vec<i64>>, except: Vec<i64>) -> MediaFilter {
        self.only = only;
        self.except = except;
        self
    }

    /// The same files, oldest first.
    pub fn oldest_first(mut self) -> MediaFilter {
        self.oldest_first = true;
        self
    }
}

/// The files `viewer` may see, newest first (or oldest first).
pub fn list(
    conn: &mut DbConn,
    viewer: Viewer,
    filter: &MediaFilter,
    window: &Window,
) -> Result<Listed<Media>> {
    let seek = window.by_id(if filter.oldest_first {
        Direction::Asc
    } else {
        Direction::Desc
    })?;
    let mut from = Sql::new(" FROM media m WHERE ");
    from.append(&visible(viewer));
    if let Some(prefix) = &filter.mime_type {
        from.push(" AND m.mime_type LIKE ")
            .bind(Value::Text(format!("{prefix}%")));
    }
    if let Some(only) = &filter.only {
        from.push(" AND m.id IN ")
            .bind_list(only.iter().chain([&-1]).map(|i| Value::Int(*i)));
    }
    if !filter.except.is_empty() {
        from.push(" AND m.id NOT IN ")
            .bind_list(filter.except.iter().map(|i| Value::Int(*i)));
    }
    if let Some(needle) = &filter.search {
        from.push(" AND (")
            .append(&crate::db::dialect::contains("m.title", needle))
            .push(" OR ")
            .append(&crate::db::dialect::contains("m.caption", needle))
            .push(" OR ")
            .append(&crate::db::dialect::contains("m.file_name", needle))
            .push(")");
    }
    let mut page = Sql::new("SELECT m.*");
    page.append(&from);
    seek.push_sql(&mut page, "m.id");
    let rows: Vec<Media> = page.into_query().load(conn)?;
    let total = if window.count {
        let mut count = Sql::new("SELECT COUNT(*) AS n");
        count.append(&from);
        Some(count.into_query().get_result::<CountRow>(conn)?.n)
    } else {
        None
    };
    Ok(seek.finish(rows, |m| m.id, total))
}

/// The file stored under `key`, if `viewer` may see it.
pub fn find_file(conn: &mut DbConn, key: &str, viewer: Viewer) -> Result<Option<Media>> {
    let mut sql = Sql::new("SELECT m.* FROM media m WHERE m.storage_key = ");
    sql.bind(Value::Text(key.to_owned()))
        .push(" AND ")
        .append(&visible(viewer));
    Ok(sql.into_query().get_result::<Media>(conn).optional()?)
}

/// Editors change any file; authors their own uploads.
fn may_change(viewer: Viewer, m: &Media) -> Result<()> {
    if viewer.edits_all() || (m.author_id.is_some() && m.author_id == viewer.user_id()) {
        Ok(())
    } else {
        Err(Error::Forbidden(
            "you may only change your own uploads".into(),
        ))
    }
}

/// A change of a file's description; `None` leaves a member as it is.
#[derive(Debug, Default)]
pub struct MediaChanges {
    pub title: Option<String>,
    pub alt_text: Option<String>,
    pub caption: Option<String>,
}

/// Changes a file's title, alternative text or caption (trimmed; a title is never empty).
pub fn update(conn: &mut DbConn, viewer: Viewer, id: i64, c: MediaChanges) -> Result<Media> {
    crate::content::version::bump(conn)?;
    if c.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
        return Err(Error::invalid("title", "must not be empty"));
    }
    let m = find(conn, id)?.ok_or_else(|| Error::not_found(format!("no media with id {id}")))?;
    may_change(viewer, &m)?;
    let target = media_table::table.find(id);
    diesel::update(target)
        .set((
            c.title.map(|t| media_table::title.eq(t.trim().to_owned())),
            c.alt_text
                .map(|a| media_table::alt_text.eq(a.trim().to_owned())),
            c.caption
                .map(|t| media_table::caption.eq(t.trim().to_owned())),
            media_table::updated_at.eq(crate::db::now()),
        ))
        .execute(conn)?;
    let m = find(conn, id)?.ok_or_else(|| Error::internal("media vanished"))?;
    changes::record_media(
        conn,
        id,
        &m.file_name,
        Action::Updated,
        None,
        viewer.user_id(),
    )?;
    Ok(m)
}

/// Deletes a file's record and returns its storage key, for the caller to remove the
/// bytes once the transaction has committed. A file still used by an item is a 409
/// unless `force`, which also takes it off those items.
pub fn delete(conn: &mut DbConn, viewer: Viewer, id: i64, force: bool) -> Result<String> {
    crate::content::version::bump(conn)?;
    let m = find(conn, id)?.ok_or_else(|| Error::not_found(format!("no media with id {id}")))?;
    may_change(viewer, &m)?;
    let uses = usage_count(conn, id)?;
    if uses > 0 && !force {
        return Err(Error::conflict(
            "force",
            format!("the file is used by {uses} items; pass force=true to delete it anyway"),
        ));
    }
    let was_public = changes::media_public(conn, id)?;
    let users: Vec<i64> = entry_media::table
        .filter(entry_media::media_id.eq(id))
        .select(entry_media::entry_id)
        .distinct()
        .load(conn)?;
    diesel::delete(media_table::table.find(id)).execute(conn)?;
    changes::record_touched(conn, &users, viewer.user_id())?;
    changes::record_media(
        conn,
        id,
        &m.file_name,
        Action::Deleted,
        Some(was_public),
        viewer.user_id(),
    )?;
    Ok(m.storage_key)
}
