//! Posts: news, analysis and reports, with tags and categories.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::content::entry::{self, Entry, EntryInput};
use crate::content::terms::Taxonomy;
use crate::content::{Kind, Status, list, revisions};
use crate::error::Result;
use crate::http::auth::{AuthUser, MaybeUser};
use crate::http::extract::{JsonBody, PathId, Query};
use crate::http::list::{
    List, PageParams, field_set, include_set, item_response, list_response, split_list,
};
use crate::kinds::common::{
    ContentInput, ContentResponse, DeleteParams, Embedded, EntryParams, ItemParams, Related,
    RevisionResponse, utc,
};
use crate::state::State;

const KIND: Kind = Kind::Post;
const INCLUDES: [&str; 3] = ["tags", "categories", "author"];
const MEMBERS: [&str; 14] = [
    "id",
    "slug",
    "status",
    "title",
    "excerpt",
    "content",
    "author",
    "tags",
    "categories",
    "fields",
    "published_at",
    "created_at",
    "updated_at",
    "embedded",
];

/// A post.
#[derive(Debug, Serialize, ToSchema)]
pub struct PostResponse {
    pub id: i64,
    pub slug: String,
    pub status: Status,
    pub title: String,
    pub excerpt: String,
    pub content: ContentResponse,
    /// The author's user id.
    pub author: i64,
    /// Tag ids.
    pub tags: Vec<i64>,
    /// Category ids.
    pub categories: Vec<i64>,
    /// Custom field values.
    pub fields: serde_json::Map<String, serde_json::Value>,
    /// When the post is (or will be) public.
    pub published_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Related objects asked for with `include`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embedded: Option<Embedded>,
}

impl PostResponse {
    fn new(e: Entry, related: &Related) -> Self {
        PostResponse {
            id: e.id,
            status: e.status(),
            tags: related.term_ids(e.id, Taxonomy::Tag),
            categories: related.term_ids(e.id, Taxonomy::Category),
            embedded: related.embedded(&e),
            content: ContentResponse {
                blocks: serde_json::from_str(&e.content_blocks).unwrap_or_default(),
                html: e.content_html,
            },
            fields: serde_json::from_str(&e.fields).unwrap_or_default(),
            slug: e.slug,
            title: e.title,
            excerpt: e.excerpt,
            author: e.author_id,
            published_at: utc(e.published_at),
            created_at: utc(e.created_at),
            updated_at: utc(e.updated_at),
        }
    }
}

/// Filters of posts only.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PostFilters {
    /// Tag slugs, comma-separated (any of).
    pub tag: Option<String>,
    /// Category slugs, comma-separated (any of).
    pub category: Option<String>,
}

/// A new post. `slug` is generated from the title when missing; `excerpt` is derived
/// from the content when empty; a future `published_at` schedules a published post.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePostRequest {
    pub title: String,
    pub slug: Option<String>,
    /// Default `draft`.
    pub status: Option<Status>,
    pub excerpt: Option<String>,
    pub content: Option<ContentInput>,
    pub published_at: Option<DateTime<Utc>>,
    /// Tag ids.
    pub tags: Option<Vec<i64>>,
    /// Category ids.
    pub categories: Option<Vec<i64>>,
    /// The author's user id (default: you; only editors may name someone else).
    pub author: Option<i64>,
}

/// Changes to a post: members left out stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdatePostRequest {
    pub title: Option<String>,
    pub slug: Option<String>,
    pub status: Option<Status>,
    /// An empty excerpt goes back to one derived from the content.
    pub excerpt: Option<String>,
    pub content: Option<ContentInput>,
    pub published_at: Option<DateTime<Utc>>,
    pub tags: Option<Vec<i64>>,
    pub categories: Option<Vec<i64>>,
    pub author: Option<i64>,
}

fn terms(tags: Option<Vec<i64>>, categories: Option<Vec<i64>>) -> Vec<(Taxonomy, Vec<i64>)> {
    [(Taxonomy::Tag, tags), (Taxonomy::Category, categories)]
        .into_iter()
        .filter_map(|(t, ids)| ids.map(|ids| (t, ids)))
        .collect()
}

impl From<CreatePostRequest> for EntryInput {
    fn from(r: CreatePostRequest) -> Self {
        EntryInput {
            title: Some(r.title),
            slug: r.slug,
            status: r.status,
            excerpt: r.excerpt,
            content_html: r.content.map(|c| c.html),
            published_at: r.published_at.map(|t| t.naive_utc()),
            author_id: r.author,
            terms: terms(r.tags, r.categories),
        }
    }
}

impl From<UpdatePostRequest> for EntryInput {
    fn from(r: UpdatePostRequest) -> Self {
        EntryInput {
            title: r.title,
            slug: r.slug,
            status: r.status,
            excerpt: r.excerpt,
            content_html: r.content.map(|c| c.html),
            published_at: r.published_at.map(|t| t.naive_utc()),
            author_id: r.author,
            terms: terms(r.tags, r.categories),
        }
    }
}

/// Lists the posts you may see; anonymous readers get published posts only.
#[utoipa::path(
    tag = "posts",
    params(PageParams, EntryParams, PostFilters),
    responses((status = 200, description = "A page of posts", body = List<PostResponse>,
        headers(("Link" = String, description = "RFC 8288 first, prev, next, last"),
                ("X-Total-Count" = i64, description = "Items matching the filters")))),
    security((), ("bearer" = []))
)]
#[get("/posts")]
pub async fn list_posts(
    req: HttpRequest,
    state: State,
    user: MaybeUser,
    page: Query<PageParams>,
    params: Query<EntryParams>,
    filters: Query<PostFilters>,
) -> Result<HttpResponse> {
    let window = page.0.window()?;
    let fields = field_set(params.0.fields.as_deref(), &MEMBERS)?;
    let include = include_set(params.0.include.as_deref(), &INCLUDES)?;
    let mut taxonomies = Vec::new();
    for (taxonomy, raw) in [
        (Taxonomy::Tag, &filters.0.tag),
        (Taxonomy::Category, &filters.0.category),
    ] {
        let slugs = split_list(raw.as_deref());
        if !slugs.is_empty() {
            taxonomies.push((taxonomy, slugs));
        }
    }
    let query = params.0.to_query(KIND, user.viewer(), taxonomies)?;
    let w = window.clone();
    let listed = state
        .read(move |conn| {
            let listed = list::list(conn, &query, &w)?;
            let related = Related::load(conn, &listed.items, include)?;
            Ok(list::Listed {
                items: listed
                    .items
                    .into_iter()
                    .map(|e| PostResponse::new(e, &related))
                    .collect(),
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

/// One post by id.
#[utoipa::path(
    tag = "posts",
    params(("id" = i64, Path, minimum = 1, description = "Post id"), ItemParams),
    responses((status = 200, description = "The post", body = PostResponse)),
    security((), ("bearer" = []))
)]
#[get("/posts/{id}")]
pub async fn get_post(
    state: State,
    user: MaybeUser,
    id: PathId,
    params: Query<ItemParams>,
) -> Result<HttpResponse> {
    let fields = field_set(params.0.fields.as_deref(), &MEMBERS)?;
    let include = include_set(params.0.include.as_deref(), &INCLUDES)?;
    let viewer = user.viewer();
    let post = state
        .read(move |conn| {
            let e = entry::find_visible(conn, KIND, id.0, viewer)?;
            let related = Related::load(conn, std::slice::from_ref(&e), include)?;
            Ok(PostResponse::new(e, &related))
        })
        .await?;
    Ok(item_response(StatusCode::OK, &post, fields.as_deref()))
}

async fn respond_with(state: &State, e: Entry, status: StatusCode) -> Result<HttpResponse> {
    let post = state
        .read(move |conn| {
            let related = Related::load(conn, std::slice::from_ref(&e), Vec::new())?;
            Ok(PostResponse::new(e, &related))
        })
        .await?;
    let mut res = item_response(status, &post, None);
    if status == StatusCode::CREATED {
        let location = format!("{}/api/v1/posts/{}", state.config.public_url, post.id);
        if let Ok(v) = header::HeaderValue::from_str(&location) {
            res.headers_mut().insert(header::LOCATION, v);
        }
    }
    Ok(res)
}

/// Creates a post (any signed-in user; authors write as themselves).
#[utoipa::path(
    tag = "posts",
    request_body = CreatePostRequest,
    responses((status = 201, description = "Created", body = PostResponse,
        headers(("Location" = String, description = "The new post's URL")))),
    security(("bearer" = []))
)]
#[post("/posts")]
pub async fn create_post(
    state: State,
    user: AuthUser,
    body: JsonBody<CreatePostRequest>,
) -> Result<HttpResponse> {
    let viewer = user.viewer();
    let e = state
        .write(move |conn| entry::create(conn, KIND, viewer, body.0.into()))
        .await?;
    respond_with(&state, e, StatusCode::CREATED).await
}

/// Changes a post (editors: any; authors: their own).
#[utoipa::path(
    tag = "posts",
    params(("id" = i64, Path, minimum = 1, description = "Post id")),
    request_body = UpdatePostRequest,
    responses((status = 200, description = "The changed post", body = PostResponse)),
    security(("bearer" = []))
)]
#[patch("/posts/{id}")]
pub async fn update_post(
    state: State,
    user: AuthUser,
    id: PathId,
    body: JsonBody<UpdatePostRequest>,
) -> Result<HttpResponse> {
    let viewer = user.viewer();
    let e = state
        .write(move |conn| entry::update(conn, KIND, viewer, id.0, body.0.into()))
        .await?;
    respond_with(&state, e, StatusCode::OK).await
}

/// Moves a post to the trash, or deletes it for good with `force=true`.
#[utoipa::path(
    tag = "posts",
    params(("id" = i64, Path, minimum = 1, description = "Post id"), DeleteParams),
    responses(
        (status = 200, description = "Trashed", body = PostResponse),
        (status = 204, description = "Deleted for good")),
    security(("bearer" = []))
)]
#[delete("/posts/{id}")]
pub async fn delete_post(
    state: State,
    user: AuthUser,
    id: PathId,
    params: Query<DeleteParams>,
) -> Result<HttpResponse> {
    let viewer = user.viewer();
    let force = params.0.force.unwrap_or(false);
    match state
        .write(move |conn| entry::delete(conn, KIND, viewer, id.0, force))
        .await?
    {
        Some(e) => respond_with(&state, e, StatusCode::OK).await,
        None => Ok(HttpResponse::NoContent().finish()),
    }
}

/// The revisions of a post, newest first (editors and the post's author).
#[utoipa::path(
    tag = "posts",
    params(("id" = i64, Path, minimum = 1, description = "Post id"), PageParams),
    responses((status = 200, description = "Revisions, newest first", body = List<RevisionResponse>)),
    security(("bearer" = []))
)]
#[get("/posts/{id}/revisions")]
pub async fn list_post_revisions(
    req: HttpRequest,
    state: State,
    user: AuthUser,
    id: PathId,
    page: Query<PageParams>,
) -> Result<HttpResponse> {
    let viewer = user.viewer();
    let window = page.0.window()?;
    let w = window.clone();
    let listed = state
        .read(move |conn| revisions::list(conn, KIND, viewer, id.0, &w))
        .await?;
    let listed = list::Listed {
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
