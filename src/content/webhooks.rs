//! Webhooks: subscriptions to changes of content, and their deliveries.
//!
//! The deliveries table is the transactional outbox: the change feed's rows are written
//! in the transaction of each change, and with each row the deliveries it makes
//! ([`enqueue`]), so no change goes unannounced and nothing is announced of a change that
//! rolled back. A worker (`api::webhooks::worker`) claims due deliveries, one node each
//! ([`claim`]: `FOR UPDATE SKIP LOCKED` and a lease on PostgreSQL; SQLite has one node),
//! sends them signed per the Standard Webhooks specification, and records the outcome
//! ([`finish`]): done, or tried again later with exponential backoff and jitter, and after
//! the last try failed, with the subscription disabled and why.
//!
//! A delivery waits a short window before it is due (`--webhook-coalesce-ms`): an `updated`
//! change of an item that already has a delivery waiting joins it, so a burst of saves
//! makes one delivery. Deliveries of one item to one subscription go in order: one is not
//! sent while an earlier one of the same item is still to be sent.

use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::content::changes::row::{Action, MEDIA, Row};
use crate::db::schema::{webhook_deliveries as wd, webhooks};
use crate::db::sql::{IdRow, Sql, Value};
use crate::db::{Backend, DbConn};
use crate::error::{Error, FieldError, Result};

static COALESCE_MS: AtomicU64 = AtomicU64::new(2000);

/// How long a new delivery waits for more changes of its item (`--webhook-coalesce-ms`).
pub fn set_coalesce_ms(ms: u64) {
    COALESCE_MS.store(ms, Ordering::Relaxed);
}

/// How long a node holds the deliveries it claimed before another may take them (a node
/// that died while sending).
pub const LEASE_SECS: i64 = 120;

/// The event kinds a subscription can ask for, besides content (`post.updated`, ...).
pub const PING: &str = "webhook.ping";

/// A subscription as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = webhooks)]
pub struct Webhook {
    pub id: i64,
    pub url: String,
    pub description: String,
    pub events: String,
    pub secret: String,
    pub include_drafts: bool,
    pub enabled: bool,
    pub disabled_reason: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Webhook {
    pub fn events(&self) -> Vec<String> {
        self.events.split(' ').map(str::to_owned).collect()
    }

    /// Does the subscription ask for `event` (`post.updated`)?
    pub fn wants(&self, event: &str) -> bool {
        let (kind, action) = event.split_once('.').unwrap_or((event, ""));
        self.events.split(' ').any(|p| {
            let (pk, pa) = p.split_once('.').unwrap_or((p, "*"));
            p == "*" || ((pk == "*" || pk == kind) && (pa == "*" || pa == action))
        })
    }
}

/// What a subscription is written with (members left out stay as they are).
#[derive(Debug, Default)]
pub struct WebhookInput {
    pub url: Option<String>,
    pub description: Option<String>,
    pub events: Option<Vec<String>>,
    pub include_drafts: Option<bool>,
    pub enabled: Option<bool>,
}

const KINDS: [&str; 10] = [
    "post",
    "page",
    "resource",
    "event",
    "block",
    "tag",
    "category",
    "resource_type",
    "event_category",
    MEDIA,
];
const ACTIONS: [&str; 7] = [
    "created",
    "updated",
    "published",
    "unpublished",
    "trashed",
    "restored",
    "deleted",
];

fn check_event(pattern: &str) -> std::result::Result<(), String> {
    if pattern == "*" {
        return Ok(());
    }
    let Some((kind, action)) = pattern.split_once('.') else {
        return Err(format!(
            "`{pattern}` is not `kind.action`, `kind.*`, `*.action` or `*`"
        ));
    };
    if kind != "*" && !KINDS.contains(&kind) {
        return Err(format!("`{kind}` is not a kind: {}", KINDS.join(", ")));
    }
    if action != "*" && !ACTIONS.contains(&action) {
        return Err(format!(
            "`{action}` is not an action: {}",
            ACTIONS.join(", ")
        ));
    }
    Ok(())
}

/// Is this address one a webhook may not reach unless allowed (loopback, private,
/// link-local, unspecified, shared, multicast, documentation)?
pub fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1]))
                || (o[0] == 198 && (o[1] == 18 || o[1] == 19))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_internal(IpAddr::V4(v4));
            }
            let s = v6.segments();
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80
        }
    }
}

/// Checks a target URL: `http` or `https` with a host, no credentials; a host that is
/// an internal address (or `localhost`) only when `allow_internal`. Names are checked again
/// when a delivery connects (they may resolve elsewhere by then).
pub fn check_url(raw: &str, allow_internal: bool) -> std::result::Result<String, String> {
    let url = url::Url::parse(raw.trim()).map_err(|e| format!("is not a URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("must be an http or https URL".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("must not carry a user name or password".into());
    }
    let internal = match url.host() {
        None => return Err("must name a host".into()),
        Some(url::Host::Ipv4(ip)) => is_internal(IpAddr::V4(ip)),
        Some(url::Host::Ipv6(ip)) => is_internal(IpAddr::V6(ip)),
        Some(url::Host::Domain(d)) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            d == "localhost" || d.ends_with(".localhost")
        }
    };
    if internal && !allow_internal {
        return Err(
            "reaches a loopback, private or link-local address, which webhooks may \
                    not (HEADPRESS_WEBHOOK_ALLOW_INTERNAL allows it)"
                .into(),
        );
    }
    if url.as_str().len() > 2000 {
        return Err("must be at most 2000 characters".into());
    }
    Ok(url.into())
}

fn validate(input: &mut WebhookInput, creating: bool, allow_internal: bool) -> Result<()> {
    let mut errors = Vec::new();
    if let Some(url) = &input.url {
        match check_url(url, allow_internal) {
            Ok(u) => input.url = Some(u),
            Err(e) => errors.push(FieldError::new("url", e)),
        }
    } else if creating {
        errors.push(FieldError::new("url", "is required"));
    }
    if let Some(events) = &mut input.events {
        if events.is_empty() {
            errors.push(FieldError::new("events", "must name at least one event"));
        }
        for (i, e) in events.iter().enumerate() {
            if let Err(why) = check_event(e) {
                errors.push(FieldError::new(format!("events[{i}]"), why));
            }
        }
        events.sort();
        events.dedup();
    } else if creating {
        input.events = Some(vec!["*".into()]);
    }
    if input
        .description
        .as_ref()
        .is_some_and(|d| d.chars().count() > 500)
    {
        errors.push(FieldError::new(
            "description",
            "must be at most 500 characters",
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errors))
    }
}

/// A new signing secret: `whsec_` and 32 random bytes in base64 (Standard Webhooks).
fn new_secret() -> String {
    use base64::Engine;
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes);
    format!(
        "whsec_{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

fn new_msg_id() -> String {
    let mut bytes = [0u8; 16];
    rand::fill(&mut bytes);
    format!("msg_{}", crate::hex::encode(&bytes))
}

pub fn create(conn: &mut DbConn, mut input: WebhookInput, allow_internal: bool) -> Result<Webhook> {
    validate(&mut input, true, allow_internal)?;
    let now = crate::db::now();
    let id: i64 = diesel::insert_into(webhooks::table)
        .values((
            webhooks::url.eq(input.url.unwrap_or_default()),
            webhooks::description.eq(input.description.unwrap_or_default()),
            webhooks::events.eq(input.events.unwrap_or_default().join(" ")),
            webhooks::secret.eq(new_secret()),
            webhooks::include_drafts.eq(input.include_drafts.unwrap_or(false)),
            webhooks::enabled.eq(input.enabled.unwrap_or(true)),
            webhooks::created_at.eq(now),
            webhooks::updated_at.eq(now),
        ))
        .returning(webhooks::id)
        .get_result(conn)?;
    find(conn, id)
}

pub fn find(conn: &mut DbConn, id: i64) -> Result<Webhook> {
    webhooks::table
        .find(id)
        .select(Webhook::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| Error::not_found(format!("no webhook with id {id}")))
}

pub fn list(conn: &mut DbConn) -> Result<Vec<Webhook>> {
    Ok(webhooks::table
        .order(webhooks::id.asc())
        .select(Webhook::as_select())
        .load(conn)?)
}

pub fn update(
    conn: &mut DbConn,
    id: i64,
    mut input: WebhookInput,
    allow_internal: bool,
) -> Result<Webhook> {
    find(conn, id)?;
    validate(&mut input, false, allow_internal)?;
    let now = crate::db::now();
    let target = webhooks::table.find(id);
    if let Some(url) = input.url {
        diesel::update(target)
            .set(webhooks::url.eq(url))
            .execute(conn)?;
    }
    if let Some(d) = input.description {
        diesel::update(target)
            .set(webhooks::description.eq(d))
            .execute(conn)?;
    }
    if let Some(e) = input.events {
        diesel::update(target)
            .set(webhooks::events.eq(e.join(" ")))
            .execute(conn)?;
    }
    if let Some(d) = input.include_drafts {
        diesel::update(target)
            .set(webhooks::include_drafts.eq(d))
            .execute(conn)?;
    }
    if let Some(enabled) = input.enabled {
        // Enabling again clears why it was disabled.
        diesel::update(target)
            .set((
                webhooks::enabled.eq(enabled),
                webhooks::disabled_reason.eq(None::<String>),
            ))
            .execute(conn)?;
    }
    diesel::update(target)
        .set(webhooks::updated_at.eq(now))
        .execute(conn)?;
    find(conn, id)
}

pub fn delete(conn: &mut DbConn, id: i64) -> Result<()> {
    find(conn, id)?;
    diesel::delete(webhooks::table.find(id)).execute(conn)?;
    Ok(())
}

/// Writes the deliveries that the change-feed rows (with their numbers) make, in the
/// caller's transaction; an `updated` change joins a delivery of its item still waiting.
pub(crate) fn enqueue(conn: &mut DbConn, rows: &[(i64, &Row)]) -> Result<()> {
    let hooks: Vec<Webhook> = webhooks::table
        .filter(webhooks::enabled.eq(true))
        .select(Webhook::as_select())
        .load(conn)?;
    if hooks.is_empty() {
        return Ok(());
    }
    let now = crate::db::now();
    let due = now + chrono::Duration::milliseconds(COALESCE_MS.load(Ordering::Relaxed) as i64);
    for (change_id, row) in rows {
        for hook in &hooks {
            let action = if hook.include_drafts {
                row.action
            } else if row.public || row.was_public {
                row.action.as_seen_publicly(row.was_public, row.public)
            } else {
                continue;
            };
            let event = format!("{}.{}", row.kind, action.as_str());
            if !hook.wants(&event) {
                continue;
            }
            if action == Action::Updated {
                let joined = diesel::update(
                    wd::table
                        .filter(wd::webhook_id.eq(hook.id))
                        .filter(wd::kind.eq(row.kind))
                        .filter(wd::item_id.eq(row.item_id))
                        .filter(wd::status.eq("pending"))
                        .filter(wd::attempts.eq(0))
                        .filter(wd::locked_until.is_null())
                        .filter(wd::next_attempt_at.gt(now)),
                )
                .set((
                    wd::change_id.eq(change_id),
                    wd::slug.eq(&row.slug),
                    wd::public.eq(row.public),
                ))
                .execute(conn)?;
                if joined > 0 {
                    continue;
                }
            }
            insert(
                conn,
                hook.id,
                &event,
                row.kind,
                row.item_id,
                &row.slug,
                Some(*change_id),
                row.public,
                due,
            )?;
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn insert(
    conn: &mut DbConn,
    webhook_id: i64,
    event: &str,
    kind: &str,
    item_id: i64,
    slug: &str,
    change_id: Option<i64>,
    public: bool,
    due: NaiveDateTime,
) -> Result<i64> {
    Ok(diesel::insert_into(wd::table)
        .values((
            wd::webhook_id.eq(webhook_id),
            wd::msg_id.eq(new_msg_id()),
            wd::event.eq(event),
            wd::kind.eq(kind),
            wd::item_id.eq(item_id),
            wd::slug.eq(slug),
            wd::change_id.eq(change_id),
            wd::public.eq(public),
            wd::status.eq("pending"),
            wd::attempts.eq(0),
            wd::next_attempt_at.eq(due),
            wd::created_at.eq(crate::db::now()),
        ))
        .returning(wd::id)
        .get_result(conn)?)
}

/// Queues a test ping to a subscription, due at once.
pub fn ping(conn: &mut DbConn, webhook_id: i64) -> Result<Delivery> {
    find(conn, webhook_id)?;
    let id = insert(
        conn,
        webhook_id,
        PING,
        "webhook",
        webhook_id,
        "",
        None,
        false,
        crate::db::now(),
    )?;
    find_delivery(conn, webhook_id, id)
}

/// Queues a delivery again (same `webhook-id`, so receivers can tell), due at once.
pub fn redeliver(conn: &mut DbConn, webhook_id: i64, delivery_id: i64) -> Result<Delivery> {
    let d = find_delivery(conn, webhook_id, delivery_id)?;
    let id: i64 = diesel::insert_into(wd::table)
        .values((
            wd::webhook_id.eq(webhook_id),
            wd::msg_id.eq(&d.msg_id),
            wd::event.eq(&d.event),
            wd::kind.eq(&d.kind),
            wd::item_id.eq(d.item_id),
            wd::slug.eq(&d.slug),
            wd::change_id.eq(d.change_id),
            wd::public.eq(d.public),
            wd::status.eq("pending"),
            wd::attempts.eq(0),
            wd::next_attempt_at.eq(crate::db::now()),
            wd::created_at.eq(crate::db::now()),
        ))
        .returning(wd::id)
        .get_result(conn)?;
    find_delivery(conn, webhook_id, id)
}

/// A delivery as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = wd)]
pub struct Delivery {
    pub id: i64,
    pub webhook_id: i64,
    pub msg_id: String,
    pub event: String,
    pub kind: String,
    pub item_id: i64,
    pub slug: String,
    pub change_id: Option<i64>,
    pub public: bool,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub locked_until: Option<NaiveDateTime>,
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    pub last_duration_ms: Option<i32>,
    pub created_at: NaiveDateTime,
    pub delivered_at: Option<NaiveDateTime>,
}

pub fn find_delivery(conn: &mut DbConn, webhook_id: i64, id: i64) -> Result<Delivery> {
    wd::table
        .filter(wd::id.eq(id))
        .filter(wd::webhook_id.eq(webhook_id))
        .select(Delivery::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| Error::not_found(format!("no delivery {id} of webhook {webhook_id}")))
}

/// A page of a subscription's deliveries, newest first, and how many there are.
pub fn deliveries(
    conn: &mut DbConn,
    webhook_id: i64,
    offset: i64,
    limit: i64,
) -> Result<(Vec<Delivery>, i64)> {
    find(conn, webhook_id)?;
    let rows = wd::table
        .filter(wd::webhook_id.eq(webhook_id))
        .order(wd::id.desc())
        .offset(offset)
        .limit(limit)
        .select(Delivery::as_select())
        .load(conn)?;
    let total = wd::table
        .filter(wd::webhook_id.eq(webhook_id))
        .count()
        .get_result(conn)?;
    Ok((rows, total))
}

/// A delivery claimed for sending, with its subscription.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub delivery: Delivery,
    pub url: String,
    pub secret: String,
    pub include_drafts: bool,
}

/// Is any delivery due? (One cheap read, before a claim takes the write lock.)
pub fn any_due(conn: &mut DbConn, now: NaiveDateTime) -> Result<bool> {
    let found: Option<i64> = wd::table
        .filter(wd::status.eq("pending"))
        .filter(wd::next_attempt_at.le(now))
        .filter(wd::locked_until.is_null().or(wd::locked_until.lt(now)))
        .select(wd::id)
        .first(conn)
        .optional()?;
    Ok(found.is_some())
}

/// Claims up to `limit` due deliveries for this node (in one transaction: call inside
/// one), each the oldest still to send of its item for its subscription, of enabled
/// subscriptions. Another node skips them while the claim runs and for the lease after.
pub fn claim(conn: &mut DbConn, now: NaiveDateTime, limit: i64) -> Result<Vec<Claimed>> {
    let mut sql = Sql::new(
        "SELECT d.id AS id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id \
         WHERE w.enabled AND d.status = 'pending' AND d.next_attempt_at <= ",
    );
    sql.bind(Value::Time(now))
        .push(" AND (d.locked_until IS NULL OR d.locked_until < ")
        .bind(Value::Time(now))
        .push(
            ") AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.webhook_id = \
             d.webhook_id AND e.kind = d.kind AND e.item_id = d.item_id \
             AND e.status = 'pending' AND e.id < d.id) ORDER BY d.id LIMIT ",
        )
        .bind(Value::Int(limit));
    if conn.backend() == Backend::Postgres {
        sql.push(" FOR UPDATE OF d SKIP LOCKED");
    }
    let ids: Vec<i64> = sql
        .into_query()
        .load::<IdRow>(conn)?
        .into_iter()
        .map(|r| r.id)
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    diesel::update(wd::table.filter(wd::id.eq_any(&ids)))
        .set(wd::locked_until.eq(now + chrono::Duration::seconds(LEASE_SECS)))
        .execute(conn)?;
    let rows: Vec<(Delivery, String, String, bool)> = wd::table
        .inner_join(webhooks::table)
        .filter(wd::id.eq_any(&ids))
        .order(wd::id.asc())
        .select((
            Delivery::as_select(),
            webhooks::url,
            webhooks::secret,
            webhooks::include_drafts,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(delivery, url, secret, include_drafts)| Claimed {
            delivery,
            url,
            secret,
            include_drafts,
        })
        .collect())
}

/// How one attempt went.
#[derive(Debug, Clone)]
pub struct Attempt {
    /// The receiver's status code, if it answered.
    pub status: Option<u16>,
    /// Why it failed, if it did.
    pub error: Option<String>,
    pub duration_ms: i32,
}

impl Attempt {
    pub fn succeeded(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }
}

/// Records an attempt: done, or due again after the next wait of `schedule` (with up to a
/// fifth of jitter either way), or, with no wait left, failed, and its subscription
/// disabled with the reason.
pub fn finish(
    conn: &mut DbConn,
    id: i64,
    attempt: &Attempt,
    schedule: &[std::time::Duration],
) -> Result<()> {
    let now = crate::db::now();
    let d = wd::table
        .find(id)
        .select(Delivery::as_select())
        .first(conn)
        .optional()?;
    let Some(d) = d else {
        return Ok(()); // its subscription was deleted meanwhile
    };
    let attempts = d.attempts + 1;
    let common = (
        wd::attempts.eq(attempts),
        wd::locked_until.eq(None::<NaiveDateTime>),
        wd::last_status.eq(attempt.status.map(i32::from)),
        wd::last_error.eq(attempt.error.clone()),
        wd::last_duration_ms.eq(attempt.duration_ms),
    );
    let target = wd::table.find(id);
    if attempt.succeeded() {
        diesel::update(target)
            .set((common, wd::status.eq("succeeded"), wd::delivered_at.eq(now)))
            .execute(conn)?;
        return Ok(());
    }
    match schedule.get(d.attempts as usize) {
        Some(wait) => {
            let jitter = 0.8 + rand::random::<f64>() * 0.4;
            let wait = chrono::Duration::milliseconds((wait.as_millis() as f64 * jitter) as i64);
            diesel::update(target)
                .set((common, wd::next_attempt_at.eq(now + wait)))
                .execute(conn)?;
        }
        None => {
            diesel::update(target)
                .set((common, wd::status.eq("failed")))
                .execute(conn)?;
            let last = match (attempt.status, &attempt.error) {
                (Some(s), _) => format!("HTTP {s}"),
                (None, Some(e)) => e.clone(),
                (None, None) => "no answer".into(),
            };
            let reason = format!(
                "disabled at {} UTC: delivery {} failed {attempts} times (last: {last})",
                now.format("%Y-%m-%d %H:%M:%S"),
                d.id
            );
            diesel::update(webhooks::table.find(d.webhook_id))
                .set((
                    webhooks::enabled.eq(false),
                    webhooks::disabled_reason.eq(reason),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// The `webhook-signature` of a message (Standard Webhooks): `v1,` and the base64
/// HMAC-SHA256, keyed by the secret's bytes, of `{id}.{timestamp}.{body}`.
pub fn sign(secret: &str, msg_id: &str, timestamp: i64, body: &[u8]) -> String {
    use base64::Engine;
    let engine = base64::engine::general_purpose::STANDARD;
    let key = secret
        .strip_prefix("whsec_")
        .and_then(|k| engine.decode(k).ok())
        .unwrap_or_else(|| secret.as_bytes().to_vec());
    let mut message = format!("{msg_id}.{timestamp}.").into_bytes();
    message.extend_from_slice(body);
    format!("v1,{}", engine.encode(hmac_sha256(&key, &message)))
}

/// HMAC (RFC 2104) over SHA-256.
fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut k = [0u8; BLOCK];
    if key.len() > BLOCK {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(k.map(|b| b ^ 0x36));
    inner.update(message);
    let mut outer = Sha256::new();
    outer.update(k.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

/// The body of a delivery (Standard Webhooks' `type`, `timestamp`, `data`).
#[derive(Debug, Serialize, Deserialize)]
pub struct Payload {
    #[serde(rename = "type")]
    pub event: String,
    pub timestamp: String,
    pub data: serde_json::Value,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231() {
        // Test case 2.
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            crate::hex::encode(&mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Test case 6: a key longer than the block.
        let mac = hmac_sha256(
            &[0xaa; 131],
            b"Test Using Larger Than Block-Size Key - Hash Key First",
        );
        assert_eq!(
            crate::hex::encode(&mac),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn signatures_follow_standard_webhooks() {
        // The example of the specification's reference libraries.
        let sig = sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            br#"{"test": 2432232314}"#,
        );
        assert_eq!(sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    #[test]
    fn subscriptions_match_events_by_kind_and_action() {
        let hook = |events: &str| Webhook {
            id: 1,
            url: String::new(),
            description: String::new(),
            events: events.into(),
            secret: String::new(),
            include_drafts: false,
            enabled: true,
            disabled_reason: None,
            created_at: crate::db::now(),
            updated_at: crate::db::now(),
        };
        assert!(hook("*").wants("post.updated"));
        assert!(hook("post.*").wants("post.deleted"));
        assert!(!hook("post.*").wants("page.deleted"));
        assert!(hook("*.deleted").wants("page.deleted"));
        assert!(hook("page.published post.updated").wants("post.updated"));
        assert!(!hook("page.published").wants("page.updated"));
        assert!(check_event("post.updated").is_ok());
        assert!(check_event("posts.updated").is_err());
        assert!(check_event("post.edited").is_err());
        assert!(check_event("post").is_err());
    }

    #[test]
    fn internal_targets_are_refused_unless_allowed() {
        for bad in [
            "http://127.0.0.1/hook",
            "http://localhost:8080/",
            "http://10.1.2.3/",
            "http://192.168.0.1/",
            "http://169.254.169.254/latest/meta-data",
            "http://[::1]/",
            "http://[fd00::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://100.64.0.1/",
        ] {
            assert!(check_url(bad, false).is_err(), "{bad}");
            assert!(check_url(bad, true).is_ok(), "{bad}");
        }
        assert!(check_url("https://hooks.example.org/in", false).is_ok());
        assert!(check_url("ftp://example.org/", true).is_err());
        assert!(check_url("https://user:pw@example.org/", true).is_err());
        assert!(check_url("not a url", true).is_err());
    }
}
