//! Reusable blocks: block content that many items include by reference
//! (`{"name": "core/block", "attrs": {"ref": ID}}`), like WordPress's `wp_block`.

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::content::entry::{self, Entry, EntryInput};
use crate::content::paging::{Cursor, Direction, Listed, Paging};
use crate::content::{Kind, Status};
use crate::db::DbConn;
use crate::db::schema::{block_refs, entries};
use crate::error::{Error, Result};
use crate::http::auth::{AuthUser, MaybeUser};
use crate::http::extract::{PathId, Query};
use crate::http::list::{List, PageParams, list_response};
use crate::kinds::common::{
    ContentInput, Embedded, EntryCore, EntryOrderBy, EntryParams, Related, Sort, content_source,
    utc,
};
use crate::kinds::handlers::{self as h, ContentKind};
use crate::state::State;

pub struct Blocks;

impl ContentKind for Blocks {
    const KIND: Kind = Kind::Block;
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
    type Details = ();
    type Changes = ();

    fn load_details(_: &mut DbConn, _: &[Entry]) -> Result<()> {
        Ok(())
    }

    fn item(e: Entry, related: &Related, _: &()) -> BlockResponse {
        BlockResponse {
            embedded: related.embedded(&e),
            core: related.core(e),
        }
    }

    fn save(_: &mut DbConn, _: &Entry, _: (), _: bool) -> Result<()> {
        Ok(())
    }

    fn before_delete(_: &mut DbConn, _: &Entry, _: bool) -> Result<()> {
        Ok(())
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

/// A new reusable block.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateBlockRequest {
    #[schema(min_length = 1, max_length = 1000, pattern = "\\S")]
    pub title: String,
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 190)]
    pub slug: Option<String>,
    /// Default `draft`.
    pub status: Option<Status>,
    pub content: Option<ContentInput>,
    pub published_at: Option<DateTime<Utc>>,
    #[schema(minimum = 1)]
    pub author: Option<i64>,
}

/// Changes to a reusable block: members left out stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateBlockRequest {
    #[schema(min_length = 1, max_length = 1000, pattern = "\\S")]
    pub title: Option<String>,
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 190)]
    pub slug: Option<String>,
    pub status: Option<Status>,
    pub content: Option<ContentInput>,
    pub published_at: Option<DateTime<Utc>>,
    #[schema(minimum = 1)]
    pub author: Option<i64>,
}

impl TryFrom<CreateBlockRequest> for (EntryInput, ()) {
    type Error = Error;

    fn try_from(r: CreateBlockRequest) -> Result<Self> {
        Ok((
            EntryInput {
                title: Some(r.title),
                slug: r.slug,
                status: r.status,
                content: content_source(r.content)?,
                published_at: r.published_at.map(|t| t.naive_utc()),
                author_id: r.author,
                ..EntryInput::default()
            },
            (),
        ))
    }
}

impl TryFrom<UpdateBlockRequest> for (EntryInput, ()) {
    type Error = Error;

    fn try_from(r: UpdateBlockRequest) -> Result<Self> {
        Ok((
            EntryInput {
                title: r.title,
                slug: r.slug,
                status: r.status,
                content: content_source(r.content)?,
                published_at: r.published_at.map(|t| t.naive_utc()),
                author_id: r.author,
                ..EntryInput::default()
            },
            (),
        ))
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
    let (orderby, sort_field) = Sort::split(order.0.orderby);
    if sort_field.is_some() {
        return Err(Error::invalid_query(
            "orderby",
            "reusable blocks have no custom fields",
        ));
    }
    h::list_items::<Blocks>(
        req,
        state,
        user,
        page.0,
        params.0,
        h::KindFilters {
            terms: Vec::new(),
            orderby,
            sort_field: None,
        },
        |_| {},
    )
    .await
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

#[derive(Queryable)]
struct UsageRow {
    id: i64,
    kind: Kind,
    slug: String,
    title: String,
    status: Status,
    updated_at: chrono::NaiveDateTime,
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
    if !viewer.edits_all() {
        return Err(Error::Forbidden(
            "only editors may list where a block is used".into(),
        ));
    }
    let window = page.0.window()?;
    let w = window.clone();
    let id = id.0;
    let listed = state
        .read(move |conn| {
            entry::find_visible(conn, Kind::Block, id, viewer)?;
            let users = block_refs::table
                .filter(block_refs::block_id.eq(id))
                .select(block_refs::entry_id);
            let mut q = entries::table
                .filter(entries::id.eq_any(users))
                .order(entries::id.desc())
                .select((
                    entries::id,
                    entries::kind,
                    entries::slug,
                    entries::title,
                    entries::status,
                    entries::updated_at,
                ))
                .limit(i64::from(w.per_page) + 1)
                .into_boxed();
            match &w.paging {
                Paging::Page(n) => q = q.offset(i64::from(n - 1) * i64::from(w.per_page)),
                Paging::After(c) if c.key == "id" && c.dir == Direction::Desc => {
                    q = q.filter(entries::id.lt(c.id));
                }
                Paging::After(_) => {
                    return Err(Error::invalid_query(
                        "cursor",
                        "is not a cursor of this list",
                    ));
                }
            }
            let mut rows: Vec<UsageRow> = q.load(conn)?;
            let more = rows.len() > w.per_page as usize;
            rows.truncate(w.per_page as usize);
            let next = rows.last().filter(|_| more).map(|r| Cursor {
                key: "id".into(),
                dir: Direction::Desc,
                value: serde_json::json!(r.id),
                id: r.id,
            });
            let total = if w.count {
                Some(
                    block_refs::table
                        .filter(block_refs::block_id.eq(id))
                        .count()
                        .get_result::<i64>(conn)?,
                )
            } else {
                None
            };
            Ok(Listed {
                items: rows
                    .into_iter()
                    .map(|r| BlockUsage {
                        id: r.id,
                        kind: r.kind.collection().to_owned(),
                        slug: r.slug,
                        title: r.title,
                        status: r.status,
                        updated_at: utc(r.updated_at),
                    })
                    .collect::<Vec<_>>(),
                total,
                next,
            })
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

crate::kinds::handlers::item_routes! {
    kind: Blocks,
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
