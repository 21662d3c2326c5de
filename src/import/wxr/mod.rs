//! A streaming reader of WordPress's WXR export (RSS 2.0 plus the `wp:` namespace).
//!
//! Exports of real sites run to gigabytes, so the document is never built: the reader pulls
//! XML events from quick-xml and keeps only the item being read. Text is kept exactly as
//! written (WordPress writes most of it as CDATA, and what it stored is what an importer must
//! store), line ends included; only numbers are trimmed before they are parsed.

mod elements;
mod model;
mod position;
mod reader;
mod state;
#[cfg(test)]
mod testing;

pub use model::{Author, Event, Item, ItemTerm, Site, Term};
pub use position::WxrError;
pub use reader::Reader;
