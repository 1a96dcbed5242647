//! The process's memory allocator, set up before any work begins.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::{Mutex, PoisonError};

/// Keeps glibc's threshold for giving large blocks their own mapping fixed at its
/// default (128 KiB) instead of letting it rise with each large block freed.
///
/// Why: the PDF export creates and frees a deflate state (371 KiB) per stream. Once a
/// larger block has been freed, glibc raises the threshold and serves those states
/// from the heap, between the compressed streams that stay, and the heap keeps the
/// holes: in about a third of the builds of a 100-section pack the export ended 17 MiB
/// higher (105 against 86 MiB peak). With the threshold fixed, the states are mapped
/// and unmapped whole, and the peak is the same in every run, at the same wall time
/// within the noise (mapping them anew costs page faults and system time: the
/// command's allocator, [`BlockCache`], keeps a few freed states for the next, and
/// `pdf::packed` keeps one state per thread for its own streams). Other platforms'
/// allocators are left as they are.
pub fn configure() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        const DEFAULT_THRESHOLD: libc::c_int = 128 * 1024;
        // SAFETY: mallopt only sets a parameter of the allocator; it is called before
        // the program starts any thread. A refusal (0) leaves glibc's default behaviour.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, DEFAULT_THRESHOLD);
        }
    }
}

/// The command's global allocator: [`System`], keeping the last few freed blocks of
/// a deflate state's size (128 KiB to 512 KiB) for the next allocation of the same
/// size.
///
/// Why: the PDF export compresses each stream with a new deflate state of 371 KiB,
/// a block glibc maps on allocation and unmaps on free (see [`configure`]). Each
/// new state's pages are faulted in and zeroed again, and each unmapping stops every
/// thread's use of the pages' addresses: in a 258-page pack, 20,000 of the build's
/// 81,000 page faults. Kept here, a freed state is handed back whole, already
/// mapped, to the next stream, which zeroes what it needs. At most four blocks
/// are kept (2 MiB), the oldest given back to the system when another is freed;
/// larger and smaller blocks go to [`System`] directly.
pub struct BlockCache {
    kept: Mutex<Kept>,
}

/// How many freed blocks are kept: one per core of the machines the packs are built
/// on, and two more, so that states freed and made again on several threads at once
/// still meet a kept block.
const SLOTS: usize = 4;

/// The sizes of block kept: from glibc's mapping threshold up to 512 KiB.
const KEPT_SIZES: std::ops::RangeInclusive<usize> = (128 * 1024)..=(512 * 1024);

/// The freed blocks kept, and where the next one goes.
struct Kept {
    blocks: [Option<Block>; SLOTS],
    next: usize,
}

/// A freed block and the layout it was allocated with.
#[derive(Clone, Copy)]
struct Block {
    address: usize,
    layout: Layout,
}

impl BlockCache {
    /// An empty cache.
    pub const fn new() -> Self {
        Self {
            kept: Mutex::new(Kept {
                blocks: [None; SLOTS],
                next: 0,
            }),
        }
    }

    fn kept(&self) -> std::sync::MutexGuard<'_, Kept> {
        // Nothing panics while the lock is held; if something did, the slots are
        // still whole.
        self.kept.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A kept block of exactly `layout`, taken out of the cache.
    fn take(&self, layout: Layout) -> Option<*mut u8> {
        if !KEPT_SIZES.contains(&layout.size()) {
            return None;
        }
        let mut kept = self.kept();
        kept.blocks.iter_mut().find_map(|slot| {
            slot.take_if(|block| block.layout == layout)
                .map(|block| block.address as *mut u8)
        })
    }
}

impl Default for BlockCache {
    fn default() -> Self {
        Self::new()
    }
}

/// The command's cache lives as long as the process; one made for a test gives its
/// blocks back.
impl Drop for BlockCache {
    fn drop(&mut self) {
        let kept = self.kept.get_mut().unwrap_or_else(PoisonError::into_inner);
        for block in kept.blocks.iter_mut().filter_map(Option::take) {
            // SAFETY: a kept block is a `System` block of its layout that nobody uses.
            unsafe { System.dealloc(block.address as *mut u8, block.layout) };
        }
    }
}

// SAFETY: every block handed out is either fresh from `System` or a block `System`
// allocated with the very same layout, freed by its owner and kept unused since; a
// block is in at most one slot, and leaves it under the lock before it is handed
// out. Blocks given back to `System` carry the layout they were allocated with.
unsafe impl GlobalAlloc for BlockCache {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match self.take(layout) {
            Some(block) => block,
            // SAFETY: the caller's layout has a non-zero size, as `alloc` requires.
            None => unsafe { System.alloc(layout) },
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        match self.take(layout) {
            Some(block) => {
                // SAFETY: the block is `layout.size()` bytes, and ours alone now.
                unsafe { block.write_bytes(0, layout.size()) };
                block
            }
            // SAFETY: as in `alloc`.
            None => unsafe { System.alloc_zeroed(layout) },
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if !KEPT_SIZES.contains(&layout.size()) {
            // SAFETY: the caller allocated `ptr` here with `layout`, so from `System`.
            return unsafe { System.dealloc(ptr, layout) };
        }
        let oldest = {
            let mut kept = self.kept();
            let slot = kept.next;
            kept.next = (slot + 1) % SLOTS;
            kept.blocks[slot].replace(Block {
                address: ptr as usize,
                layout,
            })
        };
        if let Some(oldest) = oldest {
            // SAFETY: a kept block is a `System` block of its layout that nobody uses.
            unsafe { System.dealloc(oldest.address as *mut u8, oldest.layout) };
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: every block in use is a `System` block of `layout`; glibc resizes
        // a mapped block in place where it can, which `alloc` and a copy would not.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STATE: usize = 380_032;

    fn state() -> Layout {
        Layout::from_size_align(STATE, 64).unwrap()
    }

    /// A block of `layout` allocated from `cache` and freed to it again: its address.
    unsafe fn freed(cache: &BlockCache, layout: Layout) -> *mut u8 {
        unsafe {
            let block = cache.alloc(layout);
            cache.dealloc(block, layout);
            block
        }
    }

    #[test]
    fn a_freed_state_is_handed_back_to_the_next_allocation_of_its_size() {
        let cache = BlockCache::new();
        unsafe {
            let first = freed(&cache, state());
            let second = cache.alloc(state());
            assert_eq!(first, second);
            cache.dealloc(second, state());
        }
    }

    #[test]
    fn a_kept_block_is_zeroed_when_zeroed_memory_is_asked_for() {
        let cache = BlockCache::new();
        unsafe {
            let block = cache.alloc(state());
            block.write_bytes(0xA5, STATE);
            cache.dealloc(block, state());
            let zeroed = cache.alloc_zeroed(state());
            assert_eq!(zeroed, block);
            let bytes = std::slice::from_raw_parts(zeroed, STATE);
            assert!(bytes.iter().all(|&b| b == 0));
            cache.dealloc(zeroed, state());
        }
    }

    #[test]
    fn other_layouts_and_sizes_are_not_kept() {
        let cache = BlockCache::new();
        unsafe {
            let block = freed(&cache, state());
            // The same size at another alignment is not the kept block's layout.
            let other = Layout::from_size_align(STATE, 8).unwrap();
            assert!(cache.take(other).is_none());
            let small = Layout::from_size_align(4096, 8).unwrap();
            let large = Layout::from_size_align(4 << 20, 8).unwrap();
            for layout in [small, large] {
                freed(&cache, layout);
                assert!(cache.take(layout).is_none());
            }
            assert!(cache.take(state()).is_some_and(|kept| kept == block));
            System.dealloc(block, state());
        }
    }

    #[test]
    fn at_most_slots_blocks_are_kept_the_oldest_given_back() {
        let cache = BlockCache::new();
        unsafe {
            let blocks: Vec<*mut u8> = (0..SLOTS + 1).map(|_| cache.alloc(state())).collect();
            for &block in &blocks {
                cache.dealloc(block, state());
            }
            let mut kept: Vec<*mut u8> = (0..SLOTS)
                .map(|_| cache.take(state()).expect("a kept block"))
                .collect();
            assert!(cache.take(state()).is_none());
            kept.sort();
            let mut newest = blocks[1..].to_vec();
            newest.sort();
            assert_eq!(kept, newest);
            for block in kept {
                System.dealloc(block, state());
            }
        }
    }
}
