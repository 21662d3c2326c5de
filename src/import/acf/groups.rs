//! Field groups: the acf-field-group and acf-field items gathered into a tree, and each group's
//! key, title, position and status.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::location::location;
use super::{FIELD_POST_TYPE, GROUP_POST_TYPE, MappedGroup, cut};
use crate::import::php;
use crate::import::wxr::Item;

/// Most characters of a headpress field group key.
const KEY_LEN: usize = 100;

/// Reads the acf-field-group and acf-field items (any order) into groups, ordered by
/// `menu_order` then post id. A malformed serialized setting is an Err naming the item (post
/// id, line) and the problem. Other items are ignored, and so are fields whose parent is not
/// among the items.
pub fn groups(items: &[&Item]) -> Result<Vec<MappedGroup>, String> {
    let mut found = Vec::new();
    let mut children: HashMap<i64, Vec<Node>> = HashMap::new();
    for item in items {
        let node = match item.post_type.as_str() {
            GROUP_POST_TYPE | FIELD_POST_TYPE => Node {
                item,
                settings: settings(item)?,
            },
            _ => continue,
        };
        if item.post_type == GROUP_POST_TYPE {
            found.push(node);
        } else {
            children.entry(item.post_parent).or_default().push(node);
        }
    }
    let order = |n: &Node| (n.item.menu_order, n.item.post_id);
    found.sort_by_key(order);
    for siblings in children.values_mut() {
        siblings.sort_by_key(order);
    }
    let tree = Tree { children };
    let mut keys = HashSet::new();
    Ok(found.iter().map(|g| tree.group(g, &mut keys)).collect())
}

/// An ACF item with its settings read.
pub(super) struct Node<'a> {
    pub(super) item: &'a Item,
    pub(super) settings: Map<String, Value>,
}

fn settings(item: &Item) -> Result<Map<String, Value>, String> {
    let at = || {
        format!(
            "{} {} (line {}, `{}`)",
            item.post_type, item.post_id, item.line, item.title
        )
    };
    if item.content.trim().is_empty() {
        return Err(format!("{}: has no settings", at()));
    }
    match php::unserialize(&item.content) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(Value::Array(list)) => Ok(list
            .into_iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect()),
        Ok(other) => Err(format!(
            "{}: settings are not a PHP array but `{other}`",
            at()
        )),
        Err(e) => Err(format!(
            "{}: settings are not valid PHP-serialized data: {e}",
            at()
        )),
    }
}

/// The fields of every group or parent field, in their order.
pub(super) struct Tree<'a> {
    pub(super) children: HashMap<i64, Vec<Node<'a>>>,
}

impl Tree<'_> {
    fn group(&self, node: &Node, keys: &mut HashSet<String>) -> MappedGroup {
        let item = node.item;
        let mut skipped = Vec::new();
        let mut key = group_key(&item.post_name, item.post_id);
        if !keys.insert(key.clone()) {
            let suffix = format!("-{}", item.post_id);
            key = format!("{}{suffix}", cut(&key, KEY_LEN - suffix.len()));
            skipped.push(format!(
                "group key `{}` is taken by another group: renamed `{key}`",
                item.post_name
            ));
            keys.insert(key.clone());
        } else if key != item.post_name {
            skipped.push(format!("group key `{}` renamed `{key}`", item.post_name));
        }
        let location = location(node.settings.get("location"), &mut skipped);
        let fields = self.fields(item.post_id, "", 0, &mut skipped);
        let title = item.title.trim();
        MappedGroup {
            wp_id: item.post_id,
            title: if title.is_empty() {
                key.clone()
            } else {
                title.to_owned()
            },
            key,
            position: i32::try_from(item.menu_order).unwrap_or(if item.menu_order < 0 {
                i32::MIN
            } else {
                i32::MAX
            }),
            active: item.status == "publish",
            location,
            fields: Value::Array(fields),
            skipped,
        }
    }
}

fn group_key(post_name: &str, post_id: i64) -> String {
    let key: String = post_name
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if key.is_empty() {
        format!("group_{post_id}")
    } else {
        cut(&key, KEY_LEN).to_owned()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::content::fields;
    use crate::import::acf::testing::{
        acf_field, acf_group, fixture, fixture_groups, group, item, on_posts,
    };

    #[test]
    fn fixture_has_four_groups_with_their_kinds() {
        let items = fixture();
        let groups = fixture_groups(&items);
        let seen: Vec<(&str, &str, &Value)> = groups
            .iter()
            .map(|g| (g.title.as_str(), g.key.as_str(), &g.location["kinds"]))
            .collect();
        assert_eq!(
            seen,
            [
                (
                    "Resource details",
                    "group_6650c2a1e1001",
                    &json!(["resources"])
                ),
                ("Report metadata", "group_6650c2a1e2001", &json!(["posts"])),
                ("Event extras", "group_6650c2a1e3001", &json!(["events"])),
                ("Page hero", "group_6650c2a1e4001", &json!(["pages"])),
            ]
        );
        for g in &groups {
            assert!(g.active && g.position == 0, "{}", g.title);
            assert!(g.skipped.is_empty(), "{}: {:?}", g.title, g.skipped);
            assert_eq!(g.location.as_object().map(Map::len), Some(1), "only kinds");
            assert!(
                fields::parse_definitions(&g.fields, "fields").is_ok(),
                "{}",
                g.title
            );
        }
        assert_eq!(group(&groups, "Resource details").wp_id, 1284);
    }

    #[test]
    fn fixture_groups_do_not_depend_on_item_order() {
        let items = fixture();
        let mut reversed: Vec<&Item> = items.iter().collect();
        reversed.reverse();
        assert_eq!(groups(&reversed).expect("groups"), fixture_groups(&items));
    }

    #[test]
    fn malformed_settings_name_the_item() {
        let mut field = acf_field(7, 1, 0, "f", json!({ "type": "text" }));
        field.line = 42;
        field.content = "a:2:{s:4:\"type\";s:9:\"text\";}".to_owned();
        let group = acf_group(1, "group_a", on_posts());
        let err = groups(&[&group, &field]).expect_err("malformed");
        assert!(
            err.contains("acf-field 7") && err.contains("line 42"),
            "{err}"
        );
        assert!(err.contains("not valid PHP-serialized data"), "{err}");

        let mut group = acf_group(3, "group_b", on_posts());
        group.line = 9;
        group.content = "a:1:{s:8:\"location\";".to_owned();
        let err = groups(&[&group]).expect_err("malformed");
        assert!(
            err.contains("acf-field-group 3") && err.contains("line 9"),
            "{err}"
        );

        group.content = "s:3:\"abc\";".to_owned();
        let err = groups(&[&group]).expect_err("not an array");
        assert!(err.contains("not a PHP array"), "{err}");

        group.content = " ".to_owned();
        let err = groups(&[&group]).expect_err("empty");
        assert!(err.contains("has no settings"), "{err}");
    }

    #[test]
    fn other_items_and_orphan_fields_are_ignored() {
        let g = acf_group(1, "group_a", on_posts());
        let orphan = acf_field(2, 99, 0, "lost", json!({ "type": "text" }));
        let post = item("post", 3, 0, 0);
        let out = groups(&[&post, &orphan, &g]).expect("groups");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].fields, json!([]));
    }

    #[test]
    fn group_settings_map_to_key_title_position_and_status() {
        let mut g = acf_group(5, "Group_Ä b", on_posts());
        g.title = " Extras ".to_owned();
        g.menu_order = 3;
        g.status = "acf-disabled".to_owned();
        let mut twin = acf_group(6, "group_ä_b", on_posts());
        twin.title = String::new();
        let out = groups(&[&g, &twin]).expect("groups");
        // Sorted by menu order; an empty title becomes the key.
        assert_eq!(
            (out[0].key.as_str(), out[0].title.as_str()),
            ("group___b", "group___b")
        );
        assert_eq!(out[1].key, "group___b-5");
        assert_eq!(
            (out[1].title.as_str(), out[1].position, out[1].active),
            ("Extras", 3, false)
        );
        assert_eq!(
            out[1].skipped,
            ["group key `Group_Ä b` is taken by another group: renamed `group___b-5`"]
        );
        assert_eq!(
            out[0].skipped,
            ["group key `group_ä_b` renamed `group___b`"]
        );
    }
}
