//! Resources: the library of guidance, standards and good practices, each with a summary,
//! one or more resource types, tags, a publisher, a language, and a link or a document.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::content::entry::{Entry, EntryInput};
use crate::content::entry_media::FEATURED;
use crate::content::html::check_url;
use crate::content::terms::Taxonomy;
use crate::content::{Kind, Status, html};
use crate::db::DbConn;
use crate::db::schema::resource_details;
use crate::db::sql::{Sql, Value};
use crate::error::{Error, FieldError, Result};
use crate::http::auth::MaybeUser;
use crate::http::extract::Query;
use crate::http::list::{List, PageParams, split_list};
use serde_json::{Map, Value as Json};

use crate::kinds::common::{
    ContentInput, Embedded, EntryCore, EntryParams, OrderParams, Related, ResourceFields,
    ResourceFieldsCreate, ResourceFieldsUpdate, Sort, content_source,
};
use crate::kinds::handlers::{self as h, ContentKind};
use crate::state::State;

/// The `entry_media` role of a resource's downloadable file.
pub const DOCUMENT: &str = "document";

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

/// A resource of the library.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResourceResponse {
    #[serde(flatten)]
    pub core: EntryCore,
    /// Custom field values, typed by the field groups that apply (every field is present:
    /// its value, its default, or null).
    #[schema(value_type = ResourceFields)]
    pub fields: Map<String, Json>,
    /// A short plain-text summary.
    pub summary: String,
    /// Resource type ids (one or more).
    pub resource_types: Vec<i64>,
    /// Tag ids.
    pub tags: Vec<i64>,
    pub publisher: String,
    /// BCP 47 language tag (`en`, `pt-BR`), or empty.
    pub language: String,
    /// Where to read more, or empty.
    pub external_url: String,
    /// The downloadable file's media id.
    pub document: Option<i64>,
    /// The featured image's media id.
    pub featured_media: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embedded: Option<Embedded>,
}

/// A new resource.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateResourceRequest {
    #[schema(min_length = 1, max_length = 1000, pattern = "\\S")]
    pub title: String,
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 190)]
    pub slug: Option<String>,
    /// Default `draft`.
    pub status: Option<Status>,
    pub excerpt: Option<String>,
    pub content: Option<ContentInput>,
    /// Custom field values, checked against the field groups that apply.
    #[schema(value_type = Option<ResourceFieldsCreate>)]
    pub fields: Option<Map<String, Json>>,
    pub published_at: Option<DateTime<Utc>>,
    #[schema(minimum = 1)]
    pub author: Option<i64>,
    #[schema(max_length = 2000)]
    pub summary: Option<String>,
    /// Resource type ids: one or more.
    #[schema(min_items = 1)]
    pub resource_types: Vec<i64>,
    pub tags: Option<Vec<i64>>,
    #[schema(max_length = 300)]
    pub publisher: Option<String>,
    #[schema(pattern = "^$|^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$")]
    pub language: Option<String>,
    #[schema(
        pattern = "^$|^https?://[^/\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff][^\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff]*$",
        max_length = 2000
    )]
    pub external_url: Option<String>,
    /// The downloadable file's media id.
    pub document: Option<i64>,
    pub featured_media: Option<i64>,
}

/// Changes to a resource; `document: null` or `featured_media: null` removes them.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateResourceRequest {
    #[schema(min_length = 1, max_length = 1000, pattern = "\\S")]
    pub title: Option<String>,
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 190)]
    pub slug: Option<String>,
    pub status: Option<Status>,
    pub excerpt: Option<String>,
    pub content: Option<ContentInput>,
    /// Custom field values to change (others stay); `null` removes a value.
    #[schema(value_type = Option<ResourceFieldsUpdate>)]
    pub fields: Option<Map<String, Json>>,
    pub published_at: Option<DateTime<Utc>>,
    #[schema(minimum = 1)]
    pub author: Option<i64>,
    #[schema(max_length = 2000)]
    pub summary: Option<String>,
    #[schema(min_items = 1)]
    pub resource_types: Option<Vec<i64>>,
    pub tags: Option<Vec<i64>>,
    #[schema(max_length = 300)]
    pub publisher: Option<String>,
    #[schema(pattern = "^$|^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$")]
    pub language: Option<String>,
    #[schema(
        pattern = "^$|^https?://[^/\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff][^\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff]*$",
        max_length = 2000
    )]
    pub external_url: Option<String>,
    #[serde(default, deserialize_with = "crate::kinds::common::double_option")]
    #[schema(value_type = Option<i64>)]
    pub document: Option<Option<i64>>,
    #[serde(default, deserialize_with = "crate::kinds::common::double_option")]
    #[schema(value_type = Option<i64>)]
    pub featured_media: Option<Option<i64>>,
}

#[derive(Debug, Default)]
pub struct ResourceChanges {
    summary: Option<String>,
    publisher: Option<String>,
    language: Option<String>,
    external_url: Option<String>,
    document: Option<Option<i64>>,
}

/// Filters of resources only.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResourceFilters {
    /// Resource type slugs, comma-separated (any of).
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub resource_type: Option<String>,
    /// Tag slugs, comma-separated (any of).
    pub tag: Option<String>,
    /// BCP 47 language tags, comma-separated (any of).
    #[param(
        pattern = "^$|^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*(,[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*)*$"
    )]
    pub language: Option<String>,
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

impl ResourceChanges {
    /// Checked values for a new resource (demo content, imports).
    pub fn new(
        summary: &str,
        publisher: &str,
        language: &str,
        external_url: &str,
        document: Option<i64>,
    ) -> Result<Self> {
        check_changes(ResourceChanges {
            summary: Some(summary.to_owned()),
            publisher: Some(publisher.to_owned()),
            language: Some(language.to_owned()),
            external_url: Some(external_url.to_owned()),
            document: Some(document),
        })
    }
}

fn check_changes(c: ResourceChanges) -> Result<ResourceChanges> {
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

fn types_required(types: Option<&Vec<i64>>) -> Result<()> {
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
    const INCLUDES: &'static [&'static str] = &[
        "fields",
        "resource_types",
        "tags",
        "document",
        "featured_media",
        "author",
    ];
    const MEMBERS: &'static [&'static str] = &[
        "id",
        "slug",
        "status",
        "title",
        "excerpt",
        "content",
        "author",
        "summary",
        "resource_types",
        "tags",
        "publisher",
        "language",
        "external_url",
        "document",
        "featured_media",
        "fields",
        "published_at",
        "created_at",
        "updated_at",
        "embedded",
    ];
    type Item = ResourceResponse;
    type Details = HashMap<i64, ResourceDetails>;
    type Changes = ResourceChanges;

    fn load_details(conn: &mut DbConn, entries: &[Entry]) -> Result<Self::Details> {
        let ids: Vec<i64> = entries.iter().map(|e| e.id).collect();
        let rows: Vec<ResourceDetails> = resource_details::table
            .filter(resource_details::entry_id.eq_any(&ids))
            .select(ResourceDetails::as_select())
            .load(conn)?;
        Ok(rows.into_iter().map(|d| (d.entry_id, d)).collect())
    }

    fn item(e: Entry, related: &Related, details: &Self::Details) -> ResourceResponse {
        let d = details.get(&e.id);
        let text = |f: fn(&ResourceDetails) -> &String| d.map(|d| f(d).clone()).unwrap_or_default();
        ResourceResponse {
            summary: text(|d| &d.summary),
            publisher: text(|d| &d.publisher),
            language: text(|d| &d.language),
            external_url: text(|d| &d.external_url),
            resource_types: related.term_ids(e.id, Taxonomy::ResourceType),
            tags: related.term_ids(e.id, Taxonomy::Tag),
            document: related.media_id(e.id, DOCUMENT),
            featured_media: related.media_id(e.id, FEATURED),
            embedded: related.embedded(&e),
            fields: related.fields(e.id),
            core: related.core(e),
        }
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
            crate::content::entry_media::set(conn, entry.id, DOCUMENT, document, "document")?;
        }
        Ok(())
    }

    fn before_delete(_: &mut DbConn, _: &Entry, _: bool) -> Result<()> {
        Ok(())
    }
}

fn terms(types: Option<Vec<i64>>, tags: Option<Vec<i64>>) -> Vec<(Taxonomy, Vec<i64>)> {
    [(Taxonomy::ResourceType, types), (Taxonomy::Tag, tags)]
        .into_iter()
        .filter_map(|(t, ids)| ids.map(|ids| (t, ids)))
        .collect()
}

impl TryFrom<CreateResourceRequest> for (EntryInput, ResourceChanges) {
    type Error = Error;

    fn try_from(r: CreateResourceRequest) -> Result<Self> {
        types_required(Some(&r.resource_types))?;
        let changes = check_changes(ResourceChanges {
            summary: r.summary,
            publisher: r.publisher,
            language: r.language,
            external_url: r.external_url,
            document: r.document.map(Some),
        })?;
        let input = EntryInput {
            title: Some(r.title),
            slug: r.slug,
            status: r.status,
            excerpt: r.excerpt,
            content: content_source(r.content)?,
            published_at: r.published_at.map(|t| t.naive_utc()),
            author_id: r.author,
            terms: terms(Some(r.resource_types), r.tags),
            featured_media: r.featured_media.map(Some),
            fields: r.fields,
            sticky: None,
        };
        Ok((input, changes))
    }
}

impl TryFrom<UpdateResourceRequest> for (EntryInput, ResourceChanges) {
    type Error = Error;

    fn try_from(r: UpdateResourceRequest) -> Result<Self> {
        types_required(r.resource_types.as_ref())?;
        let changes = check_changes(ResourceChanges {
            summary: r.summary,
            publisher: r.publisher,
            language: r.language,
            external_url: r.external_url,
            document: r.document,
        })?;
        let input = EntryInput {
            title: r.title,
            slug: r.slug,
            status: r.status,
            excerpt: r.excerpt,
            content: content_source(r.content)?,
            published_at: r.published_at.map(|t| t.naive_utc()),
            author_id: r.author,
            terms: terms(r.resource_types, r.tags),
            featured_media: r.featured_media,
            fields: r.fields,
            sticky: None,
        };
        Ok((input, changes))
    }
}

/// Lists the resources you may see, filtered by type, tag, language or publisher.
#[utoipa::path(
    tag = "resources",
    params(PageParams, EntryParams, OrderParams, ResourceFilters),
    responses((status = 200, description = "A page of resources", body = List<ResourceResponse>,
        headers(("Link" = String, description = "RFC 8288 first, prev, next, last"),
                ("X-Total-Count" = i64, description = "Items matching the filters")))),
    security((), ("bearer" = []))
)]
#[get("/resources")]
pub async fn list_resources(
    req: HttpRequest,
    state: State,
    user: MaybeUser,
    page: Query<PageParams>,
    params: Query<EntryParams>,
    order: Query<OrderParams>,
    filters: Query<ResourceFilters>,
) -> Result<HttpResponse> {
    let f = filters.0;
    let terms = [
        (Taxonomy::ResourceType, &f.resource_type),
        (Taxonomy::Tag, &f.tag),
    ]
    .into_iter()
    .map(|(t, raw)| (t, split_list(raw.as_deref())))
    .filter(|(_, slugs)| !slugs.is_empty())
    .collect();
    let mut conditions = Vec::new();
    let languages = split_list(f.language.as_deref())
        .iter()
        .map(|l| normalise_language(l))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|m| Error::invalid_query("language", m))?;
    if !languages.is_empty() {
        let mut c = Sql::new("x.language IN ");
        c.bind_list(languages.into_iter().map(Value::Text));
        conditions.push(c);
    }
    if let Some(p) = f
        .publisher
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let mut c = Sql::new("LOWER(x.publisher) = ");
        c.bind(Value::Text(p.to_lowercase()));
        conditions.push(c);
    }
    let (orderby, sort_field) = Sort::split(order.0.orderby);
    h::list_items::<Resources>(
        req,
        state,
        user,
        page.0,
        params.0,
        h::KindFilters {
            terms,
            orderby,
            sort_field,
        },
        move |q| {
            q.join = Some(" JOIN resource_details x ON x.entry_id = e.id");
            q.conditions = conditions;
        },
    )
    .await
}

crate::kinds::handlers::item_routes! {
    kind: Resources,
    tag: "resources",
    item: ResourceResponse,
    create: CreateResourceRequest,
    update: UpdateResourceRequest,
    collection_path: "/resources",
    item_path: "/resources/{id}",
    revisions_path: "/resources/{id}/revisions",
    id: "Resource id",
    get: get_resource = "One resource by id.",
    create_fn: create_resource = "Creates a resource.",
    update_fn: update_resource = "Changes a resource.",
    delete_fn: delete_resource = "Moves a resource to the trash, or deletes it for good with `force=true`.",
    revisions_fn: list_resource_revisions = "The revisions of a resource, newest first (editors and the resource's author).",
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
