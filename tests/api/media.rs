//! Media: uploads checked by their bytes, files served with caching and ranges, and
//! visibility that follows the items using them.

use actix_web::http::StatusCode;
use headpress::users::Role;
use serde_json::json;
use sha2::Digest;

use crate::support::{Res, TestApp};

pub(crate) const PNG: &[u8] =
    include_bytes!("../fixtures/wordpress/uploads/2019/06/about-us-hero.png");
const PDF: &[u8] = include_bytes!(
    "../fixtures/wordpress/uploads/2019/10/the-security-implications-of-human-trafficking-report.pdf"
);

/// A multipart/form-data body: (part name, file name, bytes).
pub(crate) fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----headpress-test-boundary";
    let mut body = Vec::new();
    for (name, file, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(f) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: image/png\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes()),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

pub(crate) async fn upload(
    app: &TestApp,
    token: &str,
    parts: &[(&str, Option<&str>, &[u8])],
) -> Res {
    let (content_type, body) = multipart(parts);
    app.post("/api/v1/media")
        .bearer(token)
        .raw(&content_type, body)
        .send()
        .await
}

/// The path part of a media `url`.
fn path_of(url: &serde_json::Value) -> String {
    let url = url.as_str().unwrap();
    url[url.find("/uploads/").unwrap()..].to_owned()
}

#[actix_web::test]
async fn an_image_upload_is_stored_described_and_served() {
    let app = TestApp::new().await;
    let (author_id, author) = app.sign_in_as(Role::Author).await;
    let res = upload(
        &app,
        &author,
        &[
            ("file", Some("About Us Hero.png"), PNG),
            ("title", None, b"About us"),
            ("alt_text", None, b"A hero image"),
        ],
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    assert!(res.header("location").unwrap().contains("/api/v1/media/"));
    let m = res.json();
    assert_eq!(m["mime_type"], "image/png");
    assert_eq!(
        (m["width"].as_i64(), m["height"].as_i64()),
        (Some(1200), Some(400))
    );
    assert_eq!(m["size"], PNG.len());
    let digest: String = sha2::Sha256::digest(PNG)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(m["sha256"], digest);
    assert_eq!(m["title"], "About us");
    assert_eq!(m["alt_text"], "A hero image");
    assert_eq!(m["file_name"], "about-us-hero.png");
    assert_eq!(m["author"], author_id);
    let path = path_of(&m["url"]);
    assert!(path.starts_with("/uploads/20"), "{path}");

    let file = app.get(&path).send().await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.body, PNG);
    assert_eq!(file.header("content-type").as_deref(), Some("image/png"));
    assert!(file.header("etag").is_some());
    assert!(file.header("last-modified").is_some());
    assert_eq!(
        file.header("cache-control").as_deref(),
        Some("public, max-age=31536000, immutable")
    );

    let part = app.get(&path).header("range", "bytes=0-9").send().await;
    assert_eq!(part.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(part.body, &PNG[..10]);
    assert_eq!(
        part.header("content-range"),
        Some(format!("bytes 0-9/{}", PNG.len()))
    );

    let download = app.get(&format!("{path}?download=1")).send().await;
    assert!(
        download
            .header("content-disposition")
            .unwrap()
            .starts_with("attachment")
    );

    let etag = file.header("etag").unwrap();
    let again = app.get(&path).header("if-none-match", &etag).send().await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
}

#[actix_web::test]
async fn the_type_comes_from_the_bytes_not_the_name() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let res = upload(&app, &editor, &[("file", Some("photo.png"), PDF)]).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let m = res.json();
    assert_eq!(m["mime_type"], "application/pdf");
    assert_eq!(m["file_name"], "photo.pdf");
    assert!(m["width"].is_null());

    let exe =
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00rest of a windows program";
    upload(&app, &editor, &[("file", Some("report.pdf"), exe)])
        .await
        .problem(415, "unsupported_media_type");
    let html = b"<!DOCTYPE html><html><script>alert(1)</script></html>";
    upload(&app, &editor, &[("file", Some("notes.txt"), html)])
        .await
        .problem(415, "unsupported_media_type");
    let csv = upload(
        &app,
        &editor,
        &[("file", Some("data.csv"), b"country,count\nUK,3\n")],
    )
    .await
    .json();
    assert_eq!(csv["mime_type"], "text/csv");
}

#[actix_web::test]
async fn names_cannot_escape_the_uploads_folder() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let res = upload(
        &app,
        &editor,
        &[(
            "file",
            Some("../../etc/passwd"),
            b"root:x:0:0:root:/root:/bin/bash\n",
        )],
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let m = res.json();
    assert_eq!(m["file_name"], "passwd.txt");
    let path = path_of(&m["url"]);
    assert!(!path.contains(".."), "{path}");
    let data = app.state.config.data_dir.clone();
    let stored = data
        .join("uploads")
        .join(path.trim_start_matches("/uploads/"));
    assert!(stored.is_file(), "{}", stored.display());
    assert!(!data.join("etc").exists() && !data.parent().unwrap().join("etc/passwd").exists());
    // Paths that try to climb are not files.
    app.get("/uploads/..%2F..%2Fetc/passwd/x")
        .send()
        .await
        .problem(404, "not_found");
}

#[actix_web::test]
async fn uploads_are_checked() {
    let app = TestApp::with_config(|c| c.max_upload = 1024).await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    upload(&app, &editor, &[("file", Some("big.png"), PNG)])
        .await
        .problem(413, "payload_too_large");
    let (ct, body) = multipart(&[("file", Some("x.txt"), b"hello")]);
    app.post("/api/v1/media")
        .raw(&ct, body)
        .send()
        .await
        .problem(401, "unauthorized");
    let res = upload(&app, &editor, &[("title", None, b"no file")]).await;
    assert_eq!(
        res.problem(422, "validation_failed")["errors"][0]["field"],
        "file"
    );
    let res = upload(
        &app,
        &editor,
        &[("file", Some("x.txt"), b"hello"), ("colour", None, b"red")],
    )
    .await;
    assert_eq!(
        res.problem(400, "invalid_body")["errors"][0]["field"],
        "colour"
    );
    upload(&app, &editor, &[("file", Some("empty.txt"), b"")])
        .await
        .problem(422, "validation_failed");
    let res = app
        .post("/api/v1/media")
        .bearer(&editor)
        .json(&json!({"file": "x"}))
        .send()
        .await;
    res.problem(415, "unsupported_media_type");
    // Nothing was stored by any of these.
    let list = app.get("/api/v1/media").bearer(&editor).send().await.json();
    assert_eq!(list["meta"]["total"], 0);
}

#[actix_web::test]
async fn media_lists_filter_and_change() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let (_, author) = app.sign_in_as(Role::Author).await;
    let png = upload(&app, &editor, &[("file", Some("hero.png"), PNG)])
        .await
        .json();
    let pdf = upload(&app, &editor, &[("file", Some("annual-report.pdf"), PDF)])
        .await
        .json();
    let ids = |res: Res| res.ids();
    assert_eq!(
        ids(app.get("/api/v1/media").send().await),
        vec![pdf["id"].as_i64().unwrap(), png["id"].as_i64().unwrap()]
    );
    assert_eq!(
        ids(app.get("/api/v1/media?mime_type=image/").send().await),
        vec![png["id"].as_i64().unwrap()]
    );
    assert_eq!(
        ids(app.get("/api/v1/media?search=ANNUAL").send().await),
        vec![pdf["id"].as_i64().unwrap()]
    );
    app.get("/api/v1/media?mime_type=%27;drop")
        .send()
        .await
        .problem(400, "invalid_query");

    let path = format!("/api/v1/media/{}", png["id"]);
    let changed = app
        .patch(&path)
        .bearer(&editor)
        .json(&json!({"caption": "On the roof", "title": "Hero"}))
        .send()
        .await
        .json();
    assert_eq!(
        (changed["caption"].as_str(), changed["title"].as_str()),
        (Some("On the roof"), Some("Hero"))
    );
    app.patch(&path)
        .bearer(&author)
        .json(&json!({"title": "Mine"}))
        .send()
        .await
        .problem(403, "forbidden");
    app.patch(&path)
        .bearer(&editor)
        .json(&json!({"title": " "}))
        .send()
        .await
        .problem(422, "validation_failed");
}

#[actix_web::test]
async fn deleting_media_in_use_needs_force() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let png = upload(&app, &editor, &[("file", Some("hero.png"), PNG)])
        .await
        .json();
    let post = app
        .create_post(
            &editor,
            json!({"title": "Illustrated", "status": "published", "featured_media": png["id"]}),
        )
        .await;
    assert_eq!(post["featured_media"], png["id"]);
    let path = format!("/api/v1/media/{}", png["id"]);
    app.delete(&path)
        .bearer(&editor)
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(
        app.delete(&format!("{path}?force=true"))
            .bearer(&editor)
            .send()
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let post = app
        .get(&format!("/api/v1/posts/{}", post["id"]))
        .send()
        .await
        .json();
    assert!(post["featured_media"].is_null());
    app.get(&path_of(&png["url"]))
        .send()
        .await
        .problem(404, "not_found");
    let res = app.create_post(&editor, json!({"title": "Broken"})).await;
    let res = app
        .patch(&format!("/api/v1/posts/{}", res["id"]))
        .bearer(&editor)
        .json(&json!({"featured_media": 4242}))
        .send()
        .await;
    assert_eq!(
        res.problem(422, "validation_failed")["errors"][0]["field"],
        "featured_media"
    );
}

#[actix_web::test]
async fn media_used_only_by_hidden_items_stays_hidden() {
    let app = TestApp::new().await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let png = upload(&app, &editor, &[("file", Some("secret.png"), PNG)])
        .await
        .json();
    let loose = upload(&app, &editor, &[("file", Some("loose.pdf"), PDF)])
        .await
        .json();
    let draft = app
        .create_post(
            &editor,
            json!({"title": "Draft", "featured_media": png["id"]}),
        )
        .await;
    let id = png["id"].as_i64().unwrap();
    app.get(&format!("/api/v1/media/{id}"))
        .send()
        .await
        .problem(404, "not_found");
    app.get(&path_of(&png["url"]))
        .send()
        .await
        .problem(404, "not_found");
    assert_eq!(
        app.get("/api/v1/media").send().await.ids(),
        vec![loose["id"].as_i64().unwrap()]
    );
    // Signed-in users see the whole library.
    assert_eq!(
        app.get(&format!("/api/v1/media/{id}"))
            .bearer(&editor)
            .send()
            .await
            .status,
        StatusCode::OK
    );
    // Published, the post shows its image to everyone.
    app.patch(&format!("/api/v1/posts/{}", draft["id"]))
        .bearer(&editor)
        .json(&json!({"status": "published"}))
        .send()
        .await;
    assert_eq!(
        app.get(&format!("/api/v1/media/{id}")).send().await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get(&path_of(&png["url"])).send().await.status,
        StatusCode::OK
    );
    let post = app
        .get(&format!(
            "/api/v1/posts/{}?include=featured_media",
            draft["id"]
        ))
        .send()
        .await
        .json();
    assert_eq!(post["embedded"]["featured_media"]["id"], id);
    assert_eq!(post["embedded"]["featured_media"]["mime_type"], "image/png");
}
