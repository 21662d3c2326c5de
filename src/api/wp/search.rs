//! `/wp-json/wp/v2/search`: WordPress's search across types. Posts, pages, resources and
//! events are found through the same full-text index and visibility rule as every list's
//! `search` (ranked by relevance, newest first without words); terms by name or slug.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, get};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::{Value as Json, json};

use crate::api::wp::entries;
use crate::api::wp::library;
use crate::api::wp::params::{Params, WpSearchParams};
use crate::api::wp::types::WpType;
use crate::api::wp::{Described, TAXONOMIES, TYPES};
use crate::content::html::escape;
use crate::content::kind::ContentKind;
use crate::content::list::{EntryFilter, EntryQuery, SortKey};
use crate::content::pages::Pages;
use crate::content::paging::Listed;
use crate::content::terms::Taxonomy;
use crate::content::wp_ids::{self, Space, public_ids};
use crate::content::{Kind, Viewer};
use crate::db::DbConn;
use crate::db::sql::{CountRow, Sql, Value};
use crate::error::{Error, Result};
use crate::http::render::{ShapeCache, Shared};
use crate::http::state::State;

/// One thing found, as WordPress's search answers it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct WpSearchResult {
    /// The WordPress id of the item or term.
    #[schema(required = false)]
    pub id: i64,
    /// The item's title, or the term's name (HTML-escaped, as WordPress gives it).
    #[schema(required = false)]
    pub title: String,
    /// Its address on the site.
    #[schema(required = false)]
    pub url: String,
    /// `post` for an item; a term's taxonomy (`category`, `post_tag`, ...), as WordPress
    /// answers terms.
    #[serde(rename = "type")]
    #[schema(required = false)]
    pub kind: &'static str,
    /// An item's post type (`post`, `page`, `resource`, `ai1ec_event`); terms have none.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub subtype: Option<&'static str>,
    /// Links to the thing itself (`self`, embeddable), its type and this collection.
    #[serde(rename = "_links")]
    #[schema(value_type = Object, required = false)]
    pub links: Json,
    /// With `_embed` (items only): `self`, the item as its own route answers it.
    #[serde(rename = "_embedded", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>, required = false)]
    pub embedded: Option<Embedded>,
}

/// What `_embed` adds to a result.
#[derive(Serialize)]
pub struct Embedded {
    #[serde(rename = "self")]
    item: [Shared; 1],
}

/// What a search looks through: items of some types, terms of some taxonomies, or post
/// formats (none here).
#[derive(Clone)]
enum Among {
    Items(Vec<Kind>),
    Terms(Vec<&'static Described>),
    Formats,
}

/// The kind of one of the post types this API serves.
fn kind_of(post_type: &str) -> Option<Kind> {
    match post_type {
        "post" => Some(Kind::Post),
        "page" => Some(Kind::Page),
        "resource" => Some(Kind::Resource),
        "ai1ec_event" => Some(Kind::Event),
        _ => None,
    }
}

/// WordPress's name and REST base of a kind.
fn type_of(kind: Kind) -> (&'static str, &'static str) {
    TYPES
        .iter()
        .find(|t| kind_of(t.name) == Some(kind))
        .map_or(("post", "posts"), |t| (t.name, t.base))
}

/// `type` and `subtype` as WordPress reads them: `subtype` is `any` (default) or a list of
/// post types and taxonomies; those not of `type` find nothing.
fn among(p: &Params) -> Result<Among> {
    let kind = p.get("type").unwrap_or("post");
    if !matches!(kind, "post" | "term" | "post-format") {
        return Err(Error::invalid_query(
            "type",
            format!("type is not one of post, term, post-format (`{kind}`)."),
        ));
    }
    let subtypes = p.list("subtype");
    let known: Vec<&str> = ["any"]
        .into_iter()
        .chain(TYPES.iter().map(|t| t.name))
        .chain(TAXONOMIES.iter().map(|t| t.name))
        .collect();
    if let Some((at, bad)) = subtypes
        .iter()
        .enumerate()
        .find(|(_, s)| !known.contains(&s.as_str()))
    {
        return Err(Error::invalid_query(
            "subtype",
            format!(
                "subtype[{at}] is not one of {} (`{bad}`).",
                known.join(", ")
            ),
        ));
    }
    let any = subtypes.is_empty() || subtypes.iter().any(|s| s == "any");
    let named = |name: &str| any || subtypes.iter().any(|s| s == name);
    Ok(match kind {
        "post" => Among::Items(
            TYPES
                .iter()
                .filter(|t| named(t.name))
                .filter_map(|t| kind_of(t.name))
                .collect(),
        ),
        "term" => Among::Terms(
            TAXONOMIES
                .iter()
                // `any`: each of ours once (the tags of events are tags).
                .filter(|t| if any { t.only.is_none() } else { named(t.name) })
                .collect(),
        ),
        _ => Among::Formats,
    })
}

/// Search (WordPress)
///
/// WordPress's `GET /wp/v2/search`: published posts, pages, resources and events whose
/// words match `search` (ranked by relevance; without `search`, everything, newest first),
/// or with `type=term` the terms whose name or slug contains it. `_embed` embeds each
/// item as its own route answers it.
#[utoipa::path(tag = "wordpress", params(WpSearchParams),
    responses((status = 200, description = "A page of results in WordPress's shape", body = Vec<WpSearchResult>,
        headers(("X-WP-Total" = i64, description = "Results"),
                ("X-WP-TotalPages" = i64, description = "Pages of them"))),
        (status = 400, description = "A bad parameter (`rest_invalid_param`)", body = crate::api::wp::wire::WpError)))]
#[get("/wp-json/wp/v2/search")]
pub async fn search_wp(req: HttpRequest, state: State) -> Result<HttpResponse> {
    let p = Params::parse(req.query_string())?;
    let among = among(&p)?;
    let opts = entries::options(&state, Viewer::Anonymous);
    let zone = state.config.site_timezone;
    let cache = state.wp_items.enabled().then(|| state.wp_items.clone());
    let q = p.clone();
    let read = move |conn: &mut DbConn| match &among {
        Among::Items(kinds) => items(conn, kinds, &q, &opts, zone, cache.as_deref()),
        Among::Terms(taxonomies) => terms(conn, taxonomies, &q, &opts.public_url),
        Among::Formats => Ok((Vec::new(), 0)),
    };
    crate::api::wp::answer_page(&req, &state, &p, "wp/v2/search", read).await
}

/// The links of a result.
fn links(api: &str, route: &str, about: &str) -> Json {
    json!({
        "self": [{"embeddable": true, "href": format!("{api}/{route}")}],
        "about": [{"href": format!("{api}/{about}")}],
        "collection": [{"href": format!("{api}/search")}],
    })
}

fn items(
    conn: &mut DbConn,
    kinds: &[Kind],
    p: &Params,
    opts: &crate::api::content::ReadOptions,
    zone: chrono_tz::Tz,
    cache: Option<&ShapeCache>,
) -> Result<(Vec<WpSearchResult>, i64)> {
    let Some((&first, also)) = kinds.split_first() else {
        return Ok((Vec::new(), 0));
    };
    let window = p.window()?;
    let filter = EntryFilter {
        search: p.get("search").map(str::to_owned),
        ..Default::default()
    };
    let mut query = EntryQuery::new(first, SortKey::PublishedAt, Viewer::Anonymous, filter)?;
    query.also = also.to_vec();
    query.conditions.extend(library::include_exclude(p, "e")?);
    let Listed {
        items: ids, total, ..
    } = crate::content::list::list(conn, &query, &window)?;
    let found = crate::content::entry::find_ordered(conn, &ids)?;
    let map = public_ids(conn, Space::Entries, &ids)?;
    let pages: Vec<_> = found
        .iter()
        .filter(|e| e.kind == Kind::Page)
        .cloned()
        .collect();
    let paths = <Pages as ContentKind>::load_details(conn, &pages)?;
    // With `_embed`: each item as its own route answers it, by local id.
    let mut embedded: HashMap<i64, Shared> = HashMap::new();
    if p.has("_embed") {
        let plain = Params::default();
        for kind in kinds {
            let of_kind: Vec<i64> = found
                .iter()
                .filter(|e| e.kind == *kind)
                .map(|e| e.id)
                .collect();
            if of_kind.is_empty() {
                continue;
            }
            let shaped = match kind {
                Kind::Post => shaped::<crate::content::posts::Posts>,
                Kind::Page => shaped::<Pages>,
                Kind::Resource => shaped::<crate::content::resources::Resources>,
                _ => shaped::<crate::events::Events>,
            };
            let made = shaped(conn, &of_kind, opts, &plain, zone, cache)?;
            embedded.extend(of_kind.into_iter().zip(made));
        }
    }
    let api = format!("{}/wp-json/wp/v2", opts.public_url);
    let results = found
        .into_iter()
        .map(|e| {
            let wp = map.get(&e.id).copied().unwrap_or(wp_ids::BORN_HERE + e.id);
            let (subtype, base) = type_of(e.kind);
            let path = paths.get(&e.id).map(|d| d.path.as_str());
            WpSearchResult {
                id: wp,
                title: escape(&e.title),
                url: opts
                    .links
                    .link(e.kind, e.id, &e.slug, path)
                    .unwrap_or_default(),
                kind: "post",
                subtype: Some(subtype),
                links: links(&api, &format!("{base}/{wp}"), &format!("types/{subtype}")),
                embedded: embedded.remove(&e.id).map(|item| Embedded { item: [item] }),
            }
        })
        .collect();
    Ok((results, total.unwrap_or_default()))
}

/// Items of one type as their own route answers them (for anonymous readers).
fn shaped<K: WpType>(
    conn: &mut DbConn,
    ids: &[i64],
    opts: &crate::api::content::ReadOptions,
    p: &Params,
    zone: chrono_tz::Tz,
    cache: Option<&ShapeCache>,
) -> Result<Vec<Shared>> {
    entries::kept::<K>(conn, ids, opts, p, zone, cache)
}

fn terms(
    conn: &mut DbConn,
    taxonomies: &[&'static Described],
    p: &Params,
    base: &str,
) -> Result<(Vec<WpSearchResult>, i64)> {
    if taxonomies.is_empty() {
        return Ok((Vec::new(), 0));
    }
    let window = p.window()?;
    let mut from = Sql::new(" FROM terms t WHERE (");
    for (i, d) in taxonomies.iter().enumerate() {
        let taxonomy = d.taxonomy.unwrap_or(Taxonomy::Tag);
        if i > 0 {
            from.push(" OR ");
        }
        from.push("(t.taxonomy = ")
            .bind(Value::Text(taxonomy.as_str().to_owned()));
        if let Some(kind) = d.only {
            from.push(" AND ")
                .append(&library::labels(Some(kind), false));
        }
        from.push(")");
    }
    from.push(")");
    if let Some(needle) = p.get("search") {
        from.push(" AND ").append(&library::name_or_slug(needle));
    }
    if let Some(include) = p.ids("include")? {
        from.push(" AND ").append(&wp_ids::condition("t", &include));
    }
    if let Some(exclude) = p.ids("exclude")?.filter(|e| !e.is_empty()) {
        from.push(" AND NOT ")
            .append(&wp_ids::condition("t", &exclude));
    }
    let mut page = Sql::new("SELECT t.*");
    page.append(&from)
        .push(" ORDER BY t.name ASC, t.id ASC LIMIT ")
        .bind(Value::Int(i64::from(window.per_page)))
        .push(" OFFSET ")
        .bind(Value::Int(window.skip()));
    let found: Vec<crate::content::terms::Term> = page.into_query().load(conn)?;
    let mut count = Sql::new("SELECT COUNT(*) AS n");
    count.append(&from);
    let total = count.into_query().get_result::<CountRow>(conn)?.n;
    let ids: Vec<i64> = found.iter().map(|t| t.id).collect();
    let map = public_ids(conn, Space::Terms, &ids)?;
    let api = format!("{base}/wp-json/wp/v2");
    // A tag is `post_tag` unless only the tags of events were asked for.
    let named = |taxonomy: &str| {
        taxonomies
            .iter()
            .find(|d| d.taxonomy.is_some_and(|t| t.as_str() == taxonomy))
            .copied()
    };
    let results = found
        .iter()
        .filter_map(|t| {
            let d = named(&t.taxonomy)?;
            let wp = map.get(&t.id).copied().unwrap_or(wp_ids::BORN_HERE + t.id);
            Some(WpSearchResult {
                id: wp,
                title: escape(&t.name),
                url: library::term_link(base, d, &t.slug),
                kind: d.name,
                subtype: None,
                links: links(
                    &api,
                    &format!("{}/{wp}", d.base),
                    &format!("taxonomies/{}", d.name),
                ),
                embedded: None,
            })
        })
        .collect();
    Ok((results, total))
}
