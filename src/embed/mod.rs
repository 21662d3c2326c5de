//! Partner embedding: oEmbed, self-contained HTML cards for iframes, and `embed.js`.
//! Everything here shows published content only, whoever asks.

use actix_web::http::header;
use actix_web::{HttpResponse, get};
use chrono::{NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::content::ReadOptions;
use crate::api::content::{WireKind, items, valid_until};
use crate::api::events::EventResponse;
use crate::api::media::MediaResponse;
use crate::api::posts::PostResponse;
use crate::api::resources::ResourceResponse;
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
use crate::http::render::Shared;
use crate::http::state::{AppState, State};

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
    /// `json` (default) or `xml`; anything else is 501.
    pub format: Option<String>,
    #[param(minimum = 1)]
    pub maxwidth: Option<u32>,
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
    pub title: String,
    pub author_name: String,
    pub provider_name: String,
    pub provider_url: String,
    /// An `<iframe>` of the item's embed card.
    pub html: String,
    pub width: u32,
    pub height: u32,
    pub cache_age: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumbnail_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumbnail_width: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumbnail_height: Option<i32>,
}

/// oEmbed for the `link` of a published post, resource or event: a `rich` answer whose
/// `html` is an iframe of the item's embed card. Unknown or non-public URLs are 404; a
/// format other than `json` or `xml` is 501 (as oEmbed says).
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

/// HTML-escapes text for element content and double-quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// How a card looks.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

/// Shapes a card.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CardParams {
    /// `light` (default) or `dark`.
    #[param(inline)]
    pub theme: Option<Theme>,
}

const STYLE: &str = "*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}\
.light{background:#fff;color:#1b1b1b}.dark{background:#16181d;color:#eceff4}\
ul{list-style:none;margin:0;padding:0}li+li{margin-top:12px}\
.card{border:1px solid #d0d4da;border-radius:8px;padding:14px 16px}.dark .card{border-color:#3b4252}\
h2{font-size:17px;margin:0 0 6px}a{color:#0b5cad}.dark a{color:#88c0d0}\
p{margin:0 0 8px}.summary{display:-webkit-box;-webkit-line-clamp:4;-webkit-box-orient:vertical;overflow:hidden}.meta{font-size:13px;opacity:.8}.badge{display:inline-block;font-size:12px;border:1px solid currentColor;border-radius:10px;padding:0 8px;margin:0 4px 4px 0}\
.more{font-weight:600}";

/// The CSP of embeds: nothing loads but what the card holds; frames only where allowed.
fn csp(state: &AppState) -> String {
    format!(
        "default-src 'none'; style-src 'unsafe-inline'; img-src {} data:; base-uri 'none'; form-action 'none'; frame-ancestors {}",
        state.config.public_url, state.config.embed_ancestors
    )
}

fn page(state: &AppState, title: &str, theme: Theme, body: &str) -> HttpResponse {
    let class = match theme {
        Theme::Light => "light",
        Theme::Dark => "dark",
    };
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body class=\"{class}\"><main>{body}</main></body></html>",
        escape(title)
    );
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CONTENT_SECURITY_POLICY, csp(state)))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(("Referrer-Policy", "strict-origin-when-cross-origin"))
        .body(html)
}

fn link_html(href: &str, text: &str, class: &str, label: Option<&str>) -> String {
    if !(href.starts_with("https://") || href.starts_with("http://")) {
        return escape(text);
    }
    let aria = label
        .map(|l| format!(" aria-label=\"{}\"", escape(l)))
        .unwrap_or_default();
    format!(
        "<a class=\"{class}\" href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\"{aria}>{}</a>",
        escape(href),
        escape(text)
    )
}

fn card(
    title: &str,
    link: Option<&str>,
    badges: &[String],
    meta: &str,
    summary: &str,
    extra: &str,
) -> String {
    let heading = match link {
        Some(l) => link_html(l, title, "title", None),
        None => escape(title),
    };
    let badges: String = badges
        .iter()
        .map(|b| format!("<span class=\"badge\">{}</span>", escape(b)))
        .collect();
    let more = link
        .map(|l| {
            format!(
                "<p>{}</p>",
                link_html(l, "Read more", "more", Some(&format!("Read more: {title}")))
            )
        })
        .unwrap_or_default();
    format!(
        "<article class=\"card\"><h2>{heading}</h2>{}{}{}{extra}{more}</article>",
        if badges.is_empty() {
            String::new()
        } else {
            format!("<p>{badges}</p>")
        },
        if meta.is_empty() {
            String::new()
        } else {
            format!("<p class=\"meta\">{}</p>", escape(meta))
        },
        if summary.is_empty() {
            String::new()
        } else {
            format!("<p class=\"summary\">{}</p>", escape(summary))
        },
    )
}

fn names(embedded: Option<&Vec<Shared>>) -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct Named {
        name: String,
    }
    embedded
        .map(|ts| {
            ts.iter()
                .filter_map(|t| serde_json::from_str::<Named>(t.json()).ok())
                .map(|t| t.name)
                .collect()
        })
        .unwrap_or_default()
}

/// Badges: the item's types or categories, then its tags.
fn badges(first: Option<&Vec<Shared>>, tags: Option<&Vec<Shared>>) -> Vec<String> {
    let mut out = names(first);
    out.extend(names(tags).into_iter().map(|t| format!("#{t}")));
    out
}

fn resource_card(r: &ResourceResponse) -> String {
    let e = r.embedded.as_ref();
    let download = e
        .and_then(|e| e.document.as_ref())
        .map(|d| {
            format!(
                "<p>{}</p>",
                link_html(
                    &d.url,
                    "Download",
                    "download",
                    Some(&format!("Download: {}", r.core.title))
                )
            )
        })
        .unwrap_or_default();
    let summary = if r.summary.is_empty() {
        &r.core.excerpt
    } else {
        &r.summary
    };
    card(
        &r.core.title,
        r.core.link.as_deref(),
        &badges(
            e.and_then(|e| e.resource_types.as_ref()),
            e.and_then(|e| e.tags.as_ref()),
        ),
        &r.publisher,
        summary,
        &download,
    )
}

fn post_card(p: &PostResponse) -> String {
    let date = p.core.published_at.format("%-d %B %Y").to_string();
    card(
        &p.core.title,
        p.core.link.as_deref(),
        &badges(
            p.embedded.as_ref().and_then(|e| e.categories.as_ref()),
            p.embedded.as_ref().and_then(|e| e.tags.as_ref()),
        ),
        &date,
        &p.core.excerpt,
        "",
    )
}

/// "Tue 1 December 2026, 18:00–19:00 (Europe/London)", or the days of an all-day event:
/// the next occurrence, else the first.
pub fn when(e: &EventResponse) -> String {
    let (starts_at, ends_at) = match &e.next_occurrence {
        Some(n) => (n.starts_at.as_str(), Some(n.ends_at.as_str())),
        None => (e.starts_at.as_str(), e.ends_at.as_deref()),
    };
    let parse = |s: &str| {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
            .ok()
            .or_else(|| {
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .ok()
                    .map(|d| d.and_time(chrono::NaiveTime::MIN))
            })
    };
    let (Some(start), end) = (parse(starts_at), ends_at.and_then(parse)) else {
        return starts_at.to_owned();
    };
    if e.all_day {
        let first = start.format("%a %-d %B %Y").to_string();
        return match end.filter(|end| end.date() != start.date()) {
            Some(end) => format!("{first} – {}", end.format("%a %-d %B %Y")),
            None => first,
        };
    }
    let mut out = start.format("%a %-d %B %Y, %H:%M").to_string();
    if let Some(end) = end {
        if end.date() == start.date() {
            out.push_str(&end.format("–%H:%M").to_string());
        } else {
            out.push_str(&end.format(" – %a %-d %B %Y, %H:%M").to_string());
        }
    }
    format!("{out} ({})", e.timezone)
}

fn event_card(e: &EventResponse) -> String {
    let place = match &e.venue {
        Some(v) if !v.name.is_empty() => v.name.clone(),
        _ if !e.online_url.is_empty() => "Online".to_owned(),
        _ => String::new(),
    };
    let meta = [when(e), place]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    card(
        &e.core.title,
        e.core.link.as_deref(),
        &names(
            e.embedded
                .as_ref()
                .and_then(|x| x.event_categories.as_ref()),
        ),
        &meta,
        &e.core.excerpt,
        "",
    )
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

/// A published resource as a self-contained card for an iframe: title, summary, types,
/// publisher, a download link for its document and a link to it on the site.
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

/// A published post as a card for an iframe.
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

/// A published event as a card for an iframe, its time in the event's zone.
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
    /// How many (default 5, at most 20).
    #[param(minimum = 1, maximum = 20)]
    pub limit: Option<u32>,
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
    /// How many (default 5, at most 20).
    #[param(minimum = 1, maximum = 20)]
    pub limit: Option<u32>,
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

fn list_page(state: &AppState, title: &str, theme: Theme, cards: Vec<String>) -> HttpResponse {
    let body = if cards.is_empty() {
        "<p>Nothing to show yet.</p>".to_owned()
    } else {
        format!(
            "<ul role=\"list\">{}</ul>",
            cards
                .into_iter()
                .map(|c| format!("<li>{c}</li>"))
                .collect::<String>()
        )
    };
    page(state, title, theme, &body)
}

/// The published resources (newest first) as a list of cards, filtered like the API.
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

/// The published events (upcoming by default, soonest first) as a list of cards.
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

/// The widget for partner pages: include it once, and every
/// `<div data-headpress="resources|events|resource">` is rendered with current content.
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
