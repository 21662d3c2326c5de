//! WordPress's answers: dates in the site's zone and in GMT, `{"rendered"}` members,
//! `_fields`, and the list headers `X-WP-Total`, `X-WP-TotalPages` and `Link`.

use actix_web::HttpResponse;
use actix_web::http::header;
use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use serde_json::Value as Json;

use crate::api::wp::params::Params;
use crate::content::paging::{Paging, Window};
use crate::error::Result;

/// `date` and `date_gmt` (or `modified`, `modified_gmt`): WordPress's local and GMT times,
/// to the second, without an offset.
pub fn dates(at: NaiveDateTime, zone: Tz) -> (String, String) {
    let utc = DateTime::<Utc>::from_naive_utc_and_offset(at, Utc);
    (
        utc.with_timezone(&zone)
            .format("%Y-%m-%dT%H:%M:%S")
            .to_string(),
        utc.format("%Y-%m-%dT%H:%M:%S").to_string(),
    )
}

/// Plain text as a paragraph of HTML, as WordPress renders an excerpt.
pub fn paragraph(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    format!("<p>{}</p>\n", crate::content::html::escape(text))
}

/// The JSON of an answer, keeping only the members `_fields` names: `a` keeps `a` whole,
/// `a.b` only `b` within `a`; `_links` and `_embedded` only when named, as WordPress does.
fn body<T: Serialize + ?Sized>(value: &T, params: &Params) -> Vec<u8> {
    let names = params.list("_fields");
    if names.is_empty() {
        return serde_json::to_vec(value).unwrap_or_default();
    }
    let paths: Vec<Vec<&str>> = names.iter().map(|n| n.split('.').collect()).collect();
    let trimmed = match serde_json::to_value(value).unwrap_or_default() {
        Json::Array(items) => Json::Array(items.into_iter().map(|i| keep(i, &paths)).collect()),
        one => keep(one, &paths),
    };
    serde_json::to_vec(&trimmed).unwrap_or_default()
}

/// The members of `item` on these paths.
fn keep(item: Json, paths: &[Vec<&str>]) -> Json {
    let Json::Object(map) = item else {
        return item;
    };
    let mut kept = serde_json::Map::new();
    for (name, value) in map {
        let below: Vec<Vec<&str>> = paths
            .iter()
            .filter(|p| p.first() == Some(&name.as_str()))
            .map(|p| p[1..].to_vec())
            .collect();
        if below.is_empty() {
            continue;
        }
        if below.iter().any(Vec::is_empty) || !value.is_object() {
            kept.insert(name, value);
        } else {
            kept.insert(name, keep(value, &below));
        }
    }
    Json::Object(kept)
}

/// An item's answer.
pub fn one<T: Serialize>(item: &T, params: &Params) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(body(item, params))
}

/// A page of a list, with WordPress's headers. A page past the last is a 400
/// (`rest_post_invalid_page_number`).
pub fn page<T: Serialize>(
    items: &[T],
    total: i64,
    window: &Window,
    self_url: &str,
    query: &str,
    params: &Params,
) -> Result<HttpResponse> {
    let per_page = i64::from(window.per_page);
    let pages = (total + per_page - 1) / per_page;
    let current = match window.paging {
        Paging::Page(n) => Some(i64::from(n)),
        _ => None,
    };
    if let Some(n) = current
        && n > 1
        && n > pages
    {
        return Err(crate::error::Error::invalid_query(
            "page",
            "The page number requested is larger than the number of pages available.",
        ));
    }
    let mut res = HttpResponse::Ok();
    res.insert_header(("X-WP-Total", total.to_string()))
        .insert_header(("X-WP-TotalPages", pages.to_string()));
    if let Some(n) = current {
        let at = |page: i64| {
            let mut pairs: Vec<(String, String)> =
                serde_urlencoded::from_str(query).unwrap_or_default();
            pairs.retain(|(k, _)| k != "page");
            if page > 1 {
                pairs.push(("page".into(), page.to_string()));
            }
            match serde_urlencoded::to_string(&pairs).unwrap_or_default() {
                q if q.is_empty() => self_url.to_owned(),
                q => format!("{self_url}?{q}"),
            }
        };
        let mut links = Vec::new();
        if n > 1 {
            links.push(format!("<{}>; rel=\"prev\"", at((n - 1).min(pages.max(1)))));
        }
        if n < pages {
            links.push(format!("<{}>; rel=\"next\"", at(n + 1)));
        }
        if !links.is_empty() {
            res.insert_header((header::LINK, links.join(", ")));
        }
    }
    Ok(res
        .content_type("application/json")
        .body(body(items, params)))
}

/// WordPress's error body.
#[derive(Serialize, utoipa::ToSchema)]
#[allow(dead_code)] // made by `errors` from our problems, described here
pub struct WpError {
    /// `rest_invalid_param`, `rest_post_invalid_id`, `rest_no_route`, ...
    code: String,
    /// For people.
    message: String,
    /// `status`, and for bad parameters `params` (each by name).
    #[schema(value_type = Object)]
    data: Json,
}

/// `{"rendered": html}`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WpRendered {
    /// The HTML.
    pub rendered: String,
}

impl WpRendered {
    pub fn new(html: impl Into<String>) -> WpRendered {
        WpRendered {
            rendered: html.into(),
        }
    }
}

/// `{"rendered": html, "protected": false}`: nothing here is password-protected.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WpRenderedOpen {
    /// The HTML.
    pub rendered: String,
    /// Whether a password guards it: never here.
    pub protected: bool,
}

impl WpRenderedOpen {
    pub fn new(html: impl Into<String>) -> WpRenderedOpen {
        WpRenderedOpen {
            rendered: html.into(),
            protected: false,
        }
    }
}

/// A post, page, resource or event as WordPress answers it. Every member is present unless
/// `_fields` leaves it out; the members of one type only (`parent`, `sticky`,
/// `categories`, `resource_type`, ...) are absent from the others.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct WpContent {
    /// The WordPress id: the one it had in WordPress, or 1,000,000,000 and more when it
    /// was born here.
    #[schema(required = false)]
    pub id: i64,
    /// Published, in the site's time zone (`HEADPRESS_SITE_TIMEZONE`), no offset.
    #[schema(required = false)]
    pub date: String,
    /// Published, in GMT.
    #[schema(required = false)]
    pub date_gmt: String,
    /// WordPress's `guid`: here, the item's address.
    #[schema(required = false)]
    pub guid: WpRendered,
    /// Last changed, in the site's time zone.
    #[schema(required = false)]
    pub modified: String,
    /// Last changed, in GMT.
    #[schema(required = false)]
    pub modified_gmt: String,
    /// The address name.
    #[schema(required = false)]
    pub slug: String,
    /// `publish`, `future` (scheduled), `draft`, `pending`, `private` or `trash`.
    #[schema(required = false)]
    pub status: &'static str,
    /// `post`, `page`, `resource` or `ai1ec_event`.
    #[serde(rename = "type")]
    #[schema(required = false)]
    pub kind: &'static str,
    /// The item's address on the site.
    #[schema(required = false)]
    pub link: String,
    #[schema(required = false)]
    pub title: WpRendered,
    #[schema(required = false)]
    pub content: WpRenderedOpen,
    #[schema(required = false)]
    pub excerpt: WpRenderedOpen,
    /// The author's WordPress id.
    #[schema(required = false)]
    pub author: i64,
    /// The featured image's WordPress id, 0 for none.
    #[schema(required = false)]
    pub featured_media: i64,
    /// Pages: the parent page's WordPress id, 0 at the top.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub parent: Option<i64>,
    /// Pages: the place among siblings.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub menu_order: Option<i64>,
    /// Posts, pages and events: always `closed` (no comments here).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub comment_status: Option<&'static str>,
    /// Posts, pages and events: always `closed` (no pingbacks here).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub ping_status: Option<&'static str>,
    /// Posts: pinned to the front page.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub sticky: Option<bool>,
    /// The page template, or empty.
    #[schema(required = false)]
    pub template: String,
    /// Posts: always `standard`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub format: Option<&'static str>,
    /// Registered meta: `[]`, but for events All-in-One Event Calendar's `start` and `end`
    /// (local times in `timezone`), `all_day`, `venue` (its name) and `timezone`.
    #[schema(required = false)]
    pub meta: Json,
    /// Posts: category WordPress ids.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub categories: Option<Vec<i64>>,
    /// Posts, resources and events: tag WordPress ids (events: `post_tag` and
    /// `events_tags` alike, which are one taxonomy here).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub tags: Option<Vec<i64>>,
    /// Resources: resource type WordPress ids.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub resource_type: Option<Vec<i64>>,
    /// Events: event category WordPress ids.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub events_categories: Option<Vec<i64>>,
    /// Custom field values, as ACF answers them.
    #[schema(required = false)]
    pub acf: serde_json::Map<String, Json>,
    /// Links to related resources (`self`, `author`, `wp:term`, ...).
    #[serde(rename = "_links")]
    #[schema(value_type = Object, required = false)]
    pub links: Json,
    /// With `_embed`: the author, featured image and terms.
    #[serde(rename = "_embedded", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>, required = false)]
    pub embedded: Option<Json>,
}

/// A term as WordPress answers it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WpTerm {
    /// The WordPress id: the one it had in WordPress, or 1,000,000,000 and more when it was made here.
    #[schema(required = false)]
    pub id: i64,
    /// Public items with the term.
    #[schema(required = false)]
    pub count: i64,
    /// The description.
    #[schema(required = false)]
    pub description: String,
    /// The term's archive address on the site.
    #[schema(required = false)]
    pub link: String,
    /// The name, HTML-escaped as WordPress answers it.
    #[schema(required = false)]
    pub name: String,
    /// The address name.
    #[schema(required = false)]
    pub slug: String,
    /// `category`, `post_tag` or `resource_type`.
    #[schema(required = false)]
    pub taxonomy: &'static str,
    /// The parent term's WordPress id, 0 at the top.
    #[schema(required = false)]
    pub parent: i64,
    /// Always empty.
    #[schema(required = false)]
    pub meta: Vec<Json>,
    /// Links to related resources (`self`, `collection`, `about`).
    #[serde(rename = "_links")]
    #[schema(value_type = Object, required = false)]
    pub links: Json,
}

/// The public face of a user, as WordPress answers it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WpUser {
    /// The WordPress id: the one they had in WordPress, or 1,000,000,000 and more when made here.
    #[schema(required = false)]
    pub id: i64,
    /// The display name.
    #[schema(required = false)]
    pub name: String,
    /// Always empty: no personal sites here.
    #[schema(required = false)]
    pub url: String,
    /// Always empty: no biographies here.
    #[schema(required = false)]
    pub description: String,
    /// The author's archive address on the site.
    #[schema(required = false)]
    pub link: String,
    /// The address name.
    #[schema(required = false)]
    pub slug: String,
    /// Always empty: no avatars here.
    #[schema(value_type = Object, required = false)]
    pub avatar_urls: Json,
    /// Always empty.
    #[schema(required = false)]
    pub meta: Vec<Json>,
    /// Links to related resources (`self`, `collection`).
    #[serde(rename = "_links")]
    #[schema(value_type = Object, required = false)]
    pub links: Json,
}

/// A file as WordPress answers an attachment.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WpMedia {
    /// The WordPress id: the one it had in WordPress, or 1,000,000,000 and more when it was uploaded here.
    #[schema(required = false)]
    pub id: i64,
    /// Uploaded, in the site's time zone.
    #[schema(required = false)]
    pub date: String,
    /// Uploaded, in GMT.
    #[schema(required = false)]
    pub date_gmt: String,
    #[schema(required = false)]
    pub guid: WpRendered,
    /// Last changed, in the site's time zone.
    #[schema(required = false)]
    pub modified: String,
    /// Last changed, in GMT.
    #[schema(required = false)]
    pub modified_gmt: String,
    /// The file name without its extension.
    #[schema(required = false)]
    pub slug: String,
    /// Always `inherit`.
    #[schema(required = false)]
    pub status: &'static str,
    /// Always `attachment`.
    #[serde(rename = "type")]
    #[schema(required = false)]
    pub kind: &'static str,
    /// The file's address.
    #[schema(required = false)]
    pub link: String,
    #[schema(required = false)]
    pub title: WpRendered,
    /// The uploader's WordPress id, 0 when unknown.
    #[schema(required = false)]
    pub author: i64,
    /// Always 0.
    #[schema(required = false)]
    pub featured_media: i64,
    /// Always `closed`.
    #[schema(required = false)]
    pub comment_status: &'static str,
    /// Always `closed`.
    #[schema(required = false)]
    pub ping_status: &'static str,
    /// Always empty.
    #[schema(required = false)]
    pub template: String,
    /// Always empty.
    #[schema(required = false)]
    pub meta: Vec<Json>,
    #[schema(required = false)]
    pub description: WpRendered,
    #[schema(required = false)]
    pub caption: WpRendered,
    /// The alternative text.
    #[schema(required = false)]
    pub alt_text: String,
    /// `image` or `file`.
    #[schema(required = false)]
    pub media_type: &'static str,
    /// The file's type, as its bytes showed it.
    #[schema(required = false)]
    pub mime_type: String,
    /// `width`, `height`, `file`, `filesize`, `sizes` (none: no resized copies here).
    #[schema(value_type = Object, required = false)]
    pub media_details: Json,
    /// Always null.
    #[schema(value_type = Option<i64>, required = false)]
    pub post: Option<i64>,
    /// Where the file is served.
    #[schema(required = false)]
    pub source_url: String,
    /// Links to related resources (`self`, `author`, ...).
    #[serde(rename = "_links")]
    #[schema(value_type = Object, required = false)]
    pub links: Json,
}
