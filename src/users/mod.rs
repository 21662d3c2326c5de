//! People who sign in: accounts, passwords, tokens and sign-in throttling, and the
//! queries on the `users` table.

pub mod api_tokens;
pub mod audit;
pub mod manage;
pub mod throttle;
pub mod token;

use chrono::NaiveDateTime;
use diesel::prelude::*;

pub use crate::content::Role;
use crate::content::slug::Slug;
use crate::db::DbConn;
use crate::db::schema::users;
use crate::error::{Error, FieldError, Result};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub slug: String,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub password_hash: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The version of the user's tokens: only tokens issued under it are accepted.
    pub token_version: i64,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser {
    pub username: String,
    pub slug: Slug,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub password_hash: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = users)]
pub struct UserChanges {
    pub display_name: Option<String>,
    pub email: Option<String>,
    pub role: Option<Role>,
    pub password_hash: Option<Option<String>>,
    pub updated_at: Option<NaiveDateTime>,
}

/// Moves the user's token version on: every token issued before is refused from now on,
/// on every node (tokens are checked against the database on each request).
pub fn revoke_tokens(conn: &mut DbConn, id: i64) -> Result<()> {
    let changed = diesel::update(users::table.find(id))
        .set(users::token_version.eq(users::token_version + 1))
        .execute(conn)?;
    if changed == 0 {
        return Err(Error::not_found(format!("no user with id {id}")));
    }
    Ok(())
}

/// Usernames are lower-case and made of letters, digits, `.`, `_` and `-`.
pub fn check_username(raw: &str) -> std::result::Result<String, FieldError> {
    let name = raw.trim().to_lowercase();
    if name.is_empty() || name.len() > 60 {
        return Err(FieldError::new(
            "username",
            "must be 1 to 60 characters long",
        ));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        return Err(FieldError::new(
            "username",
            "may hold only letters, digits, `.`, `_` and `-`",
        ));
    }
    Ok(name)
}

pub fn check_password(raw: &str) -> std::result::Result<(), FieldError> {
    if raw.chars().count() < 8 {
        return Err(FieldError::new(
            "password",
            "must be at least 8 characters long",
        ));
    }
    if raw.len() > 1024 {
        return Err(FieldError::new(
            "password",
            "must be at most 1024 bytes long",
        ));
    }
    Ok(())
}

pub fn check_email(raw: &str) -> std::result::Result<String, FieldError> {
    let email = raw.trim();
    let valid = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        })
        && !email.chars().any(char::is_whitespace);
    if email.is_empty() || valid {
        Ok(email.to_owned())
    } else {
        Err(FieldError::new("email", "must be an email address"))
    }
}

pub fn hash_password(password: &str) -> Result<String> {
    use argon2::PasswordHasher;
    argon2::Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(Error::internal)
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    use argon2::PasswordVerifier;
    argon2::Argon2::default()
        .verify_password(password.as_bytes(), hash)
        .is_ok()
}

/// A hash of a random password, to spend the same time on unknown usernames.
pub fn dummy_hash() -> &'static str {
    static HASH: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let mut bytes = [0u8; 16];
        rand::fill(&mut bytes);
        hash_password(&format!("{bytes:?}")).unwrap_or_default()
    });
    &HASH
}

pub fn find(conn: &mut DbConn, id: i64) -> Result<Option<User>> {
    Ok(users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

pub fn find_by_username(conn: &mut DbConn, username: &str) -> Result<Option<User>> {
    Ok(users::table
        .filter(users::username.eq(username))
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

pub fn find_many(conn: &mut DbConn, ids: &[i64]) -> Result<Vec<User>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(users::table
        .filter(users::id.eq_any(ids))
        .select(User::as_select())
        .load(conn)?)
}

/// A slug for a display name that no other user has.
fn unique_slug(conn: &mut DbConn, name: &str, username: &str) -> Result<Slug> {
    let base = Slug::from_text(name)
        .or_else(|| Slug::from_text(username))
        .unwrap_or_else(|| Slug::of_word("user"));
    let taken: Vec<String> = users::table
        .filter(
            users::slug
                .eq(&base)
                .or(users::slug.like(format!("{base}-%"))),
        )
        .select(users::slug)
        .load(conn)?;
    Ok(base.first_free(&taken))
}

pub struct CreateUser {
    pub username: String,
    pub password: Option<String>,
    pub display_name: String,
    pub email: String,
    pub role: Role,
}

/// Creates a user; the username must be free (409 otherwise).
pub fn create(conn: &mut DbConn, input: CreateUser) -> Result<User> {
    crate::content::version::bump(conn)?;
    let username = check_username(&input.username).map_err(|e| Error::Validation(vec![e]))?;
    let mut errors = Vec::new();
    if let Some(p) = &input.password
        && let Err(e) = check_password(p)
    {
        errors.push(e);
    }
    let email = check_email(&input.email).unwrap_or_else(|e| {
        errors.push(e);
        String::new()
    });
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    if find_by_username(conn, &username)?.is_some() {
        return Err(Error::conflict(
            "username",
            format!("the username `{username}` is taken"),
        ));
    }
    let display_name = match input.display_name.trim() {
        // As sent: spaces trimmed off do not make a longer name fit.
        _ if input.display_name.chars().count() > 200 => {
            return Err(Error::invalid(
                "name",
                "must be at most 200 characters long",
            ));
        }
        "" => username.clone(),
        name => name.to_owned(),
    };
    let password_hash = input.password.as_deref().map(hash_password).transpose()?;
    let now = crate::db::now();
    let new = NewUser {
        slug: unique_slug(conn, &display_name, &username)?,
        username,
        display_name,
        email,
        role: input.role,
        password_hash,
        created_at: now,
        updated_at: now,
    };
    diesel::insert_into(users::table)
        .values(&new)
        .execute(conn)?;
    find_by_username(conn, &new.username)?
        .ok_or_else(|| Error::internal("user vanished after insert"))
}
