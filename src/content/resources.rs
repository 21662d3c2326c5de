//! Resources: the library of guidance, standards and good practices, each with a summary,
//! one or more resource types, tags, a publisher, a language, and a link or a document.

use std::collections::HashMap;

use diesel::prelude::*;

use crate::content::Kind;
use crate::content::entry::Entry;
use crate::content::entry_media::{self, DOCUMENT};
use crate::content::field_groups::{GroupInput, Location};
use crate::content::html::{self, check_url};
use crate::content::kind::ContentKind;
use crate::content::list::EntryQuery;
use crate::db::DbConn;
use crate::db::schema::resource_details;
use crate::db::sql::{Sql, Value};
use crate::error::{Error, FieldError, Result};

pub struct Resources;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = resource_details)]
pub struct ResourceDetails {
    pub entry_id: i64,
    pub summary: String,
    pub publisher: String,
    pub language: String,
    pub external_url: String,
}

/// A resource's own part of a write, checked when it is made (`None` leaves a member as
/// it is).
#[derive(Debug, Default)]
pub struct ResourceChanges {
    summary: Option<String>,
    publisher: Option<String>,
    language: Option<String>,
    external_url: Option<String>,
    document: Option<Option<i64>>,
}

impl ResourceChanges {
    /// A change of some members: the summary becomes plain text, the language a
    /// normalised BCP 47 tag, the link an http(s) URL; lengths are checked.
    pub fn checked(
        summary: Option<String>,
        publisher: Option<String>,
        language: Option<String>,
        external_url: Option<String>,
        document: Option<Option<i64>>,
    ) -> Result<Self> {
        check(ResourceChanges {
            summary,
            publisher,
            language,
            external_url,
            document,
        })
    }

    /// Every member of a new resource (demo content, imports).
    pub fn new(
        summary: &str,
        publisher: &str,
        language: &str,
        external_url: &str,
        document: Option<i64>,
    ) -> Result<Self> {
        Self::checked(
            Some(summary.to_owned()),
            Some(publisher.to_owned()),
            Some(language.to_owned()),
            Some(external_url.to_owned()),
            Some(document),
        )
    }
}

/// Filters of resources only.
#[derive(Clone, Debug, Default)]
pub struct ResourceFilter {
    /// Normalised BCP 47 tags (any of).
    pub languages: Vec<String>,
    /// Publisher, exactly but ignoring case.
    pub publisher: Option<String>,
}

/// `en`, `pt-BR`, `zh-Hant-TW`: the language in lower case, a script in title case and
/// a region in upper case. `Err` for what is not a BCP 47 tag.
pub fn normalise_language(raw: &str) -> std::result::Result<String, String> {
    if raw.is_empty() {
        return Ok(String::new());
    }
    let mut out = Vec::new();
    for (i, part) in raw.split(['-', '_']).enumerate() {
        let ok =
            !part.is_empty() && part.len() <= 8 && part.chars().all(|c| c.is_ascii_alphanumeric());
        let language_ok =
            (2..=3).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphabetic());
        if !ok || (i == 0 && !language_ok) {
            return Err(format!(
                "`{raw}` is not a BCP 47 language tag such as `en` or `pt-BR`"
            ));
        }
        out.push(match (i, part.len()) {
            (0, _) => part.to_ascii_lowercase(),
            (_, 2) if part.chars().all(|c| c.is_ascii_alphabetic()) => part.to_ascii_uppercase(),
            (_, 4) if part.chars().all(|c| c.is_ascii_alphabetic()) => {
                let lower = part.to_ascii_lowercase();
                lower[..1].to_ascii_uppercase() + &lower[1..]
            }
            _ => part.to_ascii_lowercase(),
        });
    }
    Ok(out.join("-"))
}

fn check(c: ResourceChanges) -> Result<ResourceChanges> {
    let mut errors = Vec::new();
    let language = c.language.map(|l| {
        normalise_language(&l)
            .map_err(|m| errors.push(FieldError::new("language", m)))
            .unwrap_or_default()
    });
    let external_url = c.external_url.map(|u| {
        check_url(&u)
            .map_err(|m| errors.push(FieldError::new("external_url", m)))
            .unwrap_or_default()
    });
    let summary = c.summary.map(|s| html::text(&s));
    if summary.as_ref().is_some_and(|s| s.chars().count() > 2000) {
        errors.push(FieldError::new(
            "summary",
            "must be at most 2000 characters long",
        ));
    }
    let publisher = c.publisher.map(|p| p.trim().to_owned());
    if publisher.as_ref().is_some_and(|p| p.chars().count() > 300) {
        errors.push(FieldError::new(
            "publisher",
            "must be at most 300 characters long",
        ));
    }
    if errors.is_empty() {
        Ok(ResourceChanges {
            summary,
            publisher,
            language,
            external_url,
            document: c.document,
        })
    } else {
        Err(Error::Validation(errors))
    }
}

/// Refuses an explicitly empty list of resource types: a resource needs at least one.
pub fn types_required(types: Option<&Vec<i64>>) -> Result<()> {
    match types {
        Some(t) if t.is_empty() => Err(Error::invalid(
            "resource_types",
            "a resource needs at least one type",
        )),
        _ => Ok(()),
    }
}

impl ContentKind for Resources {
    const KIND: Kind = Kind::Resource;
    type Details = HashMap<i64, ResourceDetails>;
    type Changes = ResourceChanges;
    type Filter = ResourceFilter;

    fn load_details(conn: &mut DbConn, entries: &[Entry]) -> Result<Self::Details> {
        let ids: Vec<i64> = entries.iter().map(|e| e.id).collect();
        let rows: Vec<ResourceDetails> = resource_details::table
            .filter(resource_details::entry_id.eq_any(&ids))
            .select(ResourceDetails::as_select())
            .load(conn)?;
        Ok(rows.into_iter().map(|d| (d.entry_id, d)).collect())
    }

    fn save(conn: &mut DbConn, entry: &Entry, c: ResourceChanges, created: bool) -> Result<()> {
        if created {
            diesel::insert_into(resource_details::table)
                .values(ResourceDetails {
                    entry_id: entry.id,
                    summary: c.summary.unwrap_or_default(),
                    publisher: c.publisher.unwrap_or_default(),
                    language: c.language.unwrap_or_default(),
                    external_url: c.external_url.unwrap_or_default(),
                })
                .execute(conn)?;
        } else {
            let target = resource_details::table.find(entry.id);
            if let Some(v) = c.summary {
                diesel::update(target)
                    .set(resource_details::summary.eq(v))
                    .execute(conn)?;
            }
            if let Some(v) = c.publisher {
                diesel::update(target)
                    .set(resource_details::publisher.eq(v))
                    .execute(conn)?;
            }
            if let Some(v) = c.language {
                diesel::update(target)
                    .set(resource_details::language.eq(v))
                    .execute(conn)?;
            }
            if let Some(v) = c.external_url {
                diesel::update(target)
                    .set(resource_details::external_url.eq(v))
                    .execute(conn)?;
            }
        }
        if let Some(document) = c.document {
            entry_media::set(conn, entry.id, DOCUMENT, document, "document")?;
        }
        Ok(())
    }

    fn narrow(query: &mut EntryQuery, filter: ResourceFilter) {
        // Joined only for its filters: joined, it is where SQLite starts (all resources).
        if !filter.languages.is_empty() || filter.publisher.is_some() {
            query.join = Some(" JOIN resource_details x ON x.entry_id = e.id");
        }
        if !filter.languages.is_empty() {
            let mut c = Sql::new("x.language IN ");
            c.bind_list(filter.languages.into_iter().map(Value::Text));
            query.conditions.push(c);
        }
        if let Some(p) = filter.publisher {
            let mut c = Sql::new("LOWER(x.publisher) = ");
            c.bind(Value::Text(p.to_lowercase()));
            query.conditions.push(c);
        }
    }
}

/// The key of [`details_group`].
pub const DETAILS_GROUP: &str = "resource_details";

/// The real site's ACF group "Resource details" on resources, with these `countries` to
/// choose from (the demo's and `generate`'s, which imitate that site).
pub fn details_group(countries: &[&str]) -> GroupInput {
    GroupInput {
        key: Some(DETAILS_GROUP.into()),
        title: Some("Resource details".into()),
        fields: Some(serde_json::json!([
            {"name": "publication_year", "label": "Publication year", "type": "number",
             "min": 1900, "max": 2100, "step": 1},
            {"name": "countries", "label": "Countries", "type": "checkbox", "choices": countries},
            {"name": "is_featured", "label": "Featured", "type": "boolean", "default": false},
            {"name": "authors", "label": "Authors", "type": "repeater", "fields": [
                {"name": "name", "label": "Name", "type": "text", "required": true},
                {"name": "affiliation", "label": "Affiliation", "type": "text"}
            ]}
        ])),
        location: Some(Location {
            kinds: vec!["resources".into()],
            ..Default::default()
        }),
        position: Some(0),
        active: Some(true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_normalised_bcp47() {
        assert_eq!(normalise_language("EN").unwrap(), "en");
        assert_eq!(normalise_language("pt_br").unwrap(), "pt-BR");
        assert_eq!(normalise_language("zh-hant-tw").unwrap(), "zh-Hant-TW");
        assert_eq!(normalise_language("es-419").unwrap(), "es-419");
        for bad in ["english", "e", "en--GB", "1a", "en GB", "x-"] {
            assert!(normalise_language(bad).is_err(), "{bad}");
        }
    }
}
