//! Pages: a tree (parent, menu order, path lookup) with a template name per page.
//!
//! A page's `path` is the slugs from the top of the tree down (`about/team`). Path lookups
//! only find a page whose ancestors the reader can see and none of which is in the trash;
//! the page itself stays reachable by id. Deleting a page for good hands its children to
//! its own parent.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::content::entry::{Entry, EntryInput};
use crate::content::entry_media::FEATURED;
use crate::content::list::{SortKey, visibility};
use crate::content::{Kind, Status};
use crate::db::DbConn;
use crate::db::schema::{entries, page_details};
use crate::db::sql::{Sql, Value};
use crate::error::{Error, Result};
use crate::http::auth::MaybeUser;
use crate::http::extract::Query;
use crate::http::list::{List, PageParams};
use serde_json::{Map, Value as Json};

use crate::kinds::common::{
    ContentInput, Embedded, EntryCore, EntryParams, PageFields, PageFieldsCreate, PageFieldsUpdate,
    Related, Sort, content_source,
};
use crate::kinds::handlers::{self as h, ContentKind};
use crate::state::State;

pub struct Pages;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = page_details)]
pub struct PageDetails {
    pub entry_id: i64,
    pub parent_id: Option<i64>,
    pub menu_order: i32,
    pub template: String,
    pub path: String,
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
    /// A free name a frontend can switch on (empty: the default).
    pub template: String,
    /// The slugs from the top of the tree down, `about/team` (read-only).
    pub path: String,
    /// The featured image's media id.
    pub featured_media: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embedded: Option<Embedded>,
}

/// A new page. `slug` comes from the title when missing.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePageRequest {
    #[schema(min_length = 1, max_length = 1000, pattern = "\\S")]
    pub title: String,
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 190)]
    pub slug: Option<String>,
    /// Default `draft`.
    pub status: Option<Status>,
    pub excerpt: Option<String>,
    pub content: Option<ContentInput>,
    /// Custom field values, checked against the field groups that apply.
    #[schema(value_type = Option<PageFieldsCreate>)]
    pub fields: Option<Map<String, Json>>,
    pub published_at: Option<DateTime<Utc>>,
    #[schema(minimum = 1)]
    pub author: Option<i64>,
    /// The parent page's id.
    pub parent: Option<i64>,
    pub menu_order: Option<i32>,
    #[schema(max_length = 200)]
    pub template: Option<String>,
    /// The featured image's media id.
    pub featured_media: Option<i64>,
}

/// Changes to a page; `parent: null` moves it to the top of the tree.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdatePageRequest {
    #[schema(min_length = 1, max_length = 1000, pattern = "\\S")]
    pub title: Option<String>,
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 190)]
    pub slug: Option<String>,
    pub status: Option<Status>,
    pub excerpt: Option<String>,
    pub content: Option<ContentInput>,
    /// Custom field values to change (others stay); `null` removes a value.
    #[schema(value_type = Option<PageFieldsUpdate>)]
    pub fields: Option<Map<String, Json>>,
    pub published_at: Option<DateTime<Utc>>,
    #[schema(minimum = 1)]
    pub author: Option<i64>,
    #[serde(default, deserialize_with = "crate::kinds::common::double_option")]
    #[schema(value_type = Option<i64>)]
    pub parent: Option<Option<i64>>,
    pub menu_order: Option<i32>,
    #[schema(max_length = 200)]
    pub template: Option<String>,
    /// The featured image's media id; null removes it.
    #[serde(default, deserialize_with = "crate::kinds::common::double_option")]
    #[schema(value_type = Option<i64>)]
    pub featured_media: Option<Option<i64>>,
}

#[derive(Debug, Default)]
pub struct PageChanges {
    parent: Option<Option<i64>>,
    menu_order: Option<i32>,
    template: Option<String>,
}

impl PageChanges {
    /// A change of a page's place and template (imports); `None` leaves a member as it is.
    pub fn new(
        parent: Option<Option<i64>>,
        menu_order: Option<i32>,
        template: Option<String>,
    ) -> PageChanges {
        PageChanges {
            parent,
            menu_order,
            template,
        }
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

fn check_template(template: Option<String>) -> Result<Option<String>> {
    match template.map(|t| t.trim().to_owned()) {
        Some(t) if t.chars().count() > 200 => Err(Error::invalid(
            "template",
            "must be at most 200 characters long",
        )),
        other => Ok(other),
    }
}

fn details_of(conn: &mut DbConn, id: i64) -> Result<Option<PageDetails>> {
    Ok(page_details::table
        .find(id)
        .select(PageDetails::as_select())
        .first(conn)
        .optional()?)
}

/// Checks a new parent: an existing page that is not the page itself nor below it.
fn check_parent(conn: &mut DbConn, page: i64, parent: i64) -> Result<PageDetails> {
    let bad = |m: String| Error::invalid("parent", m);
    let is_page: Option<i64> = entries::table
        .filter(entries::id.eq(parent))
        .filter(entries::kind.eq(Kind::Page.as_str()))
        .select(entries::id)
        .first(conn)
        .optional()?;
    let details = match (is_page, details_of(conn, parent)?) {
        (Some(_), Some(d)) => d,
        _ => return Err(bad(format!("there is no page with id {parent}"))),
    };
    let mut at = Some(parent);
    let mut steps = 0;
    while let Some(id) = at {
        if id == page {
            return Err(bad("a page cannot be its own ancestor".into()));
        }
        at = details_of(conn, id)?.and_then(|d| d.parent_id);
        steps += 1;
        if steps > 100 {
            return Err(bad("the page tree is too deep".into()));
        }
    }
    Ok(details)
}

fn path_under(parent: Option<&PageDetails>, slug: &str) -> String {
    match parent {
        Some(p) => format!("{}/{slug}", p.path),
        None => slug.to_owned(),
    }
}

/// Moves every page below `old` to below `new`.
fn move_subtree(conn: &mut DbConn, old: &str, new: &str) -> Result<()> {
    if old == new {
        return Ok(());
    }
    let mut sql = Sql::new("UPDATE page_details SET path = ");
    sql.bind(Value::Text(new.to_owned()))
        .push(" || SUBSTR(path, CAST(")
        .bind(Value::Int(old.chars().count() as i64 + 1))
        .push(" AS INTEGER)) WHERE path LIKE ")
        .bind(Value::Text(format!("{old}/%")));
    sql.into_query().execute(conn)?;
    Ok(())
}

impl ContentKind for Pages {
    const KIND: Kind = Kind::Page;
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
    type Details = HashMap<i64, PageDetails>;
    type Changes = PageChanges;

    fn load_details(conn: &mut DbConn, entries: &[Entry]) -> Result<Self::Details> {
        let ids: Vec<i64> = entries.iter().map(|e| e.id).collect();
        let rows: Vec<PageDetails> = page_details::table
            .filter(page_details::entry_id.eq_any(&ids))
            .select(PageDetails::as_select())
            .load(conn)?;
        Ok(rows.into_iter().map(|d| (d.entry_id, d)).collect())
    }

    fn item(e: Entry, related: &Related, details: &Self::Details) -> PageResponse {
        let d = details.get(&e.id);
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

    fn save(conn: &mut DbConn, entry: &Entry, changes: PageChanges, created: bool) -> Result<()> {
        let current = if created {
            None
        } else {
            details_of(conn, entry.id)?
        };
        let parent_id = match changes.parent {
            Some(p) => p,
            None => current.as_ref().and_then(|c| c.parent_id),
        };
        let parent = parent_id
            .map(|p| check_parent(conn, entry.id, p))
            .transpose()?;
        let details = PageDetails {
            entry_id: entry.id,
            parent_id,
            menu_order: changes
                .menu_order
                .or(current.as_ref().map(|c| c.menu_order))
                .unwrap_or(0),
            template: changes
                .template
                .or(current.as_ref().map(|c| c.template.clone()))
                .unwrap_or_default(),
            path: path_under(parent.as_ref(), &entry.slug),
        };
        match current {
            None => {
                diesel::insert_into(page_details::table)
                    .values(&details)
                    .execute(conn)?;
            }
            Some(old) => {
                diesel::update(page_details::table.find(entry.id))
                    .set((
                        page_details::parent_id.eq(details.parent_id),
                        page_details::menu_order.eq(details.menu_order),
                        page_details::template.eq(&details.template),
                        page_details::path.eq(&details.path),
                    ))
                    .execute(conn)?;
                move_subtree(conn, &old.path, &details.path)?;
            }
        }
        Ok(())
    }

    fn before_delete(conn: &mut DbConn, entry: &Entry, force: bool) -> Result<()> {
        if !force {
            return Ok(());
        }
        let Some(gone) = details_of(conn, entry.id)? else {
            return Ok(());
        };
        let grandparent = gone
            .parent_id
            .map(|p| details_of(conn, p))
            .transpose()?
            .flatten();
        let children: Vec<(i64, String)> = page_details::table
            .inner_join(entries::table.on(entries::id.eq(page_details::entry_id)))
            .filter(page_details::parent_id.eq(entry.id))
            .select((page_details::entry_id, entries::slug))
            .load(conn)?;
        for (child, slug) in children {
            let old = path_under(Some(&gone), &slug);
            let new = path_under(grandparent.as_ref(), &slug);
            diesel::update(page_details::table.find(child))
                .set((
                    page_details::parent_id.eq(gone.parent_id),
                    page_details::path.eq(&new),
                ))
                .execute(conn)?;
            move_subtree(conn, &old, &new)?;
        }
        Ok(())
    }
}

impl TryFrom<CreatePageRequest> for (EntryInput, PageChanges) {
    type Error = Error;

    fn try_from(r: CreatePageRequest) -> Result<Self> {
        let input = EntryInput {
            title: Some(r.title),
            slug: r.slug,
            status: r.status,
            excerpt: r.excerpt,
            content: content_source(r.content)?,
            published_at: r.published_at.map(|t| t.naive_utc()),
            author_id: r.author,
            terms: Vec::new(),
            featured_media: r.featured_media.map(Some),
            fields: r.fields,
            sticky: None,
        };
        let changes = PageChanges {
            parent: Some(r.parent),
            menu_order: r.menu_order,
            template: check_template(r.template)?,
        };
        Ok((input, changes))
    }
}

impl TryFrom<UpdatePageRequest> for (EntryInput, PageChanges) {
    type Error = Error;

    fn try_from(r: UpdatePageRequest) -> Result<Self> {
        let input = EntryInput {
            title: r.title,
            slug: r.slug,
            status: r.status,
            excerpt: r.excerpt,
            content: content_source(r.content)?,
            published_at: r.published_at.map(|t| t.naive_utc()),
            author_id: r.author,
            terms: Vec::new(),
            featured_media: r.featured_media,
            fields: r.fields,
            sticky: None,
        };
        let changes = PageChanges {
            parent: r.parent,
            menu_order: r.menu_order,
            template: check_template(r.template)?,
        };
        Ok((input, changes))
    }
}

/// Lists the pages you may see; `path` finds one page by its full path, `parent` lists
/// children (ordered by `menu_order` by default).
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
    let viewer = user.viewer();
    let mut conditions = Vec::new();
    if let Some(path) = &filters.0.path {
        let path = path.trim_matches('/').to_owned();
        let mut c = Sql::new("x.path = ");
        c.bind(Value::Text(path.clone()));
        // Every ancestor must be visible to the reader and out of the trash.
        c.push(" AND NOT EXISTS (SELECT 1 FROM page_details a JOIN entries ae ON ae.id = a.entry_id WHERE ")
            .bind(Value::Text(path))
            .push(" LIKE a.path || '/%' AND (ae.status = 'trash' OR NOT (")
            .append(&visibility("ae", viewer, Some(&Status::ALL), crate::db::now()))
            .push(")))");
        conditions.push(c);
    }
    match filters.0.parent {
        Some(p) if p < 0 => return Err(Error::invalid_query("parent", "must be a page id, or 0")),
        Some(0) => conditions.push(Sql::new("x.parent_id IS NULL")),
        Some(p) => {
            let mut c = Sql::new("x.parent_id = ");
            c.bind(Value::Int(p));
            conditions.push(c);
        }
        None => {}
    }
    let (orderby, sort_field) = Sort::split(filters.0.orderby);
    h::list_items::<Pages>(
        req,
        state,
        user,
        page.0,
        params.0,
        h::KindFilters {
            terms: Vec::new(),
            orderby,
            sort_field,
        },
        move |q| {
            q.join = Some(" JOIN page_details x ON x.entry_id = e.id");
            q.sort_int = Some("x.menu_order");
            q.conditions = conditions;
        },
    )
    .await
}

crate::kinds::handlers::item_routes! {
    kind: Pages,
    tag: "pages",
    item: PageResponse,
    create: CreatePageRequest,
    update: UpdatePageRequest,
    collection_path: "/pages",
    item_path: "/pages/{id}",
    revisions_path: "/pages/{id}/revisions",
    id: "Page id",
    get: get_page = "One page by id.",
    create_fn: create_page = "Creates a page.",
    update_fn: update_page = "Changes a page. A page cannot become its own ancestor (422).",
    delete_fn: delete_page = "Moves a page to the trash, or deletes it for good with `force=true` (its children then move up to its parent).",
    revisions_fn: list_page_revisions = "The revisions of a page, newest first (editors and the page's author).",
}
