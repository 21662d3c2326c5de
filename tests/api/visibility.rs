//! Drafts, pending, private, scheduled and trashed items never reach anonymous readers,
//! through any route.

use actix_web::http::StatusCode;
use headpress::users::Role;
use serde_json::{Value, json};

use crate::support::TestApp;

struct Fixture {
    app: TestApp,
    editor: String,
    public_id: i64,
    hidden: Vec<(String, i64)>,
    tag: i64,
    category: i64,
}

/// One published post and one of each hidden kind, all with the same tag, category and
/// search word.
async fn fixture() -> Fixture {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let tag = app
        .create_term(&editor, "tags", json!({"name": "Forced labour"}))
        .await["id"]
        .as_i64()
        .unwrap();
    let category = app
        .create_term(&editor, "categories", json!({"name": "Reports"}))
        .await["id"]
        .as_i64()
        .unwrap();
    let body = |title: &str, extra: Value| {
        let mut b = json!({"title": title, "content": {"html": "<p>zebrafish findings</p>"}, "tags": [tag], "categories": [category]});
        b.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        b
    };
    let public_id = app
        .create_post(&editor, body("Public", json!({"status": "published"})))
        .await["id"]
        .as_i64()
        .unwrap();
    let mut hidden = Vec::new();
    for (name, extra) in [
        ("draft", json!({"status": "draft"})),
        ("pending", json!({"status": "pending"})),
        ("private", json!({"status": "private"})),
        (
            "scheduled",
            json!({"status": "published", "published_at": "2999-01-01T00:00:00Z"}),
        ),
        ("trashed", json!({"status": "published"})),
    ] {
        let id = app
            .create_post(&editor, body(&format!("Hidden {name}"), extra))
            .await["id"]
            .as_i64()
            .unwrap();
        hidden.push((name.to_owned(), id));
    }
    let trashed = hidden.last().unwrap().1;
    let res = app
        .delete(&format!("/api/v1/posts/{trashed}"))
        .bearer(&editor)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.json()["status"], "trash");
    Fixture {
        app,
        editor,
        public_id,
        hidden,
        tag,
        category,
    }
}

#[actix_web::test]
async fn anonymous_lists_show_only_published_posts() {
    let f = fixture().await;
    for query in [
        "",
        "?search=zebrafish",
        "?tag=forced-labour",
        "?category=reports",
        "?orderby=title",
        "?status=published",
        "?count=none",
    ] {
        let res = f.app.get(&format!("/api/v1/posts{query}")).send().await;
        assert_eq!(res.ids(), vec![f.public_id], "{query}");
    }
    let res = f.app.get("/api/v1/posts").send().await;
    assert_eq!(res.json()["meta"]["total"], 1);
}

#[actix_web::test]
async fn anonymous_readers_cannot_reach_hidden_posts_by_id_or_slug() {
    let f = fixture().await;
    for (name, id) in &f.hidden {
        f.app
            .get(&format!("/api/v1/posts/{id}"))
            .send()
            .await
            .problem(404, "not_found");
        let slug = format!("hidden-{name}");
        let res = f
            .app
            .get(&format!("/api/v1/posts?slug={slug}"))
            .send()
            .await;
        assert!(res.ids().is_empty(), "{name} by slug");
        f.app
            .get(&format!("/api/v1/posts/{id}/revisions"))
            .send()
            .await
            .problem(401, "unauthorized");
    }
}

#[actix_web::test]
async fn anonymous_readers_cannot_ask_for_other_statuses() {
    let f = fixture().await;
    for status in [
        "draft",
        "pending",
        "private",
        "trash",
        "any",
        "published,draft",
    ] {
        f.app
            .get(&format!("/api/v1/posts?status={status}"))
            .send()
            .await
            .problem(401, "unauthorized");
    }
}

#[actix_web::test]
async fn term_counts_and_includes_count_only_visible_posts() {
    let f = fixture().await;
    let tag = f
        .app
        .get(&format!("/api/v1/tags/{}", f.tag))
        .send()
        .await
        .json();
    assert_eq!(tag["count"], 1, "{tag}");
    assert_eq!(tag["count_by_kind"], json!({"posts": 1}));
    let cats = f.app.get("/api/v1/categories").send().await.json();
    assert_eq!(cats["data"][0]["count"], 1, "{cats}");
    let post = f
        .app
        .get(&format!(
            "/api/v1/posts/{}?include=tags,categories,author",
            f.public_id
        ))
        .send()
        .await
        .json();
    assert_eq!(post["embedded"]["tags"][0]["count"], 1, "{post}");
    assert_eq!(post["embedded"]["categories"][0]["count"], 1, "{post}");
}

#[actix_web::test]
async fn editors_see_everything_they_ask_for() {
    let f = fixture().await;
    let res = f
        .app
        .get("/api/v1/posts?status=any&per_page=100")
        .bearer(&f.editor)
        .send()
        .await;
    assert_eq!(res.ids().len(), 5, "all but trash: {}", res.text());
    let res = f
        .app
        .get("/api/v1/posts?status=trash")
        .bearer(&f.editor)
        .send()
        .await;
    assert_eq!(res.ids(), vec![f.hidden[4].1]);
    // By default, even signed-in readers get the public list.
    let res = f.app.get("/api/v1/posts").bearer(&f.editor).send().await;
    assert_eq!(res.ids(), vec![f.public_id]);
    for (_, id) in &f.hidden {
        let res = f
            .app
            .get(&format!("/api/v1/posts/{id}"))
            .bearer(&f.editor)
            .send()
            .await;
        assert_eq!(res.status, StatusCode::OK);
    }
    // The scheduled post is listed as published to editors, with its future date.
    let res = f
        .app
        .get("/api/v1/posts?status=published")
        .bearer(&f.editor)
        .send()
        .await;
    assert_eq!(res.ids().len(), 2);
}

#[actix_web::test]
async fn authors_see_only_their_own_hidden_posts() {
    let f = fixture().await;
    let (_, author) = f.app.sign_in_as(Role::Author).await;
    let own = f
        .app
        .create_post(&author, json!({"title": "My draft"}))
        .await["id"]
        .as_i64()
        .unwrap();
    let res = f
        .app
        .get("/api/v1/posts?status=draft")
        .bearer(&author)
        .send()
        .await;
    assert_eq!(res.ids(), vec![own]);
    let res = f
        .app
        .get("/api/v1/posts?status=any&per_page=100")
        .bearer(&author)
        .send()
        .await;
    let mut ids = res.ids();
    ids.sort();
    let mut expected = vec![f.public_id, own];
    expected.sort();
    assert_eq!(ids, expected);
    for (_, id) in &f.hidden {
        f.app
            .get(&format!("/api/v1/posts/{id}"))
            .bearer(&author)
            .send()
            .await
            .problem(404, "not_found");
    }
    // Revisions: the author's own, yes; someone else's published post, no.
    let res = f
        .app
        .get(&format!("/api/v1/posts/{own}/revisions"))
        .bearer(&author)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    f.app
        .get(&format!("/api/v1/posts/{}/revisions", f.public_id))
        .bearer(&author)
        .send()
        .await
        .problem(403, "forbidden");
}

#[actix_web::test]
async fn a_scheduled_post_appears_when_its_time_comes() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let soon = (chrono::Utc::now() + chrono::Duration::seconds(120))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let post = app
        .create_post(
            &editor,
            json!({"title": "Soon", "status": "published", "published_at": soon}),
        )
        .await;
    assert!(app.get("/api/v1/posts").send().await.ids().is_empty());
    // Move its date into the past rather than sleeping.
    let past = "2020-01-01T00:00:00Z";
    app.patch(&format!("/api/v1/posts/{}", post["id"]))
        .bearer(&editor)
        .json(&json!({"published_at": past}))
        .send()
        .await;
    assert_eq!(
        app.get("/api/v1/posts").send().await.ids(),
        vec![post["id"].as_i64().unwrap()]
    );
}

#[actix_web::test]
async fn categories_are_readable_by_id() {
    let f = fixture().await;
    let res = f
        .app
        .get(&format!("/api/v1/categories/{}", f.category))
        .send()
        .await;
    assert_eq!(res.json()["name"], "Reports");
}
