//! Importing content from elsewhere: iCalendar feeds and WordPress exports. Every import
//! runs in one transaction (all or nothing), remembers where each thing came from so a
//! second run updates instead of duplicating, and ends with a summary per kind.

pub mod acf;
pub mod ics;
pub mod origins;
pub mod php;
pub mod wordpress;
pub mod wxr;

use std::collections::BTreeMap;
use std::fmt;

/// What happened to one kind of thing during an import.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tally {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Why things were left out, with how many each time.
    pub skipped: BTreeMap<String, usize>,
}

impl Tally {
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }
}

/// The outcome of an import: a tally per kind, and notes about what was adjusted.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub kinds: BTreeMap<String, Tally>,
    pub notes: Vec<String>,
    /// True when nothing was written (`--dry-run`).
    pub dry_run: bool,
}

/// The three things that can happen to an imported item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Created,
    Updated,
    Unchanged,
}

impl Summary {
    pub fn tally(&mut self, kind: &str) -> &mut Tally {
        self.kinds.entry(kind.to_owned()).or_default()
    }

    pub fn count(&mut self, kind: &str, outcome: Outcome) {
        let t = self.tally(kind);
        match outcome {
            Outcome::Created => t.created += 1,
            Outcome::Updated => t.updated += 1,
            Outcome::Unchanged => t.unchanged += 1,
        }
    }

    pub fn skip(&mut self, kind: &str, reason: impl Into<String>) {
        *self.tally(kind).skipped.entry(reason.into()).or_default() += 1;
    }

    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    /// Adds what another part of the same run did.
    pub fn merge(&mut self, other: Summary) {
        for (kind, t) in other.kinds {
            let mine = self.tally(&kind);
            mine.created += t.created;
            mine.updated += t.updated;
            mine.unchanged += t.unchanged;
            for (why, n) in t.skipped {
                *mine.skipped.entry(why).or_default() += n;
            }
        }
        self.notes.extend(other.notes);
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.dry_run {
            writeln!(f, "dry run: nothing was written")?;
        }
        let width = self.kinds.keys().map(String::len).max().unwrap_or(4).max(4);
        writeln!(
            f,
            "{:width$}  {:>8}  {:>8}  {:>9}  {:>8}",
            "kind", "created", "updated", "unchanged", "skipped"
        )?;
        for (kind, t) in &self.kinds {
            writeln!(
                f,
                "{kind:width$}  {:>8}  {:>8}  {:>9}  {:>8}",
                t.created,
                t.updated,
                t.unchanged,
                t.skipped_total()
            )?;
        }
        let skipped: Vec<_> = self
            .kinds
            .iter()
            .flat_map(|(kind, t)| t.skipped.iter().map(move |(why, n)| (kind, why, n)))
            .collect();
        if !skipped.is_empty() {
            writeln!(f, "\nskipped:")?;
            for (kind, why, n) in skipped {
                writeln!(f, "  {kind}: {n} × {why}")?;
            }
        }
        if !self.notes.is_empty() {
            writeln!(f, "\nnotes:")?;
            for n in &self.notes {
                writeln!(f, "  {n}")?;
            }
        }
        Ok(())
    }
}

/// Why an import failed. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The input is not what the importer reads, at a place in it.
    #[error("{0}")]
    Input(String),
    /// Content the importer made was refused (a bug in the mapping, or data headpress
    /// cannot hold), named by where it came from.
    #[error("{item}: {cause}")]
    Item { item: String, cause: String },
    #[error(transparent)]
    App(#[from] crate::error::Error),
}

impl ImportError {
    pub fn item(item: impl Into<String>, e: crate::error::Error) -> ImportError {
        ImportError::Item {
            item: item.into(),
            cause: e.explain(),
        }
    }
}

/// Marks a transaction to be rolled back (a dry run) while keeping its summary.
#[derive(Debug)]
pub(crate) struct Rollback(pub Summary);

/// Runs an import in one transaction (with its bookkeeping [`batched`]); a dry run does
/// all the work and rolls it back.
///
/// [`batched`]: crate::content::items::batched
pub(crate) fn in_transaction(
    conn: &mut crate::db::DbConn,
    dry_run: bool,
    f: impl FnOnce(&mut crate::db::DbConn) -> Result<Summary, ImportError>,
) -> Result<Summary, ImportError> {
    use diesel::Connection;
    enum Failure {
        Import(ImportError),
        Rollback(Rollback),
        Db(diesel::result::Error),
    }
    impl From<diesel::result::Error> for Failure {
        fn from(e: diesel::result::Error) -> Self {
            Failure::Db(e)
        }
    }
    let result = conn.transaction::<Summary, Failure, _>(|conn| {
        let summary = crate::content::items::batched(conn, f).map_err(Failure::Import)?;
        if dry_run {
            Err(Failure::Rollback(Rollback(summary)))
        } else {
            Ok(summary)
        }
    });
    match result {
        Ok(s) => Ok(s),
        Err(Failure::Rollback(Rollback(mut s))) => {
            s.dry_run = true;
            Ok(s)
        }
        Err(Failure::Import(e)) => Err(e),
        Err(Failure::Db(e)) => Err(ImportError::App(e.into())),
    }
}
