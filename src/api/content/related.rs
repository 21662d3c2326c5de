//! The read model of a page of items: what they refer to, loaded in a fixed number of
//! queries, and turned into the members every item's answer shares (`EntryCore`), the
//! relation ids and custom fields; `embeds` adds what `include` asks for.

use std::collections::HashMap;

use serde_json::{Map, Value as Json};

use crate::api::content::ReadOptions;
use crate::api::content::embeds::Embeds;
use crate::api::content::wire::{ContentResponse, Embedded, EntryCore, empty_list, raw_json};
use crate::content::blocks::{self, Block};
use crate::content::body::Library;
use crate::content::entry::Entry;
use crate::content::relations::{self, Relations};
use crate::content::terms::Taxonomy;
use crate::content::{Kind, field_groups};
use crate::db::DbConn;
use crate::error::Result;
use crate::http::render::ItemRefs;

/// What a page of entries refers to, loaded in a fixed number of queries: what their
/// answers are made of, and what `include` embeds in them.
pub struct Related {
    relations: Relations,
    library: Option<Library>,
    fields: HashMap<i64, Map<String, Json>>,
    refs: HashMap<i64, ItemRefs>,
    embeds: Embeds,
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
        let ids: Vec<i64> = entries.iter().map(|e| e.id).collect();
        let relations = relations::load(conn, &ids)?;
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
        let with_refs = opts.keep_refs || opts.include.iter().any(|i| i == "fields");
        let (fields, mut field_refs) =
            field_groups::views(conn, kind, &stored, term_sets, with_refs)?;
        let refs: HashMap<i64, ItemRefs> = entries
            .iter()
            .map(|e| {
                let refs = ItemRefs {
                    id: e.id,
                    author: e.author_id,
                    terms: relations.terms.get(&e.id).cloned().unwrap_or_default(),
                    media: relations.media.get(&e.id).cloned().unwrap_or_default(),
                    fields: field_refs.remove(&e.id).unwrap_or_default(),
                };
                (e.id, refs)
            })
            .collect();
        let embeds = Embeds::load(conn, opts, &refs.values().collect::<Vec<_>>(), None)?;
        Ok(Related {
            relations,
            library,
            fields,
            refs,
            embeds,
            links: opts.links.clone(),
            public_url: opts.public_url.clone(),
        })
    }

    /// What an entry of the page refers to.
    pub fn refs(&self, entry: i64) -> ItemRefs {
        self.refs.get(&entry).cloned().unwrap_or_default()
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

    /// What `include` embeds in an entry of the page.
    pub fn embedded(&self, entry: &Entry) -> Option<Embedded> {
        self.refs
            .get(&entry.id)
            .and_then(|r| self.embeds.embedded(r))
    }
}
