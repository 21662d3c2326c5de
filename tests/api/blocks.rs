//! Content as block trees, and reusable blocks: resolution, cycles, visibility, usages.

use actix_web::http::StatusCode;
use headpress::users::Role;
use serde_json::{Value, json};

use crate::support::TestApp;

const MARKUP: &str = "<!-- wp:heading {\"level\":3} -->\n<h3 class=\"wp-block-heading\">Findings</h3>\n<!-- /wp:heading -->\n\n\
<!-- wp:paragraph {\"align\":\"center\"} -->\n<p class=\"has-text-align-center\">Workers were <strong>not paid</strong>.</p>\n<!-- /wp:paragraph -->\n\n\
<!-- wp:group {\"layout\":{\"type\":\"constrained\"}} -->\n<div class=\"wp-block-group\"><!-- wp:paragraph -->\n<p>Inside a group</p>\n<!-- /wp:paragraph --></div>\n<!-- /wp:group -->";

async fn block(app: &TestApp, token: &str, body: Value) -> Value {
    let res = app
        .post("/api/v1/blocks")
        .bearer(token)
        .json(&body)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    res.json()
}

fn reference(id: i64) -> Value {
    json!({"name": "core/block", "attrs": {"ref": id}})
}

fn paragraph(text: &str) -> Value {
    json!({"name": "core/paragraph", "html": format!("<p>{text}</p>")})
}

#[actix_web::test]
async fn block_markup_is_stored_as_a_tree_and_rendered_without_comments() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let post = app
        .create_post(
            &editor,
            json!({"title": "Report", "status": "published", "content": {"html": MARKUP}}),
        )
        .await;
    let blocks = post["content"]["blocks"].as_array().unwrap();
    let names: Vec<&str> = blocks.iter().map(|b| b["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["core/heading", "core/paragraph", "core/group"]);
    assert_eq!(blocks[0]["attrs"]["level"], 3);
    assert_eq!(blocks[1]["attrs"]["align"], "center");
    assert_eq!(blocks[2]["inner_blocks"][0]["name"], "core/paragraph");
    assert!(
        blocks[2]["inner_blocks"][0]["html"]
            .as_str()
            .unwrap()
            .contains("Inside a group")
    );
    let html = post["content"]["html"].as_str().unwrap();
    assert!(!html.contains("<!--"), "{html}");
    assert!(
        html.contains("<h3 class=\"wp-block-heading\">Findings</h3>"),
        "{html}"
    );
    assert!(
        html.contains("<div class=\"wp-block-group\">")
            && html.contains("<p>Inside a group</p>\n</div>")
            || html.contains("<p>Inside a group</p></div>"),
        "the group wraps its inner block: {html}"
    );
    // The excerpt and search come from the text.
    assert!(
        post["excerpt"]
            .as_str()
            .unwrap()
            .starts_with("Findings Workers were not paid")
    );
    let found = app.get("/api/v1/posts?search=paid").send().await;
    assert_eq!(found.ids(), [post["id"].as_i64().unwrap()]);
}

#[actix_web::test]
async fn plain_html_becomes_one_freeform_block() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let post = app
        .create_post(
            &editor,
            json!({"title": "Classic", "content": {"html": "<p>Old <em>classic</em> post</p>"}}),
        )
        .await;
    assert_eq!(post["content"]["blocks"].as_array().unwrap().len(), 1);
    assert_eq!(post["content"]["blocks"][0]["name"], "core/freeform");
    assert_eq!(post["content"]["html"], "<p>Old <em>classic</em> post</p>");
}

#[actix_web::test]
async fn a_block_tree_can_be_written_and_is_sanitised() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let post = app
        .create_post(
            &editor,
            json!({"title": "Tree", "content": {"blocks": [
                {"name": "core/heading", "attrs": {"level": 2}, "html": "<h2>Title</h2>"},
                {"name": "core/group", "html": "<div class=\"wp-block-group\"></div>",
                 "inner_blocks": [paragraph("one"), paragraph("two")]},
                {"name": "acme/card", "attrs": {"caption": "<img src=x onerror=alert(1)>", "url": "javascript:alert(1)"},
                 "html": "<p onclick=\"steal()\">Card<script>alert(1)</script></p>"}
            ]}}),
        )
        .await;
    let html = post["content"]["html"].as_str().unwrap();
    assert!(html.starts_with("<h2>Title</h2>"), "{html}");
    let group = html.find("<div class=\"wp-block-group\">").expect("group");
    let one = html.find("<p>one</p>").expect("one");
    let two = html.find("<p>two</p>").expect("two");
    let end = html[group..]
        .find("</div>")
        .map(|i| i + group)
        .expect("end");
    assert!(
        group < one && one < two && two < end,
        "inner blocks inside the group: {html}"
    );
    assert!(
        !html.contains("script") && !html.contains("onclick"),
        "{html}"
    );
    let card = &post["content"]["blocks"][2];
    assert_eq!(card["name"], "acme/card");
    assert!(
        !card["attrs"]["caption"]
            .as_str()
            .unwrap()
            .contains("onerror")
    );
    assert_eq!(card["attrs"]["url"], "");
    // The tree reads back as written, in the blocks form.
    let again = app
        .get(&format!("/api/v1/posts/{}", post["id"]))
        .bearer(&editor)
        .send()
        .await;
    assert_eq!(again.json()["content"], post["content"]);
}

#[actix_web::test]
async fn bad_content_is_refused_with_its_path() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let both = app
        .post("/api/v1/posts")
        .bearer(&editor)
        .json(&json!({"title": "x", "content": {"html": "<p>x</p>", "blocks": []}}))
        .send()
        .await;
    assert_eq!(
        both.problem(422, "validation_failed")["errors"][0]["field"],
        "content"
    );
    let bad_name = app
        .post("/api/v1/posts")
        .bearer(&editor)
        .json(&json!({"title": "x", "content": {"blocks": [
            paragraph("ok"),
            {"name": "core/group", "inner_blocks": [{"name": "Not A Name"}]}
        ]}}))
        .send()
        .await;
    let p = bad_name.problem(422, "validation_failed");
    assert_eq!(
        p["errors"][0]["field"], "content.blocks[1].inner_blocks[0].name",
        "{p}"
    );
    let bad_ref = app
        .post("/api/v1/posts")
        .bearer(&editor)
        .json(&json!({"title": "x", "content": {"blocks": [{"name": "core/block", "attrs": {"ref": "seven"}}]}}))
        .send()
        .await;
    assert_eq!(
        bad_ref.problem(422, "validation_failed")["errors"][0]["field"],
        "content.blocks[0].attrs.ref"
    );
    let missing = app
        .post("/api/v1/posts")
        .bearer(&editor)
        .json(&json!({"title": "x", "content": {"blocks": [reference(999_999)]}}))
        .send()
        .await;
    let p = missing.problem(422, "validation_failed");
    assert!(
        p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("999999"),
        "{p}"
    );
    let unknown_member = app
        .post("/api/v1/posts")
        .bearer(&editor)
        .json(&json!({"title": "x", "content": {"blocks": [{"name": "core/paragraph", "children": []}]}}))
        .send()
        .await;
    unknown_member.problem(400, "invalid_body");
    // Nothing was written by any of these.
    let all = app
        .get("/api/v1/posts?status=any")
        .bearer(&editor)
        .send()
        .await;
    assert!(all.ids().is_empty());
}

#[actix_web::test]
async fn reusable_blocks_are_resolved_on_read() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let cta = block(
        &app,
        &editor,
        json!({"title": "Call to action", "status": "published",
               "content": {"html": "<!-- wp:paragraph -->\n<p>Sign the pledge</p>\n<!-- /wp:paragraph -->"}}),
    )
    .await;
    let id = cta["id"].as_i64().unwrap();
    let post = app
        .create_post(
            &editor,
            json!({"title": "News", "status": "published",
                   "content": {"html": format!("<!-- wp:paragraph -->\n<p>Before</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:block {{\"ref\":{id}}} /-->")}}),
        )
        .await;
    let url = format!("/api/v1/posts/{}", post["id"]);
    let read = app.get(&url).send().await.json();
    let r = &read["content"]["blocks"][1];
    assert_eq!(r["name"], "core/block");
    assert_eq!(r["attrs"]["ref"], id);
    assert_eq!(r["inner_blocks"][0]["name"], "core/paragraph");
    let html = read["content"]["html"].as_str().unwrap();
    assert!(
        html.contains("<p>Before</p>") && html.contains("<p>Sign the pledge</p>"),
        "{html}"
    );

    let unresolved = app
        .get(&format!("{url}?resolve_blocks=false"))
        .send()
        .await
        .json();
    assert_eq!(
        unresolved["content"]["blocks"][1]["inner_blocks"],
        json!([])
    );
    assert!(
        !unresolved["content"]["html"]
            .as_str()
            .unwrap()
            .contains("pledge")
    );

    // A change to the block shows everywhere at once.
    let changed = app
        .patch(&format!("/api/v1/blocks/{id}"))
        .bearer(&editor)
        .json(&json!({"content": {"blocks": [paragraph("Donate today")]}}))
        .send()
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.text());
    let html = app.get(&url).send().await.json()["content"]["html"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        html.contains("Donate today") && !html.contains("pledge"),
        "{html}"
    );
    // Also in lists.
    let list = app.get("/api/v1/posts").send().await.json();
    assert!(
        list["data"][0]["content"]["html"]
            .as_str()
            .unwrap()
            .contains("Donate today")
    );

    // Unpublished: nothing for anonymous readers, the draft for editors.
    app.patch(&format!("/api/v1/blocks/{id}"))
        .bearer(&editor)
        .json(&json!({"status": "draft"}))
        .send()
        .await;
    let anon = app.get(&url).send().await.json();
    assert!(!anon["content"]["html"].as_str().unwrap().contains("Donate"));
    assert_eq!(anon["content"]["blocks"][1]["inner_blocks"], json!([]));
    let as_editor = app.get(&url).bearer(&editor).send().await.json();
    assert!(
        as_editor["content"]["html"]
            .as_str()
            .unwrap()
            .contains("Donate")
    );
    // Trashed: nothing for anyone.
    app.patch(&format!("/api/v1/blocks/{id}"))
        .bearer(&editor)
        .json(&json!({"status": "published"}))
        .send()
        .await;
    app.delete(&format!("/api/v1/blocks/{id}"))
        .bearer(&editor)
        .send()
        .await;
    for token in [None, Some(editor.as_str())] {
        let mut req = app.get(&url);
        if let Some(t) = token {
            req = req.bearer(t);
        }
        assert!(
            !req.send().await.json()["content"]["html"]
                .as_str()
                .unwrap()
                .contains("Donate")
        );
    }
}

#[actix_web::test]
async fn reusable_blocks_nest_and_refuse_cycles() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let inner = block(&app, &editor, json!({"title": "Inner", "status": "published", "content": {"blocks": [paragraph("deep")]}})).await;
    let inner_id = inner["id"].as_i64().unwrap();
    let outer = block(&app, &editor, json!({"title": "Outer", "status": "published", "content": {"blocks": [paragraph("outer"), reference(inner_id)]}})).await;
    let outer_id = outer["id"].as_i64().unwrap();
    let post = app
        .create_post(&editor, json!({"title": "P", "status": "published", "content": {"blocks": [reference(outer_id)]}}))
        .await;
    let html = post["content"]["html"].as_str().unwrap();
    assert!(
        html.contains("<p>outer</p>") && html.contains("<p>deep</p>"),
        "{html}"
    );
    assert_eq!(
        post["content"]["blocks"][0]["inner_blocks"][1]["inner_blocks"][0]["html"],
        "<p>deep</p>"
    );

    // inner -> outer would close a loop.
    let cycle = app
        .patch(&format!("/api/v1/blocks/{inner_id}"))
        .bearer(&editor)
        .json(&json!({"content": {"blocks": [reference(outer_id)]}}))
        .send()
        .await;
    let p = cycle.problem(422, "validation_failed");
    assert!(
        p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("cycle"),
        "{p}"
    );
    let own = app
        .patch(&format!("/api/v1/blocks/{inner_id}"))
        .bearer(&editor)
        .json(&json!({"content": {"blocks": [reference(inner_id)]}}))
        .send()
        .await;
    own.problem(422, "validation_failed");
    // Neither change was written.
    let unchanged = app
        .get(&format!("/api/v1/blocks/{inner_id}"))
        .send()
        .await
        .json();
    assert_eq!(unchanged["content"]["blocks"][0]["html"], "<p>deep</p>");
}

#[actix_web::test]
async fn usages_list_the_items_using_a_block() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let (_, author) = app.sign_in_as(Role::Author).await;
    let b = block(
        &app,
        &editor,
        json!({"title": "Footer", "status": "published", "content": {"blocks": [paragraph("f")]}}),
    )
    .await;
    let id = b["id"].as_i64().unwrap();
    let p1 = app
        .create_post(
            &editor,
            json!({"title": "One", "content": {"blocks": [reference(id)]}}),
        )
        .await;
    let p2 = app.create_post(&author, json!({"title": "Two", "status": "published", "content": {"blocks": [paragraph("x"), reference(id)]}})).await;
    app.create_post(
        &editor,
        json!({"title": "Other", "content": {"blocks": [paragraph("none")]}}),
    )
    .await;
    let url = format!("/api/v1/blocks/{id}/usages");
    let res = app.get(&url).bearer(&editor).send().await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let mut ids = res.ids();
    ids.sort_unstable();
    assert_eq!(
        ids,
        [p1["id"].as_i64().unwrap(), p2["id"].as_i64().unwrap()]
    );
    assert_eq!(res.json()["data"][0]["type"], "posts");
    assert_eq!(res.json()["meta"]["total"], 2);
    app.get(&url)
        .bearer(&author)
        .send()
        .await
        .problem(403, "forbidden");
    app.get(&url).send().await.problem(401, "unauthorized");
    app.get("/api/v1/blocks/999999/usages")
        .bearer(&editor)
        .send()
        .await
        .problem(404, "not_found");
    // Removing the reference removes the usage.
    app.patch(&format!("/api/v1/posts/{}", p1["id"]))
        .bearer(&editor)
        .json(&json!({"content": {"html": "<p>no more</p>"}}))
        .send()
        .await;
    assert_eq!(
        app.get(&url).bearer(&editor).send().await.ids(),
        [p2["id"].as_i64().unwrap()]
    );
}

#[actix_web::test]
async fn draft_blocks_stay_out_of_anonymous_lists() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let public = block(
        &app,
        &editor,
        json!({"title": "Public", "status": "published", "content": {"blocks": [paragraph("p")]}}),
    )
    .await;
    let draft = block(
        &app,
        &editor,
        json!({"title": "Draft", "content": {"blocks": [paragraph("d")]}}),
    )
    .await;
    assert_eq!(
        app.get("/api/v1/blocks").send().await.ids(),
        [public["id"].as_i64().unwrap()]
    );
    app.get(&format!("/api/v1/blocks/{}", draft["id"]))
        .send()
        .await
        .problem(404, "not_found");
    let revisions = app
        .get(&format!("/api/v1/blocks/{}/revisions", draft["id"]))
        .bearer(&editor)
        .send()
        .await;
    assert_eq!(revisions.json()["meta"]["total"], 1);
}

#[actix_web::test]
async fn lists_resolve_references_in_a_fixed_number_of_queries() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let inner = block(
        &app,
        &editor,
        json!({"title": "I", "status": "published", "content": {"blocks": [paragraph("i")]}}),
    )
    .await;
    let mut refs = Vec::new();
    for n in 0..6 {
        let b = block(&app, &editor, json!({"title": format!("B{n}"), "status": "published",
            "content": {"blocks": [paragraph(&format!("b{n}")), reference(inner["id"].as_i64().unwrap())]}})).await;
        refs.push(b["id"].as_i64().unwrap());
    }
    for (n, r) in refs.iter().enumerate() {
        app.create_post(&editor, json!({"title": format!("P{n}"), "status": "published", "content": {"blocks": [reference(*r)]}})).await;
    }
    let cost = |per_page: u32| {
        let app = &app;
        async move {
            let before = app.queries();
            let res = app
                .get(&format!("/api/v1/posts?per_page={per_page}"))
                .send()
                .await;
            assert_eq!(res.status, StatusCode::OK);
            for item in res.json()["data"].as_array().unwrap() {
                assert!(
                    item["content"]["html"]
                        .as_str()
                        .unwrap()
                        .contains("<p>i</p>")
                );
            }
            app.queries() - before
        }
    };
    assert_eq!(cost(2).await, cost(6).await);
}

#[actix_web::test]
async fn slugs_from_titles_beyond_latin_are_transliterated_and_never_hold_spaces() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let slug = |v: Value| v["slug"].as_str().unwrap().to_owned();
    let chinese = block(&app, &editor, json!({"title": "可重复使用的块"})).await;
    assert_eq!(slug(chinese), "ke-zhong-fu-shi-yong-de-kuai");
    let greek = block(&app, &editor, json!({"title": "Ελλάδα"})).await;
    assert_eq!(slug(greek), "ellada");
    // Nothing to make a slug of: the kind's name, numbered.
    let first = block(&app, &editor, json!({"title": "¿?"})).await;
    let second = block(&app, &editor, json!({"title": "!!!"})).await;
    assert_eq!(slug(first), "reusable-block");
    assert_eq!(slug(second), "reusable-block-2");
    let tag = app
        .create_term(&editor, "resource-types", json!({"name": "—"}))
        .await;
    assert_eq!(slug(tag), "resource-type");
}
