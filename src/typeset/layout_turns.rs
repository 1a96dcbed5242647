//! How many meetings of one process lay out at once. A layout holds most of what a
//! meeting takes in memory (typst's cached results and the pages), and typst already
//! spreads one layout over the cores, so a build of many meetings lets few lay out
//! together while the others load or write their PDFs.

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// The turns handed out and how many may be out at once.
struct Turns {
    limit: usize,
    taken: usize,
}

static TURNS: Mutex<Turns> = Mutex::new(Turns {
    limit: usize::MAX,
    taken: 0,
});
static RETURNED: Condvar = Condvar::new();

/// The turns, whatever a panicking holder left: a count is never left half-updated.
fn turns() -> MutexGuard<'static, Turns> {
    TURNS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// One meeting's turn to lay out, given back when dropped.
#[must_use = "the turn is given back when this is dropped"]
pub struct Turn(());

impl Turn {
    /// From now on at most `limit` meetings (at least one) lay out at once. Until a
    /// command says so, any number may (a watch, a server, a library caller).
    pub fn limit(limit: usize) {
        turns().limit = limit.max(1);
        RETURNED.notify_all();
    }

    /// Waits for a turn to lay out.
    pub fn take() -> Self {
        let mut turns = turns();
        while turns.taken >= turns.limit {
            turns = RETURNED.wait(turns).unwrap_or_else(PoisonError::into_inner);
        }
        turns.taken += 1;
        Self(())
    }

    /// How many meetings other than the holder's are laying out.
    pub fn others(&self) -> usize {
        turns().taken - 1
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        turns().taken -= 1;
        RETURNED.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    /// The only test that sets a limit (tests share the process): any other layout
    /// under way only delays it.
    #[test]
    fn a_meeting_waits_while_every_turn_is_out_and_gets_the_one_given_back() {
        Turn::limit(1);
        let held = Turn::take();
        assert_eq!(held.others(), 0);
        let (taken, told) = mpsc::channel();
        std::thread::scope(|scope| {
            scope.spawn(move || {
                let _turn = Turn::take();
                taken.send(()).unwrap();
            });
            assert!(
                told.recv_timeout(Duration::from_millis(200)).is_err(),
                "a second meeting laid out while the only turn was out"
            );
            drop(held);
            told.recv_timeout(Duration::from_secs(30))
                .expect("the waiting meeting got the turn given back");
        });
        Turn::limit(usize::MAX);
    }
}
