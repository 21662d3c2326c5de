//! `/pages`: a tree of pages with a template each, found by path or by parent.

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use utoipa::{IntoParams, ToSchema};

use crate::api::content::params::{EntryParams, Sort};
use crate::api::content::related::Related;
use crate::api::content::request::{create_request, update_request};
use crate::api::content::wire::{
    Embedded, EntryCore, PageFields, PageFieldsCreate, PageFieldsUpdate,
};
use crate::api::content::{self as shared, KindList, WireKind};
use crate::content::entry::{Entry, EntryInput};
use crate::content::entry_media::FEATURED;
use crate::content::list::SortKey;
use crate::content::pages::{PageChanges, PageDetails, PageFilter, Pages, Parent};
use crate::error::{Error, Result};
use crate::http::auth::MaybeUser;
use crate::http::extract::Query;
use crate::http::list::{List, PageParams};
use crate::http::state::State;

impl WireKind for Pages {
    const INCLUDES: &'static [&'static str] = &["fields", "author", "featured_media"];
    const MEMBERS: &'static [&'static str] = &[
        "id",
        "slug",
        "status",
        "title",
        "excerpt",
        "content",
        "author",
        "fields",
        "parent",
        "menu_order",
        "template",
        "path",
        "featured_media",
        "published_at",
        "created_at",
        "updated_at",
        "embedded",
    ];
    type Item = PageResponse;

    fn item(e: Entry, related: &Related, details: &Self::Details) -> PageResponse {
        let d: Option<&PageDetails> = details.get(&e.id);
        let path = d.map(|d| d.path.clone()).unwrap_or_else(|| e.slug.clone());
        let link = related.page_link(e.id, &e.slug, &path);
        let featured_media = related.media_id(e.id, FEATURED);
        let embedded = related.embedded(&e);
        let fields = related.fields(e.id);
        let mut core = related.core(e);
        core.link = link;
        PageResponse {
            parent: d.and_then(|d| d.parent_id),
            menu_order: d.map_or(0, |d| d.menu_order),
            template: d.map(|d| d.template.clone()).unwrap_or_default(),
            path,
            featured_media,
            embedded,
            fields,
            core,
        }
    }
}

/// A page.
#[derive(Debug, Serialize, ToSchema)]
pub struct PageResponse {
    #[serde(flatten)]
    pub core: EntryCore,
    /// Custom field values, typed by the field groups that apply (every field is present:
    /// its value, its default, or null).
    #[schema(value_type = PageFields)]
    pub fields: Map<String, Json>,
    /// The parent page, or null at the top of the tree.
    pub parent: Option<i64>,
    /// Position among siblings, lowest first.
    pub menu_order: i32,
    /// A free name a frontend can switch on (empty: the default template).
    pub template: String,
    /// The slugs from the top of the tree down, `about/team` (read-only).
    pub path: String,
    /// The featured image's media id, or null.
    pub featured_media: Option<i64>,
    /// Related objects asked for with `include`; absent without it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embedded: Option<Embedded>,
}

create_request! {
    /// A new page. `slug` comes from the title when missing.
    CreatePageRequest fields PageFieldsCreate {
        /// The parent page's id. Default: none, the page is at the top of the tree.
        pub parent: Option<i64>,
        /// Position among siblings, lowest first. Default: 0.
        pub menu_order: Option<i32>,
        /// A free name a frontend can switch on, trimmed. Default: empty (the default
        /// template).
        #[schema(max_length = 200)]
        pub template: Option<String>,
    }
}

update_request! {
    /// Changes to a page; `parent: null` moves it to the top of the tree.
    UpdatePageRequest fields PageFieldsUpdate {
        /// The parent page's id; null moves the page to the top of the tree.
        #[serde(default, deserialize_with = "crate::http::wire::double_option")]
        #[schema(value_type = Option<i64>)]
        pub parent: Option<Option<i64>>,
        /// Position among siblings, lowest first.
        pub menu_order: Option<i32>,
        /// A free name a frontend can switch on; empty for the default template.
        #[schema(max_length = 200)]
        pub template: Option<String>,
    }
}

impl TryFrom<CreatePageRequest> for (EntryInput, PageChanges) {
    type Error = Error;

    fn try_from(mut r: CreatePageRequest) -> Result<Self> {
        let input = r.entry_input()?;
        let changes = PageChanges::new(Some(r.parent), r.menu_order, r.template)?;
        Ok((input, changes))
    }
}

impl TryFrom<UpdatePageRequest> for (EntryInput, PageChanges) {
    type Error = Error;

    fn try_from(mut r: UpdatePageRequest) -> Result<Self> {
        let input = r.entry_input()?;
        let changes = PageChanges::new(r.parent, r.menu_order, r.template)?;
        Ok((input, changes))
    }
}

/// How a list of pages may be ordered.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageOrderBy {
    /// Position among siblings (the default).
    MenuOrder,
    PublishedAt,
    UpdatedAt,
    Title,
    Id,
    /// Best match first; only with `search` (and its default then).
    Relevance,
}

impl From<PageOrderBy> for SortKey {
    fn from(o: PageOrderBy) -> SortKey {
        match o {
            PageOrderBy::MenuOrder => SortKey::MenuOrder,
            PageOrderBy::PublishedAt => SortKey::PublishedAt,
            PageOrderBy::UpdatedAt => SortKey::UpdatedAt,
            PageOrderBy::Title => SortKey::Title,
            PageOrderBy::Id => SortKey::Id,
            PageOrderBy::Relevance => SortKey::Relevance,
        }
    }
}

/// Filters of pages only.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageFilters {
    /// The page at this full path, `about/team`.
    pub path: Option<String>,
    /// Children of this page; `0` for top-level pages.
    #[param(minimum = 0)]
    pub parent: Option<i64>,
    /// Sort field (default `menu_order`; `relevance` with `search`), or `field.NAME` for a
    /// number, boolean or single-valued text custom field.
    #[param(
        value_type = Option<String>,
        pattern = "^(menu_order|published_at|updated_at|title|id|relevance)$"
    )]
    pub orderby: Option<Sort<PageOrderBy>>,
}

/// List pages
///
/// Returns a page of pages in a `{data, meta}` envelope with `Link` and `X-Total-Count`
/// headers, by `menu_order` (lowest first) unless `orderby` says otherwise. `path` finds
/// the page at a full path (`about/team`); `parent` lists a page's children (`0`: the top
/// of the tree). A page under a page the reader cannot see (a draft, scheduled or trashed
/// section) is hidden with it: its `path`, `link` and `parent` would name that page.
///
/// Anonymous readers, and everyone who names no `status`, get items that are `published`
/// and whose `published_at` has come. With `status` (which needs a token) editors and
/// admins get items in those statuses, authors their own items in them and what is public.
/// Page with `page` and `per_page` (20 by default, at most 100), or with the opaque
/// `cursor` from `meta.next_cursor`; `count=none` leaves the total out.
///
/// `fields` keeps only the named members, `include` embeds related objects, and
/// `field.NAME=value` filters on a custom field. A bad value is 400 naming the parameter.
#[utoipa::path(
    tag = "pages",
    params(PageParams, EntryParams, PageFilters),
    responses((status = 200, description = "A page of pages", body = List<PageResponse>,
        headers(("Link" = String, description = "RFC 8288 first, prev, next, last"),
                ("X-Total-Count" = i64, description = "Items matching the filters")))),
    security((), ("bearer" = []))
)]
#[get("/pages")]
pub async fn list_pages(
    req: HttpRequest,
    state: State,
    user: MaybeUser,
    page: Query<PageParams>,
    params: Query<EntryParams>,
    filters: Query<PageFilters>,
) -> Result<HttpResponse> {
    let f = filters.0;
    let parents = match f.parent {
        Some(p) if p < 0 => return Err(Error::invalid_query("parent", "must be a page id, or 0")),
        Some(0) => vec![Parent::Top],
        Some(p) => vec![Parent::Page(p)],
        None => Vec::new(),
    };
    let own = KindList {
        terms: Vec::new(),
        order: f.orderby.map(Into::into),
        filter: PageFilter {
            path: f.path,
            parents,
            not_parents: Vec::new(),
        },
    };
    shared::list_items::<Pages>(req, state, user, page.0, params.0, own).await
}

shared::item_routes! {
    kind: Pages,
    tag: "pages",
    item: PageResponse,
    create: CreatePageRequest,
    update: UpdatePageRequest,
    collection_path: "/pages",
    item_path: "/pages/{id}",
    revisions_path: "/pages/{id}/revisions",
    id: "Page id",
    a: "a page",
    noun: "page",
    get: get_page = "Get a page"
        + "A page under a page you cannot see (a draft, scheduled or trashed section) is \
        404 too: its `path`, `link` and `parent` would name that page.",
    create_fn: create_page = "Create a page"
        + "`parent` places the page below another page (422 when there is none with that \
        id); its `path` is the parent's path and its own slug.",
    update_fn: update_page = "Update a page"
        + "`parent: null` moves the page to the top of the tree; a page cannot become its own \
        ancestor (422). A new slug or parent changes the `path` of the page and of every \
        page below it.",
    delete_fn: delete_page = "Delete a page"
        + "Deleting a page for good moves its children up to its parent.",
    revisions_fn: list_page_revisions = "List a page's revisions",
}
