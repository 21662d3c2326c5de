//! The WordPress-compatible API (`/wp-json/wp/v2`) over the imported fixture site,
//! compared with what the real WordPress answered for the same items
//! (`tests/fixtures/wordpress/rest/*.http`).

use std::path::Path;

use actix_web::http::StatusCode;
use headpress::users::Role;
use serde_json::{Value, json};

use crate::support::TestApp;

/// The JSON body of a recorded WordPress answer.
fn recorded(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/wordpress/rest")
        .join(name);
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str(&text[text.find("\n{").unwrap()..]).unwrap()
}

/// The fixture site imported, read with the site's time zone (Europe/London).
async fn site() -> TestApp {
    let app = TestApp::with_config(|c| c.site_timezone = chrono_tz::Europe::London).await;
    crate::wordpress::import_fixture(&app);
    app
}

async fn get(app: &TestApp, path: &str) -> crate::support::Res {
    app.get(path).send().await
}

/// The ids of a WordPress list answer (a bare array).
fn ids(res: &crate::support::Res) -> Vec<i64> {
    res.json()
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {}", res.text()))
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect()
}

/// The members that must equal WordPress's answer, and the documented differences.
const SAME: &[&str] = &[
    "id",
    "date",
    "date_gmt",
    "modified",
    "modified_gmt",
    "slug",
    "status",
    "type",
    "author",
    "featured_media",
    "template",
    "categories",
    "tags",
    "resource_type",
    "parent",
    "menu_order",
    "sticky",
    "format",
];

/// A value with empty strings as null.
fn without_empty_text(v: &Value) -> Value {
    match v {
        Value::String(s) if s.is_empty() => Value::Null,
        Value::Array(items) => Value::Array(items.iter().map(without_empty_text).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), without_empty_text(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn compare(ours: &Value, theirs: &Value) {
    for member in SAME {
        assert_eq!(
            ours.get(*member),
            theirs.get(*member),
            "`{member}` of {}: ours {ours}",
            theirs["id"]
        );
    }
    assert_eq!(ours["title"]["rendered"], theirs["title"]["rendered"]);
    assert_eq!(ours["content"]["protected"], false);
    assert_eq!(ours["excerpt"]["protected"], false);
    // The same body, up to how characters are written (`&nbsp;` for U+00A0).
    let body = ours["content"]["rendered"]
        .as_str()
        .unwrap()
        .replace("&nbsp;", "\u{a0}");
    let start: String = theirs["content"]["rendered"]
        .as_str()
        .unwrap()
        .trim_start()
        .chars()
        .take(60)
        .collect();
    assert!(body.contains(&start), "the same body: {body}");
    // Custom fields: the same values, ids of media and items as WordPress ids (an empty
    // text is null here, "" in ACF's answer).
    for (name, value) in theirs["acf"].as_object().unwrap() {
        assert_eq!(
            without_empty_text(&ours["acf"][name]),
            without_empty_text(value),
            "acf.{name} of {}",
            theirs["id"]
        );
    }
    assert_eq!(
        ours["_links"]["self"][0]["href"]
            .as_str()
            .unwrap()
            .rsplit_once("/wp-json/")
            .unwrap()
            .1,
        theirs["_links"]["self"][0]["href"]
            .as_str()
            .unwrap()
            .rsplit_once("/wp-json/")
            .unwrap()
            .1
    );
}

/// A post, a page and a resource read back as WordPress answered them, by their
/// WordPress ids, with local dates in the site's zone.
#[actix_web::test]
async fn imported_items_answer_as_wordpress_did() {
    let app = site().await;
    for (route, fixture) in [
        ("posts/9", "post-9.http"),
        ("pages/14", "page-14.http"),
        ("resources/10", "resource-10.http"),
    ] {
        let res = get(&app, &format!("/wp-json/wp/v2/{route}")).await;
        assert_eq!(res.status, StatusCode::OK, "{route}: {}", res.text());
        compare(&res.json(), &recorded(fixture));
    }
}

/// Events read back as WordPress answered them: the shared members, their tags and the
/// calendar's meta (`start`, `end`, `all_day`, `venue`, `timezone`). WordPress's rendered
/// title has curly quotes, its content ai1ec's own time and place block first.
#[actix_web::test]
async fn imported_events_answer_as_wordpress_did() {
    let app = site().await;
    for (id, fixture) in [(1233, "event-1233.http"), (1374, "event-1374.http")] {
        let res = get(&app, &format!("/wp-json/wp/v2/events/{id}")).await;
        assert_eq!(res.status, StatusCode::OK, "{id}: {}", res.text());
        let (ours, theirs) = (res.json(), recorded(fixture));
        let shared = SAME.iter().filter(|m| **m != "tags");
        for member in shared.chain(&["comment_status", "ping_status"]) {
            assert_eq!(
                ours.get(*member),
                theirs.get(*member),
                "`{member}` of event {id}: ours {ours}"
            );
        }
        // The calendar's meta. Event 1374's times came with the calendar export (`--ics`),
        // in its zone: the same instants as WordPress's meta, told in London time.
        if id == 1233 {
            assert_eq!(ours["meta"], theirs["meta"]);
        } else {
            assert_eq!(ours["meta"]["start"], "2026-10-01T15:00:00");
            assert_eq!(theirs["meta"]["start"], "2026-10-01T10:00:00");
            assert_eq!(theirs["meta"]["timezone"], "America/New_York");
            assert_eq!(ours["meta"]["timezone"], "Europe/London");
        }
        // Their `post_tag` tags, then their `events_tags` (one taxonomy here).
        let tags = ours["tags"].as_array().unwrap();
        let wp_tags = theirs["tags"].as_array().unwrap();
        assert_eq!(&tags[..wp_tags.len()], &wp_tags[..], "event {id}: {tags:?}");
        let plain = |v: &Value| {
            v.as_str()
                .unwrap()
                .replace("&#8217;", "'")
                .replace("&#39;", "'")
        };
        assert_eq!(
            plain(&ours["title"]["rendered"]),
            plain(&theirs["title"]["rendered"])
        );
    }
    let list = get(&app, "/wp-json/wp/v2/events?per_page=3").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text());
    assert_eq!(list.header("x-wp-total").as_deref(), Some("70"));
    let types = get(&app, "/wp-json/wp/v2/types").await.json();
    assert_eq!(types["ai1ec_event"]["rest_base"], "events");
}

/// Lists take WordPress's parameters and answer with its headers.
#[actix_web::test]
async fn lists_page_filter_and_count_as_wordpress_does() {
    let app = site().await;
    let native = get(&app, "/api/v1/posts?per_page=1").await;
    let total: i64 = native.header("x-total-count").unwrap().parse().unwrap();

    let res = get(&app, "/wp-json/wp/v2/posts?per_page=5").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert_eq!(res.header("x-wp-total"), Some(total.to_string()));
    assert_eq!(
        res.header("x-wp-totalpages"),
        Some(((total + 4) / 5).to_string())
    );
    let link = res.header("link").unwrap();
    assert!(
        link.contains("/wp-json/wp/v2/posts?per_page=5&page=2>; rel=\"next\""),
        "{link}"
    );
    let first: Vec<Value> = res.json().as_array().unwrap().clone();
    assert_eq!(first.len(), 5);
    let dates: Vec<&str> = first
        .iter()
        .map(|p| p["date_gmt"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");

    let page2 = get(&app, "/wp-json/wp/v2/posts?per_page=5&page=2")
        .await
        .json();
    let offset5 = get(&app, "/wp-json/wp/v2/posts?per_page=5&offset=5")
        .await
        .json();
    assert_eq!(page2, offset5);
    assert_ne!(page2[0]["id"], first[0]["id"]);

    // Terms by WordPress id; every post of the answer has it.
    let res = get(&app, "/wp-json/wp/v2/posts?categories=2&per_page=100").await;
    let in_category = res.json();
    assert!(!in_category.as_array().unwrap().is_empty());
    for p in in_category.as_array().unwrap() {
        assert!(
            p["categories"].as_array().unwrap().contains(&json!(2)),
            "{p}"
        );
    }
    let category = get(&app, "/wp-json/wp/v2/categories/2").await.json();
    assert_eq!(
        res.header("x-wp-total"),
        Some(category["count"].to_string()),
        "the category's count is the number of its posts"
    );

    let res = get(&app, "/wp-json/wp/v2/posts?include=9&_fields=id,title").await;
    assert_eq!(
        res.json(),
        json!([{"id": 9, "title": {"rendered": "The Security Implications of Human Trafficking"}}])
    );
    // Nested paths keep only what they name; a member named whole wins.
    let res = get(
        &app,
        "/wp-json/wp/v2/posts/9?_fields=id,content.protected,_links.self,meta,nothing.here",
    )
    .await;
    let body = res.json();
    assert_eq!(body["content"], json!({"protected": false}));
    assert_eq!(body["_links"].as_object().unwrap().len(), 1);
    assert!(body["_links"]["self"][0]["href"].is_string());
    let mut names: Vec<&String> = body.as_object().unwrap().keys().collect();
    names.sort();
    assert_eq!(names, ["_links", "content", "id", "meta"]);
    let res = get(
        &app,
        "/wp-json/wp/v2/posts/9?_fields=content.protected,content",
    )
    .await;
    let content = &res.json()["content"];
    assert!(content["rendered"].as_str().unwrap().contains("<p>"));
    assert_eq!(content["protected"], false);
    let res = get(
        &app,
        "/wp-json/wp/v2/posts?slug=the-security-implications-of-human-trafficking",
    )
    .await;
    assert_eq!(ids(&res), [9]);
    let res = get(&app, "/wp-json/wp/v2/posts?per_page=100&exclude=9").await;
    assert!(!ids(&res).contains(&9));
    let res = get(&app, "/wp-json/wp/v2/posts?search=trafficking&per_page=100").await;
    assert!(ids(&res).contains(&9));
    let res = get(
        &app,
        "/wp-json/wp/v2/posts?orderby=title&order=asc&per_page=20",
    )
    .await;
    let titles: Vec<String> = res
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"]["rendered"].as_str().unwrap().to_lowercase())
        .collect();
    let mut sorted = titles.clone();
    sorted.sort();
    assert_eq!(titles, sorted);

    // Dates in the site's zone; an empty window is an empty answer, as in WordPress.
    let res = get(
        &app,
        "/wp-json/wp/v2/posts?after=2019-10-17T08:59:59&before=2019-10-17T09:00:01&per_page=100",
    )
    .await;
    assert_eq!(ids(&res), [9], "9 was published at 09:00 London time");
    let res = get(
        &app,
        "/wp-json/wp/v2/posts?after=2020-01-01T00:00:00Z&before=2019-01-01T00:00:00Z",
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.json(), json!([]));
    assert_eq!(res.header("x-wp-total").as_deref(), Some("0"));

    // Pages by parent; top-level with parent=0.
    let top = get(&app, "/wp-json/wp/v2/pages?parent=0&per_page=100")
        .await
        .json();
    assert!(top.as_array().unwrap().iter().all(|p| p["parent"] == 0));
    let children = get(&app, "/wp-json/wp/v2/pages?parent=14&per_page=100")
        .await
        .json();
    assert!(!children.as_array().unwrap().is_empty());
    assert!(
        children
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["parent"] == 14)
    );
    // Several parents, and all but some.
    let all = get(&app, "/wp-json/wp/v2/pages?per_page=100").await.json();
    let all = all.as_array().unwrap();
    let parent_of = |ids: &[i64]| -> Vec<i64> {
        let mut out: Vec<i64> = all
            .iter()
            .filter(|p| ids.contains(&p["parent"].as_i64().unwrap()))
            .map(|p| p["id"].as_i64().unwrap())
            .collect();
        out.sort();
        out
    };
    let sorted = |res: crate::support::Res| {
        let mut v = ids(&res);
        v.sort();
        v
    };
    let both = get(&app, "/wp-json/wp/v2/pages?parent=0,14&per_page=100").await;
    assert_eq!(sorted(both), parent_of(&[0, 14]));
    let others: Vec<i64> = all
        .iter()
        .map(|p| p["parent"].as_i64().unwrap())
        .filter(|p| *p != 0 && *p != 14)
        .collect();
    let res = get(
        &app,
        "/wp-json/wp/v2/pages?parent_exclude=0,14&per_page=100",
    )
    .await;
    assert_eq!(sorted(res), parent_of(&others));
    let res = get(&app, "/wp-json/wp/v2/pages?parent_exclude=14&per_page=100").await;
    let mut rest = others.clone();
    rest.push(0);
    assert_eq!(sorted(res), parent_of(&rest));

    // By slug, and in the order of `include`.
    let posts = get(&app, "/wp-json/wp/v2/posts?per_page=5").await;
    let five = ids(&posts);
    let res = get(
        &app,
        "/wp-json/wp/v2/posts?orderby=slug&order=asc&per_page=100",
    )
    .await;
    let slugs: Vec<String> = res
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["slug"].as_str().unwrap().to_owned())
        .collect();
    let mut by_slug = slugs.clone();
    by_slug.sort();
    assert_eq!(slugs, by_slug);
    let wanted = [five[2], five[0], five[4], five[1]];
    let res = get(
        &app,
        &format!(
            "/wp-json/wp/v2/posts?orderby=include&include={},{},{},{}",
            wanted[0], wanted[1], wanted[2], wanted[3]
        ),
    )
    .await;
    assert_eq!(ids(&res), wanted);
    let res = get(
        &app,
        &format!(
            "/wp-json/wp/v2/posts?orderby=include&order=desc&include={},{},{},{}&per_page=2&page=2",
            wanted[0], wanted[1], wanted[2], wanted[3]
        ),
    )
    .await;
    assert_eq!(ids(&res), [wanted[1], wanted[0]]);

    // _embed brings the author and the terms.
    let res = get(&app, "/wp-json/wp/v2/posts/9?_embed").await.json();
    assert_eq!(res["_embedded"]["author"][0]["id"], res["author"]);
    let tags: Vec<i64> = res["_embedded"]["wp:term"][1]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect();
    let mut expected: Vec<i64> = res["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_i64().unwrap())
        .collect();
    let mut got = tags.clone();
    got.sort_unstable();
    expected.sort_unstable();
    assert_eq!(got, expected);
    let of_post = get(&app, "/wp-json/wp/v2/tags?post=9&per_page=100").await;
    let mut of_post = ids(&of_post);
    of_post.sort_unstable();
    assert_eq!(of_post, expected);
}

/// Drafts stay hidden here as everywhere; things born in headpress get ids above any
/// WordPress id; errors have WordPress's shape.
#[actix_web::test]
async fn drafts_stay_hidden_and_errors_look_like_wordpress() {
    let app = site().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let res = app
        .post("/api/v1/posts")
        .bearer(&editor)
        .json(&json!({"title": "Secret plan"}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
    let local = res.json()["id"].as_i64().unwrap();
    let wp_id = 1_000_000_000 + local;
    let res = get(&app, &format!("/wp-json/wp/v2/posts/{wp_id}")).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(
        res.json(),
        json!({"code": "rest_post_invalid_id", "message": "Invalid post ID.", "data": {"status": 404}})
    );
    assert!(
        res.header("content-type")
            .unwrap()
            .starts_with("application/json")
    );
    // Answers are cached and validated like ours: an ETag, 304 for a matching
    // If-None-Match, and a new answer once something public changes.
    let first = get(&app, "/wp-json/wp/v2/posts?per_page=3").await;
    let etag = first.header("etag").expect("an ETag");
    let res = app
        .get("/wp-json/wp/v2/posts?per_page=3")
        .header("if-none-match", &etag)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NOT_MODIFIED);
    let res = app
        .post("/api/v1/posts")
        .bearer(&editor)
        .json(&json!({"title": "Fresh news", "status": "published"}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
    let fresh = 1_000_000_000 + res.json()["id"].as_i64().unwrap();
    let again = get(&app, "/wp-json/wp/v2/posts?per_page=3").await;
    assert_ne!(again.header("etag"), Some(etag));
    assert_eq!(ids(&again)[0], fresh, "the newest post first");
    let res = get(&app, "/wp-json/wp/v2/posts?search=secret").await;
    assert!(!ids(&res).contains(&wp_id));
    let res = app
        .get("/wp-json/wp/v2/posts?status=draft&per_page=100")
        .bearer(&editor)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert!(ids(&res).contains(&wp_id));
    let res = get(&app, "/wp-json/wp/v2/posts?status=draft").await;
    assert_eq!(res.json()["code"], "rest_invalid_param");

    let res = get(&app, "/wp-json/wp/v2/posts?per_page=500").await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    let body = res.json();
    assert_eq!(body["code"], "rest_invalid_param");
    assert_eq!(body["message"], "Invalid parameter(s): per_page");
    assert_eq!(body["data"]["status"], 400);
    assert!(body["data"]["params"]["per_page"].is_string(), "{body}");
    let res = get(&app, "/wp-json/wp/v2/posts?page=9999").await;
    assert_eq!(
        res.json(),
        json!({"code": "rest_post_invalid_page_number",
               "message": "The page number requested is larger than the number of pages available.",
               "data": {"status": 400, "params": {"page": "The page number requested is larger than the number of pages available."}}})
    );
    // A method the route does not take: 405 with `Allow`.
    let res = app.delete("/wp-json/wp/v2/posts/9").send().await;
    assert_eq!(res.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.header("allow").as_deref(), Some("GET, HEAD, OPTIONS"));
    assert_eq!(res.json()["data"]["status"], 405);
    let res = get(&app, "/wp-json/wp/v2/nothing-here").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.json()["code"], "rest_no_route");
    let res = get(&app, "/wp-json/wp/v2/categories/999999").await;
    assert_eq!(res.json()["code"], "rest_term_invalid");
    // Our own API keeps its problems.
    let res = get(&app, "/api/v1/posts?per_page=500").await;
    res.problem(400, "invalid_query");
}

/// Terms, authors, media and discovery.
#[actix_web::test]
async fn terms_users_media_and_discovery() {
    let app = site().await;
    let res = get(&app, "/wp-json/wp/v2/categories?per_page=100").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let categories = res.json();
    let two = categories
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == 2)
        .expect("category 2 keeps its id");
    assert_eq!(two["taxonomy"], "category");
    assert!(two["count"].as_i64().unwrap() > 0);
    let names: Vec<String> = categories
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_lowercase())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "by name");

    let post = get(&app, "/wp-json/wp/v2/posts/9").await.json();
    let res = get(&app, &format!("/wp-json/wp/v2/users/{}", post["author"])).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let author = res.json();
    assert_eq!(author["id"], post["author"]);
    assert!(author.get("email").is_none(), "only the public face");
    let users = get(&app, "/wp-json/wp/v2/users?per_page=100").await;
    assert!(ids(&users).contains(&post["author"].as_i64().unwrap()));
    // Someone who wrote nothing public is known to administrators only.
    let (quiet, quiet_token) = app.sign_in_as(Role::Author).await;
    let quiet = 1_000_000_000 + quiet;
    assert!(!ids(&users).contains(&quiet));
    let as_author = app
        .get("/wp-json/wp/v2/users?per_page=100")
        .bearer(&quiet_token)
        .send()
        .await;
    assert!(!ids(&as_author).contains(&quiet));
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let as_admin = app
        .get("/wp-json/wp/v2/users?per_page=100")
        .bearer(&admin)
        .send()
        .await;
    assert!(ids(&as_admin).contains(&quiet));
    let res = get(&app, &format!("/wp-json/wp/v2/users/{quiet}")).await;
    assert_eq!(res.json()["code"], "rest_user_invalid_id");

    let media = get(&app, "/wp-json/wp/v2/media?per_page=100").await;
    assert_eq!(media.status, StatusCode::OK);
    let first = media.json()[0].clone();
    assert_eq!(first["type"], "attachment");
    let newest_first = ids(&media);
    let oldest_first = ids(&get(&app, "/wp-json/wp/v2/media?per_page=100&order=asc").await);
    assert_eq!(
        newest_first.iter().rev().copied().collect::<Vec<_>>(),
        oldest_first
    );
    let res = get(&app, "/wp-json/wp/v2/media?orderby=title").await;
    assert_eq!(res.json()["code"], "rest_invalid_param");
    let one = get(&app, &format!("/wp-json/wp/v2/media/{}", first["id"])).await;
    assert_eq!(one.json()["source_url"], first["source_url"]);

    let index = get(&app, "/wp-json/").await.json();
    assert_eq!(get(&app, "/wp-json").await.json(), index);
    assert_eq!(index["namespaces"], json!(["wp/v2"]));
    assert!(index["routes"].get("/wp/v2/posts").is_some());
    let types = get(&app, "/wp-json/wp/v2/types").await.json();
    assert_eq!(types["post"]["rest_base"], "posts");
    let taxonomies = get(&app, "/wp-json/wp/v2/taxonomies").await.json();
    assert_eq!(taxonomies["category"]["rest_base"], "categories");
}

/// Items kept in WordPress's shape between requests follow every write (here with the
/// response cache off, so the kept items answer).
#[actix_web::test]
async fn kept_items_follow_writes() {
    let app = TestApp::with_config(|c| c.cache_size = 0).await;
    crate::wordpress::import_fixture(&app);
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let path = "/wp-json/wp/v2/posts?include=9";
    let before = get(&app, path).await.json();
    assert_eq!(get(&app, path).await.json(), before, "the same, kept");
    let local = app
        .get("/api/v1/posts?slug=the-security-implications-of-human-trafficking")
        .send()
        .await
        .json()["data"][0]["id"]
        .clone();
    let res = app
        .patch(&format!("/api/v1/posts/{local}"))
        .bearer(&editor)
        .json(&json!({"title": "Security and trafficking"}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let after = get(&app, path).await.json();
    assert_eq!(after[0]["title"]["rendered"], "Security and trafficking");
    let res = app
        .patch(&format!("/api/v1/posts/{local}"))
        .bearer(&editor)
        .json(&json!({"status": "draft"}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(get(&app, path).await.json(), json!([]));
}

/// The `X-WP-Total` of an answer.
fn total(res: &crate::support::Res) -> i64 {
    res.header("x-wp-total")
        .expect("X-WP-Total")
        .parse()
        .unwrap()
}

/// Event categories and event tags have their own routes; the tags of events are tags
/// here, so `events_tags` lists the tags events carry, counting events only.
#[actix_web::test]
async fn event_taxonomies_answer_as_wordpress_does() {
    let app = site().await;
    let res = get(&app, "/wp-json/wp/v2/events_categories?per_page=100").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let categories = res.json();
    let training = categories
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["slug"] == "training")
        .expect("the training category")
        .clone();
    assert_eq!(training["taxonomy"], "events_categories");
    let events = get(
        &app,
        &format!("/wp-json/wp/v2/events?events_categories={}", training["id"]),
    )
    .await;
    assert!(total(&events) > 0);
    assert_eq!(training["count"].as_i64().unwrap(), total(&events));
    let one = get(
        &app,
        &format!("/wp-json/wp/v2/events_categories/{}", training["id"]),
    )
    .await;
    assert_eq!(one.json()["name"], training["name"]);

    let res = get(&app, "/wp-json/wp/v2/events_tags?per_page=100").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let event_tags = res.json();
    let free = event_tags
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["slug"] == "free")
        .expect("the free tag")
        .clone();
    assert_eq!(free["taxonomy"], "events_tags");
    let by_tags = get(&app, &format!("/wp-json/wp/v2/events?tags={}", free["id"])).await;
    let by_event_tags = get(
        &app,
        &format!("/wp-json/wp/v2/events?events_tags={}", free["id"]),
    )
    .await;
    assert_eq!(ids(&by_tags), ids(&by_event_tags));
    assert_eq!(free["count"].as_i64().unwrap(), total(&by_tags));
    // A tag no event carries is no event tag.
    let tags = get(&app, "/wp-json/wp/v2/tags?per_page=100").await.json();
    let event_tag_ids: Vec<i64> = ids(&res);
    let posts_only = tags
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .find(|id| !event_tag_ids.contains(id))
        .expect("a tag of posts only");
    let res = get(&app, &format!("/wp-json/wp/v2/events_tags/{posts_only}")).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.json()["code"], "rest_term_invalid");
    let taxonomies = get(&app, "/wp-json/wp/v2/taxonomies").await.json();
    assert_eq!(taxonomies["events_tags"]["types"], json!(["ai1ec_event"]));

    // Terms by the order of `include` and by count; a filtered list counts what it lists.
    let all: Vec<i64> = tags
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect();
    let wanted = [all[3], all[0], all[2]];
    let res = get(
        &app,
        &format!(
            "/wp-json/wp/v2/tags?include={},{},{}&orderby=include",
            wanted[0], wanted[1], wanted[2]
        ),
    )
    .await;
    assert_eq!(ids(&res), wanted);
    assert_eq!(total(&res), 3);
    let res = get(
        &app,
        "/wp-json/wp/v2/tags?orderby=count&order=desc&per_page=100",
    )
    .await;
    let counts: Vec<i64> = res
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["count"].as_i64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert!(counts[0] > counts[counts.len() - 1]);
    let res = get(&app, "/wp-json/wp/v2/tags?orderby=popularity").await;
    assert_eq!(res.json()["code"], "rest_invalid_param");
}

/// `/wp/v2/search` finds what each type's own `search` finds, all types in one list, and
/// no draft.
#[actix_web::test]
async fn search_finds_every_type_as_wordpress_does() {
    let app = site().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let res = app
        .post("/api/v1/pages")
        .bearer(&editor)
        .json(&json!({"title": "Slavery draft notes"}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
    let draft = 1_000_000_000 + res.json()["id"].as_i64().unwrap();

    let res = get(&app, "/wp-json/wp/v2/search?search=slavery&per_page=100").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let found = res.json();
    let mut expected = Vec::new();
    let mut sum = 0;
    for (base, subtype) in [
        ("posts", "post"),
        ("pages", "page"),
        ("resources", "resource"),
        ("events", "ai1ec_event"),
    ] {
        let own = get(
            &app,
            &format!("/wp-json/wp/v2/{base}?search=slavery&per_page=100"),
        )
        .await;
        sum += total(&own);
        for item in own.json().as_array().unwrap() {
            expected.push((subtype.to_owned(), item["id"].as_i64().unwrap()));
            let result = found
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["id"] == item["id"])
                .unwrap_or_else(|| panic!("{subtype} {} found", item["id"]));
            assert_eq!(result["url"], item["link"]);
            assert_eq!(result["title"], item["title"]["rendered"]);
            assert_eq!(result["type"], "post");
            assert_eq!(result["subtype"], subtype);
        }
    }
    let mut got: Vec<(String, i64)> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["subtype"].as_str().unwrap().to_owned(),
                r["id"].as_i64().unwrap(),
            )
        })
        .collect();
    got.sort();
    expected.sort();
    assert_eq!(got, expected);
    assert!(expected.iter().any(|(s, _)| s == "post"));
    assert!(expected.iter().any(|(s, _)| s == "resource"));
    assert_eq!(total(&res), sum);
    assert!(!ids(&res).contains(&draft), "no draft");
    let first = &found[0];
    assert_eq!(
        first["_links"]["self"][0]["href"]
            .as_str()
            .unwrap()
            .rsplit('/')
            .next(),
        Some(first["id"].to_string().as_str())
    );

    // One type; each item embedded as its own route answers it; paging.
    let res = get(
        &app,
        "/wp-json/wp/v2/search?search=slavery&subtype=resource&_embed=1",
    )
    .await;
    let body = res.json();
    assert!(!body.as_array().unwrap().is_empty());
    for r in body.as_array().unwrap() {
        assert_eq!(r["subtype"], "resource");
        let own = get(&app, &format!("/wp-json/wp/v2/resources/{}", r["id"])).await;
        assert_eq!(r["_embedded"]["self"][0], own.json());
    }
    let second = get(
        &app,
        "/wp-json/wp/v2/search?search=slavery&per_page=2&page=2",
    )
    .await;
    let all: Vec<i64> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids(&second), all[2..4]);

    // Terms by name.
    let res = get(&app, "/wp-json/wp/v2/search?type=term&search=train").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let terms = res.json();
    let training = terms
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["type"] == "events_categories")
        .expect("the training category of events");
    assert!(
        training.get("subtype").is_none(),
        "as WordPress: the taxonomy is the type"
    );
    assert_eq!(training["title"], "Training");

    // Without words: everything public, newest first.
    let res = get(&app, "/wp-json/wp/v2/search?per_page=5").await;
    assert_eq!(res.status, StatusCode::OK);
    let posts = get(&app, "/wp-json/wp/v2/posts?per_page=1").await;
    let pages = get(&app, "/wp-json/wp/v2/pages?per_page=1").await;
    let resources = get(&app, "/wp-json/wp/v2/resources?per_page=1").await;
    let events = get(&app, "/wp-json/wp/v2/events?per_page=1").await;
    assert_eq!(
        total(&res),
        total(&posts) + total(&pages) + total(&resources) + total(&events)
    );

    for bad in ["type=bogus", "subtype=nothing", "per_page=101"] {
        let res = get(&app, &format!("/wp-json/wp/v2/search?{bad}")).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(res.json()["code"], "rest_invalid_param", "{bad}");
    }
    let formats = get(&app, "/wp-json/wp/v2/search?type=post-format").await;
    assert_eq!(formats.json(), json!([]));
}
