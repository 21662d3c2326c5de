//! Writing a generated site through the domain, kind after kind, timing what is spent
//! composing content apart from what is spent writing it.

use std::time::{Duration, Instant};

use chrono::NaiveDateTime;

use super::progress::Progress;
use super::rng::Zipf;
use super::site::{self, Plan, Site};
use super::text::Slugs;
use super::words::PUBLISHERS;
use super::{GenerateError, Summary, Tally, events, existing_slugs, pages, posts, resources};
use crate::content::entry::EntryInput;
use crate::content::items;
use crate::content::kind::ContentKind;
use crate::content::pages::{PageChanges, Pages};
use crate::content::posts::Posts;
use crate::content::resources::Resources;
use crate::db::DbConn;
use crate::error::Error;
use crate::events::Events;

struct Writer<'a> {
    site: Site,
    now: NaiveDateTime,
    progress: &'a mut Progress,
    composing: Duration,
    writing: Duration,
}

impl Writer<'_> {
    /// Writes `count` items of kind `K`, each made by `make` from its place in this run,
    /// its number (which goes on after the items of the kind already in the database, so
    /// that `--append` makes new ones) and the ids of the items made before it (`make` may
    /// fail, as checked changes can); each gets a free slug from its title. Returns the ids.
    fn items<K: ContentKind>(
        &mut self,
        conn: &mut DbConn,
        count: usize,
        tally: &mut Tally,
        make: impl Fn(&Site, usize, usize, &[i64]) -> Result<(EntryInput, K::Changes), Error>,
    ) -> Result<Vec<i64>, GenerateError> {
        let kind = K::KIND;
        self.progress.stage(kind.collection());
        let existing = existing_slugs(conn, kind)?;
        let first = existing.len();
        let mut slugs = Slugs::taken(existing);
        let mut ids = Vec::with_capacity(count);
        for i in 0..count {
            let started = Instant::now();
            let what = || format!("{} {i}", kind.noun());
            let (mut input, changes) =
                make(&self.site, i, first + i, &ids).map_err(|cause| GenerateError::Item {
                    what: what(),
                    cause,
                })?;
            input.slug = input.title.as_deref().map(|t| slugs.claim(t));
            if let Some(status) = input.status {
                tally.count(status, input.published_at, self.now);
            }
            let composed = Instant::now();
            let entry =
                items::create::<K>(conn, self.site.viewer, input, changes).map_err(|cause| {
                    GenerateError::Item {
                        what: what(),
                        cause,
                    }
                })?;
            ids.push(entry.id);
            self.composing += composed - started;
            self.writing += composed.elapsed();
            self.progress.step();
        }
        Ok(ids)
    }
}

/// Writes the whole site (the caller holds the transaction).
pub fn site(
    conn: &mut DbConn,
    plan: &Plan,
    seed: u64,
    progress: &mut Progress,
) -> Result<Summary, GenerateError> {
    let now = crate::db::now();
    let today = now.date().and_hms_opt(0, 0, 0).unwrap_or(now);
    progress.stage("authors, terms and reusable blocks");
    let site = site::build(conn, plan, seed, today, || progress.step())?;
    let mut summary = Summary {
        plan: Some(*plan),
        blocks: site.blocks.len(),
        ..Summary::default()
    };
    let mut w = Writer {
        site,
        now,
        progress,
        composing: Duration::ZERO,
        writing: Duration::ZERO,
    };

    // Parents before their children: every page's parent is an earlier page.
    let tree = pages::tree(seed, plan.pages);
    w.items::<Pages>(conn, plan.pages, &mut summary.pages, |site, i, n, made| {
        let place = &tree[i];
        let (input, template) = pages::page(site, n, place);
        let parent = place.parent.map(|p| made[p]);
        let changes = PageChanges::new(Some(parent), Some(place.menu_order), Some(template))?;
        Ok((input, changes))
    })?;
    w.items::<Posts>(conn, plan.posts, &mut summary.posts, |site, _, n, _| {
        Ok((posts::post(site, n), ()))
    })?;
    let publishers = Zipf::new(PUBLISHERS.len(), 1.1);
    w.items::<Resources>(
        conn,
        plan.resources,
        &mut summary.resources,
        |site, _, n, _| resources::resource(site, &publishers, n),
    )?;
    let draws = events::Draws::new();
    w.items::<Events>(conn, plan.events, &mut summary.events, |site, _, n, _| {
        Ok(events::event(site, &draws, n))
    })?;
    summary.composing = w.composing;
    summary.writing = w.writing;
    Ok(summary)
}
