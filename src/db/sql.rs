//! Hand-built SQL with numbered bind parameters (`$1, $2, ...` in order). Used where the
//! query's shape depends on the request (lists with optional filters, full-text search,
//! keyset cursors). It runs as a prepared statement the connection keeps, keyed by its
//! text: a list of a given shape is parsed and planned once per connection, not once per
//! request (diesel's own `sql_query` prepares every time).

use chrono::NaiveDateTime;
use diesel::query_builder::{AstPass, Query as DieselQuery, QueryFragment, QueryId};
use diesel::sql_types::{BigInt, Double, Text, Timestamp, Untyped};
use diesel::{QueryResult, RunQueryDsl};

use crate::db::DbConn;

pub type Backend = <DbConn as diesel::Connection>::Backend;

#[derive(Debug, Clone)]
pub enum Value {
    Text(String),
    Int(i64),
    Float(f64),
    Time(NaiveDateTime),
}

#[derive(Debug, Default, Clone)]
pub struct Sql {
    text: String,
    binds: Vec<Value>,
}

impl Sql {
    pub fn new(text: &str) -> Sql {
        Sql {
            text: text.to_owned(),
            binds: Vec::new(),
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends a placeholder for `value`.
    pub fn bind(&mut self, value: Value) -> &mut Self {
        self.binds.push(value);
        self.text.push('$');
        self.text.push_str(&self.binds.len().to_string());
        self
    }

    /// Appends `($n, $m, ...)` for a non-empty list.
    pub fn bind_list(&mut self, values: impl IntoIterator<Item = Value>) -> &mut Self {
        self.text.push('(');
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.bind(v);
        }
        self.text.push(')');
        self
    }

    /// Appends another fragment, renumbering its placeholders.
    pub fn append(&mut self, other: &Sql) -> &mut Self {
        let offset = self.binds.len();
        let mut chars = other.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
                let mut n = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    n.push(*d);
                    chars.next();
                }
                let n: usize = n.parse().unwrap_or(0);
                self.text.push('$');
                self.text.push_str(&(n + offset).to_string());
            } else {
                self.text.push(c);
            }
        }
        self.binds.extend(other.binds.iter().cloned());
        self
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The statement to run: the text between placeholders, each placeholder written by
    /// the backend (`?` on SQLite, `$n` on PostgreSQL) as its value is bound.
    pub fn into_query(self) -> Prepared {
        let mut pieces = Vec::with_capacity(self.binds.len() + 1);
        let mut current = String::new();
        let mut rest = self.text.as_str();
        while let Some(at) = rest.find('$') {
            let digits = rest[at + 1..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            current.push_str(&rest[..at]);
            if digits == 0 {
                // Not a placeholder (our SQL has no other `$`, but keep it whole).
                current.push('$');
            } else {
                pieces.push(std::mem::take(&mut current));
            }
            rest = &rest[at + 1 + digits..];
        }
        current.push_str(rest);
        pieces.push(current);
        Prepared {
            pieces,
            binds: self.binds,
        }
    }
}

/// A hand-built statement, cached by the connection once prepared.
pub struct Prepared {
    /// The text around the placeholders: one more piece than binds.
    pieces: Vec<String>,
    binds: Vec<Value>,
}

impl QueryId for Prepared {
    type QueryId = ();
    // Not static: the statement cache keys it by its text, which is what we want.
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl DieselQuery for Prepared {
    type SqlType = Untyped;
}

impl QueryFragment<Backend> for Prepared {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Backend>) -> QueryResult<()> {
        let mut pieces = self.pieces.iter();
        for value in &self.binds {
            if let Some(piece) = pieces.next() {
                out.push_sql(piece);
            }
            match value {
                Value::Text(s) => out.push_bind_param::<Text, _>(s)?,
                Value::Int(i) => out.push_bind_param::<BigInt, _>(i)?,
                Value::Float(f) => out.push_bind_param::<Double, _>(f)?,
                Value::Time(t) => out.push_bind_param::<Timestamp, _>(t)?,
            }
        }
        for piece in pieces {
            out.push_sql(piece);
        }
        Ok(())
    }
}

impl RunQueryDsl<DbConn> for Prepared {}

#[derive(Debug, diesel::QueryableByName)]
pub struct CountRow {
    #[diesel(sql_type = BigInt)]
    pub n: i64,
}

/// A row of one id (`SELECT ... AS id`).
#[derive(Debug, diesel::QueryableByName)]
pub struct IdRow {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn append_renumbers_placeholders() {
        let mut a = Sql::new("a = ");
        a.bind(Value::Int(1));
        let mut b = Sql::new(" AND b = ");
        b.bind(Value::Int(2))
            .push(" AND c IN ")
            .bind_list([Value::Int(3), Value::Int(4)]);
        a.append(&b);
        assert_eq!(a.text(), "a = $1 AND b = $2 AND c IN ($3, $4)");
        let prepared = a.into_query();
        assert_eq!(
            prepared.pieces,
            ["a = ", " AND b = ", " AND c IN (", ", ", ")"]
        );
        assert_eq!(prepared.binds.len(), 4);
    }
}
