//! The HTTP platform: errors, extractors, lists, caching and the OpenAPI document.

pub mod auth;
pub mod extract;
pub mod list;
pub mod openapi;
pub mod platform;
pub mod problem;
