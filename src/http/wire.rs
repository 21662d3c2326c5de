//! Small pieces every wire type uses: timestamps in UTC, `null` told apart from a missing
//! member, and the parameters of a delete.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Deserialize;
use utoipa::IntoParams;

/// A stored timestamp (UTC without a zone) as the RFC 3339 instant the wire carries.
pub fn utc(t: NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}

/// Tells a member sent as `null` (`Some(None)`) from one left out (`None`).
pub fn double_option<'de, T: Deserialize<'de>, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// How far a delete goes.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeleteParams {
    /// Content: delete for good instead of moving to the trash. Media: delete even a file
    /// still in use, taking it off the items that use it. Default: `false`.
    pub force: Option<bool>,
}
