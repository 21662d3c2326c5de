//! Answers assembled from rendered items: what anonymous readers get for lists and single
//! items. Each item is built and serialised once per change (`http::render`), then lists,
//! sparse fieldsets and `include` are written from its members; the bytes are the same as
//! building the items anew.

use std::sync::Arc;

use crate::api::content::embeds::Embeds;
use crate::api::content::related::Related;
use crate::api::content::{ReadOptions, WireKind};
use crate::content::entry;
use crate::db::DbConn;
use crate::error::{Error, Result};
use crate::http::cache::ValidUntil;
use crate::http::render::{FragmentCache, RenderCache, Rendered};

/// The rendered items of these ids, in order: from the cache, or rendered now and kept
/// (ids of items that vanished meanwhile are left out). `opts` are anonymous readers'.
pub fn rendered<K: WireKind>(
    conn: &mut DbConn,
    ids: &[i64],
    opts: &ReadOptions,
    cache: &RenderCache,
) -> Result<Vec<Arc<Rendered>>> {
    let keys: Vec<_> = ids.iter().map(|id| (K::KIND, *id)).collect();
    let mut found = cache.get_many(&keys);
    let missing: Vec<i64> = ids
        .iter()
        .zip(&found)
        .filter(|(_, r)| r.is_none())
        .map(|(id, _)| *id)
        .collect();
    if !missing.is_empty() {
        let ticket = cache.ticket();
        let entries = entry::find_ordered(conn, &missing)?;
        let render = ReadOptions {
            include: Vec::new(),
            keep_refs: true,
            ..opts.clone()
        };
        let related = Related::load(conn, K::KIND, &entries, &render)?;
        let details = K::load_details(conn, &entries)?;
        for e in entries {
            let id = e.id;
            let refs = related.refs(id);
            let item = K::item(e, &related, &details);
            let json = serde_json::to_string(&item).map_err(Error::internal)?;
            let r = Arc::new(Rendered::new(&json, refs, K::valid_until(&item))?);
            cache.put((K::KIND, id), r.clone(), ticket);
            if let Some(slot) = ids.iter().position(|i| *i == id) {
                found[slot] = Some(r);
            }
        }
    }
    Ok(found.into_iter().flatten().collect())
}

/// Until when an answer made of these items holds.
pub fn valid_until(items: &[Arc<Rendered>]) -> Option<ValidUntil> {
    use crate::http::cache::Weighed;
    ValidUntil::earliest(items.iter().filter_map(|r| r.expires()))
}

/// Writes items into `out`, with what `opts.include` embeds (terms and authors from
/// `fragments` when it holds them) and only the members `fields` names: one object, or
/// (with `list`) an array of them.
pub fn write(
    conn: &mut DbConn,
    out: &mut Vec<u8>,
    items: &[Arc<Rendered>],
    opts: &ReadOptions,
    fields: Option<&[String]>,
    list: bool,
    fragments: &FragmentCache,
) -> Result<()> {
    let wants_embedded = fields.is_none_or(|f| f.iter().any(|m| m == "embedded"));
    let embeds = if opts.include.is_empty() || !wants_embedded {
        None
    } else {
        let refs: Vec<_> = items.iter().map(|r| &r.refs).collect();
        Some(Embeds::load(conn, opts, &refs, Some(fragments))?)
    };
    if fields.is_none() {
        out.reserve(items.iter().map(|r| r.json_len() + 1).sum::<usize>() + 2);
    }
    let mut embedded = Vec::new();
    if list {
        out.push(b'[');
    }
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        embedded.clear();
        let with = match embeds.as_ref().and_then(|e| e.embedded(&item.refs)) {
            Some(e) => {
                serde_json::to_writer(&mut embedded, &e).map_err(Error::internal)?;
                Some(embedded.as_slice())
            }
            None => None,
        };
        item.write(out, fields, with);
    }
    if list {
        out.push(b']');
    }
    Ok(())
}
