//! WordPress's REST answers (`context=edit`) as the WXR import reads a site: authors,
//! terms and items with their post meta, so that sync and import share one mapping.
//! What the REST API does not carry as post meta is put back where an export has it:
//! `featured_media` as `_thumbnail_id`, `template` as `_wp_page_template`, `alt_text` as
//! `_wp_attachment_image_alt`, registered `meta`, and ACF's `acf` member as the meta ACF
//! stores (a repeater's row count and `name_0_sub` rows, arrays PHP-serialized).

use std::collections::HashMap;

use serde_json::Value;

use super::SyncError;
use crate::import::php;
use crate::import::wxr::{Author, Item, ItemTerm, Term};

/// What items refer to by id: users and terms.
#[derive(Default)]
pub struct Lookup {
    /// WordPress user id -> login.
    pub logins: HashMap<i64, String>,
    /// WordPress term id -> the term.
    pub terms: HashMap<i64, Term>,
    /// (taxonomy, its REST base) of the taxonomies headpress keeps.
    pub taxonomies: Vec<(String, String)>,
}

fn missing(what: &str, member: &str) -> SyncError {
    SyncError::Garbage(format!(
        "{what}: WordPress's answer has no `{member}`; is the site's REST API changed by a \
         plugin?"
    ))
}

pub fn id(v: &Value, what: &str) -> Result<i64, SyncError> {
    v["id"].as_i64().ok_or_else(|| missing(what, "id"))
}

fn text(v: &Value, member: &str) -> String {
    match &v[member] {
        Value::String(s) => s.clone(),
        // `context=edit` answers `{raw, rendered}`.
        Value::Object(o) => o
            .get("raw")
            .or_else(|| o.get("rendered"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        _ => String::new(),
    }
}

/// `2024-03-05T09:30:00` as an export writes it; null (a draft's GMT date) as WordPress's
/// zero date.
fn date(v: &Value) -> String {
    match v.as_str() {
        Some(s) => s.replacen('T', " ", 1),
        None => "0000-00-00 00:00:00".to_owned(),
    }
}

pub fn author(v: &Value) -> Result<Author, SyncError> {
    let login = v["username"]
        .as_str()
        .or_else(|| v["slug"].as_str())
        .ok_or_else(|| missing("a user", "username"))?;
    Ok(Author {
        id: id(v, "a user")?,
        login: login.to_owned(),
        email: text(v, "email"),
        display_name: text(v, "name"),
        first_name: text(v, "first_name"),
        last_name: text(v, "last_name"),
    })
}

/// The terms of one taxonomy, parents named by slug as an export names them.
pub fn terms(list: &[Value], taxonomy: &str) -> Result<Vec<Term>, SyncError> {
    let slugs: HashMap<i64, &str> = list
        .iter()
        .filter_map(|t| Some((t["id"].as_i64()?, t["slug"].as_str()?)))
        .collect();
    list.iter()
        .map(|t| {
            let what = format!("a `{taxonomy}` term");
            Ok(Term {
                id: id(t, &what)?,
                taxonomy: taxonomy.to_owned(),
                slug: t["slug"]
                    .as_str()
                    .ok_or_else(|| missing(&what, "slug"))?
                    .to_owned(),
                name: text(t, "name"),
                parent_slug: t["parent"]
                    .as_i64()
                    .and_then(|p| slugs.get(&p))
                    .map(|s| (*s).to_owned())
                    .unwrap_or_default(),
                description: text(t, "description"),
            })
        })
        .collect()
}

/// One post of any type (`context=edit`) as an export item.
pub fn item(v: &Value, lookup: &Lookup) -> Result<Item, SyncError> {
    let post_id = id(v, "an item")?;
    let what = format!("item {post_id}");
    let post_type = v["type"]
        .as_str()
        .ok_or_else(|| missing(&what, "type"))?
        .to_owned();
    let status = v["status"]
        .as_str()
        .ok_or_else(|| missing(&what, "status"))?
        .to_owned();
    let mut meta: Vec<(String, String)> = Vec::new();
    if let Some(m) = v["meta"].as_object() {
        for (k, value) in m {
            push_meta(&mut meta, k, value);
        }
    }
    if let Some(acf) = v["acf"].as_object() {
        for (k, value) in acf {
            push_meta(&mut meta, k, value);
        }
    }
    if let Some(media) = v["featured_media"].as_i64().filter(|m| *m > 0) {
        meta.push(("_thumbnail_id".into(), media.to_string()));
    }
    if let Some(t) = v["template"].as_str().filter(|t| !t.is_empty()) {
        meta.push(("_wp_page_template".into(), t.to_owned()));
    }
    if let Some(alt) = v["alt_text"].as_str().filter(|a| !a.is_empty()) {
        meta.push(("_wp_attachment_image_alt".into(), alt.to_owned()));
    }
    if let Some(file) = v["media_details"]["file"].as_str() {
        meta.push(("_wp_attached_file".into(), file.to_owned()));
    }
    let mut terms = Vec::new();
    for (taxonomy, base) in &lookup.taxonomies {
        for term_id in v[base.as_str()].as_array().into_iter().flatten() {
            if let Some(t) = term_id.as_i64().and_then(|i| lookup.terms.get(&i)) {
                terms.push(ItemTerm {
                    domain: taxonomy.clone(),
                    slug: t.slug.clone(),
                    name: t.name.clone(),
                });
            }
        }
    }
    let attachment = post_type == "attachment";
    let slug = v["slug"]
        .as_str()
        .filter(|s| !s.is_empty())
        .or_else(|| v["generated_slug"].as_str())
        .unwrap_or_default();
    Ok(Item {
        line: 0,
        post_id,
        title: text(v, "title"),
        link: text(v, "link"),
        guid: text(v, "guid"),
        creator: v["author"]
            .as_i64()
            .and_then(|a| lookup.logins.get(&a))
            .cloned()
            .unwrap_or_default(),
        // An attachment's description and caption are its content and excerpt.
        content: text(v, if attachment { "description" } else { "content" }),
        excerpt: text(v, if attachment { "caption" } else { "excerpt" }),
        post_date: date(&v["date"]),
        post_date_gmt: date(&v["date_gmt"]),
        modified: date(&v["modified"]),
        modified_gmt: date(&v["modified_gmt"]),
        status,
        post_name: slug.to_owned(),
        post_parent: v["parent"].as_i64().or(v["post"].as_i64()).unwrap_or(0),
        menu_order: v["menu_order"].as_i64().unwrap_or(0),
        post_password: text(v, "password"),
        is_sticky: v["sticky"].as_bool().unwrap_or(false),
        attachment_url: text(v, "source_url"),
        terms,
        meta,
        comments: 0,
        post_type,
    })
}

/// A meta value as WordPress stores it: scalars as text, lists and maps PHP-serialized;
/// ACF's repeater rows (a list of maps) as a row count and `name_i_sub` members, a
/// group (a map) as `name_sub` members as well.
fn push_meta(meta: &mut Vec<(String, String)>, key: &str, value: &Value) {
    match value {
        Value::Null => {}
        Value::Bool(b) => meta.push((key.to_owned(), if *b { "1" } else { "0" }.to_owned())),
        Value::Number(n) => meta.push((key.to_owned(), n.to_string())),
        Value::String(s) => meta.push((key.to_owned(), s.clone())),
        Value::Array(rows) if !rows.is_empty() && rows.iter().all(Value::is_object) => {
            meta.push((key.to_owned(), rows.len().to_string()));
            for (i, row) in rows.iter().enumerate() {
                for (sub, v) in row.as_object().into_iter().flatten() {
                    push_meta(meta, &format!("{key}_{i}_{sub}"), v);
                }
            }
        }
        Value::Array(list) => {
            // Ids and choices are stored as text, as ACF writes them.
            let list: Vec<Value> = list
                .iter()
                .map(|v| match v {
                    Value::Number(n) => Value::String(n.to_string()),
                    other => other.clone(),
                })
                .collect();
            meta.push((key.to_owned(), php::serialize(&Value::Array(list))));
        }
        Value::Object(members) => {
            meta.push((key.to_owned(), php::serialize(value)));
            for (sub, v) in members {
                push_meta(meta, &format!("{key}_{sub}"), v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_item_reads_as_an_export_item() {
        let mut lookup = Lookup::default();
        lookup.logins.insert(4, "nadia".into());
        lookup.terms.insert(
            28,
            Term {
                id: 28,
                taxonomy: "post_tag".into(),
                slug: "forced-labour".into(),
                name: "Forced labour".into(),
                ..Term::default()
            },
        );
        lookup.taxonomies = vec![("post_tag".into(), "tags".into())];
        let v = json!({
            "id": 1233, "type": "ai1ec_event", "status": "draft", "author": 4,
            "date": "2024-11-12T01:01:37", "date_gmt": null,
            "modified": "2024-11-12T01:01:37", "modified_gmt": "2024-11-12T01:01:37",
            "slug": "", "generated_slug": "training",
            "title": {"raw": "Training &amp; more", "rendered": "x"},
            "content": {"raw": "<!-- wp:paragraph --><p>Hi</p><!-- /wp:paragraph -->"},
            "excerpt": {"raw": ""}, "featured_media": 12, "tags": [28, 99],
            "meta": {"start": "2025-01-10T09:30:00", "all_day": false},
            "acf": {"speakers": [{"name": "Tomás", "role": "Chair"}], "related": [1109, 1146],
                    "registration_url": null}
        });
        let item = item(&v, &lookup).unwrap();
        assert_eq!(item.post_id, 1233);
        assert_eq!(item.creator, "nadia");
        assert_eq!(item.post_name, "training");
        assert_eq!(item.post_date, "2024-11-12 01:01:37");
        assert_eq!(item.post_date_gmt, "0000-00-00 00:00:00");
        assert_eq!(item.title, "Training &amp; more");
        assert_eq!(item.terms.len(), 1, "unknown term ids are left out");
        assert_eq!(item.terms[0].slug, "forced-labour");
        let meta: HashMap<&str, &str> = item
            .meta
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(meta["start"], "2025-01-10T09:30:00");
        assert_eq!(meta["all_day"], "0");
        assert_eq!(meta["speakers"], "1");
        assert_eq!(meta["speakers_0_role"], "Chair");
        assert_eq!(
            php::unserialize(meta["related"]).unwrap(),
            json!(["1109", "1146"])
        );
        assert_eq!(meta["_thumbnail_id"], "12");
        assert!(!meta.contains_key("registration_url"));
    }

    #[test]
    fn an_answer_without_what_every_item_has_is_refused() {
        let err = item(&json!({"id": 5, "type": "post"}), &Lookup::default()).unwrap_err();
        assert!(err.to_string().contains("`status`"), "{err}");
        let err = terms(&[json!({"id": 5})], "category").unwrap_err();
        assert!(err.to_string().contains("`slug`"), "{err}");
    }
}
