//! API tokens (`/api/v1/tokens`) and preview links (`/api/v1/previews`).

use std::time::Duration;

use actix_web::http::StatusCode;
use headpress::content::Role;
use serde_json::{Value, json};

use crate::support::TestApp;

async fn make_token(app: &TestApp, person: &str, body: Value) -> Value {
    let res = app
        .post("/api/v1/tokens")
        .bearer(person)
        .json(&body)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    res.json()
}

async fn draft(app: &TestApp, token: &str, title: &str) -> i64 {
    app.create_post(token, json!({"title": title})).await["id"]
        .as_i64()
        .unwrap()
}

/// A token acts for its user within its scopes: a write token writes its kind only, reads
/// as anonymous readers do without `read:drafts`, and never manages accounts or tokens.
#[actix_web::test]
async fn api_tokens_act_within_their_scopes() {
    let app = TestApp::new().await;
    let (editor_id, editor) = app.sign_in_as(Role::Editor).await;
    let secret = draft(&app, &editor, "Secret draft").await;

    let made = make_token(
        &app,
        &editor,
        json!({"name": "Importer", "scopes": ["write:posts"]}),
    )
    .await;
    let writer = made["token"].as_str().unwrap().to_owned();
    assert!(writer.starts_with("hpt_"), "{made}");
    assert!(writer.starts_with(made["prefix"].as_str().unwrap()));
    assert_eq!(made["user_id"], editor_id);
    assert_eq!(made["scopes"], json!(["write:posts"]));
    assert_eq!(made["last_used_at"], Value::Null);

    let res = app
        .post("/api/v1/posts")
        .bearer(&writer)
        .json(&json!({"title": "Imported", "status": "published"}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    assert_eq!(res.json()["author"], editor_id, "written as its user");
    // (Valid bodies: a body's own errors and the token's are found at the same time.)
    for (method, path, body) in [
        ("POST", "/api/v1/pages", json!({"title": "x"})),
        ("POST", "/api/v1/tags", json!({"name": "x"})),
        ("PATCH", "/api/v1/media/1", json!({"title": "x"})),
    ] {
        let res = app
            .request(method.parse().unwrap(), path)
            .bearer(&writer)
            .json(&body)
            .send()
            .await;
        let problem = res.problem(403, "forbidden");
        assert!(
            problem["detail"].as_str().unwrap().contains("scope"),
            "{path}: {problem}"
        );
    }
    let res = app
        .get(&format!("/api/v1/posts/{secret}"))
        .bearer(&writer)
        .send()
        .await;
    res.problem(404, "not_found");
    let res = app.get("/api/v1/posts").bearer(&writer).send().await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        !res.ids().contains(&secret),
        "no drafts without read:drafts"
    );
    let res = app.get("/api/v1/users/me").bearer(&writer).send().await;
    assert_eq!(res.json()["id"], editor_id);
    for (method, path, body) in [
        (
            "POST",
            "/api/v1/tokens",
            json!({"name": "x", "scopes": ["read:drafts"]}),
        ),
        ("GET", "/api/v1/tokens", json!(null)),
        ("GET", "/api/v1/audit", json!(null)),
        ("PATCH", "/api/v1/users/me", json!({"name": "x"})),
        ("DELETE", "/api/v1/field-groups/1", json!(null)),
        (
            "POST",
            "/api/v1/previews",
            json!({"kind": "post", "item_id": secret}),
        ),
    ] {
        let mut req = app.request(method.parse().unwrap(), path).bearer(&writer);
        if !body.is_null() {
            req = req.json(&body);
        }
        let res = req.send().await;
        let problem = res.problem(403, "forbidden");
        assert!(
            problem["detail"].as_str().unwrap().contains("password"),
            "{method} {path}: {problem}"
        );
    }

    let reader = make_token(
        &app,
        &editor,
        json!({"name": "Preview build", "scopes": ["read:drafts"]}),
    )
    .await["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = app
        .get(&format!("/api/v1/posts/{secret}"))
        .bearer(&reader)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let res = app
        .get(&format!("/api/v1/posts/{secret}/revisions"))
        .bearer(&reader)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let res = app
        .patch(&format!("/api/v1/posts/{secret}"))
        .bearer(&reader)
        .json(&json!({"title": "Changed"}))
        .send()
        .await;
    res.problem(403, "forbidden");

    // Listed without the token itself; the use was noted.
    let mut used = Value::Null;
    for _ in 0..50 {
        let res = app.get("/api/v1/tokens").bearer(&editor).send().await;
        assert!(!res.text().contains(&writer));
        used = res.json()["data"][0]["last_used_at"].clone();
        if !used.is_null() {
            break;
        }
        actix_web::rt::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(used.is_string(), "last_used_at is noted");
    let res = app
        .get("/api/v1/audit?action=api_token_created")
        .bearer(&app.sign_in_as(Role::Admin).await.1)
        .send()
        .await;
    assert_eq!(res.json()["data"].as_array().unwrap().len(), 2);
}

/// Deleting a token stops it at once, on every node; an expired token stops by itself.
#[actix_web::test]
async fn deleted_and_expired_tokens_are_refused() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let made = make_token(
        &app,
        &editor,
        json!({"name": "CI", "scopes": ["read:drafts"]}),
    )
    .await;
    let token = made["token"].as_str().unwrap().to_owned();
    let other = app.second_node().await;
    let res = other.get("/api/v1/users/me").bearer(&token).send().await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let res = app
        .delete(&format!("/api/v1/tokens/{}", made["id"]))
        .bearer(&editor)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let res = other.get("/api/v1/users/me").bearer(&token).send().await;
    res.problem(401, "unauthorized");
    let res = app.get("/api/v1/posts").bearer(&token).send().await;
    res.problem(401, "unauthorized");

    let soon = chrono::Utc::now() + chrono::Duration::milliseconds(1200);
    let made = make_token(
        &app,
        &editor,
        json!({"name": "Short", "scopes": ["read:drafts"], "expires_at": soon.to_rfc3339()}),
    )
    .await;
    let token = made["token"].as_str().unwrap().to_owned();
    let res = app.get("/api/v1/users/me").bearer(&token).send().await;
    assert_eq!(res.status, StatusCode::OK);
    actix_web::rt::time::sleep(Duration::from_millis(1300)).await;
    let res = app.get("/api/v1/users/me").bearer(&token).send().await;
    let problem = res.problem(401, "unauthorized");
    assert!(problem["detail"].as_str().unwrap().contains("expired"));
}

/// Tokens are made with a name, known scopes and a future expiry; only administrators make
/// them for others, and people see only their own.
#[actix_web::test]
async fn tokens_are_checked_and_kept_to_their_owners() {
    let app = TestApp::new().await;
    let (author_id, author) = app.sign_in_as(Role::Author).await;
    let (admin_id, admin) = app.sign_in_as(Role::Admin).await;
    for (body, field) in [
        (json!({"name": "", "scopes": ["read:drafts"]}), "name"),
        (json!({"name": "x", "scopes": []}), "scopes"),
        (
            json!({"name": "x", "scopes": ["read:drafts"], "expires_at": "2020-01-01T00:00:00Z"}),
            "expires_at",
        ),
    ] {
        let res = app
            .post("/api/v1/tokens")
            .bearer(&author)
            .json(&body)
            .send()
            .await;
        assert_eq!(
            res.problem(422, "validation_failed")["errors"][0]["field"],
            field
        );
    }
    let res = app
        .post("/api/v1/tokens")
        .bearer(&author)
        .json(&json!({"name": "x", "scopes": ["write:everything"]}))
        .send()
        .await;
    res.problem(400, "invalid_body");
    let res = app
        .post("/api/v1/tokens")
        .bearer(&author)
        .json(&json!({"name": "x", "scopes": ["read:drafts"], "user_id": admin_id}))
        .send()
        .await;
    res.problem(403, "forbidden");

    let theirs = make_token(
        &app,
        &admin,
        json!({"name": "For the author", "scopes": ["write:media"], "user_id": author_id}),
    )
    .await;
    assert_eq!(theirs["user_id"], author_id);
    make_token(
        &app,
        &admin,
        json!({"name": "Mine", "scopes": ["read:drafts"]}),
    )
    .await;
    let res = app.get("/api/v1/tokens").bearer(&author).send().await;
    let listed = res.json();
    let names: Vec<&str> = listed["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["For the author"]);
    let res = app.get("/api/v1/tokens").bearer(&admin).send().await;
    assert_eq!(res.json()["data"].as_array().unwrap().len(), 2);
    let mine = res.json()["data"][1]["id"].clone();
    let res = app
        .delete(&format!("/api/v1/tokens/{mine}"))
        .bearer(&author)
        .send()
        .await;
    res.problem(404, "not_found");
}

/// A preview token reads its draft, as its maker sees it, and nothing else: other drafts
/// are 404 with it, writes are refused, and revoking it stops it at once.
#[actix_web::test]
async fn a_preview_token_reads_its_draft_and_nothing_else() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let (_, author) = app.sign_in_as(Role::Author).await;
    let shown = draft(&app, &editor, "Coming soon").await;
    let other = draft(&app, &editor, "Another draft").await;

    let res = app
        .post("/api/v1/previews")
        .bearer(&editor)
        .json(&json!({"kind": "post", "item_id": shown, "expires_in": 600}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let preview = res.json();
    let token = preview["token"].as_str().unwrap().to_owned();
    assert!(token.starts_with("hpp_"));
    assert!(
        preview["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/api/v1/posts/{shown}"))
    );

    app.get(&format!("/api/v1/posts/{shown}"))
        .send()
        .await
        .problem(404, "not_found");
    let res = app
        .get(&format!("/api/v1/posts/{shown}"))
        .bearer(&token)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert_eq!(res.json()["title"], "Coming soon");
    assert_eq!(res.json()["status"], "draft");
    assert_eq!(
        res.header("cache-control").as_deref(),
        Some("private, no-cache")
    );
    app.get(&format!("/api/v1/posts/{other}"))
        .bearer(&token)
        .send()
        .await
        .problem(404, "not_found");
    app.get(&format!("/api/v1/pages/{shown}"))
        .bearer(&token)
        .send()
        .await
        .problem(404, "not_found");
    let res = app.get("/api/v1/posts").bearer(&token).send().await;
    assert_eq!(
        res.ids(),
        Vec::<i64>::new(),
        "lists show what anonymous readers see"
    );
    let res = app
        .patch(&format!("/api/v1/posts/{shown}"))
        .bearer(&token)
        .json(&json!({"title": "Hijacked"}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{}", res.text());

    // People preview only what they may edit; API tokens cannot make previews.
    let res = app
        .post("/api/v1/previews")
        .bearer(&author)
        .json(&json!({"kind": "post", "item_id": shown}))
        .send()
        .await;
    res.problem(404, "not_found");
    let res = app
        .post("/api/v1/previews")
        .bearer(&editor)
        .json(&json!({"kind": "post", "item_id": shown, "expires_in": 10}))
        .send()
        .await;
    assert_eq!(
        res.problem(422, "validation_failed")["errors"][0]["field"],
        "expires_in"
    );

    let res = app
        .get(&format!("/api/v1/previews?item_id={shown}"))
        .bearer(&editor)
        .send()
        .await;
    assert_eq!(res.ids(), vec![preview["id"].as_i64().unwrap()]);
    assert!(!res.text().contains(&token));
    let res = app
        .delete(&format!("/api/v1/previews/{}", preview["id"]))
        .bearer(&editor)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    app.get(&format!("/api/v1/posts/{shown}"))
        .bearer(&token)
        .send()
        .await
        .problem(401, "unauthorized");
}

/// The OpenAPI document lists the scope each operation needs of an API token, and leaves
/// `apiToken` out where a person must sign in.
#[actix_web::test]
async fn the_document_lists_each_operations_scopes() {
    let app = TestApp::new().await;
    let doc = app.get("/api/v1/openapi.json").send().await.json();
    let security = |path: &str, method: &str| doc["paths"][path][method]["security"].clone();
    assert!(
        security("/api/v1/posts", "post")
            .as_array()
            .unwrap()
            .contains(&json!({"apiToken": ["write:posts"]}))
    );
    assert!(
        security("/api/v1/posts/{id}/revisions", "get")
            .as_array()
            .unwrap()
            .contains(&json!({"apiToken": ["read:drafts"]}))
    );
    assert!(
        security("/api/v1/users/me", "get")
            .as_array()
            .unwrap()
            .contains(&json!({"apiToken": []}))
    );
    for (path, method) in [("/api/v1/tokens", "post"), ("/api/v1/users", "post")] {
        assert!(
            !security(path, method).to_string().contains("apiToken"),
            "{path}"
        );
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["apiToken"]["bearerFormat"],
        "hpt_..."
    );
}
