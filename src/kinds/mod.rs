//! The kinds of content, one module each; what they share is in `common`.

pub mod blocks;
pub mod common;
pub mod event_feeds;
pub mod events;
pub mod field_groups;
pub mod handlers;
pub mod pages;
pub mod posts;
pub mod resources;
pub mod taxonomies;
