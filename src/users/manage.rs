//! Managing users: who may change whom, changing and deleting them (with their content
//! handed to another user), listing them, and the public face of authors.

use diesel::prelude::*;

use crate::content::paging::{Direction, Listed, Window};
use crate::content::{Role, Status};
use crate::db::DbConn;
use crate::db::schema::{entries, revisions, users};
use crate::error::{Error, FieldError, Result};
use crate::users::{User, UserChanges, check_email, check_password, find};

/// A change to a user as asked for; the password is still in clear.
#[derive(Debug, Default)]
pub struct UserUpdate {
    pub name: Option<String>,
    pub email: Option<String>,
    pub password: Option<String>,
    pub role: Option<Role>,
}

/// Checks that `actor` may make the change and that its values are valid, and returns
/// what to store, except the password: the caller hashes it (slow on purpose, so off the
/// database transaction) and sets `password_hash`.
pub fn check_update(actor: (i64, Role), id: i64, u: &UserUpdate) -> Result<UserChanges> {
    let (actor_id, actor_role) = actor;
    if actor_role != Role::Admin {
        if actor_id != id {
            return Err(Error::Forbidden(
                "only administrators may change other users".into(),
            ));
        }
        if u.role.is_some() {
            return Err(Error::Forbidden(
                "only administrators may change roles".into(),
            ));
        }
    } else if actor_id == id && u.role.is_some_and(|r| r != Role::Admin) {
        // Another administrator must do it, so a site is never left without one by accident.
        return Err(Error::conflict(
            "role",
            "you cannot take away your own administrator role",
        ));
    }
    let mut changes = UserChanges::default();
    let mut errors = Vec::new();
    if let Some(name) = &u.name {
        match name.trim() {
            "" => errors.push(FieldError::new("name", "must not be empty")),
            // As sent: spaces trimmed off do not make a longer name fit.
            _ if name.chars().count() > 200 => errors.push(FieldError::new(
                "name",
                "must be at most 200 characters long",
            )),
            n => changes.display_name = Some(n.to_owned()),
        }
    }
    if let Some(email) = &u.email {
        match check_email(email) {
            Ok(e) => changes.email = Some(e),
            Err(e) => errors.push(e),
        }
    }
    if let Some(p) = &u.password
        && let Err(e) = check_password(p)
    {
        errors.push(e);
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    changes.role = u.role;
    Ok(changes)
}

/// Stores checked changes (see `check_update`) and returns the user as stored.
/// A new password or another role revokes the user's tokens (in the same transaction).
pub fn update(conn: &mut DbConn, id: i64, mut changes: UserChanges) -> Result<User> {
    crate::content::version::bump(conn)?;
    let before =
        find(conn, id)?.ok_or_else(|| Error::not_found(format!("no user with id {id}")))?;
    changes.updated_at = Some(crate::db::now());
    let revoke = changes.password_hash.is_some() || changes.role.is_some_and(|r| r != before.role);
    diesel::update(users::table.find(id))
        .set(&changes)
        .execute(conn)?;
    if revoke {
        crate::users::revoke_tokens(conn, id)?;
    }
    find(conn, id)?.ok_or_else(|| Error::internal("user vanished"))
}

/// Deletes a user. Their content goes to `reassign`, which is required when they have
/// any; their revisions stay, without an author. Nobody deletes themselves.
pub fn delete(conn: &mut DbConn, actor_id: i64, id: i64, reassign: Option<i64>) -> Result<()> {
    crate::content::version::bump(conn)?;
    if reassign.is_some_and(|r| r < 1) {
        return Err(Error::invalid_query("reassign", "must be a user id"));
    }
    if id == actor_id {
        return Err(Error::conflict("id", "you cannot delete yourself"));
    }
    if reassign == Some(id) {
        return Err(Error::invalid_query("reassign", "must be another user"));
    }
    find(conn, id)?.ok_or_else(|| Error::not_found(format!("no user with id {id}")))?;
    let owned: i64 = entries::table
        .filter(entries::author_id.eq(id))
        .count()
        .get_result(conn)?;
    if owned > 0 {
        let Some(to) = reassign else {
            return Err(Error::conflict(
                "reassign",
                format!(
                    "the user has {owned} items; pass `reassign` with the id of the user to give them to"
                ),
            ));
        };
        if find(conn, to)?.is_none() {
            return Err(Error::invalid_query(
                "reassign",
                format!("there is no user with id {to}"),
            ));
        }
        diesel::update(entries::table.filter(entries::author_id.eq(id)))
            .set(entries::author_id.eq(to))
            .execute(conn)?;
    }
    diesel::update(revisions::table.filter(revisions::author_id.eq(id)))
        .set(revisions::author_id.eq(None::<i64>))
        .execute(conn)?;
    diesel::delete(users::table.find(id)).execute(conn)?;
    Ok(())
}

/// Every user, by id.
pub fn list(conn: &mut DbConn, window: &Window) -> Result<Listed<User>> {
    let seek = window.by_id(Direction::Asc)?;
    let query = users::table
        .order(users::id.asc())
        .select(User::as_select())
        .into_boxed();
    let rows: Vec<User> = seek.apply(query, users::id).load(conn)?;
    let total = if window.count {
        Some(users::table.count().get_result::<i64>(conn)?)
    } else {
        None
    };
    Ok(seek.finish(rows, |u| u.id, total))
}

/// A user whom anyone may see: one who has published content (or anyone, for a
/// `privileged` reader: administrators and the user themselves).
pub fn find_visible(conn: &mut DbConn, id: i64, privileged: bool) -> Result<User> {
    let missing = || Error::not_found(format!("no user with id {id}"));
    let user = find(conn, id)?.ok_or_else(missing)?;
    if privileged {
        return Ok(user);
    }
    let published: Option<i64> = entries::table
        .filter(entries::author_id.eq(user.id))
        .filter(entries::status.eq(Status::Published))
        .filter(entries::published_at.le(crate::db::now()))
        .select(entries::id)
        .first(conn)
        .optional()?;
    published.map(|_| user).ok_or_else(missing)
}
