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
use crate::users::audit::{self, Action};
use crate::users::manage::UserUpdate;
use crate::users::{self, CreateUser, User, throttle, token};

/// The public face of a user: what anyone may see of an author.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicUser {
    /// The user's id.
    pub id: i64,
    /// The name shown as the author's.
    pub name: String,
    /// The address name of the author's page, unique among users.
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

/// A username and password to sign in with.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// The username, ignoring case and surrounding spaces.
    pub username: String,
    /// The password.
    pub password: String,
}

/// A bearer token for the signed-in user.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    /// A JWT to send as `Authorization: Bearer <token>`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    /// Seconds until the token expires (3600 by default); then sign in again.
    pub expires_in: u64,
}

/// A user. `username`, `email`, `role` and the dates are shown only to administrators
/// and to the user themselves.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserResponse {
    /// The user's id.
    pub id: i64,
    /// The name shown as the author's.
    pub name: String,
    /// The address name of the author's page, unique among users.
    pub slug: String,
    /// The name to sign in with, lower case (administrators and the user only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// The email address, or empty (administrators and the user only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// What the user may do (administrators and the user only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Whether the user can sign in (imported authors have no password until one is set;
    /// administrators and the user only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub can_sign_in: Option<bool>,
    /// When the user was created (administrators and the user only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DateTime<Utc>>,
    /// When the user last changed (administrators and the user only).
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

/// A new user.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUserRequest {
    /// The name to sign in with: letters, digits, `.`, `_` and `-`, stored in lower case;
    /// one already taken is 409.
    #[schema(pattern = "^\\s*[A-Za-z0-9._-]{1,60}\\s*$")]
    pub username: String,
    /// At least 8 characters. Default: none, and the user cannot sign in until one is set.
    #[schema(min_length = 8, max_length = 1024)]
    pub password: Option<String>,
    /// Shown as the author's name. Default: the username.
    #[schema(max_length = 200)]
    pub name: Option<String>,
    /// An email address. Default: empty.
    #[schema(
        pattern = "^\\s*$|^\\s*[^@\\s]+@[^@\\s.][^@\\s]*\\.[^@\\s]*[^@\\s.]\\s*$",
        max_length = 254
    )]
    pub email: Option<String>,
    /// What the user may do.
    pub role: Role,
}

/// Changes to a user. Users may change their own name, email and password; only
/// administrators change roles and other users.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    /// Shown as the author's name (trimmed, not empty).
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub name: Option<String>,
    /// An email address; empty removes it.
    #[schema(
        pattern = "^\\s*$|^\\s*[^@\\s]+@[^@\\s.][^@\\s]*\\.[^@\\s]*[^@\\s.]\\s*$",
        max_length = 254
    )]
    pub email: Option<String>,
    /// A new password, at least 8 characters. It revokes the user's tokens: they sign in
    /// again with it.
    #[schema(min_length = 8, max_length = 1024)]
    pub password: Option<String>,
    /// Your current password: needed to change your own password (422 when missing or
    /// wrong); not needed to set a first one, nor by an admin changing another user's.
    #[schema(max_length = 1024)]
    pub current_password: Option<String>,
    /// A new role (administrators only; an administrator cannot take away their own role:
    /// 409). Another role revokes the user's tokens.
    pub role: Option<Role>,
}

/// What to do with a deleted user's content.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeleteUserParams {
    /// The id of the user to give the deleted user's content to. Required when the user
    /// has content (409 without it); must be another existing user (400).
    #[param(minimum = 1)]
    pub reassign: Option<i64>,
}

/// Sign in
///
/// Exchanges a username and password for a bearer token (a JWT) to send as
/// `Authorization: Bearer <access_token>`; it lasts `expires_in` seconds. A wrong username
/// or password is 401, with no hint of which was wrong.
///
/// Failed attempts are throttled: after 5 failures for one username from one address (or
/// 30 from one address) within 15 minutes, attempts are refused with 429 and
/// `Retry-After` until the window ends. A success clears the count for that username and
/// address.
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
    let address = crate::http::client::address(&req, &state.config.trusted_proxies);
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
            let event =
                audit::Event::new(Some(user.id), Action::SignIn, &address).target("user", user.id);
            state
                .record(move |conn| {
                    throttle::clear(conn, &username, &address)?;
                    audit::record(conn, event)
                })
                .await?;
            let access_token = token::issue(
                &state.config.token_keys(),
                user.id,
                user.role,
                user.token_version,
            )
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
            let event = audit::Event::new(None, Action::SignInFailed, &address)
                .detail(format!("username `{username}`"));
            state
                .record(move |conn| {
                    throttle::record_failure(conn, &username, &address, now)?;
                    audit::record(conn, event)
                })
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

/// Get the signed-in user
///
/// Returns the user the bearer token belongs to, with every member (`username`, `email`,
/// `role`, ...). Without a valid token it is 401.
#[utoipa::path(tag = "users", responses((status = 200, description = "You", body = UserResponse)), security(("bearer" = [])))]
#[get("/users/me")]
pub async fn get_me(state: State, user: AuthUser) -> Result<HttpResponse> {
    let id = user.id;
    let find = move |conn: &mut DbConn| {
        users::find(conn, id)?.ok_or_else(|| Error::not_found("no such user"))
    };
    manage::read(&state, find, |u| UserResponse::full(&u)).await
}

/// List users
///
/// Returns a page of every user, oldest first, with every member, in a `{data, meta}`
/// envelope with `Link` and `X-Total-Count` headers. Only admins may (403). Page with
/// `page` and `per_page`, or with `cursor`.
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

/// Get a user
///
/// Returns a user. Anyone may see the public face (`id`, `name`, `slug`) of a user who
/// has published content; editors may see that of any user; admins and the user
/// themselves get every member. A user you may not see is 404.
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

/// Create a user
///
/// Creates a user and answers 201 with it and its URL in `Location`. Only admins may
/// (403). A username already taken is 409; a short password or a malformed email is 422.
/// The slug is made from the name.
#[utoipa::path(tag = "users", request_body = CreateUserRequest,
    responses((status = 201, description = "Created", body = UserResponse,
        headers(("Location" = String, description = "The new user's URL")))),
    security(("bearer" = [])))]
#[post("/users")]
pub async fn create_user(
    req: HttpRequest,
    state: State,
    user: AuthUser,
    body: JsonBody<CreateUserRequest>,
) -> Result<HttpResponse> {
    user.require_admin()?;
    let event = crate::api::audit::by(&req, &state, &user, Action::UserCreated);
    let b = body.0;
    let input = CreateUser {
        username: b.username,
        password: b.password,
        display_name: b.name.unwrap_or_default(),
        email: b.email.unwrap_or_default(),
        role: b.role,
    };
    let create = move |conn: &mut DbConn| {
        let u = users::create(conn, input)?;
        let detail = format!("`{}`, role {}", u.username, u.role.as_str());
        audit::record(conn, event.target("user", u.id).detail(detail))?;
        Ok(u)
    };
    manage::create(
        &state,
        "users",
        create,
        |u| UserResponse::full(&u),
        |u| u.id,
    )
    .await
}

/// Update a user
///
/// Changes the members sent (the others stay as they are) and answers with the user as
/// now stored. Admins may change anyone; other users only their own name, email and
/// password (403 for anything else). An admin cannot take away their own admin role (409):
/// another admin must. Changing your own password needs `current_password` (422 when it
/// is missing or wrong). A new password or another role revokes the user's tokens at once,
/// on every node, the one sent with this request included: sign in again.
#[utoipa::path(tag = "users", params(("id" = i64, Path, minimum = 1, description = "User id")),
    request_body = UpdateUserRequest,
    responses((status = 200, description = "The changed user", body = UserResponse)),
    security(("bearer" = [])))]
#[patch("/users/{id}")]
pub async fn update_user(
    req: HttpRequest,
    state: State,
    user: AuthUser,
    id: PathId,
    body: JsonBody<UpdateUserRequest>,
) -> Result<HttpResponse> {
    change_user(&req, state, user, id.0, body.0).await
}

/// Update your own account
///
/// The signed-in user's own name, email and password (`PATCH /api/v1/users/{id}` with your
/// own id does the same). A new password needs `current_password` (422 when it is missing
/// or wrong) and revokes every token of yours, this one included: sign in again with it.
#[utoipa::path(tag = "users",
    request_body = UpdateUserRequest,
    responses((status = 200, description = "Your account as now stored", body = UserResponse)),
    security(("bearer" = [])))]
#[patch("/users/me")]
pub async fn update_me(
    req: HttpRequest,
    state: State,
    user: AuthUser,
    body: JsonBody<UpdateUserRequest>,
) -> Result<HttpResponse> {
    let id = user.id;
    change_user(&req, state, user, id, body.0).await
}

async fn change_user(
    req: &HttpRequest,
    state: State,
    user: AuthUser,
    id: i64,
    b: UpdateUserRequest,
) -> Result<HttpResponse> {
    let event = crate::api::audit::by(req, &state, &user, Action::UserChanged);
    let update = UserUpdate {
        name: b.name,
        email: b.email,
        password: b.password,
        role: b.role,
    };
    let mut changes = users::manage::check_update((user.id, user.role), id, &update)?;
    if update.password.is_some() && user.id == id {
        // Whoever holds a token of yours must also know your password to change it (a
        // user who has none yet sets a first one without).
        let stored = state
            .read(move |conn| users::find(conn, id))
            .await?
            .and_then(|u| u.password_hash);
        if stored.is_some() {
            let Some(current) = b.current_password else {
                return Err(Error::invalid(
                    "current_password",
                    "is needed to change your own password",
                ));
            };
            if !web_block_verify(current, stored).await? {
                return Err(Error::invalid("current_password", "is not your password"));
            }
        }
    }
    if let Some(p) = update.password {
        changes.password_hash = Some(Some(
            actix_web::web::block(move || users::hash_password(&p))
                .await
                .map_err(Error::internal)??,
        ));
    }
    let update = move |conn: &mut DbConn| {
        let before = users::find(conn, id)?;
        let mut changed = Vec::new();
        if changes.display_name.is_some() {
            changed.push("name".to_owned());
        }
        if changes.email.is_some() {
            changed.push("email".to_owned());
        }
        if changes.password_hash.is_some() {
            changed.push("password".to_owned());
        }
        if let (Some(to), Some(before)) = (changes.role, &before)
            && to != before.role
        {
            changed.push(format!("role {} to {}", before.role.as_str(), to.as_str()));
        }
        let after = users::manage::update(conn, id, changes)?;
        audit::record(conn, event.target("user", id).detail(changed.join(", ")))?;
        Ok(after)
    };
    manage::change(&state, update, |u| UserResponse::full(&u)).await
}

/// Sign a user out everywhere
///
/// Revokes every token of the user at once, on every node: requests with them get 401,
/// and the user signs in again. Admins may do it for anyone, other users for themselves
/// (403). Answers 204.
#[utoipa::path(tag = "users", params(("id" = i64, Path, minimum = 1, description = "User id")),
    responses((status = 204, description = "Every token of the user is revoked")),
    security(("bearer" = [])))]
#[post("/users/{id}/revoke-tokens")]
pub async fn revoke_user_tokens(
    req: HttpRequest,
    state: State,
    user: AuthUser,
    id: PathId,
) -> Result<HttpResponse> {
    let id = id.0;
    if user.role != Role::Admin && user.id != id {
        return Err(Error::Forbidden(
            "only administrators may sign other users out".into(),
        ));
    }
    let event = crate::api::audit::by(&req, &state, &user, Action::TokensRevoked);
    state
        .write(move |conn| {
            users::revoke_tokens(conn, id)?;
            audit::record(conn, event.target("user", id))
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Delete a user
///
/// Deletes a user for good and answers 204. Only admins may (403), and not themselves
/// (409). A user who authored content needs `reassign`, the id of the user to give it to
/// (409 without it); their revisions stay, with no author.
#[utoipa::path(tag = "users", params(("id" = i64, Path, minimum = 1, description = "User id"), DeleteUserParams),
    responses((status = 204, description = "Deleted")),
    security(("bearer" = [])))]
#[delete("/users/{id}")]
pub async fn delete_user(
    req: HttpRequest,
    state: State,
    user: AuthUser,
    id: PathId,
    params: Query<DeleteUserParams>,
) -> Result<HttpResponse> {
    user.require_admin()?;
    let (actor, id, reassign) = (user.id, id.0, params.0.reassign);
    let event = crate::api::audit::by(&req, &state, &user, Action::UserDeleted);
    manage::remove(&state, move |conn| {
        let gone = users::find(conn, id)?;
        users::manage::delete(conn, actor, id, reassign)?;
        let mut detail = gone
            .map(|u| format!("`{}`", u.username))
            .unwrap_or_default();
        if let Some(to) = reassign {
            detail.push_str(&format!(", content given to user {to}"));
        }
        audit::record(conn, event.target("user", id).detail(detail))
    })
    .await
}

use crate::http::problem::Problem;
