//! Field groups: named sets of typed custom fields and where they apply. Keeps every
//! item's `fields` valid against the groups that apply to it, and the `field_values`
//! index (for filtering and sorting) in step with them.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::content::fields::FieldDef;
use crate::content::{Kind, batch};
use crate::db::DbConn;
use crate::db::schema::{entry_terms, field_groups, page_details};
use crate::error::{FieldError, Result};

mod manage;
mod values;

/// The `entry_media` role of files that custom fields point to (so a file in use by a
/// field cannot be deleted by accident, and its visibility follows the item's).
pub const FIELD_MEDIA: &str = "field";

/// Where a group applies: to items of these kinds, optionally only to those with one of
/// the listed terms or page templates. Every narrowing that is set must match.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// Collections the group applies to: `posts`, `pages`, `resources`, `events` (one or
    /// more).
    #[schema(min_items = 1, value_type = Vec<FieldCollection>)]
    pub kinds: Vec<String>,
    /// Category ids (posts): only items with one of them. Default: no narrowing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<i64>,
    /// Resource type ids (resources): only items with one of them. Default: no narrowing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resource_types: Vec<i64>,
    /// Event category ids (events): only items with one of them. Default: no narrowing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub event_categories: Vec<i64>,
    /// Page templates (pages): only pages with one of them. Default: no narrowing.
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

/// The kinds of content that carry custom fields, by collection name: `posts`, `pages`,
/// `resources`, `events`.
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

    /// The active groups for a write: within a batch (an import), read once and kept
    /// until the batch writes a group.
    pub fn for_writes(conn: &mut DbConn) -> Result<Rc<Groups>> {
        if let Some(groups) = batch::recall::<Groups>() {
            return Ok(groups);
        }
        let groups = Rc::new(Groups::load(conn)?);
        batch::remember(groups.clone());
        Ok(groups)
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

pub use manage::{GroupInput, create, delete, find, list, update};
pub use values::{FieldValues, apply, ids_in_view, media_in_view, reindex, views};
