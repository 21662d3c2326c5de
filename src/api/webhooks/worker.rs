//! The webhook worker: on every node, claims the deliveries that are due (each by one node),
//! sends them signed per Standard Webhooks, and records how each went.

use std::net::{SocketAddr, ToSocketAddrs};
use std::time::{Duration, Instant};

use actix_web::web;
use futures_util::future::LocalBoxFuture;

use crate::content::changes::Cursor;
use crate::content::terms::Taxonomy;
use crate::content::webhooks::{self, Attempt, Claimed, Payload};
use crate::content::{Kind, Role, Viewer};
use crate::error::Result;
use crate::http::state::AppState;

/// How many deliveries a node sends at once.
const BATCH: i64 = 16;

/// How often an idle worker looks for due deliveries.
const IDLE: Duration = Duration::from_millis(250);

/// Starts the worker on this node; it runs until the process ends (or the handle is
/// aborted).
pub fn spawn(state: web::Data<AppState>) -> actix_web::rt::task::JoinHandle<()> {
    actix_web::rt::spawn(async move {
        let client = client(&state);
        loop {
            match run_once(&state, &client).await {
                Ok(0) => actix_web::rt::time::sleep(IDLE).await,
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "webhook deliveries could not be claimed");
                    actix_web::rt::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    })
}

/// Sends the deliveries due now (a batch); returns how many.
pub async fn run_once(state: &web::Data<AppState>, client: &awc::Client) -> Result<usize> {
    let now = crate::db::now();
    if !state.read(move |c| webhooks::any_due(c, now)).await? {
        return Ok(0);
    }
    let claimed = state
        .record(move |c| webhooks::claim(c, now, BATCH))
        .await?;
    let n = claimed.len();
    let sends = claimed.iter().map(|c| send(state, client, c));
    let attempts = futures_util::future::join_all(sends).await;
    for (c, attempt) in claimed.iter().zip(attempts) {
        let id = c.delivery.id;
        let schedule = state.config.webhook_retry.clone();
        if let Some(e) = &attempt.error {
            tracing::info!(delivery = id, url = %c.url, error = %e, "webhook delivery failed");
        }
        state
            .record(move |conn| webhooks::finish(conn, id, &attempt, &schedule))
            .await?;
    }
    Ok(n)
}

/// The body of a delivery: what changed, and the item as the subscription may see it now.
async fn body(state: &web::Data<AppState>, c: &Claimed) -> Result<Vec<u8>> {
    let d = &c.delivery;
    let data = if d.event == webhooks::PING {
        serde_json::json!({"webhook_id": d.webhook_id})
    } else {
        serde_json::json!({
            "kind": d.kind,
            "id": d.item_id,
            "slug": d.slug,
            "action": d.event.split_once('.').map_or("", |(_, a)| a),
            "public": d.public,
            "cursor": d.change_id.map(|n| Cursor(n).encode()),
            "item": item(state, c).await?,
        })
    };
    let payload = Payload {
        event: d.event.clone(),
        timestamp: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        data,
    };
    serde_json::to_vec(&payload).map_err(crate::error::Error::internal)
}

/// The item (term, file) as the subscription may see it now: content and files as
/// anonymous readers see them, or as editors do with `include_drafts`; a term while it
/// exists. `None` when it is not theirs to see, or gone.
async fn item(state: &web::Data<AppState>, c: &Claimed) -> Result<Option<serde_json::Value>> {
    let d = &c.delivery;
    let id = d.item_id;
    let viewer = if c.include_drafts {
        Viewer::User {
            id: 0,
            role: Role::Admin,
        }
    } else {
        Viewer::Anonymous
    };
    let hidden = !(c.include_drafts || d.public);
    if let Some(kind) = Kind::parse(&d.kind) {
        if hidden {
            return Ok(None);
        }
        let config = state.config.clone();
        return state
            .read(move |conn| crate::api::content::item_value(conn, kind, id, viewer, &config))
            .await;
    }
    if d.kind == crate::content::changes::MEDIA {
        if hidden {
            return Ok(None);
        }
        let public_url = state.config.public_url.clone();
        return state
            .read(move |conn| {
                let mut found = crate::media::find_visible_many(conn, &[id], viewer)?;
                Ok(found.remove(&id).and_then(|m| {
                    serde_json::to_value(crate::api::media::MediaResponse::new(m, &public_url)).ok()
                }))
            })
            .await;
    }
    let Some(taxonomy) = Taxonomy::ALL.into_iter().find(|t| t.as_str() == d.kind) else {
        return Ok(None);
    };
    state
        .read(
            move |conn| match crate::api::terms::load(conn, taxonomy, id) {
                Ok(t) => Ok(serde_json::to_value(t).ok()),
                Err(crate::error::Error::NotFound(_)) => Ok(None),
                Err(e) => Err(e),
            },
        )
        .await
}

async fn send(state: &web::Data<AppState>, client: &awc::Client, c: &Claimed) -> Attempt {
    let started = Instant::now();
    let attempt = |status: Option<u16>, error: Option<String>| Attempt {
        status,
        error,
        duration_ms: started.elapsed().as_millis().min(i32::MAX as u128) as i32,
    };
    if let Err(why) = webhooks::check_url(&c.url, state.config.webhook_allow_internal) {
        return attempt(None, Some(format!("the URL {why}")));
    }
    let body = match body(state, c).await {
        Ok(b) => b,
        Err(e) => return attempt(None, Some(format!("the body could not be made: {e}"))),
    };
    let timestamp = chrono::Utc::now().timestamp();
    let signature = webhooks::sign(&c.secret, &c.delivery.msg_id, timestamp, &body);
    let sent = client
        .post(&c.url)
        .insert_header(("content-type", "application/json"))
        .insert_header(("webhook-id", c.delivery.msg_id.as_str()))
        .insert_header(("webhook-timestamp", timestamp.to_string()))
        .insert_header(("webhook-signature", signature))
        .insert_header((
            "user-agent",
            concat!("headpress-webhooks/", env!("CARGO_PKG_VERSION")),
        ))
        .send_body(body)
        .await;
    match sent {
        Ok(mut res) => {
            // Read (a little of) the answer, so the connection can be used again.
            let _ = res.body().limit(64 * 1024).await;
            let status = res.status();
            let error = (!status.is_success()).then(|| format!("the receiver answered {status}"));
            attempt(Some(status.as_u16()), error)
        }
        Err(e) => attempt(None, Some(e.to_string())),
    }
}

/// Resolves names, refusing those that lead to internal addresses unless allowed: checked
/// when connecting, so a name cannot be pointed elsewhere after the URL was accepted.
struct Guard {
    allow_internal: bool,
}

impl actix_tls::connect::Resolve for Guard {
    fn lookup<'a>(
        &'a self,
        host: &'a str,
        port: u16,
    ) -> LocalBoxFuture<'a, std::result::Result<Vec<SocketAddr>, Box<dyn std::error::Error>>> {
        Box::pin(async move {
            let name = host.to_owned();
            let found = web::block(move || {
                (name.as_str(), port)
                    .to_socket_addrs()
                    .map(|a| a.collect::<Vec<_>>())
            })
            .await
            .map_err(|e| Box::new(e) as Box<dyn std::error::Error>)?
            .map_err(|e| Box::new(e) as Box<dyn std::error::Error>)?;
            if !self.allow_internal && found.iter().any(|a| webhooks::is_internal(a.ip())) {
                return Err(format!(
                    "{host} resolves to an internal address, which webhooks may not reach"
                )
                .into());
            }
            Ok(found)
        })
    }
}

/// The client deliveries are sent with: OpenSSL with the system's certificate
/// authorities, the guarded resolver, the configured timeout, and no redirects followed.
pub fn client(state: &AppState) -> awc::Client {
    let resolver = actix_tls::connect::Resolver::custom(Guard {
        allow_internal: state.config.webhook_allow_internal,
    });
    let mut connector = awc::Connector::new()
        .connector(actix_tls::connect::Connector::new(resolver).service())
        .timeout(state.config.webhook_timeout);
    match crate::http::outbound::tls() {
        Ok(tls) => connector = connector.openssl(tls),
        Err(e) => {
            tracing::warn!(error = %e, "webhooks: TLS is unavailable; https targets will fail")
        }
    }
    awc::Client::builder()
        .connector(connector)
        .timeout(state.config.webhook_timeout)
        .disable_redirects()
        .finish()
}
