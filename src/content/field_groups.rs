//! Field groups: named sets of typed custom fields and where they apply. Keeps every
//! item's `fields` valid against the groups that apply to it, and the `field_values`
//! index (for filtering and sorting) in step with them.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::ToSchema;

use crate::content::Kind;
use crate::content::fields::{self, FieldDef, IndexRow};
use crate::db::DbConn;
use crate::db::schema::{
    entries, entry_media, entry_terms, field_groups, field_values, media, page_details,
};
use crate::error::{Error, FieldError, Result};

/// The `entry_media` role of files that custom fields point to (so a file in use by a
/// field cannot be deleted by accident, and its visibility follows the item's).
pub const FIELD_MEDIA: &str = "field";

/// Where a group applies: to items of these kinds, optionally only to those with one of
/// the listed terms or page templates. Every narrowing that is set must match.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// Collections: `posts`, `pages`, `resources`, `events`.
    #[schema(min_items = 1, value_type = Vec<FieldCollection>)]
    pub kinds: Vec<String>,
    /// Category ids (posts): the item has one of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<i64>,
    /// Resource type ids (resources).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resource_types: Vec<i64>,
    /// Event category ids (events).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub event_categories: Vec<i64>,
    /// Page templates (pages).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub templates: Vec<String>,
}

impl Location {
    fn applies_to_kind(&self, kind: Kind) -> bool {
        self.kinds.iter().any(|k| k == kind.collection())
    }

    /// Does it apply to everything of its kinds (no narrowing)?
    pub fn is_broad(&self) -> bool {
        self.categories.is_empty()
            && self.resource_types.is_empty()
            && self.event_categories.is_empty()
            && self.templates.is_empty()
    }

    fn matches(&self, kind: Kind, terms: &HashSet<i64>, template: Option<&str>) -> bool {
        let any = |ids: &[i64]| ids.is_empty() || ids.iter().any(|i| terms.contains(i));
        self.applies_to_kind(kind)
            && any(&self.categories)
            && any(&self.resource_types)
            && any(&self.event_categories)
            && (self.templates.is_empty()
                || template.is_some_and(|t| self.templates.iter().any(|x| x == t)))
    }

    fn check(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.kinds.is_empty() {
            errors.push(FieldError::new(
                "location.kinds",
                "must name at least one kind",
            ));
        }
        for (i, k) in self.kinds.iter().enumerate() {
            if !Kind::WITH_FIELDS.iter().any(|w| w.collection() == k) {
                let names: Vec<&str> = Kind::WITH_FIELDS.iter().map(|k| k.collection()).collect();
                errors.push(FieldError::new(
                    format!("location.kinds[{i}]"),
                    format!("must be one of {}", names.join(", ")),
                ));
            }
        }
        errors
    }
}

/// The kinds of content that carry custom fields, by collection name.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum FieldCollection {
    Posts,
    Pages,
    Resources,
    Events,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = field_groups)]
pub struct GroupRow {
    pub id: i64,
    pub key: String,
    pub title: String,
    pub fields: String,
    pub location: String,
    pub position: i32,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A field group with its definitions parsed.
#[derive(Debug, Clone)]
pub struct Group {
    pub id: i64,
    pub key: String,
    pub title: String,
    pub fields: Vec<FieldDef>,
    pub location: Location,
    pub position: i32,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl From<GroupRow> for Group {
    fn from(r: GroupRow) -> Self {
        Group {
            id: r.id,
            // Stored definitions were checked when written.
            fields: serde_json::from_str(&r.fields).unwrap_or_default(),
            location: serde_json::from_str(&r.location).unwrap_or_default(),
            key: r.key,
            title: r.title,
            position: r.position,
            active: r.active,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// The active groups, in order (`position`, then id): the first group to define a name wins.
#[derive(Debug, Default)]
pub struct Groups(Vec<Group>);

impl Groups {
    pub fn load(conn: &mut DbConn) -> Result<Groups> {
        let rows: Vec<GroupRow> = field_groups::table
            .filter(field_groups::active.eq(true))
            .order((field_groups::position.asc(), field_groups::id.asc()))
            .select(GroupRow::as_select())
            .load(conn)?;
        Ok(Groups(rows.into_iter().map(Group::from).collect()))
    }

    /// Does any group apply to some items of this kind?
    pub fn any_for(&self, kind: Kind) -> bool {
        self.0.iter().any(|g| g.location.applies_to_kind(kind))
    }

    fn needs_template(&self, kind: Kind) -> bool {
        kind == Kind::Page
            && self
                .0
                .iter()
                .any(|g| g.location.applies_to_kind(kind) && !g.location.templates.is_empty())
    }

    /// The fields of the groups that apply to one item.
    pub fn for_item(
        &self,
        kind: Kind,
        terms: &HashSet<i64>,
        template: Option<&str>,
    ) -> Vec<&FieldDef> {
        dedup(
            self.0
                .iter()
                .filter(|g| g.location.matches(kind, terms, template))
                .flat_map(|g| g.fields.iter()),
        )
    }

    /// Every field some item of the kind may have (for filters, sorting and the schema).
    pub fn for_kind(&self, kind: Kind) -> Vec<&FieldDef> {
        dedup(
            self.0
                .iter()
                .filter(|g| g.location.applies_to_kind(kind))
                .flat_map(|g| g.fields.iter()),
        )
    }

    /// The fields of the groups that apply to every item of the kind.
    pub fn broad_for_kind(&self, kind: Kind) -> Vec<&FieldDef> {
        dedup(
            self.0
                .iter()
                .filter(|g| g.location.applies_to_kind(kind) && g.location.is_broad())
                .flat_map(|g| g.fields.iter()),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn dedup<'a>(defs: impl Iterator<Item = &'a FieldDef>) -> Vec<&'a FieldDef> {
    let mut seen = HashSet::new();
    defs.filter(|d| seen.insert(d.name.as_str())).collect()
}

/// What decides which groups apply to items: their term ids and page templates.
pub struct Placement {
    terms: HashMap<i64, HashSet<i64>>,
    templates: HashMap<i64, String>,
}

impl Placement {
    /// Loads the placement of `ids` (one or two queries), or takes the terms the caller
    /// already has.
    pub fn load(
        conn: &mut DbConn,
        groups: &Groups,
        kind: Kind,
        ids: &[i64],
        known_terms: Option<HashMap<i64, HashSet<i64>>>,
    ) -> Result<Placement> {
        let terms = match known_terms {
            Some(t) => t,
            None => {
                let mut map: HashMap<i64, HashSet<i64>> = HashMap::new();
                let rows: Vec<(i64, i64)> = entry_terms::table
                    .filter(entry_terms::entry_id.eq_any(ids))
                    .select((entry_terms::entry_id, entry_terms::term_id))
                    .load(conn)?;
                for (e, t) in rows {
                    map.entry(e).or_default().insert(t);
                }
                map
            }
        };
        let templates = if groups.needs_template(kind) {
            page_details::table
                .filter(page_details::entry_id.eq_any(ids))
                .select((page_details::entry_id, page_details::template))
                .load::<(i64, String)>(conn)?
                .into_iter()
                .collect()
        } else {
            HashMap::new()
        };
        Ok(Placement { terms, templates })
    }

    pub fn defs<'g>(&self, groups: &'g Groups, kind: Kind, id: i64) -> Vec<&'g FieldDef> {
        let empty = HashSet::new();
        groups.for_item(
            kind,
            self.terms.get(&id).unwrap_or(&empty),
            self.templates.get(&id).map(String::as_str),
        )
    }
}

fn stored_map(raw: &str) -> Map<String, Value> {
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
    let groups = Groups::load(conn)?;
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

/// A group as written by a client.
#[derive(Debug)]
pub struct GroupInput {
    pub key: Option<String>,
    pub title: Option<String>,
    pub fields: Option<Value>,
    pub location: Option<Location>,
    pub position: Option<i32>,
    pub active: Option<bool>,
}

fn check_key(key: &str) -> std::result::Result<String, FieldError> {
    let ok = !key.is_empty()
        && key.len() <= 100
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if ok {
        Ok(key.to_owned())
    } else {
        Err(FieldError::new(
            "key",
            "must be 1 to 100 lower-case letters, digits, `_` or `-`",
        ))
    }
}

fn check_title(title: &str) -> std::result::Result<String, FieldError> {
    let t = title.trim();
    if t.is_empty() || t.chars().count() > 200 {
        Err(FieldError::new("title", "must be 1 to 200 characters long"))
    } else {
        Ok(t.to_owned())
    }
}

fn kinds_of(location: &Location) -> Vec<Kind> {
    location
        .kinds
        .iter()
        .filter_map(|k| Kind::from_collection(k))
        .collect()
}

fn key_taken(conn: &mut DbConn, key: &str, except: Option<i64>) -> Result<bool> {
    let mut q = field_groups::table
        .filter(field_groups::key.eq(key))
        .select(field_groups::id)
        .into_boxed();
    if let Some(id) = except {
        q = q.filter(field_groups::id.ne(id));
    }
    Ok(q.first::<i64>(conn).optional()?.is_some())
}

pub fn find(conn: &mut DbConn, id: i64) -> Result<Group> {
    field_groups::table
        .find(id)
        .select(GroupRow::as_select())
        .first(conn)
        .optional()?
        .map(Group::from)
        .ok_or_else(|| Error::not_found(format!("no field group with id {id}")))
}

/// Every group, active or not, in order.
pub fn list(conn: &mut DbConn) -> Result<Vec<Group>> {
    let rows: Vec<GroupRow> = field_groups::table
        .order((field_groups::position.asc(), field_groups::id.asc()))
        .select(GroupRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(Group::from).collect())
}

pub fn create(conn: &mut DbConn, input: GroupInput) -> Result<Group> {
    let mut errors = Vec::new();
    let key = match input.key.as_deref().map(check_key) {
        Some(Ok(k)) => k,
        Some(Err(e)) => {
            errors.push(e);
            String::new()
        }
        None => {
            errors.push(FieldError::new("key", "is required"));
            String::new()
        }
    };
    let title = match input.title.as_deref().map(check_title) {
        Some(Ok(t)) => t,
        Some(Err(e)) => {
            errors.push(e);
            String::new()
        }
        None => {
            errors.push(FieldError::new("title", "is required"));
            String::new()
        }
    };
    let defs = match &input.fields {
        Some(raw) => fields::parse_definitions(raw, "fields").unwrap_or_else(|e| {
            errors.extend(e);
            Vec::new()
        }),
        None => {
            errors.push(FieldError::new("fields", "is required"));
            Vec::new()
        }
    };
    let location = match input.location {
        Some(l) => {
            errors.extend(l.check());
            l
        }
        None => {
            errors.push(FieldError::new("location", "is required"));
            Location::default()
        }
    };
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    if key_taken(conn, &key, None)? {
        return Err(Error::conflict(
            "key",
            format!("another field group has the key `{key}`"),
        ));
    }
    let now = crate::db::now();
    diesel::insert_into(field_groups::table)
        .values((
            field_groups::key.eq(&key),
            field_groups::title.eq(&title),
            field_groups::fields.eq(serde_json::to_string(&defs).map_err(Error::internal)?),
            field_groups::location.eq(serde_json::to_string(&location).map_err(Error::internal)?),
            field_groups::position.eq(input.position.unwrap_or(0)),
            field_groups::active.eq(input.active.unwrap_or(true)),
            field_groups::created_at.eq(now),
            field_groups::updated_at.eq(now),
        ))
        .execute(conn)?;
    let id: i64 = field_groups::table
        .filter(field_groups::key.eq(&key))
        .select(field_groups::id)
        .first(conn)?;
    reindex(conn, &kinds_of(&location))?;
    find(conn, id)
}

pub fn update(conn: &mut DbConn, id: i64, input: GroupInput) -> Result<Group> {
    let current = find(conn, id)?;
    let mut errors = Vec::new();
    let key = input
        .key
        .as_deref()
        .map(check_key)
        .transpose()
        .unwrap_or_else(|e| {
            errors.push(e);
            None
        });
    let title = input
        .title
        .as_deref()
        .map(check_title)
        .transpose()
        .unwrap_or_else(|e| {
            errors.push(e);
            None
        });
    let defs = match &input.fields {
        Some(raw) => match fields::parse_definitions(raw, "fields") {
            Ok(d) => Some(d),
            Err(e) => {
                errors.extend(e);
                None
            }
        },
        None => None,
    };
    if let Some(l) = &input.location {
        errors.extend(l.check());
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    if let Some(k) = &key
        && key_taken(conn, k, Some(id))?
    {
        return Err(Error::conflict(
            "key",
            format!("another field group has the key `{k}`"),
        ));
    }
    let mut kinds = kinds_of(&current.location);
    let target = field_groups::table.find(id);
    if let Some(k) = key {
        diesel::update(target)
            .set(field_groups::key.eq(k))
            .execute(conn)?;
    }
    if let Some(t) = title {
        diesel::update(target)
            .set(field_groups::title.eq(t))
            .execute(conn)?;
    }
    if let Some(d) = defs {
        let json = serde_json::to_string(&d).map_err(Error::internal)?;
        diesel::update(target)
            .set(field_groups::fields.eq(json))
            .execute(conn)?;
    }
    if let Some(l) = input.location {
        kinds.extend(kinds_of(&l));
        let json = serde_json::to_string(&l).map_err(Error::internal)?;
        diesel::update(target)
            .set(field_groups::location.eq(json))
            .execute(conn)?;
    }
    if let Some(p) = input.position {
        diesel::update(target)
            .set(field_groups::position.eq(p))
            .execute(conn)?;
    }
    if let Some(a) = input.active {
        diesel::update(target)
            .set(field_groups::active.eq(a))
            .execute(conn)?;
    }
    diesel::update(target)
        .set(field_groups::updated_at.eq(crate::db::now()))
        .execute(conn)?;
    kinds.sort_by_key(|k| k.as_str());
    kinds.dedup();
    reindex(conn, &kinds)?;
    find(conn, id)
}

/// Deletes a group. Stored values stay with their items (hidden from readers) and come
/// back if a group defines their fields again.
pub fn delete(conn: &mut DbConn, id: i64) -> Result<()> {
    let current = find(conn, id)?;
    diesel::delete(field_groups::table.find(id)).execute(conn)?;
    reindex(conn, &kinds_of(&current.location))
}
