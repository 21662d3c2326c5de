//! `headpress import wordpress FILE.xml`: a WordPress site from its WXR export.
//!
//! The export is streamed twice. The first pass checks the whole file (a broken file
//! writes nothing) and keeps what other items refer to: authors, terms, attachments,
//! reusable blocks and ACF field groups, which are imported first. The second pass
//! imports posts, pages, resources and events one by one; page parents and custom-field
//! values, which may point to items later in the file, are set at the end. Every item
//! remembers its WordPress id (`import_origins`), so a second run updates what changed.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufReader, IsTerminal, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::content::blocks::{self, Block, REUSABLE};
use crate::content::body::{self, ContentSource};
use crate::content::entry::{self, EntryInput};
use crate::content::field_groups::{self, FieldValues, GroupInput, Location};
use crate::content::kind::ContentKind;
use crate::content::pages::{PageChanges, Pages};
use crate::content::posts::Posts;
use crate::content::resources::{ResourceChanges, Resources};
use crate::content::reusable::ReusableBlocks;
use crate::content::terms::{self, Taxonomy, TermInput};
use crate::content::{Kind, Role, Status, Viewer, html, items};
use crate::db::DbConn;
use crate::db::schema::{entries, terms as terms_table};
use crate::error::Error;
use crate::events::ical;
use crate::events::{EventChanges, Events, Venue};
use crate::import::acf::{self, MappedGroup};
use crate::import::wxr::{self, Item, Site};
use crate::import::{ImportError, Outcome, Summary, in_transaction, origins};
use crate::media::storage::Storage;
use crate::media::{self, Described, Incoming};
use crate::users::{self as users_mod, CreateUser};

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The folder of `wp-content/uploads`, to copy attachments' files from.
    pub uploads: Option<PathBuf>,
    /// The text of an iCalendar export of the site's events (All-in-One Event Calendar),
    /// whose recurrence, exceptions and venues are merged into the imported events.
    pub ics: Option<String>,
    pub dry_run: bool,
    /// Show progress on stderr (when it is a terminal).
    pub progress: bool,
}

/// What the first pass keeps: everything other items refer to.
#[derive(Default)]
struct Index {
    site: Site,
    attachments: Vec<Item>,
    blocks: Vec<Item>,
    acf: Vec<Item>,
    /// How often each difference between local and GMT dates (in minutes) occurs: the
    /// export does not state the site's offset, its items show it.
    offsets: HashMap<i64, usize>,
}

impl Index {
    /// The site's UTC offset, as most items with both dates show it (0 when none does).
    fn site_offset(&self) -> chrono::Duration {
        let minutes = self
            .offsets
            .iter()
            .max_by_key(|(m, n)| (**n, -m.abs()))
            .map_or(0, |(m, _)| *m);
        chrono::Duration::minutes(minutes)
    }
}

fn reader(path: &Path) -> Result<(wxr::Reader<BufReader<File>>, u64), ImportError> {
    let file = File::open(path)
        .map_err(|e| ImportError::Input(format!("cannot read {}: {e}", path.display())))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    Ok((
        wxr::Reader::new(BufReader::with_capacity(1 << 16, file)),
        size,
    ))
}

fn input_error(path: &Path, e: wxr::WxrError) -> ImportError {
    ImportError::Input(format!("{}: {e}", path.display()))
}

/// Shows how far a pass has read, on a terminal.
struct Progress {
    enabled: bool,
    label: &'static str,
    size: u64,
    shown: u64,
}

impl Progress {
    fn new(enabled: bool, label: &'static str, size: u64) -> Progress {
        Progress {
            enabled: enabled && std::io::stderr().is_terminal() && size > 0,
            label,
            size,
            shown: u64::MAX,
        }
    }

    fn update(&mut self, position: u64) {
        if !self.enabled {
            return;
        }
        let percent = position.min(self.size) * 100 / self.size;
        if percent != self.shown {
            self.shown = percent;
            let filled = (percent / 5) as usize;
            eprint!(
                "\r{} [{}{}] {percent:>3}%",
                self.label,
                "#".repeat(filled),
                " ".repeat(20 - filled)
            );
            let _ = std::io::stderr().flush();
        }
    }

    fn done(&mut self) {
        if self.enabled {
            self.update(self.size);
            eprintln!();
        }
    }
}

/// The first pass: checks the whole file and keeps what other items refer to.
fn index(path: &Path, progress: bool) -> Result<Index, ImportError> {
    let (mut reader, size) = reader(path)?;
    let mut bar = Progress::new(progress, "reading ", size);
    let mut index = Index::default();
    let mut saw_site = false;
    while let Some(event) = reader.next() {
        match event.map_err(|e| input_error(path, e))? {
            wxr::Event::Site(site) => {
                index.site = site;
                saw_site = true;
            }
            wxr::Event::Item(item) => {
                if let (Some(local), Some(gmt)) = (date(&item.post_date), date(&item.post_date_gmt))
                {
                    *index
                        .offsets
                        .entry((local - gmt).num_minutes())
                        .or_default() += 1;
                }
                match item.post_type.as_str() {
                    "attachment" => index.attachments.push(*item),
                    "wp_block" => index.blocks.push(*item),
                    "acf-field-group" | "acf-field" => index.acf.push(*item),
                    _ => {}
                }
            }
        }
        bar.update(reader.position());
    }
    bar.done();
    if !saw_site {
        return Err(ImportError::Input(format!(
            "{}: not a WordPress export (no channel)",
            path.display()
        )));
    }
    Ok(index)
}

/// What has been imported so far, by WordPress id.
#[derive(Default)]
struct Maps {
    users: HashMap<String, i64>,
    terms: HashMap<(String, String), i64>,
    term_ids: HashMap<i64, i64>,
    media: HashMap<i64, i64>,
    entries: HashMap<i64, i64>,
    blocks: HashMap<i64, i64>,
}

/// An item's post meta: (key, value) pairs in order.
type PostMeta = Vec<(String, String)>;

/// Work left for the end, once every item exists.
#[derive(Default)]
/// What is set once every item exists, with who writes it.
struct Deferred {
    /// (page, its parent's WordPress id)
    parents: Vec<(Viewer, i64, i64)>,
    fields: Vec<(Viewer, Kind, i64, PostMeta)>,
}

struct Ctx<'a> {
    source: String,
    host: String,
    storage: &'a dyn Storage,
    options: &'a Options,
    maps: Maps,
    deferred: Deferred,
    groups: Vec<MappedGroup>,
    summary: Summary,
    site_offset: chrono::Duration,
    /// Entries written in this run.
    written: HashSet<i64>,
}

/// Imports a WXR file, all or nothing.
pub fn import(
    conn: &mut DbConn,
    storage: &dyn Storage,
    path: &Path,
    options: &Options,
) -> Result<Summary, ImportError> {
    let index = index(path, options.progress)?;
    let calendar = match &options.ics {
        Some(text) => {
            Some(ical::parse(text).map_err(|e| ImportError::Input(format!("--ics: {e}")))?)
        }
        None => None,
    };
    let groups = acf::groups(&index.acf.iter().collect::<Vec<_>>())
        .map_err(|e| ImportError::Input(format!("{}: ACF: {e}", path.display())))?;
    let source = index.site.base_site_url.trim_end_matches('/').to_owned();
    let source = if source.is_empty() {
        index.site.link.trim_end_matches('/').to_owned()
    } else {
        source
    };
    let host = source
        .split("://")
        .nth(1)
        .unwrap_or(&source)
        .split(['/', ':'])
        .next()
        .unwrap_or("wordpress")
        .to_owned();
    in_transaction(conn, options.dry_run, |conn| {
        let mut ctx = Ctx {
            source: format!("wordpress:{source}"),
            host,
            storage,
            options,
            maps: Maps::default(),
            deferred: Deferred::default(),
            groups,
            summary: Summary::default(),
            site_offset: index.site_offset(),
            written: HashSet::new(),
        };
        import_users(conn, &mut ctx, &index.site)?;
        import_terms(conn, &mut ctx, &index.site)?;
        for item in &index.attachments {
            import_attachment(conn, &mut ctx, item)?;
        }
        import_field_groups(conn, &mut ctx)?;
        import_blocks(conn, &mut ctx, &index.blocks)?;
        // The second pass: content, one item at a time.
        let (mut reader, size) = reader(path)?;
        let mut bar = Progress::new(options.progress, "importing", size);
        while let Some(event) = reader.next() {
            if let wxr::Event::Item(item) = event.map_err(|e| input_error(path, e))? {
                import_item(conn, &mut ctx, &item)?;
            }
            bar.update(reader.position());
        }
        bar.done();
        finish(conn, &mut ctx)?;
        if let Some(calendar) = &calendar {
            merge_calendar(conn, &mut ctx, calendar)?;
        }
        Ok(ctx.summary)
    })
}

fn label(item: &Item) -> String {
    format!("{} {} (line {})", item.post_type, item.post_id, item.line)
}

/// What an item holds, wherever it sits in the file.
fn fingerprint(item: &Item) -> String {
    let placed = Item {
        line: 0,
        ..item.clone()
    };
    origins::fingerprint(&[&format!("{placed:?}")])
}

fn text(raw: &str) -> String {
    html::text(raw)
}

fn import_users(conn: &mut DbConn, ctx: &mut Ctx, site: &Site) -> Result<(), ImportError> {
    for a in &site.authors {
        let key = a.id.to_string();
        let known = origins::find(conn, &ctx.source, "user", &key)?;
        let existing = match known {
            Some(k) if users_mod::find(conn, k.target_id)?.is_some() => Some(k.target_id),
            _ => users_mod::find_by_username(conn, &a.login)?.map(|u| u.id),
        };
        let id = match existing {
            Some(id) => {
                ctx.summary.count("users", Outcome::Unchanged);
                id
            }
            None => {
                let name = Some(text(&a.display_name))
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| a.login.clone());
                let user = users_mod::create(
                    conn,
                    CreateUser {
                        username: a.login.clone(),
                        password: None,
                        display_name: name,
                        email: a.email.clone(),
                        role: Role::Author,
                    },
                )
                .map_err(|e| ImportError::item(format!("author {}", a.login), e))?;
                ctx.summary.count("users", Outcome::Created);
                user.id
            }
        };
        origins::remember(conn, &ctx.source, "user", &key, id, "")?;
        ctx.maps.users.insert(a.login.clone(), id);
    }
    Ok(())
}

fn taxonomy_of(wp: &str) -> Option<Taxonomy> {
    match wp {
        "category" => Some(Taxonomy::Category),
        "post_tag" | "events_tags" => Some(Taxonomy::Tag),
        "resource_type" => Some(Taxonomy::ResourceType),
        "events_categories" => Some(Taxonomy::EventCategory),
        _ => None,
    }
}

fn import_terms(conn: &mut DbConn, ctx: &mut Ctx, site: &Site) -> Result<(), ImportError> {
    // Parents before children: repeat until every term whose parent is known is done.
    let mut pending: Vec<&wxr::Term> = Vec::new();
    for t in &site.terms {
        if taxonomy_of(&t.taxonomy).is_some() {
            pending.push(t);
        } else {
            ctx.summary.skip(
                "terms",
                format!("taxonomy `{}` has no counterpart", t.taxonomy),
            );
        }
    }
    while !pending.is_empty() {
        let before = pending.len();
        let mut later = Vec::new();
        for t in pending {
            let parent_known = t.parent_slug.is_empty()
                || ctx
                    .maps
                    .terms
                    .contains_key(&(t.taxonomy.clone(), t.parent_slug.clone()));
            let parent_exists = site
                .terms
                .iter()
                .any(|p| p.taxonomy == t.taxonomy && p.slug == t.parent_slug);
            if parent_known || !parent_exists {
                import_term(conn, ctx, t)?;
            } else {
                later.push(t);
            }
        }
        if later.len() == before {
            return Err(ImportError::Input(format!(
                "the parents of the `{}` terms form a loop",
                later[0].taxonomy
            )));
        }
        pending = later;
    }
    Ok(())
}

fn import_term(conn: &mut DbConn, ctx: &mut Ctx, t: &wxr::Term) -> Result<(), ImportError> {
    let Some(taxonomy) = taxonomy_of(&t.taxonomy) else {
        return Ok(());
    };
    let key = t.id.to_string();
    let name = text(&t.name);
    let parent = ctx
        .maps
        .terms
        .get(&(t.taxonomy.clone(), t.parent_slug.clone()))
        .copied();
    let fp = origins::fingerprint(&[&name, &t.slug, &t.description, &t.parent_slug]);
    let known = origins::find(conn, &ctx.source, "term", &key)?;
    let by_slug = terms_table::table
        .filter(terms_table::taxonomy.eq(taxonomy.as_str()))
        .filter(terms_table::slug.eq(&t.slug))
        .select(terms_table::id)
        .first::<i64>(conn)
        .optional()
        .map_err(Error::from)?;
    let existing = known
        .as_ref()
        .map(|k| k.target_id)
        .filter(|id| terms::find(conn, taxonomy, *id).is_ok())
        .or(by_slug);
    let input = TermInput {
        name: Some(if name.is_empty() {
            t.slug.clone()
        } else {
            name
        }),
        slug: Some(t.slug.clone()),
        description: Some(text(&t.description)),
        parent: taxonomy.hierarchical().then_some(parent),
    };
    let kind = "terms";
    let id = match existing {
        Some(id) if known.as_ref().is_some_and(|k| k.fingerprint == fp) => {
            ctx.summary.count(kind, Outcome::Unchanged);
            id
        }
        Some(id) if known.is_none() => {
            // The same term reached through another WordPress taxonomy (tags of events
            // and of posts are one taxonomy here), or made by hand before: keep it.
            ctx.summary.count(kind, Outcome::Unchanged);
            id
        }
        Some(id) => {
            terms::update(conn, taxonomy, id, input)
                .map_err(|e| ImportError::item(format!("term {}", t.slug), e))?;
            ctx.summary.count(kind, Outcome::Updated);
            id
        }
        None => {
            let term = terms::create(conn, taxonomy, input)
                .map_err(|e| ImportError::item(format!("term {}", t.slug), e))?;
            ctx.summary.count(kind, Outcome::Created);
            term.id
        }
    };
    origins::remember(conn, &ctx.source, "term", &key, id, &fp)?;
    ctx.maps
        .terms
        .insert((t.taxonomy.clone(), t.slug.clone()), id);
    ctx.maps.term_ids.insert(t.id, id);
    Ok(())
}

fn meta<'a>(item: &'a Item, key: &str) -> Option<&'a str> {
    item.meta
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

fn import_attachment(conn: &mut DbConn, ctx: &mut Ctx, item: &Item) -> Result<(), ImportError> {
    let key = item.post_id.to_string();
    let fp = fingerprint(item);
    if let Some(k) = origins::find(conn, &ctx.source, "media", &key)?
        && media::find(conn, k.target_id)?.is_some()
    {
        ctx.maps.media.insert(item.post_id, k.target_id);
        ctx.summary.count("media", Outcome::Unchanged);
        return Ok(());
    }
    let relative = meta(item, "_wp_attached_file")
        .map(str::to_owned)
        .or_else(|| {
            item.attachment_url
                .split("/wp-content/uploads/")
                .nth(1)
                .map(str::to_owned)
        });
    let described = Described {
        title: text(&item.title),
        alt_text: meta(item, "_wp_attachment_image_alt")
            .map(text)
            .unwrap_or_default(),
        caption: text(&item.excerpt),
    };
    let author = ctx.maps.users.get(&item.creator).copied();
    let Some(uploads) = &ctx.options.uploads else {
        // Without the files, the media item points at the file where WordPress has it.
        let url = item.attachment_url.trim();
        if !media::is_remote_key(url) {
            ctx.summary.skip("media", "no --uploads and no file URL");
            return Ok(());
        }
        let m = media::record_remote(conn, url, described, author)
            .map_err(|e| ImportError::item(label(item), e))?;
        origins::remember(conn, &ctx.source, "media", &key, m.id, &fp)?;
        ctx.maps.media.insert(item.post_id, m.id);
        ctx.summary.count("media", Outcome::Created);
        ctx.summary.note(format!(
            "attachment {}: file not copied (no --uploads), kept at {url}",
            item.post_id
        ));
        return Ok(());
    };
    let Some(relative) = relative.filter(|r| !r.split('/').any(|p| p == "..")) else {
        ctx.summary.skip("media", "no file path");
        return Ok(());
    };
    let file = uploads.join(&relative);
    let bytes = match std::fs::read(&file) {
        Ok(b) => b,
        Err(e) => {
            ctx.summary.skip("media", "file missing from --uploads");
            ctx.summary.note(format!(
                "attachment {}: {}: {e}",
                item.post_id,
                file.display()
            ));
            return Ok(());
        }
    };
    if ctx.options.dry_run {
        // Nothing is stored in a dry run, files included.
        ctx.summary.count("media", Outcome::Created);
        return Ok(());
    }
    let name = relative.rsplit('/').next().unwrap_or("file");
    let incoming = Incoming::from_bytes(ctx.storage, name, &bytes)?;
    match media::ingest(conn, ctx.storage, incoming, described, author) {
        Ok(m) => {
            origins::remember(conn, &ctx.source, "media", &key, m.id, &fp)?;
            ctx.maps.media.insert(item.post_id, m.id);
            ctx.summary.count("media", Outcome::Created);
        }
        Err(Error::UnsupportedMediaType(why)) => {
            ctx.summary.skip("media", "file type not accepted");
            ctx.summary
                .note(format!("attachment {}: {why}", item.post_id));
        }
        Err(e) => return Err(ImportError::item(label(item), e)),
    }
    Ok(())
}

fn import_field_groups(conn: &mut DbConn, ctx: &mut Ctx) -> Result<(), ImportError> {
    let groups = std::mem::take(&mut ctx.groups);
    for g in &groups {
        for s in &g.skipped {
            ctx.summary.note(format!("field group {}: {s}", g.key));
        }
        let mut location = g.location.clone();
        for member in ["categories", "resource_types", "event_categories"] {
            if let Some(ids) = location[member].as_array() {
                let mapped: Vec<i64> = ids
                    .iter()
                    .filter_map(|v| match v {
                        serde_json::Value::Number(n) => {
                            n.as_i64().and_then(|i| ctx.maps.term_ids.get(&i).copied())
                        }
                        serde_json::Value::String(s) => s
                            .split_once(':')
                            .and_then(|(tax, slug)| {
                                ctx.maps.terms.get(&(tax.to_owned(), slug.to_owned()))
                            })
                            .copied(),
                        _ => None,
                    })
                    .collect();
                location[member] = serde_json::json!(mapped);
            }
        }
        let location: Location = serde_json::from_value(location)
            .map_err(|e| ImportError::Input(format!("field group {}: location: {e}", g.key)))?;
        if location.kinds.is_empty() {
            ctx.summary.skip(
                "field groups",
                "applies to no kind of content headpress has",
            );
            continue;
        }
        let key = g.wp_id.to_string();
        let fp = origins::fingerprint(&[&format!("{g:?}")]);
        let known = origins::find(conn, &ctx.source, "field_group", &key)?;
        let input = GroupInput {
            key: Some(g.key.clone()),
            title: Some(text(&g.title)),
            fields: Some(g.fields.clone()),
            location: Some(location),
            position: Some(g.position),
            active: Some(g.active),
        };
        let existing = match &known {
            Some(k) => field_groups::find(conn, k.target_id).ok().map(|g| g.id),
            None => field_groups::list(conn)?
                .into_iter()
                .find(|x| x.key == g.key)
                .map(|x| x.id),
        };
        let id = match existing {
            Some(id) if known.as_ref().is_some_and(|k| k.fingerprint == fp) => {
                ctx.summary.count("field groups", Outcome::Unchanged);
                id
            }
            Some(id) => {
                field_groups::update(conn, id, input)
                    .map_err(|e| ImportError::item(format!("field group {}", g.key), e))?;
                ctx.summary.count("field groups", Outcome::Updated);
                id
            }
            None => {
                let created = field_groups::create(conn, input)
                    .map_err(|e| ImportError::item(format!("field group {}", g.key), e))?;
                ctx.summary.count("field groups", Outcome::Created);
                created.id
            }
        };
        origins::remember(conn, &ctx.source, "field_group", &key, id, &fp)?;
    }
    ctx.groups = groups;
    Ok(())
}

/// Parses content, pointing reusable block references at the imported blocks; references
/// to blocks that were not imported are dropped (and noted).
fn content(ctx: &mut Ctx, item: &Item) -> ContentSource {
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

fn drop_unknown_refs(tree: &mut Vec<Block>, known: &HashSet<i64>, dropped: &mut usize) {
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

fn import_blocks(conn: &mut DbConn, ctx: &mut Ctx, items: &[Item]) -> Result<(), ImportError> {
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

fn status_of(item: &Item) -> Option<Status> {
    match item.status.as_str() {
        "publish" | "future" => Some(Status::Published),
        "draft" | "auto-draft" => Some(Status::Draft),
        "pending" => Some(Status::Pending),
        "private" => Some(Status::Private),
        "trash" => Some(Status::Trash),
        _ => None,
    }
}

fn date(raw: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(raw.trim(), "%Y-%m-%d %H:%M:%S").ok()
}

/// The GMT date, or the local date less the site's offset when WordPress left the GMT
/// one empty (drafts).
fn published_at(item: &Item, site_offset: chrono::Duration) -> Option<NaiveDateTime> {
    date(&item.post_date_gmt).or_else(|| date(&item.post_date).map(|local| local - site_offset))
}

/// The importer writes on behalf of the site's first author, with an editor's reach,
/// where no item names one.
fn site_viewer(ctx: &Ctx) -> Viewer {
    Viewer::User {
        id: ctx.maps.users.values().min().copied().unwrap_or(0),
        role: Role::Admin,
    }
}

fn viewer_for(ctx: &Ctx, item: &Item) -> Viewer {
    let id = ctx
        .maps
        .users
        .get(&item.creator)
        .or_else(|| ctx.maps.users.values().next())
        .copied()
        .unwrap_or(0);
    // The importer writes on behalf of the item's author, with an editor's reach.
    Viewer::User {
        id,
        role: Role::Admin,
    }
}

fn entry_input(ctx: &Ctx, item: &Item, content: ContentSource) -> EntryInput {
    EntryInput {
        title: Some(
            Some(text(&item.title))
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| "(untitled)".into()),
        ),
        slug: Some(item.post_name.clone())
            .filter(|s| crate::content::slug::check("slug", s).is_ok()),
        status: status_of(item),
        excerpt: Some(text(&item.excerpt)).filter(|e| !e.is_empty()),
        content: Some(content),
        published_at: published_at(item, ctx.site_offset),
        author_id: ctx.maps.users.get(&item.creator).copied(),
        sticky: (item.post_type == "post").then_some(item.is_sticky),
        // The values come at the end (`finish`), once every item they may point to
        // exists; until then nothing is required.
        fields: FieldValues::Imported(Default::default()),
        ..Default::default()
    }
}

/// Writes an item through the domain: a change of the item imported before, or a new
/// item (a slug another item of the kind holds gets the WordPress id added).
fn write<K: ContentKind>(
    conn: &mut DbConn,
    ctx: &mut Ctx,
    viewer: Viewer,
    existing: Option<i64>,
    mut input: EntryInput,
    changes: K::Changes,
    item: &Item,
) -> Result<i64, ImportError> {
    if let Some(id) = existing {
        return items::update::<K>(conn, viewer, id, input, changes)
            .map(|e| e.id)
            .map_err(|e| ImportError::item(label(item), e));
    }
    if let Some(slug) = &input.slug {
        let taken = entries::table
            .filter(entries::kind.eq(K::KIND))
            .filter(entries::slug.eq(slug))
            .select(entries::id)
            .first::<i64>(conn)
            .optional()
            .map_err(Error::from)?
            .is_some();
        if taken {
            let new = format!("{slug}-{}", item.post_id);
            ctx.summary
                .note(format!("{}: slug `{slug}` taken, now `{new}`", label(item)));
            input.slug = Some(new);
        }
    }
    items::create::<K>(conn, viewer, input, changes)
        .map(|e| e.id)
        .map_err(|e| ImportError::item(label(item), e))
}

/// Changes what every kind shares of an imported item (its kind's own part stays).
fn update_shared(
    conn: &mut DbConn,
    kind: Kind,
    viewer: Viewer,
    id: i64,
    input: EntryInput,
) -> Result<(), Error> {
    match kind {
        Kind::Post => items::update::<Posts>(conn, viewer, id, input, ()),
        Kind::Page => items::update::<Pages>(conn, viewer, id, input, PageChanges::default()),
        Kind::Resource => {
            items::update::<Resources>(conn, viewer, id, input, ResourceChanges::default())
        }
        Kind::Event => items::update::<Events>(conn, viewer, id, input, EventChanges::default()),
        Kind::Block => items::update::<ReusableBlocks>(conn, viewer, id, input, ()),
    }
    .map(|_| ())
}

fn terms_of(ctx: &Ctx, item: &Item, wanted: &[(&str, Taxonomy)]) -> Vec<(Taxonomy, Vec<i64>)> {
    let mut out: Vec<(Taxonomy, Vec<i64>)> = Vec::new();
    for (wp, taxonomy) in wanted {
        let ids: Vec<i64> = item
            .terms
            .iter()
            .filter(|t| t.domain == *wp)
            .filter_map(|t| {
                ctx.maps
                    .terms
                    .get(&(t.domain.clone(), t.slug.clone()))
                    .copied()
            })
            .collect();
        match out.iter_mut().find(|(t, _)| t == taxonomy) {
            Some((_, list)) => list.extend(ids),
            None => out.push((*taxonomy, ids)),
        }
    }
    for (_, ids) in &mut out {
        ids.sort_unstable();
        ids.dedup();
    }
    out
}

fn import_item(conn: &mut DbConn, ctx: &mut Ctx, item: &Item) -> Result<(), ImportError> {
    if item.comments > 0 {
        for _ in 0..item.comments {
            ctx.summary.skip("comments", "comments are not imported");
        }
    }
    let kind = match item.post_type.as_str() {
        "post" => Kind::Post,
        "page" => Kind::Page,
        "resource" => Kind::Resource,
        "ai1ec_event" => Kind::Event,
        // Imported in the first steps.
        "attachment" | "wp_block" | "acf-field-group" | "acf-field" => return Ok(()),
        other => {
            ctx.summary.skip("other", format!("post type `{other}`"));
            return Ok(());
        }
    };
    let collection = kind.collection();
    let Some(_) = status_of(item) else {
        ctx.summary
            .skip(collection, format!("status `{}`", item.status));
        return Ok(());
    };
    let key = item.post_id.to_string();
    let fp = fingerprint(item);
    let known = origins::find(conn, &ctx.source, "entry", &key)?;
    let existing = known
        .as_ref()
        .map(|k| k.target_id)
        .filter(|id| entry::find(conn, kind, *id).ok().flatten().is_some());
    if let (Some(id), Some(k)) = (existing, &known)
        && k.fingerprint == fp
    {
        ctx.maps.entries.insert(item.post_id, id);
        ctx.summary.count(collection, Outcome::Unchanged);
        return Ok(());
    }
    let source = content(ctx, item);
    let mut input = entry_input(ctx, item, source);
    input.terms = match kind {
        Kind::Post => terms_of(
            ctx,
            item,
            &[
                ("category", Taxonomy::Category),
                ("post_tag", Taxonomy::Tag),
            ],
        ),
        Kind::Resource => terms_of(
            ctx,
            item,
            &[
                ("resource_type", Taxonomy::ResourceType),
                ("post_tag", Taxonomy::Tag),
            ],
        ),
        Kind::Event => terms_of(
            ctx,
            item,
            &[
                ("events_categories", Taxonomy::EventCategory),
                ("events_tags", Taxonomy::Tag),
                ("post_tag", Taxonomy::Tag),
            ],
        ),
        _ => Vec::new(),
    };
    input.featured_media = Some(
        meta(item, "_thumbnail_id")
            .and_then(|v| v.parse::<i64>().ok())
            .and_then(|wp| ctx.maps.media.get(&wp).copied()),
    );
    let viewer = viewer_for(ctx, item);
    let created = existing.is_none();
    let id = match kind {
        Kind::Page => {
            let template = meta(item, "_wp_page_template")
                .filter(|t| *t != "default")
                .map(str::to_owned)
                .unwrap_or_default();
            let changes =
                PageChanges::new(Some(None), Some(item.menu_order as i32), Some(template))
                    .map_err(|e| ImportError::item(label(item), e))?;
            let id = write::<Pages>(conn, ctx, viewer, existing, input, changes, item)?;
            if item.post_parent != 0 {
                ctx.deferred.parents.push((viewer, id, item.post_parent));
            }
            id
        }
        Kind::Resource => {
            let changes = resource_changes(ctx, item);
            write::<Resources>(conn, ctx, viewer, existing, input, changes, item)?
        }
        Kind::Event => {
            let changes = event_changes(ctx, item);
            write::<Events>(conn, ctx, viewer, existing, input, changes, item)?
        }
        _ => write::<Posts>(conn, ctx, viewer, existing, input, (), item)?,
    };
    let acf_meta: Vec<(String, String)> = item
        .meta
        .iter()
        .filter(|(k, _)| !k.starts_with("_wp_") && !k.starts_with("_edit_"))
        .cloned()
        .collect();
    ctx.deferred.fields.push((viewer, kind, id, acf_meta));
    ctx.written.insert(id);
    origins::remember(conn, &ctx.source, "entry", &key, id, &fp)?;
    ctx.maps.entries.insert(item.post_id, id);
    ctx.summary.count(
        collection,
        if created {
            Outcome::Created
        } else {
            Outcome::Updated
        },
    );
    Ok(())
}

/// A resource's own members, from the post meta the site's "Resource details" group keeps
/// (the same values also arrive as custom fields).
fn resource_changes(ctx: &mut Ctx, item: &Item) -> ResourceChanges {
    let document = meta(item, "document")
        .and_then(|v| v.parse::<i64>().ok())
        .and_then(|wp| ctx.maps.media.get(&wp).copied());
    let summary = text(&item.excerpt);
    let publisher = meta(item, "publisher").unwrap_or_default();
    let language = meta(item, "language").unwrap_or_default();
    let url = meta(item, "external_url").unwrap_or_default();
    ResourceChanges::new(&summary, publisher, language, url, document).unwrap_or_else(|e| {
        ctx.summary
            .note(format!("{}: resource details left out: {e}", label(item)));
        ResourceChanges::new(&summary, "", "", "", document).unwrap_or_default()
    })
}

/// An event's times from the meta this site keeps (`start`, `end`, `all_day`, `timezone`,
/// `venue`: the first occurrence, local time); `--ics` adds the recurrence.
fn event_changes(ctx: &mut Ctx, item: &Item) -> EventChanges {
    let all_day = meta(item, "all_day").is_some_and(|v| v == "1" || v == "true");
    let start = meta(item, "start").unwrap_or_default();
    let end = meta(item, "end");
    let cut = |t: &str| {
        if all_day {
            t.get(..10).unwrap_or(t).to_owned()
        } else {
            t.to_owned()
        }
    };
    let timezone = meta(item, "timezone").unwrap_or("UTC").to_owned();
    if start.is_empty() {
        ctx.summary.note(format!(
            "{}: no start time in the export; set to its publication date",
            label(item)
        ));
    }
    let starts_at = if start.is_empty() {
        published_at(item, ctx.site_offset)
            .map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string())
            .unwrap_or_else(|| "2000-01-01T00:00:00".into())
    } else {
        cut(start)
    };
    EventChanges {
        timezone: Some(timezone),
        all_day: Some(all_day),
        ends_at: Some(end.map(cut).filter(|e| *e != starts_at)),
        starts_at: Some(starts_at),
        rrule: Some(None),
        rdates: Some(Vec::new()),
        exdates: Some(Vec::new()),
        venue: Some(meta(item, "venue").map(|v| Venue {
            name: text(v),
            ..Venue::default()
        })),
        uid: Some(format!("ai1ec-{}@{}", item.post_id, ctx.host)),
        ..Default::default()
    }
}

/// Sets what needed every item to exist: page parents and custom-field values.
fn finish(conn: &mut DbConn, ctx: &mut Ctx) -> Result<(), ImportError> {
    for (viewer, id, wp_parent) in std::mem::take(&mut ctx.deferred.parents) {
        let Some(parent) = ctx.maps.entries.get(&wp_parent).copied() else {
            ctx.summary.note(format!(
                "page {id}: its parent {wp_parent} is not in the export"
            ));
            continue;
        };
        let changes = PageChanges::new(Some(Some(parent)), None, None)?;
        items::update::<Pages>(conn, viewer, id, EntryInput::default(), changes)
            .map_err(|err| ImportError::item(format!("page {id}"), err))?;
    }
    let media = ctx.maps.media.clone();
    let entries = ctx.maps.entries.clone();
    let media_fn = |wp: i64| media.get(&wp).copied();
    let entry_fn = |wp: i64| entries.get(&wp).copied();
    let remap = acf::Remap {
        media: &media_fn,
        entry: &entry_fn,
    };
    for (viewer, kind, id, meta) in std::mem::take(&mut ctx.deferred.fields) {
        let groups: Vec<MappedGroup> = ctx
            .groups
            .iter()
            .filter(|g| {
                g.location["kinds"]
                    .as_array()
                    .is_some_and(|k| k.iter().any(|c| c == kind.collection()))
            })
            .cloned()
            .collect();
        if groups.is_empty() {
            continue;
        }
        let (values, notes) = acf::values(&groups, &meta, &remap);
        for n in notes {
            ctx.summary.note(format!("{} {id}: {n}", kind.noun()));
        }
        let document = values.get("document").and_then(serde_json::Value::as_i64);
        let input = EntryInput {
            fields: FieldValues::Imported(values),
            ..Default::default()
        };
        // A write is all or nothing: values the groups refuse leave the item as it was.
        if let Err(e) = update_shared(conn, kind, viewer, id, input) {
            let why = match &e {
                Error::Validation(errors) => errors
                    .iter()
                    .map(|f| format!("{}: {}", f.field, f.message))
                    .collect::<Vec<_>>()
                    .join("; "),
                other => other.to_string(),
            };
            ctx.summary.note(format!(
                "{} {id}: custom fields left out: {why}",
                kind.noun()
            ));
        }
        if kind == Kind::Resource
            && let Some(doc) = document
        {
            let changes = ResourceChanges::checked(None, None, None, None, Some(Some(doc)))?;
            items::update::<Resources>(conn, viewer, id, EntryInput::default(), changes)?;
        }
    }
    Ok(())
}

/// Merges an iCalendar export of the same site: events whose UID names an imported event
/// (`ai1ec-ID@host`) take its times, recurrence, exceptions and venue.
fn merge_calendar(
    conn: &mut DbConn,
    ctx: &mut Ctx,
    calendar: &ical::ParsedCalendar,
) -> Result<(), ImportError> {
    for event in &calendar.events {
        let wp_id = event
            .uid
            .strip_prefix("ai1ec-")
            .and_then(|rest| rest.split('@').next())
            .and_then(|id| id.parse::<i64>().ok());
        let Some(id) = wp_id.and_then(|wp| ctx.maps.entries.get(&wp).copied()) else {
            ctx.summary
                .skip("calendar events", "not an event of this export");
            continue;
        };
        let Some(e) = entry::find(conn, Kind::Event, id)? else {
            ctx.summary
                .skip("calendar events", "not an event of this export");
            continue;
        };
        let placed = ical::ParsedEvent {
            line: 0,
            ..event.clone()
        };
        let fp = origins::fingerprint(&[&format!("{placed:?}")]);
        let known = origins::find(conn, &ctx.source, "calendar", &event.uid)?;
        // An event written from the export in this run lost its recurrence: merge again.
        if known.is_some_and(|k| k.fingerprint == fp && k.target_id == id)
            && !ctx.written.contains(&id)
        {
            ctx.summary.count("calendar events", Outcome::Unchanged);
            continue;
        }
        let mut changes = EventChanges::with_schedule(&event.schedule);
        if let Some(v) = crate::import::ics::venue(event) {
            changes.venue = Some(Some(v));
        }
        if let Some(cost) = &event.cost {
            changes.is_free = Some(crate::import::ics::is_free(cost));
            changes.cost = Some(cost.clone());
        }
        if let Some(url) = event
            .tickets_url
            .as_deref()
            .filter(|u| html::check_url(u).is_ok())
        {
            changes.ticket_url = Some(url.to_owned());
        }
        let input = EntryInput {
            fields: FieldValues::Imported(Default::default()),
            ..Default::default()
        };
        items::update::<Events>(conn, site_viewer(ctx), e.id, input, changes).map_err(|err| {
            ImportError::item(format!("--ics {} (line {})", event.uid, event.line), err)
        })?;
        origins::remember(conn, &ctx.source, "calendar", &event.uid, id, &fp)?;
        ctx.summary.count("calendar events", Outcome::Updated);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_as_wordpress_means_them() {
        let item = |status: &str| Item {
            status: status.into(),
            ..Item::default()
        };
        assert_eq!(status_of(&item("publish")), Some(Status::Published));
        assert_eq!(status_of(&item("future")), Some(Status::Published));
        assert_eq!(status_of(&item("private")), Some(Status::Private));
        assert_eq!(status_of(&item("inherit")), None);
        let dated = Item {
            post_date: "2024-03-05 10:30:00".into(),
            post_date_gmt: "0000-00-00 00:00:00".into(),
            ..Item::default()
        };
        assert_eq!(
            published_at(&dated, chrono::Duration::hours(2)),
            date("2024-03-05 08:30:00"),
            "the local date less the site's offset when the GMT one is empty"
        );
        let mut index = Index::default();
        index.offsets.insert(120, 40);
        index.offsets.insert(60, 12);
        assert_eq!(index.site_offset(), chrono::Duration::hours(2));
    }
}
