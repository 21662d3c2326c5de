//! An item's custom field values: checked against the groups that apply and stored, the
//! `field_values` index and field media kept in step, and the views readers see.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;
use serde_json::{Map, Value};

use super::{FIELD_MEDIA, Groups, Placement};
use crate::content::Kind;
use crate::content::fields::{self, FieldDef, IndexRow};
use crate::db::DbConn;
use crate::db::schema::{entries, entry_media, field_values, media};
use crate::error::{Error, FieldError, Result};

pub(super) fn stored_map(raw: &str) -> Map<String, Value> {
    serde_json::from_str(raw).unwrap_or_default()
}

/// Checks the `fields` of a write against the groups that apply to the item (after its
/// terms and template were saved), stores them, and refreshes the item's index rows.
/// `None` leaves the values as they are. Required fields are enforced on create and
/// whenever `fields` is sent.
/// What a write does with an item's custom field values.
#[derive(Debug, Default)]
pub enum FieldValues {
    /// Keep the stored values (a new item has none); on create, required fields must
    /// then have defaults.
    #[default]
    Keep,
    /// Change the values sent (others stay; `null` removes one); required fields are
    /// enforced.
    Set(Map<String, Value>),
    /// Values from another system (imports): checked, but nothing is required, since the
    /// source may lack values its own rules called required (WordPress enforces them only
    /// in its editor).
    Imported(Map<String, Value>),
}

/// Checks and stores an item's custom field values, and refreshes its index rows (the
/// groups that apply may have changed with its terms or template).
pub fn apply(
    conn: &mut DbConn,
    kind: Kind,
    entry_id: i64,
    values: FieldValues,
    created: bool,
) -> Result<()> {
    match values {
        FieldValues::Keep => apply_values(conn, kind, entry_id, None, created),
        FieldValues::Set(input) => apply_values(conn, kind, entry_id, Some(input), true),
        FieldValues::Imported(input) => apply_values(conn, kind, entry_id, Some(input), false),
    }
}

fn apply_values(
    conn: &mut DbConn,
    kind: Kind,
    entry_id: i64,
    input: Option<Map<String, Value>>,
    check_required: bool,
) -> Result<()> {
    if !Kind::WITH_FIELDS.contains(&kind) {
        if input.as_ref().is_some_and(|m| !m.is_empty()) {
            return Err(Error::invalid(
                "fields",
                format!("a {} has no custom fields", kind.noun()),
            ));
        }
        return Ok(());
    }
    let groups = Groups::for_writes(conn)?;
    if groups.is_empty() && input.as_ref().is_none_or(Map::is_empty) {
        return Ok(());
    }
    let placement = Placement::load(conn, &groups, kind, &[entry_id], None)?;
    let defs = placement.defs(&groups, kind, entry_id);
    let stored_raw: String = entries::table
        .find(entry_id)
        .select(entries::fields)
        .first(conn)?;
    let mut stored = stored_map(&stored_raw);
    if let Some(input) = input {
        let (values, refs) =
            fields::validate_input(&defs, &input, "fields").map_err(Error::Validation)?;
        check_refs(conn, &refs)?;
        for (name, value) in values {
            if value.is_null() {
                stored.remove(&name);
            } else {
                stored.insert(name, value);
            }
        }
        let json = serde_json::to_string(&stored).map_err(Error::internal)?;
        if json != stored_raw {
            diesel::update(entries::table.find(entry_id))
                .set(entries::fields.eq(json))
                .execute(conn)?;
        }
    }
    let view = fields::view(&defs, &stored);
    if check_required {
        let missing = fields::missing_required(&defs, &view, "fields");
        if !missing.is_empty() {
            return Err(Error::Validation(missing));
        }
    }
    write_index(conn, entry_id, &defs, &view)
}

/// Refuses ids of media or items that do not exist or are not of an allowed type.
fn check_refs(conn: &mut DbConn, refs: &fields::Refs) -> Result<()> {
    let mut errors = Vec::new();
    if !refs.media.is_empty() {
        let ids: Vec<i64> = refs.media.iter().map(|m| m.1).collect();
        let found: HashMap<i64, String> = media::table
            .filter(media::id.eq_any(&ids))
            .select((media::id, media::mime_type))
            .load::<(i64, String)>(conn)?
            .into_iter()
            .collect();
        for (path, id, allowed) in &refs.media {
            match found.get(id) {
                None => errors.push(FieldError::new(
                    path,
                    format!("there is no media with id {id}"),
                )),
                Some(mime)
                    if !allowed.is_empty() && !allowed.iter().any(|a| mime_matches(a, mime)) =>
                {
                    errors.push(FieldError::new(
                        path,
                        format!("media {id} is {mime}, not one of {}", allowed.join(", ")),
                    ))
                }
                Some(_) => {}
            }
        }
    }
    if !refs.entries.is_empty() {
        let ids: Vec<i64> = refs.entries.iter().map(|m| m.1).collect();
        let found: HashMap<i64, String> = entries::table
            .filter(entries::id.eq_any(&ids))
            .select((entries::id, entries::kind))
            .load::<(i64, String)>(conn)?
            .into_iter()
            .collect();
        for (path, id, allowed) in &refs.entries {
            let collection = found
                .get(id)
                .and_then(|k| Kind::parse(k))
                .filter(|k| Kind::WITH_FIELDS.contains(k))
                .map(Kind::collection);
            match collection {
                None => errors.push(FieldError::new(
                    path,
                    format!("there is no item with id {id}"),
                )),
                Some(c) if !allowed.is_empty() && !allowed.iter().any(|a| a == c) => {
                    errors.push(FieldError::new(
                        path,
                        format!("item {id} is one of the {c}, not of {}", allowed.join(", ")),
                    ))
                }
                Some(_) => {}
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errors))
    }
}

fn mime_matches(pattern: &str, mime: &str) -> bool {
    match pattern.strip_suffix("/*") {
        Some(prefix) => mime.split('/').next() == Some(prefix),
        None => pattern.eq_ignore_ascii_case(mime),
    }
}

/// Rewrites an item's index rows and the media its fields use.
fn write_index(
    conn: &mut DbConn,
    entry_id: i64,
    defs: &[&FieldDef],
    view: &Map<String, Value>,
) -> Result<()> {
    diesel::delete(field_values::table.filter(field_values::entry_id.eq(entry_id)))
        .execute(conn)?;
    let rows: Vec<IndexRow> = fields::index_rows(defs, view);
    let mut seq: HashMap<&str, i32> = HashMap::new();
    for r in &rows {
        let n = seq.entry(r.name.as_str()).or_insert(0);
        *n += 1;
        diesel::insert_into(field_values::table)
            .values((
                field_values::entry_id.eq(entry_id),
                field_values::name.eq(&r.name),
                field_values::seq.eq(*n),
                field_values::num.eq(r.num),
                field_values::text.eq(r.text.as_deref()),
            ))
            .execute(conn)?;
    }
    diesel::delete(
        entry_media::table
            .filter(entry_media::entry_id.eq(entry_id))
            .filter(entry_media::role.eq(FIELD_MEDIA)),
    )
    .execute(conn)?;
    let media_ids = media_in_view(defs, view);
    if !media_ids.is_empty() {
        // Media deleted for good since the value was stored no longer exist.
        let existing: Vec<i64> = media::table
            .filter(media::id.eq_any(&media_ids))
            .select(media::id)
            .load::<i64>(conn)?;
        for m in existing {
            diesel::insert_into(entry_media::table)
                .values((
                    entry_media::entry_id.eq(entry_id),
                    entry_media::role.eq(FIELD_MEDIA),
                    entry_media::media_id.eq(m),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// The media ids a view's values point to.
pub fn media_in_view(defs: &[&FieldDef], view: &Map<String, Value>) -> Vec<i64> {
    let refs = ids_in_view(defs, view);
    let mut ids: Vec<i64> = refs.media.iter().map(|m| m.1).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The media and item ids a view's values point to.
pub fn ids_in_view(defs: &[&FieldDef], view: &Map<String, Value>) -> fields::Refs {
    fields::collect_refs(defs, view, "fields")
}

/// Recomputes the index rows (and field media) of every item of these kinds, after a
/// group changed. Values stay as stored: only what readers see of them changes.
pub fn reindex(conn: &mut DbConn, kinds: &[Kind]) -> Result<()> {
    let groups = Groups::load(conn)?;
    for &kind in kinds {
        let rows: Vec<(i64, String)> = entries::table
            .filter(entries::kind.eq(kind.as_str()))
            .select((entries::id, entries::fields))
            .load(conn)?;
        let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
        for chunk in ids.chunks(500) {
            let placement = Placement::load(conn, &groups, kind, chunk, None)?;
            for (id, raw) in rows.iter().filter(|r| chunk.contains(&r.0)) {
                let defs = placement.defs(&groups, kind, *id);
                let view = fields::view(&defs, &stored_map(raw));
                write_index(conn, *id, &defs, &view)?;
            }
        }
    }
    Ok(())
}

/// The values readers see for a page of items of one kind, and (with `with_refs`) the
/// media and items they point to.
#[expect(clippy::type_complexity, reason = "two plain maps by entry id")]
pub fn views(
    conn: &mut DbConn,
    kind: Kind,
    items: &[(i64, &str)],
    terms: HashMap<i64, HashSet<i64>>,
    with_refs: bool,
) -> Result<(HashMap<i64, Map<String, Value>>, HashMap<i64, fields::Refs>)> {
    let mut views = HashMap::new();
    let mut refs = HashMap::new();
    if !Kind::WITH_FIELDS.contains(&kind) || items.is_empty() {
        return Ok((views, refs));
    }
    let groups = Groups::load(conn)?;
    if !groups.any_for(kind) {
        return Ok((views, refs));
    }
    let ids: Vec<i64> = items.iter().map(|i| i.0).collect();
    let placement = Placement::load(conn, &groups, kind, &ids, Some(terms))?;
    for (id, raw) in items {
        let defs = placement.defs(&groups, kind, *id);
        if !defs.is_empty() {
            let view = fields::view(&defs, &stored_map(raw));
            if with_refs {
                refs.insert(*id, ids_in_view(&defs, &view));
            }
            views.insert(*id, view);
        }
    }
    Ok((views, refs))
}
