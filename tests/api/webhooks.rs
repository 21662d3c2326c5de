//! Webhooks: `/api/v1/webhooks`, delivered to a real HTTP receiver.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::http::StatusCode;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use headpress::api::webhooks::worker;
use headpress::content::Role;
use headpress::content::webhooks::sign;
use serde_json::{Value, json};

use crate::support::TestApp;

/// A request the receiver got.
#[derive(Debug, Clone)]
struct Received {
    id: String,
    timestamp: String,
    signature: String,
    body: Vec<u8>,
    /// What the receiver answered.
    status: u16,
}

impl Received {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

/// An HTTP server on a loopback port that keeps what it gets and answers 500 to the
/// first `failures` requests, then 204.
struct Receiver {
    url: String,
    got: Arc<Mutex<Vec<Received>>>,
    handle: actix_web::dev::ServerHandle,
}

impl Receiver {
    async fn start(failures: usize) -> Receiver {
        let got: Arc<Mutex<Vec<Received>>> = Arc::default();
        let left = Arc::new(AtomicUsize::new(failures));
        let (kept, left2) = (got.clone(), left.clone());
        let server = HttpServer::new(move || {
            let kept = kept.clone();
            let left = left2.clone();
            App::new().default_service(web::to(move |req: HttpRequest, body: web::Bytes| {
                let kept = kept.clone();
                let left = left.clone();
                async move {
                    let failing = left
                        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                        .is_ok();
                    let status = if failing { 500 } else { 204 };
                    let header = |name: &str| {
                        req.headers()
                            .get(name)
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or_default()
                            .to_owned()
                    };
                    kept.lock().unwrap().push(Received {
                        id: header("webhook-id"),
                        timestamp: header("webhook-timestamp"),
                        signature: header("webhook-signature"),
                        body: body.to_vec(),
                        status,
                    });
                    HttpResponse::build(StatusCode::from_u16(status).unwrap()).finish()
                }
            }))
        })
        .workers(1)
        .disable_signals()
        .bind("127.0.0.1:0")
        .unwrap();
        let addr = server.addrs()[0];
        let server = server.run();
        let handle = server.handle();
        actix_web::rt::spawn(server);
        Receiver {
            url: format!("http://{addr}/hooks"),
            got,
            handle,
        }
    }

    fn got(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }

    /// The events it accepted, in the order it accepted them.
    fn accepted(&self) -> Vec<String> {
        self.got()
            .iter()
            .filter(|r| r.status < 300)
            .map(|r| r.json()["type"].as_str().unwrap().to_owned())
            .collect()
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let handle = self.handle.clone();
        actix_web::rt::spawn(async move { handle.stop(false).await });
    }
}

/// A node whose webhooks may reach loopback receivers, and retry quickly.
async fn app() -> TestApp {
    // A short burst window for the tests (a process-wide setting; only webhook tests
    // make webhooks, and they all use this one).
    headpress::content::webhooks::set_coalesce_ms(300);
    TestApp::with_config(|c| {
        c.webhook_allow_internal = true;
        c.webhook_retry = vec![Duration::from_millis(100); 3];
    })
    .await
}

async fn subscribe(app: &TestApp, admin: &str, body: Value) -> Value {
    let res = app
        .post("/api/v1/webhooks")
        .bearer(admin)
        .json(&body)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    res.json()
}

/// Runs the worker until nothing is pending (or `limit` passes).
async fn deliver(app: &TestApp, limit: Duration) {
    let client = worker::client(&app.state);
    let started = Instant::now();
    loop {
        worker::run_once(&app.state, &client).await.expect("worker");
        let pending: i64 = app.db(|conn| {
            use diesel::prelude::*;
            use headpress::db::schema::webhook_deliveries as wd;
            wd::table
                .filter(wd::status.eq("pending"))
                .count()
                .get_result(conn)
                .unwrap()
        });
        if pending == 0 || started.elapsed() > limit {
            return;
        }
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn log(app: &TestApp, admin: &str, hook: &Value) -> Vec<Value> {
    let res = app
        .get(&format!(
            "/api/v1/webhooks/{}/deliveries?per_page=100",
            hook["id"]
        ))
        .bearer(admin)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    res.json()["data"].as_array().unwrap().clone()
}

/// A create, a burst of updates, an unpublish and a delete each make the expected
/// delivery, signed per Standard Webhooks with the subscription's secret; a draft is
/// never announced to a subscription that does not ask for drafts.
#[actix_web::test]
async fn changes_are_delivered_signed_once_per_burst() {
    let app = app().await;
    let receiver = Receiver::start(0).await;
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let hook = subscribe(
        &app,
        &admin,
        json!({"url": receiver.url, "events": ["post.*"]}),
    )
    .await;
    let secret = hook["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_"));
    assert_eq!(hook["enabled"], true);

    let post = app.published_post(&editor, "Cocoa report").await;
    let id = post["id"].as_i64().unwrap();
    app.create_post(&editor, json!({"title": "Private draft"}))
        .await;
    deliver(&app, Duration::from_secs(5)).await;
    for n in 1..=10 {
        let res = app
            .patch(&format!("/api/v1/posts/{id}"))
            .bearer(&editor)
            .json(&json!({"title": format!("Cocoa report, draft {n}")}))
            .send()
            .await;
        assert_eq!(res.status, StatusCode::OK);
    }
    deliver(&app, Duration::from_secs(5)).await;
    for change in [json!({"status": "draft"}), json!({"status": "published"})] {
        app.patch(&format!("/api/v1/posts/{id}"))
            .bearer(&editor)
            .json(&change)
            .send()
            .await;
        deliver(&app, Duration::from_secs(5)).await;
    }
    app.delete(&format!("/api/v1/posts/{id}?force=true"))
        .bearer(&editor)
        .send()
        .await;
    deliver(&app, Duration::from_secs(5)).await;

    assert_eq!(
        receiver.accepted(),
        [
            "post.created",
            "post.updated",
            "post.unpublished",
            "post.published",
            "post.deleted"
        ],
        "ten saves in a burst are one delivery; the draft is never announced"
    );
    let got = receiver.got();
    for r in &got {
        let ts: i64 = r.timestamp.parse().unwrap();
        assert!((chrono::Utc::now().timestamp() - ts).abs() < 60);
        assert_eq!(r.signature, sign(&secret, &r.id, ts, &r.body), "signed");
        assert_ne!(
            r.signature,
            sign("whsec_d3Jvbmcgc2VjcmV0", &r.id, ts, &r.body),
            "a wrong secret does not verify"
        );
        let body = r.json();
        assert_eq!(body["data"]["kind"], "post");
        assert_eq!(body["data"]["id"], id);
        assert_eq!(body["data"]["slug"], "cocoa-report");
    }
    let ids: std::collections::BTreeSet<&str> = got.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), 5, "each delivery has its own webhook-id");
    let updated = got[1].json();
    assert_eq!(updated["data"]["action"], "updated");
    assert_eq!(updated["data"]["public"], true);
    assert_eq!(
        updated["data"]["item"]["title"], "Cocoa report, draft 10",
        "the item as it is when sent"
    );
    let unpublished = got[2].json();
    assert_eq!(unpublished["data"]["public"], false);
    assert_eq!(
        unpublished["data"]["item"],
        Value::Null,
        "no draft content to a public subscription"
    );
    assert_eq!(got[3].json()["data"]["item"]["status"], "published");
    assert_eq!(got[4].json()["data"]["item"], Value::Null);
    assert_eq!(got[4].json()["data"]["public"], false);

    let entries = log(&app, &admin, &hook).await;
    assert_eq!(entries.len(), 5);
    assert!(
        entries
            .iter()
            .all(|d| d["status"] == "succeeded" && d["response_status"] == 204)
    );
    assert_eq!(entries[0]["event"], "post.deleted", "newest first");
}

/// A receiver that fails three times, then accepts, gets the delivery once more each
/// time, and a later change of the same item only after it; a receiver that never
/// accepts gets its webhook disabled, saying why.
#[actix_web::test]
async fn failed_deliveries_are_retried_in_order_then_the_webhook_is_disabled() {
    let app = app().await;
    let receiver = Receiver::start(3).await;
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let hook = subscribe(&app, &admin, json!({"url": receiver.url})).await;
    let id = app.published_post(&editor, "Forced labour").await["id"].clone();
    app.patch(&format!("/api/v1/posts/{id}"))
        .bearer(&editor)
        .json(&json!({"status": "draft"}))
        .send()
        .await;
    deliver(&app, Duration::from_secs(10)).await;
    let got: Vec<(String, u16)> = receiver
        .got()
        .iter()
        .map(|r| (r.json()["type"].as_str().unwrap().to_owned(), r.status))
        .collect();
    let created = ("post.created".to_owned(), 500);
    assert_eq!(
        got,
        [
            created.clone(),
            created.clone(),
            created,
            ("post.created".to_owned(), 204),
            ("post.unpublished".to_owned(), 204),
        ]
    );
    let first = &receiver.got()[0].id;
    assert!(
        receiver.got()[..4].iter().all(|r| &r.id == first),
        "the same webhook-id"
    );
    let entries = log(&app, &admin, &hook).await;
    assert_eq!(entries[1]["event"], "post.created");
    assert_eq!(entries[1]["attempts"], 4);
    assert_eq!(entries[1]["status"], "succeeded");

    // Never accepted: after the last wait the delivery fails and the webhook stops.
    let refusing = Receiver::start(usize::MAX).await;
    let hook = subscribe(
        &app,
        &admin,
        json!({"url": refusing.url, "events": ["page.*"]}),
    )
    .await;
    let res = app
        .post("/api/v1/pages")
        .bearer(&editor)
        .json(&json!({"title": "About", "status": "published"}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
    deliver(&app, Duration::from_secs(10)).await;
    assert_eq!(refusing.got().len(), 4, "the first attempt and three more");
    let entries = log(&app, &admin, &hook).await;
    assert_eq!(entries[0]["status"], "failed");
    assert_eq!(entries[0]["response_status"], 500);
    let res = app
        .get(&format!("/api/v1/webhooks/{}", hook["id"]))
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(res.json()["enabled"], false);
    assert!(
        res.json()["disabled_reason"]
            .as_str()
            .unwrap()
            .contains("HTTP 500")
    );
}

/// A write that fails announces nothing; a ping and a redelivery go out on demand, the
/// redelivery with the same `webhook-id`.
#[actix_web::test]
async fn rolled_back_writes_announce_nothing_and_pings_and_redeliveries_go_out() {
    let app = app().await;
    let receiver = Receiver::start(0).await;
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let hook = subscribe(&app, &admin, json!({"url": receiver.url})).await;
    let res = app
        .post("/api/v1/posts")
        .bearer(&editor)
        .json(&json!({"title": "Bad", "status": "published", "tags": [99999]}))
        .send()
        .await;
    assert!(res.status.is_client_error());
    deliver(&app, Duration::from_secs(2)).await;
    assert!(log(&app, &admin, &hook).await.is_empty());
    assert!(receiver.got().is_empty());

    let res = app
        .post(&format!("/api/v1/webhooks/{}/ping", hook["id"]))
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::ACCEPTED, "{}", res.text());
    let ping = res.json();
    deliver(&app, Duration::from_secs(5)).await;
    assert_eq!(receiver.accepted(), ["webhook.ping"]);
    assert_eq!(receiver.got()[0].json()["data"]["webhook_id"], hook["id"]);
    let res = app
        .post(&format!(
            "/api/v1/webhooks/{}/deliveries/{}/redeliver",
            hook["id"], ping["id"]
        ))
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::ACCEPTED, "{}", res.text());
    deliver(&app, Duration::from_secs(5)).await;
    let got = receiver.got();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].id, got[1].id);
}

/// Each delivery is sent by one node, however many run the worker at once.
#[actix_web::test]
async fn two_nodes_deliver_each_event_once() {
    let app = app().await;
    let other = app.second_node().await;
    let receiver = Receiver::start(0).await;
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    subscribe(&app, &admin, json!({"url": receiver.url})).await;
    for n in 0..12 {
        app.published_post(&editor, &format!("Post {n}")).await;
    }
    actix_web::rt::time::sleep(Duration::from_millis(400)).await;
    let (a, b) = (worker::client(&app.state), worker::client(&other.state));
    for _ in 0..20 {
        let (x, y) = futures_util::future::join(
            worker::run_once(&app.state, &a),
            worker::run_once(&other.state, &b),
        )
        .await;
        x.unwrap();
        y.unwrap();
        if receiver.got().len() >= 12 {
            break;
        }
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
    actix_web::rt::time::sleep(Duration::from_millis(200)).await;
    let got = receiver.got();
    let ids: std::collections::BTreeSet<&str> = got.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(got.len(), 12, "{got:?}");
    assert_eq!(ids.len(), 12, "each once");
}

/// Only administrators manage webhooks; targets on internal addresses are refused unless
/// allowed; events must be known.
#[actix_web::test]
async fn webhooks_are_checked() {
    let app = TestApp::new().await;
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let res = app
        .post("/api/v1/webhooks")
        .bearer(&editor)
        .json(&json!({"url": "https://hooks.example.org/in"}))
        .send()
        .await;
    res.problem(403, "forbidden");
    for (body, field) in [
        (json!({"url": "http://127.0.0.1:9/hooks"}), "url"),
        (json!({"url": "http://169.254.169.254/latest"}), "url"),
        (json!({"url": "ftp://example.org/"}), "url"),
        (
            json!({"url": "https://hooks.example.org/in", "events": ["posts.updated"]}),
            "events[0]",
        ),
        (
            json!({"url": "https://hooks.example.org/in", "events": ["post.edited"]}),
            "events[0]",
        ),
    ] {
        let res = app
            .post("/api/v1/webhooks")
            .bearer(&admin)
            .json(&body)
            .send()
            .await;
        assert_eq!(
            res.problem(422, "validation_failed")["errors"][0]["field"],
            field,
            "{body}"
        );
    }
    let hook = subscribe(
        &app,
        &admin,
        json!({"url": "https://hooks.example.org/in", "events": ["post.published", "*.deleted"],
               "description": "Rebuild the site"}),
    )
    .await;
    assert_eq!(hook["events"], json!(["*.deleted", "post.published"]));
    let res = app
        .get(&format!("/api/v1/webhooks/{}", hook["id"]))
        .bearer(&admin)
        .send()
        .await;
    assert!(
        res.json().get("secret").is_none(),
        "the secret is shown once"
    );
    let res = app
        .patch(&format!("/api/v1/webhooks/{}", hook["id"]))
        .bearer(&admin)
        .json(&json!({"enabled": false}))
        .send()
        .await;
    assert_eq!(res.json()["enabled"], false);
    let res = app
        .delete(&format!("/api/v1/webhooks/{}", hook["id"]))
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let res = app
        .get("/api/v1/audit?action=webhook_created")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(res.json()["data"].as_array().unwrap().len(), 1);
}

/// Terms are announced too, with the term as readers see it.
#[actix_web::test]
async fn term_changes_are_delivered() {
    let app = app().await;
    let receiver = Receiver::start(0).await;
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    subscribe(
        &app,
        &admin,
        json!({"url": receiver.url, "events": ["tag.*"]}),
    )
    .await;
    let tag = app
        .create_term(&editor, "tags", json!({"name": "Cocoa"}))
        .await["id"]
        .clone();
    app.create_term(&editor, "categories", json!({"name": "Reports"}))
        .await;
    deliver(&app, Duration::from_secs(5)).await;
    let res = app
        .delete(&format!("/api/v1/tags/{tag}"))
        .bearer(&editor)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    deliver(&app, Duration::from_secs(5)).await;
    assert_eq!(receiver.accepted(), ["tag.created", "tag.deleted"]);
    let created = receiver.got()[0].json();
    assert_eq!(created["data"]["kind"], "tag");
    assert_eq!(created["data"]["item"]["name"], "Cocoa");
    assert_eq!(receiver.got()[1].json()["data"]["item"], Value::Null);
}

/// Media are announced too: an upload with the file as readers see it, a file hidden by
/// the draft that took it up (without it), shown again when the draft is deleted, and
/// deleted.
#[actix_web::test]
async fn media_changes_are_delivered() {
    use crate::media::{PNG, upload};
    let app = app().await;
    let receiver = Receiver::start(0).await;
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    subscribe(
        &app,
        &admin,
        json!({"url": receiver.url, "events": ["media.*"]}),
    )
    .await;
    let res = upload(&app, &editor, &[("file", Some("cover.png"), PNG)]).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let media = res.json();
    deliver(&app, Duration::from_secs(5)).await;
    let res = app
        .post("/api/v1/posts")
        .bearer(&editor)
        .json(&json!({"title": "Draft", "featured_media": media["id"]}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let post = res.json()["id"].clone();
    deliver(&app, Duration::from_secs(5)).await;
    let res = app
        .delete(&format!("/api/v1/posts/{post}?force=true"))
        .bearer(&editor)
        .send()
        .await;
    assert!(res.status.is_success(), "{}", res.text());
    deliver(&app, Duration::from_secs(5)).await;
    let res = app
        .delete(&format!("/api/v1/media/{}", media["id"]))
        .bearer(&editor)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.text());
    deliver(&app, Duration::from_secs(5)).await;
    assert_eq!(
        receiver.accepted(),
        [
            "media.created",
            "media.unpublished",
            "media.published",
            "media.deleted"
        ]
    );
    let got = receiver.got();
    let created = got[0].json();
    assert_eq!(created["data"]["kind"], "media");
    assert_eq!(created["data"]["id"], media["id"]);
    assert_eq!(created["data"]["slug"], "cover.png");
    assert_eq!(created["data"]["item"]["url"], media["url"]);
    assert_eq!(got[1].json()["data"]["public"], false);
    assert_eq!(got[1].json()["data"]["item"], Value::Null, "hidden now");
    assert_eq!(
        got[2].json()["data"]["item"]["id"],
        media["id"],
        "free again"
    );
    assert_eq!(got[3].json()["data"]["item"], Value::Null);
}
