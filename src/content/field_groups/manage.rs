//! Defining field groups: keys, titles, fields and locations checked; creating, changing
//! and deleting them re-indexes the items they apply to.

use diesel::prelude::*;

use serde_json::Value;

use super::values::reindex;
use super::{Group, GroupRow, Location};
use crate::content::Kind;
use crate::content::fields;
use crate::db::DbConn;
use crate::db::schema::field_groups;
use crate::error::{Error, FieldError, Result};

/// A group as written by a client.
#[derive(Debug)]
pub struct GroupInput {
    pub key: Option<String>,
    pub title: Option<String>,
    pub fields: Option<Value>,
    pub location: Option<Location>,
    pub position: Option<i32>,
    pub active: Option<bool>,
}

fn check_key(key: &str) -> std::result::Result<String, FieldError> {
    let ok = !key.is_empty()
        && key.len() <= 100
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if ok {
        Ok(key.to_owned())
    } else {
        Err(FieldError::new(
            "key",
            "must be 1 to 100 lower-case letters, digits, `_` or `-`",
        ))
    }
}

fn check_title(title: &str) -> std::result::Result<String, FieldError> {
    let t = title.trim();
    if t.is_empty() || t.chars().count() > 200 {
        Err(FieldError::new("title", "must be 1 to 200 characters long"))
    } else {
        Ok(t.to_owned())
    }
}

fn kinds_of(location: &Location) -> Vec<Kind> {
    location
        .kinds
        .iter()
        .filter_map(|k| Kind::from_collection(k))
        .collect()
}

fn key_taken(conn: &mut DbConn, key: &str, except: Option<i64>) -> Result<bool> {
    let mut q = field_groups::table
        .filter(field_groups::key.eq(key))
        .select(field_groups::id)
        .into_boxed();
    if let Some(id) = except {
        q = q.filter(field_groups::id.ne(id));
    }
    Ok(q.first::<i64>(conn).optional()?.is_some())
}

pub fn find(conn: &mut DbConn, id: i64) -> Result<Group> {
    field_groups::table
        .find(id)
        .select(GroupRow::as_select())
        .first(conn)
        .optional()?
        .map(Group::from)
        .ok_or_else(|| Error::not_found(format!("no field group with id {id}")))
}

/// Every group, active or not, in order.
pub fn list(conn: &mut DbConn) -> Result<Vec<Group>> {
    let rows: Vec<GroupRow> = field_groups::table
        .order((field_groups::position.asc(), field_groups::id.asc()))
        .select(GroupRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(Group::from).collect())
}

pub fn create(conn: &mut DbConn, input: GroupInput) -> Result<Group> {
    crate::content::batch::forget();
    crate::content::version::bump(conn)?;
    let mut errors = Vec::new();
    let key = match input.key.as_deref().map(check_key) {
        Some(Ok(k)) => k,
        Some(Err(e)) => {
            errors.push(e);
            String::new()
        }
        None => {
            errors.push(FieldError::new("key", "is required"));
            String::new()
        }
    };
    let title = match input.title.as_deref().map(check_title) {
        Some(Ok(t)) => t,
        Some(Err(e)) => {
            errors.push(e);
            String::new()
        }
        None => {
            errors.push(FieldError::new("title", "is required"));
            String::new()
        }
    };
    let defs = match &input.fields {
        Some(raw) => fields::parse_definitions(raw, "fields").unwrap_or_else(|e| {
            errors.extend(e);
            Vec::new()
        }),
        None => {
            errors.push(FieldError::new("fields", "is required"));
            Vec::new()
        }
    };
    let location = match input.location {
        Some(l) => {
            errors.extend(l.check());
            l
        }
        None => {
            errors.push(FieldError::new("location", "is required"));
            Location::default()
        }
    };
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    if key_taken(conn, &key, None)? {
        return Err(Error::conflict(
            "key",
            format!("another field group has the key `{key}`"),
        ));
    }
    let now = crate::db::now();
    diesel::insert_into(field_groups::table)
        .values((
            field_groups::key.eq(&key),
            field_groups::title.eq(&title),
            field_groups::fields.eq(serde_json::to_string(&defs).map_err(Error::internal)?),
            field_groups::location.eq(serde_json::to_string(&location).map_err(Error::internal)?),
            field_groups::position.eq(input.position.unwrap_or(0)),
            field_groups::active.eq(input.active.unwrap_or(true)),
            field_groups::created_at.eq(now),
            field_groups::updated_at.eq(now),
        ))
        .execute(conn)?;
    let id: i64 = field_groups::table
        .filter(field_groups::key.eq(&key))
        .select(field_groups::id)
        .first(conn)?;
    reindex(conn, &kinds_of(&location))?;
    find(conn, id)
}

pub fn update(conn: &mut DbConn, id: i64, input: GroupInput) -> Result<Group> {
    crate::content::batch::forget();
    crate::content::version::bump(conn)?;
    let current = find(conn, id)?;
    let mut errors = Vec::new();
    let key = input
        .key
        .as_deref()
        .map(check_key)
        .transpose()
        .unwrap_or_else(|e| {
            errors.push(e);
            None
        });
    let title = input
        .title
        .as_deref()
        .map(check_title)
        .transpose()
        .unwrap_or_else(|e| {
            errors.push(e);
            None
        });
    let defs = match &input.fields {
        Some(raw) => match fields::parse_definitions(raw, "fields") {
            Ok(d) => Some(d),
            Err(e) => {
                errors.extend(e);
                None
            }
        },
        None => None,
    };
    if let Some(l) = &input.location {
        errors.extend(l.check());
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    if let Some(k) = &key
        && key_taken(conn, k, Some(id))?
    {
        return Err(Error::conflict(
            "key",
            format!("another field group has the key `{k}`"),
        ));
    }
    let mut kinds = kinds_of(&current.location);
    let target = field_groups::table.find(id);
    if let Some(k) = key {
        diesel::update(target)
            .set(field_groups::key.eq(k))
            .execute(conn)?;
    }
    if let Some(t) = title {
        diesel::update(target)
            .set(field_groups::title.eq(t))
            .execute(conn)?;
    }
    if let Some(d) = defs {
        let json = serde_json::to_string(&d).map_err(Error::internal)?;
        diesel::update(target)
            .set(field_groups::fields.eq(json))
            .execute(conn)?;
    }
    if let Some(l) = input.location {
        kinds.extend(kinds_of(&l));
        let json = serde_json::to_string(&l).map_err(Error::internal)?;
        diesel::update(target)
            .set(field_groups::location.eq(json))
            .execute(conn)?;
    }
    if let Some(p) = input.position {
        diesel::update(target)
            .set(field_groups::position.eq(p))
            .execute(conn)?;
    }
    if let Some(a) = input.active {
        diesel::update(target)
            .set(field_groups::active.eq(a))
            .execute(conn)?;
    }
    diesel::update(target)
        .set(field_groups::updated_at.eq(crate::db::now()))
        .execute(conn)?;
    kinds.sort_by_key(|k| k.as_str());
    kinds.dedup();
    reindex(conn, &kinds)?;
    find(conn, id)
}

/// Deletes a group. Stored values stay with their items (hidden from readers) and come
/// back if a group defines their fields again.
pub fn delete(conn: &mut DbConn, id: i64) -> Result<()> {
    crate::content::batch::forget();
    crate::content::version::bump(conn)?;
    let current = find(conn, id)?;
    diesel::delete(field_groups::table.find(id)).execute(conn)?;
    reindex(conn, &kinds_of(&current.location))
}
