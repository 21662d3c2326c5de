//! What the tests of every part share: the WordPress fixture, and ACF items built to order.

use serde_json::{Value, json};

use super::{FIELD_POST_TYPE, GROUP_POST_TYPE, MappedGroup, groups};
use crate::import::wxr::{Event, Item, Reader};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/wordpress/small.wxr.xml"
);

pub(super) fn item(post_type: &str, post_id: i64, parent: i64, order: i64) -> Item {
    Item {
        post_id,
        post_type: post_type.to_owned(),
        status: "publish".to_owned(),
        post_parent: parent,
        menu_order: order,
        ..Item::default()
    }
}

pub(super) fn fixture() -> Vec<Item> {
    let file = std::fs::File::open(FIXTURE).expect("fixture");
    Reader::new(std::io::BufReader::new(file))
        .filter_map(|event| match event.expect("fixture reads") {
            Event::Item(item) => Some(*item),
            Event::Site(_) => None,
        })
        .collect()
}

pub(super) fn fixture_groups(items: &[Item]) -> Vec<MappedGroup> {
    groups(&items.iter().collect::<Vec<_>>()).expect("groups")
}

pub(super) fn group<'g>(groups: &'g [MappedGroup], title: &str) -> &'g MappedGroup {
    groups.iter().find(|g| g.title == title).expect("group")
}

/// A PHP serializer for building settings and meta in tests.
pub(super) fn ser(v: &Value) -> String {
    crate::import::php::serialize(v)
}

pub(super) fn acf_group(id: i64, key: &str, location: Value) -> Item {
    let mut it = item(GROUP_POST_TYPE, id, 0, 0);
    it.title = format!("Group {id}");
    it.post_name = key.to_owned();
    it.content = ser(&json!({ "location": location, "position": "normal" }));
    it
}

pub(super) fn acf_field(id: i64, parent: i64, order: i64, name: &str, settings: Value) -> Item {
    let mut it = item(FIELD_POST_TYPE, id, parent, order);
    it.title = format!("Label of {name}");
    it.excerpt = name.to_owned();
    it.post_name = format!("field_{id}");
    it.content = ser(&settings);
    it
}

pub(super) fn on_posts() -> Value {
    json!([[{ "param": "post_type", "operator": "==", "value": "post" }]])
}

/// One group on posts holding the given fields (ids from 2, in order, parent 1).
pub(super) fn one_group(fields: &[(&str, Value)]) -> MappedGroup {
    let mut items = vec![acf_group(1, "group_test", on_posts())];
    for (i, (name, settings)) in fields.iter().enumerate() {
        let i = i64::try_from(i).expect("small");
        items.push(acf_field(i + 2, 1, i, name, settings.clone()));
    }
    let mut groups = groups(&items.iter().collect::<Vec<_>>()).expect("groups");
    assert_eq!(groups.len(), 1);
    groups.remove(0)
}
