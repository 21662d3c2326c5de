//! `/posts`: news, analysis and reports, with tags and categories.

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use utoipa::{IntoParams, ToSchema};

use crate::api::content::params::{EntryParams, OrderParams, term_filters};
use crate::api::content::related::Related;
use crate::api::content::request::{create_request, terms, update_request};
use crate::api::content::wire::{
    Embedded, EntryCore, PostFields, PostFieldsCreate, PostFieldsUpdate,
};
use crate::api::content::{self as shared, KindList, WireKind};
use crate::content::entry::{Entry, EntryInput};
use crate::content::entry_media::FEATURED;
use crate::content::posts::{PostFilter, Posts};
use crate::content::terms::Taxonomy;
use crate::error::{Error, Result};
use crate::http::auth::MaybeUser;
use crate::http::extract::Query;
use crate::http::list::{List, PageParams};
use crate::http::state::State;

impl WireKind for Posts {
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

    fn item(e: Entry, related: &Related, _: &()) -> PostResponse {
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
    /// The featured image's media id, or null.
    pub featured_media: Option<i64>,
    /// Pinned to the top of the front page (lists do not sort it first: filter with
    /// `sticky=true`).
    pub sticky: bool,
    /// Related objects asked for with `include`; absent without it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embedded: Option<Embedded>,
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

create_request! {
    /// A new post. `slug` is generated from the title when missing; `excerpt` is derived
    /// from the content when empty; a future `published_at` schedules a published post.
    CreatePostRequest fields PostFieldsCreate {
        /// Tag ids. Default: none.
        pub tags: Option<Vec<i64>>,
        /// Category ids. Default: none.
        pub categories: Option<Vec<i64>>,
        /// Pin to the top of the front page. Default: `false`.
        pub sticky: Option<bool>,
    }
}

update_request! {
    /// Changes to a post: members left out stay as they are.
    UpdatePostRequest fields PostFieldsUpdate {
        /// Tag ids: they replace the post's tags (`[]` removes them all).
        pub tags: Option<Vec<i64>>,
        /// Category ids: they replace the post's categories (`[]` removes them all).
        pub categories: Option<Vec<i64>>,
        /// Pin to the top of the front page.
        pub sticky: Option<bool>,
    }
}

impl TryFrom<CreatePostRequest> for (EntryInput, ()) {
    type Error = Error;

    fn try_from(mut r: CreatePostRequest) -> Result<Self> {
        let mut input = r.entry_input()?;
        input.terms = terms([(Taxonomy::Tag, r.tags), (Taxonomy::Category, r.categories)]);
        input.sticky = r.sticky;
        Ok((input, ()))
    }
}

impl TryFrom<UpdatePostRequest> for (EntryInput, ()) {
    type Error = Error;

    fn try_from(mut r: UpdatePostRequest) -> Result<Self> {
        let mut input = r.entry_input()?;
        input.terms = terms([(Taxonomy::Tag, r.tags), (Taxonomy::Category, r.categories)]);
        input.sticky = r.sticky;
        Ok((input, ()))
    }
}

/// List posts
///
/// Returns a page of posts in a `{data, meta}` envelope with `Link` and `X-Total-Count`
/// headers, newest `published_at` first (best match first with `search`).
///
/// Anonymous readers, and everyone who names no `status`, get items that are `published`
/// and whose `published_at` has come. With `status` (which needs a token) editors and
/// admins get items in those statuses, authors their own items in them and what is public.
/// Page with `page` and `per_page` (20 by default, at most 100), or with the opaque
/// `cursor` from `meta.next_cursor`; `count=none` leaves the total out.
///
/// `tag`, `category`, `slug` and `author` take comma-separated values (any of);
/// `field.NAME=value` filters on a custom field. `fields` keeps only the named members,
/// `include` embeds related objects. An unknown slug or term matches nothing; a bad value
/// is 400 naming the parameter.
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
    let f = filters.0;
    let own = KindList {
        terms: term_filters([
            (Taxonomy::Tag, f.tag.as_deref()),
            (Taxonomy::Category, f.category.as_deref()),
        ]),
        order: order.0.orderby.map(Into::into),
        filter: PostFilter { sticky: f.sticky },
    };
    shared::list_items::<Posts>(req, state, user, page.0, params.0, own).await
}

shared::item_routes! {
    kind: Posts,
    tag: "posts",
    item: PostResponse,
    create: CreatePostRequest,
    update: UpdatePostRequest,
    collection_path: "/posts",
    item_path: "/posts/{id}",
    revisions_path: "/posts/{id}/revisions",
    id: "Post id",
    a: "a post",
    noun: "post",
    get: get_post = "Get a post",
    create_fn: create_post = "Create a post"
        + "`tags` and `categories` take term ids; an id that does not exist is 422.",
    update_fn: update_post = "Update a post"
        + "`tags` or `categories`, when sent, replace the post's terms of that taxonomy; \
        `featured_media: null` removes the featured image.",
    delete_fn: delete_post = "Delete a post",
    revisions_fn: list_post_revisions = "List a post's revisions",
}
