//! Block markup as WordPress's editor writes it (`<!-- wp:paragraph -->...`), the shapes of
//! the real site's export: paragraphs, headings, lists, quotes, images, embeds, buttons,
//! groups and references to reusable blocks. Written straight into one string.

use std::fmt::Write;

/// A body being written, block after block.
#[derive(Debug, Default)]
pub struct Markup {
    out: String,
}

impl Markup {
    pub fn with_capacity(bytes: usize) -> Markup {
        Markup {
            out: String::with_capacity(bytes),
        }
    }

    pub fn len(&self) -> usize {
        self.out.len()
    }

    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    pub fn finish(self) -> String {
        self.out
    }

    fn next_block(&mut self) {
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
    }

    /// A paragraph; `write` writes its inner HTML.
    pub fn paragraph(&mut self, write: impl FnOnce(&mut String)) {
        self.next_block();
        self.out.push_str("<!-- wp:paragraph -->\n<p>");
        write(&mut self.out);
        self.out.push_str("</p>\n<!-- /wp:paragraph -->");
    }

    pub fn heading(&mut self, level: u8, text: &str) {
        self.next_block();
        if level == 2 {
            self.out.push_str("<!-- wp:heading -->\n");
        } else {
            let _ = writeln!(self.out, "<!-- wp:heading {{\"level\":{level}}} -->");
        }
        let _ = write!(
            self.out,
            "<h{level}>{}</h{level}>\n<!-- /wp:heading -->",
            escape(text)
        );
    }

    /// A bulleted (or numbered) list of plain-text items.
    pub fn list<'a>(&mut self, ordered: bool, items: impl IntoIterator<Item = &'a str>) {
        self.next_block();
        let (attrs, tag) = if ordered {
            (" {\"ordered\":true}", "ol")
        } else {
            ("", "ul")
        };
        let _ = write!(self.out, "<!-- wp:list{attrs} -->\n<{tag}>");
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                self.out.push_str("\n\n");
            }
            let _ = write!(
                self.out,
                "<!-- wp:list-item -->\n<li>{}</li>\n<!-- /wp:list-item -->",
                escape(item)
            );
        }
        let _ = write!(self.out, "</{tag}>\n<!-- /wp:list -->");
    }

    pub fn quote(&mut self, text: &str, cite: &str) {
        self.next_block();
        let _ = write!(
            self.out,
            "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><!-- wp:paragraph -->\n<p>{}</p>\n\
             <!-- /wp:paragraph --><cite>{}</cite></blockquote>\n<!-- /wp:quote -->",
            escape(text),
            escape(cite)
        );
    }

    pub fn image(&mut self, src: &str, alt: &str, caption: &str) {
        self.next_block();
        let _ = write!(
            self.out,
            "<!-- wp:image {{\"sizeSlug\":\"large\"}} -->\n<figure class=\"wp-block-image size-large\">\
             <img src=\"{src}\" alt=\"{}\"/><figcaption class=\"wp-element-caption\">{}</figcaption>\
             </figure>\n<!-- /wp:image -->",
            escape(alt),
            escape(caption)
        );
    }

    /// A YouTube video embedded by its id.
    pub fn video(&mut self, id: &str) {
        self.next_block();
        let url = format!("https://www.youtube.com/watch?v={id}");
        let _ = write!(
            self.out,
            "<!-- wp:embed {{\"url\":\"{url}\",\"type\":\"video\",\"providerNameSlug\":\"youtube\",\
             \"responsive\":true,\"className\":\"wp-embed-aspect-16-9 wp-has-aspect-ratio\"}} -->\n\
             <figure class=\"wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube \
             wp-embed-aspect-16-9 wp-has-aspect-ratio\"><div class=\"wp-block-embed__wrapper\">\n{url}\n\
             </div></figure>\n<!-- /wp:embed -->"
        );
    }

    /// A row of buttons: `(label, link)`.
    pub fn buttons<'a>(&mut self, buttons: impl IntoIterator<Item = (&'a str, &'a str)>) {
        self.next_block();
        self.out
            .push_str("<!-- wp:buttons -->\n<div class=\"wp-block-buttons\">");
        for (i, (label, href)) in buttons.into_iter().enumerate() {
            if i > 0 {
                self.out.push('\n');
            }
            let _ = write!(
                self.out,
                "<!-- wp:button -->\n<div class=\"wp-block-button\"><a class=\"wp-block-button__link \
                 wp-element-button\" href=\"{href}\">{}</a></div>\n<!-- /wp:button -->",
                escape(label)
            );
        }
        self.out.push_str("</div>\n<!-- /wp:buttons -->");
    }

    /// A group with a background colour around the blocks `inner` writes.
    pub fn group(&mut self, color: &str, inner: impl FnOnce(&mut Markup)) {
        self.next_block();
        let _ = write!(
            self.out,
            "<!-- wp:group {{\"backgroundColor\":\"{color}\"}} -->\n<div class=\"wp-block-group \
             has-{color}-background-color has-background\">"
        );
        let mut nested = Markup::default();
        inner(&mut nested);
        self.out
            .push_str(&nested.out.replace("-->\n\n<!--", "-->\n<!--"));
        self.out.push_str("</div>\n<!-- /wp:group -->");
    }

    /// A reference to a reusable block.
    pub fn reusable(&mut self, id: i64) {
        self.next_block();
        let _ = write!(self.out, "<!-- wp:block {{\"ref\":{id}}} /-->");
    }
}

/// Escapes text for HTML.
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"']) {
        return text.into();
    }
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::blocks::{self, FREEFORM};

    #[test]
    fn what_is_written_parses_into_the_blocks_meant() {
        let mut m = Markup::default();
        m.paragraph(|p| p.push_str("One <strong>two</strong>."));
        m.heading(2, "Why it matters");
        m.heading(3, "Q&A");
        m.list(false, ["a", "b & c"]);
        m.list(true, ["first"]);
        m.quote("We can.", "A worker");
        m.image("/uploads/2024/03/a.jpg", "Workers", "Workers at a site");
        m.video("dQw4w9WgXcQ");
        m.buttons([("Donate", "/donate/"), ("Join", "/join/")]);
        m.group("tertiary", |g| {
            g.paragraph(|p| p.push_str("Stay informed."));
            g.buttons([("Subscribe", "/newsletter/")]);
        });
        m.reusable(42);
        let markup = m.finish();
        let tree = blocks::parse(&markup);
        let names: Vec<&str> = tree.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "core/paragraph",
                "core/heading",
                "core/heading",
                "core/list",
                "core/list",
                "core/quote",
                "core/image",
                "core/embed",
                "core/buttons",
                "core/group",
                "core/block"
            ],
            "{markup}"
        );
        assert!(!tree.iter().any(|b| b.name == FREEFORM));
        assert_eq!(tree[3].inner_blocks.len(), 2);
        assert_eq!(tree[5].inner_blocks[0].name, "core/paragraph");
        assert_eq!(tree[8].inner_blocks.len(), 2);
        assert_eq!(tree[9].inner_blocks.len(), 2);
        assert_eq!(tree[10].attrs["ref"], 42);
        assert_eq!(blocks::refs(&tree), [42]);
        assert!(blocks::check(&tree, "content").is_ok());
    }
}
