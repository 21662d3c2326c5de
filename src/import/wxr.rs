//! A streaming reader of WordPress's WXR export (RSS 2.0 plus the `wp:` namespace).
//!
//! Exports of real sites run to gigabytes, so the document is never built: the reader pulls
//! XML events from quick-xml and keeps only the item being read. Text is kept exactly as
//! written (WordPress writes most of it as CDATA, and what it stored is what an importer must
//! store), line ends included; only numbers are trimmed before they are parsed.

use std::fmt;
use std::io::{self, BufRead, Read};
use std::iter::FusedIterator;
use std::mem;

use quick_xml::XmlVersion;
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesStart, Event as XmlEvent};
use quick_xml::name::{QName, ResolveResult};
use quick_xml::reader::NsReader;

/// Where and why a document could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct WxrError {
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub message: String,
}

impl fmt::Display for WxrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for WxrError {}

/// The channel's own elements: what the site is, who wrote for it and how it is organised.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Site {
    pub title: String,
    pub link: String,
    pub base_site_url: String,
    pub base_blog_url: String,
    pub wxr_version: String,
    pub authors: Vec<Author>,
    pub terms: Vec<Term>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Author {
    pub id: i64,
    pub login: String,
    pub email: String,
    pub display_name: String,
    pub first_name: String,
    pub last_name: String,
}

/// From <wp:category> (taxonomy "category"), <wp:tag> ("post_tag") and <wp:term> (its wp:term_taxonomy).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Term {
    pub id: i64,
    pub taxonomy: String,
    pub slug: String,
    pub name: String,
    /// The parent's slug, empty at the top.
    pub parent_slug: String,
    pub description: String,
}

/// A term an item is filed under: `<category domain="..." nicename="...">name</category>`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemTerm {
    /// The taxonomy, e.g. category, post_tag, resource_type.
    pub domain: String,
    /// The nicename.
    pub slug: String,
    pub name: String,
}

/// One `<item>`: a post of any type (post, page, attachment, acf-field, ...).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Item {
    /// Line of its <item>.
    pub line: usize,
    pub post_id: i64,
    pub post_type: String,
    pub title: String,
    pub link: String,
    pub guid: String,
    /// dc:creator, the author's login.
    pub creator: String,
    /// content:encoded.
    pub content: String,
    /// excerpt:encoded.
    pub excerpt: String,
    /// "2024-03-05 09:30:00" as written ("0000-00-00 00:00:00" kept as is).
    pub post_date: String,
    pub post_date_gmt: String,
    /// wp:post_modified(_gmt) when present.
    pub modified: String,
    pub modified_gmt: String,
    pub status: String,
    pub post_name: String,
    pub post_parent: i64,
    pub menu_order: i64,
    pub post_password: String,
    pub is_sticky: bool,
    pub attachment_url: String,
    pub terms: Vec<ItemTerm>,
    /// wp:postmeta key/value, in order.
    pub meta: Vec<(String, String)>,
    /// Number of wp:comment elements (their content is skipped).
    pub comments: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Site(Site),
    Item(Box<Item>),
}

/// Reads a WXR document from any buffered reader. The first event is always the Site (built from
/// the channel's elements before the first <item>; authors and terms come there in WXR), then one
/// Item per <item>. An error ends the iteration.
pub struct Reader<R> {
    xml: NsReader<Tracker<R>>,
    /// quick-xml's scratch space, reused so that memory stays at the largest event.
    buf: Vec<u8>,
    state: State,
    finished: bool,
}

impl<R: BufRead> Reader<R> {
    pub fn new(input: R) -> Self {
        let mut xml = NsReader::from_reader(Tracker::new(input));
        let config = xml.config_mut();
        // `<wp:post_password/>` then reads like `<wp:post_password></wp:post_password>`.
        config.expand_empty_elements = true;
        // The default, restated because `State::end` relies on it: an end tag always closes
        // the element opened last.
        config.check_end_names = true;
        Self {
            xml,
            buf: Vec::new(),
            state: State::default(),
            finished: false,
        }
    }

    fn advance(&mut self) -> Result<Option<Event>, WxrError> {
        loop {
            self.buf.clear();
            self.xml.get_mut().begin_event();
            let at = self.xml.get_ref().event_start();
            let (resolved, event) = match self.xml.read_resolved_event_into(&mut self.buf) {
                Ok(resolved) => resolved,
                Err(e) => return Err(xml_error(&self.xml, e)),
            };
            let emitted = match event {
                XmlEvent::Start(start) => {
                    let ns = namespace(&resolved, start.name());
                    // quick-xml parses attributes only when asked; ask, so that a broken
                    // attribute anywhere is reported rather than ignored.
                    for attribute in start.attributes() {
                        if let Err(e) = attribute {
                            return Err(at.error(format!("malformed XML: {e}")));
                        }
                    }
                    self.state.start(ns, &start, at)?
                }
                XmlEvent::End(_) => self.state.end(at)?,
                // Line ends are kept as written, not normalised to `\n` as the XML spec has
                // it: WordPress writes its database's text verbatim, and the lengths in
                // PHP-serialized meta count every `\r`.
                XmlEvent::Text(text) => {
                    self.state.text(&text, at)?;
                    None
                }
                XmlEvent::CData(cdata) => {
                    self.state.text(&cdata, at)?;
                    None
                }
                XmlEvent::GeneralRef(reference) => {
                    let mut utf8 = [0; 4];
                    let text = match reference.resolve_char_ref() {
                        Ok(Some(c)) => &*c.encode_utf8(&mut utf8),
                        Ok(None) => resolve_xml_entity(&reference).ok_or_else(|| {
                            at.error(format!("malformed XML: unknown entity &{};", &*reference))
                        })?,
                        Err(e) => {
                            return Err(at.error(format!(
                                "malformed XML: bad character reference &{};: {e}",
                                &*reference
                            )));
                        }
                    };
                    self.state.text(text, at)?;
                    None
                }
                XmlEvent::Eof => {
                    let end = self.xml.get_ref().end();
                    return self.state.eof(end).map(|()| None);
                }
                // Never produced: `expand_empty_elements` turns it into Start and End.
                XmlEvent::Empty(_) => None,
                XmlEvent::Decl(_)
                | XmlEvent::PI(_)
                | XmlEvent::Comment(_)
                | XmlEvent::DocType(_) => None,
            };
            if let Some(event) = emitted {
                return Ok(Some(event));
            }
        }
    }
}

impl<R> Reader<R> {
    /// Bytes read so far (for a progress bar).
    pub fn position(&self) -> u64 {
        self.xml.get_ref().position()
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Event, WxrError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.finished {
            return None;
        }
        match self.advance() {
            Ok(Some(event)) => Some(Ok(event)),
            Ok(None) => {
                self.finished = true;
                None
            }
            Err(e) => {
                self.finished = true;
                Some(Err(e))
            }
        }
    }
}

impl<R: BufRead> FusedIterator for Reader<R> {}

fn xml_error<R>(xml: &NsReader<Tracker<R>>, e: quick_xml::Error) -> WxrError {
    let tracker = xml.get_ref();
    let (offset, message) = match &e {
        quick_xml::Error::Syntax(_) | quick_xml::Error::IllFormed(_) => {
            (xml.error_position(), format!("malformed XML: {e}"))
        }
        // quick-xml says what was wrong but not where; the bytes of the event say where.
        quick_xml::Error::Encoding(_) => (
            tracker.first_invalid_utf8(),
            format!("not valid UTF-8: {e}"),
        ),
        quick_xml::Error::Io(_) => (tracker.consumed, format!("could not read: {e}")),
        _ => (tracker.mark.offset, format!("malformed XML: {e}")),
    };
    tracker.locate(offset).error(message)
}

/// The namespaces WordPress writes. An element is matched by the namespace its prefix is
/// bound to, so an export that binds other prefixes reads the same; where the binding is
/// missing or unfamiliar, by the prefix WordPress uses, as WordPress's own importer does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    /// RSS's own elements: no prefix.
    Rss,
    Wp,
    Content,
    Excerpt,
    Dc,
    Other,
}

fn namespace(resolved: &ResolveResult<'_>, name: QName<'_>) -> Ns {
    let by_uri = match resolved {
        ResolveResult::Bound(uri) => namespace_by_uri(uri.into_inner()),
        ResolveResult::Unbound | ResolveResult::Unknown(_) => None,
    };
    by_uri.unwrap_or_else(|| match name.prefix().map(|p| p.into_inner()) {
        None => Ns::Rss,
        Some("wp") => Ns::Wp,
        Some("content") => Ns::Content,
        Some("excerpt") => Ns::Excerpt,
        Some("dc") => Ns::Dc,
        Some(_) => Ns::Other,
    })
}

fn namespace_by_uri(uri: &str) -> Option<Ns> {
    match uri {
        "http://purl.org/rss/1.0/modules/content/" => return Some(Ns::Content),
        "http://purl.org/dc/elements/1.1/" => return Some(Ns::Dc),
        _ => {}
    }
    // Each WXR version has its own URI: http://wordpress.org/export/1.2/ and .../1.2/excerpt/.
    let rest = uri
        .strip_prefix("http://wordpress.org/export/")
        .or_else(|| uri.strip_prefix("https://wordpress.org/export/"))?;
    let (version, rest) = rest.split_once('/')?;
    if version.is_empty() || !version.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    match rest {
        "" => Some(Ns::Wp),
        "excerpt/" => Some(Ns::Excerpt),
        _ => None,
    }
}

/// A place in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Location {
    line: usize,
    column: usize,
}

impl Location {
    /// Where the text starting here has its first character that is not whitespace.
    fn past_whitespace(self, text: &str) -> Location {
        let blank = &text[..text.len() - text.trim_start_matches([' ', '\t', '\r', '\n']).len()];
        match blank.rfind('\n') {
            Some(last) => Location {
                line: self.line + blank.matches('\n').count(),
                column: 1 + blank[last + 1..].chars().count(),
            },
            None => Location {
                line: self.line,
                column: self.column + blank.chars().count(),
            },
        }
    }

    fn error(self, message: impl Into<String>) -> WxrError {
        WxrError {
            line: self.line,
            column: self.column,
            message: message.into(),
        }
    }
}

/// The byte offset, line and column where the current XML event began.
#[derive(Debug, Clone, Copy)]
struct Mark {
    offset: u64,
    line: usize,
    column: usize,
}

impl Mark {
    fn after(self, bytes: &[u8]) -> Mark {
        let chars = |bytes: &[u8]| bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
        let (line, column) = match bytes.iter().rposition(|&b| b == b'\n') {
            Some(last) => (
                self.line + bytes.iter().filter(|&&b| b == b'\n').count(),
                1 + chars(&bytes[last + 1..]),
            ),
            None => (self.line, self.column + chars(bytes)),
        };
        Mark {
            offset: self.offset + bytes.len() as u64,
            line,
            column,
        }
    }

    fn location(self) -> Location {
        Location {
            line: self.line,
            column: self.column,
        }
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Sits between the input and quick-xml and sees every byte quick-xml consumes, so that a
/// byte offset quick-xml reports can be turned into a line and column without reading the
/// input twice. It keeps the bytes of the current event only (quick-xml's offsets never
/// point before it), so memory stays at the size of the largest event.
struct Tracker<R> {
    inner: R,
    bom_checked: bool,
    bom: u64,
    /// Bytes consumed, not counting a byte order mark: the same count as quick-xml's offsets.
    consumed: u64,
    mark: Mark,
    window: Vec<u8>,
}

impl<R> Tracker<R> {
    fn new(inner: R) -> Self {
        Tracker {
            inner,
            bom_checked: false,
            bom: 0,
            consumed: 0,
            mark: Mark {
                offset: 0,
                line: 1,
                column: 1,
            },
            window: Vec::new(),
        }
    }

    fn begin_event(&mut self) {
        self.mark = self.mark.after(&self.window);
        self.window.clear();
    }

    fn event_start(&self) -> Location {
        self.mark.location()
    }

    fn end(&self) -> Location {
        self.locate(self.consumed)
    }

    fn locate(&self, offset: u64) -> Location {
        let into_window = offset.saturating_sub(self.mark.offset);
        let len =
            usize::try_from(into_window).map_or(self.window.len(), |n| n.min(self.window.len()));
        self.mark.after(&self.window[..len]).location()
    }

    fn first_invalid_utf8(&self) -> u64 {
        match std::str::from_utf8(&self.window) {
            Ok(_) => self.mark.offset,
            Err(e) => self.mark.offset + e.valid_up_to() as u64,
        }
    }

    fn position(&self) -> u64 {
        self.bom + self.consumed
    }
}

impl<R: BufRead> Read for Tracker<R> {
    // quick-xml reads a BufRead through fill_buf and consume; this is here because BufRead
    // requires it, and goes through the same two so that the count stays right.
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Tracker<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if !self.bom_checked {
            // Dropped here rather than by quick-xml, which would not count it in its
            // offsets while this count would, and every column on line 1 would be off.
            if self.inner.fill_buf()?.starts_with(UTF8_BOM) {
                self.inner.consume(UTF8_BOM.len());
                self.bom = UTF8_BOM.len() as u64;
            }
            self.bom_checked = true;
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        if amt > 0 {
            // The caller has just seen these bytes through fill_buf, so asking again returns
            // the same buffered bytes without any reading.
            if let Ok(available) = self.inner.fill_buf() {
                self.window
                    .extend_from_slice(&available[..amt.min(available.len())]);
            }
        }
        self.consumed += amt as u64;
        self.inner.consume(amt);
    }
}

/// What an element is to the reader, given where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    Rss,
    Channel,
    Author,
    Category,
    Tag,
    Term,
    Item,
    Postmeta,
    /// An element whose text is a value.
    Field(Field),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    SiteTitle,
    SiteLink,
    WxrVersion,
    BaseSiteUrl,
    BaseBlogUrl,
    AuthorId,
    AuthorLogin,
    AuthorEmail,
    AuthorDisplayName,
    AuthorFirstName,
    AuthorLastName,
    TermId,
    TermTaxonomy,
    TermSlug,
    TermParent,
    TermName,
    TermDescription,
    Title,
    Link,
    Guid,
    Creator,
    Content,
    Excerpt,
    PostId,
    PostDate,
    PostDateGmt,
    Modified,
    ModifiedGmt,
    Status,
    PostName,
    PostParent,
    MenuOrder,
    PostType,
    PostPassword,
    IsSticky,
    AttachmentUrl,
    ItemTermName,
    MetaKey,
    MetaValue,
}

impl Field {
    fn is_site(self) -> bool {
        matches!(
            self,
            Field::SiteTitle
                | Field::SiteLink
                | Field::WxrVersion
                | Field::BaseSiteUrl
                | Field::BaseBlogUrl
        )
    }
}

/// The element a child of `parent` is, or None for one the reader skips.
fn child(parent: Frame, ns: Ns, local: &str) -> Option<Frame> {
    use Field as F;
    use Frame::{Author, Category, Channel, Item, Postmeta, Rss, Tag, Term};
    let field = match (parent, ns, local) {
        (Rss, Ns::Rss, "channel") => return Some(Channel),
        (Channel, Ns::Rss, "item") => return Some(Item),
        (Channel, Ns::Wp, "author") => return Some(Author),
        (Channel, Ns::Wp, "category") => return Some(Category),
        (Channel, Ns::Wp, "tag") => return Some(Tag),
        (Channel, Ns::Wp, "term") => return Some(Term),
        (Item, Ns::Wp, "postmeta") => return Some(Postmeta),

        (Channel, Ns::Rss, "title") => F::SiteTitle,
        (Channel, Ns::Rss, "link") => F::SiteLink,
        (Channel, Ns::Wp, "wxr_version") => F::WxrVersion,
        (Channel, Ns::Wp, "base_site_url") => F::BaseSiteUrl,
        (Channel, Ns::Wp, "base_blog_url") => F::BaseBlogUrl,

        (Author, Ns::Wp, "author_id") => F::AuthorId,
        (Author, Ns::Wp, "author_login") => F::AuthorLogin,
        (Author, Ns::Wp, "author_email") => F::AuthorEmail,
        (Author, Ns::Wp, "author_display_name") => F::AuthorDisplayName,
        (Author, Ns::Wp, "author_first_name") => F::AuthorFirstName,
        (Author, Ns::Wp, "author_last_name") => F::AuthorLastName,

        (Category | Tag | Term, Ns::Wp, "term_id") => F::TermId,
        (Term, Ns::Wp, "term_taxonomy") => F::TermTaxonomy,
        (Category, Ns::Wp, "category_nicename")
        | (Tag, Ns::Wp, "tag_slug")
        | (Term, Ns::Wp, "term_slug") => F::TermSlug,
        (Category, Ns::Wp, "category_parent") | (Term, Ns::Wp, "term_parent") => F::TermParent,
        (Category, Ns::Wp, "cat_name")
        | (Tag, Ns::Wp, "tag_name")
        | (Term, Ns::Wp, "term_name") => F::TermName,
        (Category, Ns::Wp, "category_description")
        | (Tag, Ns::Wp, "tag_description")
        | (Term, Ns::Wp, "term_description") => F::TermDescription,

        (Item, Ns::Rss, "title") => F::Title,
        (Item, Ns::Rss, "link") => F::Link,
        (Item, Ns::Rss, "guid") => F::Guid,
        (Item, Ns::Rss, "category") => F::ItemTermName,
        (Item, Ns::Dc, "creator") => F::Creator,
        (Item, Ns::Content, "encoded") => F::Content,
        (Item, Ns::Excerpt, "encoded") => F::Excerpt,
        (Item, Ns::Wp, "post_id") => F::PostId,
        (Item, Ns::Wp, "post_date") => F::PostDate,
        (Item, Ns::Wp, "post_date_gmt") => F::PostDateGmt,
        (Item, Ns::Wp, "post_modified") => F::Modified,
        (Item, Ns::Wp, "post_modified_gmt") => F::ModifiedGmt,
        (Item, Ns::Wp, "status") => F::Status,
        (Item, Ns::Wp, "post_name") => F::PostName,
        (Item, Ns::Wp, "post_parent") => F::PostParent,
        (Item, Ns::Wp, "menu_order") => F::MenuOrder,
        (Item, Ns::Wp, "post_type") => F::PostType,
        (Item, Ns::Wp, "post_password") => F::PostPassword,
        (Item, Ns::Wp, "is_sticky") => F::IsSticky,
        (Item, Ns::Wp, "attachment_url") => F::AttachmentUrl,

        (Postmeta, Ns::Wp, "meta_key") => F::MetaKey,
        (Postmeta, Ns::Wp, "meta_value") => F::MetaValue,
        _ => return None,
    };
    Some(Frame::Field(field))
}

/// Whitespace as XML defines it.
fn trim_xml(text: &str) -> &str {
    text.trim_matches([' ', '\t', '\r', '\n'])
}

/// What has been read so far, and where the reader is.
#[derive(Default)]
struct State {
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
    fn start(
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

    fn end(&mut self, at: Location) -> Result<Option<Event>, WxrError> {
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

    fn text(&mut self, text: &str, at: Location) -> Result<(), WxrError> {
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

    fn eof(&self, end: Location) -> Result<(), WxrError> {
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
    use super::*;
    use std::collections::BTreeMap;

    const FIXTURE: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/wordpress/small.wxr.xml"
    );

    fn fixture() -> Vec<u8> {
        std::fs::read(FIXTURE).expect("fixture")
    }

    fn read_all(input: &[u8]) -> Vec<Result<Event, WxrError>> {
        Reader::new(input).collect()
    }

    /// The site and items of a document that must read without error.
    fn read_ok(input: &[u8]) -> (Site, Vec<Item>) {
        let mut events = Reader::new(input).map(|e| e.unwrap_or_else(|e| panic!("{e}")));
        let Some(Event::Site(site)) = events.next() else {
            panic!("the first event is not the site");
        };
        let items = events
            .map(|e| match e {
                Event::Item(item) => *item,
                Event::Site(_) => panic!("a second site"),
            })
            .collect();
        (site, items)
    }

    /// The error a document ends with, after any events before it.
    fn read_err(input: &[u8]) -> WxrError {
        let events = read_all(input);
        match events.last() {
            Some(Err(e)) => e.clone(),
            other => panic!("expected an error, got {other:?}"),
        }
    }

    fn item(items: &[Item], post_id: i64) -> &Item {
        items
            .iter()
            .find(|i| i.post_id == post_id)
            .unwrap_or_else(|| panic!("no item {post_id}"))
    }

    /// A minimal WXR document around the given channel content.
    fn wxr(channel: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n\
             <rss version=\"2.0\" xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" \
             xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
             xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
             xmlns:wp=\"http://wordpress.org/export/1.2/\">\n\
             <channel>\n<wp:wxr_version>1.2</wp:wxr_version>\n{channel}\n</channel>\n</rss>\n"
        )
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

    /// An 8 KB buffer splits events across reads; the result must not change, and the site
    /// must come out long before the whole file has been read.
    #[test]
    fn streams_through_a_small_buffer() {
        let bytes = fixture();
        let from_slice = read_all(&bytes);
        let file = std::fs::File::open(FIXTURE).expect("fixture");
        let mut reader = Reader::new(io::BufReader::with_capacity(8 * 1024, file));
        let first = reader.next();
        assert!(matches!(first, Some(Ok(Event::Site(_)))));
        assert!(
            reader.position() < 40_000,
            "read {} bytes",
            reader.position()
        );
        let second = reader.next();
        assert!(matches!(second, Some(Ok(Event::Item(_)))));
        assert!(
            reader.position() < 45_000,
            "read {} bytes",
            reader.position()
        );
        let mut from_file = vec![first.expect("site"), second.expect("item")];
        from_file.extend(reader.by_ref());
        assert_eq!(from_file.len(), 279);
        assert_eq!(from_file, from_slice);
        assert_eq!(reader.position(), bytes.len() as u64);
        assert!(reader.next().is_none());
    }

    /// A reader that hands out one byte at a time, the worst case for events split
    /// across reads.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            self.fill_buf()?;
            let n = self.0.len().min(out.len()).min(1);
            out[..n].copy_from_slice(&self.0[..n]);
            self.consume(n);
            Ok(n)
        }
    }

    impl BufRead for Trickle<'_> {
        fn fill_buf(&mut self) -> io::Result<&[u8]> {
            Ok(&self.0[..self.0.len().min(1)])
        }
        fn consume(&mut self, amt: usize) {
            self.0 = &self.0[amt..];
        }
    }

    #[test]
    fn one_byte_at_a_time_gives_the_same_result_and_positions() {
        let doc =
            wxr("<item><wp:post_id>1</wp:post_id>\n<title>a &amp; b</title></item>").into_bytes();
        let whole: Vec<_> = Reader::new(&doc[..]).collect();
        let trickled: Vec<_> = Reader::new(Trickle(&doc)).collect();
        assert_eq!(whole, trickled);
        let cut = &doc[..doc.len() - 30];
        assert_eq!(Reader::new(cut).last(), Reader::new(Trickle(cut)).last());
    }

    #[test]
    fn truncated_fixture_is_an_error() {
        let bytes = fixture();
        let text = std::str::from_utf8(&bytes).expect("UTF-8");
        // The 100th item, cut at several places: inside CDATA, inside a tag, between tags.
        let item_start = text
            .match_indices("<item>")
            .nth(99)
            .map(|(i, _)| i)
            .expect("item");
        let item_line = text[..item_start].matches('\n').count() + 1;
        let content = item_start
            + text[item_start..]
                .find("<content:encoded>")
                .expect("content");
        let cuts = [
            item_start + 3,
            item_start + 10,
            content + 5,
            content + 40,
            item_start + text[item_start..].find("</wp:post_type>").expect("type") + 2,
            item_start + text[item_start..].find("</item>").expect("end"),
        ];
        for cut in cuts {
            let events = read_all(&bytes[..cut]);
            let buffered: Vec<_> =
                Reader::new(io::BufReader::with_capacity(8 * 1024, &bytes[..cut])).collect();
            assert_eq!(events, buffered, "cut at {cut}");
            let (last, before) = events.split_last().expect("events");
            let Err(e) = last else {
                panic!("cut at {cut}: no error, ends with {last:?}");
            };
            assert_eq!(before.len(), 100, "cut at {cut}: {e}");
            assert!(before.iter().all(Result::is_ok));
            let lines = text[..cut].matches('\n').count() + 1;
            assert!(
                (item_line..=lines).contains(&e.line),
                "cut at {cut}: {e} not within lines {item_line}..={lines}"
            );
        }
        // Cut between tags inside an item: the error is at the very end, and says which item.
        let cut = content - 3;
        let e = read_err(&bytes[..cut]);
        let lines = text[..cut].matches('\n').count() + 1;
        let column = text[..cut]
            .rsplit('\n')
            .next()
            .map(|l| l.chars().count() + 1);
        assert_eq!((e.line, Some(e.column)), (lines, column));
        assert_eq!(
            e.message,
            format!(
                "unexpected end of input inside the <item> that starts on line {item_line}: \
                 the file is cut short"
            )
        );
        // Cut inside CDATA: reported where the CDATA starts.
        let e = read_err(&bytes[..content + 40]);
        let cdata = content + "<content:encoded>".len();
        let line = text[..cdata].matches('\n').count() + 1;
        let column = text[..cdata]
            .rsplit('\n')
            .next()
            .map(|l| l.chars().count() + 1);
        assert_eq!((e.line, Some(e.column)), (line, column), "{e}");
        // Cut after the last item: still an error, the channel is not closed.
        let last_item_end = text.rfind("</item>").expect("item") + "</item>".len();
        let events = read_all(&bytes[..last_item_end]);
        assert_eq!(events.iter().filter(|e| e.is_ok()).count(), 279);
        assert!(matches!(events.last(), Some(Err(e)) if e.message.contains("inside <channel>")));
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
    fn malformed_xml_positions() {
        let cases: [(&str, usize, usize, &str); 9] = [
            (
                "<item><title>a &nbsp; b</title></item>",
                5,
                16,
                "unknown entity &nbsp;",
            ),
            ("<item><title>a & b</title></item>", 5, 16, "malformed XML"),
            (
                "<item><title>&#xD800;</title></item>",
                5,
                14,
                "bad character reference",
            ),
            ("<item>\n<title a=1>x</title></item>", 6, 1, "malformed XML"),
            (
                "<item>\n<title a=\"1\" a=\"2\">x</title></item>",
                6,
                1,
                "malformed XML",
            ),
            (
                "<item><title><![CDATA[x]></title></item>",
                5,
                14,
                "malformed XML",
            ),
            ("<item>\n  <title>é</titl></item>", 6, 11, "malformed XML"),
            (
                "<item><wp:post_id>x1</wp:post_id></item>",
                5,
                7,
                "<wp:post_id> is not a number: \"x1\"",
            ),
            (
                "<item><title>x</title></item>",
                5,
                1,
                "<item> has no <wp:post_id>",
            ),
        ];
        for (channel, line, column, message) in cases {
            let e = read_err(wxr(channel).as_bytes());
            assert_eq!((e.line, e.column), (line, column), "{channel}: {e}");
            assert!(e.message.contains(message), "{channel}: {e}");
        }
    }

    #[test]
    fn not_xml() {
        let e = read_err(br#"{"posts": []}"#);
        assert_eq!((e.line, e.column), (1, 1));
        assert!(e.message.starts_with("not an XML document"), "{e}");
        let e = read_err(b"");
        assert_eq!(
            e.to_string(),
            "line 1, column 1: not an XML document: no root element"
        );
        let e = read_err(b"\n\n  <!-- nothing -->\n");
        assert_eq!((e.line, e.column), (4, 1));
        // Latin-1 bytes where UTF-8 is required: the column of the bad byte.
        let e = read_err(b"<rss>\n<channel><title>caf\xE9</title>");
        assert_eq!((e.line, e.column), (2, 20), "{e}");
        assert!(e.message.starts_with("not valid UTF-8"), "{e}");
        let e = read_err(b"%PDF-1.7\n\x00\x01\xFF");
        assert_eq!((e.line, e.column), (2, 3), "{e}");
        // Something after the root.
        let e = read_err(format!("{}<rss/>", wxr("")).as_bytes());
        assert!(e.message.contains("second root"), "{e}");
        let e = read_err(format!("{}\n  trailing", wxr("")).as_bytes());
        assert_eq!((e.line, e.column), (9, 3), "{e}");
        let e = read_err(b"\n\n   {}");
        assert_eq!((e.line, e.column), (3, 4), "{e}");
    }

    #[test]
    fn an_error_ends_the_iteration() {
        let doc = wxr("<item><wp:post_id>1</wp:post_id></item>\
             <item><wp:post_id>two</wp:post_id></item>\
             <item><wp:post_id>3</wp:post_id></item>");
        let mut reader = Reader::new(doc.as_bytes());
        assert!(matches!(reader.next(), Some(Ok(Event::Site(_)))));
        assert!(matches!(reader.next(), Some(Ok(Event::Item(i))) if i.post_id == 1));
        assert!(matches!(reader.next(), Some(Err(_))));
        assert!(reader.next().is_none());
        assert!(reader.next().is_none());
    }

    #[test]
    fn text_cdata_and_entities_are_joined() {
        let doc = wxr("<item><wp:post_id> 7\n</wp:post_id>\
             <title>Q&amp;A: <![CDATA[<b>bold</b> & ]]>&#8217;&#x2019;&lt;&gt;&quot;&apos;</title>\
             <content:encoded><![CDATA[line 1\r\nline 2]]>\r\n<![CDATA[]]]]><![CDATA[>]]></content:encoded>\
             <wp:post_password/>\
             <wp:is_sticky>1</wp:is_sticky>\
             <wp:post_date>0000-00-00 00:00:00</wp:post_date>\
             </item>");
        let (_, items) = read_ok(doc.as_bytes());
        let item = &items[0];
        assert_eq!(item.post_id, 7);
        assert_eq!(item.title, "Q&A: <b>bold</b> & \u{2019}\u{2019}<>\"'");
        assert_eq!(item.content, "line 1\r\nline 2\r\n]]>");
        assert_eq!(item.post_password, "");
        assert!(item.is_sticky);
        assert_eq!(item.post_date, "0000-00-00 00:00:00");
        assert_eq!(item.modified, "");
    }

    #[test]
    fn unknown_elements_and_comments_are_skipped() {
        let doc = wxr(
            "<wp:author><wp:author_id>2</wp:author_id><wp:author_login>ann</wp:author_login>\
             <wp:extra><wp:author_login>not this</wp:author_login></wp:extra></wp:author>\
             <image><title>not the site title</title></image>\
             <title>Site</title>\
             <item><wp:post_id>1</wp:post_id>\
             <wp:comment><wp:comment_id>5</wp:comment_id><wp:comment_content><![CDATA[hi]]></wp:comment_content>\
             <wp:commentmeta><wp:meta_key>k</wp:meta_key><wp:meta_value>v</wp:meta_value></wp:commentmeta></wp:comment>\
             <wp:comment><wp:comment_id>6</wp:comment_id></wp:comment>\
             <wp:postmeta><wp:meta_key>_menu_item_type</wp:meta_key><wp:meta_value>custom</wp:meta_value></wp:postmeta>\
             <title>T<em>not this</em>itle</title>\
             <category>Uncategorized</category>\
             <category domain=\"category\" nicename=\"uncategorized\">Uncategorized</category>\
             <category domain=\"nav_menu\" nicename=\"main&amp;more\"><![CDATA[Main]]></category>\
             </item>\
             <item><wp:post_id>2</wp:post_id></item>",
        );
        let (site, items) = read_ok(doc.as_bytes());
        assert_eq!(site.title, "Site");
        assert_eq!(site.authors.len(), 1);
        assert_eq!(site.authors[0].login, "ann");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].comments, 2);
        assert_eq!(items[0].title, "Title");
        assert_eq!(
            items[0].meta,
            [("_menu_item_type".to_owned(), "custom".to_owned())]
        );
        assert_eq!(
            items[0].terms,
            [
                ItemTerm {
                    domain: "category".into(),
                    slug: "uncategorized".into(),
                    name: "Uncategorized".into()
                },
                ItemTerm {
                    domain: "nav_menu".into(),
                    slug: "main&more".into(),
                    name: "Main".into()
                },
            ]
        );
        assert_eq!(items[1].comments, 0);
    }

    #[test]
    fn term_parents_and_custom_terms() {
        let doc = wxr(
            "<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename>news</wp:category_nicename>\
             <wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>\
             <wp:category><wp:term_id>7</wp:term_id><wp:category_nicename>local</wp:category_nicename>\
             <wp:category_parent>news</wp:category_parent><wp:cat_name>Local</wp:cat_name></wp:category>\
             <wp:tag><wp:term_id>8</wp:term_id><wp:tag_slug>x</wp:tag_slug><wp:tag_name>X</wp:tag_name>\
             <wp:tag_description>About x</wp:tag_description></wp:tag>\
             <wp:term><wp:term_id>9</wp:term_id><wp:term_taxonomy>genre</wp:term_taxonomy>\
             <wp:term_slug>jazz</wp:term_slug><wp:term_parent>music</wp:term_parent>\
             <wp:term_name>Jazz</wp:term_name><wp:term_description>d</wp:term_description>\
             <wp:termmeta><wp:meta_key>k</wp:meta_key><wp:meta_value>v</wp:meta_value></wp:termmeta></wp:term>",
        );
        let (site, items) = read_ok(doc.as_bytes());
        assert!(items.is_empty());
        let terms: Vec<_> = site
            .terms
            .iter()
            .map(|t| {
                (
                    t.id,
                    t.taxonomy.as_str(),
                    t.slug.as_str(),
                    t.name.as_str(),
                    t.parent_slug.as_str(),
                    t.description.as_str(),
                )
            })
            .collect();
        assert_eq!(
            terms,
            [
                (1, "category", "news", "News", "", ""),
                (7, "category", "local", "Local", "news", ""),
                (8, "post_tag", "x", "X", "", "About x"),
                (9, "genre", "jazz", "Jazz", "music", "d"),
            ]
        );
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

    /// Namespaces are matched by URI, whatever the prefix, and WXR 1.0 and 1.1 read too.
    #[test]
    fn namespaces_by_uri() {
        let doc = "<rss xmlns:e=\"http://wordpress.org/export/1.1/excerpt/\" \
                   xmlns:c=\"http://purl.org/rss/1.0/modules/content/\" \
                   xmlns:d=\"http://purl.org/dc/elements/1.1/\" \
                   xmlns:w=\"http://wordpress.org/export/1.1/\">\
                   <channel><w:wxr_version>1.1</w:wxr_version>\
                   <item><w:post_id>4</w:post_id><c:encoded>body</c:encoded><e:encoded>short</e:encoded>\
                   <d:creator>ann</d:creator><wp:post_type>post</wp:post_type></item></channel></rss>";
        let (site, items) = read_ok(doc.as_bytes());
        assert_eq!(site.wxr_version, "1.1");
        let item = &items[0];
        assert_eq!(
            (
                item.post_id,
                item.content.as_str(),
                item.excerpt.as_str(),
                item.creator.as_str()
            ),
            (4, "body", "short", "ann")
        );
        // `wp:` here is unbound: matched by the prefix WordPress writes.
        assert_eq!(item.post_type, "post");
        // An element in another namespace is not WordPress's, whatever its prefix.
        let doc = "<rss xmlns:wp=\"http://wordpress.org/export/1.0/\" xmlns:x=\"urn:other\">\
                   <channel><wp:wxr_version>1.0</wp:wxr_version><x:wxr_version>9</x:wxr_version>\
                   <item><wp:post_id>1</wp:post_id><x:post_id>2</x:post_id></item></channel></rss>";
        let (site, items) = read_ok(doc.as_bytes());
        assert_eq!(site.wxr_version, "1.0");
        assert_eq!(items[0].post_id, 1);
    }

    #[test]
    fn byte_order_mark_and_columns_in_characters() {
        let mut doc = b"\xEF\xBB\xBF".to_vec();
        doc.extend_from_slice("<rss><channel><title>é</title><wp:wxr_version>1.2</wp:wxr_version><item><wp:post_id>x</wp:post_id></item></channel></rss>".as_bytes());
        let e = read_err(&doc);
        assert_eq!((e.line, e.column), (1, 73), "{e}");
        let doc = String::from_utf8(doc)
            .expect("UTF-8")
            .replace(">x<", ">1<")
            .into_bytes();
        let mut reader = Reader::new(&doc[..]);
        assert!(matches!(reader.next(), Some(Ok(Event::Site(s))) if s.title == "é"));
        let _ = reader.by_ref().count();
        assert_eq!(reader.position(), doc.len() as u64);
    }

    #[test]
    fn error_display() {
        let e = WxrError {
            line: 3,
            column: 14,
            message: "bad".into(),
        };
        assert_eq!(e.to_string(), "line 3, column 14: bad");
        let _: &dyn std::error::Error = &e;
    }
}
