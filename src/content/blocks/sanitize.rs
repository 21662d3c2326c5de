//! Sanitising a tree on the write path: markup, attributes and script URLs.

use serde_json::Value;

use super::render::placement;
use super::tokenizer::is_ws_char;
use super::{Block, FREEFORM};
use crate::content::html;

/// Stands for an inner block while a container's pieces are sanitised as one document: a
/// private-use character that ammonia keeps as text and no editor types.
const MARKER_CHAR: char = '\u{F0000}';
const MARKER: &str = "\u{F0000}hp\u{F0000}";

/// Sanitises a tree in place: all markup goes through [`html::sanitize`] (a container's
/// pieces as one document, so its structure survives), string attributes holding markup are
/// sanitised too, and those holding a script URL are emptied. Block comments never survive.
///
/// Top-level freeform markup is trimmed, as [`parse`] does; freeform left empty serializes to
/// nothing.
///
/// [`parse`]: fn@super::parse
pub fn sanitize(blocks: &mut [Block]) {
    for block in blocks {
        sanitize_block(block);
        if block.name == FREEFORM && block.inner_content.is_none() {
            let trimmed = block.html.trim_matches(is_ws_char);
            if trimmed.len() != block.html.len() {
                block.html = trimmed.to_owned();
            }
        }
    }
}

fn sanitize_block(block: &mut Block) {
    for (name, value) in block.attrs.iter_mut() {
        sanitize_value(value);
        // Frontends put these in `class="..."` and `id="..."` as they are: only the
        // characters of class names and ids survive (no quote can end the attribute).
        if let ("className" | "anchor", Value::String(s)) = (name.as_str(), &mut *value) {
            *s = html_tokens(s);
        }
    }
    let segments = segments(block);
    let cleaned = clean_segments(&segments);
    if cleaned.len() == 1 {
        block.html = cleaned.into_iter().collect();
        block.inner_content = None;
    } else {
        let mut content = Vec::with_capacity(cleaned.len() * 2);
        for (i, segment) in cleaned.into_iter().enumerate() {
            if i > 0 {
                content.push(None);
            }
            if !segment.is_empty() {
                content.push(Some(segment));
            }
        }
        block.html = content.iter().flatten().map(String::as_str).collect();
        block.inner_content = Some(content);
    }
    for inner in &mut block.inner_blocks {
        sanitize_block(inner);
    }
}

/// A block's markup split at its inner blocks: one segment more than there are inner places.
fn segments(block: &Block) -> Vec<String> {
    match &block.inner_content {
        Some(content) => {
            let mut out = vec![String::new()];
            for piece in content {
                match piece {
                    Some(markup) => {
                        if let Some(last) = out.last_mut() {
                            last.push_str(markup);
                        }
                    }
                    None => out.push(String::new()),
                }
            }
            out
        }
        None if block.inner_blocks.is_empty() => vec![block.html.clone()],
        None => {
            // Makes the default placement explicit, so that sanitising cannot move it.
            let at = placement(&block.html);
            let (head, tail) = block
                .html
                .split_at_checked(at)
                .unwrap_or((block.html.as_str(), ""));
            let mut out = vec![head.to_owned()];
            out.extend((1..block.inner_blocks.len()).map(|_| String::new()));
            out.push(tail.to_owned());
            out
        }
    }
}

/// Sanitises a container's segments as one document, so that `<div>` and `</div>` on either
/// side of its inner blocks stay one element, and splits the result back. When the markers did
/// not all come back, or not as text (inside a tag, an inner block would land in an
/// attribute), each segment is sanitised alone: safe, though the container loses its shape.
fn clean_segments(segments: &[String]) -> Vec<String> {
    let segments: Vec<String> = segments
        .iter()
        .map(|segment| segment.replace(MARKER_CHAR, ""))
        .collect();
    if let [only] = segments.as_slice() {
        return vec![clean(only)];
    }
    let cleaned = clean(&segments.join(MARKER));
    if markers_in_text(&cleaned) == Some(segments.len() - 1) {
        cleaned.split(MARKER).map(str::to_owned).collect()
    } else {
        segments.iter().map(|segment| clean(segment)).collect()
    }
}

/// How many markers `markup` (ammonia's output: double-quoted attributes, `"` escaped inside
/// them) holds, or None when one sits inside a tag.
fn markers_in_text(markup: &str) -> Option<usize> {
    let mut count = 0;
    let mut in_tag = false;
    let mut in_value = false;
    let mut rest = markup;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with(MARKER) {
            if in_tag {
                return None;
            }
            count += 1;
            rest = &rest[MARKER.len()..];
            continue;
        }
        match c {
            '"' if in_tag => in_value = !in_value,
            '<' if !in_tag => in_tag = true,
            '>' if in_tag && !in_value => in_tag = false,
            _ => {}
        }
        rest = &rest[c.len_utf8()..];
    }
    Some(count)
}

/// [`html::sanitize`], and no `<!--` left anywhere (ammonia removes comments, but an attribute
/// value may still spell one, which would read as a block delimiter once serialized).
fn clean(markup: &str) -> String {
    let cleaned = html::sanitize(markup);
    if cleaned.contains("<!--") {
        cleaned.replace("<!--", "&lt;!--")
    } else {
        cleaned
    }
}

fn sanitize_value(value: &mut Value) {
    match value {
        Value::String(s) => {
            if s.contains('<') {
                *s = clean(s);
            }
            if is_script_url(s) {
                s.clear();
            }
        }
        Value::Array(items) => items.iter_mut().for_each(sanitize_value),
        Value::Object(members) => members.values_mut().for_each(sanitize_value),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// The words of a class list or an id made only of letters, digits, `-`, `_` and `:`
/// (what WordPress writes), space-separated; anything else is dropped.
fn html_tokens(value: &str) -> String {
    value
        .split_whitespace()
        .filter(|t| {
            t.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ':'))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a browser would run `value` as a URL: read as its URL parser does, which ignores
/// leading control characters and spaces, and tabs and newlines anywhere.
fn is_script_url(value: &str) -> bool {
    let head: String = value
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(16)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    ["javascript:", "vbscript:", "data:text/html"]
        .iter()
        .any(|scheme| head.starts_with(scheme))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::content::blocks::test_support::{attrs, block};
    use crate::content::blocks::{check, parse, render, serialize};

    #[test]
    fn class_names_and_anchors_keep_only_their_words() {
        let mut blocks = vec![block(
            "core/paragraph",
            json!({
                "className": "wp-block-x has-large-font-size \" onmouseover=\"alert(1)",
                "anchor": "key-findings\"><img src=x>",
                "align": "wide"
            }),
            "<p>x</p>",
        )];
        sanitize(&mut blocks);
        assert_eq!(
            blocks[0].attrs["className"],
            "wp-block-x has-large-font-size"
        );
        assert_eq!(blocks[0].attrs["anchor"], "");
        assert_eq!(blocks[0].attrs["align"], "wide");
    }

    #[test]
    fn sanitize_cleans_markup_and_keeps_containers() {
        let markup = "<!-- wp:group -->\n<div class=\"wp-block-group\" onclick=\"steal()\"><script>alert(1)</script><!-- wp:paragraph {\"content\":\"<img src=x onerror=alert(1)>\",\"url\":\" JavaScript:alert(1)\",\"list\":[\"vbscript:x\",{\"u\":\"data:text/html;base64,xx\"}],\"ok\":\"https://example.com\",\"n\":3} -->\n<p onclick=\"x()\"><a href=\"javascript:alert(1)\">l</a></p>\n<!-- /wp:paragraph --></div>\n<!-- /wp:group -->";
        let mut blocks = parse(markup);
        sanitize(&mut blocks);
        let group = &blocks[0];
        assert_eq!(
            group.inner_content,
            Some(vec![
                Some("\n<div class=\"wp-block-group\">".to_owned()),
                None,
                Some("</div>\n".to_owned()),
            ])
        );
        assert_eq!(group.html, "\n<div class=\"wp-block-group\"></div>\n");
        let paragraph = &group.inner_blocks[0];
        assert_eq!(
            paragraph.html,
            "\n<p><a rel=\"noopener noreferrer\">l</a></p>\n"
        );
        assert_eq!(
            paragraph.attrs,
            attrs(json!({
                "content": "<img src=\"x\">",
                "url": "",
                "list": ["", {"u": ""}],
                "ok": "https://example.com",
                "n": 3,
            }))
        );
        let rendered = render(&blocks);
        for bad in ["script", "onclick", "onerror", "javascript:"] {
            assert!(!rendered.contains(bad), "{rendered}");
        }
        assert_eq!(
            rendered,
            "\n<div class=\"wp-block-group\">\n<p><a rel=\"noopener noreferrer\">l</a></p>\n</div>\n"
        );
        // Still a valid tree that round-trips.
        assert!(check(&blocks, "blocks").is_ok());
        assert_eq!(parse(&serialize(&blocks)), blocks);
    }

    #[test]
    fn sanitize_removes_block_comments_from_markup() {
        let mut blocks = parse("<p>a</p><!-- wp:p -->b<!-- /wp:q -->");
        sanitize(&mut blocks);
        assert_eq!(blocks, vec![block(FREEFORM, json!({}), "<p>a</p>b")]);
        // Even where ammonia keeps raw text.
        let mut blocks = vec![block(
            "core/embed",
            json!({}),
            "<iframe src=\"/v\"><!-- wp:p --></iframe>",
        )];
        sanitize(&mut blocks);
        assert!(!blocks[0].html.contains("<!--"), "{}", blocks[0].html);
        assert_eq!(parse(&serialize(&blocks)), blocks);
    }

    #[test]
    fn sanitize_never_puts_an_inner_block_inside_a_tag() {
        let mut outer = block("core/group", json!({}), "");
        outer.inner_blocks = vec![block(
            "core/paragraph",
            json!({}),
            "<p class=\"a onmouseover=alert(1)\">p</p>",
        )];
        outer.inner_content = Some(vec![
            Some("<div class=\"".to_owned()),
            None,
            Some("\">x</div>".to_owned()),
        ]);
        let mut blocks = vec![outer];
        sanitize(&mut blocks);
        let rendered = render(&blocks);
        assert!(!rendered.contains("class=\"<p"), "{rendered}");
        assert!(
            rendered.contains("<p class=\"a onmouseover=alert(1)\">p</p>"),
            "{rendered}"
        );

        // Without inner_content the default place is made explicit.
        let mut outer = block("core/group", json!({}), "<div class=\"g\"></div>");
        outer.inner_blocks = vec![block("core/separator", json!({}), "<hr>")];
        let mut blocks = vec![outer];
        sanitize(&mut blocks);
        assert_eq!(
            blocks[0].inner_content,
            Some(vec![
                Some("<div class=\"g\">".to_owned()),
                None,
                Some("</div>".to_owned())
            ])
        );
        // Marker characters in the input cannot split a container.
        let mut outer = block("core/group", json!({}), "");
        outer.inner_blocks = vec![block("core/separator", json!({}), "<hr>")];
        outer.inner_content = Some(vec![
            Some(format!("<div>{MARKER}</div><div>")),
            None,
            Some("</div>".to_owned()),
        ]);
        let mut blocks = vec![outer];
        sanitize(&mut blocks);
        assert_eq!(
            blocks[0].inner_content,
            Some(vec![
                Some("<div>hp</div><div>".to_owned()),
                None,
                Some("</div>".to_owned())
            ])
        );
    }
}
