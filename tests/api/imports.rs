//! `headpress import ics`: the real ai1ec feed, idempotence, broken files, downloads.

use actix_web::http::StatusCode;
use headpress::import::ics;
use headpress::users::Role;
use serde_json::Value;

use crate::support::TestApp;

const FEED: &str = include_str!("../fixtures/wordpress/ai1ec-export.ics");

fn options() -> ics::Options {
    ics::Options {
        author: None,
        dry_run: false,
    }
}

async fn app_with_admin() -> (TestApp, String) {
    let app = TestApp::new().await;
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    (app, admin)
}

async fn event_by_title(app: &TestApp, title: &str) -> Value {
    let res = app
        .get(&format!(
            "/api/v1/events?search={}&per_page=100",
            title.replace(' ', "+")
        ))
        .send()
        .await
        .json();
    res["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"] == title)
        .unwrap_or_else(|| panic!("no event {title}"))
        .clone()
}

#[actix_web::test]
async fn the_ai1ec_feed_imports_once_and_updates_after() {
    let (app, _) = app_with_admin().await;
    let summary = app
        .db(|c| ics::import(c, FEED, &options()))
        .expect("imported");
    assert_eq!(summary.kinds["events"].created, 52, "{summary}");
    let list = app.get("/api/v1/events?per_page=100").send().await.json();
    assert_eq!(list["meta"]["total"], 52);

    let clinic = event_by_title(&app, "Survivor Support Drop-in Clinic").await;
    assert_eq!(clinic["timezone"], "Europe/London");
    assert_eq!(clinic["rrule"], "FREQ=WEEKLY;COUNT=20;BYDAY=TU");
    assert_eq!(
        clinic["exdates"],
        serde_json::json!(["2026-10-27T18:00:00", "2026-12-22T18:00:00"])
    );
    assert!(clinic["starts_at"].as_str().unwrap().ends_with("T18:00:00"));
    let workshop = event_by_title(&app, "Workshop: Responding to Seasonal Agricultural Work").await;
    assert_eq!(workshop["all_day"], true);
    assert_eq!(workshop["starts_at"], "2024-10-08");
    assert_eq!(workshop["ends_at"], "2024-10-09");
    assert_eq!(
        workshop["venue"]["name"],
        "Ford Foundation Center for Social Justice"
    );
    assert_eq!(workshop["venue"]["latitude"], 40.7503);
    assert_eq!(workshop["organizer"]["email"], "events@example.org");
    assert!(
        workshop["content"]["html"]
            .as_str()
            .unwrap()
            .contains("<h2>Speakers</h2>")
    );
    let training = app
        .get("/api/v1/event-categories?slug=training")
        .send()
        .await
        .json();
    assert_eq!(training["data"][0]["name"], "Training");
    assert_eq!(
        workshop["event_categories"],
        serde_json::json!([training["data"][0]["id"]])
    );

    // A second run changes nothing.
    let again = app.db(|c| ics::import(c, FEED, &options())).expect("again");
    assert_eq!(again.kinds["events"].created, 0);
    assert_eq!(again.kinds["events"].unchanged, 52, "{again}");
    assert_eq!(
        app.get("/api/v1/events?per_page=1").send().await.json()["meta"]["total"],
        52
    );
    // A changed event is updated in place.
    let changed = FEED.replace(
        "SUMMARY:Survivor Support Drop-in Clinic",
        "SUMMARY:Survivor Support Clinic",
    );
    let third = app
        .db(|c| ics::import(c, &changed, &options()))
        .expect("third");
    assert_eq!(third.kinds["events"].updated, 1, "{third}");
    assert_eq!(third.kinds["events"].unchanged, 51);
    let renamed = event_by_title(&app, "Survivor Support Clinic").await;
    assert_eq!(renamed["id"], clinic["id"]);
}

#[actix_web::test]
async fn a_broken_file_writes_nothing_and_names_the_line() {
    let (app, _) = app_with_admin().await;
    let cut = &FEED[..FEED.len() / 2];
    let err = app
        .db(|c| ics::import(c, cut, &options()))
        .expect_err("a truncated file");
    assert!(err.to_string().contains("line "), "{err}");
    let bad_date = FEED.replacen(
        "DTSTART;VALUE=DATE:20241008",
        "DTSTART;VALUE=DATE:2024-10-08",
        1,
    );
    let err = app
        .db(|c| ics::import(c, &bad_date, &options()))
        .expect_err("a bad date");
    let line = FEED[..FEED.find("DTSTART;VALUE=DATE:20241008").unwrap()]
        .lines()
        .count()
        + 1;
    assert!(err.to_string().contains(&format!("line {line}")), "{err}");
    let dry = app
        .db(|c| {
            ics::import(
                c,
                FEED,
                &ics::Options {
                    author: None,
                    dry_run: true,
                },
            )
        })
        .expect("dry run");
    assert!(dry.dry_run);
    assert_eq!(dry.kinds["events"].created, 52);
    let list = app.get("/api/v1/events").send().await.json();
    assert_eq!(list["meta"]["total"], 0, "nothing written");
    assert_eq!(
        app.get("/api/v1/event-categories").send().await.json()["meta"]["total"],
        0
    );
}

#[actix_web::test]
async fn a_feed_can_be_downloaded() {
    use actix_web::{App, HttpResponse, HttpServer, web};
    let server = HttpServer::new(|| {
        App::new().route(
            "/calendar.ics",
            web::get().to(|| async { HttpResponse::Ok().content_type("text/calendar").body(FEED) }),
        )
    })
    .workers(1)
    .bind("127.0.0.1:0")
    .expect("bind");
    let addr = server.addrs()[0];
    let handle = server.run();
    let running = handle.handle();
    actix_web::rt::spawn(handle);
    let bytes = ics::read_source(&format!("http://{addr}/calendar.ics"))
        .await
        .expect("downloaded");
    assert_eq!(bytes, FEED.as_bytes());
    let missing = ics::read_source(&format!("http://{addr}/nope.ics")).await;
    assert!(missing.unwrap_err().to_string().contains("404"));
    running.stop(false).await;
    let (app, _) = app_with_admin().await;
    let text = String::from_utf8(bytes).unwrap();
    app.db(|c| ics::import(c, &text, &options()))
        .expect("imported");
    assert_eq!(
        app.get("/api/v1/events").send().await.status,
        StatusCode::OK
    );
}
