//! iCalendar (RFC 5545): a feed writer and a reader for imports.
//!
//! Times are written in the event's own zone (`TZID=`), with a VTIMEZONE derived from chrono-tz
//! for the years the events cover, so that a client's idea of the zone cannot differ from ours.
//! All-day events carry their zone in `X-HEADPRESS-TIMEZONE`, since a DATE value cannot name one
//! and the zone decides when the day begins and ends.

mod lines;
mod read;
#[cfg(test)]
mod testing;
mod times;
mod write;

pub use lines::IcsError;
pub use read::{ParsedCalendar, ParsedEvent, parse};
pub use write::{IcsEvent, calendar};

/// The extension property that keeps an all-day event's zone.
const ZONE_PROPERTY: &str = "X-HEADPRESS-TIMEZONE";
