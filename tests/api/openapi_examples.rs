//! The examples in the OpenAPI document are real: requests made to a demo site and the
//! answers it gave, kept in `openapi/examples.json`. `UPDATE_EXAMPLES=1 cargo test
//! openapi_examples` makes them again (then `UPDATE_OPENAPI=1 cargo test openapi` puts them
//! in the committed document); without it, the test checks that every operation has one.

use actix_web::http::StatusCode;
use headpress::users::Role;
use serde_json::{Map, Value, json};

use crate::support::{Res, TestApp};

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/examples.json");

/// Operations with no example, and why.
const WITHOUT: [(&str, &str); 1] = [("get_openapi", "its answer is the document itself")];

/// Every JSON request body and every JSON answer of a success status has an example.
#[test]
fn every_operation_has_a_real_example() {
    if std::env::var_os("UPDATE_EXAMPLES").is_some() {
        return; // `capture` below writes them.
    }
    let doc = headpress::openapi();
    let mut missing = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap();
            if WITHOUT.iter().any(|(w, _)| *w == id) {
                continue;
            }
            let body = &op["requestBody"]["content"]["application/json"];
            if body.is_object() && body.get("example").is_none() {
                missing.push(format!("{method} {path} ({id}): request"));
            }
            for (status, res) in op["responses"].as_object().unwrap() {
                let media = &res["content"]["application/json"];
                if status.starts_with('2') && media.is_object() && media.get("example").is_none() {
                    missing.push(format!("{method} {path} ({id}): {status}"));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "no example (run `UPDATE_EXAMPLES=1 cargo test openapi_examples`, then \
         `UPDATE_OPENAPI=1 cargo test openapi`): {missing:#?}"
    );
}

/// The captured examples, by operation.
#[derive(Default)]
struct Book(Map<String, Value>);

impl Book {
    /// Keeps a request (if any) and its answer as the example of `id`, after checking the
    /// status is the one expected.
    fn keep(
        &mut self,
        id: &str,
        request: Option<&Value>,
        res: &Res,
        expected: StatusCode,
    ) -> Value {
        assert_eq!(res.status, expected, "{id}: {}", res.text());
        let body = res.json();
        let entry = self
            .0
            .entry(id.to_owned())
            .or_insert_with(|| json!({"responses": {}}));
        if let Some(r) = request {
            entry["request"] = r.clone();
        }
        entry["responses"][res.status.as_u16().to_string()] = shorten(&body);
        body
    }
}

/// An example a reader can take in: strings of at most 200 characters, arrays of at most
/// three items (lists are asked for two), whatever the site holds.
fn shorten(v: &Value) -> Value {
    match v {
        Value::String(s) if s.chars().count() > 200 => {
            Value::String(format!("{}…", s.chars().take(200).collect::<String>()))
        }
        Value::Array(items) => Value::Array(items.iter().take(3).map(shorten).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), shorten(v))).collect())
        }
        other => other.clone(),
    }
}

const PNG: &[u8] = include_bytes!("../fixtures/wordpress/uploads/2019/06/about-us-hero.png");

/// Makes every request the examples show, against a demo site, and writes them.
#[actix_web::test]
async fn capture() {
    if std::env::var_os("UPDATE_EXAMPLES").is_none() {
        return;
    }
    let app = TestApp::new().await;
    app.db(|conn| headpress::demo::seed(conn, app.state.storage.as_ref()))
        .expect("demo content");
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let mut book = Book::default();
    let ok = StatusCode::OK;
    let created = StatusCode::CREATED;

    // People and sign-in.
    let new_user = json!({"username": "amina", "password": "correct horse battery staple",
        "name": "Amina Diallo", "email": "amina@example.org", "role": "editor"});
    let res = app
        .post("/api/v1/users")
        .bearer(&admin)
        .json(&new_user)
        .send()
        .await;
    let user = book.keep("create_user", Some(&new_user), &res, created);
    let user_id = user["id"].as_i64().unwrap();
    let sign_in = json!({"username": "amina", "password": "correct horse battery staple"});
    let res = app.post("/api/v1/auth/token").json(&sign_in).send().await;
    let editor = book.keep("create_token", Some(&sign_in), &res, ok)["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = app.get("/api/v1/users/me").bearer(&editor).send().await;
    book.keep("get_me", None, &res, ok);
    let res = app
        .get("/api/v1/users?per_page=2")
        .bearer(&admin)
        .send()
        .await;
    book.keep("list_users", None, &res, ok);
    let res = app
        .get(&format!("/api/v1/users/{user_id}"))
        .bearer(&admin)
        .send()
        .await;
    book.keep("get_user", None, &res, ok);
    let change = json!({"name": "Amina D."});
    let res = app
        .patch(&format!("/api/v1/users/{user_id}"))
        .bearer(&admin)
        .json(&change)
        .send()
        .await;
    book.keep("update_user", Some(&change), &res, ok);
    let change = json!({"name": "Amina Diallo", "email": "a.diallo@example.org"});
    let res = app
        .patch("/api/v1/users/me")
        .bearer(&editor)
        .json(&change)
        .send()
        .await;
    book.keep("update_me", Some(&change), &res, ok);

    // Taxonomies: read the demo's, then create, change and delete one of each.
    let tag_id = taxonomy(&app, &admin, &mut book, "tags", "tag", "tags", None).await;
    let category_id = taxonomy(
        &app,
        &admin,
        &mut book,
        "categories",
        "category",
        "categories",
        Some(()),
    )
    .await;
    let type_id = taxonomy(
        &app,
        &admin,
        &mut book,
        "resource-types",
        "resource_type",
        "resource_types",
        Some(()),
    )
    .await;
    let event_category_id = taxonomy(
        &app,
        &admin,
        &mut book,
        "event-categories",
        "event_category",
        "event_categories",
        Some(()),
    )
    .await;

    // Custom fields for posts.
    let group = json!({"key": "report_details", "title": "Report details", "location": {"kinds": ["posts"]},
    "fields": [
        {"name": "report_year", "label": "Year of the report", "type": "number", "min": 1990, "max": 2100, "step": 1},
        {"name": "is_featured", "label": "Featured", "type": "boolean", "default": false}
    ]});
    let res = app
        .post("/api/v1/field-groups")
        .bearer(&admin)
        .json(&group)
        .send()
        .await;
    let group_id = book.keep("create_field_group", Some(&group), &res, created)["id"]
        .as_i64()
        .unwrap();
    let res = app
        .get("/api/v1/field-groups?per_page=2")
        .bearer(&admin)
        .send()
        .await;
    book.keep("list_field_groups", None, &res, ok);
    let res = app
        .get(&format!("/api/v1/field-groups/{group_id}"))
        .bearer(&admin)
        .send()
        .await;
    book.keep("get_field_group", None, &res, ok);
    let change = json!({"title": "Report metadata"});
    let res = app
        .patch(&format!("/api/v1/field-groups/{group_id}"))
        .bearer(&admin)
        .json(&change)
        .send()
        .await;
    book.keep("update_field_group", Some(&change), &res, ok);

    // Media.
    let res = app.get("/api/v1/media?per_page=2").send().await;
    let media_id = book.keep("list_media", None, &res, ok)["data"][0]["id"]
        .as_i64()
        .unwrap();
    let res = app.get(&format!("/api/v1/media/{media_id}")).send().await;
    book.keep("get_media", None, &res, ok);
    let boundary = "headpress-example";
    let mut upload = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"about-us.png\"\r\n\
         Content-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    upload.extend_from_slice(PNG);
    upload.extend_from_slice(
        format!("\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"alt_text\"\r\n\r\nPeople at a workshop\r\n--{boundary}--\r\n")
            .as_bytes(),
    );
    let res = app
        .post("/api/v1/media")
        .bearer(&editor)
        .raw(&format!("multipart/form-data; boundary={boundary}"), upload)
        .send()
        .await;
    let upload_id = book.keep("create_media", None, &res, created)["id"]
        .as_i64()
        .unwrap();
    let change = json!({"title": "About us", "caption": "Our team at the 2019 workshop"});
    let res = app
        .patch(&format!("/api/v1/media/{upload_id}"))
        .bearer(&editor)
        .json(&change)
        .send()
        .await;
    book.keep("update_media", Some(&change), &res, ok);

    // Content, kind by kind: the demo's lists and items, then one item's life.
    let blocks = json!({"blocks": [
        {"name": "core/heading", "attrs": {"level": 2}, "inner_blocks": [], "html": "<h2>Key findings</h2>", "inner_content": ["<h2>Key findings</h2>"]},
        {"name": "core/paragraph", "attrs": {}, "inner_blocks": [], "html": "<p>Forced labour persists in three supply chains.</p>", "inner_content": ["<p>Forced labour persists in three supply chains.</p>"]}
    ]});
    let post = json!({"title": "Forced labour in supply chains: 2026 review", "status": "draft",
        "excerpt": "What changed this year, sector by sector.", "content": blocks,
        "tags": [tag_id], "categories": [category_id], "fields": {"report_year": 2026, "is_featured": true}});
    life(
        &app,
        &editor,
        &mut book,
        (
            "posts",
            "post",
            "posts?per_page=2&include=tags,categories,author",
        ),
        post,
    )
    .await;
    let page = json!({"title": "Our partners", "status": "draft", "content": {"html": "<!-- wp:paragraph --><p>Organisations we work with.</p><!-- /wp:paragraph -->"}, "menu_order": 3});
    life(
        &app,
        &editor,
        &mut book,
        ("pages", "page", "pages?per_page=2"),
        page,
    )
    .await;
    let resource = json!({"title": "Modern slavery statement checklist", "status": "draft",
        "summary": "A one-page checklist for a company's annual statement.", "resource_types": [type_id],
        "tags": [tag_id], "external_url": "https://www.example.org/checklist", "publisher": "Example Initiative", "language": "en"});
    life(
        &app,
        &editor,
        &mut book,
        (
            "resources",
            "resource",
            "resources?per_page=2&include=resource_types,tags",
        ),
        resource,
    )
    .await;
    let event = json!({"title": "Supplier due diligence workshop", "status": "draft",
        "starts_at": "2027-03-09T14:00", "ends_at": "2027-03-09T16:30", "timezone": "Europe/London",
        "rrule": "FREQ=MONTHLY;BYDAY=2TU;COUNT=6", "venue": {"name": "Friends House", "address": "173 Euston Road", "city": "London", "country": "GB"},
        "is_free": true, "event_categories": [event_category_id]});
    life(
        &app,
        &editor,
        &mut book,
        ("events", "event", "events?per_page=2"),
        event,
    )
    .await;
    let block = json!({"title": "Newsletter call to action", "status": "published",
        "content": {"html": "<!-- wp:paragraph --><p>Get our monthly briefing.</p><!-- /wp:paragraph -->"}});
    let block_id = life(
        &app,
        &editor,
        &mut book,
        ("blocks", "block", "blocks?per_page=2"),
        block,
    )
    .await;
    let res = app
        .get(&format!("/api/v1/blocks/{block_id}/usages"))
        .bearer(&editor)
        .send()
        .await;
    book.keep("list_block_usages", None, &res, ok);

    let res = app
        .get("/api/v1/events/occurrences?from=2027-03-01T00:00:00Z&to=2028-03-01T00:00:00Z&per_page=2")
        .send()
        .await;
    book.keep("list_event_occurrences", None, &res, ok);

    // Partners.
    let partner = json!({"name": "Ethical Trade Network", "origins": ["https://partners.example.org"], "quota_per_minute": 600});
    let res = app
        .post("/api/v1/partners")
        .bearer(&admin)
        .json(&partner)
        .send()
        .await;
    let partner_id = book.keep("create_partner", Some(&partner), &res, created)["id"]
        .as_i64()
        .unwrap();
    let res = app
        .get("/api/v1/partners?per_page=2")
        .bearer(&admin)
        .send()
        .await;
    book.keep("list_partners", None, &res, ok);
    let res = app
        .get(&format!("/api/v1/partners/{partner_id}"))
        .bearer(&admin)
        .send()
        .await;
    book.keep("get_partner", None, &res, ok);
    let change = json!({"quota_per_minute": 1200});
    let res = app
        .patch(&format!("/api/v1/partners/{partner_id}"))
        .bearer(&admin)
        .json(&change)
        .send()
        .await;
    book.keep("update_partner", Some(&change), &res, ok);

    // The audit log of all that.
    let res = app
        .get("/api/v1/audit?per_page=2")
        .bearer(&admin)
        .send()
        .await;
    book.keep("list_audit", None, &res, ok);

    // An API token for a build server, and a preview link of a draft.
    let new_token = json!({"name": "Netlify build", "scopes": ["read:drafts"],
        "expires_at": "2027-12-31T00:00:00Z"});
    let res = app
        .post("/api/v1/tokens")
        .bearer(&admin)
        .json(&new_token)
        .send()
        .await;
    book.keep("create_api_token", Some(&new_token), &res, created);
    let res = app.get("/api/v1/tokens").bearer(&admin).send().await;
    book.keep("list_api_tokens", None, &res, ok);
    let draft = json!({"title": "Cocoa supply chains: what changed in 2026"});
    let res = app
        .post("/api/v1/posts")
        .bearer(&admin)
        .json(&draft)
        .send()
        .await;
    let new_preview = json!({"kind": "post", "item_id": res.json()["id"], "expires_in": 3600});
    let res = app
        .post("/api/v1/previews")
        .bearer(&admin)
        .json(&new_preview)
        .send()
        .await;
    book.keep("create_preview", Some(&new_preview), &res, created);
    let res = app.get("/api/v1/previews").bearer(&admin).send().await;
    book.keep("list_previews", None, &res, ok);

    // A webhook, a change it hears of, a ping and a redelivery.
    let new_hook = json!({"url": "https://hooks.example.org/headpress",
        "events": ["post.*", "page.published"], "description": "Rebuild the public site"});
    let res = app
        .post("/api/v1/webhooks")
        .bearer(&admin)
        .json(&new_hook)
        .send()
        .await;
    let hook = book.keep("create_webhook", Some(&new_hook), &res, created);
    let hook_id = hook["id"].clone();
    let res = app.get("/api/v1/webhooks").bearer(&admin).send().await;
    book.keep("list_webhooks", None, &res, ok);
    let res = app
        .get(&format!("/api/v1/webhooks/{hook_id}"))
        .bearer(&admin)
        .send()
        .await;
    book.keep("get_webhook", None, &res, ok);
    let change = json!({"events": ["post.*", "page.*"]});
    let res = app
        .patch(&format!("/api/v1/webhooks/{hook_id}"))
        .bearer(&admin)
        .json(&change)
        .send()
        .await;
    book.keep("update_webhook", Some(&change), &res, ok);
    let post = json!({"title": "New guidance on forced labour indicators", "status": "published"});
    app.post("/api/v1/posts")
        .bearer(&admin)
        .json(&post)
        .send()
        .await;
    let res = app
        .post(&format!("/api/v1/webhooks/{hook_id}/ping"))
        .bearer(&admin)
        .send()
        .await;
    let ping = book.keep("ping_webhook", None, &res, StatusCode::ACCEPTED);
    let res = app
        .post(&format!(
            "/api/v1/webhooks/{hook_id}/deliveries/{}/redeliver",
            ping["id"]
        ))
        .bearer(&admin)
        .send()
        .await;
    book.keep(
        "redeliver_webhook_delivery",
        None,
        &res,
        StatusCode::ACCEPTED,
    );
    let res = app
        .get(&format!("/api/v1/webhooks/{hook_id}/deliveries?per_page=2"))
        .bearer(&admin)
        .send()
        .await;
    book.keep("list_webhook_deliveries", None, &res, ok);

    // The change feed, as anonymous readers see it: the newest two changes.
    let res = app.get("/api/v1/changes?since=now").send().await;
    let head = res.json()["meta"]["next_cursor"]
        .as_str()
        .unwrap()
        .to_owned();
    let post = json!({"title": "Forced labour in cocoa", "status": "published"});
    let res = app
        .post("/api/v1/posts")
        .bearer(&admin)
        .json(&post)
        .send()
        .await;
    let id = res.json()["id"].clone();
    let edit = json!({"title": "Forced labour in cocoa supply chains"});
    app.patch(&format!("/api/v1/posts/{id}"))
        .bearer(&admin)
        .json(&edit)
        .send()
        .await;
    let res = app
        .get(&format!("/api/v1/changes?since={head}&per_page=2"))
        .send()
        .await;
    book.keep("list_changes", None, &res, ok);

    // The system and embeds.
    for (id, path) in [("healthz", "/healthz"), ("readyz", "/readyz")] {
        let res = app.get(path).send().await;
        book.keep(id, None, &res, ok);
    }
    let post_link = app.get("/api/v1/posts?per_page=1").send().await.json()["data"][0]["link"]
        .as_str()
        .unwrap()
        .to_owned();
    let query: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("url", &post_link)
        .finish();
    let res = app.get(&format!("/oembed?{query}")).send().await;
    book.keep("get_oembed", None, &res, ok);

    // The WordPress-compatible API (the demo has no page: one to show).
    let about = json!({"title": "About us", "status": "published",
        "content": {"html": "<!-- wp:paragraph --><p>Who we are.</p><!-- /wp:paragraph -->"}});
    let res = app
        .post("/api/v1/pages")
        .bearer(&editor)
        .json(&about)
        .send()
        .await;
    assert_eq!(res.status, created, "{}", res.text());
    for (id, path) in [
        ("get_index", "/wp-json"),
        ("get_types", "/wp-json/wp/v2/types"),
        ("get_taxonomies", "/wp-json/wp/v2/taxonomies"),
        (
            "search_wp",
            "/wp-json/wp/v2/search?search=slavery&per_page=3",
        ),
    ] {
        let res = app.get(path).send().await;
        book.keep(id, None, &res, ok);
    }
    for (list, get, base) in [
        ("list_wp_posts", "get_wp_post", "posts"),
        ("list_wp_pages", "get_wp_page", "pages"),
        ("list_wp_resources", "get_wp_resource", "resources"),
        ("list_wp_events", "get_wp_event", "events"),
        ("list_wp_categories", "get_wp_category", "categories"),
        ("list_wp_tags", "get_wp_tag", "tags"),
        (
            "list_wp_resource_types",
            "get_wp_resource_type",
            "resource_type",
        ),
        (
            "list_wp_event_categories",
            "get_wp_event_category",
            "events_categories",
        ),
        ("list_wp_event_tags", "get_wp_event_tag", "events_tags"),
        ("list_wp_users", "get_wp_user", "users"),
        ("list_wp_media", "get_wp_media", "media"),
    ] {
        let res = app
            .get(&format!("/wp-json/wp/v2/{base}?per_page=2"))
            .send()
            .await;
        let first = book.keep(list, None, &res, ok)[0]["id"].clone();
        let res = app
            .get(&format!("/wp-json/wp/v2/{base}/{first}"))
            .send()
            .await;
        book.keep(get, None, &res, ok);
    }

    // A WordPress site kept in step with, and an item taken over from it.
    let _wordpress = crate::wp_sync::synced_into(&app).await;
    let res = app
        .get("/api/v1/sync/wordpress")
        .bearer(&admin)
        .send()
        .await;
    book.keep("get_sync_status", None, &res, ok);
    let res = app
        .get("/api/v1/posts?slug=annual-report")
        .bearer(&admin)
        .send()
        .await;
    let detach = json!({"collection": "posts", "id": res.json()["data"][0]["id"]});
    let res = app
        .post("/api/v1/sync/wordpress/detach")
        .bearer(&admin)
        .json(&detach)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.text());
    book.0.insert(
        "detach_from_wordpress".into(),
        json!({"request": detach, "responses": {}}),
    );

    let mut text = serde_json::to_string_pretty(&Value::Object(book.0)).unwrap();
    text.push('\n');
    std::fs::write(EXAMPLES, text).expect("write openapi/examples.json");
}

/// The demo's terms of one taxonomy (list and one of them), then a new one created,
/// changed and deleted; the id of one of the demo's.
async fn taxonomy(
    app: &TestApp,
    token: &str,
    book: &mut Book,
    collection: &str,
    singular: &str,
    plural: &str,
    nested: Option<()>,
) -> i64 {
    let ok = StatusCode::OK;
    let res = app
        .get(&format!("/api/v1/{collection}?per_page=2"))
        .send()
        .await;
    let id = book.keep(&format!("list_{plural}"), None, &res, ok)["data"][0]["id"]
        .as_i64()
        .unwrap();
    let res = app.get(&format!("/api/v1/{collection}/{id}")).send().await;
    book.keep(&format!("get_{singular}"), None, &res, ok);
    let mut new = json!({"name": "Due diligence", "description": "Checking suppliers for abuses."});
    if nested.is_some() {
        new["parent"] = json!(id);
    }
    let res = app
        .post(&format!("/api/v1/{collection}"))
        .bearer(token)
        .json(&new)
        .send()
        .await;
    let new_id = book.keep(
        &format!("create_{singular}"),
        Some(&new),
        &res,
        StatusCode::CREATED,
    )["id"]
        .as_i64()
        .unwrap();
    let change = json!({"name": "Human rights due diligence"});
    let res = app
        .patch(&format!("/api/v1/{collection}/{new_id}"))
        .bearer(token)
        .json(&change)
        .send()
        .await;
    book.keep(&format!("update_{singular}"), Some(&change), &res, ok);
    let res = app
        .delete(&format!("/api/v1/{collection}/{new_id}"))
        .bearer(token)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.text());
    id
}

/// A kind's list and one of the demo's items, then an item's life: created as a draft,
/// published, its revisions, moved to the trash. Returns the new item's id.
async fn life(
    app: &TestApp,
    token: &str,
    book: &mut Book,
    (collection, singular, list): (&str, &str, &str),
    create: Value,
) -> i64 {
    let ok = StatusCode::OK;
    let res = app.get(&format!("/api/v1/{list}")).send().await;
    let listed = book.keep(&format!("list_{collection}"), None, &res, ok);
    if let Some(id) = listed["data"][0]["id"].as_i64() {
        let res = app.get(&format!("/api/v1/{collection}/{id}")).send().await;
        book.keep(&format!("get_{singular}"), None, &res, ok);
    }
    let res = app
        .post(&format!("/api/v1/{collection}"))
        .bearer(token)
        .json(&create)
        .send()
        .await;
    let item = book.keep(
        &format!("create_{singular}"),
        Some(&create),
        &res,
        StatusCode::CREATED,
    );
    let id = item["id"].as_i64().unwrap();
    if listed["data"][0]["id"].is_null() {
        let res = app
            .get(&format!("/api/v1/{collection}/{id}"))
            .bearer(token)
            .send()
            .await;
        book.keep(&format!("get_{singular}"), None, &res, ok);
    }
    let change = json!({"status": "published"});
    let res = app
        .patch(&format!("/api/v1/{collection}/{id}"))
        .bearer(token)
        .json(&change)
        .send()
        .await;
    book.keep(&format!("update_{singular}"), Some(&change), &res, ok);
    let res = app
        .get(&format!("/api/v1/{collection}/{id}/revisions?per_page=2"))
        .bearer(token)
        .send()
        .await;
    book.keep(&format!("list_{singular}_revisions"), None, &res, ok);
    if collection != "blocks" {
        let res = app
            .delete(&format!("/api/v1/{collection}/{id}"))
            .bearer(token)
            .send()
            .await;
        book.keep(&format!("delete_{singular}"), None, &res, ok);
    } else {
        // The block's example delete: one made for it, so that the block stays for usages.
        let res = app
            .post("/api/v1/blocks")
            .bearer(token)
            .json(&json!({"title": "Old banner", "status": "draft"}))
            .send()
            .await;
        let old = res.json()["id"].as_i64().unwrap();
        let res = app
            .delete(&format!("/api/v1/blocks/{old}"))
            .bearer(token)
            .send()
            .await;
        book.keep("delete_block", None, &res, ok);
    }
    id
}
