//! `agenda-pack preview`: one document paginated as in its pack, PNG pages, supplied
//! PDF pages drawn, and `--watch` re-rendering after the note, or another file the
//! render read, is edited.

mod common;

use common::*;

const TWO_NOTES: &str = "  - kind: briefing-note\n    title: First\n    documents:\n      - first.md\n  - kind: briefing-note\n    title: Second\n    documents:\n      - second.md\n";

/// Meeting `m`: a 3-page note (pages 3-6 with padding) then a 2-page note (7-8).
fn project() -> Project {
    let project = Project::new();
    project.write("m", "meeting.yaml", &meeting_yaml(TWO_NOTES));
    project.write("m", "first.md", &note_with_pages("1", 3));
    project.write("m", "second.md", &note_with_pages("2", 2));
    project
}

#[test]
fn a_note_is_numbered_and_stamped_as_in_its_pack() {
    let project = project();
    let output = agenda_pack(project.root(), &["preview", "content/m/second.md", "--png"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("2 pages (Pages 7 - 8, Agenda Item 2), 0 warnings, 2 PNG pages"),
        "{stderr}"
    );
    let pdf = project.root().join("out/preview/second.pdf");
    let pages = page_texts(&pdf);
    assert_eq!(pages.len(), 2);
    assert_eq!(stamp(&pages[0]), Some(2), "{}", pages[0]);
    assert_eq!(footer_number(&pages[0]), Some(7));
    assert_eq!(footer_number(&pages[1]), Some(8));
    assert!(pages[1].contains("MARK 2 p2"));
    assert_eq!(page_labels(&pdf), ["7", "8"]);
    for page in [7, 8] {
        let png = std::fs::read(
            project
                .root()
                .join(format!("out/preview/second-{page}.png")),
        )
        .unwrap();
        assert!(png.starts_with(b"\x89PNG"), "page {page} is a PNG");
    }
    assert!(!project.pdf("m").exists(), "the pack itself is not built");
}

/// Previews the second note, expecting it to succeed from page 1; returns stderr.
fn preview_second_from_page_1(project: &Project) -> String {
    let output = agenda_pack(project.root(), &["preview", "content/m/second.md"]);
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("2 pages (Pages 1 - 2, Agenda Item 2)"),
        "{stderr}"
    );
    stderr
}

#[test]
fn a_note_starts_at_page_1_when_the_rest_of_the_pack_cannot_be_laid_out() {
    let project = project();
    // A character no font has, in a front-matter value: found only once laid out.
    project.write(
        "m",
        "first.md",
        "---\nkind: briefing-note\nsubject: S 😀\n---\n\nText.\n",
    );
    preview_second_from_page_1(&project);
    let pages = page_texts(&project.root().join("out/preview/second.pdf"));
    assert_eq!(footer_number(&pages[0]), Some(1));
}

#[test]
fn a_note_previews_while_the_other_documents_are_still_missing() {
    let project = project();
    std::fs::remove_file(project.meeting_dir("m").join("first.md")).unwrap();
    let stderr = preview_second_from_page_1(&project);
    assert!(
        stderr.contains("other documents of the meeting have errors"),
        "{stderr}"
    );
    let pages = page_texts(&project.root().join("out/preview/second.pdf"));
    assert_eq!(stamp(&pages[0]), Some(2));
    assert_eq!(footer_number(&pages[0]), Some(1));
    // The note's own mistakes are still reported, at their line.
    project.write(
        "m",
        "second.md",
        "---\nkind: briefing-note\nsubjet: S\n---\n",
    );
    let output = agenda_pack(project.root(), &["preview", "content/m/second.md"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("--> content/m/second.md:3:1"), "{stderr}");
}

#[test]
fn a_note_not_on_the_agenda_is_an_error_with_a_hint() {
    let project = project();
    project.write("m", "stray.md", &note_with_pages("3", 1));
    let output = agenda_pack(project.root(), &["preview", "content/m/stray.md"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("not listed in content/m/meeting.yaml"),
        "{stderr}"
    );
    assert!(stderr.contains("documents:"), "{stderr}");
}

#[test]
fn watch_renders_again_after_the_note_is_saved() {
    let project = project();
    let mut running = Running::start(
        project.root(),
        &["preview", "content/m/first.md", "--watch"],
    );
    let wait_for = |prefix: &str| running.wait_for_status(prefix);
    wait_for("watching");
    let pdf = project.root().join("out/preview/first.pdf");
    assert_eq!(page_texts(&pdf).len(), 4, "3 pages and a padding page");
    project.write(
        "m",
        "first.md",
        &note_with_pages("1", 3).replace("MARK 1 p3", "MARK 1 p3 EDITED"),
    );
    let line = wait_for("rendered ");
    assert!(
        line.contains("4 pages (Pages 3 - 6, Agenda Item 1)"),
        "{line}"
    );
    let pages = page_texts(&pdf);
    assert!(pages[2].contains("EDITED"), "{}", pages[2]);
    // A broken save reports the error and keeps watching; fixing it renders again.
    project.write(
        "m",
        "first.md",
        "---\nkind: briefing-note\nsubjet: S\n---\n",
    );
    wait_for("not rendered");
    project.write("m", "first.md", &note_with_pages("1", 1));
    let line = wait_for("rendered ");
    assert!(line.contains("2 pages (Pages 3 - 4"), "{line}");
    running.stop();
    let leftovers: Vec<_> = std::fs::read_dir(project.root().join("out/preview"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        leftovers,
        ["first.pdf"],
        "writes are atomic: no temporary files left"
    );
}

/// A supplied PDF of `pages` A4 pages, each reading `SUPPLIED <tag> p<k>` in large
/// type across the middle of the page.
fn supplied_pdf(tag: &str, pages: usize) -> Vec<u8> {
    let body: Vec<String> = (1..=pages)
        .map(|k| format!("#align(center + horizon)[SUPPLIED {tag} p{k}]"))
        .collect();
    let source = format!(
        "#set page(paper: \"a4\")\n#set text(font: \"Liberation Sans\", size: 48pt)\n{}",
        body.join("\n#pagebreak()\n")
    );
    let date = typst::foundations::Datetime::from_ymd(2026, 1, 1).unwrap();
    agenda_pack::pdf::standalone(&source, date).expect("the fixture compiles")
}

/// How many dark pixels the middle fifth of a PNG page has (rows 40% to 60%).
fn dark_pixels_mid_page(png: &std::path::Path) -> usize {
    let (width, grey) = png_grey(png);
    let rows = grey.len() / width;
    grey[rows * 2 / 5 * width..rows * 3 / 5 * width]
        .iter()
        .filter(|&&level| level < 128)
        .count()
}

#[test]
fn a_supplied_pdf_is_drawn_in_its_preview_pdf_and_png_pages() {
    let project = Project::new();
    project.write(
        "m",
        "meeting.yaml",
        &meeting_yaml(
            "  - kind: briefing-note\n    title: A\n    documents:\n      - note.md\n      - file: app.pdf\n        title: Appendix A\n",
        ),
    );
    project.write("m", "note.md", &note_with_pages("1", 1));
    std::fs::write(
        project.meeting_dir("m").join("app.pdf"),
        supplied_pdf("A", 2),
    )
    .unwrap();
    let output = agenda_pack(project.root(), &["preview", "content/m/app.pdf", "--png"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("2 pages (Pages 5 - 6, Agenda Item 1)"),
        "{stderr}"
    );
    let pdf = project.root().join("out/preview/app.pdf");
    qpdf_check(&pdf);
    let pages = page_texts(&pdf);
    assert_eq!(pages.len(), 2);
    for (k, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("SUPPLIED A p{}", k + 1)), "{page}");
        assert_eq!(footer_number(page), Some(5 + k), "{page}");
    }
    // The PNG pages show the supplied text too, not a blank placeholder.
    for page in [5, 6] {
        let png = project.root().join(format!("out/preview/app-{page}.png"));
        let dark = dark_pixels_mid_page(&png);
        assert!(dark > 1000, "page {page}: {dark} dark pixels mid-page");
    }
    // The note before it has nothing there: the count tells text from paper.
    let output = agenda_pack(project.root(), &["preview", "content/m/note.md", "--png"]);
    assert!(output.status.success());
    assert_eq!(
        dark_pixels_mid_page(&project.root().join("out/preview/note-3.png")),
        0
    );
}

#[test]
fn an_exempt_supplied_pdf_is_headed_not_for_publication_on_every_page() {
    let project = Project::new();
    let yaml = meeting_yaml(
        "  - kind: briefing-note\n    title: A note\n    documents:\n      - note.md\n",
    ) + "private_items:\n  - kind: briefing-note\n    title: Contract\n    exempt_paragraph: 3\n    documents:\n      - exempt.md\n      - file: app.pdf\n        title: Tender scores\n";
    project.write("m", "meeting.yaml", &yaml);
    project.write("m", "note.md", &note_with_pages("1", 1));
    project.write("m", "exempt.md", &note_with_pages("X", 2));
    std::fs::write(
        project.meeting_dir("m").join("app.pdf"),
        supplied_pdf("S", 3),
    )
    .unwrap();
    for (file, pages) in [("exempt.md", 2), ("app.pdf", 4)] {
        let output = agenda_pack(project.root(), &["preview", &format!("content/m/{file}")]);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let stem = file.split('.').next().unwrap();
        let texts = page_texts(&project.root().join(format!("out/preview/{stem}.pdf")));
        assert_eq!(texts.len(), pages, "{file}: {texts:?}");
        for (n, page) in texts.iter().enumerate() {
            assert!(
                page.contains("Not for publication"),
                "{file} page {} is not headed:\n{page}",
                n + 1
            );
        }
    }
    let texts = page_texts(&project.root().join("out/preview/app.pdf"));
    assert!(texts[2].contains("SUPPLIED S p3"), "{}", texts[2]);
    assert!(texts[3].contains("This page is intentionally left blank"));
}

#[test]
fn watch_prints_the_time_and_renders_again_when_style_yaml_changes() {
    let project = project();
    let running = Running::start(
        project.root(),
        &["preview", "content/m/first.md", "--watch"],
    );
    running.wait_for_status("rendered ");
    running.wait_for_status("watching");
    // The content root's style.yaml is outside the meeting folder, read by every render.
    let style = project.root().join("content/style.yaml");
    std::fs::write(&style, "bogus: 1\n").unwrap();
    running.wait_for_status("not rendered");
    std::fs::write(&style, "notes: numbered\n").unwrap();
    let line = running.wait_for_status("rendered ");
    assert!(line.contains("(Pages 3 - 6, Agenda Item 1)"), "{line}");
}

#[test]
fn ctrl_c_ends_watching_with_status_0() {
    let project = project();
    let mut running = Running::start(
        project.root(),
        &["preview", "content/m/first.md", "--watch"],
    );
    running.wait_for_status("watching");
    let pid = i32::try_from(running.child.id()).unwrap();
    // SAFETY: a signal to the child this test started.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let status = running.child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{status:?}");
}

#[test]
fn the_preview_is_tagged_like_the_pack() {
    let project = project();
    let output = agenda_pack(project.root(), &["preview", "content/m/second.md"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let path = project.root().join("out/preview/second.pdf");
    qpdf_check(&path);
    assert!(
        pdf_info(&path).contains(&("Tagged".to_string(), "yes".to_string())),
        "{:?}",
        pdf_info(&path)
    );
    assert_eq!(page_labels(&path), ["7", "8"], "numbered as in the pack");
    let pdf = common::structure::Pdf::open(&path);
    assert_eq!(
        pdf.page_count(),
        2,
        "the pages before the note are left out"
    );
    let kinds: Vec<String> = pdf.elements().into_iter().map(|e| e.kind).collect();
    assert!(kinds.iter().any(|k| k == "P"), "{kinds:?}");
    assert!(
        pdf.marked_content(1).iter().any(|tag| tag != "Artifact"),
        "the note's text is tagged: {:?}",
        pdf.marked_content(1)
    );
    // Every page the tag tree names is a page of the preview.
    for object in pdf.doc.objects.values() {
        let dict = match object {
            lopdf::Object::Dictionary(dict) => dict,
            lopdf::Object::Stream(stream) => &stream.dict,
            _ => continue,
        };
        if let Ok(page) = dict.get(b"Pg").and_then(lopdf::Object::as_reference) {
            assert!(
                pdf.page_number(page).is_some(),
                "/Pg {page:?} is not a page"
            );
        }
    }
}

#[test]
fn watch_drafts_are_untagged_and_a_single_preview_is_tagged() {
    let project = project();
    let pdf = project.root().join("out/preview/second.pdf");
    let tagged =
        |pdf: &std::path::Path| pdf_info(pdf).contains(&("Tagged".to_string(), "yes".to_string()));
    let output = agenda_pack(project.root(), &["preview", "content/m/second.md"]);
    assert!(output.status.success());
    assert!(tagged(&pdf), "a single preview is tagged");
    let mut watch = Running::start(
        project.root(),
        &["preview", "content/m/second.md", "--watch"],
    );
    watch.wait_for_status("rendered");
    assert!(!tagged(&pdf), "a --watch draft is not");
    watch.stop();
}

/// Meeting `m`: a 3-page note, then a 30-page one (`second.md`, also returned).
fn thirty_page_project() -> (Project, String) {
    let project = Project::new();
    project.write("m", "meeting.yaml", &meeting_yaml(TWO_NOTES));
    project.write("m", "first.md", &note_with_pages("1", 3));
    let long = note_with_pages("2", 30);
    project.write("m", "second.md", &long);
    (project, long)
}

/// A `--watch` draft after a save exports again only the pages whose layout changed,
/// put in place of their old selves; once the author pauses, `settle` writes the
/// bytes a whole export gives.
#[test]
fn a_draft_exports_only_the_changed_pages_and_settles_to_the_whole() {
    use agenda_pack::preview::Preview;
    use agenda_pack::templates::Templates;

    let (project, long) = thirty_page_project();
    let note = project.root().join("content/m/second.md");
    let preview = |out: &str| {
        Preview::new(
            &note,
            Templates::load(None).unwrap(),
            &project.root().join(out),
            false,
        )
        .unwrap()
        .tagged(false)
    };
    let mut watching = preview("out/watch");
    let before = watching.render().unwrap();
    assert!(!watching.unsettled(), "the first draft is exported whole");
    let pages_before = page_texts(&before.pdf);
    assert_eq!(pages_before.len(), 30);

    project.write(
        "m",
        "second.md",
        &long.replace("MARK 2 p5\n", "MARK 2 p5 edited\n"),
    );
    let patched = watching.render().unwrap();
    assert!(
        watching.unsettled(),
        "one page of thirty changed: the draft is patched"
    );
    qpdf_check(&patched.pdf);
    let pages = page_texts(&patched.pdf);
    assert_eq!(pages.len(), 30);
    for (k, (page, old)) in pages.iter().zip(&pages_before).enumerate() {
        assert!(
            page.contains(&format!("MARK 2 p{}", k + 1)),
            "page {}: {page}",
            k + 1
        );
        assert_eq!(footer_number(page), footer_number(old), "page {}", k + 1);
        assert_eq!(page.contains("edited"), k == 4, "page {}: {page}", k + 1);
    }
    assert_eq!(page_labels(&patched.pdf), page_labels(&before.pdf));
    let whole = preview("out/whole").render().unwrap();
    assert_eq!(pages, page_texts(&whole.pdf), "as a whole export reads");

    watching.settle().unwrap();
    assert!(!watching.unsettled());
    assert_eq!(
        std::fs::read(&patched.pdf).unwrap(),
        std::fs::read(&whole.pdf).unwrap(),
        "settled, the draft has the bytes of a whole export"
    );
}

#[test]
fn watch_exports_a_patched_draft_whole_once_the_author_pauses() {
    let (project, long) = thirty_page_project();
    let args = |out: &'static str| ["preview", "content/m/second.md", "--watch", "--out", out];
    let mut watch = Running::start(project.root(), &args("out/a"));
    watch.wait_for_status("watching");
    project.write(
        "m",
        "second.md",
        &long.replace("MARK 2 p7\n", "MARK 2 p7 edited\n"),
    );
    watch.wait_for_status("rendered ");
    let pdf = project.root().join("out/a/second.pdf");
    let patched = std::fs::read(&pdf).unwrap();
    // A fresh watcher's first draft is exported whole.
    let mut fresh = Running::start(project.root(), &args("out/b"));
    fresh.wait_for_status("watching");
    fresh.stop();
    let whole = std::fs::read(project.root().join("out/b/second.pdf")).unwrap();
    assert_ne!(patched, whole, "the draft after the save was patched");
    let settled = (0..100).find_map(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        let bytes = std::fs::read(&pdf).unwrap();
        (bytes != patched).then_some(bytes)
    });
    watch.stop();
    assert!(
        settled == Some(whole),
        "within ten seconds of the save, the draft has the bytes of a whole export"
    );
}
