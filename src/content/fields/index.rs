//! The scalar values kept in the index for filtering and sorting on a field, and the filter
//! values a query string gives for them.

use serde_json::{Map, Value};

use super::defs::{FieldDef, FieldType};
use super::first_wins;
use super::formats::{choice, date, datetime, email, time, url};

/// Index rows keep this many characters of a text: 190 four-byte characters still fit the
/// 767-byte key prefix that the smallest portable index allows.
pub const INDEX_TEXT_LEN: usize = 190;

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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::content::fields::test_support::{all, def, input, obj, parse, refs};
    use crate::content::fields::view;

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
}
