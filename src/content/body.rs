//! An item's body: written as WordPress block markup or as a block tree, kept as the
//! sanitised tree plus its rendered HTML, and read with reusable blocks resolved.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;

use crate::content::blocks::{self, Block, REUSABLE};
use crate::content::{Kind, Status, Viewer, html};
use crate::db::DbConn;
use crate::db::schema::{block_refs, entries};
use crate::error::{Error, FieldError, Result};

/// How deep reusable blocks may nest inside each other when read; deeper references
/// render nothing.
pub const MAX_REF_DEPTH: usize = 8;

/// The body of a write, in either form, or already prepared (off the write lock).
#[derive(Debug, Clone)]
pub enum ContentSource {
    /// WordPress block serialization (or plain HTML, which becomes one freeform block).
    Html(String),
    Blocks(Vec<Block>),
    /// Parsed, sanitised and rendered already (`prepare`), before the write began.
    Prepared(Box<Prepared>),
}

/// How deeply markup may nest elements: deeper is refused (422). Browsers stop laying out
/// around this depth, and sanitising (an HTML parser's tree building) costs more than
/// linear time in it.
pub const MAX_NESTING: usize = 256;

/// A body ready to store.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The sanitised block tree as JSON, with references unresolved.
    pub blocks_json: String,
    /// Rendered HTML without the content of referenced blocks (resolved on read).
    pub html: String,
    /// Plain text for search and excerpts.
    pub text: String,
    /// The reusable blocks referred to.
    pub refs: Vec<i64>,
}

/// Parses or checks, sanitises and renders a body.
/// Markup nesting deeper than [`MAX_NESTING`] is refused first (422).
pub fn prepare(source: ContentSource) -> Result<Prepared> {
    let mut tree = match source {
        ContentSource::Prepared(done) => return Ok(*done),
        ContentSource::Html(markup) => {
            check_nesting(&markup, "content.html")?;
            let tree = blocks::parse(&markup);
            blocks::check(&tree, "content.html").map_err(Error::Validation)?;
            tree
        }
        ContentSource::Blocks(tree) => {
            blocks::check(&tree, "content.blocks").map_err(Error::Validation)?;
            check_tree_nesting(&tree, "content.blocks")?;
            tree
        }
    };
    // A client may send back a tree it read with references resolved: the stored form
    // keeps only the reference.
    unresolve(&mut tree);
    blocks::sanitize(&mut tree);
    let html = blocks::render(&tree);
    let text = html::text(&html);
    let refs = blocks::refs(&tree);
    let blocks_json = serde_json::to_string(&tree).map_err(Error::internal)?;
    Ok(Prepared {
        blocks_json,
        html,
        text,
        refs,
    })
}

fn check_nesting(markup: &str, field: &str) -> Result<()> {
    if html::nesting(markup) > MAX_NESTING {
        return Err(Error::invalid(
            field,
            format!("the markup nests elements more than {MAX_NESTING} deep"),
        ));
    }
    Ok(())
}

fn check_tree_nesting(tree: &[Block], field: &str) -> Result<()> {
    for (i, b) in tree.iter().enumerate() {
        let at = format!("{field}[{i}]");
        check_nesting(&b.html, &format!("{at}.html"))?;
        check_tree_nesting(&b.inner_blocks, &format!("{at}.inner_blocks"))?;
    }
    Ok(())
}

fn unresolve(tree: &mut [Block]) {
    for b in tree {
        if b.name == REUSABLE {
            b.inner_blocks.clear();
            b.inner_content = None;
        } else {
            unresolve(&mut b.inner_blocks);
        }
    }
}

/// Points every reusable block reference of a tree somewhere else (imports give blocks
/// new ids); references `map` does not know are left as they are.
pub fn remap_refs(tree: &mut [Block], map: &impl Fn(i64) -> Option<i64>) {
    for b in tree {
        if b.name == REUSABLE {
            if let Some(new) = b
                .attrs
                .get("ref")
                .and_then(serde_json::Value::as_i64)
                .and_then(map)
            {
                b.attrs.insert("ref".into(), new.into());
            }
        } else {
            remap_refs(&mut b.inner_blocks, map);
        }
    }
}

/// Refuses references to reusable blocks that do not exist, and (when `entry` is itself
/// a reusable block) references that would lead back to it.
pub fn check_refs(conn: &mut DbConn, entry: Option<(i64, Kind)>, refs: &[i64]) -> Result<()> {
    if refs.is_empty() {
        return Ok(());
    }
    let found: HashSet<i64> = entries::table
        .filter(entries::id.eq_any(refs))
        .filter(entries::kind.eq(Kind::Block.as_str()))
        .select(entries::id)
        .load::<i64>(conn)?
        .into_iter()
        .collect();
    let missing: Vec<FieldError> = refs
        .iter()
        .filter(|r| !found.contains(r))
        .map(|r| {
            FieldError::new(
                "content",
                format!("refers to reusable block {r}, which does not exist"),
            )
        })
        .collect();
    if !missing.is_empty() {
        return Err(Error::Validation(missing));
    }
    let Some((id, Kind::Block)) = entry else {
        return Ok(());
    };
    // Walk the reference graph from the new references, one query per level.
    let mut seen: HashSet<i64> = HashSet::new();
    let mut level: Vec<i64> = refs.to_vec();
    while !level.is_empty() {
        if level.contains(&id) {
            return Err(Error::invalid(
                "content",
                format!(
                    "this reusable block would include itself (through block {}): references may not form a cycle",
                    refs.iter()
                        .map(i64::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        seen.extend(level.iter().copied());
        level = block_refs::table
            .filter(block_refs::entry_id.eq_any(&level))
            .select(block_refs::block_id)
            .load::<i64>(conn)?
            .into_iter()
            .filter(|b| !seen.contains(b))
            .collect();
        level.sort_unstable();
        level.dedup();
    }
    Ok(())
}

/// Replaces the references an item's body holds.
pub fn save_refs(conn: &mut DbConn, entry_id: i64, refs: &[i64]) -> Result<()> {
    diesel::delete(block_refs::table.filter(block_refs::entry_id.eq(entry_id))).execute(conn)?;
    for r in refs {
        diesel::insert_into(block_refs::table)
            .values((
                block_refs::entry_id.eq(entry_id),
                block_refs::block_id.eq(*r),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The reusable blocks a page of items refers to, as the reader may see them: a block
/// that is missing, trashed or hidden from them is absent and renders nothing.
#[derive(Debug, Default)]
pub struct Library {
    trees: HashMap<i64, Vec<Block>>,
}

#[derive(Queryable)]
struct BlockRow {
    id: i64,
    status: crate::content::Status,
    author_id: i64,
    published_at: chrono::NaiveDateTime,
    content_blocks: String,
}

impl Library {
    /// Loads the blocks `refs` name and those they name in turn, one query per level of
    /// nesting (at most `MAX_REF_DEPTH`), whatever the number of items.
    pub fn load(conn: &mut DbConn, viewer: Viewer, refs: Vec<i64>) -> Result<Library> {
        let now = crate::db::now();
        let mut lib = Library::default();
        let mut tried: HashSet<i64> = HashSet::new();
        let mut level = refs;
        for _ in 0..MAX_REF_DEPTH {
            level.retain(|r| tried.insert(*r));
            if level.is_empty() {
                break;
            }
            let rows: Vec<BlockRow> = entries::table
                .filter(entries::id.eq_any(&level))
                .filter(entries::kind.eq(Kind::Block.as_str()))
                .select((
                    entries::id,
                    entries::status,
                    entries::author_id,
                    entries::published_at,
                    entries::content_blocks,
                ))
                .load(conn)?;
            let mut next = Vec::new();
            for row in rows {
                let status = row.status;
                if status == Status::Trash
                    || !viewer.can_read(status, row.author_id, row.published_at, now)
                {
                    continue;
                }
                let tree: Vec<Block> =
                    serde_json::from_str(&row.content_blocks).unwrap_or_default();
                next.extend(blocks::refs(&tree));
                lib.trees.insert(row.id, tree);
            }
            level = next;
        }
        Ok(lib)
    }

    pub fn is_empty(&self) -> bool {
        self.trees.is_empty()
    }

    /// A stored tree with every reference filled in: a reference's `inner_blocks` are the
    /// referenced block's blocks. Cycles and references past `MAX_REF_DEPTH` are cut.
    pub fn resolve(&self, tree: &mut [Block]) {
        let mut path = Vec::new();
        self.fill(tree, &mut path);
    }

    fn fill(&self, tree: &mut [Block], path: &mut Vec<i64>) {
        for b in tree {
            if b.name == REUSABLE {
                let target = b.attrs.get("ref").and_then(serde_json::Value::as_i64);
                b.inner_blocks.clear();
                b.inner_content = None;
                let Some(id) = target else { continue };
                if path.contains(&id) || path.len() >= MAX_REF_DEPTH {
                    continue;
                }
                if let Some(inner) = self.trees.get(&id) {
                    let mut inner = inner.clone();
                    path.push(id);
                    self.fill(&mut inner, path);
                    path.pop();
                    b.inner_content = (!inner.is_empty()).then(|| vec![None; inner.len()]);
                    b.inner_blocks = inner;
                }
            } else {
                self.fill(&mut b.inner_blocks, path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(id: i64) -> Block {
        Block {
            name: REUSABLE.into(),
            attrs: serde_json::json!({ "ref": id })
                .as_object()
                .cloned()
                .unwrap_or_default(),
            inner_blocks: Vec::new(),
            html: String::new(),
            inner_content: None,
        }
    }

    fn paragraph(text: &str) -> Block {
        Block {
            name: "core/paragraph".into(),
            attrs: Default::default(),
            inner_blocks: Vec::new(),
            html: format!("<p>{text}</p>"),
            inner_content: None,
        }
    }

    #[test]
    fn resolution_fills_references_and_cuts_cycles() {
        let mut lib = Library::default();
        lib.trees.insert(1, vec![paragraph("one"), reference(2)]);
        lib.trees.insert(2, vec![paragraph("two"), reference(1)]);
        let mut tree = vec![reference(1), reference(3)];
        lib.resolve(&mut tree);
        let html = blocks::render(&tree);
        assert_eq!(html.matches("<p>one</p>").count(), 1, "{html}");
        assert_eq!(html.matches("<p>two</p>").count(), 1, "{html}");
        // The unknown block 3 renders nothing.
        assert!(tree[1].inner_blocks.is_empty());
    }
}
