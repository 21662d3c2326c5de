//! An optional limit of anonymous requests per client address (`--anonymous-rate-limit`,
//! requests a minute; off by default): a client past it gets 429 with `Retry-After` until
//! the minute is over. Requests with a token or a partner key are not counted here (a
//! partner's key has its own quota), nor the health checks. Counted on each node, in memory.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);

/// Past this many addresses the windows that ended are dropped.
const PRUNE_AT: usize = 100_000;

pub struct AnonymousLimit {
    per_minute: u32,
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

/// What is left of a client's window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowance {
    pub limit: u32,
    pub remaining: u32,
    /// Seconds until the window starts again.
    pub reset: u64,
    pub exceeded: bool,
}

impl AnonymousLimit {
    /// `per_minute` requests a minute per address; 0 switches the limit off.
    pub fn new(per_minute: u32) -> AnonymousLimit {
        AnonymousLimit {
            per_minute,
            windows: Mutex::new(HashMap::new()),
        }
    }

    pub fn enabled(&self) -> bool {
        self.per_minute > 0
    }

    /// Counts one request of `address`.
    pub fn count(&self, address: &str, now: Instant) -> Allowance {
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if windows.len() > PRUNE_AT {
            windows.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
        }
        let (start, count) = windows.entry(address.to_owned()).or_insert((now, 0));
        if now.duration_since(*start) >= WINDOW {
            *start = now;
            *count = 0;
        }
        *count = count.saturating_add(1);
        let reset = WINDOW
            .saturating_sub(now.duration_since(*start))
            .as_secs()
            .max(1);
        Allowance {
            limit: self.per_minute,
            remaining: self.per_minute.saturating_sub(*count),
            reset,
            exceeded: *count > self.per_minute,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_address_gets_its_allowance_each_minute() {
        let limit = AnonymousLimit::new(2);
        let t0 = Instant::now();
        assert!(!limit.count("a", t0).exceeded);
        let second = limit.count("a", t0);
        assert_eq!((second.remaining, second.exceeded), (0, false));
        assert!(limit.count("a", t0).exceeded);
        assert!(!limit.count("b", t0).exceeded, "another address");
        let later = t0 + WINDOW;
        assert!(!limit.count("a", later).exceeded, "a new minute");
        assert!(!AnonymousLimit::new(0).enabled());
    }
}
