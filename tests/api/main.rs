//! The API test suite: one binary, the same tests on SQLite and (with TEST_DATABASE_URL)
//! PostgreSQL.

mod support;

mod database;
mod openapi;
mod pages;
mod platform;
mod posts;
mod terms;
mod visibility;
