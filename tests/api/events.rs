//! Events: zones, all-day and instant events, recurrence across daylight-saving changes,
//! occurrences, iCalendar feeds, and visibility.

use actix_web::http::StatusCode;
use headpress::users::Role;
use serde_json::{Value, json};

use crate::support::TestApp;

async fn event(app: &TestApp, token: &str, body: Value) -> Value {
    let res = app
        .post("/api/v1/events")
        .bearer(token)
        .json(&body)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    res.json()
}

fn published(mut body: Value) -> Value {
    body["status"] = json!("published");
    body["published_at"] = json!("2026-01-01T00:00:00Z");
    body
}

async fn occurrences(app: &TestApp, query: &str) -> Vec<Value> {
    let res = app
        .get(&format!("/api/v1/events/occurrences?per_page=100&{query}"))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    res.json()["data"].as_array().unwrap().clone()
}

fn starts(list: &[Value], member: &str) -> Vec<String> {
    list.iter()
        .map(|o| o[member].as_str().unwrap().to_owned())
        .collect()
}

#[actix_web::test]
async fn an_event_keeps_local_times_and_gives_utc() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let e = event(
        &app,
        &editor,
        json!({"title": "Webinar", "starts_at": "2026-07-30T18:00", "ends_at": "2026-07-30T19:30",
               "timezone": "Europe/London",
               "venue": {"name": "Church House", "city": "London", "country": "United Kingdom", "latitude": 51.4988, "longitude": -0.1289},
               "organizer": {"name": "Events team", "email": "events@example.org"},
               "cost": "Free", "is_free": true, "ticket_url": "https://example.org/register"}),
    )
    .await;
    assert_eq!(e["starts_at"], "2026-07-30T18:00:00");
    assert_eq!(e["ends_at"], "2026-07-30T19:30:00");
    assert_eq!(e["starts_at_utc"], "2026-07-30T17:00:00Z");
    assert_eq!(e["ends_at_utc"], "2026-07-30T18:30:00Z");
    assert_eq!(e["timezone"], "Europe/London");
    assert_eq!(e["all_day"], false);
    assert_eq!(e["venue"]["city"], "London");
    assert_eq!(e["organizer"]["email"], "events@example.org");
    assert_eq!(e["is_free"], true);
    assert!(e["ical_uid"].as_str().unwrap().ends_with("@headpress"));
    // Changing only the zone keeps the wall-clock time.
    let moved = app
        .patch(&format!("/api/v1/events/{}", e["id"]))
        .bearer(&editor)
        .json(&json!({"timezone": "America/New_York"}))
        .send()
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text());
    let moved = moved.json();
    assert_eq!(moved["starts_at"], "2026-07-30T18:00:00");
    assert_eq!(moved["starts_at_utc"], "2026-07-30T22:00:00Z");
    assert_eq!(moved["venue"]["name"], "Church House");
}

#[actix_web::test]
async fn bad_times_zones_and_rules_are_named() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let bad = |body: Value| {
        let app = &app;
        let editor = editor.clone();
        async move {
            let mut full =
                json!({"title": "x", "starts_at": "2026-07-30T18:00", "timezone": "Europe/London"});
            for (k, v) in body.as_object().unwrap() {
                full[k] = v.clone();
            }
            let res = app
                .post("/api/v1/events")
                .bearer(&editor)
                .json(&full)
                .send()
                .await;
            res.problem(422, "validation_failed")["errors"][0]["field"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    };
    assert_eq!(bad(json!({"timezone": "Mars/Olympus"})).await, "timezone");
    assert_eq!(bad(json!({"starts_at": "30/07/2026"})).await, "starts_at");
    assert_eq!(bad(json!({"ends_at": "2026-07-30T17:00"})).await, "ends_at");
    // Clocks go forward at 01:00 on 29 March 2026 in London: 01:30 never happens.
    assert_eq!(
        bad(json!({"starts_at": "2026-03-29T01:30"})).await,
        "starts_at"
    );
    assert_eq!(bad(json!({"rrule": "FREQ=FORTNIGHTLY"})).await, "rrule");
    assert_eq!(bad(json!({"rrule": "FREQ=MINUTELY"})).await, "rrule");
    assert_eq!(
        bad(json!({"exdates": ["2026-08-06T18:00", "soon"]})).await,
        "exdates[1]"
    );
    assert_eq!(
        bad(json!({"venue": {"latitude": 123.0, "longitude": 0.0}})).await,
        "venue.latitude"
    );
    assert_eq!(
        bad(json!({"organizer": {"email": "not an address"}})).await,
        "organizer.email"
    );
    assert_eq!(
        bad(json!({"ticket_url": "javascript:alert(1)"})).await,
        "ticket_url"
    );
    let missing = app
        .post("/api/v1/events")
        .bearer(&editor)
        .json(&json!({"title": "x", "timezone": "UTC"}))
        .send()
        .await;
    missing.problem(400, "invalid_body");
    // Nothing was written.
    let all = app
        .get("/api/v1/events?status=any")
        .bearer(&editor)
        .send()
        .await;
    assert!(all.ids().is_empty());
}

#[actix_web::test]
async fn weekly_events_keep_their_wall_clock_time_across_daylight_saving() {
    // Tuesdays at 18:00 London time, around both changes of 2026 (29 March, 25 October).
    for (start, from, to, utc) in [
        (
            "2026-03-17T18:00",
            "2026-03-16T00:00:00Z",
            "2026-04-08T00:00:00Z",
            [
                "2026-03-17T18:00:00Z",
                "2026-03-24T18:00:00Z",
                "2026-03-31T17:00:00Z",
                "2026-04-07T17:00:00Z",
            ],
        ),
        (
            "2026-10-13T18:00",
            "2026-10-12T00:00:00Z",
            "2026-11-04T00:00:00Z",
            [
                "2026-10-13T17:00:00Z",
                "2026-10-20T17:00:00Z",
                "2026-10-27T18:00:00Z",
                "2026-11-03T18:00:00Z",
            ],
        ),
    ] {
        let app = TestApp::new().await;
        let (_, editor) = app.sign_in_as(Role::Editor).await;
        event(
            &app,
            &editor,
            published(json!({"title": "Clinic", "starts_at": start, "ends_at": start.replace("18:00", "19:00"),
                             "timezone": "Europe/London", "rrule": "FREQ=WEEKLY;BYDAY=TU;COUNT=10"})),
        )
        .await;
        let list = occurrences(&app, &format!("from={from}&to={to}")).await;
        let local: Vec<String> = starts(&list, "starts_at")
            .iter()
            .map(|s| s[11..].to_owned())
            .collect();
        assert_eq!(local, ["18:00:00"; 4]);
        assert_eq!(starts(&list, "starts_at_utc"), utc);
        assert_eq!(list[0]["ends_at"].as_str().unwrap()[11..], *"19:00:00");
    }
}

#[actix_web::test]
async fn all_day_instant_exdate_and_monthly_rules() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let day = event(
        &app,
        &editor,
        published(json!({"title": "World Day against Trafficking", "all_day": true,
                         "starts_at": "2026-07-30", "ends_at": "2026-07-31", "timezone": "Europe/London"})),
    )
    .await;
    assert_eq!(day["starts_at"], "2026-07-30");
    assert_eq!(day["ends_at"], "2026-07-31");
    assert_eq!(day["starts_at_utc"], "2026-07-29T23:00:00Z");
    assert_eq!(day["ends_at_utc"], "2026-07-31T23:00:00Z");
    let instant = event(
        &app,
        &editor,
        published(json!({"title": "Report launch", "starts_at": "2026-09-01T09:00", "timezone": "Asia/Kolkata"})),
    )
    .await;
    assert_eq!(instant["ends_at"], Value::Null);
    assert_eq!(instant["starts_at_utc"], "2026-09-01T03:30:00Z");
    assert_eq!(instant["ends_at_utc"], instant["starts_at_utc"]);
    let weekly = event(
        &app,
        &editor,
        published(json!({"title": "Drop-in", "starts_at": "2026-06-02T12:00", "ends_at": "2026-06-02T13:00",
                         "timezone": "Europe/London", "rrule": "FREQ=WEEKLY;COUNT=4", "exdates": ["2026-06-16T12:00"]})),
    )
    .await;
    assert_eq!(weekly["exdates"], json!(["2026-06-16T12:00:00"]));
    let monthly = event(
        &app,
        &editor,
        published(json!({"title": "Network meeting", "starts_at": "2026-01-07T10:00", "ends_at": "2026-01-07T11:00",
                         "timezone": "Europe/Paris", "rrule": "FREQ=MONTHLY;BYDAY=1WE;COUNT=4"})),
    )
    .await;

    let of = |list: &[Value], id: &Value| {
        list.iter()
            .filter(|o| o["event"] == *id)
            .map(|o| o["starts_at"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    let year = occurrences(&app, "from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z").await;
    assert_eq!(
        of(&year, &weekly["id"]),
        [
            "2026-06-02T12:00:00",
            "2026-06-09T12:00:00",
            "2026-06-23T12:00:00"
        ]
    );
    assert_eq!(
        of(&year, &monthly["id"]),
        [
            "2026-01-07T10:00:00",
            "2026-02-04T10:00:00",
            "2026-03-04T10:00:00",
            "2026-04-01T10:00:00"
        ]
    );
    let days: Vec<&Value> = year.iter().filter(|o| o["event"] == day["id"]).collect();
    assert_eq!(days.len(), 1);
    assert_eq!(days[0]["starts_at"], "2026-07-30");
    assert_eq!(days[0]["ends_at"], "2026-07-31");
    assert_eq!(days[0]["all_day"], true);
    assert_eq!(of(&year, &instant["id"]), ["2026-09-01T09:00:00"]);
    // Sorted by start across events.
    let utc = starts(&year, "starts_at_utc");
    let mut sorted = utc.clone();
    sorted.sort();
    assert_eq!(utc, sorted);
    // A caller's zone.
    let tokyo = occurrences(
        &app,
        "from=2026-09-01T00:00:00Z&to=2026-09-02T00:00:00Z&tz=Asia/Tokyo",
    )
    .await;
    assert_eq!(tokyo[0]["starts_at_tz"], "2026-09-01T12:30:00+09:00");
}

#[actix_web::test]
async fn occurrence_windows_cross_the_year_and_are_checked() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let e = event(
        &app,
        &editor,
        published(json!({"title": "Weekly", "starts_at": "2026-11-05T18:00", "ends_at": "2026-11-05T19:00",
                         "timezone": "America/New_York", "rrule": "FREQ=WEEKLY;BYDAY=TH"})),
    )
    .await;
    assert_eq!(e["rrule"], "FREQ=WEEKLY;BYDAY=TH");
    let list = occurrences(&app, "from=2026-12-20T00:00:00Z&to=2027-01-10T00:00:00Z").await;
    assert_eq!(
        starts(&list, "starts_at"),
        [
            "2026-12-24T18:00:00",
            "2026-12-31T18:00:00",
            "2027-01-07T18:00:00"
        ]
    );
    // Paging with a cursor gives the same sequence.
    let first = app
        .get("/api/v1/events/occurrences?from=2026-12-20T00:00:00Z&to=2027-01-10T00:00:00Z&per_page=2")
        .send()
        .await
        .json();
    assert_eq!(first["meta"]["total"], 3);
    let cursor = first["meta"]["next_cursor"].as_str().unwrap();
    let rest = app
        .get(&format!("/api/v1/events/occurrences?from=2026-12-20T00:00:00Z&to=2027-01-10T00:00:00Z&per_page=2&cursor={cursor}"))
        .send()
        .await
        .json();
    assert_eq!(rest["data"][0]["starts_at"], "2027-01-07T18:00:00");
    for (query, param) in [
        ("from=2026-01-01T00:00:00Z", "to"),
        ("from=2026-01-01T00:00:00Z&to=2028-01-01T00:00:00Z", "to"),
        ("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to"),
        (
            "from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&tz=Nowhere/City",
            "tz",
        ),
    ] {
        let res = app
            .get(&format!("/api/v1/events/occurrences?{query}"))
            .send()
            .await;
        let p = res.problem(400, "invalid_query");
        assert_eq!(p["errors"][0]["field"], param, "{query}: {p}");
    }
}

#[actix_web::test]
async fn lists_filter_upcoming_and_past_events_by_category() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let training = app
        .create_term(&editor, "event-categories", json!({"name": "Training"}))
        .await;
    let past = event(
        &app,
        &editor,
        published(json!({"title": "Past", "starts_at": "2025-03-01T10:00", "timezone": "UTC"})),
    )
    .await;
    let series = event(
        &app,
        &editor,
        published(json!({"title": "Series", "starts_at": "2025-01-06T10:00", "timezone": "UTC", "rrule": "FREQ=MONTHLY", "event_categories": [training["id"]]})),
    )
    .await;
    let later = event(&app, &editor, published(json!({"title": "Later", "starts_at": "2027-05-01T10:00", "timezone": "UTC", "event_categories": [training["id"]]}))).await;
    let id = |v: &Value| v["id"].as_i64().unwrap();
    let ids = |q: &str| {
        let app = &app;
        let q = q.to_owned();
        async move { app.get(&format!("/api/v1/events?{q}")).send().await.ids() }
    };
    // Soonest first by default.
    assert_eq!(ids("").await, [id(&series), id(&past), id(&later)]);
    assert_eq!(
        ids("starts_after=2026-11-26T00:00:00Z").await,
        [id(&series), id(&later)]
    );
    assert_eq!(
        ids("starts_before=2026-11-26T00:00:00Z").await,
        [id(&series), id(&past)]
    );
    assert_eq!(
        ids("event_category=training&order=desc").await,
        [id(&later), id(&series)]
    );
    let cats = app.get("/api/v1/event-categories").send().await.json();
    assert_eq!(cats["data"][0]["count"], 2);
    assert_eq!(cats["data"][0]["count_by_kind"]["events"], 2);
    let embedded = app
        .get(&format!(
            "/api/v1/events/{}?include=event_categories",
            id(&later)
        ))
        .send()
        .await
        .json();
    assert_eq!(
        embedded["embedded"]["event_categories"][0]["name"],
        "Training"
    );
}

#[actix_web::test]
async fn drafts_never_reach_lists_occurrences_or_feeds() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let public = event(&app, &editor, published(json!({"title": "Public talk", "starts_at": "2026-12-01T18:00", "timezone": "Europe/London"}))).await;
    let draft = event(&app, &editor, json!({"title": "Secret draft", "starts_at": "2026-12-02T18:00", "timezone": "Europe/London"})).await;
    let scheduled = event(
        &app,
        &editor,
        json!({"title": "Not yet announced", "status": "published", "published_at": "2099-01-01T00:00:00Z",
               "starts_at": "2026-12-03T18:00", "timezone": "Europe/London"}),
    )
    .await;
    assert_eq!(
        app.get("/api/v1/events").send().await.ids(),
        [public["id"].as_i64().unwrap()]
    );
    let window = "from=2026-11-01T00:00:00Z&to=2027-01-01T00:00:00Z";
    let list = occurrences(&app, window).await;
    assert_eq!(list.len(), 1);
    // Not even for an editor: occurrences and feeds are the public calendar.
    let as_editor = app
        .get(&format!("/api/v1/events/occurrences?{window}"))
        .bearer(&editor)
        .send()
        .await
        .json();
    assert_eq!(as_editor["data"].as_array().unwrap().len(), 1);
    for token in [None, Some(editor.as_str())] {
        let mut req = app.get("/api/v1/events/feed.ics");
        if let Some(t) = token {
            req = req.bearer(t);
        }
        let feed = req.send().await;
        assert_eq!(feed.status, StatusCode::OK);
        let text = feed.text();
        assert!(text.contains("SUMMARY:Public talk"), "{text}");
        assert!(
            !text.contains("Secret draft") && !text.contains("Not yet announced"),
            "{text}"
        );
    }
    for hidden in [&draft, &scheduled] {
        let res = app
            .get(&format!("/api/v1/events/{}/ics", hidden["id"]))
            .bearer(&editor)
            .send()
            .await;
        res.problem(404, "not_found");
    }
}

#[actix_web::test]
async fn feeds_are_valid_icalendar_with_zones_and_rules() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let cat = app
        .create_term(&editor, "event-categories", json!({"name": "Conference"}))
        .await;
    let weekly = event(
        &app,
        &editor,
        published(json!({"title": "Weekly clinic; drop in, ask anything about supply-chain due diligence and remediation",
                         "content": {"html": "<p>Bring questions &amp; cases.</p>"},
                         "starts_at": "2026-10-06T18:00", "ends_at": "2026-10-06T19:00", "timezone": "Europe/London",
                         "rrule": "FREQ=WEEKLY;BYDAY=TU;COUNT=6", "exdates": ["2026-10-27T18:00"],
                         "venue": {"name": "Church House", "city": "London", "latitude": 51.4988, "longitude": -0.1289},
                         "event_categories": [cat["id"]]})),
    )
    .await;
    event(
        &app,
        &editor,
        published(json!({"title": "Awareness day", "all_day": true, "starts_at": "2026-07-30", "timezone": "Europe/London"})),
    )
    .await;
    let res = app
        .get("/api/v1/events/feed.ics?event_category=conference")
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        res.header("content-type").as_deref(),
        Some("text/calendar; charset=utf-8")
    );
    assert!(res.header("etag").is_some());
    assert!(res.header("cache-control").unwrap().starts_with("public"));
    let text = res.text();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line}");
    }
    let unfolded = text.replace("\r\n ", "");
    for needle in [
        &format!("UID:{}", weekly["ical_uid"].as_str().unwrap()),
        "DTSTART;TZID=Europe/London:20261006T180000",
        "DTEND;TZID=Europe/London:20261006T190000",
        "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=6",
        "EXDATE;TZID=Europe/London:20261027T180000",
        "BEGIN:VTIMEZONE",
        "TZID:Europe/London",
        "TZOFFSETTO:+0000",
        "GEO:51.4988;-0.1289",
        "CATEGORIES:Conference",
        "SUMMARY:Weekly clinic\\; drop in\\, ask anything",
        "DESCRIPTION:Bring questions & cases.",
    ] {
        assert!(unfolded.contains(needle), "missing {needle}:\n{unfolded}");
    }
    assert!(!unfolded.contains("Awareness day"), "filtered by category");
    let all = app.get("/api/v1/events/feed.ics").send().await.text();
    assert!(
        all.replace("\r\n ", "")
            .contains("DTSTART;VALUE=DATE:20260730")
    );
    assert!(all.contains("DTEND;VALUE=DATE:20260731"));
    let one = app
        .get(&format!("/api/v1/events/{}/ics", weekly["id"]))
        .send()
        .await;
    assert_eq!(one.status, StatusCode::OK);
    assert!(one.header("content-disposition").unwrap().contains(".ics"));
    assert_eq!(one.text().matches("BEGIN:VEVENT").count(), 1);
    // Kept for the independent iCalendar check in CI (.ci/check_ical.py), with what the
    // API says the occurrences are.
    let occurrences = occurrences(&app, "from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z").await;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ical-check");
    std::fs::create_dir_all(&dir).unwrap();
    let backend = if std::env::var("TEST_DATABASE_URL").is_ok() {
        "postgres"
    } else {
        "sqlite"
    };
    std::fs::write(dir.join(format!("{backend}.ics")), &all).unwrap();
    let expected: Vec<Value> = occurrences
        .iter()
        .map(|o| {
            json!({"event": o["event"], "all_day": o["all_day"], "starts_at": o["starts_at"],
                   "ends_at": o["ends_at"], "start": o["starts_at_utc"], "end": o["ends_at_utc"]})
        })
        .collect();
    let uids: serde_json::Map<String, Value> =
        app.get("/api/v1/events?per_page=100").send().await.json()["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["id"].to_string(), e["ical_uid"].clone()))
            .collect();
    std::fs::write(
        dir.join(format!("{backend}.json")),
        serde_json::to_vec_pretty(&json!({"from": "2026-01-01T00:00:00Z", "to": "2026-12-31T00:00:00Z", "uids": uids, "occurrences": expected})).unwrap(),
    )
    .unwrap();
}

async fn get(node: &TestApp, query: String) -> Value {
    let res = node
        .get(&format!("/api/v1/events/occurrences?{query}"))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{query}: {}", res.text());
    res.json()
}

/// Windows around now are answered from a timeline built once per change and shared;
/// every page must be what a window's own build gives (a second node on the same database
/// with the render cache off builds each window), and a write must show at once.
#[actix_web::test]
async fn the_shared_timeline_answers_like_each_windows_own() {
    let app = TestApp::new().await;
    let direct = app.second_node_with(|c| c.render_cache_size = 0).await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let day = |d: i64| {
        (chrono::Utc::now() + chrono::Duration::days(d))
            .format("%Y-%m-%dT10:00")
            .to_string()
    };
    for body in [
        json!({"title": "Weekly", "starts_at": day(-20), "ends_at": day(-20).replace("T10", "T11"),
               "timezone": "Europe/London", "rrule": "FREQ=WEEKLY"}),
        json!({"title": "Long exhibition", "starts_at": day(-40), "ends_at": day(40), "timezone": "UTC"}),
        json!({"title": "Instant", "starts_at": day(3), "ends_at": day(3), "timezone": "Asia/Tokyo"}),
        json!({"title": "Past", "starts_at": day(-30), "ends_at": day(-29), "timezone": "UTC"}),
    ] {
        event(&app, &editor, published(body)).await;
    }
    let at = |d: i64| {
        (chrono::Utc::now() + chrono::Duration::days(d))
            .format("%Y-%m-%dT00:00:00Z")
            .to_string()
    };
    let mut cursor = None;
    for query in [
        format!("from={}&to={}&per_page=3", at(0), at(60)),
        format!("from={}&to={}&per_page=3&page=2", at(0), at(60)),
        format!("from={}&to={}&per_page=100", at(-35), at(10)),
        format!("from={}&to={}", at(-1), at(1)),
    ] {
        let shared = get(&app, query.clone()).await;
        assert_eq!(shared, get(&direct, query.clone()).await, "{query}");
        cursor = cursor.or(shared["meta"]["next_cursor"].as_str().map(str::to_owned));
    }
    let next = format!(
        "from={}&to={}&per_page=3&cursor={}",
        at(0),
        at(60),
        cursor.unwrap()
    );
    let shared = get(&app, next.clone()).await;
    assert_eq!(shared, get(&direct, next).await);
    let now = get(&app, format!("from={}&to={}", at(0), at(1))).await;
    assert_eq!(
        now["data"][0]["title"], "Long exhibition",
        "running at the window's start"
    );

    let before = get(&app, format!("from={}&to={}", at(5), at(6))).await;
    assert_eq!(before["meta"]["total"], 1, "the exhibition: {before}");
    event(
        &app,
        &editor,
        published(
            json!({"title": "Added", "starts_at": day(5), "ends_at": day(5), "timezone": "UTC"}),
        ),
    )
    .await;
    let after = get(&app, format!("from={}&to={}", at(5), at(6))).await;
    assert_eq!(after["meta"]["total"], 2, "a write shows at once: {after}");
}
