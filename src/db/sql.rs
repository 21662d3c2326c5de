//! Hand-built SQL with numbered bind parameters (`$1, $2, ...` in order), which both
//! SQLite and PostgreSQL accept. Used where the query's shape depends on the request
//! (lists with optional filters, full-text search, keyset cursors).

use chrono::NaiveDateTime;
use diesel::query_builder::{BoxedSqlQuery, SqlQuery};
use diesel::sql_types::{BigInt, Double, Text, Timestamp};

use crate::db::DbConn;

pub type Backend = <DbConn as diesel::Connection>::Backend;
pub type Query = BoxedSqlQuery<'static, Backend, SqlQuery>;

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

    pub fn into_query(self) -> Query {
        let mut q = diesel::sql_query(self.text).into_boxed::<Backend>();
        for v in self.binds {
            q = match v {
                Value::Text(s) => q.bind::<Text, _>(s),
                Value::Int(i) => q.bind::<BigInt, _>(i),
                Value::Float(f) => q.bind::<Double, _>(f),
                Value::Time(t) => q.bind::<Timestamp, _>(t),
            };
        }
        q
    }
}

#[derive(Debug, diesel::QueryableByName)]
pub struct CountRow {
    #[diesel(sql_type = BigInt)]
    pub n: i64,
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
    }
}
