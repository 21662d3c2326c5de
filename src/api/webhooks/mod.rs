//! `/webhooks`: subscriptions to changes of content, their delivery logs, redelivery and
//! test pings (administrators). The worker that sends deliveries is in [`worker`].

pub mod worker;

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post};
use chrono::{DateTime, Utc};

use crate::http::wire::utc;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::manage;
use crate::content::paging::Listed;
use crate::content::webhooks::{self, Delivery, Webhook, WebhookInput};
use crate::db::DbConn;
use crate::error::{Error, Result};
use crate::http::auth::AuthUser;
use crate::http::extract::{JsonBody, PathId, Query};
use crate::http::list::{List, PageParams, list_response};
use crate::http::state::State;
use crate::users::audit::{self, Action};

/// A webhook subscription (never its secret, which is shown once when it is made).
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookResponse {
    /// The subscription's id.
    pub id: i64,
    /// Where deliveries are POSTed.
    pub url: String,
    /// What it is for.
    pub description: String,
    /// The events it receives: `kind.action` (`post.published`), `kind.*`, `*.action` or
    /// `*`. Kinds: `post`, `page`, `resource`, `event`, `block`, the terms `tag`,
    /// `category`, `resource_type`, `event_category`, and `media`; actions: `created`,
    /// `updated`, `published`, `unpublished`, `trashed`, `restored`, `deleted`.
    pub events: Vec<String>,
    /// Whether it hears of changes only editors see (drafts), with their content. When
    /// false, it hears what anonymous readers could learn, as the change feed tells them.
    pub include_drafts: bool,
    /// Whether deliveries are sent. A webhook whose delivery failed every attempt is
    /// disabled, and says why in `disabled_reason`; enabling it again sends what waits.
    pub enabled: bool,
    /// Why it was disabled by the server, if it was.
    pub disabled_reason: Option<String>,
    /// When it was made (UTC).
    pub created_at: DateTime<Utc>,
    /// When it was last changed (UTC).
    pub updated_at: DateTime<Utc>,
}

impl From<Webhook> for WebhookResponse {
    fn from(w: Webhook) -> Self {
        WebhookResponse {
            id: w.id,
            events: w.events(),
            url: w.url,
            description: w.description,
            include_drafts: w.include_drafts,
            enabled: w.enabled,
            disabled_reason: w.disabled_reason,
            created_at: utc(w.created_at),
            updated_at: utc(w.updated_at),
        }
    }
}

/// A new webhook, with its signing secret: shown this once only.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedWebhookResponse {
    #[serde(flatten)]
    pub webhook: WebhookResponse,
    /// The Standard Webhooks secret (`whsec_...`) receivers verify `webhook-signature`
    /// with. Keep it: it is not shown again.
    pub secret: String,
}

/// What a webhook is made with.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateWebhookRequest {
    /// Where deliveries are POSTed: `http` or `https`; not a loopback, private or
    /// link-local address unless the server allows it (`--webhook-allow-internal`).
    #[schema(min_length = 8, max_length = 2000, pattern = "^https?://[^/?#@\\s]+")]
    pub url: String,
    /// What it is for, at most 500 characters.
    #[schema(max_length = 500)]
    pub description: Option<String>,
    /// The events it receives (see `WebhookResponse.events`); `["*"]` when left out.
    #[schema(min_items = 1)]
    pub events: Option<Vec<String>>,
    /// Hear of changes only editors see, with their content. Default: false.
    pub include_drafts: Option<bool>,
    /// Default: true.
    pub enabled: Option<bool>,
}

/// A change of a webhook: members left out stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateWebhookRequest {
    /// Where deliveries are POSTed.
    #[schema(min_length = 8, max_length = 2000, pattern = "^https?://[^/?#@\\s]+")]
    pub url: Option<String>,
    /// What it is for, at most 500 characters.
    #[schema(max_length = 500)]
    pub description: Option<String>,
    /// The events it receives.
    #[schema(min_items = 1)]
    pub events: Option<Vec<String>>,
    /// Hear of changes only editors see.
    pub include_drafts: Option<bool>,
    /// Send deliveries or not; `true` clears `disabled_reason`.
    pub enabled: Option<bool>,
}

/// One delivery of a webhook: an event sent, or to send.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryResponse {
    /// The delivery's id.
    pub id: i64,
    /// The `webhook-id` it is sent with (the same when it is sent again).
    pub message_id: String,
    /// `post.updated`, ..., or `webhook.ping`.
    pub event: String,
    /// The item's kind (`webhook` for a ping).
    pub kind: String,
    /// The item's id (the webhook's for a ping).
    pub item_id: i64,
    /// `pending` (to send, or to try again at `next_attempt_at`), `succeeded` or `failed`
    /// (every attempt failed).
    pub status: String,
    /// Attempts made so far.
    pub attempts: i32,
    /// The receiver's last status code, if it answered.
    pub response_status: Option<i32>,
    /// Why the last attempt failed, if it did.
    pub error: Option<String>,
    /// How long the last attempt took, in milliseconds.
    pub duration_ms: Option<i32>,
    /// When it is (next) due, while pending.
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// When it was queued (UTC).
    pub created_at: DateTime<Utc>,
    /// When the receiver accepted it.
    pub delivered_at: Option<DateTime<Utc>>,
}

impl From<Delivery> for DeliveryResponse {
    fn from(d: Delivery) -> Self {
        DeliveryResponse {
            id: d.id,
            message_id: d.msg_id,
            event: d.event,
            kind: d.kind,
            item_id: d.item_id,
            next_attempt_at: (d.status == "pending").then(|| utc(d.next_attempt_at)),
            status: d.status,
            attempts: d.attempts,
            response_status: d.last_status,
            error: d.last_error,
            duration_ms: d.last_duration_ms,
            created_at: utc(d.created_at),
            delivered_at: d.delivered_at.map(utc),
        }
    }
}

fn input(
    url: Option<String>,
    description: Option<String>,
    events: Option<Vec<String>>,
    include_drafts: Option<bool>,
    enabled: Option<bool>,
) -> WebhookInput {
    WebhookInput {
        url,
        description,
        events,
        include_drafts,
        enabled,
    }
}

/// List webhooks
///
/// Every webhook subscription, by id, never their secrets. Administrators only (403).
/// Paged by number only.
#[utoipa::path(tag = "webhooks", params(PageParams),
    responses((status = 200, description = "A page of webhooks", body = List<WebhookResponse>)),
    security(("bearer" = [])))]
#[get("/webhooks")]
pub async fn list_webhooks(
    req: HttpRequest,
    state: State,
    user: AuthUser,
    page: Query<PageParams>,
) -> Result<HttpResponse> {
    user.require_admin()?;
    let (load, wire) = (webhooks::list, WebhookResponse::from);
    manage::list_all(&req, &state, page.0, "webhooks", load, wire).await
}

/// Create a webhook
///
/// Subscribes a URL to changes of content and answers 201 with the subscription and its
/// signing `secret`, shown this once. Deliveries are POSTed as JSON (`{"type":
/// "post.updated", "timestamp", "data": {"kind", "id", "slug", "action", "public",
/// "cursor", "item"}}`, `item` being the item as the subscription may see it now, or null)
/// with the Standard Webhooks headers `webhook-id`, `webhook-timestamp` and
/// `webhook-signature`, so receivers verify them with an existing library. Each change is
/// queued in the transaction that made it, sent at least once and in order per item, and
/// a burst of saves of one item within `--webhook-coalesce-ms` makes one delivery. A failed
/// delivery is tried again with exponential backoff and jitter over about a day
/// (`--webhook-retry-schedule`); after the last attempt the webhook is disabled, saying why.
/// Redirects are not followed. Administrators only (403).
#[utoipa::path(tag = "webhooks", request_body = CreateWebhookRequest,
    responses((status = 201, description = "Created; `secret` is shown this once",
        body = CreatedWebhookResponse,
        headers(("Location" = String, description = "The new webhook's URL")))),
    security(("bearer" = [])))]
#[post("/webhooks")]
pub async fn create_webhook(
    req: HttpRequest,
    state: State,
    user: AuthUser,
    body: JsonBody<CreateWebhookRequest>,
) -> Result<HttpResponse> {
    user.require_admin()?;
    let b = body.0;
    let input = input(
        Some(b.url),
        b.description,
        b.events,
        b.include_drafts,
        b.enabled,
    );
    let allow = state.config.webhook_allow_internal;
    let event = crate::api::audit::by(&req, &state, &user, Action::WebhookCreated);
    let hook = state
        .record(move |conn| {
            let hook = webhooks::create(conn, input, allow)?;
            audit::record(conn, event.target("webhook", hook.id).detail(&hook.url))?;
            Ok(hook)
        })
        .await?;
    let id = hook.id;
    let secret = hook.secret.clone();
    let body = CreatedWebhookResponse {
        webhook: hook.into(),
        secret,
    };
    Ok(manage::created(&state, "webhooks", id, &body))
}

/// Get a webhook
///
/// The subscription (not its secret). Administrators only (403); an unknown id is 404.
#[utoipa::path(tag = "webhooks",
    params(("id" = i64, Path, minimum = 1, description = "Webhook id")),
    responses((status = 200, description = "The webhook", body = WebhookResponse)),
    security(("bearer" = [])))]
#[get("/webhooks/{id}")]
pub async fn get_webhook(state: State, user: AuthUser, id: PathId) -> Result<HttpResponse> {
    user.require_admin()?;
    let id = id.0;
    manage::read(
        &state,
        move |conn| webhooks::find(conn, id),
        WebhookResponse::from,
    )
    .await
}

/// Update a webhook
///
/// Changes the members sent and answers with the webhook as now stored; `enabled: true`
/// starts a disabled webhook again. Administrators only (403); an unknown id is 404.
#[utoipa::path(tag = "webhooks",
    params(("id" = i64, Path, minimum = 1, description = "Webhook id")),
    request_body = UpdateWebhookRequest,
    responses((status = 200, description = "The changed webhook", body = WebhookResponse)),
    security(("bearer" = [])))]
#[patch("/webhooks/{id}")]
pub async fn update_webhook(
    req: HttpRequest,
    state: State,
    user: AuthUser,
    id: PathId,
    body: JsonBody<UpdateWebhookRequest>,
) -> Result<HttpResponse> {
    user.require_admin()?;
    let id = id.0;
    let b = body.0;
    let input = input(b.url, b.description, b.events, b.include_drafts, b.enabled);
    let allow = state.config.webhook_allow_internal;
    let event = crate::api::audit::by(&req, &state, &user, Action::WebhookChanged);
    let hook = state
        .record(move |conn| {
            let hook = webhooks::update(conn, id, input, allow)?;
            audit::record(conn, event.target("webhook", id).detail(&hook.url))?;
            Ok(hook)
        })
        .await?;
    Ok(crate::http::list::item_response(
        actix_web::http::StatusCode::OK,
        &WebhookResponse::from(hook),
        None,
    ))
}

/// Delete a webhook
///
/// Deletes the subscription and its deliveries (those waiting are not sent) and answers
/// 204. Administrators only (403); an unknown id is 404.
#[utoipa::path(tag = "webhooks",
    params(("id" = i64, Path, minimum = 1, description = "Webhook id")),
    responses((status = 204, description = "Deleted")),
    security(("bearer" = [])))]
#[delete("/webhooks/{id}")]
pub async fn delete_webhook(
    req: HttpRequest,
    state: State,
    user: AuthUser,
    id: PathId,
) -> Result<HttpResponse> {
    user.require_admin()?;
    let id = id.0;
    let event = crate::api::audit::by(&req, &state, &user, Action::WebhookDeleted);
    state
        .record(move |conn| {
            webhooks::delete(conn, id)?;
            audit::record(conn, event.target("webhook", id))
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// List a webhook's deliveries
///
/// The deliveries of a webhook, newest first: event, status, attempts, the receiver's
/// last status code, how long it took, why it failed and when it is next tried.
/// Administrators only (403). Paged by number only.
#[utoipa::path(tag = "webhooks",
    params(("id" = i64, Path, minimum = 1, description = "Webhook id"), PageParams),
    responses((status = 200, description = "A page of deliveries, newest first",
        body = List<DeliveryResponse>)),
    security(("bearer" = [])))]
#[get("/webhooks/{id}/deliveries")]
pub async fn list_webhook_deliveries(
    req: HttpRequest,
    state: State,
    user: AuthUser,
    id: PathId,
    page: Query<PageParams>,
) -> Result<HttpResponse> {
    user.require_admin()?;
    let id = id.0;
    let window = page.0.window()?;
    let (offset, per_page) = window.offset("deliveries")?;
    let (rows, total) = state
        .read(move |conn| webhooks::deliveries(conn, id, offset, per_page))
        .await?;
    let listed = Listed {
        items: rows
            .into_iter()
            .map(DeliveryResponse::from)
            .collect::<Vec<_>>(),
        total: window.count.then_some(total),
        next: None,
    };
    Ok(list_response(
        &req,
        &state.config.public_url,
        listed,
        &window,
        None,
    ))
}

/// Send a delivery again
///
/// Queues the delivery again, due at once, with the same `webhook-id` (receivers that
/// keep the ids they handled ignore a repeat), and answers 202 with the new delivery.
/// Administrators only (403); an unknown webhook or delivery is 404.
#[utoipa::path(tag = "webhooks",
    params(("id" = i64, Path, minimum = 1, description = "Webhook id"),
        ("delivery_id" = i64, Path, minimum = 1, description = "Delivery id")),
    responses((status = 202, description = "Queued", body = DeliveryResponse)),
    security(("bearer" = [])))]
#[post("/webhooks/{id}/deliveries/{delivery_id}/redeliver")]
pub async fn redeliver_webhook_delivery(
    req: HttpRequest,
    state: State,
    user: AuthUser,
    id: PathId,
) -> Result<HttpResponse> {
    user.require_admin()?;
    let id = id.0;
    let raw = req.match_info().get("delivery_id").unwrap_or("");
    let delivery_id = raw.parse::<i64>().ok().filter(|d| *d > 0).ok_or_else(|| {
        Error::not_found(format!("`{raw}` is not an id: ids are positive integers"))
    })?;
    let queued = state
        .record(move |conn: &mut DbConn| webhooks::redeliver(conn, id, delivery_id))
        .await?;
    Ok(crate::http::list::item_response(
        actix_web::http::StatusCode::ACCEPTED,
        &DeliveryResponse::from(queued),
        None,
    ))
}

/// Send a test ping
///
/// Queues a `webhook.ping` delivery (`{"type": "webhook.ping", "data": {"webhook_id"}}`),
/// due at once, and answers 202 with it; its outcome shows in the delivery log.
/// Administrators only (403); an unknown id is 404.
#[utoipa::path(tag = "webhooks",
    params(("id" = i64, Path, minimum = 1, description = "Webhook id")),
    responses((status = 202, description = "Queued", body = DeliveryResponse)),
    security(("bearer" = [])))]
#[post("/webhooks/{id}/ping")]
pub async fn ping_webhook(state: State, user: AuthUser, id: PathId) -> Result<HttpResponse> {
    user.require_admin()?;
    let id = id.0;
    let queued = state.record(move |conn| webhooks::ping(conn, id)).await?;
    Ok(crate::http::list::item_response(
        actix_web::http::StatusCode::ACCEPTED,
        &DeliveryResponse::from(queued),
        None,
    ))
}
