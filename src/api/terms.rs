//! Tags (flat), categories, resource types and event categories (hierarchical): the same
//! handlers over every taxonomy, each term with how many visible items carry it.

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post};
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::manage;
use crate::content::counts::{self, TermCount};
use crate::content::paging::Direction;
use crate::content::terms::{self, Taxonomy, Term, TermInput, TermOrder, TermQuery};
use crate::error::{Error, Result};
use crate::http::auth::{AuthUser, MaybeUser};
use crate::http::extract::{JsonBody, PathId, Query};
use crate::http::list::{List, Order, PageParams, list_response, split_list};
use crate::http::state::State;

/// A term of a taxonomy (tag, category, ...).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TermResponse {
    /// The term's id.
    pub id: i64,
    /// The name shown to readers.
    pub name: String,
    /// The address name, unique within the taxonomy; list filters (`tag`, `category`, ...)
    /// take it.
    pub slug: String,
    /// A longer text about the term, or empty.
    pub description: String,
    /// The parent term, or null at the top (always null for tags).
    pub parent: Option<i64>,
    /// Items an anonymous reader can see with this term (published, date come).
    pub count: i64,
    /// `count` split by kind of content, by collection name (`posts`, ...); kinds with none
    /// are left out.
    pub count_by_kind: BTreeMap<String, i64>,
}

impl TermResponse {
    pub fn new(t: &Term, count: Option<&TermCount>) -> Self {
        TermResponse {
            id: t.id,
            name: t.name.clone(),
            slug: t.slug.clone(),
            description: t.description.clone(),
            parent: t.parent_id,
            count: count.map_or(0, |c| c.total),
            count_by_kind: count
                .map(|c| {
                    c.by_kind
                        .iter()
                        .map(|(k, n)| (k.collection().to_owned(), *n))
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}

/// What a term list is sorted by: `name`, `slug` or `id`.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum TermOrderBy {
    Name,
    Slug,
    Id,
}

/// Filters of every term list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TermParams {
    /// Part of the name, case-insensitive.
    pub search: Option<String>,
    /// Slugs, comma-separated (any of).
    pub slug: Option<String>,
    /// Sort field: `name`, `slug` or `id`. Default: `name`.
    #[param(inline)]
    pub orderby: Option<TermOrderBy>,
    /// Sort direction. Default: `asc`.
    #[param(inline)]
    pub order: Option<Order>,
}

/// The place in the hierarchy to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ParentParams {
    /// Only the children of this term; `0` for top-level terms. Default: every term.
    #[param(minimum = 0)]
    pub parent: Option<i64>,
}

/// A new term of a hierarchical taxonomy (category, resource type, event category).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTermRequest {
    /// The name shown to readers (trimmed).
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    /// The address name, unique within the taxonomy (409 when taken). Default: made from
    /// the name.
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 190)]
    pub slug: Option<String>,
    /// A longer text about the term. Default: empty.
    pub description: Option<String>,
    /// The parent term, of the same taxonomy. Default: none (top level).
    pub parent: Option<i64>,
}

/// A new tag. Tags are flat: they have no parent.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTagRequest {
    /// The name shown to readers (trimmed).
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    /// The address name, unique among tags (409 when taken). Default: made from the name.
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 190)]
    pub slug: Option<String>,
    /// A longer text about the tag. Default: empty.
    pub description: Option<String>,
}

/// Changes to a tag: members left out stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateTagRequest {
    /// The name shown to readers (trimmed).
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    /// The address name, unique among tags (409 when taken).
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 190)]
    pub slug: Option<String>,
    /// A longer text about the tag; empty removes it.
    pub description: Option<String>,
}

impl From<CreateTagRequest> for CreateTermRequest {
    fn from(t: CreateTagRequest) -> Self {
        CreateTermRequest {
            name: t.name,
            slug: t.slug,
            description: t.description,
            parent: None,
        }
    }
}

impl From<UpdateTagRequest> for UpdateTermRequest {
    fn from(t: UpdateTagRequest) -> Self {
        UpdateTermRequest {
            name: t.name,
            slug: t.slug,
            description: t.description,
            parent: None,
        }
    }
}

/// Changes to a term of a hierarchical taxonomy: members left out stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateTermRequest {
    /// The name shown to readers (trimmed).
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    /// The address name, unique within the taxonomy (409 when taken).
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 190)]
    pub slug: Option<String>,
    /// A longer text about the term; empty removes it.
    pub description: Option<String>,
    /// The parent term, of the same taxonomy; null moves the term to the top level. A term
    /// cannot become its own ancestor (422).
    #[serde(default, deserialize_with = "crate::http::wire::double_option")]
    #[schema(value_type = Option<i64>)]
    pub parent: Option<Option<i64>>,
}

async fn list_terms(
    req: HttpRequest,
    state: State,
    taxonomy: Taxonomy,
    page: PageParams,
    params: TermParams,
    parent: Option<i64>,
) -> Result<HttpResponse> {
    let window = page.window()?;
    let parent = match parent {
        Some(p) if p < 0 => {
            return Err(Error::invalid_query(
                "parent",
                "must be a category id, or 0",
            ));
        }
        Some(0) => Some(None),
        Some(p) => Some(Some(p)),
        None => None,
    };
    let query = TermQuery {
        taxonomy,
        slugs: split_list(params.slug.as_deref()),
        search: params.search.filter(|s| !s.trim().is_empty()),
        parent,
        order: match params.orderby {
            None | Some(TermOrderBy::Name) => TermOrder::Name,
            Some(TermOrderBy::Slug) => TermOrder::Slug,
            Some(TermOrderBy::Id) => TermOrder::Id,
        },
        dir: params.order.map_or(Direction::Asc, Direction::from),
        conditions: Vec::new(),
    };
    let w = window.clone();
    let listed = state
        .read(move |conn| {
            let listed = terms::list(conn, &query, &w)?;
            Ok(listed.map(|(t, count)| TermResponse::new(&t, Some(&count))))
        })
        .await?;
    Ok(list_response(
        &req,
        &state.config.public_url,
        listed,
        &window,
        None,
    ))
}

async fn get_term(state: State, taxonomy: Taxonomy, id: i64) -> Result<HttpResponse> {
    manage::read(&state, move |conn| load(conn, taxonomy, id), |t| t).await
}

pub(crate) fn load(
    conn: &mut crate::db::DbConn,
    taxonomy: Taxonomy,
    id: i64,
) -> Result<TermResponse> {
    let term = terms::find(conn, taxonomy, id)?;
    let counts = counts::of_terms(conn, &[id])?;
    Ok(TermResponse::new(&term, counts.get(&id)))
}

async fn create_term(
    state: State,
    user: AuthUser,
    taxonomy: Taxonomy,
    body: CreateTermRequest,
) -> Result<HttpResponse> {
    user.require_editor()?;
    let input = TermInput {
        name: Some(body.name),
        slug: body.slug,
        description: body.description,
        parent: Some(body.parent),
    };
    let term = state
        .write(move |conn| {
            let t = terms::create(conn, taxonomy, input)?;
            load(conn, taxonomy, t.id)
        })
        .await?;
    Ok(manage::created(
        &state,
        taxonomy.collection(),
        term.id,
        &term,
    ))
}

async fn update_term(
    state: State,
    user: AuthUser,
    taxonomy: Taxonomy,
    id: i64,
    body: UpdateTermRequest,
) -> Result<HttpResponse> {
    user.require_editor()?;
    let input = TermInput {
        name: body.name,
        slug: body.slug,
        description: body.description,
        parent: body.parent,
    };
    let update = move |conn: &mut crate::db::DbConn| {
        terms::update(conn, taxonomy, id, input)?;
        load(conn, taxonomy, id)
    };
    manage::change(&state, update, |t| t).await
}

async fn delete_term(
    req: &actix_web::HttpRequest,
    state: State,
    user: AuthUser,
    taxonomy: Taxonomy,
    id: i64,
) -> Result<HttpResponse> {
    use crate::users::audit::{self, Action};
    user.require_editor()?;
    let event = crate::api::audit::by(req, &state, &user, Action::TermDeleted);
    manage::remove(&state, move |conn| {
        let name = terms::find(conn, taxonomy, id)?.name;
        terms::delete(conn, taxonomy, id)?;
        let detail = format!("`{name}`");
        audit::record(conn, event.target(taxonomy.as_str(), id).detail(detail))
    })
    .await
}

/// List tags
///
/// Returns a page of tags in a `{data, meta}` envelope with `Link` and `X-Total-Count`
/// headers, by name unless `orderby` says otherwise. Each carries `count`, how many items
/// an anonymous reader can see with it, split by kind in `count_by_kind`.
///
/// Anyone may read them. `search` matches part of the name, `slug` takes comma-separated
/// slugs. Page with `page` and `per_page`, or with `cursor` (kept with the same `orderby`
/// and `order`); `count=none` leaves the total out.
#[utoipa::path(tag = "tags", params(PageParams, TermParams),
    responses((status = 200, description = "A page of tags", body = List<TermResponse>)),
    security((), ("bearer" = [])))]
#[get("/tags")]
pub async fn list_tags(
    req: HttpRequest,
    state: State,
    _u: MaybeUser,
    page: Query<PageParams>,
    params: Query<TermParams>,
) -> Result<HttpResponse> {
    list_terms(req, state, Taxonomy::Tag, page.0, params.0, None).await
}

/// Get a tag
///
/// Returns the tag with this id and how many visible items carry it. Anyone may read it;
/// an unknown id is 404. The answer has a strong `ETag`: a matching `If-None-Match` gets
/// 304 with no body.
#[utoipa::path(tag = "tags", params(("id" = i64, Path, minimum = 1, description = "Tag id")),
    responses((status = 200, description = "The tag", body = TermResponse)),
    security((), ("bearer" = [])))]
#[get("/tags/{id}")]
pub async fn get_tag(state: State, _u: MaybeUser, id: PathId) -> Result<HttpResponse> {
    get_term(state, Taxonomy::Tag, id.0).await
}

/// Create a tag
///
/// Creates a tag and answers 201 with it and its URL in `Location`. Only editors and
/// admins may (403). `slug` is made from the name when left out; a slug another tag has
/// is 409, an empty or too long name 422.
#[utoipa::path(tag = "tags", request_body = CreateTagRequest,
    responses((status = 201, description = "Created", body = TermResponse,
        headers(("Location" = String, description = "The new tag's URL")))),
    security(("bearer" = [])))]
#[post("/tags")]
pub async fn create_tag(
    state: State,
    user: AuthUser,
    body: JsonBody<CreateTagRequest>,
) -> Result<HttpResponse> {
    create_term(state, user, Taxonomy::Tag, body.0.into()).await
}

/// Update a tag
///
/// Changes the members sent (the others stay as they are) and answers with the tag as it
/// now stands. Only editors and admins may (403); an unknown id is 404, a slug another tag
/// has is 409.
#[utoipa::path(tag = "tags", params(("id" = i64, Path, minimum = 1, description = "Tag id")),
    request_body = UpdateTagRequest,
    responses((status = 200, description = "The changed tag", body = TermResponse)),
    security(("bearer" = [])))]
#[patch("/tags/{id}")]
pub async fn update_tag(
    state: State,
    user: AuthUser,
    id: PathId,
    body: JsonBody<UpdateTagRequest>,
) -> Result<HttpResponse> {
    update_term(state, user, Taxonomy::Tag, id.0, body.0.into()).await
}

/// Delete a tag
///
/// Deletes the tag for good (terms have no trash) and answers 204; every item loses it.
/// Only editors and admins may (403); an unknown id is 404.
#[utoipa::path(tag = "tags", params(("id" = i64, Path, minimum = 1, description = "Tag id")),
    responses((status = 204, description = "Deleted")),
    security(("bearer" = [])))]
#[delete("/tags/{id}")]
pub async fn delete_tag(
    req: actix_web::HttpRequest,
    state: State,
    user: AuthUser,
    id: PathId,
) -> Result<HttpResponse> {
    delete_term(&req, state, user, Taxonomy::Tag, id.0).await
}

/// Declares the documented routes of a hierarchical taxonomy: list (with `parent`), get,
/// create, change and delete, over the shared term handlers above. Each operation's
/// summary is the taxonomy's own; its description is written here once from the
/// taxonomy's noun (`a: "a category"`, `noun: "category"`, `plural: "categories"`), with
/// what is the taxonomy's own (`+ "..."`) added after it.
macro_rules! hierarchical_routes {
    (
        taxonomy: $taxonomy:expr,
        tag: $tag:literal,
        collection_path: $collection_path:literal,
        item_path: $item_path:literal,
        id: $id_doc:literal,
        a: $a:literal,
        noun: $noun:literal,
        plural: $plural:literal,
        list: $list:ident = $list_doc:literal $(+ $list_more:literal)?,
        get: $get:ident = $get_doc:literal $(+ $get_more:literal)?,
        create_fn: $create:ident = $create_doc:literal $(+ $create_more:literal)?,
        update_fn: $update:ident = $update_doc:literal $(+ $update_more:literal)?,
        delete_fn: $delete:ident = $delete_doc:literal $(+ $delete_more:literal)? $(,)?
    ) => {
        #[doc = $list_doc]
        #[utoipa::path(tag = $tag, params(PageParams, TermParams, ParentParams),
            summary = $list_doc,
            description = concat!(
                "Returns a page of ", $plural, " in a `{data, meta}` envelope with `Link` and \
                `X-Total-Count` headers, by name unless `orderby` says otherwise. Each carries \
                `count`, how many items an anonymous reader can see with it, split by kind in \
                `count_by_kind`.\n\nAnyone may read them. `parent` lists one level of the tree \
                (`0`: the top level); `search` matches part of the name, `slug` takes \
                comma-separated slugs. Page with `page` and `per_page`, or with `cursor` (kept \
                with the same `orderby` and `order`); `count=none` leaves the total out."
                $(, "\n\n", $list_more)?
            ),
            responses((status = 200, description = "A page of terms", body = List<TermResponse>)),
            security((), ("bearer" = [])))]
        #[get($collection_path)]
        pub async fn $list(
            req: HttpRequest,
            state: State,
            _u: MaybeUser,
            page: Query<PageParams>,
            params: Query<TermParams>,
            parent: Query<ParentParams>,
        ) -> Result<HttpResponse> {
            list_terms(req, state, $taxonomy, page.0, params.0, parent.0.parent).await
        }

        #[doc = $get_doc]
        #[utoipa::path(tag = $tag, params(("id" = i64, Path, minimum = 1, description = $id_doc)),
            summary = $get_doc,
            description = concat!(
                "Returns the ", $noun, " with this id and how many visible items carry it. \
                Anyone may read it; an unknown id is 404. The answer has a strong `ETag`: a \
                matching `If-None-Match` gets 304 with no body."
                $(, "\n\n", $get_more)?
            ),
            responses((status = 200, description = "The term", body = TermResponse)),
            security((), ("bearer" = [])))]
        #[get($item_path)]
        pub async fn $get(state: State, _u: MaybeUser, id: PathId) -> Result<HttpResponse> {
            get_term(state, $taxonomy, id.0).await
        }

        #[doc = $create_doc]
        #[utoipa::path(tag = $tag, request_body = CreateTermRequest,
            summary = $create_doc,
            description = concat!(
                "Creates ", $a, " and answers 201 with it and its URL in `Location`. Only \
                editors and admins may (403). `slug` is made from the name when left out; a \
                slug another ", $noun, " has is 409. A `parent` that is not one of the ",
                $plural, " is 422."
                $(, "\n\n", $create_more)?
            ),
            responses((status = 201, description = "Created", body = TermResponse,
                headers(("Location" = String, description = "The new term's URL")))),
            security(("bearer" = [])))]
        #[post($collection_path)]
        pub async fn $create(state: State, user: AuthUser, body: JsonBody<CreateTermRequest>) -> Result<HttpResponse> {
            create_term(state, user, $taxonomy, body.0).await
        }

        #[doc = $update_doc]
        #[utoipa::path(tag = $tag, params(("id" = i64, Path, minimum = 1, description = $id_doc)),
            summary = $update_doc,
            description = concat!(
                "Changes the members sent (the others stay as they are) and answers with the ",
                $noun, " as it now stands. Only editors and admins may (403); an unknown id is \
                404, a slug another ", $noun, " has is 409. `parent: null` moves it to the top \
                level; it cannot become its own ancestor (422)."
                $(, "\n\n", $update_more)?
            ),
            request_body = UpdateTermRequest,
            responses((status = 200, description = "The changed term", body = TermResponse)),
            security(("bearer" = [])))]
        #[patch($item_path)]
        pub async fn $update(
            state: State,
            user: AuthUser,
            id: PathId,
            body: JsonBody<UpdateTermRequest>,
        ) -> Result<HttpResponse> {
            update_term(state, user, $taxonomy, id.0, body.0).await
        }

        #[doc = $delete_doc]
        #[utoipa::path(tag = $tag, params(("id" = i64, Path, minimum = 1, description = $id_doc)),
            summary = $delete_doc,
            description = concat!(
                "Deletes the ", $noun, " for good (terms have no trash) and answers 204: every \
                item loses it, and its children move to the top level. Only editors and admins \
                may (403); an unknown id is 404."
                $(, "\n\n", $delete_more)?
            ),
            responses((status = 204, description = "Deleted")),
            security(("bearer" = [])))]
        #[delete($item_path)]
        pub async fn $delete(
            req: actix_web::HttpRequest,
            state: State,
            user: AuthUser,
            id: PathId,
        ) -> Result<HttpResponse> {
            delete_term(&req, state, user, $taxonomy, id.0).await
        }
    };
}

hierarchical_routes! {
    taxonomy: Taxonomy::Category,
    tag: "categories",
    collection_path: "/categories",
    item_path: "/categories/{id}",
    id: "Category id",
    a: "a category",
    noun: "category",
    plural: "categories",
    list: list_categories = "List categories",
    get: get_category = "Get a category",
    create_fn: create_category = "Create a category",
    update_fn: update_category = "Update a category",
    delete_fn: delete_category = "Delete a category",
}

hierarchical_routes! {
    taxonomy: Taxonomy::ResourceType,
    tag: "resource-types",
    collection_path: "/resource-types",
    item_path: "/resource-types/{id}",
    id: "Resource type id",
    a: "a resource type",
    noun: "resource type",
    plural: "resource types",
    list: list_resource_types = "List resource types",
    get: get_resource_type = "Get a resource type",
    create_fn: create_resource_type = "Create a resource type",
    update_fn: update_resource_type = "Update a resource type",
    delete_fn: delete_resource_type = "Delete a resource type"
        + "A resource whose only type this was is left with none until it is given another.",
}

hierarchical_routes! {
    taxonomy: Taxonomy::EventCategory,
    tag: "event-categories",
    collection_path: "/event-categories",
    item_path: "/event-categories/{id}",
    id: "Event category id",
    a: "an event category",
    noun: "event category",
    plural: "event categories",
    list: list_event_categories = "List event categories",
    get: get_event_category = "Get an event category",
    create_fn: create_event_category = "Create an event category",
    update_fn: update_event_category = "Update an event category",
    delete_fn: delete_event_category = "Delete an event category",
}
