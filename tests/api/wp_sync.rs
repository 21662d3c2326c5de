//! `headpress sync wordpress`: live sync from a running WordPress, against a stand-in that
//! answers the REST API as WordPress does (`context=edit`, `_fields`, `include`, `status`
//! lists, paging with `X-WP-Total`/`X-WP-TotalPages`, Basic auth with an application
//! password), so that edits, trashing, deletions, outages and garbage can be staged.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use headpress::sync::{self, Store, SyncError, client};
use headpress::users::Role;
use serde_json::{Value, json};

use crate::support::TestApp;

const USER: &str = "admin";
const PASSWORD: &str = "abcd EFGH ijkl MNOP qrst UVWX";

/// What the stand-in WordPress holds.
#[derive(Default)]
struct Site {
    /// REST base -> id -> item as `context=edit` answers it.
    items: BTreeMap<String, BTreeMap<i64, Value>>,
    /// REST base of a taxonomy -> its terms.
    terms: BTreeMap<String, Vec<Value>>,
    users: Vec<Value>,
    /// Requests it got (path and query).
    log: Vec<String>,
    /// Requests whose path and query contain this are answered 500.
    failing: Option<String>,
    /// The index answers an HTML page.
    garbage: bool,
}

struct WordPress {
    url: String,
    site: Arc<Mutex<Site>>,
    handle: actix_web::dev::ServerHandle,
}

/// A one-pixel PNG, the file behind the media item.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

fn query_of(req: &HttpRequest) -> BTreeMap<String, String> {
    form_urlencoded::parse(req.query_string().as_bytes())
        .into_owned()
        .collect()
}

fn answer(site: &Mutex<Site>, url: &str, req: &HttpRequest) -> HttpResponse {
    let mut site = site.lock().unwrap();
    let path = req.path().to_owned();
    let logged = format!("{path}?{}", req.query_string());
    site.log.push(logged.clone());
    if site.failing.as_ref().is_some_and(|f| logged.contains(f)) {
        return HttpResponse::InternalServerError()
            .body("<h1>Error establishing a database connection</h1>");
    }
    if path.starts_with("/wp-content/uploads/") {
        return HttpResponse::Ok().content_type("image/png").body(PNG);
    }
    let expected = format!(
        "Basic {}",
        base64_encode(&format!("{USER}:{}", PASSWORD.replace(' ', "")))
    );
    let authorized = req
        .headers()
        .get("authorization")
        .is_some_and(|v| v.as_bytes() == expected.as_bytes());
    if !authorized {
        return HttpResponse::Unauthorized().json(json!({
            "code": "incorrect_password",
            "message": "The provided password is an invalid application password.",
            "data": {"status": 401}
        }));
    }
    let q = query_of(req);
    if q.get("context").map(String::as_str) != Some("edit") && path != "/wp-json/" {
        return HttpResponse::BadRequest().finish();
    }
    match path.as_str() {
        "/wp-json/" => {
            if site.garbage {
                return HttpResponse::Ok()
                    .content_type("text/html")
                    .body("<html><body>Maintenance</body></html>");
            }
            HttpResponse::Ok().json(json!({
                "name": "Resource hub", "url": url, "home": url, "gmt_offset": 0,
                "timezone_string": "UTC", "namespaces": ["oembed/1.0", "wp/v2"]
            }))
        }
        "/wp-json/wp/v2/types" => HttpResponse::Ok().json(json!({
            "post": {"slug": "post", "rest_base": "posts"},
            "page": {"slug": "page", "rest_base": "pages"},
            "attachment": {"slug": "attachment", "rest_base": "media"},
            "wp_block": {"slug": "wp_block", "rest_base": "blocks"},
            "resource": {"slug": "resource", "rest_base": "resources"},
            "ai1ec_event": {"slug": "ai1ec_event", "rest_base": "events"}
        })),
        "/wp-json/wp/v2/taxonomies" => HttpResponse::Ok().json(json!({
            "category": {"slug": "category", "rest_base": "categories"},
            "post_tag": {"slug": "post_tag", "rest_base": "tags"},
            "resource_type": {"slug": "resource_type", "rest_base": "resource_type"}
        })),
        _ => {
            let base = path.trim_start_matches("/wp-json/wp/v2/").to_owned();
            let list: Vec<Value> = if base == "users" {
                site.users.clone()
            } else if let Some(terms) = site.terms.get(&base) {
                terms.clone()
            } else if let Some(items) = site.items.get(&base) {
                let statuses: Vec<&str> = q
                    .get("status")
                    .map_or(vec!["publish"], |s| s.split(',').collect());
                let include: Option<Vec<i64>> = q
                    .get("include")
                    .map(|s| s.split(',').filter_map(|i| i.parse().ok()).collect());
                items
                    .values()
                    .filter(|v| statuses.contains(&v["status"].as_str().unwrap()))
                    .filter(|v| {
                        include
                            .as_ref()
                            .is_none_or(|i| i.contains(&v["id"].as_i64().unwrap()))
                    })
                    .cloned()
                    .collect()
            } else {
                return HttpResponse::NotFound().json(json!({
                    "code": "rest_no_route", "message": "No route was found", "data": {"status": 404}
                }));
            };
            let per_page: usize = q.get("per_page").and_then(|p| p.parse().ok()).unwrap_or(10);
            assert!(per_page <= 100, "WordPress refuses per_page over 100");
            let page: usize = q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
            let total = list.len();
            let pages = total.div_ceil(per_page).max(1);
            let fields: Option<Vec<&str>> = q.get("_fields").map(|f| f.split(',').collect());
            let shown: Vec<Value> = list
                .into_iter()
                .skip((page - 1) * per_page)
                .take(per_page)
                .map(|v| match &fields {
                    Some(f) => Value::Object(
                        v.as_object()
                            .unwrap()
                            .iter()
                            .filter(|(k, _)| f.contains(&k.as_str()))
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect(),
                    ),
                    None => v,
                })
                .collect();
            HttpResponse::Ok()
                .insert_header(("X-WP-Total", total.to_string()))
                .insert_header(("X-WP-TotalPages", pages.to_string()))
                .json(shown)
        }
    }
}

fn base64_encode(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(s)
}

impl WordPress {
    /// A site at a loopback port that calls itself `url` (the address its export names,
    /// so that sync and an import of the export are one source), or its own address.
    async fn start(site: Site, url: Option<&str>) -> WordPress {
        let site = Arc::new(Mutex::new(site));
        let shared = site.clone();
        let named: Arc<Mutex<String>> = Arc::new(Mutex::new(url.unwrap_or("").to_owned()));
        let name = named.clone();
        let server = HttpServer::new(move || {
            let site = shared.clone();
            let name = name.clone();
            App::new().default_service(web::to(move |req: HttpRequest| {
                let site = site.clone();
                let name = name.lock().unwrap().clone();
                async move { answer(&site, &name, &req) }
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
        let own = format!("http://{addr}");
        if url.is_none() {
            *named.lock().unwrap() = own.clone();
        }
        WordPress {
            url: own,
            site,
            handle,
        }
    }

    fn client(&self, password: &str) -> client::Client {
        client::Client::new(
            client::Site {
                url: self.url.clone(),
                user: USER.into(),
                app_password: password.into(),
            },
            Duration::from_secs(5),
        )
        .with_pause(Duration::from_millis(5))
    }

    async fn sync(&self, app: &TestApp) -> Result<sync::Report, SyncError> {
        let store = Store::State(app.state.clone());
        let client = self.client(PASSWORD);
        sync::run(&client, &store, &mut |_| {}).await
    }

    fn edit(&self, f: impl FnOnce(&mut Site)) {
        f(&mut self.site.lock().unwrap());
    }

    /// The requests since the last call.
    fn requests(&self) -> Vec<String> {
        std::mem::take(&mut self.site.lock().unwrap().log)
    }
}

impl Drop for WordPress {
    fn drop(&mut self) {
        let handle = self.handle.clone();
        actix_web::rt::spawn(async move { handle.stop(false).await });
    }
}

/// A post as WordPress answers it with `context=edit`.
fn post(id: i64, title: &str, status: &str, modified: &str) -> Value {
    json!({
        "id": id, "type": "post", "status": status, "author": 1,
        "date": "2024-03-05T09:30:00", "date_gmt": "2024-03-05T09:30:00",
        "modified": modified, "modified_gmt": modified,
        "slug": title.to_lowercase().replace(' ', "-"), "generated_slug": "",
        "title": {"raw": title, "rendered": title},
        "content": {"raw": format!("<!-- wp:paragraph -->\n<p>{title}, in full.</p>\n<!-- /wp:paragraph -->"),
                    "rendered": ""},
        "excerpt": {"raw": "", "rendered": ""},
        "featured_media": 0, "sticky": false, "template": "", "format": "standard",
        "meta": [], "categories": [2], "tags": [], "password": ""
    })
}

fn page(id: i64, title: &str, parent: i64, order: i64) -> Value {
    let mut p = post(id, title, "publish", "2024-03-05T09:30:00");
    p["type"] = json!("page");
    p["parent"] = json!(parent);
    p["menu_order"] = json!(order);
    let p = p.as_object_mut().unwrap();
    p.remove("categories");
    p.remove("tags");
    p.remove("sticky");
    json!(p)
}

/// A small site: a category and a tag, an author, a picture, a reusable block, posts
/// (one draft, one private, one using the block and the picture), a page under another
/// (the child first by id), a resource and an event.
fn small_site() -> Site {
    let mut site = Site {
        users: vec![json!({
            "id": 1, "username": "editor1", "name": "Ada Editor", "email": "ada@example.org",
            "first_name": "Ada", "last_name": "Editor", "slug": "editor1"
        })],
        ..Site::default()
    };
    site.terms.insert(
        "categories".into(),
        vec![json!({"id": 2, "slug": "news", "name": "News", "description": "", "parent": 0})],
    );
    site.terms.insert(
        "tags".into(),
        vec![json!({"id": 7, "slug": "forced-labour", "name": "Forced labour", "description": "", "parent": 0})],
    );
    site.terms.insert(
        "resource_type".into(),
        vec![json!({"id": 9, "slug": "guidance", "name": "Guidance", "description": "", "parent": 0})],
    );
    let mut items: BTreeMap<String, BTreeMap<i64, Value>> = BTreeMap::new();
    let mut put = |base: &str, v: Value| {
        items
            .entry(base.into())
            .or_default()
            .insert(v["id"].as_i64().unwrap(), v);
    };
    put(
        "media",
        json!({
            "id": 30, "type": "attachment", "status": "inherit", "author": 1,
            "date": "2024-01-02T10:00:00", "date_gmt": "2024-01-02T10:00:00",
            "modified": "2024-01-02T10:00:00", "modified_gmt": "2024-01-02T10:00:00",
            "slug": "pixel", "title": {"raw": "A pixel"}, "caption": {"raw": "One pixel"},
            "description": {"raw": ""}, "alt_text": "a red pixel",
            "source_url": "{URL}/wp-content/uploads/2024/01/pixel.png",
            "media_details": {"file": "2024/01/pixel.png"}, "post": 0
        }),
    );
    put(
        "blocks",
        json!({
            "id": 40, "type": "wp_block", "status": "publish", "author": 1,
            "date": "2024-01-02T10:00:00", "date_gmt": "2024-01-02T10:00:00",
            "modified": "2024-01-02T10:00:00", "modified_gmt": "2024-01-02T10:00:00",
            "slug": "call-to-action", "title": {"raw": "Call to action"},
            "content": {"raw": "<!-- wp:paragraph -->\n<p>Sign the pledge.</p>\n<!-- /wp:paragraph -->"},
            "excerpt": {"raw": ""}, "meta": []
        }),
    );
    let mut with_block = post(11, "Supply chains", "publish", "2024-03-05T09:30:00");
    with_block["content"]["raw"] = json!(
        "<!-- wp:paragraph -->\n<p>Supply chains.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:block {\"ref\":40} /-->"
    );
    with_block["featured_media"] = json!(30);
    with_block["tags"] = json!([7]);
    put("posts", with_block);
    put(
        "posts",
        post(12, "Draft notes", "draft", "2024-03-06T09:30:00"),
    );
    put(
        "posts",
        post(13, "Board minutes", "private", "2024-03-07T09:30:00"),
    );
    put(
        "posts",
        post(14, "Annual report", "publish", "2024-03-08T09:30:00"),
    );
    put("pages", page(20, "Team", 21, 2));
    put("pages", page(21, "About", 0, 1));
    let mut resource = post(50, "Due diligence guide", "publish", "2024-02-01T09:30:00");
    resource["type"] = json!("resource");
    resource["resource_type"] = json!([9]);
    resource["excerpt"] = json!({"raw": "How to look for forced labour in supply chains."});
    resource["acf"] = json!({"publisher": "OECD", "external_url": "https://example.org/guide"});
    resource.as_object_mut().unwrap().remove("categories");
    put("resources", resource);
    let mut event = post(60, "Training", "publish", "2024-02-01T09:30:00");
    event["type"] = json!("ai1ec_event");
    event["meta"] = json!({"start": "2025-01-10T09:30:00", "end": "2025-01-10T11:30:00",
        "all_day": false, "venue": "Online (Zoom)", "timezone": "Europe/London"});
    event.as_object_mut().unwrap().remove("categories");
    put("events", event);
    site.items = items;
    site
}

async fn started() -> (TestApp, WordPress) {
    let app = TestApp::new().await;
    let wp = small_wordpress().await;
    (app, wp)
}

/// The small site, served.
async fn small_wordpress() -> WordPress {
    let wp = WordPress::start(small_site(), None).await;
    let url = wp.url.clone();
    wp.edit(|s| {
        let media = s.items.get_mut("media").unwrap().get_mut(&30).unwrap();
        let src = media["source_url"].as_str().unwrap().replace("{URL}", &url);
        media["source_url"] = json!(src);
    });
    wp
}

/// `app` with the small site synced into it (for the OpenAPI examples); the site keeps
/// serving while the returned value lives.
pub(crate) async fn synced_into(app: &TestApp) -> impl Drop {
    let wp = small_wordpress().await;
    wp.sync(app).await.expect("synced");
    wp
}

/// The headpress id of the item with a slug, as an administrator sees it.
async fn find(app: &TestApp, token: &str, collection: &str, slug: &str) -> Option<Value> {
    let res = app
        .get(&format!("/api/v1/{collection}?slug={slug}&status=any"))
        .bearer(token)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    res.json()["data"].as_array().unwrap().first().cloned()
}

#[actix_web::test]
async fn the_first_run_copies_the_site_and_keeps_drafts_from_anonymous_readers() {
    let (app, wp) = started().await;
    let report = wp.sync(&app).await.expect("synced");
    assert_eq!(report.fetched, 10, "every item: {report:?}");
    assert_eq!(report.deleted, 0);
    let (_, admin) = app.sign_in_as(Role::Admin).await;

    let post = find(&app, &admin, "posts", "supply-chains")
        .await
        .expect("post");
    assert_eq!(post["title"], "Supply chains");
    assert_eq!(post["status"], "published");
    assert_eq!(post["published_at"], "2024-03-05T09:30:00Z");
    let media = post["featured_media"]
        .as_i64()
        .expect("the picture, downloaded");
    let m = app.get(&format!("/api/v1/media/{media}")).send().await;
    assert_eq!(m.status, StatusCode::OK);
    assert_eq!(m.json()["alt_text"], "a red pixel");
    let file = app
        .get(
            m.json()["url"]
                .as_str()
                .unwrap()
                .trim_start_matches("http://localhost:8080"),
        )
        .send()
        .await;
    assert_eq!(
        file.status,
        StatusCode::OK,
        "the file is served from headpress"
    );
    assert_eq!(file.body, PNG);
    let html = post["content"]["html"].as_str().unwrap();
    assert!(
        html.contains("Sign the pledge."),
        "the reusable block: {html}"
    );
    let author = app
        .get(&format!("/api/v1/users/{}", post["author"]))
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(author.json()["username"], "editor1");

    // Drafts and private items come, and stay hidden from anonymous readers.
    let draft = find(&app, &admin, "posts", "draft-notes")
        .await
        .expect("draft");
    assert_eq!(draft["status"], "draft");
    let private = find(&app, &admin, "posts", "board-minutes")
        .await
        .expect("private");
    assert_eq!(private["status"], "private");
    let public = app.get("/api/v1/posts").send().await;
    let titles: Vec<String> = public.json()["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(titles, ["Annual report", "Supply chains"]);
    let wp_api = app.get("/wp-json/wp/v2/posts").send().await;
    assert_eq!(wp_api.header("x-wp-total").as_deref(), Some("2"));
    assert_eq!(wp_api.json()[0]["id"], 14, "WordPress's ids on its prefix");

    // The child page came before its parent, and still has it.
    let team = find(&app, &admin, "pages", "team").await.expect("page");
    let about = find(&app, &admin, "pages", "about").await.expect("parent");
    assert_eq!(team["parent"], about["id"]);
    let res = app.get("/api/v1/pages?path=about/team").send().await;
    assert_eq!(res.json()["data"][0]["id"], team["id"], "{}", res.text());

    let resource = find(&app, &admin, "resources", "due-diligence-guide")
        .await
        .expect("resource");
    assert_eq!(
        resource["summary"],
        "How to look for forced labour in supply chains."
    );
    assert_eq!(resource["publisher"], "OECD");
    assert_eq!(resource["external_url"], "https://example.org/guide");
    assert_eq!(resource["resource_types"].as_array().unwrap().len(), 1);
    let event = find(&app, &admin, "events", "training")
        .await
        .expect("event");
    assert_eq!(event["starts_at"], "2025-01-10T09:30:00");
    assert_eq!(event["timezone"], "Europe/London");
    assert_eq!(event["venue"]["name"], "Online (Zoom)");

    let status = app
        .get("/api/v1/sync/wordpress")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(status.status, StatusCode::OK, "{}", status.text());
    let site = &status.json()["data"][0];
    assert_eq!(site["url"], wp.url);
    assert_eq!(site["last_error"], Value::Null);
    assert_eq!(
        site["items"], 9,
        "posts, pages, the resource, the event and the block"
    );
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    app.get("/api/v1/sync/wordpress")
        .bearer(&editor)
        .send()
        .await
        .problem(403, "forbidden");
}

#[actix_web::test]
async fn a_run_with_no_change_lists_ids_and_fetches_nothing() {
    let (app, wp) = started().await;
    wp.sync(&app).await.expect("synced");
    wp.requests();
    let report = wp.sync(&app).await.expect("synced again");
    assert_eq!((report.fetched, report.deleted), (0, 0));
    let requests = wp.requests();
    // The index, types, taxonomies, 3 term lists, users and 6 id lists.
    assert_eq!(requests.len(), 13, "{requests:#?}");
    assert!(
        requests
            .iter()
            .filter(|r| r.contains("status="))
            .all(|r| r.contains("_fields=id%2Cmodified_gmt%2Cstatus")),
        "only ids and stamps are listed: {requests:#?}"
    );
    assert!(
        report
            .summary
            .kinds
            .values()
            .all(|t| t.created + t.updated == 0),
        "{:?}",
        report.summary
    );
}

#[actix_web::test]
async fn edits_trashing_and_deletions_in_wordpress_arrive_in_one_run() {
    let (app, wp) = started().await;
    wp.sync(&app).await.expect("synced");
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let report_id = find(&app, &admin, "posts", "annual-report").await.unwrap()["id"].clone();
    wp.edit(|s| {
        let posts = s.items.get_mut("posts").unwrap();
        let p = posts.get_mut(&14).unwrap();
        p["title"]["raw"] = json!("Annual report 2024");
        p["modified_gmt"] = json!("2024-04-01T08:00:00");
        let draft = posts.get_mut(&12).unwrap();
        draft["status"] = json!("publish");
        draft["modified_gmt"] = json!("2024-04-01T08:00:00");
        let trashed = posts.get_mut(&11).unwrap();
        trashed["status"] = json!("trash");
        trashed["modified_gmt"] = json!("2024-04-01T08:00:00");
        posts.remove(&13);
        s.items.get_mut("events").unwrap().remove(&60);
        // A tag deleted in wp-admin: WordPress changes no item's `modified_gmt`.
        s.terms.get_mut("tags").unwrap().retain(|t| t["id"] != 7);
    });
    let tagged = app
        .get("/api/v1/tags?slug=forced-labour")
        .send()
        .await
        .json();
    assert_eq!(
        tagged["data"][0]["count"], 1,
        "carried by one item: {tagged}"
    );
    wp.requests();
    let report = wp.sync(&app).await.expect("synced");
    assert_eq!(report.fetched, 3, "only what changed: {report:?}");
    assert_eq!(report.deleted, 2);
    assert_eq!(report.terms_deleted, 1);
    let tags = app
        .get("/api/v1/tags?slug=forced-labour")
        .send()
        .await
        .json();
    assert_eq!(tags["data"], json!([]), "the tag went too");
    let categories = app.get("/api/v1/categories?slug=news").send().await.json();
    assert_eq!(
        categories["data"].as_array().unwrap().len(),
        1,
        "the others stay"
    );

    let edited = app.get(&format!("/api/v1/posts/{report_id}")).send().await;
    assert_eq!(
        edited.json()["title"],
        "Annual report 2024",
        "updated in place, same id"
    );
    let published = find(&app, &admin, "posts", "draft-notes").await.unwrap();
    assert_eq!(published["status"], "published");
    let trashed = app
        .get("/api/v1/posts?slug=supply-chains&status=trash")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(
        trashed.json()["data"][0]["status"],
        "trash",
        "{}",
        trashed.text()
    );
    assert!(
        find(&app, &admin, "posts", "board-minutes").await.is_none(),
        "deleted"
    );
    assert!(
        find(&app, &admin, "events", "training").await.is_none(),
        "deleted"
    );
    let titles: Vec<String> = app.get("/api/v1/posts").send().await.json()["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(titles, ["Annual report 2024", "Draft notes"]);
}

#[actix_web::test]
async fn synced_items_are_read_only_until_detached() {
    let (app, wp) = started().await;
    wp.sync(&app).await.expect("synced");
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let id = find(&app, &admin, "posts", "annual-report").await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let res = app
        .patch(&format!("/api/v1/posts/{id}"))
        .bearer(&admin)
        .json(&json!({"title": "Changed here"}))
        .send()
        .await;
    let problem = res.problem(409, "conflict");
    assert!(
        problem["detail"].as_str().unwrap().contains(&wp.url),
        "names the site: {problem}"
    );
    app.delete(&format!("/api/v1/posts/{id}"))
        .bearer(&admin)
        .send()
        .await
        .problem(409, "conflict");

    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let detach = json!({"collection": "posts", "id": id});
    app.post("/api/v1/sync/wordpress/detach")
        .bearer(&editor)
        .json(&detach)
        .send()
        .await
        .problem(403, "forbidden");
    let res = app
        .post("/api/v1/sync/wordpress/detach")
        .bearer(&admin)
        .json(&detach)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.text());
    app.post("/api/v1/sync/wordpress/detach")
        .bearer(&admin)
        .json(&detach)
        .send()
        .await
        .problem(409, "conflict");
    app.post("/api/v1/sync/wordpress/detach")
        .bearer(&admin)
        .json(&json!({"collection": "posts", "id": 999_999}))
        .send()
        .await
        .problem(404, "not_found");
    let res = app
        .patch(&format!("/api/v1/posts/{id}"))
        .bearer(&admin)
        .json(&json!({"title": "Changed here"}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());

    // WordPress changes and then deletes it: headpress keeps its own.
    wp.edit(|s| {
        let p = s.items.get_mut("posts").unwrap().get_mut(&14).unwrap();
        p["title"]["raw"] = json!("Changed there");
        p["modified_gmt"] = json!("2024-05-01T08:00:00");
    });
    let report = wp.sync(&app).await.expect("synced");
    assert_eq!(report.fetched, 0);
    wp.edit(|s| {
        s.items.get_mut("posts").unwrap().remove(&14);
    });
    let report = wp.sync(&app).await.expect("synced");
    assert_eq!(report.deleted, 0);
    let kept = app.get(&format!("/api/v1/posts/{id}")).send().await;
    assert_eq!(kept.json()["title"], "Changed here");
    let status = app
        .get("/api/v1/sync/wordpress")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(status.json()["data"][0]["detached"], 1);
}

#[actix_web::test]
async fn a_run_cut_short_keeps_what_it_wrote_and_the_next_carries_on() {
    let (app, wp) = started().await;
    // Posts cannot be fetched: every try fails (the listing still works).
    wp.edit(|s| s.failing = Some("posts?context=edit&include".into()));
    let err = wp
        .sync(&app)
        .await
        .expect_err("the posts could not be read");
    assert!(matches!(err, SyncError::Unreachable(_)), "{err:?}");
    assert!(err.to_string().contains("500"), "{err}");
    let tries = wp
        .requests()
        .iter()
        .filter(|r| r.contains("include"))
        .filter(|r| r.starts_with("/wp-json/wp/v2/posts"))
        .count();
    assert_eq!(tries, 4, "tried again with backoff");
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    assert!(
        find(&app, &admin, "pages", "team").await.is_some(),
        "earlier batches stay"
    );
    assert!(find(&app, &admin, "posts", "annual-report").await.is_none());
    let status = app
        .get("/api/v1/sync/wordpress")
        .bearer(&admin)
        .send()
        .await;
    let error = status.json()["data"][0]["last_error"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(error.contains("500"), "{error}");

    wp.edit(|s| s.failing = None);
    let report = wp.sync(&app).await.expect("synced");
    assert_eq!(report.fetched, 4, "only the posts left: {report:?}");
    assert!(find(&app, &admin, "posts", "annual-report").await.is_some());
    let status = app
        .get("/api/v1/sync/wordpress")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(status.json()["data"][0]["last_error"], Value::Null);
}

#[actix_web::test]
async fn wrong_credentials_and_garbage_are_clear_errors_that_write_nothing() {
    let (app, wp) = started().await;
    let store = Store::State(app.state.clone());
    let err = sync::run(&wp.client("wrong password"), &store, &mut |_| {})
        .await
        .expect_err("refused");
    assert!(matches!(err, SyncError::Refused(_)), "{err:?}");
    assert!(err.to_string().contains("application password"), "{err}");

    wp.edit(|s| s.garbage = true);
    let err = wp.sync(&app).await.expect_err("not WordPress");
    assert!(matches!(err, SyncError::Garbage(_)), "{err:?}");
    assert!(err.to_string().contains("not JSON"), "{err}");

    let nobody = client::Client::new(
        client::Site {
            url: "http://127.0.0.1:9".into(),
            user: USER.into(),
            app_password: PASSWORD.into(),
        },
        Duration::from_secs(1),
    )
    .with_pause(Duration::from_millis(1));
    let err = sync::run(&nobody, &store, &mut |_| {})
        .await
        .expect_err("down");
    assert!(matches!(err, SyncError::Unreachable(_)), "{err:?}");
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    assert!(find(&app, &admin, "posts", "annual-report").await.is_none());
}

#[actix_web::test]
async fn a_sync_after_an_import_of_the_export_updates_the_same_items() {
    let app = TestApp::new().await;
    crate::wordpress::import_fixture(&app);
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let slug = "the-security-implications-of-human-trafficking";
    let imported = find(&app, &admin, "posts", slug).await.expect("imported");
    // The site the export came from, now with one post left, edited.
    let mut site = small_site();
    let mut edited = post(
        9,
        "The Security Implications of Human Trafficking",
        "publish",
        "2026-11-30T10:00:00",
    );
    edited["slug"] = json!(slug);
    edited["title"]["raw"] = json!("Human trafficking and security");
    for (base, items) in site.items.iter_mut() {
        items.clear();
        if base == "posts" {
            items.insert(9, edited.clone());
        }
    }
    let wp = WordPress::start(site, Some("http://127.0.0.1:8081")).await;
    let report = wp.sync(&app).await.expect("synced");
    assert_eq!(report.fetched, 1);
    let synced = find(&app, &admin, "posts", slug)
        .await
        .expect("still there");
    assert_eq!(
        synced["id"], imported["id"],
        "the imported item, not a copy"
    );
    assert_eq!(synced["title"], "Human trafficking and security");
    let res = app.get("/wp-json/wp/v2/posts/9").send().await;
    assert_eq!(
        res.json()["title"]["rendered"],
        "Human trafficking and security"
    );
    // Posts and pages the site no longer has are gone; kinds it did not list stay.
    let posts = app
        .get("/api/v1/posts?status=any")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(posts.header("x-total-count").as_deref(), Some("1"));
    let pages = app
        .get("/api/v1/pages?status=any")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(pages.header("x-total-count").as_deref(), Some("0"));
    assert!(report.deleted >= 112, "{report:?}");
}

#[actix_web::test]
async fn serve_keeps_in_step_and_one_run_at_a_time_holds_the_site() {
    let (app, wp) = started().await;
    // Two runs at once: the second finds the site taken.
    let store = Store::State(app.state.clone());
    let (a, b) = (wp.client(PASSWORD), wp.client(PASSWORD));
    let (first, second) = futures_util::future::join(
        sync::run(&a, &store, &mut |_| {}),
        sync::run(&b, &store, &mut |_| {}),
    )
    .await;
    let busy = [&first, &second]
        .iter()
        .filter(|r| matches!(r, Err(SyncError::Busy(_))))
        .count();
    assert_eq!(busy, 1, "{first:?} / {second:?}");
    assert!(first.is_ok() || second.is_ok());

    // An anonymous reader's answer, kept in the response cache.
    let before = app.get("/api/v1/posts?slug=annual-report").send().await;
    assert_eq!(before.json()["data"][0]["title"], "Annual report");

    // `serve` with the site set runs sync at once, then every interval.
    wp.edit(|s| {
        let p = s.items.get_mut("posts").unwrap().get_mut(&14).unwrap();
        p["title"]["raw"] = json!("Annual report, revised");
        p["modified_gmt"] = json!("2024-06-01T08:00:00");
    });
    let settings = sync::Settings {
        site: client::Site {
            url: wp.url.clone(),
            user: USER.into(),
            app_password: PASSWORD.into(),
        },
        interval: Duration::from_secs(3600),
        timeout: Duration::from_secs(5),
    };
    sync::spawn(app.state.clone(), settings);
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let mut title = Value::Null;
    for _ in 0..100 {
        title = find(&app, &admin, "posts", "annual-report").await.unwrap()["title"].clone();
        if title == "Annual report, revised" {
            break;
        }
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(title, "Annual report, revised");
    // The cached answer is not served after it: the write went through the server's state.
    let res = app.get("/api/v1/posts?slug=annual-report").send().await;
    assert_eq!(res.json()["data"][0]["title"], "Annual report, revised");
}
