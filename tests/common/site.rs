//! The web edition for the site tests: the sample content built with `--site`, and
//! its files listed.

use std::path::{Path, PathBuf};

/// Builds the repository's sample `content/` with `build --site` into a temporary
/// folder; returns the folder (kept while it lives) and its `site/`.
pub fn build_sample_site() -> (tempfile::TempDir, PathBuf) {
    let (out, _) = super::build_repository_content(&["--site"]);
    let site = out.path().join("site");
    assert!(
        site.join("index.html").is_file(),
        "build --site wrote no {}",
        site.join("index.html").display()
    );
    (out, site)
}

/// Every file under `root` with the extension `ext`, as `/`-separated paths relative
/// to `root`, sorted.
pub fn site_files(root: &Path, ext: &str) -> Vec<String> {
    let mut files = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                let relative = path.strip_prefix(root).unwrap();
                let parts: Vec<_> = relative.iter().map(|p| p.to_string_lossy()).collect();
                files.push(parts.join("/"));
            }
        }
    }
    files.sort();
    files
}
