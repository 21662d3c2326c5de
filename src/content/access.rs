//! Who may read and change content: the roles people sign in with, and the viewer a read
//! or a write is made for.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::content::Status;
use crate::db::sql::{Sql, Value};

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

/// Visible to `viewer` with the requested statuses; for anonymous readers and the
/// default list, only published items whose date has come.
pub fn visibility(
    alias: &str,
    viewer: Viewer,
    statuses: Option<&[Status]>,
    now: NaiveDateTime,
) -> Sql {
    let mut sql = Sql::new("");
    let live = |sql: &mut Sql| {
        sql.push(&format!(
            "({alias}.status = 'published' AND {alias}.published_at <= "
        ))
        .bind(Value::Time(now))
        .push(")");
    };
    match (statuses, viewer) {
        (None, _) | (Some(_), Viewer::Anonymous) => live(&mut sql),
        (Some(statuses), Viewer::User { id, role }) => {
            sql.push(&format!("{alias}.status IN "))
                .bind_list(statuses.iter().map(|s| Value::Text(s.as_str().to_owned())));
            if !role.edits_all() {
                sql.push(&format!(" AND ({alias}.author_id = "))
                    .bind(Value::Int(id))
                    .push(" OR ");
                live(&mut sql);
                sql.push(")");
            }
        }
    }
    sql
}
