//! `/tokens` (API tokens for services) and `/previews` (links that show one draft).

use actix_web::{HttpRequest, HttpResponse, delete, get, post};
use chrono::{DateTime, Utc};

use crate::http::wire::utc;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::changes::ItemKind;
use crate::api::manage;
use crate::content::Kind;
use crate::error::{Error, Result};
use crate::http::auth::AuthUser;
use crate::http::extract::{JsonBody, PathId, Query};
use crate::http::list::{List, PageParams};
use crate::http::state::State;
use crate::users::api_tokens::{self, ApiToken, NewToken, Preview, Scope};
use crate::users::audit::{self, Action};

/// An API token (never the token itself, which is shown once when it is made).
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiTokenResponse {
    /// The token's id (not the token).
    pub id: i64,
    /// Who it acts for: their role applies, within the scopes.
    pub user_id: i64,
    /// What it is for (`Netlify build`).
    pub name: String,
    /// The first characters of the token, to tell tokens apart.
    pub prefix: String,
    /// What it may do beyond reading published content.
    pub scopes: Vec<Scope>,
    /// When it was made (UTC).
    pub created_at: DateTime<Utc>,
    /// When it stops working; null: never.
    pub expires_at: Option<DateTime<Utc>>,
    /// When it was last used (to the minute); null: never.
    pub last_used_at: Option<DateTime<Utc>>,
}

impl From<ApiToken> for ApiTokenResponse {
    fn from(t: ApiToken) -> Self {
        ApiTokenResponse {
            id: t.id,
            user_id: t.user_id,
            scopes: t.scopes(),
            name: t.name,
            prefix: t.prefix,
            created_at: utc(t.created_at),
            expires_at: t.expires_at.map(utc),
            last_used_at: t.last_used_at.map(utc),
        }
    }
}

/// A new API token, with the token itself: shown this once only.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedApiTokenResponse {
    #[serde(flatten)]
    pub api_token: ApiTokenResponse,
    /// Send it as `Authorization: Bearer hpt_...`. Keep it: it is not shown again.
    pub token: String,
}

/// What an API token is made with.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateApiTokenRequest {
    /// What it is for, 1 to 100 characters.
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub name: String,
    /// At least one: `read:drafts`, `write:posts`, `write:pages`, `write:resources`,
    /// `write:events`, `write:blocks`, `write:media`, `write:terms`. Reading published
    /// content needs none.
    #[schema(min_items = 1)]
    pub scopes: Vec<Scope>,
    /// When it stops working (RFC 3339, in the future); left out: never.
    pub expires_at: Option<DateTime<Utc>>,
    /// The user it acts for: yourself when left out; only administrators may name another.
    #[schema(minimum = 1)]
    pub user_id: Option<i64>,
}

/// List API tokens
///
/// Your API tokens (administrators: everyone's), by id, never the tokens themselves. Paged
/// by number only. Needs a person signed in with a password: API tokens cannot list
/// tokens (403).
#[utoipa::path(tag = "tokens", params(PageParams),
    responses((status = 200, description = "A page of API tokens", body = List<ApiTokenResponse>)),
    security(("bearer" = [])))]
#[get("/tokens")]
pub async fn list_api_tokens(
    req: HttpRequest,
    state: State,
    user: AuthUser,
    page: Query<PageParams>,
) -> Result<HttpResponse> {
    let only = (user.role != crate::content::Role::Admin).then_some(user.id);
    let load = move |conn: &mut crate::db::DbConn| api_tokens::list(conn, only);
    manage::list_all(&req, &state, page.0, "tokens", load, ApiTokenResponse::from).await
}

/// Create an API token
///
/// Makes a named, long-lived token for a build server or a service and answers 201 with
/// it, its `token` shown this once only (only a hash is kept). The token acts for its user
/// (yourself, or for administrators any user named by `user_id`), whose role still applies,
/// and only within its `scopes`; without `read:drafts` it reads what anonymous readers
/// read. Deleting it stops it at once, on every node. Needs a person signed in with a
/// password (403 for an API token).
#[utoipa::path(tag = "tokens", request_body = CreateApiTokenRequest,
    responses((status = 201, description = "Created; `token` is shown this once",
        body = CreatedApiTokenResponse,
        headers(("Location" = String, description = "The new token's URL")))),
    security(("bearer" = [])))]
#[post("/tokens")]
pub async fn create_api_token(
    req: HttpRequest,
    state: State,
    user: AuthUser,
    body: JsonBody<CreateApiTokenRequest>,
) -> Result<HttpResponse> {
    let b = body.0;
    let owner = b.user_id.unwrap_or(user.id);
    if owner != user.id {
        user.require_admin()
            .map_err(|_| Error::Forbidden("only administrators make tokens for others".into()))?;
    }
    let event = crate::api::audit::by(&req, &state, &user, Action::ApiTokenCreated);
    let new = NewToken {
        user_id: owner,
        name: b.name,
        scopes: b.scopes,
        expires_at: b.expires_at.map(|t| t.naive_utc()),
    };
    let (token, secret) = state
        .record(move |conn| {
            let (token, secret) = api_tokens::create(conn, new)?;
            let detail = format!(
                "`{}` for user {} with {}",
                token.name,
                token.user_id,
                token.scopes.replace(' ', ", ")
            );
            audit::record(conn, event.target("api_token", token.id).detail(detail))?;
            Ok((token, secret))
        })
        .await?;
    let id = token.id;
    let body = CreatedApiTokenResponse {
        api_token: token.into(),
        token: secret,
    };
    Ok(manage::created(&state, "tokens", id, &body))
}

/// Delete an API token
///
/// Stops the token at once, on every node, and answers 204. Your own tokens, or for
/// administrators anyone's; another's token is 404 to others.
#[utoipa::path(tag = "tokens",
    params(("id" = i64, Path, minimum = 1, description = "API token id")),
    responses((status = 204, description = "Deleted")),
    security(("bearer" = [])))]
#[delete("/tokens/{id}")]
pub async fn delete_api_token(
    req: HttpRequest,
    state: State,
    user: AuthUser,
    id: PathId,
) -> Result<HttpResponse> {
    let id = id.0;
    let admin = user.role == crate::content::Role::Admin;
    let me = user.id;
    let event = crate::api::audit::by(&req, &state, &user, Action::ApiTokenDeleted);
    state
        .record(move |conn| {
            let token = api_tokens::find(conn, id)?
                .filter(|t| admin || t.user_id == me)
                .ok_or_else(|| Error::not_found(format!("no API token with id {id}")))?;
            api_tokens::delete(conn, id)?;
            let detail = format!("`{}` of user {}", token.name, token.user_id);
            audit::record(conn, event.target("api_token", id).detail(detail))
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A preview link of one item.
#[derive(Debug, Serialize, ToSchema)]
pub struct PreviewResponse {
    /// The preview's id (revoke it at `/api/v1/previews/{id}`).
    pub id: i64,
    pub kind: ItemKind,
    /// The item it shows.
    pub item_id: i64,
    /// Who made it: the item is shown as they see it.
    pub created_by: i64,
    /// When it was made (UTC).
    pub created_at: DateTime<Utc>,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
    /// Where the item is read with the token.
    pub url: String,
}

/// A new preview link, with its token: shown this once only.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedPreviewResponse {
    #[serde(flatten)]
    pub preview: PreviewResponse,
    /// Send it as `Authorization: Bearer hpp_...` to `url`. Keep it: it is not shown again.
    pub token: String,
}

/// What a preview link is made for.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePreviewRequest {
    /// The item's kind.
    pub kind: ItemKind,
    /// The item's id.
    #[schema(minimum = 1)]
    pub item_id: i64,
    /// How long it holds, in seconds: 60 to 604800 (a week), 3600 when left out.
    #[schema(minimum = 60, maximum = 604800)]
    pub expires_in: Option<i64>,
}

/// Which previews to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PreviewParams {
    /// Only the previews of this item (an id).
    #[param(minimum = 1)]
    pub item_id: Option<i64>,
}

fn preview_response(state: &State, p: Preview) -> PreviewResponse {
    PreviewResponse {
        id: p.id,
        kind: p.kind.into(),
        item_id: p.item_id,
        created_by: p.created_by,
        created_at: utc(p.created_at),
        expires_at: utc(p.expires_at),
        url: format!(
            "{}/api/v1/{}/{}",
            state.config.public_url,
            p.kind.collection(),
            p.item_id
        ),
    }
}

/// Create a preview link
///
/// Makes a short-lived token that lets a frontend read one item as you see it (a draft,
/// a pending or scheduled item) without an account: `GET url` with `Authorization: Bearer
/// hpp_...` answers the item; the same token reads every other route as an anonymous reader
/// would (other drafts are 404). It holds for `expires_in` seconds and can be revoked.
/// Answers 201 with the token, shown this once. Only people who may edit the item (404 for
/// an item you cannot see, 403 for one you may not edit); API tokens cannot (403).
#[utoipa::path(tag = "previews", request_body = CreatePreviewRequest,
    responses((status = 201, description = "Created; `token` is shown this once",
        body = CreatedPreviewResponse,
        headers(("Location" = String, description = "The new preview's URL"))),
        (status = 404, description = "No such item, or not one you may see (`not_found`)",
            body = crate::http::problem::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/previews")]
pub async fn create_preview(
    state: State,
    user: AuthUser,
    body: JsonBody<CreatePreviewRequest>,
) -> Result<HttpResponse> {
    let b = body.0;
    if b.item_id < 1 {
        return Err(Error::invalid(
            "item_id",
            "must be an id (a positive integer)",
        ));
    }
    let kind = Kind::from(b.kind);
    let viewer = user.viewer();
    let seconds = b.expires_in.unwrap_or(api_tokens::PREVIEW_DEFAULT_SECS);
    let me = user.id;
    let item = b.item_id;
    let (preview, token) = state
        .record(move |conn| {
            let e = crate::content::entry::find_visible(conn, kind, item, viewer)?;
            if !viewer.can_edit(e.author_id) {
                return Err(Error::Forbidden(format!(
                    "you may only preview {}s you may edit",
                    kind.noun()
                )));
            }
            api_tokens::create_preview(conn, kind, item, me, seconds)
        })
        .await?;
    let id = preview.id;
    let body = CreatedPreviewResponse {
        preview: preview_response(&state, preview),
        token,
    };
    Ok(manage::created(&state, "previews", id, &body))
}

/// List preview links
///
/// The preview links that still hold: yours, or for editors everyone's; `item_id` narrows
/// them to one item. Never the tokens. Paged by number only.
#[utoipa::path(tag = "previews", params(PageParams, PreviewParams),
    responses((status = 200, description = "A page of preview links", body = List<PreviewResponse>)),
    security(("bearer" = [])))]
#[get("/previews")]
pub async fn list_previews(
    req: HttpRequest,
    state: State,
    user: AuthUser,
    page: Query<PageParams>,
    params: Query<PreviewParams>,
) -> Result<HttpResponse> {
    let only = (!user.role.edits_all()).then_some(user.id);
    let item = params.0.item_id;
    if item.is_some_and(|i| i < 1) {
        return Err(Error::invalid_query(
            "item_id",
            "must be an id (a positive integer)",
        ));
    }
    let load = move |conn: &mut crate::db::DbConn| api_tokens::list_previews(conn, only, item);
    let wire = |p| preview_response(&state, p);
    manage::list_all(&req, &state, page.0, "previews", load, wire).await
}

/// Revoke a preview link
///
/// Stops the preview token at once, on every node, and answers 204. Your own, or for
/// editors anyone's; others are 404.
#[utoipa::path(tag = "previews",
    params(("id" = i64, Path, minimum = 1, description = "Preview id")),
    responses((status = 204, description = "Revoked")),
    security(("bearer" = [])))]
#[delete("/previews/{id}")]
pub async fn delete_preview(state: State, user: AuthUser, id: PathId) -> Result<HttpResponse> {
    let id = id.0;
    let only = (!user.role.edits_all()).then_some(user.id);
    let gone = state
        .record(move |conn| api_tokens::delete_preview(conn, id, only))
        .await?;
    if !gone {
        return Err(Error::not_found(format!("no preview with id {id}")));
    }
    Ok(HttpResponse::NoContent().finish())
}
