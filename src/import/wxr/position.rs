//! Where the reader is: a tracker under quick-xml that turns byte offsets into lines and
//! columns, and the error that names them.

use std::fmt;
use std::io::{self, BufRead, Read};

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

/// A place in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Location {
    pub(super) line: usize,
    column: usize,
}

impl Location {
    /// Where the text starting here has its first character that is not whitespace.
    pub(super) fn past_whitespace(self, text: &str) -> Location {
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

    pub(super) fn error(self, message: impl Into<String>) -> WxrError {
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
pub(super) struct Tracker<R> {
    inner: R,
    bom_checked: bool,
    bom: u64,
    /// Bytes consumed, not counting a byte order mark: the same count as quick-xml's offsets.
    consumed: u64,
    mark: Mark,
    window: Vec<u8>,
}

impl<R> Tracker<R> {
    pub(super) fn new(inner: R) -> Self {
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

    pub(super) fn begin_event(&mut self) {
        self.mark = self.mark.after(&self.window);
        self.window.clear();
    }

    pub(super) fn event_start(&self) -> Location {
        self.mark.location()
    }

    pub(super) fn end(&self) -> Location {
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

    pub(super) fn position(&self) -> u64 {
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

pub(super) fn xml_error<R>(xml: &NsReader<Tracker<R>>, e: quick_xml::Error) -> WxrError {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::wxr::testing::{read_err, wxr};
    use crate::import::wxr::{Event, Reader};

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
