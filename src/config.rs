//! Settings, from command-line flags or environment variables (see API.md).

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use clap::Args;

use crate::db::Location;

pub const DEFAULT_DATABASE_URL: &str = "./data/headpress.db";

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "HEADPRESS_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// Secret for signing tokens (HS256). When unset, one is generated and kept in the
    /// data folder; several nodes must share one, so set it explicitly there.
    #[arg(long, env = "HEADPRESS_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,
    /// Public base URL of this API, used in `Link` headers (default: http://BIND).
    #[arg(long, env = "HEADPRESS_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Public base URL of the site's frontend, where `link`s point (default: the public URL).
    #[arg(long, env = "HEADPRESS_SITE_URL")]
    pub site_url: Option<String>,
    /// The site's name, for oEmbed's `provider_name` and embed cards.
    #[arg(long, env = "HEADPRESS_SITE_NAME", default_value = "headpress")]
    pub site_name: String,
    /// The site's IANA time zone, for the local dates of the WordPress-compatible API
    /// (`date`, `modified`; WordPress's "Timezone" setting).
    #[arg(long, env = "HEADPRESS_SITE_TIMEZONE", default_value = "UTC")]
    pub site_timezone: String,
    /// Where a post lives on the frontend (`{slug}`, `{id}`).
    #[arg(long, env = "HEADPRESS_LINK_POSTS", default_value = "/news/{slug}")]
    pub link_posts: String,
    /// Where a page lives on the frontend (`{path}`, `{slug}`, `{id}`).
    #[arg(long, env = "HEADPRESS_LINK_PAGES", default_value = "/{path}")]
    pub link_pages: String,
    /// Where a resource lives on the frontend.
    #[arg(
        long,
        env = "HEADPRESS_LINK_RESOURCES",
        default_value = "/resources/{slug}"
    )]
    pub link_resources: String,
    /// Where an event lives on the frontend.
    #[arg(long, env = "HEADPRESS_LINK_EVENTS", default_value = "/events/{slug}")]
    pub link_events: String,
    /// Space-separated origins that may frame embed cards (CSP `frame-ancestors`), or `*`.
    #[arg(long, env = "HEADPRESS_EMBED_ANCESTORS", default_value = "*")]
    pub embed_ancestors: String,
    /// Comma-separated origins allowed by CORS, or `*`.
    #[arg(long, env = "HEADPRESS_CORS_ORIGINS", default_value = "*")]
    pub cors_origins: String,
    /// `max-age` of anonymous responses, in seconds.
    #[arg(long, env = "HEADPRESS_CACHE_MAX_AGE", default_value_t = 60)]
    pub cache_max_age: u32,
    /// Bytes of the in-memory response cache (anonymous reads); 0 switches it off.
    #[arg(long, env = "HEADPRESS_CACHE_SIZE", default_value_t = 48 * 1024 * 1024)]
    pub cache_size: usize,
    /// Bytes of items kept rendered (anonymous readers' JSON of each item, from which
    /// lists are assembled; a sixteenth more for embedded terms and authors); it also
    /// switches on the shared timeline of event occurrences. 0 switches all of it off.
    #[arg(long, env = "HEADPRESS_RENDER_CACHE_SIZE", default_value_t = 32 * 1024 * 1024)]
    pub render_cache_size: usize,
    /// Folder for the generated token secret and uploads (default: beside the SQLite
    /// database, else ./data).
    #[arg(long, env = "HEADPRESS_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Largest JSON body accepted, in bytes.
    #[arg(long, env = "HEADPRESS_JSON_LIMIT", default_value_t = 1024 * 1024)]
    pub json_limit: usize,
    /// Largest file accepted by media uploads, in bytes.
    #[arg(long, env = "HEADPRESS_MAX_UPLOAD", default_value_t = 50 * 1024 * 1024)]
    pub max_upload: u64,
    /// Lifetime of issued tokens, in seconds.
    #[arg(long, env = "HEADPRESS_TOKEN_TTL", default_value_t = 3600)]
    pub token_ttl: u64,
    /// Largest number of database connections of this node.
    #[arg(long, env = "HEADPRESS_POOL_SIZE", default_value_t = 16)]
    pub pool_size: u32,
    /// HTTP worker threads (default: one per CPU).
    #[arg(long, env = "HEADPRESS_WORKERS")]
    pub workers: Option<usize>,
    /// Longest window `GET /events/occurrences` accepts, in days.
    #[arg(long, env = "HEADPRESS_MAX_OCCURRENCE_DAYS", default_value_t = 366)]
    pub max_occurrence_days: u32,
    /// Seconds to let in-flight requests finish on SIGTERM or SIGINT.
    #[arg(long, env = "HEADPRESS_SHUTDOWN_TIMEOUT", default_value_t = 30)]
    pub shutdown_timeout: u64,
    /// Requests a minute each client address may make without a token or a partner key
    /// (429 with `Retry-After` beyond); 0, the default, leaves anonymous reads unlimited.
    #[arg(long, env = "HEADPRESS_ANONYMOUS_RATE_LIMIT", default_value_t = 0)]
    pub anonymous_rate_limit: u32,
    /// How long the database work of one request may take, in milliseconds (PostgreSQL's
    /// `statement_timeout`; on SQLite its statements are interrupted); past it the answer
    /// is 503 with `Retry-After`, and a write is rolled back. 0: no limit.
    #[arg(long, env = "HEADPRESS_STATEMENT_TIMEOUT_MS", default_value_t = 10_000)]
    pub statement_timeout_ms: u32,
    /// Days the audit log (`/api/v1/audit`) keeps its entries.
    #[arg(long, env = "HEADPRESS_AUDIT_DAYS", default_value_t = 90)]
    pub audit_days: u32,
    /// Days the change feed (`/api/v1/changes`) keeps its changes; an older cursor is
    /// answered 410, to resync from the lists.
    #[arg(long, env = "HEADPRESS_CHANGES_DAYS", default_value_t = 30)]
    pub changes_days: u32,
    /// Who may read the Prometheus metrics at `/metrics`: `off` (404), `local` (clients on
    /// this machine, by their own address) or `open` (anyone who reaches the server).
    #[arg(long, env = "HEADPRESS_METRICS", default_value = "local")]
    pub metrics: String,
    /// How many expensive reads (full-text search, custom-field filters) run at once, on
    /// threads of their own; more wait their turn (up to 2 s, then 503 with `Retry-After`).
    /// Default: half the CPUs, at least one.
    #[arg(long, env = "HEADPRESS_HEAVY_READS")]
    pub heavy_reads: Option<usize>,
    /// Proxies whose `Forwarded` / `X-Forwarded-For` is believed (addresses or CIDR
    /// networks, comma-separated), for sign-in throttling and logs. Default: none, and
    /// the peer's address is the client's.
    #[arg(long, env = "HEADPRESS_TRUSTED_PROXIES", default_value = "")]
    pub trusted_proxies: String,
    /// Let webhooks target loopback, private and link-local addresses (and `localhost`):
    /// for receivers on the same machine or network. Off by default, so that a webhook
    /// cannot reach internal services.
    #[arg(long, env = "HEADPRESS_WEBHOOK_ALLOW_INTERNAL")]
    pub webhook_allow_internal: bool,
    /// How long, in milliseconds, a webhook delivery waits for more changes of its item
    /// before it is sent: a burst of saves makes one `updated` delivery.
    #[arg(long, env = "HEADPRESS_WEBHOOK_COALESCE_MS", default_value_t = 2000)]
    pub webhook_coalesce_ms: u64,
    /// The waits between a failed webhook delivery's attempts (comma-separated, `ms`, `s`,
    /// `m` or `h`); after the last, the delivery is failed and its webhook disabled. A
    /// fifth of jitter either way is added.
    #[arg(
        long,
        env = "HEADPRESS_WEBHOOK_RETRY_SCHEDULE",
        default_value = "5s,5m,30m,2h,5h,10h,10h"
    )]
    pub webhook_retry_schedule: String,
    /// How long a webhook receiver has to answer, in milliseconds.
    #[arg(long, env = "HEADPRESS_WEBHOOK_TIMEOUT_MS", default_value_t = 10_000)]
    pub webhook_timeout_ms: u64,
    #[command(flatten)]
    pub wordpress: WordpressArgs,
}

/// A running WordPress to keep in step with (`headpress sync wordpress`, and `serve` on an
/// interval when the address is set).
#[derive(Args, Debug, Clone)]
pub struct WordpressArgs {
    /// The WordPress site's address (`https://example.org`): its REST API is read with an
    /// application password, and what changed there is written here.
    #[arg(long = "wordpress-url", env = "HEADPRESS_WORDPRESS_URL")]
    pub url: Option<String>,
    /// The WordPress user the application password belongs to (an administrator, to read
    /// drafts, private items and users).
    #[arg(long = "wordpress-user", env = "HEADPRESS_WORDPRESS_USER")]
    pub user: Option<String>,
    /// An application password of that user (Users > Profile > Application Passwords).
    #[arg(
        long = "wordpress-app-password",
        env = "HEADPRESS_WORDPRESS_APP_PASSWORD",
        hide_env_values = true
    )]
    pub app_password: Option<String>,
    /// Seconds between two runs of sync while serving.
    #[arg(
        long = "wordpress-sync-interval",
        env = "HEADPRESS_WORDPRESS_SYNC_INTERVAL",
        default_value_t = 300
    )]
    pub interval_secs: u64,
    /// Seconds one request to WordPress may take.
    #[arg(
        long = "wordpress-timeout",
        env = "HEADPRESS_WORDPRESS_TIMEOUT",
        default_value_t = 60
    )]
    pub timeout_secs: u64,
}

/// `5s,5m,30m,2h` as durations.
pub fn parse_schedule(raw: &str) -> Result<Vec<std::time::Duration>, String> {
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            let (n, unit) = s
                .find(|c: char| !c.is_ascii_digit())
                .map_or((s, ""), |i| s.split_at(i));
            let n: u64 = n.parse().map_err(|_| format!("`{s}` is not a duration"))?;
            let ms = match unit {
                "ms" => n,
                "s" => n * 1000,
                "m" => n * 60_000,
                "h" => n * 3_600_000,
                _ => return Err(format!("`{s}`: use ms, s, m or h")),
            };
            Ok(std::time::Duration::from_millis(ms))
        })
        .collect()
}

/// What the running application needs to know, built from the flags.
#[derive(Debug, Clone)]
pub struct Config {
    pub public_url: String,
    pub cors_origins: Vec<String>,
    pub cache_max_age: u32,
    /// Bytes of the response cache; 0: off.
    pub cache_size: usize,
    /// Bytes of the render cache; 0: off.
    pub render_cache_size: usize,
    pub json_limit: usize,
    pub max_upload: u64,
    pub token_ttl: u64,
    pub jwt_secret: Vec<u8>,
    pub issuer: String,
    pub data_dir: PathBuf,
    pub max_occurrence_days: u32,
    pub links: crate::content::links::Links,
    pub site_name: String,
    pub site_timezone: chrono_tz::Tz,
    pub embed_ancestors: String,
    /// Proxies whose forwarded client address is believed.
    pub trusted_proxies: Vec<Network>,
    /// Who may read `/metrics`.
    pub metrics: MetricsAccess,
    /// Anonymous requests a minute per client address; 0: unlimited.
    pub anonymous_rate_limit: u32,
    /// Expensive reads at once, and how long one waits for its turn.
    pub heavy_reads: usize,
    pub heavy_wait: std::time::Duration,
    /// Webhooks may target internal addresses.
    pub webhook_allow_internal: bool,
    /// The waits between a failed delivery's attempts.
    pub webhook_retry: Vec<std::time::Duration>,
    /// How long a receiver has to answer.
    pub webhook_timeout: std::time::Duration,
}

impl Config {
    /// What signs and checks access tokens.
    pub fn token_keys(&self) -> crate::users::token::Keys<'_> {
        crate::users::token::Keys {
            secret: &self.jwt_secret,
            issuer: &self.issuer,
            ttl: self.token_ttl,
        }
    }

    /// Settings for tests and tools: everything at its default.
    pub fn for_tests(data_dir: PathBuf) -> Config {
        Config {
            public_url: "http://localhost:8080".into(),
            cors_origins: vec!["*".into()],
            cache_max_age: 60,
            cache_size: 48 * 1024 * 1024,
            render_cache_size: 32 * 1024 * 1024,
            json_limit: 1024 * 1024,
            max_upload: 50 * 1024 * 1024,
            token_ttl: 3600,
            jwt_secret: b"test-secret-of-at-least-thirty-two-bytes!".to_vec(),
            issuer: "headpress".into(),
            data_dir,
            max_occurrence_days: 366,
            links: crate::content::links::Links::defaults("http://localhost:8080"),
            site_name: "headpress".into(),
            site_timezone: chrono_tz::UTC,
            embed_ancestors: "*".into(),
            trusted_proxies: Vec::new(),
            metrics: MetricsAccess::Local,
            anonymous_rate_limit: 0,
            heavy_reads: 2,
            heavy_wait: std::time::Duration::from_secs(2),
            webhook_allow_internal: false,
            webhook_retry: vec![std::time::Duration::from_secs(5)],
            webhook_timeout: std::time::Duration::from_secs(10),
        }
    }
}

impl ServeArgs {
    pub fn into_config(self, database: &Location) -> Result<Config, String> {
        let data_dir = self.data_dir.unwrap_or_else(|| database.data_dir());
        std::fs::create_dir_all(&data_dir)
            .map_err(|e| format!("cannot create the data folder {}: {e}", data_dir.display()))?;
        let jwt_secret = match self.jwt_secret {
            Some(s) if s.len() < 32 => {
                return Err("HEADPRESS_JWT_SECRET must be at least 32 bytes long".into());
            }
            Some(s) => s.into_bytes(),
            None => load_or_create_secret(&data_dir.join("jwt-secret"))?,
        };
        let public_url = self
            .public_url
            .unwrap_or_else(|| format!("http://{}", self.bind))
            .trim_end_matches('/')
            .to_owned();
        let cors_origins = self
            .cors_origins
            .split(',')
            .map(|s| s.trim().trim_end_matches('/').to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        Ok(Config {
            cors_origins,
            cache_max_age: self.cache_max_age,
            cache_size: self.cache_size,
            render_cache_size: self.render_cache_size,
            json_limit: self.json_limit,
            max_upload: self.max_upload,
            token_ttl: self.token_ttl,
            jwt_secret,
            issuer: "headpress".into(),
            data_dir,
            max_occurrence_days: self.max_occurrence_days,
            links: crate::content::links::Links::new(
                self.site_url
                    .as_deref()
                    .map(|u| u.trim_end_matches('/').to_owned())
                    .unwrap_or_else(|| public_url.clone()),
                [
                    self.link_posts,
                    self.link_pages,
                    self.link_resources,
                    self.link_events,
                ],
            )?,
            public_url,
            site_name: self.site_name,
            site_timezone: self.site_timezone.parse().map_err(|_| {
                format!(
                    "HEADPRESS_SITE_TIMEZONE: `{}` is not an IANA time zone (Europe/London)",
                    self.site_timezone
                )
            })?,
            embed_ancestors: self.embed_ancestors,
            trusted_proxies: parse_networks(&self.trusted_proxies)
                .map_err(|e| format!("HEADPRESS_TRUSTED_PROXIES: {e}"))?,
            anonymous_rate_limit: self.anonymous_rate_limit,
            metrics: MetricsAccess::parse(&self.metrics)
                .map_err(|e| format!("HEADPRESS_METRICS: {e}"))?,
            heavy_reads: self.heavy_reads.unwrap_or_else(|| {
                std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1))
            }),
            heavy_wait: std::time::Duration::from_secs(2),
            webhook_allow_internal: self.webhook_allow_internal,
            webhook_retry: parse_schedule(&self.webhook_retry_schedule)
                .map_err(|e| format!("HEADPRESS_WEBHOOK_RETRY_SCHEDULE: {e}"))?,
            webhook_timeout: std::time::Duration::from_millis(self.webhook_timeout_ms),
        })
    }
}

/// Reads the generated token secret, making one (readable by the owner only) the first time.
fn load_or_create_secret(path: &Path) -> Result<Vec<u8>, String> {
    use base64::Engine;
    if let Ok(existing) = std::fs::read_to_string(path) {
        let existing = existing.trim();
        if existing.len() >= 32 {
            return Ok(existing.as_bytes().to_vec());
        }
    }
    let mut bytes = [0u8; 48];
    rand::fill(&mut bytes);
    let secret = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    write_private(path, &secret)
        .map_err(|e| format!("cannot write the token secret to {}: {e}", path.display()))?;
    tracing::info!(path = %path.display(), "generated a token secret");
    Ok(secret.into_bytes())
}

fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(contents.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: ServeArgs,
    }

    fn args(extra: &[&str]) -> ServeArgs {
        let mut argv = vec!["headpress"];
        argv.extend_from_slice(extra);
        Cli::parse_from(argv).args
    }

    #[test]
    fn a_generated_secret_is_kept_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().to_string_lossy().into_owned();
        let first = args(&["--data-dir", &data])
            .into_config(&sqlite("db.sqlite"))
            .unwrap();
        let second = args(&["--data-dir", &data])
            .into_config(&sqlite("db.sqlite"))
            .unwrap();
        assert!(first.jwt_secret.len() >= 32);
        assert_eq!(first.jwt_secret, second.jwt_secret);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("jwt-secret"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "the secret must be private to its owner");
        }
    }

    #[test]
    fn an_explicit_secret_must_be_long_enough() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().to_string_lossy().into_owned();
        assert!(
            args(&["--data-dir", &data, "--jwt-secret", "short"])
                .into_config(&sqlite("x.db"))
                .is_err()
        );
        let c = args(&["--data-dir", &data, "--jwt-secret", &"k".repeat(40)])
            .into_config(&sqlite("x.db"))
            .unwrap();
        assert_eq!(c.jwt_secret, "k".repeat(40).into_bytes());
        assert!(!dir.path().join("jwt-secret").exists());
    }

    #[test]
    fn defaults_follow_the_conventions() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().to_string_lossy().into_owned();
        let c = args(&[
            "--data-dir",
            &data,
            "--cors-origins",
            "https://a.example/, https://b.example",
        ])
        .into_config(&sqlite("x.db"))
        .unwrap();
        assert_eq!(c.public_url, "http://127.0.0.1:8080");
        assert_eq!(c.cors_origins, ["https://a.example", "https://b.example"]);
        assert_eq!(c.json_limit, 1024 * 1024);
        assert_eq!(c.cache_max_age, 60);
    }

    fn sqlite(path: &str) -> Location {
        Location::Sqlite(path.into())
    }
}

/// An address or a network (`10.0.0.0/8`, `::1`, `fd00::/8`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Network {
    base: IpAddr,
    prefix: u8,
}

impl Network {
    pub fn parse(raw: &str) -> Result<Network, String> {
        let raw = raw.trim();
        let (addr, prefix) = match raw.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (raw, None),
        };
        let base: IpAddr = addr
            .parse()
            .map_err(|_| format!("`{raw}` is not an IP address or a network (CIDR)"))?;
        let max = if base.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("`{raw}`: the prefix length must be 0 to {max}"))?,
        };
        Ok(Network { base, prefix })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        match (self.base, ip) {
            (IpAddr::V4(b), IpAddr::V4(a)) => {
                masked(u32::from(b).into(), 32, self.prefix)
                    == masked(u32::from(a).into(), 32, self.prefix)
            }
            (IpAddr::V6(b), IpAddr::V6(a)) => {
                masked(u128::from(b), 128, self.prefix) == masked(u128::from(a), 128, self.prefix)
            }
            _ => false,
        }
    }
}

fn masked(bits: u128, width: u8, prefix: u8) -> u128 {
    if prefix == 0 {
        0
    } else {
        bits >> (width - prefix)
    }
}

/// IPv4 addresses written as IPv6 (`::ffff:10.0.0.1`) are IPv4.
pub(crate) fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// Parses `--trusted-proxies`: comma- or space-separated addresses and networks.
pub fn parse_networks(raw: &str) -> Result<Vec<Network>, String> {
    raw.split([',', ' '])
        .filter(|s| !s.trim().is_empty())
        .map(Network::parse)
        .collect()
}

/// Who may read `/metrics` (`--metrics`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricsAccess {
    /// Not served (404).
    Off,
    /// Served to clients on this machine (loopback addresses) only.
    Local,
    /// Served to anyone who can reach the server.
    Open,
}

impl MetricsAccess {
    pub fn parse(raw: &str) -> Result<MetricsAccess, String> {
        match raw.trim() {
            "off" => Ok(MetricsAccess::Off),
            "local" => Ok(MetricsAccess::Local),
            "open" => Ok(MetricsAccess::Open),
            other => Err(format!(
                "`{other}` is not a metrics access: `off`, `local` or `open`"
            )),
        }
    }
}
