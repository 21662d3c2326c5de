//! List parameters shared by every collection, the list envelope, and `Link` headers.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::content::paging::{Cursor, Direction, Listed, Paging, Window};
use crate::error::{Error, Result};

pub const DEFAULT_PER_PAGE: u32 = 20;
pub const MAX_PER_PAGE: u32 = 100;

#[derive(Debug, Clone, Copy, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum CountMode {
    /// Count the total (the default).
    Exact,
    /// Skip the total: cheaper for deep pages.
    None,
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    Asc,
    Desc,
}

impl From<Order> for Direction {
    fn from(o: Order) -> Direction {
        match o {
            Order::Asc => Direction::Asc,
            Order::Desc => Direction::Desc,
        }
    }
}

/// Paging parameters of every list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// 1-based page number; not with `cursor`, which suits deep lists better. Default: 1.
    #[param(minimum = 1, maximum = 1000000)]
    pub page: Option<u32>,
    /// Items per page. Default: 20.
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<u32>,
    /// Opaque keyset cursor from `meta.next_cursor`; continues the list after that item,
    /// with the same filters and order. Not with `page`.
    pub cursor: Option<String>,
    /// `none` leaves the total out (`meta.total`, `meta.total_pages`, `X-Total-Count`),
    /// which is cheaper for deep pages. Default: `exact`.
    #[param(inline)]
    pub count: Option<CountMode>,
}

impl PageParams {
    pub fn window(&self) -> Result<Window> {
        let per_page = self.per_page.unwrap_or(DEFAULT_PER_PAGE);
        if per_page == 0 || per_page > MAX_PER_PAGE {
            return Err(Error::invalid_query(
                "per_page",
                format!("must be between 1 and {MAX_PER_PAGE}"),
            ));
        }
        let paging = match (&self.cursor, self.page) {
            (Some(_), Some(_)) => {
                return Err(Error::invalid_query(
                    "cursor",
                    "cannot be combined with `page`",
                ));
            }
            (Some(c), None) => Paging::After(
                Cursor::decode(c)
                    .ok_or_else(|| Error::invalid_query("cursor", "is not a valid cursor"))?,
            ),
            (None, Some(0)) => return Err(Error::invalid_query("page", "must be 1 or more")),
            (None, Some(p)) if p > 1_000_000 => {
                return Err(Error::invalid_query(
                    "page",
                    "must be at most 1000000; use `cursor` for deep lists",
                ));
            }
            (None, p) => Paging::Page(p.unwrap_or(1)),
        };
        Ok(Window {
            paging,
            per_page,
            count: self.count != Some(CountMode::None),
        })
    }
}

/// Splits a comma-separated parameter into its non-empty parts.
pub fn split_list(raw: Option<&str>) -> Vec<String> {
    raw.map(|s| {
        s.split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect()
    })
    .unwrap_or_default()
}

/// `fields=id,title`: which top-level members to keep, checked against the known ones.
pub fn field_set(raw: Option<&str>, known: &[&str]) -> Result<Option<Vec<String>>> {
    let fields = split_list(raw);
    if fields.is_empty() {
        return Ok(None);
    }
    for f in &fields {
        if !known.contains(&f.as_str()) {
            return Err(Error::invalid_query(
                "fields",
                format!("`{f}` is not a member; known: {}", known.join(", ")),
            ));
        }
    }
    Ok(Some(fields))
}

/// `include=tags,author`: which relations to embed, checked against the known ones.
pub fn include_set(raw: Option<&str>, known: &[&str]) -> Result<Vec<String>> {
    let include = split_list(raw);
    for i in &include {
        if !known.contains(&i.as_str()) {
            return Err(Error::invalid_query(
                "include",
                format!("`{i}` cannot be included; known: {}", known.join(", ")),
            ));
        }
    }
    Ok(include)
}

/// Where a page stands in its list: how to get the next one, and (unless `count=none`)
/// how many items and pages there are.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListMeta {
    /// The 1-based page number; absent when the list was read with `cursor`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Items per page, as asked for with `per_page` (default 20).
    pub per_page: u32,
    /// Items matching the filters; absent with `count=none`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
    /// Pages of `per_page` items that `total` makes; absent with `count=none`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_pages: Option<i64>,
    /// Pass as `cursor` to get the items after this page; absent on the last page and on
    /// lists paged by number only (field groups, partners).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// A page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct List<T> {
    /// The items of this page, in the list's order.
    pub data: Vec<T>,
    /// Where this page is in the list.
    pub meta: ListMeta,
}

/// Keeps only the requested top-level members of a serialized item.
pub fn sparse<T: Serialize>(item: &T, fields: &[String]) -> serde_json::Value {
    match serde_json::to_value(item) {
        Ok(serde_json::Value::Object(mut map)) => {
            map.retain(|k, _| fields.iter().any(|f| f == k));
            serde_json::Value::Object(map)
        }
        Ok(other) => other,
        Err(_) => serde_json::Value::Null,
    }
}

/// JSON of a single item, sparse when `fields` was asked for.
pub fn item_response<T: Serialize>(
    status: actix_web::http::StatusCode,
    item: &T,
    fields: Option<&[String]>,
) -> HttpResponse {
    let body = match fields {
        Some(f) => serde_json::to_vec(&sparse(item, f)),
        None => serde_json::to_vec(item),
    };
    match body {
        Ok(body) => HttpResponse::build(status)
            .content_type("application/json")
            .body(body),
        Err(e) => actix_web::ResponseError::error_response(&Error::internal(e)),
    }
}

/// A page of a short collection held whole in memory (field groups, partners), which is
/// paged by number only.
pub fn page_in_memory<T, U>(
    all: Vec<T>,
    window: &Window,
    collection: &str,
    map: impl FnMut(T) -> U,
) -> Result<Listed<U>> {
    let (skip, _) = window.offset(collection)?;
    let total = all.len() as i64;
    let items = all
        .into_iter()
        .skip(skip as usize)
        .take(window.per_page as usize)
        .map(map)
        .collect();
    Ok(Listed {
        items,
        total: window.count.then_some(total),
        next: None,
    })
}

/// The list envelope with `Link` (first, prev, next, last) and `X-Total-Count` headers.
pub fn list_response<T: Serialize>(
    req: &HttpRequest,
    public_url: &str,
    listed: Listed<T>,
    window: &Window,
    fields: Option<&[String]>,
) -> HttpResponse {
    let mut body = ListBody::with_capacity(256 * listed.items.len());
    let written = match fields {
        Some(f) => {
            let data: Vec<serde_json::Value> = listed.items.iter().map(|i| sparse(i, f)).collect();
            serde_json::to_writer(body.data(), &data)
        }
        None => serde_json::to_writer(body.data(), &listed.items),
    };
    match written {
        Ok(()) => list_of_json(req, public_url, body, listed.total, listed.next, window),
        Err(e) => actix_web::ResponseError::error_response(&Error::internal(e)),
    }
}

/// The body of a list answer as it is written: `{"data":`, then the JSON array of the
/// items that the caller writes into [`ListBody::data`], then `meta`, which
/// [`list_of_json`] adds. One buffer from the first item to the last byte: the items are
/// never copied into an envelope.
pub struct ListBody(Vec<u8>);

impl ListBody {
    /// An empty body with room for `data` bytes of items.
    pub fn with_capacity(data: usize) -> ListBody {
        let mut body = Vec::with_capacity(data + 256);
        body.extend_from_slice(b"{\"data\":");
        ListBody(body)
    }

    /// Where the items' array is written.
    pub fn data(&mut self) -> &mut Vec<u8> {
        &mut self.0
    }
}

/// The longest query string whose list answers carry `Link` headers.
pub const MAX_LINKED_QUERY: usize = 4096;

/// The list envelope around items already written as a JSON array.
pub fn list_of_json(
    req: &HttpRequest,
    public_url: &str,
    body: ListBody,
    total: Option<i64>,
    next: Option<Cursor>,
    window: &Window,
) -> HttpResponse {
    let per_page = window.per_page;
    let total_pages = total.map(|t| (t + i64::from(per_page) - 1) / i64::from(per_page));
    let page = match window.paging {
        Paging::Page(n) => Some(n),
        Paging::After(_) | Paging::Skip(_) => None,
    };
    let next_cursor = next.as_ref().map(Cursor::encode);
    let meta = ListMeta {
        page,
        per_page,
        total,
        total_pages,
        next_cursor: next_cursor.clone(),
    };

    let mut links = Vec::new();
    // A query of thousands of values would be echoed four times in headers: past this
    // length the links are left out (`meta` still says where the next page is).
    let linkable = req.query_string().len() <= MAX_LINKED_QUERY;
    let link = |set: (&str, String), rel: &str| {
        format!("<{}>; rel=\"{rel}\"", url_with(req, public_url, set))
    };
    if linkable {
        links.push(link(("page", "1".into()), "first"));
        if let Some(n) = page {
            if n > 1 {
                links.push(link(("page", (n - 1).to_string()), "prev"));
            }
            if next.is_some() {
                links.push(link(("page", (n + 1).to_string()), "next"));
            }
        } else if let Some(c) = &next_cursor {
            links.push(link(("cursor", c.clone()), "next"));
        }
        if let Some(last) = total_pages {
            links.push(link(("page", last.max(1).to_string()), "last"));
        }
    }

    // `{"data":[...],"meta":{...}}`, as serde writes `List`.
    let meta = match serde_json::to_vec(&meta) {
        Ok(m) => m,
        Err(e) => return actix_web::ResponseError::error_response(&Error::internal(e)),
    };
    let mut body = body.0;
    body.extend_from_slice(b",\"meta\":");
    body.extend_from_slice(&meta);
    body.push(b'}');
    let mut res = HttpResponse::Ok();
    res.content_type("application/json");
    if linkable {
        res.insert_header((header::LINK, links.join(", ")));
    }
    if let Some(t) = total {
        res.insert_header(("X-Total-Count", t.to_string()));
    }
    res.body(body)
}

/// The request's URL with `page` and `cursor` replaced by one of them.
fn url_with(req: &HttpRequest, public_url: &str, (key, value): (&str, String)) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(req.query_string().as_bytes()) {
        if k != "page" && k != "cursor" {
            query.append_pair(&k, &v);
        }
    }
    query.append_pair(key, &value);
    format!("{public_url}{}?{}", req.path(), query.finish())
}
