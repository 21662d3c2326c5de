//! `headpress generate`: a synthetic site, seen through the API as a reader would see it.

use headpress::generate::progress::Progress;
use headpress::generate::{self, GenerateError, Options, Plan, Summary};
use headpress::users::Role;
use serde_json::Value;

use crate::support::TestApp;

const POSTS: usize = 60;

fn options(seed: u64) -> Options {
    Options {
        posts: POSTS,
        seed,
        append: false,
    }
}

fn run(app: &TestApp, options: &Options) -> Result<Summary, GenerateError> {
    let mut progress = Progress::silent(Plan::for_posts(options.posts).items());
    app.db(|c| generate::generate(c, options, &mut progress))
}

/// A fresh app with a generated site, and an administrator's token.
async fn site(seed: u64) -> (TestApp, Summary, String) {
    let app = TestApp::new().await;
    let summary = run(&app, &options(seed)).expect("generated");
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    (app, summary, admin)
}

async fn json(app: &TestApp, path: &str, token: Option<&str>) -> Value {
    let mut req = app.get(path);
    if let Some(t) = token {
        req = req.bearer(t);
    }
    let res = req.send().await;
    assert_eq!(res.status, 200, "{path}: {}", res.text());
    res.json()
}

async fn total(app: &TestApp, path: &str, token: Option<&str>) -> i64 {
    let sep = if path.contains('?') { '&' } else { '?' };
    json(app, &format!("{path}{sep}per_page=1"), token).await["meta"]["total"]
        .as_i64()
        .unwrap_or_else(|| panic!("{path} has no total"))
}

async fn all(app: &TestApp, collection: &str) -> Vec<Value> {
    json(app, &format!("/api/v1/{collection}?per_page=100"), None).await["data"]
        .as_array()
        .expect("a list")
        .clone()
}

#[actix_web::test]
async fn every_kind_is_made_in_proportion_to_the_posts() {
    let (app, summary, admin) = site(1).await;
    let plan = Plan::for_posts(POSTS);
    let any = Some(admin.as_str());
    for (collection, n) in [
        ("posts", plan.posts),
        ("pages", plan.pages),
        ("resources", plan.resources),
        ("events", plan.events),
        ("blocks", plan.blocks),
    ] {
        let made = total(&app, &format!("/api/v1/{collection}?status=any"), any).await;
        assert_eq!(made, n as i64, "{collection}");
    }
    for (collection, n) in [
        ("tags", plan.tags),
        ("categories", plan.categories),
        ("resource-types", plan.resource_types),
        ("event-categories", plan.event_categories),
    ] {
        assert_eq!(
            total(&app, &format!("/api/v1/{collection}"), None).await,
            n as i64
        );
    }
    assert_eq!(summary.posts.total(), POSTS);
    assert!(plan.resources >= POSTS / 5 && plan.events >= POSTS / 15);
    // The summary's counts are what a reader sees.
    let public = total(&app, "/api/v1/posts", None).await;
    assert_eq!(public, summary.posts.published as i64);
    assert!(summary.posts.scheduled > 0 && summary.posts.unpublished > 0);
}

#[actix_web::test]
async fn drafts_and_scheduled_posts_stay_hidden_from_readers() {
    let (app, summary, admin) = site(1).await;
    let public = all(&app, "posts").await;
    assert!(public.iter().all(|p| p["status"] == "published"));
    let drafts = json(
        &app,
        "/api/v1/posts?status=draft&per_page=100",
        Some(&admin),
    )
    .await;
    let drafts = drafts["data"].as_array().expect("a list").clone();
    assert!(!drafts.is_empty());
    for d in drafts.iter().take(3) {
        let res = app.get(&format!("/api/v1/posts/{}", d["id"])).send().await;
        res.problem(404, "not_found");
    }
    let everything = total(&app, "/api/v1/posts?status=any", Some(&admin)).await;
    assert_eq!(
        everything - public.len() as i64,
        (summary.posts.scheduled + summary.posts.unpublished) as i64
    );
}

/// An item's JSON without what the time of writing decides.
fn content_of(mut item: Value) -> Value {
    if let Some(o) = item.as_object_mut() {
        o.remove("created_at");
        o.remove("updated_at");
    }
    item
}

#[actix_web::test]
async fn the_same_seed_gives_the_same_site_and_another_seed_another() {
    let (a, _, _) = site(7).await;
    let (b, _, _) = site(7).await;
    let (c, _, _) = site(8).await;
    for collection in ["posts", "resources", "events", "pages"] {
        let first: Vec<Value> = all(&a, collection)
            .await
            .into_iter()
            .map(content_of)
            .collect();
        let second: Vec<Value> = all(&b, collection)
            .await
            .into_iter()
            .map(content_of)
            .collect();
        assert!(!first.is_empty());
        assert_eq!(first, second, "{collection}");
    }
    let slugs = |items: &[Value]| -> Vec<String> {
        items
            .iter()
            .map(|i| i["slug"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_ne!(
        slugs(&all(&a, "posts").await),
        slugs(&all(&c, "posts").await)
    );
}

#[actix_web::test]
async fn tags_are_used_unevenly() {
    let (app, _, _) = site(2).await;
    let tags = json(&app, "/api/v1/tags?per_page=100", None).await;
    let mut counts: Vec<i64> = tags["data"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|t| t["count"].as_i64().unwrap())
        .collect();
    counts.sort_unstable();
    let median = counts[counts.len() / 2];
    let most = *counts.last().unwrap();
    assert!(most >= 4 * median.max(1), "most {most}, median {median}");
}

#[actix_web::test]
async fn events_recur_last_all_day_and_sit_in_time_zones() {
    let (app, _, admin) = site(3).await;
    let events = json(&app, "/api/v1/events?status=any&per_page=100", Some(&admin)).await;
    let events = events["data"].as_array().expect("a list");
    assert!(events.iter().any(|e| e["rrule"].is_string()));
    assert!(events.iter().any(|e| e["all_day"] == true));
    assert!(
        events
            .iter()
            .all(|e| e["timezone"].as_str().is_some_and(|z| z.contains('/')))
    );
    assert!(events.iter().any(|e| e["venue"].is_object()));
}

#[actix_web::test]
async fn pages_form_a_tree() {
    let (app, _, _) = site(4).await;
    let pages = all(&app, "pages").await;
    let top = pages.iter().filter(|p| p["parent"].is_null()).count();
    assert!(top >= 3);
    let nested: Vec<&Value> = pages.iter().filter(|p| !p["parent"].is_null()).collect();
    assert!(!nested.is_empty());
    assert!(
        nested
            .iter()
            .all(|p| p["path"].as_str().unwrap().contains('/'))
    );
    let about = &json(&app, "/api/v1/pages?path=about-us", None).await["data"][0];
    assert_eq!(about["title"], "About us");
}

#[actix_web::test]
async fn search_finds_some_posts_about_trafficking() {
    let (app, _, _) = site(5).await;
    let found = total(&app, "/api/v1/posts?search=trafficking", None).await;
    let posts = total(&app, "/api/v1/posts", None).await;
    assert!(found > 0 && found < posts / 2, "{found} of {posts}");
}

#[actix_web::test]
async fn resources_filter_by_type_and_by_custom_field() {
    let (app, _, _) = site(6).await;
    let resources = all(&app, "resources").await;
    let every = resources.len() as i64;
    let types = json(&app, "/api/v1/resource-types?per_page=100", None).await;
    let popular = types["data"]
        .as_array()
        .expect("a list")
        .iter()
        .max_by_key(|t| t["count"].as_i64())
        .expect("a type")["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let of_type = total(&app, &format!("/api/v1/resources?type={popular}"), None).await;
    assert!(of_type > 0 && of_type < every, "{of_type} of {every}");
    let year = resources[0]["fields"]["publication_year"]
        .as_i64()
        .expect("a year");
    let of_year = total(
        &app,
        &format!("/api/v1/resources?field.publication_year={year}"),
        None,
    )
    .await;
    assert!(of_year > 0 && of_year < every, "{of_year} of {every}");
}

#[actix_web::test]
async fn a_database_with_content_is_refused_unless_appending() {
    let (app, _, admin) = site(1).await;
    match run(&app, &options(1)) {
        Err(GenerateError::NotEmpty(n)) => assert!(n > 0),
        other => panic!("expected a refusal, got {other:?}"),
    }
    let more = Options {
        append: true,
        ..options(1)
    };
    let summary = run(&app, &more).expect("appended");
    assert_eq!(summary.posts.total(), POSTS);
    let posts = total(&app, "/api/v1/posts?status=any", Some(&admin)).await;
    assert_eq!(posts, 2 * POSTS as i64);
    // Terms and authors are the same ones, not copies.
    assert_eq!(
        total(&app, "/api/v1/tags", None).await,
        Plan::for_posts(POSTS).tags as i64
    );
}

/// Puts back where filters count as dense, whatever happens to the test.
struct DenseReach;

impl Drop for DenseReach {
    fn drop(&mut self) {
        headpress::content::list::set_dense_reach_for_tests(1000);
    }
}

/// The slug of the term of `collection` that most items carry, and of the next one.
async fn most_used(app: &TestApp, collection: &str) -> (String, String) {
    let terms = json(app, &format!("/api/v1/{collection}?per_page=100"), None).await;
    let mut terms = terms["data"].as_array().expect("a list").clone();
    terms.sort_by_key(|t| -t["count"].as_i64().unwrap());
    let slug = |t: &Value| t["slug"].as_str().unwrap().to_owned();
    (slug(&terms[0]), slug(&terms[1]))
}

/// A filter on terms or custom fields is read as the list of the entries that have it, or
/// (when many have it) checked entry by entry while the list walks its order: either way,
/// readers and editors get the same pages and totals.
#[actix_web::test]
async fn filters_answer_the_same_read_as_lists_or_entry_by_entry() {
    let app = TestApp::with_config(|c| c.cache_size = 0).await;
    run(&app, &options(7)).expect("generated");
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let (tag, tag2) = most_used(&app, "tags").await;
    let (category, _) = most_used(&app, "categories").await;
    let (kind, _) = most_used(&app, "resource-types").await;
    let resources = all(&app, "resources").await;
    let year = resources[0]["fields"]["publication_year"]
        .as_i64()
        .expect("a year");
    let paths = [
        format!("/api/v1/posts?tag={tag}"),
        format!("/api/v1/posts?tag={tag}&page=2"),
        format!("/api/v1/posts?tag={tag},{tag2}&category={category}"),
        format!("/api/v1/posts?tag={tag}&search=trafficking"),
        format!("/api/v1/posts?category={category}&orderby=title&order=asc"),
        format!("/api/v1/resources?type={kind}&field.publication_year={year}"),
        format!("/api/v1/resources?type={kind}&field.is_featured=false"),
        "/api/v1/resources?field.is_featured=true,false&orderby=id".to_owned(),
        "/api/v1/posts?tag=no-such-tag".to_owned(),
    ];
    let answers = || async {
        let mut seen = Vec::new();
        for path in &paths {
            for token in [None, Some(admin.as_str())] {
                let status = if token.is_some() { "&status=any" } else { "" };
                let page = json(&app, &format!("{path}&per_page=5{status}"), token).await;
                let ids: Vec<i64> = page["data"]
                    .as_array()
                    .expect("a list")
                    .iter()
                    .map(|i| i["id"].as_i64().unwrap())
                    .collect();
                seen.push((
                    path.clone(),
                    token.is_some(),
                    ids,
                    page["meta"]["total"].clone(),
                ));
            }
        }
        seen
    };
    let _reset = DenseReach;
    headpress::content::list::set_dense_reach_for_tests(i64::MAX);
    let as_lists = answers().await;
    headpress::content::list::set_dense_reach_for_tests(1);
    let one_by_one = answers().await;
    assert_eq!(as_lists, one_by_one);
    // The filters find something, but for the tag that does not exist.
    for (path, _, ids, total) in &as_lists[..as_lists.len() - 2] {
        let total = total.as_i64().expect("a total");
        assert!(!ids.is_empty() && total > 0, "{path}: nothing");
    }
    for (_, _, ids, total) in &as_lists[as_lists.len() - 2..] {
        assert!(ids.is_empty() && total == 0);
    }
}
