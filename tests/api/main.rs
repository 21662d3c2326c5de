//! The API test suite: one binary, the same tests on SQLite and (with TEST_DATABASE_URL)
//! PostgreSQL.

mod support;

mod architecture;
mod audit;
mod auth;
mod backup;
mod blocks;
mod cache;
mod changes;
mod counts;
mod database;
mod embeds;
mod events;
mod fields;
mod generate;
mod imports;
mod media;
mod metrics;
mod openapi;
mod openapi_examples;
mod openapi_text;
mod pages;
mod partners;
mod platform;
mod posts;
mod reliability;
mod resources;
mod terms;
mod tokens;
mod users;
mod visibility;
mod webhooks;
mod wordpress;
mod wp_api;
mod wp_sync;
