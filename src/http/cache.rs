//! The response cache: answers to anonymous (and partner-key) GETs, kept in memory up to a
//! size in bytes, least recently used first out. An answer is served only while the node's
//! `Freshness` says nothing changed since it was computed (and, for answers that change
//! with time, until their own expiry), so a write that has committed on this node is never
//! followed by an answer from before it. A matching `If-None-Match` is a 304 straight from
//! here, without the database.
//!
//! `respond` sits next to the handlers, under the partner gate, CORS and the platform's
//! caching headers, and answers every cacheable read. `http::edge`, the outermost layer,
//! answers plain reads from the same store with the whole answer, kept once it passed.

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;
use std::sync::{Arc, Mutex, OnceLock};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::web::{Bytes, Data};
use actix_web::{HttpMessage, HttpResponse};
use chrono::{DateTime, Utc};

use crate::http::freshness::{Freshness, Ticket};
use crate::http::problem::Problem;

/// Bodies larger than this are not cached (nor given an ETag by the platform).
pub const MAX_BODY: usize = 8 * 1024 * 1024;

/// An answer that changes with time alone (an event's next occurrence) says until when it
/// holds, in its response's extensions.
#[derive(Debug, Clone, Copy)]
pub struct ValidUntil(pub DateTime<Utc>);

impl ValidUntil {
    /// The earliest of several moments, if any.
    pub fn earliest(times: impl IntoIterator<Item = DateTime<Utc>>) -> Option<ValidUntil> {
        times.into_iter().min().map(ValidUntil)
    }
}

/// A cached answer.
struct Cached {
    headers: HeaderMap,
    body: Bytes,
    etag: HeaderValue,
    expires: Option<DateTime<Utc>>,
    size: usize,
    /// The route pattern that answered (see [`Route`]).
    route: Option<Route>,
    /// The headers of the whole answer to a plain read (see `edge`), once one passed.
    plain: OnceLock<HeaderMap>,
}

/// The route pattern that answered a request (`/api/v1/posts/{id}`), for the metrics. A
/// cached answer carries the one found when it was made: finding it again from the path
/// tries the patterns one by one, a tenth of what a cached answer costs.
#[derive(Debug, Clone)]
pub struct Route(pub Arc<str>);

/// What an epoch store keeps: its size in bytes and until when it holds.
pub trait Weighed {
    fn size(&self) -> usize;
    fn expires(&self) -> Option<DateTime<Utc>>;
}

impl Weighed for Cached {
    fn size(&self) -> usize {
        self.size
    }

    fn expires(&self) -> Option<DateTime<Utc>> {
        self.expires
    }
}

struct Store<K, V> {
    epoch: u64,
    map: HashMap<K, (Arc<V>, u64)>,
    /// Keys by last use, oldest first.
    order: BTreeMap<u64, K>,
    tick: u64,
    bytes: usize,
}

impl<K, V> Default for Store<K, V> {
    fn default() -> Self {
        Store {
            epoch: 0,
            map: HashMap::new(),
            order: BTreeMap::new(),
            tick: 0,
            bytes: 0,
        }
    }
}

impl<K: Eq + Hash + Clone, V: Weighed> Store<K, V> {
    /// Forgets everything from an older epoch.
    fn at(&mut self, epoch: u64) {
        if self.epoch != epoch {
            self.map.clear();
            self.order.clear();
            self.bytes = 0;
            self.epoch = epoch;
        }
    }

    fn touch(&mut self, key: &K) -> Option<Arc<V>> {
        self.tick += 1;
        let tick = self.tick;
        let (value, last) = self.map.get_mut(key)?;
        let previous = std::mem::replace(last, tick);
        let value = value.clone();
        if let Some(k) = self.order.remove(&previous) {
            self.order.insert(tick, k);
        }
        Some(value)
    }

    fn remove(&mut self, key: &K) {
        if let Some((value, tick)) = self.map.remove(key) {
            self.order.remove(&tick);
            self.bytes -= value.size();
        }
    }

    fn insert(&mut self, key: K, value: Arc<V>, limit: usize) {
        self.remove(&key);
        while self.bytes + value.size() > limit {
            let Some((_, oldest)) = self.order.pop_first() else {
                break;
            };
            if let Some((gone, _)) = self.map.remove(&oldest) {
                self.bytes -= gone.size();
            }
        }
        self.tick += 1;
        self.bytes += value.size();
        self.order.insert(self.tick, key.clone());
        self.map.insert(key, (value, self.tick));
    }
}

/// Values kept in memory up to a size in bytes, least recently used first out, each valid
/// only while `Freshness` says nothing changed since it was made (and until its expiry).
pub struct EpochCache<K, V> {
    /// Bytes it may hold; 0 switches it off.
    limit: usize,
    freshness: Arc<Freshness>,
    store: Mutex<Store<K, V>>,
    hits: std::sync::atomic::AtomicU64,
    misses: std::sync::atomic::AtomicU64,
}

/// What a cache did so far, for `/metrics`.
#[derive(Debug, Clone, Copy, Default)]
pub struct CacheStats {
    pub hits: u64,
    pub misses: u64,
    pub bytes: usize,
    pub entries: usize,
    pub limit: usize,
}

impl<K: Eq + Hash + Clone, V: Weighed> EpochCache<K, V> {
    pub fn new(limit: usize, freshness: Arc<Freshness>) -> Self {
        EpochCache {
            limit,
            freshness,
            store: Mutex::new(Store::default()),
            hits: std::sync::atomic::AtomicU64::new(0),
            misses: std::sync::atomic::AtomicU64::new(0),
        }
    }

    pub fn stats(&self) -> CacheStats {
        use std::sync::atomic::Ordering::Relaxed;
        let store = self.store.lock().unwrap_or_else(|e| e.into_inner());
        CacheStats {
            hits: self.hits.load(Relaxed),
            misses: self.misses.load(Relaxed),
            bytes: store.bytes,
            entries: store.map.len(),
            limit: self.limit,
        }
    }

    pub fn enabled(&self) -> bool {
        self.limit > 0
    }

    /// What a value about to be made depends on: pass it back to `put`.
    pub fn ticket(&self) -> Ticket {
        self.freshness.ticket()
    }

    pub fn get(&self, key: &K) -> Option<Arc<V>> {
        self.get_many(std::slice::from_ref(key)).pop().flatten()
    }

    /// The values of several keys, in order: the freshness asked and the store locked once
    /// for all (a list's twenty items).
    pub fn get_many(&self, keys: &[K]) -> Vec<Option<Arc<V>>> {
        use std::sync::atomic::Ordering::Relaxed;
        let epoch = if self.enabled() {
            self.freshness.current()
        } else {
            None
        };
        let Some(epoch) = epoch else {
            if self.enabled() {
                self.misses.fetch_add(keys.len() as u64, Relaxed);
            }
            return keys.iter().map(|_| None).collect();
        };
        let mut store = self.store.lock().unwrap_or_else(|e| e.into_inner());
        store.at(epoch);
        let mut now = None;
        let found: Vec<Option<Arc<V>>> = keys
            .iter()
            .map(|key| {
                let value = store.touch(key)?;
                match value.expires() {
                    Some(t) if t <= *now.get_or_insert_with(Utc::now) => {
                        store.remove(key);
                        None
                    }
                    _ => Some(value),
                }
            })
            .collect();
        drop(store);
        let hits = found.iter().filter(|f| f.is_some()).count() as u64;
        self.hits.fetch_add(hits, Relaxed);
        self.misses.fetch_add(keys.len() as u64 - hits, Relaxed);
        found
    }

    /// Keeps a value made under `ticket`, unless something changed since.
    pub fn put(&self, key: K, value: Arc<V>, ticket: Ticket) {
        if !self.enabled() || value.size() > self.limit / 4 {
            return;
        }
        let mut store = self.store.lock().unwrap_or_else(|e| e.into_inner());
        // Checked under the lock, so no newer epoch's store can take an older value.
        if !self.freshness.still(ticket) {
            return;
        }
        if let Some(epoch) = self.freshness.current() {
            store.at(epoch);
            store.insert(key, value, self.limit);
        }
    }
}

/// Answers to anonymous reads, by path and query.
pub type ResponseCache = EpochCache<String, CachedAnswer>;

/// A cached answer (opaque outside this module).
pub struct CachedAnswer(Cached);

impl Weighed for CachedAnswer {
    fn size(&self) -> usize {
        self.0.size
    }

    fn expires(&self) -> Option<DateTime<Utc>> {
        self.0.expires
    }
}

/// Which requests the cache may answer: reads of the API and the embeds, by anonymous
/// readers (a partner key is no identity: partners see what anonymous readers see).
pub fn cacheable(req: &ServiceRequest) -> bool {
    let path = req.path();
    req.method() == Method::GET
        && !req.headers().contains_key(header::AUTHORIZATION)
        && (path.starts_with("/api/v1/")
            || path.starts_with("/embed")
            || path == "/oembed"
            || path.starts_with("/wp-json"))
        // A read of the change feed that waits for changes (`wait`) must wait: an answer
        // from the cache would not. Without `wait` it is a read like any other.
        && (path != "/api/v1/changes" || !waits(req.query_string()))
}

/// Does a query ask to wait (`wait` with a value other than 0)?
fn waits(query: &str) -> bool {
    form_urlencoded::parse(query.as_bytes())
        .any(|(name, value)| name == "wait" && !value.trim_start_matches('0').is_empty())
}

/// A response body's bytes, without a copy when it is one buffer already (as the
/// handlers' bodies are: `to_bytes` alone copies every body into a new one).
pub async fn body_bytes<B: MessageBody>(body: B) -> Result<Bytes, B::Error> {
    match body.try_into_bytes() {
        Ok(bytes) => Ok(bytes),
        Err(body) => actix_web::body::to_bytes(body).await,
    }
}

/// The strong validator of a body: a 128-bit XXH3 of its bytes. A validator needs to tell
/// bodies apart, not to resist forgery, and XXH3 costs a small fraction of a
/// cryptographic digest on the large bodies of lists.
pub fn etag_of(body: &[u8]) -> HeaderValue {
    let hash = twox_hash::XxHash3_128::oneshot(body);
    let tag = format!("\"{}\"", crate::hex::encode(&hash.to_be_bytes()));
    HeaderValue::from_str(&tag).unwrap_or_else(|_| HeaderValue::from_static("\"\""))
}

/// Does `If-None-Match` name this tag (or `*`)?
pub fn matches(if_none_match: Option<&HeaderValue>, tag: &HeaderValue) -> bool {
    let (Some(list), Ok(tag)) = (if_none_match.and_then(|v| v.to_str().ok()), tag.to_str()) else {
        return false;
    };
    list.split(',')
        .map(str::trim)
        .any(|t| t == "*" || t.trim_start_matches("W/") == tag)
}

/// Headers a 304 repeats from the 200 it stands for (RFC 9110, 15.4.5), CORS's included.
fn kept_on_304(name: &header::HeaderName) -> bool {
    name == header::CACHE_CONTROL
        || name == header::VARY
        || name == header::CONTENT_LOCATION
        || name == header::EXPIRES
        || name.as_str().starts_with("access-control-")
}

/// A cached answer with `headers` (its own, or the whole answer's): 200 with its body, or
/// 304 for a matching `If-None-Match`.
fn answer(
    cached: &Cached,
    headers: &HeaderMap,
    if_none_match: Option<&HeaderValue>,
) -> HttpResponse {
    let not_modified = matches(if_none_match, &cached.etag);
    let mut res = if not_modified {
        HttpResponse::NotModified().finish()
    } else {
        HttpResponse::Ok().body(cached.body.clone())
    };
    for (name, value) in headers
        .iter()
        .filter(|(n, _)| !not_modified || kept_on_304(n))
    {
        res.headers_mut().append(name.clone(), value.clone());
    }
    res.headers_mut().insert(header::ETAG, cached.etag.clone());
    if let Some(route) = &cached.route {
        res.extensions_mut().insert(route.clone());
    }
    res
}

/// The cache key of a request: its path and query.
pub fn key_of(req: &ServiceRequest) -> String {
    match req.query_string() {
        "" => req.path().to_owned(),
        q => format!("{}?{q}", req.path()),
    }
}

/// What the outermost layer (`http::edge`) found for a request, handed down to `respond`
/// so that it looks only once.
pub struct Lookup {
    pub key: String,
    pub found: Option<Arc<CachedAnswer>>,
}

/// The cached answer a response came from (or was kept as), in its extensions, for the
/// outermost layer to complete.
#[derive(Clone)]
pub struct Answered(pub Arc<CachedAnswer>);

/// Headers of a whole answer that are not kept with it: made per request, or by the HTTP
/// layer, or the answer's own (`ETag`).
fn per_request(name: &header::HeaderName) -> bool {
    name == crate::http::request_id::HEADER
        || name == header::DATE
        || name == header::CONTENT_LENGTH
        || name == header::ETAG
}

impl CachedAnswer {
    /// The whole answer to a plain read (see `http::edge`), once one passed every layer:
    /// 200, or 304 for a matching `If-None-Match`, but for its request id.
    pub fn whole(&self, if_none_match: Option<&HeaderValue>) -> Option<HttpResponse> {
        let headers = self.0.plain.get()?;
        Some(answer(&self.0, headers, if_none_match))
    }

    /// Keeps the headers of `res`, the whole answer to a plain read, if it is this answer
    /// (its `ETag` says so).
    pub fn keep_whole(&self, res: &ServiceResponse<BoxBody>) {
        if res.status() != StatusCode::OK || res.headers().get(header::ETAG) != Some(&self.0.etag) {
            return;
        }
        let mut headers = HeaderMap::new();
        for (name, value) in res.headers().iter().filter(|(n, _)| !per_request(n)) {
            headers.append(name.clone(), value.clone());
        }
        let _ = self.0.plain.set(headers);
    }
}

pub async fn respond(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let cache = req.app_data::<Data<ResponseCache>>().cloned();
    let looked = req.extensions_mut().remove::<Lookup>();
    let Some(cache) = cache.filter(|c| c.enabled() && (looked.is_some() || cacheable(&req))) else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let (key, found) = match looked {
        Some(Lookup { key, found }) => (key, found),
        None => {
            let key = key_of(&req);
            let found = cache.get(&key);
            (key, found)
        }
    };
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    if let Some(cached) = found {
        let mut res = answer(&cached.0, &cached.0.headers, if_none_match.as_ref());
        res.extensions_mut().insert(Answered(cached));
        return Ok(req.into_response(res));
    }
    let ticket = cache.ticket();
    let res = next.call(req).await?;
    if res.status() != StatusCode::OK || res.headers().contains_key(header::ETAG) {
        return Ok(res.map_into_boxed_body());
    }
    let expires = res.response().extensions().get::<ValidUntil>().map(|v| v.0);
    let (req, res) = res.into_parts();
    let (head, body) = res.into_parts();
    let body = match body.size() {
        actix_web::body::BodySize::Sized(n) if n as usize <= MAX_BODY => {
            match body_bytes(body).await {
                Ok(b) => b,
                Err(_) => {
                    let problem = Problem::for_status(StatusCode::INTERNAL_SERVER_ERROR);
                    return Ok(ServiceResponse::new(req, problem.response()));
                }
            }
        }
        _ => {
            let res = head.set_body(body).map_into_boxed_body();
            return Ok(ServiceResponse::new(req, res));
        }
    };
    let headers = head.headers().clone();
    let cached = Arc::new(CachedAnswer(Cached {
        size: key.len() + body.len() + 64 * (headers.len() + 4),
        etag: etag_of(&body),
        headers,
        body,
        expires,
        route: req.match_pattern().map(|p| Route(p.into())),
        plain: OnceLock::new(),
    }));
    let mut res = answer(&cached.0, &cached.0.headers, if_none_match.as_ref());
    res.extensions_mut().insert(Answered(cached.clone()));
    cache.put(key, cached, ticket);
    Ok(ServiceResponse::new(req, res))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cached(size: usize) -> Arc<Cached> {
        Arc::new(Cached {
            headers: HeaderMap::new(),
            body: Bytes::new(),
            etag: HeaderValue::from_static("\"x\""),
            expires: None,
            size,
            route: None,
            plain: OnceLock::new(),
        })
    }

    #[test]
    fn the_least_recently_used_answers_go_first() {
        let mut store: Store<String, Cached> = Store::default();
        store.insert("a".into(), cached(40), 100);
        store.insert("b".into(), cached(40), 100);
        assert!(store.touch(&"a".to_owned()).is_some());
        store.insert("c".into(), cached(40), 100);
        assert!(
            store.touch(&"b".to_owned()).is_none(),
            "b was used least recently"
        );
        assert!(store.touch(&"a".to_owned()).is_some() && store.touch(&"c".to_owned()).is_some());
        assert_eq!(store.bytes, 80);
        store.at(1);
        assert!(
            store.touch(&"a".to_owned()).is_none(),
            "a new epoch forgets everything"
        );
        assert_eq!(store.bytes, 0);
    }

    #[test]
    fn several_values_are_read_at_once_in_order_without_the_expired() {
        let cache: EpochCache<&str, Cached> = EpochCache::new(1000, Arc::new(Freshness::new()));
        let ticket = cache.ticket();
        let expired = Arc::new(Cached {
            headers: HeaderMap::new(),
            body: Bytes::new(),
            etag: HeaderValue::from_static("\"x\""),
            expires: Some(Utc::now() - chrono::Duration::seconds(1)),
            size: 10,
            route: None,
            plain: OnceLock::new(),
        });
        cache.put("a", cached(10), ticket);
        cache.put("old", expired, ticket);
        cache.put("c", cached(10), ticket);
        let found = cache.get_many(&["c", "missing", "old", "a"]);
        let found: Vec<bool> = found.iter().map(Option::is_some).collect();
        assert_eq!(found, [true, false, false, true]);
        let stats = cache.stats();
        assert_eq!((stats.hits, stats.misses, stats.entries), (2, 2, 2));
    }

    #[test]
    fn only_a_change_feed_read_that_waits_skips_the_cache() {
        assert!(!waits("per_page=100"));
        assert!(!waits("wait=0&since=now"));
        assert!(!waits("wait=&x=1"));
        assert!(!waits("await=5"));
        assert!(waits("since=abc&wait=5"));
        assert!(
            waits("wait=abc"),
            "the handler refuses it: never from the cache"
        );
    }

    #[test]
    fn if_none_match_takes_lists_weak_tags_and_stars() {
        let tag = HeaderValue::from_static("\"abc\"");
        let inm = |v: &'static str| HeaderValue::from_static(v);
        assert!(matches(Some(&inm("\"abc\"")), &tag));
        assert!(matches(Some(&inm("\"x\", W/\"abc\"")), &tag));
        assert!(matches(Some(&inm("*")), &tag));
        assert!(!matches(Some(&inm("\"abd\"")), &tag));
        assert!(!matches(None, &tag));
    }
}
