//! Field definitions: what a field is (name, type, options, default, sub-fields).

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

/// How many levels of sub-fields may hang below a top-level field. Deeper trees are hard to
/// edit and make every check and schema recursion longer for no real use.
pub const MAX_DEPTH: usize = 5;

/// The collections a relation field may point into.
pub const COLLECTIONS: [&str; 4] = ["posts", "pages", "resources", "events"];

/// One custom field of a field group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    /// The member name in an item's `fields`, unique among its siblings.
    #[schema(pattern = "^[a-z][a-z0-9_]{0,63}$")]
    pub name: String,
    /// Shown to editors. Default: the name.
    #[serde(default)]
    pub label: String,
    /// What the field holds, and so the JSON form of its value.
    #[serde(rename = "type")]
    pub field_type: FieldType,
    /// Items must have a value (or a `default`): enforced on create and whenever `fields`
    /// is sent (422). Default: `false`.
    #[serde(default)]
    pub required: bool,
    /// Used on read when the item has no value. Must itself be a valid value. Default:
    /// none (the value reads as null).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    /// Help for editors, shown in the field's description. Default: empty.
    #[serde(default)]
    pub instructions: String,
    /// number: smallest value; relation: fewest items; repeater: fewest rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// number: largest value; relation: most items; repeater: most rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// number only: values must be min (or 0) plus a whole multiple of step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<f64>,
    /// text, textarea, email, url: most characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// select, checkbox: given as a list of strings or of {"value","label"}; always written
    /// back as {"value","label"}.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choices: Option<Vec<Choice>>,
    /// select only: a list of values instead of one. Default: `false`.
    #[serde(default)]
    pub multiple: bool,
    /// media only: allowed MIME types (`image/*` wildcards allowed); none = any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mime_types: Option<Vec<String>>,
    /// relation only: allowed collections among `posts`, `pages`, `resources`, `events`;
    /// none = any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kinds: Option<Vec<String>>,
    /// group, repeater: sub-fields (required and non-empty for those two; refused for others).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(no_recursion)]
    pub fields: Option<Vec<FieldDef>>,
}

impl FieldDef {
    pub(super) fn sub_fields(&self) -> &[FieldDef] {
        self.fields.as_deref().unwrap_or_default()
    }

    pub(super) fn choices(&self) -> &[Choice] {
        self.choices.as_deref().unwrap_or_default()
    }

    /// Holds a list of choice values rather than one.
    pub(super) fn multi_choice(&self) -> bool {
        self.field_type == FieldType::Checkbox
            || (self.field_type == FieldType::Select && self.multiple)
    }
}

/// What a custom field holds, and the JSON form of its value: `text` a single-line
/// string; `textarea` a string that may hold line breaks; `rich_text` sanitised HTML;
/// `number` a number; `boolean` `true` or `false`; `email` and `url` a string of that
/// form; `date` `YYYY-MM-DD`; `datetime` an RFC 3339 instant (read back in UTC); `time`
/// `HH:MM:SS`; `select` one of its `choices` (a list of them with `multiple`); `checkbox`
/// a list of its `choices`; `media` a media id; `relation` a list of item ids; `link` an
/// object with `url`, `title` and `target` (`""` or `_blank`); `group` an object of its
/// sub-`fields`; `repeater` a list of such objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    Text,
    Textarea,
    RichText,
    Number,
    Boolean,
    Email,
    Url,
    Date,
    Datetime,
    Time,
    Select,
    Checkbox,
    Media,
    Relation,
    Link,
    Group,
    Repeater,
}

impl FieldType {
    /// The wire name, for messages.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Textarea => "textarea",
            FieldType::RichText => "rich_text",
            FieldType::Number => "number",
            FieldType::Boolean => "boolean",
            FieldType::Email => "email",
            FieldType::Url => "url",
            FieldType::Date => "date",
            FieldType::Datetime => "datetime",
            FieldType::Time => "time",
            FieldType::Select => "select",
            FieldType::Checkbox => "checkbox",
            FieldType::Media => "media",
            FieldType::Relation => "relation",
            FieldType::Link => "link",
            FieldType::Group => "group",
            FieldType::Repeater => "repeater",
        }
    }
}

/// One option of a select or checkbox field. A bare string (`"en"`) is accepted too, as a
/// choice that is its own label; choices are always written back as objects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// What is stored and sent.
    pub value: String,
    /// What editors see; defaults to the value.
    pub label: String,
}

impl<'de> Deserialize<'de> for Choice {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A hand-written visitor rather than `#[serde(untagged)]`, whose only error is
        // "did not match any variant".
        struct ChoiceVisitor;

        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Full {
            value: String,
            #[serde(default)]
            label: Option<String>,
        }

        impl<'de> Visitor<'de> for ChoiceVisitor {
            type Value = Choice;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or an object with `value` and `label`")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Choice, E> {
                Ok(Choice {
                    value: v.to_owned(),
                    label: v.to_owned(),
                })
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Choice, A::Error> {
                let full = Full::deserialize(de::value::MapAccessDeserializer::new(map))?;
                let label = full
                    .label
                    .map(|l| l.trim().to_owned())
                    .filter(|l| !l.is_empty())
                    .unwrap_or_else(|| full.value.clone());
                Ok(Choice {
                    value: full.value,
                    label,
                })
            }
        }

        deserializer.deserialize_any(ChoiceVisitor)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn field_def_has_an_openapi_schema() {
        let schema = serde_json::to_value(<FieldDef as utoipa::PartialSchema>::schema())
            .expect("serialises");
        assert!(schema["properties"]["type"].is_object(), "{schema}");
        let choice =
            serde_json::to_value(<Choice as utoipa::PartialSchema>::schema()).expect("serialises");
        assert_eq!(choice["required"], json!(["value", "label"]));
    }
}
