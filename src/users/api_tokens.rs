//! API tokens: named, long-lived credentials for build servers and services, narrower than
//! a person's sign-in. A token acts for the user it belongs to (their role still applies)
//! and only within its scopes. Shown once when made; only its SHA-256 is kept, and it is
//! looked up on every request, so deleting it stops it at once on every node.
//!
//! Preview tokens are kept here too: short-lived, made by an editor for one item, they read
//! that item as the editor sees it (a draft, or the unpublished changes of a published item)
//! and nothing else.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::content::{Kind, Role};
use crate::db::DbConn;
use crate::db::schema::{api_tokens, previews, users};
use crate::error::{Error, Result};

/// What every API token starts with (partner keys start with `hp_`, previews `hpp_`).
pub const API_TOKEN_PREFIX: &str = "hpt_";
/// What every preview token starts with.
pub const PREVIEW_PREFIX: &str = "hpp_";

/// The longest a preview token may hold, and how long it holds when not said.
pub const PREVIEW_MAX_SECS: i64 = 7 * 24 * 3600;
pub const PREVIEW_DEFAULT_SECS: i64 = 3600;

/// What a token may do beyond reading published content.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema,
)]
pub enum Scope {
    /// Read content that is not public (drafts, pending, private, scheduled; revisions,
    /// usages), as far as the token's user may.
    #[serde(rename = "read:drafts")]
    ReadDrafts,
    #[serde(rename = "write:posts")]
    WritePosts,
    #[serde(rename = "write:pages")]
    WritePages,
    #[serde(rename = "write:resources")]
    WriteResources,
    #[serde(rename = "write:events")]
    WriteEvents,
    #[serde(rename = "write:blocks")]
    WriteBlocks,
    /// Upload, change and delete media.
    #[serde(rename = "write:media")]
    WriteMedia,
    /// Create, change and delete tags, categories, resource types and event categories.
    #[serde(rename = "write:terms")]
    WriteTerms,
}

impl Scope {
    pub const ALL: [Scope; 8] = [
        Scope::ReadDrafts,
        Scope::WritePosts,
        Scope::WritePages,
        Scope::WriteResources,
        Scope::WriteEvents,
        Scope::WriteBlocks,
        Scope::WriteMedia,
        Scope::WriteTerms,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::ReadDrafts => "read:drafts",
            Scope::WritePosts => "write:posts",
            Scope::WritePages => "write:pages",
            Scope::WriteResources => "write:resources",
            Scope::WriteEvents => "write:events",
            Scope::WriteBlocks => "write:blocks",
            Scope::WriteMedia => "write:media",
            Scope::WriteTerms => "write:terms",
        }
    }

    pub fn parse(s: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The scope that writes a kind of content.
    pub fn write(kind: Kind) -> Scope {
        match kind {
            Kind::Post => Scope::WritePosts,
            Kind::Page => Scope::WritePages,
            Kind::Resource => Scope::WriteResources,
            Kind::Event => Scope::WriteEvents,
            Kind::Block => Scope::WriteBlocks,
        }
    }
}

/// A token as stored (never the token itself).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = api_tokens)]
pub struct ApiToken {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub prefix: String,
    pub scopes: String,
    pub created_at: NaiveDateTime,
    pub expires_at: Option<NaiveDateTime>,
    pub last_used_at: Option<NaiveDateTime>,
}

impl ApiToken {
    pub fn scopes(&self) -> Vec<Scope> {
        self.scopes.split(' ').filter_map(Scope::parse).collect()
    }
}

/// What a token is made with.
#[derive(Debug)]
pub struct NewToken {
    pub user_id: i64,
    pub name: String,
    pub scopes: Vec<Scope>,
    pub expires_at: Option<NaiveDateTime>,
}

fn hash(token: &str) -> String {
    crate::hex::sha256(token.as_bytes())
}

fn random_token(prefix: &str) -> String {
    use base64::Engine;
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes);
    format!(
        "{prefix}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

/// Makes a token; returns it as stored and the token itself (shown this once).
pub fn create(conn: &mut DbConn, new: NewToken) -> Result<(ApiToken, String)> {
    let name = new.name.trim();
    let mut errors = Vec::new();
    if name.is_empty() || name.chars().count() > 100 {
        errors.push(crate::error::FieldError::new(
            "name",
            "must be 1 to 100 characters",
        ));
    }
    if new.scopes.is_empty() {
        errors.push(crate::error::FieldError::new(
            "scopes",
            "must name at least one scope",
        ));
    }
    let now = crate::db::now();
    if new.expires_at.is_some_and(|t| t <= now) {
        errors.push(crate::error::FieldError::new(
            "expires_at",
            "must be in the future",
        ));
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    users::table
        .find(new.user_id)
        .select(users::id)
        .first::<i64>(conn)
        .optional()?
        .ok_or_else(|| Error::invalid("user_id", format!("no user with id {}", new.user_id)))?;
    let mut scopes = new.scopes;
    scopes.sort();
    scopes.dedup();
    let token = random_token(API_TOKEN_PREFIX);
    let id: i64 = diesel::insert_into(api_tokens::table)
        .values((
            api_tokens::user_id.eq(new.user_id),
            api_tokens::name.eq(name),
            api_tokens::token_hash.eq(hash(&token)),
            api_tokens::prefix.eq(&token[..API_TOKEN_PREFIX.len() + 6]),
            api_tokens::scopes.eq(scopes
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(" ")),
            api_tokens::created_at.eq(now),
            api_tokens::expires_at.eq(new.expires_at),
        ))
        .returning(api_tokens::id)
        .get_result(conn)?;
    Ok((
        find(conn, id)?.ok_or_else(|| Error::internal("a token vanished"))?,
        token,
    ))
}

pub fn find(conn: &mut DbConn, id: i64) -> Result<Option<ApiToken>> {
    Ok(api_tokens::table
        .find(id)
        .select(ApiToken::as_select())
        .first(conn)
        .optional()?)
}

/// Every token, or those of one user, by id.
pub fn list(conn: &mut DbConn, user: Option<i64>) -> Result<Vec<ApiToken>> {
    let mut q = api_tokens::table
        .order(api_tokens::id.asc())
        .select(ApiToken::as_select())
        .into_boxed();
    if let Some(user) = user {
        q = q.filter(api_tokens::user_id.eq(user));
    }
    Ok(q.load(conn)?)
}

pub fn delete(conn: &mut DbConn, id: i64) -> Result<()> {
    diesel::delete(api_tokens::table.find(id)).execute(conn)?;
    Ok(())
}

/// Who a token acts for, and within what.
#[derive(Debug, Clone)]
pub struct Bearer {
    pub token_id: i64,
    pub user_id: i64,
    pub role: Role,
    pub scopes: Vec<Scope>,
    pub last_used_at: Option<NaiveDateTime>,
}

/// The token's holder, or why not (unknown, deleted, expired).
pub fn authenticate(conn: &mut DbConn, token: &str) -> Result<std::result::Result<Bearer, String>> {
    let found: Option<(ApiToken, Role)> = api_tokens::table
        .inner_join(users::table.on(users::id.eq(api_tokens::user_id)))
        .filter(api_tokens::token_hash.eq(hash(token)))
        .select((ApiToken::as_select(), users::role))
        .first(conn)
        .optional()?;
    let Some((t, role)) = found else {
        return Ok(Err("unknown or deleted API token".into()));
    };
    if t.expires_at.is_some_and(|at| at <= crate::db::now()) {
        return Ok(Err(format!("the API token `{}` has expired", t.name)));
    }
    Ok(Ok(Bearer {
        token_id: t.id,
        user_id: t.user_id,
        role,
        scopes: t.scopes(),
        last_used_at: t.last_used_at,
    }))
}

/// Notes that a token was used (at most once a minute per token: see the caller).
pub fn touch(conn: &mut DbConn, id: i64, at: NaiveDateTime) -> Result<()> {
    diesel::update(api_tokens::table.find(id))
        .set(api_tokens::last_used_at.eq(at))
        .execute(conn)?;
    Ok(())
}

/// A preview link as stored (never the token itself).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = previews)]
pub struct Preview {
    pub id: i64,
    pub kind: Kind,
    pub item_id: i64,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

/// Makes a preview token for an item the caller may edit (checked by the caller); returns
/// it as stored and the token itself (shown this once).
pub fn create_preview(
    conn: &mut DbConn,
    kind: Kind,
    item_id: i64,
    created_by: i64,
    seconds: i64,
) -> Result<(Preview, String)> {
    if !(60..=PREVIEW_MAX_SECS).contains(&seconds) {
        return Err(Error::invalid(
            "expires_in",
            format!("must be 60 to {PREVIEW_MAX_SECS} seconds"),
        ));
    }
    let now = crate::db::now();
    let token = random_token(PREVIEW_PREFIX);
    let id: i64 = diesel::insert_into(previews::table)
        .values((
            previews::kind.eq(kind),
            previews::item_id.eq(item_id),
            previews::created_by.eq(created_by),
            previews::token_hash.eq(hash(&token)),
            previews::created_at.eq(now),
            previews::expires_at.eq(now + chrono::Duration::seconds(seconds)),
        ))
        .returning(previews::id)
        .get_result(conn)?;
    // Expired previews go as new ones come.
    diesel::delete(previews::table.filter(previews::expires_at.lt(now))).execute(conn)?;
    let preview = previews::table
        .find(id)
        .select(Preview::as_select())
        .first(conn)?;
    Ok((preview, token))
}

/// The previews that still hold, by id: all, or those `only` this user made; of one item
/// or of all.
pub fn list_previews(
    conn: &mut DbConn,
    only: Option<i64>,
    item_id: Option<i64>,
) -> Result<Vec<Preview>> {
    let mut q = previews::table
        .filter(previews::expires_at.gt(crate::db::now()))
        .order(previews::id.asc())
        .select(Preview::as_select())
        .into_boxed();
    if let Some(user) = only {
        q = q.filter(previews::created_by.eq(user));
    }
    if let Some(item) = item_id {
        q = q.filter(previews::item_id.eq(item));
    }
    Ok(q.load(conn)?)
}

/// Revokes a preview (one `only` this user made, when given); `false` when there is no
/// such preview.
pub fn delete_preview(conn: &mut DbConn, id: i64, only: Option<i64>) -> Result<bool> {
    let mut q = diesel::delete(previews::table.filter(previews::id.eq(id))).into_boxed();
    if let Some(user) = only {
        q = q.filter(previews::created_by.eq(user));
    }
    Ok(q.execute(conn)? > 0)
}

/// What a preview token opens: one item, read as its maker (whose role applies now).
#[derive(Debug, Clone)]
pub struct Opened {
    pub kind: Kind,
    pub item_id: i64,
    pub user_id: i64,
    pub role: Role,
}

/// The item a preview token opens, or why not.
pub fn open_preview(conn: &mut DbConn, token: &str) -> Result<std::result::Result<Opened, String>> {
    let found: Option<(Preview, Role)> = previews::table
        .inner_join(users::table.on(users::id.eq(previews::created_by)))
        .filter(previews::token_hash.eq(hash(token)))
        .select((Preview::as_select(), users::role))
        .first(conn)
        .optional()?;
    let Some((p, role)) = found else {
        return Ok(Err("unknown or revoked preview token".into()));
    };
    if p.expires_at <= crate::db::now() {
        return Ok(Err(
            "the preview token has expired; ask for a new one".into()
        ));
    }
    Ok(Ok(Opened {
        kind: p.kind,
        item_id: p.item_id,
        user_id: p.created_by,
        role,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_read_back() {
        for s in Scope::ALL {
            assert_eq!(Scope::parse(s.as_str()), Some(s));
            assert_eq!(
                serde_json::to_value(s).unwrap(),
                serde_json::json!(s.as_str())
            );
        }
        assert_eq!(Scope::parse("write:everything"), None);
    }

    #[test]
    fn tokens_are_long_random_and_prefixed() {
        let a = random_token(API_TOKEN_PREFIX);
        let b = random_token(API_TOKEN_PREFIX);
        assert_ne!(a, b);
        assert!(a.starts_with("hpt_"));
        assert_eq!(a.len(), 4 + 43);
        assert_ne!(hash(&a), hash(&b));
    }
}
