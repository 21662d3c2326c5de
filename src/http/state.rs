//! What every request handler shares: the database and the settings.

use std::sync::{Arc, Mutex};

use actix_web::web;

use crate::config::Config;
use crate::db::{Backend, Database, DbConn};
use crate::error::{Error, Result};
use crate::media::storage::{LocalStorage, Storage};

pub struct AppState {
    pub db: Database,
    pub config: Config,
    pub storage: Arc<dyn Storage>,
    /// The partners' origins, for CORS.
    pub partner_origins: crate::partners::OriginCache,
    /// SQLite has one writer at a time; taking turns here avoids `SQLITE_BUSY` when a
    /// deferred transaction upgrades to a write. PostgreSQL needs no such turn-taking.
    write_turn: Arc<Mutex<()>>,
}

pub type State = web::Data<AppState>;

impl AppState {
    pub fn new(db: Database, config: Config) -> AppState {
        let storage = Arc::new(LocalStorage::new(config.data_dir.join("uploads")));
        AppState {
            db,
            config,
            storage,
            partner_origins: crate::partners::OriginCache::default(),
            write_turn: Arc::new(Mutex::new(())),
        }
    }

    /// Runs read-only database work on the blocking pool.
    pub async fn read<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&mut DbConn) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        if self.db.backend == Backend::Sqlite {
            // A read of the embedded database is a few microseconds of local work: running
            // it here costs less than handing it to another thread and back.
            let mut conn = self.db.pool.get()?;
            return f(&mut conn);
        }
        let pool = self.db.pool.clone();
        web::block(move || {
            let mut conn = pool.get()?;
            f(&mut conn)
        })
        .await
        .map_err(Error::internal)?
    }

    /// Runs database work that writes, in one transaction: all of it lands or none.
    pub async fn write<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&mut DbConn) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.db.pool.clone();
        let turn = (self.db.backend == Backend::Sqlite).then(|| self.write_turn.clone());
        web::block(move || {
            let _turn = turn
                .as_ref()
                .map(|t| t.lock().unwrap_or_else(|e| e.into_inner()));
            let mut conn = pool.get()?;
            crate::db::transaction(&mut conn, f)
        })
        .await
        .map_err(Error::internal)?
    }
}
