//! `/sync/wordpress`: how sync from a running WordPress stands, and detaching an item
//! from it, for administrators.

use actix_web::{HttpRequest, HttpResponse, get, post};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::content::Kind;
use crate::content::synced::SiteStatus;
use crate::error::{Error, Result};
use crate::http::auth::AuthUser;
use crate::http::extract::JsonBody;
use crate::http::state::State;
use crate::users::audit::{self, Action};

/// The WordPress sites content is synced from.
#[derive(Debug, serde::Serialize, ToSchema)]
pub struct SyncStatusResponse {
    /// One per site, with its last run.
    pub data: Vec<SiteStatus>,
}

/// Show how sync stands
///
/// Each WordPress site content is kept in step with (`headpress sync wordpress`, or
/// `serve` with `HEADPRESS_WORDPRESS_URL`): when its last run started and finished, why
/// it failed when it did, and how many items came from it. Administrators only (403).
#[utoipa::path(tag = "sync",
    responses((status = 200, description = "The synced sites", body = SyncStatusResponse)),
    security(("bearer" = [])))]
#[get("/sync/wordpress")]
pub async fn get_sync_status(state: State, user: AuthUser) -> Result<HttpResponse> {
    user.require_admin()?;
    let data = state.read(crate::content::synced::sites).await?;
    Ok(HttpResponse::Ok().json(SyncStatusResponse { data }))
}

/// Which item to detach.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DetachRequest {
    /// Its collection: `posts`, `pages`, `resources`, `events` or `blocks`.
    #[schema(pattern = "^(posts|pages|resources|events|blocks)$")]
    pub collection: String,
    /// Its id here.
    #[schema(minimum = 1)]
    pub id: i64,
}

/// Detach an item from WordPress
///
/// Items synced from WordPress are read-only here (a change or deletion is 409): the next
/// run would overwrite it. Detaching hands the item to headpress for good: it can be
/// changed here, and sync leaves it alone even when it changes in WordPress. 404 when no
/// such item; 409 when it is not synced (or detached already). Administrators only (403).
#[utoipa::path(tag = "sync", request_body = DetachRequest,
    responses(
        (status = 204, description = "Detached"),
        (status = 404, description = "No such item (`not_found`)",
            body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The item is not synced from WordPress (`conflict`)",
            body = crate::http::problem::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/sync/wordpress/detach")]
pub async fn detach_from_wordpress(
    req: HttpRequest,
    state: State,
    user: AuthUser,
    body: JsonBody<DetachRequest>,
) -> Result<HttpResponse> {
    user.require_admin()?;
    let DetachRequest { collection, id } = body.0;
    let kind = Kind::from_collection(&collection).ok_or_else(|| {
        Error::invalid(
            "collection",
            "must be posts, pages, resources, events or blocks",
        )
    })?;
    let event = crate::api::audit::by(&req, &state, &user, Action::ContentDetached);
    state
        .write(move |conn| {
            let title = crate::content::entry::find(conn, kind, id)?
                .ok_or_else(|| Error::not_found(format!("no {} with id {id}", kind.noun())))?
                .title;
            if !crate::content::synced::detach(conn, id)? {
                return Err(Error::conflict(
                    "id",
                    format!("this {} is not synced from WordPress", kind.noun()),
                ));
            }
            audit::record(
                conn,
                event.target(kind.as_str(), id).detail(format!("`{title}`")),
            )
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
