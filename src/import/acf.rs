//! Advanced Custom Fields (ACF PRO 6) data from a WXR export, mapped to headpress: the
//! `acf-field-group` and `acf-field` items become field groups (definitions and location),
//! and the post meta ACF keeps on a content item becomes that item's `fields` value.
//!
//! Pure: no database. What cannot be carried over is reported as a note, never an error;
//! only settings that cannot be read at all (bad PHP serialization) stop the import.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use serde_json::{Map, Number, Value, json};

use crate::content::fields::{self, FieldDef, FieldType, MAX_DEPTH};
use crate::error::FieldError;
use crate::import::php;
use crate::import::wxr::Item;

const GROUP_POST_TYPE: &str = "acf-field-group";
const FIELD_POST_TYPE: &str = "acf-field";

/// Most characters of a headpress field group key.
const KEY_LEN: usize = 100;
/// Most characters of a headpress field name.
const NAME_LEN: usize = 64;

/// WordPress post types and the headpress collections they become.
const COLLECTIONS: [(&str, &str); 4] = [
    ("post", "posts"),
    ("page", "pages"),
    ("resource", "resources"),
    ("ai1ec_event", "events"),
];

/// Taxonomies a location may narrow on: (WordPress taxonomy, `Location` member, collection).
const TAXONOMIES: [(&str, &str, &str); 3] = [
    ("category", "categories", "posts"),
    ("resource_type", "resource_types", "resources"),
    ("events_categories", "event_categories", "events"),
];

/// File extensions ACF restricts uploads by, and their MIME types. The types headpress
/// accepts are spelled as its media sniffer reports them.
const MIME_TYPES: [(&str, &str); 33] = [
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("jpe", "image/jpeg"),
    ("png", "image/png"),
    ("gif", "image/gif"),
    ("webp", "image/webp"),
    ("avif", "image/avif"),
    ("svg", "image/svg+xml"),
    ("bmp", "image/bmp"),
    ("tif", "image/tiff"),
    ("tiff", "image/tiff"),
    ("ico", "image/x-icon"),
    ("heic", "image/heic"),
    ("pdf", "application/pdf"),
    ("doc", "application/msword"),
    ("xls", "application/vnd.ms-excel"),
    ("ppt", "application/vnd.ms-powerpoint"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    ("odt", "application/vnd.oasis.opendocument.text"),
    ("ods", "application/vnd.oasis.opendocument.spreadsheet"),
    ("odp", "application/vnd.oasis.opendocument.presentation"),
    ("rtf", "application/rtf"),
    ("txt", "text/plain"),
    ("csv", "text/csv"),
    ("zip", "application/zip"),
    ("mp3", "audio/mpeg"),
    ("m4a", "audio/mp4"),
    ("wav", "audio/wav"),
    ("mp4", "video/mp4"),
    ("mov", "video/quicktime"),
    ("webm", "video/webm"),
];

/// A field group read from ACF, ready for headpress.
#[derive(Debug, Clone, PartialEq)]
pub struct MappedGroup {
    pub wp_id: i64,
    /// ACF group key, lower-cased, made valid for headpress keys `^[a-z0-9_-]{1,100}$`.
    pub key: String,
    pub title: String,
    pub position: i32,
    pub active: bool,
    /// headpress Location as JSON, with term ids still WordPress term ids (the caller remaps)
    /// under "categories"/"resource_types"/"event_categories", and "templates". ACF 6 names
    /// terms as `taxonomy:slug`: such a rule is kept as that string, for the caller to resolve
    /// like an id. `kinds` is empty when no rule names a headpress collection (noted in
    /// `skipped`): such a group has no place in headpress.
    pub location: Value,
    /// headpress FieldDef JSON list (valid for fields::parse_definitions).
    pub fields: Value,
    /// Fields or settings that could not be carried over, with the reason (e.g. an unsupported
    /// ACF type, a location rule other than post_type/page_template/post_category/post_taxonomy
    /// with ==), and renamed fields.
    pub skipped: Vec<String>,
}

/// Reads the acf-field-group and acf-field items (any order) into groups, ordered by
/// `menu_order` then post id. A malformed serialized setting is an Err naming the item (post
/// id, line) and the problem. Other items are ignored, and so are fields whose parent is not
/// among the items.
pub fn groups(items: &[&Item]) -> Result<Vec<MappedGroup>, String> {
    let mut found = Vec::new();
    let mut children: HashMap<i64, Vec<Node>> = HashMap::new();
    for item in items {
        let node = match item.post_type.as_str() {
            GROUP_POST_TYPE | FIELD_POST_TYPE => Node {
                item,
                settings: settings(item)?,
            },
            _ => continue,
        };
        if item.post_type == GROUP_POST_TYPE {
            found.push(node);
        } else {
            children.entry(item.post_parent).or_default().push(node);
        }
    }
    let order = |n: &Node| (n.item.menu_order, n.item.post_id);
    found.sort_by_key(order);
    for siblings in children.values_mut() {
        siblings.sort_by_key(order);
    }
    let tree = Tree { children };
    let mut keys = HashSet::new();
    Ok(found.iter().map(|g| tree.group(g, &mut keys)).collect())
}

/// An ACF item with its settings read.
struct Node<'a> {
    item: &'a Item,
    settings: Map<String, Value>,
}

fn settings(item: &Item) -> Result<Map<String, Value>, String> {
    let at = || {
        format!(
            "{} {} (line {}, `{}`)",
            item.post_type, item.post_id, item.line, item.title
        )
    };
    if item.content.trim().is_empty() {
        return Err(format!("{}: has no settings", at()));
    }
    match php::unserialize(&item.content) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(Value::Array(list)) => Ok(list
            .into_iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect()),
        Ok(other) => Err(format!(
            "{}: settings are not a PHP array but `{other}`",
            at()
        )),
        Err(e) => Err(format!(
            "{}: settings are not valid PHP-serialized data: {e}",
            at()
        )),
    }
}

/// The fields of every group or parent field, in their order.
struct Tree<'a> {
    children: HashMap<i64, Vec<Node<'a>>>,
}

impl Tree<'_> {
    fn group(&self, node: &Node, keys: &mut HashSet<String>) -> MappedGroup {
        let item = node.item;
        let mut skipped = Vec::new();
        let mut key = group_key(&item.post_name, item.post_id);
        if !keys.insert(key.clone()) {
            let suffix = format!("-{}", item.post_id);
            key = format!("{}{suffix}", cut(&key, KEY_LEN - suffix.len()));
            skipped.push(format!(
                "group key `{}` is taken by another group: renamed `{key}`",
                item.post_name
            ));
            keys.insert(key.clone());
        } else if key != item.post_name {
            skipped.push(format!("group key `{}` renamed `{key}`", item.post_name));
        }
        let location = location(node.settings.get("location"), &mut skipped);
        let fields = self.fields(item.post_id, "", 0, &mut skipped);
        let title = item.title.trim();
        MappedGroup {
            wp_id: item.post_id,
            title: if title.is_empty() {
                key.clone()
            } else {
                title.to_owned()
            },
            key,
            position: i32::try_from(item.menu_order).unwrap_or(if item.menu_order < 0 {
                i32::MIN
            } else {
                i32::MAX
            }),
            active: item.status == "publish",
            location,
            fields: Value::Array(fields),
            skipped,
        }
    }

    /// The definitions of the fields under `parent`; `prefix` is their parent's path.
    fn fields(
        &self,
        parent: i64,
        prefix: &str,
        depth: usize,
        notes: &mut Vec<String>,
    ) -> Vec<Value> {
        let mut names = HashSet::new();
        let mut defs = Vec::new();
        for node in self.children.get(&parent).into_iter().flatten() {
            if node.item.status == "trash" {
                notes.push(format!(
                    "field `{}` ({}): in the trash",
                    node.item.excerpt, node.item.post_name
                ));
                continue;
            }
            if let Some(def) = self.field(node, prefix, depth, &names, notes) {
                names.extend(def["name"].as_str().map(str::to_owned));
                defs.push(def);
            }
        }
        defs
    }

    fn field(
        &self,
        node: &Node,
        prefix: &str,
        depth: usize,
        taken: &HashSet<String>,
        notes: &mut Vec<String>,
    ) -> Option<Value> {
        let (item, s) = (node.item, &node.settings);
        let acf_name = item.excerpt.as_str();
        let mut name = field_name(acf_name);
        if taken.contains(&name) {
            name = (2..)
                .map(|n| {
                    let suffix = format!("_{n}");
                    format!("{}{suffix}", cut(&name, NAME_LEN - suffix.len()))
                })
                .find(|candidate| !taken.contains(candidate))
                .unwrap_or_default();
        }
        let path = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        let what = format!("field `{path}` ({})", item.post_name);
        if name != acf_name {
            notes.push(format!("{what}: ACF name `{acf_name}` renamed `{name}`"));
        }
        if truthy(s.get("conditional_logic")) {
            notes.push(format!("{what}: conditional logic not carried over"));
        }

        let acf_type = string(s.get("type")).unwrap_or_default();
        let mut opts = Map::new();
        let mut default = None;
        let field_type = match acf_type.as_str() {
            "text" | "textarea" | "wysiwyg" | "email" | "url" | "oembed" => {
                if matches!(acf_type.as_str(), "text" | "textarea") {
                    put(
                        &mut opts,
                        "max_length",
                        count(s.get("maxlength")).map(Value::from),
                    );
                }
                default = string(s.get("default_value")).map(Value::String);
                match acf_type.as_str() {
                    "wysiwyg" => "rich_text",
                    "oembed" => "url",
                    t => t,
                }
            }
            "number" | "range" => {
                put(&mut opts, "min", number(s.get("min")).map(Value::Number));
                put(&mut opts, "max", number(s.get("max")).map(Value::Number));
                put(
                    &mut opts,
                    "step",
                    number(s.get("step"))
                        .filter(|n| n.as_f64().is_some_and(|f| f > 0.0))
                        .map(Value::Number),
                );
                default = number(s.get("default_value")).map(Value::Number);
                "number"
            }
            "true_false" => {
                default = Some(Value::Bool(truthy(s.get("default_value"))));
                "boolean"
            }
            "select" | "radio" | "button_group" | "checkbox" => {
                let multiple =
                    acf_type == "checkbox" || (acf_type == "select" && truthy(s.get("multiple")));
                let choices = choices(s.get("choices"));
                if choices.is_empty() {
                    notes.push(format!("{what}: skipped: has no choices"));
                    return None;
                }
                opts.insert("choices".into(), Value::Array(choices));
                let values = s.get("default_value").map(strings).unwrap_or_default();
                if multiple {
                    default = (!values.is_empty())
                        .then(|| Value::Array(values.into_iter().map(Value::String).collect()));
                } else {
                    default = values.into_iter().next().map(Value::String);
                }
                if acf_type == "checkbox" {
                    "checkbox"
                } else {
                    if multiple {
                        opts.insert("multiple".into(), Value::Bool(true));
                    }
                    "select"
                }
            }
            "date_picker" => "date",
            "date_time_picker" => "datetime",
            "time_picker" => "time",
            "file" | "image" => {
                let types = mime_types(s.get("mime_types"), acf_type == "image", &what, notes);
                put(&mut opts, "mime_types", types.map(Value::from));
                "media"
            }
            "link" => "link",
            "relationship" | "post_object" => {
                put(
                    &mut opts,
                    "kinds",
                    kinds(s.get("post_type"), &what, notes).map(Value::from),
                );
                if truthy(s.get("taxonomy")) {
                    notes.push(format!("{what}: the taxonomy filter is not carried over"));
                }
                if acf_type == "post_object" && !truthy(s.get("multiple")) {
                    opts.insert("max".into(), Value::from(1));
                } else {
                    put(&mut opts, "min", count(s.get("min")).map(Value::from));
                    put(&mut opts, "max", count(s.get("max")).map(Value::from));
                }
                "relation"
            }
            "group" | "repeater" => {
                if depth >= MAX_DEPTH {
                    notes.push(format!(
                        "{what}: skipped: sub-fields nest more than {MAX_DEPTH} levels down"
                    ));
                    return None;
                }
                let subs = self.fields(item.post_id, &path, depth + 1, notes);
                if subs.is_empty() {
                    notes.push(format!(
                        "{what}: skipped: has no sub-fields headpress can hold"
                    ));
                    return None;
                }
                if acf_type == "repeater" {
                    put(&mut opts, "min", count(s.get("min")).map(Value::from));
                    put(&mut opts, "max", count(s.get("max")).map(Value::from));
                }
                opts.insert("fields".into(), Value::Array(subs));
                if acf_type == "group" {
                    "group"
                } else {
                    "repeater"
                }
            }
            "" => {
                notes.push(format!("{what}: skipped: has no ACF type"));
                return None;
            }
            other => {
                notes.push(format!(
                    "{what}: skipped: ACF type `{other}` has no headpress equivalent"
                ));
                return None;
            }
        };
        if let (Some(min), Some(max)) = (
            opts.get("min").and_then(Value::as_f64),
            opts.get("max").and_then(Value::as_f64),
        ) && min > max
        {
            notes.push(format!(
                "{what}: min {min} is above max {max}: both dropped"
            ));
            opts.remove("min");
            opts.remove("max");
        }

        let mut def = Map::new();
        def.insert("name".into(), Value::String(name));
        let label = item.title.trim();
        if !label.is_empty() {
            def.insert("label".into(), Value::String(label.to_owned()));
        }
        def.insert("type".into(), Value::String(field_type.to_owned()));
        if truthy(s.get("required")) {
            def.insert("required".into(), Value::Bool(true));
        }
        put(
            &mut def,
            "instructions",
            string(s.get("instructions")).map(Value::String),
        );
        def.extend(opts);
        put(&mut def, "default", default);
        verified(def, &what, notes)
    }
}

/// Sets `key` when there is a value.
fn put(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(v) = value {
        map.insert(key.to_owned(), v);
    }
}

/// The definition if headpress takes it; else without its default, if that is what it
/// refuses; else nothing. Every refusal is noted.
fn verified(mut def: Map<String, Value>, what: &str, notes: &mut Vec<String>) -> Option<Value> {
    let check = |def: &Map<String, Value>| {
        fields::parse_definitions(&Value::Array(vec![Value::Object(def.clone())]), "")
    };
    let errors = match check(&def) {
        Ok(_) => return Some(Value::Object(def)),
        Err(errors) => errors,
    };
    if let Some(default) = def.remove("default")
        && check(&def).is_ok()
    {
        notes.push(format!(
            "{what}: default {default} dropped: {}",
            describe(&errors, "[0].")
        ));
        return Some(Value::Object(def));
    }
    notes.push(format!("{what}: skipped: {}", describe(&errors, "[0].")));
    None
}

/// Errors as one line, their paths shortened by `strip`.
fn describe(errors: &[FieldError], strip: &str) -> String {
    errors
        .iter()
        .map(|e| {
            let field = e.field.strip_prefix(strip).unwrap_or(&e.field);
            if field.is_empty() || field == strip.trim_end_matches('.') {
                e.message.clone()
            } else {
                format!("`{field}` {}", e.message)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// An ACF field name made a headpress one: lower-cased, with every character other than
/// `a-z`, `0-9` and `_` replaced by `_`, starting with a letter, at most 64 characters.
/// Character by character, so that the meta keys of values can be matched the same way.
fn field_name(acf: &str) -> String {
    let mut name: String = acf
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        name.insert_str(0, "f_");
    }
    cut(&name, NAME_LEN).to_owned()
}

fn group_key(post_name: &str, post_id: i64) -> String {
    let key: String = post_name
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if key.is_empty() {
        format!("group_{post_id}")
    } else {
        cut(&key, KEY_LEN).to_owned()
    }
}

/// The first `n` characters of an ASCII string.
fn cut(s: &str, n: usize) -> &str {
    &s[..s.len().min(n)]
}

// ---------------------------------------------------------------------------------------------
// Reading PHP values

/// PHP's idea of true: `1`, `true`, `"1"`, a non-empty array.
fn truthy(v: Option<&Value>) -> bool {
    match v {
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
        Some(Value::String(s)) => !s.is_empty() && s != "0",
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
        _ => false,
    }
}

/// A non-blank string or number, as text.
fn string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A number given as a number or a numeric string; integers stay integers.
fn number(v: Option<&Value>) -> Option<Number> {
    match v? {
        Value::Number(n) => Some(n.clone()),
        Value::String(s) => parse_number(s),
        _ => None,
    }
}

fn parse_number(s: &str) -> Option<Number> {
    let s = s.trim();
    s.parse::<i64>()
        .map(Number::from)
        .ok()
        .or_else(|| s.parse::<f64>().ok().and_then(Number::from_f64))
}

/// A positive whole number; ACF's `0` and `""` mean "no limit".
fn count(v: Option<&Value>) -> Option<u64> {
    number(v).and_then(|n| n.as_u64()).filter(|n| *n > 0)
}

/// The members of a PHP array, keys as text (a list's keys are its indices).
fn entries(v: &Value) -> Vec<(String, &Value)> {
    match v {
        Value::Object(m) => m.iter().map(|(k, v)| (k.clone(), v)).collect(),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        _ => Vec::new(),
    }
}

/// The non-blank texts of a PHP array, or of one string (one per line, as ACF's
/// settings screen takes them).
fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => s
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        Value::Number(_) => string(Some(v)).into_iter().collect(),
        _ => entries(v)
            .into_iter()
            .filter_map(|(_, v)| string(Some(v)))
            .collect(),
    }
}

/// ACF's `choices` (value => label) as headpress choices.
fn choices(v: Option<&Value>) -> Vec<Value> {
    let mut seen = HashSet::new();
    v.map(entries)
        .unwrap_or_default()
        .into_iter()
        .filter(|(value, _)| !value.trim().is_empty() && seen.insert(value.clone()))
        .map(|(value, label)| {
            let label = string(Some(label)).unwrap_or_else(|| value.clone());
            json!({ "value": value, "label": label })
        })
        .collect()
}

/// ACF's allowed extensions (`"pdf, docx"`) as MIME types; none means any, or any image.
fn mime_types(
    v: Option<&Value>,
    image: bool,
    what: &str,
    notes: &mut Vec<String>,
) -> Option<Vec<String>> {
    let mut types: Vec<String> = Vec::new();
    let mut unknown = Vec::new();
    let listed = string(v).unwrap_or_default();
    for ext in listed
        .split([',', ' ', ';', '|'])
        .map(|e| e.trim().trim_start_matches('.').to_ascii_lowercase())
        .filter(|e| !e.is_empty())
    {
        match MIME_TYPES.iter().find(|(e, _)| *e == ext) {
            Some((_, mime)) if image && !mime.starts_with("image/") => unknown.push(ext),
            Some((_, mime)) => {
                if !types.iter().any(|t| t == mime) {
                    types.push((*mime).to_owned());
                }
            }
            None => unknown.push(ext),
        }
    }
    if !unknown.is_empty() {
        notes.push(format!(
            "{what}: file types {} not carried over",
            unknown
                .iter()
                .map(|e| format!("`{e}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if types.is_empty() && image {
        types.push("image/*".to_owned());
    }
    (!types.is_empty()).then_some(types)
}

/// ACF's `post_type` restriction as headpress collections; none means any.
fn kinds(v: Option<&Value>, what: &str, notes: &mut Vec<String>) -> Option<Vec<String>> {
    let mut kinds: Vec<String> = Vec::new();
    for post_type in v.map(strings).unwrap_or_default() {
        match collection(&post_type) {
            Some(c) if kinds.iter().any(|k| k == c) => {}
            Some(c) => kinds.push(c.to_owned()),
            None => notes.push(format!(
                "{what}: post type `{post_type}` has no headpress collection"
            )),
        }
    }
    (!kinds.is_empty()).then_some(kinds)
}

fn collection(post_type: &str) -> Option<&'static str> {
    COLLECTIONS
        .iter()
        .find(|(t, _)| *t == post_type)
        .map(|(_, c)| *c)
}

// ---------------------------------------------------------------------------------------------
// Location

/// headpress has one set of kinds and narrowings, ACF a list of alternatives (OR) of rules
/// (AND): the alternatives are merged.
fn location(v: Option<&Value>, notes: &mut Vec<String>) -> Value {
    let mut kinds: Vec<&str> = Vec::new();
    let mut narrowings: Map<String, Value> = Map::new();
    let alternatives = v.map(entries).unwrap_or_default();
    let mut narrowed_alternatives = 0;
    for (_, rules) in &alternatives {
        let mut own_kinds = Vec::new();
        let mut implied = Vec::new();
        let mut narrowed = false;
        for (_, rule) in entries(rules) {
            let field = |k: &str| string(rule.get(k)).unwrap_or_default();
            let (param, operator, value) = (field("param"), field("operator"), field("value"));
            let unsupported = |why: &str| {
                format!("location rule `{param} {operator} {value}` not carried over: {why}")
            };
            if operator != "==" {
                notes.push(unsupported("only `==` rules are"));
                continue;
            }
            let (member, term, kind) = match param.as_str() {
                "post_type" => {
                    match collection(&value) {
                        Some(c) => own_kinds.push(c),
                        None => notes.push(unsupported("no headpress collection")),
                    }
                    continue;
                }
                "page_template" => ("templates", Value::String(value.clone()), "pages"),
                "post_category" => ("categories", term_ref("category", &value), "posts"),
                "post_taxonomy" => {
                    let taxonomy = value.split_once(':').map(|(t, _)| t).unwrap_or_default();
                    match TAXONOMIES.iter().find(|(t, _, _)| *t == taxonomy) {
                        Some((t, member, kind)) => (*member, term_ref(t, &value), *kind),
                        None => {
                            notes.push(unsupported("no headpress narrowing for this taxonomy"));
                            continue;
                        }
                    }
                }
                _ => {
                    notes.push(unsupported("no headpress equivalent"));
                    continue;
                }
            };
            let list = narrowings
                .entry(member)
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(list) = list
                && !list.contains(&term)
            {
                list.push(term);
            }
            implied.push(kind);
            narrowed = true;
        }
        if own_kinds.is_empty() {
            own_kinds = implied;
        }
        for kind in own_kinds {
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        narrowed_alternatives += usize::from(narrowed);
    }
    if alternatives.len() > 1 && narrowed_alternatives > 0 {
        notes.push(
            "location: ACF's alternative rule sets were merged: every term and template \
             narrowing now applies to all of the group's kinds"
                .to_owned(),
        );
    }
    if kinds.is_empty() {
        notes.push(
            "location: no rule names a headpress collection: the group applies nowhere".to_owned(),
        );
    }
    let mut out = Map::new();
    out.insert("kinds".into(), json!(kinds));
    for member in [
        "categories",
        "resource_types",
        "event_categories",
        "templates",
    ] {
        put(&mut out, member, narrowings.remove(member));
    }
    Value::Object(out)
}

/// A WordPress term id (older ACF), else the `taxonomy:slug` ACF 6 stores.
fn term_ref(taxonomy: &str, value: &str) -> Value {
    if let Ok(id) = value.parse::<i64>() {
        Value::from(id)
    } else if value.contains(':') {
        Value::String(value.to_owned())
    } else {
        Value::String(format!("{taxonomy}:{value}"))
    }
}

// ---------------------------------------------------------------------------------------------
// Values

/// What the importer knows of the site to convert values.
pub struct Remap<'a> {
    /// WordPress post id (attachment) -> headpress media id.
    pub media: &'a dyn Fn(i64) -> Option<i64>,
    /// WordPress post id (any content) -> headpress entry id.
    pub entry: &'a dyn Fn(i64) -> Option<i64>,
}

/// The `fields` value of one content item: for every field of `groups` whose name is in the
/// item's meta, the converted value (repeater rows assembled, ids remapped; ids that do not
/// map are dropped and reported). Returns the values and notes about what was dropped.
///
/// Pass the groups that apply to the item: when two define the same name, the first wins,
/// as in headpress. ACF's local date-times are taken as UTC. Every value returned passes
/// `fields::validate_input` against its definition; one that would not is dropped with a note.
pub fn values(
    groups: &[MappedGroup],
    meta: &[(String, String)],
    remap: &Remap,
) -> (Map<String, Value>, Vec<String>) {
    let mut cx = Values {
        meta: Meta::new(meta),
        remap,
        notes: Vec::new(),
    };
    let mut out = Map::new();
    let mut seen = HashSet::new();
    for group in groups {
        let defs = match fields::parse_definitions(&group.fields, "fields") {
            Ok(defs) => defs,
            Err(errors) => {
                cx.notes.push(format!(
                    "field group `{}`: its definitions are not valid, values skipped: {}",
                    group.key,
                    describe(&errors, "")
                ));
                continue;
            }
        };
        for def in &defs {
            if !seen.insert(def.name.clone()) {
                continue;
            }
            if let Some(key) = cx.meta.locate("", def)
                && let Some(v) = cx.field(def, &key, &def.name)
            {
                out.insert(def.name.clone(), v);
            }
        }
    }
    (out, cx.notes)
}

/// An item's meta by key (the first of repeated keys, as WordPress reads a single value).
struct Meta<'a> {
    pairs: &'a [(String, String)],
    by_key: HashMap<&'a str, &'a str>,
}

impl<'a> Meta<'a> {
    fn new(pairs: &'a [(String, String)]) -> Self {
        let mut by_key = HashMap::new();
        for (k, v) in pairs {
            by_key.entry(k.as_str()).or_insert(v.as_str());
        }
        Meta { pairs, by_key }
    }

    fn get(&self, key: &str) -> Option<&'a str> {
        self.by_key.get(key).copied()
    }

    /// The meta key holding the field under `prefix`: its name, or the ACF name it was made
    /// from, found through ACF's `_key` = field key reference. A group's own key holds
    /// nothing, so its name is taken when nothing else is found.
    fn locate(&self, prefix: &str, def: &FieldDef) -> Option<String> {
        let exact = format!("{prefix}{}", def.name);
        if self.by_key.contains_key(exact.as_str())
            || self.by_key.contains_key(format!("_{exact}").as_str())
        {
            return Some(exact);
        }
        self.pairs
            .iter()
            .find_map(|(k, v)| {
                let rest = k.strip_prefix('_')?.strip_prefix(prefix)?;
                (!rest.is_empty() && v.starts_with("field_") && field_name(rest) == def.name)
                    .then(|| format!("{prefix}{rest}"))
            })
            .or_else(|| (def.field_type == FieldType::Group).then_some(exact))
    }
}

struct Values<'a, 'r> {
    meta: Meta<'a>,
    remap: &'r Remap<'r>,
    notes: Vec<String>,
}

impl Values<'_, '_> {
    /// The value of `def` stored under the meta key `key`, checked; `path` names it in notes.
    fn field(&mut self, def: &FieldDef, key: &str, path: &str) -> Option<Value> {
        let value = match def.field_type {
            FieldType::Group => {
                let members = self.members(def, &format!("{key}_"), path);
                if members.is_empty() {
                    return None;
                }
                if let Some(missing) = self.missing(def, &members) {
                    self.notes.push(format!(
                        "`{path}`: dropped: `{missing}` is required but has no value"
                    ));
                    return None;
                }
                Value::Object(members)
            }
            FieldType::Repeater => {
                let raw = self.meta.get(key)?.trim();
                if raw.is_empty() {
                    return None;
                }
                let rows = match raw.parse::<usize>() {
                    Ok(n) if n <= self.meta.pairs.len() => n,
                    _ => {
                        self.notes
                            .push(format!("`{path}`: dropped: `{raw}` is not a row count"));
                        return None;
                    }
                };
                let mut list = Vec::with_capacity(rows);
                for i in 0..rows {
                    let row_path = format!("{path}[{i}]");
                    let row = self.members(def, &format!("{key}_{i}_"), &row_path);
                    match self.missing(def, &row) {
                        Some(missing) => self.notes.push(format!(
                            "`{row_path}`: row dropped: `{missing}` is required but has no value"
                        )),
                        None => list.push(Value::Object(row)),
                    }
                }
                if list.is_empty() {
                    return None;
                }
                Value::Array(list)
            }
            _ => {
                let raw = self.meta.get(key)?.trim();
                if raw.is_empty() {
                    return None;
                }
                self.leaf(def, raw, path)?
            }
        };
        self.checked(def, value, path)
    }

    /// The sub-field values of a group or repeater row whose meta keys start with `prefix`.
    fn members(&mut self, def: &FieldDef, prefix: &str, path: &str) -> Map<String, Value> {
        let mut out = Map::new();
        for sub in def.fields.as_deref().unwrap_or_default() {
            if let Some(key) = self.meta.locate(prefix, sub)
                && let Some(v) = self.field(sub, &key, &format!("{path}.{}", sub.name))
            {
                out.insert(sub.name.clone(), v);
            }
        }
        out
    }

    fn missing<'d>(&self, def: &'d FieldDef, members: &Map<String, Value>) -> Option<&'d str> {
        def.fields
            .as_deref()
            .unwrap_or_default()
            .iter()
            .find(|sub| sub.required && !members.contains_key(&sub.name))
            .map(|sub| sub.name.as_str())
    }

    /// The value as headpress normalises it, or nothing (noted) if it does not validate.
    fn checked(&mut self, def: &FieldDef, value: Value, path: &str) -> Option<Value> {
        let mut input = Map::new();
        input.insert(def.name.clone(), value);
        match fields::validate_input(&[def], &input, "") {
            Ok((mut out, _)) => out.remove(&def.name),
            Err(errors) => {
                self.notes
                    .push(format!("`{path}`: dropped: {}", describe(&errors, "")));
                None
            }
        }
    }

    /// One stored text converted for a field that is neither a group nor a repeater.
    fn leaf(&mut self, def: &FieldDef, raw: &str, path: &str) -> Option<Value> {
        let drop = |notes: &mut Vec<String>, why: String| {
            notes.push(format!("`{path}`: dropped: {why}"));
            None
        };
        match def.field_type {
            FieldType::Number => match parse_number(raw) {
                Some(n) => Some(Value::Number(n)),
                None => drop(&mut self.notes, format!("`{raw}` is not a number")),
            },
            FieldType::Boolean => match raw {
                "1" | "true" => Some(Value::Bool(true)),
                "0" | "false" => Some(Value::Bool(false)),
                _ => drop(&mut self.notes, format!("`{raw}` is not ACF's 1 or 0")),
            },
            FieldType::Date => Some(Value::String(ymd(raw))),
            FieldType::Datetime => Some(Value::String(
                NaiveDateTime::parse_from_str(raw, "%Y-%m-%d %H:%M:%S")
                    .map(|t| t.and_utc().format("%Y-%m-%dT%H:%M:%SZ").to_string())
                    .unwrap_or_else(|_| raw.to_owned()),
            )),
            FieldType::Select | FieldType::Checkbox => {
                let listed = match php_list(raw) {
                    Ok(listed) => listed,
                    Err(e) => return drop(&mut self.notes, e),
                };
                let multi = def.field_type == FieldType::Checkbox || def.multiple;
                if !multi {
                    return match <[String; 1]>::try_from(listed) {
                        Ok([one]) => Some(Value::String(one)),
                        Err(listed) => drop(
                            &mut self.notes,
                            format!("{} values for a single choice", listed.len()),
                        ),
                    };
                }
                let choices = def.choices.as_deref().unwrap_or_default();
                let mut kept: Vec<Value> = Vec::new();
                for value in listed {
                    if !choices.iter().any(|c| c.value == value) {
                        self.notes.push(format!(
                            "`{path}`: `{value}` dropped: not one of the field's choices"
                        ));
                    } else if !kept.iter().any(|k| *k == value) {
                        kept.push(Value::String(value));
                    }
                }
                (!kept.is_empty()).then_some(Value::Array(kept))
            }
            FieldType::Media => match raw.parse::<i64>() {
                Ok(id) => match (self.remap.media)(id) {
                    Some(media) => Some(Value::from(media)),
                    None => drop(
                        &mut self.notes,
                        format!("WordPress attachment {id} was not imported"),
                    ),
                },
                Err(_) => drop(&mut self.notes, format!("`{raw}` is not an attachment id")),
            },
            FieldType::Relation => {
                let listed = match php_list(raw) {
                    Ok(listed) => listed,
                    Err(e) => return drop(&mut self.notes, e),
                };
                let mut ids: Vec<Value> = Vec::new();
                for wp in listed {
                    let Ok(id) = wp.parse::<i64>() else {
                        self.notes
                            .push(format!("`{path}`: `{wp}` dropped: not a post id"));
                        continue;
                    };
                    match (self.remap.entry)(id) {
                        Some(entry) if ids.contains(&Value::from(entry)) => {}
                        Some(entry) => ids.push(Value::from(entry)),
                        None => self.notes.push(format!(
                            "`{path}`: WordPress post {id} dropped: it was not imported"
                        )),
                    }
                }
                (!ids.is_empty()).then_some(Value::Array(ids))
            }
            FieldType::Link => {
                let link = match php::unserialize(raw) {
                    Ok(Value::Object(link)) => link,
                    Ok(_) => return drop(&mut self.notes, "not a link".to_owned()),
                    Err(e) => {
                        return drop(
                            &mut self.notes,
                            format!("not valid PHP-serialized data: {e}"),
                        );
                    }
                };
                let text = |k: &str| string(link.get(k)).unwrap_or_default();
                let url = text("url");
                if url.is_empty() {
                    return None;
                }
                let target = match text("target").as_str() {
                    "" => "",
                    "_blank" => "_blank",
                    other => {
                        self.notes.push(format!(
                            "`{path}`: link target `{other}` dropped: only `_blank` is kept"
                        ));
                        ""
                    }
                };
                Some(json!({ "url": url, "title": text("title"), "target": target }))
            }
            // Text of every kind, and times, are stored as headpress takes them.
            _ => Some(Value::String(raw.to_owned())),
        }
    }
}

/// ACF's `Ymd` date as `YYYY-MM-DD`; anything else as it is, for validation to judge.
fn ymd(raw: &str) -> String {
    if raw.len() == 8 && raw.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}-{}", &raw[..4], &raw[4..6], &raw[6..])
    } else {
        raw.to_owned()
    }
}

/// The texts of a serialized PHP array, or the one plain text.
fn php_list(raw: &str) -> Result<Vec<String>, String> {
    if !raw.starts_with("a:") {
        return Ok(vec![raw.to_owned()]);
    }
    match php::unserialize(raw) {
        Ok(v @ (Value::Array(_) | Value::Object(_))) => Ok(entries(&v)
            .into_iter()
            .filter_map(|(_, v)| string(Some(v)))
            .collect()),
        Ok(_) => Err("not a list".to_owned()),
        Err(e) => Err(format!("not valid PHP-serialized data: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::wxr::{Event, Reader};

    // --- helpers ---

    const FIXTURE: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/wordpress/small.wxr.xml"
    );

    fn item(post_type: &str, post_id: i64, parent: i64, order: i64) -> Item {
        Item {
            post_id,
            post_type: post_type.to_owned(),
            status: "publish".to_owned(),
            post_parent: parent,
            menu_order: order,
            ..Item::default()
        }
    }

    fn fixture() -> Vec<Item> {
        let file = std::fs::File::open(FIXTURE).expect("fixture");
        Reader::new(std::io::BufReader::new(file))
            .filter_map(|event| match event.expect("fixture reads") {
                Event::Item(item) => Some(*item),
                Event::Site(_) => None,
            })
            .collect()
    }

    fn fixture_groups(items: &[Item]) -> Vec<MappedGroup> {
        groups(&items.iter().collect::<Vec<_>>()).expect("groups")
    }

    fn by_id(items: &[Item], id: i64) -> &Item {
        items.iter().find(|i| i.post_id == id).expect("item")
    }

    fn group<'g>(groups: &'g [MappedGroup], title: &str) -> &'g MappedGroup {
        groups.iter().find(|g| g.title == title).expect("group")
    }

    fn def<'g>(group: &'g MappedGroup, name: &str) -> &'g Value {
        group
            .fields
            .as_array()
            .expect("list")
            .iter()
            .find(|f| f["name"] == name)
            .expect("field")
    }

    /// Every WordPress id maps to itself plus 10 000, except those listed.
    fn remap_except(
        missing: &'static [i64],
    ) -> (impl Fn(i64) -> Option<i64>, impl Fn(i64) -> Option<i64>) {
        let f = move |id: i64| (!missing.contains(&id)).then_some(id + 10_000);
        (f, f)
    }

    fn values_of(
        groups: &[MappedGroup],
        meta: &[(String, String)],
        missing: &'static [i64],
    ) -> (Map<String, Value>, Vec<String>) {
        let (media, entry) = remap_except(missing);
        values(
            groups,
            meta,
            &Remap {
                media: &media,
                entry: &entry,
            },
        )
    }

    /// The values pass headpress's own check against the mapped definitions.
    fn assert_valid(groups: &[MappedGroup], values: &Map<String, Value>) {
        let defs: Vec<FieldDef> = groups
            .iter()
            .flat_map(|g| fields::parse_definitions(&g.fields, "fields").expect("valid defs"))
            .collect();
        let refs: Vec<&FieldDef> = defs.iter().collect();
        let (normalised, _) =
            fields::validate_input(&refs, values, "fields").expect("valid values");
        assert_eq!(&normalised, values, "values are already normalised");
    }

    /// A PHP serializer for building settings and meta in tests.
    fn ser(v: &Value) -> String {
        let key = |k: &str| match k.parse::<i64>() {
            Ok(i) => format!("i:{i};"),
            Err(_) => format!("s:{}:\"{k}\";", k.len()),
        };
        match v {
            Value::Null => "N;".to_owned(),
            Value::Bool(b) => format!("b:{};", u8::from(*b)),
            Value::Number(n) if n.is_f64() => format!("d:{n};"),
            Value::Number(n) => format!("i:{n};"),
            Value::String(s) => format!("s:{}:\"{s}\";", s.len()),
            Value::Array(a) => format!(
                "a:{}:{{{}}}",
                a.len(),
                a.iter()
                    .enumerate()
                    .map(|(i, v)| format!("i:{i};{}", ser(v)))
                    .collect::<String>()
            ),
            Value::Object(o) => format!(
                "a:{}:{{{}}}",
                o.len(),
                o.iter()
                    .map(|(k, v)| format!("{}{}", key(k), ser(v)))
                    .collect::<String>()
            ),
        }
    }

    fn acf_group(id: i64, key: &str, location: Value) -> Item {
        let mut it = item(GROUP_POST_TYPE, id, 0, 0);
        it.title = format!("Group {id}");
        it.post_name = key.to_owned();
        it.content = ser(&json!({ "location": location, "position": "normal" }));
        it
    }

    fn acf_field(id: i64, parent: i64, order: i64, name: &str, settings: Value) -> Item {
        let mut it = item(FIELD_POST_TYPE, id, parent, order);
        it.title = format!("Label of {name}");
        it.excerpt = name.to_owned();
        it.post_name = format!("field_{id}");
        it.content = ser(&settings);
        it
    }

    fn on_posts() -> Value {
        json!([[{ "param": "post_type", "operator": "==", "value": "post" }]])
    }

    /// One group on posts holding the given fields (ids from 2, in order, parent 1).
    fn one_group(fields: &[(&str, Value)]) -> MappedGroup {
        let mut items = vec![acf_group(1, "group_test", on_posts())];
        for (i, (name, settings)) in fields.iter().enumerate() {
            let i = i64::try_from(i).expect("small");
            items.push(acf_field(i + 2, 1, i, name, settings.clone()));
        }
        let mut groups = groups(&items.iter().collect::<Vec<_>>()).expect("groups");
        assert_eq!(groups.len(), 1);
        groups.remove(0)
    }

    /// The definition one ACF field becomes, and the notes.
    fn mapped(settings: Value) -> (Option<Value>, Vec<String>) {
        let g = one_group(&[("f", settings)]);
        assert!(
            fields::parse_definitions(&g.fields, "fields").is_ok(),
            "{}",
            g.fields
        );
        (
            g.fields.as_array().and_then(|f| f.first()).cloned(),
            g.skipped,
        )
    }

    fn meta(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    // --- the fixture ---

    #[test]
    fn fixture_has_four_groups_with_their_kinds() {
        let items = fixture();
        let groups = fixture_groups(&items);
        let seen: Vec<(&str, &str, &Value)> = groups
            .iter()
            .map(|g| (g.title.as_str(), g.key.as_str(), &g.location["kinds"]))
            .collect();
        assert_eq!(
            seen,
            [
                (
                    "Resource details",
                    "group_6650c2a1e1001",
                    &json!(["resources"])
                ),
                ("Report metadata", "group_6650c2a1e2001", &json!(["posts"])),
                ("Event extras", "group_6650c2a1e3001", &json!(["events"])),
                ("Page hero", "group_6650c2a1e4001", &json!(["pages"])),
            ]
        );
        for g in &groups {
            assert!(g.active && g.position == 0, "{}", g.title);
            assert!(g.skipped.is_empty(), "{}: {:?}", g.title, g.skipped);
            assert_eq!(g.location.as_object().map(Map::len), Some(1), "only kinds");
            assert!(
                fields::parse_definitions(&g.fields, "fields").is_ok(),
                "{}",
                g.title
            );
        }
        assert_eq!(group(&groups, "Resource details").wp_id, 1284);
    }

    #[test]
    fn fixture_fields_map_to_headpress_types() {
        let items = fixture();
        let groups = fixture_groups(&items);
        let names = |title: &str| -> Vec<(String, String)> {
            group(&groups, title)
                .fields
                .as_array()
                .expect("list")
                .iter()
                .map(|f| {
                    (
                        f["name"].as_str().unwrap_or_default().to_owned(),
                        f["type"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        };
        let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter()
                .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
                .collect()
        };
        assert_eq!(
            names("Resource details"),
            pairs(&[
                ("publisher", "text"),
                ("publication_year", "number"),
                ("language", "select"),
                ("document", "media"),
                ("external_url", "url"),
                ("countries", "checkbox"),
                ("is_featured", "boolean"),
            ])
        );
        assert_eq!(
            names("Report metadata"),
            pairs(&[
                ("report_pdf", "media"),
                ("authors", "repeater"),
                ("related_resources", "relation")
            ])
        );
        assert_eq!(
            names("Event extras"),
            pairs(&[
                ("speakers", "repeater"),
                ("registration_url", "url"),
                ("livestream", "boolean")
            ])
        );
        assert_eq!(
            names("Page hero"),
            pairs(&[
                ("hero_title", "text"),
                ("hero_image", "media"),
                ("cta", "link")
            ])
        );

        let resource = group(&groups, "Resource details");
        assert_eq!(
            def(resource, "publisher"),
            &json!({
                "name": "publisher", "label": "Publisher", "type": "text", "required": true,
                "instructions": "Organisation that published the resource.", "max_length": 120
            })
        );
        assert_eq!(
            def(resource, "publication_year"),
            &json!({
                "name": "publication_year", "label": "Publication year", "type": "number",
                "min": 1990, "max": 2030, "step": 1
            })
        );
        let language = def(resource, "language");
        assert_eq!(
            language["choices"],
            json!([
                { "value": "en", "label": "English" }, { "value": "fr", "label": "French" },
                { "value": "es", "label": "Spanish" }, { "value": "ar", "label": "Arabic" }
            ])
        );
        assert_eq!(language["default"], "en");
        assert!(language.get("multiple").is_none());
        assert_eq!(
            def(resource, "document")["mime_types"],
            json!(["application/pdf"])
        );
        let countries = def(resource, "countries");
        assert_eq!(countries["choices"].as_array().map(Vec::len), Some(24));
        assert_eq!(
            countries["choices"][19],
            json!({ "value": "CI", "label": "Côte d'Ivoire" })
        );
        assert!(countries.get("default").is_none());
        assert_eq!(def(resource, "is_featured")["default"], false);

        let report = group(&groups, "Report metadata");
        assert_eq!(
            def(report, "report_pdf")["mime_types"],
            json!(["application/pdf"])
        );
        assert_eq!(
            def(report, "authors")["fields"],
            json!([
                { "name": "name", "label": "Name", "type": "text", "required": true },
                { "name": "affiliation", "label": "Affiliation", "type": "text" }
            ])
        );
        assert!(
            def(report, "authors").get("max").is_none(),
            "ACF's 0 means no limit"
        );
        assert_eq!(
            def(report, "related_resources"),
            &json!({
                "name": "related_resources", "label": "Related resources", "type": "relation",
                "kinds": ["resources"], "max": 5
            })
        );

        let events = group(&groups, "Event extras");
        assert_eq!(def(events, "speakers")["fields"][1]["name"], "role");
        assert_eq!(def(events, "livestream")["type"], "boolean");

        let hero = group(&groups, "Page hero");
        assert_eq!(def(hero, "hero_title")["max_length"], 90);
        // ACF allows jpg, jpeg, png and webp: the narrower list is kept.
        assert_eq!(
            def(hero, "hero_image")["mime_types"],
            json!(["image/jpeg", "image/png", "image/webp"])
        );
        assert_eq!(
            def(hero, "cta"),
            &json!({ "name": "cta", "label": "Call to action", "type": "link" })
        );
    }

    #[test]
    fn fixture_groups_do_not_depend_on_item_order() {
        let items = fixture();
        let mut reversed: Vec<&Item> = items.iter().collect();
        reversed.reverse();
        assert_eq!(groups(&reversed).expect("groups"), fixture_groups(&items));
    }

    #[test]
    fn fixture_resource_values() {
        let items = fixture();
        let groups = fixture_groups(&items);
        let resource = by_id(&items, 10);
        let (values, notes) = values_of(&groups, &resource.meta, &[]);
        assert_eq!(
            Value::Object(values.clone()),
            json!({
                "publisher": "OECD",
                "publication_year": 2021,
                "language": "en",
                "document": 11308,
                "external_url": "https://publications.example.org/oecd/public-procurement-and-human-rights-in-northern-ireland",
                "countries": ["MM", "LB"],
                "is_featured": false
            })
        );
        assert!(notes.is_empty(), "{notes:?}");
        assert_valid(&groups, &values);
    }

    #[test]
    fn fixture_post_values_assemble_rows_and_remap_ids() {
        let items = fixture();
        let groups = fixture_groups(&items);
        let post = by_id(&items, 9);
        let (values, notes) = values_of(&groups, &post.meta, &[1146]);
        assert_eq!(
            values["authors"],
            json!([
                { "name": "Helen O'Neill", "affiliation": "Anti-Slavery International" },
                { "name": "Lucía Fernández" },
                { "name": "Ravi Kumar", "affiliation": "Anti-Slavery International" }
            ])
        );
        assert_eq!(values["report_pdf"], 11329);
        assert_eq!(values["related_resources"], json!([11109, 11204]));
        assert_eq!(
            notes,
            ["`related_resources`: WordPress post 1146 dropped: it was not imported"]
        );
        assert_eq!(values.len(), 3, "WordPress's own meta is not a field");
        assert_valid(&groups, &values);
    }

    #[test]
    fn fixture_page_values_hold_a_link() {
        let items = fixture();
        let groups = fixture_groups(&items);
        let page = by_id(&items, 14);
        let (values, notes) = values_of(&groups, &page.meta, &[1369]);
        assert_eq!(
            Value::Object(values.clone()),
            json!({
                "hero_title": "Working together to end modern slavery",
                "cta": {
                    "url": "http://127.0.0.1:8081/about-us/our-team/",
                    "title": "Meet the team",
                    "target": ""
                }
            })
        );
        assert_eq!(
            notes,
            ["`hero_image`: dropped: WordPress attachment 1369 was not imported"]
        );
        assert_valid(&groups, &values);
    }

    #[test]
    fn fixture_event_values() {
        let items = fixture();
        let groups = fixture_groups(&items);
        let (values, notes) = values_of(&groups, &by_id(&items, 1237).meta, &[]);
        assert_eq!(
            Value::Object(values),
            json!({
                "speakers": [
                    { "name": "Professor Alan Whitfield", "role": "Chair" },
                    { "name": "Mei Lin Tan", "role": "Moderator" }
                ],
                "registration_url": "https://events.example.org/register/workshop-responding-to-forced-labour-in-global-supply-chains",
                "livestream": false
            })
        );
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn every_fixture_item_converts_without_loss() {
        let items = fixture();
        let groups = fixture_groups(&items);
        let mut with_values = 0;
        for it in items.iter().filter(|i| !i.meta.is_empty()) {
            let (values, notes) = values_of(&groups, &it.meta, &[]);
            assert!(notes.is_empty(), "{}: {notes:?}", it.post_id);
            assert_valid(&groups, &values);
            with_values += usize::from(!values.is_empty());
            // Every ACF value present in the meta was carried over.
            for (k, v) in &it.meta {
                if let Some(name) = k.strip_prefix('_')
                    && v.starts_with("field_")
                    && !name.contains(char::is_numeric)
                {
                    let raw = it
                        .meta
                        .iter()
                        .find(|(m, _)| m == name)
                        .map(|(_, v)| v.as_str());
                    if raw.is_some_and(|r| !r.is_empty()) {
                        assert!(values.contains_key(name), "{}: {name}", it.post_id);
                    }
                }
            }
        }
        // 17 resources, 19 posts, 70 events, 5 pages.
        assert_eq!(with_values, 111);
    }

    // --- reading the items ---

    #[test]
    fn malformed_settings_name_the_item() {
        let mut field = acf_field(7, 1, 0, "f", json!({ "type": "text" }));
        field.line = 42;
        field.content = "a:2:{s:4:\"type\";s:9:\"text\";}".to_owned();
        let group = acf_group(1, "group_a", on_posts());
        let err = groups(&[&group, &field]).expect_err("malformed");
        assert!(
            err.contains("acf-field 7") && err.contains("line 42"),
            "{err}"
        );
        assert!(err.contains("not valid PHP-serialized data"), "{err}");

        let mut group = acf_group(3, "group_b", on_posts());
        group.line = 9;
        group.content = "a:1:{s:8:\"location\";".to_owned();
        let err = groups(&[&group]).expect_err("malformed");
        assert!(
            err.contains("acf-field-group 3") && err.contains("line 9"),
            "{err}"
        );

        group.content = "s:3:\"abc\";".to_owned();
        let err = groups(&[&group]).expect_err("not an array");
        assert!(err.contains("not a PHP array"), "{err}");

        group.content = " ".to_owned();
        let err = groups(&[&group]).expect_err("empty");
        assert!(err.contains("has no settings"), "{err}");
    }

    #[test]
    fn other_items_and_orphan_fields_are_ignored() {
        let g = acf_group(1, "group_a", on_posts());
        let orphan = acf_field(2, 99, 0, "lost", json!({ "type": "text" }));
        let post = item("post", 3, 0, 0);
        let out = groups(&[&post, &orphan, &g]).expect("groups");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].fields, json!([]));
    }

    #[test]
    fn group_settings_map_to_key_title_position_and_status() {
        let mut g = acf_group(5, "Group_Ä b", on_posts());
        g.title = " Extras ".to_owned();
        g.menu_order = 3;
        g.status = "acf-disabled".to_owned();
        let mut twin = acf_group(6, "group_ä_b", on_posts());
        twin.title = String::new();
        let out = groups(&[&g, &twin]).expect("groups");
        // Sorted by menu order; an empty title becomes the key.
        assert_eq!(
            (out[0].key.as_str(), out[0].title.as_str()),
            ("group___b", "group___b")
        );
        assert_eq!(out[1].key, "group___b-5");
        assert_eq!(
            (out[1].title.as_str(), out[1].position, out[1].active),
            ("Extras", 3, false)
        );
        assert_eq!(
            out[1].skipped,
            ["group key `Group_Ä b` is taken by another group: renamed `group___b-5`"]
        );
        assert_eq!(
            out[0].skipped,
            ["group key `group_ä_b` renamed `group___b`"]
        );
    }

    // --- locations ---

    fn located(rules: Value) -> (Value, Vec<String>) {
        let g = acf_group(1, "group_a", rules);
        let mut out = groups(&[&g]).expect("groups");
        let g = out.remove(0);
        (g.location, g.skipped)
    }

    fn rule(param: &str, operator: &str, value: &str) -> Value {
        json!({ "param": param, "operator": operator, "value": value })
    }

    #[test]
    fn location_rules_map_to_kinds_and_narrowings() {
        let (loc, notes) = located(json!([[
            rule("post_type", "==", "page"),
            rule("page_template", "==", "templates/wide.php")
        ]]));
        assert_eq!(
            loc,
            json!({ "kinds": ["pages"], "templates": ["templates/wide.php"] })
        );
        assert!(notes.is_empty());

        // A narrowing implies its kind; ACF 6 names terms by slug, older ACF by id.
        let (loc, notes) = located(json!([
            [rule("post_category", "==", "category:news")],
            [rule("post_taxonomy", "==", "resource_type:report")],
            [
                rule("post_type", "==", "ai1ec_event"),
                rule("post_taxonomy", "==", "events_categories:webinar")
            ],
            [rule("post_category", "==", "12")]
        ]));
        assert_eq!(
            loc,
            json!({
                "kinds": ["posts", "resources", "events"],
                "categories": ["category:news", 12],
                "resource_types": ["resource_type:report"],
                "event_categories": ["events_categories:webinar"]
            })
        );
        assert_eq!(notes.len(), 1);
        assert!(notes[0].contains("merged"), "{notes:?}");

        // Alternatives without narrowings merge without loss.
        let (loc, notes) = located(json!([
            [rule("post_type", "==", "post")],
            [rule("post_type", "==", "resource")]
        ]));
        assert_eq!(loc, json!({ "kinds": ["posts", "resources"] }));
        assert!(notes.is_empty());
    }

    #[test]
    fn location_rules_headpress_cannot_hold_are_reported() {
        let (loc, notes) = located(json!([[
            rule("post_type", "==", "post"),
            rule("post_type", "!=", "page"),
            rule("current_user_role", "==", "editor"),
            rule("post_taxonomy", "==", "post_tag:news"),
            rule("post_type", "==", "product")
        ]]));
        assert_eq!(loc, json!({ "kinds": ["posts"] }));
        assert_eq!(
            notes,
            [
                "location rule `post_type != page` not carried over: only `==` rules are",
                "location rule `current_user_role == editor` not carried over: no headpress equivalent",
                "location rule `post_taxonomy == post_tag:news` not carried over: no headpress narrowing for this taxonomy",
                "location rule `post_type == product` not carried over: no headpress collection",
            ]
        );

        let (loc, notes) = located(json!([[rule("options_page", "==", "site-settings")]]));
        assert_eq!(loc, json!({ "kinds": [] }));
        assert_eq!(notes.len(), 2);
        assert!(notes[1].contains("applies nowhere"), "{notes:?}");
        let (loc, _) = located(json!([]));
        assert_eq!(loc, json!({ "kinds": [] }));
    }

    // --- field definitions ---

    #[test]
    fn text_like_fields() {
        let (d, notes) = mapped(
            json!({ "type": "text", "maxlength": "40", "default_value": "Hi",
            "instructions": " Say hi. ", "required": "1", "placeholder": "x" }),
        );
        assert_eq!(
            d,
            Some(
                json!({ "name": "f", "label": "Label of f", "type": "text", "required": true,
                "instructions": "Say hi.", "max_length": 40, "default": "Hi" })
            )
        );
        assert!(notes.is_empty());
        let (d, _) = mapped(json!({ "type": "textarea", "maxlength": "", "rows": 4 }));
        assert_eq!(d.map(|d| d["type"].clone()), Some(json!("textarea")));
        let (d, _) = mapped(json!({ "type": "wysiwyg", "default_value": "<p>x</p>" }));
        assert_eq!(
            d.map(|d| (d["type"].clone(), d["default"].clone())),
            Some((json!("rich_text"), json!("<p>x</p>")))
        );
        let (d, _) = mapped(json!({ "type": "email", "default_value": "a@b.org" }));
        assert_eq!(d.map(|d| d["type"].clone()), Some(json!("email")));
        let (d, _) = mapped(json!({ "type": "url" }));
        assert_eq!(d.map(|d| d["type"].clone()), Some(json!("url")));
        let (d, _) = mapped(json!({ "type": "oembed" }));
        assert_eq!(d.map(|d| d["type"].clone()), Some(json!("url")));
    }

    #[test]
    fn number_and_boolean_fields() {
        let (d, _) = mapped(
            json!({ "type": "number", "min": "0", "max": 10.5, "step": "0.5", "default_value": "2" }),
        );
        let d = d.expect("mapped");
        assert_eq!(
            (&d["min"], &d["max"], &d["step"], &d["default"]),
            (&json!(0), &json!(10.5), &json!(0.5), &json!(2))
        );
        let (d, notes) = mapped(json!({ "type": "range", "min": 5, "max": 1, "step": "" }));
        let d = d.expect("mapped");
        assert_eq!(d["type"], "number");
        assert!(d.get("min").is_none() && d.get("max").is_none() && d.get("step").is_none());
        assert_eq!(
            notes,
            ["field `f` (field_2): min 5 is above max 1: both dropped"]
        );
        let (d, _) = mapped(json!({ "type": "true_false", "default_value": 1 }));
        assert_eq!(
            d.map(|d| (d["type"].clone(), d["default"].clone())),
            Some((json!("boolean"), json!(true)))
        );
    }

    #[test]
    fn choice_fields() {
        let choices = json!({ "a": "Apple", "b": "", "3": "Three" });
        let (d, _) = mapped(
            json!({ "type": "select", "choices": choices, "multiple": 1, "default_value": ["a"] }),
        );
        let d = d.expect("mapped");
        assert_eq!(
            d["choices"],
            json!([{ "value": "a", "label": "Apple" }, { "value": "b", "label": "b" }, { "value": "3", "label": "Three" }])
        );
        assert_eq!(
            (&d["multiple"], &d["default"]),
            (&json!(true), &json!(["a"]))
        );
        for t in ["radio", "button_group"] {
            let (d, _) = mapped(json!({ "type": t, "choices": choices, "default_value": "b" }));
            let d = d.expect("mapped");
            assert_eq!(
                (&d["type"], &d["default"]),
                (&json!("select"), &json!("b")),
                "{t}"
            );
            assert!(d.get("multiple").is_none());
        }
        // A list of labels unserializes to a PHP list: its keys are the indices.
        let (d, _) = mapped(
            json!({ "type": "checkbox", "choices": ["Zero", "One"], "default_value": "0\n1" }),
        );
        let d = d.expect("mapped");
        assert_eq!(d["type"], "checkbox");
        assert_eq!(d["choices"][1], json!({ "value": "1", "label": "One" }));
        assert_eq!(d["default"], json!(["0", "1"]));
        let (d, notes) = mapped(json!({ "type": "select", "choices": [] }));
        assert_eq!(d, None);
        assert_eq!(notes, ["field `f` (field_2): skipped: has no choices"]);
    }

    #[test]
    fn a_default_headpress_refuses_is_dropped() {
        let (d, notes) =
            mapped(json!({ "type": "select", "choices": { "a": "A" }, "default_value": "z" }));
        assert!(d.expect("mapped").get("default").is_none());
        assert_eq!(
            notes,
            ["field `f` (field_2): default \"z\" dropped: `default` must be one of `a`"]
        );
        let (d, notes) = mapped(json!({ "type": "text", "maxlength": 2, "default_value": "long" }));
        assert!(d.expect("mapped").get("default").is_none());
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0].contains("must be at most 2 characters"),
            "{notes:?}"
        );
    }

    #[test]
    fn date_and_time_fields() {
        for (acf, headpress) in [
            ("date_picker", "date"),
            ("date_time_picker", "datetime"),
            ("time_picker", "time"),
        ] {
            let (d, _) = mapped(json!({ "type": acf, "display_format": "d/m/Y" }));
            assert_eq!(d.map(|d| d["type"].clone()), Some(json!(headpress)));
        }
    }

    #[test]
    fn media_fields_map_allowed_extensions() {
        let (d, notes) = mapped(json!({ "type": "file", "mime_types": "pdf, .DOCX, xyz,doc" }));
        assert_eq!(
            d.expect("mapped")["mime_types"],
            json!([
                "application/pdf",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "application/msword"
            ])
        );
        assert_eq!(
            notes,
            ["field `f` (field_2): file types `xyz` not carried over"]
        );
        let (d, _) = mapped(json!({ "type": "file", "mime_types": "" }));
        assert_eq!(
            d,
            Some(json!({ "name": "f", "label": "Label of f", "type": "media" }))
        );
        let (d, _) = mapped(json!({ "type": "image", "mime_types": "" }));
        assert_eq!(d.expect("mapped")["mime_types"], json!(["image/*"]));
        let (d, notes) = mapped(json!({ "type": "image", "mime_types": "jpg, jpeg, pdf" }));
        assert_eq!(d.expect("mapped")["mime_types"], json!(["image/jpeg"]));
        assert_eq!(
            notes,
            ["field `f` (field_2): file types `pdf` not carried over"]
        );
    }

    #[test]
    fn relation_and_link_fields() {
        let (d, notes) = mapped(
            json!({ "type": "relationship", "post_type": ["post", "attachment", "resource"],
            "min": "1", "max": 3, "taxonomy": ["category:news"] }),
        );
        let d = d.expect("mapped");
        assert_eq!(
            (&d["type"], &d["kinds"], &d["min"], &d["max"]),
            (
                &json!("relation"),
                &json!(["posts", "resources"]),
                &json!(1),
                &json!(3)
            )
        );
        assert_eq!(
            notes,
            [
                "field `f` (field_2): post type `attachment` has no headpress collection",
                "field `f` (field_2): the taxonomy filter is not carried over"
            ]
        );
        let (d, _) = mapped(json!({ "type": "post_object", "post_type": "", "multiple": 0 }));
        assert_eq!(
            d,
            Some(json!({ "name": "f", "label": "Label of f", "type": "relation", "max": 1 }))
        );
        let (d, _) = mapped(json!({ "type": "post_object", "post_type": ["page"], "multiple": 1 }));
        assert_eq!(
            d,
            Some(
                json!({ "name": "f", "label": "Label of f", "type": "relation", "kinds": ["pages"] })
            )
        );
        let (d, _) = mapped(json!({ "type": "link", "return_format": "array" }));
        assert_eq!(d.map(|d| d["type"].clone()), Some(json!("link")));
    }

    #[test]
    fn unsupported_types_are_skipped_with_a_note() {
        let g = one_group(&[
            ("a", json!({ "type": "page_link" })),
            ("b", json!({ "type": "gallery" })),
            ("c", json!({ "color": "red" })),
            (
                "d",
                json!({ "type": "text", "conditional_logic": [[{ "field": "field_1", "operator": "==", "value": "1" }]] }),
            ),
        ]);
        assert_eq!(
            g.fields,
            json!([{ "name": "d", "label": "Label of d", "type": "text" }])
        );
        assert_eq!(
            g.skipped,
            [
                "field `a` (field_2): skipped: ACF type `page_link` has no headpress equivalent",
                "field `b` (field_3): skipped: ACF type `gallery` has no headpress equivalent",
                "field `c` (field_4): skipped: has no ACF type",
                "field `d` (field_5): conditional logic not carried over",
            ]
        );
    }

    #[test]
    fn group_and_repeater_fields_nest() {
        let items = [
            acf_group(1, "group_a", on_posts()),
            acf_field(2, 1, 0, "venue", json!({ "type": "group" })),
            acf_field(3, 2, 1, "city", json!({ "type": "text", "required": 1 })),
            acf_field(
                4,
                2,
                0,
                "slots",
                json!({ "type": "repeater", "min": 1, "max": "4" }),
            ),
            acf_field(5, 4, 0, "at", json!({ "type": "time_picker" })),
            acf_field(6, 1, 1, "empty", json!({ "type": "repeater" })),
            acf_field(7, 6, 0, "bad", json!({ "type": "gallery" })),
        ];
        let out = groups(&items.iter().collect::<Vec<_>>()).expect("groups");
        assert_eq!(
            out[0].fields,
            json!([{ "name": "venue", "label": "Label of venue", "type": "group", "fields": [
                { "name": "slots", "label": "Label of slots", "type": "repeater", "min": 1, "max": 4,
                  "fields": [{ "name": "at", "label": "Label of at", "type": "time" }] },
                { "name": "city", "label": "Label of city", "type": "text", "required": true }
            ] }])
        );
        assert_eq!(
            out[0].skipped,
            [
                "field `empty.bad` (field_7): skipped: ACF type `gallery` has no headpress equivalent",
                "field `empty` (field_6): skipped: has no sub-fields headpress can hold",
            ]
        );
    }

    #[test]
    fn nesting_stops_where_headpress_does() {
        let mut items = vec![acf_group(1, "group_a", on_posts())];
        for depth in 0..=MAX_DEPTH {
            let id = i64::try_from(depth).expect("small") + 2;
            items.push(acf_field(
                id,
                id - 1,
                0,
                &format!("g{depth}"),
                json!({ "type": "group" }),
            ));
        }
        let leaf_parent = i64::try_from(MAX_DEPTH).expect("small") + 2;
        items.push(acf_field(
            100,
            leaf_parent,
            0,
            "leaf",
            json!({ "type": "text" }),
        ));
        let out = groups(&items.iter().collect::<Vec<_>>()).expect("groups");
        assert!(fields::parse_definitions(&out[0].fields, "fields").is_ok());
        assert!(
            out[0].skipped[0].contains("nest more than 5 levels"),
            "{:?}",
            out[0].skipped
        );
        // With its only sub-field gone, each level above is skipped too.
        assert_eq!(out[0].fields, json!([]));
    }

    #[test]
    fn names_are_made_valid_and_unique() {
        let g = one_group(&[
            ("Hero-Title", json!({ "type": "text" })),
            ("hero_title", json!({ "type": "text" })),
            ("2col", json!({ "type": "text" })),
            ("gone", json!({ "type": "gallery" })),
            ("gone", json!({ "type": "text" })),
        ]);
        let names: Vec<&str> = g
            .fields
            .as_array()
            .expect("list")
            .iter()
            .filter_map(|f| f["name"].as_str())
            .collect();
        // A skipped field leaves its name free.
        assert_eq!(names, ["hero_title", "hero_title_2", "f_2col", "gone"]);
        assert_eq!(
            g.skipped,
            [
                "field `hero_title` (field_2): ACF name `Hero-Title` renamed `hero_title`",
                "field `hero_title_2` (field_3): ACF name `hero_title` renamed `hero_title_2`",
                "field `f_2col` (field_4): ACF name `2col` renamed `f_2col`",
                "field `gone` (field_5): skipped: ACF type `gallery` has no headpress equivalent",
            ]
        );
        assert_eq!(field_name(&"x".repeat(80)).len(), 64);
    }

    // --- values ---

    fn converted(settings: Value, raw: &str) -> (Option<Value>, Vec<String>) {
        let g = one_group(&[("f", settings)]);
        let (mut values, notes) = values_of(
            std::slice::from_ref(&g),
            &meta(&[("f", raw), ("_f", "field_2")]),
            &[404],
        );
        assert_valid(std::slice::from_ref(&g), &values);
        (values.remove("f"), notes)
    }

    #[test]
    fn scalar_values_convert() {
        assert_eq!(
            converted(json!({ "type": "text" }), " Hello ").0,
            Some(json!("Hello"))
        );
        assert_eq!(converted(json!({ "type": "text" }), "").0, None);
        assert_eq!(
            converted(json!({ "type": "number" }), "2.5").0,
            Some(json!(2.5))
        );
        assert_eq!(
            converted(json!({ "type": "number" }), "-3").0,
            Some(json!(-3))
        );
        assert_eq!(
            converted(json!({ "type": "true_false" }), "1").0,
            Some(json!(true))
        );
        assert_eq!(
            converted(json!({ "type": "true_false" }), "0").0,
            Some(json!(false))
        );
        assert_eq!(
            converted(json!({ "type": "email" }), "a@B.ORG").0,
            Some(json!("a@b.org"))
        );
        assert_eq!(
            converted(json!({ "type": "wysiwyg" }), "<p onclick=\"x()\">Hi</p>").0,
            Some(json!("<p>Hi</p>"))
        );
        assert_eq!(
            converted(json!({ "type": "date_picker" }), "20240315").0,
            Some(json!("2024-03-15"))
        );
        assert_eq!(
            converted(json!({ "type": "date_time_picker" }), "2024-03-15 09:30:00").0,
            Some(json!("2024-03-15T09:30:00Z"))
        );
        assert_eq!(
            converted(json!({ "type": "time_picker" }), "09:30:00").0,
            Some(json!("09:30:00"))
        );
    }

    #[test]
    fn values_that_do_not_convert_are_dropped_with_a_note() {
        let (v, notes) = converted(json!({ "type": "number", "max": 10 }), "11");
        assert_eq!(
            (v, notes),
            (
                None,
                vec!["`f`: dropped: `f` must be at most 10".to_owned()]
            )
        );
        let (v, notes) = converted(json!({ "type": "number" }), "ten");
        assert_eq!(
            (v, notes),
            (None, vec!["`f`: dropped: `ten` is not a number".to_owned()])
        );
        let (v, notes) = converted(json!({ "type": "true_false" }), "yes");
        assert_eq!(
            (v, notes),
            (
                None,
                vec!["`f`: dropped: `yes` is not ACF's 1 or 0".to_owned()]
            )
        );
        let (v, notes) = converted(json!({ "type": "date_picker" }), "20241345");
        assert_eq!(v, None);
        assert_eq!(
            notes,
            ["`f`: dropped: `f` must be a real date (YYYY-MM-DD)"]
        );
        let (v, notes) = converted(json!({ "type": "url" }), "/relative");
        assert_eq!(v, None);
        assert_eq!(notes, ["`f`: dropped: `f` must be an absolute http(s) URL"]);
        let (v, notes) = converted(
            json!({ "type": "checkbox", "choices": { "a": "A" } }),
            "a:1:{i:0;s:1:\"a\"",
        );
        assert_eq!(v, None);
        assert!(
            notes[0].starts_with("`f`: dropped: not valid PHP-serialized data"),
            "{notes:?}"
        );
    }

    #[test]
    fn choice_values_convert() {
        let choices = json!({ "a": "A", "b": "B", "1": "One" });
        let list = ser(&json!(["b", "zz", "a", "b", 1]));
        let (v, notes) = converted(json!({ "type": "checkbox", "choices": choices }), &list);
        assert_eq!(v, Some(json!(["b", "a", "1"])));
        assert_eq!(notes, ["`f`: `zz` dropped: not one of the field's choices"]);
        // A lone value where ACF now expects a list.
        assert_eq!(
            converted(json!({ "type": "checkbox", "choices": choices }), "a").0,
            Some(json!(["a"]))
        );
        let multi = json!({ "type": "select", "choices": choices, "multiple": 1 });
        assert_eq!(converted(multi, &ser(&json!(["1"]))).0, Some(json!(["1"])));
        let single = json!({ "type": "radio", "choices": choices });
        assert_eq!(converted(single.clone(), "b").0, Some(json!("b")));
        assert_eq!(
            converted(single.clone(), &ser(&json!(["a"]))).0,
            Some(json!("a"))
        );
        let (v, notes) = converted(single, "c");
        assert_eq!(v, None);
        assert_eq!(notes, ["`f`: dropped: `f` must be one of `a`, `b`, `1`"]);
    }

    #[test]
    fn id_values_are_remapped() {
        assert_eq!(
            converted(json!({ "type": "image" }), "12").0,
            Some(json!(10012))
        );
        let (v, notes) = converted(json!({ "type": "file" }), "404");
        assert_eq!(
            (v, notes),
            (
                None,
                vec!["`f`: dropped: WordPress attachment 404 was not imported".to_owned()]
            )
        );
        let (v, notes) = converted(json!({ "type": "post_object" }), "7");
        assert_eq!((v, notes), (Some(json!([10007])), vec![]));
        let list = ser(&json!(["7", 8, "404", "x", "7"]));
        let (v, notes) = converted(json!({ "type": "relationship" }), &list);
        assert_eq!(v, Some(json!([10007, 10008])));
        assert_eq!(
            notes,
            [
                "`f`: WordPress post 404 dropped: it was not imported",
                "`f`: `x` dropped: not a post id"
            ]
        );
        let (v, notes) = converted(json!({ "type": "relationship" }), &ser(&json!(["404"])));
        assert_eq!(v, None);
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn link_values_convert() {
        let raw = ser(&json!({ "title": "Go", "url": "https://a.org/x", "target": "_blank" }));
        assert_eq!(
            converted(json!({ "type": "link" }), &raw).0,
            Some(json!({ "url": "https://a.org/x", "title": "Go", "target": "_blank" }))
        );
        let raw = ser(&json!({ "title": "", "url": "https://a.org", "target": "_self" }));
        let (v, notes) = converted(json!({ "type": "link" }), &raw);
        assert_eq!(
            v,
            Some(json!({ "url": "https://a.org", "title": "", "target": "" }))
        );
        assert_eq!(
            notes,
            ["`f`: link target `_self` dropped: only `_blank` is kept"]
        );
        let raw = ser(&json!({ "title": "", "url": "", "target": "" }));
        assert_eq!(converted(json!({ "type": "link" }), &raw), (None, vec![]));
    }

    fn nested_groups() -> Vec<MappedGroup> {
        let items = [
            acf_group(1, "group_a", on_posts()),
            acf_field(2, 1, 0, "venue", json!({ "type": "group" })),
            acf_field(3, 2, 0, "city", json!({ "type": "text", "required": 1 })),
            acf_field(4, 2, 1, "slots", json!({ "type": "repeater" })),
            acf_field(5, 4, 0, "at", json!({ "type": "time_picker" })),
            acf_field(6, 4, 1, "Room-No", json!({ "type": "number" })),
            acf_field(7, 1, 1, "people", json!({ "type": "repeater", "max": 2 })),
            acf_field(8, 7, 0, "name", json!({ "type": "text", "required": 1 })),
        ];
        groups(&items.iter().collect::<Vec<_>>()).expect("groups")
    }

    #[test]
    fn group_values_and_nested_repeaters_are_assembled() {
        let groups = nested_groups();
        let m = meta(&[
            ("venue", ""),
            ("_venue", "field_2"),
            ("venue_city", "Lyon"),
            ("_venue_city", "field_3"),
            ("venue_slots", "2"),
            ("_venue_slots", "field_4"),
            ("venue_slots_0_at", "09:00:00"),
            ("_venue_slots_0_at", "field_5"),
            ("venue_slots_0_Room-No", "12"),
            ("_venue_slots_0_Room-No", "field_6"),
            ("venue_slots_1_at", "14:00:00"),
            ("_venue_slots_1_at", "field_5"),
            ("venue_slots_1_Room-No", ""),
            ("_venue_slots_1_Room-No", "field_6"),
        ]);
        let (values, notes) = values_of(&groups, &m, &[]);
        assert_eq!(
            Value::Object(values.clone()),
            json!({ "venue": { "city": "Lyon", "slots": [
                { "at": "09:00:00", "room_no": 12 },
                { "at": "14:00:00" }
            ] } })
        );
        assert!(notes.is_empty(), "{notes:?}");
        assert_valid(&groups, &values);
    }

    #[test]
    fn incomplete_rows_and_groups_are_dropped_with_a_note() {
        let groups = nested_groups();
        let m = meta(&[
            ("venue_slots", "1"),
            ("venue_slots_0_at", "09:00:00"),
            ("people", "3"),
            ("people_0_name", "Ann"),
            ("people_1_name", ""),
            ("people_2_name", "Bo"),
        ]);
        let (values, notes) = values_of(&groups, &m, &[]);
        assert_eq!(
            Value::Object(values.clone()),
            json!({ "people": [{ "name": "Ann" }, { "name": "Bo" }] })
        );
        assert_eq!(
            notes,
            [
                "`venue`: dropped: `city` is required but has no value",
                "`people[1]`: row dropped: `name` is required but has no value",
            ]
        );
        assert_valid(&groups, &values);

        let m = meta(&[
            ("people", "3"),
            ("people_0_name", "A"),
            ("people_1_name", "B"),
            ("people_2_name", "C"),
        ]);
        let (values, notes) = values_of(&groups, &m, &[]);
        assert!(values.is_empty());
        assert_eq!(
            notes,
            ["`people`: dropped: `people` must have at most 2 rows"]
        );
        let (values, notes) = values_of(&groups, &meta(&[("people", "999")]), &[]);
        assert!(values.is_empty());
        assert_eq!(notes, ["`people`: dropped: `999` is not a row count"]);
    }

    #[test]
    fn renamed_fields_are_found_through_their_acf_key() {
        let g = one_group(&[
            ("Hero-Title", json!({ "type": "text" })),
            ("other", json!({ "type": "text" })),
        ]);
        let m = meta(&[
            ("Hero-Title", "Hello"),
            ("_Hero-Title", "field_2"),
            ("other", "x"),
        ]);
        let (values, notes) = values_of(std::slice::from_ref(&g), &m, &[]);
        assert_eq!(
            Value::Object(values),
            json!({ "hero_title": "Hello", "other": "x" })
        );
        assert!(notes.is_empty());
    }

    #[test]
    fn the_first_group_to_define_a_name_wins() {
        let a = one_group(&[("n", json!({ "type": "number" }))]);
        let b = one_group(&[
            ("n", json!({ "type": "text" })),
            ("t", json!({ "type": "text" })),
        ]);
        let m = meta(&[("n", "abc"), ("t", "x")]);
        let (values, notes) = values_of(&[a, b], &m, &[]);
        assert_eq!(Value::Object(values), json!({ "t": "x" }));
        assert_eq!(notes, ["`n`: dropped: `abc` is not a number"]);
    }

    #[test]
    fn repeated_meta_keys_read_the_first_value() {
        let g = one_group(&[("t", json!({ "type": "text" }))]);
        let (values, _) = values_of(
            std::slice::from_ref(&g),
            &meta(&[("t", "first"), ("t", "second")]),
            &[],
        );
        assert_eq!(values["t"], "first");
    }
}
