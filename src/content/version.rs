//! The content version: every write of content (items, terms, media, field groups, the
//! public face of users) bumps it in its own transaction, so that every node's response
//! cache knows its answers may be stale. On PostgreSQL the bump also notifies the other
//! nodes (`LISTEN headpress_content`) when the transaction commits.

use chrono::NaiveDateTime;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::db::schema::{content_version, scheduled_entries};
use crate::db::{Backend, DbConn};
use crate::error::Result;

/// The PostgreSQL channel writes of content are announced on.
pub const CHANNEL: &str = "headpress_content";

/// Marks the content as changed, in the caller's transaction (once, at its end, in a
/// [`batched`](crate::content::items::batched) run).
pub fn bump(conn: &mut DbConn) -> Result<()> {
    if crate::content::batch::absorb(|pending| pending.bumped = true) {
        return Ok(());
    }
    diesel::update(content_version::table.find(1))
        .set(content_version::version.eq(content_version::version + 1))
        .execute(conn)?;
    if conn.backend() == Backend::Postgres {
        // Delivered when (and only if) the transaction commits.
        conn.batch_execute(&format!("NOTIFY {CHANNEL}"))?;
    }
    Ok(())
}

/// The content version as stored.
pub fn current(conn: &mut DbConn) -> Result<i64> {
    Ok(content_version::table
        .find(1)
        .select(content_version::version)
        .first(conn)?)
}

/// When the next scheduled item (published, with a date to come) becomes public: answers
/// about the content change then, though nothing is written. Every such item is listed in
/// `scheduled_entries` until a read moves it into the counts (see `content::counts`), so
/// one already due that no read could move yet (a long write held the database) is
/// returned too, in the past: until a read moves it, answers are not kept as if nothing
/// were due.
pub fn next_publication(conn: &mut DbConn) -> Result<Option<NaiveDateTime>> {
    Ok(scheduled_entries::table
        .select(diesel::dsl::min(scheduled_entries::due_at))
        .first(conn)?)
}
