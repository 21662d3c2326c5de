//! The request bodies of content writes. Every kind's create and update bodies start with
//! the same members (title, slug, status, body, dates, author and, for all but reusable
//! blocks, excerpt, custom fields and featured image); these macros write them once and
//! add the kind's own members after them. The bodies stay plain structs with
//! `deny_unknown_fields`, so an unknown member is refused and a bad one is named exactly.
//!
//! Each generated body has `entry_input(&mut self)`, which takes the shared members out
//! as the domain's `EntryInput`; the kind's conversion then reads its own members.

/// Declares the body of a create: `create_request! { /// doc \n Name [fields Schema] { own
/// members } }`. With `fields`, the body also takes `excerpt`, `fields` (typed in the
/// document as `Schema`) and `featured_media`.
macro_rules! create_request {
    ($(#[$meta:meta])* $name:ident fields $fields:ty { $($own:tt)* }) => {
        $crate::api::content::request::create_request! {
            @struct $(#[$meta])* $name {
                /// A short plain-text summary (markup is stripped). Default: the first 55
                /// words of the content.
                pub excerpt: Option<String>,
                /// Custom field values, checked against the field groups that apply (422
                /// naming each field that does not fit). Default: none.
                #[schema(value_type = Option<$fields>)]
                pub fields: Option<serde_json::Map<String, serde_json::Value>>,
                /// The featured image's media id. Default: none.
                pub featured_media: Option<i64>,
                $($own)*
            }
        }

        impl $name {
            /// Takes the shared members out, as the domain's part of the write.
            pub fn entry_input(
                &mut self,
            ) -> $crate::error::Result<$crate::content::entry::EntryInput> {
                let mut input = $crate::api::content::request::changed(
                    Some(std::mem::take(&mut self.title)),
                    self.slug.take(),
                    self.status.take(),
                    self.content.take(),
                    self.published_at.take(),
                    self.author.take(),
                )?;
                input.excerpt = self.excerpt.take();
                input.fields = $crate::api::content::request::field_values(self.fields.take());
                input.featured_media = self.featured_media.take().map(Some);
                Ok(input)
            }
        }
    };
    ($(#[$meta:meta])* $name:ident { $($own:tt)* }) => {
        $crate::api::content::request::create_request! {
            @struct $(#[$meta])* $name { $($own)* }
        }

        impl $name {
            /// Takes the shared members out, as the domain's part of the write.
            pub fn entry_input(
                &mut self,
            ) -> $crate::error::Result<$crate::content::entry::EntryInput> {
                $crate::api::content::request::changed(
                    Some(std::mem::take(&mut self.title)),
                    self.slug.take(),
                    self.status.take(),
                    self.content.take(),
                    self.published_at.take(),
                    self.author.take(),
                )
            }
        }
    };
    (@struct $(#[$meta:meta])* $name:ident { $($members:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            /// The title, plain text (trimmed).
            #[schema(min_length = 1, max_length = 1000, pattern = "\\S")]
            pub title: String,
            /// The address name, unique within the kind: lower-case letters, digits and
            /// hyphens. Default: made from the title (`-2`, `-3`, ... added when taken).
            #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 190)]
            pub slug: Option<String>,
            /// Where the item is in its life. Default: `draft`.
            pub status: Option<$crate::content::Status>,
            /// The body, as block markup or a block tree. Default: empty.
            pub content: Option<$crate::api::content::wire::ContentInput>,
            /// When the item is (or will be) public (RFC 3339); a future date with
            /// `status: published` schedules it. Default: now.
            pub published_at: Option<chrono::DateTime<chrono::Utc>>,
            /// The author's user id. Default: you; only editors and admins may name someone
            /// else.
            #[schema(minimum = 1)]
            pub author: Option<i64>,
            $($members)*
        }
    };
}
pub(crate) use create_request;

/// Declares the body of a partial change, like `create_request!`: members left out stay
/// as they are, and `featured_media: null` removes the featured image.
macro_rules! update_request {
    ($(#[$meta:meta])* $name:ident fields $fields:ty { $($own:tt)* }) => {
        $crate::api::content::request::update_request! {
            @struct $(#[$meta])* $name {
                /// An empty excerpt goes back to one derived from the content.
                pub excerpt: Option<String>,
                /// Custom field values to change (others stay); `null` removes a value.
                #[schema(value_type = Option<$fields>)]
                pub fields: Option<serde_json::Map<String, serde_json::Value>>,
                /// The featured image's media id; null removes it.
                #[serde(default, deserialize_with = "crate::http::wire::double_option")]
                #[schema(value_type = Option<i64>)]
                pub featured_media: Option<Option<i64>>,
                $($own)*
            }
        }

        impl $name {
            /// Takes the shared members out, as the domain's part of the write.
            pub fn entry_input(
                &mut self,
            ) -> $crate::error::Result<$crate::content::entry::EntryInput> {
                let mut input = $crate::api::content::request::changed(
                    self.title.take(),
                    self.slug.take(),
                    self.status.take(),
                    self.content.take(),
                    self.published_at.take(),
                    self.author.take(),
                )?;
                input.excerpt = self.excerpt.take();
                input.fields = $crate::api::content::request::field_values(self.fields.take());
                input.featured_media = self.featured_media.take();
                Ok(input)
            }
        }
    };
    ($(#[$meta:meta])* $name:ident { $($own:tt)* }) => {
        $crate::api::content::request::update_request! {
            @struct $(#[$meta])* $name { $($own)* }
        }

        impl $name {
            /// Takes the shared members out, as the domain's part of the write.
            pub fn entry_input(
                &mut self,
            ) -> $crate::error::Result<$crate::content::entry::EntryInput> {
                $crate::api::content::request::changed(
                    self.title.take(),
                    self.slug.take(),
                    self.status.take(),
                    self.content.take(),
                    self.published_at.take(),
                    self.author.take(),
                )
            }
        }
    };
    (@struct $(#[$meta:meta])* $name:ident { $($members:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            /// The title, plain text (trimmed).
            #[schema(min_length = 1, max_length = 1000, pattern = "\\S")]
            pub title: Option<String>,
            /// The address name, unique within the kind: lower-case letters, digits and
            /// hyphens.
            #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 190)]
            pub slug: Option<String>,
            /// Where the item is in its life; `published` with no `published_at` stamps the
            /// current time unless the item holds a future date.
            pub status: Option<$crate::content::Status>,
            /// The new body, replacing the old one whole.
            pub content: Option<$crate::api::content::wire::ContentInput>,
            /// When the item is (or will be) public (RFC 3339); a future date with
            /// `status: published` schedules it.
            pub published_at: Option<chrono::DateTime<chrono::Utc>>,
            /// The author's user id (only editors and admins may name someone else).
            #[schema(minimum = 1)]
            pub author: Option<i64>,
            $($members)*
        }
    };
}
pub(crate) use update_request;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use crate::api::content::wire::ContentInput;
use crate::content::Status;
use crate::content::entry::EntryInput;
use crate::content::field_groups::FieldValues;
use crate::content::terms::Taxonomy;
use crate::error::Result;

/// The members every body has, as the domain's part of a write.
pub fn changed(
    title: Option<String>,
    slug: Option<String>,
    status: Option<Status>,
    content: Option<ContentInput>,
    published_at: Option<DateTime<Utc>>,
    author: Option<i64>,
) -> Result<EntryInput> {
    Ok(EntryInput {
        title,
        slug,
        status,
        content: content.map(ContentInput::into_source).transpose()?,
        published_at: published_at.map(|t| t.naive_utc()),
        author_id: author,
        ..EntryInput::default()
    })
}

/// Custom field values sent in a body: those sent change, the others stay.
pub fn field_values(sent: Option<Map<String, Value>>) -> FieldValues {
    sent.map_or(FieldValues::Keep, FieldValues::Set)
}

/// The terms a body names, by taxonomy; taxonomies left out keep their terms.
pub fn terms<const N: usize>(sent: [(Taxonomy, Option<Vec<i64>>); N]) -> Vec<(Taxonomy, Vec<i64>)> {
    sent.into_iter()
        .filter_map(|(t, ids)| ids.map(|ids| (t, ids)))
        .collect()
}
