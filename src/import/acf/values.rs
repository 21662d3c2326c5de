//! Values: the post meta ACF keeps on a content item, converted to that item's `fields`.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use serde_json::{Map, Value, json};

use super::MappedGroup;
use super::fields::{describe, field_name};
use super::php_values::{entries, parse_number, string};
use crate::content::fields::{self, FieldDef, FieldType};
use crate::import::php;

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
    use crate::import::acf::groups;
    use crate::import::acf::testing::{
        acf_field, acf_group, fixture, fixture_groups, on_posts, one_group, ser,
    };
    use crate::import::wxr::Item;

    fn by_id(items: &[Item], id: i64) -> &Item {
        items.iter().find(|i| i.post_id == id).expect("item")
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

    fn meta(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

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
