//! Block content: reusable blocks (imported before the items that use them) and each
//! item's references to them, pointed at the imported blocks.

use std::collections::HashSet;

use crate::content::blocks::{self, Block, REUSABLE};
use crate::content::body::{self, ContentSource};
use crate::content::entry::{self, EntryInput};
use crate::content::reusable::ReusableBlocks;
use crate::content::{Kind, items};
use crate::db::DbConn;
use crate::import::wxr::Item;
use crate::import::{ImportError, Outcome, origins};

use super::write::{entry_input, viewer_for, write};
use super::{Ctx, fingerprint, label};

/// Parses content, pointing reusable block references at the imported blocks; references
/// to blocks that were not imported are dropped (and noted).
pub(super) fn content(ctx: &mut Ctx, item: &Item) -> ContentSource {
    let mut tree = blocks::parse(&item.content);
    let map = &ctx.maps.blocks;
    body::remap_refs(&mut tree, &|wp| map.get(&wp).copied());
    let known: HashSet<i64> = map.values().copied().collect();
    let mut dropped = 0;
    drop_unknown_refs(&mut tree, &known, &mut dropped);
    if dropped > 0 {
        ctx.summary.note(format!(
            "{}: {dropped} reference(s) to reusable blocks not in the export dropped",
            label(item)
        ));
    }
    ContentSource::Blocks(tree)
}

pub(super) fn drop_unknown_refs(tree: &mut Vec<Block>, known: &HashSet<i64>, dropped: &mut usize) {
    tree.retain(|b| {
        let keep = b.name != REUSABLE
            || b.attrs
                .get("ref")
                .and_then(serde_json::Value::as_i64)
                .is_some_and(|r| known.contains(&r));
        if !keep {
            *dropped += 1;
        }
        keep
    });
    for b in tree.iter_mut() {
        let before = b.inner_blocks.len();
        drop_unknown_refs(&mut b.inner_blocks, known, dropped);
        if b.inner_blocks.len() != before {
            // Positions no longer match: let the default placement apply.
            b.inner_content = None;
        }
    }
}

pub(super) fn import_blocks(
    conn: &mut DbConn,
    ctx: &mut Ctx,
    items: &[Item],
) -> Result<(), ImportError> {
    // Blocks may refer to each other: make them all first (without references), then
    // give those with references their full content.
    let mut with_refs = Vec::new();
    for item in items {
        let key = item.post_id.to_string();
        let fp = fingerprint(item);
        let known = origins::find(conn, &ctx.source, "block", &key)?;
        let existing = known
            .as_ref()
            .map(|k| k.target_id)
            .filter(|id| entry::find(conn, Kind::Block, *id).ok().flatten().is_some());
        if let (Some(id), Some(k)) = (existing, &known)
            && k.fingerprint == fp
        {
            ctx.maps.blocks.insert(item.post_id, id);
            ctx.summary.count("reusable blocks", Outcome::Unchanged);
            continue;
        }
        let mut tree = blocks::parse(&item.content);
        let mut dropped = 0;
        drop_unknown_refs(&mut tree, &HashSet::new(), &mut dropped);
        if dropped > 0 {
            with_refs.push(item);
        }
        let input = entry_input(ctx, item, ContentSource::Blocks(tree));
        let viewer = viewer_for(ctx, item);
        let outcome = if existing.is_some() {
            Outcome::Updated
        } else {
            Outcome::Created
        };
        let id = write::<ReusableBlocks>(conn, ctx, viewer, existing, input, (), item)?;
        origins::remember(conn, &ctx.source, "block", &key, id, &fp)?;
        ctx.maps.blocks.insert(item.post_id, id);
        ctx.maps.entries.insert(item.post_id, id);
        ctx.summary.count("reusable blocks", outcome);
    }
    for item in with_refs {
        let id = ctx.maps.blocks[&item.post_id];
        let source = content(ctx, item);
        let viewer = viewer_for(ctx, item);
        let input = EntryInput {
            content: Some(source),
            ..Default::default()
        };
        items::update::<ReusableBlocks>(conn, viewer, id, input, ())
            .map_err(|e| ImportError::item(label(item), e))?;
    }
    Ok(())
}
