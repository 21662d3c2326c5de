//! Tags and categories.

use actix_web::http::StatusCode;
use headpress::users::Role;
use serde_json::json;

use crate::support::TestApp;

#[actix_web::test]
async fn editors_manage_tags_others_may_not() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let (_, author) = app.sign_in_as(Role::Author).await;
    let res = app
        .post("/api/v1/tags")
        .bearer(&editor)
        .json(&json!({"name": "Forced Labour", "description": "ILO"}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
    let tag = res.json();
    assert_eq!(tag["slug"], "forced-labour");
    assert_eq!(tag["count"], 0);
    assert!(
        res.header("location")
            .unwrap()
            .ends_with(&format!("/api/v1/tags/{}", tag["id"]))
    );
    app.post("/api/v1/tags")
        .bearer(&author)
        .json(&json!({"name": "X"}))
        .send()
        .await
        .problem(403, "forbidden");
    app.post("/api/v1/tags")
        .json(&json!({"name": "X"}))
        .send()
        .await
        .problem(401, "unauthorized");
    let res = app
        .post("/api/v1/tags")
        .bearer(&editor)
        .json(&json!({"name": "Other", "slug": "forced-labour"}))
        .send()
        .await;
    res.problem(409, "conflict");
    let res = app
        .post("/api/v1/tags")
        .bearer(&editor)
        .json(&json!({"name": "Kid", "parent": tag["id"]}))
        .send()
        .await;
    // Tags have no `parent` member at all.
    assert_eq!(
        res.problem(400, "invalid_body")["errors"][0]["field"],
        "parent"
    );
    let res = app
        .post("/api/v1/tags")
        .bearer(&editor)
        .json(&json!({"name": ""}))
        .send()
        .await;
    assert_eq!(
        res.problem(422, "validation_failed")["errors"][0]["field"],
        "name"
    );

    let path = format!("/api/v1/tags/{}", tag["id"]);
    let changed = app
        .patch(&path)
        .bearer(&editor)
        .json(&json!({"name": "Forced labour", "slug": "forced"}))
        .send()
        .await
        .json();
    assert_eq!(
        (changed["name"].as_str(), changed["slug"].as_str()),
        (Some("Forced labour"), Some("forced"))
    );
    app.patch(&path)
        .bearer(&author)
        .json(&json!({"name": "Mine"}))
        .send()
        .await
        .problem(403, "forbidden");

    // Deleting a tag takes it off its posts.
    let post = app
        .create_post(
            &editor,
            json!({"title": "Tagged", "status": "published", "tags": [tag["id"]]}),
        )
        .await;
    assert_eq!(
        app.delete(&path).bearer(&editor).send().await.status,
        StatusCode::NO_CONTENT
    );
    app.get(&path).send().await.problem(404, "not_found");
    let post = app
        .get(&format!("/api/v1/posts/{}", post["id"]))
        .send()
        .await
        .json();
    assert_eq!(post["tags"], json!([]));
}

#[actix_web::test]
async fn categories_nest_without_cycles() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let top = app
        .create_term(&editor, "categories", json!({"name": "Research"}))
        .await;
    let mid = app
        .create_term(
            &editor,
            "categories",
            json!({"name": "Reports", "parent": top["id"]}),
        )
        .await;
    let low = app
        .create_term(
            &editor,
            "categories",
            json!({"name": "Annual", "parent": mid["id"]}),
        )
        .await;
    assert_eq!(low["parent"], mid["id"]);

    let res = app
        .patch(&format!("/api/v1/categories/{}", top["id"]))
        .bearer(&editor)
        .json(&json!({"parent": low["id"]}))
        .send()
        .await;
    assert_eq!(
        res.problem(422, "validation_failed")["errors"][0]["field"],
        "parent"
    );
    let res = app
        .patch(&format!("/api/v1/categories/{}", top["id"]))
        .bearer(&editor)
        .json(&json!({"parent": top["id"]}))
        .send()
        .await;
    res.problem(422, "validation_failed");
    let res = app
        .post("/api/v1/categories")
        .bearer(&editor)
        .json(&json!({"name": "Orphan", "parent": 999999}))
        .send()
        .await;
    res.problem(422, "validation_failed");

    let children = app
        .get(&format!("/api/v1/categories?parent={}", top["id"]))
        .send()
        .await;
    assert_eq!(children.ids(), vec![mid["id"].as_i64().unwrap()]);
    let roots = app.get("/api/v1/categories?parent=0").send().await;
    assert_eq!(roots.ids(), vec![top["id"].as_i64().unwrap()]);

    // `parent: null` makes a category top-level.
    let moved = app
        .patch(&format!("/api/v1/categories/{}", low["id"]))
        .bearer(&editor)
        .json(&json!({"parent": null}))
        .send()
        .await
        .json();
    assert!(moved["parent"].is_null());
    // Deleting a parent makes its children top-level.
    app.delete(&format!("/api/v1/categories/{}", top["id"]))
        .bearer(&editor)
        .send()
        .await;
    let mid_now = app
        .get(&format!("/api/v1/categories/{}", mid["id"]))
        .send()
        .await
        .json();
    assert!(mid_now["parent"].is_null());
}

#[actix_web::test]
async fn term_lists_filter_order_and_page() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    for name in ["Cocoa", "Apparel", "Bricks", "Construction", "Tea"] {
        app.create_term(&editor, "tags", json!({"name": name}))
            .await;
    }
    let names = |body: serde_json::Value| -> Vec<String> {
        body["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let all = app.get("/api/v1/tags").send().await.json();
    assert_eq!(
        names(all),
        ["Apparel", "Bricks", "Cocoa", "Construction", "Tea"]
    );
    let found = app.get("/api/v1/tags?search=CO").send().await.json();
    assert_eq!(names(found), ["Cocoa", "Construction"]);
    let by_slug = app.get("/api/v1/tags?slug=tea,bricks").send().await.json();
    assert_eq!(names(by_slug), ["Bricks", "Tea"]);
    let desc = app
        .get("/api/v1/tags?order=desc&per_page=2")
        .send()
        .await
        .json();
    assert_eq!(names(desc.clone()), ["Tea", "Construction"]);
    let cursor = desc["meta"]["next_cursor"].as_str().unwrap();
    let next = app
        .get(&format!(
            "/api/v1/tags?order=desc&per_page=2&cursor={cursor}"
        ))
        .send()
        .await
        .json();
    assert_eq!(names(next), ["Cocoa", "Bricks"]);
    let res = app.get("/api/v1/tags?orderby=popularity").send().await;
    assert_eq!(
        res.problem(400, "invalid_query")["errors"][0]["field"],
        "orderby"
    );
    // A search for LIKE wildcards matches them literally.
    let none = app.get("/api/v1/tags?search=%25").send().await.json();
    assert_eq!(names(none), Vec::<String>::new());
}

/// A term list's total is read from a stored count per taxonomy: it must follow creates
/// and deletes, and agree with the counted total of a filtered list.
#[actix_web::test]
async fn a_term_list_total_follows_creates_and_deletes() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let total = |query: &'static str| {
        let app = &app;
        async move {
            let res = app.get(&format!("/api/v1/tags?{query}")).send().await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.text());
            res.json()["meta"]["total"].as_i64().unwrap()
        }
    };
    let before = total("").await;
    let mut made = Vec::new();
    for name in ["Alpha tag", "Beta tag", "Gamma tag"] {
        made.push(
            app.create_term(&editor, "tags", json!({"name": name}))
                .await,
        );
    }
    app.create_term(&editor, "categories", json!({"name": "Not a tag"}))
        .await;
    assert_eq!(total("").await, before + 3);
    assert_eq!(total("search=tag").await, 3, "counted");
    let res = app
        .delete(&format!("/api/v1/tags/{}", made[1]["id"]))
        .bearer(&editor)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    assert_eq!(total("").await, before + 2);
    assert_eq!(total("per_page=1").await, before + 2);
}
