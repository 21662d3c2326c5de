//! Prometheus metrics at `/metrics`: requests by route, method and status, their latency
//! as histograms, the database pool, the caches and the expensive reads' turns.
//!
//! Counting costs a lock of the current thread's own shard (never contended: a scrape
//! takes each shard for a moment to add them up), so the hot path stays the hot path.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::{Arc, Mutex};

use actix_web::http::Method;

/// Upper bounds of the latency histogram buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];

pub use crate::config::MetricsAccess as Access;

#[derive(Default)]
struct Series {
    /// By status.
    statuses: HashMap<u16, u64>,
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// By route, then method (a handful each).
type Shard = HashMap<String, Vec<(Method, Series)>>;

/// The counts of every worker thread.
pub struct Metrics {
    /// Tells registries apart in the threads' memory of their shard (tests make many).
    id: u64,
    shards: Mutex<Vec<Arc<Mutex<Shard>>>>,
}

impl Default for Metrics {
    fn default() -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Metrics {
            id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            shards: Mutex::new(Vec::new()),
        }
    }
}

thread_local! {
    static SHARD: std::cell::RefCell<Option<(u64, Arc<Mutex<Shard>>)>> =
        const { std::cell::RefCell::new(None) };
}

impl Metrics {
    /// Counts one answered request: its route (the pattern that matched, so that ids do
    /// not make new series), method, status and latency.
    pub fn record(&self, route: &str, method: &Method, status: u16, seconds: f64) {
        let shard = self.shard();
        let mut shard = shard.lock().unwrap_or_else(|e| e.into_inner());
        // Looked up by `&str`: a route seen before costs no allocation.
        if !shard.contains_key(route) {
            shard.insert(route.to_owned(), Vec::new());
        }
        let methods = shard.get_mut(route).expect("inserted above");
        let at = match methods.iter().position(|(m, _)| m == method) {
            Some(at) => at,
            None => {
                methods.push((method.clone(), Series::default()));
                methods.len() - 1
            }
        };
        let series = &mut methods[at].1;
        *series.statuses.entry(status).or_default() += 1;
        series.count += 1;
        series.sum += seconds;
        if let Some(i) = BUCKETS.iter().position(|le| seconds <= *le) {
            series.buckets[i] += 1;
        }
    }

    /// This thread's shard of this registry (made and registered on first use).
    fn shard(&self) -> Arc<Mutex<Shard>> {
        let me = self.id;
        SHARD.with(|cell| {
            let mut cell = cell.borrow_mut();
            match cell.as_ref() {
                Some((owner, shard)) if *owner == me => shard.clone(),
                _ => {
                    let shard = Arc::new(Mutex::new(Shard::new()));
                    self.shards
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(shard.clone());
                    *cell = Some((me, shard.clone()));
                    shard
                }
            }
        })
    }

    /// The request metrics, added up over every shard, in the text format.
    pub fn write_requests(&self, out: &mut String) {
        let mut all: HashMap<(String, Method), Series> = HashMap::new();
        let shards = self
            .shards
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        for shard in shards {
            let shard = shard.lock().unwrap_or_else(|e| e.into_inner());
            for ((route, method), s) in shard
                .iter()
                .flat_map(|(r, ms)| ms.iter().map(move |(m, s)| ((r, m), s)))
            {
                let total = all.entry((route.clone(), method.clone())).or_default();
                for (status, n) in &s.statuses {
                    *total.statuses.entry(*status).or_default() += n;
                }
                for (i, n) in s.buckets.iter().enumerate() {
                    total.buckets[i] += n;
                }
                total.count += s.count;
                total.sum += s.sum;
            }
        }
        let mut keys: Vec<&(String, Method)> = all.keys().collect();
        keys.sort_by(|a, b| (&a.0, a.1.as_str()).cmp(&(&b.0, b.1.as_str())));

        header(
            out,
            "headpress_http_requests_total",
            "counter",
            "Requests answered, by route (the pattern that matched), method and status.",
        );
        for key in &keys {
            let s = &all[*key];
            let mut statuses: Vec<_> = s.statuses.iter().collect();
            statuses.sort();
            for (status, n) in statuses {
                let _ = writeln!(
                    out,
                    "headpress_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{status}\"}} {n}",
                    escape(&key.0),
                    key.1
                );
            }
        }
        header(
            out,
            "headpress_http_request_duration_seconds",
            "histogram",
            "Time from a request's arrival to its answer, by route and method.",
        );
        for key in &keys {
            let s = &all[*key];
            let labels = format!("route=\"{}\",method=\"{}\"", escape(&key.0), key.1);
            let mut cumulative = 0;
            for (i, le) in BUCKETS.iter().enumerate() {
                cumulative += s.buckets[i];
                let _ = writeln!(
                    out,
                    "headpress_http_request_duration_seconds_bucket{{{labels},le=\"{le}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "headpress_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                s.count
            );
            let _ = writeln!(
                out,
                "headpress_http_request_duration_seconds_sum{{{labels}}} {}",
                s.sum
            );
            let _ = writeln!(
                out,
                "headpress_http_request_duration_seconds_count{{{labels}}} {}",
                s.count
            );
        }
    }
}

/// `# HELP` and `# TYPE` of a metric.
pub fn header(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} {kind}");
}

/// One sample without labels (or with `labels` already written, `a="b"`).
pub fn sample(out: &mut String, name: &str, labels: &str, value: impl std::fmt::Display) {
    if labels.is_empty() {
        let _ = writeln!(out, "{name} {value}");
    } else {
        let _ = writeln!(out, "{name}{{{labels}}} {value}");
    }
}

/// A label value as the text format wants it.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_over_threads_in_the_text_format() {
        let metrics = Arc::new(Metrics::default());
        let threads: Vec<_> = (0..3)
            .map(|_| {
                let m = metrics.clone();
                std::thread::spawn(move || {
                    m.record("/api/v1/posts", &Method::GET, 200, 0.002);
                    m.record("/api/v1/posts/{id}", &Method::GET, 404, 0.0003);
                })
            })
            .collect();
        threads.into_iter().for_each(|t| t.join().unwrap());
        let mut out = String::new();
        metrics.write_requests(&mut out);
        assert!(out.contains(
            "headpress_http_requests_total{route=\"/api/v1/posts\",method=\"GET\",status=\"200\"} 3"
        ));
        assert!(out.contains(
            "headpress_http_requests_total{route=\"/api/v1/posts/{id}\",method=\"GET\",status=\"404\"} 3"
        ));
        assert!(out.contains(
            "headpress_http_request_duration_seconds_bucket{route=\"/api/v1/posts\",method=\"GET\",le=\"0.001\"} 0"
        ));
        assert!(out.contains(
            "headpress_http_request_duration_seconds_bucket{route=\"/api/v1/posts\",method=\"GET\",le=\"0.0025\"} 3"
        ));
        assert!(out.contains(
            "headpress_http_request_duration_seconds_count{route=\"/api/v1/posts\",method=\"GET\"} 3"
        ));
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
        assert_eq!(Access::parse("local"), Ok(Access::Local));
        assert!(Access::parse("public").is_err());
    }
}
