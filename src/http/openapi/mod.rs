//! The OpenAPI document: info, security, the problem responses every operation may give
//! (added by one rule set here, not copied into every handler), and the route table
//! that tells 404 from 405. `document` states the rest of the conventions on the JSON.

pub mod document;

use actix_web::dev::ResourceDef;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use utoipa::openapi::path::{HttpMethod, Operation};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{ContentBuilder, OpenApi as Doc, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi};

use crate::http::problem::{PROBLEM_JSON, Problem};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "headpress",
        description = "A fast, correct headless JSON content API. Conventions: lists are \
            `{data, meta}` envelopes with `Link` and `X-Total-Count` headers; errors are \
            RFC 9457 problem+json with a stable `code`; every GET has a strong ETag; every \
            answer carries `X-Request-Id` (the request's own when it sends one), which a \
            problem repeats as `request_id`.",
        license(name = "MIT OR Apache-2.0", identifier = "MIT OR Apache-2.0"),
    ),
    components(schemas(Problem)),
    tags(
        (name = "auth", description = "Sign in"),
        (name = "users", description = "People who sign in"),
        (name = "audit", description = "Who did what to accounts, keys and content, and when"),
        (name = "posts", description = "News, analysis and reports"),
        (name = "pages", description = "A tree of pages with path lookup"),
        (name = "resources", description = "The resource library: guidance, standards, good practices"),
        (name = "resource-types", description = "Hierarchical taxonomy of resources"),
        (name = "events", description = "Events in time zones, recurrence, occurrences and iCalendar feeds"),
        (name = "event-categories", description = "Hierarchical taxonomy of events"),
        (name = "blocks", description = "Reusable blocks that items include by reference"),
        (name = "field-groups", description = "Typed custom fields and where they apply"),
        (name = "media", description = "Uploaded files"),
        (name = "tags", description = "Flat taxonomy shared by every kind of content"),
        (name = "categories", description = "Hierarchical taxonomy of posts"),
        (name = "partners", description = "Partner sites: keys, CORS origins and quotas"),
        (name = "embeds", description = "oEmbed, embeddable cards and the widget for partner sites"),
        (name = "tokens", description = "API tokens for build servers and services, with scopes"),
        (name = "previews", description = "Links that show one draft to a frontend, without an account"),
        (name = "webhooks", description = "Signed deliveries of changes to your URLs (Standard Webhooks)"),
        (name = "changes", description = "The change feed: what changed, in commit order, deletions included"),
        (name = "system", description = "Health and the API description"),
        (name = "sync", description = "Live sync from a running WordPress: its state, and detaching items from it"),
        (name = "wordpress", description = "The WordPress-compatible read API (`/wp-json/wp/v2`): WordPress REST answers over the same content, for clients written for WordPress. Its errors have WordPress's shape."),
    )
)]
pub struct ApiDoc;

/// What a collection's `fields` and `include` parameters accept.
pub struct Shapes {
    pub path: String,
    pub members: &'static [&'static str],
    pub includes: &'static [&'static str],
}

/// Applies the conventions to the assembled document (paths are only known then), and
/// spells out which names `fields` and `include` take on each collection.
pub fn finish(doc: &mut Doc, shapes: &[Shapes]) {
    Conventions.modify(doc);
    for (path, item) in doc.paths.paths.iter_mut() {
        let Some(shape) = shapes
            .iter()
            .find(|s| *path == s.path || path.starts_with(&format!("{}/{{", s.path)))
        else {
            continue;
        };
        let Some(op) = item.get.as_mut() else {
            continue;
        };
        for p in op.parameters.iter_mut().flatten() {
            let RefOr::T(p) = p else { continue };
            let names = match p.name.as_str() {
                "fields" => shape.members,
                "include" => shape.includes,
                _ => continue,
            };
            let one = format!("({})", names.join("|"));
            let pattern = format!("^$|^{one}(,{one})*$");
            p.schema = Some(RefOr::T(utoipa::openapi::schema::Schema::Object(
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .pattern(Some(pattern))
                    .build(),
            )));
        }
    }
}

struct Conventions;

const ERRORS: [(&str, &str); 11] = [
    (
        "400",
        "The query or body is malformed (`invalid_query`, `invalid_body`)",
    ),
    (
        "401",
        "A token is needed, or the token sent is not valid (`unauthorized`)",
    ),
    ("403", "Signed in, but not allowed (`forbidden`)"),
    ("404", "No such item, or not visible to you (`not_found`)"),
    ("409", "Clashes with an existing item (`conflict`)"),
    (
        "413",
        "The body is larger than the limit (`payload_too_large`)",
    ),
    (
        "415",
        "The body is not of a type the operation takes: JSON, or for uploads `multipart/form-data` with a file of an allowed type (`unsupported_media_type`)",
    ),
    (
        "422",
        "Well-formed but invalid; `errors` names each field (`validation_failed`)",
    ),
    (
        "429",
        "Too many attempts, a partner over its quota, or an anonymous client over the \
         per-address limit (`--anonymous-rate-limit`); see `Retry-After` (`rate_limited`)",
    ),
    ("500", "Unexpected failure (`internal`)"),
    (
        "503",
        "Try again after `Retry-After`: the database is unreachable or busy past the wait, \
         the work took longer than its limit, or too many expensive reads run at once \
         (`unavailable`)",
    ),
];

impl Modify for Conventions {
    fn modify(&self, doc: &mut Doc) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.security_schemes.insert(
            "bearer".into(),
            RefOr::T(SecurityScheme::Http(
                Http::builder()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "A person's sign-in: the `access_token` of `POST /api/v1/auth/token`.",
                    ))
                    .build(),
            )),
        );
        components.security_schemes.insert(
            "apiToken".into(),
            RefOr::T(SecurityScheme::Http(
                Http::builder()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("hpt_...")
                    .description(Some(API_TOKEN_TEXT))
                    .build(),
            )),
        );
        for (status, description) in ERRORS {
            components.responses.insert(
                format!("Error{status}"),
                RefOr::T(
                    ResponseBuilder::new()
                        .description(description)
                        .content(
                            PROBLEM_JSON,
                            ContentBuilder::new()
                                .schema(Some(Ref::from_schema_name("Problem")))
                                .build(),
                        )
                        .build(),
                ),
            );
        }
        let mut wordpress_statuses = std::collections::BTreeSet::new();
        for (path, item) in doc.paths.paths.iter_mut() {
            // Routes that read the database also answer 503 without one.
            let api = path.starts_with("/api/") || path.starts_with("/wp-json");
            for (method, op) in [
                (HttpMethod::Get, item.get.as_mut()),
                (HttpMethod::Post, item.post.as_mut()),
                (HttpMethod::Patch, item.patch.as_mut()),
                (HttpMethod::Put, item.put.as_mut()),
                (HttpMethod::Delete, item.delete.as_mut()),
            ] {
                if let Some(op) = op {
                    add_token_scopes(op, &method, path);
                    let family = if path.starts_with("/wp-json") {
                        "WpError"
                    } else {
                        "Error"
                    };
                    let added = add_errors(op, api, method, path.contains('{'), family);
                    if family == "WpError" {
                        wordpress_statuses.extend(added);
                    }
                }
            }
        }
        for (status, description) in ERRORS
            .into_iter()
            .filter(|(s, _)| wordpress_statuses.contains(*s))
        {
            components.responses.insert(
                format!("WpError{status}"),
                RefOr::T(
                    ResponseBuilder::new()
                        .description(format!(
                            "{description}, in WordPress's shape: `{{code, message, data}}` \
                             with WordPress's codes (`rest_invalid_param`, ...)"
                        ))
                        .content(
                            "application/json",
                            ContentBuilder::new()
                                .schema(Some(Ref::from_schema_name("WpError")))
                                .build(),
                        )
                        .build(),
                ),
            );
        }
    }
}

const API_TOKEN_TEXT: &str = "An API token (`POST /api/v1/tokens`), for build servers and \
    services. It acts for its user within its scopes, which each operation lists: \
    `read:drafts` (read what is not public, as the user may; without it a token reads what \
    anonymous readers read), `write:posts`, `write:pages`, `write:resources`, `write:events`, \
    `write:blocks`, `write:media`, `write:terms`. Operations that do not list `apiToken` \
    (accounts, tokens, partners, field groups, previews, the audit log) need a person \
    signed in with a password.";

/// Lists the scopes an API token needs for an operation that takes a bearer token
/// (`http::scopes`, the table tokens are checked against).
fn add_token_scopes(op: &mut Operation, method: &HttpMethod, path: &str) {
    use crate::http::scopes::{Required, required};
    use utoipa::openapi::security::SecurityRequirement;
    let Some(security) = op.security.as_mut() else {
        return;
    };
    let method = match method {
        HttpMethod::Get => actix_web::http::Method::GET,
        HttpMethod::Post => actix_web::http::Method::POST,
        HttpMethod::Patch => actix_web::http::Method::PATCH,
        HttpMethod::Put => actix_web::http::Method::PUT,
        HttpMethod::Delete => actix_web::http::Method::DELETE,
        _ => return,
    };
    let scopes: Vec<&str> = match required(&method, path) {
        Required::Person => return,
        Required::Public | Required::Holder => Vec::new(),
        Required::Scope(scope) => vec![scope.as_str()],
    };
    security.push(SecurityRequirement::new("apiToken", scopes));
}

/// Which problems an operation can answer with, from what it takes.
/// `family`: `Error` (problem+json) or, on the WordPress-compatible prefix, `WpError`.
/// Answers the statuses it added (those the operation did not describe itself).
fn add_errors(
    op: &mut Operation,
    api: bool,
    method: HttpMethod,
    has_id: bool,
    family: &str,
) -> Vec<&'static str> {
    // Any route answers an unknown partner key with 401 and a partner over its quota with 429.
    let mut statuses = vec!["500", "401", "429"];
    if api {
        // Any route under /api also answers 503 without a database.
        statuses.push("503");
    }
    let has_query = op.parameters.as_ref().is_some_and(|ps| {
        ps.iter().any(|p| matches!(p, RefOr::T(p) if p.parameter_in == utoipa::openapi::path::ParameterIn::Query))
    });
    if has_query {
        statuses.push("400");
    }
    if has_id {
        statuses.push("404");
    }
    // Only operations that need a user refuse one (public reads show a user more, never less).
    let secured = op.security.as_ref().is_some_and(|s| {
        !s.is_empty()
            && !s.iter().any(|r| {
                serde_json::to_value(r).is_ok_and(|v| v.as_object().is_some_and(|o| o.is_empty()))
            })
    });
    if secured {
        statuses.push("403");
    }
    if op.request_body.is_some() {
        statuses.extend(["400", "413", "415", "422"]);
    }
    if matches!(
        method,
        HttpMethod::Post | HttpMethod::Patch | HttpMethod::Put
    ) {
        statuses.extend(["409", "422"]);
    }
    if matches!(method, HttpMethod::Delete) {
        // Deleting a user who owns content, or a file still in use.
        statuses.push("409");
    }
    statuses.retain(|status| {
        let entry = op.responses.responses.entry((*status).to_owned());
        let vacant = matches!(entry, std::collections::btree_map::Entry::Vacant(_));
        entry.or_insert_with(|| {
            RefOr::Ref(Ref::new(format!("#/components/responses/{family}{status}")))
        });
        vacant
    });
    statuses
}

/// The documented paths and their methods, to answer 405 with `Allow` where a path
/// exists but the method does not.
pub struct RouteTable(Vec<(ResourceDef, Vec<&'static str>)>);

/// A 405 problem with `Allow`.
pub fn method_not_allowed(method: &actix_web::http::Method, methods: &[&str]) -> HttpResponse {
    let mut res = Problem::new(
        actix_web::http::StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!(
            "{method} is not allowed here; allowed: {}",
            methods.join(", ")
        ),
    )
    .response();
    if let Ok(v) = header::HeaderValue::from_str(&methods.join(", ")) {
        res.headers_mut().insert(header::ALLOW, v);
    }
    res
}

impl RouteTable {
    pub fn from_doc(doc: &Doc) -> RouteTable {
        let routes = doc
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let mut methods = Vec::new();
                if item.get.is_some() {
                    methods.extend(["GET", "HEAD"]);
                }
                for (m, present) in [
                    ("POST", item.post.is_some()),
                    ("PUT", item.put.is_some()),
                    ("PATCH", item.patch.is_some()),
                    ("DELETE", item.delete.is_some()),
                ] {
                    if present {
                        methods.push(m);
                    }
                }
                methods.push("OPTIONS");
                (ResourceDef::new(path.as_str()), methods)
            })
            .collect();
        RouteTable(routes)
    }

    /// The methods of the documented path matching `path`, fixed paths first
    /// (`/users/me` before `/users/{id}`).
    pub fn allowed(&self, path: &str) -> Option<&[&'static str]> {
        let matching = |fixed: bool| {
            self.0.iter().find(|(def, _)| {
                def.pattern().is_some_and(|p| p.contains('{') != fixed) && def.is_match(path)
            })
        };
        matching(true)
            .or_else(|| matching(false))
            .map(|(_, m)| m.as_slice())
    }
}

/// Answers requests no route took: 405 with `Allow` for a known path, else 404.
pub async fn fallback(req: HttpRequest, table: web::Data<RouteTable>) -> HttpResponse {
    match table.allowed(req.path()) {
        Some(methods) => method_not_allowed(req.method(), methods),
        None => Problem::new(
            actix_web::http::StatusCode::NOT_FOUND,
            "not_found",
            format!("there is nothing at {}", req.path()),
        )
        .response(),
    }
}

/// The document with each kind's custom-field schemas (`PostFields`, `PostFieldsCreate`,
/// `PostFieldsUpdate`, ...) described by the field groups, and a `field.NAME` filter
/// parameter on each kind's list for every field that can be filtered on.
pub fn with_fields(
    doc: &serde_json::Value,
    groups: &crate::content::field_groups::Groups,
) -> serde_json::Value {
    use crate::content::Kind;
    use crate::content::fields::{self, SchemaMode};
    use serde_json::{Value, json};
    let mut doc = doc.clone();
    // The examples are a demo site's answers, with its custom fields: true of the fixed
    // document, not of this site's, so they are left out here.
    document::drop_examples(&mut doc);
    for kind in Kind::WITH_FIELDS {
        let all = groups.for_kind(kind);
        let broad = groups.broad_for_kind(kind);
        let name = match kind {
            Kind::Post => "Post",
            Kind::Page => "Page",
            Kind::Resource => "Resource",
            Kind::Event => "Event",
            Kind::Block => continue,
        };
        let broad_names = |mode| -> Value {
            fields::json_schema(&broad, mode)
                .get("required")
                .cloned()
                .unwrap_or_else(|| json!([]))
        };
        let mut view = fields::json_schema(&all, SchemaMode::View);
        let mut create = fields::json_schema(&all, SchemaMode::Create);
        let update = fields::json_schema(&all, SchemaMode::Update);
        // Fields of narrowed groups are there only on the items the group applies to.
        view["required"] = broad_names(SchemaMode::View);
        create["required"] = broad_names(SchemaMode::Create);
        for (suffix, schema) in [
            ("Fields", view),
            ("FieldsCreate", create),
            ("FieldsUpdate", update),
        ] {
            doc["components"]["schemas"][format!("{name}{suffix}")] = schema;
        }
        let params: Vec<Value> = all
            .iter()
            .filter_map(|d| {
                let description = match fields::scalar(d)? {
                    fields::Scalar::Number => {
                        "Custom field filter: items with one of these numbers (comma-separated)."
                    }
                    fields::Scalar::Boolean => "Custom field filter: `true` or `false`.",
                    fields::Scalar::Text => {
                        "Custom field filter: items with one of these values (comma-separated)."
                    }
                };
                Some(json!({
                    "name": format!("field.{}", d.name),
                    "in": "query",
                    "required": false,
                    "description": description,
                    "schema": {"type": "string"}
                }))
            })
            .collect();
        let sortable: Vec<&str> = all
            .iter()
            .filter(|d| fields::sortable(d))
            .map(|d| d.name.as_str())
            .collect();
        let path = format!("/api/v1/{}", kind.collection());
        if let Some(list) = doc["paths"][&path]["get"]["parameters"].as_array_mut() {
            for p in list.iter_mut().filter(|p| p["name"] == "orderby") {
                let pattern = p["schema"]["pattern"].as_str().map(str::to_owned);
                if let Some(pattern) = pattern
                    && !sortable.is_empty()
                {
                    let with_fields = format!("|field\\.({}))$", sortable.join("|"));
                    p["schema"]["pattern"] = json!(pattern.replacen(")$", &with_fields, 1));
                }
            }
            list.extend(params);
        }
    }
    doc
}
