//! Values: checking what a client sends, what readers see (with defaults), and the ids that
//! values point to.

use std::collections::HashSet;

use serde_json::{Map, Value, json};

use super::defs::{FieldDef, FieldType};
use super::formats::{choice, date, datetime, email, number, text, time, url, within_length};
use super::{first_wins, index_path, member};
use crate::content::html;
use crate::error::FieldError;

/// What media and content ids the values point to, for the caller to check exist.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Refs {
    /// (path, media id, allowed MIME types: empty = any)
    pub media: Vec<(String, i64, Vec<String>)>,
    /// (path, entry id, allowed collections: empty = any)
    pub entries: Vec<(String, i64, Vec<String>)>,
}

impl Refs {
    pub(super) fn is_empty(&self) -> bool {
        self.media.is_empty() && self.entries.is_empty()
    }
}

/// Validates the members a client sent (a partial write: only these keys; absent fields are
/// not checked for `required` here, but a required field sent empty is an error). Unknown keys
/// are errors. Returns the normalised values (null kept as null, meaning "remove") and the ids
/// to check. When two groups define the same name, the first definition applies.
pub fn validate_input(
    defs: &[&FieldDef],
    input: &Map<String, Value>,
    prefix: &str,
) -> Result<(Map<String, Value>, Refs), Vec<FieldError>> {
    let defs = first_wins(defs);
    let mut out = Map::new();
    let mut refs = Refs::default();
    let mut errors = Vec::new();
    for (key, value) in input {
        let path = member(prefix, key);
        let Some(def) = defs.iter().find(|d| d.name == *key) else {
            errors.push(FieldError::new(
                path,
                "is not a field of this item's field groups",
            ));
            continue;
        };
        if def.required && is_empty(value) {
            errors.push(FieldError::new(path, "is required"));
        } else if value.is_null() {
            out.insert(key.clone(), Value::Null);
        } else if let Some(v) = check_value(def, value, &path, &mut refs, &mut errors) {
            out.insert(key.clone(), v);
        }
    }
    if errors.is_empty() {
        Ok((out, refs))
    } else {
        Err(errors)
    }
}

/// The values as readers see them: every defined field present, with the stored value when it
/// still fits the definition (validation passes), else the default, else null; groups and
/// repeater rows viewed recursively. An empty stored value (`""`, `[]`) counts as none. Stored
/// values that no definition describes are not shown (they stay stored). When two groups define
/// the same name, the first definition applies.
pub fn view(defs: &[&FieldDef], stored: &Map<String, Value>) -> Map<String, Value> {
    first_wins(defs)
        .into_iter()
        .map(|def| (def.name.clone(), view_field(def, stored.get(&def.name))))
        .collect()
}

fn view_members(defs: &[FieldDef], stored: &Map<String, Value>) -> Map<String, Value> {
    defs.iter()
        .map(|def| (def.name.clone(), view_field(def, stored.get(&def.name))))
        .collect()
}

fn view_field(def: &FieldDef, stored: Option<&Value>) -> Value {
    let stored = stored.filter(|v| !is_empty(v));
    match def.field_type {
        // Structured values are viewed member by member, so that one sub-field gone stale
        // after a definition change does not hide its siblings.
        FieldType::Group | FieldType::Repeater => stored
            .and_then(|v| view_structured(def, v))
            .or_else(|| def.default.as_ref().and_then(|d| view_structured(def, d)))
            .unwrap_or(Value::Null),
        _ => stored
            .and_then(|v| {
                let mut errors = Vec::new();
                check_value(def, v, "", &mut Refs::default(), &mut errors)
                    .filter(|_| errors.is_empty())
            })
            .or_else(|| def.default.clone())
            .unwrap_or(Value::Null),
    }
}

fn view_structured(def: &FieldDef, value: &Value) -> Option<Value> {
    match (def.field_type, value) {
        (FieldType::Group, Value::Object(members)) => {
            Some(Value::Object(view_members(def.sub_fields(), members)))
        }
        (FieldType::Repeater, Value::Array(rows)) => Some(Value::Array(
            rows.iter()
                .filter_map(Value::as_object)
                .map(|row| Value::Object(view_members(def.sub_fields(), row)))
                .collect(),
        )),
        _ => None,
    }
}

/// Required top-level fields with no value in a view (null, "" or []), as errors under
/// prefix. When two groups define the same name, the first definition applies.
pub fn missing_required(
    defs: &[&FieldDef],
    view: &Map<String, Value>,
    prefix: &str,
) -> Vec<FieldError> {
    first_wins(defs)
        .into_iter()
        .filter(|def| def.required && view.get(&def.name).is_none_or(is_empty))
        .map(|def| FieldError::new(member(prefix, &def.name), "is required"))
        .collect()
}

/// The media and entry ids that values (such as a view) point to, gathered without judging
/// the values: unlike `validate_input`, a view whose required sub-field has no value, or whose
/// repeater has more rows than its `max` allows since the definition changed, still yields its
/// ids. When two groups define the same name, the first definition applies.
pub fn collect_refs(defs: &[&FieldDef], values: &Map<String, Value>, prefix: &str) -> Refs {
    let mut refs = Refs::default();
    for def in first_wins(defs) {
        if let Some(value) = values.get(&def.name) {
            refs_of(def, value, &member(prefix, &def.name), &mut refs);
        }
    }
    refs
}

fn refs_of(def: &FieldDef, value: &Value, path: &str, refs: &mut Refs) {
    let members = |members: &Map<String, Value>, path: &str, refs: &mut Refs| {
        for sub in def.sub_fields() {
            if let Some(v) = members.get(&sub.name) {
                refs_of(sub, v, &member(path, &sub.name), refs);
            }
        }
    };
    match (def.field_type, value) {
        (FieldType::Media, v) => {
            if let Some(id) = positive_id(v) {
                let types = def.mime_types.clone().unwrap_or_default();
                refs.media.push((path.to_owned(), id, types));
            }
        }
        (FieldType::Relation, Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                if let Some(id) = positive_id(item) {
                    let kinds = def.kinds.clone().unwrap_or_default();
                    refs.entries.push((index_path(path, i), id, kinds));
                }
            }
        }
        (FieldType::Group, Value::Object(m)) => members(m, path, refs),
        (FieldType::Repeater, Value::Array(rows)) => {
            for (i, row) in rows.iter().enumerate() {
                if let Value::Object(m) = row {
                    members(m, &index_path(path, i), refs);
                }
            }
        }
        _ => {}
    }
}

/// "No value": null, a blank string or an empty list. `false` and `0` are values.
pub(super) fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(items) => items.is_empty(),
        _ => false,
    }
}

/// Checks one non-null value; returns it normalised, or `None` after pushing its errors.
pub(super) fn check_value(
    def: &FieldDef,
    value: &Value,
    path: &str,
    refs: &mut Refs,
    errors: &mut Vec<FieldError>,
) -> Option<Value> {
    use FieldType as T;
    let single = match def.field_type {
        T::Text => text(def, value, false).map(Value::String),
        T::Textarea => text(def, value, true).map(Value::String),
        T::RichText => value
            .as_str()
            .map(|s| Value::String(html::sanitize(s.trim())))
            .ok_or_else(|| "must be a string of HTML".to_owned()),
        T::Number => number(def, value),
        T::Boolean => value
            .as_bool()
            .map(Value::Bool)
            .ok_or_else(|| "must be true or false".to_owned()),
        T::Email => email(value)
            .and_then(|s| within_length(def, s))
            .map(Value::String),
        T::Url => url(value)
            .and_then(|s| within_length(def, s))
            .map(Value::String),
        T::Date => date(value).map(Value::String),
        T::Datetime => datetime(value).map(Value::String),
        T::Time => time(value).map(Value::String),
        T::Select if !def.multiple => choice(def, value).map(Value::String),
        T::Select | T::Checkbox => return choice_list(def, value, path, errors),
        T::Media => positive_id(value)
            .map(|id| {
                refs.media.push((
                    path.to_owned(),
                    id,
                    def.mime_types.clone().unwrap_or_default(),
                ));
                Value::from(id)
            })
            .ok_or_else(|| "must be a media id (a positive integer)".to_owned()),
        T::Relation => return relation(def, value, path, refs, errors),
        T::Link => return link(value, path, errors),
        T::Group => {
            return match value.as_object() {
                Some(members) => check_members(
                    def.sub_fields(),
                    members,
                    path,
                    "is not a field of this group",
                    refs,
                    errors,
                )
                .map(Value::Object),
                None => fail(errors, path, "must be an object"),
            };
        }
        T::Repeater => return rows(def, value, path, refs, errors),
    };
    match single {
        Ok(v) => Some(v),
        Err(message) => fail(errors, path, message),
    }
}

fn fail(errors: &mut Vec<FieldError>, path: &str, message: impl Into<String>) -> Option<Value> {
    errors.push(FieldError::new(path, message));
    None
}

fn choice_list(
    def: &FieldDef,
    value: &Value,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Option<Value> {
    let Some(items) = value.as_array() else {
        return fail(errors, path, "must be a list of choice values");
    };
    let before = errors.len();
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match choice(def, item) {
            Ok(v) if !seen.insert(v.clone()) => {
                errors.push(FieldError::new(index_path(path, i), "is listed twice"));
            }
            Ok(v) => out.push(Value::String(v)),
            Err(message) => errors.push(FieldError::new(index_path(path, i), message)),
        }
    }
    (errors.len() == before).then_some(Value::Array(out))
}

fn positive_id(value: &Value) -> Option<i64> {
    value.as_i64().filter(|id| *id > 0)
}

/// Checks the number of items of a list against `min`/`max`. An empty list is "no value",
/// which only `required` forbids.
fn within_count(def: &FieldDef, count: usize, noun: &str) -> Result<(), String> {
    let plural = |n: f64| if n == 1.0 { "" } else { "s" };
    let count = count as f64;
    if count == 0.0 {
        return Ok(());
    }
    if let Some(min) = def.min
        && count < min
    {
        return Err(format!("must have at least {min} {noun}{}", plural(min)));
    }
    if let Some(max) = def.max
        && count > max
    {
        return Err(format!("must have at most {max} {noun}{}", plural(max)));
    }
    Ok(())
}

fn relation(
    def: &FieldDef,
    value: &Value,
    path: &str,
    refs: &mut Refs,
    errors: &mut Vec<FieldError>,
) -> Option<Value> {
    let Some(items) = value.as_array() else {
        return fail(errors, path, "must be a list of entry ids");
    };
    if let Err(message) = within_count(def, items.len(), "item") {
        return fail(errors, path, message);
    }
    let before = errors.len();
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let at = index_path(path, i);
        match positive_id(item) {
            Some(id) if !seen.insert(id) => errors.push(FieldError::new(at, "is listed twice")),
            Some(id) => {
                refs.entries
                    .push((at, id, def.kinds.clone().unwrap_or_default()));
                out.push(Value::from(id));
            }
            None => errors.push(FieldError::new(
                at,
                "must be an entry id (a positive integer)",
            )),
        }
    }
    (errors.len() == before).then_some(Value::Array(out))
}

fn link(value: &Value, path: &str, errors: &mut Vec<FieldError>) -> Option<Value> {
    let Some(members) = value.as_object() else {
        return fail(
            errors,
            path,
            "must be an object with `url` and optionally `title` and `target`",
        );
    };
    let before = errors.len();
    for key in members.keys() {
        if !matches!(key.as_str(), "url" | "title" | "target") {
            errors.push(FieldError::new(
                member(path, key),
                "is not a member of a link",
            ));
        }
    }
    let url = match members.get("url") {
        Some(v) if !is_empty(v) => match url(v) {
            Ok(u) => u,
            Err(message) => return fail(errors, &member(path, "url"), message),
        },
        _ => return fail(errors, &member(path, "url"), "is required"),
    };
    let title = match members.get("title") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.trim().to_owned(),
        Some(_) => return fail(errors, &member(path, "title"), "must be a string"),
    };
    let target = match members.get("target").map(|t| (t, t.as_str())) {
        None => "",
        Some((Value::Null, _)) => "",
        Some((_, Some(t @ ("" | "_blank")))) => t,
        Some(_) => return fail(errors, &member(path, "target"), "must be \"\" or `_blank`"),
    };
    (errors.len() == before).then(|| json!({ "url": url, "title": title, "target": target }))
}

/// Checks an object holding sub-fields: every member defined, required ones present.
/// Members with no value are left out of the result.
fn check_members(
    defs: &[FieldDef],
    members: &Map<String, Value>,
    path: &str,
    unknown: &str,
    refs: &mut Refs,
    errors: &mut Vec<FieldError>,
) -> Option<Map<String, Value>> {
    let before = errors.len();
    for key in members.keys() {
        if !defs.iter().any(|d| d.name == *key) {
            errors.push(FieldError::new(member(path, key), unknown));
        }
    }
    let mut out = Map::new();
    for def in defs {
        let at = member(path, &def.name);
        match members.get(&def.name) {
            v if def.required && v.is_none_or(is_empty) => {
                errors.push(FieldError::new(at, "is required"));
            }
            None | Some(Value::Null) => {}
            Some(v) => {
                if let Some(v) = check_value(def, v, &at, refs, errors) {
                    out.insert(def.name.clone(), v);
                }
            }
        }
    }
    (errors.len() == before).then_some(out)
}

fn rows(
    def: &FieldDef,
    value: &Value,
    path: &str,
    refs: &mut Refs,
    errors: &mut Vec<FieldError>,
) -> Option<Value> {
    let Some(rows) = value.as_array() else {
        return fail(errors, path, "must be a list of rows");
    };
    if let Err(message) = within_count(def, rows.len(), "row") {
        return fail(errors, path, message);
    }
    let before = errors.len();
    let mut out = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let at = index_path(path, i);
        match row.as_object() {
            Some(members) => {
                if let Some(row) = check_members(
                    def.sub_fields(),
                    members,
                    &at,
                    "is not a field of this repeater",
                    refs,
                    errors,
                ) {
                    out.push(Value::Object(row));
                }
            }
            None => errors.push(FieldError::new(at, "must be an object")),
        }
    }
    (errors.len() == before).then_some(Value::Array(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::fields::test_support::{
        all, err, error, errors, input, obj, ok, parse, refs,
    };

    // --- values, type by type ---

    #[test]
    fn rich_text_is_sanitised() {
        let defs = all();
        let v = ok(
            &defs,
            "body",
            json!("<p onclick=\"x()\">Hi<script>alert(1)</script></p>"),
        );
        assert_eq!(v, json!("<p>Hi</p>"));
        assert_eq!(
            error(&defs, "body", json!(["<p>"])),
            err("fields.body", "must be a string of HTML")
        );
    }

    #[test]
    fn booleans_are_true_or_false() {
        let defs = all();
        assert_eq!(ok(&defs, "featured", json!(false)), json!(false));
        assert_eq!(
            error(&defs, "featured", json!("yes")),
            err("fields.featured", "must be true or false")
        );
    }

    #[test]
    fn checkbox_items_are_distinct_choices() {
        let defs = all();
        assert_eq!(
            ok(&defs, "countries", json!(["it", "fr"])),
            json!(["it", "fr"])
        );
        assert_eq!(ok(&defs, "countries", json!([])), json!([]));
        assert_eq!(
            errors(&defs, json!({ "countries": ["fr", "es", "fr", 1] })),
            [
                err("fields.countries[1]", "must be one of `fr`, `de`, `it`"),
                err("fields.countries[2]", "is listed twice"),
                err("fields.countries[3]", "must be one of `fr`, `de`, `it`"),
            ]
        );
        let many: Vec<String> = (0..20).map(|i| format!("c{i}")).collect();
        let defs = parse(json!([{ "name": "c", "type": "select", "choices": many }]));
        assert_eq!(
            error(&defs, "c", json!("x")),
            err("fields.c", "must be one of the field's choices")
        );
    }

    #[test]
    fn media_are_positive_ids_reported_with_their_types() {
        let defs = all();
        let (out, refs) = input(&defs, json!({ "cover": 7 })).expect("valid");
        assert_eq!(out["cover"], json!(7));
        assert_eq!(
            refs.media,
            [("fields.cover".to_owned(), 7, vec!["image/*".to_owned()])]
        );
        for bad in [json!(0), json!(-1), json!(1.5), json!("7")] {
            assert_eq!(
                error(&defs, "cover", bad),
                err("fields.cover", "must be a media id (a positive integer)")
            );
        }
    }

    #[test]
    fn relations_are_distinct_ids_within_bounds() {
        let defs = all();
        let (out, refs) = input(&defs, json!({ "related": [4, 2] })).expect("valid");
        assert_eq!(out["related"], json!([4, 2]));
        let posts = vec!["posts".to_owned()];
        assert_eq!(
            refs.entries,
            [
                ("fields.related[0]".to_owned(), 4, posts.clone()),
                ("fields.related[1]".to_owned(), 2, posts)
            ]
        );
        assert_eq!(
            error(&defs, "related", json!([1, 2, 3])),
            err("fields.related", "must have at most 2 items")
        );
        assert_eq!(
            errors(&defs, json!({ "related": [1, 1] })),
            [err("fields.related[1]", "is listed twice")]
        );
        assert_eq!(
            errors(&defs, json!({ "related": [1, "a"] })),
            [err(
                "fields.related[1]",
                "must be an entry id (a positive integer)"
            )]
        );
        assert_eq!(
            error(&defs, "related", json!(3)),
            err("fields.related", "must be a list of entry ids")
        );
        let defs = parse(json!([{ "name": "r", "type": "relation", "min": 2 }]));
        assert_eq!(
            error(&defs, "r", json!([1])),
            err("fields.r", "must have at least 2 items")
        );
        // An empty list is no value: only `required` refuses it.
        assert_eq!(ok(&defs, "r", json!([])), json!([]));
    }

    #[test]
    fn links_hold_a_url_and_optional_title_and_target() {
        let defs = all();
        assert_eq!(
            ok(
                &defs,
                "cta",
                json!({ "url": "https://example.org", "title": " Go ", "target": "_blank" })
            ),
            json!({ "url": "https://example.org", "title": "Go", "target": "_blank" })
        );
        assert_eq!(
            ok(
                &defs,
                "cta",
                json!({ "url": "https://example.org", "title": null })
            ),
            json!({ "url": "https://example.org", "title": "", "target": "" })
        );
        assert_eq!(
            errors(
                &defs,
                json!({ "cta": { "url": "example.org", "rel": "x" } })
            ),
            [
                err("fields.cta.rel", "is not a member of a link"),
                err("fields.cta.url", "must be an absolute http(s) URL"),
            ]
        );
        assert_eq!(
            errors(&defs, json!({ "cta": { "title": "x" } })),
            [err("fields.cta.url", "is required")]
        );
        assert_eq!(
            errors(
                &defs,
                json!({ "cta": { "url": "https://a.org", "target": "_self" } })
            ),
            [err("fields.cta.target", "must be \"\" or `_blank`")]
        );
        assert_eq!(error(&defs, "cta", json!("https://a.org")).0, "fields.cta");
    }

    #[test]
    fn groups_check_their_members_at_exact_paths() {
        let defs = all();
        let (out, refs) = input(
            &defs,
            json!({ "venue": { "city": " Lyon ", "place": { "lat": 45.7, "map": 3 } } }),
        )
        .expect("valid");
        assert_eq!(
            out["venue"],
            json!({ "city": "Lyon", "place": { "lat": 45.7, "map": 3 } })
        );
        assert_eq!(refs.media[0].0, "fields.venue.place.map");
        assert_eq!(
            errors(
                &defs,
                json!({ "venue": { "city": null, "zip": "1", "place": { "lat": 91, "alt": 2 } } })
            ),
            [
                err("fields.venue.zip", "is not a field of this group"),
                err("fields.venue.city", "is required"),
                err("fields.venue.place.alt", "is not a field of this group"),
                err("fields.venue.place.lat", "must be at most 90"),
            ]
        );
        assert_eq!(
            error(&defs, "venue", json!([])),
            err("fields.venue", "must be an object")
        );
        // Sub-fields sent as null are left out.
        assert_eq!(
            ok(&defs, "venue", json!({ "city": "Lyon", "place": null })),
            json!({ "city": "Lyon" })
        );
    }

    #[test]
    fn repeater_rows_check_their_members_at_exact_paths() {
        let defs = all();
        let (out, refs) = input(
            &defs,
            json!({ "authors": [{ "name": "Ann", "photo": 5 }, { "name": "Bo" }] }),
        )
        .expect("valid");
        assert_eq!(
            out["authors"],
            json!([{ "name": "Ann", "photo": 5 }, { "name": "Bo" }])
        );
        assert_eq!(
            refs.media,
            [("fields.authors[0].photo".to_owned(), 5, vec![])]
        );
        assert_eq!(
            errors(
                &defs,
                json!({ "authors": [{ "name": "Ann" }, "Bo", { "name": " ", "role": "x" }] })
            ),
            [
                err("fields.authors[1]", "must be an object"),
                err("fields.authors[2].role", "is not a field of this repeater"),
                err("fields.authors[2].name", "is required"),
            ]
        );
        assert_eq!(
            error(
                &defs,
                "authors",
                json!([{ "name": "a" }, { "name": "b" }, { "name": "c" }, { "name": "d" }])
            ),
            err("fields.authors", "must have at most 3 rows")
        );
        assert_eq!(
            error(&defs, "authors", json!({ "name": "a" })),
            err("fields.authors", "must be a list of rows")
        );
    }

    #[test]
    fn unknown_top_level_keys_are_refused() {
        let defs = all();
        assert_eq!(
            errors(&defs, json!({ "subtitle": "x", "colour": "red" })),
            [err(
                "fields.colour",
                "is not a field of this item's field groups"
            )]
        );
    }

    #[test]
    fn null_removes_and_required_refuses_empty() {
        let defs = all();
        let (out, refs) = input(&defs, json!({ "subtitle": null, "year": null })).expect("valid");
        assert_eq!(
            Value::Object(out),
            json!({ "subtitle": null, "year": null })
        );
        assert_eq!(refs, Refs::default());
        assert_eq!(
            error(&defs, "featured", Value::Null),
            err("fields.featured", "is required")
        );
        // Partial writes: an absent required field is not checked here.
        input(&defs, json!({ "subtitle": "x" })).expect("valid");
        let defs = parse(json!([
            { "name": "t", "type": "text", "required": true },
            { "name": "c", "type": "checkbox", "required": true, "choices": ["a"] }
        ]));
        assert_eq!(
            errors(&defs, json!({ "t": "  ", "c": [] })),
            [
                err("fields.t", "is required"),
                err("fields.c", "is required")
            ]
        );
    }

    #[test]
    fn the_first_group_defining_a_name_wins() {
        let a = parse(json!([{ "name": "x", "type": "number" }]));
        let b = parse(json!([{ "name": "x", "type": "text" }, { "name": "y", "type": "text" }]));
        let defs = vec![&a[0], &b[0], &b[1]];
        let (out, _) = validate_input(&defs, &obj(json!({ "x": 3 })), "").expect("valid");
        assert_eq!(out["x"], json!(3));
        let errs = validate_input(&defs, &obj(json!({ "x": "a" })), "").expect_err("invalid");
        assert_eq!(errs, [FieldError::new("x", "must be a number")]);
        let viewed = view(&defs, &obj(json!({ "x": 1 })));
        assert_eq!(Value::Object(viewed), json!({ "x": 1, "y": null }));
    }

    // --- views ---

    #[test]
    fn view_shows_every_field_with_defaults_and_nulls() {
        let defs = parse(json!([
            { "name": "title", "type": "text", "default": "Untitled" },
            { "name": "count", "type": "number" },
            { "name": "on", "type": "boolean", "default": true },
            { "name": "venue", "type": "group", "fields": [
                { "name": "city", "type": "text", "default": "Paris" },
                { "name": "zip", "type": "text" }
            ] },
            { "name": "rows", "type": "repeater", "fields": [
                { "name": "a", "type": "text" },
                { "name": "b", "type": "number", "default": 1 }
            ] },
            { "name": "box", "type": "group", "default": { "k": "v" }, "fields": [
                { "name": "k", "type": "text" }
            ] }
        ]));
        let stored = obj(json!({
            "title": "",
            "on": false,
            "venue": { "zip": "69000", "old": "kept in storage" },
            "rows": [{ "a": "x" }, "not a row", { "a": "y", "b": 5 }],
            "gone": "no longer defined"
        }));
        let viewed = view(&refs(&defs), &stored);
        assert_eq!(
            Value::Object(viewed),
            json!({
                "title": "Untitled",
                "count": null,
                "on": false,
                "venue": { "city": "Paris", "zip": "69000" },
                "rows": [{ "a": "x", "b": 1 }, { "a": "y", "b": 5 }],
                "box": { "k": "v" }
            })
        );
    }

    #[test]
    fn a_changed_definition_hides_the_stale_value_without_error() {
        let before = parse(json!([{ "name": "year", "type": "text" }]));
        let (stored, _) = input(&before, json!({ "year": "twenty" })).expect("valid");
        let after = parse(json!([{ "name": "year", "type": "number", "default": 2000 }]));
        assert_eq!(view(&refs(&after), &stored)["year"], json!(2000));
        let after = parse(json!([{ "name": "year", "type": "number" }]));
        assert_eq!(view(&refs(&after), &stored)["year"], Value::Null);
        // Inside a group, only the stale member goes.
        let before = parse(json!([{ "name": "g", "type": "group", "fields": [
            { "name": "a", "type": "text" }, { "name": "b", "type": "text" }
        ] }]));
        let (stored, _) = input(&before, json!({ "g": { "a": "x", "b": "y" } })).expect("valid");
        let after = parse(json!([{ "name": "g", "type": "group", "fields": [
            { "name": "a", "type": "number" }, { "name": "b", "type": "text" }
        ] }]));
        assert_eq!(
            view(&refs(&after), &stored)["g"],
            json!({ "a": null, "b": "y" })
        );
    }

    #[test]
    fn a_valid_view_reads_back_as_valid_input() {
        let defs = all();
        let sent = json!({
            "subtitle": "Hi", "year": 2000, "featured": true, "countries": ["fr"],
            "cover": 2, "related": [3], "cta": { "url": "https://a.org" },
            "venue": { "city": "Lyon" }, "authors": [{ "name": "Ann", "photo": 9 }]
        });
        let (stored, sent_refs) = input(&defs, sent).expect("valid");
        let viewed = view(&refs(&defs), &stored);
        let present: Map<String, Value> = viewed
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let (again, again_refs) =
            validate_input(&refs(&defs), &present, "fields").expect("view is valid input");
        // Members with no value inside groups are simply left out again.
        assert_eq!(again, stored);
        assert_eq!(again_refs, sent_refs);
        let mut collected = collect_refs(&refs(&defs), &viewed, "fields");
        collected.media.sort();
        let mut expected = sent_refs;
        expected.media.sort();
        assert_eq!(collected, expected);
    }

    #[test]
    fn collect_refs_does_not_judge_the_values() {
        let defs = all();
        // A required sub-field added after the value was stored.
        let viewed = obj(json!({
            "venue": { "city": null, "place": { "map": 4 } },
            "authors": [{ "name": null, "photo": 6 }],
            "related": [8]
        }));
        let got = collect_refs(&refs(&defs), &viewed, "fields");
        assert_eq!(
            got.media,
            [
                ("fields.venue.place.map".to_owned(), 4, vec![]),
                ("fields.authors[0].photo".to_owned(), 6, vec![])
            ]
        );
        assert_eq!(
            got.entries,
            [("fields.related[0]".to_owned(), 8, vec!["posts".to_owned()])]
        );
    }

    #[test]
    fn missing_required_lists_empty_required_fields() {
        let defs = parse(json!([
            { "name": "a", "type": "text", "required": true },
            { "name": "b", "type": "checkbox", "required": true, "choices": ["x"] },
            { "name": "c", "type": "boolean", "required": true },
            { "name": "d", "type": "text", "required": true, "default": "x" },
            { "name": "e", "type": "text" }
        ]));
        let viewed = view(&refs(&defs), &obj(json!({ "b": [], "c": false })));
        assert_eq!(
            missing_required(&refs(&defs), &viewed, "fields"),
            [
                FieldError::new("fields.a", "is required"),
                FieldError::new("fields.b", "is required")
            ]
        );
    }
}
