//! headpress: a headless JSON content API.

pub mod api;
pub mod config;
pub mod content;
pub mod db;
pub mod demo;
pub mod embed;
pub mod error;
pub mod events;
pub mod generate;
pub mod hex;
pub mod http;
pub mod import;
pub mod media;
pub mod partners;
pub mod sync;
pub mod users;

use actix_cors::Cors;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::from_fn;
use actix_web::{App, web};
use utoipa::OpenApi;
use utoipa_actix_web::{AppExt, scope};
use utoipa_swagger_ui::{Config as SwaggerConfig, SwaggerUi};

use crate::http::openapi::{ApiDoc, RouteTable, fallback};
use crate::http::platform::{CachePolicy, platform};
use crate::http::state::AppState;

/// The routes and the OpenAPI document describing them, made together so they agree.
fn assemble() -> (
    App<
        impl ServiceFactory<
            ServiceRequest,
            Config = (),
            Response = ServiceResponse<impl MessageBody>,
            Error = actix_web::Error,
            InitError = (),
        >,
    >,
    utoipa::openapi::OpenApi,
) {
    let (app, mut doc) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .service(scope::scope("/api/v1").configure(api::routes))
        .service(api::system::healthz)
        .service(api::system::readyz)
        .service(api::system::get_metrics)
        .service(api::media::get_file)
        .service(embed::get_oembed)
        .service(embed::get_embed_js)
        .service(embed::embed_resources)
        .service(embed::embed_events)
        .service(embed::embed_resource)
        .service(embed::embed_post)
        .service(embed::embed_event)
        .configure(api::wp::routes)
        .split_for_parts();
    http::openapi::finish(&mut doc, &api::shapes());
    (app, doc)
}

/// The OpenAPI document (nothing in it depends on data): the committed
/// `openapi/openapi.json`, and what the app serves (naming its own address).
pub fn openapi() -> serde_json::Value {
    document(&assemble().1)
}

fn document(doc: &utoipa::openapi::OpenApi) -> serde_json::Value {
    let sparse: Vec<String> = api::shapes().into_iter().map(|s| s.path).collect();
    http::openapi::document::polish(serde_json::to_value(doc).unwrap_or_default(), &sparse)
}

/// Builds the whole HTTP app, for `main`, the tests and the OpenAPI export alike.
pub fn build_app(
    state: web::Data<AppState>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let (app, doc) = assemble();
    let table = RouteTable::from_doc(&doc);
    let doc_value = http::openapi::document::served(&document(&doc), &state.config.public_url);
    let doc_json = serde_json::to_vec(&doc_value).unwrap_or_default();
    let cors = cors(&state.config.cors_origins, state.partner_origins.clone());
    let policy = CachePolicy {
        max_age: state.config.cache_max_age,
    };
    let cache = web::Data::from(state.cache.clone());
    app.app_data(state)
        .app_data(cache)
        .app_data(web::Data::new(api::system::OpenApiJson {
            bytes: doc_json,
            value: doc_value,
        }))
        .app_data(web::Data::new(table))
        .app_data(web::Data::new(policy))
        .service(web::redirect("/docs", "/docs/"))
        .service(
            SwaggerUi::new("/docs/{_:.*}").config(SwaggerConfig::new(["/api/v1/openapi.json"])),
        )
        .route("/wp-json/", web::get().to(api::wp::get_index_slash))
        .default_service(web::to(fallback))
        .wrap(from_fn(http::cache::respond))
        .wrap(from_fn(api::partners::gate))
        .wrap(from_fn(platform))
        .wrap(cors)
        .wrap(from_fn(api::wp::errors))
        .wrap(from_fn(http::request_id::request_id))
        .wrap(from_fn(http::edge::edge))
}

fn cors(origins: &[String], partners: crate::partners::OriginCache) -> Cors {
    let mut cors = Cors::default()
        .allowed_methods([
            Method::GET,
            Method::HEAD,
            Method::POST,
            Method::PATCH,
            Method::PUT,
            Method::DELETE,
        ])
        .allowed_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::IF_NONE_MATCH,
            header::ACCEPT,
            header::HeaderName::from_static(api::partners::KEY_HEADER),
        ])
        .expose_headers([
            header::ETAG,
            header::LINK,
            header::LOCATION,
            header::RETRY_AFTER,
            header::HeaderName::from_static("x-total-count"),
            header::HeaderName::from_static("ratelimit-limit"),
            header::HeaderName::from_static("ratelimit-remaining"),
            header::HeaderName::from_static("ratelimit-reset"),
            header::HeaderName::from_static("ratelimit-policy"),
        ])
        .max_age(3600);
    if origins.iter().any(|o| o == "*") {
        cors = cors.allow_any_origin().send_wildcard();
    } else {
        for o in origins {
            cors = cors.allowed_origin(o);
        }
        // A partner's origins pass with its key (a preflight, which carries no key
        // header, passes for any partner's origin; the request itself then needs the key).
        cors = cors.allowed_origin_fn(move |origin, head| {
            let Ok(origin) = origin.to_str() else {
                return false;
            };
            let key = api::partners::key_of(&head.headers, head.uri.query().unwrap_or(""));
            if head.method == Method::OPTIONS && key.is_none() {
                partners.allows(origin, None)
            } else {
                key.is_some_and(|k| partners.allows(origin, Some(&k)))
            }
        });
    }
    cors
}
