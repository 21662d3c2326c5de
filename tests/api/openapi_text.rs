//! The OpenAPI document's text: what integrators read in Swagger UI and in generated
//! clients. Every operation has a short summary and a description, and every schema,
//! property and parameter says what it is.

use serde_json::Value;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

fn has_text(v: &Value, member: &str) -> bool {
    v[member].as_str().is_some_and(|s| !s.trim().is_empty())
}

/// A `$ref` with nothing beside it: its target carries the description.
fn bare_ref(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|o| o.len() == 1 && o.contains_key("$ref"))
}

/// Whether a property says what it is: a description of its own, or (for the nullable
/// wrapper utoipa writes around a reference, `oneOf: [{$ref, description}, {type: null}]`)
/// on every branch that is not `null`.
fn described(prop: &Value) -> bool {
    if has_text(prop, "description") {
        return true;
    }
    ["oneOf", "anyOf"].iter().any(|key| {
        prop[*key].as_array().is_some_and(|branches| {
            let mut others = branches.iter().filter(|b| b["type"] != "null").peekable();
            others.peek().is_some() && others.all(|b| has_text(b, "description"))
        })
    })
}

/// Walks a schema, noting every property (and nested object's property) with no
/// description.
fn check_properties(schema: &Value, at: &str, offenders: &mut Vec<String>) {
    let Some(obj) = schema.as_object() else {
        return;
    };
    if let Some(props) = obj.get("properties").and_then(Value::as_object) {
        for (name, prop) in props {
            let here = format!("{at}.{name}");
            if !bare_ref(prop) && !described(prop) {
                offenders.push(format!("property {here} has no description"));
            }
            check_properties(prop, &here, offenders);
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        for (i, branch) in obj
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            check_properties(branch, &format!("{at}/{key}[{i}]"), offenders);
        }
    }
    for key in ["items", "additionalProperties"] {
        if let Some(inner) = obj.get(key) {
            check_properties(inner, &format!("{at}/{key}"), offenders);
        }
    }
}

#[test]
fn every_operation_schema_property_and_parameter_is_described() {
    let doc = serde_json::to_value(headpress::openapi()).expect("serialize the document");
    let mut offenders = Vec::new();

    let paths = doc["paths"].as_object().expect("paths");
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        for (method, op) in item.iter().filter(|(m, _)| METHODS.contains(&m.as_str())) {
            let id = op["operationId"]
                .as_str()
                .map_or_else(|| format!("{method} {path}"), str::to_owned);
            match op["summary"].as_str().map(|s| s.trim().chars().count()) {
                Some(1..=80) => {}
                Some(0) | None => offenders.push(format!("operation {id} has no summary")),
                Some(n) => offenders.push(format!(
                    "operation {id} has a summary of {n} characters (at most 80)"
                )),
            }
            if !has_text(op, "description") {
                offenders.push(format!("operation {id} has no description"));
            }
            for p in op["parameters"].as_array().into_iter().flatten() {
                if !bare_ref(p) && !has_text(p, "description") {
                    offenders.push(format!(
                        "parameter {} of {id} has no description",
                        p["name"].as_str().unwrap_or("?")
                    ));
                }
            }
        }
        for p in item
            .get("parameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !bare_ref(p) && !has_text(p, "description") {
                offenders.push(format!(
                    "parameter {} of {path} has no description",
                    p["name"].as_str().unwrap_or("?")
                ));
            }
        }
    }

    let schemas = doc["components"]["schemas"]
        .as_object()
        .expect("components.schemas");
    for (name, schema) in schemas {
        let object = schema["type"] == "object"
            || schema["type"]
                .as_array()
                .is_some_and(|t| t.iter().any(|t| t == "object"))
            || schema.get("properties").is_some()
            || schema.get("allOf").is_some();
        if object && !has_text(schema, "description") {
            offenders.push(format!("schema {name} has no description"));
        }
        check_properties(schema, name, &mut offenders);
    }
    for (name, p) in doc["components"]["parameters"]
        .as_object()
        .into_iter()
        .flatten()
    {
        if !has_text(p, "description") {
            offenders.push(format!("parameter component {name} has no description"));
        }
    }

    assert!(
        offenders.is_empty(),
        "{} places in the OpenAPI document have no text:\n{}",
        offenders.len(),
        offenders.join("\n")
    );
}
