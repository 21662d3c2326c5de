//! How an item of the export becomes a write through `content::items`: its shared
//! members, who writes it, and a new item's free slug.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{Ctx, date, label, text};
use crate::content::body::ContentSource;
use crate::content::entry::EntryInput;
use crate::content::field_groups::FieldValues;
use crate::content::kind::ContentKind;
use crate::content::pages::{PageChanges, Pages};
use crate::content::posts::Posts;
use crate::content::resources::{ResourceChanges, Resources};
use crate::content::reusable::ReusableBlocks;
use crate::content::{Kind, Role, Status, Viewer, items};
use crate::db::DbConn;
use crate::db::schema::entries;
use crate::error::Error;
use crate::events::{EventChanges, Events};
use crate::import::ImportError;
use crate::import::wxr::Item;

pub(super) fn status_of(item: &Item) -> Option<Status> {
    match item.status.as_str() {
        "publish" | "future" => Some(Status::Published),
        "draft" | "auto-draft" => Some(Status::Draft),
        "pending" => Some(Status::Pending),
        "private" => Some(Status::Private),
        "trash" => Some(Status::Trash),
        _ => None,
    }
}

/// The GMT date, or the local date less the site's offset when WordPress left the GMT
/// one empty (drafts).
pub(super) fn published_at(item: &Item, site_offset: chrono::Duration) -> Option<NaiveDateTime> {
    date(&item.post_date_gmt).or_else(|| date(&item.post_date).map(|local| local - site_offset))
}

/// The importer writes on behalf of the site's first author, with an editor's reach,
/// where no item names one.
pub(super) fn site_viewer(ctx: &Ctx) -> Viewer {
    Viewer::User {
        id: ctx.maps.users.values().min().copied().unwrap_or(0),
        role: Role::Admin,
    }
}

pub(super) fn viewer_for(ctx: &Ctx, item: &Item) -> Viewer {
    let id = ctx
        .maps
        .users
        .get(&item.creator)
        .or_else(|| ctx.maps.users.values().next())
        .copied()
        .unwrap_or(0);
    // The importer writes on behalf of the item's author, with an editor's reach.
    Viewer::User {
        id,
        role: Role::Admin,
    }
}

pub(super) fn entry_input(ctx: &Ctx, item: &Item, content: ContentSource) -> EntryInput {
    EntryInput {
        title: Some(
            Some(text(&item.title))
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| "(untitled)".into()),
        ),
        slug: Some(item.post_name.clone())
            .filter(|s| crate::content::slug::Slug::parse("slug", s).is_ok()),
        status: status_of(item),
        excerpt: Some(text(&item.excerpt)).filter(|e| !e.is_empty()),
        content: Some(content),
        published_at: published_at(item, ctx.site_offset),
        author_id: ctx.maps.users.get(&item.creator).copied(),
        sticky: (item.post_type == "post").then_some(item.is_sticky),
        // The values come at the end (`finish`), once every item they may point to
        // exists; until then nothing is required.
        fields: FieldValues::Imported(Default::default()),
        ..Default::default()
    }
}

/// Writes an item through the domain: a change of the item imported before, or a new
/// item (a slug another item of the kind holds gets the WordPress id added).
pub(super) fn write<K: ContentKind>(
    conn: &mut DbConn,
    ctx: &mut Ctx,
    viewer: Viewer,
    existing: Option<i64>,
    mut input: EntryInput,
    changes: K::Changes,
    item: &Item,
) -> Result<i64, ImportError> {
    if let Some(id) = existing {
        return items::update::<K>(conn, viewer, id, input, changes)
            .map(|e| e.id)
            .map_err(|e| ImportError::item(label(item), e));
    }
    if let Some(slug) = &input.slug {
        let taken = entries::table
            .filter(entries::kind.eq(K::KIND))
            .filter(entries::slug.eq(slug))
            .select(entries::id)
            .first::<i64>(conn)
            .optional()
            .map_err(Error::from)?
            .is_some();
        if taken {
            let new = format!("{slug}-{}", item.post_id);
            ctx.summary
                .note(format!("{}: slug `{slug}` taken, now `{new}`", label(item)));
            input.slug = Some(new);
        }
    }
    items::create::<K>(conn, viewer, input, changes)
        .map(|e| e.id)
        .map_err(|e| ImportError::item(label(item), e))
}

/// Changes what every kind shares of an imported item (its kind's own part stays).
pub(super) fn update_shared(
    conn: &mut DbConn,
    kind: Kind,
    viewer: Viewer,
    id: i64,
    input: EntryInput,
) -> Result<(), Error> {
    match kind {
        Kind::Post => items::update::<Posts>(conn, viewer, id, input, ()),
        Kind::Page => items::update::<Pages>(conn, viewer, id, input, PageChanges::default()),
        Kind::Resource => {
            items::update::<Resources>(conn, viewer, id, input, ResourceChanges::default())
        }
        Kind::Event => items::update::<Events>(conn, viewer, id, input, EventChanges::default()),
        Kind::Block => items::update::<ReusableBlocks>(conn, viewer, id, input, ()),
    }
    .map(|_| ())
}
