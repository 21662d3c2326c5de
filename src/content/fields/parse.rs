//! Reading field definitions from JSON and checking every rule: names, options that fit
//! the type, choices, MIME types, nesting, and defaults that are valid values.

use std::collections::HashSet;

use serde_json::Value;

use super::defs::{COLLECTIONS, Choice, FieldDef, FieldType, MAX_DEPTH};
use super::values::{Refs, check_value, is_empty};
use super::{index_path, member, quoted};
use crate::error::FieldError;

/// Reads field definitions (a JSON list) and checks every rule; errors name the path under
/// `prefix`, such as `fields[2].choices[1].value`. Labels left out become the name, choices are
/// completed to objects, MIME types lower-cased and defaults normalised like values.
pub fn parse_definitions(raw: &Value, prefix: &str) -> Result<Vec<FieldDef>, Vec<FieldError>> {
    let mut defs: Vec<FieldDef> =
        serde_path_to_error::deserialize(raw).map_err(|e| vec![serde_error(&e, prefix)])?;
    let mut errors = Vec::new();
    check_defs(&mut defs, prefix, 0, &mut errors);
    if errors.is_empty() {
        Ok(defs)
    } else {
        Err(errors)
    }
}

fn serde_error(e: &serde_path_to_error::Error<serde_json::Error>, prefix: &str) -> FieldError {
    use serde_path_to_error::Segment;
    let mut path = e
        .path()
        .iter()
        .fold(prefix.to_owned(), |path, segment| match segment {
            Segment::Seq { index } => index_path(&path, *index),
            Segment::Map { key } | Segment::Enum { variant: key } => member(&path, key),
            Segment::Unknown => path,
        });
    let message = e.inner().to_string();
    // An unknown member is mostly reported at its own path, but at the object holding it
    // when met through `Choice`'s own map visitor; point at the member in both cases.
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((key, _)) = rest.split_once('`')
        && !(path == key || path.ends_with(&format!(".{key}")))
    {
        path = member(&path, key);
    }
    FieldError::new(path, message)
}

fn check_defs(defs: &mut [FieldDef], path: &str, depth: usize, errors: &mut Vec<FieldError>) {
    let mut seen = HashSet::new();
    for (i, def) in defs.iter_mut().enumerate() {
        let at = index_path(path, i);
        let before = errors.len();
        if !valid_name(&def.name) {
            errors.push(FieldError::new(
                member(&at, "name"),
                "must start with a lower-case letter and have at most 64 lower-case letters, \
                 digits and `_`",
            ));
        } else if !seen.insert(def.name.clone()) {
            errors.push(FieldError::new(
                member(&at, "name"),
                format!("`{}` is already the name of another field here", def.name),
            ));
        }
        def.label = def.label.trim().to_owned();
        if def.label.is_empty() {
            def.label = def.name.clone();
        }
        check_options(def, &at, depth, errors);
        // A default is checked by the field's own rules, which mean nothing while they are
        // themselves broken.
        if errors.len() == before {
            check_default(def, &at, errors);
        }
    }
}

fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && name.len() <= 64
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn check_options(def: &mut FieldDef, at: &str, depth: usize, errors: &mut Vec<FieldError>) {
    use FieldType as T;
    let t = def.field_type;
    let options = [
        (
            "min",
            def.min.is_some() && !matches!(t, T::Number | T::Relation | T::Repeater),
        ),
        (
            "max",
            def.max.is_some() && !matches!(t, T::Number | T::Relation | T::Repeater),
        ),
        ("step", def.step.is_some() && t != T::Number),
        (
            "max_length",
            def.max_length.is_some() && !matches!(t, T::Text | T::Textarea | T::Email | T::Url),
        ),
        (
            "choices",
            def.choices.is_some() && !matches!(t, T::Select | T::Checkbox),
        ),
        ("multiple", def.multiple && t != T::Select),
        ("mime_types", def.mime_types.is_some() && t != T::Media),
        ("kinds", def.kinds.is_some() && t != T::Relation),
        (
            "fields",
            def.fields.is_some() && !matches!(t, T::Group | T::Repeater),
        ),
    ];
    for (option, misplaced) in options {
        if misplaced {
            errors.push(FieldError::new(
                member(at, option),
                format!("does not apply to a `{}` field", t.as_str()),
            ));
        }
    }

    if matches!(t, T::Relation | T::Repeater) {
        for (option, bound) in [("min", def.min), ("max", def.max)] {
            if bound.is_some_and(|b| b < 0.0 || b.fract() != 0.0 || b > f64::from(u32::MAX)) {
                errors.push(FieldError::new(
                    member(at, option),
                    "must be a whole number of at least 0",
                ));
            }
        }
    }
    if let (Some(min), Some(max)) = (def.min, def.max)
        && min > max
    {
        errors.push(FieldError::new(
            member(at, "max"),
            format!("must be at least `min` ({min})"),
        ));
    }
    if def.step.is_some_and(|s| s <= 0.0) {
        errors.push(FieldError::new(
            member(at, "step"),
            "must be greater than 0",
        ));
    }
    if def.max_length == Some(0) {
        errors.push(FieldError::new(
            member(at, "max_length"),
            "must be at least 1",
        ));
    }

    match t {
        T::Select | T::Checkbox => check_choices(def.choices(), at, errors),
        T::Media => {
            if let Some(types) = &mut def.mime_types {
                check_mime_types(types, at, errors);
            }
        }
        T::Relation => {
            if let Some(kinds) = &def.kinds {
                check_kinds(kinds, at, errors);
            }
        }
        T::Group | T::Repeater => match &mut def.fields {
            Some(fields) if !fields.is_empty() => {
                if depth >= MAX_DEPTH {
                    errors.push(FieldError::new(
                        member(at, "fields"),
                        format!("nests too deeply: sub-fields go at most {MAX_DEPTH} levels down"),
                    ));
                } else {
                    check_defs(fields, &member(at, "fields"), depth + 1, errors);
                }
            }
            _ => errors.push(FieldError::new(
                member(at, "fields"),
                "must list at least one field",
            )),
        },
        _ => {}
    }
}

fn check_choices(choices: &[Choice], at: &str, errors: &mut Vec<FieldError>) {
    if choices.is_empty() {
        errors.push(FieldError::new(
            member(at, "choices"),
            "must list at least one choice",
        ));
        return;
    }
    let mut seen = HashSet::new();
    for (j, choice) in choices.iter().enumerate() {
        let path = member(&index_path(&member(at, "choices"), j), "value");
        if choice.value.trim().is_empty() {
            errors.push(FieldError::new(path, "must not be empty"));
        } else if !seen.insert(choice.value.as_str()) {
            errors.push(FieldError::new(
                path,
                format!("`{}` is already a choice", choice.value),
            ));
        }
    }
}

fn check_mime_types(types: &mut [String], at: &str, errors: &mut Vec<FieldError>) {
    // An empty list would read as "nothing allowed" here but "any" in `Refs`.
    if types.is_empty() {
        errors.push(FieldError::new(
            member(at, "mime_types"),
            "must list at least one MIME type, or be left out to allow any",
        ));
    }
    for (j, mime) in types.iter_mut().enumerate() {
        *mime = mime.trim().to_ascii_lowercase();
        if !valid_mime_pattern(mime) {
            errors.push(FieldError::new(
                index_path(&member(at, "mime_types"), j),
                "must be a MIME type such as `image/png` or `image/*`",
            ));
        }
    }
}

fn valid_mime_pattern(mime: &str) -> bool {
    let token = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$&^_.+-".contains(c))
    };
    mime.split_once('/')
        .is_some_and(|(kind, sub)| token(kind) && (sub == "*" || token(sub)))
}

fn check_kinds(kinds: &[String], at: &str, errors: &mut Vec<FieldError>) {
    if kinds.is_empty() {
        errors.push(FieldError::new(
            member(at, "kinds"),
            "must list at least one collection, or be left out to allow any",
        ));
    }
    for (j, kind) in kinds.iter().enumerate() {
        if !COLLECTIONS.contains(&kind.as_str()) {
            errors.push(FieldError::new(
                index_path(&member(at, "kinds"), j),
                format!("must be one of {}", quoted(COLLECTIONS)),
            ));
        }
    }
}

fn check_default(def: &mut FieldDef, at: &str, errors: &mut Vec<FieldError>) {
    let Some(default) = def.default.take() else {
        return;
    };
    let path = member(at, "default");
    // An empty default would read exactly like no value at all, which can only mislead.
    if is_empty(&default) {
        errors.push(FieldError::new(
            path,
            "must not be empty: leave it out instead",
        ));
        return;
    }
    if matches!(def.field_type, FieldType::Media | FieldType::Relation) {
        errors.push(FieldError::new(
            path,
            "is not allowed on media and relation fields: ids differ between sites",
        ));
        return;
    }
    let mut refs = Refs::default();
    let before = errors.len();
    let normalised = check_value(def, &default, &path, &mut refs, errors);
    if errors.len() > before {
        return;
    }
    if !refs.is_empty() {
        errors.push(FieldError::new(
            path,
            "must not hold media or relation values: ids differ between sites",
        ));
        return;
    }
    def.default = normalised;
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::content::fields::test_support::{all, def, err, parse};

    fn parse_errors(raw: Value) -> Vec<(String, String)> {
        parse_definitions(&raw, "fields")
            .expect_err("invalid definitions")
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect()
    }

    #[test]
    fn labels_default_to_names_and_choices_to_objects() {
        let defs = all();
        assert_eq!(def(&defs, "subtitle").label, "subtitle");
        assert_eq!(
            def(&defs, "language").choices(),
            [
                Choice {
                    value: "en".into(),
                    label: "en".into()
                },
                Choice {
                    value: "fr".into(),
                    label: "fr".into()
                }
            ]
        );
        assert_eq!(def(&defs, "topics").choices()[0].label, "Health");
        assert_eq!(def(&defs, "topics").choices()[1].label, "work");
        let written = serde_json::to_value(def(&defs, "language")).expect("serialises");
        assert_eq!(
            written["choices"],
            json!([{ "value": "en", "label": "en" }, { "value": "fr", "label": "fr" }])
        );
        // Written definitions read back unchanged.
        let again = parse(serde_json::to_value(&defs).expect("serialises"));
        assert_eq!(again, defs);
    }

    #[test]
    fn definitions_must_deserialise() {
        assert_eq!(
            parse_errors(json!([{ "name": "a", "type": "colour" }]))[0].0,
            "fields[0].type"
        );
        let errs = parse_errors(json!([{ "name": "a", "type": "text", "maxlength": 3 }]));
        assert_eq!(errs[0].0, "fields[0].maxlength");
        assert!(
            errs[0].1.starts_with("unknown field `maxlength`"),
            "{errs:?}"
        );
        let errs = parse_errors(json!([
            { "name": "a", "type": "select", "choices": ["x", { "value": "y", "colour": 1 }] }
        ]));
        assert_eq!(errs[0].0, "fields[0].choices[1].colour");
        let errs = parse_errors(json!([{ "name": "a", "type": "select", "choices": [3] }]));
        assert_eq!(errs[0].0, "fields[0].choices[0]");
        assert_eq!(parse_errors(json!({ "name": "a" }))[0].0, "fields");
    }

    #[test]
    fn names_must_match_the_pattern_and_be_unique_per_level() {
        let errs = parse_errors(json!([
            { "name": "Title", "type": "text" },
            { "name": "1st", "type": "text" },
            { "name": "x".repeat(65), "type": "text" },
            { "name": "ok", "type": "text" },
            { "name": "ok", "type": "number" },
            { "name": "g", "type": "group", "fields": [
                { "name": "ok", "type": "text" },
                { "name": "in", "type": "text" },
                { "name": "in", "type": "text" }
            ] }
        ]));
        let paths: Vec<&str> = errs.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(
            paths,
            [
                "fields[0].name",
                "fields[1].name",
                "fields[2].name",
                "fields[4].name",
                "fields[5].fields[2].name"
            ]
        );
        assert_eq!(errs[3].1, "`ok` is already the name of another field here");
        parse(
            json!([{ "name": "a".repeat(64), "type": "text" }, { "name": "a_1", "type": "text" }]),
        );
    }

    #[test]
    fn options_only_on_types_that_use_them() {
        let errs = parse_errors(json!([
            { "name": "a", "type": "number", "choices": ["x"] },
            { "name": "b", "type": "text", "step": 1 },
            { "name": "c", "type": "text", "min": 1 },
            { "name": "d", "type": "number", "max_length": 3 },
            { "name": "e", "type": "checkbox", "choices": ["x"], "multiple": true },
            { "name": "f", "type": "relation", "mime_types": ["image/png"] },
            { "name": "g", "type": "media", "kinds": ["posts"] },
            { "name": "h", "type": "link", "fields": [{ "name": "x", "type": "text" }] }
        ]));
        assert_eq!(
            errs,
            [
                err("fields[0].choices", "does not apply to a `number` field"),
                err("fields[1].step", "does not apply to a `text` field"),
                err("fields[2].min", "does not apply to a `text` field"),
                err("fields[3].max_length", "does not apply to a `number` field"),
                err("fields[4].multiple", "does not apply to a `checkbox` field"),
                err(
                    "fields[5].mime_types",
                    "does not apply to a `relation` field"
                ),
                err("fields[6].kinds", "does not apply to a `media` field"),
                err("fields[7].fields", "does not apply to a `link` field"),
            ]
        );
    }

    #[test]
    fn bounds_steps_and_lengths_must_make_sense() {
        let errs = parse_errors(json!([
            { "name": "a", "type": "number", "min": 5, "max": 1 },
            { "name": "b", "type": "number", "step": 0 },
            { "name": "c", "type": "relation", "min": 1.5 },
            { "name": "d", "type": "repeater", "max": -1, "fields": [{ "name": "x", "type": "text" }] },
            { "name": "e", "type": "text", "max_length": 0 }
        ]));
        assert_eq!(
            errs,
            [
                err("fields[0].max", "must be at least `min` (5)"),
                err("fields[1].step", "must be greater than 0"),
                err("fields[2].min", "must be a whole number of at least 0"),
                err("fields[3].max", "must be a whole number of at least 0"),
                err("fields[4].max_length", "must be at least 1"),
            ]
        );
    }

    #[test]
    fn choices_must_be_present_non_empty_and_unique() {
        let errs = parse_errors(json!([
            { "name": "a", "type": "select" },
            { "name": "b", "type": "checkbox", "choices": [] },
            { "name": "c", "type": "select", "choices": ["x", { "value": " " }, "x"] }
        ]));
        assert_eq!(
            errs,
            [
                err("fields[0].choices", "must list at least one choice"),
                err("fields[1].choices", "must list at least one choice"),
                err("fields[2].choices[1].value", "must not be empty"),
                err("fields[2].choices[2].value", "`x` is already a choice"),
            ]
        );
    }

    #[test]
    fn kinds_mime_types_and_sub_fields_are_checked() {
        let errs = parse_errors(json!([
            { "name": "a", "type": "relation", "kinds": ["posts", "users"] },
            { "name": "b", "type": "relation", "kinds": [] },
            { "name": "c", "type": "media", "mime_types": ["image/*", "png"] },
            { "name": "d", "type": "group" },
            { "name": "e", "type": "repeater", "fields": [] }
        ]));
        assert_eq!(
            errs,
            [
                err(
                    "fields[0].kinds[1]",
                    "must be one of `posts`, `pages`, `resources`, `events`"
                ),
                err(
                    "fields[1].kinds",
                    "must list at least one collection, or be left out to allow any"
                ),
                err(
                    "fields[2].mime_types[1]",
                    "must be a MIME type such as `image/png` or `image/*`"
                ),
                err("fields[3].fields", "must list at least one field"),
                err("fields[4].fields", "must list at least one field"),
            ]
        );
        let defs = parse(json!([{ "name": "m", "type": "media", "mime_types": [" Image/PNG "] }]));
        assert_eq!(defs[0].mime_types, Some(vec!["image/png".to_owned()]));
    }

    fn nested(levels: usize) -> Value {
        let mut field = json!({ "name": "leaf", "type": "text" });
        for i in 0..levels {
            field = json!({ "name": format!("g{i}"), "type": "group", "fields": [field] });
        }
        json!([field])
    }

    #[test]
    fn sub_fields_nest_at_most_five_levels() {
        parse(nested(5));
        let errs = parse_errors(nested(6));
        assert_eq!(
            errs,
            [err(
                "fields[0].fields[0].fields[0].fields[0].fields[0].fields[0].fields",
                "nests too deeply: sub-fields go at most 5 levels down"
            )]
        );
    }

    #[test]
    fn defaults_must_be_valid_values() {
        let errs = parse_errors(json!([
            { "name": "a", "type": "number", "max": 10, "default": 11 },
            { "name": "b", "type": "select", "choices": ["en"], "default": "de" },
            { "name": "c", "type": "media", "default": 3 },
            { "name": "d", "type": "relation", "default": [3] },
            { "name": "e", "type": "text", "default": "" },
            { "name": "f", "type": "checkbox", "choices": ["x"], "default": ["x", "y"] },
            { "name": "g", "type": "group", "default": { "m": 4 }, "fields": [{ "name": "m", "type": "media" }] },
            { "name": "h", "type": "date", "default": "2024-02-30" }
        ]));
        assert_eq!(
            errs,
            [
                err("fields[0].default", "must be at most 10"),
                err("fields[1].default", "must be one of `en`"),
                err(
                    "fields[2].default",
                    "is not allowed on media and relation fields: ids differ between sites"
                ),
                err(
                    "fields[3].default",
                    "is not allowed on media and relation fields: ids differ between sites"
                ),
                err(
                    "fields[4].default",
                    "must not be empty: leave it out instead"
                ),
                err("fields[5].default[1]", "must be one of `x`"),
                err(
                    "fields[6].default",
                    "must not hold media or relation values: ids differ between sites"
                ),
                err("fields[7].default", "must be a real date (YYYY-MM-DD)"),
            ]
        );
        let defs = parse(json!([
            { "name": "at", "type": "datetime", "default": "2024-05-01T10:00:00+02:00" },
            { "name": "on", "type": "boolean", "required": true, "default": false },
            { "name": "cta", "type": "link", "default": { "url": "https://example.org" } }
        ]));
        assert_eq!(defs[0].default, Some(json!("2024-05-01T08:00:00Z")));
        assert_eq!(defs[1].default, Some(json!(false)));
        assert_eq!(
            defs[2].default,
            Some(json!({ "url": "https://example.org", "title": "", "target": "" }))
        );
    }
}
