//! Definitions and helpers shared by the unit tests of the parts.

use serde_json::{Map, Value, json};

use super::{FieldDef, Refs, parse_definitions, validate_input};
use crate::error::FieldError;

pub(super) fn parse(raw: Value) -> Vec<FieldDef> {
    parse_definitions(&raw, "fields").expect("valid definitions")
}

pub(super) fn all() -> Vec<FieldDef> {
    parse(json!([
        { "name": "subtitle", "type": "text", "max_length": 10 },
        { "name": "summary", "type": "textarea" },
        { "name": "body", "type": "rich_text" },
        { "name": "year", "type": "number", "min": 1900, "max": 2100, "step": 1 },
        { "name": "featured", "type": "boolean", "required": true },
        { "name": "contact", "type": "email" },
        { "name": "website", "type": "url" },
        { "name": "day", "type": "date" },
        { "name": "starts", "type": "datetime" },
        { "name": "opens", "type": "time" },
        { "name": "language", "type": "select", "choices": ["en", "fr"] },
        { "name": "topics", "type": "select", "multiple": true,
          "choices": [{ "value": "health", "label": "Health" }, { "value": "work" }] },
        { "name": "countries", "type": "checkbox", "choices": ["fr", "de", "it"] },
        { "name": "cover", "type": "media", "mime_types": ["image/*"] },
        { "name": "related", "type": "relation", "kinds": ["posts"], "max": 2 },
        { "name": "cta", "type": "link" },
        { "name": "venue", "type": "group", "fields": [
            { "name": "city", "type": "text", "required": true },
            { "name": "place", "type": "group", "fields": [
                { "name": "lat", "type": "number", "min": -90, "max": 90 },
                { "name": "map", "type": "media" }
            ] }
        ] },
        { "name": "authors", "type": "repeater", "max": 3, "fields": [
            { "name": "name", "type": "text", "required": true },
            { "name": "photo", "type": "media" }
        ] }
    ]))
}

pub(super) fn refs(defs: &[FieldDef]) -> Vec<&FieldDef> {
    defs.iter().collect()
}

pub(super) fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        other => panic!("not an object: {other}"),
    }
}

pub(super) fn input(
    defs: &[FieldDef],
    v: Value,
) -> Result<(Map<String, Value>, Refs), Vec<FieldError>> {
    validate_input(&refs(defs), &obj(v), "fields")
}

/// The normalised value of the one member sent.
pub(super) fn ok(defs: &[FieldDef], name: &str, v: Value) -> Value {
    let (out, _) = input(defs, json!({ name: v })).expect("valid input");
    out.get(name).cloned().expect("member kept")
}

pub(super) fn errors(defs: &[FieldDef], v: Value) -> Vec<(String, String)> {
    input(defs, v)
        .expect_err("invalid input")
        .into_iter()
        .map(|e| (e.field, e.message))
        .collect()
}

pub(super) fn error(defs: &[FieldDef], name: &str, v: Value) -> (String, String) {
    let mut errs = errors(defs, json!({ name: v }));
    assert_eq!(errs.len(), 1, "{errs:?}");
    errs.remove(0)
}

pub(super) fn err(path: &str, message: &str) -> (String, String) {
    (path.to_owned(), message.to_owned())
}

pub(super) fn def<'a>(defs: &'a [FieldDef], name: &str) -> &'a FieldDef {
    defs.iter().find(|d| d.name == name).expect("defined")
}
