//! Writing a tree back: WordPress's block serialization, and the document readers see.

use serde_json::{Map, Value};

use super::tokenizer::{Tokenizer, is_ws_char};
use super::{Block, FREEFORM, REUSABLE};

/// WordPress's block serialization of a tree (inverse of [`parse`], up to white space between
/// top-level blocks).
///
/// [`parse`]: fn@super::parse
pub fn serialize(blocks: &[Block]) -> String {
    let mut out = String::new();
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        serialize_block(block, &mut out);
    }
    out
}

/// The rendered document: each block's markup with its inner blocks rendered in place, no
/// block comments. `core/block` renders its inner blocks (the referenced tree, once resolved);
/// an unresolved reference renders nothing.
pub fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    render_list(blocks, &mut out);
    // Freeform markup can hold the delimiters of a malformed block, and a client's tree can
    // hold anything; readers never see them.
    strip_delimiters(&out)
}

/// A block's content in order: its own markup and its inner blocks.
enum Part<'a> {
    Markup(&'a str),
    Inner(&'a Block),
}

fn parts(block: &Block) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    let mut inner = block.inner_blocks.iter();
    match &block.inner_content {
        Some(content) => {
            for piece in content {
                match piece {
                    Some(markup) => out.push(Part::Markup(markup)),
                    None => out.extend(inner.next().map(Part::Inner)),
                }
            }
        }
        None => {
            let at = if block.inner_blocks.is_empty() {
                block.html.len()
            } else {
                placement(&block.html)
            };
            let (head, tail) = block
                .html
                .split_at_checked(at)
                .unwrap_or((block.html.as_str(), ""));
            out.push(Part::Markup(head));
            out.extend(inner.by_ref().map(Part::Inner));
            out.push(Part::Markup(tail));
        }
    }
    // Inner blocks without a place (an unchecked tree) still come out, at the end.
    out.extend(inner.map(Part::Inner));
    out
}

/// Where inner blocks go when `inner_content` is absent: before the last closing tag, or at the
/// end when there is none.
pub(super) fn placement(html: &str) -> usize {
    let b = html.as_bytes();
    let mut end = html.len();
    while let Some(i) = html.get(..end).and_then(|head| head.rfind("</")) {
        if b.get(i + 2).is_some_and(u8::is_ascii_alphabetic) {
            return i;
        }
        end = i;
    }
    html.len()
}

fn serialize_block(block: &Block, out: &mut String) {
    let mut content = String::new();
    for part in parts(block) {
        match part {
            Part::Markup(markup) => content.push_str(markup),
            Part::Inner(inner) => serialize_block(inner, &mut content),
        }
    }
    if block.name == FREEFORM {
        out.push_str(&content);
        return;
    }
    let name = block.name.strip_prefix("core/").unwrap_or(&block.name);
    out.push_str("<!-- wp:");
    out.push_str(name);
    out.push(' ');
    if !block.attrs.is_empty() {
        out.push_str(&encode_attrs(&block.attrs));
        out.push(' ');
    }
    if content.is_empty() {
        out.push_str("/-->");
    } else {
        out.push_str("-->");
        out.push_str(&content);
        out.push_str("<!-- /wp:");
        out.push_str(name);
        out.push_str(" -->");
    }
}

/// WordPress's `serialize_block_attributes`: compact JSON, with what could end the comment or
/// confuse an HTML parser escaped. Unlike WordPress's regex, only a `\"` escape becomes
/// `\u0022` (WordPress also rewrites the `\\"` at the end of a string that ends in `\`, which
/// breaks the JSON).
fn encode_attrs(attrs: &Map<String, Value>) -> String {
    let json = serde_json::to_string(attrs).unwrap_or_else(|_| "{}".to_owned());
    let mut out = String::with_capacity(json.len());
    let mut in_string = false;
    let mut chars = json.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                in_string = !in_string;
                out.push(c);
            }
            '\\' if in_string => match chars.next() {
                Some('"') => out.push_str("\\u0022"),
                Some(escaped) => {
                    out.push('\\');
                    out.push(escaped);
                }
                None => out.push('\\'),
            },
            '-' if chars.peek() == Some(&'-') => {
                chars.next();
                out.push_str("\\u002d\\u002d");
            }
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            _ => out.push(c),
        }
    }
    out
}

fn render_list(blocks: &[Block], out: &mut String) {
    let mut first = true;
    for block in blocks {
        let mut rendered = String::new();
        render_block(block, &mut rendered);
        if rendered.is_empty() {
            continue;
        }
        if !first {
            out.push('\n');
        }
        first = false;
        out.push_str(&rendered);
    }
}

fn render_block(block: &Block, out: &mut String) {
    if block.name == REUSABLE {
        // The referenced tree, put here by whoever resolved the reference.
        render_list(&block.inner_blocks, out);
        return;
    }
    for part in parts(block) {
        match part {
            Part::Markup(markup) => out.push_str(markup),
            Part::Inner(inner) => render_block(inner, out),
        }
    }
}

/// Removes block delimiters (`<!-- wp:...-->`, `<!-- /wp:...-->`) from markup, including
/// unterminated ones (to the end, as an HTML parser reads an unterminated comment) and those
/// that removing others brings together.
fn strip_delimiters(markup: &str) -> String {
    let b = markup.as_bytes();
    let mut tokens = Tokenizer::new(markup);
    let mut out = String::with_capacity(markup.len());
    let mut i = 0;
    while let Some(c) = markup.get(i..).and_then(|rest| rest.chars().next()) {
        if c == '<'
            && b.get(i..).is_some_and(|rest| rest.starts_with(b"<!--"))
            && let Some(token) = tokens.match_at(i)
        {
            i = token.end;
            continue;
        }
        out.push(c);
        i += c.len_utf8();
        if c == ':'
            && let Some(start) = delimiter_start(&out)
        {
            out.truncate(start);
            match markup.get(i..).and_then(|rest| rest.find("-->")) {
                Some(k) => i += k + 3,
                None => break,
            }
        }
    }
    out
}

/// Where `<!--\s+/?wp:` ends `text`, if it does.
fn delimiter_start(text: &str) -> Option<usize> {
    let head = text.strip_suffix("wp:")?;
    let head = head.strip_suffix('/').unwrap_or(head);
    let trimmed = head.trim_end_matches(is_ws_char);
    if trimmed.len() == head.len() {
        return None;
    }
    trimmed.strip_suffix("<!--").map(str::len)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::content::blocks::test_support::{assert_stable, attrs, block};
    use crate::content::blocks::{parse, refs};

    #[test]
    fn group_inner_blocks_go_inside_the_container() {
        let markup = "<!-- wp:group -->\n<div class=\"wp-block-group\"><!-- wp:paragraph -->\n<p>In</p>\n<!-- /wp:paragraph --></div>\n<!-- /wp:group -->";
        let blocks = assert_stable(markup);
        assert_eq!(
            render(&blocks),
            "\n<div class=\"wp-block-group\">\n<p>In</p>\n</div>\n"
        );
        // Without inner_content, inner blocks go before the last closing tag.
        let mut group = blocks[0].clone();
        group.inner_content = None;
        assert_eq!(
            render(std::slice::from_ref(&group)),
            "\n<div class=\"wp-block-group\">\n<p>In</p>\n</div>\n"
        );
        group.html = "<hr>".to_owned();
        assert_eq!(render(&[group]), "<hr>\n<p>In</p>\n");
    }

    #[test]
    fn reusable_block_references() {
        let markup = "<!-- wp:block {\"ref\":12} /-->\n\n<!-- wp:group -->\n<div><!-- wp:block {\"ref\":7} /--><!-- wp:block {\"ref\":12} /--></div>\n<!-- /wp:group -->";
        let mut blocks = assert_stable(markup);
        assert_eq!(serialize(&blocks), markup);
        assert_eq!(blocks[0], block(REUSABLE, json!({"ref": 12}), ""));
        assert_eq!(refs(&blocks), [12, 7]);
        // Unresolved references render nothing; resolved ones render their tree.
        assert_eq!(render(&blocks), "\n<div></div>\n");
        blocks[0].inner_blocks = parse("<!-- wp:paragraph --><p>Shared</p><!-- /wp:paragraph -->");
        assert_eq!(render(&blocks[..1]), "<p>Shared</p>");
    }

    #[test]
    fn attributes_are_escaped_like_wordpress() {
        let tricky = json!({
            "content": "a --> b <!-- c --> & \"q\" </p> ---",
            "url": "https://example.com/a/b",
            "emoji": "é ☃",
            "backslash": "ends in \\",
            "nested": {"list": [1, -2, 2.5, null, true, "--"]},
        });
        let paragraph = block("core/paragraph", tricky, "<p>x</p>");
        let serialized = serialize(std::slice::from_ref(&paragraph));
        let opener = serialized
            .strip_prefix("<!-- wp:paragraph ")
            .and_then(|rest| rest.split(" -->").next())
            .unwrap_or_default();
        assert!(!opener.contains("--"), "{serialized}");
        for raw in ['<', '>', '&'] {
            assert!(!opener.contains(raw), "{serialized}");
        }
        assert!(opener.contains("\\u002d\\u002d\\u003e b \\u003c!\\u002d\\u002d c"));
        assert!(opener.contains("\\u0026 \\u0022q\\u0022"));
        assert!(opener.contains("https://example.com/a/b"));
        assert!(opener.contains("é ☃"));
        assert!(opener.contains("ends in \\\\\""));
        assert_eq!(parse(&serialized), vec![paragraph]);
        // WordPress's own encoding reads back the same.
        let wordpress = "<!-- wp:paragraph {\"content\":\"\\u003cb\\u003ex\\u003c/b\\u003e \\u002d\\u002d\\u0026 \\u0022\"} /-->";
        let blocks = assert_stable(wordpress);
        assert_eq!(
            blocks[0].attrs,
            attrs(json!({"content": "<b>x</b> --& \""}))
        );
        assert_eq!(serialize(&blocks), wordpress);
    }

    #[test]
    fn render_never_shows_delimiters() {
        // A client's tree may carry anything in its markup.
        let blocks = vec![
            block(FREEFORM, json!({}), "a<!-- wp:p -->b<!-- /wp:p -->c"),
            block("core/html", json!({}), "<!-<!-- wp:x -->- wp:y -->d"),
            block(
                "core/html",
                json!({}),
                "<!--  /wp:z {\"x\":1} -->e<!-- wp:tail",
            ),
        ];
        let rendered = render(&blocks);
        assert_eq!(rendered, "abc\nd\ne");
    }
}
