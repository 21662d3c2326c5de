//! Partner keys: registration, CORS for their origins, quotas.

use actix_web::http::StatusCode;
use headpress::users::Role;
use serde_json::{Value, json};

use crate::support::TestApp;

async fn app() -> (TestApp, String) {
    let app =
        TestApp::with_config(|c| c.cors_origins = vec!["https://hub.example.org".into()]).await;
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    (app, admin)
}

async fn partner(app: &TestApp, admin: &str, body: Value) -> Value {
    let res = app
        .post("/api/v1/partners")
        .bearer(admin)
        .json(&body)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let created = res.json();
    assert!(
        res.header("location")
            .is_some_and(|l| l.ends_with(&format!("/api/v1/partners/{}", created["id"]))),
        "a new partner's address is in Location"
    );
    created
}

#[actix_web::test]
async fn admins_register_partners_and_see_the_key_once() {
    let (app, admin) = app().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let p = partner(
        &app,
        &admin,
        json!({"name": "Ethical Trade Network", "origins": ["https://partner.example.org/"], "quota_per_minute": 100}),
    )
    .await;
    let key = p["key"].as_str().unwrap();
    assert!(key.starts_with("hp_") && key.len() > 40);
    assert_eq!(p["origins"], json!(["https://partner.example.org"]));
    assert_eq!(p["key_prefix"], &key[..10]);
    let listed = app
        .get("/api/v1/partners")
        .bearer(&admin)
        .send()
        .await
        .json();
    assert_eq!(listed["meta"]["total"], 1);
    assert!(
        listed["data"][0].get("key").is_none(),
        "the key is shown once only"
    );
    app.get("/api/v1/partners")
        .bearer(&editor)
        .send()
        .await
        .problem(403, "forbidden");
    app.get("/api/v1/partners")
        .send()
        .await
        .problem(401, "unauthorized");
    let bad = app
        .post("/api/v1/partners")
        .bearer(&admin)
        .json(&json!({"name": "x", "origins": ["partner.example.org/path"]}))
        .send()
        .await;
    assert_eq!(
        bad.problem(422, "validation_failed")["errors"][0]["field"],
        "origins[0]"
    );
    let changed = app
        .patch(&format!("/api/v1/partners/{}", p["id"]))
        .bearer(&admin)
        .json(&json!({"active": false}))
        .send()
        .await;
    assert_eq!(changed.json()["active"], false);
    // An inactive or unknown key is refused.
    app.get(&format!("/api/v1/posts?key={key}"))
        .send()
        .await
        .problem(401, "unauthorized");
    app.get("/api/v1/posts")
        .header("x-headpress-key", "hp_nope")
        .send()
        .await
        .problem(401, "unauthorized");
}

#[actix_web::test]
async fn a_key_lets_its_origins_through_cors() {
    let (app, admin) = app().await;
    let p = partner(
        &app,
        &admin,
        json!({"name": "P", "origins": ["https://partner.example.org"]}),
    )
    .await;
    let key = p["key"].as_str().unwrap();
    let acao = |res: &crate::support::Res| res.header("access-control-allow-origin");
    // The site's own origin, from the global setting.
    let own = app
        .get("/api/v1/posts")
        .header("origin", "https://hub.example.org")
        .send()
        .await;
    assert_eq!(acao(&own).as_deref(), Some("https://hub.example.org"));
    // The partner's origin: not without the key, yes with it (parameter or header).
    let without = app
        .get("/api/v1/posts")
        .header("origin", "https://partner.example.org")
        .send()
        .await;
    assert_eq!(acao(&without), None);
    let with = app
        .get(&format!("/api/v1/posts?key={key}"))
        .header("origin", "https://partner.example.org")
        .send()
        .await;
    assert_eq!(with.status, StatusCode::OK);
    assert_eq!(acao(&with).as_deref(), Some("https://partner.example.org"));
    let header = app
        .get("/api/v1/posts")
        .header("origin", "https://partner.example.org")
        .header("x-headpress-key", key)
        .send()
        .await;
    assert_eq!(
        acao(&header).as_deref(),
        Some("https://partner.example.org")
    );
    // Another origin with the partner's key stays out.
    let other = app
        .get(&format!("/api/v1/posts?key={key}"))
        .header("origin", "https://evil.example.com")
        .send()
        .await;
    assert_eq!(acao(&other), None);
    // A preflight for the key header passes for the partner's origin.
    let preflight = app
        .request(actix_web::http::Method::OPTIONS, "/api/v1/posts")
        .header("origin", "https://partner.example.org")
        .header("access-control-request-method", "GET")
        .header("access-control-request-headers", "x-headpress-key")
        .send()
        .await;
    assert_eq!(
        acao(&preflight).as_deref(),
        Some("https://partner.example.org")
    );
    // Reads without a key keep working under the global settings.
    assert_eq!(app.get("/api/v1/posts").send().await.status, StatusCode::OK);
}

#[actix_web::test]
async fn partners_over_their_quota_get_429() {
    let (app, admin) = app().await;
    let p = partner(
        &app,
        &admin,
        json!({"name": "Small", "quota_per_minute": 3}),
    )
    .await;
    let key = p["key"].as_str().unwrap();
    let mut last = None;
    for n in 1..=3 {
        let res = app.get(&format!("/api/v1/posts?key={key}")).send().await;
        assert_eq!(res.status, StatusCode::OK, "request {n}");
        assert_eq!(res.header("ratelimit-limit").as_deref(), Some("3"));
        assert_eq!(res.header("ratelimit-remaining"), Some((3 - n).to_string()));
        last = Some(res);
    }
    assert!(last.unwrap().header("ratelimit-reset").is_some());
    let over = app.get(&format!("/api/v1/posts?key={key}")).send().await;
    over.problem(429, "rate_limited");
    let retry: u64 = over.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry));
    assert_eq!(over.header("ratelimit-remaining").as_deref(), Some("0"));
    // Others are not affected.
    assert_eq!(app.get("/api/v1/posts").send().await.status, StatusCode::OK);
    let other = partner(&app, &admin, json!({"name": "Other"})).await;
    let res = app
        .get(&format!(
            "/api/v1/posts?key={}",
            other["key"].as_str().unwrap()
        ))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
}
