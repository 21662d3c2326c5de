//! Content HTML: sanitised on write, and the plain text derived from it.

use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    // Editors embed figures and media; scripts, styles, event handlers and `javascript:`
    // URLs never survive (ammonia's defaults drop them).
    b.add_tags([
        "figure",
        "figcaption",
        "iframe",
        "video",
        "audio",
        "source",
        "picture",
        "section",
    ])
    .add_generic_attributes(["class", "id"])
    .add_tag_attributes(
        "iframe",
        [
            "src",
            "width",
            "height",
            "title",
            "allowfullscreen",
            "loading",
        ],
    )
    .add_tag_attributes("video", ["src", "controls", "poster", "width", "height"])
    .add_tag_attributes("audio", ["src", "controls"])
    .add_tag_attributes("source", ["src", "srcset", "type", "media"])
    .add_tag_attributes("img", ["srcset", "sizes", "loading", "width", "height"])
    .add_tag_attributes("a", ["target"])
    .link_rel(Some("noopener noreferrer"));
    b
});

/// Removes everything that could run in a reader's browser.
/// How deeply `markup` nests elements, as a linear scan reads it (not a full parse): an
/// opening tag goes one deeper unless it is void, or its end tag may be left out (`p`,
/// `li`, `td`, ...), or it is self-closed inside `svg` or `math` (in HTML `<div/>` opens a
/// `div`, as a parser reads it); an end tag goes one back. Comments are skipped.
pub fn nesting(markup: &str) -> usize {
    const NO_DEPTH: [&str; 26] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup",
        "thead", "tbody", "tfoot",
    ];
    let bytes = markup.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    let mut foreign = 0usize;
    while let Some(at) = bytes[i..].iter().position(|b| *b == b'<') {
        i += at + 1;
        if bytes[i..].starts_with(b"!--") {
            i = markup[i..]
                .find("-->")
                .map_or(bytes.len(), |end| i + end + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let name_len = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 || !bytes[start].is_ascii_alphabetic() {
            continue;
        }
        let name = markup[start..start + name_len].to_ascii_lowercase();
        let embeds_foreign = matches!(name.as_str(), "svg" | "math");
        if closing {
            if !NO_DEPTH.contains(&name.as_str()) {
                depth = depth.saturating_sub(1);
            }
            if embeds_foreign {
                foreign = foreign.saturating_sub(1);
            }
            continue;
        }
        let end = markup[start..].find('>').map_or(bytes.len(), |e| start + e);
        let self_closed = foreign > 0 && end > 0 && bytes.get(end - 1) == Some(&b'/');
        if !self_closed && !NO_DEPTH.contains(&name.as_str()) {
            depth += 1;
            deepest = deepest.max(depth);
            if embeds_foreign {
                foreign += 1;
            }
        }
        i = end.min(bytes.len());
    }
    deepest
}

pub fn sanitize(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// The text of an HTML fragment, tags removed, entities decoded and white space folded.
pub fn text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut chars = html.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            '&' => {
                let mut entity = String::new();
                while let Some(&n) = chars.peek() {
                    if n == ';' || entity.len() > 10 {
                        break;
                    }
                    entity.push(n);
                    chars.next();
                }
                if chars.peek() == Some(&';') {
                    chars.next();
                    out.push_str(&decode_entity(&entity));
                } else {
                    out.push('&');
                    out.push_str(&entity);
                }
            }
            _ => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn decode_entity(entity: &str) -> String {
    let named = match entity {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" | "#39" => Some('\''),
        "nbsp" => Some(' '),
        "hellip" => Some('…'),
        "ndash" => Some('–'),
        "mdash" => Some('—'),
        "rsquo" => Some('’'),
        "lsquo" => Some('‘'),
        "rdquo" => Some('”'),
        "ldquo" => Some('“'),
        _ => None,
    };
    if let Some(c) = named {
        return c.to_string();
    }
    let code = entity
        .strip_prefix("#x")
        .or_else(|| entity.strip_prefix("#X"))
        .and_then(|h| u32::from_str_radix(h, 16).ok())
        .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()));
    match code.and_then(char::from_u32) {
        Some(c) => c.to_string(),
        None => format!("&{entity};"),
    }
}

/// An absolute http(s) URL with no white space or control characters and a host without
/// brackets (an IPv6 literal host is not taken), or nothing (the rule of every URL member;
/// the OpenAPI document states it as a pattern).
pub fn check_url(url: &str) -> std::result::Result<String, String> {
    if url.is_empty() {
        return Ok(String::new());
    }
    let forbidden = |c: char| c.is_whitespace() || c.is_control() || c == '\u{feff}';
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && url.chars().count() <= 2000
        && url.split_once("://").is_some_and(|(_, rest)| {
            let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
            !authority.is_empty() && !authority.contains(['[', ']'])
        })
        && !url.chars().any(forbidden);
    if ok {
        Ok(url.to_owned())
    } else {
        Err("must be an absolute http or https URL".to_owned())
    }
}

/// The first `words` words of a text, with an ellipsis when cut (WordPress uses 55).
pub fn excerpt(text: &str, words: usize) -> String {
    let mut it = text.split_whitespace();
    let head: Vec<&str> = it.by_ref().take(words).collect();
    let mut out = head.join(" ");
    if it.next().is_some() {
        out.push('…');
    }
    out
}

/// HTML-escapes text for element content and double-quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_take_brackets_only_after_the_host() {
        assert!(check_url("https://example.org/report.pdf").is_ok());
        assert!(check_url("http://[").is_err());
        assert!(check_url("http://[::1]/").is_err());
        assert!(check_url("https://a.org?x[1]").is_ok());
        assert!(check_url("https://example.org/a[1]?b[]=2").is_ok());
        assert!(check_url("https://?x").is_err());
        assert_eq!(check_url(""), Ok(String::new()));
    }

    #[test]
    fn nesting_counts_elements_that_hold_others() {
        assert_eq!(nesting(""), 0);
        assert_eq!(nesting("plain text"), 0);
        assert_eq!(
            nesting("<div><section><p>a<p>b<br><img src=x/></section></div>"),
            2
        );
        assert_eq!(
            nesting("<!-- wp:group --><div><div>x</div></div><!-- /wp:group -->"),
            2
        );
        assert_eq!(nesting(&"<div>".repeat(300)), 300);
        assert_eq!(
            nesting(&format!("{}{}", "<div>".repeat(5), "</div>".repeat(5)).repeat(100)),
            5
        );
        assert_eq!(nesting(&"<li>".repeat(1000)), 0);
        assert_eq!(nesting("a < b and <3 hearts"), 0);
        // `<div/>` opens a div in HTML; inside SVG a self-closed element holds nothing.
        assert_eq!(nesting(&"<div/>".repeat(300)), 300);
        assert_eq!(
            nesting(&format!("<svg>{}</svg>", "<path d=\"M0\"/>".repeat(300))),
            1
        );
    }

    #[test]
    fn sanitize_removes_scripts_and_handlers() {
        let dirty = r#"<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:alert(1)">l</a><img src="a.png" onerror="x()"></p>"#;
        let clean = sanitize(dirty);
        assert!(!clean.contains("script"), "{clean}");
        assert!(!clean.contains("onclick"), "{clean}");
        assert!(!clean.contains("onerror"), "{clean}");
        assert!(!clean.contains("javascript:"), "{clean}");
        assert!(clean.contains("<p>Hi"), "{clean}");
    }

    #[test]
    fn text_strips_tags_and_decodes() {
        assert_eq!(
            text("<p>Fish &amp; chips</p>\n<p>&#8220;ok&#8221;</p>"),
            "Fish & chips “ok”"
        );
    }

    #[test]
    fn excerpt_cuts_words() {
        assert_eq!(excerpt("one two three", 2), "one two…");
        assert_eq!(excerpt("one two", 2), "one two");
    }
}
