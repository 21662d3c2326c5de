//! Advanced Custom Fields (ACF PRO 6) data from a WXR export, mapped to headpress: the
//! `acf-field-group` and `acf-field` items become field groups (definitions and location),
//! and the post meta ACF keeps on a content item becomes that item's `fields` value.
//!
//! Pure: no database. What cannot be carried over is reported as a note, never an error;
//! only settings that cannot be read at all (bad PHP serialization) stop the import.

mod fields;
mod groups;
mod location;
mod php_values;
#[cfg(test)]
mod testing;
mod values;

use serde_json::{Map, Value};

pub use groups::groups;
pub use values::{Remap, values};

const GROUP_POST_TYPE: &str = "acf-field-group";
const FIELD_POST_TYPE: &str = "acf-field";

/// A field group read from ACF, ready for headpress.
#[derive(Debug, Clone, PartialEq)]
pub struct MappedGroup {
    pub wp_id: i64,
    /// ACF group key, lower-cased, made valid for headpress keys `^[a-z0-9_-]{1,100}$`.
    pub key: String,
    pub title: String,
    pub position: i32,
    pub active: bool,
    /// headpress Location as JSON, with term ids still WordPress term ids (the caller remaps)
    /// under "categories"/"resource_types"/"event_categories", and "templates". ACF 6 names
    /// terms as `taxonomy:slug`: such a rule is kept as that string, for the caller to resolve
    /// like an id. `kinds` is empty when no rule names a headpress collection (noted in
    /// `skipped`): such a group has no place in headpress.
    pub location: Value,
    /// headpress FieldDef JSON list (valid for fields::parse_definitions).
    pub fields: Value,
    /// Fields or settings that could not be carried over, with the reason (e.g. an unsupported
    /// ACF type, a location rule other than post_type/page_template/post_category/post_taxonomy
    /// with ==), and renamed fields.
    pub skipped: Vec<String>,
}

/// Sets `key` when there is a value.
fn put(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(v) = value {
        map.insert(key.to_owned(), v);
    }
}

/// The first `n` characters of an ASCII string.
fn cut(s: &str, n: usize) -> &str {
    &s[..s.len().min(n)]
}
