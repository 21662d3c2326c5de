//! The resource library: types, tags, languages, publishers, documents and visibility.

use actix_web::http::StatusCode;
use headpress::users::Role;
use serde_json::{Value, json};

use crate::support::TestApp;

const PDF: &[u8] = include_bytes!(
    "../fixtures/wordpress/uploads/2021/02/public-procurement-and-human-rights-in-northern-ireland.pdf"
);

struct Library {
    app: TestApp,
    editor: String,
    guidance: i64,
    standards: i64,
    construction: i64,
}

async fn library() -> Library {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let guidance = app
        .create_term(&editor, "resource-types", json!({"name": "Guidance"}))
        .await["id"]
        .as_i64()
        .unwrap();
    let standards = app
        .create_term(
            &editor,
            "resource-types",
            json!({"name": "Standards & Codes of Conduct"}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let construction = app
        .create_term(&editor, "tags", json!({"name": "Construction"}))
        .await["id"]
        .as_i64()
        .unwrap();
    Library {
        app,
        editor,
        guidance,
        standards,
        construction,
    }
}

async fn resource(lib: &Library, body: Value) -> Value {
    let res = lib
        .app
        .post("/api/v1/resources")
        .bearer(&lib.editor)
        .json(&body)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    res.json()
}

async fn upload_pdf(lib: &Library) -> i64 {
    let boundary = "b0undary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"report.pdf\"\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(PDF);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let res = lib
        .app
        .post("/api/v1/media")
        .bearer(&lib.editor)
        .raw(&format!("multipart/form-data; boundary={boundary}"), body)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    res.json()["id"].as_i64().unwrap()
}

#[actix_web::test]
async fn a_resource_carries_its_own_members() {
    let lib = library().await;
    let doc = upload_pdf(&lib).await;
    let r = resource(
        &lib,
        json!({
            "title": "Guidance Tool for Construction Companies in the Middle East",
            "status": "published",
            "summary": "<p>A practical <b>tool</b> for companies.</p>",
            "resource_types": [lib.guidance, lib.standards],
            "tags": [lib.construction],
            "publisher": "Rights Lab, University of Nottingham",
            "language": "EN-gb",
            "external_url": "https://example.org/tool",
            "document": doc,
        }),
    )
    .await;
    assert_eq!(r["summary"], "A practical tool for companies.");
    assert_eq!(r["language"], "en-GB");
    assert_eq!(
        r["resource_types"],
        json!([lib.guidance, lib.standards]),
        "ordered by name"
    );
    assert_eq!(r["document"], doc);
    assert!(r["featured_media"].is_null());
    let full = lib
        .app
        .get(&format!(
            "/api/v1/resources/{}?include=resource_types,tags,document",
            r["id"]
        ))
        .send()
        .await
        .json();
    assert_eq!(full["embedded"]["document"]["mime_type"], "application/pdf");
    assert_eq!(full["embedded"]["tags"][0]["name"], "Construction");
    assert_eq!(
        full["embedded"]["resource_types"].as_array().unwrap().len(),
        2
    );
    let changed = lib
        .app
        .patch(&format!("/api/v1/resources/{}", r["id"]))
        .bearer(&lib.editor)
        .json(&json!({"document": null, "publisher": "ILO"}))
        .send()
        .await
        .json();
    assert!(changed["document"].is_null());
    assert_eq!(changed["publisher"], "ILO");
    assert_eq!(changed["language"], "en-GB", "members left out stay");
}

#[actix_web::test]
async fn resource_writes_are_validated() {
    let lib = library().await;
    let post = |body: Value| {
        let lib = &lib;
        async move {
            lib.app
                .post("/api/v1/resources")
                .bearer(&lib.editor)
                .json(&body)
                .send()
                .await
        }
    };
    let bad = [
        (
            json!({"title": "x", "resource_types": []}),
            "resource_types",
        ),
        (
            json!({"title": "x", "resource_types": [lib.guidance], "language": "english"}),
            "language",
        ),
        (
            json!({"title": "x", "resource_types": [lib.guidance], "external_url": "javascript:alert(1)"}),
            "external_url",
        ),
        (
            json!({"title": "x", "resource_types": [lib.construction]}),
            "resource_types[0]",
        ),
        (
            json!({"title": "x", "resource_types": [lib.guidance], "document": 999}),
            "document",
        ),
    ];
    for (body, field) in bad {
        let res = post(body.clone()).await;
        assert_eq!(
            res.problem(422, "validation_failed")["errors"][0]["field"],
            field,
            "{body}"
        );
    }
    let res = post(json!({"title": "no types"})).await;
    assert_eq!(
        res.problem(400, "invalid_body")["errors"][0]["field"],
        "resource_types"
    );
    let all = lib
        .app
        .get("/api/v1/resources?status=any")
        .bearer(&lib.editor)
        .send()
        .await
        .json();
    assert_eq!(all["meta"]["total"], 0, "nothing half written");
}

#[actix_web::test]
async fn resources_filter_by_type_tag_language_and_publisher() {
    let lib = library().await;
    let a = resource(&lib, json!({"title": "A", "status": "published", "resource_types": [lib.guidance], "tags": [lib.construction], "language": "en", "publisher": "ILO"})).await["id"].as_i64().unwrap();
    let b = resource(&lib, json!({"title": "B", "status": "published", "resource_types": [lib.standards], "language": "fr", "publisher": "Walk Free"})).await["id"].as_i64().unwrap();
    let c = resource(&lib, json!({"title": "C", "status": "published", "resource_types": [lib.guidance, lib.standards], "language": "pt-BR", "publisher": "ilo"})).await["id"].as_i64().unwrap();
    let ids = |q: &str| {
        let q = q.to_owned();
        let app = &lib.app;
        async move {
            let mut ids = app
                .get(&format!("/api/v1/resources?{q}"))
                .send()
                .await
                .ids();
            ids.sort();
            ids
        }
    };
    assert_eq!(ids("type=guidance").await, vec![a, c]);
    assert_eq!(
        ids("type=guidance,standards-codes-of-conduct").await,
        vec![a, b, c]
    );
    assert_eq!(
        ids("type=standards-codes-of-conduct&tag=construction").await,
        Vec::<i64>::new()
    );
    assert_eq!(ids("tag=construction").await, vec![a]);
    assert_eq!(ids("language=fr,pt-br").await, vec![b, c]);
    assert_eq!(ids("publisher=ILO").await, vec![a, c]);
    assert_eq!(ids("search=B").await.len(), 1);
    let res = lib
        .app
        .get("/api/v1/resources?language=klingon!")
        .send()
        .await;
    assert_eq!(
        res.problem(400, "invalid_query")["errors"][0]["field"],
        "language"
    );
    // Counts are per kind.
    lib.app
        .create_post(
            &lib.editor,
            json!({"title": "P", "status": "published", "tags": [lib.construction]}),
        )
        .await;
    let tag = lib
        .app
        .get(&format!("/api/v1/tags/{}", lib.construction))
        .send()
        .await
        .json();
    assert_eq!(tag["count"], 2);
    assert_eq!(tag["count_by_kind"], json!({"posts": 1, "resources": 1}));
    let types = lib.app.get("/api/v1/resource-types").send().await.json();
    let counts: Vec<i64> = types["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["count"].as_i64().unwrap())
        .collect();
    assert_eq!(counts, [2, 2]);
}

#[actix_web::test]
async fn unpublished_resources_and_their_documents_stay_hidden() {
    let lib = library().await;
    let doc = upload_pdf(&lib).await;
    let draft = resource(&lib, json!({"title": "Draft guide", "resource_types": [lib.guidance], "tags": [lib.construction], "document": doc})).await;
    let private = resource(
        &lib,
        json!({"title": "Private guide", "status": "private", "resource_types": [lib.guidance]}),
    )
    .await;
    let app = &lib.app;
    for r in [&draft, &private] {
        app.get(&format!("/api/v1/resources/{}", r["id"]))
            .send()
            .await
            .problem(404, "not_found");
    }
    assert!(
        app.get("/api/v1/resources?type=guidance")
            .send()
            .await
            .ids()
            .is_empty()
    );
    assert!(
        app.get("/api/v1/resources?tag=construction&include=document")
            .send()
            .await
            .ids()
            .is_empty()
    );
    app.get(&format!("/api/v1/media/{doc}"))
        .send()
        .await
        .problem(404, "not_found");
    assert!(app.get("/api/v1/media").send().await.ids().is_empty());
    let types = app
        .get(&format!("/api/v1/resource-types/{}", lib.guidance))
        .send()
        .await
        .json();
    assert_eq!(types["count"], 0);
    let media = app
        .get(&format!("/api/v1/media/{doc}"))
        .bearer(&lib.editor)
        .send()
        .await
        .json();
    let url = media["url"].as_str().unwrap();
    app.get(&url[url.find("/uploads/").unwrap()..])
        .send()
        .await
        .problem(404, "not_found");
}

#[actix_web::test]
async fn resource_types_nest_like_categories() {
    let lib = library().await;
    let child = lib
        .app
        .create_term(
            &lib.editor,
            "resource-types",
            json!({"name": "Toolkits", "parent": lib.guidance}),
        )
        .await;
    assert_eq!(child["parent"], lib.guidance);
    let res = lib
        .app
        .patch(&format!("/api/v1/resource-types/{}", lib.guidance))
        .bearer(&lib.editor)
        .json(&json!({"parent": child["id"]}))
        .send()
        .await;
    res.problem(422, "validation_failed");
    let (_, author) = lib.app.sign_in_as(Role::Author).await;
    lib.app
        .post("/api/v1/resource-types")
        .bearer(&author)
        .json(&json!({"name": "X"}))
        .send()
        .await
        .problem(403, "forbidden");
}

#[actix_web::test]
async fn the_demo_holds_the_four_seed_resources() {
    let app = TestApp::new().await;
    let seeded = app
        .db(|conn| headpress::demo::seed(conn, app.state.storage.as_ref()))
        .unwrap()
        .expect("seeded");
    assert_eq!(seeded.resources, 4);
    let list = app
        .get("/api/v1/resources?orderby=title&include=resource_types,document")
        .send()
        .await
        .json();
    let titles: Vec<&str> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Guidance Tool for Construction Companies in the Middle East",
            "Information for seasonal agricultural workers from the European Economic Area on your rights and support whilst in Scotland",
            "Nothing about us, without us",
            "Public Procurement and Human Rights in Northern Ireland",
        ]
    );
    let tool = &list["data"][0];
    let types: Vec<&str> = tool["embedded"]["resource_types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        ["Good Practices", "Guidance", "Standards & Codes of Conduct"]
    );
    assert_eq!(tool["embedded"]["document"]["mime_type"], "application/pdf");
    assert_eq!(tool["publisher"], "Rights Lab, University of Nottingham");
    let url = tool["embedded"]["document"]["url"].as_str().unwrap();
    let file = app.get(&url[url.find("/uploads/").unwrap()..]).send().await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(file.body.starts_with(b"%PDF"));
    let all_types = app.get("/api/v1/resource-types").send().await.json();
    assert_eq!(all_types["meta"]["total"], 4);
    let report = app
        .get("/api/v1/posts?slug=the-security-implications-of-human-trafficking")
        .send()
        .await;
    assert_eq!(report.ids().len(), 1);
    // Blocks, a reusable block and a field group on resources.
    assert_eq!(tool["fields"]["publication_year"], 2020);
    assert_eq!(tool["fields"]["countries"], json!(["BE", "IE", "FR", "GB"]));
    assert_eq!(tool["fields"]["is_featured"], false);
    let featured = app
        .get("/api/v1/resources?field.publication_year=2020")
        .send()
        .await;
    assert_eq!(featured.ids().len(), 2);
    let kilns = app
        .get("/api/v1/posts?slug=survivors-speak-out-on-debt-bondage-in-brick-kilns")
        .send()
        .await
        .json();
    let post = &kilns["data"][0];
    let reference = post["content"]["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["name"] == "core/block")
        .expect("a reusable block reference");
    let disclaimer = app
        .get("/api/v1/blocks?slug=disclaimer-external-resources")
        .send()
        .await;
    assert_eq!(reference["attrs"]["ref"], disclaimer.ids()[0]);
    assert!(!reference["inner_blocks"].as_array().unwrap().is_empty());
    assert_eq!(
        app.get("/api/v1/blocks").send().await.json()["meta"]["total"],
        5
    );
    // Seeding again does nothing.
    assert!(
        app.db(|conn| headpress::demo::seed(conn, app.state.storage.as_ref()))
            .unwrap()
            .is_none()
    );
}
