//! What every kind of content shares: lifecycle and visibility, slugs, HTML, revisions,
//! taxonomies and listing. Knows nothing of HTTP.

pub mod access;
pub mod blocks;
pub mod body;
pub mod entry;
pub mod entry_media;
pub mod field_filters;
pub mod field_groups;
pub mod fields;
pub mod html;
pub mod items;
pub mod kind;
pub mod links;
pub mod list;
pub mod pages;
pub mod paging;
pub mod posts;
pub mod relations;
pub mod resources;
pub mod reusable;
pub mod revisions;
pub mod slug;
pub mod terms;

use serde::{Deserialize, Serialize};

pub use access::{Role, Viewer};

/// The kinds of content kept in `entries`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    diesel::expression::AsExpression,
    diesel::deserialize::FromSqlRow,
)]
#[diesel(sql_type = diesel::sql_types::Text)]
pub enum Kind {
    Post,
    Page,
    Resource,
    /// Reusable blocks, which other items' block trees refer to.
    Block,
    Event,
}

crate::db::text_column!(Kind);

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

// Where an item is in its life: only `published` items whose date has come are public.
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
pub enum Status {
    Draft,
    Pending,
    Published,
    Private,
    Trash,
}

crate::db::text_column!(Status);

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
