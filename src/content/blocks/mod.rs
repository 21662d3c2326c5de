//! Content as a tree of typed blocks: WordPress's block grammar.
//!
//! WordPress stores a post as HTML in which blocks are marked by HTML comments
//! (`<!-- wp:paragraph {"align":"center"} -->` ... `<!-- /wp:paragraph -->`). [`parse`] follows
//! WordPress's default block parser (`class-wp-block-parser.php`): the same tokenizer, the same
//! `innerHTML`/`innerContent` split, and markup outside any block becomes `core/freeform`.
//! [`serialize`] is its inverse, [`render`] the document a reader sees, and [`check`],
//! [`sanitize`] and [`refs`] serve the write path.
//!
//! Malformed markup never fails: it degrades to freeform HTML, and parsing what [`serialize`]
//! wrote gives back the same tree (`parse(&serialize(&parse(x))) == parse(x)` for any `x`).
//! For that, and to keep trees bounded, the parser departs from WordPress's in a few places:
//! a closer must match the innermost open block, and one that does not (like an opener never
//! closed, or nesting deeper than [`MAX_DEPTH`]) turns the outermost open block's source into
//! freeform; a closer with nothing open is dropped; white space between top-level blocks is
//! no block; `wp:freeform` comments are plain markup; `inner_content` holds no empty strings.
//!
//! [`parse`]: fn@parse
//! [`render`]: fn@render
//! [`check`]: fn@check
//! [`sanitize`]: fn@sanitize

mod check;
mod parse;
mod render;
mod sanitize;
#[cfg(test)]
mod test_support;
mod tokenizer;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::ToSchema;

pub use check::{check, refs};
pub use parse::parse;
pub use render::{render, serialize};
pub use sanitize::sanitize;

/// One block of content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(no_recursion)]
pub struct Block {
    /// `namespace/name`, e.g. `core/paragraph`; HTML outside any block is `core/freeform`.
    #[schema(pattern = "^[a-z][a-z0-9-]*/[a-z][a-z0-9-]*$")]
    pub name: String,
    /// The block's attributes (from the comment's JSON). Default {} when absent on input.
    #[serde(default)]
    pub attrs: Map<String, Value>,
    /// Nested blocks. Default [] on input.
    #[serde(default)]
    pub inner_blocks: Vec<Block>,
    /// The block's own markup, without its inner blocks (WordPress's `innerHTML`). Default "".
    #[serde(default)]
    pub html: String,
    /// Where inner blocks sit within `html` (WordPress's `innerContent`): strings of markup and
    /// `null` for each inner block in order. Present only when the block has inner blocks.
    /// Optional on input: without it, inner blocks go before the last closing tag of `html`
    /// (`<div class="x"></div>` -> inside the div), or after `html` when it has no closing tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inner_content: Option<Vec<Option<String>>>,
}

/// The name of markup outside any block (WordPress's classic content).
pub const FREEFORM: &str = "core/freeform";
/// A reusable block reference: `{"name":"core/block","attrs":{"ref":ID}}`.
pub const REUSABLE: &str = "core/block";
/// The deepest nesting of `inner_blocks` accepted (a top-level block is at depth 1).
pub const MAX_DEPTH: usize = 32;
/// The most blocks in one tree.
pub const MAX_BLOCKS: usize = 10_000;

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::test_support::{COLUMNS, block};
    use super::*;

    #[test]
    fn json_shape() {
        let blocks = parse(COLUMNS);
        let value = serde_json::to_value(&blocks).expect("serializable");
        assert_eq!(value[0]["inner_content"][1], Value::Null);
        assert!(value[0]["inner_blocks"][1].get("inner_content").is_none());
        let back: Vec<Block> = serde_json::from_value(value).expect("deserializable");
        assert_eq!(back, blocks);
        assert!(serde_json::from_value::<Block>(json!({"name": "core/p", "extra": 1})).is_err());
        let minimal: Block = serde_json::from_value(json!({"name": "core/p"})).expect("minimal");
        assert_eq!(minimal, block("core/p", json!({}), ""));
    }
}
