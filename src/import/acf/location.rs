//! Where a group applies: ACF's location rules as one headpress `Location`.

use serde_json::{Map, Value, json};

use super::php_values::{collection, entries, string};
use super::put;

/// Taxonomies a location may narrow on: (WordPress taxonomy, `Location` member, collection).
const TAXONOMIES: [(&str, &str, &str); 3] = [
    ("category", "categories", "posts"),
    ("resource_type", "resource_types", "resources"),
    ("events_categories", "event_categories", "events"),
];

/// headpress has one set of kinds and narrowings, ACF a list of alternatives (OR) of rules
/// (AND): the alternatives are merged.
pub(super) fn location(v: Option<&Value>, notes: &mut Vec<String>) -> Value {
    let mut kinds: Vec<&str> = Vec::new();
    let mut narrowings: Map<String, Value> = Map::new();
    let alternatives = v.map(entries).unwrap_or_default();
    let mut narrowed_alternatives = 0;
    for (_, rules) in &alternatives {
        let mut own_kinds = Vec::new();
        let mut implied = Vec::new();
        let mut narrowed = false;
        for (_, rule) in entries(rules) {
            let field = |k: &str| string(rule.get(k)).unwrap_or_default();
            let (param, operator, value) = (field("param"), field("operator"), field("value"));
            let unsupported = |why: &str| {
                format!("location rule `{param} {operator} {value}` not carried over: {why}")
            };
            if operator != "==" {
                notes.push(unsupported("only `==` rules are"));
                continue;
            }
            let (member, term, kind) = match param.as_str() {
                "post_type" => {
                    match collection(&value) {
                        Some(c) => own_kinds.push(c),
                        None => notes.push(unsupported("no headpress collection")),
                    }
                    continue;
                }
                "page_template" => ("templates", Value::String(value.clone()), "pages"),
                "post_category" => ("categories", term_ref("category", &value), "posts"),
                "post_taxonomy" => {
                    let taxonomy = value.split_once(':').map(|(t, _)| t).unwrap_or_default();
                    match TAXONOMIES.iter().find(|(t, _, _)| *t == taxonomy) {
                        Some((t, member, kind)) => (*member, term_ref(t, &value), *kind),
                        None => {
                            notes.push(unsupported("no headpress narrowing for this taxonomy"));
                            continue;
                        }
                    }
                }
                _ => {
                    notes.push(unsupported("no headpress equivalent"));
                    continue;
                }
            };
            let list = narrowings
                .entry(member)
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(list) = list
                && !list.contains(&term)
            {
                list.push(term);
            }
            implied.push(kind);
            narrowed = true;
        }
        if own_kinds.is_empty() {
            own_kinds = implied;
        }
        for kind in own_kinds {
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        narrowed_alternatives += usize::from(narrowed);
    }
    if alternatives.len() > 1 && narrowed_alternatives > 0 {
        notes.push(
            "location: ACF's alternative rule sets were merged: every term and template \
             narrowing now applies to all of the group's kinds"
                .to_owned(),
        );
    }
    if kinds.is_empty() {
        notes.push(
            "location: no rule names a headpress collection: the group applies nowhere".to_owned(),
        );
    }
    let mut out = Map::new();
    out.insert("kinds".into(), json!(kinds));
    for member in [
        "categories",
        "resource_types",
        "event_categories",
        "templates",
    ] {
        put(&mut out, member, narrowings.remove(member));
    }
    Value::Object(out)
}

/// A WordPress term id (older ACF), else the `taxonomy:slug` ACF 6 stores.
fn term_ref(taxonomy: &str, value: &str) -> Value {
    if let Ok(id) = value.parse::<i64>() {
        Value::from(id)
    } else if value.contains(':') {
        Value::String(value.to_owned())
    } else {
        Value::String(format!("{taxonomy}:{value}"))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::import::acf::groups;
    use crate::import::acf::testing::acf_group;

    fn located(rules: Value) -> (Value, Vec<String>) {
        let g = acf_group(1, "group_a", rules);
        let mut out = groups(&[&g]).expect("groups");
        let g = out.remove(0);
        (g.location, g.skipped)
    }

    fn rule(param: &str, operator: &str, value: &str) -> Value {
        json!({ "param": param, "operator": operator, "value": value })
    }

    #[test]
    fn location_rules_map_to_kinds_and_narrowings() {
        let (loc, notes) = located(json!([[
            rule("post_type", "==", "page"),
            rule("page_template", "==", "templates/wide.php")
        ]]));
        assert_eq!(
            loc,
            json!({ "kinds": ["pages"], "templates": ["templates/wide.php"] })
        );
        assert!(notes.is_empty());

        // A narrowing implies its kind; ACF 6 names terms by slug, older ACF by id.
        let (loc, notes) = located(json!([
            [rule("post_category", "==", "category:news")],
            [rule("post_taxonomy", "==", "resource_type:report")],
            [
                rule("post_type", "==", "ai1ec_event"),
                rule("post_taxonomy", "==", "events_categories:webinar")
            ],
            [rule("post_category", "==", "12")]
        ]));
        assert_eq!(
            loc,
            json!({
                "kinds": ["posts", "resources", "events"],
                "categories": ["category:news", 12],
                "resource_types": ["resource_type:report"],
                "event_categories": ["events_categories:webinar"]
            })
        );
        assert_eq!(notes.len(), 1);
        assert!(notes[0].contains("merged"), "{notes:?}");

        // Alternatives without narrowings merge without loss.
        let (loc, notes) = located(json!([
            [rule("post_type", "==", "post")],
            [rule("post_type", "==", "resource")]
        ]));
        assert_eq!(loc, json!({ "kinds": ["posts", "resources"] }));
        assert!(notes.is_empty());
    }

    #[test]
    fn location_rules_headpress_cannot_hold_are_reported() {
        let (loc, notes) = located(json!([[
            rule("post_type", "==", "post"),
            rule("post_type", "!=", "page"),
            rule("current_user_role", "==", "editor"),
            rule("post_taxonomy", "==", "post_tag:news"),
            rule("post_type", "==", "product")
        ]]));
        assert_eq!(loc, json!({ "kinds": ["posts"] }));
        assert_eq!(
            notes,
            [
                "location rule `post_type != page` not carried over: only `==` rules are",
                "location rule `current_user_role == editor` not carried over: no headpress equivalent",
                "location rule `post_taxonomy == post_tag:news` not carried over: no headpress narrowing for this taxonomy",
                "location rule `post_type == product` not carried over: no headpress collection",
            ]
        );

        let (loc, notes) = located(json!([[rule("options_page", "==", "site-settings")]]));
        assert_eq!(loc, json!({ "kinds": [] }));
        assert_eq!(notes.len(), 2);
        assert!(notes[1].contains("applies nowhere"), "{notes:?}");
        let (loc, _) = located(json!([]));
        assert_eq!(loc, json!({ "kinds": [] }));
    }
}
