//! Posts: writing, reading, filtering, ordering, cursors and the cost of a list.

use std::collections::HashSet;

use actix_web::http::StatusCode;
use headpress::users::Role;
use serde_json::json;

use crate::support::TestApp;

#[actix_web::test]
async fn create_fills_slug_excerpt_author_and_sanitises() {
    let app = TestApp::new().await;
    let (editor_id, editor) = app.sign_in_as(Role::Editor).await;
    let words: Vec<String> = (0..80).map(|i| format!("word{i}")).collect();
    let res = app
        .post("/api/v1/posts")
        .bearer(&editor)
        .json(&json!({
            "title": "The Security Implications of Human Trafficking",
            "content": {"html": format!("<p onclick=\"steal()\">{}</p><script>alert(1)</script><a href=\"javascript:alert(1)\">x</a>", words.join(" "))},
        }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
    let location = res.header("location").unwrap();
    let post = res.json();
    assert!(
        location.ends_with(&format!("/api/v1/posts/{}", post["id"])),
        "{location}"
    );
    assert_eq!(
        post["slug"],
        "the-security-implications-of-human-trafficking"
    );
    assert_eq!(post["status"], "draft");
    assert_eq!(post["author"], editor_id);
    let html = post["content"]["html"].as_str().unwrap();
    for bad in ["onclick", "<script", "javascript:"] {
        assert!(!html.contains(bad), "{bad} survived: {html}");
    }
    let excerpt = post["excerpt"].as_str().unwrap();
    assert!(excerpt.starts_with("word0 word1"), "{excerpt}");
    assert_eq!(excerpt.split_whitespace().count(), 55);
    assert!(excerpt.ends_with('…'));
    for member in [
        "tags",
        "categories",
        "fields",
        "published_at",
        "created_at",
        "updated_at",
    ] {
        assert!(post.get(member).is_some(), "{member} missing: {post}");
    }
    assert!(post["published_at"].as_str().unwrap().ends_with('Z'));

    // Same title again: a free slug is generated; the same slug given explicitly clashes.
    let second = app
        .create_post(
            &editor,
            json!({"title": "The Security Implications of Human Trafficking"}),
        )
        .await;
    assert_eq!(
        second["slug"],
        "the-security-implications-of-human-trafficking-2"
    );
    let res = app
        .post("/api/v1/posts")
        .bearer(&editor)
        .json(&json!({"title": "Other", "slug": "the-security-implications-of-human-trafficking"}))
        .send()
        .await;
    assert_eq!(res.problem(409, "conflict")["errors"][0]["field"], "slug");
    let res = app
        .post("/api/v1/posts")
        .bearer(&editor)
        .json(&json!({"title": "Other", "slug": "Not A Slug"}))
        .send()
        .await;
    assert_eq!(
        res.problem(422, "validation_failed")["errors"][0]["field"],
        "slug"
    );
}

#[actix_web::test]
async fn writes_need_a_token() {
    let app = TestApp::new().await;
    let res = app
        .post("/api/v1/posts")
        .json(&json!({"title": "x"}))
        .send()
        .await;
    res.problem(401, "unauthorized");
    assert_eq!(res.header("www-authenticate").as_deref(), Some("Bearer"));
    app.patch("/api/v1/posts/1")
        .json(&json!({"title": "x"}))
        .send()
        .await
        .problem(401, "unauthorized");
    app.delete("/api/v1/posts/1")
        .send()
        .await
        .problem(401, "unauthorized");
}

#[actix_web::test]
async fn update_changes_members_and_keeps_revisions() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let tag = app
        .create_term(&editor, "tags", json!({"name": "Supply chains"}))
        .await;
    let post = app
        .create_post(
            &editor,
            json!({"title": "First", "content": {"html": "<p>one</p>"}}),
        )
        .await;
    let path = format!("/api/v1/posts/{}", post["id"]);
    let res = app
        .patch(&path)
        .bearer(&editor)
        .json(&json!({"title": "Second", "content": {"html": "<p>two words</p>"}, "tags": [tag["id"]], "status": "published"}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let updated = res.json();
    assert_eq!(updated["title"], "Second");
    assert_eq!(updated["slug"], "first", "the slug stays");
    assert_eq!(
        updated["excerpt"], "two words",
        "a derived excerpt follows the content"
    );
    assert_eq!(updated["tags"], json!([tag["id"]]));
    assert_eq!(updated["status"], "published");

    // A manual excerpt sticks until it is emptied.
    app.patch(&path)
        .bearer(&editor)
        .json(&json!({"excerpt": "Hand-written"}))
        .send()
        .await;
    let after = app
        .patch(&path)
        .bearer(&editor)
        .json(&json!({"content": {"html": "<p>three</p>"}}))
        .send()
        .await
        .json();
    assert_eq!(after["excerpt"], "Hand-written");
    let after = app
        .patch(&path)
        .bearer(&editor)
        .json(&json!({"excerpt": ""}))
        .send()
        .await
        .json();
    assert_eq!(after["excerpt"], "three");

    let revisions = app
        .get(&format!("{path}/revisions"))
        .bearer(&editor)
        .send()
        .await
        .json();
    let titles: Vec<&str> = revisions["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    // One for the creation and one for each of the four changes.
    assert_eq!(
        titles,
        ["Second", "Second", "Second", "Second", "First"],
        "newest first: {revisions}"
    );
    assert_eq!(revisions["data"][4]["content"]["html"], "<p>one</p>");
    assert_eq!(revisions["data"][4]["status"], "draft");
    assert_eq!(revisions["data"][0]["parent"], post["id"]);
}

#[actix_web::test]
async fn delete_trashes_then_force_deletes() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let post = app.published_post(&editor, "Short-lived").await;
    let path = format!("/api/v1/posts/{}", post["id"]);
    let res = app.delete(&path).bearer(&editor).send().await;
    assert_eq!(res.json()["status"], "trash");
    app.get(&path).send().await.problem(404, "not_found");
    // Restore by publishing again.
    let res = app
        .patch(&path)
        .bearer(&editor)
        .json(&json!({"status": "published"}))
        .send()
        .await;
    assert_eq!(res.json()["status"], "published");
    assert_eq!(app.get(&path).send().await.status, StatusCode::OK);
    let res = app
        .delete(&format!("{path}?force=true"))
        .bearer(&editor)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    app.get(&path)
        .bearer(&editor)
        .send()
        .await
        .problem(404, "not_found");
    app.get(&format!("{path}/revisions"))
        .bearer(&editor)
        .send()
        .await
        .problem(404, "not_found");
}

#[actix_web::test]
async fn publishing_a_draft_stamps_the_time_unless_scheduled() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let draft = app.create_post(&editor, json!({"title": "Draft"})).await;
    let published = app
        .patch(&format!("/api/v1/posts/{}", draft["id"]))
        .bearer(&editor)
        .json(&json!({"status": "published"}))
        .send()
        .await
        .json();
    assert!(published["published_at"].as_str().unwrap() >= draft["published_at"].as_str().unwrap());
    let scheduled = app
        .create_post(
            &editor,
            json!({"title": "Later", "published_at": "2999-05-01T10:00:00Z"}),
        )
        .await;
    let published = app
        .patch(&format!("/api/v1/posts/{}", scheduled["id"]))
        .bearer(&editor)
        .json(&json!({"status": "published"}))
        .send()
        .await
        .json();
    assert_eq!(published["published_at"], "2999-05-01T10:00:00Z");
}

#[actix_web::test]
async fn filters_by_terms_author_dates_and_slug() {
    let app = TestApp::new().await;
    let (editor_id, editor) = app.sign_in_as(Role::Editor).await;
    let (author_id, author) = app.sign_in_as(Role::Author).await;
    let a = app
        .create_term(&editor, "tags", json!({"name": "Alpha"}))
        .await["id"]
        .clone();
    let b = app
        .create_term(&editor, "tags", json!({"name": "Beta"}))
        .await["id"]
        .clone();
    let news = app
        .create_term(&editor, "categories", json!({"name": "News"}))
        .await["id"]
        .clone();
    let p1 = app
        .create_post(&editor, json!({"title": "One", "status": "published", "tags": [a], "categories": [news], "published_at": "2020-01-01T00:00:00Z"}))
        .await["id"]
        .as_i64()
        .unwrap();
    let p2 = app
        .create_post(&editor, json!({"title": "Two", "status": "published", "tags": [b], "published_at": "2021-01-01T00:00:00Z"}))
        .await["id"]
        .as_i64()
        .unwrap();
    let p3 = app
        .create_post(&author, json!({"title": "Three", "status": "published", "tags": [a, b], "published_at": "2022-01-01T00:00:00Z"}))
        .await["id"]
        .as_i64()
        .unwrap();
    let ids = |q: &str| {
        let q = q.to_owned();
        let app = &app;
        async move { app.get(&format!("/api/v1/posts?{q}")).send().await.ids() }
    };
    assert_eq!(ids("tag=alpha").await, vec![p3, p1]);
    assert_eq!(ids("tag=alpha,beta").await, vec![p3, p2, p1]);
    assert_eq!(ids("tag=alpha&category=news").await, vec![p1]);
    assert_eq!(ids("tag=nothing").await, Vec::<i64>::new());
    assert_eq!(ids(&format!("author={author_id}")).await, vec![p3]);
    assert_eq!(
        ids(&format!("author={editor_id},{author_id}")).await,
        vec![p3, p2, p1]
    );
    assert_eq!(
        ids("published_after=2020-06-01T00:00:00Z").await,
        vec![p3, p2]
    );
    assert_eq!(
        ids("published_before=2021-06-01T00:00:00Z&published_after=2020-06-01T00:00:00Z").await,
        vec![p2]
    );
    assert_eq!(ids("slug=two,three").await, vec![p3, p2]);
    assert_eq!(ids("orderby=title").await, vec![p1, p3, p2]);
    assert_eq!(ids("orderby=title&order=desc").await, vec![p2, p3, p1]);
    assert_eq!(
        ids("orderby=published_at&order=asc").await,
        vec![p1, p2, p3]
    );
    assert_eq!(ids("orderby=id&order=asc").await, vec![p1, p2, p3]);
}

#[actix_web::test]
async fn search_ranks_the_best_match_first() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let body_only = app
        .create_post(&editor, json!({"title": "Annual review", "status": "published", "content": {"html": "<p>A note on cocoa farming.</p>"}}))
        .await["id"]
        .as_i64()
        .unwrap();
    let in_title = app
        .create_post(&editor, json!({"title": "Cocoa farming and child labour", "status": "published", "content": {"html": "<p>Cocoa farming.</p>"}}))
        .await["id"]
        .as_i64()
        .unwrap();
    app.create_post(
        &editor,
        json!({"title": "Unrelated", "status": "published", "content": {"html": "<p>Tea.</p>"}}),
    )
    .await;
    let res = app.get("/api/v1/posts?search=cocoa%20farming").send().await;
    assert_eq!(res.ids(), vec![in_title, body_only]);
    // Stemming: "farms" finds "farming".
    assert_eq!(
        app.get("/api/v1/posts?search=farms")
            .send()
            .await
            .ids()
            .len(),
        2
    );
    // Input that is not search syntax is harmless.
    let res = app
        .get("/api/v1/posts?search=%22%29%28*%20OR%20NEAR%28")
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    // Relevance pages with cursors too.
    let first = app
        .get("/api/v1/posts?search=cocoa&per_page=1")
        .send()
        .await
        .json();
    let cursor = first["meta"]["next_cursor"].as_str().unwrap().to_owned();
    let second = app
        .get(&format!(
            "/api/v1/posts?search=cocoa&per_page=1&cursor={cursor}"
        ))
        .send()
        .await;
    assert_eq!(second.ids(), vec![body_only]);
    // The matches are counted in the statement that ranks them: on every page, and past
    // the last one (where no row carries the count).
    assert_eq!(first["meta"]["total"], 2);
    assert_eq!(second.json()["meta"]["total"], 2);
    let past = app
        .get("/api/v1/posts?search=cocoa&per_page=1&page=3")
        .send()
        .await
        .json();
    assert_eq!(past["data"], json!([]));
    assert_eq!(past["meta"]["total"], 2);
}

#[actix_web::test]
async fn sparse_fields_and_includes() {
    let app = TestApp::new().await;
    let (editor_id, editor) = app.sign_in_as(Role::Editor).await;
    let tag = app
        .create_term(&editor, "tags", json!({"name": "Garments"}))
        .await;
    let post = app
        .create_post(
            &editor,
            json!({"title": "Wages", "status": "published", "tags": [tag["id"]]}),
        )
        .await;
    let list = app.get("/api/v1/posts?fields=id,title").send().await.json();
    assert_eq!(list["data"][0], json!({"id": post["id"], "title": "Wages"}));
    let one = app
        .get(&format!("/api/v1/posts/{}?fields=slug", post["id"]))
        .send()
        .await
        .json();
    assert_eq!(one, json!({"slug": "wages"}));
    let one = app
        .get(&format!("/api/v1/posts/{}?include=tags,author", post["id"]))
        .send()
        .await
        .json();
    assert_eq!(one["embedded"]["tags"][0]["name"], "Garments");
    assert_eq!(one["embedded"]["author"]["id"], editor_id);
    assert!(
        one["embedded"]["author"].get("username").is_none(),
        "public face only"
    );
    assert!(one["embedded"].get("categories").is_none());
    let plain = app
        .get(&format!("/api/v1/posts/{}", post["id"]))
        .send()
        .await
        .json();
    assert!(plain.get("embedded").is_none());
}

#[actix_web::test]
async fn a_cursor_walk_visits_every_post_once_while_posts_are_added() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let mut originals = HashSet::new();
    for i in 0..23 {
        // Pairs share a date, so the id breaks ties.
        let at = format!("2024-01-{:02}T00:00:00Z", 1 + i / 2);
        let p = app
            .create_post(
                &editor,
                json!({"title": format!("P{i}"), "status": "published", "published_at": at}),
            )
            .await;
        originals.insert(p["id"].as_i64().unwrap());
    }
    let mut seen = Vec::new();
    let mut url = "/api/v1/posts?per_page=5".to_owned();
    let mut pages = 0;
    loop {
        let body = app.get(&url).send().await.json();
        seen.extend(
            body["data"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["id"].as_i64().unwrap()),
        );
        // New posts arrive meanwhile, newer and older than the walk's position.
        app.create_post(
            &editor,
            json!({"title": format!("New {pages}"), "status": "published"}),
        )
        .await;
        app.create_post(&editor, json!({"title": format!("Old {pages}"), "status": "published", "published_at": "2000-01-01T00:00:00Z"})).await;
        pages += 1;
        match body["meta"]["next_cursor"].as_str() {
            Some(c) => url = format!("/api/v1/posts?per_page=5&cursor={c}"),
            None => break,
        }
        assert!(pages < 50, "the walk does not end");
    }
    let unique: HashSet<i64> = seen.iter().copied().collect();
    assert_eq!(
        unique.len(),
        seen.len(),
        "an item was visited twice: {seen:?}"
    );
    assert!(originals.is_subset(&unique), "an item was skipped");
}

#[actix_web::test]
async fn cursors_are_tied_to_their_ordering() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    for i in 0..3 {
        app.published_post(&editor, &format!("T{i}")).await;
    }
    let body = app.get("/api/v1/posts?per_page=1").send().await.json();
    let cursor = body["meta"]["next_cursor"].as_str().unwrap();
    let res = app
        .get(&format!(
            "/api/v1/posts?per_page=1&orderby=title&cursor={cursor}"
        ))
        .send()
        .await;
    assert_eq!(
        res.problem(400, "invalid_query")["errors"][0]["field"],
        "cursor"
    );
    let body = app
        .get("/api/v1/posts?per_page=2&orderby=title&order=asc")
        .send()
        .await
        .json();
    let cursor = body["meta"]["next_cursor"].as_str().unwrap();
    let rest = app
        .get(&format!(
            "/api/v1/posts?per_page=2&orderby=title&order=asc&cursor={cursor}"
        ))
        .send()
        .await
        .json();
    assert_eq!(rest["data"][0]["title"], "T2");
}

#[actix_web::test]
async fn a_list_costs_the_same_number_of_queries_whatever_its_size() {
    // Nothing kept between requests: every list is built from the database.
    let app = TestApp::with_config(|c| {
        c.cache_size = 0;
        c.render_cache_size = 0;
    })
    .await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let (_, author) = app.sign_in_as(Role::Author).await;
    let t1 = app
        .create_term(&editor, "tags", json!({"name": "One"}))
        .await["id"]
        .clone();
    let t2 = app
        .create_term(&editor, "tags", json!({"name": "Two"}))
        .await["id"]
        .clone();
    let c = app
        .create_term(&editor, "categories", json!({"name": "Cat"}))
        .await["id"]
        .clone();
    for i in 0..24 {
        let token = if i % 2 == 0 { &editor } else { &author };
        app.create_post(token, json!({"title": format!("P{i}"), "status": "published", "tags": [t1, t2], "categories": [c]})).await;
    }
    let cost = |per_page: u32| {
        let app = &app;
        async move {
            let before = app.queries();
            let res = app
                .get(&format!(
                    "/api/v1/posts?per_page={per_page}&include=tags,categories,author"
                ))
                .send()
                .await;
            assert_eq!(res.ids().len(), per_page as usize);
            app.queries() - before
        }
    };
    let small = cost(2).await;
    let large = cost(24).await;
    assert_eq!(small, large, "queries grew with the page size");
    assert!(large <= 8, "{large} queries for one list");
}

/// With items and what they embed rendered once, a repeat list reads only its page of
/// ids and its total (one statement: the stored total is read along with the page),
/// whatever it includes.
#[actix_web::test]
async fn a_repeat_list_reads_only_its_ids_and_total() {
    let app = TestApp::with_config(|c| c.cache_size = 0).await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let tag = app
        .create_term(&editor, "tags", json!({"name": "One"}))
        .await["id"]
        .clone();
    for i in 0..5 {
        app.create_post(
            &editor,
            json!({"title": format!("P{i}"), "status": "published", "tags": [tag]}),
        )
        .await;
    }
    let path = "/api/v1/posts?include=tags,author";
    let cost = |n: usize| {
        let app = &app;
        async move {
            let before = app.queries();
            let res = app.get(path).send().await;
            assert_eq!(res.ids().len(), n);
            (res.json(), app.queries() - before)
        }
    };
    let (first, cold) = cost(5).await;
    let (again, warm) = cost(5).await;
    assert_eq!(first, again, "the same answer");
    assert_eq!(first["data"][0]["embedded"]["tags"][0]["count"], 5);
    assert!(warm == 1 && warm < cold, "{warm} queries warm, {cold} cold");
    assert_eq!(first["meta"]["total"], 5);
    // A write changes what is embedded: nothing kept from before is used.
    app.create_post(
        &editor,
        json!({"title": "P5", "status": "published", "tags": [tag]}),
    )
    .await;
    let (after, _) = cost(6).await;
    assert_eq!(after["data"][0]["embedded"]["tags"][0]["count"], 6);
}
