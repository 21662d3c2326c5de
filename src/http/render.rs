//! Items rendered once: each content item's JSON as anonymous readers see it, kept member
//! by member, so that lists, single items, sparse fieldsets and `include` are assembled
//! from it without loading, building or serialising the item again. Like the response
//! cache, a rendering holds while nothing is written (the node's epoch), and an event's
//! until its next occurrence starts or ends.

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

/// An item's JSON as serde wrote it, and where each member's value is in it (`embedded`
/// is never among them: `include` adds it). The whole item is written with one copy; a
/// sparse fieldset copies the members it names.
#[derive(Debug)]
pub struct Rendered {
    json: Box<str>,
    members: Vec<Member>,
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

/// A member of a rendered item: its name, and where its value is in the item's JSON.
#[derive(Debug)]
struct Member {
    name: Box<str>,
    value: std::ops::Range<usize>,
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
        let members: Vec<Member> = de
            .deserialize_map(MembersVisitor)
            .map_err(Error::internal)?
            .into_iter()
            .map(|(name, value)| {
                // The value borrows from `json`: where it starts there.
                let start = value.get().as_ptr() as usize - json.as_ptr() as usize;
                Member {
                    name: name.into(),
                    value: start..start + value.get().len(),
                }
            })
            .collect();
        let size = json.len()
            + members.iter().map(|m| m.name.len() + 48).sum::<usize>()
            + refs.terms.len() * 16
            + refs.media.len() * 32
            + 128;
        Ok(Rendered {
            json: json.into(),
            members,
            refs,
            expires,
            size,
        })
    }

    /// How long the whole item's JSON is.
    pub fn json_len(&self) -> usize {
        self.json.len()
    }

    /// Writes the item as one JSON object: its members (only those named in `fields`, when
    /// given), and `embedded` (already JSON) last, where serde puts it.
    pub fn write(&self, out: &mut Vec<u8>, fields: Option<&[String]>, embedded: Option<&[u8]>) {
        let wanted = |name: &str| fields.is_none_or(|f| f.iter().any(|x| x == name));
        let member = |out: &mut Vec<u8>, first: bool, name: &str, value: &[u8]| {
            if !first {
                out.push(b',');
            }
            // Member names are plain identifiers: nothing to escape.
            out.push(b'"');
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(b"\":");
            out.extend_from_slice(value);
        };
        let embedded = embedded.filter(|_| wanted("embedded"));
        if fields.is_none() {
            // All of it as it was written, `embedded` before the closing brace.
            match embedded {
                None => out.extend_from_slice(self.json.as_bytes()),
                Some(e) => {
                    out.extend_from_slice(&self.json.as_bytes()[..self.json.len() - 1]);
                    member(out, self.members.is_empty(), "embedded", e);
                    out.push(b'}');
                }
            }
            return;
        }
        out.push(b'{');
        let mut first = true;
        for m in self.members.iter().filter(|m| wanted(&m.name)) {
            member(out, first, &m.name, &self.json.as_bytes()[m.value.clone()]);
            first = false;
        }
        if let Some(e) = embedded {
            member(out, first, "embedded", e);
        }
        out.push(b'}');
    }
}

struct MembersVisitor;

impl<'de> Visitor<'de> for MembersVisitor {
    type Value = Vec<(String, &'de RawValue)>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut members = Vec::new();
        while let Some(member) = map.next_entry()? {
            members.push(member);
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
        let mut out = b"[".to_vec();
        r.write(&mut out, Some(&["nothing".to_owned()]), None);
        assert_eq!(out, b"[{}");
    }
}
