//! The change feed: `/api/v1/changes`.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use actix_web::http::StatusCode;
use headpress::content::Role;
use serde_json::{Value, json};

use crate::support::TestApp;

/// Reads the whole feed from `since` (paged by `per_page`), as `token` (or anonymously).
async fn feed(app: &TestApp, token: Option<&str>, since: Option<&str>) -> (Vec<Value>, String) {
    let mut changes = Vec::new();
    let mut cursor = since.map(str::to_owned);
    loop {
        let mut path = "/api/v1/changes?per_page=3".to_owned();
        if let Some(c) = &cursor {
            path.push_str(&format!("&since={c}"));
        }
        let mut req = app.get(&path);
        if let Some(t) = token {
            req = req.bearer(t);
        }
        let res = req.send().await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text());
        assert_eq!(res.header("cache-control").as_deref(), Some("no-cache"));
        let body = res.json();
        let page = body["data"].as_array().unwrap().clone();
        assert!(page.len() <= 3);
        changes.extend(page);
        cursor = Some(body["meta"]["next_cursor"].as_str().unwrap().to_owned());
        if !body["meta"]["has_more"].as_bool().unwrap() {
            return (changes, cursor.unwrap());
        }
    }
}

async fn create(app: &TestApp, token: &str, collection: &str, body: Value) -> i64 {
    let res = app
        .post(&format!("/api/v1/{collection}"))
        .bearer(token)
        .json(&body)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    res.json()["id"].as_i64().unwrap()
}

async fn patch(app: &TestApp, token: &str, path: &str, body: Value) {
    let res = app.patch(path).bearer(token).json(&body).send().await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
}

async fn delete(app: &TestApp, token: &str, path: &str) {
    let res = app.delete(path).bearer(token).send().await;
    assert!(res.status.is_success(), "{}", res.text());
}

/// What anonymous readers see in the lists of every kind.
async fn public_set(app: &TestApp) -> BTreeSet<(String, i64)> {
    let mut set = BTreeSet::new();
    for (kind, collection) in [
        ("post", "posts"),
        ("page", "pages"),
        ("resource", "resources"),
        ("event", "events"),
        ("block", "blocks"),
        ("tag", "tags"),
        ("category", "categories"),
        ("resource_type", "resource-types"),
        ("event_category", "event-categories"),
    ] {
        let res = app
            .get(&format!("/api/v1/{collection}?per_page=100"))
            .send()
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text());
        for id in res.ids() {
            set.insert((kind.to_owned(), id));
        }
    }
    set
}

/// Keeps the items whose last change is public.
fn replay(changes: &[Value]) -> BTreeSet<(String, i64)> {
    let mut set = BTreeSet::new();
    for c in changes {
        let key = (
            c["kind"].as_str().unwrap().to_owned(),
            c["id"].as_i64().unwrap(),
        );
        if c["public"].as_bool().unwrap() {
            set.insert(key);
        } else {
            set.remove(&key);
        }
    }
    set
}

fn ids_in(changes: &[Value]) -> BTreeSet<(String, i64)> {
    changes
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_owned(),
                c["id"].as_i64().unwrap(),
            )
        })
        .collect()
}

/// Replaying the feed from the start (keep an item whose last change is public, drop it
/// otherwise) rebuilds exactly what the lists show anonymous readers, for every kind,
/// including items unpublished, trashed, deleted or hidden with a page above them along
/// the way; and anonymous readers never learn of an item that was never public.
#[actix_web::test]
async fn the_feed_replayed_rebuilds_the_public_content_of_every_kind() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let e = editor.as_str();
    let live = |title: &str| json!({"title": title, "status": "published"});

    let kept = create(&app, e, "posts", live("Kept")).await;
    let draft = create(&app, e, "posts", json!({"title": "Secret draft"})).await;
    let later = create(&app, e, "posts", json!({"title": "Published later"})).await;
    patch(
        &app,
        e,
        &format!("/api/v1/posts/{later}"),
        json!({"status": "published"}),
    )
    .await;
    let pulled = create(&app, e, "posts", live("Pulled")).await;
    patch(
        &app,
        e,
        &format!("/api/v1/posts/{pulled}"),
        json!({"status": "draft"}),
    )
    .await;
    let trashed = create(&app, e, "posts", live("Trashed")).await;
    delete(&app, e, &format!("/api/v1/posts/{trashed}")).await;
    let gone = create(&app, e, "posts", live("Gone")).await;
    delete(&app, e, &format!("/api/v1/posts/{gone}?force=true")).await;
    let back = create(&app, e, "posts", live("Back")).await;
    delete(&app, e, &format!("/api/v1/posts/{back}")).await;
    patch(
        &app,
        e,
        &format!("/api/v1/posts/{back}"),
        json!({"status": "published"}),
    )
    .await;

    // A published page under a draft page is hidden with it; it appears with its parent
    // and disappears again when the parent is unpublished.
    let hidden_parent = create(&app, e, "pages", json!({"title": "Hidden parent"})).await;
    let hidden_child = create(
        &app,
        e,
        "pages",
        json!({"title": "Hidden child", "status": "published", "parent": hidden_parent}),
    )
    .await;
    let parent = create(&app, e, "pages", live("About")).await;
    let child = create(
        &app,
        e,
        "pages",
        json!({"title": "Team", "status": "published", "parent": parent}),
    )
    .await;
    patch(
        &app,
        e,
        &format!("/api/v1/pages/{parent}"),
        json!({"status": "draft"}),
    )
    .await;
    let shown_parent = create(&app, e, "pages", json!({"title": "Shown parent"})).await;
    let shown_child = create(
        &app,
        e,
        "pages",
        json!({"title": "Shown child", "status": "published", "parent": shown_parent}),
    )
    .await;
    patch(
        &app,
        e,
        &format!("/api/v1/pages/{shown_parent}"),
        json!({"status": "published"}),
    )
    .await;

    let kind = app
        .create_term(e, "resource-types", json!({"name": "Guidance"}))
        .await["id"]
        .as_i64()
        .unwrap();
    let resource = create(
        &app,
        e,
        "resources",
        json!({"title": "Guide", "status": "published", "resource_types": [kind]}),
    )
    .await;
    let event = create(
        &app,
        e,
        "events",
        json!({"title": "Webinar", "status": "published", "starts_at": "2026-07-30T18:00",
               "ends_at": "2026-07-30T19:30", "timezone": "Europe/London"}),
    )
    .await;
    let block = create(
        &app,
        e,
        "blocks",
        json!({"title": "Call to action", "status": "published", "content": {"html": "<p>Act</p>"}}),
    )
    .await;

    // Terms: created, renamed, deleted.
    let tag = app.create_term(e, "tags", json!({"name": "Cocoa"})).await["id"].clone();
    let gone_tag = app
        .create_term(e, "tags", json!({"name": "Obsolete"}))
        .await["id"]
        .clone();
    let res = app
        .patch(&format!("/api/v1/tags/{tag}"))
        .bearer(e)
        .json(&json!({"name": "Cocoa and chocolate"}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    delete(&app, e, &format!("/api/v1/tags/{gone_tag}")).await;
    app.create_term(e, "event-categories", json!({"name": "Webinars"}))
        .await;

    let (anonymous, _) = feed(&app, None, None).await;
    let expected = public_set(&app).await;
    assert!(expected.contains(&("tag".to_owned(), tag.as_i64().unwrap())));
    let tag_changes: Vec<&str> = anonymous
        .iter()
        .filter(|c| c["kind"] == "tag")
        .map(|c| c["action"].as_str().unwrap())
        .collect();
    assert_eq!(tag_changes, ["created", "created", "updated", "deleted"]);
    assert_eq!(replay(&anonymous), expected);
    for must in [
        kept,
        later,
        back,
        shown_parent,
        shown_child,
        resource,
        event,
        block,
    ] {
        assert!(
            expected.iter().any(|(_, id)| *id == must),
            "{must} is public"
        );
    }
    for never in [
        ("post".to_owned(), draft),
        ("page".to_owned(), hidden_parent),
        ("page".to_owned(), hidden_child),
    ] {
        assert!(
            !ids_in(&anonymous).contains(&never),
            "anonymous readers learn nothing of {never:?}: {anonymous:?}"
        );
    }
    // Items that were public and went away are announced as gone, with what became of them.
    let last = |id: i64| {
        anonymous
            .iter()
            .rev()
            .find(|c| c["id"] == id && (c["kind"] == "post" || c["kind"] == "page"))
            .unwrap_or_else(|| panic!("no change of {id}"))
            .clone()
    };
    assert_eq!(last(pulled)["action"], "unpublished");
    assert_eq!(last(trashed)["action"], "trashed");
    assert_eq!(last(gone)["action"], "deleted");
    assert_eq!(last(gone)["slug"], "gone", "a tombstone names the item");
    assert_eq!(last(back)["action"], "restored");
    assert_eq!(last(later)["action"], "published");
    assert_eq!(
        last(child)["action"],
        "unpublished",
        "hidden with its parent"
    );
    assert_eq!(last(child)["public"], false);
    assert_eq!(
        last(shown_child)["action"],
        "published",
        "shown with its parent"
    );

    // Editors see every change, drafts included, with the action as it was made.
    let (everything, _) = feed(&app, Some(e), None).await;
    assert!(ids_in(&everything).contains(&("post".to_owned(), draft)));
    assert!(
        everything
            .iter()
            .any(|c| c["id"] == later && c["action"] == "created")
    );
    assert_eq!(
        replay(&everything),
        expected,
        "the public flags are the same for all"
    );
    let numbers: Vec<&str> = everything
        .iter()
        .map(|c| c["at"].as_str().unwrap())
        .collect();
    let mut sorted = numbers.clone();
    sorted.sort();
    assert_eq!(numbers, sorted, "in the order the changes were made");
}

/// A cursor resumes where the reader left off; `since=now` starts at the newest point; a
/// bad cursor is a 400 naming `since`; a cursor older than the changes kept is a 410.
#[actix_web::test]
async fn cursors_resume_and_expire() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    app.published_post(&editor, "First").await;
    let res = app.get("/api/v1/changes?since=now").send().await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert_eq!(res.json()["data"], json!([]));
    let head = res.json()["meta"]["next_cursor"]
        .as_str()
        .unwrap()
        .to_owned();

    let second = app.published_post(&editor, "Second").await["id"].clone();
    patch(
        &app,
        &editor,
        &format!("/api/v1/posts/{second}"),
        json!({"title": "Second, edited"}),
    )
    .await;
    let (after, next) = feed(&app, None, Some(&head)).await;
    let seen: Vec<(&str, &Value)> = after
        .iter()
        .map(|c| (c["action"].as_str().unwrap(), &c["id"]))
        .collect();
    assert_eq!(seen, [("created", &second), ("updated", &second)]);
    let (nothing, same) = feed(&app, None, Some(&next)).await;
    assert!(nothing.is_empty());
    assert_eq!(same, next, "with nothing new the cursor stays");
    let before = app.queries();
    let res = app
        .get(&format!("/api/v1/changes?since={head}"))
        .send()
        .await;
    assert_eq!(res.json()["data"].as_array().unwrap().len(), 2);
    assert_eq!(
        app.queries() - before,
        1,
        "a page of the feed, the oldest row kept and the scheduled items due: one statement"
    );

    let res = app
        .get("/api/v1/changes?kind=post,page&per_page=1000")
        .send()
        .await;
    assert_eq!(res.json()["data"].as_array().unwrap().len(), 3);
    let res = app.get("/api/v1/changes?kind=page").send().await;
    assert_eq!(res.json()["data"], json!([]));

    for (query, param) in [
        ("since=bogus", "since"),
        ("per_page=0", "per_page"),
        ("per_page=1001", "per_page"),
        ("wait=31", "wait"),
        ("kind=posts", "kind"),
    ] {
        let res = app.get(&format!("/api/v1/changes?{query}")).send().await;
        let problem = res.problem(400, "invalid_query");
        assert_eq!(problem["errors"][0]["field"], param, "{query}");
    }

    // Changes past the retention were pruned up to the head: older cursors must resync.
    app.db(|conn| {
        use diesel::RunQueryDsl;
        diesel::sql_query("UPDATE change_log SET purged_through = 2")
            .execute(conn)
            .unwrap();
    });
    let (_, start) = feed(&app, None, None).await;
    assert_eq!(
        start, next,
        "reading from the start begins after what was pruned"
    );
    let res = app
        .get(&format!("/api/v1/changes?since={head}"))
        .send()
        .await;
    let problem = res.problem(410, "gone");
    assert!(problem["detail"].as_str().unwrap().contains("since=now"));
}

/// A write that fails writes no change.
#[actix_web::test]
async fn a_write_that_fails_announces_nothing() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let post = app.published_post(&editor, "Kept").await["id"].clone();
    let (_, head) = feed(&app, Some(&editor), None).await;
    let res = app
        .post("/api/v1/posts")
        .bearer(&editor)
        .json(&json!({"title": "Bad", "status": "published", "tags": [99999]}))
        .send()
        .await;
    assert!(res.status.is_client_error(), "{}", res.text());
    let res = app
        .patch(&format!("/api/v1/posts/{post}"))
        .bearer(&editor)
        .json(&json!({"title": "Renamed", "categories": [99999]}))
        .send()
        .await;
    assert!(res.status.is_client_error(), "{}", res.text());
    let (after, _) = feed(&app, Some(&editor), Some(&head)).await;
    assert_eq!(after, Vec::<Value>::new());
}

/// With `wait`, an answer with nothing new waits for a change and comes as soon as it is
/// made; with nothing made it comes back empty after the wait.
#[actix_web::test]
async fn long_polling_answers_when_a_change_comes() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let res = app.get("/api/v1/changes?since=now").send().await;
    let head = res.json()["meta"]["next_cursor"]
        .as_str()
        .unwrap()
        .to_owned();

    let started = Instant::now();
    let res = app
        .get(&format!("/api/v1/changes?since={head}&wait=1"))
        .send()
        .await;
    assert_eq!(res.json()["data"], json!([]));
    assert!(started.elapsed() >= Duration::from_millis(900));

    let started = Instant::now();
    let path = format!("/api/v1/changes?since={head}&wait=20");
    let waiting = app.get(&path).send();
    let writing = async {
        actix_web::rt::time::sleep(Duration::from_millis(300)).await;
        app.published_post(&editor, "Breaking").await
    };
    let (res, post) = futures_util::future::join(waiting, writing).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert_eq!(res.json()["data"][0]["id"], post["id"]);
    assert_eq!(res.json()["data"][0]["action"], "created");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "answered when the change came, not at the end of the wait: {:?}",
        started.elapsed()
    );
}

/// A scheduled item is announced when its time comes, not when it is saved.
#[actix_web::test]
async fn scheduled_items_are_announced_when_their_time_comes() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let due = chrono::Utc::now() + chrono::Duration::milliseconds(1500);
    let post = create(
        &app,
        &editor,
        "posts",
        json!({"title": "Embargoed", "status": "published", "published_at": due.to_rfc3339()}),
    )
    .await;
    let (before, head) = feed(&app, None, None).await;
    assert!(before.is_empty(), "{before:?}");
    actix_web::rt::time::sleep(Duration::from_millis(1700)).await;
    let (after, _) = feed(&app, None, Some(&head)).await;
    assert_eq!(after.len(), 1, "{after:?}");
    assert_eq!(after[0]["id"], post);
    assert_eq!(after[0]["action"], "published");
    assert_eq!(after[0]["public"], true);
    assert_eq!(replay(&after), public_set(&app).await);
}

/// Media follow the items using them: a file is public while no item uses it or a public
/// one does. The feed announces a file appearing and disappearing as items take it up,
/// publish, unpublish, trash or drop it (or as a scheduled item's time comes), and its
/// own uploads, edits and deletion; replayed, it rebuilds the anonymous media library.
#[actix_web::test]
async fn media_appear_and_disappear_with_the_items_that_use_them() {
    use crate::media::{PNG, upload};
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let e = editor.as_str();
    let (_, head) = feed(&app, None, None).await;
    let file = |name: &'static str| {
        let app = &app;
        async move {
            let res = upload(app, e, &[("file", Some(name), PNG)]).await;
            assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
            res.json()["id"].as_i64().unwrap()
        }
    };
    let featured = |title: &str, status: &str, media: i64| json!({"title": title, "status": status, "featured_media": media});

    let loose = file("loose.png").await; // used by nothing: public
    let of_draft = file("of-draft.png").await;
    let draft = create(&app, e, "posts", featured("Draft", "draft", of_draft)).await;
    let of_later = file("of-later.png").await;
    let later = create(&app, e, "posts", featured("Later", "draft", of_later)).await;
    patch(
        &app,
        e,
        &format!("/api/v1/posts/{later}"),
        json!({"status": "published"}),
    )
    .await;
    let of_trashed = file("of-trashed.png").await;
    let trashed = create(
        &app,
        e,
        "posts",
        featured("Trashed", "published", of_trashed),
    )
    .await;
    delete(&app, e, &format!("/api/v1/posts/{trashed}")).await;
    // A draft lets go of one file (public again) and takes up another (hidden).
    let swapped = file("swapped.png").await;
    let swapper = create(&app, e, "posts", featured("Swapper", "draft", swapped)).await;
    let taken = file("taken.png").await;
    patch(
        &app,
        e,
        &format!("/api/v1/posts/{swapper}"),
        json!({"featured_media": taken}),
    )
    .await;
    // Deleting a draft for good frees its file.
    delete(&app, e, &format!("/api/v1/posts/{draft}?force=true")).await;
    // A file of a published post, renamed, then deleted while in use.
    let renamed = file("renamed.png").await;
    create(&app, e, "posts", featured("User", "published", renamed)).await;
    patch(
        &app,
        e,
        &format!("/api/v1/media/{renamed}"),
        json!({"title": "A better title"}),
    )
    .await;
    let gone = file("gone.png").await;
    let holder = create(&app, e, "posts", featured("Holder", "published", gone)).await;
    delete(&app, e, &format!("/api/v1/media/{gone}?force=true")).await;
    // A scheduled post's file appears when the post does.
    let of_scheduled = file("of-scheduled.png").await;
    let due = chrono::Utc::now() + chrono::Duration::milliseconds(1200);
    create(
        &app,
        e,
        "posts",
        json!({"title": "Embargoed", "status": "published", "featured_media": of_scheduled,
               "published_at": due.to_rfc3339()}),
    )
    .await;
    let (early, _) = feed(&app, None, Some(&head)).await;
    actix_web::rt::time::sleep(Duration::from_millis(1400)).await;

    let (anonymous, _) = feed(&app, None, Some(&head)).await;
    let media_of = |changes: &[Value]| -> Vec<Value> {
        changes
            .iter()
            .filter(|c| c["kind"] == "media")
            .cloned()
            .collect()
    };
    let res = app.get("/api/v1/media?per_page=100").send().await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let library: BTreeSet<(String, i64)> = res
        .ids()
        .into_iter()
        .map(|id| ("media".to_owned(), id))
        .collect();
    assert_eq!(replay(&media_of(&anonymous)), library);
    assert_eq!(replay(&anonymous), {
        let mut all = public_set(&app).await;
        all.extend(library.iter().cloned());
        all
    });
    for (id, public) in [
        (loose, true),
        (of_draft, true),
        (of_later, true),
        (of_trashed, false),
        (swapped, true),
        (taken, false),
        (renamed, true),
        (gone, false),
        (of_scheduled, true),
    ] {
        assert_eq!(library.contains(&("media".to_owned(), id)), public, "{id}");
    }
    let actions = |id: i64| -> Vec<String> {
        media_of(&anonymous)
            .iter()
            .filter(|c| c["id"] == id)
            .map(|c| c["action"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(actions(loose), ["created"]);
    assert_eq!(actions(of_draft), ["created", "unpublished", "published"]);
    assert_eq!(actions(of_later), ["created", "unpublished", "published"]);
    assert_eq!(actions(of_trashed), ["created", "unpublished"]);
    assert_eq!(actions(swapped), ["created", "unpublished", "published"]);
    assert_eq!(actions(taken), ["created", "unpublished"]);
    assert_eq!(actions(renamed), ["created", "updated"]);
    assert_eq!(actions(gone), ["created", "deleted"]);
    assert_eq!(
        actions(of_scheduled),
        ["created", "unpublished", "published"]
    );
    let early: Vec<&Value> = early
        .iter()
        .filter(|c| c["kind"] == "media" && c["id"] == of_scheduled)
        .collect();
    assert_eq!(
        early.last().unwrap()["action"],
        "unpublished",
        "the scheduled post's file appears only when the post does"
    );
    let named = media_of(&anonymous);
    let tombstone = named.iter().rev().find(|c| c["id"] == gone).unwrap();
    assert_eq!(
        tombstone["slug"], "gone.png",
        "a file is named by its file name"
    );
    // The post that lost its file changed for its readers.
    assert!(
        anonymous
            .iter()
            .any(|c| c["kind"] == "post" && c["id"] == holder && c["action"] == "updated"),
        "{anonymous:?}"
    );

    // Only media changes, when asked for.
    let res = app
        .get("/api/v1/changes?kind=media&per_page=1000")
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let only: Vec<Value> = res.json()["data"].as_array().unwrap().clone();
    assert!(only.iter().all(|c| c["kind"] == "media"));
    assert_eq!(replay(&only), library);
}
