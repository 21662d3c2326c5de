//! `/wp-json/wp/v2/{posts,pages,resources}`: content as WordPress answers it, listed with
//! WordPress's parameters through the same queries (indexes, stored counts) as `/api/v1`.

use actix_web::{HttpRequest, HttpResponse, get};
use serde_json::{Value as Json, json};

use crate::api::content::related::Related;
use crate::api::content::{ReadOptions, WireKind};
use crate::api::wp::ids::{IdMap, local_ids, wp_ids_of};
use crate::api::wp::library::{self, Embeds};
use crate::api::wp::params::{
    Params, WpContentParams, WpItemParams, WpListParams, WpPageParams, WpPostParams,
    WpResourceParams,
};
use crate::api::wp::wire::{
    self, WpContent, WpRendered, WpRenderedOpen, WpTerm, dates_of, paragraph,
};
use crate::content::entry::Entry;
use crate::content::fields::Refs;
use crate::content::list::{EntryFilter, ListOrder, SortKey};
use crate::content::pages::{PageFilter, Pages, Parent};
use crate::content::paging::Direction;
use crate::content::posts::{PostFilter, Posts};
use crate::content::resources::Resources;
use crate::content::terms::Taxonomy;
use crate::content::wp_ids::{self, Space};
use crate::content::{Status, Viewer, items};
use crate::db::DbConn;
use crate::db::sql::{Sql, Value};
use crate::error::{Error, Result};
use crate::http::auth::MaybeUser;
use crate::http::extract::PathId;
use crate::http::state::State;

/// A post type served here.
pub trait WpType: WireKind {
    /// WordPress's name of the type (`post`).
    const TYPE: &'static str;
    /// The REST base (`posts`).
    const BASE: &'static str;
    /// Its taxonomies, by the member and parameter that name their term ids.
    const TERMS: &'static [(Taxonomy, &'static str)];

    /// The kind's own filters; `parent`: the local id of the `parent` asked for (pages).
    fn own(p: &Params, parent: Option<Option<i64>>) -> Result<Self::Filter>;
}

impl WpType for Posts {
    const TYPE: &'static str = "post";
    const BASE: &'static str = "posts";
    const TERMS: &'static [(Taxonomy, &'static str)] =
        &[(Taxonomy::Category, "categories"), (Taxonomy::Tag, "tags")];

    fn own(p: &Params, _: Option<Option<i64>>) -> Result<PostFilter> {
        Ok(PostFilter {
            sticky: p.bool("sticky")?,
        })
    }
}

impl WpType for Pages {
    const TYPE: &'static str = "page";
    const BASE: &'static str = "pages";
    const TERMS: &'static [(Taxonomy, &'static str)] = &[];

    fn own(_: &Params, parent: Option<Option<i64>>) -> Result<PageFilter> {
        Ok(PageFilter {
            path: None,
            parent: parent.map(|p| p.map_or(Parent::Top, Parent::Page)),
        })
    }
}

impl WpType for Resources {
    const TYPE: &'static str = "resource";
    const BASE: &'static str = "resources";
    const TERMS: &'static [(Taxonomy, &'static str)] = &[
        (Taxonomy::Tag, "tags"),
        (Taxonomy::ResourceType, "resource_type"),
    ];

    fn own(
        _: &Params,
        _: Option<Option<i64>>,
    ) -> Result<<Resources as crate::content::kind::ContentKind>::Filter> {
        Ok(Default::default())
    }
}

/// WordPress's status of an item (`publish`, `future` when scheduled, ...).
fn wp_status(status: &str, published_at: &Json) -> &'static str {
    let future = published_at
        .as_str()
        .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
        .is_some_and(|t| t > chrono::Utc::now());
    match status {
        "published" if future => "future",
        "published" => "publish",
        "draft" => "draft",
        "pending" => "pending",
        "private" => "private",
        _ => "trash",
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
        None => return Ok(None),
        Some("date") => SortKey::PublishedAt,
        Some("modified") => SortKey::UpdatedAt,
        Some("title") => SortKey::Title,
        Some("id") => SortKey::Id,
        Some("relevance") => SortKey::Relevance,
        Some("menu_order") if K::TYPE == "page" => SortKey::MenuOrder,
        Some(other) => {
            return Err(Error::invalid_query(
                "orderby",
                format!(
                    "orderby is not one of date, modified, title, id, relevance{} (`{other}`).",
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
) -> Result<(Vec<WpContent>, i64)> {
    let window = p.window()?;
    let mut filter = EntryFilter {
        statuses: statuses(p, viewer)?,
        slugs: p.list("slug"),
        search: p.get("search").map(str::to_owned),
        order: order::<K>(p)?,
        dir: p
            .ascending()?
            .map(|a| if a { Direction::Asc } else { Direction::Desc }),
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
    for (taxonomy, param) in K::TERMS {
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
    let parent = match p.int("parent", 0, i64::MAX)? {
        Some(0) if K::TYPE == "page" => Some(None),
        Some(wp) if K::TYPE == "page" => Some(Some(
            local_ids(conn, Space::Entries, &[wp])?
                .first()
                .copied()
                .unwrap_or(-1),
        )),
        _ => None,
    };
    let mut query = K::query(viewer, filter)?;
    query.conditions.extend(conditions);
    if let Some(include) = p.ids("include")? {
        query.conditions.push(wp_ids::condition("e", &include));
    }
    if let Some(exclude) = p.ids("exclude")?.filter(|e| !e.is_empty()) {
        let mut not = Sql::new("NOT ");
        not.append(&wp_ids::condition("e", &exclude));
        query.conditions.push(not);
    }
    for (param, op) in [("modified_after", ">"), ("modified_before", "<")] {
        if let Some(at) = p.date(param, zone)? {
            let mut c = Sql::new(&format!("e.updated_at {op} "));
            c.bind(Value::Time(at));
            query.conditions.push(c);
        }
    }
    let own = K::own(p, parent)?;
    let listed = items::list::<K>(conn, query, own, &window)?;
    let total = listed.total.unwrap_or_default();
    let shaped = shape::<K>(conn, listed.items, opts, p, zone)?;
    Ok((shaped, total))
}

/// Items as WordPress answers them.
fn shape<K: WpType>(
    conn: &mut DbConn,
    entries: Vec<Entry>,
    opts: &ReadOptions,
    p: &Params,
    zone: chrono_tz::Tz,
) -> Result<Vec<WpContent>> {
    // Our answers of the items, and what their custom fields point to (to give those
    // ids as WordPress ids too).
    let opts = &ReadOptions {
        keep_refs: true,
        ..opts.clone()
    };
    let related = Related::load(conn, K::KIND, &entries, opts)?;
    let details = K::load_details(conn, &entries)?;
    let refs: Vec<Refs> = entries.iter().map(|e| related.refs(e.id).fields).collect();
    let natives: Vec<Json> = entries
        .into_iter()
        .map(|e| serde_json::to_value(K::item(e, &related, &details)).unwrap_or_default())
        .collect();
    let ids = |member: &str| -> Vec<i64> {
        natives
            .iter()
            .flat_map(|n| match &n[member] {
                Json::Array(a) => a.iter().filter_map(Json::as_i64).collect::<Vec<_>>(),
                v => v.as_i64().into_iter().collect(),
            })
            .collect()
    };
    let mut entry_ids = ids("id");
    entry_ids.extend(ids("parent"));
    let mut term_ids = Vec::new();
    for (_, member) in K::TERMS {
        term_ids.extend(ids(native_member(member)));
    }
    let mut media_ids = ids("featured_media");
    media_ids.extend(ids("document"));
    for r in &refs {
        media_ids.extend(r.media.iter().map(|m| m.1));
        entry_ids.extend(r.entries.iter().map(|e| e.1));
    }
    let map = IdMap {
        entries: wp_ids_of(conn, Space::Entries, &entry_ids)?,
        media: wp_ids_of(conn, Space::Media, &media_ids)?,
        terms: wp_ids_of(conn, Space::Terms, &term_ids)?,
        users: wp_ids_of(conn, Space::Users, &ids("author"))?,
    };
    let embeds = if p.has("_embed") {
        Some(library::embeds(
            conn,
            opts.viewer,
            &map,
            &ids("author"),
            &ids("featured_media"),
            &term_ids,
            zone,
            &opts.public_url,
        )?)
    } else {
        None
    };
    Ok(natives
        .iter()
        .zip(&refs)
        .map(|(n, r)| {
            let mut item = item::<K>(n, &map, embeds.as_ref(), zone, &opts.public_url);
            for (path, id, _) in &r.media {
                if let Some(v) = at_path(&mut item.acf, path) {
                    *v = json!(IdMap::get(&map.media, &json!(id)));
                }
            }
            for (path, id, _) in &r.entries {
                if let Some(v) = at_path(&mut item.acf, path) {
                    *v = json!(IdMap::get(&map.entries, &json!(id)));
                }
            }
            item
        })
        .collect())
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

/// The member of our answers holding a taxonomy's ids.
fn native_member(wp: &str) -> &str {
    match wp {
        "resource_type" => "resource_types",
        other => other,
    }
}

/// One item in WordPress's shape, from our answer of it.
fn item<K: WpType>(
    n: &Json,
    map: &IdMap,
    embeds: Option<&Embeds>,
    zone: chrono_tz::Tz,
    base: &str,
) -> WpContent {
    let id = IdMap::get(&map.entries, &n["id"]);
    let (date, date_gmt) = dates_of(&n["published_at"], zone);
    let (modified, modified_gmt) = dates_of(&n["updated_at"], zone);
    let link = n["link"].as_str().unwrap_or_default().to_owned();
    let author = IdMap::get(&map.users, &n["author"]);
    let featured = if n["featured_media"].is_null() {
        0
    } else {
        IdMap::get(&map.media, &n["featured_media"])
    };
    let api = format!("{base}/wp-json/wp/v2");
    let (page, post) = (K::TYPE == "page", K::TYPE == "post");
    let terms = |member: &str| -> Option<Vec<i64>> {
        K::TERMS.iter().any(|(_, m)| *m == member).then(|| {
            n[native_member(member)]
                .as_array()
                .map(|a| a.iter().map(|t| IdMap::get(&map.terms, t)).collect())
                .unwrap_or_default()
        })
    };
    let mut acf = n["fields"].as_object().cloned().unwrap_or_default();
    if K::TYPE == "resource" {
        for member in ["publisher", "language", "external_url"] {
            acf.insert(member.into(), n[member].clone());
        }
        let document = if n["document"].is_null() {
            json!(false)
        } else {
            json!(IdMap::get(&map.media, &n["document"]))
        };
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
    let term_links: Vec<Json> = K::TERMS
        .iter()
        .map(|(taxonomy, member)| {
            let wp_taxonomy = crate::api::wp::TAXONOMIES
                .iter()
                .find(|t| t.taxonomy == Some(*taxonomy))
                .map_or("", |t| t.name);
            json!({"taxonomy": wp_taxonomy, "embeddable": true,
                   "href": format!("{api}/{member}?post={id}")})
        })
        .collect();
    if !term_links.is_empty() {
        links["wp:term"] = json!(term_links);
    }
    links["curies"] = json!([{"name": "wp", "href": "https://api.w.org/{rel}", "templated": true}]);
    let mut out = WpContent {
        id,
        date,
        date_gmt,
        guid: WpRendered::new(link.clone()),
        modified,
        modified_gmt,
        slug: n["slug"].as_str().unwrap_or_default().to_owned(),
        status: wp_status(n["status"].as_str().unwrap_or(""), &n["published_at"]),
        kind: K::TYPE,
        link,
        title: WpRendered::new(wire::escape(n["title"].as_str().unwrap_or_default())),
        content: WpRenderedOpen::new(n["content"]["html"].as_str().unwrap_or_default()),
        excerpt: WpRenderedOpen::new(paragraph(n["excerpt"].as_str().unwrap_or_default())),
        author,
        featured_media: featured,
        parent: page.then(|| {
            if n["parent"].is_null() {
                0
            } else {
                IdMap::get(&map.entries, &n["parent"])
            }
        }),
        menu_order: page.then(|| n["menu_order"].as_i64().unwrap_or(0)),
        comment_status: (page || post).then_some("closed"),
        ping_status: (page || post).then_some("closed"),
        sticky: post.then(|| n["sticky"].as_bool().unwrap_or(false)),
        template: n["template"].as_str().unwrap_or("").to_owned(),
        format: post.then_some("standard"),
        meta: Vec::new(),
        categories: terms("categories"),
        tags: terms("tags"),
        resource_type: terms("resource_type"),
        acf,
        links,
        embedded: None,
    };
    if let Some(embeds) = embeds {
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
                .map(|(_, member)| {
                    terms(member)
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|t| embeds.terms.get(t))
                        .collect()
                })
                .collect();
            embedded.insert("wp:term".into(), json!(groups));
        }
        out.embedded = Some(Json::Object(embedded));
    }
    out
}

fn options(state: &State, viewer: Viewer) -> ReadOptions {
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
    let window = p.window()?;
    let viewer = user.viewer();
    let opts = options(&state, viewer);
    let zone = state.config.site_timezone;
    let heavy = p.get("search").is_some();
    let read = move |conn: &mut DbConn| list::<K>(conn, &p, viewer, &opts, zone);
    let (items, total) = if heavy {
        state.read_heavy(read).await?
    } else {
        state.read(read).await?
    };
    let p = Params::parse(req.query_string())?;
    wire::page(
        &items,
        total,
        &window,
        &crate::api::wp::url(&state, &format!("wp/v2/{}", K::BASE)),
        req.query_string(),
        &p,
    )
}

async fn get_type<K: WpType>(
    req: HttpRequest,
    state: State,
    user: MaybeUser,
    wp_id: i64,
) -> Result<HttpResponse> {
    let p = Params::parse(req.query_string())?;
    let viewer = user.viewer();
    let opts = options(&state, viewer);
    let zone = state.config.site_timezone;
    let item = state
        .read(move |conn| {
            let missing = || Error::not_found("Invalid post ID.");
            let id = *local_ids(conn, Space::Entries, &[wp_id])?
                .first()
                .ok_or_else(missing)?;
            let e = items::find::<K>(conn, id, viewer).map_err(|_| missing())?;
            shape::<K>(conn, vec![e], &opts, &p, zone)?
                .pop()
                .ok_or_else(missing)
        })
        .await?;
    let p = Params::parse(req.query_string())?;
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
    Resources,
    WpResourceParams,
    "resources",
    "/wp-json/wp/v2/resources",
    "/wp-json/wp/v2/resources/{id}",
    list_wp_resources = "List resources (WordPress)",
    get_wp_resource = "Get a resource (WordPress)"
);
