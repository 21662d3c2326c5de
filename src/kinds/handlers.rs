//! The request handling every kind of content shares. Each kind module declares its
//! wire types through `ContentKind` and keeps only thin, documented routes that call
//! these functions.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;

use crate::content::entry::{self, Entry, EntryInput};
use crate::content::list::{EntryQuery, SortKey};
use crate::content::terms::Taxonomy;
use crate::content::{Kind, Viewer, field_groups, fields, list, revisions};
use crate::db::DbConn;
use crate::db::sql::{Sql, Value};
use crate::error::{Error, Result};
use crate::http::auth::{AuthUser, MaybeUser};
use crate::http::list::{
    PageParams, field_set, include_set, item_response, list_response, split_list,
};
use crate::kinds::common::{
    DeleteParams, EntryParams, ItemParams, ReadOptions, Related, RevisionResponse,
};
use crate::state::State;

/// The filters and ordering a kind's own list parameters ask for.
pub struct KindFilters {
    /// Each taxonomy's slugs, any-of.
    pub terms: Vec<(Taxonomy, Vec<String>)>,
    pub orderby: Option<SortKey>,
    /// `orderby=field.NAME`.
    pub sort_field: Option<String>,
}

/// What a kind of content declares to get the shared handlers.
pub trait ContentKind: 'static {
    const KIND: Kind;
    /// Relations `include` may name.
    const INCLUDES: &'static [&'static str];
    /// Top-level members of `Item`, for `fields`.
    const MEMBERS: &'static [&'static str];
    type Item: Serialize + Send + 'static;
    /// What the kind keeps beyond `entries`, loaded for a page of items in one query.
    type Details: Send + 'static;
    /// The kind's own part of a write.
    type Changes: Send + 'static;

    fn load_details(conn: &mut DbConn, entries: &[Entry]) -> Result<Self::Details>;

    fn item(entry: Entry, related: &Related, details: &Self::Details) -> Self::Item;

    /// Stores the kind's own part of a write, in the same transaction as the entry.
    fn save(conn: &mut DbConn, entry: &Entry, changes: Self::Changes, created: bool) -> Result<()>;

    /// Runs before an item is trashed or (with `force`) deleted for good.
    fn before_delete(conn: &mut DbConn, entry: &Entry, force: bool) -> Result<()>;
}

pub(crate) fn items<K: ContentKind>(
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

pub async fn list_items<K: ContentKind>(
    req: HttpRequest,
    state: State,
    user: MaybeUser,
    page: PageParams,
    params: EntryParams,
    own: KindFilters,
    extend: impl FnOnce(&mut EntryQuery),
) -> Result<HttpResponse> {
    let window = page.window()?;
    let fields = field_set(params.fields.as_deref(), K::MEMBERS)?;
    let opts = ReadOptions {
        viewer: user.viewer(),
        include: include_set(params.include.as_deref(), K::INCLUDES)?,
        public_url: state.config.public_url.clone(),
        links: state.config.links.clone(),
        resolve_blocks: params.resolve_blocks.unwrap_or(true),
    };
    let field_filters = field_params(req.query_string())?;
    let sort_field = own.sort_field;
    let mut orderby = own.orderby;
    if sort_field.is_some() {
        // Replaced below, once the field's type is known.
        orderby = Some(SortKey::FieldNum);
    }
    let mut query = params.to_query(K::KIND, user.viewer(), own.terms, orderby)?;
    extend(&mut query);
    let w = window.clone();
    let listed = state
        .read(move |conn| {
            if !field_filters.is_empty() || sort_field.is_some() {
                apply_field_params(conn, &mut query, &field_filters, sort_field)?;
            }
            let listed = list::list(conn, &query, &w)?;
            Ok(crate::content::paging::Listed {
                items: items::<K>(conn, listed.items, &opts)?,
                total: listed.total,
                next: listed.next,
            })
        })
        .await?;
    Ok(list_response(
        &req,
        &state.config.public_url,
        listed,
        &window,
        fields.as_deref(),
    ))
}

pub async fn get_item<K: ContentKind>(
    state: State,
    user: MaybeUser,
    id: i64,
    params: ItemParams,
) -> Result<HttpResponse> {
    let fields = field_set(params.fields.as_deref(), K::MEMBERS)?;
    let viewer = user.viewer();
    let opts = ReadOptions {
        viewer,
        include: include_set(params.include.as_deref(), K::INCLUDES)?,
        public_url: state.config.public_url.clone(),
        links: state.config.links.clone(),
        resolve_blocks: params.resolve_blocks.unwrap_or(true),
    };
    let item = state
        .read(move |conn| {
            let e = entry::find_visible(conn, K::KIND, id, viewer)?;
            one::<K>(conn, e, &opts)
        })
        .await?;
    Ok(item_response(StatusCode::OK, &item, fields.as_deref()))
}

fn one<K: ContentKind>(conn: &mut DbConn, e: Entry, opts: &ReadOptions) -> Result<K::Item> {
    items::<K>(conn, vec![e], opts)?
        .pop()
        .ok_or_else(|| crate::error::Error::internal("an item vanished while loading"))
}

async fn respond<K: ContentKind>(
    state: &State,
    viewer: Viewer,
    e: Entry,
    status: StatusCode,
) -> Result<HttpResponse> {
    let id = e.id;
    let opts = ReadOptions {
        viewer,
        include: Vec::new(),
        public_url: state.config.public_url.clone(),
        links: state.config.links.clone(),
        resolve_blocks: true,
    };
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

pub async fn create_item<K: ContentKind>(
    state: State,
    user: AuthUser,
    mut input: EntryInput,
    changes: K::Changes,
) -> Result<HttpResponse> {
    let viewer = user.viewer();
    let fields = input.fields.take();
    let e = state
        .write(move |conn| {
            let e = entry::create(conn, K::KIND, viewer, input)?;
            K::save(conn, &e, changes, true)?;
            field_groups::apply(conn, K::KIND, e.id, fields, true)?;
            reload(conn, K::KIND, e)
        })
        .await?;
    respond::<K>(&state, viewer, e, StatusCode::CREATED).await
}

pub async fn update_item<K: ContentKind>(
    state: State,
    user: AuthUser,
    id: i64,
    mut input: EntryInput,
    changes: K::Changes,
) -> Result<HttpResponse> {
    let viewer = user.viewer();
    let fields = input.fields.take();
    let e = state
        .write(move |conn| {
            let e = entry::update(conn, K::KIND, viewer, id, input)?;
            K::save(conn, &e, changes, false)?;
            field_groups::apply(conn, K::KIND, e.id, fields, false)?;
            reload(conn, K::KIND, e)
        })
        .await?;
    respond::<K>(&state, viewer, e, StatusCode::OK).await
}

pub async fn delete_item<K: ContentKind>(
    state: State,
    user: AuthUser,
    id: i64,
    params: DeleteParams,
) -> Result<HttpResponse> {
    let viewer = user.viewer();
    let force = params.force.unwrap_or(false);
    match state
        .write(move |conn| {
            entry::delete(conn, K::KIND, viewer, id, force, |conn, e| {
                K::before_delete(conn, e, force)
            })
        })
        .await?
    {
        Some(e) => respond::<K>(&state, viewer, e, StatusCode::OK).await,
        None => Ok(HttpResponse::NoContent().finish()),
    }
}

/// The entry as stored at the end of a write (custom fields are saved after it).
fn reload(conn: &mut DbConn, kind: Kind, e: Entry) -> Result<Entry> {
    Ok(entry::find(conn, kind, e.id)?.unwrap_or(e))
}

/// The `field.NAME=value` parameters of a query string.
fn field_params(query: &str) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        if let Some(name) = k.strip_prefix("field.") {
            if v.contains('\0') {
                return Err(Error::invalid_query(
                    k.to_string(),
                    "must not contain NUL characters",
                ));
            }
            out.push((name.to_owned(), v.into_owned()));
        }
    }
    Ok(out)
}

/// Turns custom-field filters and ordering into conditions of the query, checked
/// against the field groups of the kind.
fn apply_field_params(
    conn: &mut DbConn,
    query: &mut EntryQuery,
    filters: &[(String, String)],
    sort_field: Option<String>,
) -> Result<()> {
    let groups = field_groups::Groups::load(conn)?;
    let defs = groups.for_kind(query.kind);
    let find = |name: &str, param: &str| {
        defs.iter()
            .find(|d| d.name == name)
            .copied()
            .ok_or_else(|| {
                Error::invalid_query(
                    param.to_owned(),
                    format!(
                        "`{name}` is not a custom field of {}",
                        query.kind.collection()
                    ),
                )
            })
    };
    for (name, raw) in filters {
        let param = format!("field.{name}");
        let def = find(name, &param)?;
        let Some(scalar) = fields::scalar(def) else {
            return Err(Error::invalid_query(
                param,
                "only number, boolean, text, choice and date fields can be filtered on",
            ));
        };
        let mut values = Vec::new();
        for part in split_list(Some(raw)) {
            values.push(
                fields::filter_value(def, &part)
                    .map_err(|m| Error::invalid_query(param.clone(), m))?,
            );
        }
        if values.is_empty() {
            continue;
        }
        let mut c = Sql::new("e.id IN (SELECT fv.entry_id FROM field_values fv WHERE fv.name = ");
        c.bind(Value::Text(name.clone()));
        match scalar {
            fields::Scalar::Number | fields::Scalar::Boolean => {
                c.push(" AND fv.num IN ").bind_list(
                    values
                        .iter()
                        .map(|v| Value::Float(v.num.unwrap_or_default())),
                );
            }
            fields::Scalar::Text => {
                c.push(" AND fv.text IN ").bind_list(
                    values
                        .iter()
                        .map(|v| Value::Text(v.text.clone().unwrap_or_default())),
                );
            }
        }
        c.push(")");
        query.conditions.push(c);
    }
    if let Some(name) = sort_field {
        let param = "orderby";
        let def = find(&name, param)?;
        if !fields::sortable(def) {
            return Err(Error::invalid_query(
                param,
                format!(
                    "`field.{name}` cannot be sorted on: only single number, boolean, text, choice and date fields can"
                ),
            ));
        }
        query.order = match fields::scalar(def) {
            Some(fields::Scalar::Text) => SortKey::FieldText,
            _ => SortKey::FieldNum,
        };
        query.sort_field = Some(name);
    }
    Ok(())
}

pub async fn list_revisions<K: ContentKind>(
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
    let listed = crate::content::paging::Listed {
        items: listed
            .items
            .into_iter()
            .map(RevisionResponse::from)
            .collect::<Vec<_>>(),
        total: listed.total,
        next: listed.next,
    };
    Ok(list_response(
        &req,
        &state.config.public_url,
        listed,
        &window,
        None,
    ))
}

/// Declares the documented routes of one item of a kind: get, create, change, delete and
/// revisions. Each kind's module calls it once, naming its types, paths and operations;
/// the generic handlers above do the work. The calling module imports actix-web's `get`,
/// `post`, `patch` and `delete` (utoipa recognises them by name). The request types convert with
/// `TryInto<(EntryInput, K::Changes), Error = Error>`.
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
        get: $get:ident = $get_doc:literal,
        create_fn: $create_fn:ident = $create_doc:literal,
        update_fn: $update_fn:ident = $update_doc:literal,
        delete_fn: $delete_fn:ident = $delete_doc:literal,
        revisions_fn: $revisions_fn:ident = $revisions_doc:literal $(,)?
    ) => {
        #[doc = $get_doc]
        #[utoipa::path(
            tag = $tag,
            params(("id" = i64, Path, minimum = 1, description = $id_doc), $crate::kinds::common::ItemParams),
            responses((status = 200, description = "The item", body = $item)),
            security((), ("bearer" = []))
        )]
        #[get($item_path)]
        pub async fn $get(
            state: $crate::state::State,
            user: $crate::http::auth::MaybeUser,
            id: $crate::http::extract::PathId,
            params: $crate::http::extract::Query<$crate::kinds::common::ItemParams>,
        ) -> $crate::error::Result<actix_web::HttpResponse> {
            $crate::kinds::handlers::get_item::<$kind>(state, user, id.0, params.0).await
        }

        #[doc = $create_doc]
        #[utoipa::path(
            tag = $tag,
            request_body = $create,
            responses((status = 201, description = "Created", body = $item,
                headers(("Location" = String, description = "The new item's URL")))),
            security(("bearer" = []))
        )]
        #[post($collection_path)]
        pub async fn $create_fn(
            state: $crate::state::State,
            user: $crate::http::auth::AuthUser,
            body: $crate::http::extract::JsonBody<$create>,
        ) -> $crate::error::Result<actix_web::HttpResponse> {
            let (input, changes) = body.0.try_into()?;
            $crate::kinds::handlers::create_item::<$kind>(state, user, input, changes).await
        }

        #[doc = $update_doc]
        #[utoipa::path(
            tag = $tag,
            params(("id" = i64, Path, minimum = 1, description = $id_doc)),
            request_body = $update,
            responses((status = 200, description = "The changed item", body = $item)),
            security(("bearer" = []))
        )]
        #[patch($item_path)]
        pub async fn $update_fn(
            state: $crate::state::State,
            user: $crate::http::auth::AuthUser,
            id: $crate::http::extract::PathId,
            body: $crate::http::extract::JsonBody<$update>,
        ) -> $crate::error::Result<actix_web::HttpResponse> {
            let (input, changes) = body.0.try_into()?;
            $crate::kinds::handlers::update_item::<$kind>(state, user, id.0, input, changes).await
        }

        #[doc = $delete_doc]
        #[utoipa::path(
            tag = $tag,
            params(("id" = i64, Path, minimum = 1, description = $id_doc), $crate::kinds::common::DeleteParams),
            responses(
                (status = 200, description = "Moved to the trash", body = $item),
                (status = 204, description = "Deleted for good")),
            security(("bearer" = []))
        )]
        #[delete($item_path)]
        pub async fn $delete_fn(
            state: $crate::state::State,
            user: $crate::http::auth::AuthUser,
            id: $crate::http::extract::PathId,
            params: $crate::http::extract::Query<$crate::kinds::common::DeleteParams>,
        ) -> $crate::error::Result<actix_web::HttpResponse> {
            $crate::kinds::handlers::delete_item::<$kind>(state, user, id.0, params.0).await
        }

        #[doc = $revisions_doc]
        #[utoipa::path(
            tag = $tag,
            params(("id" = i64, Path, minimum = 1, description = $id_doc), $crate::http::list::PageParams),
            responses((status = 200, description = "Revisions, newest first",
                body = $crate::http::list::List<$crate::kinds::common::RevisionResponse>)),
            security(("bearer" = []))
        )]
        #[get($revisions_path)]
        pub async fn $revisions_fn(
            req: actix_web::HttpRequest,
            state: $crate::state::State,
            user: $crate::http::auth::AuthUser,
            id: $crate::http::extract::PathId,
            page: $crate::http::extract::Query<$crate::http::list::PageParams>,
        ) -> $crate::error::Result<actix_web::HttpResponse> {
            $crate::kinds::handlers::list_revisions::<$kind>(req, state, user, id.0, page.0).await
        }
    };
}
pub(crate) use item_routes;
