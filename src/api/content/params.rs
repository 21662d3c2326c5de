//! The query parameters every content list and item takes, parsed into the domain's
//! filters.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value as Json;
use utoipa::IntoParams;

use crate::content::list::{EntryFilter, ListOrder, SortKey};
use crate::content::paging::Direction;
use crate::content::terms::Taxonomy;
use crate::content::{Status, Viewer};
use crate::error::{Error, Result};
use crate::http::list::{Order, split_list};

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum EntryOrderBy {
    PublishedAt,
    UpdatedAt,
    Title,
    Id,
    /// Best match first; only with `search` (and its default then).
    Relevance,
}

impl From<EntryOrderBy> for SortKey {
    fn from(o: EntryOrderBy) -> SortKey {
        match o {
            EntryOrderBy::PublishedAt => SortKey::PublishedAt,
            EntryOrderBy::UpdatedAt => SortKey::UpdatedAt,
            EntryOrderBy::Title => SortKey::Title,
            EntryOrderBy::Id => SortKey::Id,
            EntryOrderBy::Relevance => SortKey::Relevance,
        }
    }
}

/// A list's order: one of the kind's own keys, or `field.NAME`, a number, boolean or
/// single-valued text custom field.
#[derive(Debug, Clone, PartialEq)]
pub enum Sort<T> {
    Key(T),
    Field(String),
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Sort<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        if let Some(name) = raw.strip_prefix("field.") {
            return Ok(Sort::Field(name.to_owned()));
        }
        serde_json::from_value(Json::String(raw.clone()))
            .map(Sort::Key)
            .map_err(|_| {
                serde::de::Error::custom(format!("`{raw}` is not a sort order of this list"))
            })
    }
}

impl<T: Into<SortKey>> From<Sort<T>> for ListOrder {
    fn from(sort: Sort<T>) -> ListOrder {
        match sort {
            Sort::Key(k) => ListOrder::Key(k.into()),
            Sort::Field(f) => ListOrder::Field(f),
        }
    }
}

/// How a list of posts or resources may be ordered.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrderParams {
    /// Sort field (default `published_at`; `relevance` with `search`), or `field.NAME` for
    /// a number, boolean or single-valued text custom field (items with no value first
    /// in ascending order).
    #[param(
        value_type = Option<String>,
        pattern = "^(published_at|updated_at|title|id|relevance)$"
    )]
    pub orderby: Option<Sort<EntryOrderBy>>,
}

/// Filters and shaping that every content list takes. Custom fields filter as
/// `field.NAME=value` (comma-separated values: any of; numbers and booleans compare as such).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EntryParams {
    /// Full-text search over title, excerpt and content; best match first.
    #[param(max_length = 500)]
    pub search: Option<String>,
    /// Sort direction. Default: `asc` for `title`, `menu_order`, `starts_at` and
    /// `field.NAME`, `desc` for the others.
    #[param(inline)]
    pub order: Option<Order>,
    /// Slugs, comma-separated (any of).
    pub slug: Option<String>,
    /// Author ids, comma-separated (any of).
    #[param(pattern = "^$|^[1-9][0-9]{0,17}(,[1-9][0-9]{0,17})*$")]
    pub author: Option<String>,
    /// Only items whose `published_at` is after this instant (RFC 3339).
    pub published_after: Option<DateTime<Utc>>,
    /// Only items whose `published_at` is before this instant (RFC 3339); must be later
    /// than `published_after`.
    pub published_before: Option<DateTime<Utc>>,
    /// Statuses, comma-separated (`draft`, `pending`, `published`, `private`, `trash`, or
    /// `any` for all but trash). Needs a token for anything but `published` (401); authors
    /// get only their own items beyond what is public. Default: published items whose
    /// `published_at` has come.
    #[param(
        pattern = "^$|^(draft|pending|published|private|trash|any)(,(draft|pending|published|private|trash|any))*$"
    )]
    pub status: Option<String>,
    /// Sparse fieldset: top-level members to return, comma-separated.
    pub fields: Option<String>,
    /// Related objects to embed in `embedded`, comma-separated.
    pub include: Option<String>,
    /// Include reusable blocks' content in `content`; `false` leaves the references as they
    /// are stored. Default: `true`.
    pub resolve_blocks: Option<bool>,
}

/// Members to shape a single item.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemParams {
    /// Sparse fieldset: top-level members to return, comma-separated.
    pub fields: Option<String>,
    /// Related objects to embed in `embedded`, comma-separated.
    pub include: Option<String>,
    /// Include reusable blocks' content in `content`; `false` leaves the references as they
    /// are stored. Default: `true`.
    pub resolve_blocks: Option<bool>,
}

impl EntryParams {
    /// Parses the shared filters of a list; `terms` and `order` are the kind's own
    /// (`tag`, `category`, ... and `orderby`), `query` the whole query string, whose
    /// `field.NAME` parameters filter on custom fields.
    pub fn to_filter(
        &self,
        viewer: Viewer,
        terms: Vec<(Taxonomy, Vec<String>)>,
        order: Option<ListOrder>,
        query: &str,
    ) -> Result<EntryFilter> {
        let statuses = match self.status.as_deref().filter(|s| !s.trim().is_empty()) {
            None => None,
            Some(raw) => {
                let mut list = Vec::new();
                for s in split_list(Some(raw)) {
                    if s == "any" {
                        list.extend(Status::ALL.iter().copied().filter(|s| *s != Status::Trash));
                    } else {
                        list.push(Status::parse(&s).ok_or_else(|| {
                            Error::invalid_query("status", format!("`{s}` is not a status"))
                        })?);
                    }
                }
                if list.is_empty() {
                    return Err(Error::invalid_query("status", "names no status"));
                }
                let only_public = list.iter().all(|s| *s == Status::Published);
                if viewer == Viewer::Anonymous && !only_public {
                    return Err(Error::Unauthorized(
                        "sign in to list items that are not published".into(),
                    ));
                }
                Some(list)
            }
        };
        let authors = split_list(self.author.as_deref())
            .iter()
            .map(|a| a.parse::<i64>().ok().filter(|a| *a > 0))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| {
                Error::invalid_query("author", "must be user ids separated by commas")
            })?;
        let search = self
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        if search.as_ref().is_some_and(|s| s.chars().count() > 500) {
            return Err(Error::invalid_query(
                "search",
                "must be at most 500 characters long",
            ));
        }
        Ok(EntryFilter {
            statuses,
            slugs: split_list(self.slug.as_deref()),
            authors,
            published_after: self.published_after.map(|t| t.naive_utc()),
            published_before: self.published_before.map(|t| t.naive_utc()),
            search,
            terms,
            order,
            dir: self.order.map(Direction::from),
            fields: field_params(query)?,
        })
    }
}

/// The `field.NAME=value` parameters of a query string.
fn field_params(query: &str) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        if let Some(name) = k.strip_prefix("field.") {
            if v.contains('\0') {
                return Err(Error::invalid_query(
                    k.to_string(),
                    "must not contain NUL characters",
                ));
            }
            out.push((name.to_owned(), v.into_owned()));
        }
    }
    Ok(out)
}

/// Each taxonomy's slugs from comma-separated parameters, leaving out those not given.
pub fn term_filters<'a>(
    params: impl IntoIterator<Item = (Taxonomy, Option<&'a str>)>,
) -> Vec<(Taxonomy, Vec<String>)> {
    params
        .into_iter()
        .map(|(t, raw)| (t, split_list(raw)))
        .filter(|(_, slugs)| !slugs.is_empty())
        .collect()
}
