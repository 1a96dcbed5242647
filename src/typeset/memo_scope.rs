//! typst's memoised results (comemo's cache, one per process) across the meetings a
//! process builds: a meeting lays out in its turn (`layout_turns`), and what it cached
//! is dropped when its layouts are done, so a year of meetings takes the memory of
//! the few meetings laying out, not of every one built.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::layout_turns::Turn;

/// Meetings between their first layout and their last export, on any thread.
static IN_PROGRESS: AtomicUsize = AtomicUsize::new(0);

/// Meetings the process has still to begin, when its command said how many it builds
/// before it exits ([`MemoScope::expect`]); [`UNKNOWN`] otherwise (a watch, a server,
/// a library caller), where every meeting's results are evicted.
static TO_BEGIN: AtomicUsize = AtomicUsize::new(UNKNOWN);
const UNKNOWN: usize = usize::MAX;

/// One meeting's use of typst's cache, from its first layout to its last export
/// (fonts and the standard library are shared by every meeting and stay), and its
/// turn to lay out.
#[must_use = "the meeting's cached results are evicted when this is dropped"]
pub struct MemoScope {
    /// The meeting's turn to lay out, from its first layout to its last.
    turn: Option<Turn>,
}

impl MemoScope {
    /// The process will begin `meetings` meetings and then exit: the last of them,
    /// when it is alone, leaves its results for the exit to free (as typst's own
    /// command does) instead of freeing them one by one (30 ms at 258 pages).
    pub fn expect(meetings: usize) {
        TO_BEGIN.store(meetings, Ordering::Release);
    }

    /// A meeting begins.
    pub fn begin() -> Self {
        IN_PROGRESS.fetch_add(1, Ordering::AcqRel);
        // An unknown count stays unknown; a known one counts down to 0.
        let _ = TO_BEGIN.fetch_update(Ordering::AcqRel, Ordering::Acquire, |left| {
            (left != UNKNOWN).then(|| left.saturating_sub(1))
        });
        Self { turn: None }
    }

    /// From now on at most `layouts` meetings lay out at once ([`Turn::limit`]).
    pub fn lay_out_at_once(layouts: usize) {
        Turn::limit(layouts);
    }

    /// The meeting is about to lay out: it waits for its turn, if it has none.
    pub fn lay_out(&mut self) {
        self.turn.get_or_insert_with(Turn::take);
    }

    /// Whether the process has begun the last meeting it said it would: when that
    /// meeting is alone, what it caches is never reused and the process exits next.
    fn last_begun() -> bool {
        TO_BEGIN.load(Ordering::Acquire) == 0
    }

    /// The meeting will lay nothing more out, and gives its turn to the next. When no
    /// other meeting was laying out, what typst cached for its layouts is dropped now,
    /// before the export, which takes that memory instead of more (4 MiB less at the
    /// peak of a 258-page pack), unless the process exits next (see [`Self::expect`]).
    pub fn layouts_done(&mut self) {
        let Some(turn) = self.turn.take() else {
            return;
        };
        let alone = IN_PROGRESS.load(Ordering::Acquire) == 1;
        let evict = turn.others() == 0 && !(alone && Self::last_begun());
        // The turn goes first: freeing the results takes a while (6 ms at 38 pages),
        // and the next meeting's layout need not wait for it (48 meetings took 1.07x
        // the time with the turn held). What that layout cached meanwhile goes too.
        drop(turn);
        if evict {
            typst::comemo::evict(0);
        }
    }
}

impl Drop for MemoScope {
    fn drop(&mut self) {
        // The turn goes before the eviction, as in `layouts_done`.
        self.turn = None;
        let others = IN_PROGRESS.fetch_sub(1, Ordering::AcqRel) - 1;
        if others > 0 || !Self::last_begun() {
            typst::comemo::evict(max_age(others));
        }
    }
}

/// How many evictions a cached result survives unused. Alone, nothing will reuse what
/// is cached: all of it goes. While other meetings are being laid out, what was used
/// since the previous eviction stays (theirs, which their next layout pass reuses;
/// this meeting's last results too, gone at the next eviction).
fn max_age(others: usize) -> usize {
    usize::from(others > 0)
}
