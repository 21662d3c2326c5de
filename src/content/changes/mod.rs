//! The change feed: every change of a content item as a row of `changes`, written in the
//! transaction of the change (a change that rolls back announces nothing), numbered in
//! commit order, read back with `/api/v1/changes?since=CURSOR`.
//!
//! Each row says whether anonymous readers see the item after the change (`public`) and
//! whether they saw it before (`was_public`). Anonymous readers of the feed get only the rows
//! where either is true, with the action as they saw it: an item that appears for them is
//! `created`, `restored` or `published`, one that disappears is `unpublished`, `trashed` or
//! `deleted`, never a word about a draft. A page is public only while every page above it
//! is, so a change of a page's visibility or place writes rows for the pages below it whose
//! visibility changed with it. A scheduled item is announced `published` when its time comes
//! (by whichever read settles it first, see `counts::settle`).
//!
//! Commit order: the numbers come from an identity column; on PostgreSQL two transactions
//! could take numbers in one order and commit in the other, and a reader between the two
//! commits would step past the later number for good. So every transaction that writes rows
//! first takes one transaction-scoped lock, held until it commits: rows are numbered in the
//! order their transactions commit. (SQLite has one writer at a time already.) In a batch
//! (an import) the rows are kept and written at its end, so the lock is held only briefly.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU32, Ordering};

use chrono::NaiveDateTime;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::content::access::visibility;
use crate::content::entry_media::{self as media, Assuming};
use crate::content::{Kind, Status, Viewer, batch};
use crate::db::schema::{change_log, changes, media as media_table};
use crate::db::sql::{IdRow, Sql, Value};
use crate::db::{Backend, DbConn};
use crate::error::{Error, Result};

pub(crate) mod row;

pub(crate) use row::Row;
pub use row::{Action, MEDIA};

static RETENTION_DAYS: AtomicU32 = AtomicU32::new(30);

/// How many days rows are kept (`--changes-days`), set once at start-up.
pub fn set_retention_days(days: u32) {
    RETENTION_DAYS.store(days.max(1), Ordering::Relaxed);
}

/// The PostgreSQL advisory lock that numbers rows in commit order.
const ORDER_LOCK: i64 = 0x6865_6164_7072; // "headpr"

/// Rows are pruned when a row numbered a multiple of this is written.
const PRUNE_EVERY: i64 = 64;

/// What anonymous readers saw of an item (and, for a page, of the pages below it) before
/// a write: taken with [`before`], handed back to [`record`].
#[derive(Debug, Default)]
pub struct Before {
    status: Option<Status>,
    public: bool,
    /// The pages below a page, and whether each was public.
    below: Vec<(i64, bool)>,
    /// The media the item used, and whether each was public.
    media: Vec<(i64, bool)>,
}

/// What anonymous readers see of item `id` (in `status`, as the write read it) before it
/// is written.
pub fn before(conn: &mut DbConn, kind: Kind, id: i64, status: Option<Status>) -> Result<Before> {
    let below = if kind == Kind::Page {
        pages_below(conn, id)?
    } else {
        Vec::new()
    };
    let mut ids: Vec<i64> = below.clone();
    ids.push(id);
    let public = public_among(conn, &ids)?;
    let media = media::used_by(conn, &[id])?;
    let public_media = media::public_among(conn, &media, Assuming::Now)?;
    Ok(Before {
        status,
        public: public.contains(&id),
        below: below
            .into_iter()
            .map(|b| (b, public.contains(&b)))
            .collect(),
        media: media
            .into_iter()
            .map(|m| (m, public_media.contains(&m)))
            .collect(),
    })
}

/// Records the change of item `id` (`slug` as it is now, or was when deleted), in the
/// caller's transaction.
pub fn record(
    conn: &mut DbConn,
    kind: Kind,
    id: i64,
    slug: &str,
    action: Action,
    before: Before,
    user: Option<i64>,
) -> Result<()> {
    if action == Action::Trashed && before.status == Some(Status::Trash) {
        return Ok(()); // trashing what is in the trash changes nothing
    }
    let mut ids: Vec<i64> = before.below.iter().map(|b| b.0).collect();
    if action != Action::Deleted {
        ids.push(id);
    }
    let public = public_among(conn, &ids)?;
    let now = crate::db::now();
    let mut rows = vec![Row {
        at: now,
        kind: kind.as_str(),
        item_id: id,
        slug: slug.to_owned(),
        action,
        public: public.contains(&id),
        was_public: before.public,
        user_id: user,
    }];
    let moved: Vec<(i64, bool, bool)> = before
        .below
        .iter()
        .filter(|(page, was)| *was != public.contains(page))
        .map(|(page, was)| (*page, *was, !*was))
        .collect();
    if !moved.is_empty() {
        let slugs = slugs_of(conn, moved.iter().map(|m| m.0))?;
        for (page, was_public, public) in moved {
            rows.push(Row {
                at: now,
                kind: Kind::Page.as_str(),
                item_id: page,
                slug: slugs.get(&page).cloned().unwrap_or_default(),
                action: Action::Updated,
                public,
                was_public,
                user_id: user,
            });
        }
    }
    rows.extend(media_rows(
        conn,
        &[id],
        before.media,
        Assuming::Unused(&[id]),
        now,
        user,
    )?);
    write(conn, rows)
}

/// Records a change of media `id` (named by its file name), in the caller's transaction.
/// `was_public`: whether anonymous readers saw it before (`None`: as they do now).
pub fn record_media(
    conn: &mut DbConn,
    id: i64,
    file_name: &str,
    action: Action,
    was_public: Option<bool>,
    user: Option<i64>,
) -> Result<()> {
    let public = action != Action::Deleted && media_public(conn, id)?;
    write(
        conn,
        vec![Row {
            at: crate::db::now(),
            kind: MEDIA,
            item_id: id,
            slug: file_name.to_owned(),
            action,
            public,
            was_public: was_public.unwrap_or(public),
            user_id: user,
        }],
    )
}

/// Records that the items `ids` changed in place without a write of their own (a file
/// they used was deleted), in the caller's transaction: `updated`, as visible as they are.
pub fn record_touched(conn: &mut DbConn, ids: &[i64], user: Option<i64>) -> Result<()> {
    use crate::db::schema::entries;
    if ids.is_empty() {
        return Ok(());
    }
    let public = public_among(conn, ids)?;
    let at = crate::db::now();
    let mut found: Vec<(i64, String, String)> = Vec::new();
    for chunk in ids.chunks(500) {
        found.extend(
            entries::table
                .filter(entries::id.eq_any(chunk))
                .select((entries::id, entries::kind, entries::slug))
                .load::<(i64, String, String)>(conn)?,
        );
    }
    found.sort_unstable();
    let rows = found
        .into_iter()
        .filter_map(|(id, kind, slug)| {
            Some(Row {
                at,
                kind: Kind::parse(&kind)?.as_str(),
                item_id: id,
                slug,
                action: Action::Updated,
                public: public.contains(&id),
                was_public: public.contains(&id),
                user_id: user,
            })
        })
        .collect();
    write(conn, rows)
}

/// Whether anonymous readers see media `id` now.
pub fn media_public(conn: &mut DbConn, id: i64) -> Result<bool> {
    Ok(media::public_among(conn, &[id], Assuming::Now)?.contains(&id))
}

/// The rows for the media whose visibility a write of the items `written` changed: a file
/// is public while no item uses it or a public one does (see `media::visible`). `before`:
/// the media the items used and whether each was public; for the others they use now,
/// what readers saw before is what they see `was_then`.
fn media_rows(
    conn: &mut DbConn,
    written: &[i64],
    before: Vec<(i64, bool)>,
    was_then: Assuming,
    at: NaiveDateTime,
    user: Option<i64>,
) -> Result<Vec<Row>> {
    let mut was: HashMap<i64, bool> = before.into_iter().collect();
    let taken: Vec<i64> = media::used_by(conn, written)?
        .into_iter()
        .filter(|m| !was.contains_key(m))
        .collect();
    let public = media::public_among(conn, &taken, was_then)?;
    was.extend(taken.into_iter().map(|m| (m, public.contains(&m))));
    let mut ids: Vec<i64> = was.keys().copied().collect();
    ids.sort_unstable();
    let public = media::public_among(conn, &ids, Assuming::Now)?;
    ids.retain(|m| was[m] != public.contains(m));
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let names: HashMap<i64, String> = media_table::table
        .filter(media_table::id.eq_any(&ids))
        .select((media_table::id, media_table::file_name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    Ok(ids
        .into_iter()
        .filter_map(|m| {
            let public = public.contains(&m);
            Some(Row {
                at,
                kind: MEDIA,
                item_id: m,
                slug: names.get(&m)?.clone(),
                action: if public {
                    Action::Published
                } else {
                    Action::Unpublished
                },
                public,
                was_public: !public,
                user_id: user,
            })
        })
        .collect())
}

/// Records a change of a term of the taxonomy named `taxonomy` (`tag`), in the caller's
/// transaction. Terms are public as long as they exist.
pub fn record_term(
    conn: &mut DbConn,
    taxonomy: &'static str,
    id: i64,
    slug: &str,
    action: Action,
) -> Result<()> {
    write(
        conn,
        vec![Row {
            at: crate::db::now(),
            kind: taxonomy,
            item_id: id,
            slug: slug.to_owned(),
            action,
            public: action != Action::Deleted,
            was_public: action != Action::Created,
            user_id: None,
        }],
    )
}

/// Records that the scheduled items `due` (id and kind) became public, with the pages
/// below a due page that became public with it; in the caller's transaction.
pub fn record_due(conn: &mut DbConn, due: &[(i64, Kind)]) -> Result<()> {
    if due.is_empty() {
        return Ok(());
    }
    let now = crate::db::now();
    let due_ids: HashSet<i64> = due.iter().map(|d| d.0).collect();
    let mut below = Vec::new();
    for (id, kind) in due {
        if *kind == Kind::Page {
            below.extend(
                pages_below(conn, *id)?
                    .into_iter()
                    .filter(|p| !due_ids.contains(p)),
            );
        }
    }
    below.sort_unstable();
    below.dedup();
    let mut ids: Vec<i64> = below.clone();
    ids.extend(due_ids.iter().copied());
    let public = public_among(conn, &ids)?;
    let slugs = slugs_of(conn, ids.iter().copied())?;
    let mut rows = Vec::new();
    let mut add = |id: i64, kind: Kind, action: Action| {
        if public.contains(&id) {
            rows.push(Row {
                at: now,
                kind: kind.as_str(),
                item_id: id,
                slug: slugs.get(&id).cloned().unwrap_or_default(),
                action,
                public: true,
                was_public: false,
                user_id: None,
            });
        }
    };
    let mut due = due.to_vec();
    due.sort_unstable_by_key(|d| d.0);
    for (id, kind) in due {
        add(id, kind, Action::Published);
    }
    for id in below {
        add(id, Kind::Page, Action::Updated);
    }
    let due_ids: Vec<i64> = due_ids.into_iter().collect();
    rows.extend(media_rows(
        conn,
        &due_ids,
        Vec::new(),
        Assuming::Hidden(&due_ids),
        now,
        None,
    )?);
    write(conn, rows)
}

/// Writes rows now, or at the end of the running batch.
fn write(conn: &mut DbConn, rows: Vec<Row>) -> Result<()> {
    let mut rows = Some(rows);
    if batch::absorb(|pending| pending.changes.extend(rows.take().unwrap_or_default())) {
        return Ok(());
    }
    insert(conn, rows.unwrap_or_default())
}

/// Writes rows in order, holding the ordering lock until the transaction ends.
pub(crate) fn insert(conn: &mut DbConn, rows: Vec<Row>) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    if conn.backend() == Backend::Postgres {
        conn.batch_execute(&format!("SELECT pg_advisory_xact_lock({ORDER_LOCK})"))?;
    }
    let mut prune = false;
    let mut written = Vec::with_capacity(rows.len());
    for row in &rows {
        let id: i64 = diesel::insert_into(changes::table)
            .values((
                changes::at.eq(row.at),
                changes::kind.eq(row.kind),
                changes::item_id.eq(row.item_id),
                changes::slug.eq(&row.slug),
                changes::action.eq(row.action.as_str()),
                changes::public.eq(row.public),
                changes::was_public.eq(row.was_public),
                changes::user_id.eq(row.user_id),
            ))
            .returning(changes::id)
            .get_result(conn)?;
        prune |= id % PRUNE_EVERY == 0;
        written.push((id, row));
    }
    crate::content::webhooks::enqueue(conn, &written)?;
    if prune {
        self::prune(conn)?;
    }
    Ok(())
}

/// Deletes the rows past the retention, remembering the highest number deleted.
fn prune(conn: &mut DbConn) -> Result<()> {
    let days = i64::from(RETENTION_DAYS.load(Ordering::Relaxed));
    let cutoff = crate::db::now() - chrono::Duration::days(days);
    let last: Option<i64> = changes::table
        .filter(changes::at.lt(cutoff))
        .select(diesel::dsl::max(changes::id))
        .first(conn)?;
    if let Some(last) = last {
        diesel::delete(changes::table.filter(changes::id.le(last))).execute(conn)?;
        diesel::update(change_log::table.find(1))
            .filter(change_log::purged_through.lt(last))
            .set(change_log::purged_through.eq(last))
            .execute(conn)?;
    }
    Ok(())
}

/// The pages below page `id` (at any depth).
fn pages_below(conn: &mut DbConn, id: i64) -> Result<Vec<i64>> {
    let mut sql = Sql::new(
        "SELECT d.entry_id AS id FROM page_details p \
         JOIN page_details d ON d.path LIKE p.path || '/%' WHERE p.entry_id = ",
    );
    sql.bind(Value::Int(id));
    let rows: Vec<IdRow> = sql.into_query().load(conn)?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// Which of `ids` anonymous readers see now: published, with their date come, and (pages)
/// every page above them too.
fn public_among(conn: &mut DbConn, ids: &[i64]) -> Result<HashSet<i64>> {
    if ids.is_empty() {
        return Ok(HashSet::new());
    }
    let now = crate::db::now();
    let mut found = HashSet::new();
    for chunk in ids.chunks(500) {
        let mut sql = Sql::new("SELECT e.id AS id FROM entries e WHERE e.id IN ");
        sql.bind_list(chunk.iter().map(|i| Value::Int(*i)))
            .push(" AND ")
            .append(&visibility("e", Viewer::Anonymous, None, now))
            .push(
                " AND NOT EXISTS (SELECT 1 FROM page_details d \
                 JOIN page_details a ON d.path LIKE a.path || '/%' \
                 JOIN entries ae ON ae.id = a.entry_id \
                 WHERE d.entry_id = e.id AND NOT ",
            )
            .append(&visibility("ae", Viewer::Anonymous, None, now))
            .push(")");
        let rows: Vec<IdRow> = sql.into_query().load(conn)?;
        found.extend(rows.into_iter().map(|r| r.id));
    }
    Ok(found)
}

fn slugs_of(conn: &mut DbConn, ids: impl Iterator<Item = i64>) -> Result<HashMap<i64, String>> {
    use crate::db::schema::entries;
    let ids: Vec<i64> = ids.collect();
    let mut map = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<(i64, String)> = entries::table
            .filter(entries::id.eq_any(chunk))
            .select((entries::id, entries::slug))
            .load(conn)?;
        map.extend(rows);
    }
    Ok(map)
}

/// Where a reader of the feed is: after the row with this number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor(pub i64);

impl Cursor {
    pub fn encode(self) -> String {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("c{}", self.0))
    }

    pub fn decode(raw: &str) -> Option<Cursor> {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(raw)
            .ok()?;
        let text = std::str::from_utf8(&bytes).ok()?;
        let n: i64 = text.strip_prefix('c')?.parse().ok()?;
        (n >= 0).then_some(Cursor(n))
    }
}

/// A change as a reader of the feed sees it.
#[derive(Debug, Clone)]
pub struct Change {
    pub number: i64,
    pub at: NaiveDateTime,
    /// A kind of content (`post`) or a taxonomy (`tag`).
    pub kind: String,
    pub item_id: i64,
    pub slug: String,
    pub action: Action,
    pub public: bool,
}

/// Which changes to read.
#[derive(Debug, Clone)]
pub struct Read {
    /// After this row; `None` from the oldest kept.
    pub since: Option<Cursor>,
    pub limit: i64,
    /// Kinds of content or taxonomies, by name; empty: all.
    pub kinds: Vec<&'static str>,
    /// Every change (editors), or only what anonymous readers may learn.
    pub everything: bool,
}

/// A page of the feed.
#[derive(Debug)]
pub struct Page {
    pub changes: Vec<Change>,
    /// Where to go on from: after the last change read, or where the reader was.
    pub next: Cursor,
    pub more: bool,
}

/// The cursor of the newest change: reading from it gives only changes still to come.
pub fn head(conn: &mut DbConn) -> Result<Cursor> {
    let last: Option<i64> = changes::table
        .select(diesel::dsl::max(changes::id))
        .first(conn)?;
    let purged: i64 = change_log::table
        .find(1)
        .select(change_log::purged_through)
        .first(conn)?;
    Ok(Cursor(last.unwrap_or(0).max(purged)))
}

/// Reads a page of the feed, in one statement when it has changes: the page, the oldest
/// row kept (a cursor from before it is `Gone`) and the value of `due`, an SQL expression
/// the caller gives (`counts::read_settled`: whether a scheduled item's time has come, so
/// that the counts are settled and the page read again, and those due are announced).
pub fn read(conn: &mut DbConn, q: &Read, due: &Sql) -> Result<(Page, bool)> {
    use diesel::sql_types::{BigInt, Bool, Integer, Text, Timestamp};
    #[derive(QueryableByName)]
    struct Head {
        #[diesel(sql_type = BigInt)]
        purged: i64,
        #[diesel(sql_type = Integer)]
        due: i32,
    }
    #[derive(QueryableByName)]
    struct FeedRow {
        #[diesel(embed)]
        head: Head,
        #[diesel(sql_type = BigInt)]
        id: i64,
        #[diesel(sql_type = Timestamp)]
        at: NaiveDateTime,
        #[diesel(sql_type = Text)]
        kind: String,
        #[diesel(sql_type = BigInt)]
        item_id: i64,
        #[diesel(sql_type = Text)]
        slug: String,
        #[diesel(sql_type = Text)]
        action: String,
        #[diesel(sql_type = Bool)]
        public: bool,
        #[diesel(sql_type = Bool)]
        was_public: bool,
    }
    // The oldest row kept and the `due` flag ride along with every row (a plain index
    // walk, which PostgreSQL plans at once, where joining them to the page cost more).
    const PURGED: &str = "(SELECT purged_through FROM change_log WHERE id = 1)";
    let mut head = Sql::new(&format!("SELECT {PURGED} AS purged, "));
    head.append(due).push(" AS due");
    let mut sql = head.clone();
    sql.push(
        ", c.id AS id, c.at AS at, c.kind AS kind, c.item_id AS item_id, c.slug AS slug, \
         c.action AS action, c.public AS public, c.was_public AS was_public \
         FROM changes c WHERE c.id > ",
    );
    match q.since {
        Some(Cursor(n)) => sql.bind(Value::Int(n)),
        None => sql.push(PURGED),
    };
    if !q.everything {
        sql.push(" AND (c.public OR c.was_public)");
    }
    if !q.kinds.is_empty() {
        sql.push(" AND c.kind IN ")
            .bind_list(q.kinds.iter().map(|k| Value::Text((*k).to_owned())));
    }
    sql.push(" ORDER BY c.id LIMIT ")
        .bind(Value::Int(q.limit + 1));
    let rows: Vec<FeedRow> = sql.into_query().load(conn)?;
    let (purged, due) = match rows.first() {
        Some(r) => (r.head.purged, r.head.due != 0),
        // Nothing new: the head alone.
        None => {
            let h: Head = head.into_query().get_result(conn)?;
            (h.purged, h.due != 0)
        }
    };
    let since = match q.since {
        Some(Cursor(n)) if n < purged => {
            return Err(Error::Gone(
                "this cursor is older than the changes kept (--changes-days): read the \
                 lists again, with a cursor taken first from `since=now`"
                    .into(),
            ));
        }
        Some(Cursor(n)) => n,
        None => purged,
    };
    let mut rows: Vec<Change> = rows
        .into_iter()
        .filter_map(|r| {
            let mut action = Action::parse(&r.action)?;
            if !q.everything {
                action = action.as_seen_publicly(r.was_public, r.public);
            }
            Some(Change {
                number: r.id,
                at: r.at,
                kind: r.kind,
                item_id: r.item_id,
                slug: r.slug,
                action,
                public: r.public,
            })
        })
        .collect();
    let more = rows.len() as i64 > q.limit;
    rows.truncate(q.limit as usize);
    let next = Cursor(rows.last().map_or(since, |c| c.number));
    let page = Page {
        changes: rows,
        next,
        more,
    };
    Ok((page, due))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_read_back_and_refuse_anything_else() {
        for n in [0, 1, 42, i64::MAX] {
            assert_eq!(Cursor::decode(&Cursor(n).encode()), Some(Cursor(n)));
        }
        for bad in ["", "c1", "YzE!", "eDE", "Yy0x"] {
            assert_eq!(Cursor::decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn updates_are_named_by_their_statuses() {
        use Status::*;
        assert_eq!(Action::of_update(Draft, Published), Action::Published);
        assert_eq!(Action::of_update(Published, Draft), Action::Unpublished);
        assert_eq!(Action::of_update(Published, Published), Action::Updated);
        assert_eq!(Action::of_update(Draft, Pending), Action::Updated);
        assert_eq!(Action::of_update(Published, Trash), Action::Trashed);
        assert_eq!(Action::of_update(Trash, Draft), Action::Restored);
    }

    #[test]
    fn public_readers_learn_only_what_they_could_see() {
        assert_eq!(
            Action::Updated.as_seen_publicly(false, true),
            Action::Published
        );
        assert_eq!(
            Action::Created.as_seen_publicly(false, true),
            Action::Created
        );
        assert_eq!(
            Action::Restored.as_seen_publicly(false, true),
            Action::Restored
        );
        assert_eq!(
            Action::Updated.as_seen_publicly(true, false),
            Action::Unpublished
        );
        assert_eq!(
            Action::Deleted.as_seen_publicly(true, false),
            Action::Deleted
        );
        assert_eq!(
            Action::Published.as_seen_publicly(true, true),
            Action::Updated
        );
    }
}
