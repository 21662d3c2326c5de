//! Our ids and WordPress's: what came from WordPress answers with its WordPress id here
//! (`content::wp_ids`), looked up for a whole page of answers at once.

use std::collections::HashMap;

use crate::content::wp_ids;

/// Local ids to WordPress ids, for one page of answers.
#[derive(Debug, Default)]
pub struct IdMap {
    pub entries: HashMap<i64, i64>,
    pub media: HashMap<i64, i64>,
    pub terms: HashMap<i64, i64>,
    pub users: HashMap<i64, i64>,
}

impl IdMap {
    fn of(map: &HashMap<i64, i64>, id: i64) -> i64 {
        map.get(&id).copied().unwrap_or(wp_ids::BORN_HERE + id)
    }

    pub fn entry_id(&self, id: i64) -> i64 {
        IdMap::of(&self.entries, id)
    }

    pub fn media_id(&self, id: i64) -> i64 {
        IdMap::of(&self.media, id)
    }

    pub fn term_id(&self, id: i64) -> i64 {
        IdMap::of(&self.terms, id)
    }

    pub fn user_id(&self, id: i64) -> i64 {
        IdMap::of(&self.users, id)
    }
}

/// A "not found" in WordPress's words (`message`); any other failure as it is (a database
/// that does not answer stays a 503, not a 404).
pub fn missing(e: crate::error::Error, message: &str) -> crate::error::Error {
    match e {
        crate::error::Error::NotFound(_) => crate::error::Error::not_found(message),
        other => other,
    }
}
