//! `headpress generate`: a synthetic site shaped like the real one (a human-rights and
//! modern-slavery resource hub), as big as asked, for benchmarks and trying things out.
//!
//! Everything is written through the domain's write paths (`content::items`, `terms`,
//! `users`, `field_groups`), in one transaction: all or nothing. The same number of posts
//! and seed give the same content: every item draws from its own random stream
//! ([`rng::Rng::of`]), past dates count back from an anchor day fixed by the seed, and
//! what must be relative to the day of the run (scheduled posts, events) counts from
//! midnight UTC of that day, so two runs on the same day give the same site.

pub mod blocks;
mod events;
mod pages;
mod posts;
pub mod progress;
mod resources;
pub mod rng;
mod site;
mod text;
mod words;
mod write;

use std::fmt;
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::content::{Kind, Status, items};
use crate::db::DbConn;
use crate::db::schema::entries;
use crate::error::Error;
use progress::Progress;
pub use site::Plan;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    pub posts: usize,
    pub seed: u64,
    /// Add to a database that has content already (otherwise refused).
    pub append: bool,
}

/// Why nothing was generated.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error(
        "the database already holds {0} content items; generate fills an empty database \
         (pass --append to add a generated site to it)"
    )]
    NotEmpty(i64),
    /// Content the generator made was refused (a bug in the generator, or a database
    /// `--append` cannot add to).
    #[error("{what}: {}", .cause.explain())]
    Item { what: String, cause: Error },
    #[error(transparent)]
    App(#[from] Error),
}

impl From<diesel::result::Error> for GenerateError {
    fn from(e: diesel::result::Error) -> Self {
        GenerateError::App(e.into())
    }
}

/// How many items of a kind were made, by where they are in their life.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tally {
    pub published: usize,
    pub scheduled: usize,
    pub unpublished: usize,
}

impl Tally {
    pub fn total(&self) -> usize {
        self.published + self.scheduled + self.unpublished
    }

    fn count(&mut self, status: Status, published_at: Option<NaiveDateTime>, now: NaiveDateTime) {
        match status {
            Status::Published if published_at.is_some_and(|t| t > now) => self.scheduled += 1,
            Status::Published => self.published += 1,
            _ => self.unpublished += 1,
        }
    }
}

/// What was made, and how long it took.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub plan: Option<Plan>,
    pub posts: Tally,
    pub pages: Tally,
    pub resources: Tally,
    pub events: Tally,
    pub blocks: usize,
    /// Time spent making the items' content (text, markup, terms) ...
    pub composing: Duration,
    /// ... and writing them through `content::items`.
    pub writing: Duration,
    pub total: Duration,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<16} {:>9} {:>10} {:>9} {:>12}",
            "kind", "total", "published", "scheduled", "unpublished"
        )?;
        for (kind, t) in [
            ("posts", &self.posts),
            ("pages", &self.pages),
            ("resources", &self.resources),
            ("events", &self.events),
        ] {
            writeln!(
                f,
                "{kind:<16} {:>9} {:>10} {:>9} {:>12}",
                t.total(),
                t.published,
                t.scheduled,
                t.unpublished
            )?;
        }
        writeln!(f, "{:<16} {:>9}", "reusable blocks", self.blocks)?;
        if let Some(p) = &self.plan {
            for (what, n) in [
                ("tags", p.tags),
                ("categories", p.categories),
                ("resource types", p.resource_types),
                ("event categories", p.event_categories),
                ("authors", p.authors),
            ] {
                writeln!(f, "{what:<16} {n:>9}")?;
            }
        }
        writeln!(
            f,
            "\ntook {} ({:.1} s composing items, {:.1} s writing them through the domain)",
            progress::format_duration(self.total),
            self.composing.as_secs_f64(),
            self.writing.as_secs_f64()
        )
    }
}

/// Slugs of a kind that are taken already.
fn existing_slugs(conn: &mut DbConn, kind: Kind) -> Result<Vec<String>, Error> {
    Ok(entries::table
        .filter(entries::kind.eq(kind.as_str()))
        .select(entries::slug)
        .load(conn)?)
}

/// Fills the database with a generated site, all in one transaction.
pub fn generate(
    conn: &mut DbConn,
    options: &Options,
    progress: &mut Progress,
) -> Result<Summary, GenerateError> {
    let started = Instant::now();
    let existing: i64 = entries::table
        .count()
        .get_result(conn)
        .map_err(Error::from)?;
    if existing > 0 && !options.append {
        return Err(GenerateError::NotEmpty(existing));
    }
    let plan = Plan::for_posts(options.posts);
    // One batch: the counts, the content version and (SQLite) the search index are
    // written once, at the end.
    let mut summary = conn.transaction(|conn| {
        items::batched(conn, |conn| {
            write::site(conn, &plan, options.seed, progress)
        })
    })?;
    progress.finish();
    summary.total = started.elapsed();
    Ok(summary)
}
