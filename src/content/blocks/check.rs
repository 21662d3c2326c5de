//! The write path's checks of a client's tree, and the reusable blocks a tree references.

use std::collections::HashSet;

use serde_json::Value;

use super::{Block, FREEFORM, MAX_BLOCKS, MAX_DEPTH, REUSABLE};
use crate::error::FieldError;

/// The longest markup of one block, in bytes.
const MAX_HTML: usize = 1 << 20;

/// Checks a tree sent by a client. Errors name the exact path under `prefix`, e.g.
/// `content.blocks[2].inner_blocks[0].name`.
pub fn check(blocks: &[Block], prefix: &str) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut count = 0;
    // Iterative, so that a tree of any depth is answered with an error, not a crash.
    let mut stack = vec![(prefix.to_owned(), "", 1, blocks.iter().enumerate())];
    while let Some((base, sep, depth, children)) = stack.last_mut() {
        let Some((i, block)) = children.next() else {
            stack.pop();
            continue;
        };
        count += 1;
        if count > MAX_BLOCKS {
            errors.push(FieldError::new(
                prefix,
                format!("must hold at most {MAX_BLOCKS} blocks"),
            ));
            break;
        }
        let path = format!("{base}{sep}[{i}]");
        let depth = *depth;
        check_block(block, &path, &mut errors);
        if block.inner_blocks.is_empty() {
            continue;
        }
        if depth >= MAX_DEPTH {
            errors.push(FieldError::new(
                format!("{path}.inner_blocks"),
                format!("must not nest blocks more than {MAX_DEPTH} levels deep"),
            ));
            continue;
        }
        stack.push((
            path,
            ".inner_blocks",
            depth + 1,
            block.inner_blocks.iter().enumerate(),
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The ids of every reusable block referenced, at any depth, in document order, without
/// duplicates.
pub fn refs(blocks: &[Block]) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut seen = HashSet::new();
    let mut stack = vec![blocks.iter()];
    while let Some(level) = stack.last_mut() {
        let Some(block) = level.next() else {
            stack.pop();
            continue;
        };
        if block.name == REUSABLE
            && let Some(id) = ref_id(block)
            && seen.insert(id)
        {
            ids.push(id);
        }
        stack.push(block.inner_blocks.iter());
    }
    ids
}

fn check_block(block: &Block, path: &str, errors: &mut Vec<FieldError>) {
    if !valid_name(&block.name) {
        errors.push(FieldError::new(
            format!("{path}.name"),
            "must be namespace/name in lower case letters, digits and hyphens, e.g. core/paragraph",
        ));
    }
    if block.name == REUSABLE && ref_id(block).is_none() {
        errors.push(FieldError::new(
            format!("{path}.attrs.ref"),
            "must be the positive integer id of a reusable block",
        ));
    }
    if block.name == FREEFORM {
        // Freeform is serialized as bare markup: attributes and inner blocks would be lost.
        if !block.attrs.is_empty() {
            errors.push(FieldError::new(
                format!("{path}.attrs"),
                "must be empty for core/freeform",
            ));
        }
        if !block.inner_blocks.is_empty() {
            errors.push(FieldError::new(
                format!("{path}.inner_blocks"),
                "must be empty for core/freeform",
            ));
        }
    }
    if block.html.len() > MAX_HTML {
        errors.push(FieldError::new(
            format!("{path}.html"),
            "must be at most 1 MB",
        ));
    }
    if let Some(content) = &block.inner_content {
        let nulls = content.iter().filter(|piece| piece.is_none()).count();
        if nulls != block.inner_blocks.len() {
            errors.push(FieldError::new(
                format!("{path}.inner_content"),
                format!(
                    "must hold one null per inner block ({} expected, {nulls} found)",
                    block.inner_blocks.len()
                ),
            ));
        }
        let size: usize = content.iter().flatten().map(String::len).sum();
        if size > MAX_HTML {
            errors.push(FieldError::new(
                format!("{path}.inner_content"),
                "must hold at most 1 MB of markup",
            ));
        }
    }
}

/// `^[a-z][a-z0-9-]*/[a-z][a-z0-9-]*$`
fn valid_name(name: &str) -> bool {
    let part = |s: &str| {
        let mut chars = s.chars();
        chars.next().is_some_and(|c| c.is_ascii_lowercase())
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    name.split_once('/')
        .is_some_and(|(namespace, rest)| part(namespace) && part(rest))
}

fn ref_id(block: &Block) -> Option<i64> {
    block
        .attrs
        .get("ref")
        .and_then(Value::as_i64)
        .filter(|&id| id > 0)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::content::blocks::test_support::{COLUMNS, block};
    use crate::content::blocks::{parse, render};

    #[test]
    fn check_accepts_good_trees() {
        let blocks = parse(COLUMNS);
        assert_eq!(check(&blocks, "content.blocks"), Ok(()));
        assert_eq!(check(&[], "content.blocks"), Ok(()));
        let from_json: Vec<Block> = serde_json::from_value(json!([
            {"name": "core/paragraph", "html": "<p>x</p>"},
            {"name": "core/block", "attrs": {"ref": 4}},
            {"name": "core/group", "html": "<div></div>", "inner_blocks": [{"name": "acme/card-2"}]},
        ]))
        .expect("valid blocks");
        assert_eq!(check(&from_json, "content.blocks"), Ok(()));
        assert_eq!(render(&from_json), "<p>x</p>\n<div></div>");
    }

    #[test]
    fn check_names_the_path_of_each_error() {
        let tree: Vec<Block> = serde_json::from_value(json!([
            {"name": "core/paragraph"},
            {"name": "Core/Para"},
            {"name": "core/group", "inner_blocks": [
                {"name": "paragraph"},
                {"name": "core/block", "attrs": {"ref": "4"}},
                {"name": "core/block", "attrs": {"ref": 0}},
                {"name": "core/block"},
                {"name": "core/group", "inner_blocks": [{"name": "core/p"}], "inner_content": ["<div>", null, null, "</div>"]},
            ]},
            {"name": "core/freeform", "attrs": {"a": 1}, "inner_blocks": [{"name": "core/p"}]},
            {"name": "core/html", "html": "x".repeat(MAX_HTML + 1)},
            {"name": "core/x_y"},
        ]))
        .expect("valid blocks");
        let errors = check(&tree, "content.blocks").expect_err("invalid");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "content.blocks[1].name",
                "content.blocks[2].inner_blocks[0].name",
                "content.blocks[2].inner_blocks[1].attrs.ref",
                "content.blocks[2].inner_blocks[2].attrs.ref",
                "content.blocks[2].inner_blocks[3].attrs.ref",
                "content.blocks[2].inner_blocks[4].inner_content",
                "content.blocks[3].attrs",
                "content.blocks[3].inner_blocks",
                "content.blocks[4].html",
                "content.blocks[5].name",
            ]
        );
    }

    #[test]
    fn check_bounds_depth_and_size() {
        let mut deep = block("core/group", json!({}), "");
        for _ in 0..MAX_DEPTH {
            let mut outer = block("core/group", json!({}), "");
            outer.inner_blocks.push(deep);
            deep = outer;
        }
        let errors = check(&[deep], "blocks").expect_err("too deep");
        let path = format!(
            "blocks[0]{}.inner_blocks",
            ".inner_blocks[0]".repeat(MAX_DEPTH - 1)
        );
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, path);

        let many = vec![block("core/separator", json!({}), ""); MAX_BLOCKS];
        assert_eq!(check(&many, "blocks"), Ok(()));
        let too_many = vec![block("core/separator", json!({}), ""); MAX_BLOCKS + 1];
        let errors = check(&too_many, "blocks").expect_err("too many");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "blocks");
    }
}
