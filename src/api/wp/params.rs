//! WordPress's query parameters: lists as `a,b` or `a[]=x&a[]=y`, integers and dates as
//! WordPress reads them; a bad value is a 400 naming the parameter (WordPress's
//! `rest_invalid_param`). Parameters WordPress clients send that mean nothing here
//! (`context=view`, `_locale`, `_wpnonce`, cache busters) are ignored.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use utoipa::IntoParams;

use crate::content::paging::{Paging, Window};
use crate::error::{Error, Result};

/// A request's query parameters.
#[derive(Debug, Default, Clone)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    pub fn parse(query: &str) -> Result<Params> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query)
            .map_err(|_| Error::invalid_query("query", "is not a valid query string"))?;
        if let Some((k, _)) = pairs
            .iter()
            .find(|(k, v)| k.contains('\0') || v.contains('\0'))
        {
            return Err(Error::invalid_query(
                k.replace('\0', ""),
                "must not contain NUL characters",
            ));
        }
        Ok(Params {
            pairs: pairs
                .into_iter()
                .map(|(k, v)| {
                    let k = match k.find('[') {
                        Some(at) => k[..at].to_owned(),
                        None => k,
                    };
                    (k, v)
                })
                .collect(),
        })
    }

    /// The last value of `name`, trimmed; empty counts as absent.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    pub fn has(&self, name: &str) -> bool {
        self.pairs.iter().any(|(k, _)| k == name)
    }

    /// Every value of `name`, comma lists split.
    pub fn list(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == name)
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// The ids `name` lists, `None` when it lists none; an id too large for any item
    /// names none, so a list of only such ids is `Some([])`.
    pub fn ids(&self, name: &str) -> Result<Option<Vec<i64>>> {
        let values = self.list(name);
        if values.is_empty() {
            return Ok(None); // absent, or empty: no filter
        }
        let mut ids = Vec::new();
        for v in values {
            if !v.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Error::invalid_query(
                    name,
                    format!("{name} is not of type array of integers."),
                ));
            }
            // An id too large for any item names none.
            if let Ok(id) = v.parse::<i64>() {
                ids.push(id);
            }
        }
        Ok(Some(ids))
    }

    pub fn int(&self, name: &str, min: i64, max: i64) -> Result<Option<i64>> {
        let Some(v) = self.get(name) else {
            if self.has(name) {
                return Err(Error::invalid_query(
                    name,
                    format!("{name} is not of type integer."),
                ));
            }
            return Ok(None);
        };
        let n: i64 = v
            .parse()
            .map_err(|_| Error::invalid_query(name, format!("{name} is not of type integer.")))?;
        if !(min..=max).contains(&n) {
            return Err(Error::invalid_query(
                name,
                format!("{name} must be between {min} ({min} included) and {max} ({max} included)"),
            ));
        }
        Ok(Some(n))
    }

    pub fn bool(&self, name: &str) -> Result<Option<bool>> {
        match self.get(name) {
            None if !self.has(name) => Ok(None),
            Some("1" | "true") => Ok(Some(true)),
            Some("0" | "false") => Ok(Some(false)),
            _ => Err(Error::invalid_query(
                name,
                format!("{name} is not of type boolean."),
            )),
        }
    }

    /// A date as WordPress takes it: ISO 8601, in the site's time zone unless it names an
    /// offset.
    pub fn date(&self, name: &str, zone: Tz) -> Result<Option<NaiveDateTime>> {
        let Some(v) = self.get(name) else {
            if self.has(name) {
                return Err(Error::invalid_query(name, "Invalid date."));
            }
            return Ok(None);
        };
        if let Ok(t) = DateTime::parse_from_rfc3339(v) {
            return Ok(Some(t.with_timezone(&Utc).naive_utc()));
        }
        let local = NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M:%S")
            .or_else(|_| NaiveDateTime::parse_from_str(v, "%Y-%m-%d %H:%M:%S"))
            .map_err(|_| Error::invalid_query(name, "Invalid date."))?;
        zone.from_local_datetime(&local)
            .earliest()
            .map(|t| Some(t.with_timezone(&Utc).naive_utc()))
            .ok_or_else(|| Error::invalid_query(name, "Invalid date."))
    }

    /// `asc` or `desc` (default).
    pub fn ascending(&self) -> Result<Option<bool>> {
        match self.get("order") {
            None => Ok(None),
            Some("asc") => Ok(Some(true)),
            Some("desc") => Ok(Some(false)),
            Some(_) => Err(Error::invalid_query(
                "order",
                "order is not one of asc, desc.",
            )),
        }
    }

    /// The page asked for: `page` and `per_page` (1 to 100, default 10), or `offset`.
    pub fn window(&self) -> Result<Window> {
        let per_page = self.int("per_page", 1, 100)?.unwrap_or(10) as u32;
        let page = self.int("page", 1, i64::from(u32::MAX / 128))?.unwrap_or(1) as u32;
        let paging = match self.int("offset", 0, i64::from(u32::MAX / 2))? {
            Some(n) => Paging::Skip(n as u32),
            None => Paging::Page(page),
        };
        Ok(Window {
            paging,
            per_page,
            count: true,
        })
    }
}

/// The parameters every list here takes.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct WpListParams {
    /// The page, from 1; past the last page is a 400 (`rest_post_invalid_page_number`).
    #[param(minimum = 1, maximum = 33554431)]
    page: Option<u32>,
    /// Items a page, 1 to 100 (default 10).
    #[param(minimum = 1, maximum = 100)]
    per_page: Option<u32>,
    /// Items to skip (instead of `page`).
    #[param(minimum = 0, maximum = 2147483647)]
    offset: Option<u32>,
    /// Words to search for.
    search: Option<String>,
    /// Only these ids (comma-separated, or `include[]=` repeated).
    #[param(pattern = "^([0-9]+(,[0-9]+)*)?$")]
    include: Option<String>,
    /// Not these ids.
    #[param(pattern = "^([0-9]+(,[0-9]+)*)?$")]
    exclude: Option<String>,
    /// Only these slugs.
    slug: Option<String>,
    /// `asc` or `desc`.
    #[param(pattern = "^(asc|desc)?$")]
    order: Option<String>,
    /// Keep only these members (comma-separated; `a.b`: only `b` within `a`).
    _fields: Option<String>,
}

/// The parameters of every list of posts, pages and resources here.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct WpContentParams {
    /// Only by these authors (WordPress user ids, comma-separated).
    #[param(pattern = "^([0-9]+(,[0-9]+)*)?$")]
    author: Option<String>,
    /// `date` (default), `modified`, `title`, `slug`, `id`, `include` (the order of
    /// `include`), `relevance` (with `search`), and for pages `menu_order`.
    #[param(pattern = "^(date|modified|title|slug|id|include|relevance|menu_order)?$")]
    orderby: Option<String>,
    /// Published after this time (ISO 8601; the site's zone unless it names an offset).
    #[param(format = DateTime)]
    after: Option<String>,
    /// Published before this time.
    #[param(format = DateTime)]
    before: Option<String>,
    /// Changed after this time.
    #[param(format = DateTime)]
    modified_after: Option<String>,
    /// Changed before this time.
    #[param(format = DateTime)]
    modified_before: Option<String>,
    /// `publish` (default), `future`, `draft`, `pending`, `private`, `trash` or `any`,
    /// comma-separated; other than `publish` needs a bearer token.
    #[param(
        pattern = "^((publish|future|draft|pending|private|trash|any)(,(publish|future|draft|pending|private|trash|any))*)?$"
    )]
    status: Option<String>,
    /// Embed the author, featured image and terms in `_embedded`.
    _embed: Option<String>,
}

/// Filters of posts.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct WpPostParams {
    /// Only in these categories (WordPress term ids, any of).
    #[param(pattern = "^([0-9]+(,[0-9]+)*)?$")]
    categories: Option<String>,
    /// Only with these tags (any of).
    #[param(pattern = "^([0-9]+(,[0-9]+)*)?$")]
    tags: Option<String>,
    /// Only sticky posts, or only the others.
    sticky: Option<bool>,
}

/// Filters of pages.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct WpPageParams {
    /// Only the children of these pages (WordPress ids, comma-separated; 0: the top
    /// level).
    #[param(pattern = "^([0-9]+(,[0-9]+)*)?$")]
    parent: Option<String>,
    /// Not the children of these pages (0: not the top level).
    #[param(pattern = "^([0-9]+(,[0-9]+)*)?$")]
    parent_exclude: Option<String>,
}

/// Filters of resources.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct WpResourceParams {
    /// Only with these tags (WordPress term ids, any of).
    #[param(pattern = "^([0-9]+(,[0-9]+)*)?$")]
    tags: Option<String>,
    /// Only of these resource types (any of).
    #[param(pattern = "^([0-9]+(,[0-9]+)*)?$")]
    resource_type: Option<String>,
}

/// Filters of events.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct WpEventParams {
    /// Only with these tags (WordPress term ids, any of).
    #[param(pattern = "^([0-9]+(,[0-9]+)*)?$")]
    tags: Option<String>,
    /// Only in these event categories (WordPress term ids, any of).
    #[param(pattern = "^([0-9]+(,[0-9]+)*)?$")]
    events_categories: Option<String>,
    /// Only with these event tags (tags here; WordPress term ids, any of).
    #[param(pattern = "^([0-9]+(,[0-9]+)*)?$")]
    events_tags: Option<String>,
}

/// The parameters of the search.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct WpSearchParams {
    /// The page, from 1; past the last page is a 400 (`rest_post_invalid_page_number`).
    #[param(minimum = 1, maximum = 33554431)]
    page: Option<u32>,
    /// Results a page, 1 to 100 (default 10).
    #[param(minimum = 1, maximum = 100)]
    per_page: Option<u32>,
    /// Words to search for (items: full text; terms: part of the name or slug).
    search: Option<String>,
    /// `post` (default: posts, pages, resources, events), `term`, or `post-format` (none
    /// here).
    #[param(rename = "type", pattern = "^(post|term|post-format)?$")]
    r#type: Option<String>,
    /// `any` (default), or post types and taxonomies (comma-separated): `post`, `page`,
    /// `resource`, `ai1ec_event`, `category`, `post_tag`, `resource_type`,
    /// `events_categories`, `events_tags`.
    subtype: Option<String>,
    /// Only these ids (comma-separated, or `include[]=` repeated).
    #[param(pattern = "^([0-9]+(,[0-9]+)*)?$")]
    include: Option<String>,
    /// Not these ids.
    #[param(pattern = "^([0-9]+(,[0-9]+)*)?$")]
    exclude: Option<String>,
    /// Keep only these members (comma-separated; `a.b`: only `b` within `a`).
    _fields: Option<String>,
    /// Embed each item (`_embedded.self`).
    _embed: Option<String>,
}

/// Filters of terms.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct WpTermParams {
    /// `name` (default), `slug`, `id`, `count` (published items) or `include` (the order
    /// of `include`).
    #[param(pattern = "^(name|slug|id|count|include)?$")]
    orderby: Option<String>,
    /// Only terms some public item has.
    hide_empty: Option<bool>,
    /// Only the children of this term (WordPress id; 0: the top level).
    #[param(minimum = 0)]
    parent: Option<i64>,
    /// Only the terms of these items (WordPress ids).
    #[param(pattern = "^([0-9]+(,[0-9]+)*)?$")]
    post: Option<String>,
}

/// Filters of users.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct WpUserParams {
    /// `name` (default), `slug` or `id`.
    #[param(pattern = "^(name|slug|id)?$")]
    orderby: Option<String>,
}

/// Filters of media.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct WpMediaParams {
    /// `date` (default) or `id`: both are the order files arrived in.
    #[param(pattern = "^(date|id)?$")]
    orderby: Option<String>,
    /// `image`, `file`, `application` or `text`.
    #[param(pattern = "^(image|file|application|text)?$")]
    media_type: Option<String>,
    /// A MIME type or its start (`image/`).
    #[param(pattern = "^[A-Za-z0-9/.+-]*$")]
    mime_type: Option<String>,
}

/// The parameters of one item here.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct WpItemParams {
    /// Keep only these members (comma-separated).
    _fields: Option<String>,
    /// Embed the linked objects (`author`, `wp:featuredmedia`, `wp:term`).
    _embed: Option<String>,
}
