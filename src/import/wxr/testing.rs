//! What the tests of every part share: the WordPress fixture, and documents read to the end.

use super::{Event, Item, Reader, Site, WxrError};

pub(super) const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/wordpress/small.wxr.xml"
);

pub(super) fn fixture() -> Vec<u8> {
    std::fs::read(FIXTURE).expect("fixture")
}

pub(super) fn read_all(input: &[u8]) -> Vec<Result<Event, WxrError>> {
    Reader::new(input).collect()
}

/// The site and items of a document that must read without error.
pub(super) fn read_ok(input: &[u8]) -> (Site, Vec<Item>) {
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
pub(super) fn read_err(input: &[u8]) -> WxrError {
    let events = read_all(input);
    match events.last() {
        Some(Err(e)) => e.clone(),
        other => panic!("expected an error, got {other:?}"),
    }
}

/// A minimal WXR document around the given channel content.
pub(super) fn wxr(channel: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n\
         <rss version=\"2.0\" xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:wp=\"http://wordpress.org/export/1.2/\">\n\
         <channel>\n<wp:wxr_version>1.2</wp:wxr_version>\n{channel}\n</channel>\n</rss>\n"
    )
}
