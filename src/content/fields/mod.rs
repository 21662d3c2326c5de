//! Custom fields, like WordPress ACF field groups: typed definitions, the checking of values
//! against them (with the exact path of every error), what readers see, the scalar values kept
//! in the index for filtering and sorting, and the JSON Schema that documents them.
//!
//! Pure: no database, no HTTP. The caller gathers the definitions of every field group that
//! applies to an item and passes them as one `&[&FieldDef]`; when two groups define the same
//! name, the first one wins everywhere in this module.

use std::collections::HashSet;
use std::fmt;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use utoipa::ToSchema;

use crate::content::html;
use crate::error::FieldError;

/// How many levels of sub-fields may hang below a top-level field. Deeper trees are hard to
/// edit and make every check and schema recursion longer for no real use.
pub const MAX_DEPTH: usize = 5;

/// Index rows keep this many characters of a text: 190 four-byte characters still fit the
/// 767-byte key prefix that the smallest portable index allows.
pub const INDEX_TEXT_LEN: usize = 190;

/// The collections a relation field may point into.
pub const COLLECTIONS: [&str; 4] = ["posts", "pages", "resources", "events"];

/// Above this many choices, listing them all would drown the error message.
const CHOICES_IN_MESSAGE: usize = 10;

/// One custom field of a field group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    /// Unique among its siblings.
    #[schema(pattern = "^[a-z][a-z0-9_]{0,63}$")]
    pub name: String,
    /// Shown to editors; defaults to the name.
    #[serde(default)]
    pub label: String,
    #[serde(rename = "type")]
    pub field_type: FieldType,
    #[serde(default)]
    pub required: bool,
    /// Used on read when the item has no value. Must itself be a valid value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    #[serde(default)]
    pub instructions: String,
    /// number: bounds; relation: fewest/most items; repeater: fewest/most rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
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
    /// select only: a list of values instead of one.
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
    fn sub_fields(&self) -> &[FieldDef] {
        self.fields.as_deref().unwrap_or_default()
    }

    fn choices(&self) -> &[Choice] {
        self.choices.as_deref().unwrap_or_default()
    }

    /// Holds a list of choice values rather than one.
    fn multi_choice(&self) -> bool {
        self.field_type == FieldType::Checkbox
            || (self.field_type == FieldType::Select && self.multiple)
    }
}

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

/// What media and content ids the values point to, for the caller to check exist.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Refs {
    /// (path, media id, allowed MIME types: empty = any)
    pub media: Vec<(String, i64, Vec<String>)>,
    /// (path, entry id, allowed collections: empty = any)
    pub entries: Vec<(String, i64, Vec<String>)>,
}

impl Refs {
    fn is_empty(&self) -> bool {
        self.media.is_empty() && self.entries.is_empty()
    }
}

/// How a top-level field can be filtered and sorted on, if at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    Text,
    Number,
    Boolean,
}

/// One row of the index kept for filtering and sorting on a field.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexRow {
    pub name: String,
    pub num: Option<f64>,
    pub text: Option<String>,
}

/// What a JSON Schema describes: values as read, a first write, or a partial write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaMode {
    View,
    Create,
    Update,
}

// ---------------------------------------------------------------------------------------------
// Definitions

/// Reads field definitions (a JSON list) and checks every rule; errors name the path under
/// `prefix`, such as `fields[2].choices[1].value`. Labels left out become the name, choices are
/// completed to objects, MIME types lower-cased and defaults normalised like values.
pub fn parse_definitions(raw: &Value, prefix: &str) -> Result<Vec<FieldDef>, Vec<FieldError>> {
    let mut defs: Vec<FieldDef> =
        serde_path_to_error::deserialize(raw).map_err(|e| vec![serde_error(&e, prefix)])?;
    let mut errors = Vec::new();
    check_defs(&mut defs, prefix, 0, &mut errors);
    if errors.is_empty() {
        Ok(defs)
    } else {
        Err(errors)
    }
}

fn serde_error(e: &serde_path_to_error::Error<serde_json::Error>, prefix: &str) -> FieldError {
    use serde_path_to_error::Segment;
    let mut path = e
        .path()
        .iter()
        .fold(prefix.to_owned(), |path, segment| match segment {
            Segment::Seq { index } => index_path(&path, *index),
            Segment::Map { key } | Segment::Enum { variant: key } => member(&path, key),
            Segment::Unknown => path,
        });
    let message = e.inner().to_string();
    // An unknown member is mostly reported at its own path, but at the object holding it
    // when met through `Choice`'s own map visitor; point at the member in both cases.
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((key, _)) = rest.split_once('`')
        && !(path == key || path.ends_with(&format!(".{key}")))
    {
        path = member(&path, key);
    }
    FieldError::new(path, message)
}

fn check_defs(defs: &mut [FieldDef], path: &str, depth: usize, errors: &mut Vec<FieldError>) {
    let mut seen = HashSet::new();
    for (i, def) in defs.iter_mut().enumerate() {
        let at = index_path(path, i);
        let before = errors.len();
        if !valid_name(&def.name) {
            errors.push(FieldError::new(
                member(&at, "name"),
                "must start with a lower-case letter and have at most 64 lower-case letters, \
                 digits and `_`",
            ));
        } else if !seen.insert(def.name.clone()) {
            errors.push(FieldError::new(
                member(&at, "name"),
                format!("`{}` is already the name of another field here", def.name),
            ));
        }
        def.label = def.label.trim().to_owned();
        if def.label.is_empty() {
            def.label = def.name.clone();
        }
        check_options(def, &at, depth, errors);
        // A default is checked by the field's own rules, which mean nothing while they are
        // themselves broken.
        if errors.len() == before {
            check_default(def, &at, errors);
        }
    }
}

fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && name.len() <= 64
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn check_options(def: &mut FieldDef, at: &str, depth: usize, errors: &mut Vec<FieldError>) {
    use FieldType as T;
    let t = def.field_type;
    let options = [
        (
            "min",
            def.min.is_some() && !matches!(t, T::Number | T::Relation | T::Repeater),
        ),
        (
            "max",
            def.max.is_some() && !matches!(t, T::Number | T::Relation | T::Repeater),
        ),
        ("step", def.step.is_some() && t != T::Number),
        (
            "max_length",
            def.max_length.is_some() && !matches!(t, T::Text | T::Textarea | T::Email | T::Url),
        ),
        (
            "choices",
            def.choices.is_some() && !matches!(t, T::Select | T::Checkbox),
        ),
        ("multiple", def.multiple && t != T::Select),
        ("mime_types", def.mime_types.is_some() && t != T::Media),
        ("kinds", def.kinds.is_some() && t != T::Relation),
        (
            "fields",
            def.fields.is_some() && !matches!(t, T::Group | T::Repeater),
        ),
    ];
    for (option, misplaced) in options {
        if misplaced {
            errors.push(FieldError::new(
                member(at, option),
                format!("does not apply to a `{}` field", t.as_str()),
            ));
        }
    }

    if matches!(t, T::Relation | T::Repeater) {
        for (option, bound) in [("min", def.min), ("max", def.max)] {
            if bound.is_some_and(|b| b < 0.0 || b.fract() != 0.0 || b > f64::from(u32::MAX)) {
                errors.push(FieldError::new(
                    member(at, option),
                    "must be a whole number of at least 0",
                ));
            }
        }
    }
    if let (Some(min), Some(max)) = (def.min, def.max)
        && min > max
    {
        errors.push(FieldError::new(
            member(at, "max"),
            format!("must be at least `min` ({min})"),
        ));
    }
    if def.step.is_some_and(|s| s <= 0.0) {
        errors.push(FieldError::new(
            member(at, "step"),
            "must be greater than 0",
        ));
    }
    if def.max_length == Some(0) {
        errors.push(FieldError::new(
            member(at, "max_length"),
            "must be at least 1",
        ));
    }

    match t {
        T::Select | T::Checkbox => check_choices(def.choices(), at, errors),
        T::Media => {
            if let Some(types) = &mut def.mime_types {
                check_mime_types(types, at, errors);
            }
        }
        T::Relation => {
            if let Some(kinds) = &def.kinds {
                check_kinds(kinds, at, errors);
            }
        }
        T::Group | T::Repeater => match &mut def.fields {
            Some(fields) if !fields.is_empty() => {
                if depth >= MAX_DEPTH {
                    errors.push(FieldError::new(
                        member(at, "fields"),
                        format!("nests too deeply: sub-fields go at most {MAX_DEPTH} levels down"),
                    ));
                } else {
                    check_defs(fields, &member(at, "fields"), depth + 1, errors);
                }
            }
            _ => errors.push(FieldError::new(
                member(at, "fields"),
                "must list at least one field",
            )),
        },
        _ => {}
    }
}

fn check_choices(choices: &[Choice], at: &str, errors: &mut Vec<FieldError>) {
    if choices.is_empty() {
        errors.push(FieldError::new(
            member(at, "choices"),
            "must list at least one choice",
        ));
        return;
    }
    let mut seen = HashSet::new();
    for (j, choice) in choices.iter().enumerate() {
        let path = member(&index_path(&member(at, "choices"), j), "value");
        if choice.value.trim().is_empty() {
            errors.push(FieldError::new(path, "must not be empty"));
        } else if !seen.insert(choice.value.as_str()) {
            errors.push(FieldError::new(
                path,
                format!("`{}` is already a choice", choice.value),
            ));
        }
    }
}

fn check_mime_types(types: &mut [String], at: &str, errors: &mut Vec<FieldError>) {
    // An empty list would read as "nothing allowed" here but "any" in `Refs`.
    if types.is_empty() {
        errors.push(FieldError::new(
            member(at, "mime_types"),
            "must list at least one MIME type, or be left out to allow any",
        ));
    }
    for (j, mime) in types.iter_mut().enumerate() {
        *mime = mime.trim().to_ascii_lowercase();
        if !valid_mime_pattern(mime) {
            errors.push(FieldError::new(
                index_path(&member(at, "mime_types"), j),
                "must be a MIME type such as `image/png` or `image/*`",
            ));
        }
    }
}

fn valid_mime_pattern(mime: &str) -> bool {
    let token = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$&^_.+-".contains(c))
    };
    mime.split_once('/')
        .is_some_and(|(kind, sub)| token(kind) && (sub == "*" || token(sub)))
}

fn check_kinds(kinds: &[String], at: &str, errors: &mut Vec<FieldError>) {
    if kinds.is_empty() {
        errors.push(FieldError::new(
            member(at, "kinds"),
            "must list at least one collection, or be left out to allow any",
        ));
    }
    for (j, kind) in kinds.iter().enumerate() {
        if !COLLECTIONS.contains(&kind.as_str()) {
            errors.push(FieldError::new(
                index_path(&member(at, "kinds"), j),
                format!("must be one of {}", quoted(COLLECTIONS)),
            ));
        }
    }
}

fn check_default(def: &mut FieldDef, at: &str, errors: &mut Vec<FieldError>) {
    let Some(default) = def.default.take() else {
        return;
    };
    let path = member(at, "default");
    // An empty default would read exactly like no value at all, which can only mislead.
    if is_empty(&default) {
        errors.push(FieldError::new(
            path,
            "must not be empty: leave it out instead",
        ));
        return;
    }
    if matches!(def.field_type, FieldType::Media | FieldType::Relation) {
        errors.push(FieldError::new(
            path,
            "is not allowed on media and relation fields: ids differ between sites",
        ));
        return;
    }
    let mut refs = Refs::default();
    let before = errors.len();
    let normalised = check_value(def, &default, &path, &mut refs, errors);
    if errors.len() > before {
        return;
    }
    if !refs.is_empty() {
        errors.push(FieldError::new(
            path,
            "must not hold media or relation values: ids differ between sites",
        ));
        return;
    }
    def.default = normalised;
}

// ---------------------------------------------------------------------------------------------
// Values

/// Validates the members a client sent (a partial write: only these keys; absent fields are
/// not checked for `required` here, but a required field sent empty is an error). Unknown keys
/// are errors. Returns the normalised values (null kept as null, meaning "remove") and the ids
/// to check. When two groups define the same name, the first definition applies.
pub fn validate_input(
    defs: &[&FieldDef],
    input: &Map<String, Value>,
    prefix: &str,
) -> Result<(Map<String, Value>, Refs), Vec<FieldError>> {
    let defs = first_wins(defs);
    let mut out = Map::new();
    let mut refs = Refs::default();
    let mut errors = Vec::new();
    for (key, value) in input {
        let path = member(prefix, key);
        let Some(def) = defs.iter().find(|d| d.name == *key) else {
            errors.push(FieldError::new(
                path,
                "is not a field of this item's field groups",
            ));
            continue;
        };
        if def.required && is_empty(value) {
            errors.push(FieldError::new(path, "is required"));
        } else if value.is_null() {
            out.insert(key.clone(), Value::Null);
        } else if let Some(v) = check_value(def, value, &path, &mut refs, &mut errors) {
            out.insert(key.clone(), v);
        }
    }
    if errors.is_empty() {
        Ok((out, refs))
    } else {
        Err(errors)
    }
}

/// The values as readers see them: every defined field present, with the stored value when it
/// still fits the definition (validation passes), else the default, else null; groups and
/// repeater rows viewed recursively. An empty stored value (`""`, `[]`) counts as none. Stored
/// values that no definition describes are not shown (they stay stored). When two groups define
/// the same name, the first definition applies.
pub fn view(defs: &[&FieldDef], stored: &Map<String, Value>) -> Map<String, Value> {
    first_wins(defs)
        .into_iter()
        .map(|def| (def.name.clone(), view_field(def, stored.get(&def.name))))
        .collect()
}

fn view_members(defs: &[FieldDef], stored: &Map<String, Value>) -> Map<String, Value> {
    defs.iter()
        .map(|def| (def.name.clone(), view_field(def, stored.get(&def.name))))
        .collect()
}

fn view_field(def: &FieldDef, stored: Option<&Value>) -> Value {
    let stored = stored.filter(|v| !is_empty(v));
    match def.field_type {
        // Structured values are viewed member by member, so that one sub-field gone stale
        // after a definition change does not hide its siblings.
        FieldType::Group | FieldType::Repeater => stored
            .and_then(|v| view_structured(def, v))
            .or_else(|| def.default.as_ref().and_then(|d| view_structured(def, d)))
            .unwrap_or(Value::Null),
        _ => stored
            .and_then(|v| {
                let mut errors = Vec::new();
                check_value(def, v, "", &mut Refs::default(), &mut errors)
                    .filter(|_| errors.is_empty())
            })
            .or_else(|| def.default.clone())
            .unwrap_or(Value::Null),
    }
}

fn view_structured(def: &FieldDef, value: &Value) -> Option<Value> {
    match (def.field_type, value) {
        (FieldType::Group, Value::Object(members)) => {
            Some(Value::Object(view_members(def.sub_fields(), members)))
        }
        (FieldType::Repeater, Value::Array(rows)) => Some(Value::Array(
            rows.iter()
                .filter_map(Value::as_object)
                .map(|row| Value::Object(view_members(def.sub_fields(), row)))
                .collect(),
        )),
        _ => None,
    }
}

/// Required top-level fields with no value in a view (null, "" or []), as errors under
/// prefix. When two groups define the same name, the first definition applies.
pub fn missing_required(
    defs: &[&FieldDef],
    view: &Map<String, Value>,
    prefix: &str,
) -> Vec<FieldError> {
    first_wins(defs)
        .into_iter()
        .filter(|def| def.required && view.get(&def.name).is_none_or(is_empty))
        .map(|def| FieldError::new(member(prefix, &def.name), "is required"))
        .collect()
}

/// The media and entry ids that values (such as a view) point to, gathered without judging
/// the values: unlike `validate_input`, a view whose required sub-field has no value, or whose
/// repeater has more rows than its `max` allows since the definition changed, still yields its
/// ids. When two groups define the same name, the first definition applies.
pub fn collect_refs(defs: &[&FieldDef], values: &Map<String, Value>, prefix: &str) -> Refs {
    let mut refs = Refs::default();
    for def in first_wins(defs) {
        if let Some(value) = values.get(&def.name) {
            refs_of(def, value, &member(prefix, &def.name), &mut refs);
        }
    }
    refs
}

fn refs_of(def: &FieldDef, value: &Value, path: &str, refs: &mut Refs) {
    let members = |members: &Map<String, Value>, path: &str, refs: &mut Refs| {
        for sub in def.sub_fields() {
            if let Some(v) = members.get(&sub.name) {
                refs_of(sub, v, &member(path, &sub.name), refs);
            }
        }
    };
    match (def.field_type, value) {
        (FieldType::Media, v) => {
            if let Some(id) = positive_id(v) {
                let types = def.mime_types.clone().unwrap_or_default();
                refs.media.push((path.to_owned(), id, types));
            }
        }
        (FieldType::Relation, Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                if let Some(id) = positive_id(item) {
                    let kinds = def.kinds.clone().unwrap_or_default();
                    refs.entries.push((index_path(path, i), id, kinds));
                }
            }
        }
        (FieldType::Group, Value::Object(m)) => members(m, path, refs),
        (FieldType::Repeater, Value::Array(rows)) => {
            for (i, row) in rows.iter().enumerate() {
                if let Value::Object(m) = row {
                    members(m, &index_path(path, i), refs);
                }
            }
        }
        _ => {}
    }
}

/// "No value": null, a blank string or an empty list. `false` and `0` are values.
fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(items) => items.is_empty(),
        _ => false,
    }
}

/// Checks one non-null value; returns it normalised, or `None` after pushing its errors.
fn check_value(
    def: &FieldDef,
    value: &Value,
    path: &str,
    refs: &mut Refs,
    errors: &mut Vec<FieldError>,
) -> Option<Value> {
    use FieldType as T;
    let single = match def.field_type {
        T::Text => text(def, value, false).map(Value::String),
        T::Textarea => text(def, value, true).map(Value::String),
        T::RichText => value
            .as_str()
            .map(|s| Value::String(html::sanitize(s.trim())))
            .ok_or_else(|| "must be a string of HTML".to_owned()),
        T::Number => number(def, value),
        T::Boolean => value
            .as_bool()
            .map(Value::Bool)
            .ok_or_else(|| "must be true or false".to_owned()),
        T::Email => email(value)
            .and_then(|s| within_length(def, s))
            .map(Value::String),
        T::Url => url(value)
            .and_then(|s| within_length(def, s))
            .map(Value::String),
        T::Date => date(value).map(Value::String),
        T::Datetime => datetime(value).map(Value::String),
        T::Time => time(value).map(Value::String),
        T::Select if !def.multiple => choice(def, value).map(Value::String),
        T::Select | T::Checkbox => return choice_list(def, value, path, errors),
        T::Media => positive_id(value)
            .map(|id| {
                refs.media.push((
                    path.to_owned(),
                    id,
                    def.mime_types.clone().unwrap_or_default(),
                ));
                Value::from(id)
            })
            .ok_or_else(|| "must be a media id (a positive integer)".to_owned()),
        T::Relation => return relation(def, value, path, refs, errors),
        T::Link => return link(value, path, errors),
        T::Group => {
            return match value.as_object() {
                Some(members) => check_members(
                    def.sub_fields(),
                    members,
                    path,
                    "is not a field of this group",
                    refs,
                    errors,
                )
                .map(Value::Object),
                None => fail(errors, path, "must be an object"),
            };
        }
        T::Repeater => return rows(def, value, path, refs, errors),
    };
    match single {
        Ok(v) => Some(v),
        Err(message) => fail(errors, path, message),
    }
}

fn fail(errors: &mut Vec<FieldError>, path: &str, message: impl Into<String>) -> Option<Value> {
    errors.push(FieldError::new(path, message));
    None
}

fn text(def: &FieldDef, value: &Value, multiline: bool) -> Result<String, String> {
    let s = value.as_str().ok_or("must be a string")?.trim();
    let allowed = |c: char| !c.is_control() || (multiline && matches!(c, '\n' | '\r' | '\t'));
    if !s.chars().all(allowed) {
        return Err(if multiline {
            "must not contain control characters".to_owned()
        } else {
            "must be a single line without control characters".to_owned()
        });
    }
    within_length(def, s.to_owned())
}

fn within_length(def: &FieldDef, s: String) -> Result<String, String> {
    match def.max_length {
        Some(max) if s.chars().count() > max as usize => {
            Err(format!("must be at most {max} characters"))
        }
        _ => Ok(s),
    }
}

/// Allowed slack when checking `step`, as the float error of a division grows with the
/// quotient.
const STEP_TOLERANCE: f64 = 1e-9;

fn number(def: &FieldDef, value: &Value) -> Result<Value, String> {
    let x = value.as_f64().ok_or("must be a number")?;
    if let Some(min) = def.min
        && x < min
    {
        return Err(format!("must be at least {min}"));
    }
    if let Some(max) = def.max
        && x > max
    {
        return Err(format!("must be at most {max}"));
    }
    if let Some(step) = def.step.filter(|s| *s > 0.0) {
        let base = def.min.unwrap_or(0.0);
        let k = (x - base) / step;
        if (k - k.round()).abs() > STEP_TOLERANCE * k.abs().max(1.0) {
            return Err(if base == 0.0 {
                format!("must be a multiple of {step}")
            } else {
                format!("must be {base} plus a multiple of {step}")
            });
        }
    }
    Ok(value.clone())
}

fn email(value: &Value) -> Result<String, String> {
    const MESSAGE: &str = "must be an email address";
    let s = value.as_str().ok_or(MESSAGE)?.trim();
    let (local, domain) = s.split_once('@').ok_or(MESSAGE)?;
    let plausible = !local.is_empty()
        && !domain.contains('@')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..");
    if !plausible {
        return Err(MESSAGE.to_owned());
    }
    // Domains are case-insensitive; the local part may not be, so it is kept.
    Ok(format!("{local}@{}", domain.to_lowercase()))
}

fn url(value: &Value) -> Result<String, String> {
    const MESSAGE: &str = "must be an absolute http(s) URL";
    let s = value.as_str().ok_or(MESSAGE)?.trim();
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(MESSAGE.to_owned());
    }
    let lower = s.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or(MESSAGE)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host.is_empty() || host.starts_with(':') {
        return Err(MESSAGE.to_owned());
    }
    Ok(s.to_owned())
}

/// `s` has this shape, where `9` stands for an ASCII digit.
fn shaped(s: &str, shape: &str) -> bool {
    s.len() == shape.len()
        && s.bytes().zip(shape.bytes()).all(|(c, p)| match p {
            b'9' => c.is_ascii_digit(),
            _ => c == p,
        })
}

fn date(value: &Value) -> Result<String, String> {
    const MESSAGE: &str = "must be a real date (YYYY-MM-DD)";
    let s = value.as_str().ok_or(MESSAGE)?;
    // chrono alone would also take `2024-5-1`.
    if !shaped(s, "9999-99-99") || NaiveDate::parse_from_str(s, "%Y-%m-%d").is_err() {
        return Err(MESSAGE.to_owned());
    }
    Ok(s.to_owned())
}

fn datetime(value: &Value) -> Result<String, String> {
    const MESSAGE: &str =
        "must be a date and time with an offset (RFC 3339, such as `2024-05-01T09:30:00+02:00`)";
    let s = value.as_str().ok_or(MESSAGE)?;
    let at = DateTime::parse_from_rfc3339(s).map_err(|_| MESSAGE)?;
    Ok(at
        .with_timezone(&Utc)
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string())
}

fn time(value: &Value) -> Result<String, String> {
    const MESSAGE: &str = "must be a time (HH:MM or HH:MM:SS)";
    let s = value.as_str().ok_or(MESSAGE)?;
    let parsed = if shaped(s, "99:99") {
        NaiveTime::parse_from_str(s, "%H:%M")
    } else if shaped(s, "99:99:99") && &s[6..] <= "59" {
        // The seconds bound keeps out chrono's leap second, `23:59:60`.
        NaiveTime::parse_from_str(s, "%H:%M:%S")
    } else {
        return Err(MESSAGE.to_owned());
    };
    parsed
        .map(|t| t.format("%H:%M:%S").to_string())
        .map_err(|_| MESSAGE.to_owned())
}

fn choice(def: &FieldDef, value: &Value) -> Result<String, String> {
    match value.as_str() {
        Some(s) if def.choices().iter().any(|c| c.value == s) => Ok(s.to_owned()),
        _ => Err(one_of_choices(def)),
    }
}

fn one_of_choices(def: &FieldDef) -> String {
    let choices = def.choices();
    if choices.len() > CHOICES_IN_MESSAGE {
        "must be one of the field's choices".to_owned()
    } else {
        format!(
            "must be one of {}",
            quoted(choices.iter().map(|c| c.value.as_str()))
        )
    }
}

fn choice_list(
    def: &FieldDef,
    value: &Value,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Option<Value> {
    let Some(items) = value.as_array() else {
        return fail(errors, path, "must be a list of choice values");
    };
    let before = errors.len();
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match choice(def, item) {
            Ok(v) if !seen.insert(v.clone()) => {
                errors.push(FieldError::new(index_path(path, i), "is listed twice"));
            }
            Ok(v) => out.push(Value::String(v)),
            Err(message) => errors.push(FieldError::new(index_path(path, i), message)),
        }
    }
    (errors.len() == before).then_some(Value::Array(out))
}

fn positive_id(value: &Value) -> Option<i64> {
    value.as_i64().filter(|id| *id > 0)
}

/// Checks the number of items of a list against `min`/`max`. An empty list is "no value",
/// which only `required` forbids.
fn within_count(def: &FieldDef, count: usize, noun: &str) -> Result<(), String> {
    let plural = |n: f64| if n == 1.0 { "" } else { "s" };
    let count = count as f64;
    if count == 0.0 {
        return Ok(());
    }
    if let Some(min) = def.min
        && count < min
    {
        return Err(format!("must have at least {min} {noun}{}", plural(min)));
    }
    if let Some(max) = def.max
        && count > max
    {
        return Err(format!("must have at most {max} {noun}{}", plural(max)));
    }
    Ok(())
}

fn relation(
    def: &FieldDef,
    value: &Value,
    path: &str,
    refs: &mut Refs,
    errors: &mut Vec<FieldError>,
) -> Option<Value> {
    let Some(items) = value.as_array() else {
        return fail(errors, path, "must be a list of entry ids");
    };
    if let Err(message) = within_count(def, items.len(), "item") {
        return fail(errors, path, message);
    }
    let before = errors.len();
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let at = index_path(path, i);
        match positive_id(item) {
            Some(id) if !seen.insert(id) => errors.push(FieldError::new(at, "is listed twice")),
            Some(id) => {
                refs.entries
                    .push((at, id, def.kinds.clone().unwrap_or_default()));
                out.push(Value::from(id));
            }
            None => errors.push(FieldError::new(
                at,
                "must be an entry id (a positive integer)",
            )),
        }
    }
    (errors.len() == before).then_some(Value::Array(out))
}

fn link(value: &Value, path: &str, errors: &mut Vec<FieldError>) -> Option<Value> {
    let Some(members) = value.as_object() else {
        return fail(
            errors,
            path,
            "must be an object with `url` and optionally `title` and `target`",
        );
    };
    let before = errors.len();
    for key in members.keys() {
        if !matches!(key.as_str(), "url" | "title" | "target") {
            errors.push(FieldError::new(
                member(path, key),
                "is not a member of a link",
            ));
        }
    }
    let url = match members.get("url") {
        Some(v) if !is_empty(v) => match url(v) {
            Ok(u) => u,
            Err(message) => return fail(errors, &member(path, "url"), message),
        },
        _ => return fail(errors, &member(path, "url"), "is required"),
    };
    let title = match members.get("title") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.trim().to_owned(),
        Some(_) => return fail(errors, &member(path, "title"), "must be a string"),
    };
    let target = match members.get("target").map(|t| (t, t.as_str())) {
        None => "",
        Some((Value::Null, _)) => "",
        Some((_, Some(t @ ("" | "_blank")))) => t,
        Some(_) => return fail(errors, &member(path, "target"), "must be \"\" or `_blank`"),
    };
    (errors.len() == before).then(|| json!({ "url": url, "title": title, "target": target }))
}

/// Checks an object holding sub-fields: every member defined, required ones present.
/// Members with no value are left out of the result.
fn check_members(
    defs: &[FieldDef],
    members: &Map<String, Value>,
    path: &str,
    unknown: &str,
    refs: &mut Refs,
    errors: &mut Vec<FieldError>,
) -> Option<Map<String, Value>> {
    let before = errors.len();
    for key in members.keys() {
        if !defs.iter().any(|d| d.name == *key) {
            errors.push(FieldError::new(member(path, key), unknown));
        }
    }
    let mut out = Map::new();
    for def in defs {
        let at = member(path, &def.name);
        match members.get(&def.name) {
            v if def.required && v.is_none_or(is_empty) => {
                errors.push(FieldError::new(at, "is required"));
            }
            None | Some(Value::Null) => {}
            Some(v) => {
                if let Some(v) = check_value(def, v, &at, refs, errors) {
                    out.insert(def.name.clone(), v);
                }
            }
        }
    }
    (errors.len() == before).then_some(out)
}

fn rows(
    def: &FieldDef,
    value: &Value,
    path: &str,
    refs: &mut Refs,
    errors: &mut Vec<FieldError>,
) -> Option<Value> {
    let Some(rows) = value.as_array() else {
        return fail(errors, path, "must be a list of rows");
    };
    if let Err(message) = within_count(def, rows.len(), "row") {
        return fail(errors, path, message);
    }
    let before = errors.len();
    let mut out = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let at = index_path(path, i);
        match row.as_object() {
            Some(members) => {
                if let Some(row) = check_members(
                    def.sub_fields(),
                    members,
                    &at,
                    "is not a field of this repeater",
                    refs,
                    errors,
                ) {
                    out.push(Value::Object(row));
                }
            }
            None => errors.push(FieldError::new(at, "must be an object")),
        }
    }
    (errors.len() == before).then_some(Value::Array(out))
}

// ---------------------------------------------------------------------------------------------
// Filtering and sorting

/// How a top-level field can be filtered and sorted on, if at all.
pub fn scalar(def: &FieldDef) -> Option<Scalar> {
    use FieldType as T;
    match def.field_type {
        T::Text | T::Email | T::Url | T::Select | T::Checkbox | T::Date | T::Datetime | T::Time => {
            Some(Scalar::Text)
        }
        T::Number => Some(Scalar::Number),
        T::Boolean => Some(Scalar::Boolean),
        T::Textarea | T::RichText | T::Media | T::Relation | T::Link | T::Group | T::Repeater => {
            None
        }
    }
}

/// Scalar and single-valued: an item has at most one value to sort by.
pub fn sortable(def: &FieldDef) -> bool {
    scalar(def).is_some() && !def.multi_choice()
}

/// The rows to keep in the index table for filtering and sorting: one per top-level scalar
/// value (a list gives one row per item); empty values give none. Text is cut to
/// [`INDEX_TEXT_LEN`] characters, booleans are `num` 1/0. When two groups define the same
/// name, the first definition applies.
pub fn index_rows(defs: &[&FieldDef], view: &Map<String, Value>) -> Vec<IndexRow> {
    let mut rows = Vec::new();
    for def in first_wins(defs) {
        let (Some(kind), Some(value)) = (scalar(def), view.get(&def.name)) else {
            continue;
        };
        let items = match value {
            Value::Array(items) => items.as_slice(),
            one => std::slice::from_ref(one),
        };
        rows.extend(
            items
                .iter()
                .filter_map(|item| index_row(&def.name, kind, item)),
        );
    }
    rows
}

fn index_row(name: &str, kind: Scalar, value: &Value) -> Option<IndexRow> {
    let (num, text) = match (kind, value) {
        (Scalar::Number, Value::Number(n)) => (n.as_f64(), None),
        (Scalar::Boolean, Value::Bool(b)) => (Some(if *b { 1.0 } else { 0.0 }), None),
        (Scalar::Text, Value::String(s)) if !s.is_empty() => (None, Some(cut(s))),
        _ => return None,
    };
    Some(IndexRow {
        name: name.to_owned(),
        num,
        text,
    })
}

fn cut(s: &str) -> String {
    s.chars().take(INDEX_TEXT_LEN).collect()
}

/// Parses a filter value given in a query string for a scalar field (`2020`, `true`, `ILO`),
/// normalised like a stored value so that it compares equal to the index: Err(message) when
/// it cannot be a value of that field (e.g. `abc` for a number). Bounds such as `min` are not
/// checked: a filter outside them simply matches nothing.
pub fn filter_value(def: &FieldDef, raw: &str) -> Result<IndexRow, String> {
    use FieldType as T;
    let row = |num, text| IndexRow {
        name: def.name.clone(),
        num,
        text,
    };
    match scalar(def) {
        None => Err(format!(
            "cannot be filtered on: `{}` fields are not indexed",
            def.field_type.as_str()
        )),
        Some(Scalar::Number) => raw
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .map(|x| row(Some(x), None))
            .ok_or_else(|| "must be a number".to_owned()),
        Some(Scalar::Boolean) => match raw.trim() {
            "true" | "1" => Ok(row(Some(1.0), None)),
            "false" | "0" => Ok(row(Some(0.0), None)),
            _ => Err("must be true or false".to_owned()),
        },
        Some(Scalar::Text) => {
            let value = Value::String(raw.to_owned());
            let text = match def.field_type {
                T::Email => email(&value)?,
                T::Url => url(&value)?,
                T::Date => date(&value)?,
                T::Datetime => datetime(&value)?,
                T::Time => time(&value)?,
                T::Select | T::Checkbox => choice(def, &value)?,
                _ => raw.trim().to_owned(),
            };
            if text.is_empty() {
                return Err("must not be empty".to_owned());
            }
            Ok(row(None, Some(cut(&text))))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// JSON Schema

/// JSON Schema (OpenAPI 3.1 dialect) of an object holding these fields.
///
/// View: every field in `required`, types nullable unless the field has a default. Create:
/// `required` lists the fields marked required. Update: no `required` at the top (a partial
/// write), but a group or repeater row is written whole, so its own `required` is as in
/// Create. Inputs allow null for fields that are not required. When two groups define the
/// same name, the first definition applies.
pub fn json_schema(defs: &[&FieldDef], mode: SchemaMode) -> Value {
    object_schema(first_wins(defs), mode)
}

fn object_schema<'a>(defs: impl IntoIterator<Item = &'a FieldDef>, mode: SchemaMode) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for def in defs {
        properties.insert(def.name.clone(), property_schema(def, mode));
        if mode == SchemaMode::View || (mode == SchemaMode::Create && def.required) {
            required.push(Value::String(def.name.clone()));
        }
    }
    let mut schema = Map::new();
    schema.insert("type".into(), json!("object"));
    schema.insert("properties".into(), Value::Object(properties));
    if !required.is_empty() {
        schema.insert("required".into(), Value::Array(required));
    }
    schema.insert("additionalProperties".into(), json!(false));
    Value::Object(schema)
}

fn property_schema(def: &FieldDef, mode: SchemaMode) -> Value {
    use FieldType as T;
    let within = if mode == SchemaMode::Update {
        SchemaMode::Create
    } else {
        mode
    };
    let enum_of = |def: &FieldDef| -> Value {
        def.choices()
            .iter()
            .map(|c| Value::String(c.value.clone()))
            .collect()
    };
    let mut s = match def.field_type {
        T::Text | T::Textarea => json!({ "type": "string" }),
        T::RichText => json!({ "type": "string", "contentMediaType": "text/html" }),
        T::Email => json!({ "type": "string", "format": "email" }),
        T::Url => json!({ "type": "string", "format": "uri" }),
        T::Number => json!({ "type": "number" }),
        T::Boolean => json!({ "type": "boolean" }),
        T::Date => json!({ "type": "string", "format": "date" }),
        T::Datetime => json!({ "type": "string", "format": "date-time" }),
        // `format: time` alone would ask for an offset, which these values never carry.
        T::Time => json!({
            "type": "string",
            "format": "time",
            "pattern": "^[0-2][0-9]:[0-5][0-9](:[0-5][0-9])?$",
        }),
        T::Select if !def.multiple => json!({ "type": "string", "enum": enum_of(def) }),
        T::Select | T::Checkbox => json!({
            "type": "array",
            "items": { "type": "string", "enum": enum_of(def) },
            "uniqueItems": true,
        }),
        T::Media => json!({ "type": "integer", "minimum": 1 }),
        T::Relation => json!({
            "type": "array",
            "items": { "type": "integer", "minimum": 1 },
            "uniqueItems": true,
        }),
        T::Link => link_schema(within),
        T::Group => object_schema(def.sub_fields(), within),
        T::Repeater => json!({
            "type": "array",
            "items": object_schema(def.sub_fields(), within),
        }),
    };
    let Value::Object(map) = &mut s else {
        return s;
    };
    match def.field_type {
        T::Number => {
            if let Some(min) = def.min {
                map.insert("minimum".into(), number_value(min));
            }
            if let Some(max) = def.max {
                map.insert("maximum".into(), number_value(max));
            }
            // JSON Schema's multipleOf counts from 0 only.
            if let Some(step) = def.step
                && def.min.is_none_or(|m| m == 0.0)
            {
                map.insert("multipleOf".into(), number_value(step));
            }
        }
        T::Relation | T::Repeater => {
            if let Some(min) = def.min {
                map.insert("minItems".into(), number_value(min));
            }
            if let Some(max) = def.max {
                map.insert("maxItems".into(), number_value(max));
            }
        }
        _ => {}
    }
    if let Some(max) = def.max_length {
        map.insert("maxLength".into(), json!(max));
    }
    // Definitions built by hand rather than parsed may have no label.
    let label = if def.label.is_empty() {
        &def.name
    } else {
        &def.label
    };
    let description = if def.instructions.trim().is_empty() {
        label.clone()
    } else {
        format!("{label}\n\n{}", def.instructions.trim())
    };
    map.insert("description".into(), Value::String(description));
    if let Some(default) = &def.default {
        map.insert("default".into(), default.clone());
    }
    let nullable = match mode {
        SchemaMode::View => def.default.is_none(),
        SchemaMode::Create | SchemaMode::Update => !def.required,
    };
    if nullable {
        make_nullable(map);
    }
    s
}

fn link_schema(mode: SchemaMode) -> Value {
    let mut properties = json!({
        "url": { "type": "string", "format": "uri" },
        "title": { "type": "string" },
        "target": { "type": "string", "enum": ["", "_blank"] },
    });
    let required = if mode == SchemaMode::View {
        json!(["url", "title", "target"])
    } else {
        // Inputs may leave out or null the optional members, which then read as "".
        if let Value::Object(members) = &mut properties {
            for key in ["title", "target"] {
                if let Some(Value::Object(member)) = members.get_mut(key) {
                    make_nullable(member);
                }
            }
        }
        json!(["url"])
    };
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

/// Adds `null` to a schema's type, and to its `enum`, which would otherwise still refuse it.
fn make_nullable(schema: &mut Map<String, Value>) {
    if let Some(Value::String(t)) = schema.get("type") {
        let types = json!([t, "null"]);
        schema.insert("type".into(), types);
    }
    if let Some(Value::Array(values)) = schema.get_mut("enum") {
        values.push(Value::Null);
    }
}

/// A whole number as a JSON integer (`5`, not `5.0`).
fn number_value(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9e15 {
        #[expect(
            clippy::cast_possible_truncation,
            reason = "whole and well within i64 range"
        )]
        let whole = x as i64;
        Value::from(whole)
    } else {
        Value::from(x)
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers

/// The definitions by name, the first one winning when two groups define the same name.
fn first_wins<'a>(defs: &[&'a FieldDef]) -> Vec<&'a FieldDef> {
    let mut seen = HashSet::new();
    defs.iter()
        .copied()
        .filter(|def| seen.insert(def.name.as_str()))
        .collect()
}

fn member(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn index_path(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

fn quoted<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    values
        .into_iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: Value) -> Vec<FieldDef> {
        parse_definitions(&raw, "fields").expect("valid definitions")
    }

    fn parse_errors(raw: Value) -> Vec<(String, String)> {
        parse_definitions(&raw, "fields")
            .expect_err("invalid definitions")
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect()
    }

    fn all() -> Vec<FieldDef> {
        parse(json!([
            { "name": "subtitle", "type": "text", "max_length": 10 },
            { "name": "summary", "type": "textarea" },
            { "name": "body", "type": "rich_text" },
            { "name": "year", "type": "number", "min": 1900, "max": 2100, "step": 1 },
            { "name": "featured", "type": "boolean", "required": true },
            { "name": "contact", "type": "email" },
            { "name": "website", "type": "url" },
            { "name": "day", "type": "date" },
            { "name": "starts", "type": "datetime" },
            { "name": "opens", "type": "time" },
            { "name": "language", "type": "select", "choices": ["en", "fr"] },
            { "name": "topics", "type": "select", "multiple": true,
              "choices": [{ "value": "health", "label": "Health" }, { "value": "work" }] },
            { "name": "countries", "type": "checkbox", "choices": ["fr", "de", "it"] },
            { "name": "cover", "type": "media", "mime_types": ["image/*"] },
            { "name": "related", "type": "relation", "kinds": ["posts"], "max": 2 },
            { "name": "cta", "type": "link" },
            { "name": "venue", "type": "group", "fields": [
                { "name": "city", "type": "text", "required": true },
                { "name": "place", "type": "group", "fields": [
                    { "name": "lat", "type": "number", "min": -90, "max": 90 },
                    { "name": "map", "type": "media" }
                ] }
            ] },
            { "name": "authors", "type": "repeater", "max": 3, "fields": [
                { "name": "name", "type": "text", "required": true },
                { "name": "photo", "type": "media" }
            ] }
        ]))
    }

    fn refs(defs: &[FieldDef]) -> Vec<&FieldDef> {
        defs.iter().collect()
    }

    fn obj(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            other => panic!("not an object: {other}"),
        }
    }

    fn input(defs: &[FieldDef], v: Value) -> Result<(Map<String, Value>, Refs), Vec<FieldError>> {
        validate_input(&refs(defs), &obj(v), "fields")
    }

    /// The normalised value of the one member sent.
    fn ok(defs: &[FieldDef], name: &str, v: Value) -> Value {
        let (out, _) = input(defs, json!({ name: v })).expect("valid input");
        out.get(name).cloned().expect("member kept")
    }

    fn errors(defs: &[FieldDef], v: Value) -> Vec<(String, String)> {
        input(defs, v)
            .expect_err("invalid input")
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect()
    }

    fn error(defs: &[FieldDef], name: &str, v: Value) -> (String, String) {
        let mut errs = errors(defs, json!({ name: v }));
        assert_eq!(errs.len(), 1, "{errs:?}");
        errs.remove(0)
    }

    fn err(path: &str, message: &str) -> (String, String) {
        (path.to_owned(), message.to_owned())
    }

    fn def<'a>(defs: &'a [FieldDef], name: &str) -> &'a FieldDef {
        defs.iter().find(|d| d.name == name).expect("defined")
    }

    // --- definitions ---

    #[test]
    fn labels_default_to_names_and_choices_to_objects() {
        let defs = all();
        assert_eq!(def(&defs, "subtitle").label, "subtitle");
        assert_eq!(
            def(&defs, "language").choices(),
            [
                Choice {
                    value: "en".into(),
                    label: "en".into()
                },
                Choice {
                    value: "fr".into(),
                    label: "fr".into()
                }
            ]
        );
        assert_eq!(def(&defs, "topics").choices()[0].label, "Health");
        assert_eq!(def(&defs, "topics").choices()[1].label, "work");
        let written = serde_json::to_value(def(&defs, "language")).expect("serialises");
        assert_eq!(
            written["choices"],
            json!([{ "value": "en", "label": "en" }, { "value": "fr", "label": "fr" }])
        );
        // Written definitions read back unchanged.
        let again = parse(serde_json::to_value(&defs).expect("serialises"));
        assert_eq!(again, defs);
    }

    #[test]
    fn definitions_must_deserialise() {
        assert_eq!(
            parse_errors(json!([{ "name": "a", "type": "colour" }]))[0].0,
            "fields[0].type"
        );
        let errs = parse_errors(json!([{ "name": "a", "type": "text", "maxlength": 3 }]));
        assert_eq!(errs[0].0, "fields[0].maxlength");
        assert!(
            errs[0].1.starts_with("unknown field `maxlength`"),
            "{errs:?}"
        );
        let errs = parse_errors(json!([
            { "name": "a", "type": "select", "choices": ["x", { "value": "y", "colour": 1 }] }
        ]));
        assert_eq!(errs[0].0, "fields[0].choices[1].colour");
        let errs = parse_errors(json!([{ "name": "a", "type": "select", "choices": [3] }]));
        assert_eq!(errs[0].0, "fields[0].choices[0]");
        assert_eq!(parse_errors(json!({ "name": "a" }))[0].0, "fields");
    }

    #[test]
    fn names_must_match_the_pattern_and_be_unique_per_level() {
        let errs = parse_errors(json!([
            { "name": "Title", "type": "text" },
            { "name": "1st", "type": "text" },
            { "name": "x".repeat(65), "type": "text" },
            { "name": "ok", "type": "text" },
            { "name": "ok", "type": "number" },
            { "name": "g", "type": "group", "fields": [
                { "name": "ok", "type": "text" },
                { "name": "in", "type": "text" },
                { "name": "in", "type": "text" }
            ] }
        ]));
        let paths: Vec<&str> = errs.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(
            paths,
            [
                "fields[0].name",
                "fields[1].name",
                "fields[2].name",
                "fields[4].name",
                "fields[5].fields[2].name"
            ]
        );
        assert_eq!(errs[3].1, "`ok` is already the name of another field here");
        parse(
            json!([{ "name": "a".repeat(64), "type": "text" }, { "name": "a_1", "type": "text" }]),
        );
    }

    #[test]
    fn options_only_on_types_that_use_them() {
        let errs = parse_errors(json!([
            { "name": "a", "type": "number", "choices": ["x"] },
            { "name": "b", "type": "text", "step": 1 },
            { "name": "c", "type": "text", "min": 1 },
            { "name": "d", "type": "number", "max_length": 3 },
            { "name": "e", "type": "checkbox", "choices": ["x"], "multiple": true },
            { "name": "f", "type": "relation", "mime_types": ["image/png"] },
            { "name": "g", "type": "media", "kinds": ["posts"] },
            { "name": "h", "type": "link", "fields": [{ "name": "x", "type": "text" }] }
        ]));
        assert_eq!(
            errs,
            [
                err("fields[0].choices", "does not apply to a `number` field"),
                err("fields[1].step", "does not apply to a `text` field"),
                err("fields[2].min", "does not apply to a `text` field"),
                err("fields[3].max_length", "does not apply to a `number` field"),
                err("fields[4].multiple", "does not apply to a `checkbox` field"),
                err(
                    "fields[5].mime_types",
                    "does not apply to a `relation` field"
                ),
                err("fields[6].kinds", "does not apply to a `media` field"),
                err("fields[7].fields", "does not apply to a `link` field"),
            ]
        );
    }

    #[test]
    fn bounds_steps_and_lengths_must_make_sense() {
        let errs = parse_errors(json!([
            { "name": "a", "type": "number", "min": 5, "max": 1 },
            { "name": "b", "type": "number", "step": 0 },
            { "name": "c", "type": "relation", "min": 1.5 },
            { "name": "d", "type": "repeater", "max": -1, "fields": [{ "name": "x", "type": "text" }] },
            { "name": "e", "type": "text", "max_length": 0 }
        ]));
        assert_eq!(
            errs,
            [
                err("fields[0].max", "must be at least `min` (5)"),
                err("fields[1].step", "must be greater than 0"),
                err("fields[2].min", "must be a whole number of at least 0"),
                err("fields[3].max", "must be a whole number of at least 0"),
                err("fields[4].max_length", "must be at least 1"),
            ]
        );
    }

    #[test]
    fn choices_must_be_present_non_empty_and_unique() {
        let errs = parse_errors(json!([
            { "name": "a", "type": "select" },
            { "name": "b", "type": "checkbox", "choices": [] },
            { "name": "c", "type": "select", "choices": ["x", { "value": " " }, "x"] }
        ]));
        assert_eq!(
            errs,
            [
                err("fields[0].choices", "must list at least one choice"),
                err("fields[1].choices", "must list at least one choice"),
                err("fields[2].choices[1].value", "must not be empty"),
                err("fields[2].choices[2].value", "`x` is already a choice"),
            ]
        );
    }

    #[test]
    fn kinds_mime_types_and_sub_fields_are_checked() {
        let errs = parse_errors(json!([
            { "name": "a", "type": "relation", "kinds": ["posts", "users"] },
            { "name": "b", "type": "relation", "kinds": [] },
            { "name": "c", "type": "media", "mime_types": ["image/*", "png"] },
            { "name": "d", "type": "group" },
            { "name": "e", "type": "repeater", "fields": [] }
        ]));
        assert_eq!(
            errs,
            [
                err(
                    "fields[0].kinds[1]",
                    "must be one of `posts`, `pages`, `resources`, `events`"
                ),
                err(
                    "fields[1].kinds",
                    "must list at least one collection, or be left out to allow any"
                ),
                err(
                    "fields[2].mime_types[1]",
                    "must be a MIME type such as `image/png` or `image/*`"
                ),
                err("fields[3].fields", "must list at least one field"),
                err("fields[4].fields", "must list at least one field"),
            ]
        );
        let defs = parse(json!([{ "name": "m", "type": "media", "mime_types": [" Image/PNG "] }]));
        assert_eq!(defs[0].mime_types, Some(vec!["image/png".to_owned()]));
    }

    fn nested(levels: usize) -> Value {
        let mut field = json!({ "name": "leaf", "type": "text" });
        for i in 0..levels {
            field = json!({ "name": format!("g{i}"), "type": "group", "fields": [field] });
        }
        json!([field])
    }

    #[test]
    fn sub_fields_nest_at_most_five_levels() {
        parse(nested(5));
        let errs = parse_errors(nested(6));
        assert_eq!(
            errs,
            [err(
                "fields[0].fields[0].fields[0].fields[0].fields[0].fields[0].fields",
                "nests too deeply: sub-fields go at most 5 levels down"
            )]
        );
    }

    #[test]
    fn defaults_must_be_valid_values() {
        let errs = parse_errors(json!([
            { "name": "a", "type": "number", "max": 10, "default": 11 },
            { "name": "b", "type": "select", "choices": ["en"], "default": "de" },
            { "name": "c", "type": "media", "default": 3 },
            { "name": "d", "type": "relation", "default": [3] },
            { "name": "e", "type": "text", "default": "" },
            { "name": "f", "type": "checkbox", "choices": ["x"], "default": ["x", "y"] },
            { "name": "g", "type": "group", "default": { "m": 4 }, "fields": [{ "name": "m", "type": "media" }] },
            { "name": "h", "type": "date", "default": "2024-02-30" }
        ]));
        assert_eq!(
            errs,
            [
                err("fields[0].default", "must be at most 10"),
                err("fields[1].default", "must be one of `en`"),
                err(
                    "fields[2].default",
                    "is not allowed on media and relation fields: ids differ between sites"
                ),
                err(
                    "fields[3].default",
                    "is not allowed on media and relation fields: ids differ between sites"
                ),
                err(
                    "fields[4].default",
                    "must not be empty: leave it out instead"
                ),
                err("fields[5].default[1]", "must be one of `x`"),
                err(
                    "fields[6].default",
                    "must not hold media or relation values: ids differ between sites"
                ),
                err("fields[7].default", "must be a real date (YYYY-MM-DD)"),
            ]
        );
        let defs = parse(json!([
            { "name": "at", "type": "datetime", "default": "2024-05-01T10:00:00+02:00" },
            { "name": "on", "type": "boolean", "required": true, "default": false },
            { "name": "cta", "type": "link", "default": { "url": "https://example.org" } }
        ]));
        assert_eq!(defs[0].default, Some(json!("2024-05-01T08:00:00Z")));
        assert_eq!(defs[1].default, Some(json!(false)));
        assert_eq!(
            defs[2].default,
            Some(json!({ "url": "https://example.org", "title": "", "target": "" }))
        );
    }

    // --- values, type by type ---

    #[test]
    fn text_is_trimmed_single_line_and_bounded() {
        let defs = all();
        assert_eq!(ok(&defs, "subtitle", json!("  Hello  ")), json!("Hello"));
        assert_eq!(
            ok(&defs, "subtitle", json!("éééééééééé")),
            json!("éééééééééé")
        );
        assert_eq!(
            error(&defs, "subtitle", json!("12345678901")),
            err("fields.subtitle", "must be at most 10 characters")
        );
        assert_eq!(
            error(&defs, "subtitle", json!("a\nb")),
            err(
                "fields.subtitle",
                "must be a single line without control characters"
            )
        );
        assert_eq!(
            error(&defs, "subtitle", json!(3)),
            err("fields.subtitle", "must be a string")
        );
        assert_eq!(ok(&defs, "summary", json!(" a\nb ")), json!("a\nb"));
        assert_eq!(
            error(&defs, "summary", json!("a\u{0}b")),
            err("fields.summary", "must not contain control characters")
        );
    }

    #[test]
    fn rich_text_is_sanitised() {
        let defs = all();
        let v = ok(
            &defs,
            "body",
            json!("<p onclick=\"x()\">Hi<script>alert(1)</script></p>"),
        );
        assert_eq!(v, json!("<p>Hi</p>"));
        assert_eq!(
            error(&defs, "body", json!(["<p>"])),
            err("fields.body", "must be a string of HTML")
        );
    }

    #[test]
    fn numbers_respect_bounds_and_step() {
        let defs = all();
        assert_eq!(ok(&defs, "year", json!(2020)), json!(2020));
        assert_eq!(ok(&defs, "year", json!(2100)), json!(2100));
        assert_eq!(
            error(&defs, "year", json!(2101)),
            err("fields.year", "must be at most 2100")
        );
        assert_eq!(
            error(&defs, "year", json!(1899)),
            err("fields.year", "must be at least 1900")
        );
        assert_eq!(
            error(&defs, "year", json!(2020.5)),
            err("fields.year", "must be 1900 plus a multiple of 1")
        );
        assert_eq!(
            error(&defs, "year", json!("2020")),
            err("fields.year", "must be a number")
        );
        let defs = parse(json!([
            { "name": "price", "type": "number", "step": 0.1 },
            { "name": "odd", "type": "number", "min": 1, "step": 2 }
        ]));
        assert_eq!(ok(&defs, "price", json!(0.3)), json!(0.3));
        assert_eq!(ok(&defs, "price", json!(123456.7)), json!(123456.7));
        assert_eq!(
            error(&defs, "price", json!(0.35)),
            err("fields.price", "must be a multiple of 0.1")
        );
        assert_eq!(ok(&defs, "odd", json!(7)), json!(7));
        assert_eq!(
            error(&defs, "odd", json!(6)),
            err("fields.odd", "must be 1 plus a multiple of 2")
        );
    }

    #[test]
    fn booleans_are_true_or_false() {
        let defs = all();
        assert_eq!(ok(&defs, "featured", json!(false)), json!(false));
        assert_eq!(
            error(&defs, "featured", json!("yes")),
            err("fields.featured", "must be true or false")
        );
    }

    #[test]
    fn emails_are_plausible_with_lower_case_domains() {
        let defs = all();
        assert_eq!(
            ok(&defs, "contact", json!(" Ann.Lee@Example.ORG ")),
            json!("Ann.Lee@example.org")
        );
        for bad in [
            "ann",
            "ann@example",
            "a@b@example.org",
            "a b@example.org",
            "@example.org",
            "a@.org",
            "a@example..org",
        ] {
            assert_eq!(
                error(&defs, "contact", json!(bad)),
                err("fields.contact", "must be an email address"),
                "{bad}"
            );
        }
    }

    #[test]
    fn urls_are_absolute_http() {
        let defs = all();
        assert_eq!(
            ok(&defs, "website", json!("https://example.org/a?b=1#c")),
            json!("https://example.org/a?b=1#c")
        );
        assert_eq!(
            ok(&defs, "website", json!("HTTP://x.org")),
            json!("HTTP://x.org")
        );
        for bad in [
            "example.org",
            "ftp://example.org",
            "https://",
            "https:///path",
            "https://exa mple.org",
            "javascript:alert(1)",
            "https://a.org/\u{7}",
        ] {
            assert_eq!(
                error(&defs, "website", json!(bad)),
                err("fields.website", "must be an absolute http(s) URL"),
                "{bad}"
            );
        }
    }

    #[test]
    fn dates_times_and_datetimes_are_normalised() {
        let defs = all();
        assert_eq!(ok(&defs, "day", json!("2024-02-29")), json!("2024-02-29"));
        for bad in [
            "2023-02-29",
            "2024-2-1",
            "01/02/2024",
            "2024-02-01T00:00:00Z",
        ] {
            assert_eq!(
                error(&defs, "day", json!(bad)),
                err("fields.day", "must be a real date (YYYY-MM-DD)"),
                "{bad}"
            );
        }
        assert_eq!(
            ok(&defs, "starts", json!("2024-05-01T23:30:00.5-02:00")),
            json!("2024-05-02T01:30:00Z")
        );
        let (path, message) = error(&defs, "starts", json!("2024-05-01T23:30:00"));
        assert_eq!(path, "fields.starts");
        assert!(
            message.starts_with("must be a date and time with an offset"),
            "{message}"
        );
        assert_eq!(ok(&defs, "opens", json!("09:30")), json!("09:30:00"));
        assert_eq!(ok(&defs, "opens", json!("23:59:59")), json!("23:59:59"));
        for bad in ["9:30", "24:00", "12:60", "23:59:60", "09:30:00Z"] {
            assert_eq!(
                error(&defs, "opens", json!(bad)),
                err("fields.opens", "must be a time (HH:MM or HH:MM:SS)"),
                "{bad}"
            );
        }
    }

    #[test]
    fn selects_take_one_choice_or_a_list_when_multiple() {
        let defs = all();
        assert_eq!(ok(&defs, "language", json!("fr")), json!("fr"));
        assert_eq!(
            error(&defs, "language", json!("de")),
            err("fields.language", "must be one of `en`, `fr`")
        );
        assert_eq!(
            error(&defs, "language", json!(["en"])),
            err("fields.language", "must be one of `en`, `fr`")
        );
        assert_eq!(
            ok(&defs, "topics", json!(["work", "health"])),
            json!(["work", "health"])
        );
        assert_eq!(
            error(&defs, "topics", json!("work")),
            err("fields.topics", "must be a list of choice values")
        );
    }

    #[test]
    fn checkbox_items_are_distinct_choices() {
        let defs = all();
        assert_eq!(
            ok(&defs, "countries", json!(["it", "fr"])),
            json!(["it", "fr"])
        );
        assert_eq!(ok(&defs, "countries", json!([])), json!([]));
        assert_eq!(
            errors(&defs, json!({ "countries": ["fr", "es", "fr", 1] })),
            [
                err("fields.countries[1]", "must be one of `fr`, `de`, `it`"),
                err("fields.countries[2]", "is listed twice"),
                err("fields.countries[3]", "must be one of `fr`, `de`, `it`"),
            ]
        );
        let many: Vec<String> = (0..20).map(|i| format!("c{i}")).collect();
        let defs = parse(json!([{ "name": "c", "type": "select", "choices": many }]));
        assert_eq!(
            error(&defs, "c", json!("x")),
            err("fields.c", "must be one of the field's choices")
        );
    }

    #[test]
    fn media_are_positive_ids_reported_with_their_types() {
        let defs = all();
        let (out, refs) = input(&defs, json!({ "cover": 7 })).expect("valid");
        assert_eq!(out["cover"], json!(7));
        assert_eq!(
            refs.media,
            [("fields.cover".to_owned(), 7, vec!["image/*".to_owned()])]
        );
        for bad in [json!(0), json!(-1), json!(1.5), json!("7")] {
            assert_eq!(
                error(&defs, "cover", bad),
                err("fields.cover", "must be a media id (a positive integer)")
            );
        }
    }

    #[test]
    fn relations_are_distinct_ids_within_bounds() {
        let defs = all();
        let (out, refs) = input(&defs, json!({ "related": [4, 2] })).expect("valid");
        assert_eq!(out["related"], json!([4, 2]));
        let posts = vec!["posts".to_owned()];
        assert_eq!(
            refs.entries,
            [
                ("fields.related[0]".to_owned(), 4, posts.clone()),
                ("fields.related[1]".to_owned(), 2, posts)
            ]
        );
        assert_eq!(
            error(&defs, "related", json!([1, 2, 3])),
            err("fields.related", "must have at most 2 items")
        );
        assert_eq!(
            errors(&defs, json!({ "related": [1, 1] })),
            [err("fields.related[1]", "is listed twice")]
        );
        assert_eq!(
            errors(&defs, json!({ "related": [1, "a"] })),
            [err(
                "fields.related[1]",
                "must be an entry id (a positive integer)"
            )]
        );
        assert_eq!(
            error(&defs, "related", json!(3)),
            err("fields.related", "must be a list of entry ids")
        );
        let defs = parse(json!([{ "name": "r", "type": "relation", "min": 2 }]));
        assert_eq!(
            error(&defs, "r", json!([1])),
            err("fields.r", "must have at least 2 items")
        );
        // An empty list is no value: only `required` refuses it.
        assert_eq!(ok(&defs, "r", json!([])), json!([]));
    }

    #[test]
    fn links_hold_a_url_and_optional_title_and_target() {
        let defs = all();
        assert_eq!(
            ok(
                &defs,
                "cta",
                json!({ "url": "https://example.org", "title": " Go ", "target": "_blank" })
            ),
            json!({ "url": "https://example.org", "title": "Go", "target": "_blank" })
        );
        assert_eq!(
            ok(
                &defs,
                "cta",
                json!({ "url": "https://example.org", "title": null })
            ),
            json!({ "url": "https://example.org", "title": "", "target": "" })
        );
        assert_eq!(
            errors(
                &defs,
                json!({ "cta": { "url": "example.org", "rel": "x" } })
            ),
            [
                err("fields.cta.rel", "is not a member of a link"),
                err("fields.cta.url", "must be an absolute http(s) URL"),
            ]
        );
        assert_eq!(
            errors(&defs, json!({ "cta": { "title": "x" } })),
            [err("fields.cta.url", "is required")]
        );
        assert_eq!(
            errors(
                &defs,
                json!({ "cta": { "url": "https://a.org", "target": "_self" } })
            ),
            [err("fields.cta.target", "must be \"\" or `_blank`")]
        );
        assert_eq!(error(&defs, "cta", json!("https://a.org")).0, "fields.cta");
    }

    #[test]
    fn groups_check_their_members_at_exact_paths() {
        let defs = all();
        let (out, refs) = input(
            &defs,
            json!({ "venue": { "city": " Lyon ", "place": { "lat": 45.7, "map": 3 } } }),
        )
        .expect("valid");
        assert_eq!(
            out["venue"],
            json!({ "city": "Lyon", "place": { "lat": 45.7, "map": 3 } })
        );
        assert_eq!(refs.media[0].0, "fields.venue.place.map");
        assert_eq!(
            errors(
                &defs,
                json!({ "venue": { "city": null, "zip": "1", "place": { "lat": 91, "alt": 2 } } })
            ),
            [
                err("fields.venue.zip", "is not a field of this group"),
                err("fields.venue.city", "is required"),
                err("fields.venue.place.alt", "is not a field of this group"),
                err("fields.venue.place.lat", "must be at most 90"),
            ]
        );
        assert_eq!(
            error(&defs, "venue", json!([])),
            err("fields.venue", "must be an object")
        );
        // Sub-fields sent as null are left out.
        assert_eq!(
            ok(&defs, "venue", json!({ "city": "Lyon", "place": null })),
            json!({ "city": "Lyon" })
        );
    }

    #[test]
    fn repeater_rows_check_their_members_at_exact_paths() {
        let defs = all();
        let (out, refs) = input(
            &defs,
            json!({ "authors": [{ "name": "Ann", "photo": 5 }, { "name": "Bo" }] }),
        )
        .expect("valid");
        assert_eq!(
            out["authors"],
            json!([{ "name": "Ann", "photo": 5 }, { "name": "Bo" }])
        );
        assert_eq!(
            refs.media,
            [("fields.authors[0].photo".to_owned(), 5, vec![])]
        );
        assert_eq!(
            errors(
                &defs,
                json!({ "authors": [{ "name": "Ann" }, "Bo", { "name": " ", "role": "x" }] })
            ),
            [
                err("fields.authors[1]", "must be an object"),
                err("fields.authors[2].role", "is not a field of this repeater"),
                err("fields.authors[2].name", "is required"),
            ]
        );
        assert_eq!(
            error(
                &defs,
                "authors",
                json!([{ "name": "a" }, { "name": "b" }, { "name": "c" }, { "name": "d" }])
            ),
            err("fields.authors", "must have at most 3 rows")
        );
        assert_eq!(
            error(&defs, "authors", json!({ "name": "a" })),
            err("fields.authors", "must be a list of rows")
        );
    }

    #[test]
    fn unknown_top_level_keys_are_refused() {
        let defs = all();
        assert_eq!(
            errors(&defs, json!({ "subtitle": "x", "colour": "red" })),
            [err(
                "fields.colour",
                "is not a field of this item's field groups"
            )]
        );
    }

    #[test]
    fn null_removes_and_required_refuses_empty() {
        let defs = all();
        let (out, refs) = input(&defs, json!({ "subtitle": null, "year": null })).expect("valid");
        assert_eq!(
            Value::Object(out),
            json!({ "subtitle": null, "year": null })
        );
        assert_eq!(refs, Refs::default());
        assert_eq!(
            error(&defs, "featured", Value::Null),
            err("fields.featured", "is required")
        );
        // Partial writes: an absent required field is not checked here.
        input(&defs, json!({ "subtitle": "x" })).expect("valid");
        let defs = parse(json!([
            { "name": "t", "type": "text", "required": true },
            { "name": "c", "type": "checkbox", "required": true, "choices": ["a"] }
        ]));
        assert_eq!(
            errors(&defs, json!({ "t": "  ", "c": [] })),
            [
                err("fields.t", "is required"),
                err("fields.c", "is required")
            ]
        );
    }

    #[test]
    fn the_first_group_defining_a_name_wins() {
        let a = parse(json!([{ "name": "x", "type": "number" }]));
        let b = parse(json!([{ "name": "x", "type": "text" }, { "name": "y", "type": "text" }]));
        let defs = vec![&a[0], &b[0], &b[1]];
        let (out, _) = validate_input(&defs, &obj(json!({ "x": 3 })), "").expect("valid");
        assert_eq!(out["x"], json!(3));
        let errs = validate_input(&defs, &obj(json!({ "x": "a" })), "").expect_err("invalid");
        assert_eq!(errs, [FieldError::new("x", "must be a number")]);
        let viewed = view(&defs, &obj(json!({ "x": 1 })));
        assert_eq!(Value::Object(viewed), json!({ "x": 1, "y": null }));
    }

    // --- views ---

    #[test]
    fn view_shows_every_field_with_defaults_and_nulls() {
        let defs = parse(json!([
            { "name": "title", "type": "text", "default": "Untitled" },
            { "name": "count", "type": "number" },
            { "name": "on", "type": "boolean", "default": true },
            { "name": "venue", "type": "group", "fields": [
                { "name": "city", "type": "text", "default": "Paris" },
                { "name": "zip", "type": "text" }
            ] },
            { "name": "rows", "type": "repeater", "fields": [
                { "name": "a", "type": "text" },
                { "name": "b", "type": "number", "default": 1 }
            ] },
            { "name": "box", "type": "group", "default": { "k": "v" }, "fields": [
                { "name": "k", "type": "text" }
            ] }
        ]));
        let stored = obj(json!({
            "title": "",
            "on": false,
            "venue": { "zip": "69000", "old": "kept in storage" },
            "rows": [{ "a": "x" }, "not a row", { "a": "y", "b": 5 }],
            "gone": "no longer defined"
        }));
        let viewed = view(&refs(&defs), &stored);
        assert_eq!(
            Value::Object(viewed),
            json!({
                "title": "Untitled",
                "count": null,
                "on": false,
                "venue": { "city": "Paris", "zip": "69000" },
                "rows": [{ "a": "x", "b": 1 }, { "a": "y", "b": 5 }],
                "box": { "k": "v" }
            })
        );
    }

    #[test]
    fn a_changed_definition_hides_the_stale_value_without_error() {
        let before = parse(json!([{ "name": "year", "type": "text" }]));
        let (stored, _) = input(&before, json!({ "year": "twenty" })).expect("valid");
        let after = parse(json!([{ "name": "year", "type": "number", "default": 2000 }]));
        assert_eq!(view(&refs(&after), &stored)["year"], json!(2000));
        let after = parse(json!([{ "name": "year", "type": "number" }]));
        assert_eq!(view(&refs(&after), &stored)["year"], Value::Null);
        // Inside a group, only the stale member goes.
        let before = parse(json!([{ "name": "g", "type": "group", "fields": [
            { "name": "a", "type": "text" }, { "name": "b", "type": "text" }
        ] }]));
        let (stored, _) = input(&before, json!({ "g": { "a": "x", "b": "y" } })).expect("valid");
        let after = parse(json!([{ "name": "g", "type": "group", "fields": [
            { "name": "a", "type": "number" }, { "name": "b", "type": "text" }
        ] }]));
        assert_eq!(
            view(&refs(&after), &stored)["g"],
            json!({ "a": null, "b": "y" })
        );
    }

    #[test]
    fn a_valid_view_reads_back_as_valid_input() {
        let defs = all();
        let sent = json!({
            "subtitle": "Hi", "year": 2000, "featured": true, "countries": ["fr"],
            "cover": 2, "related": [3], "cta": { "url": "https://a.org" },
            "venue": { "city": "Lyon" }, "authors": [{ "name": "Ann", "photo": 9 }]
        });
        let (stored, sent_refs) = input(&defs, sent).expect("valid");
        let viewed = view(&refs(&defs), &stored);
        let present: Map<String, Value> = viewed
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let (again, again_refs) =
            validate_input(&refs(&defs), &present, "fields").expect("view is valid input");
        // Members with no value inside groups are simply left out again.
        assert_eq!(again, stored);
        assert_eq!(again_refs, sent_refs);
        let mut collected = collect_refs(&refs(&defs), &viewed, "fields");
        collected.media.sort();
        let mut expected = sent_refs;
        expected.media.sort();
        assert_eq!(collected, expected);
    }

    #[test]
    fn collect_refs_does_not_judge_the_values() {
        let defs = all();
        // A required sub-field added after the value was stored.
        let viewed = obj(json!({
            "venue": { "city": null, "place": { "map": 4 } },
            "authors": [{ "name": null, "photo": 6 }],
            "related": [8]
        }));
        let got = collect_refs(&refs(&defs), &viewed, "fields");
        assert_eq!(
            got.media,
            [
                ("fields.venue.place.map".to_owned(), 4, vec![]),
                ("fields.authors[0].photo".to_owned(), 6, vec![])
            ]
        );
        assert_eq!(
            got.entries,
            [("fields.related[0]".to_owned(), 8, vec!["posts".to_owned()])]
        );
    }

    #[test]
    fn missing_required_lists_empty_required_fields() {
        let defs = parse(json!([
            { "name": "a", "type": "text", "required": true },
            { "name": "b", "type": "checkbox", "required": true, "choices": ["x"] },
            { "name": "c", "type": "boolean", "required": true },
            { "name": "d", "type": "text", "required": true, "default": "x" },
            { "name": "e", "type": "text" }
        ]));
        let viewed = view(&refs(&defs), &obj(json!({ "b": [], "c": false })));
        assert_eq!(
            missing_required(&refs(&defs), &viewed, "fields"),
            [
                FieldError::new("fields.a", "is required"),
                FieldError::new("fields.b", "is required")
            ]
        );
    }

    // --- index and filters ---

    #[test]
    fn scalar_and_sortable_by_type() {
        let defs = all();
        let kind = |name| scalar(def(&defs, name));
        assert_eq!(kind("subtitle"), Some(Scalar::Text));
        assert_eq!(kind("year"), Some(Scalar::Number));
        assert_eq!(kind("featured"), Some(Scalar::Boolean));
        for name in [
            "contact",
            "website",
            "day",
            "starts",
            "opens",
            "language",
            "topics",
            "countries",
        ] {
            assert_eq!(kind(name), Some(Scalar::Text), "{name}");
        }
        for name in [
            "summary", "body", "cover", "related", "cta", "venue", "authors",
        ] {
            assert_eq!(kind(name), None, "{name}");
        }
        assert!(sortable(def(&defs, "language")));
        assert!(sortable(def(&defs, "year")));
        assert!(!sortable(def(&defs, "topics")));
        assert!(!sortable(def(&defs, "countries")));
        assert!(!sortable(def(&defs, "summary")));
    }

    fn num(name: &str, n: f64) -> IndexRow {
        IndexRow {
            name: name.into(),
            num: Some(n),
            text: None,
        }
    }

    fn txt(name: &str, t: &str) -> IndexRow {
        IndexRow {
            name: name.into(),
            num: None,
            text: Some(t.into()),
        }
    }

    #[test]
    fn index_rows_hold_one_row_per_scalar_value() {
        let defs = all();
        let (stored, _) = input(
            &defs,
            json!({
                "subtitle": "Hello", "summary": "not indexed", "year": 2020, "featured": false,
                "contact": "a@B.org", "website": "https://a.org", "day": "2024-01-02",
                "starts": "2024-01-02T10:00:00+01:00", "opens": "09:00", "language": "en",
                "topics": ["work", "health"], "countries": [], "cover": 1
            }),
        )
        .expect("valid");
        let rows = index_rows(&refs(&defs), &view(&refs(&defs), &stored));
        assert_eq!(
            rows,
            [
                txt("subtitle", "Hello"),
                num("year", 2020.0),
                num("featured", 0.0),
                txt("contact", "a@b.org"),
                txt("website", "https://a.org"),
                txt("day", "2024-01-02"),
                txt("starts", "2024-01-02T09:00:00Z"),
                txt("opens", "09:00:00"),
                txt("language", "en"),
                txt("topics", "work"),
                txt("topics", "health"),
            ]
        );
        let long =
            parse(json!([{ "name": "t", "type": "text" }, { "name": "b", "type": "boolean" }]));
        let viewed = view(
            &refs(&long),
            &obj(json!({ "t": "é".repeat(300), "b": true })),
        );
        let rows = index_rows(&refs(&long), &viewed);
        assert_eq!(
            rows[0].text.as_deref().map(|t| t.chars().count()),
            Some(190)
        );
        assert_eq!(rows[1], num("b", 1.0));
    }

    #[test]
    fn filter_values_are_parsed_like_stored_values() {
        let defs = all();
        let f = |name: &str, raw: &str| filter_value(def(&defs, name), raw);
        assert_eq!(f("year", "2020"), Ok(num("year", 2020.0)));
        assert_eq!(f("year", "abc"), Err("must be a number".to_owned()));
        assert_eq!(f("year", "NaN"), Err("must be a number".to_owned()));
        assert_eq!(f("featured", "true"), Ok(num("featured", 1.0)));
        assert_eq!(f("featured", "0"), Ok(num("featured", 0.0)));
        assert_eq!(
            f("featured", "yes"),
            Err("must be true or false".to_owned())
        );
        assert_eq!(f("subtitle", " ILO "), Ok(txt("subtitle", "ILO")));
        assert_eq!(f("subtitle", " "), Err("must not be empty".to_owned()));
        assert_eq!(f("countries", "fr"), Ok(txt("countries", "fr")));
        assert_eq!(
            f("language", "de"),
            Err("must be one of `en`, `fr`".to_owned())
        );
        assert_eq!(f("contact", "A@X.ORG"), Ok(txt("contact", "A@x.org")));
        assert_eq!(
            f("opens", "9:00"),
            Err("must be a time (HH:MM or HH:MM:SS)".to_owned())
        );
        assert_eq!(
            f("day", "2024-13-01"),
            Err("must be a real date (YYYY-MM-DD)".to_owned())
        );
        assert_eq!(
            f("starts", "2024-01-02T10:00:00+01:00"),
            Ok(txt("starts", "2024-01-02T09:00:00Z"))
        );
        assert_eq!(
            f("cover", "1"),
            Err("cannot be filtered on: `media` fields are not indexed".to_owned())
        );
    }

    // --- JSON Schema ---

    fn schema(defs: &[FieldDef], mode: SchemaMode) -> Value {
        json_schema(&refs(defs), mode)
    }

    #[test]
    fn view_schema_requires_everything_and_allows_null_without_default() {
        let defs = parse(json!([
            { "name": "lang", "type": "select", "choices": ["en", "fr"], "label": "Language",
              "instructions": "The language of the text." },
            { "name": "n", "type": "number", "default": 3, "min": 0, "max": 10, "step": 0.5 },
            { "name": "links", "type": "link" }
        ]));
        let s = schema(&defs, SchemaMode::View);
        assert_eq!(s["type"], "object");
        assert_eq!(s["additionalProperties"], false);
        assert_eq!(s["required"], json!(["lang", "n", "links"]));
        let lang = &s["properties"]["lang"];
        assert_eq!(lang["type"], json!(["string", "null"]));
        assert_eq!(lang["enum"], json!(["en", "fr", null]));
        assert_eq!(lang["description"], "Language\n\nThe language of the text.");
        let n = &s["properties"]["n"];
        assert_eq!(n["type"], "number");
        assert_eq!(n["default"], 3);
        assert_eq!(n["minimum"], json!(0));
        assert_eq!(n["maximum"], json!(10));
        assert_eq!(n["multipleOf"], json!(0.5));
        let link = &s["properties"]["links"];
        assert_eq!(link["type"], json!(["object", "null"]));
        assert_eq!(link["required"], json!(["url", "title", "target"]));
        assert_eq!(link["additionalProperties"], false);
    }

    #[test]
    fn create_schema_requires_required_fields_and_update_none() {
        let defs = all();
        let create = schema(&defs, SchemaMode::Create);
        assert_eq!(create["required"], json!(["featured"]));
        assert_eq!(create["properties"]["featured"]["type"], "boolean");
        assert_eq!(
            create["properties"]["subtitle"]["type"],
            json!(["string", "null"])
        );
        assert_eq!(create["properties"]["subtitle"]["maxLength"], 10);
        assert_eq!(create["properties"]["contact"]["format"], "email");
        assert_eq!(create["properties"]["website"]["format"], "uri");
        assert_eq!(create["properties"]["day"]["format"], "date");
        assert_eq!(create["properties"]["starts"]["format"], "date-time");
        assert_eq!(create["properties"]["opens"]["format"], "time");
        // A step counted from a non-zero min has no JSON Schema form.
        assert!(create["properties"]["year"].get("multipleOf").is_none());
        assert_eq!(
            create["properties"]["cover"]["type"],
            json!(["integer", "null"])
        );
        assert_eq!(create["properties"]["cover"]["minimum"], 1);
        let related = &create["properties"]["related"];
        assert_eq!(related["items"], json!({ "type": "integer", "minimum": 1 }));
        assert_eq!(related["maxItems"], 2);
        let countries = &create["properties"]["countries"];
        assert_eq!(countries["type"], json!(["array", "null"]));
        assert_eq!(countries["items"]["enum"], json!(["fr", "de", "it"]));
        assert_eq!(countries["uniqueItems"], true);
        assert_eq!(
            create["properties"]["cta"]["properties"]["title"]["type"],
            json!(["string", "null"])
        );
        assert_eq!(create["properties"]["cta"]["required"], json!(["url"]));

        let update = schema(&defs, SchemaMode::Update);
        assert!(update.get("required").is_none());
        assert_eq!(update["additionalProperties"], false);
        assert_eq!(update["properties"]["featured"]["type"], "boolean");
        // Groups are written whole even in a partial write.
        assert_eq!(update["properties"]["venue"]["required"], json!(["city"]));
    }

    #[test]
    fn schema_nests_groups_and_repeater_rows() {
        let defs = all();
        let view = schema(&defs, SchemaMode::View);
        let authors = &view["properties"]["authors"];
        assert_eq!(authors["type"], json!(["array", "null"]));
        assert_eq!(authors["maxItems"], 3);
        let row = &authors["items"];
        assert_eq!(row["type"], "object");
        assert_eq!(row["additionalProperties"], false);
        assert_eq!(row["required"], json!(["name", "photo"]));
        assert_eq!(
            row["properties"]["photo"]["type"],
            json!(["integer", "null"])
        );
        let create = schema(&defs, SchemaMode::Create);
        let row = &create["properties"]["authors"]["items"];
        assert_eq!(row["required"], json!(["name"]));
        assert_eq!(row["properties"]["name"]["type"], "string");
        let place = &create["properties"]["venue"]["properties"]["place"];
        assert_eq!(place["type"], json!(["object", "null"]));
        assert_eq!(place["properties"]["lat"]["minimum"], -90);
        assert!(place.get("required").is_none());
    }

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
