//! Pages: a tree (parent, menu order, path lookup) with a template name per page.
//!
//! A page's `path` is the slugs from the top of the tree down (`about/team`). Path lookups
//! only find a page whose ancestors the reader can see and none of which is in the trash;
//! the page itself stays reachable by id. Deleting a page for good hands its children to
//! its own parent.

use std::collections::HashMap;

use diesel::prelude::*;

use crate::content::access::visibility;
use crate::content::entry::Entry;
use crate::content::kind::ContentKind;
use crate::content::list::{EntryQuery, SortKey};
use crate::content::{Kind, Status, Viewer};
use crate::db::DbConn;
use crate::db::schema::{entries, page_details};
use crate::db::sql::{Sql, Value};
use crate::error::{Error, Result};

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

/// A page's own part of a write; `None` leaves a member as it is.
#[derive(Debug, Default)]
pub struct PageChanges {
    parent: Option<Option<i64>>,
    menu_order: Option<i32>,
    template: Option<String>,
}

impl PageChanges {
    /// A change of a page's place and template; `Some(None)` moves it to the top of the
    /// tree. The template is trimmed and may hold at most 200 characters.
    pub fn new(
        parent: Option<Option<i64>>,
        menu_order: Option<i32>,
        template: Option<String>,
    ) -> Result<PageChanges> {
        let template = match template.map(|t| t.trim().to_owned()) {
            Some(t) if t.chars().count() > 200 => {
                return Err(Error::invalid(
                    "template",
                    "must be at most 200 characters long",
                ));
            }
            other => other,
        };
        Ok(PageChanges {
            parent,
            menu_order,
            template,
        })
    }
}

/// Which pages' children to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parent {
    /// Pages at the top of the tree.
    Top,
    Page(i64),
}

/// Filters of pages only.
#[derive(Clone, Debug, Default)]
pub struct PageFilter {
    /// The page at this full path, `about/team`.
    pub path: Option<String>,
    /// Only the children of one of these.
    pub parents: Vec<Parent>,
    /// Not the children of any of these.
    pub not_parents: Vec<Parent>,
}

/// The condition "page `x` is a child of one of `parents`"; never NULL, so that it can be
/// negated.
fn child_of(parents: &[Parent]) -> Sql {
    let pages: Vec<Value> = parents
        .iter()
        .filter_map(|p| match p {
            Parent::Page(id) => Some(Value::Int(*id)),
            Parent::Top => None,
        })
        .collect();
    let top = parents.contains(&Parent::Top);
    let mut c = Sql::new("(");
    if !pages.is_empty() {
        c.push("(x.parent_id IS NOT NULL AND x.parent_id IN ")
            .bind_list(pages)
            .push(")");
        if top {
            c.push(" OR ");
        }
    }
    if top {
        c.push("x.parent_id IS NULL");
    }
    c.push(")");
    c
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
    const DEFAULT_ORDER: SortKey = SortKey::MenuOrder;
    type Details = HashMap<i64, PageDetails>;
    type Changes = PageChanges;
    type Filter = PageFilter;

    fn load_details(conn: &mut DbConn, entries: &[Entry]) -> Result<Self::Details> {
        let ids: Vec<i64> = entries.iter().map(|e| e.id).collect();
        let rows: Vec<PageDetails> = page_details::table
            .filter(page_details::entry_id.eq_any(&ids))
            .select(PageDetails::as_select())
            .load(conn)?;
        Ok(rows.into_iter().map(|d| (d.entry_id, d)).collect())
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

    /// A page under a page the viewer cannot see is hidden with it: its `path`, `link` and
    /// `parent` would name what they may not know of.
    fn readable_in_place(conn: &mut DbConn, entry: &Entry, viewer: Viewer) -> Result<bool> {
        if viewer.edits_all() {
            return Ok(true);
        }
        let now = crate::db::now();
        let mut at = details_of(conn, entry.id)?.and_then(|d| d.parent_id);
        let mut steps = 0;
        while let Some(id) = at {
            let Some(parent) = crate::content::entry::find(conn, Kind::Page, id)? else {
                return Ok(false);
            };
            if !viewer.can_read(parent.status, parent.author_id, parent.published_at, now) {
                return Ok(false);
            }
            at = details_of(conn, id)?.and_then(|d| d.parent_id);
            steps += 1;
            if steps > 100 {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn narrow(query: &mut EntryQuery, filter: PageFilter) {
        query.join = Some(" JOIN page_details x ON x.entry_id = e.id");
        query.sort_int = Some("x.menu_order");
        if !query.viewer.edits_all() {
            // Pages under a page the viewer cannot see (itself or further up), found once
            // per statement: the hidden pages, and every page whose path is below theirs.
            let mut c = Sql::new(
                "e.id NOT IN (SELECT d.entry_id FROM entries he \
                 JOIN page_details hd ON hd.entry_id = he.id \
                 JOIN page_details d ON d.path LIKE hd.path || '/%' \
                 WHERE he.kind = 'page' AND NOT (",
            );
            c.append(&visibility(
                "he",
                query.viewer,
                Some(Status::ALL),
                crate::db::now(),
            ))
            .push("))");
            query.conditions.push(c);
        }
        if let Some(path) = filter.path {
            let path = path.trim_matches('/').to_owned();
            let mut c = Sql::new("x.path = ");
            c.bind(Value::Text(path.clone()));
            // Every ancestor must be visible to the reader and out of the trash.
            c.push(" AND NOT EXISTS (SELECT 1 FROM page_details a JOIN entries ae ON ae.id = a.entry_id WHERE ")
                .bind(Value::Text(path))
                .push(" LIKE a.path || '/%' AND (ae.status = 'trash' OR NOT (")
                .append(&visibility("ae", query.viewer, Some(Status::ALL), crate::db::now()))
                .push(")))");
            query.conditions.push(c);
        }
        if !filter.parents.is_empty() {
            query.conditions.push(child_of(&filter.parents));
        }
        if !filter.not_parents.is_empty() {
            let mut c = Sql::new("NOT ");
            c.append(&child_of(&filter.not_parents));
            query.conditions.push(c);
        }
    }
}
