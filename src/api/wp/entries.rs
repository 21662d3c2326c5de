//! `/wp-json/wp/v2/{posts,pages,resources,events}`: content as WordPress answers it, listed with
//! WordPress's parameters through the same queries (indexes, stored counts) as `/api/v1`.

use actix_web::{HttpRequest, HttpResponse, get};
use serde_json::{Value as Json, json};

use std::sync::Arc;

use crate::api::content::ReadOptions;
use crate::api::content::related::Related;
use crate::api::wp::ids::{self, IdMap};
use crate::api::wp::library::{self, Embeds};
use crate::api::wp::params::{
    Params, WpContentParams, WpEventParams, WpItemParams, WpListParams, WpPageParams, WpPostParams,
    WpResourceParams,
};
use crate::api::wp::types::{Extras, Parents, WpType};
use crate::api::wp::wire::{self, WpContent, WpRendered, WpRenderedOpen, WpTerm, dates, paragraph};
use crate::content::entry::Entry;
use crate::content::entry_media::FEATURED;
use crate::content::fields::Refs;
use crate::content::html::escape;
use crate::content::list::{EntryFilter, ListOrder, SortKey};
use crate::content::pages::{Pages, Parent};
use crate::content::paging::Direction;
use crate::content::posts::Posts;
use crate::content::resources::Resources;
use crate::content::terms::Taxonomy;
use crate::content::wp_ids::{Space, local_ids, public_ids};
use crate::content::{Status, Viewer, items};
use crate::db::DbConn;
use crate::db::sql::{Sql, Value};
use crate::error::{Error, Result};
use crate::http::auth::MaybeUser;
use crate::http::extract::PathId;
use crate::http::render::{Fragment, ShapeCache, Shared};
use crate::http::state::State;

/// WordPress's status of an item (`publish`, `future` when scheduled, ...).
fn wp_status(e: &Entry, now: chrono::NaiveDateTime) -> &'static str {
    match e.status {
        Status::Published if e.published_at > now => "future",
        Status::Published => "publish",
        Status::Draft => "draft",
        Status::Pending => "pending",
        Status::Private => "private",
        Status::Trash => "trash",
    }
}

/// Our statuses for WordPress's `status` parameter.
fn statuses(p: &Params, viewer: Viewer) -> Result<Option<Vec<Status>>> {
    let names = p.list("status");
    if names.is_empty() || names == ["publish"] {
        return Ok(None);
    }
    if viewer == Viewer::Anonymous {
        return Err(Error::invalid_query("status", "Status is forbidden."));
    }
    let mut out = Vec::new();
    for n in names {
        match n.as_str() {
            "publish" | "future" => out.push(Status::Published),
            "draft" => out.push(Status::Draft),
            "pending" => out.push(Status::Pending),
            "private" => out.push(Status::Private),
            "trash" => out.push(Status::Trash),
            "any" => out.extend([
                Status::Published,
                Status::Draft,
                Status::Pending,
                Status::Private,
            ]),
            other => {
                return Err(Error::invalid_query(
                    "status",
                    format!(
                        "status[0] is not one of publish, future, draft, pending, private, trash, any (`{other}`)."
                    ),
                ));
            }
        }
    }
    Ok(Some(out))
}

/// The order WordPress's `orderby` asks for.
fn order<K: WpType>(p: &Params) -> Result<Option<ListOrder>> {
    let key = match p.get("orderby") {
        // WordPress lists pages by date too (headpress's own page lists go by
        // `menu_order`); a search goes by relevance.
        None if matches!(K::TYPE, "page" | "ai1ec_event") && p.get("search").is_none() => {
            SortKey::PublishedAt
        }
        None => return Ok(None),
        Some("date") => SortKey::PublishedAt,
        Some("modified") => SortKey::UpdatedAt,
        Some("title") => SortKey::Title,
        Some("slug") => SortKey::Slug,
        Some("id") => SortKey::WpId,
        // Without `include`, WordPress goes by date.
        Some("include") if p.has("include") => SortKey::Given,
        Some("include") => SortKey::PublishedAt,
        Some("relevance") => SortKey::Relevance,
        Some("menu_order") if K::TYPE == "page" => SortKey::MenuOrder,
        Some(other) => {
            return Err(Error::invalid_query(
                "orderby",
                format!(
                    "orderby is not one of date, modified, title, slug, id, include, relevance{} (`{other}`).",
                    if K::TYPE == "page" {
                        ", menu_order"
                    } else {
                        ""
                    }
                ),
            ));
        }
    };
    Ok(Some(ListOrder::Key(key)))
}

/// A page of items of one type, as WordPress lists them, with the total.
fn list<K: WpType>(
    conn: &mut DbConn,
    p: &Params,
    viewer: Viewer,
    opts: &ReadOptions,
    zone: chrono_tz::Tz,
    kept_in: Option<&ShapeCache>,
) -> Result<(Vec<Shared>, i64)> {
    let window = p.window()?;
    let mut filter = EntryFilter {
        statuses: statuses(p, viewer)?,
        slugs: p.list("slug"),
        search: p.get("search").map(str::to_owned),
        order: order::<K>(p)?,
        // WordPress's `order` is `desc` unless asked (pages too).
        dir: match p.ascending()? {
            Some(true) => Some(Direction::Asc),
            Some(false) => Some(Direction::Desc),
            None if matches!(K::TYPE, "page" | "ai1ec_event") => Some(Direction::Desc),
            None => None,
        },
        published_after: p.date("after", zone)?,
        published_before: p.date("before", zone)?,
        ..Default::default()
    };
    let mut conditions = Vec::new();
    if let (Some(after), Some(before)) = (filter.published_after, filter.published_before)
        && before <= after
    {
        // WordPress answers an empty window with nothing (our own API with a 400).
        (filter.published_after, filter.published_before) = (None, None);
        conditions.push(Sql::new("1 = 0"));
    }
    if let Some(authors) = p.ids("author")? {
        filter.authors = local_ids(conn, Space::Users, &authors)?;
        if filter.authors.is_empty() {
            conditions.push(Sql::new("1 = 0"));
        }
    }
    // The tags of events (`events_tags`) are tags here: that parameter names tags too.
    let events_tags: &[(Taxonomy, &str)] = if K::TYPE == "ai1ec_event" {
        &[(Taxonomy::Tag, "events_tags")]
    } else {
        &[]
    };
    for (taxonomy, param) in K::TERMS.iter().chain(events_tags) {
        let Some(wanted) = p.ids(param)? else {
            continue;
        };
        let local = local_ids(conn, Space::Terms, &wanted)?;
        let slugs: Vec<String> = crate::content::terms::find_many(conn, &local)?
            .into_iter()
            .filter(|t| t.taxonomy == taxonomy.as_str())
            .map(|t| t.slug)
            .collect();
        if slugs.is_empty() {
            conditions.push(Sql::new("1 = 0"));
        } else {
            filter.terms.push((*taxonomy, slugs));
        }
    }
    // Pages: `parent` and `parent_exclude`, WordPress ids (0: the top).
    let mut parents: Parents = (Vec::new(), Vec::new());
    if K::TYPE == "page" {
        for (param, into) in [
            ("parent", &mut parents.0),
            ("parent_exclude", &mut parents.1),
        ] {
            let wanted = p.ids(param)?.unwrap_or_default();
            let under: Vec<i64> = wanted.iter().copied().filter(|i| *i != 0).collect();
            let local = local_ids(conn, Space::Entries, &under)?;
            if wanted.contains(&0) {
                into.push(Parent::Top);
            }
            into.extend(local.iter().map(|id| Parent::Page(*id)));
            if !under.is_empty() && local.is_empty() {
                // Ids no page has: a parent nothing is under.
                into.push(Parent::Page(-1));
            }
        }
    }
    let given = match filter.order {
        Some(ListOrder::Key(SortKey::Given)) => p.ids("include")?.unwrap_or_default(),
        _ => Vec::new(),
    };
    let mut query = K::query(viewer, filter)?;
    query.given = given;
    query.conditions.extend(conditions);
    query.conditions.extend(library::include_exclude(p, "e")?);
    for (param, op) in [("modified_after", ">"), ("modified_before", "<")] {
        if let Some(at) = p.date(param, zone)? {
            let mut c = Sql::new(&format!("e.updated_at {op} "));
            c.bind(Value::Time(at));
            query.conditions.push(c);
        }
    }
    let own = K::own(p, parents)?;
    let page = items::list_ids::<K>(conn, query, own, &window)?;
    let total = page.total.unwrap_or_default();
    Ok((kept::<K>(conn, &page.items, opts, p, zone, kept_in)?, total))
}

/// Items (local ids, in order) as WordPress answers them: from `kept_in` when given and
/// kept there, else shaped (and kept).
pub(super) fn kept<K: WpType>(
    conn: &mut DbConn,
    ids: &[i64],
    opts: &ReadOptions,
    p: &Params,
    zone: chrono_tz::Tz,
    kept_in: Option<&ShapeCache>,
) -> Result<Vec<Shared>> {
    let mut found: Vec<Option<Arc<Fragment>>> = match kept_in {
        Some(c) => c.get_many(&ids.iter().map(|id| (K::KIND, *id)).collect::<Vec<_>>()),
        None => vec![None; ids.len()],
    };
    let missing: Vec<i64> = ids
        .iter()
        .zip(&found)
        .filter(|(_, f)| f.is_none())
        .map(|(id, _)| *id)
        .collect();
    if !missing.is_empty() {
        let ticket = kept_in.map(|c| c.ticket());
        let entries = crate::content::entry::find_ordered(conn, &missing)?;
        let local: Vec<i64> = entries.iter().map(|e| e.id).collect();
        for (id, item) in local
            .into_iter()
            .zip(shape::<K>(conn, entries, opts, p, zone)?)
        {
            let fragment = Arc::new(Fragment::new(&item)?);
            if let (Some(cache), Some(ticket)) = (kept_in, ticket) {
                cache.put((K::KIND, id), fragment.clone(), ticket);
            }
            if let Some(slot) = ids.iter().position(|i| *i == id) {
                found[slot] = Some(fragment);
            }
        }
    }
    Ok(found.into_iter().flatten().map(Shared).collect())
}

/// Items as WordPress answers them, with their relations loaded in a fixed number of
/// queries (ours, and one per id space for the WordPress ids).
fn shape<K: WpType>(
    conn: &mut DbConn,
    entries: Vec<Entry>,
    opts: &ReadOptions,
    p: &Params,
    zone: chrono_tz::Tz,
) -> Result<Vec<WpContent>> {
    // What custom fields point to is kept, to give those ids as WordPress ids too.
    let opts = &ReadOptions {
        keep_refs: true,
        ..opts.clone()
    };
    let related = Related::load(conn, K::KIND, &entries, opts)?;
    let details = K::load_details(conn, &entries)?;
    let extras: Vec<Extras> = entries
        .iter()
        .map(|e| K::extras(e, &related, &details))
        .collect();
    let refs: Vec<Refs> = entries.iter().map(|e| related.refs(e.id).fields).collect();
    let mut entry_ids: Vec<i64> = entries.iter().map(|e| e.id).collect();
    entry_ids.extend(extras.iter().filter_map(|x| x.parent.flatten()));
    let featured: Vec<i64> = entries
        .iter()
        .filter_map(|e| related.media_id(e.id, FEATURED))
        .collect();
    let mut media_ids = featured.clone();
    media_ids.extend(extras.iter().filter_map(|x| x.document));
    for r in &refs {
        media_ids.extend(r.media.iter().map(|m| m.1));
        entry_ids.extend(r.entries.iter().map(|e| e.1));
    }
    let term_ids: Vec<i64> = entries
        .iter()
        .flat_map(|e| {
            K::TERMS
                .iter()
                .flat_map(|(t, _)| related.term_ids(e.id, *t))
        })
        .collect();
    let authors: Vec<i64> = entries.iter().map(|e| e.author_id).collect();
    let map = IdMap {
        entries: public_ids(conn, Space::Entries, &entry_ids)?,
        media: public_ids(conn, Space::Media, &media_ids)?,
        terms: public_ids(conn, Space::Terms, &term_ids)?,
        users: public_ids(conn, Space::Users, &authors)?,
    };
    let embeds = if p.has("_embed") {
        Some(library::embeds(
            conn,
            opts.viewer,
            &map,
            &authors,
            &featured,
            &term_ids,
            zone,
            &opts.public_url,
        )?)
    } else {
        None
    };
    let now = crate::db::now();
    let made = Made {
        map: &map,
        embeds: embeds.as_ref(),
        zone,
        base: &opts.public_url,
        now,
    };
    Ok(entries
        .into_iter()
        .zip(extras)
        .zip(&refs)
        .map(|((e, x), r)| {
            let mut item = item::<K>(e, x, &related, &made);
            for (path, id, _) in &r.media {
                if let Some(v) = at_path(&mut item.acf, path) {
                    *v = json!(made.map.media_id(*id));
                }
            }
            for (path, id, _) in &r.entries {
                if let Some(v) = at_path(&mut item.acf, path) {
                    *v = json!(made.map.entry_id(*id));
                }
            }
            item
        })
        .collect())
}

/// What every item of a page is made with.
struct Made<'a> {
    map: &'a IdMap,
    embeds: Option<&'a Embeds>,
    zone: chrono_tz::Tz,
    base: &'a str,
    now: chrono::NaiveDateTime,
}

/// The value at a custom field's path (`fields.authors[2].photo`) in the fields.
fn at_path<'a>(fields: &'a mut serde_json::Map<String, Json>, path: &str) -> Option<&'a mut Json> {
    let mut steps = path.strip_prefix("fields.")?.split('.');
    let (name, indexes) = step(steps.next()?)?;
    let mut at = fields.get_mut(name)?;
    for i in indexes {
        at = at.get_mut(i)?;
    }
    for s in steps {
        let (name, indexes) = step(s)?;
        at = at.get_mut(name)?;
        for i in indexes {
            at = at.get_mut(i)?;
        }
    }
    Some(at)
}

/// A step of a path: a member's name and the indexes after it (`rows[2]`).
fn step(s: &str) -> Option<(&str, Vec<usize>)> {
    match s.split_once('[') {
        None => Some((s, Vec::new())),
        Some((name, rest)) => {
            let indexes = rest
                .trim_end_matches(']')
                .split("][")
                .map(|i| i.parse().ok())
                .collect::<Option<Vec<usize>>>()?;
            Some((name, indexes))
        }
    }
}

/// One item in WordPress's shape.
fn item<K: WpType>(e: Entry, x: Extras, related: &Related, made: &Made) -> WpContent {
    let map = made.map;
    let id = map.entry_id(e.id);
    let (date, date_gmt) = dates(e.published_at, made.zone);
    let (modified, modified_gmt) = dates(e.updated_at, made.zone);
    let author = map.user_id(e.author_id);
    let featured = related
        .media_id(e.id, FEATURED)
        .map_or(0, |m| map.media_id(m));
    let api = format!("{}/wp-json/wp/v2", made.base);
    let (page, post) = (K::TYPE == "page", K::TYPE == "post");
    let commented = page || post || K::TYPE == "ai1ec_event";
    let terms = |member: &str| -> Option<Vec<i64>> {
        K::TERMS.iter().find(|(_, m)| *m == member).map(|(t, _)| {
            related
                .term_ids(e.id, *t)
                .into_iter()
                .map(|t| map.term_id(t))
                .collect()
        })
    };
    let mut acf = related.fields(e.id);
    for (name, value) in x.acf {
        acf.insert(name.into(), value);
    }
    if K::TYPE == "resource" {
        let document = x.document.map_or(json!(false), |d| json!(map.media_id(d)));
        acf.insert("document".into(), document);
    }
    let mut links = json!({
        "self": [{"href": format!("{api}/{}/{id}", K::BASE)}],
        "collection": [{"href": format!("{api}/{}", K::BASE)}],
        "about": [{"href": format!("{api}/types/{}", K::TYPE)}],
        "author": [{"embeddable": true, "href": format!("{api}/users/{author}")}],
    });
    if featured != 0 {
        links["wp:featuredmedia"] =
            json!([{"embeddable": true, "href": format!("{api}/media/{featured}")}]);
    }
    // Links to the terms of each taxonomy.
    let term_links: Vec<Json> = K::TERMS
        .iter()
        .map(|(taxonomy, member)| {
            let wp_taxonomy = crate::api::wp::taxonomy_of(*taxonomy).name;
            json!({"taxonomy": wp_taxonomy, "embeddable": true,
                   "href": format!("{api}/{member}?post={id}")})
        })
        .collect();
    if !term_links.is_empty() {
        links["wp:term"] = json!(term_links);
    }
    links["curies"] = json!([{"name": "wp", "href": "https://api.w.org/{rel}", "templated": true}]);
    let status = wp_status(&e, made.now);
    let categories = terms("categories");
    let tags = terms("tags");
    let resource_type = terms("resource_type");
    let events_categories = terms("events_categories");
    let slug = e.slug.clone();
    let excerpt = paragraph(&e.excerpt);
    let title = escape(&e.title);
    let entry_id = e.id;
    let sticky = e.sticky;
    let core = related.core(e);
    let link = x.link.or(core.link).unwrap_or_default();
    let embedded = made.embeds.map(|embeds| {
        let mut embedded = serde_json::Map::new();
        if let Some(a) = embeds.users.get(&author) {
            embedded.insert("author".into(), json!([a]));
        }
        if let Some(m) = embeds.media.get(&featured) {
            embedded.insert("wp:featuredmedia".into(), json!([m]));
        }
        if !K::TERMS.is_empty() {
            let groups: Vec<Vec<&WpTerm>> = K::TERMS
                .iter()
                .map(|(t, _)| {
                    related
                        .term_ids(entry_id, *t)
                        .into_iter()
                        .filter_map(|t| embeds.terms.get(&map.term_id(t)))
                        .collect()
                })
                .collect();
            embedded.insert("wp:term".into(), json!(groups));
        }
        Json::Object(embedded)
    });
    WpContent {
        id,
        date,
        date_gmt,
        guid: WpRendered::new(link.clone()),
        modified,
        modified_gmt,
        slug,
        status,
        kind: K::TYPE,
        link,
        title: WpRendered::new(title),
        content: WpRenderedOpen::new(core.content.html),
        excerpt: WpRenderedOpen::new(excerpt),
        author,
        featured_media: featured,
        parent: x.parent.map(|p| p.map_or(0, |p| map.entry_id(p))),
        menu_order: x.menu_order,
        comment_status: commented.then_some("closed"),
        ping_status: commented.then_some("closed"),
        sticky: post.then_some(sticky),
        template: x.template,
        format: post.then_some("standard"),
        meta: x.meta.unwrap_or_else(|| json!([])),
        categories,
        tags,
        resource_type,
        events_categories,
        acf,
        links,
        embedded,
    }
}

pub(super) fn options(state: &State, viewer: Viewer) -> ReadOptions {
    ReadOptions {
        viewer,
        include: Vec::new(),
        public_url: state.config.public_url.clone(),
        links: state.config.links.clone(),
        resolve_blocks: true,
        keep_refs: false,
    }
}

async fn list_type<K: WpType>(
    req: HttpRequest,
    state: State,
    user: MaybeUser,
) -> Result<HttpResponse> {
    let p = Params::parse(req.query_string())?;
    let q = p.clone();
    let viewer = user.viewer();
    let opts = options(&state, viewer);
    let zone = state.config.site_timezone;
    // Items as anonymous readers see them are kept between requests, like our own
    // renderings (`_embed` adds what others share, so those are made each time).
    let cache = (viewer == Viewer::Anonymous && !p.has("_embed") && state.wp_items.enabled())
        .then(|| state.wp_items.clone());
    let read = move |conn: &mut DbConn| list::<K>(conn, &q, viewer, &opts, zone, cache.as_deref());
    let route = format!("wp/v2/{}", K::BASE);
    crate::api::wp::answer_page(&req, &state, &p, &route, read).await
}

async fn get_type<K: WpType>(
    req: HttpRequest,
    state: State,
    user: MaybeUser,
    wp_id: i64,
) -> Result<HttpResponse> {
    let p = Params::parse(req.query_string())?;
    let q = p.clone();
    let viewer = user.viewer();
    let opts = options(&state, viewer);
    let zone = state.config.site_timezone;
    let item = state
        .read(move |conn| {
            let missing = || Error::not_found("Invalid post ID.");
            let id = *local_ids(conn, Space::Entries, &[wp_id])?
                .first()
                .ok_or_else(missing)?;
            let e = items::find::<K>(conn, id, viewer)
                .map_err(|e| ids::missing(e, "Invalid post ID."))?;
            shape::<K>(conn, vec![e], &opts, &q, zone)?
                .pop()
                .ok_or_else(missing)
        })
        .await?;
    Ok(wire::one(&item, &p))
}

macro_rules! wp_routes {
    ($kind:ty, $params:ty, $base:literal, $list_path:literal, $item_path:literal,
     $list:ident = $list_doc:literal, $get:ident = $get_doc:literal) => {
        #[doc = $list_doc]
        #[utoipa::path(tag = "wordpress", summary = $list_doc,
            description = concat!("WordPress's `GET /wp/v2/", $base, "`: the items of `/api/v1/", $base,
                "` in WordPress's shape, with `X-WP-Total`, `X-WP-TotalPages` and `Link`. \
                Anonymous readers get what is public; `status` needs a bearer token."),
            params(WpListParams, WpContentParams, $params),
            responses((status = 200, description = "A page of items in WordPress's shape", body = Vec<WpContent>,
                headers(("X-WP-Total" = i64, description = "Items matching"),
                        ("X-WP-TotalPages" = i64, description = "Pages of them"))),
                (status = 400, description = "A bad parameter (`rest_invalid_param`)", body = crate::api::wp::wire::WpError)),
            security((), ("bearer" = [])))]
        #[get($list_path)]
        pub async fn $list(req: HttpRequest, state: State, user: MaybeUser) -> Result<HttpResponse> {
            list_type::<$kind>(req, state, user).await
        }

        #[doc = $get_doc]
        #[utoipa::path(tag = "wordpress", summary = $get_doc,
            description = concat!("WordPress's `GET /wp/v2/", $base, "/{id}`, by WordPress id."),
            params(("id" = i64, Path, minimum = 1, description = "WordPress id"), WpItemParams),
            responses((status = 200, description = "The item in WordPress's shape", body = WpContent),
                (status = 404, description = "No such item, or not visible to you (`rest_post_invalid_id`)", body = crate::api::wp::wire::WpError)),
            security((), ("bearer" = [])))]
        #[get($item_path)]
        pub async fn $get(req: HttpRequest, state: State, user: MaybeUser, id: PathId) -> Result<HttpResponse> {
            get_type::<$kind>(req, state, user, id.0).await
        }
    };
}

wp_routes!(
    Posts,
    WpPostParams,
    "posts",
    "/wp-json/wp/v2/posts",
    "/wp-json/wp/v2/posts/{id}",
    list_wp_posts = "List posts (WordPress)",
    get_wp_post = "Get a post (WordPress)"
);
wp_routes!(
    Pages,
    WpPageParams,
    "pages",
    "/wp-json/wp/v2/pages",
    "/wp-json/wp/v2/pages/{id}",
    list_wp_pages = "List pages (WordPress)",
    get_wp_page = "Get a page (WordPress)"
);
wp_routes!(
    crate::events::Events,
    WpEventParams,
    "events",
    "/wp-json/wp/v2/events",
    "/wp-json/wp/v2/events/{id}",
    list_wp_events = "List events (WordPress)",
    get_wp_event = "Get an event (WordPress)"
);
wp_routes!(
    Resources,
    WpResourceParams,
    "resources",
    "/wp-json/wp/v2/resources",
    "/wp-json/wp/v2/resources/{id}",
    list_wp_resources = "List resources (WordPress)",
    get_wp_resource = "Get a resource (WordPress)"
);
