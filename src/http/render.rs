//! Items rendered once: each content item's JSON as anonymous readers see it, kept member
//! by member, so that lists, single items, sparse fieldsets and `include` are assembled
//! from it without loading, building or serialising the item again. Like the response
//! cache, a rendering holds while nothing is written (the node's epoch), and an event's
//! until its next occurrence starts or ends.

use std::io::Write;

use chrono::{DateTime, Utc};
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::content::Kind;
use crate::content::fields::Refs;
use crate::content::terms::Taxonomy;
use crate::error::{Error, Result};
use crate::http::cache::{EpochCache, Weighed};

/// What an item refers to, for what `include` embeds.
#[derive(Debug, Clone, Default)]
pub struct ItemRefs {
    pub id: i64,
    pub author: i64,
    /// Terms by taxonomy, in name order.
    pub terms: Vec<(Taxonomy, i64)>,
    /// Media by `entry_media` role.
    pub media: Vec<(String, i64)>,
    /// What its custom fields point to.
    pub fields: Refs,
}

/// An item's JSON, member by member (`embedded` is never among them: `include` adds it).
#[derive(Debug)]
pub struct Rendered {
    members: Vec<(String, Box<RawValue>)>,
    pub refs: ItemRefs,
    expires: Option<DateTime<Utc>>,
    size: usize,
}

impl Weighed for Rendered {
    fn size(&self) -> usize {
        self.size
    }

    fn expires(&self) -> Option<DateTime<Utc>> {
        self.expires
    }
}

/// The items rendered for anonymous readers, by kind and id.
pub type RenderCache = EpochCache<(Kind, i64), Rendered>;

/// What `include` embeds that reads the same for every reader: a term (with its counts)
/// or an author.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Embeddable {
    Term(i64),
    Author(i64),
}

/// An embedded object's JSON, serialised once per change and written as it is.
#[derive(Debug)]
pub struct Fragment(Box<RawValue>);

impl Fragment {
    pub fn new<T: serde::Serialize>(value: &T) -> Result<Fragment> {
        serde_json::value::to_raw_value(value)
            .map(Fragment)
            .map_err(Error::internal)
    }

    /// The JSON.
    pub fn json(&self) -> &str {
        self.0.get()
    }
}

impl Weighed for Fragment {
    fn size(&self) -> usize {
        self.0.get().len() + 64
    }

    fn expires(&self) -> Option<DateTime<Utc>> {
        None
    }
}

/// An embedded object as items share it.
#[derive(Debug, Clone)]
pub struct Shared(pub std::sync::Arc<Fragment>);

impl Shared {
    /// The object's JSON.
    pub fn json(&self) -> &str {
        self.0.0.get()
    }
}

impl serde::Serialize for Shared {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.0.serialize(s)
    }
}

/// The objects `include` embeds, by what they are, for every reader.
pub type FragmentCache = EpochCache<Embeddable, Fragment>;

/// Items in another API's shape (the WordPress-compatible one) as anonymous readers see
/// them, by kind and id.
pub type ShapeCache = EpochCache<(Kind, i64), Fragment>;

impl Rendered {
    /// An item from its JSON (an object, as serde wrote it).
    pub fn new(json: &str, refs: ItemRefs, expires: Option<DateTime<Utc>>) -> Result<Rendered> {
        let mut de = serde_json::Deserializer::from_str(json);
        let members = de
            .deserialize_map(MembersVisitor)
            .map_err(Error::internal)?;
        let size = json.len()
            + members.iter().map(|(k, _)| k.len() + 48).sum::<usize>()
            + refs.terms.len() * 16
            + refs.media.len() * 32
            + 128;
        Ok(Rendered {
            members,
            refs,
            expires,
            size,
        })
    }

    /// Writes the item as one JSON object: its members (only those named in `fields`, when
    /// given), and `embedded` (already JSON) last, where serde puts it.
    pub fn write(&self, out: &mut Vec<u8>, fields: Option<&[String]>, embedded: Option<&[u8]>) {
        let wanted = |name: &str| fields.is_none_or(|f| f.iter().any(|x| x == name));
        out.push(b'{');
        let mut first = true;
        let mut member = |out: &mut Vec<u8>, name: &str, value: &[u8]| {
            if !first {
                out.push(b',');
            }
            first = false;
            // Member names are plain identifiers: nothing to escape.
            let _ = write!(out, "\"{name}\":");
            out.extend_from_slice(value);
        };
        for (name, value) in &self.members {
            if wanted(name) {
                member(out, name, value.get().as_bytes());
            }
        }
        if let Some(embedded) = embedded.filter(|_| wanted("embedded")) {
            member(out, "embedded", embedded);
        }
        out.push(b'}');
    }
}

struct MembersVisitor;

impl<'de> Visitor<'de> for MembersVisitor {
    type Value = Vec<(String, Box<RawValue>)>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut members = Vec::new();
        while let Some((name, value)) = map.next_entry::<String, Box<RawValue>>()? {
            members.push((name, value));
        }
        Ok(members)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_is_written_back_as_it_was_with_or_without_members() {
        let json = r#"{"id":7,"title":"A \"quoted\" title","tags":[1,2],"fields":{"x":null}}"#;
        let r = Rendered::new(json, ItemRefs::default(), None).unwrap();
        let mut out = Vec::new();
        r.write(&mut out, None, None);
        assert_eq!(String::from_utf8(out).unwrap(), json);
        let mut out = Vec::new();
        let fields = ["tags".to_owned(), "id".to_owned()];
        r.write(&mut out, Some(&fields), Some(b"{\"tags\":[]}"));
        assert_eq!(String::from_utf8(out).unwrap(), r#"{"id":7,"tags":[1,2]}"#);
        let mut out = Vec::new();
        r.write(&mut out, None, Some(b"{\"tags\":[]}"));
        assert!(
            String::from_utf8(out)
                .unwrap()
                .ends_with(r#""fields":{"x":null},"embedded":{"tags":[]}}"#)
        );
    }
}
