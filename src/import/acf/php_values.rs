//! Reading PHP values: ACF's unserialized settings and meta taken as PHP takes them, and the
//! settings that name file types and post types.

use std::collections::HashSet;

use serde_json::{Number, Value, json};

/// WordPress post types and the headpress collections they become.
const COLLECTIONS: [(&str, &str); 4] = [
    ("post", "posts"),
    ("page", "pages"),
    ("resource", "resources"),
    ("ai1ec_event", "events"),
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

/// PHP's idea of true: `1`, `true`, `"1"`, a non-empty array.
pub(super) fn truthy(v: Option<&Value>) -> bool {
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
pub(super) fn string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A number given as a number or a numeric string; integers stay integers.
pub(super) fn number(v: Option<&Value>) -> Option<Number> {
    match v? {
        Value::Number(n) => Some(n.clone()),
        Value::String(s) => parse_number(s),
        _ => None,
    }
}

pub(super) fn parse_number(s: &str) -> Option<Number> {
    let s = s.trim();
    s.parse::<i64>()
        .map(Number::from)
        .ok()
        .or_else(|| s.parse::<f64>().ok().and_then(Number::from_f64))
}

/// A positive whole number; ACF's `0` and `""` mean "no limit".
pub(super) fn count(v: Option<&Value>) -> Option<u64> {
    number(v).and_then(|n| n.as_u64()).filter(|n| *n > 0)
}

/// The members of a PHP array, keys as text (a list's keys are its indices).
pub(super) fn entries(v: &Value) -> Vec<(String, &Value)> {
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
pub(super) fn strings(v: &Value) -> Vec<String> {
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
pub(super) fn choices(v: Option<&Value>) -> Vec<Value> {
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
pub(super) fn mime_types(
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
pub(super) fn kinds(v: Option<&Value>, what: &str, notes: &mut Vec<String>) -> Option<Vec<String>> {
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

pub(super) fn collection(post_type: &str) -> Option<&'static str> {
    COLLECTIONS
        .iter()
        .find(|(t, _)| *t == post_type)
        .map(|(_, c)| *c)
}
