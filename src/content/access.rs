//! Who may read and change content: the roles people sign in with, and the viewer a read
//! or a write is made for.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::content::Status;

// What a signed-in person may do with content.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
    diesel::expression::AsExpression,
    diesel::deserialize::FromSqlRow,
)]
#[diesel(sql_type = diesel::sql_types::Text)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Editor,
    Author,
}

crate::db::text_column!(Role);

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Author => "author",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "admin" => Some(Role::Admin),
            "editor" => Some(Role::Editor),
            "author" => Some(Role::Author),
            _ => None,
        }
    }

    /// Editors and admins may act on everybody's content.
    pub fn edits_all(self) -> bool {
        matches!(self, Role::Admin | Role::Editor)
    }
}

/// Who is reading: decides what content exists for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    Anonymous,
    User { id: i64, role: Role },
}

impl Viewer {
    pub fn user_id(self) -> Option<i64> {
        match self {
            Viewer::Anonymous => None,
            Viewer::User { id, .. } => Some(id),
        }
    }

    pub fn edits_all(self) -> bool {
        matches!(self, Viewer::User { role, .. } if role.edits_all())
    }

    /// May this viewer read an item with this status, author and date?
    /// Anonymous readers see only published items whose date has come; editors see
    /// everything; authors also see their own items in any status.
    pub fn can_read(
        self,
        status: Status,
        author_id: i64,
        published_at: NaiveDateTime,
        now: NaiveDateTime,
    ) -> bool {
        if status == Status::Published && published_at <= now {
            return true;
        }
        match self {
            Viewer::Anonymous => false,
            Viewer::User { id, role } => role.edits_all() || id == author_id,
        }
    }

    /// May this viewer change or trash an item of this author?
    pub fn can_edit(self, author_id: i64) -> bool {
        match self {
            Viewer::Anonymous => false,
            Viewer::User { id, role } => role.edits_all() || id == author_id,
        }
    }
}
