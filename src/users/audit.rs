//! The audit log: sign-ins and failed attempts, changes to users, roles and tokens,
//! partners and their keys, and deletions for good, with who did it, from where and when.
//! Each entry is written in the same transaction as what it records, so the log never
//! tells of a change that did not happen. Entries older than the retention (`--audit-days`)
//! are pruned as new ones come.

use std::sync::atomic::{AtomicU32, Ordering};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::{audit_log, users};
use crate::error::Result;

static RETENTION_DAYS: AtomicU32 = AtomicU32::new(90);

/// How many days entries are kept (`--audit-days`), set once at start-up.
pub fn set_retention_days(days: u32) {
    RETENTION_DAYS.store(days.max(1), Ordering::Relaxed);
}

/// What happened: `sign_in`, `sign_in_failed`, `user_created`, `user_changed`,
/// `user_deleted`, `tokens_revoked`, `partner_created`, `partner_changed`,
/// `partner_deleted`, `content_deleted` (for good), `media_deleted` (for good),
/// `term_deleted`, `field_group_deleted`, `api_token_created`, `api_token_deleted`,
/// `webhook_created`, `webhook_changed` or `webhook_deleted`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
#[schema(as = AuditAction)]
pub enum Action {
    SignIn,
    SignInFailed,
    UserCreated,
    UserChanged,
    UserDeleted,
    TokensRevoked,
    PartnerCreated,
    PartnerChanged,
    PartnerDeleted,
    ContentDeleted,
    MediaDeleted,
    TermDeleted,
    FieldGroupDeleted,
    ApiTokenCreated,
    ApiTokenDeleted,
    WebhookCreated,
    WebhookChanged,
    WebhookDeleted,
    /// An item synced from WordPress taken over by headpress.
    ContentDetached,
}

impl Action {
    pub const ALL: [Action; 19] = [
        Action::SignIn,
        Action::SignInFailed,
        Action::UserCreated,
        Action::UserChanged,
        Action::UserDeleted,
        Action::TokensRevoked,
        Action::PartnerCreated,
        Action::PartnerChanged,
        Action::PartnerDeleted,
        Action::ContentDeleted,
        Action::MediaDeleted,
        Action::TermDeleted,
        Action::FieldGroupDeleted,
        Action::ApiTokenCreated,
        Action::ApiTokenDeleted,
        Action::WebhookCreated,
        Action::WebhookChanged,
        Action::WebhookDeleted,
        Action::ContentDetached,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::SignIn => "sign_in",
            Action::SignInFailed => "sign_in_failed",
            Action::UserCreated => "user_created",
            Action::UserChanged => "user_changed",
            Action::UserDeleted => "user_deleted",
            Action::TokensRevoked => "tokens_revoked",
            Action::PartnerCreated => "partner_created",
            Action::PartnerChanged => "partner_changed",
            Action::PartnerDeleted => "partner_deleted",
            Action::ContentDeleted => "content_deleted",
            Action::MediaDeleted => "media_deleted",
            Action::TermDeleted => "term_deleted",
            Action::FieldGroupDeleted => "field_group_deleted",
            Action::ApiTokenCreated => "api_token_created",
            Action::ApiTokenDeleted => "api_token_deleted",
            Action::WebhookCreated => "webhook_created",
            Action::WebhookChanged => "webhook_changed",
            Action::WebhookDeleted => "webhook_deleted",
            Action::ContentDetached => "content_detached",
        }
    }

    pub fn parse(raw: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.as_str() == raw)
    }
}

/// One thing to record.
#[derive(Debug, Clone)]
pub struct Event {
    /// Who did it (a user id), when signed in.
    pub actor: Option<i64>,
    pub action: Action,
    /// What it was done to: a type (`user`, `partner`, `post`, ...) and an id.
    pub target: Option<(&'static str, i64)>,
    /// What changed, in words (never a secret: no password, no key).
    pub detail: String,
    /// The client's address (see `http::client`).
    pub address: String,
}

impl Event {
    pub fn new(actor: Option<i64>, action: Action, address: &str) -> Event {
        Event {
            actor,
            action,
            target: None,
            detail: String::new(),
            address: address.to_owned(),
        }
    }

    pub fn target(mut self, kind: &'static str, id: i64) -> Event {
        self.target = Some((kind, id));
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Event {
        self.detail = detail.into();
        self
    }
}

/// Writes an entry (in the caller's transaction), and prunes those past the retention.
pub fn record(conn: &mut DbConn, event: Event) -> Result<()> {
    let now = crate::db::now();
    // The actor's username as it is now: the entry keeps it after a rename or deletion.
    let actor = match event.actor {
        Some(id) => users::table
            .find(id)
            .select(users::username)
            .first::<String>(conn)
            .optional()?
            .unwrap_or_default(),
        None => String::new(),
    };
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::at.eq(now),
            audit_log::actor_id.eq(event.actor),
            audit_log::actor.eq(actor),
            audit_log::action.eq(event.action.as_str()),
            audit_log::target_type.eq(event.target.map_or("", |t| t.0)),
            audit_log::target_id.eq(event.target.map(|t| t.1)),
            audit_log::detail.eq(event.detail),
            audit_log::address.eq(event.address),
        ))
        .execute(conn)?;
    let days = i64::from(RETENTION_DAYS.load(Ordering::Relaxed));
    diesel::delete(audit_log::table.filter(audit_log::at.lt(now - chrono::Duration::days(days))))
        .execute(conn)?;
    Ok(())
}

/// An entry as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_log)]
pub struct Entry {
    pub id: i64,
    pub at: NaiveDateTime,
    pub actor_id: Option<i64>,
    pub actor: String,
    pub action: String,
    pub target_type: String,
    pub target_id: Option<i64>,
    pub detail: String,
    pub address: String,
}

/// Which entries to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub action: Option<Action>,
    pub actor: Option<i64>,
}

/// A page of entries, newest first, and how many match.
pub fn list(
    conn: &mut DbConn,
    filter: &Filter,
    offset: i64,
    limit: i64,
) -> Result<(Vec<Entry>, i64)> {
    let query = || {
        let mut q = audit_log::table.into_boxed();
        if let Some(a) = filter.action {
            q = q.filter(audit_log::action.eq(a.as_str()));
        }
        if let Some(actor) = filter.actor {
            q = q.filter(audit_log::actor_id.eq(actor));
        }
        q
    };
    let entries = query()
        .order(audit_log::id.desc())
        .offset(offset)
        .limit(limit)
        .select(Entry::as_select())
        .load(conn)?;
    let total = query().count().get_result(conn)?;
    Ok((entries, total))
}
