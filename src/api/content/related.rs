//! The read model of a page of items: what they refer to, loaded in a fixed number of
//! queries, and turned into the members every item's answer shares (`EntryCore`), the
//! relation ids, custom fields and the objects `include` embeds.

use std::collections::HashMap;

use serde_json::{Map, Value as Json};

use crate::api::content::wire::{
    ContentResponse, Embedded, EntryCore, FieldsEmbedded, ItemSummary, empty_list, raw_json,
};
use crate::api::media::MediaResponse;
use crate::api::terms::TermResponse;
use crate::api::users::PublicUser;
use crate::content::blocks::{self, Block};
use crate::content::body::Library;
use crate::content::counts;
use crate::content::entry::{self, Entry};
use crate::content::entry_media::{DOCUMENT, FEATURED};
use crate::content::relations::{self, Relations};
use crate::content::terms::{self, Taxonomy};
use crate::content::{Kind, Viewer, field_groups};
use crate::db::DbConn;
use crate::error::Result;
use crate::http::wire::utc;

/// Members that embed media, and the `entry_media` role behind each.
const MEDIA_ROLES: [(&str, &str); 2] = [("featured_media", FEATURED), ("document", DOCUMENT)];

/// How a page of items is to be read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    pub viewer: Viewer,
    pub include: Vec<String>,
    pub public_url: String,
    pub links: crate::content::links::Links,
    pub resolve_blocks: bool,
}

/// What a page of entries refers to, loaded in a fixed number of queries.
pub struct Related {
    relations: Relations,
    authors: HashMap<i64, PublicUser>,
    term_objects: HashMap<i64, TermResponse>,
    media_objects: HashMap<i64, MediaResponse>,
    library: Option<Library>,
    fields: HashMap<i64, Map<String, Json>>,
    field_objects: HashMap<i64, FieldsEmbedded>,
    include: Vec<String>,
    links: crate::content::links::Links,
    public_url: String,
}

impl Related {
    pub fn load(
        conn: &mut DbConn,
        kind: Kind,
        entries: &[Entry],
        opts: &ReadOptions,
    ) -> Result<Related> {
        let include = &opts.include;
        let public_url = opts.public_url.as_str();
        let ids: Vec<i64> = entries.iter().map(|e| e.id).collect();
        let relations = relations::load(conn, &ids)?;
        // Media used by an item the reader can see is visible to them too.
        let mut media_objects = HashMap::new();
        let media_roles: Vec<&str> = MEDIA_ROLES
            .iter()
            .filter(|(member, _)| include.iter().any(|i| i == member))
            .map(|(_, role)| *role)
            .collect();
        if !media_roles.is_empty() {
            let mut media_ids: Vec<i64> = relations
                .media
                .values()
                .flatten()
                .filter(|(role, _)| media_roles.contains(&role.as_str()))
                .map(|(_, id)| *id)
                .collect();
            media_ids.sort_unstable();
            media_ids.dedup();
            for m in crate::media::find_many(conn, &media_ids)? {
                media_objects.insert(m.id, MediaResponse::new(m, public_url));
            }
        }
        let mut authors = HashMap::new();
        if include.iter().any(|i| i == "author") {
            let mut author_ids: Vec<i64> = entries.iter().map(|e| e.author_id).collect();
            author_ids.sort_unstable();
            author_ids.dedup();
            for u in crate::users::find_many(conn, &author_ids)? {
                authors.insert(u.id, PublicUser::from(&u));
            }
        }
        let mut term_objects = HashMap::new();
        let wanted: Vec<Taxonomy> = Taxonomy::ALL
            .into_iter()
            .filter(|t| include.iter().any(|i| i == t.field()))
            .collect();
        if !wanted.is_empty() {
            let mut term_ids: Vec<i64> = relations
                .terms
                .values()
                .flatten()
                .filter(|(t, _)| wanted.contains(t))
                .map(|(_, id)| *id)
                .collect();
            term_ids.sort_unstable();
            term_ids.dedup();
            let counts = counts::of_terms(conn, &term_ids)?;
            for t in terms::find_many(conn, &term_ids)? {
                term_objects.insert(t.id, TermResponse::new(&t, counts.get(&t.id)));
            }
        }
        let library = if opts.resolve_blocks && !relations.block_refs.is_empty() {
            let mut refs: Vec<i64> = relations.block_refs.values().flatten().copied().collect();
            refs.sort_unstable();
            refs.dedup();
            Some(Library::load(conn, opts.viewer, refs)?)
        } else {
            None
        };
        let term_sets = ids
            .iter()
            .map(|id| {
                let set = relations
                    .terms
                    .get(id)
                    .map(|ts| ts.iter().map(|(_, t)| *t).collect())
                    .unwrap_or_default();
                (*id, set)
            })
            .collect();
        let stored: Vec<(i64, &str)> = entries.iter().map(|e| (e.id, e.fields.as_str())).collect();
        let embed_fields = include.iter().any(|i| i == "fields");
        let (fields, field_refs) =
            field_groups::views(conn, kind, &stored, term_sets, embed_fields)?;
        let field_objects = if embed_fields {
            embed_field_targets(conn, opts, &field_refs)?
        } else {
            HashMap::new()
        };
        Ok(Related {
            relations,
            authors,
            term_objects,
            media_objects,
            library,
            fields,
            field_objects,
            include: opts.include.clone(),
            links: opts.links.clone(),
            public_url: opts.public_url.clone(),
        })
    }

    /// The shared members of an item, its body resolved as asked.
    pub fn core(&self, e: Entry) -> EntryCore {
        let content = match (&self.library, self.relations.block_refs.contains_key(&e.id)) {
            (Some(lib), true) => {
                let mut tree: Vec<Block> =
                    serde_json::from_str(&e.content_blocks).unwrap_or_default();
                lib.resolve(&mut tree);
                ContentResponse {
                    html: blocks::render(&tree),
                    blocks: serde_json::value::to_raw_value(&tree).unwrap_or_else(|_| empty_list()),
                }
            }
            _ => ContentResponse {
                html: e.content_html.clone(),
                blocks: raw_json(e.content_blocks.clone()),
            },
        };
        let kind = e.kind;
        let link = self.links.link(kind, e.id, &e.slug, None);
        let oembed_url = link
            .as_deref()
            .filter(|_| matches!(kind, Kind::Post | Kind::Resource | Kind::Event))
            .map(|l| {
                format!(
                    "{}/oembed?url={}&format=json",
                    self.public_url,
                    form_urlencoded::byte_serialize(l.as_bytes()).collect::<String>()
                )
            });
        EntryCore::new(e, content, link, oembed_url)
    }

    /// The public address of a page, whose pattern may use its path.
    pub fn page_link(&self, id: i64, slug: &str, path: &str) -> Option<String> {
        self.links.link(Kind::Page, id, slug, Some(path))
    }

    /// The custom field values readers see.
    pub fn fields(&self, entry: i64) -> Map<String, Json> {
        self.fields.get(&entry).cloned().unwrap_or_default()
    }

    /// The ids of an entry's terms of one taxonomy.
    pub fn term_ids(&self, entry: i64, taxonomy: Taxonomy) -> Vec<i64> {
        self.relations.term_ids(entry, taxonomy)
    }

    /// The id of the media an entry uses in `role` (`featured`, `document`).
    pub fn media_id(&self, entry: i64, role: &str) -> Option<i64> {
        self.relations.media_id(entry, role)
    }

    fn media_object(&self, entry: i64, role: &str) -> Option<MediaResponse> {
        self.media_id(entry, role)
            .and_then(|id| self.media_objects.get(&id))
            .cloned()
    }

    pub fn embedded(&self, entry: &Entry) -> Option<Embedded> {
        if self.include.is_empty() {
            return None;
        }
        let has = |name: &str| self.include.iter().any(|i| i == name);
        let terms_of = |taxonomy: Taxonomy| {
            has(taxonomy.field()).then(|| {
                self.term_ids(entry.id, taxonomy)
                    .iter()
                    .filter_map(|id| self.term_objects.get(id).cloned())
                    .collect()
            })
        };
        Some(Embedded {
            author: if has("author") {
                self.authors.get(&entry.author_id).cloned()
            } else {
                None
            },
            tags: terms_of(Taxonomy::Tag),
            categories: terms_of(Taxonomy::Category),
            resource_types: terms_of(Taxonomy::ResourceType),
            event_categories: terms_of(Taxonomy::EventCategory),
            featured_media: if has("featured_media") {
                self.media_object(entry.id, FEATURED)
            } else {
                None
            },
            document: if has("document") {
                self.media_object(entry.id, "document")
            } else {
                None
            },
            fields: has("fields").then(|| {
                self.field_objects
                    .get(&entry.id)
                    .cloned()
                    .unwrap_or_default()
            }),
        })
    }
}

/// Loads what the custom fields of a page of items point to, in two queries, keeping
/// only what the reader may see.
fn embed_field_targets(
    conn: &mut DbConn,
    opts: &ReadOptions,
    refs: &HashMap<i64, crate::content::fields::Refs>,
) -> Result<HashMap<i64, FieldsEmbedded>> {
    let mut item_ids: Vec<i64> = refs
        .values()
        .flat_map(|r| r.entries.iter().map(|e| e.1))
        .collect();
    item_ids.sort_unstable();
    item_ids.dedup();
    let mut media_ids: Vec<i64> = refs
        .values()
        .flat_map(|r| r.media.iter().map(|m| m.1))
        .collect();
    media_ids.sort_unstable();
    media_ids.dedup();
    let now = crate::db::now();
    let mut items = HashMap::new();
    for e in entry::find_many(conn, &item_ids)? {
        let kind = e.kind;
        if !Kind::WITH_FIELDS.contains(&kind)
            || !opts
                .viewer
                .can_read(e.status, e.author_id, e.published_at, now)
        {
            continue;
        }
        items.insert(
            e.id,
            ItemSummary {
                id: e.id,
                kind: kind.collection().to_owned(),
                status: e.status,
                slug: e.slug,
                title: e.title,
                excerpt: e.excerpt,
                published_at: utc(e.published_at),
            },
        );
    }
    // The media of a visible item's fields are visible with it.
    let mut media = HashMap::new();
    for m in crate::media::find_many(conn, &media_ids)? {
        media.insert(m.id, MediaResponse::new(m, &opts.public_url));
    }
    Ok(refs
        .iter()
        .map(|(entry, r)| {
            let mut seen_items = std::collections::HashSet::new();
            let mut seen_media = std::collections::HashSet::new();
            (
                *entry,
                FieldsEmbedded {
                    items: r
                        .entries
                        .iter()
                        .filter(|e| seen_items.insert(e.1))
                        .filter_map(|e| items.get(&e.1).cloned())
                        .collect(),
                    media: r
                        .media
                        .iter()
                        .filter(|m| seen_media.insert(m.1))
                        .filter_map(|m| media.get(&m.1).cloned())
                        .collect(),
                },
            )
        })
        .collect())
}
