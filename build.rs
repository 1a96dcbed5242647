//! Build script: the git commit for `agenda-pack --version`, and a hash of what the
//! tool is built from for `build --changed`.
//!
//! Only the version string carries the commit (PDFs name the package version alone, so
//! their bytes do not change with it). It reruns when HEAD or the checked-out branch
//! moves, or a file the tool is built from changes; outside a git checkout the commit
//! is `unknown` (or `AGENDA_PACK_COMMIT`, for a packager building from a tarball).
//! `AGENDA_PACK_SOURCE_HASH` hashes the sources, templates, fonts, `Cargo.toml` and
//! `Cargo.lock`, so a local change or a dirty tree is another build of the tool even
//! at the same commit.

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What the tool is built from, beside this script.
const SOURCES: [&str; 6] = [
    "src",
    "templates",
    "fonts",
    "Cargo.toml",
    "Cargo.lock",
    "build.rs",
];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=AGENDA_PACK_COMMIT");
    let commit = std::env::var("AGENDA_PACK_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| git(&["rev-parse", "--short", "HEAD"]))
        .unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=AGENDA_PACK_COMMIT={}", commit.trim());
    for file in head_files() {
        println!("cargo:rerun-if-changed={}", file.display());
    }
    // A folder named here is rescanned whole for changes.
    let mut hasher = DefaultHasher::new();
    for source in SOURCES {
        println!("cargo:rerun-if-changed={source}");
        hash_tree(Path::new(source), &mut hasher);
    }
    println!(
        "cargo:rustc-env=AGENDA_PACK_SOURCE_HASH={:016x}",
        hasher.finish()
    );
}

/// Hashes the file at `path`, or every file under the folder, in name order: each
/// file's path (`/`-separated) and bytes.
fn hash_tree(path: &Path, hasher: &mut DefaultHasher) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        entries.sort();
        for entry in entries {
            hash_tree(&entry, hasher);
        }
    } else if let Ok(bytes) = std::fs::read(path) {
        let name = path.to_string_lossy().replace('\\', "/");
        hasher.write(name.as_bytes());
        hasher.write_u64(bytes.len() as u64);
        hasher.write(&bytes);
    }
}

/// The output of a git command, when git is there and succeeds.
fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    (output.status.success() && !text.trim().is_empty()).then(|| text.trim().to_string())
}

/// `HEAD`, the branch's ref file and `packed-refs`: what changes when HEAD moves (a
/// worktree keeps its HEAD apart from the shared refs).
fn head_files() -> Vec<PathBuf> {
    let Some(git_dir) = git(&["rev-parse", "--git-dir"]).map(PathBuf::from) else {
        return Vec::new();
    };
    let common =
        git(&["rev-parse", "--git-common-dir"]).map_or_else(|| git_dir.clone(), PathBuf::from);
    let head = git_dir.join("HEAD");
    let mut files = vec![head.clone()];
    if let Some(branch) = std::fs::read_to_string(&head)
        .ok()
        .and_then(|text| text.strip_prefix("ref: ").map(|r| r.trim().to_string()))
    {
        files.push(common.join(branch));
    }
    files.push(common.join("packed-refs"));
    files.into_iter().filter(|f| f.exists()).collect()
}
