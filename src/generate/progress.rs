//! A progress line on stderr: what is being made, done/total, rate and time left, redrawn
//! at most ten times a second. When stderr is not a terminal only the final line is
//! written.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

const REDRAW: Duration = Duration::from_millis(100);

pub struct Progress {
    total: usize,
    done: usize,
    what: &'static str,
    started: Instant,
    last_drawn: Option<Instant>,
    terminal: bool,
    /// Writes nothing at all (tests, library callers).
    silent: bool,
}

impl Progress {
    /// A bar on stderr for `total` steps.
    pub fn on_stderr(total: usize) -> Progress {
        Progress {
            total,
            done: 0,
            what: "",
            started: Instant::now(),
            last_drawn: None,
            terminal: std::io::stderr().is_terminal(),
            silent: false,
        }
    }

    /// Counts without writing anything.
    pub fn silent(total: usize) -> Progress {
        Progress {
            silent: true,
            ..Progress::on_stderr(total)
        }
    }

    /// Names what the next steps make (`posts`).
    pub fn stage(&mut self, what: &'static str) {
        self.what = what;
        self.draw(true);
    }

    pub fn step(&mut self) {
        self.done += 1;
        self.draw(false);
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    fn draw(&mut self, now: bool) {
        if self.silent || !self.terminal {
            return;
        }
        let at = Instant::now();
        if !now && self.last_drawn.is_some_and(|t| at - t < REDRAW) {
            return;
        }
        self.last_drawn = Some(at);
        let line = self.line(at - self.started);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{line}");
        let _ = err.flush();
    }

    fn line(&self, elapsed: Duration) -> String {
        let secs = elapsed.as_secs_f64();
        let rate = if secs > 0.0 {
            self.done as f64 / secs
        } else {
            0.0
        };
        let width = 30;
        let filled = (self.done * width)
            .checked_div(self.total)
            .unwrap_or(width)
            .min(width);
        let eta = if rate > 0.0 && self.done < self.total {
            format_duration(Duration::from_secs_f64(
                (self.total - self.done) as f64 / rate,
            ))
        } else {
            "-".into()
        };
        format!(
            "[{}{}] {}/{} items, {:.0}/s, {} left  {}",
            "#".repeat(filled),
            " ".repeat(width - filled),
            self.done,
            self.total,
            rate,
            eta,
            self.what
        )
    }

    /// Ends the bar with one line: how many items, how long, how fast.
    pub fn finish(&mut self) {
        if self.silent {
            return;
        }
        let elapsed = self.started.elapsed();
        let secs = elapsed.as_secs_f64().max(1e-9);
        let mut err = std::io::stderr().lock();
        if self.terminal {
            let _ = write!(err, "\r\x1b[2K");
        }
        let _ = writeln!(
            err,
            "generated {} items in {} ({:.0} items/s)",
            self.done,
            format_duration(elapsed),
            self.done as f64 / secs
        );
    }
}

/// `42.1 s`, `3 min 05 s`.
pub fn format_duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs < 60.0 {
        format!("{secs:.1} s")
    } else {
        let whole = d.as_secs();
        format!("{} min {:02} s", whole / 60, whole % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_shows_count_rate_and_time_left() {
        let mut p = Progress::silent(200);
        p.what = "posts";
        p.done = 50;
        let line = p.line(Duration::from_secs(5));
        assert!(line.contains("50/200 items"), "{line}");
        assert!(line.contains("10/s"), "{line}");
        assert!(line.contains("15.0 s left"), "{line}");
        assert!(line.ends_with("posts"), "{line}");
        assert_eq!(format_duration(Duration::from_secs(185)), "3 min 05 s");
    }
}
