//! `/partners` (admins), and the gate every request with a partner key passes.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, ResponseError, delete, get, patch, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::manage;
use crate::db::DbConn;
use crate::error::{Error, Result};
use crate::http::auth::AuthUser;
use crate::http::extract::{JsonBody, PathId, Query};
use crate::http::list::{List, PageParams};
use crate::http::state::{AppState, State};
use crate::http::wire::utc;
use crate::partners::{self, Partner, PartnerInput, Usage};
use crate::users::audit::{self, Action};

/// An origin in the document: the pattern `check_origin` applies.
pub struct Origin;

impl utoipa::PartialSchema for Origin {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some(r"^https?://[A-Za-z0-9.:\[\]-]+/?$"))
            .description(Some(
                "An origin: scheme, host and optional port (`https://partner.example.org`).",
            ))
            .into()
    }
}

impl utoipa::ToSchema for Origin {}

pub use crate::http::client::{KEY_HEADER, partner_key as key_of};

/// A partner site.
#[derive(Debug, Serialize, ToSchema)]
pub struct PartnerResponse {
    /// The partner's id.
    pub id: i64,
    /// A name for people.
    pub name: String,
    /// The first 10 characters of the key (`hp_1a2b3c4`), to tell keys apart (the key
    /// itself is shown once, when the partner is created).
    pub key_prefix: String,
    /// Origins the key lets through CORS (`https://partner.example.org`).
    pub origins: Vec<String>,
    /// Requests per minute (each calendar minute); more get 429.
    pub quota_per_minute: i32,
    /// Whether the key works: an inactive partner's key is refused with 401.
    pub active: bool,
    /// When the partner was registered.
    pub created_at: DateTime<Utc>,
    /// When the partner last changed.
    pub updated_at: DateTime<Utc>,
}

impl From<Partner> for PartnerResponse {
    fn from(p: Partner) -> Self {
        PartnerResponse {
            origins: p.origins(),
            id: p.id,
            name: p.name,
            key_prefix: p.key_prefix,
            quota_per_minute: p.quota_per_minute,
            active: p.active,
            created_at: utc(p.created_at),
            updated_at: utc(p.updated_at),
        }
    }
}

/// A new partner, with its key (shown this once: keep it).
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedPartnerResponse {
    #[serde(flatten)]
    pub partner: PartnerResponse,
    /// The key, `hp_` and 48 hex digits: send it as the `X-Headpress-Key` header or the
    /// `key` query parameter. It cannot be read again.
    pub key: String,
}

impl From<(Partner, String)> for CreatedPartnerResponse {
    fn from((partner, key): (Partner, String)) -> Self {
        CreatedPartnerResponse {
            partner: partner.into(),
            key,
        }
    }
}

/// A new partner.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePartnerRequest {
    /// A name for people.
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub name: String,
    /// Origins (`https://partner.example.org`) the key lets through CORS. Default: none.
    #[serde(default)]
    #[schema(value_type = Vec<Origin>)]
    pub origins: Vec<String>,
    /// Requests per minute; more get 429. Default: 600.
    #[schema(minimum = 1, maximum = 1000000)]
    pub quota_per_minute: Option<i32>,
    /// Whether the key works. Default: `true`.
    pub active: Option<bool>,
}

/// Changes to a partner: members left out stay as they are. The key cannot be changed:
/// register a new partner to get a new key.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdatePartnerRequest {
    /// A name for people.
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub name: Option<String>,
    /// Origins the key lets through CORS: they replace the stored list.
    #[schema(value_type = Option<Vec<Origin>>)]
    pub origins: Option<Vec<String>>,
    /// Requests per minute; more get 429.
    #[schema(minimum = 1, maximum = 1000000)]
    pub quota_per_minute: Option<i32>,
    /// Whether the key works; `false` refuses it (401) without deleting the partner.
    pub active: Option<bool>,
}

async fn refresh(state: &AppState) {
    let cache = state.partner_origins.clone();
    if let Err(e) = state.read(move |conn| cache.refresh(conn)).await {
        tracing::warn!(error = %e, "the partner origins could not be reloaded");
    }
}

/// List partners
///
/// Returns a page of the registered partner sites, by id, in a `{data, meta}` envelope.
/// Only admins may (403). Paged by number only (`page`, `per_page`): `cursor` is 400.
#[utoipa::path(
    tag = "partners",
    params(PageParams),
    responses((status = 200, description = "A page of partners", body = List<PartnerResponse>)),
    security(("bearer" = []))
)]
#[get("/partners")]
pub async fn list_partners(
    req: HttpRequest,
    state: State,
    user: AuthUser,
    page: Query<PageParams>,
) -> Result<HttpResponse> {
    user.require_admin()?;
    let (load, wire) = (partners::list, PartnerResponse::from);
    manage::list_all(&req, &state, page.0, "partners", load, wire).await
}

/// Get a partner
///
/// Returns a partner site: its name, key prefix, origins, quota and whether it is active
/// (never the key itself). Only admins may (403); an unknown id is 404.
#[utoipa::path(
    tag = "partners",
    params(("id" = i64, Path, minimum = 1, description = "Partner id")),
    responses((status = 200, description = "The partner", body = PartnerResponse)),
    security(("bearer" = []))
)]
#[get("/partners/{id}")]
pub async fn get_partner(state: State, user: AuthUser, id: PathId) -> Result<HttpResponse> {
    user.require_admin()?;
    let id = id.0;
    let find = move |conn: &mut DbConn| partners::find(conn, id);
    manage::read(&state, find, PartnerResponse::from).await
}

/// Register a partner
///
/// Registers a partner site and answers 201 with it, its URL in `Location` and its `key`,
/// shown this once only: keep it. Only admins may (403). An origin that is not a scheme,
/// host and optional port is 422.
///
/// Requests that carry the key (the `X-Headpress-Key` header or the `key` parameter) let
/// the partner's origins through CORS and count against its quota.
#[utoipa::path(
    tag = "partners",
    request_body = CreatePartnerRequest,
    responses((status = 201, description = "Created", body = CreatedPartnerResponse,
        headers(("Location" = String, description = "The new partner's URL")))),
    security(("bearer" = []))
)]
#[post("/partners")]
pub async fn create_partner(
    req: actix_web::HttpRequest,
    state: State,
    user: AuthUser,
    body: JsonBody<CreatePartnerRequest>,
) -> Result<HttpResponse> {
    user.require_admin()?;
    let event = crate::api::audit::by(&req, &state, &user, Action::PartnerCreated);
    let b = body.0;
    let input = PartnerInput {
        name: Some(b.name),
        origins: Some(b.origins),
        quota_per_minute: b.quota_per_minute,
        active: b.active,
    };
    let create = move |conn: &mut DbConn| {
        let created = partners::create(conn, input)?;
        let detail = format!("`{}`", created.0.name);
        audit::record(conn, event.target("partner", created.0.id).detail(detail))?;
        Ok(created)
    };
    let wire = CreatedPartnerResponse::from;
    let res = manage::create(&state, "partners", create, wire, |p| p.partner.id).await?;
    refresh(&state).await;
    Ok(res)
}

/// Update a partner
///
/// Changes the members sent (the others stay as they are) and answers with the partner
/// as now stored. Only admins may (403); an unknown id is 404. `active: false` stops the
/// key working at once without deleting the partner.
#[utoipa::path(
    tag = "partners",
    params(("id" = i64, Path, minimum = 1, description = "Partner id")),
    request_body = UpdatePartnerRequest,
    responses((status = 200, description = "The changed partner", body = PartnerResponse)),
    security(("bearer" = []))
)]
#[patch("/partners/{id}")]
pub async fn update_partner(
    req: actix_web::HttpRequest,
    state: State,
    user: AuthUser,
    id: PathId,
    body: JsonBody<UpdatePartnerRequest>,
) -> Result<HttpResponse> {
    user.require_admin()?;
    let event = crate::api::audit::by(&req, &state, &user, Action::PartnerChanged);
    let b = body.0;
    let input = PartnerInput {
        name: b.name,
        origins: b.origins,
        quota_per_minute: b.quota_per_minute,
        active: b.active,
    };
    let id = id.0;
    let changed: Vec<&str> = [
        ("name", input.name.is_some()),
        ("origins", input.origins.is_some()),
        ("quota_per_minute", input.quota_per_minute.is_some()),
        ("active", input.active.is_some()),
    ]
    .into_iter()
    .filter_map(|(m, sent)| sent.then_some(m))
    .collect();
    let detail = changed.join(", ");
    let update = move |conn: &mut DbConn| {
        let partner = partners::update(conn, id, input)?;
        audit::record(conn, event.target("partner", id).detail(detail))?;
        Ok(partner)
    };
    let res = manage::change(&state, update, PartnerResponse::from).await?;
    refresh(&state).await;
    Ok(res)
}

/// Delete a partner
///
/// Removes a partner site for good and answers 204; its key stops working at once
/// (401). Only admins may (403); an unknown id is 404.
#[utoipa::path(
    tag = "partners",
    params(("id" = i64, Path, minimum = 1, description = "Partner id")),
    responses((status = 204, description = "Deleted")),
    security(("bearer" = []))
)]
#[delete("/partners/{id}")]
pub async fn delete_partner(
    req: actix_web::HttpRequest,
    state: State,
    user: AuthUser,
    id: PathId,
) -> Result<HttpResponse> {
    user.require_admin()?;
    let id = id.0;
    let event = crate::api::audit::by(&req, &state, &user, Action::PartnerDeleted);
    let res = manage::remove(&state, move |conn| {
        partners::delete(conn, id)?;
        audit::record(conn, event.target("partner", id))
    })
    .await?;
    refresh(&state).await;
    Ok(res)
}

/// A request with neither a token nor a key, under `--anonymous-rate-limit`.
async fn anonymous(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
    state: &web::Data<AppState>,
) -> std::result::Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let address = crate::http::client::address(req.request(), &state.config.trusted_proxies);
    let allowance = state.anonymous.count(&address, std::time::Instant::now());
    let usage = Usage {
        limit: i64::from(allowance.limit),
        used: if allowance.exceeded {
            i64::from(allowance.limit) + 1
        } else {
            i64::from(allowance.limit - allowance.remaining)
        },
        reset: allowance.reset,
    };
    within_quota(req, next, &usage).await
}

/// Answers 429 with `Retry-After` past the quota, else passes the request on; either
/// way the answer says what is left (`RateLimit-*`).
async fn within_quota(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
    usage: &Usage,
) -> std::result::Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if usage.exceeded() {
        let e = Error::RateLimited {
            retry_after_secs: usage.reset.max(1),
        };
        let mut res = e.error_response();
        rate_headers(res.headers_mut(), usage);
        return Ok(req.into_response(res));
    }
    let mut res = next.call(req).await?.map_into_boxed_body();
    rate_headers(res.headers_mut(), usage);
    Ok(res)
}

fn rate_headers(headers: &mut HeaderMap, usage: &Usage) {
    let mut set = |name: &'static str, value: String| {
        if let Ok(v) = HeaderValue::from_str(&value) {
            headers.insert(HeaderName::from_static(name), v);
        }
    };
    set("ratelimit-limit", usage.limit.to_string());
    set("ratelimit-remaining", usage.remaining().to_string());
    set("ratelimit-reset", usage.reset.to_string());
    set("ratelimit-policy", format!("{};w=60", usage.limit));
}

/// Counts the requests that carry a partner key: an unknown key is 401, a partner over
/// its quota gets 429 with `Retry-After`; every keyed answer says what is left
/// (`RateLimit-*`). Requests without a key pass untouched.
pub async fn gate(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> std::result::Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let key = key_of(req.headers(), req.query_string());
    let state = req.app_data::<web::Data<AppState>>().cloned();
    if key.is_none()
        && let Some(state) = &state
        && state.anonymous.enabled()
        && !req
            .headers()
            .contains_key(actix_web::http::header::AUTHORIZATION)
        && !matches!(req.path(), "/healthz" | "/readyz" | "/metrics")
    {
        return anonymous(req, next, state).await;
    }
    let (Some(key), Some(state)) = (key, state) else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let counted = state
        .record(move |conn| partners::count_request(conn, &key))
        .await;
    let usage = match counted {
        Ok(Some(u)) => u,
        Ok(None) => {
            let e = Error::Unauthorized("unknown or inactive partner key".into());
            return Ok(req.into_response(e.error_response()));
        }
        Err(e) => return Ok(req.into_response(e.error_response())),
    };
    within_quota(req, next, &usage).await
}
