//! The WordPress-compatible read API under `/wp-json`: WordPress REST answers (`wp/v2`)
//! over the same content, visibility rules and response cache as `/api/v1`, so that
//! frontends and partner integrations written for WordPress point at headpress
//! unchanged. Things that came from WordPress keep their WordPress ids here
//! (`content::wp_ids`). Errors on this prefix have WordPress's shape
//! (`{"code", "message", "data": {"status"}}`), whichever layer made them ([`errors`]).

pub mod entries;
pub mod ids;
pub mod library;
pub mod params;
pub mod search;
pub mod types;
pub mod wire;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, get};
use serde_json::{Value as Json, json};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::content::Kind;
use crate::content::terms::Taxonomy;
use crate::http::state::State;

/// The prefix of every route here.
pub const PREFIX: &str = "/wp-json";

/// Every route under `/wp-json`.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(get_index)
        .service(get_types)
        .service(get_taxonomies)
        .service(entries::list_wp_posts)
        .service(entries::get_wp_post)
        .service(entries::list_wp_pages)
        .service(entries::get_wp_page)
        .service(entries::list_wp_resources)
        .service(entries::get_wp_resource)
        .service(library::list_wp_categories)
        .service(library::get_wp_category)
        .service(library::list_wp_tags)
        .service(library::get_wp_tag)
        .service(entries::list_wp_events)
        .service(entries::get_wp_event)
        .service(library::list_wp_resource_types)
        .service(library::get_wp_resource_type)
        .service(library::list_wp_event_categories)
        .service(library::get_wp_event_category)
        .service(library::list_wp_event_tags)
        .service(library::get_wp_event_tag)
        .service(search::search_wp)
        .service(library::list_wp_users)
        .service(library::get_wp_user)
        .service(library::list_wp_media)
        .service(library::get_wp_media);
}

/// A post type or taxonomy as WordPress names it.
pub(crate) struct Described {
    /// WordPress's name (`post`, `post_tag`).
    pub name: &'static str,
    /// Its REST base (`posts`, `tags`).
    pub base: &'static str,
    pub label: &'static str,
    /// A post type's taxonomies, or the post types of a taxonomy.
    pub related: &'static [&'static str],
    pub hierarchical: bool,
    /// Ours, for a taxonomy.
    pub taxonomy: Option<Taxonomy>,
    /// A taxonomy that is part of one of ours: the terms that label items of this kind
    /// (`events_tags`: the tags of events, one taxonomy with the others' tags here).
    pub only: Option<Kind>,
}

/// The post types this API serves.
pub(crate) const TYPES: [Described; 4] = [
    Described {
        name: "post",
        base: "posts",
        label: "Posts",
        related: &["category", "post_tag"],
        hierarchical: false,
        taxonomy: None,
        only: None,
    },
    Described {
        name: "page",
        base: "pages",
        label: "Pages",
        related: &[],
        hierarchical: true,
        taxonomy: None,
        only: None,
    },
    Described {
        name: "resource",
        base: "resources",
        label: "Resources",
        related: &["post_tag", "resource_type"],
        hierarchical: false,
        taxonomy: None,
        only: None,
    },
    Described {
        name: "ai1ec_event",
        base: "events",
        label: "Events",
        related: &["post_tag", "events_categories", "events_tags"],
        hierarchical: false,
        taxonomy: None,
        only: None,
    },
];

/// The taxonomies this API serves (the first of each of ours is the one items name).
pub(crate) const TAXONOMIES: [Described; 5] = [
    Described {
        name: "category",
        base: "categories",
        label: "Categories",
        related: &["post"],
        hierarchical: true,
        taxonomy: Some(Taxonomy::Category),
        only: None,
    },
    Described {
        name: "post_tag",
        base: "tags",
        label: "Tags",
        related: &["post", "resource", "ai1ec_event"],
        hierarchical: false,
        taxonomy: Some(Taxonomy::Tag),
        only: None,
    },
    Described {
        name: "resource_type",
        base: "resource_type",
        label: "Resource types",
        related: &["resource"],
        hierarchical: true,
        taxonomy: Some(Taxonomy::ResourceType),
        only: None,
    },
    Described {
        name: "events_categories",
        base: "events_categories",
        label: "Event categories",
        related: &["ai1ec_event"],
        hierarchical: true,
        taxonomy: Some(Taxonomy::EventCategory),
        only: None,
    },
    Described {
        name: "events_tags",
        base: "events_tags",
        label: "Event tags",
        related: &["ai1ec_event"],
        hierarchical: false,
        taxonomy: Some(Taxonomy::Tag),
        only: Some(Kind::Event),
    },
];

/// The taxonomy named `name` here (`post_tag`).
pub(crate) fn taxonomy_named(name: &str) -> &'static Described {
    TAXONOMIES
        .iter()
        .find(|t| t.name == name)
        .unwrap_or(&TAXONOMIES[1])
}

/// How items name a term of `taxonomy`: the first taxonomy here that is ours.
pub(crate) fn taxonomy_of(taxonomy: Taxonomy) -> &'static Described {
    TAXONOMIES
        .iter()
        .find(|t| t.taxonomy == Some(taxonomy))
        .unwrap_or(&TAXONOMIES[1])
}

/// Reads a page of a list and answers it with WordPress's headers; a list with `search`
/// takes turns with the other heavy reads (`AppState::read_heavy`).
pub(crate) async fn answer_page<T, F>(
    req: &HttpRequest,
    state: &State,
    p: &params::Params,
    route: &str,
    read: F,
) -> crate::error::Result<HttpResponse>
where
    T: serde::Serialize + Send + 'static,
    F: FnOnce(&mut crate::db::DbConn) -> crate::error::Result<(Vec<T>, i64)>
        + Clone
        + Send
        + 'static,
{
    let window = p.window()?;
    let (items, total) = if p.get("search").is_some() {
        state.read_heavy(read).await?
    } else {
        state.read(read).await?
    };
    wire::page(
        &items,
        total,
        &window,
        &url(state, route),
        req.query_string(),
        p,
    )
}

/// The address of a route here (`wp/v2/posts/9`).
pub(crate) fn url(state: &State, route: &str) -> String {
    format!("{}{PREFIX}/{route}", state.config.public_url)
}

/// Discover the WordPress-compatible API
///
/// The site's name, addresses and namespaces, as WordPress's `/wp-json/` answers them
/// (without the per-route argument lists); at `/wp-json/` too.
#[utoipa::path(tag = "wordpress",
    responses((status = 200, description = "The API index", body = Object)))]
#[get("/wp-json")]
pub async fn get_index(state: State) -> HttpResponse {
    index(state)
}

/// `/wp-json/`, WordPress's own address of the index.
pub async fn get_index_slash(state: State) -> HttpResponse {
    index(state)
}

fn index(state: State) -> HttpResponse {
    let base = &state.config.public_url;
    let mut routes = serde_json::Map::new();
    for route in [
        "/",
        "/wp/v2",
        "/wp/v2/types",
        "/wp/v2/taxonomies",
        "/wp/v2/search",
    ]
    .into_iter()
    .map(str::to_owned)
    .chain(TYPES.iter().flat_map(|t| {
        [
            format!("/wp/v2/{}", t.base),
            format!("/wp/v2/{}/(?P<id>[\\d]+)", t.base),
        ]
    }))
    .chain(TAXONOMIES.iter().flat_map(|t| {
        [
            format!("/wp/v2/{}", t.base),
            format!("/wp/v2/{}/(?P<id>[\\d]+)", t.base),
        ]
    }))
    .chain(
        ["users", "media"]
            .iter()
            .flat_map(|b| [format!("/wp/v2/{b}"), format!("/wp/v2/{b}/(?P<id>[\\d]+)")]),
    ) {
        let namespace = if route == "/" { "" } else { "wp/v2" };
        routes.insert(
            route.clone(),
            json!({"namespace": namespace, "methods": ["GET"],
                   "_links": {"self": [{"href": format!("{base}{PREFIX}{route}")}]}}),
        );
    }
    HttpResponse::Ok().json(json!({
        "name": state.config.site_name,
        "description": "",
        "url": state.config.links.site(),
        "home": state.config.links.site(),
        "gmt_offset": 0,
        "timezone_string": state.config.site_timezone.name(),
        "namespaces": ["wp/v2"],
        "authentication": [],
        "routes": routes,
        "_links": {"help": [{"href": "https://developer.wordpress.org/rest-api/"}]},
    }))
}

/// List the post types
///
/// The post types served here, keyed by name, as WordPress's `/wp/v2/types` answers them.
#[utoipa::path(tag = "wordpress",
    responses((status = 200, description = "The post types", body = Object)))]
#[get("/wp-json/wp/v2/types")]
pub async fn get_types(state: State) -> HttpResponse {
    let mut types = serde_json::Map::new();
    for t in TYPES {
        let base = t.base;
        types.insert(
            t.name.to_owned(),
            json!({
                "description": "",
                "hierarchical": t.hierarchical,
                "has_archive": false,
                "name": t.label,
                "slug": t.name,
                "icon": null,
                "taxonomies": t.related,
                "rest_base": base,
                "rest_namespace": "wp/v2",
                "_links": {
                    "collection": [{"href": url(&state, "wp/v2/types")}],
                    "wp:items": [{"href": url(&state, &format!("wp/v2/{base}"))}],
                },
            }),
        );
    }
    HttpResponse::Ok().json(Json::Object(types))
}

/// List the taxonomies
///
/// The taxonomies served here, keyed by name, as WordPress's `/wp/v2/taxonomies` answers
/// them.
#[utoipa::path(tag = "wordpress",
    responses((status = 200, description = "The taxonomies", body = Object)))]
#[get("/wp-json/wp/v2/taxonomies")]
pub async fn get_taxonomies(state: State) -> HttpResponse {
    let mut all = serde_json::Map::new();
    for t in TAXONOMIES {
        let base = t.base;
        all.insert(
            t.name.to_owned(),
            json!({
                "name": t.label,
                "slug": t.name,
                "description": "",
                "types": t.related,
                "hierarchical": t.hierarchical,
                "rest_base": base,
                "rest_namespace": "wp/v2",
                "_links": {
                    "collection": [{"href": url(&state, "wp/v2/taxonomies")}],
                    "wp:items": [{"href": url(&state, &format!("wp/v2/{base}"))}],
                },
            }),
        );
    }
    HttpResponse::Ok().json(Json::Object(all))
}

/// WordPress's error code for a problem on a route here.
fn wp_code(path: &str, problem: &Json) -> String {
    let code = problem["code"].as_str().unwrap_or("error");
    let field = problem["errors"][0]["field"].as_str().unwrap_or("");
    let base = path
        .strip_prefix("/wp-json/wp/v2/")
        .and_then(|r| r.split('/').next())
        .unwrap_or("");
    let term = TAXONOMIES.iter().any(|t| t.base == base);
    match code {
        "invalid_query"
            if field == "page"
                && problem["errors"][0]["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("larger than the number of pages")) =>
        {
            "rest_post_invalid_page_number".into()
        }
        "invalid_query" | "invalid_body" | "validation_failed" => "rest_invalid_param".into(),
        "not_found"
            if base.is_empty() || !path.trim_end_matches('/').contains(&format!("{base}/")) =>
        {
            "rest_no_route".into()
        }
        "not_found" if term => "rest_term_invalid".into(),
        "not_found" if base == "users" => "rest_user_invalid_id".into(),
        "not_found" => "rest_post_invalid_id".into(),
        "unauthorized" => "rest_not_logged_in".into(),
        "forbidden" => "rest_forbidden".into(),
        "method_not_allowed" => "rest_no_route".into(),
        "internal" => "internal_server_error".into(),
        other => format!("rest_{other}"),
    }
}

/// Gives problems on this prefix WordPress's error shape: `{"code", "message", "data":
/// {"status", "params"}}` (`params` names each bad parameter, as WordPress's
/// `rest_invalid_param` does). Answers elsewhere pass untouched.
pub async fn errors(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let ours = req.path().starts_with(PREFIX);
    let res = next.call(req).await?;
    let problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    if !ours || !problem {
        return Ok(res.map_into_boxed_body());
    }
    let (req, res) = res.into_parts();
    let (mut head, body) = res.into_parts();
    let bytes = actix_web::body::to_bytes(body).await.unwrap_or_default();
    let problem: Json = serde_json::from_slice(&bytes).unwrap_or_default();
    let status = head.status().as_u16();
    let mut data = json!({"status": status});
    if let Some(errors) = problem["errors"].as_array() {
        let params: serde_json::Map<String, Json> = errors
            .iter()
            .filter_map(|e| Some((e["field"].as_str()?.to_owned(), e["message"].clone())))
            .collect();
        data["params"] = Json::Object(params);
    }
    let code = wp_code(req.path(), &problem);
    let message = match code.as_str() {
        "rest_invalid_param" if data["params"].is_object() => format!(
            "Invalid parameter(s): {}",
            data["params"]
                .as_object()
                .map(|p| p.keys().cloned().collect::<Vec<_>>().join(", "))
                .unwrap_or_default()
        ),
        "rest_post_invalid_page_number" => problem["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        _ => problem["detail"]
            .as_str()
            .unwrap_or("The request failed.")
            .to_owned(),
    };
    let body = json!({"code": code, "message": message, "data": data});
    head.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=UTF-8"),
    );
    head.headers_mut().remove(header::CONTENT_LENGTH);
    let res = head.set_body(serde_json::to_vec(&body).unwrap_or_default());
    Ok(ServiceResponse::new(req, res.map_into_boxed_body()))
}
