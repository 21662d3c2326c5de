//! `/audit`: the audit log, for administrators.

use actix_web::{HttpRequest, HttpResponse, get};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::content::paging::Listed;
use crate::error::{Error, Result};
use crate::http::auth::AuthUser;
use crate::http::extract::Query;
use crate::http::list::{PageParams, list_response};
use crate::http::state::State;
use crate::users::audit::{self, Action};

/// One entry of the audit log.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryResponse {
    /// Entries are numbered in the order they were written.
    pub id: i64,
    /// When it happened (UTC).
    pub at: DateTime<Utc>,
    /// Who did it: a user id, or null when nobody was signed in (a failed sign-in).
    pub actor_id: Option<i64>,
    /// The username of who did it, as it was then (empty when nobody was signed in; for a
    /// sign-in, the username tried).
    pub actor: String,
    pub action: Action,
    /// What it was done to: `user`, `partner`, `media`, `field_group`, a term's taxonomy
    /// (`tag`, `category`, ...) or a kind of content (`post`, `page`, ...); null when
    /// nothing in particular.
    pub target_type: Option<String>,
    /// The id of what it was done to.
    pub target_id: Option<i64>,
    /// What changed, in words (never a password or a key).
    pub detail: String,
    /// The client's address (the forwarded one behind a trusted proxy).
    pub address: String,
}

impl From<audit::Entry> for AuditEntryResponse {
    fn from(e: audit::Entry) -> Self {
        AuditEntryResponse {
            id: e.id,
            at: DateTime::from_naive_utc_and_offset(e.at, Utc),
            actor_id: e.actor_id,
            actor: e.actor,
            action: Action::parse(&e.action).unwrap_or(Action::UserChanged),
            target_type: Some(e.target_type).filter(|t| !t.is_empty()),
            target_id: e.target_id,
            detail: e.detail,
            address: e.address,
        }
    }
}

/// Filters of the audit log.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// Only entries of this action.
    #[param(inline)]
    pub action: Option<Action>,
    /// Only entries of what this user did (a user id).
    #[param(minimum = 1)]
    pub actor: Option<i64>,
}

/// List the audit log
///
/// Sign-ins and failed attempts (with the client's address), users created, changed
/// (which members; a role from and to) and deleted, tokens revoked, partners created,
/// changed and deleted, and deletions for good of content, media, terms and field groups:
/// who did it, from where and when, newest first. Each entry is written in the same
/// transaction as the change it records. Entries are kept for `--audit-days` (90 by
/// default). Administrators only (403). Paged with `page` and `per_page`.
#[utoipa::path(tag = "audit", params(PageParams, AuditParams),
    responses((status = 200, description = "A page of the audit log, newest first",
        body = crate::http::list::List<AuditEntryResponse>)),
    security(("bearer" = [])))]
#[get("/audit")]
pub async fn list_audit(
    req: HttpRequest,
    state: State,
    user: AuthUser,
    page: Query<PageParams>,
    params: Query<AuditParams>,
) -> Result<HttpResponse> {
    user.require_admin()?;
    if params.0.actor.is_some_and(|a| a < 1) {
        return Err(Error::invalid_query("actor", "must be a user id"));
    }
    let window = page.0.window()?;
    let (offset, per_page) = window.offset("audit entries")?;
    let filter = audit::Filter {
        action: params.0.action,
        actor: params.0.actor,
    };
    let (entries, total) = state
        .read(move |conn| audit::list(conn, &filter, offset, per_page))
        .await?;
    let listed = Listed {
        items: entries
            .into_iter()
            .map(AuditEntryResponse::from)
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

/// The audit entry of what a signed-in user asks for, from where they ask.
pub fn by(
    req: &HttpRequest,
    state: &State,
    user: &AuthUser,
    action: Action,
) -> crate::users::audit::Event {
    crate::users::audit::Event::new(
        Some(user.id),
        action,
        &crate::http::client::address(req, &state.config.trusted_proxies),
    )
}
