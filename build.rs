//! Build script: the git commit for `agenda-pack --version`.
//!
//! Only the version string carries the commit (PDFs name the package version alone, so
//! their bytes do not change with it). It reruns when HEAD or the checked-out branch
//! moves, not on every source change; outside a git checkout the commit is `unknown`
//! (or `AGENDA_PACK_COMMIT`, for a packager building from a tarball).

use std::path::PathBuf;
use std::process::Command;

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
