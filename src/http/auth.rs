//! Who is asking: the bearer-token extractors.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};

use crate::content::Viewer;
use crate::error::Error;
use crate::http::scopes::{self, Required};
use crate::http::state::AppState;
use crate::users::{self, Role, api_tokens, token};

/// A signed-in user, checked against the database on every request, so a deleted user's
/// token stops working at once, a role change applies at once, and a token revoked (its
/// version is not the user's) is refused at once, on every node.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: i64,
    pub role: Role,
}

impl AuthUser {
    pub fn viewer(&self) -> Viewer {
        Viewer::User {
            id: self.id,
            role: self.role,
        }
    }

    pub fn require_admin(&self) -> Result<(), Error> {
        if self.role == Role::Admin {
            Ok(())
        } else {
            Err(Error::Forbidden("only administrators may do this".into()))
        }
    }

    pub fn require_editor(&self) -> Result<(), Error> {
        if self.role.edits_all() {
            Ok(())
        } else {
            Err(Error::Forbidden(
                "only editors and administrators may do this".into(),
            ))
        }
    }
}

/// The reader of a public route: anonymous, or signed in. A token that is sent must be
/// valid, even where none is needed.
pub struct MaybeUser(pub Option<AuthUser>);

impl MaybeUser {
    pub fn viewer(&self) -> Viewer {
        self.0.as_ref().map_or(Viewer::Anonymous, AuthUser::viewer)
    }
}

fn bearer(req: &HttpRequest) -> Result<Option<String>, Error> {
    let Some(value) = req.headers().get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let value = value
        .to_str()
        .map_err(|_| Error::Unauthorized("the Authorization header is malformed".into()))?;
    match value.split_once(' ') {
        Some((scheme, token))
            if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() =>
        {
            Ok(Some(token.trim().to_owned()))
        }
        _ => Err(Error::Unauthorized(
            "expected `Authorization: Bearer <token>`".into(),
        )),
    }
}

async fn authenticate(req: HttpRequest) -> Result<Option<AuthUser>, Error> {
    let Some(token) = bearer(&req)? else {
        return Ok(None);
    };
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| Error::internal("application state missing"))?
        .clone();
    if token.starts_with(api_tokens::API_TOKEN_PREFIX) {
        return api_token(&req, &state, token).await;
    }
    if token.starts_with(api_tokens::PREVIEW_PREFIX) {
        return preview(&req, &state, token).await;
    }
    let (id, version) =
        token::verify(&state.config.token_keys(), &token).map_err(Error::Unauthorized)?;
    let user = state.read(move |conn| users::find(conn, id)).await?;
    match user {
        Some(user) if user.token_version != version => Err(Error::Unauthorized(
            "the token was revoked (a password or role change, or signing out everywhere); \
             sign in again"
                .into(),
        )),
        Some(user) => Ok(Some(AuthUser {
            id: user.id,
            role: user.role,
        })),
        None => Err(Error::Unauthorized(
            "the token's user no longer exists".into(),
        )),
    }
}

/// An API token's holder, within the token's scopes: a public read without `read:drafts`
/// is an anonymous one; an operation outside the scopes is 403.
async fn api_token(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    token: String,
) -> Result<Option<AuthUser>, Error> {
    let bearer = state
        .read(move |conn| api_tokens::authenticate(conn, &token))
        .await?
        .map_err(Error::Unauthorized)?;
    let now = crate::db::now();
    if bearer
        .last_used_at
        .is_none_or(|at| now - at > chrono::Duration::seconds(60))
    {
        // Bookkeeping, at most once a minute per token, off the request's way.
        let state = state.clone();
        let id = bearer.token_id;
        actix_web::rt::spawn(async move {
            let _ = state
                .record(move |conn| api_tokens::touch(conn, id, now))
                .await;
        });
    }
    let user = AuthUser {
        id: bearer.user_id,
        role: bearer.role,
    };
    let pattern = req.match_pattern().unwrap_or_default();
    match scopes::required(req.method(), &pattern) {
        Required::Public if bearer.scopes.contains(&api_tokens::Scope::ReadDrafts) => {
            Ok(Some(user))
        }
        Required::Public => Ok(None),
        Required::Holder => Ok(Some(user)),
        Required::Scope(scope) if bearer.scopes.contains(&scope) => Ok(Some(user)),
        Required::Scope(scope) => Err(Error::Forbidden(format!(
            "this API token lacks the `{}` scope",
            scope.as_str()
        ))),
        Required::Person => Err(Error::Forbidden(
            "API tokens cannot do this (accounts, tokens, partners, field groups, previews, \
             the audit log): sign in with a password"
                .into(),
        )),
    }
}

/// A preview token: on its item's own route, its maker (who may see the draft); anywhere
/// else, an anonymous reader.
async fn preview(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    token: String,
) -> Result<Option<AuthUser>, Error> {
    let opened = state
        .read(move |conn| api_tokens::open_preview(conn, &token))
        .await?
        .map_err(Error::Unauthorized)?;
    let own_route = matches!(
        *req.method(),
        actix_web::http::Method::GET | actix_web::http::Method::HEAD
    ) && req.match_pattern().as_deref()
        == Some(format!("/api/v1/{}/{{id}}", opened.kind.collection()).as_str())
        && req.match_info().get("id") == Some(opened.item_id.to_string().as_str());
    Ok(own_route.then_some(AuthUser {
        id: opened.user_id,
        role: opened.role,
    }))
}

impl FromRequest for MaybeUser {
    type Error = Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { authenticate(req).await.map(MaybeUser) })
    }
}

impl FromRequest for AuthUser {
    type Error = Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            authenticate(req).await?.ok_or_else(|| {
                Error::Unauthorized("sign in first: this needs a bearer token".into())
            })
        })
    }
}
