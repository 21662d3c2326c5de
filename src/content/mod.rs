//! What every kind of content shares: lifecycle and visibility, slugs, HTML, revisions,
//! taxonomies and listing. Knows nothing of HTTP.

pub mod access;
pub mod batch;
pub mod blocks;
pub mod body;
pub mod changes;
pub mod counts;
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
pub mod synced;
pub mod terms;
pub mod version;
pub mod webhooks;
pub mod wp_ids;

use serde::{Deserialize, Serialize};

pub use access::{Role, Viewer};

crate::db::text_enum! {
    /// The kinds of content kept in `entries` (the text is `entries.kind`).
    pub enum Kind {
        Post = "post",
        Page = "page",
        Resource = "resource",
        /// Reusable blocks, which other items' block trees refer to.
        Block = "block",
        Event = "event",
    }
}

impl Kind {
    /// The kinds that carry custom fields (all but reusable blocks).
    pub const WITH_FIELDS: [Kind; 4] = [Kind::Post, Kind::Page, Kind::Resource, Kind::Event];

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

    /// The kind behind a collection name (`posts`).
    pub fn from_collection(s: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.collection() == s)
    }

    /// "post", for messages.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Block => "reusable block",
            _ => self.as_str(),
        }
    }
}

crate::db::text_enum! {
    /// Where an item is in its life: `draft` (being written), `pending` (waiting for
    /// review), `published` (public once its `published_at` has come; a future date
    /// schedules it), `private` (only editors, admins and its author see it) or `trash`
    /// (deleted, can be restored by changing the status). Only `published` items whose
    /// date has come reach anonymous readers.
    #[derive(Serialize, Deserialize, utoipa::ToSchema)]
    #[serde(rename_all = "lowercase")]
    pub enum Status {
        Draft = "draft",
        Pending = "pending",
        Published = "published",
        Private = "private",
        Trash = "trash",
    }
}
