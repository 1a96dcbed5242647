//! `build --parallel-layout` (experimental) against the default build: the same pages,
//! drawn alike, the same text on every page (footers, stamps, padding pages), the same
//! front-sheet ranges, page labels, bookmarks, links and tag tree, a sound PDF that the
//! PDF/UA checkers pass, and the same bytes from two runs. On the sample meetings and on a
//! generated one with what the sample lacks: a front sheet longer than two pages,
//! footnotes in two documents, documents of odd and even lengths, a landscape last
//! page, an item of two documents and one of none, a supplied PDF.

mod common;

use std::path::Path;

use agenda_pack::model::Audience;
use agenda_pack::pack::{self, BuildOptions, Layout};
use agenda_pack::pdf::Standard;
use agenda_pack::templates::Templates;
use common::accessibility::{checker, outloud_check, pdfua_check};
use common::structure::Pdf;
use common::*;

/// The sample meetings built with `extra` arguments; the output folder is returned.
fn build_sample(extra: &[&str]) -> tempfile::TempDir {
    let mut args = vec!["--audience", "all"];
    args.extend(extra);
    build_repository_content(&args).0
}

/// The PDFs in `out`, by name.
fn pdfs(out: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(out)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().to_string())
        .filter(|name| name.ends_with(".pdf"))
        .collect();
    names.sort();
    names
}

/// Asserts that every pack in `parallel` prints what the same pack in `whole` prints,
/// and is sound and accessible.
fn assert_same_packs(whole: &Path, parallel: &Path) {
    let names = pdfs(whole);
    assert!(!names.is_empty());
    assert_eq!(names, pdfs(parallel));
    let (pdfua, outloud) = (checker("pdfua"), checker("outloud"));
    for name in &names {
        let (a, b) = (whole.join(name), parallel.join(name));
        qpdf_check(&b);
        assert_eq!(page_count(&a), page_count(&b), "{name}: page count");
        let (texts_a, texts_b) = (page_texts(&a), page_texts(&b));
        for (page, (ta, tb)) in texts_a.iter().zip(&texts_b).enumerate() {
            assert_eq!(ta, tb, "{name}: the text of page {}", page + 1);
        }
        assert_eq!(page_sizes(&a), page_sizes(&b), "{name}: page sizes");
        assert_same_rasters(&a, &b);
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
        pdfua_check(&pdfua, &b);
        outloud_check(&outloud, &b);
    }
}

/// Asserts that poppler draws every page of `a` and `b` alike, at a coarse resolution.
fn assert_same_rasters(a: &Path, b: &Path) {
    let drawn = |pdf: &Path| -> Vec<Vec<u8>> {
        let dir = tempfile::tempdir().unwrap();
        let status = std::process::Command::new("pdftoppm")
            .args(["-r", "30", "-png"])
            .arg(pdf)
            .arg(dir.path().join("page"))
            .status()
            .unwrap_or_else(|err| panic!("{}", missing_program("pdftoppm", &err)));
        assert!(status.success(), "pdftoppm failed on {}", pdf.display());
        let mut pages: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        pages.sort();
        pages
            .iter()
            .map(|page| std::fs::read(page).unwrap())
            .collect()
    };
    let (pages_a, pages_b) = (drawn(a), drawn(b));
    assert_eq!(pages_a.len(), pages_b.len());
    for (page, (pa, pb)) in pages_a.iter().zip(&pages_b).enumerate() {
        assert!(
            pa == pb,
            "{}: page {} is drawn differently",
            b.display(),
            page + 1
        );
    }
}

#[test]
fn the_parallel_layout_prints_what_the_whole_layout_prints() {
    let whole = build_sample(&[]);
    let parallel = build_sample(&["--parallel-layout"]);
    assert!(pdfs(whole.path()).len() >= 3);
    assert_same_packs(whole.path(), parallel.path());
}

/// A note of `pages` pages whose first page cites footnote `tag`, and whose last page
/// is landscape when `landscape_end`.
fn note(tag: &str, pages: usize, landscape_end: bool) -> String {
    let mut body: Vec<String> = (1..=pages).map(|k| format!("MARK {tag} p{k}")).collect();
    body[0].push_str(&format!(
        " with a note[^{tag}].\n\n[^{tag}]: Footnote of {tag}."
    ));
    if landscape_end {
        let last = body.pop().unwrap();
        body.push(format!("[landscape]\n\n{last}\n\n[/landscape]"));
    }
    format!(
        "---\nkind: briefing-note\nsubject: Note {tag}\n---\n\n{}\n",
        body.join("\n\n---\n\n")
    )
}

#[test]
fn the_parallel_layout_holds_on_a_long_front_sheet_footnotes_and_landscape_pages() {
    let items: &[&[(usize, bool)]] = &[
        &[(1, false)],
        &[],
        &[(2, false), (3, true)],
        &[(3, false)],
        // Even length ending on a landscape page, followed by another document.
        &[(2, true)],
        &[(2, false)],
    ];
    let build = |extra: &[&str]| {
        let project = Project::new();
        let mut yaml = String::new();
        for n in 1..=70 {
            yaml.push_str(&format!(
                "  - kind: apologies\n    title: Item without documents number {n} with a longer title to take up room\n"
            ));
        }
        for (index, docs) in items.iter().enumerate() {
            let number = 71 + index;
            yaml.push_str(&format!(
                "  - kind: briefing-note\n    title: Item {number}\n"
            ));
            if docs.is_empty() {
                continue;
            }
            yaml.push_str("    documents:\n");
            for (d, (pages, landscape)) in docs.iter().enumerate() {
                let file = format!("note-{number}-{}.md", d + 1);
                project.write(
                    "m",
                    &file,
                    &note(&format!("n{number}d{}", d + 1), *pages, *landscape),
                );
                yaml.push_str(&format!("      - {file}\n"));
            }
        }
        yaml.push_str("  - kind: briefing-note\n    title: Supplied\n    documents:\n      - file: supplied.pdf\n        title: Supplied appendix\n");
        std::fs::write(
            project.meeting_dir("m").join("supplied.pdf"),
            external_pdf("supplied", 3),
        )
        .unwrap();
        project.write("m", "meeting.yaml", &meeting_yaml(&yaml));
        built(project, extra)
    };
    let (whole, parallel) = (build(&[]), build(&["--parallel-layout"]));
    let pages = page_texts(&whole.pdf("m"));
    assert!(
        pages.iter().position(|p| p.contains("MARK ")).unwrap() >= 4,
        "the front sheet runs past two pages"
    );
    assert!(
        pages.iter().any(|p| p.contains("Footnote of n73d2")),
        "the fixture has footnotes"
    );
    assert_same_packs(&whole.root().join("out"), &parallel.root().join("out"));
}

/// `project` after `agenda-pack build` with `extra` arguments, which must succeed.
fn built(project: Project, extra: &[&str]) -> Project {
    let mut args = vec!["build"];
    args.extend(extra);
    let output = agenda_pack(project.root(), &args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    project
}

#[test]
fn a_pack_without_documents_is_its_front_sheet_alone() {
    let build = |extra: &[&str]| {
        let project = Project::new();
        let items = "  - kind: apologies\n    title: Apologies\n";
        project.write("m", "meeting.yaml", &meeting_yaml(items));
        built(project, extra)
    };
    let (whole, parallel) = (build(&[]), build(&["--parallel-layout"]));
    assert_same_packs(&whole.root().join("out"), &parallel.root().join("out"));
}

#[test]
fn the_parallel_layout_gives_the_same_bytes_twice() {
    let first = build_sample(&["--parallel-layout"]);
    let second = build_sample(&["--parallel-layout"]);
    for name in pdfs(first.path()) {
        let a = std::fs::read(first.path().join(&name)).unwrap();
        let b = std::fs::read(second.path().join(&name)).unwrap();
        assert!(a == b, "{name}: two parallel builds differ");
    }
}

#[test]
fn a_rebuild_in_one_process_after_an_edit_gives_the_bytes_of_a_fresh_build() {
    let project = Project::new();
    let square = |fill: &str| {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\"><rect width=\"100\" height=\"100\" fill=\"{fill}\"/></svg>"
        )
    };
    project.write("m", "images/square.svg", &square("red"));
    let mut yaml = String::new();
    for n in 1..=3 {
        let mut text = note_with_pages(&format!("n{n}"), n);
        if n == 1 {
            text.push_str("\n![A square](images/square.svg \"A square\")\n");
        }
        project.write("m", &format!("note-{n}.md"), &text);
        yaml.push_str(&format!(
            "  - kind: briefing-note\n    title: Item {n}\n    documents: [note-{n}.md]\n"
        ));
    }
    project.write("m", "meeting.yaml", &meeting_yaml(&yaml));
    let templates = Templates::load(None).unwrap();
    let options = BuildOptions {
        out_dir: project.root().join("kept"),
        standard: Standard::Ua1,
        source_date_epoch: None,
        layout: Layout::Parallel { keep: true },
        keep_meeting: false,
    };
    let build = || {
        pack::build_for(
            &project.meeting_dir("m"),
            &templates,
            &options,
            &[Audience::Public],
        )
        .unwrap()
    };
    build();
    // One document edited, one longer: the documents after it move. The image of
    // another changes, its source does not.
    project.write("m", "note-2.md", &note_with_pages("edited", 3));
    project.write("m", "images/square.svg", &square("blue"));
    let rebuilt = build();
    let kept = std::fs::read(&rebuilt[0].output).unwrap();
    assert!(
        page_texts(&rebuilt[0].output)
            .iter()
            .any(|page| page.contains("MARK edited p3")),
        "the edit is in the rebuilt pack"
    );
    let output = agenda_pack(project.root(), &["build", "--parallel-layout"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        kept == std::fs::read(project.pdf("m")).unwrap(),
        "the rebuild differs from a fresh build"
    );
}
