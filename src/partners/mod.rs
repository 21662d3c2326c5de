//! Partners: sites that embed content with a key. A key lets the partner's origins
//! through CORS when the global setting is restrictive, and its requests are counted per
//! minute (in the database, so every node shares the count).

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use chrono::{NaiveDateTime, Timelike};
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::partners;
use crate::db::sql::{CountRow, Sql, Value};
use crate::error::{Error, FieldError, Result};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = partners)]
pub struct Partner {
    pub id: i64,
    pub name: String,
    pub key_prefix: String,
    pub key_hash: String,
    pub origins: String,
    pub quota_per_minute: i32,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Partner {
    pub fn origins(&self) -> Vec<String> {
        serde_json::from_str(&self.origins).unwrap_or_default()
    }
}

pub fn hash_key(key: &str) -> String {
    crate::hex::sha256(key.as_bytes())
}

fn new_key() -> String {
    let mut bytes = [0u8; 24];
    rand::fill(&mut bytes);
    format!("hp_{}", crate::hex::encode(&bytes))
}

/// What a partner is written with.
#[derive(Debug, Default)]
pub struct PartnerInput {
    pub name: Option<String>,
    pub origins: Option<Vec<String>>,
    pub quota_per_minute: Option<i32>,
    pub active: Option<bool>,
}

/// `https://partner.example.org` (scheme, host and optional port; no path).
fn check_origin(o: &str) -> std::result::Result<String, String> {
    let o = o.strip_suffix('/').unwrap_or(o);
    let rest = o
        .strip_prefix("https://")
        .or_else(|| o.strip_prefix("http://"))
        .ok_or_else(|| "must start with https:// or http://".to_owned())?;
    let ok = !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    if ok {
        Ok(o.to_ascii_lowercase())
    } else {
        Err("must be an origin: scheme, host and optional port, no path".to_owned())
    }
}

fn check(input: &PartnerInput, creating: bool) -> Result<(Option<String>, Option<Vec<String>>)> {
    let mut errors = Vec::new();
    let name = input.name.as_deref().map(str::trim).map(str::to_owned);
    match &name {
        Some(n) if n.is_empty() || n.chars().count() > 200 => {
            errors.push(FieldError::new("name", "must be 1 to 200 characters long"))
        }
        None if creating => errors.push(FieldError::new("name", "is required")),
        _ => {}
    }
    let origins = input.origins.as_ref().map(|list| {
        list.iter()
            .enumerate()
            .filter_map(|(i, o)| {
                check_origin(o)
                    .map_err(|m| errors.push(FieldError::new(format!("origins[{i}]"), m)))
                    .ok()
            })
            .collect::<Vec<_>>()
    });
    if input
        .quota_per_minute
        .is_some_and(|q| !(1..=1_000_000).contains(&q))
    {
        errors.push(FieldError::new(
            "quota_per_minute",
            "must be between 1 and 1000000",
        ));
    }
    if errors.is_empty() {
        Ok((name, origins))
    } else {
        Err(Error::Validation(errors))
    }
}

pub fn find(conn: &mut DbConn, id: i64) -> Result<Partner> {
    partners::table
        .find(id)
        .select(Partner::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| Error::not_found(format!("no partner with id {id}")))
}

pub fn list(conn: &mut DbConn) -> Result<Vec<Partner>> {
    Ok(partners::table
        .order(partners::id)
        .select(Partner::as_select())
        .load(conn)?)
}

/// Registers a partner; returns it with its key, which is shown this once only.
pub fn create(conn: &mut DbConn, input: PartnerInput) -> Result<(Partner, String)> {
    let (name, origins) = check(&input, true)?;
    let key = new_key();
    let hash = hash_key(&key);
    let now = crate::db::now();
    diesel::insert_into(partners::table)
        .values((
            partners::name.eq(name.unwrap_or_default()),
            partners::key_prefix.eq(&key[..10]),
            partners::key_hash.eq(&hash),
            partners::origins
                .eq(serde_json::to_string(&origins.unwrap_or_default()).map_err(Error::internal)?),
            partners::quota_per_minute.eq(input.quota_per_minute.unwrap_or(600)),
            partners::active.eq(input.active.unwrap_or(true)),
            partners::created_at.eq(now),
            partners::updated_at.eq(now),
        ))
        .execute(conn)?;
    let p = partners::table
        .filter(partners::key_hash.eq(&hash))
        .select(Partner::as_select())
        .first(conn)?;
    Ok((p, key))
}

pub fn update(conn: &mut DbConn, id: i64, input: PartnerInput) -> Result<Partner> {
    find(conn, id)?;
    let (name, origins) = check(&input, false)?;
    let target = partners::table.find(id);
    if let Some(n) = name {
        diesel::update(target)
            .set(partners::name.eq(n))
            .execute(conn)?;
    }
    if let Some(o) = origins {
        let json = serde_json::to_string(&o).map_err(Error::internal)?;
        diesel::update(target)
            .set(partners::origins.eq(json))
            .execute(conn)?;
    }
    if let Some(q) = input.quota_per_minute {
        diesel::update(target)
            .set(partners::quota_per_minute.eq(q))
            .execute(conn)?;
    }
    if let Some(a) = input.active {
        diesel::update(target)
            .set(partners::active.eq(a))
            .execute(conn)?;
    }
    diesel::update(target)
        .set(partners::updated_at.eq(crate::db::now()))
        .execute(conn)?;
    find(conn, id)
}

pub fn delete(conn: &mut DbConn, id: i64) -> Result<()> {
    find(conn, id)?;
    diesel::delete(partners::table.find(id)).execute(conn)?;
    Ok(())
}

/// The outcome of counting a keyed request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    pub limit: i64,
    pub used: i64,
    /// Seconds until the minute ends.
    pub reset: u64,
}

impl Usage {
    pub fn exceeded(&self) -> bool {
        self.used > self.limit
    }

    pub fn remaining(&self) -> i64 {
        (self.limit - self.used).max(0)
    }
}

/// Counts one request of the partner holding `key`; `None` for an unknown or inactive key.
pub fn count_request(conn: &mut DbConn, key: &str) -> Result<Option<Usage>> {
    let hash = hash_key(key);
    let Some(p) = partners::table
        .filter(partners::key_hash.eq(&hash))
        .filter(partners::active.eq(true))
        .select(Partner::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let now = crate::db::now();
    let window = now
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(now);
    let mut sql = Sql::new("INSERT INTO partner_usage (partner_id, window_start, count) VALUES (");
    sql.bind(Value::Int(p.id))
        .push(", ")
        .bind(Value::Time(window))
        .push(
            ", 1) ON CONFLICT (partner_id, window_start) \
             DO UPDATE SET count = partner_usage.count + 1 RETURNING count AS n",
        );
    let row: CountRow = sql.into_query().get_result(conn)?;
    // Old windows are of no use: drop them now and then.
    if row.n == 1 {
        use crate::db::schema::partner_usage;
        diesel::delete(
            partner_usage::table
                .filter(partner_usage::partner_id.eq(p.id))
                .filter(partner_usage::window_start.lt(window)),
        )
        .execute(conn)?;
    }
    Ok(Some(Usage {
        limit: i64::from(p.quota_per_minute),
        used: row.n,
        reset: 60 - u64::from(now.second()),
    }))
}

/// The partners' origins by key hash, as CORS needs them (it cannot wait for the
/// database): refreshed after every change on this node and every half minute.
#[derive(Debug, Default, Clone)]
pub struct OriginCache(Arc<RwLock<HashMap<String, Vec<String>>>>);

impl OriginCache {
    pub fn refresh(&self, conn: &mut DbConn) -> Result<()> {
        let map = list(conn)?
            .into_iter()
            .filter(|p| p.active)
            .map(|p| (p.key_hash.clone(), p.origins()))
            .collect();
        *self.0.write().unwrap_or_else(|e| e.into_inner()) = map;
        Ok(())
    }

    /// Does the partner holding `key` (or, for a preflight without it, any partner)
    /// list this origin?
    pub fn allows(&self, origin: &str, key: Option<&str>) -> bool {
        let map = self.0.read().unwrap_or_else(|e| e.into_inner());
        match key {
            Some(k) => map
                .get(&hash_key(k))
                .is_some_and(|o| o.iter().any(|x| x == origin)),
            None => map.values().flatten().any(|x| x == origin),
        }
    }
}
