//! The HTTP API under `/api/v1`: wire types and handlers only, one module per resource of
//! the same shape. Handlers parse with the `http` extractors, call the domain, and shape
//! its answer; what every kind of content shares is in `content`.

pub mod audit;
pub mod blocks;
pub mod changes;
pub mod content;
pub mod event_feeds;
pub mod events;
pub mod field_groups;
pub mod manage;
pub mod media;
pub mod pages;
pub mod partners;
pub mod posts;
pub mod resources;
pub mod sync;
pub mod system;
pub mod terms;
pub mod tokens;
pub mod users;
pub mod webhooks;
pub mod wp;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::api::content::WireKind;
use crate::content::pages::Pages;
use crate::content::posts::Posts;
use crate::content::resources::Resources;
use crate::content::reusable::ReusableBlocks;
use crate::events::Events;
use crate::http::openapi::Shapes;

/// Every route under `/api/v1`.
pub fn routes(cfg: &mut ServiceConfig) {
    use self::{field_groups as fg, terms as tax, users as u};
    cfg.service(system::get_openapi)
        .service(u::create_token)
        .service(u::get_me)
        .service(u::update_me)
        .service(u::revoke_user_tokens)
        .service(audit::list_audit)
        .service(sync::get_sync_status)
        .service(sync::detach_from_wordpress)
        .service(changes::list_changes)
        .service(webhooks::list_webhooks)
        .service(webhooks::create_webhook)
        .service(webhooks::get_webhook)
        .service(webhooks::update_webhook)
        .service(webhooks::delete_webhook)
        .service(webhooks::list_webhook_deliveries)
        .service(webhooks::redeliver_webhook_delivery)
        .service(webhooks::ping_webhook)
        .service(tokens::list_api_tokens)
        .service(tokens::create_api_token)
        .service(tokens::delete_api_token)
        .service(tokens::list_previews)
        .service(tokens::create_preview)
        .service(tokens::delete_preview)
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
        .service(partners::list_partners)
        .service(partners::create_partner)
        .service(partners::get_partner)
        .service(partners::update_partner)
        .service(partners::delete_partner)
        .service(fg::list_field_groups)
        .service(fg::create_field_group)
        .service(fg::get_field_group)
        .service(fg::update_field_group)
        .service(fg::delete_field_group)
        .service(media::create_media)
        .service(media::list_media)
        .service(media::get_media)
        .service(media::update_media)
        .service(media::delete_media)
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

/// The names `fields` and `include` take on each content collection.
pub fn shapes() -> Vec<Shapes> {
    fn shape<K: WireKind>() -> Shapes {
        Shapes {
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
        shape::<ReusableBlocks>(),
    ]
}
