//! `build --parallel-layout` (experimental) against the default build on the sample
//! meetings: the same pages, the same text on every page, the same front-sheet ranges,
//! page labels, bookmarks, links and tag tree, a sound PDF, and the same bytes from
//! two runs.

mod common;

use std::path::Path;

use common::structure::Pdf;
use common::*;

/// The sample meetings built with `extra` arguments; the output folder is returned.
fn build(extra: &[&str]) -> tempfile::TempDir {
    let mut args = vec!["--audience", "all"];
    args.extend(extra);
    build_repository_content(&args).0
}

fn pdfs(out: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(out)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().to_string())
        .filter(|name| name.ends_with(".pdf"))
        .collect();
    names.sort();
    names
}

#[test]
fn the_parallel_layout_prints_what_the_whole_layout_prints() {
    let whole = build(&[]);
    let parallel = build(&["--parallel-layout"]);
    let names = pdfs(whole.path());
    assert!(names.len() >= 3, "{names:?}");
    assert_eq!(names, pdfs(parallel.path()));
    for name in &names {
        let (a, b) = (whole.path().join(name), parallel.path().join(name));
        qpdf_check(&b);
        assert_eq!(page_count(&a), page_count(&b), "{name}: page count");
        let (texts_a, texts_b) = (page_texts(&a), page_texts(&b));
        for (page, (ta, tb)) in texts_a.iter().zip(&texts_b).enumerate() {
            assert_eq!(ta, tb, "{name}: the text of page {}", page + 1);
        }
        assert_eq!(
            front_sheet_ranges(&texts_a[..2].concat()),
            front_sheet_ranges(&texts_b[..2].concat()),
            "{name}: front-sheet ranges"
        );
        assert_eq!(page_labels(&a), page_labels(&b), "{name}: page labels");
        let (pdf_a, pdf_b) = (Pdf::open(&a), Pdf::open(&b));
        assert_eq!(pdf_a.outline(), pdf_b.outline(), "{name}: bookmarks");
        for page in 1..=pdf_a.page_count() {
            assert_eq!(
                pdf_a.links(page),
                pdf_b.links(page),
                "{name}: links of page {page}"
            );
            assert_eq!(
                pdf_a.marked_content(page),
                pdf_b.marked_content(page),
                "{name}: marked content of page {page}"
            );
        }
        let kinds = |pdf: &Pdf| -> Vec<(String, usize, Option<String>)> {
            pdf.elements()
                .into_iter()
                .map(|e| (e.kind, e.depth, e.alt))
                .collect()
        };
        assert_eq!(kinds(&pdf_a), kinds(&pdf_b), "{name}: tag tree");
    }
}

#[test]
fn the_parallel_layout_gives_the_same_bytes_twice() {
    let first = build(&["--parallel-layout"]);
    let second = build(&["--parallel-layout"]);
    for name in pdfs(first.path()) {
        let a = std::fs::read(first.path().join(&name)).unwrap();
        let b = std::fs::read(second.path().join(&name)).unwrap();
        assert!(a == b, "{name}: two parallel builds differ");
    }
}
