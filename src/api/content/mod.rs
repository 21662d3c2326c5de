//! The HTTP side of every kind of content: each kind declares its wire types through
//! `WireKind` and keeps only thin, documented routes that call these handlers, which
//! parse, call the domain (`content::items`) and shape the answer.

pub mod embeds;
pub mod params;
pub mod related;
pub mod rendered;
pub mod request;
pub mod wire;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::api::content::params::{EntryParams, ItemParams};
use crate::api::content::related::Related;
use crate::api::content::wire::RevisionResponse;
use crate::content::entry::{Entry, EntryInput};
use crate::content::kind::ContentKind;
use crate::content::list::ListOrder;
use crate::content::paging::Listed;
use crate::content::terms::Taxonomy;
use crate::content::{Viewer, items, revisions};
use crate::db::DbConn;
use crate::error::{Error, Result};
use crate::http::auth::{AuthUser, MaybeUser};
use crate::http::cache::ValidUntil;
use crate::http::list::{
    ListBody, PageParams, field_set, include_set, item_response, list_of_json, list_response,
};
use crate::http::state::State;
use crate::http::wire::DeleteParams;

/// How a page of items is to be read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    pub viewer: Viewer,
    pub include: Vec<String>,
    pub public_url: String,
    pub links: crate::content::links::Links,
    pub resolve_blocks: bool,
    /// Keep what every item refers to (for the render cache), not only what `include`
    /// asks for.
    pub keep_refs: bool,
}

/// How a kind of content is answered on the wire.
pub trait WireKind: ContentKind {
    /// Relations `include` may name.
    const INCLUDES: &'static [&'static str];
    /// Top-level members of `Item`, for `fields`.
    const MEMBERS: &'static [&'static str];
    type Item: Serialize + Send + 'static;

    fn item(entry: Entry, related: &Related, details: &Self::Details) -> Self::Item;

    /// Until when an item's answer holds with nothing written (an event's next occurrence
    /// changes when it starts and when it ends); `None`: until the content changes.
    fn valid_until(_item: &Self::Item) -> Option<DateTime<Utc>> {
        None
    }
}

/// Until when an answer made of these items holds, for the response cache.
pub fn valid_until<K: WireKind>(items: &[K::Item]) -> Option<ValidUntil> {
    ValidUntil::earliest(items.iter().filter_map(K::valid_until))
}

/// A page of entries as the kind's items, their relations loaded in a fixed number of
/// queries.
pub(crate) fn items<K: WireKind>(
    conn: &mut DbConn,
    entries: Vec<Entry>,
    opts: &ReadOptions,
) -> Result<Vec<K::Item>> {
    let related = Related::load(conn, K::KIND, &entries, opts)?;
    let details = K::load_details(conn, &entries)?;
    Ok(entries
        .into_iter()
        .map(|e| K::item(e, &related, &details))
        .collect())
}

fn read_options(
    state: &State,
    viewer: Viewer,
    include: Vec<String>,
    resolve: Option<bool>,
) -> ReadOptions {
    ReadOptions {
        viewer,
        include,
        public_url: state.config.public_url.clone(),
        links: state.config.links.clone(),
        resolve_blocks: resolve.unwrap_or(true),
        keep_refs: false,
    }
}

/// Whether an answer can be assembled from rendered items: anonymous readers, blocks
/// resolved, and the render cache on.
fn renders_for(state: &State, opts: &ReadOptions) -> bool {
    opts.viewer == Viewer::Anonymous && opts.resolve_blocks && state.renders.enabled()
}

/// What a kind's list handler passes on: the kind's own filters, terms and order.
pub struct KindList<F> {
    /// The kind's own list filters (already parsed).
    pub filter: F,
    /// Each taxonomy's slugs, any-of.
    pub terms: Vec<(Taxonomy, Vec<String>)>,
    pub order: Option<ListOrder>,
}

pub async fn list_items<K: WireKind>(
    req: HttpRequest,
    state: State,
    user: MaybeUser,
    page: PageParams,
    params: EntryParams,
    own: KindList<K::Filter>,
) -> Result<HttpResponse> {
    let window = page.window()?;
    let fields = field_set(params.fields.as_deref(), K::MEMBERS)?;
    let viewer = user.viewer();
    let include = include_set(params.include.as_deref(), K::INCLUDES)?;
    let opts = read_options(&state, viewer, include, params.resolve_blocks);
    let filter = params.to_filter(viewer, own.terms, own.order, req.query_string())?;
    let query = K::query(viewer, filter)?;
    let w = window.clone();
    let kind_filter = own.filter;
    let heavy = query.is_heavy();
    if renders_for(&state, &opts) {
        let renders = state.renders.clone();
        let fragments = state.fragments.clone();
        let read = move |conn: &mut DbConn| {
            let page = items::list_ids::<K>(conn, query, kind_filter, &w)?;
            let found = rendered::rendered::<K>(conn, &page.items, &opts, &renders)?;
            let mut body = ListBody::with_capacity(0);
            let data = body.data();
            rendered::write(
                conn,
                data,
                &found,
                &opts,
                fields.as_deref(),
                true,
                &fragments,
            )?;
            Ok((body, page.total, page.next, rendered::valid_until(&found)))
        };
        let (body, total, next, until) = if heavy {
            state.read_heavy(read).await?
        } else {
            state.read(read).await?
        };
        let mut res = list_of_json(&req, &state.config.public_url, body, total, next, &window);
        if let Some(until) = until {
            res.extensions_mut().insert(until);
        }
        return Ok(res);
    }
    let read = move |conn: &mut DbConn| {
        let listed = items::list::<K>(conn, query, kind_filter, &w)?;
        Ok(Listed {
            items: items::<K>(conn, listed.items, &opts)?,
            total: listed.total,
            next: listed.next,
        })
    };
    let listed = if heavy {
        state.read_heavy(read).await?
    } else {
        state.read(read).await?
    };
    let until = valid_until::<K>(&listed.items);
    let mut res = list_response(
        &req,
        &state.config.public_url,
        listed,
        &window,
        fields.as_deref(),
    );
    if let Some(until) = until {
        res.extensions_mut().insert(until);
    }
    Ok(res)
}

pub async fn get_item<K: WireKind>(
    state: State,
    user: MaybeUser,
    id: i64,
    params: ItemParams,
) -> Result<HttpResponse> {
    let fields = field_set(params.fields.as_deref(), K::MEMBERS)?;
    let viewer = user.viewer();
    let include = include_set(params.include.as_deref(), K::INCLUDES)?;
    let opts = read_options(&state, viewer, include, params.resolve_blocks);
    if renders_for(&state, &opts) {
        let renders = state.renders.clone();
        let fragments = state.fragments.clone();
        let (body, until) = state
            .read(move |conn| {
                // A rendering kept for anonymous readers says the item is theirs to see.
                let found = match renders.get(&(K::KIND, id)) {
                    Some(r) => vec![r],
                    None => {
                        items::find::<K>(conn, id, viewer)?;
                        rendered::rendered::<K>(conn, &[id], &opts, &renders)?
                    }
                };
                let mut body = Vec::new();
                let fields = fields.as_deref();
                rendered::write(conn, &mut body, &found, &opts, fields, false, &fragments)?;
                Ok((body, rendered::valid_until(&found)))
            })
            .await?;
        let mut res = HttpResponse::Ok()
            .content_type("application/json")
            .body(body);
        if let Some(until) = until {
            res.extensions_mut().insert(until);
        }
        return Ok(res);
    }
    let item = state
        .read(move |conn| {
            let e = items::find::<K>(conn, id, viewer)?;
            one::<K>(conn, e, &opts)
        })
        .await?;
    let mut res = item_response(StatusCode::OK, &item, fields.as_deref());
    if let Some(until) = valid_until::<K>(std::slice::from_ref(&item)) {
        res.extensions_mut().insert(until);
    }
    Ok(res)
}

fn one<K: WireKind>(conn: &mut DbConn, e: Entry, opts: &ReadOptions) -> Result<K::Item> {
    items::<K>(conn, vec![e], opts)?
        .pop()
        .ok_or_else(|| Error::internal("an item vanished while loading"))
}

/// An item as `viewer` reads it at its own route, as JSON; `None` when it is not theirs
/// to see (or gone). For webhook bodies.
pub fn item_value(
    conn: &mut DbConn,
    kind: crate::content::Kind,
    id: i64,
    viewer: Viewer,
    config: &crate::config::Config,
) -> Result<Option<serde_json::Value>> {
    use crate::content::Kind;
    use crate::content::reusable::ReusableBlocks;
    use crate::content::{pages::Pages, posts::Posts, resources::Resources};
    use crate::events::Events;
    fn value<K: WireKind>(
        conn: &mut DbConn,
        id: i64,
        opts: &ReadOptions,
    ) -> Result<Option<serde_json::Value>> {
        let e = match items::find::<K>(conn, id, opts.viewer) {
            Ok(e) => e,
            Err(Error::NotFound(_)) => return Ok(None),
            Err(e) => return Err(e),
        };
        let item = one::<K>(conn, e, opts)?;
        Ok(Some(serde_json::to_value(&item).map_err(Error::internal)?))
    }
    let opts = ReadOptions {
        viewer,
        include: Vec::new(),
        public_url: config.public_url.clone(),
        links: config.links.clone(),
        resolve_blocks: true,
        keep_refs: false,
    };
    match kind {
        Kind::Post => value::<Posts>(conn, id, &opts),
        Kind::Page => value::<Pages>(conn, id, &opts),
        Kind::Resource => value::<Resources>(conn, id, &opts),
        Kind::Event => value::<Events>(conn, id, &opts),
        Kind::Block => value::<ReusableBlocks>(conn, id, &opts),
    }
}

/// The answer to a write: the item as the writer sees it, with `Location` when created.
async fn respond<K: WireKind>(
    state: &State,
    viewer: Viewer,
    e: Entry,
    status: StatusCode,
) -> Result<HttpResponse> {
    let id = e.id;
    let opts = read_options(state, viewer, Vec::new(), None);
    let item = state.read(move |conn| one::<K>(conn, e, &opts)).await?;
    let mut res = item_response(status, &item, None);
    if status == StatusCode::CREATED {
        let location = format!(
            "{}/api/v1/{}/{id}",
            state.config.public_url,
            K::KIND.collection()
        );
        if let Ok(v) = header::HeaderValue::from_str(&location) {
            res.headers_mut().insert(header::LOCATION, v);
        }
    }
    Ok(res)
}

/// Parses, sanitises and renders a write's body on the blocking pool before the write
/// begins: the write lock is held for the write alone.
async fn prepare_body(mut input: EntryInput) -> Result<EntryInput> {
    if let Some(source) = input.content.take() {
        let prepared = actix_web::web::block(move || crate::content::body::prepare(source))
            .await
            .map_err(Error::internal)??;
        input.content = Some(crate::content::body::ContentSource::Prepared(Box::new(
            prepared,
        )));
    }
    Ok(input)
}

pub async fn create_item<K: WireKind>(
    state: State,
    user: AuthUser,
    input: EntryInput,
    changes: K::Changes,
) -> Result<HttpResponse> {
    let viewer = user.viewer();
    let input = prepare_body(input).await?;
    let e = state
        .write(move |conn| items::create::<K>(conn, viewer, input, changes))
        .await?;
    respond::<K>(&state, viewer, e, StatusCode::CREATED).await
}

pub async fn update_item<K: WireKind>(
    state: State,
    user: AuthUser,
    id: i64,
    input: EntryInput,
    changes: K::Changes,
) -> Result<HttpResponse> {
    let viewer = user.viewer();
    let input = prepare_body(input).await?;
    let e = state
        .write(move |conn| {
            crate::content::synced::guard(conn, K::KIND, id)?;
            items::update::<K>(conn, viewer, id, input, changes)
        })
        .await?;
    respond::<K>(&state, viewer, e, StatusCode::OK).await
}

pub async fn delete_item<K: WireKind>(
    req: &HttpRequest,
    state: State,
    user: AuthUser,
    id: i64,
    params: DeleteParams,
) -> Result<HttpResponse> {
    use crate::users::audit::{self, Action};
    let viewer = user.viewer();
    let force = params.force.unwrap_or(false);
    let event = crate::api::audit::by(req, &state, &user, Action::ContentDeleted);
    match state
        .write(move |conn| {
            crate::content::synced::guard(conn, K::KIND, id)?;
            let title = force
                .then(|| crate::content::entry::find(conn, K::KIND, id))
                .transpose()?
                .flatten()
                .map(|e| e.title);
            let deleted = items::delete::<K>(conn, viewer, id, force)?;
            // Only a deletion for good is audited (the trash keeps the item).
            if deleted.is_none() {
                let detail = title.map(|t| format!("`{t}`")).unwrap_or_default();
                audit::record(conn, event.target(K::KIND.as_str(), id).detail(detail))?;
            }
            Ok(deleted)
        })
        .await?
    {
        Some(e) => respond::<K>(&state, viewer, e, StatusCode::OK).await,
        None => Ok(HttpResponse::NoContent().finish()),
    }
}

pub async fn list_revisions<K: WireKind>(
    req: HttpRequest,
    state: State,
    user: AuthUser,
    id: i64,
    page: PageParams,
) -> Result<HttpResponse> {
    let viewer = user.viewer();
    let window = page.window()?;
    let w = window.clone();
    let listed = state
        .read(move |conn| revisions::list(conn, K::KIND, viewer, id, &w))
        .await?;
    Ok(list_response(
        &req,
        &state.config.public_url,
        listed.map(RevisionResponse::from),
        &window,
        None,
    ))
}

/// Declares the documented routes every kind of content has: get, create, change, delete
/// and revisions, over the shared handlers above. Each operation's summary is the kind's
/// own; its description is written here once, from the kind's noun (`a: "a post"`,
/// `noun: "post"`), with what is the kind's own (`+ "..."`) added after it.
macro_rules! item_routes {
    (
        kind: $kind:ty,
        tag: $tag:literal,
        item: $item:ty,
        create: $create:ty,
        update: $update:ty,
        collection_path: $collection_path:literal,
        item_path: $item_path:literal,
        revisions_path: $revisions_path:literal,
        id: $id_doc:literal,
        a: $a:literal,
        noun: $noun:literal,
        get: $get:ident = $get_doc:literal $(+ $get_more:literal)?,
        create_fn: $create_fn:ident = $create_doc:literal $(+ $create_more:literal)?,
        update_fn: $update_fn:ident = $update_doc:literal $(+ $update_more:literal)?,
        delete_fn: $delete_fn:ident = $delete_doc:literal $(+ $delete_more:literal)?,
        revisions_fn: $revisions_fn:ident = $revisions_doc:literal
            $(+ $revisions_more:literal)? $(,)?
    ) => {
        #[doc = $get_doc]
        #[utoipa::path(
            tag = $tag,
            summary = $get_doc,
            description = concat!(
                "Returns the ", $noun, " with this id. Anonymous readers get it only when it is \
                `published` and its `published_at` has come; editors and admins see every \
                status, authors also their own items in any status. Anything you may not see \
                is 404.\n\n`fields` keeps only the named top-level members; `include` embeds \
                related objects in `embedded`. The answer has a strong `ETag`: a matching \
                `If-None-Match` gets 304 with no body."
                $(, "\n\n", $get_more)?
            ),
            params(("id" = i64, Path, minimum = 1, description = $id_doc), $crate::api::content::params::ItemParams),
            responses((status = 200, description = "The item", body = $item)),
            security((), ("bearer" = []))
        )]
        #[get($item_path)]
        pub async fn $get(
            state: $crate::http::state::State,
            user: $crate::http::auth::MaybeUser,
            id: $crate::http::extract::PathId,
            params: $crate::http::extract::Query<$crate::api::content::params::ItemParams>,
        ) -> $crate::error::Result<actix_web::HttpResponse> {
            $crate::api::content::get_item::<$kind>(state, user, id.0, params.0).await
        }

        #[doc = $create_doc]
        #[utoipa::path(
            tag = $tag,
            summary = $create_doc,
            description = concat!(
                "Creates ", $a, " and answers 201 with it as stored and its URL in `Location`. \
                Any signed-in user may (`admin`, `editor`, `author`); `author` defaults to you, \
                and only editors and admins may name someone else (403).\n\n`status` defaults \
                to `draft` and `published_at` to now; a `published` item with a future \
                `published_at` is scheduled: anonymous readers see it from that moment. \
                `slug` is made from the title when left out; a slug another ", $noun,
                " has is 409. Invalid members are 422, each named in `errors`."
                $(, "\n\n", $create_more)?
            ),
            request_body = $create,
            responses((status = 201, description = "Created", body = $item,
                headers(("Location" = String, description = "The new item's URL")))),
            security(("bearer" = []))
        )]
        #[post($collection_path)]
        pub async fn $create_fn(
            state: $crate::http::state::State,
            user: $crate::http::auth::AuthUser,
            body: $crate::http::extract::JsonBody<$create>,
        ) -> $crate::error::Result<actix_web::HttpResponse> {
            let (input, changes) = body.0.try_into()?;
            $crate::api::content::create_item::<$kind>(state, user, input, changes).await
        }

        #[doc = $update_doc]
        #[utoipa::path(
            tag = $tag,
            summary = $update_doc,
            description = concat!(
                "Changes the members sent (those left out stay as they are) and answers with \
                the ", $noun, " as stored. Editors and admins may change any ", $noun,
                ", authors only their own (403); one you may not see is 404.\n\nSetting \
                `status` to `published` with no `published_at` stamps the current time, \
                unless the item already holds a future date (a schedule). A slug another ",
                $noun, " has is 409; invalid members are 422. A change to the shared members, the \
                author or the terms is kept as a revision. An item synced from WordPress \
                is 409 until an administrator detaches it (`POST /api/v1/sync/wordpress/detach`)."
                $(, "\n\n", $update_more)?
            ),
            params(("id" = i64, Path, minimum = 1, description = $id_doc)),
            request_body = $update,
            responses((status = 200, description = "The changed item", body = $item)),
            security(("bearer" = []))
        )]
        #[patch($item_path)]
        pub async fn $update_fn(
            state: $crate::http::state::State,
            user: $crate::http::auth::AuthUser,
            id: $crate::http::extract::PathId,
            body: $crate::http::extract::JsonBody<$update>,
        ) -> $crate::error::Result<actix_web::HttpResponse> {
            let (input, changes) = body.0.try_into()?;
            $crate::api::content::update_item::<$kind>(state, user, id.0, input, changes).await
        }

        #[doc = $delete_doc]
        #[utoipa::path(
            tag = $tag,
            summary = $delete_doc,
            description = concat!(
                "Moves the ", $noun, " to the trash (`status: trash`) and answers 200 with it; \
                it leaves the trash when its `status` is changed again. With `force=true` it \
                is deleted for good, with its revisions, and the answer is 204. Editors and \
                admins may delete any ", $noun, ", authors only their own (403). An item \
                synced from WordPress is 409 until detached: delete it in WordPress."
                $(, "\n\n", $delete_more)?
            ),
            params(("id" = i64, Path, minimum = 1, description = $id_doc), $crate::http::wire::DeleteParams),
            responses(
                (status = 200, description = "Moved to the trash", body = $item),
                (status = 204, description = "Deleted for good")),
            security(("bearer" = []))
        )]
        #[delete($item_path)]
        pub async fn $delete_fn(
            req: actix_web::HttpRequest,
            state: $crate::http::state::State,
            user: $crate::http::auth::AuthUser,
            id: $crate::http::extract::PathId,
            params: $crate::http::extract::Query<$crate::http::wire::DeleteParams>,
        ) -> $crate::error::Result<actix_web::HttpResponse> {
            $crate::api::content::delete_item::<$kind>(&req, state, user, id.0, params.0).await
        }

        #[doc = $revisions_doc]
        #[utoipa::path(
            tag = $tag,
            summary = $revisions_doc,
            description = concat!(
                "Lists the revisions of the ", $noun, ", newest first: its title, slug, \
                status, excerpt, content and `published_at` as each write left them. Creating, \
                changing and trashing keep one, unless the write changed none of those members, \
                the author or the terms. Only editors, admins and the ", $noun, "'s author may \
                read them (403). Paged with `page` and `per_page`, or with `cursor`."
                $(, "\n\n", $revisions_more)?
            ),
            params(("id" = i64, Path, minimum = 1, description = $id_doc), $crate::http::list::PageParams),
            responses((status = 200, description = "Revisions, newest first",
                body = $crate::http::list::List<$crate::api::content::wire::RevisionResponse>)),
            security(("bearer" = []))
        )]
        #[get($revisions_path)]
        pub async fn $revisions_fn(
            req: actix_web::HttpRequest,
            state: $crate::http::state::State,
            user: $crate::http::auth::AuthUser,
            id: $crate::http::extract::PathId,
            page: $crate::http::extract::Query<$crate::http::list::PageParams>,
        ) -> $crate::error::Result<actix_web::HttpResponse> {
            $crate::api::content::list_revisions::<$kind>(req, state, user, id.0, page.0).await
        }
    };
}
pub(crate) use item_routes;
