//! `/wp-json/wp/v2/{categories,tags,resource_type,users,media}`: terms, the public face
//! of authors, and media as WordPress answers them; and what `_embed` puts in items.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, get};
use diesel::prelude::*;
use serde_json::json;

use crate::api::wp::ids::{self, IdMap};
use crate::api::wp::params::{
    Params, WpItemParams, WpListParams, WpMediaParams, WpTermParams, WpUserParams,
};
use crate::api::wp::wire::{self, WpMedia, WpRendered, WpTerm, WpUser, dates, paragraph};
use crate::api::wp::{Described, taxonomy_named, taxonomy_of};
use crate::content::Kind;
use crate::content::Viewer;
use crate::content::access::visibility;
use crate::content::counts::TermCount;
use crate::content::html::escape;
use crate::content::paging::Direction;
use crate::content::terms::{self, Taxonomy, Term, TermOrder, TermQuery};
use crate::content::wp_ids::{self, Space, local_ids, public_ids};
use crate::db::DbConn;
use crate::db::sql::{CountRow, IdRow, Sql, Value};
use crate::error::{Error, Result};
use crate::http::auth::MaybeUser;
use crate::http::extract::PathId;
use crate::http::state::State;
use crate::media::Media;
use crate::users::Role;
use crate::users::User;

/// What `_embed` adds to a page of items, by WordPress id.
#[derive(Debug, Default)]
pub struct Embeds {
    pub users: HashMap<i64, WpUser>,
    pub media: HashMap<i64, WpMedia>,
    pub terms: HashMap<i64, WpTerm>,
}

/// Loads the authors, featured media and terms (local ids) a page of items embeds.
#[allow(clippy::too_many_arguments)]
pub fn embeds(
    conn: &mut DbConn,
    viewer: Viewer,
    map: &IdMap,
    users: &[i64],
    media: &[i64],
    term_ids: &[i64],
    zone: chrono_tz::Tz,
    base: &str,
) -> Result<Embeds> {
    let mut out = Embeds::default();
    for u in crate::users::find_many(conn, users)? {
        let wp = map
            .users
            .get(&u.id)
            .copied()
            .unwrap_or(wp_ids::BORN_HERE + u.id);
        out.users.insert(wp, user(&u, wp, base));
    }
    for m in crate::media::find_visible_many(conn, media, viewer)?.into_values() {
        let wp = map
            .media
            .get(&m.id)
            .copied()
            .unwrap_or(wp_ids::BORN_HERE + m.id);
        let author = m.author_id.map_or(0, |a| {
            map.users.get(&a).copied().unwrap_or(wp_ids::BORN_HERE + a)
        });
        out.media.insert(wp, media_item(&m, wp, author, zone, base));
    }
    let terms = terms::find_many(conn, term_ids)?;
    let counts = crate::content::counts::of_terms(conn, term_ids)?;
    for t in terms {
        let wp = map
            .terms
            .get(&t.id)
            .copied()
            .unwrap_or(wp_ids::BORN_HERE + t.id);
        let parent = t.parent_id.map_or(0, |p| {
            map.terms.get(&p).copied().unwrap_or(wp_ids::BORN_HERE + p)
        });
        let count = counts.get(&t.id).map_or(0, |c| c.total);
        let d = match Taxonomy::parse(&t.taxonomy) {
            Some(taxonomy) => taxonomy_of(taxonomy),
            None => continue,
        };
        out.terms.insert(wp, term(&t, wp, parent, count, base, d));
    }
    Ok(out)
}

/// A term as WordPress answers it in taxonomy `d`; `count`: its published items.
fn term(t: &Term, wp: i64, parent: i64, count: i64, base: &str, d: &Described) -> WpTerm {
    let api = format!("{base}/wp-json/wp/v2");
    let (name, rest) = (d.name, d.base);
    WpTerm {
        id: wp,
        count,
        description: t.description.clone(),
        link: term_link(base, d, &t.slug),
        name: escape(&t.name),
        slug: t.slug.clone(),
        taxonomy: name,
        parent,
        meta: Vec::new(),
        links: json!({
            "self": [{"href": format!("{api}/{rest}/{wp}")}],
            "collection": [{"href": format!("{api}/{rest}")}],
            "about": [{"href": format!("{api}/taxonomies/{name}")}],
            "curies": [{"name": "wp", "href": "https://api.w.org/{rel}", "templated": true}],
        }),
    }
}

/// The address of a term's archive on the site, as WordPress makes it (`/tag/{slug}/`).
pub(super) fn term_link(base: &str, d: &Described, slug: &str) -> String {
    let path = match d.name {
        "post_tag" => "tag",
        name => name,
    };
    format!("{base}/{path}/{slug}/")
}

/// The condition "term `t`'s name or slug contains `needle`" (WordPress's term search).
pub(super) fn name_or_slug(needle: &str) -> Sql {
    let mut c = Sql::new("(");
    c.append(&crate::db::dialect::contains("t.name", needle))
        .push(" OR ")
        .append(&crate::db::dialect::contains("t.slug", needle))
        .push(")");
    c
}

/// How many published items of `d`'s kinds carry the term.
fn count_in(count: Option<&TermCount>, d: &Described) -> i64 {
    count.map_or(0, |c| match d.only {
        None => c.total,
        Some(kind) => c
            .by_kind
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, n)| n)
            .sum(),
    })
}

/// The condition "term `t` labels an item of `kind` (any kind: `None`)", of any status or,
/// with `public`, one anonymous readers see. `Some(kind)`: a taxonomy that is part of one
/// of ours (`events_tags`).
pub(super) fn labels(kind: Option<Kind>, public_only: bool) -> Sql {
    let mut c = Sql::new(
        "EXISTS (SELECT 1 FROM entry_terms et JOIN entries e ON e.id = et.entry_id \
         WHERE et.term_id = t.id",
    );
    if let Some(kind) = kind {
        c.push(" AND e.kind = ")
            .bind(Value::Text(kind.as_str().to_owned()));
    }
    if public_only {
        c.push(" AND ").append(&public("e"));
    }
    c.push(")");
    c
}

fn user(u: &User, wp: i64, base: &str) -> WpUser {
    let api = format!("{base}/wp-json/wp/v2");
    WpUser {
        id: wp,
        name: u.display_name.clone(),
        url: String::new(),
        description: String::new(),
        link: format!("{base}/author/{}/", u.slug),
        slug: u.slug.to_string(),
        avatar_urls: json!({}),
        meta: Vec::new(),
        links: json!({
            "self": [{"href": format!("{api}/users/{wp}")}],
            "collection": [{"href": format!("{api}/users")}],
        }),
    }
}

fn media_item(m: &Media, wp: i64, author: i64, zone: chrono_tz::Tz, base: &str) -> WpMedia {
    let api = format!("{base}/wp-json/wp/v2");
    let url = if m.is_remote() {
        m.storage_key.clone()
    } else {
        format!("{base}/uploads/{}", m.storage_key)
    };
    let (date, date_gmt) = dates(m.created_at, zone);
    let (modified, modified_gmt) = dates(m.updated_at, zone);
    let slug = m
        .file_name
        .rsplit_once('.')
        .map_or(m.file_name.as_str(), |(s, _)| s);
    WpMedia {
        id: wp,
        date,
        date_gmt,
        guid: WpRendered::new(url.clone()),
        modified,
        modified_gmt,
        slug: slug.to_owned(),
        status: "inherit",
        kind: "attachment",
        link: url.clone(),
        title: WpRendered::new(escape(&m.title)),
        author,
        featured_media: 0,
        comment_status: "closed",
        ping_status: "closed",
        template: String::new(),
        meta: Vec::new(),
        description: WpRendered::new(""),
        caption: WpRendered::new(paragraph(&m.caption)),
        alt_text: m.alt_text.clone(),
        media_type: if m.mime_type.starts_with("image/") {
            "image"
        } else {
            "file"
        },
        mime_type: m.mime_type.clone(),
        media_details: json!({
            "width": m.width,
            "height": m.height,
            "file": m.storage_key,
            "filesize": m.size,
            "sizes": {},
        }),
        post: None,
        source_url: url,
        links: json!({
            "self": [{"href": format!("{api}/media/{wp}")}],
            "collection": [{"href": format!("{api}/media")}],
            "about": [{"href": format!("{api}/types/attachment")}],
            "author": [{"embeddable": true, "href": format!("{api}/users/{author}")}],
        }),
    }
}

/// The conditions of `include` and `exclude` (WordPress ids) over `alias`.
pub(super) fn include_exclude(p: &Params, alias: &str) -> Result<Vec<Sql>> {
    let mut out = Vec::new();
    if let Some(include) = p.ids("include")? {
        out.push(wp_ids::condition(alias, &include));
    }
    if let Some(exclude) = p.ids("exclude")?.filter(|e| !e.is_empty()) {
        let mut not = Sql::new("NOT ");
        not.append(&wp_ids::condition(alias, &exclude));
        out.push(not);
    }
    Ok(out)
}

fn list_terms(
    conn: &mut DbConn,
    d: &Described,
    p: &Params,
    base: &str,
) -> Result<(Vec<WpTerm>, i64)> {
    let taxonomy = d.taxonomy.unwrap_or(Taxonomy::Tag);
    let window = p.window()?;
    let mut conditions = include_exclude(p, "t")?;
    let hide_empty = p.bool("hide_empty")? == Some(true);
    if d.only.is_some() || hide_empty {
        conditions.push(labels(d.only, hide_empty));
    }
    if let Some(needle) = p.get("search") {
        // As WordPress: the name or the slug contains the words.
        conditions.push(name_or_slug(needle));
    }
    if let Some(posts) = p.ids("post")? {
        let local = local_ids(conn, Space::Entries, &posts)?;
        let mut c =
            Sql::new("t.id IN (SELECT et.term_id FROM entry_terms et WHERE et.entry_id IN ");
        c.bind_list(local.iter().chain([&-1]).map(|i| Value::Int(*i)))
            .push(")");
        conditions.push(c);
    }
    let parent = match p.int("parent", 0, i64::MAX)? {
        Some(0) => Some(None),
        Some(wp) => Some(Some(
            local_ids(conn, Space::Terms, &[wp])?
                .first()
                .copied()
                .unwrap_or(-1),
        )),
        None => None,
    };
    let order = match p.get("orderby") {
        None | Some("name") => TermOrder::Name,
        Some("slug") => TermOrder::Slug,
        Some("id") => TermOrder::WpId,
        Some("count") => TermOrder::Count(d.only),
        // Without `include`, WordPress orders by name.
        Some("include") => match p.ids("include")? {
            Some(ids) if !ids.is_empty() => TermOrder::Given(ids),
            _ => TermOrder::Name,
        },
        Some(other) => {
            return Err(Error::invalid_query(
                "orderby",
                format!("orderby is not one of id, include, name, slug, count (`{other}`)."),
            ));
        }
    };
    let q = TermQuery {
        taxonomy,
        slugs: p.list("slug"),
        search: None,
        parent,
        order,
        dir: if p.ascending()? == Some(false) {
            Direction::Desc
        } else {
            Direction::Asc
        },
        conditions,
    };
    let listed = terms::list(conn, &q, &window)?;
    let ids: Vec<i64> = listed
        .items
        .iter()
        .flat_map(|(t, _)| [Some(t.id), t.parent_id])
        .flatten()
        .collect();
    let map = public_ids(conn, Space::Terms, &ids)?;
    let items = listed
        .items
        .iter()
        .map(|(t, count)| {
            let wp = map.get(&t.id).copied().unwrap_or_default();
            let parent = t.parent_id.and_then(|p| map.get(&p).copied()).unwrap_or(0);
            term(t, wp, parent, count_in(Some(count), d), base, d)
        })
        .collect();
    Ok((items, listed.total.unwrap_or_default()))
}

fn get_term(conn: &mut DbConn, d: &Described, wp: i64, base: &str) -> Result<WpTerm> {
    let taxonomy = d.taxonomy.unwrap_or(Taxonomy::Tag);
    let missing = || Error::not_found("Term does not exist.");
    let id = *local_ids(conn, Space::Terms, &[wp])?
        .first()
        .ok_or_else(missing)?;
    let t = terms::find(conn, taxonomy, id).map_err(|e| ids::missing(e, "Term does not exist."))?;
    if let Some(kind) = d.only {
        let mut sql = Sql::new("SELECT COUNT(*) AS n FROM terms t WHERE t.id = ");
        sql.bind(Value::Int(id))
            .push(" AND ")
            .append(&labels(Some(kind), false));
        if sql.into_query().get_result::<CountRow>(conn)?.n == 0 {
            return Err(missing());
        }
    }
    let ids: Vec<i64> = [Some(t.id), t.parent_id].into_iter().flatten().collect();
    let map = public_ids(conn, Space::Terms, &ids)?;
    let counts = crate::content::counts::of_terms(conn, &[t.id])?;
    let parent = t.parent_id.and_then(|p| map.get(&p).copied()).unwrap_or(0);
    Ok(term(
        &t,
        wp,
        parent,
        count_in(counts.get(&t.id), d),
        base,
        d,
    ))
}

/// The condition "item `alias` is public" (the rule of every list).
fn public(alias: &str) -> Sql {
    visibility(alias, Viewer::Anonymous, None, crate::db::now())
}

/// The condition "user `u` is one `viewer` may know of here": administrators know
/// everyone; others the authors of something public, as WordPress lists only authors of
/// published posts to those who may not list users.
fn public_author(viewer: Viewer) -> Sql {
    if matches!(
        viewer,
        Viewer::User {
            role: Role::Admin,
            ..
        }
    ) {
        return Sql::new("1 = 1");
    }
    let mut c = Sql::new("EXISTS (SELECT 1 FROM entries e WHERE e.author_id = u.id AND ");
    c.append(&public("e")).push(")");
    c
}

fn list_users(
    conn: &mut DbConn,
    viewer: Viewer,
    p: &Params,
    base: &str,
) -> Result<(Vec<WpUser>, i64)> {
    let window = p.window()?;
    let mut from = Sql::new(" FROM users u WHERE ");
    from.append(&public_author(viewer));
    for c in include_exclude(p, "u")? {
        from.push(" AND ").append(&c);
    }
    let slugs = p.list("slug");
    if !slugs.is_empty() {
        from.push(" AND u.slug IN ")
            .bind_list(slugs.into_iter().map(Value::Text));
    }
    if let Some(needle) = p.get("search") {
        from.push(" AND ")
            .append(&crate::db::dialect::contains("u.display_name", needle));
    }
    let column = match p.get("orderby") {
        None | Some("name") => "u.display_name",
        Some("slug") => "u.slug",
        Some("id") => "u.id",
        Some(other) => {
            return Err(Error::invalid_query(
                "orderby",
                format!("orderby is not one of id, name, slug (`{other}`)."),
            ));
        }
    };
    let dir = if p.ascending()? == Some(false) {
        "DESC"
    } else {
        "ASC"
    };
    let mut page = Sql::new("SELECT u.id AS id");
    page.append(&from)
        .push(&format!(" ORDER BY {column} {dir}, u.id {dir} LIMIT "))
        .bind(Value::Int(i64::from(window.per_page)))
        .push(" OFFSET ")
        .bind(Value::Int(window.skip()));
    let ids: Vec<i64> = page
        .into_query()
        .load::<IdRow>(conn)?
        .into_iter()
        .map(|r| r.id)
        .collect();
    let mut users = crate::users::find_many(conn, &ids)?;
    users.sort_by_key(|u| ids.iter().position(|i| *i == u.id));
    let mut count = Sql::new("SELECT COUNT(*) AS n");
    count.append(&from);
    let total = count.into_query().get_result::<CountRow>(conn)?.n;
    let map = public_ids(conn, Space::Users, &ids)?;
    Ok((
        users.iter().map(|u| user(u, map[&u.id], base)).collect(),
        total,
    ))
}

fn get_user(conn: &mut DbConn, viewer: Viewer, wp: i64, base: &str) -> Result<WpUser> {
    let missing = || Error::not_found("Invalid user ID.");
    let mut sql = Sql::new("SELECT u.id AS id FROM users u WHERE ");
    sql.append(&wp_ids::condition("u", &[wp]))
        .push(" AND ")
        .append(&public_author(viewer));
    let id = sql
        .into_query()
        .get_result::<IdRow>(conn)
        .optional()?
        .ok_or_else(missing)?
        .id;
    let u = crate::users::find(conn, id)?.ok_or_else(missing)?;
    Ok(user(&u, wp, base))
}

fn list_media(
    conn: &mut DbConn,
    viewer: Viewer,
    p: &Params,
    zone: chrono_tz::Tz,
    base: &str,
) -> Result<(Vec<WpMedia>, i64)> {
    let window = p.window()?;
    let mime = match (p.get("mime_type"), p.get("media_type")) {
        (Some(m), _) => Some(m.to_owned()),
        (None, Some("image")) => Some("image/".to_owned()),
        (None, Some("application" | "file")) => Some("application/".to_owned()),
        (None, Some("text")) => Some("text/".to_owned()),
        (None, Some(other)) => {
            return Err(Error::invalid_query(
                "media_type",
                format!("media_type is not one of image, file, application, text (`{other}`)."),
            ));
        }
        (None, None) => None,
    };
    let mut filter = crate::media::library::MediaFilter::new(mime.as_deref(), p.get("search"))?;
    if let Some(other) = p.get("orderby").filter(|o| !matches!(*o, "date" | "id")) {
        // Files are numbered as they arrive: by date is by id.
        return Err(Error::invalid_query(
            "orderby",
            format!("orderby is not one of date, id (`{other}`)."),
        ));
    }
    if p.ascending()? == Some(true) {
        filter = filter.oldest_first();
    }
    let only = match p.ids("include")? {
        Some(wp) => Some(local_ids(conn, Space::Media, &wp)?),
        None => None,
    };
    let except = local_ids(conn, Space::Media, &p.ids("exclude")?.unwrap_or_default())?;
    filter = filter.ids(only, except);
    let listed = crate::media::library::list(conn, viewer, &filter, &window)?;
    let media: Vec<i64> = listed.items.iter().map(|m| m.id).collect();
    let authors: Vec<i64> = listed.items.iter().filter_map(|m| m.author_id).collect();
    let map = public_ids(conn, Space::Media, &media)?;
    let users = public_ids(conn, Space::Users, &authors)?;
    let items = listed
        .items
        .iter()
        .map(|m| {
            media_item(
                m,
                map[&m.id],
                m.author_id
                    .and_then(|a| users.get(&a).copied())
                    .unwrap_or(0),
                zone,
                base,
            )
        })
        .collect();
    Ok((items, listed.total.unwrap_or_default()))
}

fn get_media(
    conn: &mut DbConn,
    viewer: Viewer,
    wp: i64,
    zone: chrono_tz::Tz,
    base: &str,
) -> Result<WpMedia> {
    let missing = || Error::not_found("Invalid post ID.");
    let id = *local_ids(conn, Space::Media, &[wp])?
        .first()
        .ok_or_else(missing)?;
    let m = crate::media::find_visible(conn, id, viewer)
        .map_err(|e| ids::missing(e, "Invalid post ID."))?;
    let author = match m.author_id {
        Some(a) => public_ids(conn, Space::Users, &[a])?
            .get(&a)
            .copied()
            .unwrap_or(0),
        None => 0,
    };
    Ok(media_item(&m, wp, author, zone, base))
}

/// Reads a list and answers it with WordPress's headers.
async fn answer_list<T: serde::Serialize + Send + 'static>(
    req: HttpRequest,
    state: State,
    route: &str,
    read: impl FnOnce(&mut DbConn, &Params) -> Result<(Vec<T>, i64)> + Clone + Send + 'static,
) -> Result<HttpResponse> {
    let p = Params::parse(req.query_string())?;
    let q = p.clone();
    crate::api::wp::answer_page(&req, &state, &p, route, move |conn| read(conn, &q)).await
}

async fn answer_one<T: serde::Serialize + Send + 'static>(
    req: HttpRequest,
    state: State,
    read: impl FnOnce(&mut DbConn) -> Result<T> + Clone + Send + 'static,
) -> Result<HttpResponse> {
    let p = Params::parse(req.query_string())?;
    let item = state.read(read).await?;
    Ok(wire::one(&item, &p))
}

macro_rules! term_routes {
    ($taxonomy:literal, $base:literal, $list_path:literal, $item_path:literal,
     $list:ident = $list_doc:literal, $get:ident = $get_doc:literal) => {
        #[doc = $list_doc]
        #[utoipa::path(tag = "wordpress", summary = $list_doc,
            description = concat!("WordPress's `GET /wp/v2/", $base, "`, with `hide_empty`, `parent` and `post`."),
            params(WpListParams, WpTermParams),
            responses((status = 200, description = "A page of terms in WordPress's shape", body = Vec<WpTerm>,
                headers(("X-WP-Total" = i64, description = "Terms matching"),
                        ("X-WP-TotalPages" = i64, description = "Pages of them"))),
                (status = 400, description = "A bad parameter (`rest_invalid_param`)", body = crate::api::wp::wire::WpError)))]
        #[get($list_path)]
        pub async fn $list(req: HttpRequest, state: State) -> Result<HttpResponse> {
            let base = state.config.public_url.clone();
            answer_list(req, state, concat!("wp/v2/", $base), move |conn, p| list_terms(conn, taxonomy_named($taxonomy), p, &base)).await
        }

        #[doc = $get_doc]
        #[utoipa::path(tag = "wordpress", summary = $get_doc,
            description = concat!("WordPress's `GET /wp/v2/", $base, "/{id}`, by WordPress id."),
            params(("id" = i64, Path, minimum = 1, description = "WordPress id"), WpItemParams),
            responses((status = 200, description = "The term in WordPress's shape", body = WpTerm),
                (status = 404, description = "No such term (`rest_term_invalid`)", body = crate::api::wp::wire::WpError)))]
        #[get($item_path)]
        pub async fn $get(req: HttpRequest, state: State, id: PathId) -> Result<HttpResponse> {
            let base = state.config.public_url.clone();
            answer_one(req, state, move |conn| get_term(conn, taxonomy_named($taxonomy), id.0, &base)).await
        }
    };
}

term_routes!(
    "category",
    "categories",
    "/wp-json/wp/v2/categories",
    "/wp-json/wp/v2/categories/{id}",
    list_wp_categories = "List categories (WordPress)",
    get_wp_category = "Get a category (WordPress)"
);
term_routes!(
    "post_tag",
    "tags",
    "/wp-json/wp/v2/tags",
    "/wp-json/wp/v2/tags/{id}",
    list_wp_tags = "List tags (WordPress)",
    get_wp_tag = "Get a tag (WordPress)"
);
term_routes!(
    "resource_type",
    "resource_type",
    "/wp-json/wp/v2/resource_type",
    "/wp-json/wp/v2/resource_type/{id}",
    list_wp_resource_types = "List resource types (WordPress)",
    get_wp_resource_type = "Get a resource type (WordPress)"
);
term_routes!(
    "events_categories",
    "events_categories",
    "/wp-json/wp/v2/events_categories",
    "/wp-json/wp/v2/events_categories/{id}",
    list_wp_event_categories = "List event categories (WordPress)",
    get_wp_event_category = "Get an event category (WordPress)"
);
term_routes!(
    "events_tags",
    "events_tags",
    "/wp-json/wp/v2/events_tags",
    "/wp-json/wp/v2/events_tags/{id}",
    list_wp_event_tags = "List event tags (WordPress)",
    get_wp_event_tag = "Get an event tag (WordPress)"
);

/// List users (WordPress)
///
/// WordPress's `GET /wp/v2/users`: the public face of the people who wrote something
/// public (administrators: everyone).
#[utoipa::path(tag = "wordpress", params(WpListParams, WpUserParams),
    responses((status = 200, description = "A page of users in WordPress's shape", body = Vec<WpUser>,
        headers(("X-WP-Total" = i64, description = "Users matching"),
                ("X-WP-TotalPages" = i64, description = "Pages of them"))),
        (status = 400, description = "A bad parameter (`rest_invalid_param`)", body = crate::api::wp::wire::WpError)),
    security((), ("bearer" = [])))]
#[get("/wp-json/wp/v2/users")]
pub async fn list_wp_users(
    req: HttpRequest,
    state: State,
    user: MaybeUser,
) -> Result<HttpResponse> {
    let viewer = user.viewer();
    let base = state.config.public_url.clone();
    answer_list(req, state, "wp/v2/users", move |conn, p| {
        list_users(conn, viewer, p, &base)
    })
    .await
}

/// Get a user (WordPress)
///
/// WordPress's `GET /wp/v2/users/{id}`, by WordPress id: 404 for a user who wrote
/// nothing public, unless an administrator asks.
#[utoipa::path(tag = "wordpress", params(("id" = i64, Path, minimum = 1, description = "WordPress id"), WpItemParams),
    responses((status = 200, description = "The user in WordPress's shape", body = WpUser),
        (status = 404, description = "No such user (`rest_user_invalid_id`)", body = crate::api::wp::wire::WpError)),
    security((), ("bearer" = [])))]
#[get("/wp-json/wp/v2/users/{id}")]
pub async fn get_wp_user(
    req: HttpRequest,
    state: State,
    user: MaybeUser,
    id: PathId,
) -> Result<HttpResponse> {
    let viewer = user.viewer();
    let base = state.config.public_url.clone();
    answer_one(req, state, move |conn| get_user(conn, viewer, id.0, &base)).await
}

/// List media (WordPress)
///
/// WordPress's `GET /wp/v2/media`, newest first, with `media_type` and `mime_type`.
#[utoipa::path(tag = "wordpress", params(WpListParams, WpMediaParams),
    responses((status = 200, description = "A page of media in WordPress's shape", body = Vec<WpMedia>,
        headers(("X-WP-Total" = i64, description = "Files matching"),
                ("X-WP-TotalPages" = i64, description = "Pages of them"))),
        (status = 400, description = "A bad parameter (`rest_invalid_param`)", body = crate::api::wp::wire::WpError)),
    security((), ("bearer" = [])))]
#[get("/wp-json/wp/v2/media")]
pub async fn list_wp_media(
    req: HttpRequest,
    state: State,
    user: MaybeUser,
) -> Result<HttpResponse> {
    let viewer = user.viewer();
    let base = state.config.public_url.clone();
    let zone = state.config.site_timezone;
    answer_list(req, state, "wp/v2/media", move |conn, p| {
        list_media(conn, viewer, p, zone, &base)
    })
    .await
}

/// Get a media item (WordPress)
///
/// WordPress's `GET /wp/v2/media/{id}`, by WordPress id.
#[utoipa::path(tag = "wordpress", params(("id" = i64, Path, minimum = 1, description = "WordPress id"), WpItemParams),
    responses((status = 200, description = "The file in WordPress's shape", body = WpMedia),
        (status = 404, description = "No such file, or not visible to you (`rest_post_invalid_id`)", body = crate::api::wp::wire::WpError)),
    security((), ("bearer" = [])))]
#[get("/wp-json/wp/v2/media/{id}")]
pub async fn get_wp_media(
    req: HttpRequest,
    state: State,
    user: MaybeUser,
    id: PathId,
) -> Result<HttpResponse> {
    let viewer = user.viewer();
    let base = state.config.public_url.clone();
    let zone = state.config.site_timezone;
    answer_one(req, state, move |conn| {
        get_media(conn, viewer, id.0, zone, &base)
    })
    .await
}
