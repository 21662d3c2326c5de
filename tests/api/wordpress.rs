//! `headpress import wordpress`: the real export of the resource hub, with its uploads and
//! its calendar feed.

use std::path::{Path, PathBuf};

use actix_web::http::StatusCode;
use headpress::import::{Summary, wordpress};
use headpress::users::Role;
use serde_json::{Value, json};

use crate::support::TestApp;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wordpress")
}

fn options() -> wordpress::Options {
    wordpress::Options {
        uploads: Some(fixtures().join("uploads")),
        ics: Some(std::fs::read_to_string(fixtures().join("ai1ec-export.ics")).unwrap()),
        dry_run: false,
        progress: false,
    }
}

fn import(app: &TestApp, path: &Path, options: &wordpress::Options) -> Result<Summary, String> {
    app.db(|c| wordpress::import(c, app.state.storage.as_ref(), path, options))
        .map_err(|e| e.to_string())
}

/// Imports the fixture site (with its uploads and calendar) into `app`.
pub(crate) fn import_fixture(app: &TestApp) -> Summary {
    import(app, &fixtures().join("small.wxr.xml"), &options()).expect("imported")
}

async fn imported() -> (TestApp, String) {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let summary = import(&app, &fixtures().join("small.wxr.xml"), &options()).expect("imported");
    for (kind, n) in [
        ("posts", 93),
        ("pages", 20),
        ("resources", 52),
        ("events", 70),
        ("reusable blocks", 5),
        ("media", 14),
        ("field groups", 4),
        ("users", 5),
    ] {
        assert_eq!(summary.kinds[kind].created, n, "{kind}: {summary}");
    }
    (app, editor)
}

async fn one(app: &TestApp, token: &str, collection: &str, slug: &str) -> Value {
    let list = app
        .get(&format!("/api/v1/{collection}?slug={slug}&status=any"))
        .bearer(token)
        .send()
        .await
        .json();
    assert_eq!(
        list["data"].as_array().map(Vec::len),
        Some(1),
        "{collection} {slug}: {list}"
    );
    list["data"][0].clone()
}

async fn public(app: &TestApp, collection: &str, slug: &str) -> Value {
    let list = app
        .get(&format!("/api/v1/{collection}?slug={slug}"))
        .send()
        .await
        .json();
    assert_eq!(
        list["data"].as_array().map(Vec::len),
        Some(1),
        "{collection} {slug}: {list}"
    );
    list["data"][0].clone()
}

#[actix_web::test]
async fn the_export_arrives_whole() {
    let (app, _) = imported().await;
    for (collection, total) in [
        ("posts", 93),
        ("pages", 20),
        ("resources", 52),
        ("events", 70),
        ("blocks", 5),
        ("media", 14),
    ] {
        let list = app
            .get(&format!("/api/v1/{collection}?per_page=1"))
            .send()
            .await
            .json();
        assert_eq!(list["meta"]["total"], total, "{collection}");
    }
    // One post, member by member.
    let post = public(
        &app,
        "posts",
        "the-security-implications-of-human-trafficking",
    )
    .await;
    assert_eq!(
        post["title"],
        "The Security Implications of Human Trafficking"
    );
    assert_eq!(post["published_at"], "2019-10-17T08:00:00Z");
    assert_eq!(post["status"], "published");
    assert_eq!(post["sticky"], false);
    assert!(
        post["excerpt"]
            .as_str()
            .unwrap()
            .starts_with("A new report from the Women and Foreign Policy program")
    );
    let tags = app
        .get(&format!(
            "/api/v1/posts/{}?include=tags,categories,author",
            post["id"]
        ))
        .send()
        .await
        .json();
    let slugs = |member: &str| {
        let mut s: Vec<String> = tags["embedded"][member]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["slug"].as_str().unwrap().to_owned())
            .collect();
        s.sort();
        s
    };
    assert_eq!(
        slugs("tags"),
        [
            "conflict-security",
            "gender-equality",
            "human-trafficking",
            "sexual-exploitation"
        ]
    );
    assert_eq!(
        slugs("categories"),
        ["modern-slavery-trafficking", "policy-advocacy"]
    );
    assert_eq!(post["content"]["blocks"][0]["name"], "core/paragraph");
    assert!(!post["content"]["html"].as_str().unwrap().contains("<!--"));
    // ACF: a repeater's rows in order, a file and a relationship remapped.
    let fields = &post["fields"];
    assert_eq!(fields["authors"][0]["name"], "Helen O'Neill");
    assert_eq!(
        fields["authors"][0]["affiliation"],
        "Anti-Slavery International"
    );
    assert_eq!(fields["authors"][2]["name"], "Ravi Kumar");
    let related = fields["related_resources"].as_array().unwrap();
    assert_eq!(related.len(), 3);
    for id in related {
        let r = app.get(&format!("/api/v1/resources/{id}")).send().await;
        assert_eq!(r.status, StatusCode::OK, "related resource {id} exists");
    }
    let pdf = app
        .get(&format!("/api/v1/media/{}", fields["report_pdf"]))
        .send()
        .await
        .json();
    assert_eq!(pdf["mime_type"], "application/pdf");
    // The author came along, without a password.
    assert_eq!(
        tags["embedded"]["author"]["slug"]
            .as_str()
            .map(|s| !s.is_empty()),
        Some(true)
    );
}

#[actix_web::test]
async fn pages_keep_their_tree_and_resources_their_details() {
    let (app, editor) = imported().await;
    let team = public(&app, "pages", "our-team").await;
    assert_eq!(team["menu_order"], 2);
    let parent = app
        .get(&format!("/api/v1/pages/{}", team["parent"]))
        .send()
        .await
        .json();
    assert_eq!(
        team["path"],
        format!("{}/our-team", parent["slug"].as_str().unwrap())
    );
    let children = app
        .get(&format!("/api/v1/pages?parent={}", parent["id"]))
        .send()
        .await;
    assert_eq!(children.ids().len(), 4);
    assert_eq!(children.json()["data"][1]["slug"], "our-team");
    // The page hero group: a link and an image remapped to the imported media.
    assert_eq!(parent["fields"]["cta"]["title"], "Meet the team");
    let hero = app
        .get(&format!("/api/v1/media/{}", parent["fields"]["hero_image"]))
        .send()
        .await
        .json();
    assert!(hero["mime_type"].as_str().unwrap().starts_with("image/"));

    let resource = public(
        &app,
        "resources",
        "public-procurement-and-human-rights-in-northern-ireland",
    )
    .await;
    assert_eq!(resource["fields"]["publisher"], "OECD");
    assert_eq!(resource["fields"]["publication_year"], 2021);
    assert_eq!(resource["fields"]["countries"], json!(["MM", "LB"]));
    assert_eq!(resource["fields"]["is_featured"], false);
    assert_eq!(resource["publisher"], "OECD");
    assert_eq!(resource["language"], "en");
    // An imported item has one revision, whatever the steps of its import.
    let revisions = app
        .get(&format!("/api/v1/resources/{}/revisions", resource["id"]))
        .bearer(&editor)
        .send()
        .await;
    assert_eq!(revisions.status, StatusCode::OK, "{}", revisions.text());
    assert_eq!(revisions.ids().len(), 1, "{}", revisions.text());
    let types = app
        .get(&format!(
            "/api/v1/resources/{}?include=resource_types,document",
            resource["id"]
        ))
        .send()
        .await
        .json();
    assert_eq!(types["embedded"]["resource_types"][0]["slug"], "guidance");
    let document = &types["embedded"]["document"];
    assert_eq!(document["id"], resource["fields"]["document"]);
    assert_eq!(document["mime_type"], "application/pdf");
    // The file is there and served.
    let url = document["url"].as_str().unwrap();
    let file = app.get(&url[url.find("/uploads/").unwrap()..]).send().await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(file.body.starts_with(b"%PDF"));
    // Filter on an imported custom field.
    let oecd = app
        .get("/api/v1/resources?field.publisher=OECD&per_page=100")
        .send()
        .await
        .ids();
    assert!(oecd.contains(&resource["id"].as_i64().unwrap()));
}

#[actix_web::test]
async fn events_blocks_and_the_calendar_merge() {
    let (app, _) = imported().await;
    let clinic = app
        .get("/api/v1/events?search=Survivor+Support+Drop-in+Clinic")
        .send()
        .await
        .json();
    let clinic = clinic["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"] == "Survivor Support Drop-in Clinic")
        .expect("the weekly clinic")
        .clone();
    assert_eq!(clinic["timezone"], "Europe/London");
    assert_eq!(clinic["rrule"], "FREQ=WEEKLY;COUNT=20;BYDAY=TU");
    assert_eq!(
        clinic["exdates"],
        json!(["2026-10-27T18:00:00", "2026-12-22T18:00:00"])
    );
    assert!(clinic["ical_uid"].as_str().unwrap().starts_with("ai1ec-"));
    let all = app.get("/api/v1/events?per_page=100").send().await.json();
    let bangkok = all["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["ical_uid"].as_str().unwrap().starts_with("ai1ec-1235@"))
        .expect("event 1235");
    assert_eq!(bangkok["timezone"], "Asia/Bangkok");
    assert_eq!(bangkok["all_day"], true);
    assert_eq!(bangkok["starts_at"], "2022-11-08");
    assert_eq!(bangkok["ends_at"], "2022-11-08");
    assert_eq!(
        bangkok["venue"]["name"],
        "United Nations Conference Centre, Bangkok"
    );
    assert_eq!(bangkok["fields"]["speakers"][0]["name"], "Lucía Fernández");
    // Sorted soonest first.
    let starts: Vec<&str> = all["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["starts_at_utc"].as_str().unwrap())
        .collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
    // Reusable block references point at the imported blocks.
    let post = public(
        &app,
        "posts",
        "survivors-speak-out-on-debt-bondage-in-brick-kilns",
    )
    .await;
    let reference = post["content"]["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["name"] == "core/block")
        .expect("a reference")
        .clone();
    let block = public(&app, "blocks", "disclaimer-external-resources").await;
    assert_eq!(reference["attrs"]["ref"], block["id"]);
    assert!(!reference["inner_blocks"].as_array().unwrap().is_empty());
    let usages = app
        .get(&format!("/api/v1/blocks/{}/usages", block["id"]))
        .bearer(&app.sign_in_as(Role::Editor).await.1)
        .send()
        .await
        .json();
    assert!(usages["meta"]["total"].as_i64().unwrap() >= 1);
    // The calendar of a ai1ec site lists events in the events categories.
    let cats = app
        .get("/api/v1/event-categories?per_page=100")
        .send()
        .await
        .json();
    assert_eq!(cats["meta"]["total"], 6);
}

#[actix_web::test]
async fn a_second_run_changes_nothing_and_a_change_is_an_update() {
    let (app, _) = imported().await;
    let before = app
        .get("/api/v1/posts?per_page=100&orderby=id")
        .send()
        .await
        .json();
    let again = import(&app, &fixtures().join("small.wxr.xml"), &options()).expect("again");
    for (kind, t) in &again.kinds {
        assert_eq!((t.created, t.updated), (0, 0), "{kind}: {again}");
    }
    assert_eq!(again.kinds["posts"].unchanged, 93);
    let after = app
        .get("/api/v1/posts?per_page=100&orderby=id")
        .send()
        .await
        .json();
    assert_eq!(before, after);
    // A post edited on the WordPress side is updated in place.
    let text = std::fs::read_to_string(fixtures().join("small.wxr.xml")).unwrap();
    let edited = text
        .replacen(
            "<title><![CDATA[The Security Implications of Human Trafficking]]></title>",
            "<title><![CDATA[The Security Implications of Trafficking]]></title>",
            1,
        )
        .replacen(
            "<wp:meta_key><![CDATA[_pingme]]></wp:meta_key>",
            "<wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key>\n\t\t<wp:meta_value><![CDATA[1369]]></wp:meta_value>\n\t\t</wp:postmeta>\n\t\t<wp:postmeta>\n\t\t<wp:meta_key><![CDATA[_pingme]]></wp:meta_key>",
            1,
        );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edited.xml");
    std::fs::write(&path, edited).unwrap();
    let third = import(&app, &path, &options()).expect("third");
    assert_eq!(third.kinds["posts"].updated, 1, "{third}");
    let post = public(
        &app,
        "posts",
        "the-security-implications-of-human-trafficking",
    )
    .await;
    assert_eq!(post["title"], "The Security Implications of Trafficking");
}

#[actix_web::test]
async fn statuses_sticky_posts_and_templates() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let text = std::fs::read_to_string(fixtures().join("small.wxr.xml")).unwrap();
    // Make a few items what a real site also holds.
    let mut edited = text.clone();
    let swap = |text: &mut String, post_id: u32, from: &str, to: &str| {
        let marker = format!("<wp:post_id>{post_id}</wp:post_id>");
        let at = text
            .find(&marker)
            .unwrap_or_else(|| panic!("post {post_id}"));
        let end = at + text[at..].find("</item>").unwrap();
        let item = text[at..end].replacen(from, to, 1);
        text.replace_range(at..end, &item);
    };
    swap(
        &mut edited,
        9,
        "<wp:is_sticky>0</wp:is_sticky>",
        "<wp:is_sticky>1</wp:is_sticky>",
    );
    swap(
        &mut edited,
        54,
        "<wp:status><![CDATA[publish]]>",
        "<wp:status><![CDATA[draft]]>",
    );
    swap(
        &mut edited,
        220,
        "<wp:status><![CDATA[publish]]>",
        "<wp:status><![CDATA[private]]>",
    );
    swap(
        &mut edited,
        277,
        "<wp:status><![CDATA[publish]]>",
        "<wp:status><![CDATA[trash]]>",
    );
    swap(
        &mut edited,
        641,
        "<wp:status><![CDATA[publish]]>",
        "<wp:status><![CDATA[pending]]>",
    );
    swap(
        &mut edited,
        307,
        "<wp:status><![CDATA[publish]]>",
        "<wp:status><![CDATA[future]]>",
    );
    let gmt = |text: &String| {
        let at = text.find("<wp:post_id>307</wp:post_id>").unwrap();
        let from = at + text[at..].find("<wp:post_date_gmt><![CDATA[").unwrap() + 27;
        text[from..from + 19].to_owned()
    };
    let old = format!("<wp:post_date_gmt><![CDATA[{}]]>", gmt(&edited));
    swap(
        &mut edited,
        307,
        &old,
        "<wp:post_date_gmt><![CDATA[2099-05-01 09:00:00]]>",
    );
    swap(
        &mut edited,
        16,
        "<wp:is_sticky>0</wp:is_sticky>",
        "<wp:is_sticky>0</wp:is_sticky>\n\t\t<wp:postmeta>\n\t\t<wp:meta_key><![CDATA[_wp_page_template]]></wp:meta_key>\n\t\t<wp:meta_value><![CDATA[template-team.php]]></wp:meta_value>\n\t\t</wp:postmeta>",
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.xml");
    std::fs::write(&path, &edited).unwrap();
    import(
        &app,
        &path,
        &wordpress::Options {
            uploads: None,
            ..options()
        },
    )
    .expect("imported");
    let sticky = app.get("/api/v1/posts?sticky=true").send().await.json();
    assert_eq!(
        sticky["data"][0]["slug"],
        "the-security-implications-of-human-trafficking"
    );
    assert_eq!(sticky["meta"]["total"], 1);
    // Drafts and the rest do not reach anonymous readers.
    assert_eq!(
        app.get("/api/v1/posts?per_page=1").send().await.json()["meta"]["total"],
        88
    );
    let future = one(
        &app,
        &editor,
        "posts",
        "freedom-of-association-a-year-in-review-2022",
    )
    .await;
    assert_eq!(future["status"], "published");
    assert_eq!(future["published_at"], "2099-05-01T09:00:00Z");
    for (slug, status) in [
        (
            "survivors-speak-out-on-debt-bondage-in-brick-kilns",
            "draft",
        ),
        ("scotland-tackling-child-trafficking", "private"),
        ("lessons-from-italy-on-support-for-survivors", "trash"),
        ("lessons-from-lebanon-on-access-to-remedy", "pending"),
    ] {
        let res = app
            .get(&format!("/api/v1/posts?slug={slug}&status={status}"))
            .bearer(&editor)
            .send()
            .await
            .json();
        assert_eq!(res["data"][0]["status"], status, "{slug}");
    }
    let team = one(&app, &editor, "pages", "our-team").await;
    assert_eq!(team["template"], "template-team.php");
    // Without --uploads, attachments are kept at their WordPress address.
    let media = app.get("/api/v1/media?per_page=100").send().await.json();
    assert_eq!(media["meta"]["total"], 14);
    let pdf = media["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["file_name"] == "public-procurement-and-human-rights-in-northern-ireland.pdf")
        .expect("the report's file");
    assert_eq!(pdf["remote"], true);
    assert_eq!(pdf["mime_type"], "application/pdf");
    assert_eq!(
        pdf["url"],
        "http://127.0.0.1:8081/wp-content/uploads/2021/02/public-procurement-and-human-rights-in-northern-ireland.pdf"
    );
    let resource = public(
        &app,
        "resources",
        "public-procurement-and-human-rights-in-northern-ireland",
    )
    .await;
    assert_eq!(resource["document"], pdf["id"]);
}

#[actix_web::test]
async fn a_broken_export_writes_nothing() {
    let app = TestApp::new().await;
    app.sign_in_as(Role::Admin).await;
    let text = std::fs::read_to_string(fixtures().join("small.wxr.xml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("cut.xml");
    std::fs::write(&cut, &text[..text.len() * 2 / 3]).unwrap();
    let err = import(&app, &cut, &options()).expect_err("a truncated file");
    assert!(err.contains("line ") && err.contains("column "), "{err}");
    let html = dir.path().join("page.xml");
    std::fs::write(&html, "<html><body><p>Not an export</p></body></html>").unwrap();
    let err = import(&app, &html, &options()).expect_err("not WXR");
    assert!(err.contains("line 1"), "{err}");
    let dry = import(
        &app,
        &fixtures().join("small.wxr.xml"),
        &wordpress::Options {
            dry_run: true,
            ..options()
        },
    )
    .expect("dry run");
    assert!(dry.dry_run);
    assert_eq!(dry.kinds["posts"].created, 93);
    for collection in [
        "posts",
        "pages",
        "resources",
        "events",
        "blocks",
        "media",
        "tags",
        "field-groups",
    ] {
        let list = app
            .get(&format!("/api/v1/{collection}"))
            .send()
            .await
            .json();
        assert_eq!(list["meta"]["total"], 0, "{collection}: nothing written");
    }
}

/// An import indexes its items for search once, at its end: they are found, and what is
/// written after it, created or changed, is indexed as before.
#[actix_web::test]
async fn imported_items_are_found_and_later_writes_too() {
    let (app, editor) = imported().await;
    let hits = |q: &'static str| {
        let app = &app;
        async move {
            let res = app.get(&format!("/api/v1/posts?search={q}")).send().await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.text());
            res.json()["data"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["slug"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    let found = hits("trafficking").await;
    assert!(
        found.contains(&"the-security-implications-of-human-trafficking".to_owned()),
        "{found:?}"
    );
    let post = app
        .create_post(
            &editor,
            json!({"title": "Quetzalcoatl supply chains", "status": "published"}),
        )
        .await;
    assert_eq!(hits("quetzalcoatl").await, ["quetzalcoatl-supply-chains"]);
    let imported = public(
        &app,
        "posts",
        "the-security-implications-of-human-trafficking",
    )
    .await;
    let res = app
        .patch(&format!("/api/v1/posts/{}", imported["id"]))
        .bearer(&editor)
        .json(&json!({"title": "Xylophone security"}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert_eq!(
        hits("xylophone").await,
        ["the-security-implications-of-human-trafficking"]
    );
    let res = app
        .delete(&format!("/api/v1/posts/{}?force=true", post["id"]))
        .bearer(&editor)
        .send()
        .await;
    assert!(res.status.is_success(), "{}", res.text());
    assert!(hits("quetzalcoatl").await.is_empty());
    // SQLite's own check that the full-text index holds exactly what the entries do.
    app.db(|c| {
        use diesel::connection::SimpleConnection;
        if c.backend() == headpress::db::Backend::Sqlite {
            c.batch_execute(
                "INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)",
            )
            .expect("the full-text index agrees with the entries");
        }
    });
}
