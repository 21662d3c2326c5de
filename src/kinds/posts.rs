//! Posts: news, analysis and reports, with tags and categories.

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::content::entry::{Entry, EntryInput};
use crate::content::entry_media::FEATURED;
use crate::content::terms::Taxonomy;
use crate::content::{Kind, Status};
use crate::db::DbConn;
use crate::db::sql::Sql;
use crate::error::Result;
use crate::http::auth::MaybeUser;
use crate::http::extract::Query;
use crate::http::list::{List, PageParams, split_list};
use serde_json::{Map, Value as Json};

use crate::kinds::common::{
    ContentInput, Embedded, EntryCore, EntryParams, OrderParams, PostFields, PostFieldsCreate,
    PostFieldsUpdate, Related, Sort, content_source,
};
use crate::kinds::handlers::{self as h, ContentKind};
use crate::state::State;

pub struct Posts;

impl ContentKind for Posts {
    const KIND: Kind = Kind::Post;
    const INCLUDES: &'static [&'static str] =
        &["fields", "tags", "categories", "author", "featured_media"];
    const MEMBERS: &'static [&'static str] = &[
        "id",
        "slug",
        "status",
        "title",
        "excerpt",
        "content",
        "author",
        "tags",
        "categories",
        "featured_media",
        "sticky",
        "fields",
        "published_at",
        "created_at",
        "updated_at",
        "embedded",
    ];
    type Item = PostResponse;
    type Details = ();
    type Changes = ();

    fn load_details(_: &mut DbConn, _: &[Entry]) -> Result<()> {
        Ok(())
    }

    fn item(entry: Entry, related: &Related, _: &()) -> PostResponse {
        PostResponse::new(entry, related)
    }

    fn save(_: &mut DbConn, _: &Entry, _: (), _: bool) -> Result<()> {
        Ok(())
    }

    fn before_delete(_: &mut DbConn, _: &Entry, _: bool) -> Result<()> {
        Ok(())
    }
}

/// A post.
#[derive(Debug, Serialize, ToSchema)]
pub struct PostResponse {
    #[serde(flatten)]
    pub core: EntryCore,
    /// Custom field values, typed by the field groups that apply (every field is present:
    /// its value, its default, or null).
    #[schema(value_type = PostFields)]
    pub fields: Map<String, Json>,
    /// Tag ids.
    pub tags: Vec<i64>,
    /// Category ids.
    pub categories: Vec<i64>,
    /// The featured image's media id.
    pub featured_media: Option<i64>,
    /// Pinned to the top of the front page.
    pub sticky: bool,
    /// Related objects asked for with `include`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embedded: Option<Embedded>,
}

impl PostResponse {
    fn new(e: Entry, related: &Related) -> Self {
        PostResponse {
            tags: related.term_ids(e.id, Taxonomy::Tag),
            categories: related.term_ids(e.id, Taxonomy::Category),
            featured_media: related.media_id(e.id, FEATURED),
            sticky: e.sticky,
            embedded: related.embedded(&e),
            fields: related.fields(e.id),
            core: related.core(e),
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
    /// Only sticky posts (`true`) or only the others (`false`).
    pub sticky: Option<bool>,
}

/// A new post. `slug` is generated from the title when missing; `excerpt` is derived
/// from the content when empty; a future `published_at` schedules a published post.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePostRequest {
    #[schema(min_length = 1, max_length = 1000, pattern = "\\S")]
    pub title: String,
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 190)]
    pub slug: Option<String>,
    /// Default `draft`.
    pub status: Option<Status>,
    pub excerpt: Option<String>,
    pub content: Option<ContentInput>,
    /// Custom field values, checked against the field groups that apply.
    #[schema(value_type = Option<PostFieldsCreate>)]
    pub fields: Option<Map<String, Json>>,
    pub published_at: Option<DateTime<Utc>>,
    /// Tag ids.
    pub tags: Option<Vec<i64>>,
    /// Category ids.
    pub categories: Option<Vec<i64>>,
    /// The author's user id (default: you; only editors may name someone else).
    #[schema(minimum = 1)]
    pub author: Option<i64>,
    /// The featured image's media id.
    pub featured_media: Option<i64>,
    /// Pin to the top of the front page (default `false`).
    pub sticky: Option<bool>,
}

/// Changes to a post: members left out stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdatePostRequest {
    #[schema(min_length = 1, max_length = 1000, pattern = "\\S")]
    pub title: Option<String>,
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 190)]
    pub slug: Option<String>,
    pub status: Option<Status>,
    /// An empty excerpt goes back to one derived from the content.
    pub excerpt: Option<String>,
    pub content: Option<ContentInput>,
    /// Custom field values to change (others stay); `null` removes a value.
    #[schema(value_type = Option<PostFieldsUpdate>)]
    pub fields: Option<Map<String, Json>>,
    pub published_at: Option<DateTime<Utc>>,
    pub tags: Option<Vec<i64>>,
    pub categories: Option<Vec<i64>>,
    #[schema(minimum = 1)]
    pub author: Option<i64>,
    /// The featured image's media id; null removes it.
    #[serde(default, deserialize_with = "crate::kinds::common::double_option")]
    #[schema(value_type = Option<i64>)]
    pub featured_media: Option<Option<i64>>,
    pub sticky: Option<bool>,
}

fn terms(tags: Option<Vec<i64>>, categories: Option<Vec<i64>>) -> Vec<(Taxonomy, Vec<i64>)> {
    [(Taxonomy::Tag, tags), (Taxonomy::Category, categories)]
        .into_iter()
        .filter_map(|(t, ids)| ids.map(|ids| (t, ids)))
        .collect()
}

impl TryFrom<CreatePostRequest> for (EntryInput, ()) {
    type Error = crate::error::Error;

    fn try_from(r: CreatePostRequest) -> Result<Self> {
        Ok((
            EntryInput {
                title: Some(r.title),
                slug: r.slug,
                status: r.status,
                excerpt: r.excerpt,
                content: content_source(r.content)?,
                published_at: r.published_at.map(|t| t.naive_utc()),
                author_id: r.author,
                terms: terms(r.tags, r.categories),
                featured_media: r.featured_media.map(Some),
                fields: r.fields,
                sticky: r.sticky,
            },
            (),
        ))
    }
}

impl TryFrom<UpdatePostRequest> for (EntryInput, ()) {
    type Error = crate::error::Error;

    fn try_from(r: UpdatePostRequest) -> Result<Self> {
        Ok((
            EntryInput {
                title: r.title,
                slug: r.slug,
                status: r.status,
                excerpt: r.excerpt,
                content: content_source(r.content)?,
                published_at: r.published_at.map(|t| t.naive_utc()),
                author_id: r.author,
                terms: terms(r.tags, r.categories),
                featured_media: r.featured_media,
                fields: r.fields,
                sticky: r.sticky,
            },
            (),
        ))
    }
}

/// Lists the posts you may see; anonymous readers get published posts only.
#[utoipa::path(
    tag = "posts",
    params(PageParams, EntryParams, OrderParams, PostFilters),
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
    order: Query<OrderParams>,
    filters: Query<PostFilters>,
) -> Result<HttpResponse> {
    let terms = [
        (Taxonomy::Tag, &filters.0.tag),
        (Taxonomy::Category, &filters.0.category),
    ]
    .into_iter()
    .map(|(t, raw)| (t, split_list(raw.as_deref())))
    .filter(|(_, slugs)| !slugs.is_empty())
    .collect();
    let (orderby, sort_field) = Sort::split(order.0.orderby);
    let sticky = filters.0.sticky;
    h::list_items::<Posts>(
        req,
        state,
        user,
        page.0,
        params.0,
        h::KindFilters {
            terms,
            orderby,
            sort_field,
        },
        move |q| {
            if let Some(sticky) = sticky {
                q.conditions.push(Sql::new(if sticky {
                    "e.sticky = TRUE"
                } else {
                    "e.sticky = FALSE"
                }));
            }
        },
    )
    .await
}

crate::kinds::handlers::item_routes! {
    kind: Posts,
    tag: "posts",
    item: PostResponse,
    create: CreatePostRequest,
    update: UpdatePostRequest,
    collection_path: "/posts",
    item_path: "/posts/{id}",
    revisions_path: "/posts/{id}/revisions",
    id: "Post id",
    get: get_post = "One post by id.",
    create_fn: create_post = "Creates a post (any signed-in user; authors write as themselves).",
    update_fn: update_post = "Changes a post (editors: any; authors: their own).",
    delete_fn: delete_post = "Moves a post to the trash, or deletes it for good with `force=true`.",
    revisions_fn: list_post_revisions = "The revisions of a post, newest first (editors and the post's author).",
}
