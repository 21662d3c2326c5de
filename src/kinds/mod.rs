//! The kinds of content, one module each; what they share is in `common`.

pub mod common;
pub mod handlers;
pub mod pages;
pub mod posts;
pub mod resources;
pub mod taxonomies;
