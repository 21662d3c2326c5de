//! Posts, pages, resources and events: each written through `content::items`, with
//! its kind's own members read from the export.

use std::cell::Cell;

use serde_json::{Map, Value};

use crate::content::entry::{self};
use crate::content::field_groups::FieldValues;
use crate::content::pages::{PageChanges, Pages};
use crate::content::posts::Posts;
use crate::content::resources::{ResourceChanges, Resources};
use crate::content::terms::Taxonomy;
use crate::content::{Kind, Viewer};
use crate::db::DbConn;
use crate::events::{EventChanges, Events, Venue};
use crate::import::acf::{self, MappedGroup};
use crate::import::wxr::Item;
use crate::import::{ImportError, Outcome, origins};

use super::reusable::content;
use super::write::{entry_input, published_at, status_of, viewer_for, write};
use super::{Ctx, PostMeta, fingerprint, label, meta, text};

pub(super) fn terms_of(
    ctx: &Ctx,
    item: &Item,
    wanted: &[(&str, Taxonomy)],
) -> Vec<(Taxonomy, Vec<i64>)> {
    let mut out: Vec<(Taxonomy, Vec<i64>)> = Vec::new();
    for (wp, taxonomy) in wanted {
        let ids: Vec<i64> = item
            .terms
            .iter()
            .filter(|t| t.domain == *wp)
            .filter_map(|t| {
                ctx.maps
                    .terms
                    .get(&(t.domain.clone(), t.slug.clone()))
                    .copied()
            })
            .collect();
        match out.iter_mut().find(|(t, _)| t == taxonomy) {
            Some((_, list)) => list.extend(ids),
            None => out.push((*taxonomy, ids)),
        }
    }
    for (_, ids) in &mut out {
        ids.sort_unstable();
        ids.dedup();
    }
    out
}

pub(super) fn import_item(
    conn: &mut DbConn,
    ctx: &mut Ctx,
    item: &Item,
) -> Result<(), ImportError> {
    if item.comments > 0 {
        for _ in 0..item.comments {
            ctx.summary.skip("comments", "comments are not imported");
        }
    }
    let kind = match item.post_type.as_str() {
        "post" => Kind::Post,
        "page" => Kind::Page,
        "resource" => Kind::Resource,
        "ai1ec_event" => Kind::Event,
        // Imported in the first steps.
        "attachment" | "wp_block" | "acf-field-group" | "acf-field" => return Ok(()),
        other => {
            ctx.summary.skip("other", format!("post type `{other}`"));
            return Ok(());
        }
    };
    let collection = kind.collection();
    let Some(_) = status_of(item) else {
        ctx.summary
            .skip(collection, format!("status `{}`", item.status));
        return Ok(());
    };
    let key = item.post_id.to_string();
    let fp = fingerprint(item);
    let known = origins::find(conn, &ctx.source, "entry", &key)?;
    let existing = known
        .as_ref()
        .map(|k| k.target_id)
        .filter(|id| entry::find(conn, kind, *id).ok().flatten().is_some());
    if let (Some(id), Some(k)) = (existing, &known)
        && k.fingerprint == fp
    {
        ctx.maps.entries.insert(item.post_id, id);
        ctx.summary.count(collection, Outcome::Unchanged);
        return Ok(());
    }
    let viewer = viewer_for(ctx, item);
    let created = existing.is_none();
    let acf_meta: PostMeta = item
        .meta
        .iter()
        .filter(|(k, _)| !k.starts_with("_wp_") && !k.starts_with("_edit_"))
        .cloned()
        .collect();
    // Custom-field values go with the item's one write when every item they refer to is
    // already here; otherwise (or when the groups refuse them) they are set once every
    // item exists.
    let id = match fields_now(ctx, kind, &acf_meta) {
        Some((values, notes)) => {
            let fields = FieldValues::Imported(values);
            match write_item(conn, ctx, kind, item, existing, viewer, fields) {
                Ok(id) => {
                    for n in notes {
                        ctx.summary.note(format!("{} {id}: {n}", kind.noun()));
                    }
                    id
                }
                // Refused with its fields (a group that does not apply to it, say): write
                // it without them, and try them again at the end, where a refusal is noted.
                Err(ImportError::Item { .. }) => {
                    let id =
                        write_item(conn, ctx, kind, item, existing, viewer, Default::default())?;
                    ctx.deferred.fields.push((viewer, kind, id, acf_meta));
                    id
                }
                Err(other) => return Err(other),
            }
        }
        None => {
            let id = write_item(conn, ctx, kind, item, existing, viewer, Default::default())?;
            if !groups_for(ctx, kind).is_empty() {
                ctx.deferred.fields.push((viewer, kind, id, acf_meta));
            }
            id
        }
    };
    ctx.written.insert(id);
    if let Some(at) = super::date(&item.modified_gmt) {
        ctx.deferred.modified.push((id, at));
    }
    origins::remember(conn, &ctx.source, "entry", &key, id, &fp)?;
    ctx.maps.entries.insert(item.post_id, id);
    ctx.summary.count(
        collection,
        if created {
            Outcome::Created
        } else {
            Outcome::Updated
        },
    );
    Ok(())
}

/// The groups of custom fields the site's ACF export attaches to `kind`.
pub(super) fn groups_for(ctx: &Ctx, kind: Kind) -> Vec<MappedGroup> {
    ctx.groups
        .iter()
        .filter(|g| {
            g.location["kinds"]
                .as_array()
                .is_some_and(|k| k.iter().any(|c| c == kind.collection()))
        })
        .cloned()
        .collect()
}

/// The item's custom-field values (and notes on what was left out) when they can be
/// converted now: `None` when its kind has no groups, or when a value names an item that
/// is not imported yet.
fn fields_now(ctx: &Ctx, kind: Kind, meta: &PostMeta) -> Option<(Map<String, Value>, Vec<String>)> {
    let groups = groups_for(ctx, kind);
    if groups.is_empty() {
        return None;
    }
    let missing = Cell::new(false);
    let media_fn = |wp: i64| ctx.maps.media.get(&wp).copied();
    let entry_fn = |wp: i64| {
        let id = ctx.maps.entries.get(&wp).copied();
        missing.set(missing.get() || id.is_none());
        id
    };
    let remap = acf::Remap {
        media: &media_fn,
        entry: &entry_fn,
    };
    let (values, notes) = acf::values(&groups, meta, &remap);
    (!missing.get()).then_some((values, notes))
}

/// Writes the item (created, or updated when it was imported before) with `fields`.
fn write_item(
    conn: &mut DbConn,
    ctx: &mut Ctx,
    kind: Kind,
    item: &Item,
    existing: Option<i64>,
    viewer: Viewer,
    fields: FieldValues,
) -> Result<i64, ImportError> {
    let source = content(ctx, item);
    let mut input = entry_input(ctx, item, source);
    input.fields = fields;
    input.terms = match kind {
        Kind::Post => terms_of(
            ctx,
            item,
            &[
                ("category", Taxonomy::Category),
                ("post_tag", Taxonomy::Tag),
            ],
        ),
        Kind::Resource => terms_of(
            ctx,
            item,
            &[
                ("resource_type", Taxonomy::ResourceType),
                ("post_tag", Taxonomy::Tag),
            ],
        ),
        Kind::Event => terms_of(
            ctx,
            item,
            &[
                ("events_categories", Taxonomy::EventCategory),
                ("events_tags", Taxonomy::Tag),
                ("post_tag", Taxonomy::Tag),
            ],
        ),
        _ => Vec::new(),
    };
    input.featured_media = Some(
        meta(item, "_thumbnail_id")
            .and_then(|v| v.parse::<i64>().ok())
            .and_then(|wp| ctx.maps.media.get(&wp).copied()),
    );
    Ok(match kind {
        Kind::Page => {
            let template = meta(item, "_wp_page_template")
                .filter(|t| *t != "default")
                .map(str::to_owned)
                .unwrap_or_default();
            // A parent imported already is set now; one still to come, at the end.
            let parent = (item.post_parent != 0)
                .then(|| ctx.maps.entries.get(&item.post_parent).copied())
                .flatten();
            let changes =
                PageChanges::new(Some(parent), Some(item.menu_order as i32), Some(template))
                    .map_err(|e| ImportError::item(label(item), e))?;
            let id = write::<Pages>(conn, ctx, viewer, existing, input, changes, item)?;
            if item.post_parent != 0 && parent.is_none() {
                ctx.deferred.parents.push((viewer, id, item.post_parent));
            }
            id
        }
        Kind::Resource => {
            let changes = resource_changes(ctx, item);
            write::<Resources>(conn, ctx, viewer, existing, input, changes, item)?
        }
        Kind::Event => {
            let changes = event_changes(ctx, item);
            write::<Events>(conn, ctx, viewer, existing, input, changes, item)?
        }
        _ => write::<Posts>(conn, ctx, viewer, existing, input, (), item)?,
    })
}

/// A resource's own members, from the post meta the site's "Resource details" group keeps
/// (the same values also arrive as custom fields).
pub(super) fn resource_changes(ctx: &mut Ctx, item: &Item) -> ResourceChanges {
    let document = meta(item, "document")
        .and_then(|v| v.parse::<i64>().ok())
        .and_then(|wp| ctx.maps.media.get(&wp).copied());
    let summary = text(&item.excerpt);
    let publisher = meta(item, "publisher").unwrap_or_default();
    let language = meta(item, "language").unwrap_or_default();
    let url = meta(item, "external_url").unwrap_or_default();
    ResourceChanges::new(&summary, publisher, language, url, document).unwrap_or_else(|e| {
        ctx.summary
            .note(format!("{}: resource details left out: {e}", label(item)));
        ResourceChanges::new(&summary, "", "", "", document).unwrap_or_default()
    })
}

/// An event's times from the meta this site keeps (`start`, `end`, `all_day`, `timezone`,
/// `venue`: the first occurrence, local time); `--ics` adds the recurrence.
pub(super) fn event_changes(ctx: &mut Ctx, item: &Item) -> EventChanges {
    let all_day = meta(item, "all_day").is_some_and(|v| v == "1" || v == "true");
    let start = meta(item, "start").unwrap_or_default();
    let end = meta(item, "end");
    let cut = |t: &str| {
        if all_day {
            t.get(..10).unwrap_or(t).to_owned()
        } else {
            t.to_owned()
        }
    };
    let timezone = meta(item, "timezone").unwrap_or("UTC").to_owned();
    if start.is_empty() {
        ctx.summary.note(format!(
            "{}: no start time in the export; set to its publication date",
            label(item)
        ));
    }
    let starts_at = if start.is_empty() {
        published_at(item, ctx.site_offset)
            .map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string())
            .unwrap_or_else(|| "2000-01-01T00:00:00".into())
    } else {
        cut(start)
    };
    EventChanges {
        timezone: Some(timezone),
        all_day: Some(all_day),
        ends_at: Some(end.map(cut).filter(|e| *e != starts_at)),
        starts_at: Some(starts_at),
        rrule: Some(None),
        rdates: Some(Vec::new()),
        exdates: Some(Vec::new()),
        venue: Some(meta(item, "venue").map(|v| Venue {
            name: text(v),
            ..Venue::default()
        })),
        uid: Some(format!("ai1ec-{}@{}", item.post_id, ctx.host)),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Status;
    use crate::import::wordpress::{Index, date};

    #[test]
    fn statuses_map_as_wordpress_means_them() {
        let item = |status: &str| Item {
            status: status.into(),
            ..Item::default()
        };
        assert_eq!(status_of(&item("publish")), Some(Status::Published));
        assert_eq!(status_of(&item("future")), Some(Status::Published));
        assert_eq!(status_of(&item("private")), Some(Status::Private));
        assert_eq!(status_of(&item("inherit")), None);
        let dated = Item {
            post_date: "2024-03-05 10:30:00".into(),
            post_date_gmt: "0000-00-00 00:00:00".into(),
            ..Item::default()
        };
        assert_eq!(
            published_at(&dated, chrono::Duration::hours(2)),
            date("2024-03-05 08:30:00"),
            "the local date less the site's offset when the GMT one is empty"
        );
        let mut index = Index::default();
        index.offsets.insert(120, 40);
        index.offsets.insert(60, 12);
        assert_eq!(index.site_offset(), chrono::Duration::hours(2));
    }
}
