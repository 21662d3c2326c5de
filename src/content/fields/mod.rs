//! Custom fields, like WordPress ACF field groups: typed definitions, the checking of values
//! against them (with the exact path of every error), what readers see, the scalar values kept
//! in the index for filtering and sorting, and the JSON Schema that documents them.
//!
//! Pure: no database, no HTTP. The caller gathers the definitions of every field group that
//! applies to an item and passes them as one `&[&FieldDef]`; when two groups define the same
//! name, the first one wins everywhere in this module.

mod defs;
mod formats;
mod index;
mod parse;
mod schema;
#[cfg(test)]
mod test_support;
mod values;

use std::collections::HashSet;

pub use defs::{COLLECTIONS, Choice, FieldDef, FieldType, MAX_DEPTH};
pub use index::{INDEX_TEXT_LEN, IndexRow, Scalar, filter_value, index_rows, scalar, sortable};
pub use parse::parse_definitions;
pub use schema::{SchemaMode, json_schema};
pub use values::{Refs, collect_refs, missing_required, validate_input, view};

// Helpers every part uses: private, since a child module sees its parent's private items.

/// The definitions by name, the first one winning when two groups define the same name.
fn first_wins<'a>(defs: &[&'a FieldDef]) -> Vec<&'a FieldDef> {
    let mut seen = HashSet::new();
    defs.iter()
        .copied()
        .filter(|def| seen.insert(def.name.as_str()))
        .collect()
}

fn member(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn index_path(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

fn quoted<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    values
        .into_iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
