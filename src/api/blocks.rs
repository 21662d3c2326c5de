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

/// Lists the reusable blocks you may see.
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
    pub id: i64,
    /// Its collection: `posts`, `pages`, `resources`, `events` or `blocks`.
    #[serde(rename = "type")]
    pub kind: String,
    pub slug: String,
    pub title: String,
    pub status: Status,
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

/// The items whose content refers to a reusable block, in any status, newest change
/// first (editors only).
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
    get: get_block = "One reusable block by id.",
    create_fn: create_block = "Creates a reusable block (any signed-in user).",
    update_fn: update_block = "Changes a reusable block (editors: any; authors: their own). Every item using it shows the change.",
    delete_fn: delete_block = "Moves a reusable block to the trash (items using it then show nothing in its place), or deletes it for good with `force=true`.",
    revisions_fn: list_block_revisions = "The revisions of a reusable block, newest first (editors and the block's author).",
}
