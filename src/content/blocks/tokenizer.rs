//! WordPress's tokenizer: finding the block delimiter comments in a document.

use serde_json::{Map, Value};

use super::FREEFORM;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TokenKind {
    Opener,
    Closer,
    Void,
}

/// A block delimiter comment, at `start..end` of the document.
#[derive(Debug)]
pub(super) struct Token {
    pub(super) kind: TokenKind,
    pub(super) name: String,
    pub(super) attrs: Map<String, Value>,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// WordPress's tokenizer regex, by hand:
/// `<!--\s+(/)?wp:([a-z][a-z0-9_-]*/)?([a-z][a-z0-9_-]*)\s+({(?:[^}]+|}+(?=})|(?!}\s+/?-->).)*+}\s+)?(/)?-->`
///
/// Its possessive attribute group ends at the first `}` followed by `\s+/?-->`, and nothing
/// else in the pattern backtracks usefully, so a match is decided left to right. That first
/// terminator is remembered, which keeps the whole scan linear in the document's length
/// (where PCRE hits its backtracking limit and WordPress stops parsing, this goes on).
pub(super) struct Tokenizer<'a> {
    doc: &'a str,
    /// The last terminator search: from `.0`, the first terminator is at `.1` (none: no more).
    terminator: Option<(usize, Option<usize>)>,
}

impl<'a> Tokenizer<'a> {
    pub(super) fn new(doc: &'a str) -> Self {
        Tokenizer {
            doc,
            terminator: None,
        }
    }

    /// The first block delimiter at or after `from`.
    ///
    /// `wp:freeform` is no delimiter: freeform is what lies outside blocks, and [`serialize`]
    /// writes it bare. Reading it as plain markup keeps every `core/freeform` of a parsed tree
    /// at the top level, where serializing it bare gives the same tree back.
    ///
    /// [`serialize`]: super::serialize
    pub(super) fn next(&mut self, from: usize) -> Option<Token> {
        let mut at = from;
        loop {
            let i = at + self.doc.get(at..)?.find("<!--")?;
            match self.match_at(i) {
                Some(token) if token.name != FREEFORM => return Some(token),
                _ => at = i + 1,
            }
        }
    }

    /// The delimiter starting exactly at `i`, if one does.
    pub(super) fn match_at(&mut self, i: usize) -> Option<Token> {
        let b = self.doc.as_bytes();
        if !b.get(i..)?.starts_with(b"<!--") {
            return None;
        }
        let mut p = skip_ws(b, i + 4);
        if p == i + 4 {
            return None;
        }
        let closer = b.get(p) == Some(&b'/');
        if closer {
            p += 1;
        }
        if !b.get(p..)?.starts_with(b"wp:") {
            return None;
        }
        p += 3;
        let first = ident_end(b, p)?;
        let (name, after_name) = if b.get(first) == Some(&b'/') {
            // With a namespace the name must follow; the regex's retry without one fails too,
            // as a name is never followed by `/`.
            let end = ident_end(b, first + 1)?;
            (self.doc.get(p..end)?.to_owned(), end)
        } else {
            (format!("core/{}", self.doc.get(p..first)?), first)
        };
        p = skip_ws(b, after_name);
        if p == after_name {
            return None;
        }
        let mut attrs_text = None;
        if b.get(p) == Some(&b'{') {
            let close = self.terminator(p + 1)?;
            attrs_text = self.doc.get(p..=close);
            p = skip_ws(b, close + 1);
        }
        let void = b.get(p) == Some(&b'/');
        if void {
            p += 1;
        }
        if !b.get(p..)?.starts_with(b"-->") {
            return None;
        }
        let kind = match (void, closer) {
            (true, _) => TokenKind::Void,
            (false, true) => TokenKind::Closer,
            (false, false) => TokenKind::Opener,
        };
        // WordPress reads attributes that are not a JSON object as null; an empty object
        // serves the same purpose without an extra state.
        let attrs = match (kind, attrs_text) {
            (TokenKind::Closer, _) | (_, None) => Map::new(),
            (_, Some(text)) => serde_json::from_str(text).unwrap_or_default(),
        };
        Some(Token {
            kind,
            name,
            attrs,
            start: i,
            end: p + 3,
        })
    }

    /// The first `}` at or after `from` that is followed by `\s+/?-->`.
    fn terminator(&mut self, from: usize) -> Option<usize> {
        if let Some((searched, found)) = self.terminator
            && searched <= from
        {
            match found {
                None => return None,
                Some(at) if at >= from => return Some(at),
                Some(_) => {}
            }
        }
        let b = self.doc.as_bytes();
        let mut q = from;
        let found = loop {
            let Some(k) = b
                .get(q..)
                .and_then(|rest| rest.iter().position(|&c| c == b'}'))
            else {
                break None;
            };
            let at = q + k;
            let p = skip_ws(b, at + 1);
            let p = if p > at + 1 && b.get(p) == Some(&b'/') {
                p + 1
            } else {
                p
            };
            if p > at + 1 && b.get(p..).is_some_and(|rest| rest.starts_with(b"-->")) {
                break Some(at);
            }
            q = at + 1;
        };
        self.terminator = Some((from, found));
        found
    }
}

/// PCRE's `\s` without the `u` flag.
pub(super) fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

pub(super) fn is_ws_char(c: char) -> bool {
    c.is_ascii() && is_ws(c as u8)
}

fn skip_ws(b: &[u8], mut p: usize) -> usize {
    while b.get(p).copied().is_some_and(is_ws) {
        p += 1;
    }
    p
}

/// The end of `[a-z][a-z0-9_-]*` starting at `p`.
fn ident_end(b: &[u8], p: usize) -> Option<usize> {
    if !b.get(p)?.is_ascii_lowercase() {
        return None;
    }
    let mut q = p + 1;
    while b
        .get(q)
        .is_some_and(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_' || c == b'-')
    {
        q += 1;
    }
    Some(q)
}

#[cfg(test)]
mod tests {
    use serde_json::{Map, json};

    use crate::content::blocks::test_support::{assert_stable, attrs, block, names};
    use crate::content::blocks::{FREEFORM, parse, render, serialize};

    #[test]
    fn tokenizer_follows_the_wordpress_regex() {
        // Attributes end at the first `}` followed by white space and `-->`.
        let blocks = parse("<!-- wp:a {\"x\":\"} -->\"} -->y<!-- /wp:a -->");
        assert_eq!(blocks[0].attrs, Map::new());
        assert_eq!(blocks[0].html, "\"} -->y");
        // White space is required around the name and before `-->`.
        for text in [
            "<!--wp:p -->x<!-- /wp:p -->",
            "<!-- wp:p-->x<!-- /wp:p -->",
            "<!-- wp:P -->x<!-- /wp:P -->",
            "<!-- wp:p {\"a\":1}-->x<!-- /wp:p -->",
        ] {
            let blocks = assert_stable(text);
            assert!(
                blocks.iter().all(|b| b.name == FREEFORM),
                "{text:?}: {blocks:?}"
            );
        }
        // Nested braces and `}}` in attributes.
        let blocks = parse("<!-- wp:a {\"o\":{\"p\":{\"q\":1}}} /-->");
        assert_eq!(blocks[0].attrs, attrs(json!({"o": {"p": {"q": 1}}})));
        // A closer's attributes are ignored; `/-->` on a closer makes it void.
        let blocks = assert_stable("<!-- wp:a -->x<!-- /wp:a {\"z\":1} -->");
        assert_eq!(blocks, vec![block("core/a", json!({}), "x")]);
        let blocks = assert_stable("<!-- /wp:a /-->");
        assert_eq!(blocks, vec![block("core/a", json!({}), "")]);
        // Vertical tab and form feed count as white space, as in PCRE.
        assert_eq!(names(&parse("<!--\u{b}wp:p\u{c}/-->")), ["core/p"]);
    }

    #[test]
    fn bad_json_attributes_become_empty() {
        for text in [
            "<!-- wp:p {not json} -->x<!-- /wp:p -->",
            "<!-- wp:p {\"a\":} -->x<!-- /wp:p -->",
            "<!-- wp:p {\"a\":\"\\ud800\"} -->x<!-- /wp:p -->",
            "<!-- wp:p {\"a\":1e999} -->x<!-- /wp:p -->",
        ] {
            let blocks = assert_stable(text);
            assert_eq!(blocks, vec![block("core/p", json!({}), "x")], "{text}");
            assert_eq!(serialize(&blocks), "<!-- wp:p -->x<!-- /wp:p -->");
        }
        let deep = format!(
            "<!-- wp:p {{\"a\":{}1{}}} /-->",
            "[".repeat(500),
            "]".repeat(500)
        );
        assert_eq!(parse(&deep), vec![block("core/p", json!({}), "")]);
    }

    #[test]
    fn truncated_and_junk_comments() {
        for text in [
            "<!-- wp:para",
            "<!-- wp:paragraph {\"a\":1",
            "<!-- wp:",
            "<!--",
            "<!-- /wp:",
            "<!-- wp:p -",
            "<p>x</p><!-- wp:paragraph --><p>y",
            "<!-- wp:freeform -->z<!-- /wp:freeform -->",
            "<!-- not a block -->",
        ] {
            let blocks = assert_stable(text);
            assert!(names(&blocks).iter().all(|&n| n == FREEFORM), "{text:?}");
        }
        assert_eq!(render(&parse("a<!-- wp:para")), "a");
        assert_eq!(render(&parse("<!-- a -->b")), "<!-- a -->b");
    }
}
