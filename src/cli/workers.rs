//! Meetings worked on in parallel by plain threads, each taking the next meeting from
//! a shared queue. typst's own parallel work (layout, export) runs on rayon's global
//! pool, so a thread waiting for it waits: it never picks up a whole other meeting
//! inside its own, as a worker of a rayon pool building meetings would.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many meetings to work on at once when not told: one per core (rayon's count,
/// which honours `RAYON_NUM_THREADS`).
pub fn default_jobs() -> usize {
    rayon::current_num_threads()
}

/// How many of `jobs` meetings in progress lay out at once: one in two (at least
/// one). typst spreads one layout over about two cores (a pack's documents are laid
/// out in parallel), and a layout holds most of a meeting's memory, so the others
/// load, or write their PDFs, meanwhile. On two cores a year of meetings then peaks
/// at about 1.2 times one meeting's memory instead of 1.5-1.6, for 1.13-1.26 times
/// the time of two layouts at once (docs/scaling.md).
pub fn layouts_at_once(jobs: usize) -> usize {
    (jobs_or_default(jobs) / 2).max(1)
}

/// `jobs`, or [`default_jobs`] for 0.
fn jobs_or_default(jobs: usize) -> usize {
    if jobs == 0 { default_jobs() } else { jobs }
}

/// `work` applied to each of `items` by up to `jobs` threads (0: [`default_jobs`]),
/// the results in the order of `items`.
pub fn in_order<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let jobs = jobs_or_default(jobs);
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(items.len()) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(index) else { break };
                    let result = work(item);
                    *results[index].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
                }
            });
        }
    });
    results
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .expect("every item was worked on")
        })
        .collect()
}
