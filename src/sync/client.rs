//! Reading a WordPress site's REST API with an application password: one GET at a time,
//! retried with backoff when the site is down, slow or busy, and refused with a clear
//! error when it answers something that is not WordPress's JSON.

use std::time::Duration;

use base64::Engine;
use serde_json::Value;

use super::SyncError;

/// How often a request is tried before the run gives up, and the first pause between
/// tries (doubled each time).
const ATTEMPTS: u32 = 4;
const FIRST_PAUSE: Duration = Duration::from_millis(500);
/// The most a WordPress answer may weigh (a page of 100 items with their content).
const MAX_BODY: usize = 64 * 1024 * 1024;
/// The most a media file may weigh.
const MAX_FILE: usize = 512 * 1024 * 1024;

/// Where the site is and who reads it.
#[derive(Clone)]
pub struct Site {
    /// The site's address, without the trailing slash (`https://example.org`).
    pub url: String,
    pub user: String,
    pub app_password: String,
}

/// A page of a list, with what WordPress says of the whole list.
pub struct Page {
    pub items: Vec<Value>,
    pub total: Option<u64>,
    pub total_pages: Option<u64>,
}

pub struct Client {
    site: Site,
    http: awc::Client,
    authorization: String,
    /// Requests made, for the summary.
    pub requests: std::cell::Cell<usize>,
    /// Pause between tries (shortened by tests).
    pause: Duration,
}

impl Client {
    pub fn new(site: Site, timeout: Duration) -> Client {
        let mut connector = awc::Connector::new().timeout(timeout);
        if let Ok(tls) = crate::http::outbound::tls() {
            connector = connector.openssl(tls);
        }
        let http = awc::Client::builder()
            .connector(connector)
            .timeout(timeout)
            .finish();
        let credentials = format!("{}:{}", site.user, site.app_password.replace(' ', ""));
        let authorization = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(credentials)
        );
        Client {
            site,
            http,
            authorization,
            requests: std::cell::Cell::new(0),
            pause: FIRST_PAUSE,
        }
    }

    /// Tries again sooner (tests).
    pub fn with_pause(mut self, pause: Duration) -> Client {
        self.pause = pause;
        self
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    /// The REST address of `route` (`/wp/v2/posts`), with `query`. Sites without pretty
    /// permalinks answer the same at `?rest_route=`; `/wp-json` is what every client uses.
    fn url(&self, route: &str, query: &[(&str, String)]) -> String {
        let mut url = format!("{}/wp-json{route}", self.site.url);
        if !query.is_empty() {
            url.push('?');
            url.push_str(
                &form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())))
                    .finish(),
            );
        }
        url
    }

    /// GETs a JSON answer of `route`.
    pub async fn get(&self, route: &str, query: &[(&str, String)]) -> Result<Value, SyncError> {
        Ok(self.page(route, query).await?.0)
    }

    /// GETs one page of a list: its items, and the totals WordPress sends in headers.
    pub async fn list(&self, route: &str, query: &[(&str, String)]) -> Result<Page, SyncError> {
        let (body, total, total_pages) = self.page(route, query).await?;
        match body {
            Value::Array(items) => Ok(Page {
                items,
                total,
                total_pages,
            }),
            other => Err(SyncError::Garbage(format!(
                "{route}: a list was expected, WordPress answered {}",
                kind_of(&other)
            ))),
        }
    }

    /// Every item of a list, page by page (100 at a time, in id order so that items
    /// changed meanwhile do not move between pages).
    pub async fn all(
        &self,
        route: &str,
        query: &[(&str, String)],
    ) -> Result<Vec<Value>, SyncError> {
        let mut out = Vec::new();
        let mut page = 1u64;
        loop {
            let mut q = query.to_vec();
            q.push(("per_page", "100".into()));
            q.push(("page", page.to_string()));
            let got = self.list(route, &q).await?;
            let n = got.items.len();
            out.extend(got.items);
            let last = got.total_pages.map_or(n < 100, |pages| page >= pages);
            if last || n == 0 {
                if let Some(total) = got.total
                    && total as usize != out.len()
                {
                    return Err(SyncError::Garbage(format!(
                        "{route}: WordPress counted {total} items but listed {}; the site \
                         changed while it was read, run again",
                        out.len()
                    )));
                }
                return Ok(out);
            }
            page += 1;
        }
    }

    async fn page(
        &self,
        route: &str,
        query: &[(&str, String)],
    ) -> Result<(Value, Option<u64>, Option<u64>), SyncError> {
        let url = self.url(route, query);
        let (status, headers, body) = self.fetch(&url, MAX_BODY).await?;
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        let value: Value = serde_json::from_slice(&body).map_err(|e| {
            let start = String::from_utf8_lossy(&body[..body.len().min(80)]).into_owned();
            SyncError::Garbage(format!(
                "{url} answered {status} with something that is not JSON ({e}; it starts \
                 `{start}`): is this a WordPress site, with its REST API on?"
            ))
        })?;
        if !status.is_success() {
            let code = value["code"].as_str().unwrap_or("");
            let message = value["message"].as_str().unwrap_or("");
            let why = format!("{url} answered {status}: {code} {message}");
            return Err(match status.as_u16() {
                401 | 403 => SyncError::Refused(format!(
                    "{why} (check the user and its application password; the user needs \
                     to be an administrator to read drafts and users)"
                )),
                _ => SyncError::Garbage(why),
            });
        }
        Ok((value, header("x-wp-total"), header("x-wp-totalpages")))
    }

    /// Downloads a file (a media item's), with the same retries.
    pub async fn download(&self, url: &str) -> Result<Vec<u8>, SyncError> {
        let (status, _, body) = self.fetch(url, MAX_FILE).await?;
        if !status.is_success() {
            return Err(SyncError::Garbage(format!("{url} answered {status}")));
        }
        Ok(body)
    }

    /// One GET, tried again with backoff while the site cannot be reached, times out,
    /// is busy (429) or fails (5xx).
    async fn fetch(
        &self,
        url: &str,
        limit: usize,
    ) -> Result<(awc::http::StatusCode, awc::http::header::HeaderMap, Vec<u8>), SyncError> {
        let mut pause = self.pause;
        let mut last = String::new();
        for attempt in 1..=ATTEMPTS {
            if attempt > 1 {
                tracing::warn!(%url, attempt, error = %last, "sync: trying again");
                actix_web::rt::time::sleep(pause).await;
                pause *= 2;
            }
            self.requests.set(self.requests.get() + 1);
            let sent = self
                .http
                .get(url)
                .insert_header(("Authorization", self.authorization.as_str()))
                .insert_header(("Accept", "application/json"))
                .insert_header((
                    "User-Agent",
                    concat!("headpress/", env!("CARGO_PKG_VERSION"), " (sync)"),
                ))
                .send()
                .await;
            let mut res = match sent {
                Ok(res) => res,
                Err(e) => {
                    last = format!("cannot reach {url}: {e}");
                    continue;
                }
            };
            let status = res.status();
            if status.is_server_error() || status.as_u16() == 429 {
                last = format!("{url} answered {status}");
                continue;
            }
            match res.body().limit(limit).await {
                Ok(body) => return Ok((status, res.headers().clone(), body.to_vec())),
                Err(e) => last = format!("{url}: the answer could not be read: {e}"),
            }
        }
        Err(SyncError::Unreachable(format!(
            "{last} (tried {ATTEMPTS} times)"
        )))
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
