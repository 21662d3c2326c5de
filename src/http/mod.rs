//! The HTTP platform that the API and the embeds stand on: the application state and how
//! handlers reach the database, who is asking, errors as problem+json, extractors, list
//! envelopes, caching and the OpenAPI document's conventions.

pub mod anonymous;
pub mod auth;
pub mod cache;
pub mod client;
pub mod edge;
pub mod extract;
pub mod freshness;
pub mod heavy;
pub mod list;
pub mod metrics;
pub mod openapi;
pub mod outbound;
pub mod platform;
pub mod problem;
pub mod render;
pub mod request_id;
pub mod scopes;
pub mod state;
pub mod timeline;
pub mod wire;
