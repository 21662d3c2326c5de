//! Reads whose cost grows with the data (full-text search, custom-field filters) take
//! turns: a bounded number run at once, on the blocking pool, never on the HTTP workers. A
//! read that cannot get a turn within the wait is answered 503 with `Retry-After`, so a
//! burst of expensive requests slows itself down and never starves the cheap ones, nor the
//! health checks.

use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// A counting semaphore for blocking threads.
pub struct Turns {
    free: Mutex<usize>,
    freed: Condvar,
    wait: Duration,
    at_once: usize,
    /// Reads told to come back (no turn within the wait), for `/metrics`.
    pub refused: std::sync::atomic::AtomicU64,
}

/// A turn, given back when dropped.
pub struct Turn<'a>(&'a Turns);

impl Turns {
    /// `at_once` turns (at least one); a read waits up to `wait` for one.
    pub fn new(at_once: usize, wait: Duration) -> Turns {
        Turns {
            free: Mutex::new(at_once.max(1)),
            freed: Condvar::new(),
            wait,
            at_once: at_once.max(1),
            refused: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// Turns taken now, and how many there are.
    pub fn in_use(&self) -> (usize, usize) {
        let free = *self.free.lock().unwrap_or_else(|e| e.into_inner());
        (self.at_once.saturating_sub(free), self.at_once)
    }

    /// Waits for a turn (blocking: call it on the blocking pool).
    pub fn take(&self) -> Result<Turn<'_>> {
        let deadline = Instant::now() + self.wait;
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        while *free == 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                self.refused
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                return Err(Error::Unavailable(
                    "too many expensive reads (search, custom-field filters) at once".into(),
                ));
            }
            free = self
                .freed
                .wait_timeout(free, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        *free -= 1;
        Ok(Turn(self))
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let mut free = self.0.free.lock().unwrap_or_else(|e| e.into_inner());
        *free += 1;
        self.0.freed.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turns_are_bounded_and_come_back() {
        let turns = Turns::new(2, Duration::from_millis(30));
        let a = turns.take().unwrap();
        let _b = turns.take().unwrap();
        let started = Instant::now();
        assert!(matches!(turns.take(), Err(Error::Unavailable(_))));
        assert!(started.elapsed() >= Duration::from_millis(30));
        drop(a);
        assert!(turns.take().is_ok());
    }

    #[test]
    fn a_waiting_read_gets_the_turn_given_back() {
        let turns = std::sync::Arc::new(Turns::new(1, Duration::from_secs(5)));
        let held = turns.take().map(std::mem::forget);
        assert!(held.is_ok());
        let other = turns.clone();
        let waiter = std::thread::spawn(move || other.take().is_ok());
        std::thread::sleep(Duration::from_millis(50));
        // Give the forgotten turn back by hand.
        *turns.free.lock().unwrap() += 1;
        turns.freed.notify_one();
        assert!(waiter.join().unwrap());
    }
}
