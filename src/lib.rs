//! headpress: a headless JSON content API.

pub mod config;
pub mod content;
pub mod db;
pub mod demo;
pub mod embed;
pub mod error;
pub mod events;
pub mod hex;
pub mod http;
pub mod import;
pub mod kinds;
pub mod media;
pub mod partners;
pub mod state;
pub mod system;
pub mod users;

use actix_cors::Cors;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::from_fn;
use actix_web::{App, web};
use utoipa::OpenApi;
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_actix_web::{AppExt, scope};
use utoipa_swagger_ui::{Config as SwaggerConfig, SwaggerUi};

use crate::http::openapi::{ApiDoc, RouteTable, fallback};
use crate::http::platform::{CachePolicy, platform};
use crate::state::AppState;

/// Every route under `/api/v1`.
fn api_routes(cfg: &mut ServiceConfig) {
    use crate::kinds::{
        blocks, event_feeds, events, field_groups as fg, pages, posts, resources, taxonomies as tax,
    };
    use crate::users::handlers as u;
    cfg.service(system::get_openapi)
        .service(u::create_token)
        .service(u::get_me)
        .service(u::list_users)
        .service(u::create_user)
        .service(u::get_user)
        .service(u::update_user)
        .service(u::delete_user)
        .service(posts::list_posts)
        .service(posts::create_post)
        .service(posts::get_post)
        .service(posts::update_post)
        .service(posts::delete_post)
        .service(posts::list_post_revisions)
        .service(pages::list_pages)
        .service(pages::create_page)
        .service(pages::get_page)
        .service(pages::update_page)
        .service(pages::delete_page)
        .service(pages::list_page_revisions)
        .service(resources::list_resources)
        .service(resources::create_resource)
        .service(resources::get_resource)
        .service(resources::update_resource)
        .service(resources::delete_resource)
        .service(resources::list_resource_revisions)
        .service(events::list_events)
        .service(event_feeds::list_event_occurrences)
        .service(event_feeds::get_events_feed)
        .service(event_feeds::get_event_ics)
        .service(events::create_event)
        .service(events::get_event)
        .service(events::update_event)
        .service(events::delete_event)
        .service(events::list_event_revisions)
        .service(blocks::list_blocks)
        .service(blocks::create_block)
        .service(blocks::get_block)
        .service(blocks::update_block)
        .service(blocks::delete_block)
        .service(blocks::list_block_revisions)
        .service(blocks::list_block_usages)
        .service(crate::partners::handlers::list_partners)
        .service(crate::partners::handlers::create_partner)
        .service(crate::partners::handlers::get_partner)
        .service(crate::partners::handlers::update_partner)
        .service(crate::partners::handlers::delete_partner)
        .service(fg::list_field_groups)
        .service(fg::create_field_group)
        .service(fg::get_field_group)
        .service(fg::update_field_group)
        .service(fg::delete_field_group)
        .service(media::handlers::create_media)
        .service(media::handlers::list_media)
        .service(media::handlers::get_media)
        .service(media::handlers::update_media)
        .service(media::handlers::delete_media)
        .service(tax::list_tags)
        .service(tax::create_tag)
        .service(tax::get_tag)
        .service(tax::update_tag)
        .service(tax::delete_tag)
        .service(tax::list_categories)
        .service(tax::create_category)
        .service(tax::get_category)
        .service(tax::update_category)
        .service(tax::delete_category)
        .service(tax::list_resource_types)
        .service(tax::create_resource_type)
        .service(tax::get_resource_type)
        .service(tax::update_resource_type)
        .service(tax::delete_resource_type)
        .service(tax::list_event_categories)
        .service(tax::create_event_category)
        .service(tax::get_event_category)
        .service(tax::update_event_category)
        .service(tax::delete_event_category);
}

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
        .service(scope::scope("/api/v1").configure(api_routes))
        .service(system::healthz)
        .service(system::readyz)
        .service(media::handlers::get_file)
        .service(embed::get_oembed)
        .service(embed::get_embed_js)
        .service(embed::embed_resources)
        .service(embed::embed_events)
        .service(embed::embed_resource)
        .service(embed::embed_post)
        .service(embed::embed_event)
        .split_for_parts();
    http::openapi::finish(&mut doc, &shapes());
    (app, doc)
}

/// The names `fields` and `include` take on each content collection.
fn shapes() -> Vec<http::openapi::Shapes> {
    use crate::kinds::handlers::ContentKind;
    use crate::kinds::{
        blocks::Blocks, events::Events, pages::Pages, posts::Posts, resources::Resources,
    };
    fn shape<K: ContentKind>() -> http::openapi::Shapes {
        http::openapi::Shapes {
            path: format!("/api/v1/{}", K::KIND.collection()),
            members: K::MEMBERS,
            includes: K::INCLUDES,
        }
    }
    vec![
        shape::<Posts>(),
        shape::<Pages>(),
        shape::<Resources>(),
        shape::<Events>(),
        shape::<Blocks>(),
    ]
}

/// The OpenAPI document the app serves (nothing in it depends on data).
pub fn openapi() -> utoipa::openapi::OpenApi {
    assemble().1
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
    let doc_value = serde_json::to_value(&doc).unwrap_or_default();
    let doc_json = serde_json::to_vec(&doc_value).unwrap_or_default();
    let cors = cors(&state.config.cors_origins, state.partner_origins.clone());
    let policy = CachePolicy {
        max_age: state.config.cache_max_age,
    };
    app.app_data(state)
        .app_data(web::Data::new(system::OpenApiJson {
            bytes: doc_json,
            value: doc_value,
        }))
        .app_data(web::Data::new(table))
        .app_data(web::Data::new(policy))
        .service(web::redirect("/docs", "/docs/"))
        .service(
            SwaggerUi::new("/docs/{_:.*}").config(SwaggerConfig::new(["/api/v1/openapi.json"])),
        )
        .default_service(web::to(fallback))
        .wrap(from_fn(crate::partners::handlers::gate))
        .wrap(from_fn(platform))
        .wrap(cors)
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
            header::HeaderName::from_static(crate::partners::KEY_HEADER),
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
            let key = crate::partners::key_of(&head.headers, head.uri.query().unwrap_or(""));
            if head.method == Method::OPTIONS && key.is_none() {
                partners.allows(origin, None)
            } else {
                key.is_some_and(|k| partners.allows(origin, Some(&k)))
            }
        });
    }
    cors
}
