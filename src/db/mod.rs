//! The database: one schema on SQLite or PostgreSQL, picked from the URL.

pub mod backup;
pub mod dialect;
pub mod schema;
pub mod sql;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use diesel::connection::{Instrumentation, InstrumentationEvent, SimpleConnection};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection, R2D2Connection};
use diesel::sqlite::SqliteConnection;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// A connection to either backend. Everything written against `DbConn` runs on both;
/// where they differ, `dialect` matches on the variant.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

/// Where the data lives, read from `DATABASE_URL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A `postgres://` or `postgresql://` URL, as libpq takes it.
    Postgres(String),
    /// A SQLite file: a plain path, `sqlite://PATH` or `file:PATH`.
    Sqlite(PathBuf),
}

impl Location {
    /// Reads a `DATABASE_URL`. A scheme other than `postgres`, `postgresql`, `sqlite` or
    /// `file` is refused (a misspelt `postgress://` must not quietly become a SQLite file);
    /// the message names the scheme only, never the rest (it may hold a password).
    pub fn parse(url: &str) -> Result<Location, String> {
        let url = url.trim();
        if url.is_empty() {
            return Err(
                "DATABASE_URL is empty: give a SQLite file path or a postgres:// URL".into(),
            );
        }
        let scheme = url
            .split_once(':')
            .map(|(s, _)| s)
            // One letter is a Windows drive (`C:\data\headpress.db`), not a scheme.
            .filter(|s| {
                s.len() > 1
                    && s.starts_with(|c: char| c.is_ascii_alphabetic())
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
            });
        let sqlite = |path: &str| -> Result<Location, String> {
            if path.is_empty() || path.contains('?') {
                return Err(
                    "DATABASE_URL: a SQLite location is a file path, without query parameters"
                        .into(),
                );
            }
            Ok(Location::Sqlite(PathBuf::from(path)))
        };
        match scheme.map(str::to_ascii_lowercase).as_deref() {
            None => sqlite(url),
            Some("postgres" | "postgresql") => Ok(Location::Postgres(url.to_owned())),
            Some("sqlite") => sqlite(url["sqlite:".len()..].trim_start_matches("//")),
            Some("file") => {
                let rest = &url["file:".len()..];
                // `file:///abs/path` and `file:relative/path` alike.
                sqlite(rest.strip_prefix("//").unwrap_or(rest))
            }
            Some(other) => Err(format!(
                "DATABASE_URL has the scheme `{other}:`, which headpress does not know: use \
                 postgres:// or postgresql:// for PostgreSQL, and a file path, sqlite:// or \
                 file: for SQLite"
            )),
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Location::Postgres(_) => Backend::Postgres,
            Location::Sqlite(_) => Backend::Sqlite,
        }
    }

    /// Where files are kept by default: beside a SQLite file, or `./data`.
    pub fn data_dir(&self) -> PathBuf {
        match self {
            Location::Sqlite(path) => path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from(".")),
            Location::Postgres(_) => PathBuf::from("./data"),
        }
    }
}

impl DbConn {
    pub fn backend(&self) -> Backend {
        match self {
            DbConn::Pg(_) => Backend::Postgres,
            DbConn::Sqlite(_) => Backend::Sqlite,
        }
    }
}

pub type Pool = r2d2::Pool<Manager>;
pub type PooledConn = r2d2::PooledConnection<Manager>;

/// Opens connections of the configured backend directly, so that a PostgreSQL URL that
/// cannot be reached reports PostgreSQL's own error (the derived `establish` would try
/// SQLite next and hide it).
pub struct Manager {
    location: Location,
    queries: Arc<AtomicU64>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("{0}")]
    Connection(#[from] diesel::ConnectionError),
    #[error("{0}")]
    Query(#[from] diesel::result::Error),
}

impl Location {
    /// A connection of its own, outside the pool (and its statement count), for
    /// background work such as watching for changes.
    pub fn open(&self) -> Result<DbConn, ConnectError> {
        Manager {
            location: self.clone(),
            queries: Arc::new(AtomicU64::new(0)),
        }
        .connect()
    }
}

impl ManageConnection for Manager {
    type Connection = DbConn;
    type Error = ConnectError;

    fn connect(&self) -> Result<DbConn, ConnectError> {
        let mut conn = match &self.location {
            Location::Postgres(url) => {
                let mut conn = PgConnection::establish(url)?;
                if let Some(limit) = statement_timeout() {
                    conn.batch_execute(&format!("SET statement_timeout = {}", limit.as_millis()))?;
                }
                DbConn::Pg(conn)
            }
            Location::Sqlite(path) => {
                stable_plans();
                let mut conn = SqliteConnection::establish(&path.to_string_lossy())?;
                // WAL lets readers run beside the writer; the busy timeout covers other
                // processes (a CLI import) holding the write lock for a moment.
                conn.batch_execute(&format!(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {};",
                    write_wait_ms()
                ))?;
                DbConn::Sqlite(conn)
            }
        };
        conn.set_instrumentation(QueryCounter(self.queries.clone()));
        Ok(conn)
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), ConnectError> {
        conn.ping().map(|_| ()).map_err(ConnectError::Query)
    }

    fn has_broken(&self, conn: &mut DbConn) -> bool {
        conn.is_broken()
    }
}

/// Makes every SQLite connection this process opens keep its statements' plans whatever
/// values are bound (SQLite's query planner stability guarantee, `SQLITE_DBCONFIG_ENABLE_QPSG`).
///
/// Without it SQLite marks some parameters as shaping the plan (a `LIMIT ?`, a `LIKE ?`
/// pattern, a range with STAT4 samples) and prepares the statement again, parse and plan,
/// every time one is bound anew: every list's page (`LIMIT ?`) and every diesel `.first()`
/// paid for a fresh compile on each request, a fifth of a list's time. Our statements'
/// plans do not depend on those values (the indexes decide them).
///
/// Diesel does not expose the raw connection, so this registers SQLite's documented hook
/// for new connections (`sqlite3_auto_extension`), once per process.
fn stable_plans() {
    use libsqlite3_sys as ffi;
    use std::ffi::{c_char, c_int};

    unsafe extern "C" fn on_open(
        db: *mut ffi::sqlite3,
        _error: *mut *mut c_char,
        _api: *const ffi::sqlite3_api_routines,
    ) -> c_int {
        // SAFETY: SQLite calls this with the connection it is opening, which is valid for
        // the call; the variadic arguments are the (int, int*) this option takes. The
        // progress handler is a plain function with no data pointer.
        unsafe {
            ffi::sqlite3_db_config(
                db,
                ffi::SQLITE_DBCONFIG_ENABLE_QPSG,
                1 as c_int,
                std::ptr::null_mut::<c_int>(),
            );
            ffi::sqlite3_progress_handler(db, 4000, Some(past_deadline), std::ptr::null_mut());
        }
        ffi::SQLITE_OK
    }

    /// SQLite asks every few thousand steps of a statement whether to stop it: yes once
    /// the thread's deadline (`with_deadline`) has passed.
    unsafe extern "C" fn past_deadline(_: *mut std::ffi::c_void) -> c_int {
        c_int::from(DEADLINE.with(|d| d.get().is_some_and(|t| Instant::now() >= t)))
    }

    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: registers a function with the signature SQLite expects; it stays valid
        // for the life of the process.
        let rc = unsafe { ffi::sqlite3_auto_extension(Some(on_open)) };
        if rc != ffi::SQLITE_OK {
            tracing::warn!(rc, "cannot ask SQLite for stable query plans");
        }
    });
}

thread_local! {
    /// When the database work of this thread must stop (SQLite; see `with_deadline`).
    static DEADLINE: std::cell::Cell<Option<Instant>> = const { std::cell::Cell::new(None) };
}

/// How long the server's database work for one request may take (`--statement-timeout-ms`;
/// 0: no limit, as for the command line's imports). PostgreSQL: `statement_timeout` on every
/// connection; SQLite: `with_deadline` around each piece of work. Past it: 503.
static STATEMENT_TIMEOUT_MS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

pub fn set_statement_timeout_ms(ms: u32) {
    STATEMENT_TIMEOUT_MS.store(ms, std::sync::atomic::Ordering::Relaxed);
}

pub fn statement_timeout() -> Option<Duration> {
    match STATEMENT_TIMEOUT_MS.load(std::sync::atomic::Ordering::Relaxed) {
        0 => None,
        ms => Some(Duration::from_millis(u64::from(ms))),
    }
}

/// Runs `f` with its SQLite statements stopped (`interrupted`, a 503) once `limit` has
/// passed; `None`: no limit. Nests: the outer limit comes back afterwards.
pub fn with_deadline<T>(limit: Option<Duration>, f: impl FnOnce() -> T) -> T {
    let deadline = limit.map(|l| Instant::now() + l);
    let previous = DEADLINE.with(|d| d.replace(deadline));
    let out = f();
    DEADLINE.with(|d| d.set(previous));
    out
}

/// Counts the statements sent to the database, so tests can check that a list costs a
/// fixed number of queries whatever its page size.
struct QueryCounter(Arc<AtomicU64>);

impl Instrumentation for QueryCounter {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        if let InstrumentationEvent::StartQuery { .. } = event {
            self.0.fetch_add(1, Ordering::Relaxed);
        }
    }
}

pub struct Database {
    pub pool: Pool,
    pub backend: Backend,
    /// Where it is, for connections of their own (PostgreSQL's `LISTEN`).
    pub location: Location,
    pub queries: Arc<AtomicU64>,
}

/// Connects, failing fast with the backend's own message when the database is unreachable.
pub fn connect(location: &Location, max_size: u32) -> Result<Database, String> {
    let backend = location.backend();
    if let Location::Sqlite(path) = location
        && let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create the folder {}: {e}", dir.display()))?;
    }
    let queries = Arc::new(AtomicU64::new(0));
    let manager = Manager {
        location: location.clone(),
        queries: queries.clone(),
    };
    // Try one connection first: r2d2 would only report a timeout.
    manager
        .connect()
        .map_err(|e| format!("cannot connect to the database: {e}"))?;
    let pool = r2d2::Pool::builder()
        .max_size(max_size)
        .connection_timeout(Duration::from_secs(5))
        // A broken connection shows itself on use (and r2d2 drops it); a ping on every
        // checkout would cost a round trip per request.
        .test_on_check_out(false)
        .build(manager)
        .map_err(|e| format!("cannot open the connection pool: {e}"))?;
    Ok(Database {
        pool,
        backend,
        location: location.clone(),
        queries,
    })
}

/// Applies every pending migration of the connection's backend.
pub fn run_migrations(conn: &mut DbConn) -> Result<Vec<String>, String> {
    let applied = match conn {
        DbConn::Pg(c) => {
            // Nodes starting together take turns: the first migrates, the others then find
            // nothing pending.
            // A migration may take long (an index on a large table): no statement limit.
            c.batch_execute("SET statement_timeout = 0; SELECT pg_advisory_lock(7318462001)")
                .map_err(|e| format!("migration lock: {e}"))?;
            let applied = c
                .run_pending_migrations(POSTGRES_MIGRATIONS)
                .map(|v| v.iter().map(|m| m.to_string()).collect::<Vec<_>>());
            c.batch_execute("SELECT pg_advisory_unlock(7318462001)")
                .map_err(|e| format!("migration lock: {e}"))?;
            if let Some(limit) = statement_timeout() {
                c.batch_execute(&format!("SET statement_timeout = {}", limit.as_millis()))
                    .map_err(|e| format!("statement limit: {e}"))?;
            }
            return applied.map_err(|e| format!("migration failed: {e}"));
        }
        DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS),
    }
    .map_err(|e| format!("migration failed: {e}"))?;
    Ok(applied.iter().map(|v| v.to_string()).collect())
}

/// Reverts every applied migration (used by the migration tests).
pub fn revert_all_migrations(conn: &mut DbConn) -> Result<(), String> {
    match conn {
        DbConn::Pg(c) => c.revert_all_migrations(POSTGRES_MIGRATIONS).map(|_| ()),
        DbConn::Sqlite(c) => c.revert_all_migrations(SQLITE_MIGRATIONS).map(|_| ()),
    }
    .map_err(|e| format!("revert failed: {e}"))
}

/// Timestamps with microsecond precision, as PostgreSQL keeps them, so both backends
/// return the same values.
/// Declares an enum kept in a text column: each variant with its text, `as_str`, `parse`
/// and `ALL`, and the column mapping. A row holding any other text fails to load rather
/// than being read as some default. Attributes given (derives, serde) are kept.
macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident = $text:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Hash,
            diesel::expression::AsExpression,
            diesel::deserialize::FromSqlRow,
        )]
        #[diesel(sql_type = diesel::sql_types::Text)]
        $vis enum $name {
            $($(#[$variant_meta])* $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The text stored and sent for this value.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            pub fn parse(s: &str) -> Option<$name> {
                match s {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                let raw = String::from_sql(bytes)?;
                $name::parse(&raw).ok_or_else(|| {
                    format!("`{raw}` is not a stored {}", stringify!($name)).into()
                })
            }
        }

        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                self.as_str().to_sql(out)
            }
        }
    };
}
pub(crate) use text_enum;

/// How long a SQLite connection waits for another one's write lock (another process
/// writing, such as an import beside the server) before giving up: then the write is
/// answered 503 with `Retry-After`. `--write-wait-ms`, set once at start-up.
static WRITE_WAIT_MS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(5000);

pub fn set_write_wait_ms(ms: u32) {
    WRITE_WAIT_MS.store(ms, std::sync::atomic::Ordering::Relaxed);
}

pub fn write_wait_ms() -> u32 {
    WRITE_WAIT_MS.load(std::sync::atomic::Ordering::Relaxed)
}

/// Marks a connection as broken (its server went away), so that the pool drops it
/// rather than lending it again.
pub fn forget(conn: &mut DbConn) {
    use diesel::connection::{Connection, TransactionManager};
    <DbConn as Connection>::TransactionManager::transaction_manager_status_mut(conn).set_in_error();
}

pub fn now() -> chrono::NaiveDateTime {
    truncate(chrono::Utc::now().naive_utc())
}

pub fn truncate(t: chrono::NaiveDateTime) -> chrono::NaiveDateTime {
    use chrono::{SubsecRound, Timelike};
    let t = t.trunc_subsecs(6);
    t.with_nanosecond(t.nanosecond() / 1000 * 1000).unwrap_or(t)
}

/// Runs `f` in a transaction, rolled back on any error (a savepoint when one is open).
pub fn transaction<T>(
    conn: &mut DbConn,
    f: impl FnOnce(&mut DbConn) -> crate::error::Result<T>,
) -> crate::error::Result<T> {
    use diesel::Connection;
    if let DbConn::Sqlite(c) = conn
        && outermost(c)
    {
        return immediate(conn, f);
    }
    conn.transaction::<T, TxError, _>(|conn| f(conn).map_err(TxError::App))
        .map_err(|e| match e {
            TxError::App(e) => e,
            TxError::Db(e) => crate::error::Error::from(e),
        })
}

/// Whether no transaction is open on this connection.
fn outermost(c: &mut SqliteConnection) -> bool {
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    AnsiTransactionManager::transaction_manager_status_mut(c)
        .transaction_depth()
        .is_ok_and(|d| d.is_none())
}

/// A SQLite transaction that takes the write lock up front (`BEGIN IMMEDIATE`), so that it
/// waits for another writer (up to `write_wait_ms`) rather than failing at its first write:
/// a transaction that read first cannot wait for the lock (SQLite answers busy at once, to
/// avoid a deadlock).
fn immediate<T>(
    conn: &mut DbConn,
    f: impl FnOnce(&mut DbConn) -> crate::error::Result<T>,
) -> crate::error::Result<T> {
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    let DbConn::Sqlite(c) = conn else {
        unreachable!("called for SQLite connections only")
    };
    AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?;
    let result = f(conn);
    let DbConn::Sqlite(c) = conn else {
        unreachable!("the connection did not change")
    };
    match result {
        Ok(value) => {
            AnsiTransactionManager::commit_transaction(c)?;
            Ok(value)
        }
        Err(e) => {
            // A failed rollback leaves the manager broken; the pool then drops the connection.
            let _ = AnsiTransactionManager::rollback_transaction(c);
            Err(e)
        }
    }
}

enum TxError {
    App(crate::error::Error),
    Db(diesel::result::Error),
}

impl From<diesel::result::Error> for TxError {
    fn from(e: diesel::result::Error) -> Self {
        TxError::Db(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_urls_name_their_backend() {
        let sqlite = |p: &str| Ok(Location::Sqlite(PathBuf::from(p)));
        assert_eq!(
            Location::parse("./data/headpress.db"),
            sqlite("./data/headpress.db")
        );
        assert_eq!(Location::parse("headpress.db"), sqlite("headpress.db"));
        assert_eq!(Location::parse("sqlite://data/h.db"), sqlite("data/h.db"));
        assert_eq!(Location::parse("sqlite:///srv/h.db"), sqlite("/srv/h.db"));
        assert_eq!(Location::parse("file:data/h.db"), sqlite("data/h.db"));
        assert_eq!(Location::parse("file:///srv/h.db"), sqlite("/srv/h.db"));
        assert_eq!(Location::parse(r"C:\data\h.db"), sqlite(r"C:\data\h.db"));
        for url in ["postgres://u:p@db/headpress", "postgresql://db/headpress"] {
            assert_eq!(Location::parse(url), Ok(Location::Postgres(url.into())));
        }
    }

    #[test]
    fn unknown_schemes_are_refused_without_echoing_secrets() {
        for url in [
            "postgress://user:s3cret@db/x",
            "mysql://user:s3cret@db/x",
            "sqlite3://x.db",
        ] {
            let e = Location::parse(url).expect_err(url);
            let scheme = url.split(':').next().unwrap();
            assert!(e.contains(&format!("`{scheme}:`")), "{e}");
            assert!(!e.contains("s3cret"), "{e}");
        }
        assert!(Location::parse("").is_err());
        assert!(Location::parse("file:data.db?mode=ro").is_err());
    }

    #[test]
    fn files_go_beside_a_sqlite_database() {
        let dir = |url: &str| Location::parse(url).unwrap().data_dir();
        assert_eq!(dir("./data/headpress.db"), PathBuf::from("./data"));
        assert_eq!(dir("headpress.db"), PathBuf::from("."));
        assert_eq!(dir("postgres://x@y/z"), PathBuf::from("./data"));
    }
}
