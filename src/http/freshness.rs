//! When this node's cached answers may be stale: an epoch that moves on every write of
//! content on this node (before its transaction starts and again after it commits), when
//! another node or process writes (PostgreSQL `NOTIFY`, and a poll of the stored content
//! version each second as the fallback), and when a scheduled item's time comes.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chrono::{NaiveDateTime, Utc};
use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};

use crate::content::version;
use crate::db::{Database, DbConn, Location};

/// No scheduled publication.
const NEVER: i64 = i64::MAX;

#[derive(Debug, Default)]
pub struct Freshness {
    epoch: AtomicU64,
    /// Writes of content in flight on this node: while any runs, answers are neither
    /// cached nor served from the cache.
    writes: AtomicU64,
    /// The stored content version last seen.
    version: AtomicI64,
    /// When the next scheduled item becomes public (microseconds since the epoch, UTC).
    next_due: AtomicI64,
}

/// What an answer was computed against: it may be cached only if nothing changed since.
#[derive(Debug, Clone, Copy)]
pub struct Ticket {
    epoch: u64,
    clean: bool,
}

impl Freshness {
    pub fn new() -> Freshness {
        Freshness {
            next_due: AtomicI64::new(NEVER),
            ..Freshness::default()
        }
    }

    /// The current epoch, or `None` while a write runs; first moves on if a scheduled
    /// publication has come.
    pub fn current(&self) -> Option<u64> {
        let due = self.next_due.load(Ordering::Acquire);
        if due != NEVER && Utc::now().timestamp_micros() >= due {
            // Publish the change once: whoever swaps the time moves the epoch. The watcher
            // finds the next publication within a second; until then nothing is cached
            // against a time already past (`next_due` stays 0).
            if self
                .next_due
                .compare_exchange(due, 0, Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
            {
                self.changed();
            }
        }
        if self.writes.load(Ordering::Acquire) > 0 || self.next_due.load(Ordering::Acquire) == 0 {
            return None;
        }
        Some(self.epoch.load(Ordering::Acquire))
    }

    pub fn ticket(&self) -> Ticket {
        match self.current() {
            Some(epoch) => Ticket { epoch, clean: true },
            None => Ticket {
                epoch: 0,
                clean: false,
            },
        }
    }

    /// Has nothing changed since the ticket was taken?
    pub fn still(&self, ticket: Ticket) -> bool {
        ticket.clean && self.current() == Some(ticket.epoch)
    }

    /// Everything cached so far may be stale.
    pub fn changed(&self) {
        self.epoch.fetch_add(1, Ordering::AcqRel);
    }

    /// A write of content starts on this node.
    pub fn begin_write(&self) {
        self.writes.fetch_add(1, Ordering::AcqRel);
        self.changed();
    }

    /// A write of content ended (committed or not), with what the database says now.
    pub fn end_write(&self, seen: Option<Seen>) {
        if let Some(seen) = seen {
            self.store(seen);
        }
        self.changed();
        self.writes.fetch_sub(1, Ordering::AcqRel);
    }

    fn store(&self, seen: Seen) {
        self.version.store(seen.version, Ordering::Release);
        let due = seen
            .next_due
            .map_or(NEVER, |t| t.and_utc().timestamp_micros());
        self.next_due.store(due, Ordering::Release);
    }

    /// What the database says, from the watcher: a version another writer moved, or a
    /// schedule to take up again.
    fn observe(&self, seen: Seen) {
        let moved = self.version.swap(seen.version, Ordering::AcqRel) != seen.version;
        let due = seen
            .next_due
            .map_or(NEVER, |t| t.and_utc().timestamp_micros());
        let previous = self.next_due.swap(due, Ordering::AcqRel);
        if moved || previous != due {
            self.changed();
        }
    }
}

/// The stored content version and the next scheduled publication.
#[derive(Debug, Clone, Copy)]
pub struct Seen {
    pub version: i64,
    pub next_due: Option<NaiveDateTime>,
}

impl Seen {
    pub fn read(conn: &mut DbConn) -> crate::error::Result<Seen> {
        Ok(Seen {
            version: version::current(conn)?,
            next_due: version::next_publication(conn)?,
        })
    }
}

/// Keeps a node's freshness in step with the database until dropped: on PostgreSQL it
/// listens for `NOTIFY` (checked every 50 ms) and on both backends reads the stored
/// version each second.
pub struct Watcher {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Watcher {
    pub fn start(db: &Database, freshness: Arc<Freshness>) -> Watcher {
        let stop = Arc::new(AtomicBool::new(false));
        let location = db.location.clone();
        let flag = stop.clone();
        let thread = std::thread::Builder::new()
            .name("headpress-freshness".into())
            .spawn(move || {
                let mut listener: Option<PgConnection> = None;
                let mut reader: Option<DbConn> = None;
                let mut last_poll: Option<Instant> = None;
                while !flag.load(Ordering::Acquire) {
                    if let Location::Postgres(url) = &location {
                        let notified = match listener.as_mut() {
                            Some(conn) => match drain(conn) {
                                Some(n) => n > 0,
                                // A broken connection: listen again on the next turn.
                                None => {
                                    listener = None;
                                    true
                                }
                            },
                            None => {
                                listener = listen(url);
                                // What happened while nobody listened is read below.
                                true
                            }
                        };
                        if notified {
                            last_poll = None;
                        }
                    }
                    if last_poll.is_none_or(|t| t.elapsed() >= Duration::from_secs(1)) {
                        last_poll = Some(Instant::now());
                        if reader.is_none() {
                            reader = location
                                .open()
                                .map_err(|e| tracing::warn!(error = %e, "cannot watch the content version"))
                                .ok();
                        }
                        if let Some(conn) = reader.as_mut() {
                            // Scheduled items whose time has come are moved into the counts
                            // here too, so that one no read moves (only items are read)
                            // does not keep answers from the cache: until it is moved,
                            // `next_due` stays in the past and nothing is cached.
                            crate::content::counts::settle_if_due(conn, crate::db::now());
                            match Seen::read(conn) {
                                Ok(seen) => freshness.observe(seen),
                                Err(e) => {
                                    tracing::warn!(error = %e, "cannot read the content version");
                                    reader = None;
                                }
                            }
                        }
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
            })
            .ok();
        Watcher { stop, thread }
    }
}

/// How many notifications arrived since the last look (`None`: the connection broke).
fn drain(conn: &mut PgConnection) -> Option<usize> {
    let mut n = 0;
    for notification in conn.notifications_iter() {
        notification.ok()?;
        n += 1;
    }
    Some(n)
}

fn listen(url: &str) -> Option<PgConnection> {
    let mut conn = PgConnection::establish(url)
        .map_err(|e| tracing::warn!(error = %e, "cannot listen for content changes"))
        .ok()?;
    conn.batch_execute(&format!("LISTEN {}", version::CHANNEL))
        .map_err(|e| tracing::warn!(error = %e, "cannot listen for content changes"))
        .ok()?;
    Some(conn)
}
