//! Live sync from a running WordPress: `headpress sync wordpress` (or `serve` on an
//! interval) reads the site through its REST API with an application password and writes
//! what changed through the same mapping as the WXR import (`import::wordpress`).
//!
//! A run lists every post type's ids with when each last changed and its status (100 a
//! page, `_fields` only), compares them with what the last run saw (`sync_items`), fetches
//! in full only the items that differ, and deletes what WordPress no longer lists. Each
//! batch of up to 100 items is written in one transaction with what the run saw of them,
//! so a run cut short loses nothing and the next one carries on where it stopped. Items a
//! synced site gave are read-only through headpress's own write API until an
//! administrator detaches them.

pub mod client;
mod rest;
mod run;

use std::time::Duration;

use actix_web::web;
use diesel::prelude::*;

use crate::content::Kind;
use crate::db::schema::{import_origins, sync_sites};
use crate::db::{DbConn, Pool};
use crate::error::{Error, Result};
use crate::http::state::AppState;
use crate::media::storage::Storage;

pub use run::{Report, run};

/// Why a run stopped. What earlier batches wrote stays, and serves.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The site could not be reached, timed out or kept failing (5xx, 429), after retries.
    #[error("{0}")]
    Unreachable(String),
    /// The site refused the credentials.
    #[error("{0}")]
    Refused(String),
    /// The site answered something that is not what WordPress's REST API answers.
    #[error("{0}")]
    Garbage(String),
    /// Content headpress could not write, or the database failed.
    #[error("{0}")]
    Content(String),
    /// Another node (or process) is syncing this site now.
    #[error("{0}")]
    Busy(String),
}

/// Where to sync from, and how often (`serve`).
#[derive(Clone)]
pub struct Settings {
    pub site: client::Site,
    /// Between two runs of `serve`.
    pub interval: Duration,
    /// How long one request may take.
    pub timeout: Duration,
}

/// Where a run writes: straight to the database (the command), or through the server's
/// state, so that cached answers learn of the writes (`serve`).
#[derive(Clone)]
pub enum Store {
    Pool(Pool, std::sync::Arc<dyn Storage>),
    State(web::Data<AppState>),
}

impl Store {
    fn storage(&self) -> std::sync::Arc<dyn Storage> {
        match self {
            Store::Pool(_, storage) => storage.clone(),
            Store::State(state) => state.storage.clone(),
        }
    }

    /// Runs `f` in one transaction on the blocking pool.
    async fn write<T, F>(&self, f: F) -> std::result::Result<T, SyncError>
    where
        F: FnOnce(&mut DbConn) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let done = match self {
            Store::State(state) => state.write(f).await,
            Store::Pool(pool, _) => {
                let pool = pool.clone();
                web::block(move || {
                    let mut conn = pool.get()?;
                    crate::db::transaction(&mut conn, f)
                })
                .await
                .map_err(Error::internal)
                .and_then(|r| r)
            }
        };
        done.map_err(|e| SyncError::Content(describe(&e)))
    }
}

/// An error as a sentence, with the members named.
fn describe(e: &Error) -> String {
    match e {
        Error::Validation(errors) | Error::Conflict(_, errors) if !errors.is_empty() => errors
            .iter()
            .map(|f| format!("{}: {}", f.field, f.message))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

/// The origin kinds of content items (`import_origins.kind`).
const ITEM_ORIGINS: [&str; 2] = ["entry", "block"];

/// The site an item is kept in step with, when it is (and not detached).
pub fn synced_from(conn: &mut DbConn, id: i64) -> Result<Option<String>> {
    Ok(import_origins::table
        .inner_join(sync_sites::table.on(sync_sites::source.eq(import_origins::source)))
        .filter(import_origins::target_id.eq(id))
        .filter(import_origins::kind.eq_any(ITEM_ORIGINS))
        .filter(import_origins::detached.eq(false))
        .select(sync_sites::url)
        .first::<String>(conn)
        .optional()?)
}

/// Refuses a change, through headpress's own API, of an item a synced site gave: the
/// next run would overwrite it.
pub fn guard(conn: &mut DbConn, kind: Kind, id: i64) -> Result<()> {
    match synced_from(conn, id)? {
        Some(url) => Err(Error::Conflict(
            format!(
                "this {} is kept in step with the WordPress site at {url}: change it there, \
                 or detach it here first (POST /api/v1/sync/wordpress/detach)",
                kind.noun()
            ),
            vec![],
        )),
        None => Ok(()),
    }
}

/// Detaches an item from the site it is synced from: from now on headpress owns it and
/// sync leaves it alone. False when it is not synced.
pub fn detach(conn: &mut DbConn, id: i64) -> Result<bool> {
    let synced: Vec<String> = sync_sites::table.select(sync_sites::source).load(conn)?;
    let n = diesel::update(
        import_origins::table
            .filter(import_origins::target_id.eq(id))
            .filter(import_origins::kind.eq_any(ITEM_ORIGINS))
            .filter(import_origins::source.eq_any(synced))
            .filter(import_origins::detached.eq(false)),
    )
    .set(import_origins::detached.eq(true))
    .execute(conn)?;
    Ok(n > 0)
}

/// What the last run of a synced site did.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct SiteStatus {
    /// The WordPress site's address.
    pub url: String,
    /// When the last run started (UTC).
    pub started_at: Option<chrono::NaiveDateTime>,
    /// When the last run that went to the end finished (UTC).
    pub finished_at: Option<chrono::NaiveDateTime>,
    /// Why the last run stopped, when it failed; null when it went to the end.
    pub last_error: Option<String>,
    /// Items whose content comes from this site.
    pub items: i64,
    /// Of them, detached: owned by headpress now.
    pub detached: i64,
}

/// Every synced site with its last run.
pub fn sites(conn: &mut DbConn) -> Result<Vec<SiteStatus>> {
    type Row = (
        String,
        String,
        Option<chrono::NaiveDateTime>,
        Option<chrono::NaiveDateTime>,
        Option<String>,
    );
    let rows: Vec<Row> = sync_sites::table
        .order(sync_sites::url)
        .select((
            sync_sites::source,
            sync_sites::url,
            sync_sites::started_at,
            sync_sites::finished_at,
            sync_sites::last_error,
        ))
        .load(conn)?;
    let mut out = Vec::with_capacity(rows.len());
    for (source, url, started_at, finished_at, last_error) in rows {
        let counted: Vec<bool> = import_origins::table
            .filter(import_origins::source.eq(&source))
            .filter(import_origins::kind.eq_any(ITEM_ORIGINS))
            .select(import_origins::detached)
            .load(conn)?;
        out.push(SiteStatus {
            url,
            started_at,
            finished_at,
            last_error,
            items: counted.len() as i64,
            detached: counted.iter().filter(|d| **d).count() as i64,
        });
    }
    Ok(out)
}

/// Runs sync every `interval` while the server runs (`serve` with a WordPress site set).
/// One node of several runs it at a time (the site's lease); a failed run is logged and
/// kept as the site's `last_error`, and the content it did not reach keeps serving.
pub fn spawn(state: web::Data<AppState>, settings: Settings) {
    actix_web::rt::spawn(async move {
        let store = Store::State(state);
        loop {
            let client = client::Client::new(settings.site.clone(), settings.timeout);
            match run(&client, &store, &mut |_| {}).await {
                Ok(report) => tracing::info!(
                    url = %settings.site.url,
                    requests = report.requests,
                    changed = report.fetched,
                    deleted = report.deleted,
                    "sync: WordPress site in step"
                ),
                Err(SyncError::Busy(why)) => tracing::debug!(%why, "sync: skipped"),
                Err(e) => tracing::warn!(url = %settings.site.url, error = %e, "sync failed"),
            }
            actix_web::rt::time::sleep(settings.interval).await;
        }
    });
}
