//! The response cache: repeated anonymous reads come from memory, never after a write that
//! changes them; a 304 needs no database; signed-in readers never share an answer;
//! scheduled items and events' next occurrences expire answers on time; another node
//! learns of a write within a second.

use std::time::{Duration, Instant};

use actix_web::http::StatusCode;
use headpress::users::Role;
use serde_json::json;

use crate::support::{Res, TestApp};

/// An anonymous read and the statements it cost.
async fn read(app: &TestApp, path: &str) -> (Res, u64) {
    let before = app.queries();
    let res = app.get(path).send().await;
    (res, app.queries() - before)
}

fn titles(res: &Res) -> Vec<String> {
    res.json()["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap().to_owned())
        .collect()
}

#[actix_web::test]
async fn repeated_reads_come_from_memory_until_a_write_changes_them() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let post = app.published_post(&editor, "First title").await;
    let (first, cost) = read(&app, "/api/v1/posts").await;
    assert!(cost > 0);
    let (again, cost) = read(&app, "/api/v1/posts").await;
    assert_eq!(cost, 0, "the second read is answered from memory");
    assert_eq!(again.body, first.body);
    assert_eq!(again.header("etag"), first.header("etag"));
    assert_eq!(again.header("link"), first.header("link"));
    assert_eq!(again.header("x-total-count").as_deref(), Some("1"));

    let res = app
        .patch(&format!("/api/v1/posts/{}", post["id"]))
        .bearer(&editor)
        .json(&json!({"title": "Second title"}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let (after, cost) = read(&app, "/api/v1/posts").await;
    assert!(cost > 0, "a write sets cached answers aside");
    assert_eq!(titles(&after), ["Second title"]);

    // Terms, media and users change answers too.
    let tag = app
        .create_term(&editor, "tags", json!({"name": "Old"}))
        .await;
    let (tags, _) = read(&app, "/api/v1/tags").await;
    assert_eq!(tags.json()["data"][0]["name"], "Old");
    app.patch(&format!("/api/v1/tags/{}", tag["id"]))
        .bearer(&editor)
        .json(&json!({"name": "New"}))
        .send()
        .await;
    let (tags, _) = read(&app, "/api/v1/tags").await;
    assert_eq!(tags.json()["data"][0]["name"], "New");
}

#[actix_web::test]
async fn a_304_from_the_cache_needs_no_database() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let post = app.published_post(&editor, "Tagged").await;
    let (first, _) = read(&app, "/api/v1/posts").await;
    let etag = first.header("etag").expect("an ETag");
    let before = app.queries();
    let res = app
        .get("/api/v1/posts")
        .header("if-none-match", &etag)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NOT_MODIFIED);
    assert!(res.body.is_empty());
    assert_eq!(res.header("etag").as_deref(), Some(etag.as_str()));
    assert_eq!(app.queries(), before, "a 304 without a statement");

    app.patch(&format!("/api/v1/posts/{}", post["id"]))
        .bearer(&editor)
        .json(&json!({"title": "Changed"}))
        .send()
        .await;
    let res = app
        .get("/api/v1/posts")
        .header("if-none-match", &etag)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "the old tag no longer matches");
    assert_ne!(res.header("etag"), Some(etag));
}

#[actix_web::test]
async fn signed_in_readers_never_share_a_cached_answer() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    app.published_post(&editor, "Public").await;
    app.create_post(&editor, json!({"title": "Draft"})).await;
    let path = "/api/v1/posts?status=any";
    let (anonymous, _) = read(&app, "/api/v1/posts").await;
    assert_eq!(titles(&anonymous), ["Public"]);
    for _ in 0..2 {
        let before = app.queries();
        let res = app.get(path).bearer(&editor).send().await;
        assert!(
            app.queries() > before,
            "signed-in reads are never served from memory"
        );
        let mut seen = titles(&res);
        seen.sort();
        assert_eq!(seen, ["Draft", "Public"]);
    }
    let res = app.get(path).send().await;
    res.problem(401, "unauthorized");
    let (anonymous, cost) = read(&app, "/api/v1/posts").await;
    assert_eq!(cost, 0);
    assert_eq!(
        titles(&anonymous),
        ["Public"],
        "no draft in the anonymous answer"
    );
}

#[actix_web::test]
async fn a_scheduled_item_appears_at_its_time() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let due = chrono::Utc::now() + chrono::Duration::milliseconds(1500);
    app.create_post(
        &editor,
        json!({"title": "Soon", "status": "published", "published_at": due.to_rfc3339()}),
    )
    .await;
    let (before, _) = read(&app, "/api/v1/posts").await;
    assert!(titles(&before).is_empty());
    let (_, cost) = read(&app, "/api/v1/posts").await;
    assert_eq!(cost, 0, "cached until its time");
    let wait = (due - chrono::Utc::now()).to_std().unwrap_or_default();
    actix_web::rt::time::sleep(wait + Duration::from_millis(100)).await;
    let (after, _) = read(&app, "/api/v1/posts").await;
    assert_eq!(titles(&after), ["Soon"]);
}

/// A scheduled item that comes due while nothing lists it (only items are read) is moved
/// into the counts by the node itself: answers are cached again within about a second.
#[actix_web::test]
async fn a_due_item_nobody_lists_does_not_keep_answers_from_the_cache() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let post = app.published_post(&editor, "Read alone").await;
    let due = chrono::Utc::now() + chrono::Duration::milliseconds(300);
    app.create_post(
        &editor,
        json!({"title": "Later", "status": "published", "published_at": due.to_rfc3339()}),
    )
    .await;
    let path = format!("/api/v1/posts/{}", post["id"]);
    let wait = (due - chrono::Utc::now()).to_std().unwrap_or_default();
    actix_web::rt::time::sleep(wait + Duration::from_millis(100)).await;
    let started = Instant::now();
    let cached = loop {
        read(&app, &path).await;
        let (res, cost) = read(&app, &path).await;
        assert_eq!(res.status, StatusCode::OK);
        if cost == 0 {
            break true;
        }
        if started.elapsed() > Duration::from_secs(4) {
            break false;
        }
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(
        cached,
        "item answers are cached again once the due item is moved"
    );
    let (total, _) = read(&app, "/api/v1/posts").await;
    assert_eq!(total.header("x-total-count").as_deref(), Some("2"));
}

#[actix_web::test]
async fn answers_about_events_expire_with_their_next_occurrence() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let at = |seconds: i64| {
        (chrono::Utc::now() + chrono::Duration::seconds(seconds))
            .format("%Y-%m-%dT%H:%M:%S")
            .to_string()
    };
    let res = app
        .post("/api/v1/events")
        .bearer(&editor)
        .json(
            &json!({"title": "Brief", "status": "published", "timezone": "UTC",
            "starts_at": at(1), "ends_at": at(2)}),
        )
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let path = format!("/api/v1/events/{}", res.json()["id"]);
    let (first, _) = read(&app, &path).await;
    assert!(!first.json()["next_occurrence"].is_null());
    let (_, cost) = read(&app, &path).await;
    assert_eq!(cost, 0);
    actix_web::rt::time::sleep(Duration::from_millis(3200)).await;
    let (over, cost) = read(&app, &path).await;
    assert!(cost > 0, "the answer expired when the occurrence ended");
    assert!(over.json()["next_occurrence"].is_null(), "{}", over.text());
}

#[actix_web::test]
async fn a_cache_of_size_zero_is_off() {
    let app = TestApp::with_config(|c| c.cache_size = 0).await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    app.published_post(&editor, "One").await;
    let (first, _) = read(&app, "/api/v1/posts").await;
    let (again, cost) = read(&app, "/api/v1/posts").await;
    assert!(cost > 0, "every read asks the database");
    assert_eq!(again.header("etag"), first.header("etag"));
    let res = app
        .get("/api/v1/posts")
        .header("if-none-match", &first.header("etag").unwrap())
        .send()
        .await;
    assert_eq!(
        res.status,
        StatusCode::NOT_MODIFIED,
        "ETags work without the cache"
    );
}

#[actix_web::test]
async fn partner_reads_are_cached_and_still_counted() {
    let app = TestApp::new().await;
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    app.published_post(&admin, "Shared").await;
    let created = app
        .post("/api/v1/partners")
        .bearer(&admin)
        .json(&json!({"name": "Partner", "quota_per_minute": 10}))
        .send()
        .await
        .json();
    let key = created["key"].as_str().unwrap().to_owned();
    let read = |n: u32| {
        let (app, key) = (&app, &key);
        async move {
            let res = app
                .get("/api/v1/posts")
                .header("x-headpress-key", key)
                .send()
                .await;
            assert_eq!(res.status, StatusCode::OK);
            assert_eq!(
                res.header("ratelimit-remaining"),
                Some((10 - n).to_string())
            );
            titles(&res)
        }
    };
    let before = app.queries();
    assert_eq!(read(1).await, ["Shared"]);
    let first = app.queries() - before;
    let before = app.queries();
    assert_eq!(read(2).await, ["Shared"]);
    let second = app.queries() - before;
    assert!(
        second < first,
        "the second answer came from memory; only the quota was counted ({second} < {first})"
    );
    let (_, anonymous) = super::cache::read(&app, "/api/v1/posts").await;
    assert_eq!(
        anonymous, 0,
        "a partner's answer is what anonymous readers get"
    );
}

#[actix_web::test]
async fn another_node_learns_of_a_write_within_a_second() {
    let a = TestApp::new().await;
    let b = a.second_node().await;
    let (_, editor) = a.sign_in_as(Role::Editor).await;
    a.published_post(&editor, "Before").await;
    // Let b's watcher see the state before it caches.
    actix_web::rt::time::sleep(Duration::from_millis(1100)).await;
    let (first, _) = read(&b, "/api/v1/posts").await;
    assert_eq!(titles(&first), ["Before"]);
    let (_, cost) = read(&b, "/api/v1/posts").await;
    assert_eq!(cost, 0, "b answers from its own cache");

    // PostgreSQL notifies at once; SQLite is polled each second.
    let limit = match b.state.db.backend {
        headpress::db::Backend::Postgres => Duration::from_millis(500),
        headpress::db::Backend::Sqlite => Duration::from_millis(1500),
    };
    a.published_post(&editor, "After").await;
    let written = Instant::now();
    loop {
        let (res, _) = read(&b, "/api/v1/posts").await;
        if titles(&res).len() == 2 {
            break;
        }
        assert!(
            written.elapsed() < limit,
            "b still serves the answer from before the write"
        );
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
}

#[actix_web::test]
async fn items_assembled_from_renderings_are_the_bytes_of_items_built_anew() {
    let built = TestApp::with_config(|c| {
        c.cache_size = 0;
        c.render_cache_size = 0;
    })
    .await;
    built
        .db(|conn| headpress::demo::seed(conn, built.state.storage.as_ref()))
        .expect("demo content");
    let (_, editor) = built.sign_in_as(Role::Editor).await;
    let about = built
        .post("/api/v1/pages")
        .bearer(&editor)
        .json(&json!({"title": "About", "status": "published"}))
        .send()
        .await
        .json();
    let res = built
        .post("/api/v1/pages")
        .bearer(&editor)
        .json(
            &json!({"title": "Team", "status": "published", "parent": about["id"],
            "content": {"html": "<p>Who we are</p>"}}),
        )
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let assembled = built
        .second_node_with(|c| c.render_cache_size = 32 * 1024 * 1024)
        .await;
    let first = |path: &str| {
        let app = &built;
        let path = path.to_owned();
        async move { app.get(&path).send().await.json()["data"][0]["id"].clone() }
    };
    let post = first("/api/v1/posts").await;
    let page = first("/api/v1/pages").await;
    let resource = first("/api/v1/resources").await;
    let event = first("/api/v1/events?orderby=starts_at&order=desc").await;
    let block = first("/api/v1/blocks").await;
    let paths = [
        "/api/v1/posts".to_owned(),
        "/api/v1/posts?per_page=5&include=tags,categories,author,featured_media,fields".into(),
        "/api/v1/posts?fields=id,title,tags,embedded&include=tags".into(),
        "/api/v1/posts?fields=id,slug&include=tags".into(),
        "/api/v1/posts?search=trafficking&per_page=3".into(),
        "/api/v1/posts?count=none&per_page=2".into(),
        format!("/api/v1/posts/{post}"),
        format!("/api/v1/posts/{post}?include=author,tags&fields=title,embedded"),
        "/api/v1/pages".into(),
        format!("/api/v1/pages/{page}"),
        "/api/v1/resources?include=resource_types,tags,document,fields".into(),
        format!("/api/v1/resources/{resource}?include=fields"),
        "/api/v1/resources?field.publication_year=2020".into(),
        "/api/v1/events?include=event_categories,tags".into(),
        format!("/api/v1/events/{event}"),
        "/api/v1/blocks".into(),
        format!("/api/v1/blocks/{block}"),
    ];
    for path in &paths {
        let want = built.get(path).send().await;
        assert_eq!(want.status, StatusCode::OK, "{path}: {}", want.text());
        for round in ["filled", "hit"] {
            let got = assembled.get(path).send().await;
            assert_eq!(got.status, StatusCode::OK, "{path}");
            assert!(
                got.body == want.body,
                "{path} ({round}):\n built: {}\n assembled: {}",
                want.text(),
                got.text()
            );
            assert_eq!(got.header("etag"), want.header("etag"), "{path}");
            assert_eq!(got.header("x-total-count"), want.header("x-total-count"));
        }
    }
    let before = assembled.queries();
    assembled.get(&format!("/api/v1/posts/{post}")).send().await;
    assert_eq!(
        assembled.queries(),
        before,
        "a rendered item is answered from memory"
    );
}

/// A read of the change feed is an anonymous read like the lists: from memory until a
/// write, which it then shows. One that waits for changes (`wait`) is never answered from
/// memory.
#[actix_web::test]
async fn the_change_feed_comes_from_memory_until_a_write_unless_it_waits() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    app.published_post(&editor, "First").await;
    let path = "/api/v1/changes?per_page=100";
    let (first, cost) = read(&app, path).await;
    assert!(cost > 0);
    assert_eq!(first.json()["data"].as_array().unwrap().len(), 1);
    let (again, cost) = read(&app, path).await;
    assert_eq!(cost, 0, "the second read is answered from memory");
    assert_eq!(again.body, first.body);
    assert_eq!(again.header("cache-control").as_deref(), Some("no-cache"));
    let etag = first.header("etag").expect("an ETag");
    let before = app.queries();
    let res = app.get(path).header("if-none-match", &etag).send().await;
    assert_eq!(res.status, StatusCode::NOT_MODIFIED);
    assert_eq!(app.queries(), before, "a 304 without a statement");

    let waiting = format!("{path}&wait=1");
    for _ in 0..2 {
        let (res, cost) = read(&app, &waiting).await;
        assert_eq!(res.json()["data"].as_array().unwrap().len(), 1);
        assert!(cost > 0, "a read that waits is never answered from memory");
    }

    let second = app.published_post(&editor, "Second").await;
    let (after, cost) = read(&app, path).await;
    assert!(cost > 0, "a write sets the cached feed aside");
    let data = after.json()["data"].as_array().unwrap().clone();
    assert_eq!(data.len(), 2);
    assert_eq!(data[1]["id"], second["id"]);
    assert_ne!(after.header("etag"), Some(etag));
}

/// The headers of an answer, but those made per request (`Date`, `X-Request-Id`), sorted
/// (CORS's list of exposed headers too: each server lists them in an order of its own).
fn lasting_headers(res: &Res) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = res
        .headers
        .iter()
        .filter(|(n, _)| !matches!(n.as_str(), "date" | "x-request-id"))
        .map(|(n, v)| {
            let mut value = v.to_str().unwrap().to_owned();
            if n.as_str() == "access-control-expose-headers" {
                let mut names: Vec<&str> = value.split(", ").collect();
                names.sort();
                value = names.join(", ");
            }
            (n.as_str().to_owned(), value)
        })
        .collect();
    headers.sort();
    headers
}

/// A plain anonymous read answered from memory by the outermost layer carries what every
/// layer gives it (caching headers, CORS's, a request id of its own, the client's when it
/// sends one); a read with an `Origin` still gets CORS's answer for that origin; a 304
/// carries what the 304 of an uncached server does.
#[actix_web::test]
async fn answers_from_memory_carry_what_every_layer_gives() {
    let cached =
        TestApp::with_config(|c| c.cors_origins = vec!["https://good.example".into()]).await;
    let uncached = TestApp::with_config(|c| {
        c.cors_origins = vec!["https://good.example".into()];
        c.cache_size = 0;
    })
    .await;
    for app in [&cached, &uncached] {
        let (_, editor) = app.sign_in_as(Role::Editor).await;
        app.published_post(&editor, "Headers").await;
    }
    let path = "/api/v1/posts?per_page=5";
    // A read with an Origin first: kept by the inner layer, with CORS's answer for it.
    read_from_good_origin(&cached, path).await;
    let (first, cost) = read(&cached, path).await;
    assert_eq!(cost, 0, "answered from memory by the inner layer");
    let (second, cost) = read(&cached, path).await;
    assert_eq!(cost, 0);
    assert_eq!(second.body, first.body);
    assert_eq!(lasting_headers(&second), lasting_headers(&first));
    assert_eq!(second.header("access-control-allow-origin"), None);
    assert_eq!(
        second.header("cache-control").as_deref(),
        Some("public, max-age=60")
    );
    let (a, b) = (first.header("x-request-id"), second.header("x-request-id"));
    assert!(a.is_some() && b.is_some() && a != b, "{a:?} {b:?}");
    let mine = cached
        .get(path)
        .header("x-request-id", "trace-42")
        .send()
        .await;
    assert_eq!(mine.header("x-request-id").as_deref(), Some("trace-42"));
    assert_eq!(mine.body, first.body);
    let again = read_from_good_origin(&cached, path).await;
    assert_eq!(again.body, first.body);

    // The same 304 as a server without the cache gives, but for the tag itself.
    let (plain, _) = read(&uncached, path).await;
    let from_memory = not_modified(&cached, path, first.header("etag").unwrap()).await;
    let from_handler = not_modified(&uncached, path, plain.header("etag").unwrap()).await;
    assert_eq!(from_memory, from_handler);
    assert!(from_memory.iter().any(|(n, _)| n == "cache-control"));
}

/// A 304 for `etag`'s answer at `path`, and its lasting headers but the tag.
async fn not_modified(app: &TestApp, path: &str, etag: String) -> Vec<(String, String)> {
    let res = app.get(path).header("if-none-match", &etag).send().await;
    assert_eq!(res.status, StatusCode::NOT_MODIFIED);
    assert_eq!(res.header("etag"), Some(etag));
    let mut headers = lasting_headers(&res);
    headers.retain(|(n, _)| n != "etag");
    headers
}

/// A read from `https://good.example`, which CORS lets through.
async fn read_from_good_origin(app: &TestApp, path: &str) -> Res {
    let res = app
        .get(path)
        .header("origin", "https://good.example")
        .send()
        .await;
    assert_eq!(
        res.header("access-control-allow-origin").as_deref(),
        Some("https://good.example")
    );
    res
}
