//! Stored counts (list totals, term counts) stay what counting would say, through every
//! kind of write: create, publish, schedule, retag, trash, restore, delete, term delete.

use actix_web::http::StatusCode;
use headpress::users::Role;
use serde_json::{Value, json};

use crate::support::TestApp;

const SINCE_EVER: &str = "published_after=1970-01-01T00:00:00Z";

/// A list's `meta.total` as an anonymous reader sees it.
async fn total(app: &TestApp, query: &str) -> i64 {
    let res = app.get(&format!("/api/v1/posts?{query}")).send().await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    res.json()["meta"]["total"].as_i64().unwrap()
}

/// Checks the stored totals against counting: a `published_after` filter makes the list
/// count its rows, the plain list and the term read the stored counts.
async fn agree(app: &TestApp, tags: &[&Value]) -> i64 {
    let stored = total(app, "").await;
    assert_eq!(stored, total(app, SINCE_EVER).await, "all posts");
    for tag in tags {
        let slug = tag["slug"].as_str().unwrap();
        let stored = total(app, &format!("tag={slug}")).await;
        let counted = total(app, &format!("tag={slug}&{SINCE_EVER}")).await;
        assert_eq!(stored, counted, "posts tagged {slug}");
        let term = app
            .get(&format!("/api/v1/tags/{}", tag["id"]))
            .send()
            .await
            .json();
        let posts = term["count_by_kind"]["posts"].as_i64().unwrap_or(0);
        assert_eq!(posts, counted, "count_by_kind of {slug}: {term}");
        let by_kind: i64 = term["count_by_kind"]
            .as_object()
            .unwrap()
            .values()
            .map(|n| n.as_i64().unwrap())
            .sum();
        assert_eq!(term["count"], by_kind, "count of {slug}: {term}");
    }
    stored
}

#[actix_web::test]
async fn stored_counts_follow_every_write() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let a = app
        .create_term(&editor, "tags", json!({"name": "Alpha"}))
        .await;
    let b = app
        .create_term(&editor, "tags", json!({"name": "Beta"}))
        .await;
    let post = |body: Value| {
        let app = &app;
        let editor = &editor;
        async move { app.create_post(editor, body).await }
    };
    let p1 = post(json!({"title": "One", "status": "published", "tags": [a["id"], b["id"]]})).await;
    let p2 = post(json!({"title": "Two", "tags": [a["id"]]})).await;
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1)).to_rfc3339();
    let p3 = post(
        json!({"title": "Three", "status": "published", "published_at": tomorrow,
        "tags": [a["id"]]}),
    )
    .await;
    let p4 = post(json!({"title": "Four", "status": "published", "tags": [b["id"]]})).await;
    let type_id = app
        .create_term(&editor, "resource-types", json!({"name": "Guide"}))
        .await["id"]
        .clone();
    let res = app
        .post("/api/v1/resources")
        .bearer(&editor)
        .json(
            &json!({"title": "A guide", "status": "published", "resource_types": [type_id],
            "tags": [a["id"]]}),
        )
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    assert_eq!(
        agree(&app, &[&a, &b]).await,
        2,
        "one and four; two is a draft, three scheduled"
    );
    assert_eq!(total(&app, "tag=alpha").await, 1);

    let change = |id: &Value, body: Value| {
        let app = &app;
        let editor = &editor;
        let path = format!("/api/v1/posts/{id}");
        async move {
            let res = app.patch(&path).bearer(editor).json(&body).send().await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.text());
        }
    };
    change(&p2["id"], json!({"status": "published"})).await;
    assert_eq!(agree(&app, &[&a, &b]).await, 3);
    change(&p1["id"], json!({"tags": [b["id"]]})).await;
    assert_eq!(total(&app, "tag=alpha").await, 1, "two only");
    agree(&app, &[&a, &b]).await;
    let trash = app
        .delete(&format!("/api/v1/posts/{}", p4["id"]))
        .bearer(&editor)
        .send()
        .await;
    assert_eq!(trash.status, StatusCode::OK);
    assert_eq!(agree(&app, &[&a, &b]).await, 2);
    change(&p4["id"], json!({"status": "published"})).await;
    assert_eq!(agree(&app, &[&a, &b]).await, 3);
    change(&p3["id"], json!({"published_at": "2020-01-01T00:00:00Z"})).await;
    assert_eq!(agree(&app, &[&a, &b]).await, 4, "three is due now");
    change(&p3["id"], json!({"status": "draft"})).await;
    assert_eq!(agree(&app, &[&a, &b]).await, 3);
    let gone = app
        .delete(&format!("/api/v1/posts/{}?force=true", p1["id"]))
        .bearer(&editor)
        .send()
        .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    assert_eq!(agree(&app, &[&a, &b]).await, 2);
    let deleted = app
        .delete(&format!("/api/v1/tags/{}", b["id"]))
        .bearer(&editor)
        .send()
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert_eq!(agree(&app, &[&a]).await, 2);
    assert_eq!(total(&app, "tag=beta").await, 0, "a tag that is gone");
}

/// Scheduled items are counted apart until their time; the first read after it moves
/// them into the totals and term counts, with no write in between.
#[actix_web::test]
async fn a_scheduled_item_is_counted_when_its_time_comes() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let tag = app
        .create_term(&editor, "tags", json!({"name": "Soon"}))
        .await;
    app.create_post(
        &editor,
        json!({"title": "Now", "status": "published", "tags": [tag["id"]]}),
    )
    .await;
    let due = chrono::Utc::now() + chrono::Duration::milliseconds(1200);
    for title in ["Later", "Also later"] {
        app.create_post(
            &editor,
            json!({"title": title, "status": "published", "published_at": due.to_rfc3339(),
            "tags": [tag["id"]]}),
        )
        .await;
    }
    assert_eq!(
        agree(&app, &[&tag]).await,
        1,
        "the scheduled two are not counted"
    );
    let wait = (due - chrono::Utc::now()).to_std().unwrap_or_default();
    actix_web::rt::time::sleep(wait + std::time::Duration::from_millis(100)).await;
    let term = app
        .get(&format!("/api/v1/tags/{}", tag["id"]))
        .send()
        .await
        .json();
    assert_eq!(term["count"], 3, "the term is read first: {term}");
    assert_eq!(agree(&app, &[&tag]).await, 3);
    assert_eq!(total(&app, "").await, 3, "moved once, not again");
}

/// Moving a due item into the counts is a write; while another write holds the database
/// (a long import), a read answers with the counts as they stand rather than wait or fail,
/// and a later read moves it.
#[actix_web::test]
async fn a_count_read_does_not_wait_for_a_long_write() {
    use diesel::connection::SimpleConnection;
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let tag = app
        .create_term(&editor, "tags", json!({"name": "Held"}))
        .await;
    app.create_post(
        &editor,
        json!({"title": "Now", "status": "published", "tags": [tag["id"]]}),
    )
    .await;
    let due = chrono::Utc::now() + chrono::Duration::milliseconds(800);
    app.create_post(
        &editor,
        json!({"title": "Later", "status": "published", "published_at": due.to_rfc3339(),
        "tags": [tag["id"]]}),
    )
    .await;
    // The lock is taken before the item is due, so that nothing (a read, the freshness
    // watcher) can move it first.
    let mut writer = app.open_connection();
    match writer.backend() {
        headpress::db::Backend::Sqlite => writer.batch_execute("BEGIN IMMEDIATE"),
        headpress::db::Backend::Postgres => {
            writer.batch_execute("BEGIN; SELECT entry_id FROM scheduled_entries FOR UPDATE")
        }
    }
    .expect("hold the lock");
    let wait = (due - chrono::Utc::now()).to_std().unwrap_or_default();
    actix_web::rt::time::sleep(wait + std::time::Duration::from_millis(100)).await;
    let path = format!("/api/v1/tags/{}", tag["id"]);
    let held = app.get(&path).send().await;
    assert_eq!(held.status, StatusCode::OK, "{}", held.text());
    assert_eq!(held.json()["count"], 1, "as the counts stand");
    writer.batch_execute("ROLLBACK").expect("release");
    // Moved by the next read, or, when that read finds the freshness watcher moving it at
    // the same moment on a loaded machine (each waits 100 ms at most), by the watcher.
    let mut count = json!(null);
    for _ in 0..40 {
        count = app.get(&path).send().await.json()["count"].clone();
        if count == 2 {
            break;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(count, 2, "moved once the lock is released");
}

/// An import writes its counts once, at its end (`items::batched`): they must still be
/// what counting says, for every tag it brought, and the version must have moved so that
/// cached answers are not served.
#[actix_web::test]
async fn an_import_leaves_counts_that_agree_with_counting() {
    use headpress::import::wordpress;
    let app = TestApp::new().await;
    let before = total(&app, "").await;
    assert_eq!(before, 0);
    let fixtures =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wordpress");
    let options = wordpress::Options {
        uploads: None,
        ics: None,
        dry_run: false,
        progress: false,
    };
    app.db(|c| {
        wordpress::import(
            c,
            app.state.storage.as_ref(),
            &fixtures.join("small.wxr.xml"),
            &options,
        )
    })
    .expect("imported");
    let tags = app.get("/api/v1/tags?per_page=100").send().await.json();
    let tags: Vec<&Value> = tags["data"].as_array().unwrap().iter().collect();
    assert!(tags.len() > 10, "{tags:?}");
    let posts = agree(&app, &tags).await;
    assert!(posts > 80, "{posts}");
    let used = tags
        .iter()
        .filter(|t| t["count_by_kind"]["posts"].as_i64().unwrap_or(0) > 0)
        .count();
    assert!(used > 5, "tags in use: {used}");
    // PostgreSQL plans the next queries for the tables as they now are: the import
    // analysed them (with autovacuum off, as on the test server, nothing else would).
    app.db(|c| {
        use diesel::RunQueryDsl;
        if c.backend() == headpress::db::Backend::Postgres {
            let rows = diesel::sql_query(
                "SELECT CAST(reltuples AS BIGINT) AS total FROM pg_class WHERE relname = 'entries' \
                 AND relnamespace = to_regnamespace(current_schema())::oid",
            )
            .get_result::<Total>(c)
            .expect("read pg_class")
            .total;
            assert!(rows >= 200, "the planner thinks entries has {rows} rows");
        }
    });
}

#[derive(diesel::QueryableByName)]
struct Total {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    total: i64,
}

/// A term list reads its page and the terms' counts in one statement, and the list that
/// reads first after a scheduled item's time counts it.
#[actix_web::test]
async fn a_term_list_reads_its_counts_along_with_its_page() {
    let app = TestApp::with_config(|c| c.cache_size = 0).await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let soon = app
        .create_term(&editor, "tags", json!({"name": "Soon"}))
        .await;
    app.create_term(&editor, "tags", json!({"name": "Idle"}))
        .await;
    app.create_post(
        &editor,
        json!({"title": "Now", "status": "published", "tags": [soon["id"]]}),
    )
    .await;
    let due = chrono::Utc::now() + chrono::Duration::milliseconds(800);
    app.create_post(
        &editor,
        json!({"title": "Later", "status": "published", "published_at": due.to_rfc3339(),
            "tags": [soon["id"]]}),
    )
    .await;
    let list = || {
        let app = &app;
        async move {
            let before = app.queries();
            let res = app.get("/api/v1/tags").send().await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.text());
            let body = res.json();
            let seen: Vec<(String, i64, Value)> = body["data"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| {
                    (
                        t["name"].as_str().unwrap().to_owned(),
                        t["count"].as_i64().unwrap(),
                        t["count_by_kind"].clone(),
                    )
                })
                .collect();
            assert_eq!(body["meta"]["total"], 2);
            (seen, app.queries() - before)
        }
    };
    let (seen, statements) = list().await;
    assert_eq!(
        seen,
        [
            ("Idle".to_owned(), 0, json!({})),
            ("Soon".to_owned(), 1, json!({"posts": 1}))
        ]
    );
    assert_eq!(statements, 1, "one statement for the page and its counts");
    let wait = (due - chrono::Utc::now()).to_std().unwrap_or_default();
    actix_web::rt::time::sleep(wait + std::time::Duration::from_millis(100)).await;
    let (seen, _) = list().await;
    assert_eq!(seen[1], ("Soon".to_owned(), 2, json!({"posts": 2})));
    let (again, statements) = list().await;
    assert_eq!(again, seen);
    assert_eq!(statements, 1, "settled once");
}
