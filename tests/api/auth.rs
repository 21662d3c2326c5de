//! Signing in (`POST /api/v1/auth/token`), throttling of failed sign-ins, and every way a
//! bearer token can be refused.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use headpress::users::token::Claims;
use headpress::users::{self, CreateUser, Role};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

use crate::support::{Res, TestApp};

const PASSWORD: &str = "correct horse battery";

/// Creates a user who can sign in with `password`; returns their id.
fn user_with_password(app: &TestApp, username: &str, password: &str, role: Role) -> i64 {
    app.db(|c| {
        users::create(
            c,
            CreateUser {
                username: username.into(),
                password: Some(password.into()),
                display_name: username.into(),
                email: format!("{username}@example.com"),
                role,
            },
        )
    })
    .expect("create user")
    .id
}

/// A user who was created without a password (an imported author); returns their id.
fn user_without_password(app: &TestApp, username: &str) -> i64 {
    app.db(|c| {
        users::create(
            c,
            CreateUser {
                username: username.into(),
                password: None,
                display_name: username.into(),
                email: String::new(),
                role: Role::Author,
            },
        )
    })
    .expect("create user")
    .id
}

async fn sign_in(app: &TestApp, username: &str, password: &str) -> Res {
    app.post("/api/v1/auth/token")
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
}

async fn sign_in_from(app: &TestApp, peer: &str, username: &str, password: &str) -> Res {
    app.post("/api/v1/auth/token")
        .peer(peer)
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
}

/// Asserts a 401 `unauthorized` problem that tells the client to use a bearer token.
fn assert_unauthorized(res: &Res, what: &str) -> Value {
    assert_eq!(
        res.status.as_u16(),
        401,
        "{what}: expected 401, got {}: {}",
        res.status,
        res.text()
    );
    let p = res.problem(401, "unauthorized");
    assert_eq!(
        res.header("www-authenticate").as_deref(),
        Some("Bearer"),
        "{what}: WWW-Authenticate"
    );
    p
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Claims that the server would accept for this user, to be spoiled one at a time.
fn good_claims(app: &TestApp, user_id: i64, role: Role) -> Claims {
    let now = now();
    Claims {
        sub: user_id.to_string(),
        role,
        iat: now,
        nbf: now,
        exp: now + 3600,
        iss: app.state.config.issuer.clone(),
        ver: 0,
    }
}

fn sign(claims: &Claims, algorithm: Algorithm, secret: &[u8]) -> String {
    jsonwebtoken::encode(
        &Header::new(algorithm),
        claims,
        &EncodingKey::from_secret(secret),
    )
    .expect("encode token")
}

/// Signed as the server signs: HS256 with the configured secret.
fn sign_hs256(app: &TestApp, claims: &Claims) -> String {
    sign(claims, Algorithm::HS256, &app.state.config.jwt_secret)
}

/// A token with `alg: none` and an empty signature.
fn unsigned(claims: &Claims) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).expect("claims"));
    format!("{header}.{payload}.")
}

/// Sends this `Authorization` header to a route that needs a token and to a public route;
/// both must refuse it.
async fn assert_refused_everywhere(app: &TestApp, authorization: &str, what: &str) {
    let me = app
        .get("/api/v1/users/me")
        .header("authorization", authorization)
        .send()
        .await;
    assert_unauthorized(&me, &format!("{what} on /users/me"));
    let posts = app
        .get("/api/v1/posts")
        .header("authorization", authorization)
        .send()
        .await;
    assert_unauthorized(&posts, &format!("{what} on /posts (public)"));
}

async fn assert_token_refused(app: &TestApp, token: &str, what: &str) {
    assert_refused_everywhere(app, &format!("Bearer {token}"), what).await;
}

// --- signing in -------------------------------------------------------------------

#[actix_web::test]
async fn sign_in_returns_a_bearer_token_that_works() {
    let app = TestApp::new().await;
    let id = user_with_password(&app, "alice", PASSWORD, Role::Editor);

    let res = sign_in(&app, "alice", PASSWORD).await;
    assert_eq!(res.status.as_u16(), 200, "{}", res.text());
    assert!(
        res.header("content-type")
            .is_some_and(|c| c.starts_with("application/json")),
        "{:?}",
        res.headers
    );
    assert_eq!(res.header("cache-control").as_deref(), Some("no-store"));
    let body = res.json();
    assert_eq!(body["token_type"], "Bearer", "{body}");
    assert_eq!(body["expires_in"], 3600, "{body}");
    let token = body["access_token"]
        .as_str()
        .expect("access_token is a string");
    assert_eq!(token.split('.').count(), 3, "a JWT: {token}");

    let me = app.get("/api/v1/users/me").bearer(token).send().await;
    assert_eq!(me.status.as_u16(), 200, "{}", me.text());
    let me = me.json();
    assert_eq!(me["id"], id, "{me}");
    assert_eq!(me["username"], "alice", "{me}");
    assert_eq!(me["role"], "editor", "{me}");
}

#[actix_web::test]
async fn usernames_are_matched_without_regard_to_case() {
    let app = TestApp::new().await;
    let id = user_with_password(&app, "Alice", PASSWORD, Role::Author);
    for name in ["alice", "ALICE", " Alice "] {
        let res = sign_in(&app, name, PASSWORD).await;
        assert_eq!(res.status.as_u16(), 200, "{name:?}: {}", res.text());
        let token = res.json()["access_token"].as_str().unwrap().to_owned();
        let me = app
            .get("/api/v1/users/me")
            .bearer(&token)
            .send()
            .await
            .json();
        assert_eq!(me["id"], id, "{me}");
        assert_eq!(me["username"], "alice", "{me}");
    }
}

#[actix_web::test]
async fn users_me_needs_a_token() {
    let app = TestApp::new().await;
    let res = app.get("/api/v1/users/me").send().await;
    assert_unauthorized(&res, "no token");
}

#[actix_web::test]
async fn wrong_password_is_refused() {
    let app = TestApp::new().await;
    user_with_password(&app, "alice", PASSWORD, Role::Author);
    let res = sign_in(&app, "alice", "not the password").await;
    let p = assert_unauthorized(&res, "wrong password");
    assert!(p.get("access_token").is_none(), "{p}");
}

#[actix_web::test]
async fn unknown_user_is_refused_like_a_wrong_password() {
    let app = TestApp::new().await;
    user_with_password(&app, "alice", PASSWORD, Role::Author);
    let unknown = sign_in(&app, "nobody", PASSWORD).await;
    let p_unknown = assert_unauthorized(&unknown, "unknown user");
    let wrong = sign_in(&app, "alice", "not the password").await;
    let p_wrong = assert_unauthorized(&wrong, "wrong password");
    // The answer must not tell which usernames exist.
    assert_eq!(p_unknown["detail"], p_wrong["detail"]);
}

#[actix_web::test]
async fn a_user_without_a_password_cannot_sign_in() {
    let app = TestApp::new().await;
    user_without_password(&app, "imported");
    for password in ["", "anything-at-all", PASSWORD] {
        let res = sign_in(&app, "imported", password).await;
        assert_unauthorized(&res, &format!("passwordless user with {password:?}"));
    }
}

// --- throttling -------------------------------------------------------------------

#[actix_web::test]
async fn five_failures_block_the_sixth_attempt_even_with_the_right_password() {
    let app = TestApp::new().await;
    user_with_password(&app, "alice", PASSWORD, Role::Author);
    for i in 1..=5 {
        let res = sign_in_from(&app, "10.0.0.1:1234", "alice", "wrong password").await;
        assert_unauthorized(&res, &format!("failure {i}"));
    }
    let res = sign_in_from(&app, "10.0.0.1:1234", "alice", PASSWORD).await;
    res.problem(429, "rate_limited");
    let retry = res.header("retry-after").expect("Retry-After header");
    let secs: u64 = retry
        .parse()
        .unwrap_or_else(|_| panic!("Retry-After is not a number of seconds: {retry:?}"));
    assert!(secs > 0 && secs <= 15 * 60, "Retry-After {secs}");
    assert!(res.json().get("access_token").is_none());

    // Still blocked: the blocked attempt did not let the count run out.
    let again = sign_in_from(&app, "10.0.0.1:5678", "alice", PASSWORD).await;
    again.problem(429, "rate_limited");
}

#[actix_web::test]
async fn throttling_is_per_address() {
    let app = TestApp::new().await;
    user_with_password(&app, "alice", PASSWORD, Role::Author);
    for _ in 0..5 {
        let res = sign_in_from(&app, "10.0.0.1:1234", "alice", "wrong password").await;
        assert_eq!(res.status.as_u16(), 401, "{}", res.text());
    }
    assert_eq!(
        sign_in_from(&app, "10.0.0.1:1234", "alice", PASSWORD)
            .await
            .status
            .as_u16(),
        429
    );
    let other = sign_in_from(&app, "10.0.0.2:1234", "alice", PASSWORD).await;
    assert_eq!(
        other.status.as_u16(),
        200,
        "another address is not blocked: {}",
        other.text()
    );
}

#[actix_web::test]
async fn throttling_is_per_username() {
    let app = TestApp::new().await;
    user_with_password(&app, "alice", PASSWORD, Role::Author);
    user_with_password(&app, "bob", PASSWORD, Role::Author);
    for _ in 0..5 {
        sign_in_from(&app, "10.0.0.1:1234", "alice", "wrong password").await;
    }
    let bob = sign_in_from(&app, "10.0.0.1:1234", "bob", PASSWORD).await;
    assert_eq!(
        bob.status.as_u16(),
        200,
        "another username is not blocked: {}",
        bob.text()
    );
}

#[actix_web::test]
async fn a_successful_sign_in_clears_the_count() {
    let app = TestApp::new().await;
    user_with_password(&app, "alice", PASSWORD, Role::Author);
    let peer = "10.0.0.1:1234";
    for _ in 0..4 {
        assert_eq!(
            sign_in_from(&app, peer, "alice", "wrong password")
                .await
                .status
                .as_u16(),
            401
        );
    }
    let ok = sign_in_from(&app, peer, "alice", PASSWORD).await;
    assert_eq!(ok.status.as_u16(), 200, "{}", ok.text());
    for i in 1..=4 {
        let res = sign_in_from(&app, peer, "alice", "wrong password").await;
        assert_eq!(
            res.status.as_u16(),
            401,
            "failure {i} after the success: {}",
            res.text()
        );
    }
    let ok = sign_in_from(&app, peer, "alice", PASSWORD).await;
    assert_eq!(
        ok.status.as_u16(),
        200,
        "4 failures since the last success are allowed: {}",
        ok.text()
    );
}

#[actix_web::test]
async fn throttling_counts_a_username_however_it_is_spelled() {
    let app = TestApp::new().await;
    user_with_password(&app, "alice", PASSWORD, Role::Author);
    for name in ["alice", "Alice", "ALICE", " alice ", "aLiCe"] {
        let res = sign_in_from(&app, "10.0.0.1:1234", name, "wrong password").await;
        assert_eq!(res.status.as_u16(), 401, "{}", res.text());
    }
    sign_in_from(&app, "10.0.0.1:1234", "alice", PASSWORD)
        .await
        .problem(429, "rate_limited");
}

#[actix_web::test]
async fn many_failures_from_one_address_block_every_username_there() {
    let app = TestApp::new().await;
    user_with_password(&app, "alice", PASSWORD, Role::Author);
    for i in 0..30 {
        let res = sign_in_from(
            &app,
            "10.0.0.9:1234",
            &format!("guess{i}"),
            "wrong password",
        )
        .await;
        assert_eq!(res.status.as_u16(), 401, "attempt {i}: {}", res.text());
    }
    let res = sign_in_from(&app, "10.0.0.9:1234", "alice", PASSWORD).await;
    res.problem(429, "rate_limited");
    assert!(
        res.header("retry-after")
            .is_some_and(|s| s.parse::<u64>().is_ok_and(|s| s > 0)),
        "{:?}",
        res.headers
    );
    let elsewhere = sign_in_from(&app, "10.0.0.10:1234", "alice", PASSWORD).await;
    assert_eq!(elsewhere.status.as_u16(), 200, "{}", elsewhere.text());
}

// --- refused tokens -----------------------------------------------------------------

#[actix_web::test]
async fn a_crafted_token_with_good_claims_is_accepted() {
    // The control for the tests below: the crafting itself is sound.
    let app = TestApp::new().await;
    let (id, _) = app.sign_in_as(Role::Author).await;
    let token = sign_hs256(&app, &good_claims(&app, id, Role::Author));
    let me = app.get("/api/v1/users/me").bearer(&token).send().await;
    assert_eq!(me.status.as_u16(), 200, "{}", me.text());
    assert_eq!(me.json()["id"], id);
    let posts = app.get("/api/v1/posts").bearer(&token).send().await;
    assert_eq!(posts.status.as_u16(), 200, "{}", posts.text());
}

#[actix_web::test]
async fn an_expired_token_is_refused() {
    let app = TestApp::new().await;
    let (id, _) = app.sign_in_as(Role::Author).await;
    let mut claims = good_claims(&app, id, Role::Author);
    claims.iat = now() - 7200;
    claims.nbf = now() - 7200;
    claims.exp = now() - 60;
    assert_token_refused(&app, &sign_hs256(&app, &claims), "expired token").await;
}

#[actix_web::test]
async fn a_token_that_is_not_valid_yet_is_refused() {
    let app = TestApp::new().await;
    let (id, _) = app.sign_in_as(Role::Author).await;
    let mut claims = good_claims(&app, id, Role::Author);
    claims.nbf = now() + 600;
    claims.exp = now() + 3600;
    assert_token_refused(&app, &sign_hs256(&app, &claims), "not-yet-valid token").await;
}

#[actix_web::test]
async fn a_token_signed_with_another_secret_is_refused() {
    let app = TestApp::new().await;
    let (id, _) = app.sign_in_as(Role::Admin).await;
    let claims = good_claims(&app, id, Role::Admin);
    let forged = sign(
        &claims,
        Algorithm::HS256,
        b"some-other-secret-of-at-least-32-bytes!!",
    );
    assert_token_refused(&app, &forged, "badly signed token").await;
}

#[actix_web::test]
async fn a_token_signed_with_another_algorithm_is_refused() {
    let app = TestApp::new().await;
    let (id, _) = app.sign_in_as(Role::Admin).await;
    let claims = good_claims(&app, id, Role::Admin);
    let hs512 = sign(&claims, Algorithm::HS512, &app.state.config.jwt_secret);
    assert_token_refused(&app, &hs512, "HS512 token").await;
}

#[actix_web::test]
async fn an_unsigned_token_is_refused() {
    let app = TestApp::new().await;
    let (id, _) = app.sign_in_as(Role::Admin).await;
    let claims = good_claims(&app, id, Role::Admin);
    assert_token_refused(&app, &unsigned(&claims), "alg none token").await;
}

#[actix_web::test]
async fn a_good_token_with_its_signature_swapped_is_refused() {
    let app = TestApp::new().await;
    let (author, author_token) = app.sign_in_as(Role::Author).await;
    let (_, admin_token) = app.sign_in_as(Role::Admin).await;
    // The author's claims raised to admin, with the author's valid signature.
    let claims = good_claims(&app, author, Role::Admin);
    let raised = sign_hs256(&app, &claims);
    let payload = raised.split('.').nth(1).unwrap();
    let parts: Vec<&str> = admin_token.split('.').collect();
    let spliced = format!(
        "{}.{}.{}",
        parts[0],
        payload,
        author_token.split('.').nth(2).unwrap()
    );
    assert_token_refused(&app, &spliced, "spliced token").await;
}

#[actix_web::test]
async fn garbage_tokens_are_refused() {
    let app = TestApp::new().await;
    for token in ["garbage", "a.b.c", "eyJhbGciOiJIUzI1NiJ9..", "Bearer", "😀"] {
        assert_token_refused(&app, token, &format!("garbage token {token:?}")).await;
    }
    // A scheme with no token at all.
    assert_refused_everywhere(&app, "Bearer", "`Bearer` alone").await;
    assert_refused_everywhere(&app, "Bearer    ", "`Bearer` and blanks").await;
}

#[actix_web::test]
async fn a_token_of_a_deleted_user_is_refused() {
    let app = TestApp::new().await;
    let (id, token) = app.sign_in_as(Role::Admin).await;
    assert_eq!(
        app.get("/api/v1/users/me")
            .bearer(&token)
            .send()
            .await
            .status
            .as_u16(),
        200
    );
    app.db(|c| {
        use diesel::prelude::*;
        diesel::delete(headpress::db::schema::users::table.find(id)).execute(c)
    })
    .expect("delete user");
    assert_token_refused(&app, &token, "token of a deleted user").await;
}

#[actix_web::test]
async fn another_scheme_is_refused() {
    let app = TestApp::new().await;
    let (_, token) = app.sign_in_as(Role::Admin).await;
    let basic = URL_SAFE_NO_PAD.encode("admin:password");
    assert_refused_everywhere(&app, &format!("Basic {basic}"), "Basic scheme").await;
    assert_refused_everywhere(&app, &format!("Token {token}"), "Token scheme").await;
    assert_refused_everywhere(&app, &token, "no scheme").await;
}

#[actix_web::test]
async fn a_token_from_another_issuer_is_refused() {
    let app = TestApp::new().await;
    let (id, _) = app.sign_in_as(Role::Admin).await;
    let mut claims = good_claims(&app, id, Role::Admin);
    claims.iss = "someone-else".into();
    assert_token_refused(&app, &sign_hs256(&app, &claims), "wrong issuer").await;
}

#[actix_web::test]
async fn a_token_whose_subject_is_not_a_user_id_is_refused() {
    let app = TestApp::new().await;
    let (id, _) = app.sign_in_as(Role::Admin).await;
    let mut claims = good_claims(&app, id, Role::Admin);
    claims.sub = "admin".into();
    assert_token_refused(&app, &sign_hs256(&app, &claims), "non-numeric subject").await;
    claims.sub = "999999".into();
    assert_token_refused(&app, &sign_hs256(&app, &claims), "subject of no user").await;
}

// --- bad requests to /auth/token -----------------------------------------------------

#[actix_web::test]
async fn malformed_json_is_a_bad_request() {
    let app = TestApp::new().await;
    let res = app
        .post("/api/v1/auth/token")
        .raw("application/json", r#"{"username": "alice", "password": "#)
        .send()
        .await;
    res.problem(400, "invalid_body");
    let res = app
        .post("/api/v1/auth/token")
        .raw("application/json", "not json")
        .send()
        .await;
    res.problem(400, "invalid_body");
}

#[actix_web::test]
async fn a_body_that_is_not_json_is_an_unsupported_media_type() {
    let app = TestApp::new().await;
    user_with_password(&app, "alice", PASSWORD, Role::Author);
    let body = json!({"username": "alice", "password": PASSWORD}).to_string();
    let res = app
        .post("/api/v1/auth/token")
        .raw("text/plain", body.clone())
        .send()
        .await;
    res.problem(415, "unsupported_media_type");
    let res = app
        .post("/api/v1/auth/token")
        .raw("application/x-www-form-urlencoded", "username=alice")
        .send()
        .await;
    res.problem(415, "unsupported_media_type");
}

#[actix_web::test]
async fn a_missing_member_is_named() {
    let app = TestApp::new().await;
    let res = app
        .post("/api/v1/auth/token")
        .json(&json!({"username": "alice"}))
        .send()
        .await;
    let p = res.problem(400, "invalid_body");
    assert_eq!(p["errors"][0]["field"], "password", "{p}");
    let res = app
        .post("/api/v1/auth/token")
        .json(&json!({"password": PASSWORD}))
        .send()
        .await;
    let p = res.problem(400, "invalid_body");
    assert_eq!(p["errors"][0]["field"], "username", "{p}");
}

#[actix_web::test]
async fn a_wrongly_typed_member_is_named() {
    let app = TestApp::new().await;
    let res = app
        .post("/api/v1/auth/token")
        .json(&json!({"username": "alice", "password": 12345678}))
        .send()
        .await;
    let p = res.problem(400, "invalid_body");
    assert_eq!(p["errors"][0]["field"], "password", "{p}");
    let res = app
        .post("/api/v1/auth/token")
        .json(&json!({"username": ["alice"], "password": PASSWORD}))
        .send()
        .await;
    let p = res.problem(400, "invalid_body");
    assert_eq!(p["errors"][0]["field"], "username", "{p}");
}

#[actix_web::test]
async fn a_body_that_is_not_an_object_is_a_bad_request() {
    // The body is an object with named members; a positional array is not a sign-in.
    let app = TestApp::new().await;
    user_with_password(&app, "alice", PASSWORD, Role::Author);
    let res = app
        .post("/api/v1/auth/token")
        .json(&json!(["alice", PASSWORD]))
        .send()
        .await;
    res.problem(400, "invalid_body");
    for body in [json!("alice"), json!(42), json!(null)] {
        app.post("/api/v1/auth/token")
            .json(&body)
            .send()
            .await
            .problem(400, "invalid_body");
    }
}

#[actix_web::test]
async fn bad_requests_do_not_count_as_failed_sign_ins() {
    // Only a wrong password counts towards the throttle, not a request that could not be read.
    let app = TestApp::new().await;
    user_with_password(&app, "alice", PASSWORD, Role::Author);
    for _ in 0..6 {
        let res = app
            .post("/api/v1/auth/token")
            .peer("10.0.0.1:1234")
            .json(&json!({"username": "alice"}))
            .send()
            .await;
        assert_eq!(res.status.as_u16(), 400, "{}", res.text());
    }
    let ok = sign_in_from(&app, "10.0.0.1:1234", "alice", PASSWORD).await;
    assert_eq!(ok.status.as_u16(), 200, "{}", ok.text());
}

async fn token_of(app: &TestApp, username: &str, password: &str) -> String {
    let res = sign_in(app, username, password).await;
    assert_eq!(res.status, 200, "{}", res.text());
    res.json()["access_token"].as_str().unwrap().to_owned()
}

async fn me(app: &TestApp, token: &str) -> Res {
    app.get("/api/v1/users/me").bearer(token).send().await
}

/// A new password revokes every token issued before it, the one that changed it included;
/// changing your own password needs the current one.
#[actix_web::test]
async fn a_password_change_revokes_the_tokens_issued_before() {
    let app = TestApp::new().await;
    user_with_password(&app, "amina", PASSWORD, Role::Author);
    let laptop = token_of(&app, "amina", PASSWORD).await;
    let phone = token_of(&app, "amina", PASSWORD).await;

    let res = app
        .patch("/api/v1/users/me")
        .bearer(&laptop)
        .json(&json!({"password": "a much better passphrase"}))
        .send()
        .await;
    assert_eq!(
        res.problem(422, "validation_failed")["errors"][0]["field"],
        "current_password"
    );
    let res = app
        .patch("/api/v1/users/me")
        .bearer(&laptop)
        .json(&json!({"password": "a much better passphrase", "current_password": "not it at all"}))
        .send()
        .await;
    res.problem(422, "validation_failed");
    assert_eq!(
        me(&app, &phone).await.status,
        200,
        "a refused change revokes nothing"
    );

    let res = app
        .patch("/api/v1/users/me")
        .bearer(&laptop)
        .json(&json!({"name": "Amina D.", "password": "a much better passphrase", "current_password": PASSWORD}))
        .send()
        .await;
    assert_eq!(res.status, 200, "{}", res.text());
    assert_eq!(res.json()["name"], "Amina D.");
    for old in [&laptop, &phone] {
        let refused = assert_unauthorized(&me(&app, old).await, "a token from before");
        assert!(
            refused["detail"].as_str().unwrap().contains("revoked"),
            "{refused}"
        );
    }
    assert_eq!(sign_in(&app, "amina", PASSWORD).await.status, 401);
    let fresh = token_of(&app, "amina", "a much better passphrase").await;
    assert_eq!(me(&app, &fresh).await.json()["name"], "Amina D.");
    // A name change alone keeps the tokens.
    let res = app
        .patch("/api/v1/users/me")
        .bearer(&fresh)
        .json(&json!({"name": "Amina Diallo"}))
        .send()
        .await;
    assert_eq!(res.status, 200, "{}", res.text());
    assert_eq!(me(&app, &fresh).await.status, 200);
}

/// A role change, or an administrator signing a user out everywhere, revokes the user's
/// tokens; users may sign themselves out everywhere, not others.
#[actix_web::test]
async fn role_changes_and_signing_out_everywhere_revoke_tokens() {
    let app = TestApp::new().await;
    let id = user_with_password(&app, "bruno", PASSWORD, Role::Editor);
    let other = user_with_password(&app, "chloe", PASSWORD, Role::Author);
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let token = token_of(&app, "bruno", PASSWORD).await;

    let res = app
        .patch(&format!("/api/v1/users/{id}"))
        .bearer(&admin)
        .json(&json!({"role": "author"}))
        .send()
        .await;
    assert_eq!(res.status, 200, "{}", res.text());
    assert_unauthorized(
        &me(&app, &token).await,
        "a token from before the role change",
    );
    // An admin sets a password without knowing the old one.
    let res = app
        .patch(&format!("/api/v1/users/{id}"))
        .bearer(&admin)
        .json(&json!({"password": "set by the administrator"}))
        .send()
        .await;
    assert_eq!(res.status, 200, "{}", res.text());

    let token = token_of(&app, "bruno", "set by the administrator").await;
    let res = app
        .post(&format!("/api/v1/users/{other}/revoke-tokens"))
        .bearer(&token)
        .send()
        .await;
    res.problem(403, "forbidden");
    let res = app
        .post(&format!("/api/v1/users/{id}/revoke-tokens"))
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(res.status, 204, "{}", res.text());
    assert_unauthorized(&me(&app, &token).await, "a token signed out everywhere");
    let token = token_of(&app, "bruno", "set by the administrator").await;
    let res = app
        .post(&format!("/api/v1/users/{id}/revoke-tokens"))
        .bearer(&token)
        .send()
        .await;
    assert_eq!(res.status, 204, "{}", res.text());
    assert_unauthorized(&me(&app, &token).await, "signed out by oneself");
    assert_eq!(me(&app, &admin).await.status, 200, "others keep theirs");
}

async fn sign_in_forwarded(app: &TestApp, forwarded_for: &str, password: &str) -> Res {
    app.post("/api/v1/auth/token")
        .peer("127.0.0.1:40000")
        .header("X-Forwarded-For", forwarded_for)
        .json(&json!({"username": "alice", "password": password}))
        .send()
        .await
}

/// Behind a trusted proxy, throttling keys on the address it forwards: one client's 30
/// failures do not lock out everyone behind the same proxy. From anyone else the header
/// is the client's own word, and is ignored.
#[actix_web::test]
async fn behind_a_trusted_proxy_throttling_keys_on_the_forwarded_address() {
    let app = TestApp::with_config(|c| {
        c.trusted_proxies = headpress::config::parse_networks("127.0.0.1").unwrap();
    })
    .await;
    user_with_password(&app, "alice", PASSWORD, Role::Author);
    for i in 0..30 {
        // Other usernames too, so that the per-address limit is what is reached.
        let res = app
            .post("/api/v1/auth/token")
            .peer("127.0.0.1:40000")
            .header("X-Forwarded-For", "198.51.100.1")
            .json(&json!({"username": format!("nobody{i}"), "password": "wrong password"}))
            .send()
            .await;
        assert_eq!(res.status.as_u16(), 401, "{}", res.text());
    }
    let blocked = sign_in_forwarded(&app, "198.51.100.1", PASSWORD).await;
    assert_eq!(blocked.status.as_u16(), 429, "{}", blocked.text());
    let other = sign_in_forwarded(&app, "198.51.100.2", PASSWORD).await;
    assert_eq!(other.status.as_u16(), 200, "{}", other.text());

    // An untrusted peer cannot pick its address with the header.
    let untrusted = TestApp::new().await;
    user_with_password(&untrusted, "alice", PASSWORD, Role::Author);
    for i in 0..30 {
        let res = untrusted
            .post("/api/v1/auth/token")
            .peer("192.0.2.7:40000")
            .header("X-Forwarded-For", &format!("203.0.113.{i}"))
            .json(&json!({"username": format!("nobody{i}"), "password": "wrong password"}))
            .send()
            .await;
        assert_eq!(res.status.as_u16(), 401, "{}", res.text());
    }
    let res = untrusted
        .post("/api/v1/auth/token")
        .peer("192.0.2.7:40000")
        .header("X-Forwarded-For", "203.0.113.200")
        .json(&json!({"username": "alice", "password": PASSWORD}))
        .send()
        .await;
    assert_eq!(res.status.as_u16(), 429, "{}", res.text());
}
