//! The HTTP conventions every route follows: problem+json, caching, HEAD, CORS, limits.

use actix_web::http::StatusCode;
use headpress::users::Role;
use serde_json::json;

use crate::support::TestApp;

#[actix_web::test]
async fn unknown_routes_and_wrong_methods_are_problems() {
    let app = TestApp::new().await;
    app.get("/api/v1/nothing-here")
        .send()
        .await
        .problem(404, "not_found");
    let res = app
        .request(actix_web::http::Method::PUT, "/api/v1/posts")
        .send()
        .await;
    res.problem(405, "method_not_allowed");
    assert_eq!(
        res.header("allow").as_deref(),
        Some("GET, HEAD, POST, OPTIONS")
    );
    let res = app
        .request(actix_web::http::Method::POST, "/api/v1/posts/1")
        .send()
        .await;
    res.problem(405, "method_not_allowed");
    assert!(res.header("allow").unwrap().contains("PATCH"));
}

#[actix_web::test]
async fn bad_path_ids_are_not_found() {
    let app = TestApp::new().await;
    for path in [
        "/api/v1/posts/abc",
        "/api/v1/posts/0",
        "/api/v1/posts/-3",
        "/api/v1/posts/99999999999999999999",
    ] {
        app.get(path).send().await.problem(404, "not_found");
    }
}

#[actix_web::test]
async fn bad_query_values_name_the_parameter() {
    let app = TestApp::new().await;
    let cases = [
        ("per_page=1000", "per_page"),
        ("per_page=0", "per_page"),
        ("per_page=x", "per_page"),
        ("page=0", "page"),
        ("page=-1", "page"),
        ("order=up", "order"),
        ("orderby=colour", "orderby"),
        ("orderby=relevance", "orderby"),
        ("published_after=yesterday", "published_after"),
        ("published_before=2026-13-01T00:00:00Z", "published_before"),
        ("count=maybe", "count"),
        ("cursor=not-a-cursor", "cursor"),
        ("status=bogus", "status"),
        ("author=me", "author"),
        ("fields=id,nope", "fields"),
        ("include=comments", "include"),
        ("page=2&cursor=eyJ9", "cursor"),
    ];
    for (query, param) in cases {
        let res = app.get(&format!("/api/v1/posts?{query}")).send().await;
        let p = res.problem(400, "invalid_query");
        assert_eq!(p["errors"][0]["field"], param, "{query}: {p}");
    }
    // Unknown parameters are ignored.
    assert_eq!(
        app.get("/api/v1/posts?colour=blue").send().await.status,
        StatusCode::OK
    );
}

#[actix_web::test]
async fn malformed_and_wrongly_typed_bodies_are_400() {
    let app = TestApp::new().await;
    let (_, token) = app.sign_in_as(Role::Editor).await;
    let res = app
        .post("/api/v1/posts")
        .bearer(&token)
        .raw("application/json", "{\"title\": ")
        .send()
        .await;
    res.problem(400, "invalid_body");
    let res = app
        .post("/api/v1/posts")
        .bearer(&token)
        .json(&json!({"title": ["x"]}))
        .send()
        .await;
    assert_eq!(
        res.problem(400, "invalid_body")["errors"][0]["field"],
        "title"
    );
    let res = app
        .post("/api/v1/posts")
        .bearer(&token)
        .json(&json!({"title": "x", "tags": ["a"]}))
        .send()
        .await;
    assert_eq!(
        res.problem(400, "invalid_body")["errors"][0]["field"],
        "tags[0]"
    );
    let res = app
        .post("/api/v1/posts")
        .bearer(&token)
        .json(&json!({"title": "x", "colour": "red"}))
        .send()
        .await;
    res.problem(400, "invalid_body");
    let res = app
        .post("/api/v1/posts")
        .bearer(&token)
        .json(&json!({"excerpt": "no title"}))
        .send()
        .await;
    res.problem(400, "invalid_body");
    let res = app
        .post("/api/v1/posts")
        .bearer(&token)
        .raw("text/plain", "title=x")
        .send()
        .await;
    res.problem(415, "unsupported_media_type");
    let res = app
        .post("/api/v1/posts")
        .bearer(&token)
        .json(&json!({"title": "  "}))
        .send()
        .await;
    assert_eq!(
        res.problem(422, "validation_failed")["errors"][0]["field"],
        "title"
    );
    let res = app
        .post("/api/v1/posts")
        .bearer(&token)
        .json(&json!({"title": "x", "status": "live"}))
        .send()
        .await;
    res.problem(400, "invalid_body");
    // Nothing was written by any of these.
    let list = app
        .get("/api/v1/posts?status=any")
        .bearer(&token)
        .send()
        .await
        .json();
    assert_eq!(list["meta"]["total"], 0);
}

#[actix_web::test]
async fn oversized_bodies_are_413() {
    let app = TestApp::with_config(|c| c.json_limit = 2048).await;
    let (_, token) = app.sign_in_as(Role::Editor).await;
    let big = "x".repeat(4096);
    let res = app
        .post("/api/v1/posts")
        .bearer(&token)
        .json(&json!({"title": "t", "content": {"html": big}}))
        .send()
        .await;
    res.problem(413, "payload_too_large");
    let res = app
        .post("/api/v1/posts")
        .bearer(&token)
        .json(&json!({"title": "small"}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
}

#[actix_web::test]
async fn gets_carry_strong_etags_and_answer_304() {
    let app = TestApp::new().await;
    let (_, token) = app.sign_in_as(Role::Editor).await;
    let post = app.published_post(&token, "Cached").await;
    let path = format!("/api/v1/posts/{}", post["id"]);
    let first = app.get(&path).send().await;
    let etag = first.header("etag").expect("an ETag");
    assert!(
        etag.starts_with('"') && !etag.starts_with("W/"),
        "strong: {etag}"
    );
    assert_eq!(
        first.header("cache-control").as_deref(),
        Some("public, max-age=60")
    );
    assert!(first.header("vary").unwrap().contains("Authorization"));

    let again = app.get(&path).header("if-none-match", &etag).send().await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(again.header("etag").as_deref(), Some(etag.as_str()));

    // A change gives a new tag.
    app.patch(&path)
        .bearer(&token)
        .json(&json!({"title": "Changed"}))
        .send()
        .await;
    let changed = app.get(&path).header("if-none-match", &etag).send().await;
    assert_eq!(changed.status, StatusCode::OK);
    assert_ne!(changed.header("etag"), Some(etag));

    // Lists have ETags too.
    let list = app.get("/api/v1/posts").send().await;
    let list_tag = list.header("etag").unwrap();
    let list_again = app
        .get("/api/v1/posts")
        .header("if-none-match", &list_tag)
        .send()
        .await;
    assert_eq!(list_again.status, StatusCode::NOT_MODIFIED);
}

#[actix_web::test]
async fn responses_for_a_token_are_private() {
    let app = TestApp::new().await;
    let (_, token) = app.sign_in_as(Role::Editor).await;
    let res = app.get("/api/v1/posts").bearer(&token).send().await;
    assert_eq!(
        res.header("cache-control").as_deref(),
        Some("private, no-cache")
    );
    assert!(res.header("vary").unwrap().contains("Authorization"));
    let res = app
        .post("/api/v1/posts")
        .bearer(&token)
        .json(&json!({"title": "x"}))
        .send()
        .await;
    assert_eq!(res.header("cache-control").as_deref(), Some("no-store"));
}

#[actix_web::test]
async fn head_works_wherever_get_does() {
    let app = TestApp::new().await;
    let get = app.get("/api/v1/posts").send().await;
    let head = app
        .request(actix_web::http::Method::HEAD, "/api/v1/posts")
        .send()
        .await;
    assert_eq!(head.status, StatusCode::OK);
    assert_eq!(head.header("etag"), get.header("etag"));
    assert_eq!(
        head.header("content-type").as_deref(),
        Some("application/json")
    );
    let head = app
        .request(actix_web::http::Method::HEAD, "/healthz")
        .send()
        .await;
    assert_eq!(head.status, StatusCode::OK);
}

#[actix_web::test]
async fn lists_link_pages_and_count() {
    let app = TestApp::new().await;
    let (_, token) = app.sign_in_as(Role::Editor).await;
    for i in 0..5 {
        app.published_post(&token, &format!("Post {i}")).await;
    }
    let res = app.get("/api/v1/posts?per_page=2&page=2").send().await;
    assert_eq!(res.header("x-total-count").as_deref(), Some("5"));
    let link = res.header("link").unwrap();
    for rel in ["first", "prev", "next", "last"] {
        assert!(link.contains(&format!("rel=\"{rel}\"")), "{rel} in {link}");
    }
    assert!(link.contains("page=3>; rel=\"next\""), "{link}");
    assert!(link.contains("page=3>; rel=\"last\""), "{link}");
    let body = res.json();
    assert_eq!(
        body["meta"],
        json!({"page": 2, "per_page": 2, "total": 5, "total_pages": 3, "next_cursor": body["meta"]["next_cursor"]})
    );
    assert!(body["meta"]["next_cursor"].is_string());

    // count=none leaves the total out.
    let res = app.get("/api/v1/posts?per_page=2&count=none").send().await;
    assert!(res.header("x-total-count").is_none());
    let meta = &res.json()["meta"];
    assert!(
        meta.get("total").is_none() && meta.get("total_pages").is_none(),
        "{meta}"
    );

    // The last page has no next.
    let res = app.get("/api/v1/posts?per_page=2&page=3").send().await;
    assert!(!res.header("link").unwrap().contains("rel=\"next\""));
    assert!(res.json()["meta"].get("next_cursor").is_none());
}

#[actix_web::test]
async fn cors_follows_configuration() {
    let app = TestApp::new().await;
    let res = app
        .get("/api/v1/posts")
        .header("origin", "https://partner.example")
        .send()
        .await;
    assert_eq!(
        res.header("access-control-allow-origin").as_deref(),
        Some("*")
    );
    assert!(
        res.header("access-control-expose-headers")
            .unwrap()
            .to_lowercase()
            .contains("etag")
    );

    let app = TestApp::with_config(|c| c.cors_origins = vec!["https://good.example".into()]).await;
    let ok = app
        .get("/api/v1/posts")
        .header("origin", "https://good.example")
        .send()
        .await;
    assert_eq!(
        ok.header("access-control-allow-origin").as_deref(),
        Some("https://good.example")
    );
    let other = app
        .get("/api/v1/posts")
        .header("origin", "https://evil.example")
        .send()
        .await;
    assert!(other.header("access-control-allow-origin").is_none());
    let preflight = app
        .request(actix_web::http::Method::OPTIONS, "/api/v1/posts")
        .header("origin", "https://good.example")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization, content-type",
        )
        .send()
        .await;
    assert!(preflight.status.is_success(), "{}", preflight.status);
    assert!(
        preflight
            .header("access-control-allow-methods")
            .unwrap()
            .contains("POST")
    );
}

#[actix_web::test]
async fn health_and_readiness() {
    let app = TestApp::new().await;
    assert_eq!(
        app.get("/healthz").send().await.json(),
        json!({"status": "ok"})
    );
    assert_eq!(
        app.get("/readyz").send().await.json(),
        json!({"status": "ok"})
    );
}

#[actix_web::test]
async fn the_docs_page_is_served() {
    let app = TestApp::new().await;
    let res = app.get("/docs/").send().await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text().contains("swagger"), "{}", res.text());
    let spec = app.get("/api/v1/openapi.json").send().await.json();
    assert_eq!(spec["openapi"], "3.1.0");
}

#[actix_web::test]
async fn nul_characters_are_refused_not_stored() {
    let app = TestApp::new().await;
    let (_, token) = app.sign_in_as(Role::Editor).await;
    let res = app
        .post("/api/v1/posts")
        .bearer(&token)
        .raw("application/json", r#"{"title": "a\u0000b"}"#)
        .send()
        .await;
    res.problem(400, "invalid_body");
    let res = app
        .post("/api/v1/posts")
        .bearer(&token)
        .raw("application/json", r#"{"title": "a\\u0000b"}"#)
        .send()
        .await;
    assert_eq!(
        res.status,
        StatusCode::CREATED,
        "an escaped backslash is not a NUL"
    );
    let res = app.get("/api/v1/posts?search=a%00b").send().await;
    assert_eq!(
        res.problem(400, "invalid_query")["errors"][0]["field"],
        "search"
    );
}

#[actix_web::test]
async fn a_fixed_path_beside_an_id_path_answers_405() {
    let app = TestApp::new().await;
    let (_, token) = app.sign_in_as(Role::Admin).await;
    for method in [
        actix_web::http::Method::PUT,
        actix_web::http::Method::DELETE,
    ] {
        let res = app
            .request(method, "/api/v1/users/me")
            .bearer(&token)
            .send()
            .await;
        res.problem(405, "method_not_allowed");
        assert_eq!(
            res.header("allow").as_deref(),
            Some("GET, HEAD, PATCH, OPTIONS")
        );
    }
}

#[actix_web::test]
async fn whole_numbers_written_as_floats_are_integers() {
    let app = TestApp::new().await;
    let (_, token) = app.sign_in_as(Role::Editor).await;
    let tag = app
        .create_term(&token, "tags", json!({"name": "Float"}))
        .await;
    let id = tag["id"].as_i64().unwrap() as f64;
    let body = format!(r#"{{"title": "Floats", "tags": [{id:.1}]}}"#);
    let res = app
        .post("/api/v1/posts")
        .bearer(&token)
        .raw("application/json", body)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    assert_eq!(res.json()["tags"], json!([tag["id"]]));
    let res = app
        .post("/api/v1/posts")
        .bearer(&token)
        .raw("application/json", r#"{"title": "x", "tags": [1.5]}"#)
        .send()
        .await;
    assert_eq!(
        res.problem(400, "invalid_body")["errors"][0]["field"],
        "tags[0]"
    );
}

#[actix_web::test]
async fn unknown_parameters_are_ignored_even_with_odd_values() {
    let app = TestApp::new().await;
    assert_eq!(
        app.get("/api/v1/posts?foo=%00").send().await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get("/api/v1/posts?fields=&status=").send().await.status,
        StatusCode::OK
    );
}

/// Every answer names its request: the client's id when it sent a usable one, else a new
/// one; a problem repeats it, so a report matches the server's log line.
#[actix_web::test]
async fn every_answer_carries_a_request_id_that_problems_repeat() {
    let app = TestApp::with_config(|c| c.cors_origins = vec!["https://good.example".into()]).await;
    let list = app.get("/api/v1/posts").send().await;
    let made = list.header("x-request-id").expect("an id on a 200");
    assert_eq!(made.len(), 32, "{made}");
    let again = app.get("/api/v1/posts").send().await;
    assert_ne!(
        again.header("x-request-id").unwrap(),
        made,
        "one id per request"
    );

    let res = app
        .get("/api/v1/posts/999999")
        .header("X-Request-Id", "client-trace-0042")
        .send()
        .await;
    let problem = res.problem(404, "not_found");
    assert_eq!(
        res.header("x-request-id").as_deref(),
        Some("client-trace-0042")
    );
    assert_eq!(problem["request_id"], "client-trace-0042");

    // An id that cannot be repeated safely is replaced.
    let long = "x".repeat(129);
    let res = app
        .get("/healthz")
        .header("X-Request-Id", &long)
        .send()
        .await;
    let id = res.header("x-request-id").unwrap();
    assert_ne!(id, long);
    assert_eq!(id.len(), 32);

    // Answers made below the handlers, or from the cache, carry one too.
    let tag = list.header("etag").unwrap();
    let res = app
        .get("/api/v1/posts")
        .header("If-None-Match", &tag)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NOT_MODIFIED);
    assert!(res.header("x-request-id").is_some());
    let res = app
        .post("/api/v1/posts")
        .raw("application/json", "{not json")
        .send()
        .await;
    let problem = res.problem(401, "unauthorized");
    assert_eq!(
        problem["request_id"].as_str(),
        res.header("x-request-id").as_deref()
    );
    let preflight = app
        .request(actix_web::http::Method::OPTIONS, "/api/v1/posts")
        .header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "GET")
        .send()
        .await;
    assert!(
        preflight.header("x-request-id").is_some(),
        "{}",
        preflight.status
    );
}

/// A huge query is not echoed four times in `Link` headers; the list still answers.
#[actix_web::test]
async fn a_huge_query_gets_no_link_headers() {
    let app = TestApp::new().await;
    let slugs: Vec<String> = (0..1000).map(|i| format!("slug-{i}")).collect();
    let res = app
        .get(&format!("/api/v1/posts?slug={}", slugs.join(",")))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert!(res.header("link").is_none());
    assert_eq!(res.json()["meta"]["total"], 0);
    let res = app.get("/api/v1/posts?slug=a,b").send().await;
    assert!(res.header("link").is_some());
}

/// With `--anonymous-rate-limit`, each address gets that many anonymous requests a
/// minute; tokens, partner keys and health checks are not counted. Off by default.
#[actix_web::test]
async fn anonymous_reads_may_be_limited_per_address() {
    let unlimited = TestApp::new().await;
    for _ in 0..5 {
        let res = unlimited
            .get("/api/v1/posts")
            .peer("192.0.2.1:1")
            .send()
            .await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(res.header("ratelimit-limit").is_none());
    }

    let app = TestApp::with_config(|c| c.anonymous_rate_limit = 3).await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    for left in [2, 1, 0] {
        let res = app.get("/api/v1/posts").peer("192.0.2.1:1").send().await;
        assert_eq!(res.status, StatusCode::OK);
        assert_eq!(res.header("ratelimit-limit").as_deref(), Some("3"));
        assert_eq!(res.header("ratelimit-remaining"), Some(left.to_string()));
    }
    let res = app.get("/api/v1/tags").peer("192.0.2.1:1").send().await;
    res.problem(429, "rate_limited");
    let wait: u64 = res.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    // Others, signed-in readers and health checks go on.
    let other = app.get("/api/v1/posts").peer("192.0.2.2:1").send().await;
    assert_eq!(other.status, StatusCode::OK);
    let signed_in = app
        .get("/api/v1/posts")
        .peer("192.0.2.1:1")
        .bearer(&editor)
        .send()
        .await;
    assert_eq!(signed_in.status, StatusCode::OK);
    assert_eq!(
        app.get("/healthz").peer("192.0.2.1:1").send().await.status,
        StatusCode::OK
    );
}
