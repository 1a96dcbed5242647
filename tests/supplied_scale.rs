//! Supplied PDFs at scale: a pack carrying 300 pages of four supplied PDFs, read back
//! with independent tools (pdftotext, pdfinfo, qpdf): every supplied page at its place
//! and printed page, the file sound, bookmarks and page labels where they belong.

mod common;

use agenda_pack::model::Audience;
use agenda_pack::pdf::{self, COPY_AHEAD_BYTES, CopiedAhead, Standard};
use agenda_pack::templates::Templates;
use common::{
    Project, build_succeeds, external_pdf, footer_number, meeting_yaml, note_with_pages,
    page_count, page_labels, page_texts, qpdf_check,
};
use typst::foundations::Datetime;

/// The supplied files' page counts: 300 in all.
const SUPPLIED: [usize; 4] = [60, 90, 70, 80];

/// The outline as qpdf reads it: (title, page from 1), depth first.
fn qpdf_outline(pdf: &std::path::Path) -> Vec<(String, usize)> {
    let output = std::process::Command::new("qpdf")
        .args(["--json=2", "--json-key=outlines", pdf.to_str().unwrap()])
        .output()
        .unwrap_or_else(|err| panic!("{}", common::missing_program("qpdf", &err)));
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut found = Vec::new();
    let mut stack: Vec<serde_json::Value> = json["outlines"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .rev()
        .collect();
    while let Some(entry) = stack.pop() {
        found.push((
            entry["title"].as_str().unwrap_or_default().to_string(),
            entry["destpageposfrom1"].as_u64().unwrap_or(0) as usize,
        ));
        if let Some(kids) = entry["kids"].as_array() {
            stack.extend(kids.iter().rev().cloned());
        }
    }
    found
}

#[test]
fn three_hundred_supplied_pages_land_in_order_with_their_numbers_and_bookmarks() {
    let project = Project::new();
    let meeting = "2026-07-16-planning";
    let dir = project.meeting_dir(meeting);
    let mut items = String::from(
        "  - kind: briefing-note\n    title: Opening note\n    documents: [opening.md]\n",
    );
    std::fs::write(dir.join("opening.md"), note_with_pages("open", 3)).unwrap();
    for (index, pages) in SUPPLIED.into_iter().enumerate() {
        let file = format!("application-{index}.pdf");
        std::fs::write(dir.join(&file), external_pdf(&format!("S{index}"), pages)).unwrap();
        items.push_str(&format!(
            "  - kind: briefing-note\n    title: Application {index}\n    documents:\n      - file: {file}\n        title: Supplied application {index}\n"
        ));
    }
    std::fs::write(dir.join("meeting.yaml"), meeting_yaml(&items)).unwrap();
    build_succeeds(&project);
    let pdf = project.pdf(meeting);

    qpdf_check(&pdf);
    let texts = page_texts(&pdf);
    assert_eq!(texts.len(), page_count(&pdf));
    let labels = page_labels(&pdf);
    let outline = qpdf_outline(&pdf);
    let mut supplied_seen = 0;
    for (index, pages) in SUPPLIED.into_iter().enumerate() {
        let on = |k: usize| -> Vec<usize> {
            let mark = format!("MARK S{index} p{k}");
            texts
                .iter()
                .enumerate()
                .filter(|(_, text)| text.lines().any(|line| line.trim() == mark))
                .map(|(i, _)| i)
                .collect()
        };
        let first = match on(1).as_slice() {
            [only] => *only,
            other => panic!("`MARK S{index} p1` on pages {other:?}"),
        };
        for k in 1..=pages {
            let page = first + k - 1;
            assert_eq!(on(k), [page], "supplied page {k} of file {index}");
            // Its printed number is its page label.
            let printed = footer_number(&texts[page])
                .unwrap_or_else(|| panic!("no footer on page {}", page + 1));
            assert_eq!(labels[page], printed.to_string(), "page {}", page + 1);
            supplied_seen += 1;
        }
        let title = format!("Supplied application {index}");
        assert!(
            outline.contains(&(title.clone(), first + 1)),
            "bookmark `{title}` at page {}: {outline:?}",
            first + 1
        );
    }
    assert_eq!(supplied_seen, 300);
}

/// Writes a meeting of one note and the supplied PDFs `supplied` (pages of each) into
/// `project`; returns its folder.
fn meeting_with_supplied(
    project: &Project,
    meeting: &str,
    supplied: &[usize],
) -> std::path::PathBuf {
    let dir = project.meeting_dir(meeting);
    let mut items = String::from(
        "  - kind: briefing-note\n    title: Opening note\n    documents: [opening.md]\n",
    );
    std::fs::write(dir.join("opening.md"), note_with_pages("open", 2)).unwrap();
    for (index, &pages) in supplied.iter().enumerate() {
        let file = format!("application-{index}.pdf");
        std::fs::write(dir.join(&file), external_pdf(&format!("S{index}"), pages)).unwrap();
        items.push_str(&format!(
            "  - kind: briefing-note\n    title: Application {index}\n    documents:\n      - file: {file}\n        title: Supplied application {index}\n"
        ));
    }
    std::fs::write(dir.join("meeting.yaml"), meeting_yaml(&items)).unwrap();
    dir
}

/// The supplied pages a build copies while typst lays the pack out make the same file,
/// byte for byte, as pages read when the pack is finished (as `preview` does): the
/// copy ahead changes when the work is done, not what it makes. The finishing takes
/// every copy, so the build really uses them.
#[test]
fn pages_copied_ahead_make_the_same_pack_as_pages_copied_at_the_end() {
    let project = Project::new();
    let dir = meeting_with_supplied(&project, "2026-07-16-planning", &[3, 4]);
    // Read as a build reads the meeting, keeping the supplied PDFs.
    let ahead = CopiedAhead::default();
    let meeting = agenda_pack::pack::load_copying(&dir, &ahead).unwrap();
    assert!(!ahead.is_empty());
    let templates = Templates::load(None).unwrap();
    let laid_out = agenda_pack::pack::lay_out_all(meeting.clone(), &templates).unwrap();
    let document = &laid_out[0].document;
    let date = Datetime::from_ymd(2026, 7, 8).unwrap();
    let exported = pdf::export(document, "pack", date, Standard::Ua1).unwrap();
    let pages = pdf::external_pages(document, &meeting.dir);
    assert_eq!(pages.len(), 7);
    let bookmarks = pdf::bookmarks(document);

    let at_the_end = pdf::finish(&exported, &pages, &bookmarks).unwrap().bytes;
    ahead.copy_kept(&meeting.printed_supplied_pdfs(Audience::Public));
    let path = project.root().join("ahead.pdf");
    pdf::write_finished(&path, &exported, &pages, &bookmarks, &ahead).unwrap();
    assert!(ahead.is_empty(), "the finishing took every copy made ahead");
    let copied_ahead = std::fs::read(&path).unwrap();
    assert!(
        copied_ahead == at_the_end,
        "the two ways made different files"
    );
    // And the file is whole: every supplied page where it belongs.
    qpdf_check(&path);
    let texts = page_texts(&path);
    for (tag, pages) in [("S0", 3), ("S1", 4)] {
        for k in 1..=pages {
            let mark = format!("MARK {tag} p{k}");
            let on = texts.iter().filter(|t| t.lines().any(|l| l.trim() == mark));
            assert_eq!(on.count(), 1, "{mark}");
        }
    }
}

/// Supplied PDFs larger in all than the copy-ahead allows are not kept (the finishing
/// reads them a few at a time), and they are not even read to find that out.
#[test]
fn supplied_pdfs_past_the_copy_ahead_budget_are_left_for_the_finishing() {
    let project = Project::new();
    let dir = meeting_with_supplied(&project, "2026-07-16-planning", &[2]);
    // A sparse file: as large as the whole budget, but costing no disk or reading.
    let large = dir.join("large.pdf");
    std::fs::File::create(&large)
        .unwrap()
        .set_len(COPY_AHEAD_BYTES)
        .unwrap();
    let small = dir.join("application-0.pdf");
    assert!(CopiedAhead::admits([small.as_path()]));
    assert!(CopiedAhead::admits([large.as_path()]));
    assert!(!CopiedAhead::admits([small.as_path(), large.as_path()]));
    assert!(!CopiedAhead::admits([dir.join("missing.pdf").as_path()]));
}

/// An exempt item's supplied PDF is not copied ahead for the published pack: built
/// with the members' pack from one load, the published pack has none of its pages and
/// the members' pack has them all.
#[test]
fn an_exempt_supplied_pdf_is_copied_only_for_the_members_pack() {
    let project = Project::new();
    let meeting = "2026-07-16-planning";
    let dir = meeting_with_supplied(&project, meeting, &[2]);
    std::fs::write(dir.join("exempt.pdf"), external_pdf("SECRET", 3)).unwrap();
    let yaml = std::fs::read_to_string(dir.join("meeting.yaml")).unwrap();
    std::fs::write(
        dir.join("meeting.yaml"),
        format!(
            "{yaml}private_items:\n  - kind: report\n    title: Land sale\n    exempt_paragraph: 3\n    documents:\n      - file: exempt.pdf\n        title: Valuation\n"
        ),
    )
    .unwrap();
    let loaded = agenda_pack::pack::load(&dir).unwrap();
    let exempt = loaded.dir.join("exempt.pdf");
    assert!(
        !loaded
            .printed_supplied_pdfs(Audience::Public)
            .contains(&exempt)
    );
    assert!(
        loaded
            .printed_supplied_pdfs(Audience::Members)
            .contains(&exempt)
    );

    let output = common::agenda_pack(project.root(), &["build", "--audience", "all"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let public = page_texts(&project.pdf(meeting)).join("\n");
    let members = page_texts(&project.root().join(format!("out/{meeting}-private.pdf"))).join("\n");
    assert!(public.contains("MARK S0 p2"));
    assert!(
        !public.contains("SECRET"),
        "the exempt PDF reached the published pack"
    );
    for k in 1..=3 {
        assert!(members.contains(&format!("MARK SECRET p{k}")), "page {k}");
    }
}
