//! Demo content for `serve --demo`, made from the real WordPress site's export.

use diesel::prelude::*;
use serde::Deserialize;

use crate::content::entry::{self, EntryInput};
use crate::content::terms::{self, Taxonomy, TermInput};
use crate::content::{Kind, Status, Viewer};
use crate::db::DbConn;
use crate::db::schema::entries;
use crate::error::{Error, Result};
use crate::users::{self, CreateUser, Role};

#[derive(Deserialize)]
struct Demo {
    categories: Vec<DemoTerm>,
    tags: Vec<DemoTerm>,
    posts: Vec<DemoPost>,
}

#[derive(Deserialize)]
struct DemoTerm {
    slug: String,
    name: String,
}

#[derive(Deserialize)]
struct DemoPost {
    title: String,
    slug: String,
    published_at: chrono::DateTime<chrono::Utc>,
    content: String,
    excerpt: String,
    categories: Vec<String>,
    tags: Vec<String>,
}

pub struct Seeded {
    pub admin_password: String,
    pub posts: usize,
}

/// Fills an empty database with demo content; does nothing when content exists.
pub fn seed(conn: &mut DbConn) -> Result<Option<Seeded>> {
    let existing: i64 = entries::table.count().get_result(conn)?;
    if existing > 0 {
        return Ok(None);
    }
    let demo: Demo = serde_json::from_str(include_str!("content.json")).map_err(Error::internal)?;
    crate::state::transaction(conn, |conn| {
        let admin_password = random_password();
        let admin = match users::find_by_username(conn, "admin")? {
            Some(u) => u,
            None => users::create(
                conn,
                CreateUser {
                    username: "admin".into(),
                    password: Some(admin_password.clone()),
                    display_name: "Site Admin".into(),
                    email: "admin@example.org".into(),
                    role: Role::Admin,
                },
            )?,
        };
        let viewer = Viewer::User {
            id: admin.id,
            role: Role::Admin,
        };
        let mut category_ids = std::collections::HashMap::new();
        for c in &demo.categories {
            let t = terms::create(
                conn,
                Taxonomy::Category,
                TermInput {
                    name: Some(c.name.clone()),
                    slug: Some(c.slug.clone()),
                    ..Default::default()
                },
            )?;
            category_ids.insert(c.slug.clone(), t.id);
        }
        let mut tag_ids = std::collections::HashMap::new();
        for c in &demo.tags {
            let t = terms::create(
                conn,
                Taxonomy::Tag,
                TermInput {
                    name: Some(c.name.clone()),
                    slug: Some(c.slug.clone()),
                    ..Default::default()
                },
            )?;
            tag_ids.insert(c.slug.clone(), t.id);
        }
        for p in &demo.posts {
            let pick = |slugs: &[String], ids: &std::collections::HashMap<String, i64>| {
                slugs
                    .iter()
                    .filter_map(|s| ids.get(s).copied())
                    .collect::<Vec<_>>()
            };
            entry::create(
                conn,
                Kind::Post,
                viewer,
                EntryInput {
                    title: Some(p.title.clone()),
                    slug: Some(p.slug.clone()),
                    status: Some(Status::Published),
                    excerpt: Some(p.excerpt.clone()),
                    content_html: Some(p.content.clone()),
                    published_at: Some(p.published_at.naive_utc()),
                    author_id: None,
                    terms: vec![
                        (Taxonomy::Category, pick(&p.categories, &category_ids)),
                        (Taxonomy::Tag, pick(&p.tags, &tag_ids)),
                    ],
                    featured_media: None,
                },
            )?;
        }
        Ok(Some(Seeded {
            admin_password,
            posts: demo.posts.len(),
        }))
    })
}

fn random_password() -> String {
    use base64::Engine;
    let mut bytes = [0u8; 12];
    rand::fill(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}
