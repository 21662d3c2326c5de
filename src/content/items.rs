//! The one way content items are written and listed. A write runs every step in one
//! transaction: the entry (slug, sanitised body, excerpt, terms, media links, block
//! references), the kind's own part, the custom-field values and index, and a revision.
//! HTTP handlers, both importers and the demo all write through here, so whatever must
//! happen on every write (revisions, stored counts, the content version that invalidates
//! response caches, the change feed) is attached here once.

use crate::content::changes::{self, Action};
use crate::content::entry::{self, Entry, EntryInput};
use crate::content::kind::ContentKind;
use crate::content::list::{self, EntryQuery};
use crate::content::paging::{Listed, Window};
use crate::content::{Viewer, batch, counts, revisions, terms, version};
use crate::content::{field_filters, field_groups};
use crate::db::{DbConn, dialect, transaction};
use crate::error::{Error, Result};

/// Creates an item for `viewer` (who must be signed in) and returns it as stored.
pub fn create<K: ContentKind>(
    conn: &mut DbConn,
    viewer: Viewer,
    mut input: EntryInput,
    changes: K::Changes,
) -> Result<Entry> {
    transaction(conn, |conn| {
        let fields = std::mem::take(&mut input.fields);
        let e = entry::create(conn, K::KIND, viewer, input)?;
        K::save(conn, &e, changes, true)?;
        field_groups::apply(conn, K::KIND, e.id, fields, true)?;
        finish(conn, e, None, None, viewer)
    })
}

/// Runs `f` (in the caller's transaction, many writes) with the counts and the content
/// version written once, when it returns `Ok`, and the database prepared for many writes
/// (`db::dialect::begin_batch`). See [`batch`](crate::content::batch) for why. A batch
/// inside a batch is part of the outer one.
pub fn batched<T, E: From<Error>>(
    conn: &mut DbConn,
    f: impl FnOnce(&mut DbConn) -> std::result::Result<T, E>,
) -> std::result::Result<T, E> {
    let Some(batch) = batch::start() else {
        return f(conn);
    };
    dialect::begin_batch(conn).map_err(Error::from)?;
    let value = f(conn);
    let ended = dialect::end_batch(conn, value.is_ok());
    let value = value?;
    ended.map_err(Error::from)?;
    Ok(finish_batch(conn, batch, value)?)
}

/// Writes what the batch's writes changed, once.
fn finish_batch<T>(conn: &mut DbConn, batch: batch::Batch, value: T) -> Result<T> {
    let pending = batch.finish();
    counts::write(conn, &pending.entries, &pending.terms)?;
    if pending.bumped {
        version::bump(conn)?;
    }
    changes::insert(conn, pending.changes)?;
    Ok(value)
}

/// Applies a partial change (members left out stay as they are) and returns the item as
/// stored. Publishing an item without a date stamps it with the current time.
pub fn update<K: ContentKind>(
    conn: &mut DbConn,
    viewer: Viewer,
    id: i64,
    mut input: EntryInput,
    changes: K::Changes,
) -> Result<Entry> {
    transaction(conn, |conn| {
        let before = counts::of(conn, id)?;
        let seen = changes::before(conn, K::KIND, id, before.as_ref().map(|b| b.status))?;
        let fields = std::mem::take(&mut input.fields);
        let e = entry::update(conn, K::KIND, viewer, id, input)?;
        K::save(conn, &e, changes, false)?;
        field_groups::apply(conn, K::KIND, e.id, fields, false)?;
        finish(conn, e, before, Some(seen), viewer)
    })
}

/// Moves an item to the trash, or deletes it for good with `force`. Returns the trashed
/// item, or `None` when it is gone.
pub fn delete<K: ContentKind>(
    conn: &mut DbConn,
    viewer: Viewer,
    id: i64,
    force: bool,
) -> Result<Option<Entry>> {
    transaction(conn, |conn| {
        let before = counts::of(conn, id)?;
        let seen = changes::before(conn, K::KIND, id, before.as_ref().map(|b| b.status))?;
        let mut slug = String::new();
        let trashed = entry::delete(conn, K::KIND, viewer, id, force, |conn, e| {
            slug = e.slug.to_string();
            K::before_delete(conn, e, force)
        })?;
        let after = match &trashed {
            Some(e) => {
                let after =
                    counts::Counted::new(e.status, e.published_at, terms::term_ids_of(conn, e.id)?);
                revisions::record(conn, e, &after.terms, viewer.user_id())?;
                Some(after)
            }
            None => None,
        };
        counts::apply(conn, K::KIND, id, before.as_ref(), after.as_ref())?;
        version::bump(conn)?;
        let action = if force {
            Action::Deleted
        } else {
            Action::Trashed
        };
        changes::record(conn, K::KIND, id, &slug, action, seen, viewer.user_id())?;
        Ok(trashed)
    })
}

/// The end of every create and update: the item as stored (custom fields are saved after
/// the entry), its revision, the stored counts changed by its difference, and the content
/// version bumped.
fn finish(
    conn: &mut DbConn,
    written: Entry,
    before: Option<counts::Counted>,
    seen: Option<changes::Before>,
    viewer: Viewer,
) -> Result<Entry> {
    let e = entry::find(conn, written.kind, written.id)?
        .ok_or_else(|| Error::internal("an item vanished while it was written"))?;
    let after = counts::Counted::new(e.status, e.published_at, terms::term_ids_of(conn, e.id)?);
    revisions::record(conn, &e, &after.terms, viewer.user_id())?;
    let action = match &before {
        Some(b) => Action::of_update(b.status, e.status),
        None => Action::Created,
    };
    counts::apply(conn, e.kind, e.id, before.as_ref(), Some(&after))?;
    version::bump(conn)?;
    changes::record(
        conn,
        e.kind,
        e.id,
        &e.slug,
        action,
        seen.unwrap_or_default(),
        viewer.user_id(),
    )?;
    Ok(e)
}

/// The item as `viewer` may see it; items they may not see do not exist for them.
pub fn find<K: ContentKind>(conn: &mut DbConn, id: i64, viewer: Viewer) -> Result<Entry> {
    let e = entry::find_visible(conn, K::KIND, id, viewer)?;
    if !K::readable_in_place(conn, &e, viewer)? {
        return Err(crate::error::Error::not_found(format!(
            "no {} with id {id}",
            K::KIND.noun()
        )));
    }
    Ok(e)
}

/// The ids of a page of the items a query asks for, with the kind's own filters;
/// custom-field filters and ordering are checked against the field groups of the kind.
pub fn list_ids<K: ContentKind>(
    conn: &mut DbConn,
    mut query: EntryQuery,
    filter: K::Filter,
    window: &Window,
) -> Result<Listed<i64>> {
    K::narrow(&mut query, filter);
    if !query.field_filters.is_empty() || query.sort_field.is_some() {
        field_filters::narrow(conn, &mut query)?;
    }
    list::list(conn, &query, window)
}

/// A page of the items a query asks for (see `list_ids`), read whole.
pub fn list<K: ContentKind>(
    conn: &mut DbConn,
    query: EntryQuery,
    filter: K::Filter,
    window: &Window,
) -> Result<Listed<Entry>> {
    let page = list_ids::<K>(conn, query, filter, window)?;
    let items = entry::find_ordered(conn, &page.items)?;
    Ok(Listed {
        items,
        total: page.total,
        next: page.next,
    })
}
