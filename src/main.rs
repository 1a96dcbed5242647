//! The `agenda-pack` command.

use agenda_pack::cli::allocator::BlockCache;

/// The system's allocator, keeping a few freed deflate states (see [`BlockCache`]).
#[global_allocator]
static ALLOCATOR: BlockCache = BlockCache::new();

fn main() -> std::process::ExitCode {
    agenda_pack::cli::main()
}
