//! `/auth/token` and `/users`: signing in, and managing the people who sign in.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::manage;
use crate::content::Role;
use crate::db::DbConn;
use crate::error::{Error, Result};
use crate::http::auth::{AuthUser, MaybeUser};
use crate::http::extract::{JsonBody, PathId, Query};
use crate::http::list::{List, PageParams, item_response, list_response};
use crate::http::state::State;
use crate::http::wire::utc;
use crate::users::manage::UserUpdate;
use crate::users::{self, CreateUser, User, throttle, token};

/// The public face of a user.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicUser {
    pub id: i64,
    pub name: String,
    pub slug: String,
}

impl From<&User> for PublicUser {
    fn from(u: &User) -> Self {
        PublicUser {
            id: u.id,
            name: u.display_name.clone(),
            slug: u.slug.clone(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    pub username: String,
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    /// A JWT to send as `Authorization: Bearer <token>`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    /// Seconds until the token expires.
    pub expires_in: u64,
}

/// A user. `username`, `email`, `role` and the dates are shown only to administrators
/// and to the user themselves.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserResponse {
    pub id: i64,
    pub name: String,
    pub slug: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Whether the user can sign in (imported authors have no password until one is set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub can_sign_in: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
}

impl UserResponse {
    fn public(u: &User) -> Self {
        UserResponse {
            id: u.id,
            name: u.display_name.clone(),
            slug: u.slug.clone(),
            username: None,
            email: None,
            role: None,
            can_sign_in: None,
            created_at: None,
            updated_at: None,
        }
    }

    fn full(u: &User) -> Self {
        UserResponse {
            username: Some(u.username.clone()),
            email: Some(u.email.clone()),
            role: Some(u.role),
            can_sign_in: Some(u.password_hash.is_some()),
            created_at: Some(utc(u.created_at)),
            updated_at: Some(utc(u.updated_at)),
            ..UserResponse::public(u)
        }
    }

    fn for_viewer(u: &User, viewer: Option<&AuthUser>) -> Self {
        match viewer {
            Some(v) if v.role == Role::Admin || v.id == u.id => UserResponse::full(u),
            _ => UserResponse::public(u),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUserRequest {
    #[schema(pattern = "^\\s*[A-Za-z0-9._-]{1,60}\\s*$")]
    pub username: String,
    /// At least 8 characters; without one the user cannot sign in.
    #[schema(min_length = 8, max_length = 1024)]
    pub password: Option<String>,
    /// Shown as the author's name (default: the username).
    #[schema(max_length = 200)]
    pub name: Option<String>,
    #[schema(
        pattern = "^\\s*$|^\\s*[^@\\s]+@[^@\\s.][^@\\s]*\\.[^@\\s]*[^@\\s.]\\s*$",
        max_length = 254
    )]
    pub email: Option<String>,
    pub role: Role,
}

/// Changes to a user. Users may change their own name, email and password; only
/// administrators change roles and other users.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub name: Option<String>,
    #[schema(
        pattern = "^\\s*$|^\\s*[^@\\s]+@[^@\\s.][^@\\s]*\\.[^@\\s]*[^@\\s.]\\s*$",
        max_length = 254
    )]
    pub email: Option<String>,
    #[schema(min_length = 8, max_length = 1024)]
    pub password: Option<String>,
    pub role: Option<Role>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeleteUserParams {
    /// Give the user's content to this user. Required when the user has content.
    #[param(minimum = 1)]
    pub reassign: Option<i64>,
}

fn client_address(req: &HttpRequest) -> String {
    req.peer_addr()
        .map_or_else(|| "unknown".to_owned(), |a| a.ip().to_string())
}

/// Signs in with a username and password, returning a bearer token. Repeated failures
/// for a username from one address (and many from one address) are refused for a while
/// with 429 and `Retry-After`.
#[utoipa::path(
    tag = "auth",
    request_body = TokenRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 401, description = "Wrong username or password", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait")))
    )
)]
#[post("/auth/token")]
pub async fn create_token(
    req: HttpRequest,
    state: State,
    body: JsonBody<TokenRequest>,
) -> Result<HttpResponse> {
    let address = client_address(&req);
    let username = body.0.username.trim().to_lowercase();
    let password = body.0.password;
    let now = crate::db::now();
    let (u, a) = (username.clone(), address.clone());
    if let Some(wait) = state
        .read(move |conn| throttle::blocked_for(conn, &u, &a, now))
        .await?
    {
        return Err(Error::RateLimited {
            retry_after_secs: wait,
        });
    }
    let u = username.clone();
    let user = state
        .read(move |conn| users::find_by_username(conn, &u))
        .await?;
    // Verify against a hash even when the user is unknown, so timing does not tell.
    let verified = web_block_verify(
        password,
        user.as_ref().and_then(|u| u.password_hash.clone()),
    )
    .await?;
    match user.filter(|_| verified) {
        Some(user) => {
            state
                .record(move |conn| throttle::clear(conn, &username, &address))
                .await?;
            let access_token = token::issue(&state.config.token_keys(), user.id, user.role)
                .map_err(Error::internal)?;
            let body = TokenResponse {
                access_token,
                token_type: "Bearer",
                expires_in: state.config.token_ttl,
            };
            let mut res = item_response(StatusCode::OK, &body, None);
            res.headers_mut().insert(
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("no-store"),
            );
            Ok(res)
        }
        None => {
            state
                .record(move |conn| throttle::record_failure(conn, &username, &address, now))
                .await?;
            Err(Error::Unauthorized("wrong username or password".into()))
        }
    }
}

async fn web_block_verify(password: String, hash: Option<String>) -> Result<bool> {
    actix_web::web::block(move || match hash {
        Some(h) => users::verify_password(&password, &h),
        None => {
            // A fixed hash of a random password: same work, never a match.
            users::verify_password(&password, users::dummy_hash());
            false
        }
    })
    .await
    .map_err(Error::internal)
}

/// The signed-in user.
#[utoipa::path(tag = "users", responses((status = 200, description = "You", body = UserResponse)), security(("bearer" = [])))]
#[get("/users/me")]
pub async fn get_me(state: State, user: AuthUser) -> Result<HttpResponse> {
    let id = user.id;
    let find = move |conn: &mut DbConn| {
        users::find(conn, id)?.ok_or_else(|| Error::not_found("no such user"))
    };
    manage::read(&state, find, |u| UserResponse::full(&u)).await
}

/// Lists users (administrators).
#[utoipa::path(tag = "users", params(PageParams),
    responses((status = 200, description = "A page of users", body = List<UserResponse>)),
    security(("bearer" = [])))]
#[get("/users")]
pub async fn list_users(
    req: HttpRequest,
    state: State,
    user: AuthUser,
    page: Query<PageParams>,
) -> Result<HttpResponse> {
    user.require_admin()?;
    let window = page.0.window()?;
    let w = window.clone();
    let listed = state
        .read(move |conn| users::manage::list(conn, &w))
        .await?;
    Ok(list_response(
        &req,
        &state.config.public_url,
        listed.map(|u| UserResponse::full(&u)),
        &window,
        None,
    ))
}

/// One user. Anyone may see the public face (id, name, slug) of a user who has
/// published content; administrators and the user themselves see everything.
#[utoipa::path(tag = "users", params(("id" = i64, Path, minimum = 1, description = "User id")),
    responses((status = 200, description = "The user", body = UserResponse)),
    security((), ("bearer" = [])))]
#[get("/users/{id}")]
pub async fn get_user(state: State, viewer: MaybeUser, id: PathId) -> Result<HttpResponse> {
    let privileged = viewer
        .0
        .as_ref()
        .is_some_and(|v| v.role.edits_all() || v.id == id.0);
    let find = move |conn: &mut DbConn| users::manage::find_visible(conn, id.0, privileged);
    manage::read(&state, find, |u| {
        UserResponse::for_viewer(&u, viewer.0.as_ref())
    })
    .await
}

/// Creates a user (administrators).
#[utoipa::path(tag = "users", request_body = CreateUserRequest,
    responses((status = 201, description = "Created", body = UserResponse)),
    security(("bearer" = [])))]
#[post("/users")]
pub async fn create_user(
    state: State,
    user: AuthUser,
    body: JsonBody<CreateUserRequest>,
) -> Result<HttpResponse> {
    user.require_admin()?;
    let b = body.0;
    let input = CreateUser {
        username: b.username,
        password: b.password,
        display_name: b.name.unwrap_or_default(),
        email: b.email.unwrap_or_default(),
        role: b.role,
    };
    let create = move |conn: &mut DbConn| users::create(conn, input);
    manage::create(
        &state,
        "users",
        create,
        |u| UserResponse::full(&u),
        |u| u.id,
    )
    .await
}

/// Changes a user (administrators; users may change their own name, email and password).
#[utoipa::path(tag = "users", params(("id" = i64, Path, minimum = 1, description = "User id")),
    request_body = UpdateUserRequest,
    responses((status = 200, description = "The changed user", body = UserResponse)),
    security(("bearer" = [])))]
#[patch("/users/{id}")]
pub async fn update_user(
    state: State,
    user: AuthUser,
    id: PathId,
    body: JsonBody<UpdateUserRequest>,
) -> Result<HttpResponse> {
    let id = id.0;
    let b = body.0;
    let update = UserUpdate {
        name: b.name,
        email: b.email,
        password: b.password,
        role: b.role,
    };
    let mut changes = users::manage::check_update((user.id, user.role), id, &update)?;
    if let Some(p) = update.password {
        changes.password_hash = Some(Some(
            actix_web::web::block(move || users::hash_password(&p))
                .await
                .map_err(Error::internal)??,
        ));
    }
    let update = move |conn: &mut DbConn| users::manage::update(conn, id, changes);
    manage::change(&state, update, |u| UserResponse::full(&u)).await
}

/// Deletes a user (administrators). A user with content needs `reassign`.
#[utoipa::path(tag = "users", params(("id" = i64, Path, minimum = 1, description = "User id"), DeleteUserParams),
    responses((status = 204, description = "Deleted")),
    security(("bearer" = [])))]
#[delete("/users/{id}")]
pub async fn delete_user(
    state: State,
    user: AuthUser,
    id: PathId,
    params: Query<DeleteUserParams>,
) -> Result<HttpResponse> {
    user.require_admin()?;
    let (actor, id, reassign) = (user.id, id.0, params.0.reassign);
    manage::remove(&state, move |conn| {
        users::manage::delete(conn, actor, id, reassign)
    })
    .await
}

use crate::http::problem::Problem;
