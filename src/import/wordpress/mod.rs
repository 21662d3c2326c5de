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

use crate::content::{Kind, Viewer, html};
use crate::db::DbConn;

mod finish;
mod item;
mod referenced;

pub use referenced::taxonomy_of;
mod reusable;
mod write;

use crate::events::ical;
use crate::import::acf::{self, MappedGroup};
use crate::import::wxr::{self, Item, Site};
use crate::import::{ImportError, Summary, in_transaction, origins};
use crate::media::storage::Storage;
use finish::{finish, merge_calendar};
use item::import_item;
use referenced::{import_attachment, import_field_groups, import_terms, import_users};
use reusable::import_blocks;

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
    /// (item, when WordPress last changed it): stamped once nothing else writes it.
    modified: Vec<(i64, NaiveDateTime)>,
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
    let host = host_of(&source);
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
        keep_modified(conn, &mut ctx)?;
        Ok(ctx.summary)
    })
}

/// A site's content read another way than from an export: WordPress's REST API, by
/// `sync`. Users and terms are all of the site's; the items are those that changed.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub site: Site,
    pub attachments: Vec<Item>,
    pub blocks: Vec<Item>,
    /// Posts, pages, resources and events; parents before their children.
    pub items: Vec<Item>,
    /// The site's UTC offset, for drafts WordPress has no GMT date for.
    pub site_offset: chrono::Duration,
}

/// Writes a snapshot of the site `source` (`wordpress:URL`, as an import of its export
/// names it) in the caller's transaction, through the same steps as [`import`]. Items
/// written before (by an import or an earlier snapshot) are found by their WordPress ids;
/// custom fields follow the field groups headpress has (ACF does not publish its groups
/// in the REST API: import the export once, or define them here).
pub fn import_snapshot(
    conn: &mut DbConn,
    storage: &dyn Storage,
    source: &str,
    snapshot: &Snapshot,
    options: &Options,
    session: &mut Session,
) -> Result<Summary, ImportError> {
    let host = host_of(source.strip_prefix("wordpress:").unwrap_or(source));
    crate::content::items::batched(conn, |conn| {
        let mut ctx = Ctx {
            source: source.to_owned(),
            host,
            storage,
            options,
            // Given back below; a snapshot that fails ends its series.
            maps: std::mem::take(&mut session.maps),
            deferred: Deferred::default(),
            groups: session.groups.clone(),
            summary: Summary::default(),
            site_offset: snapshot.site_offset,
            written: HashSet::new(),
        };
        import_users(conn, &mut ctx, &snapshot.site)?;
        import_terms(conn, &mut ctx, &snapshot.site)?;
        for item in &snapshot.attachments {
            import_attachment(conn, &mut ctx, item)?;
        }
        import_blocks(conn, &mut ctx, &snapshot.blocks)?;
        for item in &snapshot.items {
            import_item(conn, &mut ctx, item)?;
        }
        finish(conn, &mut ctx)?;
        keep_modified(conn, &mut ctx)?;
        session.maps = ctx.maps;
        Ok(ctx.summary)
    })
}

/// What a series of snapshots of one site (a run of sync) shares, loaded once: what
/// earlier runs wrote, by WordPress id, kept up to date as snapshots write more, and the
/// field groups.
#[derive(Default)]
pub struct Session {
    maps: Maps,
    groups: Vec<MappedGroup>,
}

impl Session {
    pub fn load(conn: &mut DbConn, source: &str) -> Result<Session, ImportError> {
        Ok(Session {
            maps: Maps::load(conn, source)?,
            groups: stored_groups(conn)?,
        })
    }
}

/// The active field groups headpress has, as the mapping of custom-field values reads
/// them.
fn stored_groups(conn: &mut DbConn) -> Result<Vec<MappedGroup>, ImportError> {
    Ok(crate::content::field_groups::list(conn)?
        .into_iter()
        .filter(|g| g.active)
        .map(|g| MappedGroup {
            wp_id: 0,
            key: g.key,
            title: g.title,
            position: g.position,
            active: g.active,
            location: serde_json::to_value(&g.location).unwrap_or_default(),
            fields: serde_json::to_value(&g.fields).unwrap_or_default(),
            skipped: Vec::new(),
        })
        .collect())
}

impl Maps {
    /// What earlier runs brought from `source`, by WordPress id: the media, items and
    /// reusable blocks a snapshot's items may refer to without being in it.
    fn load(conn: &mut DbConn, source: &str) -> Result<Maps, ImportError> {
        use crate::db::schema::import_origins as o;
        use diesel::prelude::*;
        let rows: Vec<(String, String, i64)> = o::table
            .filter(o::source.eq(source))
            .filter(o::kind.eq_any(["media", "entry", "block"]))
            .select((o::kind, o::source_id, o::target_id))
            .load(conn)
            .map_err(crate::error::Error::from)?;
        let mut maps = Maps::default();
        for (kind, wp, id) in rows {
            let Ok(wp) = wp.parse::<i64>() else { continue };
            match kind.as_str() {
                "media" => {
                    maps.media.insert(wp, id);
                }
                "block" => {
                    maps.blocks.insert(wp, id);
                    maps.entries.insert(wp, id);
                }
                _ => {
                    maps.entries.insert(wp, id);
                }
            }
        }
        Ok(maps)
    }
}

/// The host of a site's address, for event UIDs.
fn host_of(source: &str) -> String {
    source
        .split("://")
        .nth(1)
        .unwrap_or(source)
        .split(['/', ':'])
        .next()
        .unwrap_or("wordpress")
        .to_owned()
}

/// Gives the items written their WordPress modification time, so that `modified` (and
/// `updated_at`) says when the content last changed, not when it moved.
fn keep_modified(conn: &mut DbConn, ctx: &mut Ctx) -> Result<(), ImportError> {
    use crate::db::schema::entries;
    use diesel::prelude::*;
    for (id, at) in std::mem::take(&mut ctx.deferred.modified) {
        diesel::update(entries::table.find(id))
            .set(entries::updated_at.eq(at))
            .execute(conn)
            .map_err(crate::error::Error::from)?;
    }
    Ok(())
}

pub(super) fn label(item: &Item) -> String {
    match item.line {
        // Read from the REST API: no line.
        0 => format!("{} {}", item.post_type, item.post_id),
        line => format!("{} {} (line {line})", item.post_type, item.post_id),
    }
}

/// What an item holds, wherever it sits in the file.
pub(super) fn fingerprint(item: &Item) -> String {
    let placed = Item {
        line: 0,
        ..item.clone()
    };
    origins::fingerprint(&[&format!("{placed:?}")])
}

pub(super) fn text(raw: &str) -> String {
    html::text(raw)
}

pub(super) fn meta<'a>(item: &'a Item, key: &str) -> Option<&'a str> {
    item.meta
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

pub(super) fn date(raw: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(raw.trim(), "%Y-%m-%d %H:%M:%S").ok()
}
