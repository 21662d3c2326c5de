//! Partner embedding: oEmbed, self-contained HTML cards for iframes, and `embed.js`.
//! Everything here shows published content only, whoever asks.

mod cards;

use actix_web::{HttpResponse, get};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::content::ReadOptions;
use crate::api::content::{WireKind, items, valid_until};
use crate::api::events::EventResponse;
use crate::api::media::MediaResponse;
use crate::content::entry::{self, Entry};
use crate::content::entry_media::FEATURED;
use crate::content::links::Target;
use crate::content::list::{EntryFilter, EntryQuery};
use crate::content::paging::{Paging, Window};
use crate::content::posts::Posts;
use crate::content::resources::Resources;
use crate::content::terms::Taxonomy;
use crate::content::{Kind, Viewer, items as content_items, relations};
use crate::db::DbConn;
use crate::db::schema::{entries, page_details};
use crate::error::{Error, Result};
use crate::events::{EventFilter, Events};
use crate::http::extract::{PathId, Query};
use crate::http::list::split_list;
use crate::http::state::{AppState, State};

pub use self::cards::Theme;
use self::cards::{event_card, list_page, page, post_card, resource_card};
use crate::content::html::escape;

/// The widget partners include once: it renders `data-headpress` elements in shadow roots.
const EMBED_JS: &str = include_str!("embed.js");

/// Default and largest size of an oEmbed iframe, in pixels.
const WIDTH: u32 = 480;
const HEIGHT: u32 = 360;

fn read_options(state: &AppState, include: &[&str]) -> ReadOptions {
    ReadOptions {
        viewer: Viewer::Anonymous,
        include: include.iter().map(|s| (*s).to_owned()).collect(),
        public_url: state.config.public_url.clone(),
        links: state.config.links.clone(),
        resolve_blocks: true,
        keep_refs: false,
    }
}

/// The item a link names, if it is public.
fn find_by_link(
    conn: &mut DbConn,
    state_links: &crate::content::links::Links,
    url: &str,
) -> Result<Option<(Kind, Entry)>> {
    use diesel::prelude::*;
    let Some((kind, target)) = state_links.resolve(url) else {
        return Ok(None);
    };
    let id = match target {
        Target::Id(id) => Some(id),
        Target::Slug(slug) => entries::table
            .filter(entries::kind.eq(kind.as_str()))
            .filter(entries::slug.eq(&slug))
            .select(entries::id)
            .first::<i64>(conn)
            .optional()?,
        Target::Path(path) => page_details::table
            .filter(page_details::path.eq(&path))
            .select(page_details::entry_id)
            .first::<i64>(conn)
            .optional()?,
    };
    let Some(id) = id else { return Ok(None) };
    match entry::find_visible(conn, kind, id, Viewer::Anonymous) {
        Ok(e) => Ok(Some((kind, e))),
        Err(Error::NotFound(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// What `GET /oembed` takes (oEmbed 1.0, section 2.2).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OEmbedParams {
    /// The `link` of a published post, resource or event.
    #[param(max_length = 2000)]
    pub url: String,
    /// `json` or `xml`; anything else is 501. Default: `json`.
    pub format: Option<String>,
    /// The widest iframe the consumer can show, in pixels. Default and at most: 480.
    #[param(minimum = 1)]
    pub maxwidth: Option<u32>,
    /// The tallest iframe the consumer can show, in pixels. Default and at most: 360.
    #[param(minimum = 1)]
    pub maxheight: Option<u32>,
}

/// An oEmbed 1.0 `rich` response.
#[derive(Debug, Serialize, ToSchema)]
pub struct OEmbedResponse {
    /// Always `rich`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Always `1.0`.
    pub version: &'static str,
    /// The item's title.
    pub title: String,
    /// The author's name, or empty.
    pub author_name: String,
    /// The site's name (`HEADPRESS_SITE_NAME`).
    pub provider_name: String,
    /// The site's address (`HEADPRESS_SITE_URL`).
    pub provider_url: String,
    /// An `<iframe>` of the item's embed card.
    pub html: String,
    /// The iframe's width in pixels.
    pub width: u32,
    /// The iframe's height in pixels.
    pub height: u32,
    /// Seconds the consumer may keep this answer (`HEADPRESS_CACHE_MAX_AGE`).
    pub cache_age: u32,
    /// The featured image's URL, when the item has an image; else absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumbnail_url: Option<String>,
    /// The featured image's width in pixels, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumbnail_width: Option<i32>,
    /// The featured image's height in pixels, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumbnail_height: Option<i32>,
}

/// Get oEmbed for an item's link
///
/// The oEmbed 1.0 endpoint for the `link` of a published post, resource or event: a
/// `rich` answer whose `html` is an iframe of the item's embed card
/// (`/embed/{collection}/{id}`), at most 480 by 360 pixels. Anyone may ask, and only
/// public items are found.
///
/// A URL that names no published post, resource or event is 404; a `format` other than
/// `json` or `xml` is 501, as oEmbed says.
#[utoipa::path(
    tag = "embeds",
    params(OEmbedParams),
    responses(
        (status = 200, description = "The oEmbed answer (JSON, or XML with `format=xml`)", body = OEmbedResponse),
        (status = 404, description = "No published post, resource or event has this URL", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 501, description = "The format is not supported", body = crate::http::problem::Problem, content_type = "application/problem+json")),
    security(())
)]
#[get("/oembed")]
pub async fn get_oembed(state: State, params: Query<OEmbedParams>) -> Result<HttpResponse> {
    let p = params.0;
    let format = p
        .format
        .as_deref()
        .filter(|f| !f.is_empty())
        .unwrap_or("json");
    if format != "json" && format != "xml" {
        return Ok(HttpResponse::NotImplemented()
            .content_type("application/problem+json")
            .body(
                serde_json::json!({"type": "about:blank", "title": "Not Implemented", "status": 501,
                    "code": "not_implemented", "detail": format!("the format `{format}` is not supported: use json or xml")})
                .to_string(),
            ));
    }
    let width = p.maxwidth.unwrap_or(WIDTH).min(WIDTH);
    let height = p.maxheight.unwrap_or(HEIGHT).min(HEIGHT);
    let links = state.config.links.clone();
    let url = p.url.clone();
    let found = state
        .read(move |conn| {
            let Some((kind, e)) = find_by_link(conn, &links, &url)? else {
                return Ok(None);
            };
            if !matches!(kind, Kind::Post | Kind::Resource | Kind::Event) {
                return Ok(None);
            }
            let author = crate::users::find(conn, e.author_id)?
                .map(|u| u.display_name)
                .unwrap_or_default();
            let featured = relations::load(conn, &[e.id])?.media_id(e.id, FEATURED);
            let thumbnail = match featured {
                Some(id) => crate::media::find(conn, id)?,
                None => None,
            };
            Ok(Some((kind, e, author, thumbnail)))
        })
        .await?;
    let Some((kind, e, author, thumbnail)) = found else {
        return Err(Error::not_found(
            "no published post, resource or event has this URL",
        ));
    };
    let src = format!(
        "{}/embed/{}/{}",
        state.config.public_url,
        kind.collection(),
        e.id
    );
    let html = format!(
        "<iframe src=\"{}\" width=\"{width}\" height=\"{height}\" title=\"{}\" loading=\"lazy\" \
         style=\"border:0;max-width:100%\" sandbox=\"allow-popups allow-popups-to-escape-sandbox\"></iframe>",
        escape(&src),
        escape(&e.title)
    );
    let thumbnail = thumbnail
        .filter(|m| m.mime_type.starts_with("image/"))
        .map(|m| MediaResponse::new(m, &state.config.public_url));
    let answer = OEmbedResponse {
        kind: "rich",
        version: "1.0",
        title: e.title,
        author_name: author,
        provider_name: state.config.site_name.clone(),
        provider_url: state.config.links.site().to_owned(),
        html,
        width,
        height,
        cache_age: state.config.cache_max_age,
        thumbnail_width: thumbnail.as_ref().and_then(|t| t.width),
        thumbnail_height: thumbnail.as_ref().and_then(|t| t.height),
        thumbnail_url: thumbnail.map(|t| t.url),
    };
    if format == "xml" {
        return Ok(HttpResponse::Ok()
            .content_type("text/xml; charset=utf-8")
            .body(oembed_xml(&answer)));
    }
    Ok(HttpResponse::Ok().json(answer))
}

fn oembed_xml(a: &OEmbedResponse) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n<oembed>\n");
    let mut member = |name: &str, value: &str| {
        out.push_str(&format!("  <{name}>{}</{name}>\n", escape(value)));
    };
    member("type", a.kind);
    member("version", a.version);
    member("title", &a.title);
    member("author_name", &a.author_name);
    member("provider_name", &a.provider_name);
    member("provider_url", &a.provider_url);
    member("html", &a.html);
    member("width", &a.width.to_string());
    member("height", &a.height.to_string());
    member("cache_age", &a.cache_age.to_string());
    if let Some(t) = &a.thumbnail_url {
        member("thumbnail_url", t);
    }
    if let Some(w) = a.thumbnail_width {
        member("thumbnail_width", &w.to_string());
    }
    if let Some(h) = a.thumbnail_height {
        member("thumbnail_height", &h.to_string());
    }
    out.push_str("</oembed>\n");
    out
}

/// Shapes a card.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CardParams {
    /// `light` or `dark`. Default: `light`.
    #[param(inline)]
    pub theme: Option<Theme>,
}

/// Loads one published item of a kind, as the API shows it.
async fn one<K: WireKind>(state: &State, id: i64, include: &[&str]) -> Result<K::Item> {
    let opts = read_options(state, include);
    state
        .read(move |conn| {
            let e = content_items::find::<K>(conn, id, Viewer::Anonymous)?;
            items::<K>(conn, vec![e], &opts)?
                .pop()
                .ok_or_else(|| Error::internal("an item vanished while loading"))
        })
        .await
}

/// Get a resource's embed card
///
/// Returns a published resource as a self-contained HTML card for an iframe: title,
/// summary, types and tags, publisher, a download link for its document and a link to
/// it on the site. Anyone may ask; an item that is not public is 404. A strict
/// `Content-Security-Policy` limits which sites may frame it (`HEADPRESS_EMBED_ANCESTORS`).
#[utoipa::path(
    tag = "embeds",
    params(("id" = i64, Path, minimum = 1, description = "Resource id"), CardParams),
    responses((status = 200, description = "An HTML card", content_type = "text/html", body = String)),
    security(())
)]
#[get("/embed/resources/{id}")]
pub async fn embed_resource(
    state: State,
    id: PathId,
    params: Query<CardParams>,
) -> Result<HttpResponse> {
    let r = one::<Resources>(&state, id.0, &["resource_types", "tags", "document"]).await?;
    Ok(page(
        &state,
        &r.core.title,
        params.0.theme.unwrap_or_default(),
        &resource_card(&r),
    ))
}

/// Get a post's embed card
///
/// Returns a published post as a self-contained HTML card for an iframe: title, date,
/// categories and tags, excerpt and a link to it on the site. Anyone may ask; an item that
/// is not public is 404.
#[utoipa::path(
    tag = "embeds",
    params(("id" = i64, Path, minimum = 1, description = "Post id"), CardParams),
    responses((status = 200, description = "An HTML card", content_type = "text/html", body = String)),
    security(())
)]
#[get("/embed/posts/{id}")]
pub async fn embed_post(
    state: State,
    id: PathId,
    params: Query<CardParams>,
) -> Result<HttpResponse> {
    let p = one::<Posts>(&state, id.0, &["categories", "tags"]).await?;
    Ok(page(
        &state,
        &p.core.title,
        params.0.theme.unwrap_or_default(),
        &post_card(&p),
    ))
}

/// Get an event's embed card
///
/// Returns a published event as a self-contained HTML card for an iframe: title, its next
/// occurrence (or its first, when all are over) in the event's zone, venue, categories,
/// excerpt and a link to it on the site. Anyone may ask; an item that is not public is 404.
#[utoipa::path(
    tag = "embeds",
    params(("id" = i64, Path, minimum = 1, description = "Event id"), CardParams),
    responses((status = 200, description = "An HTML card", content_type = "text/html", body = String)),
    security(())
)]
#[get("/embed/events/{id}")]
pub async fn embed_event(
    state: State,
    id: PathId,
    params: Query<CardParams>,
) -> Result<HttpResponse> {
    let e = one::<Events>(&state, id.0, &["event_categories", "tags"]).await?;
    let mut res = page(
        &state,
        &e.core.title,
        params.0.theme.unwrap_or_default(),
        &event_card(&e),
    );
    expire(&mut res, std::slice::from_ref(&e));
    Ok(res)
}

/// Cards of events show their next occurrence, which changes with time alone.
fn expire(res: &mut HttpResponse, events: &[EventResponse]) {
    if let Some(until) = valid_until::<Events>(events) {
        res.extensions_mut().insert(until);
    }
}

/// Filters of the resource list card.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResourceListParams {
    /// Resource type slugs, comma-separated (any of).
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub resource_type: Option<String>,
    /// Tag slugs, comma-separated (any of).
    pub tag: Option<String>,
    /// How many cards. Default: 5; at most 20.
    #[param(minimum = 1, maximum = 20)]
    pub limit: Option<u32>,
    /// `light` or `dark`. Default: `light`.
    #[param(inline)]
    pub theme: Option<Theme>,
}

/// Filters of the event list card.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventListParams {
    /// `1` (default): only events with an occurrence still to start; `0`: all, soonest first.
    #[param(minimum = 0, maximum = 1)]
    pub upcoming: Option<u8>,
    /// Event category slugs, comma-separated (any of).
    pub event_category: Option<String>,
    /// Tag slugs, comma-separated (any of).
    pub tag: Option<String>,
    /// How many cards. Default: 5; at most 20.
    #[param(minimum = 1, maximum = 20)]
    pub limit: Option<u32>,
    /// `light` or `dark`. Default: `light`.
    #[param(inline)]
    pub theme: Option<Theme>,
}

/// What anonymous readers see of a kind, with these terms, in the kind's own order.
fn public_query<K: WireKind>(terms: Vec<(Taxonomy, Vec<String>)>) -> Result<EntryQuery> {
    K::query(
        Viewer::Anonymous,
        EntryFilter {
            terms,
            ..EntryFilter::default()
        },
    )
}

fn window(limit: Option<u32>) -> Result<Window> {
    let limit = limit.unwrap_or(5);
    if !(1..=20).contains(&limit) {
        return Err(Error::invalid_query("limit", "must be between 1 and 20"));
    }
    Ok(Window {
        paging: Paging::Page(1),
        per_page: limit,
        count: false,
    })
}

/// Get a list of resource cards
///
/// Returns the published resources, newest first, as a self-contained HTML list of cards
/// for an iframe, optionally only those of some types or tags. Anyone may ask; only public
/// resources appear. `limit` is 1 to 20 (400 otherwise).
#[utoipa::path(
    tag = "embeds",
    params(ResourceListParams),
    responses((status = 200, description = "An HTML list of cards", content_type = "text/html", body = String)),
    security(())
)]
#[get("/embed/resources")]
pub async fn embed_resources(
    state: State,
    params: Query<ResourceListParams>,
) -> Result<HttpResponse> {
    let p = params.0;
    let w = window(p.limit)?;
    let terms: Vec<(Taxonomy, Vec<String>)> = [
        (
            Taxonomy::ResourceType,
            split_list(p.resource_type.as_deref()),
        ),
        (Taxonomy::Tag, split_list(p.tag.as_deref())),
    ]
    .into_iter()
    .filter(|(_, s)| !s.is_empty())
    .collect();
    let query = public_query::<Resources>(terms)?;
    let opts = read_options(&state, &["resource_types", "tags", "document"]);
    let resources = state
        .read(move |conn| {
            let listed = content_items::list::<Resources>(conn, query, Default::default(), &w)?;
            items::<Resources>(conn, listed.items, &opts)
        })
        .await?;
    let cards = resources.iter().map(resource_card).collect();
    Ok(list_page(
        &state,
        "Resources",
        p.theme.unwrap_or_default(),
        cards,
    ))
}

/// Get a list of event cards
///
/// Returns the published events as a self-contained HTML list of cards for an iframe:
/// by default the upcoming ones, by their next occurrence, soonest first (`upcoming=0`:
/// every event, by its first occurrence). Optionally only those of some categories or
/// tags. Anyone may ask; only public events appear. `limit` is 1 to 20 (400 otherwise).
#[utoipa::path(
    tag = "embeds",
    params(EventListParams),
    responses((status = 200, description = "An HTML list of cards", content_type = "text/html", body = String)),
    security(())
)]
#[get("/embed/events")]
pub async fn embed_events(state: State, params: Query<EventListParams>) -> Result<HttpResponse> {
    let p = params.0;
    let w = window(p.limit)?;
    if p.upcoming.is_some_and(|u| u > 1) {
        return Err(Error::invalid_query("upcoming", "must be 0 or 1"));
    }
    let terms: Vec<(Taxonomy, Vec<String>)> = [
        (
            Taxonomy::EventCategory,
            split_list(p.event_category.as_deref()),
        ),
        (Taxonomy::Tag, split_list(p.tag.as_deref())),
    ]
    .into_iter()
    .filter(|(_, s)| !s.is_empty())
    .collect();
    let query = public_query::<Events>(terms)?;
    let filter = if p.upcoming.unwrap_or(1) == 1 {
        EventFilter::new(Some(Utc::now()), None)?
    } else {
        EventFilter::default()
    };
    let opts = read_options(&state, &["event_categories", "tags"]);
    let limit = w.per_page as usize;
    // Recurring series sort by their first date: take a wider page and order it by
    // each event's next occurrence.
    let wide = Window { per_page: 100, ..w };
    let mut events = state
        .read(move |conn| {
            let listed = content_items::list::<Events>(conn, query, filter, &wide)?;
            items::<Events>(conn, listed.items, &opts)
        })
        .await?;
    if p.upcoming.unwrap_or(1) == 1 {
        events.retain(|e| e.next_occurrence.is_some());
        events.sort_by_key(|e| e.next_occurrence.as_ref().map(|n| n.starts_at_utc));
    }
    events.truncate(limit);
    let cards = events.iter().map(event_card).collect();
    let mut res = list_page(&state, "Events", p.theme.unwrap_or_default(), cards);
    expire(&mut res, &events);
    Ok(res)
}

/// Get the embed widget script
///
/// The widget for partner pages: load it once, from a script element whose `src` is this
/// URL (with `async`, and the partner key, optional, in `data-key`), and
/// every `<div data-headpress="resources|events|resource">` is rendered with current
/// content, in a shadow root, from the public API.
#[utoipa::path(
    tag = "embeds",
    responses((status = 200, description = "The script", content_type = "text/javascript", body = String)),
    security(())
)]
#[get("/embed.js")]
pub async fn get_embed_js() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .body(EMBED_JS)
}
