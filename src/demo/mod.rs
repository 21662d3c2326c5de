//! Demo content for `serve --demo`, made from the real WordPress site's export.

use diesel::prelude::*;
use serde::Deserialize;

use crate::content::blocks;
use crate::content::body::{self, ContentSource};
use crate::content::entry::EntryInput;
use crate::content::field_groups::{self, FieldValues, GroupInput};
use crate::content::posts::Posts;
use crate::content::resources::{ResourceChanges, Resources};
use crate::content::reusable::ReusableBlocks;
use crate::content::terms::{self, Taxonomy, TermInput};
use crate::content::{Role, Status, Viewer, items};
use crate::db::DbConn;
use crate::db::schema::entries;
use crate::error::{Error, Result};
use crate::media::storage::Storage;
use crate::media::{self, Described, Incoming};
use crate::users::{self, CreateUser};
use std::collections::HashMap;

#[derive(Deserialize)]
struct Demo {
    categories: Vec<DemoTerm>,
    tags: Vec<DemoTerm>,
    resource_types: Vec<DemoTerm>,
    posts: Vec<DemoPost>,
    resources: Vec<DemoResource>,
    blocks: Vec<DemoBlock>,
}

/// A reusable block (`wp_block`); posts refer to it by its WordPress id.
#[derive(Deserialize)]
struct DemoBlock {
    wp_id: i64,
    title: String,
    slug: String,
    content: String,
}

#[derive(Deserialize)]
struct DemoResource {
    title: String,
    slug: String,
    published_at: chrono::DateTime<chrono::Utc>,
    content: String,
    summary: String,
    resource_types: Vec<String>,
    tags: Vec<String>,
    publisher: String,
    language: String,
    external_url: String,
    document: Option<String>,
    document_title: Option<String>,
    fields: serde_json::Map<String, serde_json::Value>,
}

/// The documents of the demo resources, by their WordPress upload path.
const FILES: [(&str, &[u8]); 2] = [
    (
        "2021/02/public-procurement-and-human-rights-in-northern-ireland.pdf",
        include_bytes!("files/public-procurement-and-human-rights-in-northern-ireland.pdf"),
    ),
    (
        "2020/03/guidance-tool-for-construction-companies-in-the-middle-east.pdf",
        include_bytes!("files/guidance-tool-for-construction-companies-in-the-middle-east.pdf"),
    ),
];

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
    /// The password of the `admin` user made for the demo; `None` when one existed.
    pub admin_password: Option<String>,
    pub posts: usize,
    pub resources: usize,
    pub events: usize,
}

/// Fills an empty database with demo content; does nothing when content exists.
pub fn seed(conn: &mut DbConn, storage: &dyn Storage) -> Result<Option<Seeded>> {
    let existing: i64 = entries::table.count().get_result(conn)?;
    if existing > 0 {
        return Ok(None);
    }
    let demo: Demo = serde_json::from_str(include_str!("content.json")).map_err(Error::internal)?;
    crate::db::transaction(conn, |conn| {
        let mut admin_password = None;
        let admin = match users::find_by_username(conn, "admin")? {
            Some(u) => u,
            None => users::create(
                conn,
                CreateUser {
                    username: "admin".into(),
                    password: Some(admin_password.insert(random_password()).clone()),
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
        let mut category_ids = HashMap::new();
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
        let mut tag_ids = HashMap::new();
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
        // Reusable blocks first, so that posts can refer to their new ids.
        let mut block_ids = HashMap::new();
        for b in &demo.blocks {
            let e = items::create::<ReusableBlocks>(
                conn,
                viewer,
                EntryInput {
                    title: Some(b.title.clone()),
                    slug: Some(b.slug.clone()),
                    status: Some(Status::Published),
                    content: Some(ContentSource::Html(b.content.clone())),
                    ..Default::default()
                },
                (),
            )?;
            block_ids.insert(b.wp_id, e.id);
        }
        let remap = |content: &str| {
            let mut tree = blocks::parse(content);
            body::remap_refs(&mut tree, &|wp| block_ids.get(&wp).copied());
            ContentSource::Blocks(tree)
        };
        field_groups::create(conn, resource_details_group(&demo))?;
        for p in &demo.posts {
            let pick = |slugs: &[String], ids: &HashMap<String, i64>| {
                slugs
                    .iter()
                    .filter_map(|s| ids.get(s).copied())
                    .collect::<Vec<_>>()
            };
            items::create::<Posts>(
                conn,
                viewer,
                EntryInput {
                    title: Some(p.title.clone()),
                    slug: Some(p.slug.clone()),
                    status: Some(Status::Published),
                    excerpt: Some(p.excerpt.clone()),
                    content: Some(remap(&p.content)),
                    published_at: Some(p.published_at.naive_utc()),
                    author_id: None,
                    terms: vec![
                        (Taxonomy::Category, pick(&p.categories, &category_ids)),
                        (Taxonomy::Tag, pick(&p.tags, &tag_ids)),
                    ],
                    ..Default::default()
                },
                (),
            )?;
        }
        let mut type_ids = HashMap::new();
        for t in &demo.resource_types {
            let term = terms::create(
                conn,
                Taxonomy::ResourceType,
                TermInput {
                    name: Some(t.name.clone()),
                    slug: Some(t.slug.clone()),
                    ..Default::default()
                },
            )?;
            type_ids.insert(t.slug.clone(), term.id);
        }
        for r in &demo.resources {
            let pick = |slugs: &[String], ids: &HashMap<String, i64>| {
                slugs
                    .iter()
                    .filter_map(|s| ids.get(s).copied())
                    .collect::<Vec<_>>()
            };
            let document = match &r.document {
                Some(path) => {
                    let (_, bytes) = FILES
                        .iter()
                        .find(|(p, _)| p == path)
                        .ok_or_else(|| Error::internal(format!("demo file {path} is missing")))?;
                    let name = path.rsplit('/').next().unwrap_or("document.pdf");
                    let incoming = Incoming::from_bytes(storage, name, bytes)?;
                    let title = r.document_title.clone().unwrap_or_default();
                    let meta = Described {
                        title,
                        ..Default::default()
                    };
                    Some(media::ingest(conn, storage, incoming, meta, Some(admin.id))?.id)
                }
                None => None,
            };
            let changes = ResourceChanges::new(
                &r.summary,
                &r.publisher,
                &r.language,
                &r.external_url,
                document,
            )?;
            items::create::<Resources>(
                conn,
                viewer,
                EntryInput {
                    title: Some(r.title.clone()),
                    slug: Some(r.slug.clone()),
                    status: Some(Status::Published),
                    excerpt: Some(r.summary.clone()),
                    content: Some(ContentSource::Html(r.content.clone())),
                    published_at: Some(r.published_at.naive_utc()),
                    author_id: None,
                    terms: vec![
                        (Taxonomy::ResourceType, pick(&r.resource_types, &type_ids)),
                        (Taxonomy::Tag, pick(&r.tags, &tag_ids)),
                    ],
                    fields: FieldValues::Set(r.fields.clone()),
                    ..Default::default()
                },
                changes,
            )?;
        }
        // The site's event calendar, as its plugin exported it (some events recur).
        let events = crate::import::ics::import(
            conn,
            include_str!("events.ics"),
            &crate::import::ics::Options {
                author: Some(admin.username.clone()),
                dry_run: false,
            },
        )
        .map_err(|e| Error::internal(format!("demo events: {e}")))?;
        Ok(Some(Seeded {
            admin_password,
            posts: demo.posts.len(),
            resources: demo.resources.len(),
            events: events.kinds.get("events").map_or(0, |t| t.created),
        }))
    })
}

/// The demo's custom fields on resources, after the site's ACF group "Resource details".
fn resource_details_group(demo: &Demo) -> GroupInput {
    let mut countries: Vec<&str> = demo
        .resources
        .iter()
        .filter_map(|r| r.fields.get("countries")?.as_array())
        .flatten()
        .filter_map(serde_json::Value::as_str)
        .collect();
    countries.sort_unstable();
    countries.dedup();
    crate::content::resources::details_group(&countries)
}

fn random_password() -> String {
    use base64::Engine;
    let mut bytes = [0u8; 12];
    rand::fill(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}
