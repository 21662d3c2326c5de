//! The OpenAPI document: committed, complete, and what the server serves.

use crate::support::TestApp;

const COMMITTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json");

fn generated() -> String {
    let mut doc = serde_json::to_string_pretty(&headpress::openapi()).expect("serialize");
    doc.push('\n');
    doc
}

/// `UPDATE_OPENAPI=1 cargo test openapi` rewrites the committed document.
#[test]
fn the_committed_document_is_what_the_code_generates() {
    let now = generated();
    if std::env::var("UPDATE_OPENAPI").is_ok_and(|v| v == "1") {
        std::fs::write(COMMITTED, &now).expect("write openapi/openapi.json");
        return;
    }
    let committed = std::fs::read_to_string(COMMITTED).unwrap_or_default();
    assert!(
        committed == now,
        "openapi/openapi.json is out of date: run `UPDATE_OPENAPI=1 cargo test openapi` and commit it"
    );
}

#[test]
fn every_operation_is_named_tagged_and_documents_its_errors() {
    let doc = serde_json::to_value(headpress::openapi()).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    let mut operation_ids = Vec::new();
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path} has no operationId"));
            operation_ids.push(id.to_owned());
            assert!(
                op["tags"].as_array().is_some_and(|t| !t.is_empty()),
                "{id} has no tag"
            );
            let responses = op["responses"].as_object().unwrap();
            assert!(responses.contains_key("500"), "{id} does not document 500");
            if path.starts_with("/api/") {
                assert!(responses.contains_key("401"), "{id} does not document 401");
            }
            if path.contains('{') {
                assert!(responses.contains_key("404"), "{id} does not document 404");
            }
            if op.get("requestBody").is_some() {
                for status in ["400", "413", "415", "422"] {
                    assert!(
                        responses.contains_key(status),
                        "{id} does not document {status}"
                    );
                }
            }
        }
    }
    let mut unique = operation_ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        operation_ids.len(),
        "operationIds must be unique"
    );
    for expected in [
        "list_posts",
        "get_post",
        "create_post",
        "update_post",
        "delete_post",
        "list_post_revisions",
        "list_tags",
        "get_tag",
        "create_tag",
        "update_tag",
        "delete_tag",
        "list_categories",
        "get_category",
        "create_category",
        "update_category",
        "delete_category",
        "create_token",
        "get_me",
        "list_users",
        "get_user",
        "create_user",
        "update_user",
        "delete_user",
        "healthz",
        "readyz",
        "get_openapi",
    ] {
        assert!(
            operation_ids.iter().any(|o| o == expected),
            "{expected} is missing from the document"
        );
    }
    assert_eq!(doc["openapi"], "3.1.0");
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    let create = &doc["paths"]["/api/v1/posts"]["post"];
    assert_eq!(create["security"], serde_json::json!([{"bearer": []}]));
}

#[actix_web::test]
async fn the_server_serves_the_generated_document() {
    let app = TestApp::new().await;
    let served = app.get("/api/v1/openapi.json").send().await.json();
    let mut committed = headpress::openapi();
    assert_eq!(committed["servers"][0]["url"], "/");
    assert_eq!(
        committed["info"]["contact"]["url"],
        "http://localhost:8080/docs/"
    );
    // The served copy's contact names the server's own documentation; nothing else differs.
    let contact = served["info"]["contact"]["url"].as_str().unwrap().to_owned();
    assert!(
        contact.starts_with("http://") && contact.ends_with("/docs/"),
        "{contact}"
    );
    committed["info"]["contact"]["url"] = serde_json::json!(contact);
    assert_eq!(served, committed);
}

/// Every `$ref` points at something the document defines.
#[test]
fn every_reference_resolves() {
    let doc = serde_json::to_value(headpress::openapi()).unwrap();
    fn walk(v: &serde_json::Value, doc: &serde_json::Value, missing: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                if let Some(r) = map.get("$ref").and_then(|r| r.as_str()) {
                    let pointer = r.trim_start_matches('#');
                    if doc.pointer(pointer).is_none() {
                        missing.push(r.to_owned());
                    }
                }
                map.values().for_each(|v| walk(v, doc, missing));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, doc, missing)),
            _ => {}
        }
    }
    let mut missing = Vec::new();
    walk(&doc, &doc, &mut missing);
    missing.sort();
    missing.dedup();
    assert!(missing.is_empty(), "unresolved references: {missing:?}");
}
