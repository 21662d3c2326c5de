//! One run of sync: discover the site, list what it has, fetch and write what changed in
//! batches, delete what it no longer has.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use diesel::prelude::*;
use serde_json::Value;

use super::client::Client;
use super::lease;
use super::rest::{self, Lookup};
use super::{Store, SyncError};
use crate::content::Viewer;
use crate::content::terms::Taxonomy;
use crate::content::{Kind, Role};
use crate::db::DbConn;
use crate::db::schema::{import_origins, sync_items};
use crate::error::{Error, Result};
use crate::import::Summary;
use crate::import::wordpress::{self, Snapshot};
use crate::media::storage::Storage;

/// The post types headpress keeps, in the order they are written: what others refer to
/// first (files, reusable blocks, resources that posts relate to), pages before posts.
const TYPES: [&str; 6] = [
    "attachment",
    "wp_block",
    "resource",
    "ai1ec_event",
    "page",
    "post",
];
/// The taxonomies headpress keeps.
const TAXONOMIES: [&str; 5] = [
    "category",
    "post_tag",
    "resource_type",
    "events_categories",
    "events_tags",
];
/// Every status an editor can leave an item in (trash included, so that trashing is seen
/// as a change); attachments have their own.
const STATUSES: &str = "publish,future,draft,pending,private,trash";
const MEDIA_STATUSES: &str = "inherit,private,trash";
/// Items fetched and written together, in one transaction.
const BATCH: usize = 100;

/// What a run did.
#[derive(Debug, Default)]
pub struct Report {
    /// Requests made to WordPress.
    pub requests: usize,
    /// Items fetched because they changed (or were never seen).
    pub fetched: usize,
    /// Items WordPress no longer has, deleted here.
    pub deleted: usize,
    /// Terms WordPress no longer has, deleted here.
    pub terms_deleted: usize,
    /// What the writes did, per kind.
    pub summary: Summary,
}

/// One listed item: its id, what it was when listed, its parent and author.
struct Listed {
    id: i64,
    stamp: String,
    parent: i64,
    author: i64,
}

/// A post type the site has, with where the REST API serves it.
struct PostType {
    name: &'static str,
    base: String,
    listed: Vec<Listed>,
}

/// Runs sync once: everything that changed since the last run is written, in batches;
/// what the site no longer lists is deleted. `progress` hears one line per step.
pub async fn run(
    client: &Client,
    store: &Store,
    progress: &mut dyn FnMut(&str),
) -> std::result::Result<Report, SyncError> {
    let index = client.get("/", &[]).await?;
    let is_wordpress = index["namespaces"]
        .as_array()
        .is_some_and(|n| n.iter().any(|n| n == "wp/v2"));
    if !is_wordpress {
        return Err(SyncError::Garbage(format!(
            "{}/wp-json/ is not a WordPress REST API index (no `wp/v2` namespace)",
            client.site().url
        )));
    }
    let url = index["url"]
        .as_str()
        .unwrap_or(&client.site().url)
        .trim_end_matches('/')
        .to_owned();
    let source = format!("wordpress:{url}");
    let holder = lease::holder();
    lease::take(store, &source, &url, &holder).await?;
    let result = run_leased(client, store, &source, &holder, &index, progress).await;
    let error = result.as_ref().err().map(ToString::to_string);
    lease::release(store, &source, &holder, error).await?;
    result
}

/// A run's writer of batches: what it knows of the site once it has read what items
/// refer to.
struct Batches<'a> {
    client: &'a Client,
    store: &'a Store,
    source: &'a str,
    holder: &'a str,
    /// Authors and terms, as every batch carries them (its items name them).
    site: crate::import::wxr::Site,
    lookup: Lookup,
    site_offset: chrono::Duration,
    /// Where media files are downloaded to, as an uploads folder would hold them.
    uploads: tempfile::TempDir,
    /// What the batches share (loaded by the first): what is written, by WordPress id.
    session: Option<wordpress::Session>,
}

fn edit() -> Vec<(&'static str, String)> {
    vec![("context", "edit".to_owned())]
}

async fn run_leased(
    client: &Client,
    store: &Store,
    source: &str,
    holder: &str,
    index: &Value,
    progress: &mut dyn FnMut(&str),
) -> std::result::Result<Report, SyncError> {
    let mut report = Report::default();
    let types = client.get("/wp/v2/types", &edit()).await?;
    let taxonomies = client.get("/wp/v2/taxonomies", &edit()).await?;
    let (lookup, terms) = read_terms(client, &taxonomies).await?;
    let listed_terms: HashSet<i64> = terms.iter().map(|t| t.id).collect();
    let read_taxonomies: Vec<Taxonomy> = lookup
        .taxonomies
        .iter()
        .filter_map(|(name, _)| wordpress::taxonomy_of(name))
        .collect();
    // What the site has now, and what the last run saw.
    let post_types = list_post_types(client, &types).await?;
    let seen_source = source.to_owned();
    let (seen, known, detached) = store
        .write(move |conn| {
            Ok((
                seen(conn, &seen_source)?,
                known(conn, &seen_source)?,
                detached(conn, &seen_source)?,
            ))
        })
        .await?;
    let mut site = read_site(
        client,
        store,
        source,
        holder,
        index,
        &post_types,
        lookup,
        terms,
    )
    .await?;
    // Users and terms first: every batch refers to them.
    let first = site.snapshot();
    report.summary.merge(site.write(first, Vec::new()).await?);
    for t in &post_types {
        let changed: Vec<&Listed> = t
            .listed
            .iter()
            .filter(|l| !detached.contains(&l.id))
            .filter(|l| seen.get(&(t.base.clone(), l.id)) != Some(&l.stamp))
            .collect();
        site.write_changed(t, changed, &mut report, progress)
            .await?;
    }
    // What came from the site (by an earlier run, or an import of its export) and the
    // site no longer lists: deleted in WordPress. Only kinds whose list was read.
    let listed: HashSet<i64> = post_types
        .iter()
        .flat_map(|t| t.listed.iter().map(|l| l.id))
        .collect();
    let read: Vec<&'static str> = post_types.iter().map(|t| t.name).collect();
    let gone: Vec<i64> = known
        .into_iter()
        .filter(|id| !listed.contains(id) && !detached.contains(id))
        .collect();
    report.deleted = delete_missing(store, source, gone, read).await?;
    if report.deleted > 0 {
        progress(&format!("{} deleted in WordPress", report.deleted));
    }
    let term_source = source.to_owned();
    report.terms_deleted = store
        .write(move |conn| delete_gone_terms(conn, &term_source, &listed_terms, &read_taxonomies))
        .await?;
    if report.terms_deleted > 0 {
        progress(&format!(
            "{} terms deleted in WordPress",
            report.terms_deleted
        ));
    }
    report.requests = client.requests.get();
    Ok(report)
}

/// The terms of the taxonomies headpress keeps, all of them.
async fn read_terms(
    client: &Client,
    taxonomies: &Value,
) -> std::result::Result<(Lookup, Vec<crate::import::wxr::Term>), SyncError> {
    let mut lookup = Lookup::default();
    let mut terms = Vec::new();
    for taxonomy in TAXONOMIES {
        let Some(base) = base_of(taxonomies, taxonomy) else {
            continue;
        };
        let list = client
            .all(&format!("/wp/v2/{base}"), &with(edit(), "orderby", "id"))
            .await?;
        for t in rest::terms(&list, taxonomy)? {
            lookup.terms.insert(t.id, t.clone());
            terms.push(t);
        }
        lookup.taxonomies.push((taxonomy.to_owned(), base));
    }
    Ok((lookup, terms))
}

/// Where the REST API serves a type or taxonomy, when the site has it.
fn base_of(all: &Value, name: &str) -> Option<String> {
    all.get(name).map(|t| {
        t["rest_base"]
            .as_str()
            .filter(|b| !b.is_empty())
            .unwrap_or(name)
            .to_owned()
    })
}

/// Every item of the post types headpress keeps: ids, stamps, parents and authors only.
async fn list_post_types(
    client: &Client,
    types: &Value,
) -> std::result::Result<Vec<PostType>, SyncError> {
    let mut post_types = Vec::new();
    for name in TYPES {
        let Some(base) = base_of(types, name) else {
            continue;
        };
        let mut q = edit();
        q.push((
            "_fields",
            "id,modified_gmt,status,parent,post,author".into(),
        ));
        q.push(("status", statuses(name).into()));
        q.push(("orderby", "id".into()));
        q.push(("order", "asc".into()));
        let listed = client
            .all(&format!("/wp/v2/{base}"), &q)
            .await?
            .iter()
            .map(|v| {
                Ok(Listed {
                    id: rest::id(v, &base)?,
                    stamp: format!(
                        "{} {}",
                        v["modified_gmt"].as_str().unwrap_or_default(),
                        v["status"].as_str().unwrap_or_default()
                    ),
                    parent: v["parent"].as_i64().unwrap_or(0),
                    author: v["author"].as_i64().unwrap_or(0),
                })
            })
            .collect::<std::result::Result<Vec<_>, SyncError>>()?;
        post_types.push(PostType { name, base, listed });
    }
    Ok(post_types)
}

fn statuses(post_type: &str) -> &'static str {
    if post_type == "attachment" {
        MEDIA_STATUSES
    } else {
        STATUSES
    }
}

/// The site's users (the authors of what it has) and its offset, with the terms read.
#[expect(clippy::too_many_arguments, reason = "the run's parts, gathered once")]
async fn read_site<'a>(
    client: &'a Client,
    store: &'a Store,
    source: &'a str,
    holder: &'a str,
    index: &Value,
    post_types: &[PostType],
    mut lookup: Lookup,
    terms: Vec<crate::import::wxr::Term>,
) -> std::result::Result<Batches<'a>, SyncError> {
    let authors: HashSet<i64> = post_types
        .iter()
        .flat_map(|t| t.listed.iter().map(|l| l.author))
        .collect();
    let users = client.all("/wp/v2/users", &edit()).await?;
    let mut site = crate::import::wxr::Site {
        title: index["name"].as_str().unwrap_or_default().to_owned(),
        link: index["home"].as_str().unwrap_or_default().to_owned(),
        base_site_url: index["url"].as_str().unwrap_or_default().to_owned(),
        terms,
        ..Default::default()
    };
    for u in &users {
        let author = rest::author(u)?;
        lookup.logins.insert(author.id, author.login.clone());
        if authors.contains(&author.id) {
            site.authors.push(author);
        }
    }
    let hours = index["gmt_offset"]
        .as_f64()
        .or_else(|| index["gmt_offset"].as_str()?.parse().ok())
        .unwrap_or(0.0);
    Ok(Batches {
        client,
        store,
        source,
        holder,
        site,
        lookup,
        site_offset: chrono::Duration::minutes((hours * 60.0) as i64),
        uploads: tempfile::tempdir()
            .map_err(|e| SyncError::Content(format!("cannot make a folder for downloads: {e}")))?,
        session: None,
    })
}

impl Batches<'_> {
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            site: self.site.clone(),
            site_offset: self.site_offset,
            ..Default::default()
        }
    }

    /// Fetches the changed items of a type 100 at a time and writes each batch.
    async fn write_changed(
        &mut self,
        t: &PostType,
        mut changed: Vec<&Listed>,
        report: &mut Report,
        progress: &mut dyn FnMut(&str),
    ) -> std::result::Result<(), SyncError> {
        if changed.is_empty() {
            return Ok(());
        }
        if t.name == "page" {
            sort_parents_first(&mut changed, &t.listed);
        }
        progress(&format!("{}: {} changed", t.base, changed.len()));
        for chunk in changed.chunks(BATCH) {
            let ids: Vec<String> = chunk.iter().map(|l| l.id.to_string()).collect();
            let mut q = edit();
            q.push(("include", ids.join(",")));
            q.push(("status", statuses(t.name).into()));
            q.push(("per_page", BATCH.to_string()));
            let got = self.client.list(&format!("/wp/v2/{}", t.base), &q).await?;
            report.fetched += got.items.len();
            let mut by_id: HashMap<i64, Value> = HashMap::new();
            for v in got.items {
                by_id.insert(rest::id(&v, &t.base)?, v);
            }
            let mut snapshot = self.snapshot();
            let mut stamps = Vec::new();
            // In the order listed (parents first); an item deleted since it was listed
            // is left for the next run.
            for l in chunk {
                let Some(v) = by_id.get(&l.id) else { continue };
                let item = rest::item(v, &self.lookup)?;
                match t.name {
                    "attachment" => {
                        download(self.client, &item, self.uploads.path()).await?;
                        snapshot.attachments.push(item);
                    }
                    "wp_block" => snapshot.blocks.push(item),
                    _ => snapshot.items.push(item),
                }
                stamps.push((t.base.clone(), l.id, l.stamp.clone()));
            }
            let mut written = self.write(snapshot, stamps).await?;
            // Users and terms were counted once, by the first batch.
            written
                .kinds
                .retain(|kind, _| kind != "users" && kind != "terms");
            report.summary.merge(written);
            progress(&format!("{}: {} written", t.base, chunk.len()));
            lease::renew(self.store, self.source, self.holder).await?;
        }
        Ok(())
    }

    /// Writes one batch and what the run saw of its items, in one transaction.
    async fn write(
        &mut self,
        snapshot: Snapshot,
        stamps: Vec<(String, i64, String)>,
    ) -> std::result::Result<Summary, SyncError> {
        let session = self.session.take();
        let source = self.source.to_owned();
        let storage: Arc<dyn Storage> = self.store.storage();
        let options = wordpress::Options {
            uploads: Some(self.uploads.path().to_owned()),
            ..Default::default()
        };
        let (summary, session) = self
            .store
            .write(move |conn| {
                let into = |e| match e {
                    crate::import::ImportError::App(e) => e,
                    other => Error::invalid("wordpress", other.to_string()),
                };
                let mut session = match session {
                    Some(session) => session,
                    None => wordpress::Session::load(conn, &source).map_err(into)?,
                };
                let summary = wordpress::import_snapshot(
                    conn,
                    storage.as_ref(),
                    &source,
                    &snapshot,
                    &options,
                    &mut session,
                )
                .map_err(into)?;
                for (base, id, stamp) in &stamps {
                    diesel::delete(sync_items::table.find((&source, base, id))).execute(conn)?;
                    diesel::insert_into(sync_items::table)
                        .values((
                            sync_items::source.eq(&source),
                            sync_items::rest_base.eq(base),
                            sync_items::wp_id.eq(id),
                            sync_items::stamp.eq(stamp),
                        ))
                        .execute(conn)?;
                }
                Ok((summary, session))
            })
            .await?;
        // A batch that failed ends the run: its session (which may name what it rolled
        // back) goes with it.
        self.session = Some(session);
        Ok(summary)
    }
}

/// Deletes what the site no longer has; how many things went.
async fn delete_missing(
    store: &Store,
    source: &str,
    gone: Vec<i64>,
    read: Vec<&'static str>,
) -> std::result::Result<usize, SyncError> {
    if gone.is_empty() {
        return Ok(0);
    }
    let source = source.to_owned();
    let storage = store.storage();
    let (deleted, files) = store
        .write(move |conn| delete_gone(conn, &source, &gone, &read))
        .await?;
    for file in files {
        if let Err(e) = storage.delete(&file) {
            tracing::warn!(%file, error = %e, "sync: a deleted media item's file stays");
        }
    }
    Ok(deleted)
}

fn with(
    mut q: Vec<(&'static str, String)>,
    k: &'static str,
    v: &str,
) -> Vec<(&'static str, String)> {
    q.push((k, v.to_owned()));
    q
}

/// Pages whose parent changed too come after it.
fn sort_parents_first(changed: &mut [&Listed], all: &[Listed]) {
    let parents: HashMap<i64, i64> = all.iter().map(|l| (l.id, l.parent)).collect();
    let depth = |mut id: i64| {
        let mut d = 0;
        while let Some(p) = parents.get(&id).copied().filter(|p| *p != 0) {
            d += 1;
            id = p;
            if d > 64 {
                break;
            }
        }
        d
    };
    changed.sort_by_key(|l| (depth(l.id), l.id));
}

/// Downloads an attachment's file where an uploads folder would have it.
async fn download(
    client: &Client,
    item: &crate::import::wxr::Item,
    uploads: &Path,
) -> std::result::Result<(), SyncError> {
    let relative = item
        .meta
        .iter()
        .find(|(k, _)| k == "_wp_attached_file")
        .map(|(_, v)| v.clone())
        .or_else(|| {
            item.attachment_url
                .split("/wp-content/uploads/")
                .nth(1)
                .map(str::to_owned)
        });
    let Some(relative) = relative.filter(|r| !r.split('/').any(|p| p == ".." || p.is_empty()))
    else {
        return Ok(());
    };
    let bytes = client.download(&item.attachment_url).await?;
    let path = uploads.join(&relative);
    let saved = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&path, bytes));
    saved.map_err(|e| SyncError::Content(format!("cannot keep {}: {e}", path.display())))
}

/// What the last run saw of each item: (REST base, id) -> stamp.
fn seen(conn: &mut DbConn, source: &str) -> Result<HashMap<(String, i64), String>> {
    Ok(sync_items::table
        .filter(sync_items::source.eq(source))
        .select((sync_items::rest_base, sync_items::wp_id, sync_items::stamp))
        .load::<(String, i64, String)>(conn)?
        .into_iter()
        .map(|(base, id, stamp)| ((base, id), stamp))
        .collect())
}

/// The WordPress ids of what came from the site: items, reusable blocks and media.
fn known(conn: &mut DbConn, source: &str) -> Result<HashSet<i64>> {
    let mut ids: HashSet<i64> = import_origins::table
        .filter(import_origins::source.eq(source))
        .filter(import_origins::kind.eq_any(["entry", "block", "media"]))
        .select(import_origins::source_id)
        .load::<String>(conn)?
        .into_iter()
        .filter_map(|s| s.parse().ok())
        .collect();
    ids.extend(
        sync_items::table
            .filter(sync_items::source.eq(source))
            .select(sync_items::wp_id)
            .load::<i64>(conn)?,
    );
    Ok(ids)
}

/// The WordPress ids of items detached from the site.
fn detached(conn: &mut DbConn, source: &str) -> Result<HashSet<i64>> {
    Ok(import_origins::table
        .filter(import_origins::source.eq(source))
        .filter(import_origins::detached.eq(true))
        .select(import_origins::source_id)
        .load::<String>(conn)?
        .into_iter()
        .filter_map(|s| s.parse().ok())
        .collect())
}

/// The WordPress post type of a kind of content.
fn post_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Post => "post",
        Kind::Page => "page",
        Kind::Resource => "resource",
        Kind::Event => "ai1ec_event",
        Kind::Block => "wp_block",
    }
}

/// Deletes the terms WordPress deleted (it lists every term of a taxonomy on each run),
/// and forgets them; only terms of the taxonomies `read`, and never one another of the
/// site's listed terms is too (a tag of events named as a tag of posts is one tag here).
fn delete_gone_terms(
    conn: &mut DbConn,
    source: &str,
    listed: &HashSet<i64>,
    read: &[Taxonomy],
) -> Result<usize> {
    let origins: Vec<(String, i64)> = import_origins::table
        .filter(import_origins::source.eq(source))
        .filter(import_origins::kind.eq("term"))
        .select((import_origins::source_id, import_origins::target_id))
        .load(conn)?;
    let is_listed = |key: &str| key.parse().is_ok_and(|id: i64| listed.contains(&id));
    let still: HashSet<i64> = origins
        .iter()
        .filter(|(key, _)| is_listed(key))
        .map(|(_, target)| *target)
        .collect();
    let mut deleted = 0;
    for (key, target) in origins.iter().filter(|(key, _)| !is_listed(key)) {
        let taxonomy = crate::db::schema::terms::table
            .find(target)
            .select(crate::db::schema::terms::taxonomy)
            .first::<String>(conn)
            .optional()?
            .and_then(|t| Taxonomy::parse(&t));
        match taxonomy {
            Some(t) if !read.contains(&t) => continue,
            Some(t) if !still.contains(target) => {
                crate::content::terms::delete(conn, t, *target)?;
                deleted += 1;
            }
            _ => {}
        }
        diesel::delete(import_origins::table.find((source, "term", key))).execute(conn)?;
    }
    Ok(deleted)
}

/// Deletes (for good) what WordPress deleted, and forgets it; only things of the post
/// types whose list was `read` (a type a plugin no longer registers deletes nothing).
/// Returns how many were deleted, and the storage keys of the files to remove once that
/// has committed.
fn delete_gone(
    conn: &mut DbConn,
    source: &str,
    gone: &[i64],
    read: &[&str],
) -> Result<(usize, Vec<String>)> {
    use crate::content::{items, pages, posts, resources, reusable};
    let admin = Viewer::User {
        id: 0,
        role: Role::Admin,
    };
    let mut files = Vec::new();
    let mut deleted = 0;
    for wp in gone {
        let key = wp.to_string();
        let origins: Vec<(String, i64)> = import_origins::table
            .filter(import_origins::source.eq(source))
            .filter(import_origins::source_id.eq(&key))
            .filter(import_origins::kind.eq_any(["entry", "block", "media"]))
            .select((import_origins::kind, import_origins::target_id))
            .load(conn)?;
        let mut done = true;
        for (kind, id) in origins {
            if kind == "media" {
                if !read.contains(&"attachment") {
                    done = false;
                    continue;
                }
                match crate::media::library::delete(conn, admin, id, true) {
                    Ok(file) => files.push(file),
                    Err(Error::NotFound(_)) => {}
                    Err(e) => return Err(e),
                }
            } else {
                let found = crate::db::schema::entries::table
                    .find(id)
                    .select(crate::db::schema::entries::kind)
                    .first::<Kind>(conn)
                    .optional()?;
                if found.is_some_and(|k| !read.contains(&post_type(k))) {
                    done = false;
                    continue;
                }
                match found {
                    Some(Kind::Post) => items::delete::<posts::Posts>(conn, admin, id, true),
                    Some(Kind::Page) => items::delete::<pages::Pages>(conn, admin, id, true),
                    Some(Kind::Resource) => {
                        items::delete::<resources::Resources>(conn, admin, id, true)
                    }
                    Some(Kind::Event) => {
                        items::delete::<crate::events::Events>(conn, admin, id, true)
                    }
                    Some(Kind::Block) => {
                        items::delete::<reusable::ReusableBlocks>(conn, admin, id, true)
                    }
                    None => Ok(None),
                }?;
            }
            deleted += 1;
            diesel::delete(import_origins::table.find((source, &kind, &key))).execute(conn)?;
        }
        if done {
            diesel::delete(
                sync_items::table
                    .filter(sync_items::source.eq(source))
                    .filter(sync_items::wp_id.eq(wp)),
            )
            .execute(conn)?;
        }
    }
    Ok((deleted, files))
}
