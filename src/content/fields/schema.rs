//! The JSON Schema that documents the values of a set of fields.

use serde_json::{Map, Value, json};

use super::defs::{FieldDef, FieldType};
use super::first_wins;

/// What a JSON Schema describes: values as read, a first write, or a partial write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaMode {
    View,
    Create,
    Update,
}

/// JSON Schema (OpenAPI 3.1 dialect) of an object holding these fields.
///
/// View: every field in `required`, types nullable unless the field has a default. Create:
/// `required` lists the fields marked required. Update: no `required` at the top (a partial
/// write), but a group or repeater row is written whole, so its own `required` is as in
/// Create. Inputs allow null for fields that are not required. When two groups define the
/// same name, the first definition applies.
pub fn json_schema(defs: &[&FieldDef], mode: SchemaMode) -> Value {
    object_schema(first_wins(defs), mode)
}

fn object_schema<'a>(defs: impl IntoIterator<Item = &'a FieldDef>, mode: SchemaMode) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for def in defs {
        properties.insert(def.name.clone(), property_schema(def, mode));
        if mode == SchemaMode::View || (mode == SchemaMode::Create && def.required) {
            required.push(Value::String(def.name.clone()));
        }
    }
    let mut schema = Map::new();
    schema.insert("type".into(), json!("object"));
    schema.insert("properties".into(), Value::Object(properties));
    if !required.is_empty() {
        schema.insert("required".into(), Value::Array(required));
    }
    schema.insert("additionalProperties".into(), json!(false));
    Value::Object(schema)
}

fn property_schema(def: &FieldDef, mode: SchemaMode) -> Value {
    use FieldType as T;
    let within = if mode == SchemaMode::Update {
        SchemaMode::Create
    } else {
        mode
    };
    let enum_of = |def: &FieldDef| -> Value {
        def.choices()
            .iter()
            .map(|c| Value::String(c.value.clone()))
            .collect()
    };
    let mut s = match def.field_type {
        T::Text | T::Textarea => json!({ "type": "string" }),
        T::RichText => json!({ "type": "string", "contentMediaType": "text/html" }),
        T::Email => json!({ "type": "string", "format": "email" }),
        T::Url => json!({ "type": "string", "format": "uri" }),
        T::Number => json!({ "type": "number" }),
        T::Boolean => json!({ "type": "boolean" }),
        T::Date => json!({ "type": "string", "format": "date" }),
        T::Datetime => json!({ "type": "string", "format": "date-time" }),
        // `format: time` alone would ask for an offset, which these values never carry.
        T::Time => json!({
            "type": "string",
            "format": "time",
            "pattern": "^[0-2][0-9]:[0-5][0-9](:[0-5][0-9])?$",
        }),
        T::Select if !def.multiple => json!({ "type": "string", "enum": enum_of(def) }),
        T::Select | T::Checkbox => json!({
            "type": "array",
            "items": { "type": "string", "enum": enum_of(def) },
            "uniqueItems": true,
        }),
        T::Media => json!({ "type": "integer", "minimum": 1 }),
        T::Relation => json!({
            "type": "array",
            "items": { "type": "integer", "minimum": 1 },
            "uniqueItems": true,
        }),
        T::Link => link_schema(within),
        T::Group => object_schema(def.sub_fields(), within),
        T::Repeater => json!({
            "type": "array",
            "items": object_schema(def.sub_fields(), within),
        }),
    };
    let Value::Object(map) = &mut s else {
        return s;
    };
    match def.field_type {
        T::Number => {
            if let Some(min) = def.min {
                map.insert("minimum".into(), number_value(min));
            }
            if let Some(max) = def.max {
                map.insert("maximum".into(), number_value(max));
            }
            // JSON Schema's multipleOf counts from 0 only.
            if let Some(step) = def.step
                && def.min.is_none_or(|m| m == 0.0)
            {
                map.insert("multipleOf".into(), number_value(step));
            }
        }
        T::Relation | T::Repeater => {
            if let Some(min) = def.min {
                map.insert("minItems".into(), number_value(min));
            }
            if let Some(max) = def.max {
                map.insert("maxItems".into(), number_value(max));
            }
        }
        _ => {}
    }
    if let Some(max) = def.max_length {
        map.insert("maxLength".into(), json!(max));
    }
    // Definitions built by hand rather than parsed may have no label.
    let label = if def.label.is_empty() {
        &def.name
    } else {
        &def.label
    };
    let description = if def.instructions.trim().is_empty() {
        label.clone()
    } else {
        format!("{label}\n\n{}", def.instructions.trim())
    };
    // A body may leave out a field with a default: say the default in words there, as a
    // `default` keyword makes generators (openapi-typescript) type the member as required.
    match (&def.default, mode) {
        (Some(default), SchemaMode::View) => {
            map.insert("description".into(), Value::String(description));
            map.insert("default".into(), default.clone());
        }
        (Some(default), SchemaMode::Create | SchemaMode::Update) => {
            let said = format!("{description}\n\nDefault: `{default}`.");
            map.insert("description".into(), Value::String(said));
        }
        (None, _) => {
            map.insert("description".into(), Value::String(description));
        }
    }
    let nullable = match mode {
        SchemaMode::View => def.default.is_none(),
        SchemaMode::Create | SchemaMode::Update => !def.required,
    };
    if nullable {
        make_nullable(map);
    }
    s
}

fn link_schema(mode: SchemaMode) -> Value {
    let mut properties = json!({
        "url": { "type": "string", "format": "uri" },
        "title": { "type": "string" },
        "target": { "type": "string", "enum": ["", "_blank"] },
    });
    let required = if mode == SchemaMode::View {
        json!(["url", "title", "target"])
    } else {
        // Inputs may leave out or null the optional members, which then read as "".
        if let Value::Object(members) = &mut properties {
            for key in ["title", "target"] {
                if let Some(Value::Object(member)) = members.get_mut(key) {
                    make_nullable(member);
                }
            }
        }
        json!(["url"])
    };
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

/// Adds `null` to a schema's type, and to its `enum`, which would otherwise still refuse it.
fn make_nullable(schema: &mut Map<String, Value>) {
    if let Some(Value::String(t)) = schema.get("type") {
        let types = json!([t, "null"]);
        schema.insert("type".into(), types);
    }
    if let Some(Value::Array(values)) = schema.get_mut("enum") {
        values.push(Value::Null);
    }
}

/// A whole number as a JSON integer (`5`, not `5.0`).
fn number_value(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9e15 {
        #[expect(
            clippy::cast_possible_truncation,
            reason = "whole and well within i64 range"
        )]
        let whole = x as i64;
        Value::from(whole)
    } else {
        Value::from(x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::fields::test_support::{all, parse, refs};

    fn schema(defs: &[FieldDef], mode: SchemaMode) -> Value {
        json_schema(&refs(defs), mode)
    }

    #[test]
    fn view_schema_requires_everything_and_allows_null_without_default() {
        let defs = parse(json!([
            { "name": "lang", "type": "select", "choices": ["en", "fr"], "label": "Language",
              "instructions": "The language of the text." },
            { "name": "n", "type": "number", "default": 3, "min": 0, "max": 10, "step": 0.5 },
            { "name": "links", "type": "link" }
        ]));
        let s = schema(&defs, SchemaMode::View);
        assert_eq!(s["type"], "object");
        assert_eq!(s["additionalProperties"], false);
        assert_eq!(s["required"], json!(["lang", "n", "links"]));
        let lang = &s["properties"]["lang"];
        assert_eq!(lang["type"], json!(["string", "null"]));
        assert_eq!(lang["enum"], json!(["en", "fr", null]));
        assert_eq!(lang["description"], "Language\n\nThe language of the text.");
        let n = &s["properties"]["n"];
        assert_eq!(n["type"], "number");
        assert_eq!(n["default"], 3);
        assert_eq!(n["minimum"], json!(0));
        assert_eq!(n["maximum"], json!(10));
        assert_eq!(n["multipleOf"], json!(0.5));
        let link = &s["properties"]["links"];
        assert_eq!(link["type"], json!(["object", "null"]));
        assert_eq!(link["required"], json!(["url", "title", "target"]));
        assert_eq!(link["additionalProperties"], false);
    }

    #[test]
    fn create_schema_requires_required_fields_and_update_none() {
        let defs = all();
        let create = schema(&defs, SchemaMode::Create);
        assert_eq!(create["required"], json!(["featured"]));
        assert_eq!(create["properties"]["featured"]["type"], "boolean");
        assert_eq!(
            create["properties"]["subtitle"]["type"],
            json!(["string", "null"])
        );
        assert_eq!(create["properties"]["subtitle"]["maxLength"], 10);
        assert_eq!(create["properties"]["contact"]["format"], "email");
        assert_eq!(create["properties"]["website"]["format"], "uri");
        assert_eq!(create["properties"]["day"]["format"], "date");
        assert_eq!(create["properties"]["starts"]["format"], "date-time");
        assert_eq!(create["properties"]["opens"]["format"], "time");
        // A step counted from a non-zero min has no JSON Schema form.
        assert!(create["properties"]["year"].get("multipleOf").is_none());
        assert_eq!(
            create["properties"]["cover"]["type"],
            json!(["integer", "null"])
        );
        assert_eq!(create["properties"]["cover"]["minimum"], 1);
        let related = &create["properties"]["related"];
        assert_eq!(related["items"], json!({ "type": "integer", "minimum": 1 }));
        assert_eq!(related["maxItems"], 2);
        let countries = &create["properties"]["countries"];
        assert_eq!(countries["type"], json!(["array", "null"]));
        assert_eq!(countries["items"]["enum"], json!(["fr", "de", "it"]));
        assert_eq!(countries["uniqueItems"], true);
        assert_eq!(
            create["properties"]["cta"]["properties"]["title"]["type"],
            json!(["string", "null"])
        );
        assert_eq!(create["properties"]["cta"]["required"], json!(["url"]));

        let update = schema(&defs, SchemaMode::Update);
        assert!(update.get("required").is_none());
        assert_eq!(update["additionalProperties"], false);
        assert_eq!(update["properties"]["featured"]["type"], "boolean");
        // Groups are written whole even in a partial write.
        assert_eq!(update["properties"]["venue"]["required"], json!(["city"]));
    }

    #[test]
    fn schema_nests_groups_and_repeater_rows() {
        let defs = all();
        let view = schema(&defs, SchemaMode::View);
        let authors = &view["properties"]["authors"];
        assert_eq!(authors["type"], json!(["array", "null"]));
        assert_eq!(authors["maxItems"], 3);
        let row = &authors["items"];
        assert_eq!(row["type"], "object");
        assert_eq!(row["additionalProperties"], false);
        assert_eq!(row["required"], json!(["name", "photo"]));
        assert_eq!(
            row["properties"]["photo"]["type"],
            json!(["integer", "null"])
        );
        let create = schema(&defs, SchemaMode::Create);
        let row = &create["properties"]["authors"]["items"];
        assert_eq!(row["required"], json!(["name"]));
        assert_eq!(row["properties"]["name"]["type"], "string");
        let place = &create["properties"]["venue"]["properties"]["place"];
        assert_eq!(place["type"], json!(["object", "null"]));
        assert_eq!(place["properties"]["lat"]["minimum"], -90);
        assert!(place.get("required").is_none());
    }
}
