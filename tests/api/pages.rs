//! Pages: the tree, path lookups, ordering, and what trashing does to paths.

use actix_web::http::StatusCode;
use headpress::users::Role;
use serde_json::{Value, json};

use crate::support::TestApp;

async fn page(app: &TestApp, token: &str, body: Value) -> Value {
    let res = app
        .post("/api/v1/pages")
        .bearer(token)
        .json(&body)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    res.json()
}

#[actix_web::test]
async fn pages_form_a_tree_with_paths() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let about = page(&app, &editor, json!({"title": "About us", "status": "published", "menu_order": 10, "template": "landing"})).await;
    let team = page(
        &app,
        &editor,
        json!({"title": "Our team", "status": "published", "parent": about["id"], "menu_order": 2}),
    )
    .await;
    let mission = page(&app, &editor, json!({"title": "Our mission", "status": "published", "parent": about["id"], "menu_order": 1})).await;
    let people = page(
        &app,
        &editor,
        json!({"title": "People", "status": "published", "parent": team["id"]}),
    )
    .await;
    assert_eq!(about["path"], "about-us");
    assert_eq!(about["template"], "landing");
    assert!(about["parent"].is_null());
    assert_eq!(team["path"], "about-us/our-team");
    assert_eq!(people["path"], "about-us/our-team/people");
    assert!(about.get("tags").is_none(), "pages have no tags");

    let found = app.get("/api/v1/pages?path=about-us/our-team").send().await;
    assert_eq!(found.ids(), vec![team["id"].as_i64().unwrap()]);
    assert_eq!(
        app.get("/api/v1/pages?path=/about-us/our-team/")
            .send()
            .await
            .ids()
            .len(),
        1
    );
    assert!(
        app.get("/api/v1/pages?path=our-team")
            .send()
            .await
            .ids()
            .is_empty()
    );

    // Children in menu order.
    let children = app
        .get(&format!("/api/v1/pages?parent={}", about["id"]))
        .send()
        .await;
    assert_eq!(
        children.ids(),
        vec![
            mission["id"].as_i64().unwrap(),
            team["id"].as_i64().unwrap()
        ]
    );
    let top = app.get("/api/v1/pages?parent=0").send().await;
    assert_eq!(top.ids(), vec![about["id"].as_i64().unwrap()]);
    let res = app.get("/api/v1/pages?parent=-1").send().await;
    assert_eq!(
        res.problem(400, "invalid_query")["errors"][0]["field"],
        "parent"
    );
    // menu_order is for pages only.
    app.get("/api/v1/posts?orderby=menu_order")
        .send()
        .await
        .problem(400, "invalid_query");

    // Renaming a page moves the paths below it.
    let res = app
        .patch(&format!("/api/v1/pages/{}", about["id"]))
        .bearer(&editor)
        .json(&json!({"slug": "who-we-are"}))
        .send()
        .await;
    assert_eq!(res.json()["path"], "who-we-are");
    let people_now = app
        .get(&format!("/api/v1/pages/{}", people["id"]))
        .send()
        .await
        .json();
    assert_eq!(people_now["path"], "who-we-are/our-team/people");

    // Moving a subtree to the top.
    let moved = app
        .patch(&format!("/api/v1/pages/{}", team["id"]))
        .bearer(&editor)
        .json(&json!({"parent": null}))
        .send()
        .await
        .json();
    assert_eq!(moved["path"], "our-team");
    assert!(moved["parent"].is_null());
    let people_now = app
        .get(&format!("/api/v1/pages/{}", people["id"]))
        .send()
        .await
        .json();
    assert_eq!(people_now["path"], "our-team/people");
}

#[actix_web::test]
async fn a_page_cannot_become_its_own_ancestor() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let a = page(&app, &editor, json!({"title": "A"})).await;
    let b = page(&app, &editor, json!({"title": "B", "parent": a["id"]})).await;
    let c = page(&app, &editor, json!({"title": "C", "parent": b["id"]})).await;
    for parent in [&c["id"], &a["id"]] {
        let res = app
            .patch(&format!("/api/v1/pages/{}", a["id"]))
            .bearer(&editor)
            .json(&json!({"parent": parent}))
            .send()
            .await;
        assert_eq!(
            res.problem(422, "validation_failed")["errors"][0]["field"],
            "parent"
        );
    }
    let res = app
        .post("/api/v1/pages")
        .bearer(&editor)
        .json(&json!({"title": "D", "parent": 424242}))
        .send()
        .await;
    res.problem(422, "validation_failed");
    // A post is not a page.
    let post = app.create_post(&editor, json!({"title": "Post"})).await;
    let res = app
        .post("/api/v1/pages")
        .bearer(&editor)
        .json(&json!({"title": "E", "parent": post["id"]}))
        .send()
        .await;
    res.problem(422, "validation_failed");
    // Nothing half-written: the failed page does not exist.
    let all = app
        .get("/api/v1/pages?status=any")
        .bearer(&editor)
        .send()
        .await
        .json();
    assert_eq!(all["meta"]["total"], 3);
}

#[actix_web::test]
async fn trashing_a_parent_takes_children_out_of_path_lookups() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let parent = page(
        &app,
        &editor,
        json!({"title": "Resources", "status": "published"}),
    )
    .await;
    let child = page(
        &app,
        &editor,
        json!({"title": "Toolkits", "status": "published", "parent": parent["id"]}),
    )
    .await;
    app.delete(&format!("/api/v1/pages/{}", parent["id"]))
        .bearer(&editor)
        .send()
        .await;
    // Hidden from readers who cannot see the parent (its path would name it); editors
    // still reach it by id, not by path.
    app.get(&format!("/api/v1/pages/{}", child["id"]))
        .send()
        .await
        .problem(404, "not_found");
    assert_eq!(
        app.get(&format!("/api/v1/pages/{}", child["id"]))
            .bearer(&editor)
            .send()
            .await
            .status,
        StatusCode::OK
    );
    assert!(
        app.get("/api/v1/pages?path=resources/toolkits")
            .send()
            .await
            .ids()
            .is_empty()
    );
    assert!(
        app.get("/api/v1/pages?path=resources/toolkits")
            .bearer(&editor)
            .send()
            .await
            .ids()
            .is_empty()
    );
    // Restoring the parent brings the path back.
    app.patch(&format!("/api/v1/pages/{}", parent["id"]))
        .bearer(&editor)
        .json(&json!({"status": "published"}))
        .send()
        .await;
    assert_eq!(
        app.get("/api/v1/pages?path=resources/toolkits")
            .send()
            .await
            .ids()
            .len(),
        1
    );
    // A draft parent hides the path from anonymous readers only.
    app.patch(&format!("/api/v1/pages/{}", parent["id"]))
        .bearer(&editor)
        .json(&json!({"status": "draft"}))
        .send()
        .await;
    assert!(
        app.get("/api/v1/pages?path=resources/toolkits")
            .send()
            .await
            .ids()
            .is_empty()
    );
    assert_eq!(
        app.get("/api/v1/pages?path=resources/toolkits")
            .bearer(&editor)
            .send()
            .await
            .ids()
            .len(),
        1
    );
    // Deleting the parent for good moves the child to the top.
    let res = app
        .delete(&format!("/api/v1/pages/{}?force=true", parent["id"]))
        .bearer(&editor)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let child_now = app
        .get(&format!("/api/v1/pages/{}", child["id"]))
        .send()
        .await
        .json();
    assert_eq!(child_now["path"], "toolkits");
    assert!(child_now["parent"].is_null());
}

#[actix_web::test]
async fn drafts_pages_stay_hidden() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let draft = page(&app, &editor, json!({"title": "Secret plan"})).await;
    app.get(&format!("/api/v1/pages/{}", draft["id"]))
        .send()
        .await
        .problem(404, "not_found");
    assert!(
        app.get("/api/v1/pages?path=secret-plan")
            .send()
            .await
            .ids()
            .is_empty()
    );
    assert!(app.get("/api/v1/pages").send().await.ids().is_empty());
    let revisions = app
        .get(&format!("/api/v1/pages/{}/revisions", draft["id"]))
        .bearer(&editor)
        .send()
        .await;
    assert_eq!(revisions.json()["meta"]["total"], 1);
}

/// A published page under a page a reader cannot see is hidden with it: its path, link
/// and parent would name the hidden page. It appears when the section does.
#[actix_web::test]
async fn a_page_under_a_hidden_page_reveals_nothing_of_it() {
    let app = TestApp::with_config(|c| c.cache_size = 0).await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let secret = page(
        &app,
        &editor,
        json!({"title": "Layoffs 2027", "status": "draft"}),
    )
    .await;
    let faq = page(
        &app,
        &editor,
        json!({"title": "FAQ", "status": "published", "parent": secret["id"]}),
    )
    .await;
    let grandchild = page(
        &app,
        &editor,
        json!({"title": "Contacts", "status": "published", "parent": faq["id"]}),
    )
    .await;
    let open = page(
        &app,
        &editor,
        json!({"title": "About", "status": "published"}),
    )
    .await;

    let anonymous = app.get("/api/v1/pages").send().await;
    let body = anonymous.text();
    assert!(!body.contains("layoffs"), "{body}");
    assert_eq!(anonymous.json()["meta"]["total"], 1);
    assert_eq!(anonymous.ids(), vec![open["id"].as_i64().unwrap()]);
    for hidden in [&faq, &grandchild] {
        app.get(&format!("/api/v1/pages/{}", hidden["id"]))
            .send()
            .await
            .problem(404, "not_found");
    }
    let children = app
        .get(&format!("/api/v1/pages?parent={}", secret["id"]))
        .send()
        .await
        .json();
    assert_eq!(children["meta"]["total"], 0);
    assert_eq!(children["data"], json!([]));
    let found = app
        .get("/api/v1/pages?path=layoffs-2027/faq")
        .send()
        .await
        .json();
    assert_eq!(found["data"], json!([]));

    // Editors see the whole tree.
    let all = app.get("/api/v1/pages").bearer(&editor).send().await.json();
    assert_eq!(all["meta"]["total"], 3);
    let seen = app
        .get(&format!("/api/v1/pages/{}", grandchild["id"]))
        .bearer(&editor)
        .send()
        .await
        .json();
    assert_eq!(seen["path"], "layoffs-2027/faq/contacts");

    // Once the section is published, its pages are there, paths and all.
    let res = app
        .patch(&format!("/api/v1/pages/{}", secret["id"]))
        .bearer(&editor)
        .json(&json!({"status": "published"}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let anonymous = app.get("/api/v1/pages").send().await.json();
    assert_eq!(anonymous["meta"]["total"], 4);
    let shown = app
        .get(&format!("/api/v1/pages/{}", grandchild["id"]))
        .send()
        .await
        .json();
    assert_eq!(shown["path"], "layoffs-2027/faq/contacts");
    assert_eq!(shown["parent"], faq["id"]);
}
