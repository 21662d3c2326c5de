//! Transient database trouble: a SQLite file another process is writing, PostgreSQL
//! connections the server ended. Writes wait for the lock or are answered 503 with
//! `Retry-After`; reads are read again on a live connection; never a 500.

use std::time::{Duration, Instant};

use actix_web::http::StatusCode;
use diesel::RunQueryDsl;
use diesel::connection::SimpleConnection;
use headpress::db::Backend;
use headpress::users::Role;
use serde_json::json;

use crate::support::TestApp;

/// Holds SQLite's write lock from another connection (another process, as far as the
/// server can tell) for `hold`, on a thread of its own.
fn hold_write_lock(app: &TestApp, hold: Duration) -> std::thread::JoinHandle<()> {
    let mut other = app.open_connection();
    other
        .batch_execute("BEGIN IMMEDIATE")
        .expect("take the lock");
    std::thread::spawn(move || {
        std::thread::sleep(hold);
        other.batch_execute("COMMIT").expect("release the lock");
    })
}

#[actix_web::test]
async fn a_write_waits_for_another_process_to_release_the_sqlite_lock() {
    let app = TestApp::new().await;
    if app.state.db.backend != Backend::Sqlite {
        return;
    }
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let holder = hold_write_lock(&app, Duration::from_millis(800));
    let started = Instant::now();
    let res = app
        .post("/api/v1/posts")
        .bearer(&editor)
        .json(&json!({"title": "Saved once the import is done", "status": "published"}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    assert!(
        started.elapsed() >= Duration::from_millis(700),
        "it waited for the lock: {:?}",
        started.elapsed()
    );
    holder.join().unwrap();
    let listed = app.get("/api/v1/posts").send().await.json();
    assert_eq!(listed["data"][0]["title"], "Saved once the import is done");
}

#[actix_web::test]
async fn a_write_that_cannot_get_the_sqlite_lock_in_time_is_a_503_to_retry() {
    let app = TestApp::new().await;
    if app.state.db.backend != Backend::Sqlite {
        return;
    }
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let wait = Duration::from_millis(u64::from(headpress::db::write_wait_ms()));
    let holder = hold_write_lock(&app, wait + Duration::from_millis(1500));
    // Reads go on meanwhile.
    app.get("/api/v1/posts?per_page=1").send().await.json();
    let res = app
        .post("/api/v1/posts")
        .bearer(&editor)
        .json(&json!({"title": "Too early"}))
        .send()
        .await;
    res.problem(503, "unavailable");
    assert_eq!(res.header("retry-after").as_deref(), Some("1"));
    holder.join().unwrap();
    // Nothing of it was written; once the lock is free the same write succeeds.
    let drafts = app
        .get("/api/v1/posts?status=draft")
        .bearer(&editor)
        .send()
        .await
        .json();
    assert_eq!(drafts["meta"]["total"], 0);
    let res = app
        .post("/api/v1/posts")
        .bearer(&editor)
        .json(&json!({"title": "Too early"}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
}

#[derive(diesel::QueryableByName)]
struct Pid {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    pid: i32,
}

#[actix_web::test]
async fn postgres_connections_ended_by_the_server_cost_no_failed_request() {
    let app = TestApp::with_config(|c| {
        c.cache_size = 0;
        c.render_cache_size = 0;
    })
    .await;
    if app.state.db.backend != Backend::Postgres {
        return;
    }
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    app.published_post(&editor, "Before the restart").await;
    // Every connection of the pool, ended by the server (as a restart or an
    // administrator's pg_terminate_backend would).
    let pids: Vec<i32> = {
        let mut held = Vec::new();
        for _ in 0..app.state.db.pool.max_size() {
            held.push(app.state.db.pool.get().expect("a pooled connection"));
        }
        held.iter_mut()
            .map(|c| {
                diesel::sql_query("SELECT pg_backend_pid() AS pid")
                    .get_result::<Pid>(&mut **c)
                    .expect("pid")
                    .pid
            })
            .collect()
    };
    let mut admin = app.open_connection();
    for pid in &pids {
        admin
            .batch_execute(&format!("SELECT pg_terminate_backend({pid})"))
            .expect("terminate");
    }
    std::thread::sleep(Duration::from_millis(200));
    for _ in 0..pids.len() + 2 {
        let res = app.get("/api/v1/posts").send().await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text());
        assert_eq!(res.json()["data"][0]["title"], "Before the restart");
    }
    for pid in &pids {
        admin
            .batch_execute(&format!("SELECT pg_terminate_backend({pid})"))
            .ok();
    }
    let res = app
        .post("/api/v1/posts")
        .bearer(&editor)
        .json(&json!({"title": "After the restart", "status": "published"}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
}

/// Expensive reads (search, custom-field filters) take turns, off the HTTP workers: while
/// every turn is taken, cheap reads and health checks answer as usual, and a search waits
/// for a turn, then is told to come back (503, `Retry-After`) rather than piling up.
#[actix_web::test]
async fn expensive_reads_take_turns_and_never_hold_up_cheap_ones() {
    let app = TestApp::with_config(|c| {
        c.cache_size = 0;
        c.heavy_reads = 1;
        c.heavy_wait = Duration::from_millis(300);
    })
    .await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    app.published_post(&editor, "Forced labour in supply chains")
        .await;

    let turn = app.state.heavy.take().expect("the one turn");
    assert_eq!(app.get("/healthz").send().await.status, StatusCode::OK);
    let listed = app.get("/api/v1/posts").send().await;
    assert_eq!(listed.status, StatusCode::OK, "a plain list needs no turn");
    let started = Instant::now();
    let res = app.get("/api/v1/posts?search=labour").send().await;
    res.problem(503, "unavailable");
    assert_eq!(res.header("retry-after").as_deref(), Some("1"));
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "it waited for a turn"
    );
    let res = app.get("/api/v1/posts?field.anything=1").send().await;
    assert_eq!(
        res.status.as_u16(),
        503,
        "custom-field filters take turns too: {}",
        res.text()
    );

    drop(turn);
    let found = app.get("/api/v1/posts?search=labour").send().await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.text());
    assert_eq!(
        found.json()["data"][0]["title"],
        "Forced labour in supply chains"
    );
}

/// Markup nesting elements without end is refused before any costly work (an HTML
/// parser's tree building is worse than linear in the depth), naming the member; deep but
/// reasonable markup is stored.
#[actix_web::test]
async fn deeply_nested_markup_is_refused_at_once() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    // 600 KB: a hundred thousand elements opened, none closed.
    let deep = format!("{}x", "<div>".repeat(100_000));
    let started = Instant::now();
    let res = app
        .post("/api/v1/posts")
        .bearer(&editor)
        .json(&json!({"title": "Deep", "content": {"html": deep}}))
        .send()
        .await;
    let problem = res.problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "content.html");
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("256"),
        "{problem}"
    );
    // Refused by a scan, not after parsing it (generous bound for a debug build).
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    let res = app
        .post("/api/v1/posts")
        .bearer(&editor)
        .json(&json!({"title": "Deep blocks", "content": {"blocks": [
            {"name": "core/html", "html": "<span>".repeat(300)}
        ]}}))
        .send()
        .await;
    assert_eq!(
        res.problem(422, "validation_failed")["errors"][0]["field"],
        "content.blocks[0].html"
    );
    let nested = format!("{}deep{}", "<div>".repeat(200), "</div>".repeat(200));
    let res = app
        .post("/api/v1/posts")
        .bearer(&editor)
        .json(&json!({"title": "Nested", "content": {"html": nested}}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    assert!(
        res.json()["content"]["html"]
            .as_str()
            .unwrap()
            .contains("deep")
    );
}

/// Database work past its time limit is stopped and answered as unavailable (503 with
/// `Retry-After`), not left to hold a worker or a connection: SQLite's statements are
/// interrupted past the thread's deadline, PostgreSQL's by `statement_timeout`.
#[actix_web::test]
async fn database_work_past_its_limit_is_stopped() {
    let app = TestApp::new().await;
    let mut conn = app.open_connection();
    let started = Instant::now();
    let failed = match app.state.db.backend {
        Backend::Sqlite => headpress::db::with_deadline(Some(Duration::from_millis(100)), || {
            conn.batch_execute(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c \
                 WHERE x < 1000000000) SELECT count(*) FROM c",
            )
        }),
        Backend::Postgres => {
            conn.batch_execute("SET statement_timeout = 100").unwrap();
            conn.batch_execute("SELECT pg_sleep(5)")
        }
    };
    let error = headpress::error::Error::from(failed.expect_err("stopped"));
    assert!(
        matches!(error, headpress::error::Error::Unavailable(_)),
        "{error:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    // Without a deadline the same connection works on.
    conn.batch_execute("SELECT 1").unwrap();
}
