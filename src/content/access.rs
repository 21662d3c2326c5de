//! Who may read and change content: the roles people sign in with, and the viewer a read
//! or a write is made for.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::content::Status;

crate::db::text_enum! {
    /// What a signed-in person may do: `admin` everything (users, partners and field groups
    /// included), `editor` all content, media and terms, `author` create content and media
    /// and change only their own.
    #[derive(Serialize, Deserialize, utoipa::ToSchema)]
    #[serde(rename_all = "lowercase")]
    pub enum Role {
        Admin = "admin",
        Editor = "editor",
        Author = "author",
    }
}

impl Role {
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
