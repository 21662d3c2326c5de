//! Field groups: typed custom fields, validation with exact paths, defaults, filtering
//! and sorting, embedding, and the typed OpenAPI document.

use actix_web::http::StatusCode;
use headpress::users::Role;
use serde_json::{Value, json};

use crate::support::TestApp;

struct Site {
    app: TestApp,
    admin: String,
    editor: String,
    guidance: i64,
    report: i64,
}

fn details_group() -> Value {
    json!({
        "key": "resource_details",
        "title": "Resource details",
        "location": {"kinds": ["resources"]},
        "fields": [
            {"name": "publisher", "type": "text", "max_length": 100},
            {"name": "publication_year", "type": "number", "min": 1900, "max": 2100, "step": 1},
            {"name": "language", "type": "select", "choices": [{"value": "en", "label": "English"}, "fr"], "default": "en"},
            {"name": "countries", "type": "checkbox", "choices": ["GB", "FR", "BR"]},
            {"name": "is_featured", "type": "boolean", "default": false},
            {"name": "document", "type": "media", "mime_types": ["application/pdf"]},
            {"name": "related", "type": "relation", "kinds": ["resources", "posts"], "max": 3},
            {"name": "authors", "type": "repeater", "max": 5, "fields": [
                {"name": "name", "type": "text", "required": true},
                {"name": "affiliation", "type": "text"}
            ]},
            {"name": "cta", "type": "link"}
        ]
    })
}

async fn site() -> Site {
    let app = TestApp::new().await;
    let (_, admin) = app.sign_in_as(Role::Admin).await;
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let guidance = app
        .create_term(&editor, "resource-types", json!({"name": "Guidance"}))
        .await["id"]
        .as_i64()
        .unwrap();
    let report = app
        .create_term(&editor, "resource-types", json!({"name": "Report"}))
        .await["id"]
        .as_i64()
        .unwrap();
    let group = details_group();
    let res = app
        .post("/api/v1/field-groups")
        .bearer(&admin)
        .json(&group)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    assert!(
        res.header("location")
            .is_some_and(|l| l.ends_with(&format!("/api/v1/field-groups/{}", res.json()["id"]))),
        "a new group's address is in Location"
    );
    Site {
        app,
        admin,
        editor,
        guidance,
        report,
    }
}

impl Site {
    async fn resource(&self, title: &str, fields: Value) -> Value {
        let res = self.try_resource(title, fields).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
        res.json()
    }

    async fn try_resource(&self, title: &str, fields: Value) -> crate::support::Res {
        self.app
            .post("/api/v1/resources")
            .bearer(&self.editor)
            .json(&json!({"title": title, "status": "published", "resource_types": [self.guidance], "fields": fields}))
            .send()
            .await
    }

    async fn error_field(&self, fields: Value) -> String {
        let res = self.try_resource("Bad", fields).await;
        let p = res.problem(422, "validation_failed");
        p["errors"][0]["field"].as_str().unwrap().to_owned()
    }
}

#[actix_web::test]
async fn values_are_validated_stored_and_defaulted() {
    let s = site().await;
    let r = s
        .resource(
            "Due diligence guide",
            json!({"publisher": "  ILO ", "publication_year": 2020, "countries": ["GB", "BR"],
                   "authors": [{"name": "Dr Miriam Haddad", "affiliation": "ILO"}, {"name": "Kofi Asante"}],
                   "cta": {"url": "https://example.org/pledge", "title": "Pledge"}}),
        )
        .await;
    let f = &r["fields"];
    assert_eq!(f["publisher"], "ILO");
    assert_eq!(f["publication_year"], 2020);
    assert_eq!(f["language"], "en", "default filled: {f}");
    assert_eq!(f["is_featured"], false);
    assert_eq!(f["countries"], json!(["GB", "BR"]));
    assert_eq!(f["authors"][1]["name"], "Kofi Asante");
    assert_eq!(f["document"], Value::Null);
    assert_eq!(f["cta"]["url"], "https://example.org/pledge");
    // A partial change keeps the other values; null removes one.
    let id = r["id"].as_i64().unwrap();
    let changed = s
        .app
        .patch(&format!("/api/v1/resources/{id}"))
        .bearer(&s.editor)
        .json(&json!({"fields": {"publication_year": 2021, "publisher": null}}))
        .send()
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.text());
    let f = &changed.json()["fields"];
    assert_eq!(f["publication_year"], 2021);
    assert_eq!(f["publisher"], Value::Null);
    assert_eq!(f["authors"][0]["name"], "Dr Miriam Haddad");
    // Anonymous readers see the same values.
    let public = s
        .app
        .get(&format!("/api/v1/resources/{id}"))
        .send()
        .await
        .json();
    assert_eq!(public["fields"], *f);
}

#[actix_web::test]
async fn each_bad_value_is_named_by_its_path() {
    let s = site().await;
    assert_eq!(
        s.error_field(json!({"publication_year": 1800})).await,
        "fields.publication_year"
    );
    assert_eq!(
        s.error_field(json!({"publication_year": 2020.5})).await,
        "fields.publication_year"
    );
    assert_eq!(
        s.error_field(json!({"publication_year": "2020"})).await,
        "fields.publication_year"
    );
    assert_eq!(
        s.error_field(json!({"language": "de"})).await,
        "fields.language"
    );
    assert_eq!(
        s.error_field(json!({"countries": ["GB", "XX"]})).await,
        "fields.countries[1]"
    );
    assert_eq!(
        s.error_field(json!({"is_featured": "yes"})).await,
        "fields.is_featured"
    );
    assert_eq!(
        s.error_field(
            json!({"authors": [{"name": "a"}, {"name": "b"}, {"affiliation": "no name"}]})
        )
        .await,
        "fields.authors[2].name"
    );
    assert_eq!(
        s.error_field(json!({"authors": [{"name": "a", "email": "x"}]}))
            .await,
        "fields.authors[0].email"
    );
    assert_eq!(
        s.error_field(json!({"cta": {"url": "not a url"}})).await,
        "fields.cta.url"
    );
    assert_eq!(
        s.error_field(json!({"nickname": "x"})).await,
        "fields.nickname"
    );
    assert_eq!(
        s.error_field(json!({"document": 999_999})).await,
        "fields.document"
    );
    assert_eq!(
        s.error_field(json!({"related": [999_999]})).await,
        "fields.related[0]"
    );
    assert_eq!(
        s.error_field(json!({"publisher": "x".repeat(101)})).await,
        "fields.publisher"
    );
    // None of them wrote anything.
    let all = s
        .app
        .get("/api/v1/resources?status=any")
        .bearer(&s.editor)
        .send()
        .await;
    assert!(all.ids().is_empty());
}

#[actix_web::test]
async fn required_fields_and_relations_to_the_wrong_kind() {
    let s = site().await;
    let other_post = s.app.published_post(&s.editor, "Other").await;
    let res = s
        .app
        .post("/api/v1/field-groups")
        .bearer(&s.admin)
        .json(&json!({"key": "post_meta", "title": "Report metadata", "location": {"kinds": ["posts"]},
                      "fields": [{"name": "summary_line", "type": "text", "required": true},
                                 {"name": "see_also", "type": "relation", "kinds": ["resources"]}]}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let missing = s
        .app
        .post("/api/v1/posts")
        .bearer(&s.editor)
        .json(&json!({"title": "No summary"}))
        .send()
        .await;
    assert_eq!(
        missing.problem(422, "validation_failed")["errors"][0]["field"],
        "fields.summary_line"
    );
    let wrong = s
        .app
        .post("/api/v1/posts")
        .bearer(&s.editor)
        .json(&json!({"title": "P", "fields": {"summary_line": "ok", "see_also": [other_post["id"]]}}))
        .send()
        .await;
    assert_eq!(
        wrong.problem(422, "validation_failed")["errors"][0]["field"],
        "fields.see_also[0]"
    );
}

#[actix_web::test]
async fn lists_filter_and_sort_on_field_values() {
    let s = site().await;
    let a = s
        .resource(
            "A",
            json!({"publisher": "ILO", "publication_year": 2020, "countries": ["GB"]}),
        )
        .await;
    let b = s
        .resource(
            "B",
            json!({"publisher": "OECD", "publication_year": 2018, "is_featured": true}),
        )
        .await;
    let c = s
        .resource(
            "C",
            json!({"publisher": "ilo", "publication_year": 2023, "countries": ["FR", "GB"]}),
        )
        .await;
    let d = s.resource("D", json!({})).await;
    let id = |v: &Value| v["id"].as_i64().unwrap();
    let ids = |q: &str| {
        let app = &s.app;
        let q = q.to_owned();
        async move {
            let res = app.get(&format!("/api/v1/resources?{q}")).send().await;
            assert_eq!(res.status, StatusCode::OK, "{q}: {}", res.text());
            res.ids()
        }
    };
    assert_eq!(ids("field.publisher=ILO").await, [id(&a)]);
    assert_eq!(ids("field.publication_year=2020").await, [id(&a)]);
    assert_eq!(
        ids("field.publication_year=2018,2023&orderby=id&order=asc").await,
        [id(&b), id(&c)]
    );
    assert_eq!(ids("field.is_featured=true").await, [id(&b)]);
    // Defaults count: items with no value hold the default.
    assert_eq!(
        ids("field.is_featured=false&orderby=id&order=asc").await,
        [id(&a), id(&c), id(&d)]
    );
    assert_eq!(
        ids("field.countries=GB&orderby=id&order=asc").await,
        [id(&a), id(&c)]
    );
    assert_eq!(
        ids("field.language=en&field.publisher=OECD").await,
        [id(&b)]
    );
    assert_eq!(
        ids("orderby=field.publication_year").await,
        [id(&d), id(&b), id(&a), id(&c)]
    );
    assert_eq!(
        ids("orderby=field.publication_year&order=desc").await,
        [id(&c), id(&a), id(&b), id(&d)]
    );
    assert_eq!(
        ids("orderby=field.publisher&field.publication_year=2018,2020,2023").await,
        [id(&a), id(&b), id(&c)]
    );
    // Keyset paging along a field order.
    let first = s
        .app
        .get("/api/v1/resources?orderby=field.publication_year&per_page=2")
        .send()
        .await
        .json();
    assert_eq!(first["data"].as_array().unwrap().len(), 2);
    let cursor = first["meta"]["next_cursor"].as_str().unwrap();
    let next = s
        .app
        .get(&format!(
            "/api/v1/resources?orderby=field.publication_year&per_page=2&cursor={cursor}"
        ))
        .send()
        .await;
    assert_eq!(next.ids(), [id(&a), id(&c)]);
    // Bad filters are 400s naming the parameter.
    let p = s
        .app
        .get("/api/v1/resources?field.publication_year=abc")
        .send()
        .await
        .problem(400, "invalid_query");
    assert_eq!(p["errors"][0]["field"], "field.publication_year");
    let p = s
        .app
        .get("/api/v1/resources?field.nope=1")
        .send()
        .await
        .problem(400, "invalid_query");
    assert_eq!(p["errors"][0]["field"], "field.nope");
    let p = s
        .app
        .get("/api/v1/resources?orderby=field.countries")
        .send()
        .await
        .problem(400, "invalid_query");
    assert_eq!(p["errors"][0]["field"], "orderby");
    s.app
        .get("/api/v1/resources?field.authors=x")
        .send()
        .await
        .problem(400, "invalid_query");
}

#[actix_web::test]
async fn groups_apply_where_their_location_says() {
    let s = site().await;
    let res = s
        .app
        .post("/api/v1/field-groups")
        .bearer(&s.admin)
        .json(
            &json!({"key": "report_extra", "title": "Reports", "position": 5,
                      "location": {"kinds": ["resources"], "resource_types": [s.report]},
                      "fields": [{"name": "pages", "type": "number", "default": 1}]}),
        )
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let guide = s.resource("Guide", json!({})).await;
    assert!(
        guide["fields"].get("pages").is_none(),
        "{}",
        guide["fields"]
    );
    assert_eq!(s.error_field(json!({"pages": 3})).await, "fields.pages");
    let report = s
        .app
        .post("/api/v1/resources")
        .bearer(&s.editor)
        .json(&json!({"title": "Annual report", "resource_types": [s.report], "fields": {"pages": 120}}))
        .send()
        .await;
    assert_eq!(report.status, StatusCode::CREATED, "{}", report.text());
    assert_eq!(report.json()["fields"]["pages"], 120);
    assert_eq!(report.json()["fields"]["language"], "en");
    // Posts have none of these fields.
    let post = s.app.published_post(&s.editor, "Plain").await;
    assert_eq!(post["fields"], json!({}));
}

#[actix_web::test]
async fn changing_a_definition_keeps_stored_values() {
    let s = site().await;
    let r = s.resource("R", json!({"publisher": "ILO"})).await;
    let url = format!("/api/v1/resources/{}", r["id"]);
    let groups = s.app.get("/api/v1/field-groups").send().await.json();
    let group = &groups["data"][0];
    let gid = group["id"].as_i64().unwrap();
    let mut defs = group["fields"].as_array().unwrap().clone();
    defs[0] = json!({"name": "publisher", "type": "number"});
    let res = s
        .app
        .patch(&format!("/api/v1/field-groups/{gid}"))
        .bearer(&s.admin)
        .json(&json!({"fields": defs}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    // The text no longer fits a number: readers see no value, but it is kept.
    assert_eq!(
        s.app.get(&url).send().await.json()["fields"]["publisher"],
        Value::Null
    );
    assert!(
        s.app
            .get("/api/v1/resources?field.publisher=1")
            .send()
            .await
            .ids()
            .is_empty()
    );
    defs[0] = json!({"name": "publisher", "type": "text"});
    s.app
        .patch(&format!("/api/v1/field-groups/{gid}"))
        .bearer(&s.admin)
        .json(&json!({"fields": defs}))
        .send()
        .await;
    assert_eq!(
        s.app.get(&url).send().await.json()["fields"]["publisher"],
        "ILO"
    );
    assert_eq!(
        s.app
            .get("/api/v1/resources?field.publisher=ILO")
            .send()
            .await
            .ids(),
        [r["id"].as_i64().unwrap()]
    );
    // Deleting the group hides the values; they stay stored.
    let del = s
        .app
        .delete(&format!("/api/v1/field-groups/{gid}"))
        .bearer(&s.admin)
        .send()
        .await;
    assert_eq!(del.status, StatusCode::NO_CONTENT);
    assert_eq!(s.app.get(&url).send().await.json()["fields"], json!({}));
}

#[actix_web::test]
async fn only_admins_write_groups_and_bad_definitions_are_named() {
    let s = site().await;
    let body = json!({"key": "x", "title": "X", "location": {"kinds": ["posts"]}, "fields": [{"name": "a", "type": "text"}]});
    s.app
        .post("/api/v1/field-groups")
        .bearer(&s.editor)
        .json(&body)
        .send()
        .await
        .problem(403, "forbidden");
    s.app
        .post("/api/v1/field-groups")
        .json(&body)
        .send()
        .await
        .problem(401, "unauthorized");
    let list = s.app.get("/api/v1/field-groups").send().await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.json()["data"][0]["key"], "resource_details");
    assert_eq!(
        list.json()["data"][0]["fields"][2]["choices"][1],
        json!({"value": "fr", "label": "fr"})
    );
    let bad = |fields: Value| {
        let app = &s.app;
        let admin = s.admin.clone();
        async move {
            let res = app
                .post("/api/v1/field-groups")
                .bearer(&admin)
                .json(&json!({"key": "bad", "title": "Bad", "location": {"kinds": ["posts"]}, "fields": fields}))
                .send()
                .await;
            res.problem(422, "validation_failed")["errors"][0]["field"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    };
    assert_eq!(
        bad(json!([{"name": "Bad Name", "type": "text"}])).await,
        "fields[0].name"
    );
    assert_eq!(
        bad(json!([{"name": "a", "type": "text"}, {"name": "a", "type": "text"}])).await,
        "fields[1].name"
    );
    assert_eq!(
        bad(json!([{"name": "n", "type": "number", "min": 5, "max": 1}])).await,
        "fields[0].max"
    );
    assert_eq!(
        bad(json!([{"name": "s", "type": "select", "choices": []}])).await,
        "fields[0].choices"
    );
    assert_eq!(
        bad(json!([{"name": "r", "type": "repeater", "fields": [{"name": "x", "type": "select", "choices": ["a"], "default": "b"}]}])).await,
        "fields[0].fields[0].default"
    );
    let dup = s
        .app
        .post("/api/v1/field-groups")
        .bearer(&s.admin)
        .json(&json!({"key": "resource_details", "title": "Again", "location": {"kinds": ["posts"]}, "fields": []}))
        .send()
        .await;
    dup.problem(409, "conflict");
    let kinds = s
        .app
        .post("/api/v1/field-groups")
        .bearer(&s.admin)
        .json(&json!({"key": "k", "title": "K", "location": {"kinds": ["widgets"]}, "fields": []}))
        .send()
        .await;
    assert_eq!(
        kinds.problem(422, "validation_failed")["errors"][0]["field"],
        "location.kinds[0]"
    );
}

#[actix_web::test]
async fn include_fields_embeds_what_they_point_to_as_the_reader_may_see_it() {
    let s = site().await;
    let pdf_id = upload(&s, "guide.pdf", PDF).await;
    let png_id = upload(&s, "hero.png", PNG).await;
    let visible = s.resource("Visible", json!({})).await;
    let hidden = s
        .app
        .post("/api/v1/resources")
        .bearer(&s.editor)
        .json(&json!({"title": "Hidden draft", "resource_types": [s.guidance]}))
        .send()
        .await
        .json();
    let r = s
        .resource(
            "Main",
            json!({"document": pdf_id, "related": [visible["id"], hidden["id"]]}),
        )
        .await;
    let url = format!("/api/v1/resources/{}?include=fields", r["id"]);
    let anon = s.app.get(&url).send().await.json();
    let embedded = &anon["embedded"]["fields"];
    assert_eq!(embedded["items"].as_array().unwrap().len(), 1, "{embedded}");
    assert_eq!(embedded["items"][0]["id"], visible["id"]);
    assert_eq!(embedded["items"][0]["type"], "resources");
    assert_eq!(embedded["media"][0]["id"], pdf_id);
    let editor = s.app.get(&url).bearer(&s.editor).send().await.json();
    assert_eq!(
        editor["embedded"]["fields"]["items"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // The file is in use by the field.
    s.app
        .delete(&format!("/api/v1/media/{pdf_id}"))
        .bearer(&s.editor)
        .send()
        .await
        .problem(409, "conflict");
    // A file of a type the field does not allow is refused.
    assert_eq!(
        s.error_field(json!({"document": png_id})).await,
        "fields.document"
    );
}

const PDF: &[u8] = include_bytes!(
    "../fixtures/wordpress/uploads/2021/02/public-procurement-and-human-rights-in-northern-ireland.pdf"
);
const PNG: &[u8] =
    include_bytes!("../fixtures/wordpress/uploads/2019/06/about-us-hero-150x150.png");

async fn upload(s: &Site, name: &str, bytes: &[u8]) -> i64 {
    let body = [
        format!(
            "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\r\n"
        )
        .as_bytes(),
        bytes,
        b"\r\n--XyZ--\r\n",
    ]
    .concat();
    let res = s
        .app
        .post("/api/v1/media")
        .bearer(&s.editor)
        .raw("multipart/form-data; boundary=XyZ", body)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    res.json()["id"].as_i64().unwrap()
}

#[actix_web::test]
async fn the_served_document_types_each_kinds_fields() {
    let s = site().await;
    let doc = s
        .app
        .get("/api/v1/openapi.json?fields=site")
        .send()
        .await
        .json();
    let schema = &doc["components"]["schemas"]["ResourceFields"];
    assert_eq!(
        schema["properties"]["publication_year"]["type"],
        json!(["number", "null"]),
        "{schema}"
    );
    assert_eq!(
        schema["properties"]["language"]["enum"],
        json!(["en", "fr"])
    );
    assert_eq!(
        schema["properties"]["authors"]["items"]["properties"]["name"]["type"][0],
        "string"
    );
    assert!(
        schema["required"]
            .as_array()
            .unwrap()
            .contains(&json!("is_featured"))
    );
    let create = &doc["components"]["schemas"]["ResourceFieldsCreate"];
    assert_eq!(create["additionalProperties"], false);
    let params = doc["paths"]["/api/v1/resources"]["get"]["parameters"]
        .as_array()
        .unwrap();
    assert!(params.iter().any(|p| p["name"] == "field.publisher"));
    assert!(!params.iter().any(|p| p["name"] == "field.authors"));
    // A default is said in words in bodies (generators would make the member required).
    let featured = &create["properties"]["is_featured"];
    assert!(featured.get("default").is_none(), "{featured}");
    assert!(
        featured["description"]
            .as_str()
            .unwrap()
            .contains("Default: `false`"),
        "{featured}"
    );
    // The fixed document, served without `fields=site` and committed, is the same
    // whatever the field groups: custom fields are open objects there.
    let fixed = s.app.get("/api/v1/openapi.json").send().await.json();
    let committed: Value =
        serde_json::from_str(include_str!("../../openapi/openapi.json")).unwrap();
    for doc in [&fixed, &committed] {
        let schema = &doc["components"]["schemas"]["ResourceFields"];
        assert!(schema["properties"].is_null(), "{schema}");
        assert_eq!(schema["additionalProperties"], true);
    }
    assert_eq!(fixed["paths"], committed["paths"]);
    // The fixed document's examples are a demo site's answers; the site's has none.
    assert!(fixed["paths"].to_string().contains("\"example\""));
    assert!(!doc["paths"].to_string().contains("\"example\""));
}
