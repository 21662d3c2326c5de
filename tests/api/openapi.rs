//! The OpenAPI document: committed, complete, and what the server serves.

use serde_json::json;

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
    assert_eq!(
        create["security"],
        serde_json::json!([{"bearer": []}, {"apiToken": ["write:posts"]}])
    );
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
    let contact = served["info"]["contact"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
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

/// Every operation of the document, with its path and method.
fn operations(doc: &serde_json::Value) -> Vec<(String, String, serde_json::Value)> {
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            ops.push((path.clone(), method.clone(), op.clone()));
        }
    }
    ops
}

/// Sign-in is optional by default (generators then take an anonymous client for reads),
/// and only operations that need a user say so; a partner key is an optional parameter,
/// never a credential (a generator would send every credential it knows at once).
#[test]
fn reads_are_public_and_writes_need_a_token() {
    let doc = headpress::openapi();
    assert_eq!(doc["security"], json!([{}, {"bearer": []}]));
    let schemes = doc["components"]["securitySchemes"].as_object().unwrap();
    assert_eq!(schemes.keys().collect::<Vec<_>>(), ["apiToken", "bearer"]);
    for (_, method, op) in operations(&doc) {
        let id = op["operationId"].as_str().unwrap();
        match op.get("security") {
            // Public: reads, and signing in.
            None => assert!(method == "get" || id == "create_token", "{id} is public"),
            // A person's sign-in, and where an API token may do it, the token's scopes
            // (both are `Authorization: Bearer`: one header whichever a client holds).
            Some(s) => {
                assert_eq!(s[0], json!({"bearer": []}), "{id}");
                let rest = &s.as_array().unwrap()[1..];
                assert!(
                    rest.is_empty() || (rest.len() == 1 && rest[0]["apiToken"].is_array()),
                    "{id}: {s}"
                );
            }
        }
        if method == "get" && op.get("security").is_none() {
            let params = op["parameters"].to_string();
            assert!(params.contains("parameters/PartnerKey\""), "{id}");
            assert!(params.contains("parameters/PartnerKeyQuery\""), "{id}");
        }
    }
    for (id, token) in [
        ("create_post", Some(json!(["write:posts"]))),
        ("update_post", Some(json!(["write:posts"]))),
        ("delete_post", Some(json!(["write:posts"]))),
        ("list_partners", None),
        ("create_user", None),
        ("get_me", Some(json!([]))),
    ] {
        let op = operations(&doc)
            .into_iter()
            .find(|(_, _, op)| op["operationId"] == id)
            .unwrap()
            .2;
        let mut expected = vec![json!({"bearer": []})];
        expected.extend(token.map(|scopes| json!({"apiToken": scopes})));
        assert_eq!(op["security"], json!(expected), "{id}");
    }
}

/// Conditional requests, paging and creation headers are declared wherever they are sent.
#[test]
fn every_header_the_server_sends_is_declared() {
    let doc = headpress::openapi();
    for (_, method, op) in operations(&doc) {
        let id = op["operationId"].as_str().unwrap();
        let responses = &op["responses"];
        if method == "get" {
            assert!(
                op["parameters"]
                    .to_string()
                    .contains("parameters/IfNoneMatch"),
                "{id} takes no If-None-Match"
            );
            assert_eq!(
                responses["304"]["$ref"], "#/components/responses/NotModified",
                "{id}"
            );
            assert!(responses["200"]["headers"]["ETag"].is_object(), "{id}");
            let schema = responses["200"]["content"]["application/json"]["schema"].to_string();
            if schema.contains("List\"") {
                for h in ["Link", "X-Total-Count"] {
                    assert!(responses["200"]["headers"][h].is_object(), "{id}: {h}");
                }
            }
        }
        if let Some(created) = responses.get("201") {
            assert!(created["headers"]["Location"].is_object(), "{id}");
        }
    }
    let too_many = &doc["components"]["responses"]["Error429"]["headers"];
    for h in [
        "Retry-After",
        "RateLimit-Limit",
        "RateLimit-Remaining",
        "RateLimit-Reset",
    ] {
        assert!(too_many[h].is_object(), "429 lacks {h}");
    }
}

/// Lists refer to their item schema (no copies for generators to turn into duplicate
/// types); operations that take `fields` answer the full or the partial shape.
#[test]
fn lists_refer_to_items_and_sparse_answers_are_described() {
    let doc = headpress::openapi();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    assert!(
        !schemas.keys().any(|k| k.contains('_')),
        "{:?}",
        schemas.keys()
    );
    for (name, schema) in schemas.iter().filter(|(k, _)| k.ends_with("List")) {
        let items = &schema["properties"]["data"]["items"];
        assert!(
            items["$ref"].is_string(),
            "{name} copies its items: {items}"
        );
    }
    let list = &doc["paths"]["/api/v1/posts"]["get"]["responses"]["200"]["content"]["application/json"]
        ["schema"];
    assert_eq!(
        list,
        &json!({"anyOf": [
            {"$ref": "#/components/schemas/PostList"},
            {"$ref": "#/components/schemas/PostPartialList"}
        ]})
    );
    let partial = &schemas["PostPartial"];
    assert!(partial.get("required").is_none());
    let full_members = ["id", "title", "tags", "categories", "fields", "embedded"];
    for m in full_members {
        assert!(
            partial["properties"][m].is_object(),
            "PostPartial lacks {m}"
        );
    }
}

/// Values a generator would choke on or mistype: the time zone is a checked string (not
/// an enum of ~600 names that collide once normalised), files are binary, health is an
/// enum, the document itself an object.
#[test]
fn types_are_what_generators_expect() {
    let doc = headpress::openapi();
    let schemas = &doc["components"]["schemas"];
    let zone = &schemas["TimeZoneName"];
    assert_eq!(zone["type"], "string");
    assert!(zone.get("enum").is_none());
    // The pattern admits every name the server accepts.
    let fits = |name: &str| {
        let ok = |c: char| c.is_ascii_alphanumeric() || "_+-".contains(c);
        let mut parts = name.split('/');
        let first = parts.next().unwrap_or_default();
        first.starts_with(|c: char| c.is_ascii_alphabetic())
            && first.chars().all(ok)
            && parts.all(|p| !p.is_empty() && p.chars().all(ok))
    };
    assert_eq!(
        zone["pattern"],
        r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$"
    );
    for z in chrono_tz::TZ_VARIANTS {
        assert!(fits(z.name()), "{} does not fit the pattern", z.name());
    }
    let file = &doc["paths"]["/uploads/{year}/{month}/{name}"]["get"]["responses"]["200"];
    assert_eq!(
        file["content"]["application/octet-stream"]["schema"],
        json!({"type": "string", "format": "binary"})
    );
    assert_eq!(
        schemas["HealthStatus"]["enum"],
        json!(["ok", "unavailable"])
    );
    assert_eq!(
        doc["paths"]["/api/v1/openapi.json"]["get"]["responses"]["200"]["content"]["application/json"]
            ["schema"]["$ref"],
        "#/components/schemas/OpenApiDocument"
    );
    // No enum is long enough to trouble a generator; no body member has a `default` (which
    // openapi-typescript reads as "required").
    fn walk(v: &serde_json::Value, at: &str, bad: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                if map
                    .get("enum")
                    .and_then(|e| e.as_array())
                    .is_some_and(|e| e.len() > 50)
                {
                    bad.push(format!("long enum at {at}"));
                }
                for (k, v) in map {
                    walk(v, &format!("{at}/{k}"), bad);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, &format!("{at}/{i}"), bad);
                }
            }
            _ => {}
        }
    }
    let mut bad = Vec::new();
    walk(&doc, "", &mut bad);
    for (name, schema) in schemas.as_object().unwrap() {
        if (name.starts_with("Create") || name.starts_with("Update"))
            && schema.to_string().contains("\"default\"")
        {
            bad.push(format!("a default in {name}"));
        }
    }
    assert!(bad.is_empty(), "{bad:?}");
}
