//! What every kind of content shares: lifecycle and visibility, slugs, HTML, revisions,
//! taxonomies and listing. Knows nothing of HTTP.

pub mod blocks;
pub mod body;
pub mod entry;
pub mod field_groups;
pub mod fields;
pub mod html;
pub mod links;
pub mod list;
pub mod revisions;
pub mod slug;
pub mod terms;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::users::Role;

/// The kinds of content kept in `entries`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Post,
    Page,
    Resource,
    /// Reusable blocks, which other items' block trees refer to.
    Block,
    Event,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Post,
        Kind::Page,
        Kind::Resource,
        Kind::Block,
        Kind::Event,
    ];
    /// The kinds that carry custom fields (all but reusable blocks).
    pub const WITH_FIELDS: [Kind; 4] = [Kind::Post, Kind::Page, Kind::Resource, Kind::Event];

    /// The value of `entries.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Post => "post",
            Kind::Page => "page",
            Kind::Resource => "resource",
            Kind::Block => "block",
            Kind::Event => "event",
        }
    }

    /// The collection name in URLs and in `count_by_kind`.
    pub fn collection(self) -> &'static str {
        match self {
            Kind::Post => "posts",
            Kind::Page => "pages",
            Kind::Resource => "resources",
            Kind::Block => "blocks",
            Kind::Event => "events",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The kind behind a collection name (`posts`).
    pub fn from_collection(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.collection() == s)
    }

    /// "post", for messages.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Block => "reusable block",
            _ => self.as_str(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Pending,
    Published,
    Private,
    Trash,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Draft,
        Status::Pending,
        Status::Published,
        Status::Private,
        Status::Trash,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Pending => "pending",
            Status::Published => "published",
            Status::Private => "private",
            Status::Trash => "trash",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
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
