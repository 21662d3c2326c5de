//! User management (`/api/v1/users`), what each role may do to users, and the role checks
//! on posts.

use headpress::users::Role;
use serde_json::{Value, json};

use crate::support::{Res, TestApp};

const PASSWORD: &str = "correct horse battery";

async fn create_user(app: &TestApp, token: &str, body: Value) -> Res {
    app.post("/api/v1/users")
        .bearer(token)
        .json(&body)
        .send()
        .await
}

/// Creates a user through the API as `admin_token` and returns their JSON.
async fn new_user(app: &TestApp, admin_token: &str, username: &str, role: &str) -> Value {
    let res = create_user(
        app,
        admin_token,
        json!({"username": username, "password": PASSWORD, "name": username, "email": format!("{username}@example.com"), "role": role}),
    )
    .await;
    assert_eq!(
        res.status.as_u16(),
        201,
        "create user {username}: {}",
        res.text()
    );
    res.json()
}

async fn get_user(app: &TestApp, token: Option<&str>, id: i64) -> Res {
    let req = app.get(&format!("/api/v1/users/{id}"));
    match token {
        Some(t) => req.bearer(t).send().await,
        None => req.send().await,
    }
}

async fn patch_user(app: &TestApp, token: &str, id: i64, body: Value) -> Res {
    app.patch(&format!("/api/v1/users/{id}"))
        .bearer(token)
        .json(&body)
        .send()
        .await
}

async fn sign_in(app: &TestApp, username: &str, password: &str) -> Res {
    app.post("/api/v1/auth/token")
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
}

/// The signed-in user as they see themselves.
async fn me(app: &TestApp, token: &str) -> Value {
    let res = app.get("/api/v1/users/me").bearer(token).send().await;
    assert_eq!(res.status.as_u16(), 200, "{}", res.text());
    res.json()
}

async fn user_count(app: &TestApp, admin_token: &str) -> i64 {
    let res = app.get("/api/v1/users").bearer(admin_token).send().await;
    assert_eq!(res.status.as_u16(), 200, "{}", res.text());
    res.json()["meta"]["total"].as_i64().expect("meta.total")
}

async fn get_post(app: &TestApp, token: &str, id: i64) -> Value {
    let res = app
        .get(&format!("/api/v1/posts/{id}"))
        .bearer(token)
        .send()
        .await;
    assert_eq!(res.status.as_u16(), 200, "{}", res.text());
    res.json()
}

fn id_of(v: &Value) -> i64 {
    v["id"].as_i64().unwrap_or_else(|| panic!("no id: {v}"))
}

// --- what administrators do ----------------------------------------------------------

#[actix_web::test]
async fn admins_list_users() {
    let app = TestApp::new().await;
    let (admin, token) = app.sign_in_as(Role::Admin).await;
    let (editor, _) = app.sign_in_as(Role::Editor).await;
    let (author, _) = app.sign_in_as(Role::Author).await;

    let res = app.get("/api/v1/users").bearer(&token).send().await;
    assert_eq!(res.status.as_u16(), 200, "{}", res.text());
    assert_eq!(res.ids(), vec![admin, editor, author]);
    let body = res.json();
    assert_eq!(body["meta"]["total"], 3, "{body}");
    assert_eq!(body["meta"]["page"], 1, "{body}");
    let roles: Vec<&str> = body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["admin", "editor", "author"]);
    for u in body["data"].as_array().unwrap() {
        assert!(u["username"].is_string(), "{u}");
        assert!(
            u.get("password_hash").is_none() && u.get("password").is_none(),
            "{u}"
        );
    }
}

#[actix_web::test]
async fn the_user_list_pages() {
    let app = TestApp::new().await;
    let (admin, token) = app.sign_in_as(Role::Admin).await;
    let (a, _) = app.sign_in_as(Role::Author).await;
    let (b, _) = app.sign_in_as(Role::Author).await;

    let first = app
        .get("/api/v1/users?per_page=2")
        .bearer(&token)
        .send()
        .await;
    assert_eq!(first.ids(), vec![admin, a]);
    let meta = first.json()["meta"].clone();
    assert_eq!(meta["total"], 3, "{meta}");
    assert_eq!(meta["total_pages"], 2, "{meta}");
    assert_eq!(first.header("x-total-count").as_deref(), Some("3"));
    let second = app
        .get("/api/v1/users?per_page=2&page=2")
        .bearer(&token)
        .send()
        .await;
    assert_eq!(second.ids(), vec![b]);
    let cursor = meta["next_cursor"]
        .as_str()
        .expect("next_cursor")
        .to_owned();
    let next = app
        .get(&format!("/api/v1/users?per_page=2&cursor={cursor}"))
        .bearer(&token)
        .send()
        .await;
    assert_eq!(next.ids(), vec![b]);
    app.get("/api/v1/users?per_page=1000")
        .bearer(&token)
        .send()
        .await
        .problem(400, "invalid_query");
}

#[actix_web::test]
async fn admins_create_users() {
    let app = TestApp::new().await;
    let (_, token) = app.sign_in_as(Role::Admin).await;
    let res = create_user(
        &app,
        &token,
        json!({"username": "alice", "password": PASSWORD, "name": "Alice Liddell", "email": "alice@example.com", "role": "author"}),
    )
    .await;
    assert_eq!(res.status.as_u16(), 201, "{}", res.text());
    let user = res.json();
    let id = id_of(&user);
    let location = res.header("location").expect("Location header");
    assert!(
        location.ends_with(&format!("/api/v1/users/{id}")),
        "{location}"
    );
    assert_eq!(user["username"], "alice", "{user}");
    assert_eq!(user["name"], "Alice Liddell", "{user}");
    assert_eq!(user["slug"], "alice-liddell", "{user}");
    assert_eq!(user["email"], "alice@example.com", "{user}");
    assert_eq!(user["role"], "author", "{user}");
    assert!(
        user.get("password").is_none() && user.get("password_hash").is_none(),
        "{user}"
    );

    // The new user exists and can sign in with the password.
    let fetched = get_user(&app, Some(&token), id).await;
    assert_eq!(fetched.status.as_u16(), 200, "{}", fetched.text());
    assert_eq!(fetched.json()["username"], "alice");
    let signed_in = sign_in(&app, "alice", PASSWORD).await;
    assert_eq!(signed_in.status.as_u16(), 200, "{}", signed_in.text());
    let new_token = signed_in.json()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(me(&app, &new_token).await["id"], id);
}

#[actix_web::test]
async fn a_taken_username_is_a_conflict() {
    let app = TestApp::new().await;
    let (_, token) = app.sign_in_as(Role::Admin).await;
    new_user(&app, &token, "alice", "author").await;
    let before = user_count(&app, &token).await;
    for username in ["alice", "Alice", " ALICE "] {
        let res = create_user(
            &app,
            &token,
            json!({"username": username, "password": PASSWORD, "role": "editor"}),
        )
        .await;
        res.problem(409, "conflict");
    }
    assert_eq!(
        user_count(&app, &token).await,
        before,
        "nothing was created"
    );
}

#[actix_web::test]
async fn invalid_users_are_refused_naming_the_field() {
    let app = TestApp::new().await;
    let (_, token) = app.sign_in_as(Role::Admin).await;
    let before = user_count(&app, &token).await;
    let cases = [
        (
            "username",
            json!({"username": "not valid!", "password": PASSWORD, "role": "author"}),
        ),
        (
            "username",
            json!({"username": "", "password": PASSWORD, "role": "author"}),
        ),
        (
            "password",
            json!({"username": "bob", "password": "short", "role": "author"}),
        ),
        (
            "email",
            json!({"username": "bob", "password": PASSWORD, "email": "not-an-email", "role": "author"}),
        ),
        (
            "email",
            json!({"username": "bob", "password": PASSWORD, "email": "bob@localhost", "role": "author"}),
        ),
    ];
    for (field, body) in cases {
        let res = create_user(&app, &token, body.clone()).await;
        let p = res.problem(422, "validation_failed");
        assert_eq!(p["errors"][0]["field"], field, "{body} -> {p}");
    }
    assert_eq!(
        user_count(&app, &token).await,
        before,
        "nothing was created"
    );
}

#[actix_web::test]
async fn an_unknown_role_is_a_bad_request() {
    let app = TestApp::new().await;
    let (_, token) = app.sign_in_as(Role::Admin).await;
    let res = create_user(
        &app,
        &token,
        json!({"username": "bob", "password": PASSWORD, "role": "superuser"}),
    )
    .await;
    let p = res.problem(400, "invalid_body");
    assert_eq!(p["errors"][0]["field"], "role", "{p}");
}

#[actix_web::test]
async fn admins_change_roles_and_old_tokens_are_revoked() {
    let app = TestApp::new().await;
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let (author, author_token) = app.sign_in_as(Role::Author).await;
    // Authors may not list users ...
    app.get("/api/v1/users")
        .bearer(&author_token)
        .send()
        .await
        .problem(403, "forbidden");

    let res = patch_user(&app, &admin, author, json!({"role": "admin"})).await;
    assert_eq!(res.status.as_u16(), 200, "{}", res.text());
    assert_eq!(res.json()["role"], "admin");
    assert_eq!(
        get_user(&app, Some(&admin), author).await.json()["role"],
        "admin"
    );

    // ... and a role change revokes the tokens issued under the old role: the user signs
    // in again, and the new token carries the new role.
    let refused = app.get("/api/v1/users").bearer(&author_token).send().await;
    assert!(
        refused.problem(401, "unauthorized")["detail"]
            .as_str()
            .unwrap()
            .contains("revoked")
    );
}

#[actix_web::test]
async fn admins_change_other_users_details() {
    let app = TestApp::new().await;
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let bob = new_user(&app, &admin, "bob", "author").await;
    let res = patch_user(
        &app,
        &admin,
        id_of(&bob),
        json!({"name": "Robert", "email": "robert@example.com", "password": "a new password"}),
    )
    .await;
    assert_eq!(res.status.as_u16(), 200, "{}", res.text());
    let body = res.json();
    assert_eq!(body["name"], "Robert", "{body}");
    assert_eq!(body["email"], "robert@example.com", "{body}");
    assert_eq!(
        sign_in(&app, "bob", PASSWORD).await.status.as_u16(),
        401,
        "the old password is gone"
    );
    assert_eq!(
        sign_in(&app, "bob", "a new password").await.status.as_u16(),
        200
    );
}

#[actix_web::test]
async fn patching_a_missing_user_is_not_found() {
    let app = TestApp::new().await;
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    patch_user(&app, &admin, 999_999, json!({"name": "Nobody"}))
        .await
        .problem(404, "not_found");
}

#[actix_web::test]
async fn admins_delete_users_without_content() {
    let app = TestApp::new().await;
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let (author, author_token) = app.sign_in_as(Role::Author).await;
    let res = app
        .delete(&format!("/api/v1/users/{author}"))
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(res.status.as_u16(), 204, "{}", res.text());
    assert!(res.body.is_empty(), "204 has no body: {}", res.text());
    get_user(&app, Some(&admin), author)
        .await
        .problem(404, "not_found");
    // Their token stops working at once.
    let me = app
        .get("/api/v1/users/me")
        .bearer(&author_token)
        .send()
        .await;
    me.problem(401, "unauthorized");
    // Deleting again: there is nobody left.
    app.delete(&format!("/api/v1/users/{author}"))
        .bearer(&admin)
        .send()
        .await
        .problem(404, "not_found");
}

#[actix_web::test]
async fn deleting_a_user_with_posts_needs_reassign() {
    let app = TestApp::new().await;
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let (author, author_token) = app.sign_in_as(Role::Author).await;
    let (heir, _) = app.sign_in_as(Role::Editor).await;
    let published = app.published_post(&author_token, "Published").await;
    let draft = app
        .create_post(&author_token, json!({"title": "Draft"}))
        .await;

    let res = app
        .delete(&format!("/api/v1/users/{author}"))
        .bearer(&admin)
        .send()
        .await;
    let p = res.problem(409, "conflict");
    assert!(p["detail"].as_str().unwrap().contains("reassign"), "{p}");
    // Nothing happened.
    assert_eq!(
        get_user(&app, Some(&admin), author).await.status.as_u16(),
        200
    );
    assert_eq!(
        get_post(&app, &admin, id_of(&published)).await["author"],
        author
    );

    let res = app
        .delete(&format!("/api/v1/users/{author}?reassign={heir}"))
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(res.status.as_u16(), 204, "{}", res.text());
    get_user(&app, Some(&admin), author)
        .await
        .problem(404, "not_found");
    for post in [&published, &draft] {
        let post = get_post(&app, &admin, id_of(post)).await;
        assert_eq!(post["author"], heir, "{post}");
    }
    // The posts are still there for everyone, under the new author.
    let public = app
        .get(&format!("/api/v1/posts?author={heir}"))
        .send()
        .await;
    assert_eq!(public.ids(), vec![id_of(&published)]);
}

#[actix_web::test]
async fn reassign_must_name_another_existing_user() {
    let app = TestApp::new().await;
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let (author, author_token) = app.sign_in_as(Role::Author).await;
    let post = app.published_post(&author_token, "Mine").await;

    let res = app
        .delete(&format!("/api/v1/users/{author}?reassign={author}"))
        .bearer(&admin)
        .send()
        .await;
    let p = res.problem(400, "invalid_query");
    assert_eq!(p["errors"][0]["field"], "reassign", "{p}");
    let res = app
        .delete(&format!("/api/v1/users/{author}?reassign=999999"))
        .bearer(&admin)
        .send()
        .await;
    let p = res.problem(400, "invalid_query");
    assert_eq!(p["errors"][0]["field"], "reassign", "{p}");

    assert_eq!(
        get_user(&app, Some(&admin), author).await.status.as_u16(),
        200,
        "the user is still there"
    );
    assert_eq!(get_post(&app, &admin, id_of(&post)).await["author"], author);
}

#[actix_web::test]
async fn admins_cannot_delete_themselves() {
    let app = TestApp::new().await;
    let (admin, token) = app.sign_in_as(Role::Admin).await;
    let res = app
        .delete(&format!("/api/v1/users/{admin}"))
        .bearer(&token)
        .send()
        .await;
    res.problem(409, "conflict");
    assert_eq!(me(&app, &token).await["id"], admin, "still signed in");
}

// --- what others may not do ----------------------------------------------------------

/// The admin-only user routes, each with a body where one is needed.
fn admin_routes(other: i64) -> Vec<(&'static str, String, Option<Value>)> {
    vec![
        ("GET", "/api/v1/users".to_owned(), None),
        (
            "POST",
            "/api/v1/users".to_owned(),
            Some(json!({"username": "mallory", "password": PASSWORD, "role": "admin"})),
        ),
        (
            "PATCH",
            format!("/api/v1/users/{other}"),
            Some(json!({"name": "Hacked"})),
        ),
        (
            "PATCH",
            format!("/api/v1/users/{other}"),
            Some(json!({"role": "author"})),
        ),
        ("DELETE", format!("/api/v1/users/{other}"), None),
    ]
}

async fn call(
    app: &TestApp,
    method: &str,
    path: &str,
    body: Option<&Value>,
    token: Option<&str>,
) -> Res {
    let req = match method {
        "GET" => app.get(path),
        "POST" => app.post(path),
        "PATCH" => app.patch(path),
        "DELETE" => app.delete(path),
        _ => unreachable!(),
    };
    let req = match token {
        Some(t) => req.bearer(t),
        None => req,
    };
    let req = match body {
        Some(b) => req.json(b),
        None => req,
    };
    req.send().await
}

#[actix_web::test]
async fn editors_and_authors_may_not_manage_users() {
    let app = TestApp::new().await;
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let (other, _) = app.sign_in_as(Role::Editor).await;
    let before = user_count(&app, &admin).await;
    for role in [Role::Editor, Role::Author] {
        let (_, token) = app.sign_in_as(role).await;
        for (method, path, body) in admin_routes(other) {
            let res = call(&app, method, &path, body.as_ref(), Some(&token)).await;
            assert_eq!(
                res.status.as_u16(),
                403,
                "{role:?} {method} {path}: {}",
                res.text()
            );
            res.problem(403, "forbidden");
        }
    }
    // Nothing changed: no new user, the other user untouched.
    assert_eq!(user_count(&app, &admin).await, before + 2);
    let other = get_user(&app, Some(&admin), other).await.json();
    assert_eq!(other["role"], "editor", "{other}");
    assert_ne!(other["name"], "Hacked", "{other}");
}

#[actix_web::test]
async fn anonymous_callers_must_sign_in_to_manage_users() {
    let app = TestApp::new().await;
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let (other, _) = app.sign_in_as(Role::Editor).await;
    for (method, path, body) in admin_routes(other) {
        let res = call(&app, method, &path, body.as_ref(), None).await;
        assert_eq!(res.status.as_u16(), 401, "{method} {path}: {}", res.text());
        res.problem(401, "unauthorized");
        assert_eq!(
            res.header("www-authenticate").as_deref(),
            Some("Bearer"),
            "{method} {path}"
        );
    }
    assert_eq!(user_count(&app, &admin).await, 2);
}

// --- users changing themselves -------------------------------------------------------

#[actix_web::test]
async fn users_change_their_own_name_email_and_password() {
    let app = TestApp::new().await;
    let (id, token) = app.sign_in_as(Role::Author).await;
    let username = me(&app, &token).await["username"]
        .as_str()
        .unwrap()
        .to_owned();

    let res = patch_user(
        &app,
        &token,
        id,
        json!({"name": "Ada Lovelace", "email": "ada@example.com"}),
    )
    .await;
    assert_eq!(res.status.as_u16(), 200, "{}", res.text());
    let body = res.json();
    assert_eq!(body["name"], "Ada Lovelace", "{body}");
    assert_eq!(body["email"], "ada@example.com", "{body}");
    assert_eq!(body["role"], "author", "{body}");
    let mine = me(&app, &token).await;
    assert_eq!(mine["name"], "Ada Lovelace");
    assert_eq!(mine["email"], "ada@example.com");

    // No password yet: cannot sign in; after setting one, can.
    assert_eq!(
        sign_in(&app, &username, "a brand new password")
            .await
            .status
            .as_u16(),
        401
    );
    let res = patch_user(
        &app,
        &token,
        id,
        json!({"password": "a brand new password"}),
    )
    .await;
    assert_eq!(res.status.as_u16(), 200, "{}", res.text());
    let signed_in = sign_in(&app, &username, "a brand new password").await;
    assert_eq!(signed_in.status.as_u16(), 200, "{}", signed_in.text());
}

#[actix_web::test]
async fn own_changes_are_validated() {
    let app = TestApp::new().await;
    let (id, token) = app.sign_in_as(Role::Author).await;
    for (field, body) in [
        ("password", json!({"password": "short"})),
        ("email", json!({"email": "nope"})),
        ("name", json!({"name": "   "})),
    ] {
        let p = patch_user(&app, &token, id, body.clone())
            .await
            .problem(422, "validation_failed");
        assert_eq!(p["errors"][0]["field"], field, "{body} -> {p}");
    }
}

#[actix_web::test]
async fn users_cannot_change_their_own_role() {
    let app = TestApp::new().await;
    for role in [Role::Author, Role::Editor] {
        let (id, token) = app.sign_in_as(role).await;
        let res = patch_user(&app, &token, id, json!({"role": "admin"})).await;
        res.problem(403, "forbidden");
        // Not even together with an allowed change, and nothing of it is applied.
        let res = patch_user(&app, &token, id, json!({"name": "Sneaky", "role": "admin"})).await;
        res.problem(403, "forbidden");
        let mine = me(&app, &token).await;
        assert_eq!(mine["role"], role.as_str(), "{mine}");
        assert_ne!(mine["name"], "Sneaky", "{mine}");
    }
}

#[actix_web::test]
async fn users_cannot_change_other_users() {
    let app = TestApp::new().await;
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let (victim, _) = app.sign_in_as(Role::Author).await;
    for role in [Role::Author, Role::Editor] {
        let (_, token) = app.sign_in_as(role).await;
        for body in [
            json!({"name": "Hacked"}),
            json!({"password": "taken over!!"}),
            json!({"email": "evil@example.com"}),
        ] {
            patch_user(&app, &token, victim, body)
                .await
                .problem(403, "forbidden");
        }
    }
    let v = get_user(&app, Some(&admin), victim).await.json();
    assert_ne!(v["name"], "Hacked", "{v}");
    assert_ne!(v["email"], "evil@example.com", "{v}");
    assert_eq!(v["can_sign_in"], false, "{v}");
}

// --- reading a user ------------------------------------------------------------------

#[actix_web::test]
async fn anonymous_readers_see_only_the_public_face_of_published_authors() {
    let app = TestApp::new().await;
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let alice = new_user(&app, &admin, "alice", "author").await;
    let token = sign_in(&app, "alice", PASSWORD).await.json()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    app.published_post(&token, "Hello").await;

    let res = get_user(&app, None, id_of(&alice)).await;
    assert_eq!(res.status.as_u16(), 200, "{}", res.text());
    let public = res.json();
    assert_eq!(public["id"], alice["id"], "{public}");
    assert_eq!(public["name"], "alice", "{public}");
    assert_eq!(public["slug"], alice["slug"], "{public}");
    for private in [
        "username",
        "email",
        "role",
        "can_sign_in",
        "created_at",
        "updated_at",
        "password",
        "password_hash",
    ] {
        assert!(
            public.get(private).is_none(),
            "anonymous must not see `{private}`: {public}"
        );
    }
}

#[actix_web::test]
async fn users_without_published_content_do_not_exist_for_anonymous_readers() {
    let app = TestApp::new().await;
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let (nothing, _) = app.sign_in_as(Role::Author).await;
    let (drafter, drafter_token) = app.sign_in_as(Role::Author).await;
    app.create_post(&drafter_token, json!({"title": "Draft"}))
        .await;
    app.create_post(
        &drafter_token,
        json!({"title": "Private", "status": "private"}),
    )
    .await;
    let (scheduler, scheduler_token) = app.sign_in_as(Role::Author).await;
    app.create_post(
        &scheduler_token,
        json!({"title": "Later", "status": "published", "published_at": "2999-01-01T00:00:00Z"}),
    )
    .await;
    let (trasher, trasher_token) = app.sign_in_as(Role::Author).await;
    let gone = app.published_post(&trasher_token, "Gone").await;
    let res = app
        .delete(&format!("/api/v1/posts/{}", id_of(&gone)))
        .bearer(&trasher_token)
        .send()
        .await;
    assert_eq!(res.status.as_u16(), 200, "{}", res.text());

    for (what, id) in [
        ("no posts", nothing),
        ("drafts", drafter),
        ("scheduled", scheduler),
        ("trashed", trasher),
        ("missing", 999_999),
    ] {
        let res = get_user(&app, None, id).await;
        res.problem(404, "not_found");
        assert!(
            !res.text().contains("author-"),
            "{what}: the 404 must not leak the username: {}",
            res.text()
        );
    }
    // The admin sees them all.
    for id in [nothing, drafter, scheduler, trasher] {
        assert_eq!(get_user(&app, Some(&admin), id).await.status.as_u16(), 200);
    }
}

#[actix_web::test]
async fn admins_see_everything_about_a_user() {
    let app = TestApp::new().await;
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let bob = new_user(&app, &admin, "bob", "editor").await;
    let res = get_user(&app, Some(&admin), id_of(&bob)).await;
    assert_eq!(res.status.as_u16(), 200, "{}", res.text());
    let full = res.json();
    assert_eq!(full["username"], "bob", "{full}");
    assert_eq!(full["email"], "bob@example.com", "{full}");
    assert_eq!(full["role"], "editor", "{full}");
    assert_eq!(full["name"], "bob", "{full}");
    assert!(full.get("password_hash").is_none(), "{full}");
}

#[actix_web::test]
async fn users_see_everything_about_themselves_but_only_the_public_face_of_others() {
    let app = TestApp::new().await;
    let (me_id, token) = app.sign_in_as(Role::Author).await;
    let (other, other_token) = app.sign_in_as(Role::Author).await;
    app.published_post(&other_token, "Public").await;

    let mine = get_user(&app, Some(&token), me_id).await;
    assert_eq!(mine.status.as_u16(), 200, "{}", mine.text());
    let mine = mine.json();
    assert!(
        mine["username"].is_string() && mine["role"] == "author",
        "{mine}"
    );

    let theirs = get_user(&app, Some(&token), other).await;
    assert_eq!(theirs.status.as_u16(), 200, "{}", theirs.text());
    let theirs = theirs.json();
    for private in ["username", "email", "role"] {
        assert!(
            theirs.get(private).is_none(),
            "an author must not see another's `{private}`: {theirs}"
        );
    }
}

// --- role checks on posts ------------------------------------------------------------

#[actix_web::test]
async fn authors_cannot_change_or_delete_other_authors_posts() {
    let app = TestApp::new().await;
    let (_, alice) = app.sign_in_as(Role::Author).await;
    let (_, bob) = app.sign_in_as(Role::Author).await;
    let post = app.published_post(&alice, "Alice's").await;
    let path = format!("/api/v1/posts/{}", id_of(&post));

    app.patch(&path)
        .bearer(&bob)
        .json(&json!({"title": "Bob's now"}))
        .send()
        .await
        .problem(403, "forbidden");
    app.delete(&path)
        .bearer(&bob)
        .send()
        .await
        .problem(403, "forbidden");
    app.delete(&format!("{path}?force=true"))
        .bearer(&bob)
        .send()
        .await
        .problem(403, "forbidden");

    let now = get_post(&app, &alice, id_of(&post)).await;
    assert_eq!(now["title"], "Alice's", "{now}");
    assert_eq!(now["status"], "published", "{now}");
}

#[actix_web::test]
async fn authors_change_their_own_posts() {
    let app = TestApp::new().await;
    let (alice_id, alice) = app.sign_in_as(Role::Author).await;
    let post = app.create_post(&alice, json!({"title": "Draft"})).await;
    let path = format!("/api/v1/posts/{}", id_of(&post));
    let res = app
        .patch(&path)
        .bearer(&alice)
        .json(&json!({"title": "Better", "status": "published"}))
        .send()
        .await;
    assert_eq!(res.status.as_u16(), 200, "{}", res.text());
    let body = res.json();
    assert_eq!(body["title"], "Better", "{body}");
    assert_eq!(body["status"], "published", "{body}");
    assert_eq!(body["author"], alice_id, "{body}");
    let res = app.delete(&path).bearer(&alice).send().await;
    assert_eq!(res.status.as_u16(), 200, "{}", res.text());
    assert_eq!(res.json()["status"], "trash");
}

#[actix_web::test]
async fn editors_change_anyones_posts() {
    let app = TestApp::new().await;
    let (alice_id, alice) = app.sign_in_as(Role::Author).await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let published = app.published_post(&alice, "Alice's").await;
    let draft = app
        .create_post(&alice, json!({"title": "Alice's draft"}))
        .await;
    for post in [&published, &draft] {
        let path = format!("/api/v1/posts/{}", id_of(post));
        let res = app
            .patch(&path)
            .bearer(&editor)
            .json(&json!({"title": "Edited"}))
            .send()
            .await;
        assert_eq!(res.status.as_u16(), 200, "{}", res.text());
        let body = res.json();
        assert_eq!(body["title"], "Edited", "{body}");
        assert_eq!(
            body["author"], alice_id,
            "editing does not change the author: {body}"
        );
    }
    let res = app
        .delete(&format!("/api/v1/posts/{}", id_of(&draft)))
        .bearer(&editor)
        .send()
        .await;
    assert_eq!(res.status.as_u16(), 200, "{}", res.text());
}

#[actix_web::test]
async fn only_editors_may_name_someone_else_as_the_author() {
    let app = TestApp::new().await;
    let (alice_id, alice) = app.sign_in_as(Role::Author).await;
    let (bob_id, bob) = app.sign_in_as(Role::Author).await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;

    // An author may not write as someone else ...
    let res = app
        .post("/api/v1/posts")
        .bearer(&bob)
        .json(&json!({"title": "As Alice", "author": alice_id}))
        .send()
        .await;
    res.problem(403, "forbidden");
    // ... nor give their own post away ...
    let own = app.create_post(&bob, json!({"title": "Bob's"})).await;
    let path = format!("/api/v1/posts/{}", id_of(&own));
    app.patch(&path)
        .bearer(&bob)
        .json(&json!({"author": alice_id}))
        .send()
        .await
        .problem(403, "forbidden");
    assert_eq!(get_post(&app, &bob, id_of(&own)).await["author"], bob_id);
    // ... but naming themselves is fine.
    let res = app
        .post("/api/v1/posts")
        .bearer(&bob)
        .json(&json!({"title": "As me", "author": bob_id}))
        .send()
        .await;
    assert_eq!(res.status.as_u16(), 201, "{}", res.text());

    // An editor may do both.
    let res = app
        .post("/api/v1/posts")
        .bearer(&editor)
        .json(&json!({"title": "For Alice", "author": alice_id}))
        .send()
        .await;
    assert_eq!(res.status.as_u16(), 201, "{}", res.text());
    assert_eq!(res.json()["author"], alice_id);
    let res = app
        .patch(&path)
        .bearer(&editor)
        .json(&json!({"author": alice_id}))
        .send()
        .await;
    assert_eq!(res.status.as_u16(), 200, "{}", res.text());
    assert_eq!(res.json()["author"], alice_id);
    // Alice now owns it and can edit it; Bob no longer can.
    let res = app
        .patch(&path)
        .bearer(&alice)
        .json(&json!({"title": "Alice's now"}))
        .send()
        .await;
    assert_eq!(res.status.as_u16(), 200, "{}", res.text());
    let res = app
        .patch(&path)
        .bearer(&bob)
        .json(&json!({"title": "Mine again"}))
        .send()
        .await;
    assert!(matches!(res.status.as_u16(), 403 | 404), "{}", res.text());
}

#[actix_web::test]
async fn the_author_must_exist() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let res = app
        .post("/api/v1/posts")
        .bearer(&editor)
        .json(&json!({"title": "Ghost", "author": 999_999}))
        .send()
        .await;
    let p = res.problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "author", "{p}");
}

#[actix_web::test]
async fn admins_cannot_demote_themselves_and_reassign_must_be_an_id() {
    let app = TestApp::new().await;
    let (admin_id, admin) = app.sign_in_as(Role::Admin).await;
    let res = app
        .patch(&format!("/api/v1/users/{admin_id}"))
        .bearer(&admin)
        .json(&json!({"role": "author"}))
        .send()
        .await;
    assert_eq!(res.problem(409, "conflict")["errors"][0]["field"], "role");
    let (other, _) = app.sign_in_as(Role::Author).await;
    let res = app
        .delete(&format!("/api/v1/users/{other}?reassign=-5"))
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(
        res.problem(400, "invalid_query")["errors"][0]["field"],
        "reassign"
    );
    assert_eq!(
        app.get("/api/v1/users/me")
            .bearer(&admin)
            .send()
            .await
            .json()["role"],
        "admin"
    );
}
