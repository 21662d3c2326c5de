//! Pages of a list: by number or after a keyset cursor, with or without the total.

use base64::Engine;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Asc,
    Desc,
}

impl Direction {
    pub(crate) fn sql(self) -> &'static str {
        match self {
            Direction::Asc => "ASC",
            Direction::Desc => "DESC",
        }
    }

    pub(crate) fn after(self) -> &'static str {
        match self {
            Direction::Asc => ">",
            Direction::Desc => "<",
        }
    }
}

/// Where a keyset page starts: after the item with this sort value and id.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Cursor {
    #[serde(rename = "k")]
    pub key: String,
    #[serde(rename = "d")]
    pub dir: Direction,
    #[serde(rename = "v")]
    pub value: serde_json::Value,
    #[serde(rename = "i")]
    pub id: i64,
}

impl Cursor {
    pub fn encode(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
    }

    pub fn decode(raw: &str) -> Option<Cursor> {
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(raw)
            .ok()?;
        serde_json::from_slice(&bytes).ok()
    }
}

#[derive(Debug, Clone)]
pub enum Paging {
    Page(u32),
    After(Cursor),
    /// Skip this many items (the WordPress-compatible API's `offset`).
    Skip(u32),
}

#[derive(Debug, Clone)]
pub struct Window {
    pub paging: Paging,
    pub per_page: u32,
    pub count: bool,
}

pub struct Listed<T> {
    pub items: Vec<T>,
    pub total: Option<i64>,
    pub next: Option<Cursor>,
}

impl<T> Listed<T> {
    /// The same page with each item turned into another form.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Listed<U> {
        Listed {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            next: self.next,
        }
    }
}

/// How to read one page of a list ordered by id alone (revisions, media, users, block
/// usages): a keyset on the id, or an offset for numbered pages.
#[derive(Debug, Clone, Copy)]
pub struct IdSeek {
    dir: Direction,
    /// Only ids after this one, in the list's direction.
    pub after: Option<i64>,
    /// Rows to read: one more than a page, to know whether another page follows.
    pub limit: i64,
    pub offset: i64,
    per_page: u32,
}

impl Window {
    /// How many items come before the page: none after a cursor.
    pub fn skip(&self) -> i64 {
        match self.paging {
            Paging::Page(n) => i64::from(n - 1) * i64::from(self.per_page),
            Paging::Skip(n) => i64::from(n),
            Paging::After(_) => 0,
        }
    }

    /// `(offset, limit)` of a list paged by number only (a log read newest first); a
    /// cursor is a 400 naming what the list holds.
    pub fn offset(&self, what: &str) -> Result<(i64, i64)> {
        if let Paging::After(_) = self.paging {
            return Err(Error::invalid_query(
                "cursor",
                format!("{what} are listed by page"),
            ));
        }
        Ok((self.skip(), i64::from(self.per_page)))
    }

    /// The page of a list ordered by id in `dir`; a cursor of another list is a 400.
    pub fn by_id(&self, dir: Direction) -> Result<IdSeek> {
        let after = match &self.paging {
            Paging::Page(_) | Paging::Skip(_) => None,
            Paging::After(c) if c.key == "id" && c.dir == dir => Some(c.id),
            Paging::After(_) => {
                return Err(Error::invalid_query(
                    "cursor",
                    "is not a cursor of this list",
                ));
            }
        };
        let offset = self.skip();
        Ok(IdSeek {
            dir,
            after,
            limit: i64::from(self.per_page) + 1,
            offset,
            per_page: self.per_page,
        })
    }
}

impl IdSeek {
    /// Narrows a Diesel query to the page: after the cursor's id, and at most `limit` rows
    /// from `offset`. The query must already be ordered by `id` in the list's direction.
    pub fn apply<Q, C>(&self, query: Q, id: C) -> Q
    where
        C: diesel::ExpressionMethods + diesel::Expression<SqlType = diesel::sql_types::BigInt>,
        Q: diesel::query_dsl::methods::FilterDsl<diesel::dsl::Gt<C, i64>, Output = Q>
            + diesel::query_dsl::methods::FilterDsl<diesel::dsl::Lt<C, i64>, Output = Q>
            + diesel::query_dsl::methods::LimitDsl<Output = Q>
            + diesel::query_dsl::methods::OffsetDsl<Output = Q>,
    {
        use diesel::query_dsl::methods::{FilterDsl, LimitDsl, OffsetDsl};
        let query = match (self.after, self.dir) {
            (None, _) => query,
            (Some(after), Direction::Asc) => FilterDsl::filter(query, id.gt(after)),
            (Some(after), Direction::Desc) => FilterDsl::filter(query, id.lt(after)),
        };
        OffsetDsl::offset(LimitDsl::limit(query, self.limit), self.offset)
    }

    /// The same narrowing, for hand-written SQL over `id_column` (appended after a WHERE).
    pub fn push_sql(&self, sql: &mut crate::db::sql::Sql, id_column: &str) {
        use crate::db::sql::Value;
        if let Some(after) = self.after {
            sql.push(&format!(" AND {id_column} {} ", self.dir.after()))
                .bind(Value::Int(after));
        }
        sql.push(&format!(" ORDER BY {id_column} {} LIMIT ", self.dir.sql()))
            .bind(Value::Int(self.limit))
            .push(" OFFSET ")
            .bind(Value::Int(self.offset));
    }

    /// The page from the rows read, with the cursor of the next page when there is one.
    pub fn finish<T>(
        &self,
        mut rows: Vec<T>,
        id: impl Fn(&T) -> i64,
        total: Option<i64>,
    ) -> Listed<T> {
        let more = rows.len() > self.per_page as usize;
        rows.truncate(self.per_page as usize);
        let next = rows.last().filter(|_| more).map(|last| Cursor {
            key: "id".into(),
            dir: self.dir,
            value: serde_json::json!(id(last)),
            id: id(last),
        });
        Listed {
            items: rows,
            total,
            next,
        }
    }
}
