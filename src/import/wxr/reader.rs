//! The reader: XML events pulled from quick-xml one at a time and handed to the state, which
//! gives back the site and the items.

use std::io::BufRead;
use std::iter::FusedIterator;

use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::Event as XmlEvent;
use quick_xml::reader::NsReader;

use super::elements::namespace;
use super::model::Event;
use super::position::{Tracker, WxrError, xml_error};
use super::state::State;

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

#[cfg(test)]
mod tests {
    use std::io::{self, Read};

    use super::*;
    use crate::import::wxr::testing::{FIXTURE, fixture, read_all, read_err, read_ok, wxr};

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
}
