//! Trees and checks shared by the unit tests of the parts.

use serde_json::{Map, Value};

use super::{Block, parse, render, serialize};

pub(super) fn attrs(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

pub(super) fn block(name: &str, attributes: Value, html: &str) -> Block {
    Block {
        name: name.to_owned(),
        attrs: attrs(attributes),
        inner_blocks: Vec::new(),
        html: html.to_owned(),
        inner_content: None,
    }
}

pub(super) fn names(blocks: &[Block]) -> Vec<&str> {
    blocks.iter().map(|b| b.name.as_str()).collect()
}

/// parse -> serialize -> parse gives the same tree, and render shows no delimiter.
pub(super) fn assert_stable(markup: &str) -> Vec<Block> {
    let parsed = parse(markup);
    let serialized = serialize(&parsed);
    assert_eq!(
        parse(&serialized),
        parsed,
        "input: {markup:?}\nserialized: {serialized:?}"
    );
    let rendered = render(&parsed);
    assert!(!rendered.contains("<!-- wp:"), "{markup:?} -> {rendered:?}");
    assert!(
        !rendered.contains("<!-- /wp:"),
        "{markup:?} -> {rendered:?}"
    );
    parsed
}

pub(super) const COLUMNS: &str = "<!-- wp:columns -->\n<div class=\"wp-block-columns\"><!-- wp:column -->\n<div class=\"wp-block-column\"><!-- wp:paragraph -->\n<p>A</p>\n<!-- /wp:paragraph --></div>\n<!-- /wp:column -->\n\n<!-- wp:column {\"width\":\"33%\"} -->\n<div class=\"wp-block-column\" style=\"flex-basis:33%\"></div>\n<!-- /wp:column --></div>\n<!-- /wp:columns -->";
