//! What a kind of content adds to the shared lifecycle: its own table and its own part of
//! a write, its own list filters and order. The shared steps are in `items`.

use crate::content::entry::Entry;
use crate::content::list::{EntryFilter, EntryQuery, SortKey};
use crate::content::{Kind, Viewer};
use crate::db::DbConn;
use crate::error::Result;

pub trait ContentKind: 'static {
    const KIND: Kind;
    /// The order of a list that names none (and has no search).
    const DEFAULT_ORDER: SortKey = SortKey::PublishedAt;
    /// What the kind keeps beyond `entries`, loaded for a page of items in one query.
    type Details: Send + 'static;
    /// The kind's own part of a write, checked when it is built (so holding one means it
    /// is valid, as far as can be told without the stored item).
    type Changes: Default + Send + 'static;
    /// The kind's own list filters, checked when they are built.
    type Filter: Default + Clone + Send + 'static;

    fn load_details(conn: &mut DbConn, entries: &[Entry]) -> Result<Self::Details>;

    /// Stores the kind's own part of a write, in the same transaction as the entry.
    fn save(conn: &mut DbConn, entry: &Entry, changes: Self::Changes, created: bool) -> Result<()>;

    /// Runs before an item is trashed or (with `force`) deleted for good, once the
    /// change is known to be allowed.
    fn before_delete(_conn: &mut DbConn, _entry: &Entry, _force: bool) -> Result<()> {
        Ok(())
    }

    /// The query of a list of this kind for `viewer` (see `EntryQuery::new`).
    fn query(viewer: Viewer, filter: EntryFilter) -> Result<EntryQuery> {
        EntryQuery::new(Self::KIND, Self::DEFAULT_ORDER, viewer, filter)
    }

    /// Adds the kind's own table, filters and ordering columns to a list.
    fn narrow(_query: &mut EntryQuery, _filter: Self::Filter) {}

    /// Whether where the item stands lets `viewer` read it, once its own status does (a
    /// page under a page they cannot see is hidden with it).
    fn readable_in_place(_conn: &mut DbConn, _entry: &Entry, _viewer: Viewer) -> Result<bool> {
        Ok(true)
    }
}
