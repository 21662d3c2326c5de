//! What every request handler shares: the database, the settings, and what keeps the
//! response cache honest.

use std::sync::{Arc, Mutex};

use actix_web::web;

use crate::config::Config;
use crate::db::{Backend, Database, DbConn};
use crate::error::{Error, Result};
use crate::http::cache::ResponseCache;
use crate::http::freshness::{Freshness, Seen};
use crate::http::render::{FragmentCache, RenderCache};
use crate::media::storage::{LocalStorage, Storage};

pub struct AppState {
    pub db: Database,
    pub config: Config,
    pub storage: Arc<dyn Storage>,
    /// The partners' origins, for CORS.
    pub partner_origins: crate::partners::OriginCache,
    /// When cached answers may be stale; every write of content moves it.
    pub freshness: Arc<Freshness>,
    /// Answers to anonymous reads, shared by every worker.
    pub cache: Arc<ResponseCache>,
    /// Items rendered for anonymous readers, shared by every worker.
    pub renders: Arc<RenderCache>,
    /// Terms and authors as `include` embeds them, shared by every worker (a sixteenth of
    /// the render cache's size).
    pub fragments: Arc<FragmentCache>,
    /// Items in WordPress's shape for anonymous readers (a quarter of the render cache's
    /// size).
    pub wp_items: Arc<crate::http::render::ShapeCache>,
    /// Every event's occurrences around now, built once per change (on with the render
    /// cache).
    pub timeline: Arc<crate::http::timeline::SharedTimeline>,
    /// Expensive reads (search, custom-field filters) take turns (`read_heavy`).
    pub heavy: Arc<crate::http::heavy::Turns>,
    /// What `/metrics` reports of the requests.
    pub metrics: Arc<crate::http::metrics::Metrics>,
    /// The per-address limit of anonymous requests (off unless configured).
    pub anonymous: Arc<crate::http::anonymous::AnonymousLimit>,
    /// SQLite has one writer at a time; taking turns here avoids `SQLITE_BUSY` when a
    /// deferred transaction upgrades to a write. PostgreSQL needs no such turn-taking.
    write_turn: Arc<Mutex<()>>,
}

pub type State = web::Data<AppState>;

impl AppState {
    pub fn new(db: Database, config: Config) -> AppState {
        let storage = Arc::new(LocalStorage::new(config.data_dir.join("uploads")));
        let freshness = Arc::new(Freshness::new());
        let cache = Arc::new(ResponseCache::new(config.cache_size, freshness.clone()));
        let renders = Arc::new(RenderCache::new(
            config.render_cache_size,
            freshness.clone(),
        ));
        let fragments = Arc::new(FragmentCache::new(
            config.render_cache_size / 16,
            freshness.clone(),
        ));
        let wp_items = Arc::new(crate::http::render::ShapeCache::new(
            config.render_cache_size / 4,
            freshness.clone(),
        ));
        let timeline = Arc::new(crate::http::timeline::SharedTimeline::new(
            config.render_cache_size > 0,
            freshness.clone(),
        ));
        let heavy = Arc::new(crate::http::heavy::Turns::new(
            config.heavy_reads,
            config.heavy_wait,
        ));
        AppState {
            heavy,
            metrics: Arc::new(crate::http::metrics::Metrics::default()),
            anonymous: Arc::new(crate::http::anonymous::AnonymousLimit::new(
                config.anonymous_rate_limit,
            )),
            db,
            config,
            storage,
            partner_origins: crate::partners::OriginCache::default(),
            cache,
            renders,
            wp_items,
            fragments,
            timeline,
            freshness,
            write_turn: Arc::new(Mutex::new(())),
        }
    }

    /// Runs read-only database work on the blocking pool. A read whose connection died
    /// under it (PostgreSQL restarted, or ended the session) is read again on another.
    pub async fn read<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&mut DbConn) -> Result<T> + Clone + Send + 'static,
        T: Send + 'static,
    {
        if self.db.backend == Backend::Sqlite {
            // A read of the embedded database is a few microseconds of local work: running
            // it here costs less than handing it to another thread and back.
            let mut conn = self.db.pool.get()?;
            return crate::db::with_deadline(crate::db::statement_timeout(), || f(&mut conn));
        }
        let pool = self.db.pool.clone();
        web::block(move || read_again_if_lost(&pool, f))
            .await
            .map_err(Error::internal)?
    }

    /// Runs a read whose cost grows with the data (full-text search, custom-field
    /// filters) on the blocking pool, taking a turn (`--heavy-reads` at once): the HTTP
    /// workers stay free for everything else. No turn within the wait: 503 to retry.
    pub async fn read_heavy<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&mut DbConn) -> Result<T> + Clone + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.db.pool.clone();
        let heavy = self.heavy.clone();
        let postgres = self.db.backend == Backend::Postgres;
        web::block(move || {
            let _turn = heavy.take()?;
            if postgres {
                read_again_if_lost(&pool, f)
            } else {
                let mut conn = pool.get()?;
                crate::db::with_deadline(crate::db::statement_timeout(), || f(&mut conn))
            }
        })
        .await
        .map_err(Error::internal)?
    }

    /// Runs database work that writes content, in one transaction: all of it lands or
    /// none. Cached answers are set aside from before it starts until it has committed.
    pub async fn write<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&mut DbConn) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let freshness = self.freshness.clone();
        freshness.begin_write();
        let written = self
            .in_transaction(move |conn| {
                let result = crate::db::transaction(conn, f);
                // Read after the commit, so what the cache learns is what others will see.
                let seen = Seen::read(conn).ok();
                Ok((result, seen))
            })
            .await;
        match written {
            Ok((result, seen)) => {
                freshness.end_write(seen);
                result
            }
            Err(e) => {
                freshness.end_write(None);
                Err(e)
            }
        }
    }

    /// Runs database work that writes only bookkeeping (sign-in throttling, partner
    /// quotas), in one transaction; cached answers are not affected.
    pub async fn record<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&mut DbConn) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        self.in_transaction(move |conn| crate::db::transaction(conn, f))
            .await
    }

    /// Runs `f` on the blocking pool with a connection, taking SQLite's write turn.
    async fn in_transaction<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&mut DbConn) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.db.pool.clone();
        let sqlite = self.db.backend == Backend::Sqlite;
        let turn = sqlite.then(|| self.write_turn.clone());
        web::block(move || {
            let _turn = turn
                .as_ref()
                .map(|t| t.lock().unwrap_or_else(|e| e.into_inner()));
            // On PostgreSQL a write starts on a connection known to be alive (a round trip,
            // for writes only): one that died in the pool would fail the write before it
            // reached the database.
            let mut conn = if sqlite {
                pool.get()?
            } else {
                live_connection(&pool)?
            };
            let written = crate::db::with_deadline(crate::db::statement_timeout(), || f(&mut conn));
            if let Err(Error::ConnectionLost(_)) = written {
                crate::db::forget(&mut conn);
            }
            written
        })
        .await
        .map_err(Error::internal)?
    }
}

/// Runs a read on a pooled connection; when the connection died under it, reads again on
/// a live one (PostgreSQL).
fn read_again_if_lost<T, F>(pool: &crate::db::Pool, f: F) -> Result<T>
where
    F: FnOnce(&mut DbConn) -> Result<T> + Clone,
{
    let again = f.clone();
    let mut conn = pool.get()?;
    match f(&mut conn) {
        Err(Error::ConnectionLost(cause)) => {
            tracing::warn!(%cause, "database connection lost; reading again");
            crate::db::forget(&mut conn);
            drop(conn);
            let mut conn = live_connection(pool)?;
            let read = again(&mut conn);
            if let Err(Error::ConnectionLost(_)) = read {
                crate::db::forget(&mut conn);
            }
            read
        }
        other => other,
    }
}

/// A pooled connection that answers a ping; dead ones are dropped on the way (at most as
/// many as the pool holds, then the last error is the answer: 503).
fn live_connection(pool: &crate::db::Pool) -> Result<crate::db::PooledConn> {
    use diesel::connection::SimpleConnection;
    let tries = pool.max_size() + 1;
    let mut last = None;
    for _ in 0..tries {
        let mut conn = pool.get()?;
        match conn.batch_execute("SELECT 1") {
            Ok(()) => return Ok(conn),
            Err(e) => {
                crate::db::forget(&mut conn);
                last = Some(e);
            }
        }
    }
    Err(last.map_or_else(
        || Error::Unavailable("no live database connection".into()),
        |e| Error::ConnectionLost(e.to_string()),
    ))
}
