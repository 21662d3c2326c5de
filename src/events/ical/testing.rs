//! What the tests of the writer and the reader share.

use chrono::{DateTime, Utc};

pub(super) fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}
