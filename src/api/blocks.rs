//! `/blocks`: reusable blocks, which other items' block trees include by reference, and
//! where each is used.

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::content::params::{EntryOrderBy, EntryParams, Sort};
use crate::api::content::related::Related;
use crate::api::content::request::{create_request, update_request};
use crate::api::content::wire::{Embedded, EntryCore};
use crate::api::content::{self as shared, KindList, WireKind};
use crate::content::Status;
use crate::content::entry::{Entry, EntryInput};
use crate::content::list::ListOrder;
use crate::content::reusable::{self, ReusableBlocks, Usage};
use crate::error::{Error, Result};
use crate::http::auth::{AuthUser, MaybeUser};
use crate::http::extract::{PathId, Query};
use crate::http::list::{List, PageParams, list_response};
use crate::http::state::State;
use crate::http::wire::utc;

impl WireKind for ReusableBlocks {
    const INCLUDES: &'static [&'static str] = &["author"];
    const MEMBERS: &'static [&'static str] = &[
        "id",
        "slug",
        "status",
        "title",
        "excerpt",
        "content",
        "author",
        "published_at",
        "created_at",
        "updated_at",
        "embedded",
    ];
    type Item = BlockResponse;

    fn item(e: Entry, related: &Related, _: &()) -> BlockResponse {
        BlockResponse {
            embedded: related.embedded(&e),
            core: related.core(e),
        }
    }
}

/// A reusable block. Items that refer to it show its current content; when it is
/// unpublished or trashed, they show nothing in its place to anonymous readers.
#[derive(Debug, Serialize, ToSchema)]
pub struct BlockResponse {
    #[serde(flatten)]
    pub core: EntryCore,
    /// Related objects asked for with `include` (only `author`); absent without it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embedded: Option<Embedded>,
}

create_request! {
    /// A new reusable block.
    CreateBlockRequest {}
}

update_request! {
    /// Changes to a reusable block: members left out stay as they are.
    UpdateBlockRequest {}
}

impl TryFrom<CreateBlockRequest> for (EntryInput, ()) {
    type Error = Error;

    fn try_from(mut r: CreateBlockRequest) -> Result<Self> {
        Ok((r.entry_input()?, ()))
    }
}

impl TryFrom<UpdateBlockRequest> for (EntryInput, ()) {
    type Error = Error;

    fn try_from(mut r: UpdateBlockRequest) -> Result<Self> {
        Ok((r.entry_input()?, ()))
    }
}

/// How reusable blocks may be ordered.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BlockOrderParams {
    /// Sort field (default `published_at`; `relevance` with `search`).
    #[param(
        value_type = Option<String>,
        pattern = "^(published_at|updated_at|title|id|relevance)$"
    )]
    pub orderby: Option<Sort<EntryOrderBy>>,
}

/// List reusable blocks
///
/// Returns a page of reusable blocks in a `{data, meta}` envelope with `Link` and
/// `X-Total-Count` headers, newest `published_at` first (best match first with `search`).
///
/// Anonymous readers, and everyone who names no `status`, get items that are `published`
/// and whose `published_at` has come. With `status` (which needs a token) editors and
/// admins get items in those statuses, authors their own items in them and what is public.
/// Page with `page` and `per_page` (20 by default, at most 100), or with the opaque
/// `cursor` from `meta.next_cursor`; `count=none` leaves the total out.
///
/// `slug` and `author` take comma-separated values (any of). Reusable blocks have no
/// custom fields, so `orderby=field.NAME` is 400.
#[utoipa::path(
    tag = "blocks",
    params(PageParams, EntryParams, BlockOrderParams),
    responses((status = 200, description = "A page of reusable blocks", body = List<BlockResponse>,
        headers(("Link" = String, description = "RFC 8288 first, prev, next, last"),
                ("X-Total-Count" = i64, description = "Items matching the filters")))),
    security((), ("bearer" = []))
)]
#[get("/blocks")]
pub async fn list_blocks(
    req: HttpRequest,
    state: State,
    user: MaybeUser,
    page: Query<PageParams>,
    params: Query<EntryParams>,
    order: Query<BlockOrderParams>,
) -> Result<HttpResponse> {
    let order = order.0.orderby.map(ListOrder::from);
    if matches!(order, Some(ListOrder::Field(_))) {
        return Err(Error::invalid_query(
            "orderby",
            "reusable blocks have no custom fields",
        ));
    }
    let own = KindList {
        terms: Vec::new(),
        order,
        filter: (),
    };
    shared::list_items::<ReusableBlocks>(req, state, user, page.0, params.0, own).await
}

/// An item that uses a reusable block.
#[derive(Debug, Serialize, ToSchema)]
pub struct BlockUsage {
    /// The item's id.
    pub id: i64,
    /// Its collection: `posts`, `pages`, `resources`, `events` or `blocks`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The item's slug.
    pub slug: String,
    /// The item's title.
    pub title: String,
    /// The item's status (any status is listed).
    pub status: Status,
    /// When the item last changed.
    pub updated_at: DateTime<Utc>,
}

impl From<Usage> for BlockUsage {
    fn from(u: Usage) -> Self {
        BlockUsage {
            id: u.id,
            kind: u.kind.collection().to_owned(),
            slug: u.slug,
            title: u.title,
            status: u.status,
            updated_at: utc(u.updated_at),
        }
    }
}

/// List where a reusable block is used
///
/// Returns the items (of any kind, in any status) whose content includes the reusable
/// block, newest item first, in a `{data, meta}` envelope. Only editors and admins may
/// ask (403); an unknown block is 404. Paged with `page` and `per_page`, or with `cursor`.
#[utoipa::path(
    tag = "blocks",
    params(("id" = i64, Path, minimum = 1, description = "Reusable block id"), PageParams),
    responses((status = 200, description = "Items using the block", body = List<BlockUsage>)),
    security(("bearer" = []))
)]
#[get("/blocks/{id}/usages")]
pub async fn list_block_usages(
    req: HttpRequest,
    state: State,
    user: AuthUser,
    id: PathId,
    page: Query<PageParams>,
) -> Result<HttpResponse> {
    let viewer = user.viewer();
    let window = page.0.window()?;
    let w = window.clone();
    let id = id.0;
    let listed = state
        .read(move |conn| reusable::usages(conn, viewer, id, &w))
        .await?;
    Ok(list_response(
        &req,
        &state.config.public_url,
        listed.map(BlockUsage::from),
        &window,
        None,
    ))
}

shared::item_routes! {
    kind: ReusableBlocks,
    tag: "blocks",
    item: BlockResponse,
    create: CreateBlockRequest,
    update: UpdateBlockRequest,
    collection_path: "/blocks",
    item_path: "/blocks/{id}",
    revisions_path: "/blocks/{id}/revisions",
    id: "Reusable block id",
    a: "a reusable block",
    noun: "reusable block",
    get: get_block = "Get a reusable block",
    create_fn: create_block = "Create a reusable block"
        + "Other items include it with a `core/block` block whose `attrs.ref` is its id.",
    update_fn: update_block = "Update a reusable block"
        + "Every item that includes the block shows the change. Content that would make the \
        block include itself, directly or through other blocks, is 422.",
    delete_fn: delete_block = "Delete a reusable block"
        + "Items that include a trashed or unpublished block show nothing in its place to \
        anonymous readers.",
    revisions_fn: list_block_revisions = "List a reusable block's revisions",
}
