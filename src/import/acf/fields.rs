//! Field definitions: each ACF field as a headpress `FieldDef`, sub-fields nested, with a note
//! for whatever could not be carried over.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::groups::{Node, Tree};
use super::php_values::{choices, count, kinds, mime_types, number, string, strings, truthy};
use super::{cut, put};
use crate::content::fields::{self, MAX_DEPTH};
use crate::error::FieldError;

/// Most characters of a headpress field name.
const NAME_LEN: usize = 64;

impl Tree<'_> {
    /// The definitions of the fields under `parent`; `prefix` is their parent's path.
    pub(super) fn fields(
        &self,
        parent: i64,
        prefix: &str,
        depth: usize,
        notes: &mut Vec<String>,
    ) -> Vec<Value> {
        let mut names = HashSet::new();
        let mut defs = Vec::new();
        for node in self.children.get(&parent).into_iter().flatten() {
            if node.item.status == "trash" {
                notes.push(format!(
                    "field `{}` ({}): in the trash",
                    node.item.excerpt, node.item.post_name
                ));
                continue;
            }
            if let Some(def) = self.field(node, prefix, depth, &names, notes) {
                names.extend(def["name"].as_str().map(str::to_owned));
                defs.push(def);
            }
        }
        defs
    }

    fn field(
        &self,
        node: &Node,
        prefix: &str,
        depth: usize,
        taken: &HashSet<String>,
        notes: &mut Vec<String>,
    ) -> Option<Value> {
        let (item, s) = (node.item, &node.settings);
        let acf_name = item.excerpt.as_str();
        let mut name = field_name(acf_name);
        if taken.contains(&name) {
            name = (2..)
                .map(|n| {
                    let suffix = format!("_{n}");
                    format!("{}{suffix}", cut(&name, NAME_LEN - suffix.len()))
                })
                .find(|candidate| !taken.contains(candidate))
                .unwrap_or_default();
        }
        let path = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        let what = format!("field `{path}` ({})", item.post_name);
        if name != acf_name {
            notes.push(format!("{what}: ACF name `{acf_name}` renamed `{name}`"));
        }
        if truthy(s.get("conditional_logic")) {
            notes.push(format!("{what}: conditional logic not carried over"));
        }

        let acf_type = string(s.get("type")).unwrap_or_default();
        let mut opts = Map::new();
        let mut default = None;
        let field_type = match acf_type.as_str() {
            "text" | "textarea" | "wysiwyg" | "email" | "url" | "oembed" => {
                if matches!(acf_type.as_str(), "text" | "textarea") {
                    put(
                        &mut opts,
                        "max_length",
                        count(s.get("maxlength")).map(Value::from),
                    );
                }
                default = string(s.get("default_value")).map(Value::String);
                match acf_type.as_str() {
                    "wysiwyg" => "rich_text",
                    "oembed" => "url",
                    t => t,
                }
            }
            "number" | "range" => {
                put(&mut opts, "min", number(s.get("min")).map(Value::Number));
                put(&mut opts, "max", number(s.get("max")).map(Value::Number));
                put(
                    &mut opts,
                    "step",
                    number(s.get("step"))
                        .filter(|n| n.as_f64().is_some_and(|f| f > 0.0))
                        .map(Value::Number),
                );
                default = number(s.get("default_value")).map(Value::Number);
                "number"
            }
            "true_false" => {
                default = Some(Value::Bool(truthy(s.get("default_value"))));
                "boolean"
            }
            "select" | "radio" | "button_group" | "checkbox" => {
                let multiple =
                    acf_type == "checkbox" || (acf_type == "select" && truthy(s.get("multiple")));
                let choices = choices(s.get("choices"));
                if choices.is_empty() {
                    notes.push(format!("{what}: skipped: has no choices"));
                    return None;
                }
                opts.insert("choices".into(), Value::Array(choices));
                let values = s.get("default_value").map(strings).unwrap_or_default();
                if multiple {
                    default = (!values.is_empty())
                        .then(|| Value::Array(values.into_iter().map(Value::String).collect()));
                } else {
                    default = values.into_iter().next().map(Value::String);
                }
                if acf_type == "checkbox" {
                    "checkbox"
                } else {
                    if multiple {
                        opts.insert("multiple".into(), Value::Bool(true));
                    }
                    "select"
                }
            }
            "date_picker" => "date",
            "date_time_picker" => "datetime",
            "time_picker" => "time",
            "file" | "image" => {
                let types = mime_types(s.get("mime_types"), acf_type == "image", &what, notes);
                put(&mut opts, "mime_types", types.map(Value::from));
                "media"
            }
            "link" => "link",
            "relationship" | "post_object" => {
                put(
                    &mut opts,
                    "kinds",
                    kinds(s.get("post_type"), &what, notes).map(Value::from),
                );
                if truthy(s.get("taxonomy")) {
                    notes.push(format!("{what}: the taxonomy filter is not carried over"));
                }
                if acf_type == "post_object" && !truthy(s.get("multiple")) {
                    opts.insert("max".into(), Value::from(1));
                } else {
                    put(&mut opts, "min", count(s.get("min")).map(Value::from));
                    put(&mut opts, "max", count(s.get("max")).map(Value::from));
                }
                "relation"
            }
            "group" | "repeater" => {
                if depth >= MAX_DEPTH {
                    notes.push(format!(
                        "{what}: skipped: sub-fields nest more than {MAX_DEPTH} levels down"
                    ));
                    return None;
                }
                let subs = self.fields(item.post_id, &path, depth + 1, notes);
                if subs.is_empty() {
                    notes.push(format!(
                        "{what}: skipped: has no sub-fields headpress can hold"
                    ));
                    return None;
                }
                if acf_type == "repeater" {
                    put(&mut opts, "min", count(s.get("min")).map(Value::from));
                    put(&mut opts, "max", count(s.get("max")).map(Value::from));
                }
                opts.insert("fields".into(), Value::Array(subs));
                if acf_type == "group" {
                    "group"
                } else {
                    "repeater"
                }
            }
            "" => {
                notes.push(format!("{what}: skipped: has no ACF type"));
                return None;
            }
            other => {
                notes.push(format!(
                    "{what}: skipped: ACF type `{other}` has no headpress equivalent"
                ));
                return None;
            }
        };
        if let (Some(min), Some(max)) = (
            opts.get("min").and_then(Value::as_f64),
            opts.get("max").and_then(Value::as_f64),
        ) && min > max
        {
            notes.push(format!(
                "{what}: min {min} is above max {max}: both dropped"
            ));
            opts.remove("min");
            opts.remove("max");
        }

        let mut def = Map::new();
        def.insert("name".into(), Value::String(name));
        let label = item.title.trim();
        if !label.is_empty() {
            def.insert("label".into(), Value::String(label.to_owned()));
        }
        def.insert("type".into(), Value::String(field_type.to_owned()));
        if truthy(s.get("required")) {
            def.insert("required".into(), Value::Bool(true));
        }
        put(
            &mut def,
            "instructions",
            string(s.get("instructions")).map(Value::String),
        );
        def.extend(opts);
        put(&mut def, "default", default);
        verified(def, &what, notes)
    }
}

/// The definition if headpress takes it; else without its default, if that is what it
/// refuses; else nothing. Every refusal is noted.
fn verified(mut def: Map<String, Value>, what: &str, notes: &mut Vec<String>) -> Option<Value> {
    let check = |def: &Map<String, Value>| {
        fields::parse_definitions(&Value::Array(vec![Value::Object(def.clone())]), "")
    };
    let errors = match check(&def) {
        Ok(_) => return Some(Value::Object(def)),
        Err(errors) => errors,
    };
    if let Some(default) = def.remove("default")
        && check(&def).is_ok()
    {
        notes.push(format!(
            "{what}: default {default} dropped: {}",
            describe(&errors, "[0].")
        ));
        return Some(Value::Object(def));
    }
    notes.push(format!("{what}: skipped: {}", describe(&errors, "[0].")));
    None
}

/// Errors as one line, their paths shortened by `strip`.
pub(super) fn describe(errors: &[FieldError], strip: &str) -> String {
    errors
        .iter()
        .map(|e| {
            let field = e.field.strip_prefix(strip).unwrap_or(&e.field);
            if field.is_empty() || field == strip.trim_end_matches('.') {
                e.message.clone()
            } else {
                format!("`{field}` {}", e.message)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// An ACF field name made a headpress one: lower-cased, with every character other than
/// `a-z`, `0-9` and `_` replaced by `_`, starting with a letter, at most 64 characters.
/// Character by character, so that the meta keys of values can be matched the same way.
pub(super) fn field_name(acf: &str) -> String {
    let mut name: String = acf
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        name.insert_str(0, "f_");
    }
    cut(&name, NAME_LEN).to_owned()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::import::acf::testing::{
        acf_field, acf_group, fixture, fixture_groups, group, on_posts, one_group,
    };
    use crate::import::acf::{MappedGroup, groups};

    fn def<'g>(group: &'g MappedGroup, name: &str) -> &'g Value {
        group
            .fields
            .as_array()
            .expect("list")
            .iter()
            .find(|f| f["name"] == name)
            .expect("field")
    }

    /// The definition one ACF field becomes, and the notes.
    fn mapped(settings: Value) -> (Option<Value>, Vec<String>) {
        let g = one_group(&[("f", settings)]);
        assert!(
            fields::parse_definitions(&g.fields, "fields").is_ok(),
            "{}",
            g.fields
        );
        (
            g.fields.as_array().and_then(|f| f.first()).cloned(),
            g.skipped,
        )
    }

    #[test]
    fn fixture_fields_map_to_headpress_types() {
        let items = fixture();
        let groups = fixture_groups(&items);
        let names = |title: &str| -> Vec<(String, String)> {
            group(&groups, title)
                .fields
                .as_array()
                .expect("list")
                .iter()
                .map(|f| {
                    (
                        f["name"].as_str().unwrap_or_default().to_owned(),
                        f["type"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        };
        let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter()
                .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
                .collect()
        };
        assert_eq!(
            names("Resource details"),
            pairs(&[
                ("publisher", "text"),
                ("publication_year", "number"),
                ("language", "select"),
                ("document", "media"),
                ("external_url", "url"),
                ("countries", "checkbox"),
                ("is_featured", "boolean"),
            ])
        );
        assert_eq!(
            names("Report metadata"),
            pairs(&[
                ("report_pdf", "media"),
                ("authors", "repeater"),
                ("related_resources", "relation")
            ])
        );
        assert_eq!(
            names("Event extras"),
            pairs(&[
                ("speakers", "repeater"),
                ("registration_url", "url"),
                ("livestream", "boolean")
            ])
        );
        assert_eq!(
            names("Page hero"),
            pairs(&[
                ("hero_title", "text"),
                ("hero_image", "media"),
                ("cta", "link")
            ])
        );

        let resource = group(&groups, "Resource details");
        assert_eq!(
            def(resource, "publisher"),
            &json!({
                "name": "publisher", "label": "Publisher", "type": "text", "required": true,
                "instructions": "Organisation that published the resource.", "max_length": 120
            })
        );
        assert_eq!(
            def(resource, "publication_year"),
            &json!({
                "name": "publication_year", "label": "Publication year", "type": "number",
                "min": 1990, "max": 2030, "step": 1
            })
        );
        let language = def(resource, "language");
        assert_eq!(
            language["choices"],
            json!([
                { "value": "en", "label": "English" }, { "value": "fr", "label": "French" },
                { "value": "es", "label": "Spanish" }, { "value": "ar", "label": "Arabic" }
            ])
        );
        assert_eq!(language["default"], "en");
        assert!(language.get("multiple").is_none());
        assert_eq!(
            def(resource, "document")["mime_types"],
            json!(["application/pdf"])
        );
        let countries = def(resource, "countries");
        assert_eq!(countries["choices"].as_array().map(Vec::len), Some(24));
        assert_eq!(
            countries["choices"][19],
            json!({ "value": "CI", "label": "Côte d'Ivoire" })
        );
        assert!(countries.get("default").is_none());
        assert_eq!(def(resource, "is_featured")["default"], false);

        let report = group(&groups, "Report metadata");
        assert_eq!(
            def(report, "report_pdf")["mime_types"],
            json!(["application/pdf"])
        );
        assert_eq!(
            def(report, "authors")["fields"],
            json!([
                { "name": "name", "label": "Name", "type": "text", "required": true },
                { "name": "affiliation", "label": "Affiliation", "type": "text" }
            ])
        );
        assert!(
            def(report, "authors").get("max").is_none(),
            "ACF's 0 means no limit"
        );
        assert_eq!(
            def(report, "related_resources"),
            &json!({
                "name": "related_resources", "label": "Related resources", "type": "relation",
                "kinds": ["resources"], "max": 5
            })
        );

        let events = group(&groups, "Event extras");
        assert_eq!(def(events, "speakers")["fields"][1]["name"], "role");
        assert_eq!(def(events, "livestream")["type"], "boolean");

        let hero = group(&groups, "Page hero");
        assert_eq!(def(hero, "hero_title")["max_length"], 90);
        // ACF allows jpg, jpeg, png and webp: the narrower list is kept.
        assert_eq!(
            def(hero, "hero_image")["mime_types"],
            json!(["image/jpeg", "image/png", "image/webp"])
        );
        assert_eq!(
            def(hero, "cta"),
            &json!({ "name": "cta", "label": "Call to action", "type": "link" })
        );
    }

    #[test]
    fn text_like_fields() {
        let (d, notes) = mapped(
            json!({ "type": "text", "maxlength": "40", "default_value": "Hi",
            "instructions": " Say hi. ", "required": "1", "placeholder": "x" }),
        );
        assert_eq!(
            d,
            Some(
                json!({ "name": "f", "label": "Label of f", "type": "text", "required": true,
                "instructions": "Say hi.", "max_length": 40, "default": "Hi" })
            )
        );
        assert!(notes.is_empty());
        let (d, _) = mapped(json!({ "type": "textarea", "maxlength": "", "rows": 4 }));
        assert_eq!(d.map(|d| d["type"].clone()), Some(json!("textarea")));
        let (d, _) = mapped(json!({ "type": "wysiwyg", "default_value": "<p>x</p>" }));
        assert_eq!(
            d.map(|d| (d["type"].clone(), d["default"].clone())),
            Some((json!("rich_text"), json!("<p>x</p>")))
        );
        let (d, _) = mapped(json!({ "type": "email", "default_value": "a@b.org" }));
        assert_eq!(d.map(|d| d["type"].clone()), Some(json!("email")));
        let (d, _) = mapped(json!({ "type": "url" }));
        assert_eq!(d.map(|d| d["type"].clone()), Some(json!("url")));
        let (d, _) = mapped(json!({ "type": "oembed" }));
        assert_eq!(d.map(|d| d["type"].clone()), Some(json!("url")));
    }

    #[test]
    fn number_and_boolean_fields() {
        let (d, _) = mapped(
            json!({ "type": "number", "min": "0", "max": 10.5, "step": "0.5", "default_value": "2" }),
        );
        let d = d.expect("mapped");
        assert_eq!(
            (&d["min"], &d["max"], &d["step"], &d["default"]),
            (&json!(0), &json!(10.5), &json!(0.5), &json!(2))
        );
        let (d, notes) = mapped(json!({ "type": "range", "min": 5, "max": 1, "step": "" }));
        let d = d.expect("mapped");
        assert_eq!(d["type"], "number");
        assert!(d.get("min").is_none() && d.get("max").is_none() && d.get("step").is_none());
        assert_eq!(
            notes,
            ["field `f` (field_2): min 5 is above max 1: both dropped"]
        );
        let (d, _) = mapped(json!({ "type": "true_false", "default_value": 1 }));
        assert_eq!(
            d.map(|d| (d["type"].clone(), d["default"].clone())),
            Some((json!("boolean"), json!(true)))
        );
    }

    #[test]
    fn choice_fields() {
        let choices = json!({ "a": "Apple", "b": "", "3": "Three" });
        let (d, _) = mapped(
            json!({ "type": "select", "choices": choices, "multiple": 1, "default_value": ["a"] }),
        );
        let d = d.expect("mapped");
        assert_eq!(
            d["choices"],
            json!([{ "value": "a", "label": "Apple" }, { "value": "b", "label": "b" }, { "value": "3", "label": "Three" }])
        );
        assert_eq!(
            (&d["multiple"], &d["default"]),
            (&json!(true), &json!(["a"]))
        );
        for t in ["radio", "button_group"] {
            let (d, _) = mapped(json!({ "type": t, "choices": choices, "default_value": "b" }));
            let d = d.expect("mapped");
            assert_eq!(
                (&d["type"], &d["default"]),
                (&json!("select"), &json!("b")),
                "{t}"
            );
            assert!(d.get("multiple").is_none());
        }
        // A list of labels unserializes to a PHP list: its keys are the indices.
        let (d, _) = mapped(
            json!({ "type": "checkbox", "choices": ["Zero", "One"], "default_value": "0\n1" }),
        );
        let d = d.expect("mapped");
        assert_eq!(d["type"], "checkbox");
        assert_eq!(d["choices"][1], json!({ "value": "1", "label": "One" }));
        assert_eq!(d["default"], json!(["0", "1"]));
        let (d, notes) = mapped(json!({ "type": "select", "choices": [] }));
        assert_eq!(d, None);
        assert_eq!(notes, ["field `f` (field_2): skipped: has no choices"]);
    }

    #[test]
    fn a_default_headpress_refuses_is_dropped() {
        let (d, notes) =
            mapped(json!({ "type": "select", "choices": { "a": "A" }, "default_value": "z" }));
        assert!(d.expect("mapped").get("default").is_none());
        assert_eq!(
            notes,
            ["field `f` (field_2): default \"z\" dropped: `default` must be one of `a`"]
        );
        let (d, notes) = mapped(json!({ "type": "text", "maxlength": 2, "default_value": "long" }));
        assert!(d.expect("mapped").get("default").is_none());
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0].contains("must be at most 2 characters"),
            "{notes:?}"
        );
    }

    #[test]
    fn date_and_time_fields() {
        for (acf, headpress) in [
            ("date_picker", "date"),
            ("date_time_picker", "datetime"),
            ("time_picker", "time"),
        ] {
            let (d, _) = mapped(json!({ "type": acf, "display_format": "d/m/Y" }));
            assert_eq!(d.map(|d| d["type"].clone()), Some(json!(headpress)));
        }
    }

    #[test]
    fn media_fields_map_allowed_extensions() {
        let (d, notes) = mapped(json!({ "type": "file", "mime_types": "pdf, .DOCX, xyz,doc" }));
        assert_eq!(
            d.expect("mapped")["mime_types"],
            json!([
                "application/pdf",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "application/msword"
            ])
        );
        assert_eq!(
            notes,
            ["field `f` (field_2): file types `xyz` not carried over"]
        );
        let (d, _) = mapped(json!({ "type": "file", "mime_types": "" }));
        assert_eq!(
            d,
            Some(json!({ "name": "f", "label": "Label of f", "type": "media" }))
        );
        let (d, _) = mapped(json!({ "type": "image", "mime_types": "" }));
        assert_eq!(d.expect("mapped")["mime_types"], json!(["image/*"]));
        let (d, notes) = mapped(json!({ "type": "image", "mime_types": "jpg, jpeg, pdf" }));
        assert_eq!(d.expect("mapped")["mime_types"], json!(["image/jpeg"]));
        assert_eq!(
            notes,
            ["field `f` (field_2): file types `pdf` not carried over"]
        );
    }

    #[test]
    fn relation_and_link_fields() {
        let (d, notes) = mapped(
            json!({ "type": "relationship", "post_type": ["post", "attachment", "resource"],
            "min": "1", "max": 3, "taxonomy": ["category:news"] }),
        );
        let d = d.expect("mapped");
        assert_eq!(
            (&d["type"], &d["kinds"], &d["min"], &d["max"]),
            (
                &json!("relation"),
                &json!(["posts", "resources"]),
                &json!(1),
                &json!(3)
            )
        );
        assert_eq!(
            notes,
            [
                "field `f` (field_2): post type `attachment` has no headpress collection",
                "field `f` (field_2): the taxonomy filter is not carried over"
            ]
        );
        let (d, _) = mapped(json!({ "type": "post_object", "post_type": "", "multiple": 0 }));
        assert_eq!(
            d,
            Some(json!({ "name": "f", "label": "Label of f", "type": "relation", "max": 1 }))
        );
        let (d, _) = mapped(json!({ "type": "post_object", "post_type": ["page"], "multiple": 1 }));
        assert_eq!(
            d,
            Some(
                json!({ "name": "f", "label": "Label of f", "type": "relation", "kinds": ["pages"] })
            )
        );
        let (d, _) = mapped(json!({ "type": "link", "return_format": "array" }));
        assert_eq!(d.map(|d| d["type"].clone()), Some(json!("link")));
    }

    #[test]
    fn unsupported_types_are_skipped_with_a_note() {
        let g = one_group(&[
            ("a", json!({ "type": "page_link" })),
            ("b", json!({ "type": "gallery" })),
            ("c", json!({ "color": "red" })),
            (
                "d",
                json!({ "type": "text", "conditional_logic": [[{ "field": "field_1", "operator": "==", "value": "1" }]] }),
            ),
        ]);
        assert_eq!(
            g.fields,
            json!([{ "name": "d", "label": "Label of d", "type": "text" }])
        );
        assert_eq!(
            g.skipped,
            [
                "field `a` (field_2): skipped: ACF type `page_link` has no headpress equivalent",
                "field `b` (field_3): skipped: ACF type `gallery` has no headpress equivalent",
                "field `c` (field_4): skipped: has no ACF type",
                "field `d` (field_5): conditional logic not carried over",
            ]
        );
    }

    #[test]
    fn group_and_repeater_fields_nest() {
        let items = [
            acf_group(1, "group_a", on_posts()),
            acf_field(2, 1, 0, "venue", json!({ "type": "group" })),
            acf_field(3, 2, 1, "city", json!({ "type": "text", "required": 1 })),
            acf_field(
                4,
                2,
                0,
                "slots",
                json!({ "type": "repeater", "min": 1, "max": "4" }),
            ),
            acf_field(5, 4, 0, "at", json!({ "type": "time_picker" })),
            acf_field(6, 1, 1, "empty", json!({ "type": "repeater" })),
            acf_field(7, 6, 0, "bad", json!({ "type": "gallery" })),
        ];
        let out = groups(&items.iter().collect::<Vec<_>>()).expect("groups");
        assert_eq!(
            out[0].fields,
            json!([{ "name": "venue", "label": "Label of venue", "type": "group", "fields": [
                { "name": "slots", "label": "Label of slots", "type": "repeater", "min": 1, "max": 4,
                  "fields": [{ "name": "at", "label": "Label of at", "type": "time" }] },
                { "name": "city", "label": "Label of city", "type": "text", "required": true }
            ] }])
        );
        assert_eq!(
            out[0].skipped,
            [
                "field `empty.bad` (field_7): skipped: ACF type `gallery` has no headpress equivalent",
                "field `empty` (field_6): skipped: has no sub-fields headpress can hold",
            ]
        );
    }

    #[test]
    fn nesting_stops_where_headpress_does() {
        let mut items = vec![acf_group(1, "group_a", on_posts())];
        for depth in 0..=MAX_DEPTH {
            let id = i64::try_from(depth).expect("small") + 2;
            items.push(acf_field(
                id,
                id - 1,
                0,
                &format!("g{depth}"),
                json!({ "type": "group" }),
            ));
        }
        let leaf_parent = i64::try_from(MAX_DEPTH).expect("small") + 2;
        items.push(acf_field(
            100,
            leaf_parent,
            0,
            "leaf",
            json!({ "type": "text" }),
        ));
        let out = groups(&items.iter().collect::<Vec<_>>()).expect("groups");
        assert!(fields::parse_definitions(&out[0].fields, "fields").is_ok());
        assert!(
            out[0].skipped[0].contains("nest more than 5 levels"),
            "{:?}",
            out[0].skipped
        );
        // With its only sub-field gone, each level above is skipped too.
        assert_eq!(out[0].fields, json!([]));
    }

    #[test]
    fn names_are_made_valid_and_unique() {
        let g = one_group(&[
            ("Hero-Title", json!({ "type": "text" })),
            ("hero_title", json!({ "type": "text" })),
            ("2col", json!({ "type": "text" })),
            ("gone", json!({ "type": "gallery" })),
            ("gone", json!({ "type": "text" })),
        ]);
        let names: Vec<&str> = g
            .fields
            .as_array()
            .expect("list")
            .iter()
            .filter_map(|f| f["name"].as_str())
            .collect();
        // A skipped field leaves its name free.
        assert_eq!(names, ["hero_title", "hero_title_2", "f_2col", "gone"]);
        assert_eq!(
            g.skipped,
            [
                "field `hero_title` (field_2): ACF name `Hero-Title` renamed `hero_title`",
                "field `hero_title_2` (field_3): ACF name `hero_title` renamed `hero_title_2`",
                "field `f_2col` (field_4): ACF name `2col` renamed `f_2col`",
                "field `gone` (field_5): skipped: ACF type `gallery` has no headpress equivalent",
            ]
        );
        assert_eq!(field_name(&"x".repeat(80)).len(), 64);
    }
}
