//! The timeline of every published event's occurrences around now, shared by every worker
//! and built again only after a change of content (the node's freshness epoch).

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};

use crate::db::DbConn;
use crate::error::Result;
use crate::events::occurrences::Timeline;
use crate::http::freshness::Freshness;

/// How far back and ahead of its making the shared timeline reaches: windows inside are
/// answered from it, others (and term filters) build their own.
const SHARED_BEHIND: chrono::Duration = chrono::Duration::days(366);
const SHARED_AHEAD: chrono::Duration = chrono::Duration::days(2 * 366);
/// The most occurrences the shared timeline holds (about 70 bytes each); a site with more
/// builds each window's own.
const SHARED_MAX: usize = 400_000;

/// The timeline of every published event from a year ago to two years ahead, built once
/// per change of content (the node's freshness epoch, like the render cache) and shared by
/// every worker, so that a page of occurrences costs the same whatever the number of
/// events.
pub struct SharedTimeline {
    freshness: Arc<Freshness>,
    enabled: bool,
    slot: Mutex<Option<(u64, Arc<Timeline>)>>,
    /// Held while one is built, so that concurrent readers wait for it, not build it too.
    building: Mutex<()>,
}

impl SharedTimeline {
    pub fn new(enabled: bool, freshness: Arc<Freshness>) -> Self {
        SharedTimeline {
            freshness,
            enabled,
            slot: Mutex::new(None),
            building: Mutex::new(()),
        }
    }

    fn current(&self, epoch: u64) -> Option<Arc<Timeline>> {
        let slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        slot.as_ref()
            .filter(|(e, _)| *e == epoch)
            .map(|(_, t)| t.clone())
    }

    /// The timeline as the content stands, if one covers [from, to): `None` while a write
    /// runs, when it is switched off, or when the site holds too many occurrences.
    pub fn covering(
        &self,
        conn: &mut DbConn,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Option<Arc<Timeline>>> {
        if !self.enabled {
            return Ok(None);
        }
        let Some(epoch) = self.freshness.current() else {
            return Ok(None);
        };
        let found = match self.current(epoch) {
            Some(t) => Some(t),
            None => {
                let _turn = self.building.lock().unwrap_or_else(|e| e.into_inner());
                match self.current(epoch) {
                    Some(t) => Some(t),
                    None => {
                        let ticket = self.freshness.ticket();
                        let now = Utc::now();
                        let built = Timeline::build(
                            conn,
                            now - SHARED_BEHIND,
                            now + SHARED_AHEAD,
                            &[],
                            SHARED_MAX,
                        )?
                        .map(Arc::new);
                        if let Some(t) = &built
                            && self.freshness.still(ticket)
                        {
                            *self.slot.lock().unwrap_or_else(|e| e.into_inner()) =
                                Some((epoch, t.clone()));
                        }
                        built
                    }
                }
            }
        };
        Ok(found.filter(|t| t.covers(from, to)))
    }
}
