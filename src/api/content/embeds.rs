//! What `include` embeds in items: their authors, terms (with counts), media, and what
//! their custom fields point to, loaded in a fixed number of queries for a whole page and
//! only as the reader may see them.

use std::collections::HashMap;
use std::sync::Arc;

use crate::api::content::ReadOptions;
use crate::api::content::wire::{Embedded, FieldsEmbedded, ItemSummary};
use crate::api::media::MediaResponse;
use crate::api::terms::TermResponse;
use crate::api::users::PublicUser;
use crate::content::entry;
use crate::content::entry_media::{DOCUMENT, FEATURED};
use crate::content::terms::{self, Taxonomy};
use crate::content::{Kind, counts};
use crate::db::DbConn;
use crate::error::Result;
use crate::http::render::{Embeddable, Fragment, FragmentCache, ItemRefs, Shared};
use crate::http::wire::utc;

/// Members that embed media, and the `entry_media` role behind each.
const MEDIA_ROLES: [(&str, &str); 2] = [("featured_media", FEATURED), ("document", DOCUMENT)];

/// The objects `include` names, for a page of items.
#[derive(Default)]
pub struct Embeds {
    include: Vec<String>,
    authors: HashMap<i64, Arc<Fragment>>,
    terms: HashMap<i64, Arc<Fragment>>,
    media: HashMap<i64, MediaResponse>,
    fields: HashMap<i64, FieldsEmbedded>,
}

impl Embeds {
    /// Loads what `include` names for these items. Terms and authors read the same for
    /// every reader: with `fragments`, those serialised since the last change are taken
    /// from it, and only the others are loaded (and kept).
    pub fn load(
        conn: &mut DbConn,
        opts: &ReadOptions,
        items: &[&ItemRefs],
        fragments: Option<&FragmentCache>,
    ) -> Result<Embeds> {
        let include = &opts.include;
        let has = |name: &str| include.iter().any(|i| i == name);
        let mut embeds = Embeds {
            include: include.clone(),
            ..Embeds::default()
        };
        if include.is_empty() {
            return Ok(embeds);
        }
        // Media used by an item the reader can see is visible to them too.
        let roles: Vec<&str> = MEDIA_ROLES
            .iter()
            .filter(|(member, _)| has(member))
            .map(|(_, role)| *role)
            .collect();
        if !roles.is_empty() {
            let mut ids: Vec<i64> = items
                .iter()
                .flat_map(|i| i.media.iter())
                .filter(|(role, _)| roles.contains(&role.as_str()))
                .map(|(_, id)| *id)
                .collect();
            ids.sort_unstable();
            ids.dedup();
            for m in crate::media::find_many(conn, &ids)? {
                embeds
                    .media
                    .insert(m.id, MediaResponse::new(m, &opts.public_url));
            }
        }
        if has("author") {
            let ids: Vec<i64> = items.iter().map(|i| i.author).collect();
            let (ticket, missing) = cached(fragments, ids, Embeddable::Author, &mut embeds.authors);
            for u in crate::users::find_many(conn, &missing)? {
                let fragment = Arc::new(Fragment::new(&PublicUser::from(&u))?);
                keep(fragments, ticket, Embeddable::Author(u.id), &fragment);
                embeds.authors.insert(u.id, fragment);
            }
        }
        let wanted: Vec<Taxonomy> = Taxonomy::ALL
            .into_iter()
            .filter(|t| has(t.field()))
            .collect();
        if !wanted.is_empty() {
            let ids: Vec<i64> = items
                .iter()
                .flat_map(|i| i.terms.iter())
                .filter(|(t, _)| wanted.contains(t))
                .map(|(_, id)| *id)
                .collect();
            let (ticket, missing) = cached(fragments, ids, Embeddable::Term, &mut embeds.terms);
            if !missing.is_empty() {
                let counts = counts::of_terms(conn, &missing)?;
                for t in terms::find_many(conn, &missing)? {
                    let fragment =
                        Arc::new(Fragment::new(&TermResponse::new(&t, counts.get(&t.id)))?);
                    keep(fragments, ticket, Embeddable::Term(t.id), &fragment);
                    embeds.terms.insert(t.id, fragment);
                }
            }
        }
        if has("fields") {
            embeds.fields = field_targets(conn, opts, items)?;
        }
        Ok(embeds)
    }

    /// What `include` embeds in one item; `None` when it names nothing.
    pub fn embedded(&self, item: &ItemRefs) -> Option<Embedded> {
        if self.include.is_empty() {
            return None;
        }
        let has = |name: &str| self.include.iter().any(|i| i == name);
        let terms_of = |taxonomy: Taxonomy| {
            has(taxonomy.field()).then(|| {
                item.terms
                    .iter()
                    .filter(|(t, _)| *t == taxonomy)
                    .filter_map(|(_, id)| self.terms.get(id).cloned().map(Shared))
                    .collect()
            })
        };
        let media = |member: &str, role: &str| {
            has(member)
                .then(|| item.media.iter().find(|(r, _)| r == role))
                .flatten()
                .and_then(|(_, id)| self.media.get(id).cloned())
        };
        Some(Embedded {
            author: has("author")
                .then(|| self.authors.get(&item.author).cloned().map(Shared))
                .flatten(),
            tags: terms_of(Taxonomy::Tag),
            categories: terms_of(Taxonomy::Category),
            resource_types: terms_of(Taxonomy::ResourceType),
            event_categories: terms_of(Taxonomy::EventCategory),
            featured_media: media("featured_media", FEATURED),
            document: media("document", DOCUMENT),
            fields: has("fields").then(|| self.fields.get(&item.id).cloned().unwrap_or_default()),
        })
    }
}

/// Takes from the cache what it holds of `ids` into `found`; returns what the rest is to
/// be kept under, and the rest (sorted, without repeats).
fn cached(
    fragments: Option<&FragmentCache>,
    mut ids: Vec<i64>,
    key: fn(i64) -> Embeddable,
    found: &mut HashMap<i64, Arc<Fragment>>,
) -> (Option<crate::http::freshness::Ticket>, Vec<i64>) {
    ids.sort_unstable();
    ids.dedup();
    let Some(cache) = fragments.filter(|c| c.enabled()) else {
        return (None, ids);
    };
    // Taken before anything is read, so that a change meanwhile keeps it out of the cache.
    let ticket = cache.ticket();
    let keys: Vec<Embeddable> = ids.iter().map(|id| key(*id)).collect();
    let mut missing = Vec::new();
    for (id, fragment) in ids.into_iter().zip(cache.get_many(&keys)) {
        match fragment {
            Some(fragment) => {
                found.insert(id, fragment);
            }
            None => missing.push(id),
        }
    }
    (Some(ticket), missing)
}

fn keep(
    fragments: Option<&FragmentCache>,
    ticket: Option<crate::http::freshness::Ticket>,
    key: Embeddable,
    fragment: &Arc<Fragment>,
) {
    if let (Some(cache), Some(ticket)) = (fragments, ticket) {
        cache.put(key, fragment.clone(), ticket);
    }
}

/// Loads what the custom fields of a page of items point to, in two queries, keeping
/// only what the reader may see.
fn field_targets(
    conn: &mut DbConn,
    opts: &ReadOptions,
    items: &[&ItemRefs],
) -> Result<HashMap<i64, FieldsEmbedded>> {
    let mut item_ids: Vec<i64> = items
        .iter()
        .flat_map(|i| i.fields.entries.iter().map(|e| e.1))
        .collect();
    item_ids.sort_unstable();
    item_ids.dedup();
    let mut media_ids: Vec<i64> = items
        .iter()
        .flat_map(|i| i.fields.media.iter().map(|m| m.1))
        .collect();
    media_ids.sort_unstable();
    media_ids.dedup();
    let now = crate::db::now();
    let mut summaries = HashMap::new();
    for e in entry::find_many(conn, &item_ids)? {
        let kind = e.kind;
        if !Kind::WITH_FIELDS.contains(&kind)
            || !opts
                .viewer
                .can_read(e.status, e.author_id, e.published_at, now)
        {
            continue;
        }
        summaries.insert(
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
    Ok(items
        .iter()
        .map(|item| {
            let r = &item.fields;
            let mut seen_items = std::collections::HashSet::new();
            let mut seen_media = std::collections::HashSet::new();
            (
                item.id,
                FieldsEmbedded {
                    items: r
                        .entries
                        .iter()
                        .filter(|e| seen_items.insert(e.1))
                        .filter_map(|e| summaries.get(&e.1).cloned())
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
