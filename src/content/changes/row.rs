//! What a change is: its action, and the row the feed keeps of it (kept apart so that a
//! batch can hold rows until it ends).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::content::Status;

/// The feed's name for media (`changes.kind`).
pub const MEDIA: &str = "media";

/// What happened to an item. The same words name webhook events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, Hash)]
#[serde(rename_all = "lowercase")]
#[schema(as = ChangeAction)]
pub enum Action {
    Created,
    Updated,
    Published,
    Unpublished,
    Trashed,
    Restored,
    Deleted,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Created => "created",
            Action::Updated => "updated",
            Action::Published => "published",
            Action::Unpublished => "unpublished",
            Action::Trashed => "trashed",
            Action::Restored => "restored",
            Action::Deleted => "deleted",
        }
    }

    pub fn parse(s: &str) -> Option<Action> {
        [
            Action::Created,
            Action::Updated,
            Action::Published,
            Action::Unpublished,
            Action::Trashed,
            Action::Restored,
            Action::Deleted,
        ]
        .into_iter()
        .find(|a| a.as_str() == s)
    }

    /// The action of an update, by the statuses before and after it.
    pub fn of_update(before: Status, after: Status) -> Action {
        match (before, after) {
            (Status::Trash, Status::Trash) | (Status::Published, Status::Published) => {
                Action::Updated
            }
            (Status::Trash, _) => Action::Restored,
            (_, Status::Trash) => Action::Trashed,
            (b, Status::Published) if b != Status::Published => Action::Published,
            (Status::Published, _) => Action::Unpublished,
            _ => Action::Updated,
        }
    }

    /// The action as a reader who sees only public items saw it.
    pub fn as_seen_publicly(self, was_public: bool, public: bool) -> Action {
        match (was_public, public, self) {
            (false, true, Action::Created | Action::Restored) => self,
            (false, true, _) => Action::Published,
            (true, false, Action::Trashed | Action::Deleted) => self,
            (true, false, _) => Action::Unpublished,
            (_, _, Action::Created | Action::Restored | Action::Published) => Action::Updated,
            (_, _, Action::Unpublished | Action::Trashed | Action::Deleted) => Action::Updated,
            _ => self,
        }
    }
}

/// A row to write.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub at: NaiveDateTime,
    /// A kind of content's name (`post`) or a taxonomy's (`tag`): `changes.kind`.
    pub kind: &'static str,
    pub item_id: i64,
    pub slug: String,
    pub action: Action,
    pub public: bool,
    pub was_public: bool,
    pub user_id: Option<i64>,
}
