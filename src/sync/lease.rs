//! The lease on a synced site: one run at a time holds it (across processes and nodes),
//! renews it after each batch, and gives it back at the end; a run killed on this machine
//! leaves a lease that the next run takes over.

use diesel::prelude::*;

use super::{Store, SyncError};
use crate::db::schema::sync_sites;

/// How long a run holds the site before another node may take it over.
const LEASE: chrono::TimeDelta = chrono::TimeDelta::minutes(10);

/// Takes the site for this run, unless another holds it.
pub(super) async fn take(
    store: &Store,
    source: &str,
    url: &str,
    holder: &str,
) -> std::result::Result<(), SyncError> {
    let (source, url, holder) = (source.to_owned(), url.to_owned(), holder.to_owned());
    let taken = store
        .write(move |conn| {
            let now = crate::db::now();
            let known = sync_sites::table
                .find(&source)
                .select(sync_sites::source)
                .first::<String>(conn)
                .optional()?
                .is_some();
            if !known {
                // Another run may register the site at the same moment: its row is as
                // good as ours (a savepoint keeps this transaction alive).
                let registered = crate::db::transaction(conn, |conn| {
                    diesel::insert_into(sync_sites::table)
                        .values((sync_sites::source.eq(&source), sync_sites::url.eq(&url)))
                        .execute(conn)?;
                    Ok(())
                });
                match registered {
                    Ok(()) | Err(crate::error::Error::Conflict(..)) => {}
                    Err(e) => return Err(e),
                }
            }
            // A holder on this machine whose process is gone (killed) holds nothing.
            let held_by: Option<String> = sync_sites::table
                .find(&source)
                .select(sync_sites::lease_holder)
                .first(conn)?;
            let orphaned = held_by.filter(|h| !alive(h));
            let n = diesel::update(
                sync_sites::table.find(&source).filter(
                    sync_sites::lease_until
                        .is_null()
                        .or(sync_sites::lease_until.lt(now))
                        .or(sync_sites::lease_holder.eq(orphaned.unwrap_or_default())),
                ),
            )
            .set((
                sync_sites::lease_until.eq(now + LEASE),
                sync_sites::lease_holder.eq(&holder),
                sync_sites::started_at.eq(now),
                sync_sites::url.eq(&url),
            ))
            .execute(conn)?;
            Ok(n == 1)
        })
        .await?;
    if taken {
        Ok(())
    } else {
        Err(SyncError::Busy(
            "another sync of this site is running (its lease ends within 10 minutes)".into(),
        ))
    }
}

/// Who holds a lease: this machine, this process, this run.
pub(super) fn holder() -> String {
    format!(
        "{}:{}:{:08x}",
        host(),
        std::process::id(),
        rand::random::<u32>()
    )
}

fn host() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_owned())
        .unwrap_or_default()
}

/// Whether the process that took a lease may still run: one on another machine is
/// believed; one on this machine runs while its pid does.
fn alive(holder: &str) -> bool {
    let mut parts = holder.split(':');
    let (Some(host_name), Some(pid)) = (parts.next(), parts.next()) else {
        return true;
    };
    if host_name.is_empty() || host_name != host() || !cfg!(target_os = "linux") {
        return true;
    }
    pid == std::process::id().to_string() || std::path::Path::new(&format!("/proc/{pid}")).exists()
}

/// Keeps the site for a run that is still working.
pub(super) async fn renew(
    store: &Store,
    source: &str,
    holder: &str,
) -> std::result::Result<(), SyncError> {
    let (source, holder) = (source.to_owned(), holder.to_owned());
    store
        .write(move |conn| {
            diesel::update(
                sync_sites::table
                    .find(&source)
                    .filter(sync_sites::lease_holder.eq(&holder)),
            )
            .set(sync_sites::lease_until.eq(crate::db::now() + LEASE))
            .execute(conn)?;
            Ok(())
        })
        .await
}

pub(super) async fn release(
    store: &Store,
    source: &str,
    holder: &str,
    error: Option<String>,
) -> std::result::Result<(), SyncError> {
    let (source, holder) = (source.to_owned(), holder.to_owned());
    store
        .write(move |conn| {
            let site = sync_sites::table
                .find(&source)
                .filter(sync_sites::lease_holder.eq(&holder));
            let lease = (
                sync_sites::lease_until.eq(None::<chrono::NaiveDateTime>),
                sync_sites::lease_holder.eq(None::<String>),
            );
            match error {
                Some(e) => diesel::update(site)
                    .set((lease, sync_sites::last_error.eq(e)))
                    .execute(conn)?,
                None => diesel::update(site)
                    .set((
                        lease,
                        sync_sites::last_error.eq(None::<String>),
                        sync_sites::finished_at.eq(crate::db::now()),
                    ))
                    .execute(conn)?,
            };
            Ok(())
        })
        .await
}
