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
mod lease;
mod rest;
mod run;

use std::time::Duration;

use actix_web::web;

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

impl Settings {
    /// The settings of the flags, when a site is set; an address without its credentials
    /// is refused.
    pub fn from_args(
        args: &crate::config::WordpressArgs,
    ) -> std::result::Result<Option<Settings>, String> {
        let Some(url) = args.url.as_deref().map(str::trim).filter(|u| !u.is_empty()) else {
            return Ok(None);
        };
        let parsed = url::Url::parse(url)
            .map_err(|e| format!("HEADPRESS_WORDPRESS_URL: `{url}` is not an address: {e}"))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(format!(
                "HEADPRESS_WORDPRESS_URL: `{url}` is not an http(s) address"
            ));
        }
        let (Some(user), Some(app_password)) = (&args.user, &args.app_password) else {
            return Err(
                "HEADPRESS_WORDPRESS_URL is set: set HEADPRESS_WORDPRESS_USER and \
                 HEADPRESS_WORDPRESS_APP_PASSWORD too"
                    .into(),
            );
        };
        Ok(Some(Settings {
            site: client::Site {
                url: url.trim_end_matches('/').to_owned(),
                user: user.clone(),
                app_password: app_password.clone(),
            },
            interval: Duration::from_secs(args.interval_secs.max(10)),
            timeout: Duration::from_secs(args.timeout_secs.max(1)),
        }))
    }
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
        done.map_err(|e| SyncError::Content(e.explain()))
    }
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
                    terms_deleted = report.terms_deleted,
                    "sync: WordPress site in step"
                ),
                Err(SyncError::Busy(why)) => tracing::debug!(%why, "sync: skipped"),
                Err(e) => tracing::warn!(url = %settings.site.url, error = %e, "sync failed"),
            }
            actix_web::rt::time::sleep(settings.interval).await;
        }
    });
}
