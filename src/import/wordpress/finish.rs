//! What needs every item to exist first: page parents and custom-field values, and
//! the recurrence an iCalendar export of the same site adds to its events.

use crate::content::entry::{self, EntryInput};
use crate::content::field_groups::FieldValues;
use crate::content::pages::{PageChanges, Pages};
use crate::content::resources::{ResourceChanges, Resources};
use crate::content::{Kind, html, items};
use crate::db::DbConn;
use crate::events::ical;
use crate::events::{EventChanges, Events};
use crate::import::acf;
use crate::import::{ImportError, Outcome, origins};

use super::Ctx;
use super::item::groups_for;
use super::write::{site_viewer, update_shared};

/// Sets what needed every item to exist: page parents and custom-field values.
pub(super) fn finish(conn: &mut DbConn, ctx: &mut Ctx) -> Result<(), ImportError> {
    for (viewer, id, wp_parent) in std::mem::take(&mut ctx.deferred.parents) {
        let Some(parent) = ctx.maps.entries.get(&wp_parent).copied() else {
            ctx.summary.note(format!(
                "page {id}: its parent {wp_parent} is not in the export"
            ));
            continue;
        };
        let changes = PageChanges::new(Some(Some(parent)), None, None)?;
        items::update::<Pages>(conn, viewer, id, EntryInput::default(), changes)
            .map_err(|err| ImportError::item(format!("page {id}"), err))?;
    }
    let media = ctx.maps.media.clone();
    let entries = ctx.maps.entries.clone();
    let media_fn = |wp: i64| media.get(&wp).copied();
    let entry_fn = |wp: i64| entries.get(&wp).copied();
    let remap = acf::Remap {
        media: &media_fn,
        entry: &entry_fn,
    };
    for (viewer, kind, id, meta) in std::mem::take(&mut ctx.deferred.fields) {
        let groups = groups_for(ctx, kind);
        if groups.is_empty() {
            continue;
        }
        let (values, notes) = acf::values(&groups, &meta, &remap);
        for n in notes {
            ctx.summary.note(format!("{} {id}: {n}", kind.noun()));
        }
        let document = values.get("document").and_then(serde_json::Value::as_i64);
        let input = EntryInput {
            fields: FieldValues::Imported(values),
            ..Default::default()
        };
        // A write is all or nothing: values the groups refuse leave the item as it was.
        if let Err(e) = update_shared(conn, kind, viewer, id, input) {
            ctx.summary.note(format!(
                "{} {id}: custom fields left out: {}",
                kind.noun(),
                e.explain()
            ));
        }
        if kind == Kind::Resource
            && let Some(doc) = document
        {
            let changes = ResourceChanges::checked(None, None, None, None, Some(Some(doc)))?;
            items::update::<Resources>(conn, viewer, id, EntryInput::default(), changes)?;
        }
    }
    Ok(())
}

/// Merges an iCalendar export of the same site: events whose UID names an imported event
/// (`ai1ec-ID@host`) take its times, recurrence, exceptions and venue.
pub(super) fn merge_calendar(
    conn: &mut DbConn,
    ctx: &mut Ctx,
    calendar: &ical::ParsedCalendar,
) -> Result<(), ImportError> {
    for event in &calendar.events {
        let wp_id = event
            .uid
            .strip_prefix("ai1ec-")
            .and_then(|rest| rest.split('@').next())
            .and_then(|id| id.parse::<i64>().ok());
        let Some(id) = wp_id.and_then(|wp| ctx.maps.entries.get(&wp).copied()) else {
            ctx.summary
                .skip("calendar events", "not an event of this export");
            continue;
        };
        let Some(e) = entry::find(conn, Kind::Event, id)? else {
            ctx.summary
                .skip("calendar events", "not an event of this export");
            continue;
        };
        let placed = ical::ParsedEvent {
            line: 0,
            ..event.clone()
        };
        let fp = origins::fingerprint(&[&format!("{placed:?}")]);
        let known = origins::find(conn, &ctx.source, "calendar", &event.uid)?;
        // An event written from the export in this run lost its recurrence: merge again.
        if known.is_some_and(|k| k.fingerprint == fp && k.target_id == id)
            && !ctx.written.contains(&id)
        {
            ctx.summary.count("calendar events", Outcome::Unchanged);
            continue;
        }
        let mut changes = EventChanges::with_schedule(&event.schedule);
        if let Some(v) = crate::import::ics::venue(event) {
            changes.venue = Some(Some(v));
        }
        if let Some(cost) = &event.cost {
            changes.is_free = Some(crate::import::ics::is_free(cost));
            changes.cost = Some(cost.clone());
        }
        if let Some(url) = event
            .tickets_url
            .as_deref()
            .filter(|u| html::check_url(u).is_ok())
        {
            changes.ticket_url = Some(url.to_owned());
        }
        let input = EntryInput {
            fields: FieldValues::Imported(Default::default()),
            ..Default::default()
        };
        items::update::<Events>(conn, site_viewer(ctx), e.id, input, changes).map_err(|err| {
            ImportError::item(format!("--ics {} (line {})", event.uid, event.line), err)
        })?;
        origins::remember(conn, &ctx.source, "calendar", &event.uid, id, &fp)?;
        ctx.summary.count("calendar events", Outcome::Updated);
    }
    Ok(())
}
