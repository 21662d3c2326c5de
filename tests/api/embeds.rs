//! Partner embedding: canonical links, oEmbed, embed cards and lists, the widget.

use actix_web::http::StatusCode;
use headpress::users::Role;
use serde_json::{Value, json};

use crate::support::TestApp;

struct Site {
    app: TestApp,
    editor: String,
    resource: Value,
    post: Value,
    event: Value,
    draft: Value,
}

async fn site() -> Site {
    let app = TestApp::with_config(|c| {
        c.links = headpress::content::links::Links::defaults("https://hub.example.org");
        c.embed_ancestors = "https://partner.example.org".into();
        c.site_name = "Rights Hub".into();
    })
    .await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let guidance = app
        .create_term(&editor, "resource-types", json!({"name": "Guidance"}))
        .await;
    let tag = app
        .create_term(&editor, "tags", json!({"name": "Construction"}))
        .await;
    let create = |collection: &'static str, body: Value| {
        let app = &app;
        let editor = editor.clone();
        async move {
            let res = app
                .post(&format!("/api/v1/{collection}"))
                .bearer(&editor)
                .json(&body)
                .send()
                .await;
            assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
            res.json()
        }
    };
    let resource = create(
        "resources",
        json!({"title": "Due <diligence> guide", "status": "published", "resource_types": [guidance["id"]],
               "tags": [tag["id"]],
               "summary": "How to check your supply chain.", "publisher": "ILO"}),
    )
    .await;
    let post = app.published_post(&editor, "Annual report launched").await;
    let event = create(
        "events",
        json!({"title": "Webinar on remedy", "status": "published", "starts_at": "2099-12-01T18:00",
               "ends_at": "2099-12-01T19:30", "timezone": "Europe/London", "venue": {"name": "Church House"}}),
    )
    .await;
    let draft = create(
        "resources",
        json!({"title": "Secret draft", "resource_types": [guidance["id"]]}),
    )
    .await;
    Site {
        app,
        editor,
        resource,
        post,
        event,
        draft,
    }
}

#[actix_web::test]
async fn items_carry_their_canonical_link_and_oembed_url() {
    let s = site().await;
    assert_eq!(
        s.resource["link"],
        "https://hub.example.org/resources/due-diligence-guide"
    );
    assert_eq!(
        s.post["link"],
        "https://hub.example.org/news/annual-report-launched"
    );
    assert_eq!(
        s.event["link"],
        "https://hub.example.org/events/webinar-on-remedy"
    );
    assert_eq!(
        s.resource["oembed_url"],
        "http://localhost:8080/oembed?url=https%3A%2F%2Fhub.example.org%2Fresources%2Fdue-diligence-guide&format=json"
    );
    let parent = s
        .app
        .post("/api/v1/pages")
        .bearer(&s.editor)
        .json(&json!({"title": "About", "status": "published"}))
        .send()
        .await
        .json();
    let child = s
        .app
        .post("/api/v1/pages")
        .bearer(&s.editor)
        .json(&json!({"title": "Team", "status": "published", "parent": parent["id"]}))
        .send()
        .await
        .json();
    assert_eq!(child["link"], "https://hub.example.org/about/team");
    assert_eq!(child["oembed_url"], Value::Null);
}

#[actix_web::test]
async fn oembed_answers_for_every_kind_and_refuses_the_rest() {
    let s = site().await;
    for item in [&s.resource, &s.post, &s.event] {
        let link = item["link"].as_str().unwrap();
        let res = s
            .app
            .get(&format!("/oembed?url={}&format=json", urlencode(link)))
            .send()
            .await;
        assert_eq!(res.status, StatusCode::OK, "{link}: {}", res.text());
        let o = res.json();
        // The members oEmbed 1.0 requires of a `rich` answer.
        assert_eq!(o["type"], "rich");
        assert_eq!(o["version"], "1.0");
        assert!(o["width"].as_u64().unwrap() > 0 && o["height"].as_u64().unwrap() > 0);
        let html = o["html"].as_str().unwrap();
        assert!(
            html.starts_with("<iframe src=\"http://localhost:8080/embed/"),
            "{html}"
        );
        assert!(html.contains(&format!("/{}\"", item["id"])), "{html}");
        assert_eq!(o["title"], item["title"]);
        assert_eq!(o["provider_name"], "Rights Hub");
        assert_eq!(o["provider_url"], "https://hub.example.org");
        assert!(o["author_name"].is_string());
    }
    let link = urlencode(s.resource["link"].as_str().unwrap());
    let small = s
        .app
        .get(&format!("/oembed?url={link}&maxwidth=200&maxheight=100"))
        .send()
        .await
        .json();
    assert_eq!(
        (small["width"].as_u64(), small["height"].as_u64()),
        (Some(200), Some(100))
    );
    let xml = s
        .app
        .get(&format!("/oembed?url={link}&format=xml"))
        .send()
        .await;
    assert_eq!(xml.status, StatusCode::OK);
    assert!(xml.header("content-type").unwrap().starts_with("text/xml"));
    let text = xml.text();
    assert!(
        text.contains("<type>rich</type>")
            && text.contains("<title>Due &lt;diligence&gt; guide</title>"),
        "{text}"
    );
    assert!(text.contains("&lt;iframe src="), "{text}");
    // Refusals: other formats, drafts, pages and unknown addresses.
    let res = s
        .app
        .get(&format!("/oembed?url={link}&format=yaml"))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NOT_IMPLEMENTED);
    let draft = urlencode("https://hub.example.org/resources/secret-draft");
    s.app
        .get(&format!("/oembed?url={draft}"))
        .send()
        .await
        .problem(404, "not_found");
    for url in [
        "https://hub.example.org/resources/nothing-here",
        "https://elsewhere.org/resources/due-diligence-guide",
        "not a url",
    ] {
        s.app
            .get(&format!("/oembed?url={}", urlencode(url)))
            .send()
            .await
            .problem(404, "not_found");
    }
}

#[actix_web::test]
async fn cards_are_self_contained_and_only_for_published_items() {
    let s = site().await;
    let res = s
        .app
        .get(&format!("/embed/resources/{}", s.resource["id"]))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        res.header("content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    let csp = res.header("content-security-policy").unwrap();
    assert!(
        csp.contains("frame-ancestors https://partner.example.org"),
        "{csp}"
    );
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(res.header("set-cookie").is_none());
    assert!(res.header("cache-control").unwrap().starts_with("public"));
    assert!(res.header("etag").is_some());
    let html = res.text();
    assert!(
        html.contains("Due &lt;diligence&gt; guide"),
        "titles are escaped: {html}"
    );
    assert!(html.contains("href=\"https://hub.example.org/resources/due-diligence-guide\""));
    assert!(html.contains("How to check your supply chain."));
    assert!(html.contains(">Guidance<"), "the type: {html}");
    assert!(html.contains(">#Construction<"), "the tag: {html}");
    assert!(
        !html.contains("<script") && !html.contains("src=\"http"),
        "no external assets: {html}"
    );
    let dark = s
        .app
        .get(&format!("/embed/resources/{}?theme=dark", s.resource["id"]))
        .send()
        .await
        .text();
    assert!(dark.contains("<body class=\"dark\">"));
    let event = s
        .app
        .get(&format!("/embed/events/{}", s.event["id"]))
        .send()
        .await
        .text();
    assert!(
        event.contains("Tue 1 December 2099, 18:00–19:30 (Europe/London)"),
        "{event}"
    );
    assert!(event.contains("Church House"));
    let post = s
        .app
        .get(&format!("/embed/posts/{}", s.post["id"]))
        .send()
        .await;
    assert_eq!(post.status, StatusCode::OK);
    // Drafts are not reachable, even with a token.
    s.app
        .get(&format!("/embed/resources/{}", s.draft["id"]))
        .bearer(&s.editor)
        .send()
        .await
        .problem(404, "not_found");
    // Lists, filtered like the API.
    let list = s
        .app
        .get("/embed/resources?type=guidance&limit=5")
        .send()
        .await
        .text();
    assert_eq!(list.matches("<article").count(), 1, "{list}");
    assert!(!list.contains("Secret draft"));
    let none = s
        .app
        .get("/embed/resources?type=nothing")
        .send()
        .await
        .text();
    assert!(none.contains("Nothing to show yet."));
    let events = s
        .app
        .get("/embed/events?upcoming=1&limit=3")
        .send()
        .await
        .text();
    assert!(events.contains("Webinar on remedy"));
    s.app
        .get("/embed/resources?limit=50")
        .send()
        .await
        .problem(400, "invalid_query");
    s.app
        .get("/embed/events?upcoming=2")
        .send()
        .await
        .problem(400, "invalid_query");
    let js = s.app.get("/embed.js").send().await;
    assert_eq!(js.status, StatusCode::OK);
    assert!(
        js.header("content-type")
            .unwrap()
            .starts_with("text/javascript")
    );
    assert!(js.text().contains("data-headpress") || js.text().contains("headpress"));
}

fn urlencode(s: &str) -> String {
    url_escape(s)
}

fn url_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
