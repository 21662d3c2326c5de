//! The audit log: who did what to accounts, keys and content, from where and when.

use actix_web::http::StatusCode;
use diesel::RunQueryDsl;
use headpress::users::Role;
use serde_json::{Value, json};

use crate::support::TestApp;

async fn audit(app: &TestApp, admin: &str, query: &str) -> Value {
    let res = app
        .get(&format!("/api/v1/audit{query}"))
        .bearer(admin)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    res.json()
}

#[actix_web::test]
async fn sign_ins_and_changes_to_users_are_audited_with_who_and_where() {
    let app = TestApp::new().await;
    let (admin_id, admin) = app.sign_in_as(Role::Admin).await;
    let res = app
        .post("/api/v1/users")
        .bearer(&admin)
        .peer("192.0.2.5:4000")
        .json(&json!({"username": "bruno", "password": "a long password", "role": "author"}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let bruno = res.json()["id"].as_i64().unwrap();
    let wrong = app
        .post("/api/v1/auth/token")
        .peer("198.51.100.7:4000")
        .json(&json!({"username": "bruno", "password": "not the password"}))
        .send()
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let right = app
        .post("/api/v1/auth/token")
        .peer("198.51.100.8:4000")
        .json(&json!({"username": "bruno", "password": "a long password"}))
        .send()
        .await;
    assert_eq!(right.status, StatusCode::OK);
    let res = app
        .patch(&format!("/api/v1/users/{bruno}"))
        .bearer(&admin)
        .json(&json!({"role": "editor", "name": "Bruno"}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let res = app
        .delete(&format!("/api/v1/users/{bruno}"))
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.text());

    let log = audit(&app, &admin, "").await;
    let entries = log["data"].as_array().unwrap();
    let actions: Vec<&str> = entries
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    // Newest first.
    assert_eq!(
        actions,
        [
            "user_deleted",
            "user_changed",
            "sign_in",
            "sign_in_failed",
            "user_created"
        ]
    );
    assert_eq!(log["meta"]["total"], 5);
    let created = &entries[4];
    assert_eq!(created["actor_id"], admin_id);
    assert_eq!(created["target_type"], "user");
    assert_eq!(created["target_id"], bruno);
    assert_eq!(created["address"], "192.0.2.5");
    assert!(created["detail"].as_str().unwrap().contains("role author"));
    let failed = &entries[3];
    assert!(failed["actor_id"].is_null());
    assert_eq!(failed["address"], "198.51.100.7");
    assert!(failed["detail"].as_str().unwrap().contains("bruno"));
    assert_eq!(entries[2]["actor"], "bruno");
    assert_eq!(entries[2]["address"], "198.51.100.8");
    let changed = entries[1]["detail"].as_str().unwrap();
    assert!(
        changed.contains("role author to editor") && changed.contains("name"),
        "{changed}"
    );
    // Never a secret.
    assert!(!log.to_string().contains("a long password"));

    let only = audit(&app, &admin, "?action=sign_in_failed").await;
    assert_eq!(only["meta"]["total"], 1);
    let mine = audit(&app, &admin, &format!("?actor={admin_id}")).await;
    assert_eq!(mine["meta"]["total"], 3);
    app.get("/api/v1/audit?action=nothing")
        .bearer(&admin)
        .send()
        .await
        .problem(400, "invalid_query");
    let bad = app
        .get("/api/v1/audit?actor=0")
        .bearer(&admin)
        .send()
        .await
        .problem(400, "invalid_query");
    assert_eq!(bad["errors"][0]["field"], "actor");

    let (_, editor) = app.sign_in_as(Role::Editor).await;
    app.get("/api/v1/audit")
        .bearer(&editor)
        .send()
        .await
        .problem(403, "forbidden");
    app.get("/api/v1/audit")
        .send()
        .await
        .problem(401, "unauthorized");
}

#[actix_web::test]
async fn deletions_for_good_and_keys_are_audited_and_old_entries_pruned() {
    let app = TestApp::new().await;
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let post = app.published_post(&admin, "Quarterly review").await;
    let id = post["id"].as_i64().unwrap();
    // The trash keeps the item: not audited. Deleting it for good is.
    app.delete(&format!("/api/v1/posts/{id}"))
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(audit(&app, &admin, "").await["meta"]["total"], 0);
    let res = app
        .delete(&format!("/api/v1/posts/{id}?force=true"))
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let partner = app
        .post("/api/v1/partners")
        .bearer(&admin)
        .json(&json!({"name": "Ethical Trade Network", "origins": ["https://p.example.org"]}))
        .send()
        .await
        .json();
    let key = partner["key"].as_str().unwrap().to_owned();
    app.delete(&format!("/api/v1/partners/{}", partner["id"]))
        .bearer(&admin)
        .send()
        .await;
    let log = audit(&app, &admin, "").await;
    let actions: Vec<&str> = log["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["partner_deleted", "partner_created", "content_deleted"]
    );
    let deleted = &log["data"][2];
    assert_eq!(deleted["target_type"], "post");
    assert_eq!(deleted["target_id"], id);
    assert!(
        deleted["detail"]
            .as_str()
            .unwrap()
            .contains("Quarterly review")
    );
    assert!(
        !log.to_string().contains(&key),
        "a key never reaches the log"
    );

    // Entries past the retention (90 days by default) go as new ones come.
    app.db(|conn| {
        diesel::sql_query(
            "INSERT INTO audit_log (at, actor_id, actor, action, target_type, target_id, detail, address) \
             VALUES ('2020-01-01 00:00:00', NULL, '', 'sign_in_failed', '', NULL, 'long ago', '')",
        )
        .execute(conn)
    })
    .unwrap();
    assert_eq!(audit(&app, &admin, "").await["meta"]["total"], 4);
    app.post("/api/v1/auth/token")
        .json(&json!({"username": "nobody", "password": "whatever it is"}))
        .send()
        .await;
    let log = audit(&app, &admin, "").await;
    assert_eq!(log["meta"]["total"], 4);
    assert!(!log.to_string().contains("long ago"));
}
