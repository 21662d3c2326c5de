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
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub description: String,
    /// The parent term (hierarchical taxonomies only).
    pub parent: Option<i64>,
    /// Items an anonymous reader can see with this term.
    pub count: i64,
    /// `count` split by kind of content, by collection name (`posts`, ...).
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
    /// Sort field (default `name`).
    #[param(inline)]
    pub orderby: Option<TermOrderBy>,
    /// Sort direction (default `asc`).
    #[param(inline)]
    pub order: Option<Order>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ParentParams {
    /// Children of this category; `0` for top-level categories.
    #[param(minimum = 0)]
    pub parent: Option<i64>,
}

/// A new term. `slug` is generated from the name when missing.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTermRequest {
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 190)]
    pub slug: Option<String>,
    pub description: Option<String>,
    /// The parent category (categories only).
    pub parent: Option<i64>,
}

/// A new tag. `slug` is generated from the name when missing.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTagRequest {
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 190)]
    pub slug: Option<String>,
    pub description: Option<String>,
}

/// Changes to a tag.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateTagRequest {
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 190)]
    pub slug: Option<String>,
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

/// Changes to a term; `parent: null` makes a category top-level.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateTermRequest {
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 190)]
    pub slug: Option<String>,
    pub description: Option<String>,
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
    };
    let w = window.clone();
    let listed = state
        .read(move |conn| {
            let listed = terms::list(conn, &query, &w)?;
            let ids: Vec<i64> = listed.items.iter().map(|t| t.id).collect();
            let counts = counts::of_terms(conn, &ids)?;
            Ok(listed.map(|t| TermResponse::new(&t, counts.get(&t.id))))
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

fn load(conn: &mut crate::db::DbConn, taxonomy: Taxonomy, id: i64) -> Result<TermResponse> {
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
    state: State,
    user: AuthUser,
    taxonomy: Taxonomy,
    id: i64,
) -> Result<HttpResponse> {
    user.require_editor()?;
    manage::remove(&state, move |conn| terms::delete(conn, taxonomy, id)).await
}

/// Lists tags, with the number of visible items carrying each.
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

/// One tag by id.
#[utoipa::path(tag = "tags", params(("id" = i64, Path, minimum = 1, description = "Tag id")),
    responses((status = 200, description = "The tag", body = TermResponse)),
    security((), ("bearer" = [])))]
#[get("/tags/{id}")]
pub async fn get_tag(state: State, _u: MaybeUser, id: PathId) -> Result<HttpResponse> {
    get_term(state, Taxonomy::Tag, id.0).await
}

/// Creates a tag (editors).
#[utoipa::path(tag = "tags", request_body = CreateTagRequest,
    responses((status = 201, description = "Created", body = TermResponse)),
    security(("bearer" = [])))]
#[post("/tags")]
pub async fn create_tag(
    state: State,
    user: AuthUser,
    body: JsonBody<CreateTagRequest>,
) -> Result<HttpResponse> {
    create_term(state, user, Taxonomy::Tag, body.0.into()).await
}

/// Changes a tag (editors).
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

/// Deletes a tag; items lose it (editors).
#[utoipa::path(tag = "tags", params(("id" = i64, Path, minimum = 1, description = "Tag id")),
    responses((status = 204, description = "Deleted")),
    security(("bearer" = [])))]
#[delete("/tags/{id}")]
pub async fn delete_tag(state: State, user: AuthUser, id: PathId) -> Result<HttpResponse> {
    delete_term(state, user, Taxonomy::Tag, id.0).await
}

/// Declares the documented routes of a hierarchical taxonomy: list (with `parent`), get,
/// create, change and delete, over the shared term handlers above.
macro_rules! hierarchical_routes {
    (
        taxonomy: $taxonomy:expr,
        tag: $tag:literal,
        collection_path: $collection_path:literal,
        item_path: $item_path:literal,
        id: $id_doc:literal,
        list: $list:ident = $list_doc:literal,
        get: $get:ident = $get_doc:literal,
        create_fn: $create:ident = $create_doc:literal,
        update_fn: $update:ident = $update_doc:literal,
        delete_fn: $delete:ident = $delete_doc:literal $(,)?
    ) => {
        #[doc = $list_doc]
        #[utoipa::path(tag = $tag, params(PageParams, TermParams, ParentParams),
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
            responses((status = 200, description = "The term", body = TermResponse)),
            security((), ("bearer" = [])))]
        #[get($item_path)]
        pub async fn $get(state: State, _u: MaybeUser, id: PathId) -> Result<HttpResponse> {
            get_term(state, $taxonomy, id.0).await
        }

        #[doc = $create_doc]
        #[utoipa::path(tag = $tag, request_body = CreateTermRequest,
            responses((status = 201, description = "Created", body = TermResponse)),
            security(("bearer" = [])))]
        #[post($collection_path)]
        pub async fn $create(state: State, user: AuthUser, body: JsonBody<CreateTermRequest>) -> Result<HttpResponse> {
            create_term(state, user, $taxonomy, body.0).await
        }

        #[doc = $update_doc]
        #[utoipa::path(tag = $tag, params(("id" = i64, Path, minimum = 1, description = $id_doc)),
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
            responses((status = 204, description = "Deleted")),
            security(("bearer" = [])))]
        #[delete($item_path)]
        pub async fn $delete(state: State, user: AuthUser, id: PathId) -> Result<HttpResponse> {
            delete_term(state, user, $taxonomy, id.0).await
        }
    };
}

hierarchical_routes! {
    taxonomy: Taxonomy::Category,
    tag: "categories",
    collection_path: "/categories",
    item_path: "/categories/{id}",
    id: "Category id",
    list: list_categories = "Lists categories, with the number of visible items in each.",
    get: get_category = "One category by id.",
    create_fn: create_category = "Creates a category (editors).",
    update_fn: update_category = "Changes a category (editors). A category cannot become its own ancestor.",
    delete_fn: delete_category = "Deletes a category; items lose it and its children become top-level (editors).",
}

hierarchical_routes! {
    taxonomy: Taxonomy::ResourceType,
    tag: "resource-types",
    collection_path: "/resource-types",
    item_path: "/resource-types/{id}",
    id: "Resource type id",
    list: list_resource_types = "Lists resource types, with the number of visible resources of each.",
    get: get_resource_type = "One resource type by id.",
    create_fn: create_resource_type = "Creates a resource type (editors).",
    update_fn: update_resource_type = "Changes a resource type (editors).",
    delete_fn: delete_resource_type = "Deletes a resource type; resources lose it (editors).",
}

hierarchical_routes! {
    taxonomy: Taxonomy::EventCategory,
    tag: "event-categories",
    collection_path: "/event-categories",
    item_path: "/event-categories/{id}",
    id: "Event category id",
    list: list_event_categories = "Lists event categories, with the number of visible events in each.",
    get: get_event_category = "One event category by id.",
    create_fn: create_event_category = "Creates an event category (editors).",
    update_fn: update_event_category = "Changes an event category (editors).",
    delete_fn: delete_event_category = "Deletes an event category; events lose it and its children become top-level (editors).",
}
