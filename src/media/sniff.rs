//! What a file really is, from its bytes: never from its name or declared type.

/// A type we accept, with the extension we store it under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sniffed {
    pub mime: &'static str,
    pub extension: &'static str,
}

/// Images, PDF, office documents, plain text and CSV. No SVG or HTML: they can carry scripts.
const ALLOWED: [(&str, &str); 17] = [
    ("image/jpeg", "jpg"),
    ("image/png", "png"),
    ("image/gif", "gif"),
    ("image/webp", "webp"),
    ("image/avif", "avif"),
    ("application/pdf", "pdf"),
    ("application/msword", "doc"),
    ("application/vnd.ms-excel", "xls"),
    ("application/vnd.ms-powerpoint", "ppt"),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "pptx",
    ),
    ("application/vnd.oasis.opendocument.text", "odt"),
    ("application/vnd.oasis.opendocument.spreadsheet", "ods"),
    ("application/vnd.oasis.opendocument.presentation", "odp"),
    ("application/rtf", "rtf"),
    ("text/plain", "txt"),
];

/// Sniffs the first bytes of a file. `name` only tells CSV from other plain text.
/// `Err` carries what the bytes look like, for the message.
pub fn sniff(head: &[u8], name: &str) -> Result<Sniffed, String> {
    if let Some(kind) = infer::get(head) {
        let mime = kind.mime_type();
        return ALLOWED
            .iter()
            .find(|(m, _)| *m == mime)
            .map(|(m, e)| Sniffed {
                mime: m,
                extension: e,
            })
            .ok_or_else(|| mime.to_owned());
    }
    if looks_like_text(head) {
        let lower = head
            .iter()
            .take(512)
            .map(|b| b.to_ascii_lowercase())
            .collect::<Vec<u8>>();
        let markup = [
            b"<!doctype".as_slice(),
            b"<html",
            b"<svg",
            b"<?xml",
            b"<script",
        ]
        .iter()
        .any(|m| lower.windows(m.len()).any(|w| w == *m));
        if markup {
            return Err("text/html".into());
        }
        if name.to_ascii_lowercase().ends_with(".csv") {
            return Ok(Sniffed {
                mime: "text/csv",
                extension: "csv",
            });
        }
        return Ok(Sniffed {
            mime: "text/plain",
            extension: "txt",
        });
    }
    Err("application/octet-stream".into())
}

/// UTF-8 (a cut multi-byte character at the end is fine) without NUL bytes.
fn looks_like_text(head: &[u8]) -> bool {
    if head.is_empty() || head.contains(&0) {
        return false;
    }
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && e.valid_up_to() + 4 > head.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_from_bytes_not_names() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
        assert_eq!(sniff(png, "report.pdf").unwrap().mime, "image/png");
        assert_eq!(sniff(b"%PDF-1.7\n...", "x.png").unwrap().extension, "pdf");
        assert_eq!(sniff(b"a,b\n1,2\n", "data.csv").unwrap().mime, "text/csv");
        assert_eq!(sniff(b"hello", "notes.txt").unwrap().mime, "text/plain");
        assert!(sniff(b"<html><script>alert(1)</script>", "x.txt").is_err());
        assert!(sniff(b"<svg xmlns='http://www.w3.org/2000/svg'/>", "x.svg").is_err());
        assert!(sniff(b"MZ\x90\0\x03\0\0\0", "setup.pdf").is_err());
        assert!(sniff(b"\0\x01\x02", "x.txt").is_err());
    }
}
