//! What has been read: the elements open around the reader, and the site or item they fill in.

use std::mem;

use quick_xml::XmlVersion;
use quick_xml::events::BytesStart;

use super::elements::{Field, Frame, Ns, child};
use super::model::{Author, Event, Item, ItemTerm, Site, Term};
use super::position::{Location, WxrError};

/// Whitespace as XML defines it.
fn trim_xml(text: &str) -> &str {
    text.trim_matches([' ', '\t', '\r', '\n'])
}

/// What has been read so far, and where the reader is.
#[derive(Default)]
pub(super) struct State {
    /// The elements open around the reader, outermost first, up to the first skipped one.
    stack: Vec<Frame>,
    /// How deep the reader is inside an element it skips (0 when it is not).
    skip: usize,
    saw_root: bool,
    root_closed: bool,
    saw_channel: bool,
    site_sent: bool,
    /// The value of the field being read, text and CDATA together.
    text: String,
    field_at: Option<Location>,
    site: Site,
    author: Author,
    term: Term,
    item: Item,
    item_at: Option<Location>,
    has_post_id: bool,
    /// The `<category>` being read, when it has both a domain and a nicename.
    item_term: Option<ItemTerm>,
    meta_key: String,
    meta_value: String,
}

impl State {
    pub(super) fn start(
        &mut self,
        ns: Ns,
        start: &BytesStart<'_>,
        at: Location,
    ) -> Result<Option<Event>, WxrError> {
        if self.skip > 0 {
            self.skip += 1;
            return Ok(None);
        }
        let local = start.local_name().into_inner();
        let Some(&parent) = self.stack.last() else {
            let name = start.name().into_inner();
            if self.root_closed {
                return Err(at.error(format!(
                    "malformed XML: a second root element <{name}> after </rss>"
                )));
            }
            if ns != Ns::Rss || local != "rss" {
                return Err(at.error(format!(
                    "not a WXR document: the root element is <{name}>, not <rss>"
                )));
            }
            self.saw_root = true;
            self.stack.push(Frame::Rss);
            return Ok(None);
        };
        let Some(frame) = child(parent, ns, local) else {
            if parent == Frame::Item && ns == Ns::Wp && local == "comment" {
                self.item.comments += 1;
            }
            self.skip = 1;
            return Ok(None);
        };
        let mut emitted = None;
        match frame {
            Frame::Channel if self.saw_channel => {
                // RSS has one channel; WordPress never writes a second.
                self.skip = 1;
                return Ok(None);
            }
            Frame::Channel => self.saw_channel = true,
            Frame::Author | Frame::Category | Frame::Tag | Frame::Term if self.site_sent => {
                // The site has gone out with the first item; taking these in silently would
                // lose them, so say what is wrong with the file.
                return Err(at.error(format!(
                    "<{}> after the first <item>: WXR lists authors and terms before items",
                    start.name().into_inner()
                )));
            }
            Frame::Author => self.author = Author::default(),
            Frame::Category | Frame::Tag | Frame::Term => {
                let taxonomy = match frame {
                    Frame::Category => "category",
                    Frame::Tag => "post_tag",
                    _ => "",
                };
                self.term = Term {
                    taxonomy: taxonomy.to_owned(),
                    ..Term::default()
                };
            }
            Frame::Item => {
                if !self.site_sent {
                    emitted = Some(self.send_site(at)?);
                }
                self.item = Item {
                    line: at.line,
                    ..Item::default()
                };
                self.item_at = Some(at);
                self.has_post_id = false;
            }
            Frame::Postmeta => {
                self.meta_key.clear();
                self.meta_value.clear();
            }
            Frame::Field(field) if field.is_site() && self.site_sent => {
                self.skip = 1;
                return Ok(None);
            }
            Frame::Field(field) => {
                if field == Field::ItemTermName {
                    // Like WordPress's importer, take only categories that name their
                    // taxonomy: WXR 1.0 also wrote a bare copy of each category.
                    let domain = attribute(start, "domain", at)?;
                    let nicename = attribute(start, "nicename", at)?;
                    let (Some(domain), Some(slug)) = (domain, nicename) else {
                        self.skip = 1;
                        return Ok(None);
                    };
                    self.item_term = Some(ItemTerm {
                        domain,
                        slug,
                        name: String::new(),
                    });
                }
                self.text.clear();
                self.field_at = Some(at);
            }
            Frame::Rss => {}
        }
        self.stack.push(frame);
        Ok(emitted)
    }

    pub(super) fn end(&mut self, at: Location) -> Result<Option<Event>, WxrError> {
        if self.skip > 0 {
            self.skip -= 1;
            return Ok(None);
        }
        // quick-xml has checked that this end tag closes the element opened last.
        let Some(frame) = self.stack.pop() else {
            return Ok(None);
        };
        match frame {
            Frame::Rss => {
                if !self.saw_channel {
                    return Err(at.error("not a WXR document: <rss> has no <channel>"));
                }
                self.root_closed = true;
            }
            Frame::Channel if !self.site_sent => return self.send_site(at).map(Some),
            Frame::Channel => {}
            Frame::Author => self.site.authors.push(mem::take(&mut self.author)),
            Frame::Category | Frame::Tag | Frame::Term => {
                self.site.terms.push(mem::take(&mut self.term));
            }
            Frame::Item => {
                let item_at = self.item_at.unwrap_or(at);
                if !self.has_post_id {
                    return Err(item_at.error("<item> has no <wp:post_id>"));
                }
                return Ok(Some(Event::Item(Box::new(mem::take(&mut self.item)))));
            }
            Frame::Postmeta => {
                let pair = (
                    mem::take(&mut self.meta_key),
                    mem::take(&mut self.meta_value),
                );
                self.item.meta.push(pair);
            }
            Frame::Field(field) => self.store(field, at)?,
        }
        Ok(None)
    }

    pub(super) fn text(&mut self, text: &str, at: Location) -> Result<(), WxrError> {
        if self.skip > 0 {
            return Ok(());
        }
        match self.stack.last() {
            Some(Frame::Field(_)) => self.text.push_str(text),
            // Whitespace between elements, or stray text in them: nothing to keep.
            Some(_) => {}
            None if trim_xml(text).is_empty() => {}
            None if self.root_closed => {
                return Err(at
                    .past_whitespace(text)
                    .error("malformed XML: text after the end of </rss>"));
            }
            None => {
                return Err(at
                    .past_whitespace(text)
                    .error("not an XML document: it starts with text rather than an element"));
            }
        }
        Ok(())
    }

    pub(super) fn eof(&self, end: Location) -> Result<(), WxrError> {
        if self.root_closed {
            return Ok(());
        }
        if !self.saw_root {
            return Err(end.error("not an XML document: no root element"));
        }
        let inside = if self.stack.contains(&Frame::Item) {
            format!("the <item> that starts on line {}", self.item.line)
        } else if self.stack.contains(&Frame::Channel) {
            "<channel>".to_owned()
        } else {
            "<rss>".to_owned()
        };
        Err(end.error(format!(
            "unexpected end of input inside {inside}: the file is cut short"
        )))
    }

    fn send_site(&mut self, at: Location) -> Result<Event, WxrError> {
        let version = trim_xml(&self.site.wxr_version);
        if version.is_empty() {
            return Err(at.error(
                "not a WXR document: no <wp:wxr_version> in the <channel> before this point",
            ));
        }
        // The check WordPress's importer makes.
        let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !version
            .split_once('.')
            .is_some_and(|(major, minor)| numeric(major) && numeric(minor))
        {
            return Err(at.error(format!(
                "not a WXR document: <wp:wxr_version> is {version:?}, not a version number"
            )));
        }
        self.site_sent = true;
        Ok(Event::Site(mem::take(&mut self.site)))
    }

    fn store(&mut self, field: Field, at: Location) -> Result<(), WxrError> {
        let text = mem::take(&mut self.text);
        let field_at = self.field_at.unwrap_or(at);
        let number = |name: &str, optional: bool| -> Result<i64, WxrError> {
            let digits = trim_xml(&text);
            if digits.is_empty() && optional {
                return Ok(0);
            }
            digits
                .parse()
                .map_err(|_| field_at.error(format!("<{name}> is not a number: {digits:?}")))
        };
        match field {
            Field::SiteTitle => self.site.title = text,
            Field::SiteLink => self.site.link = text,
            Field::WxrVersion => self.site.wxr_version = text,
            Field::BaseSiteUrl => self.site.base_site_url = text,
            Field::BaseBlogUrl => self.site.base_blog_url = text,
            Field::AuthorId => self.author.id = number("wp:author_id", false)?,
            Field::AuthorLogin => self.author.login = text,
            Field::AuthorEmail => self.author.email = text,
            Field::AuthorDisplayName => self.author.display_name = text,
            Field::AuthorFirstName => self.author.first_name = text,
            Field::AuthorLastName => self.author.last_name = text,
            Field::TermId => self.term.id = number("wp:term_id", false)?,
            Field::TermTaxonomy => self.term.taxonomy = text,
            Field::TermSlug => self.term.slug = text,
            Field::TermParent => self.term.parent_slug = text,
            Field::TermName => self.term.name = text,
            Field::TermDescription => self.term.description = text,
            Field::Title => self.item.title = text,
            Field::Link => self.item.link = text,
            Field::Guid => self.item.guid = text,
            Field::Creator => self.item.creator = text,
            Field::Content => self.item.content = text,
            Field::Excerpt => self.item.excerpt = text,
            Field::PostId => {
                self.item.post_id = number("wp:post_id", false)?;
                self.has_post_id = true;
            }
            Field::PostDate => self.item.post_date = text,
            Field::PostDateGmt => self.item.post_date_gmt = text,
            Field::Modified => self.item.modified = text,
            Field::ModifiedGmt => self.item.modified_gmt = text,
            Field::Status => self.item.status = text,
            Field::PostName => self.item.post_name = text,
            Field::PostParent => self.item.post_parent = number("wp:post_parent", true)?,
            Field::MenuOrder => self.item.menu_order = number("wp:menu_order", true)?,
            Field::PostType => self.item.post_type = text,
            Field::PostPassword => self.item.post_password = text,
            Field::IsSticky => self.item.is_sticky = number("wp:is_sticky", true)? != 0,
            Field::AttachmentUrl => self.item.attachment_url = text,
            Field::ItemTermName => {
                if let Some(mut term) = self.item_term.take() {
                    term.name = text;
                    self.item.terms.push(term);
                }
            }
            Field::MetaKey => self.meta_key = text,
            Field::MetaValue => self.meta_value = text,
        }
        Ok(())
    }
}

/// An attribute's value with its entities decoded.
fn attribute(start: &BytesStart<'_>, name: &str, at: Location) -> Result<Option<String>, WxrError> {
    let malformed = |e: quick_xml::Error| at.error(format!("malformed XML: {e}"));
    let Some(attribute) = start
        .try_get_attribute(name)
        .map_err(|e| malformed(e.into()))?
    else {
        return Ok(None);
    };
    let value = attribute
        .normalized_value(XmlVersion::Implicit1_0)
        .map_err(malformed)?;
    Ok(Some(value.into_owned()))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::import::wxr::testing::{fixture, read_all, read_err, read_ok, wxr};

    fn item(items: &[Item], post_id: i64) -> &Item {
        items
            .iter()
            .find(|i| i.post_id == post_id)
            .unwrap_or_else(|| panic!("no item {post_id}"))
    }

    #[test]
    fn fixture_site() {
        let (site, _) = read_ok(&fixture());
        assert_eq!(site.title, "Human Rights Resource Hub");
        assert_eq!(site.link, "http://127.0.0.1:8081");
        assert_eq!(site.base_site_url, "http://127.0.0.1:8081");
        assert_eq!(site.base_blog_url, "http://127.0.0.1:8081");
        assert_eq!(site.wxr_version, "1.2");

        let logins: Vec<_> = site.authors.iter().map(|a| a.login.as_str()).collect();
        assert_eq!(logins, ["admin", "sophie", "daniel", "amara", "priya"]);
        assert_eq!(
            site.authors[1],
            Author {
                id: 5,
                login: "sophie".into(),
                email: "sophie@example.org".into(),
                display_name: "Sophie Laurent".into(),
                first_name: "Sophie".into(),
                last_name: "Laurent".into(),
            }
        );

        let mut per_taxonomy = BTreeMap::new();
        for term in &site.terms {
            *per_taxonomy.entry(term.taxonomy.as_str()).or_insert(0) += 1;
        }
        assert_eq!(
            per_taxonomy,
            BTreeMap::from([
                ("category", 5),
                ("events_categories", 6),
                ("events_tags", 5),
                ("post_tag", 40),
                ("resource_type", 4),
            ])
        );
        // Written as CDATA, so kept as WordPress stored it (term names are stored escaped).
        assert_eq!(
            site.terms[0],
            Term {
                id: 3,
                taxonomy: "category".into(),
                slug: "business-human-rights".into(),
                name: "Business &amp; Human Rights".into(),
                parent_slug: String::new(),
                description:
                    "Corporate responsibility, due diligence and supply chain transparency.".into(),
            }
        );
        // The export's categories are all top-level (the parent is read: see `term_parents`).
        let categories: Vec<_> = site
            .terms
            .iter()
            .filter(|t| t.taxonomy == "category")
            .map(|t| (t.id, t.slug.as_str(), t.parent_slug.as_str()))
            .collect();
        assert_eq!(
            categories,
            [
                (3, "business-human-rights", ""),
                (4, "labour-rights", ""),
                (5, "migration-displacement", ""),
                (2, "modern-slavery-trafficking", ""),
                (6, "policy-advocacy", ""),
            ]
        );
        let tag = site.terms.iter().find(|t| t.taxonomy == "post_tag");
        assert_eq!(
            tag,
            Some(&Term {
                id: 24,
                taxonomy: "post_tag".into(),
                slug: "access-to-remedy".into(),
                name: "Access to Remedy".into(),
                parent_slug: String::new(),
                description: String::new(),
            })
        );
        let guidance = site.terms.iter().find(|t| t.slug == "guidance");
        assert_eq!(
            guidance,
            Some(&Term {
                id: 47,
                taxonomy: "resource_type".into(),
                slug: "guidance".into(),
                name: "Guidance".into(),
                parent_slug: String::new(),
                description: "Practical guidance for policy makers, businesses and practitioners."
                    .into(),
            })
        );
    }

    #[test]
    fn fixture_item_counts() {
        let (_, items) = read_ok(&fixture());
        assert_eq!(items.len(), 278);
        let mut per_type = BTreeMap::new();
        for item in &items {
            *per_type.entry(item.post_type.as_str()).or_insert(0) += 1;
        }
        assert_eq!(
            per_type,
            BTreeMap::from([
                ("acf-field", 20),
                ("acf-field-group", 4),
                ("ai1ec_event", 70),
                ("attachment", 14),
                ("page", 20),
                ("post", 93),
                ("resource", 52),
                ("wp_block", 5),
            ])
        );
        assert!(items.windows(2).all(|w| w[0].line < w[1].line));
        assert!(items.iter().all(|i| i.comments == 0 && !i.is_sticky));
        let mut ids: Vec<_> = items.iter().map(|i| i.post_id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 278);
        // "20 pages (3 parents with children)".
        let parents: std::collections::BTreeSet<_> = items
            .iter()
            .filter(|i| i.post_type == "page" && i.post_parent != 0)
            .map(|i| i.post_parent)
            .collect();
        assert_eq!(parents.len(), 3);
    }

    /// Post 9, compared with the XML by hand.
    #[test]
    fn fixture_post_field_by_field() {
        let (_, items) = read_ok(&fixture());
        let post = item(&items, 9);
        assert_eq!(post.line, 11665);
        assert_eq!(post.post_type, "post");
        assert_eq!(post.title, "The Security Implications of Human Trafficking");
        assert_eq!(
            post.link,
            "http://127.0.0.1:8081/the-security-implications-of-human-trafficking/"
        );
        assert_eq!(post.guid, post.link);
        assert_eq!(post.creator, "admin");
        assert!(post.content.starts_with(
            "<!-- wp:paragraph -->\n<p>A new\u{a0}report\u{a0}from the Women and Foreign Policy program"
        ));
        assert!(
            post.content
                .ends_with("<!-- /wp:button --></div>\n<!-- /wp:buttons -->")
        );
        assert_eq!(post.content.chars().count(), 3175);
        assert_eq!(post.content.len(), 3196);
        assert_eq!(post.content.matches('\n').count(), 28);
        assert_eq!(
            post.excerpt,
            "A new\u{a0}report\u{a0}from the Women and Foreign Policy program, launched this week, \
             highlights the security implications of human trafficking and offers \
             recommendations to prevent human trafficking and advance U.S. security interests."
        );
        assert_eq!(post.post_date, "2019-10-17 09:00:00");
        assert_eq!(post.post_date_gmt, "2019-10-17 08:00:00");
        assert_eq!(post.modified, "2019-10-17 09:00:00");
        assert_eq!(post.modified_gmt, "2019-10-17 08:00:00");
        assert_eq!(post.status, "publish");
        assert_eq!(
            post.post_name,
            "the-security-implications-of-human-trafficking"
        );
        assert_eq!(post.post_parent, 0);
        assert_eq!(post.menu_order, 0);
        assert_eq!(post.post_password, "");
        assert!(!post.is_sticky);
        assert_eq!(post.attachment_url, "");
        assert_eq!(post.comments, 0);
        let terms: Vec<_> = post
            .terms
            .iter()
            .map(|t| (t.domain.as_str(), t.slug.as_str(), t.name.as_str()))
            .collect();
        assert_eq!(
            terms,
            [
                ("post_tag", "conflict-security", "Conflict &amp; Security"),
                ("post_tag", "gender-equality", "Gender Equality"),
                ("post_tag", "human-trafficking", "Human Trafficking"),
                (
                    "category",
                    "modern-slavery-trafficking",
                    "Modern Slavery &amp; Trafficking"
                ),
                ("category", "policy-advocacy", "Policy &amp; Advocacy"),
                ("post_tag", "sexual-exploitation", "Sexual Exploitation"),
            ]
        );
        assert_eq!(post.meta.len(), 20);
        assert_eq!(post.meta[0], ("_pingme".into(), "1".into()));
        assert_eq!(
            post.meta[2],
            ("authors_0_name".into(), "Helen O'Neill".into())
        );
        assert_eq!(
            post.meta[6],
            ("authors_1_name".into(), "Lucía Fernández".into())
        );
        assert_eq!(
            post.meta[18],
            (
                "related_resources".into(),
                r#"a:3:{i:0;s:4:"1109";i:1;s:4:"1146";i:2;s:4:"1204";}"#.into()
            )
        );
    }

    #[test]
    fn fixture_resource_meta_and_terms() {
        let (_, items) = read_ok(&fixture());
        let resource = item(&items, 10);
        assert_eq!(resource.post_type, "resource");
        let meta = |key: &str| {
            resource
                .meta
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(meta("publication_year"), Some("2021"));
        assert_eq!(meta("_publication_year"), Some("field_6650c2a1e1102"));
        assert_eq!(meta("publisher"), Some("OECD"));
        assert_eq!(meta("document"), Some("1308"));
        assert_eq!(
            meta("countries"),
            Some(r#"a:2:{i:0;s:2:"MM";i:1;s:2:"LB";}"#)
        );
        assert_eq!(resource.meta.len(), 14);
        assert_eq!(resource.meta[0].0, "publisher");
        assert_eq!(resource.meta[13].0, "_is_featured");
        assert_eq!(
            resource.terms,
            [
                ItemTerm {
                    domain: "post_tag".into(),
                    slug: "due-diligence".into(),
                    name: "Due Diligence".into()
                },
                ItemTerm {
                    domain: "post_tag".into(),
                    slug: "europe".into(),
                    name: "Europe".into()
                },
                ItemTerm {
                    domain: "resource_type".into(),
                    slug: "guidance".into(),
                    name: "Guidance".into()
                },
                ItemTerm {
                    domain: "post_tag".into(),
                    slug: "public-procurement".into(),
                    name: "Public Procurement".into()
                },
            ]
        );
        let domains: std::collections::BTreeSet<_> = items
            .iter()
            .flat_map(|i| i.terms.iter().map(|t| t.domain.as_str()))
            .collect();
        assert_eq!(
            domains.into_iter().collect::<Vec<_>>(),
            [
                "category",
                "events_categories",
                "events_tags",
                "post_tag",
                "resource_type"
            ]
        );
        let filed: usize = items.iter().map(|i| i.terms.len()).sum();
        assert_eq!(filed, 841);
    }

    #[test]
    fn fixture_attachment_and_acf_field() {
        let (_, items) = read_ok(&fixture());
        let attachment = item(&items, 1309);
        assert_eq!(attachment.post_type, "attachment");
        assert_eq!(
            attachment.attachment_url,
            "http://127.0.0.1:8081/wp-content/uploads/2020/03/guidance-tool-for-construction-companies-in-the-middle-east.pdf"
        );
        assert_eq!(attachment.status, "inherit");
        assert_eq!(attachment.post_parent, 13);
        assert_eq!(
            attachment.meta[0],
            (
                "_wp_attached_file".into(),
                "2020/03/guidance-tool-for-construction-companies-in-the-middle-east.pdf".into()
            )
        );
        assert!(
            items
                .iter()
                .filter(|i| i.post_type == "attachment")
                .all(|i| i
                    .attachment_url
                    .starts_with("http://127.0.0.1:8081/wp-content/uploads/"))
        );

        let field = item(&items, 1285);
        assert_eq!(field.post_type, "acf-field");
        assert_eq!(field.title, "Publisher");
        // `&#038;` in the XML.
        assert_eq!(
            field.link,
            "http://127.0.0.1:8081/?post_type=acf-field&p=1285"
        );
        assert_eq!(field.excerpt, "publisher");
        assert_eq!(field.post_name, "field_6650c2a1e1101");
        assert_eq!(field.post_parent, 1284);
        assert!(field.content.starts_with("a:11:{s:10:\"aria-label\";"));
        assert_eq!(item(&items, 1286).menu_order, 1);
    }

    #[test]
    fn html_is_not_wxr() {
        let html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Hi</title></head>\n<body><p>Hello&nbsp;world</p></body>\n</html>\n";
        let e = read_err(html.as_bytes());
        assert_eq!(
            e.to_string(),
            "line 2, column 1: not a WXR document: the root element is <html>, not <rss>"
        );
        assert_eq!(read_all(html.as_bytes()).len(), 1);
    }

    #[test]
    fn plain_rss_is_not_wxr() {
        let rss = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">\n  <channel>\n    <title>News</title>\n    <item><title>One</title></item>\n  </channel>\n</rss>\n";
        let e = read_err(rss.as_bytes());
        assert_eq!(
            e,
            WxrError {
                line: 5,
                column: 5,
                message:
                    "not a WXR document: no <wp:wxr_version> in the <channel> before this point"
                        .into()
            }
        );
        // Without items, at the end of the channel.
        let e = read_err(b"<rss>\n<channel><title>x</title>\n</channel></rss>");
        assert_eq!((e.line, e.column), (3, 1));
        let e = read_err(b"<rss>\n</rss>");
        assert_eq!(
            e.to_string(),
            "line 2, column 1: not a WXR document: <rss> has no <channel>"
        );
        let e = read_err(wxr("").replace(">1.2<", ">latest<").as_bytes());
        assert!(e.message.contains("not a version number"), "{e}");
    }

    #[test]
    fn mismatched_tags() {
        let doc = wxr("<item>\n  <wp:post_id>1</wp:post_type>\n</item>");
        let e = read_err(doc.as_bytes());
        assert_eq!((e.line, e.column), (6, 16), "{e}");
        assert!(e.message.starts_with("malformed XML"), "{e}");
        assert!(
            e.message.contains("wp:post_id") && e.message.contains("wp:post_type"),
            "{e}"
        );
        // An end tag with nothing open.
        let e = read_err(format!("{}</channel>", wxr("")).as_bytes());
        assert_eq!((e.line, e.column), (8, 1), "{e}");
    }

    #[test]
    fn terms_after_items_are_refused() {
        let doc = wxr(
            "<item><wp:post_id>1</wp:post_id></item>\n<wp:tag><wp:term_id>8</wp:term_id></wp:tag>",
        );
        let e = read_err(doc.as_bytes());
        assert_eq!((e.line, e.column), (6, 1), "{e}");
        assert!(e.message.contains("before items"), "{e}");
    }
}
