//! Bookkeeping of many writes in one transaction, written once at its end.
//!
//! Every write of content changes the stored counts and bumps the content version in its
//! transaction. A request writes one item, so that is a few small statements. An import or
//! `generate` writes thousands of items in one transaction, and on PostgreSQL updating the
//! same few rows thousands of times in one transaction leaves a chain of row versions that
//! every later update walks: the import grows quadratic. Inside [`batched`](crate::content::items::batched), the counts'
//! differences are summed in memory and written, with one bump of the version, when the
//! batch ends; readers inside the batch do not read counts, and readers outside it see the
//! transaction only once it commits, with its counts.
//!
//! The pending sums live in a thread-local: a batch runs, with its connection, on one
//! thread from its start to its end.

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::content::Kind;

/// What the writes of a batch have changed so far.
#[derive(Default)]
pub(crate) struct Pending {
    pub bumped: bool,
    pub entries: HashMap<(Kind, &'static str), i64>,
    pub terms: HashMap<(i64, Kind), i64>,
    /// Rows of the change feed, written in order when the batch ends.
    pub changes: Vec<crate::content::changes::row::Row>,
    /// What a module keeps for the rest of the batch (the field groups, read once),
    /// forgotten when the batch writes what it was read from.
    pub memo: Option<Rc<dyn Any>>,
}

/// What was kept with [`remember`] in this batch, if it is a `T`.
pub(crate) fn recall<T: 'static>() -> Option<Rc<T>> {
    PENDING.with(|p| {
        let memo = p.borrow().as_ref()?.memo.clone()?;
        memo.downcast::<T>().ok()
    })
}

/// Keeps `value` for the rest of the batch (nothing outside a batch).
pub(crate) fn remember<T: 'static>(value: Rc<T>) {
    absorb(|pending| pending.memo = Some(value));
}

/// Forgets what [`remember`] kept.
pub(crate) fn forget() {
    absorb(|pending| pending.memo = None);
}

thread_local! {
    static PENDING: RefCell<Option<Pending>> = const { RefCell::new(None) };
}

/// Ends the batch however the writes end, a panic included.
pub(crate) struct Batch(());

impl Drop for Batch {
    fn drop(&mut self) {
        PENDING.with(|p| p.borrow_mut().take());
    }
}

impl Batch {
    /// What the batch's writes changed; ends the batch.
    pub(crate) fn finish(self) -> Pending {
        PENDING.with(|p| p.borrow_mut().take()).unwrap_or_default()
    }
}

/// Starts a batch on this thread; `None` when one is running already (a batch inside a
/// batch is part of the outer one).
pub(crate) fn start() -> Option<Batch> {
    PENDING.with(|p| {
        let mut pending = p.borrow_mut();
        if pending.is_some() {
            return None;
        }
        *pending = Some(Pending::default());
        Some(Batch(()))
    })
}

/// Hands `change` the batch's pending sums when a batch is running; `false` when not.
pub(crate) fn absorb(change: impl FnOnce(&mut Pending)) -> bool {
    PENDING.with(|p| match p.borrow_mut().as_mut() {
        Some(pending) => {
            change(pending);
            true
        }
        None => false,
    })
}
