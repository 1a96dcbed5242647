//! Hostile inputs: supplied PDFs, read as untrusted input. Each case writes its PDF
//! at test time with the small builder below, builds a meeting that lists it, and
//! checks the build refuses it (or places it) within the budget, never aborting.

use std::io::Write;
use std::path::Path;

use super::budget::{self, Run};
use crate::common::{Project, meeting_yaml};

/// The meeting's one item, listing `file` as an external PDF appendix.
fn items(file: &str) -> String {
    format!(
        "  - kind: briefing-note\n    title: Supplied\n    documents:\n      - file: {file}\n        title: Supplied appendix\n"
    )
}

/// A project whose meeting `m` lists `supplied.pdf`, holding `pdf`.
fn project_with(pdf: &[u8]) -> Project {
    let project = Project::new();
    project.write("m", "meeting.yaml", &meeting_yaml(&items("supplied.pdf")));
    std::fs::write(project.meeting_dir("m").join("supplied.pdf"), pdf).unwrap();
    project
}

/// Builds `project`, within the budget.
fn build(project: &Project) -> Run {
    run(project, "build")
}

/// Runs `command` on `project`, within the budget; prints what it took (shown with
/// `--nocapture`).
fn run(project: &Project, command: &str) -> Run {
    let run = budget::run(project.root(), &[command]);
    eprintln!("{command}: {:?}, peak {} MiB", run.wall, run.peak >> 20);
    run.assert_within_budget();
    run
}

/// Checks the command refused the supplied PDF: exit 1, the message naming the file,
/// saying `says`, with a hint; nothing written.
fn assert_refused(project: &Project, run: &Run, says: &str) {
    run.assert_code(1);
    for expected in ["content/m/supplied.pdf", says, "hint: "] {
        assert!(
            run.stderr.contains(expected),
            "no `{expected}` in:\n{}",
            run.stderr
        );
    }
    assert!(project.out_files().is_empty(), "{:?}", project.out_files());
}

/// A PDF of `objects`, numbered from 1; object 1 is the catalog.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (index, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        writeln!(out, "{} 0 obj", index + 1).unwrap();
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).unwrap();
    for offset in offsets {
        writeln!(out, "{offset:010} 00000 n ").unwrap();
    }
    write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    )
    .unwrap();
    out
}

/// A stream object: `dict` (entries without the brackets) and `data`.
fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// `pattern` repeated `times` times, deflated (written in pieces, so the inflated
/// size is never held in memory).
fn deflated(pattern: &[u8], times: usize) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = pattern.repeat(65_536 / pattern.len().max(1) + 1);
    let mut left = pattern.len() * times;
    while left > 0 {
        let n = left.min(chunk.len());
        encoder.write_all(&chunk[..n]).unwrap();
        left -= n;
    }
    encoder.finish().unwrap()
}

/// A one-page PDF: object 1 the catalog, 2 the page tree, 3 the page (with
/// `resources`), 4 its content `content`; `extra` objects from 5.
fn one_page(resources: &str, content: Vec<u8>, extra: &[Vec<u8>]) -> Vec<u8> {
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources {resources} /Contents 4 0 R >>"
        )
        .into_bytes(),
        content,
    ];
    objects.extend_from_slice(extra);
    pdf(&objects)
}

/// A page's content showing `text` in the font `/F1`.
fn text_content(text: &str) -> Vec<u8> {
    stream(
        "",
        format!("BT /F1 24 Tf 72 720 Td ({text}) Tj ET").as_bytes(),
    )
}

/// A Helvetica font resource dictionary (not embedded: a warning, not an error).
const HELVETICA: &str =
    "<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>";

/// The pack, decompressed by qpdf, so that text in compressed streams can be found.
fn decompressed(pack: &Path) -> Vec<u8> {
    let out = tempfile::NamedTempFile::new().unwrap();
    let status = std::process::Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(pack)
        .arg(out.path())
        .status()
        .expect("qpdf runs (install qpdf)");
    // qpdf exits 3 for warnings.
    assert!(
        matches!(status.code(), Some(0 | 3)),
        "qpdf failed: {status}"
    );
    std::fs::read(out.path()).unwrap()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn a_hundred_thousand_nested_arrays_are_refused_not_a_stack_overflow() {
    let depth = 100_000;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let project = project_with(&one_page(
        &format!(
            "<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Deep {nested} >> >> >>"
        ),
        text_content("Hello"),
        &[],
    ));
    let run = build(&project);
    assert_refused(
        &project,
        &run,
        "the PDF nests arrays or dictionaries more than 100 deep",
    );
}

#[test]
fn nested_dictionaries_in_the_page_itself_are_refused() {
    let depth = 100_000;
    let nested = format!("{}{}", "<< /A ".repeat(depth), ">>".repeat(depth));
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Deep {nested} >>")
            .into_bytes(),
    ];
    objects.push(text_content("Hello"));
    let project = project_with(&pdf(&objects));
    let run = build(&project);
    assert_refused(
        &project,
        &run,
        "the PDF nests arrays or dictionaries more than 100 deep",
    );
}

#[test]
fn a_chain_of_two_thousand_references_is_copied_without_recursion() {
    let length = 2_000;
    // Object 5 -> 6 -> ... -> 5 + length: a chain hung under the page's font.
    let chain: Vec<Vec<u8>> = (0..length)
        .map(|k| format!("<< /Link {} 0 R >>", 6 + k).into_bytes())
        .chain([b"<< >>".to_vec()])
        .collect();
    let project = project_with(&one_page(
        "<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Chain 5 0 R >> >> >>",
        text_content("Chained"),
        &chain,
    ));
    let run = build(&project);
    run.assert_code(0);
    let pages = crate::common::page_texts(&project.pdf("m"));
    assert!(pages.iter().any(|p| p.contains("Chained")), "{pages:?}");
}

#[test]
fn a_chain_of_references_to_references_is_copied_without_recursion() {
    let length = 2_000;
    // Object 5 is a reference to 6, ... to the font at the end.
    let chain: Vec<Vec<u8>> = (0..length)
        .map(|k| format!("{} 0 R", 6 + k).into_bytes())
        .chain([b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec()])
        .collect();
    let project = project_with(&one_page(
        "<< /Font << /F1 5 0 R >> >>",
        text_content("Referred"),
        &chain,
    ));
    let run = build(&project);
    run.assert_code(0);
}

#[test]
fn a_decompression_bomb_in_the_page_content_is_refused_within_the_memory_budget() {
    // 500 MiB of `q Q` in about 500 kB: parsed whole, it took all the machine's memory.
    let content = stream("/Filter /FlateDecode", &deflated(b"q Q\n", 125 << 20));
    let project = project_with(&one_page(HELVETICA, content, &[]));
    let run = build(&project);
    assert_refused(
        &project,
        &run,
        "page 1: its content decompresses to more than 16 MiB",
    );
}

#[test]
fn a_hundred_thousand_nested_arrays_in_compressed_content_are_refused_not_a_stack_overflow() {
    // The scan of the file skips stream data, so this nesting reaches the content's
    // readers: in the page's content with a marked-content operator, the lexer that
    // drops them aborted the process; without one, or in a form, tiling pattern or
    // Type 3 glyph the page draws, it is copied unread, and `preview --png`'s renderer
    // would read it.
    let depth = 100_000;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let deep = |content: &str| stream("/Filter /FlateDecode", &deflated(content.as_bytes(), 1));
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Filter /FlateDecode",
        &deflated(format!("{nested} pop").as_bytes(), 1),
    );
    let form_resources = "<< /XObject << /Fm1 5 0 R >> >>";
    for (resources, content, extra) in [
        (
            HELVETICA,
            deep(&format!(
                "/P BMC BT /F1 24 Tf 72 720 Td (Deep) Tj ET EMC {nested} pop"
            )),
            vec![],
        ),
        (
            HELVETICA,
            deep(&format!("BT /F1 24 Tf 72 720 Td (Deep) Tj ET {nested} pop")),
            vec![],
        ),
        (form_resources, deep("q /Fm1 Do Q"), vec![form]),
        (
            "<< /Pattern << /P1 5 0 R >> >>",
            deep("/Pattern cs /P1 scn 0 0 50 50 re f"),
            vec![stream(
                "/Type /Pattern /PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 10 10] /XStep 10 /YStep 10 /Resources << >> /Filter /FlateDecode",
                &deflated(format!("{nested} pop").as_bytes(), 1),
            )],
        ),
        (
            "<< /Font << /T3 << /Type /Font /Subtype /Type3 /FontBBox [0 0 10 10] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /a 5 0 R >> /Encoding << /Differences [97 /a] >> /FirstChar 97 /LastChar 97 /Widths [1000] >> >> >>",
            deep("BT /T3 12 Tf (a) Tj ET"),
            vec![stream(
                "/Filter /FlateDecode",
                &deflated(format!("1000 0 d0 {nested} pop").as_bytes(), 1),
            )],
        ),
    ] {
        let project = project_with(&one_page(resources, content, &extra));
        let run = build(&project);
        assert_refused(
            &project,
            &run,
            "page 1: its content, or a form, pattern or glyph it draws, nests arrays or dictionaries more than 100 deep",
        );
    }
}

#[test]
fn a_form_whose_content_cannot_be_decoded_is_refused_not_copied_unscanned() {
    // lopdf has no fax decoder; a renderer that has one would read what the nesting
    // scan never saw.
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Filter /CCITTFaxDecode",
        b"\x00\x01\x02",
    );
    let content = stream("", b"q /Fm1 Do Q");
    let project = project_with(&one_page(
        "<< /XObject << /Fm1 5 0 R >> >>",
        content,
        &[form],
    ));
    let run = build(&project);
    assert_refused(
        &project,
        &run,
        "page 1: a form, pattern or glyph it draws has content that cannot be decoded",
    );
}

#[test]
fn a_thousand_pages_sharing_one_content_stream_are_copied_once() {
    let pages = 1_000;
    // One content stream of 13 MB (marked content, so it must be parsed), deflated to
    // a few kB, shared by every page.
    let content = stream(
        "/Filter /FlateDecode",
        &deflated(b"/P <</MCID 0>> BDC BT /F1 9 Tf (x) Tj ET EMC\n", 300_000),
    );
    let kids: String = (0..pages).map(|k| format!("{} 0 R ", 5 + k)).collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{kids}] /Count {pages} /Resources 4 0 R >>").into_bytes(),
        content,
        HELVETICA.as_bytes().to_vec(),
    ];
    objects.extend((0..pages).map(|_| {
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>".to_vec()
    }));
    let file = pdf(&objects);
    assert!(file.len() < 400_000, "{} bytes", file.len());
    let project = project_with(&file);
    build(&project).assert_code(0);
}

#[test]
fn more_pages_than_the_limit_are_refused_at_load() {
    let pages = 2_001;
    let kids: String = (0..pages).map(|k| format!("{} 0 R ", 4 + k)).collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{kids}] /Count {pages} >>").into_bytes(),
        text_content("Page"),
    ];
    objects.extend((0..pages).map(|_| {
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>".to_vec()
    }));
    let project = project_with(&pdf(&objects));
    let run = run(&project, "check");
    assert_refused(&project, &run, "the PDF has 2001 pages, more than the 2000");
}

#[test]
fn more_objects_than_the_limit_are_refused() {
    let objects: Vec<Vec<u8>> = [
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources {HELVETICA} /Contents 4 0 R >>")
            .into_bytes(),
        text_content("Many"),
    ]
    .into_iter()
    .chain((0..500_001).map(|_| b"null".to_vec()))
    .collect();
    let project = project_with(&pdf(&objects));
    let run = build(&project);
    assert_refused(
        &project,
        &run,
        "the PDF has more than the 500000 objects a supplied PDF may have (500005 counted)",
    );
}

/// `plain` encrypted by qpdf with `user` and `owner` passwords.
fn encrypted(plain: &[u8], user: &str, owner: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let (from, to) = (dir.path().join("plain.pdf"), dir.path().join("locked.pdf"));
    std::fs::write(&from, plain).unwrap();
    let status = std::process::Command::new("qpdf")
        .args(["--encrypt", user, owner, "256", "--"])
        .arg(&from)
        .arg(&to)
        .status()
        .expect("qpdf runs (install qpdf)");
    assert!(status.success());
    std::fs::read(to).unwrap()
}

#[test]
fn an_owner_password_only_pdf_is_refused_with_the_qpdf_hint_by_check_and_build() {
    let locked = encrypted(
        &one_page(HELVETICA, text_content("Locked"), &[]),
        "",
        "owner",
    );
    let project = project_with(&locked);
    for command in ["check", "build"] {
        let run = run(&project, command);
        assert_refused(
            &project,
            &run,
            "the PDF is encrypted (even if it opens without a password)",
        );
        assert!(run.stderr.contains("qpdf --decrypt"), "{}", run.stderr);
    }
}

#[test]
fn scripts_and_attachments_under_the_page_resources_are_not_copied() {
    let marker = "SUPPLIEDSECRET7Q4";
    let resources = "<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica \
        /AA << /O 5 0 R >> /Attached 6 0 R >> >> \
        /XObject << /Fm1 8 0 R >> \
        /Names << /EmbeddedFiles << /Names [(x) 6 0 R] >> /JavaScript << /Names [(y) 5 0 R] >> >> \
        /Scripts 5 0 R >>";
    let extra = [
        format!("<< /Type /Action /S /JavaScript /JS (app.alert\\('{marker} js'\\)) >>")
            .into_bytes(),
        format!("<< /Type /Filespec /F (secret.txt) /EF << /F 7 0 R >> /Desc ({marker} desc) >>")
            .into_bytes(),
        stream(
            "/Type /EmbeddedFile",
            format!("{marker} attached file").as_bytes(),
        ),
        stream(
            &format!(
                "/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> \
                 /AA << /PO << /S /JavaScript /JS ({marker} form action) >> >> /Metadata << /Note ({marker} metadata) >>"
            ),
            b"BT /F1 9 Tf (Form) Tj ET",
        ),
    ];
    let project = project_with(&one_page(
        resources,
        stream("", b"BT /F1 24 Tf 72 720 Td (Drawn) Tj ET /Fm1 Do"),
        &extra,
    ));
    let run = build(&project);
    run.assert_code(0);
    let pack = project.pdf("m");
    let pages = crate::common::page_texts(&pack);
    assert!(pages.iter().any(|p| p.contains("Drawn")), "{pages:?}");
    assert!(
        !contains(&decompressed(&pack), marker),
        "the marker is in the pack"
    );
    assert!(!contains(&std::fs::read(&pack).unwrap(), marker));
    assert!(!run.stderr.contains(marker) && !run.stdout.contains(marker));
}

#[test]
fn one_hostile_pdf_never_stops_another_meetings_build() {
    let depth = 100_000;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let project = project_with(&one_page(
        &format!("<< /Deep {nested} >>"),
        text_content("Bad"),
        &[],
    ));
    project.write("good", "meeting.yaml", &meeting_yaml(&items("fine.pdf")));
    std::fs::write(
        project.meeting_dir("good").join("fine.pdf"),
        one_page(HELVETICA, text_content("Fine"), &[]),
    )
    .unwrap();
    let run = build(&project);
    run.assert_code(1);
    assert!(
        run.stderr.contains(
            "content/m/supplied.pdf: the PDF nests arrays or dictionaries more than 100 deep"
        ),
        "{}",
        run.stderr
    );
    let pages = crate::common::page_texts(&project.pdf("good"));
    assert!(pages.iter().any(|p| p.contains("Fine")), "{pages:?}");
    assert!(!project.pdf("m").exists());
}

#[test]
fn millions_of_objects_packed_in_object_streams_are_refused_within_the_memory_budget() {
    // Object streams of 1,500,000 objects each (all `null`, at offset 0), 12,000,000 in
    // all, in a file of a few MB: counted only after loading, they took gigabytes.
    let (streams, per_stream) = (8, 1_500_000);
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources {HELVETICA} /Contents 4 0 R >>")
            .into_bytes(),
        text_content("Packed"),
    ];
    for s in 0..streams {
        let first_number = 100 + s * per_stream;
        let mut header = Vec::with_capacity(per_stream * 12);
        for k in 0..per_stream {
            write!(header, "{} 0 ", first_number + k).unwrap();
        }
        let first = header.len();
        header.extend_from_slice(b"null");
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(&header).unwrap();
        objects.push(stream(
            &format!("/Type /ObjStm /N {per_stream} /First {first} /Filter /FlateDecode"),
            &encoder.finish().unwrap(),
        ));
    }
    let file = pdf(&objects);
    assert!(file.len() < 64 << 20, "{} bytes", file.len());
    let project = project_with(&file);
    let run = build(&project);
    assert_refused(
        &project,
        &run,
        "the PDF has more than the 500000 objects a supplied PDF may have",
    );
}

#[test]
fn a_huge_font_dictionary_shared_by_many_pages_is_refused_within_the_budget() {
    // 20 pages, each its own content, sharing resources with 100,000 fonts: each
    // page's fonts are examined (for the embedded-fonts warning), which counts
    // against the copying work, so this stops at the ninth page.
    let (pages, fonts) = (20, 100_000);
    let font_entries: String = (0..fonts).map(|k| format!("/F{k} 5 0 R ")).collect();
    let kids: String = (0..pages).map(|k| format!("{} 0 R ", 6 + 2 * k)).collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{kids}] /Count {pages} /Resources 3 0 R >>").into_bytes(),
        b"<< /Font 4 0 R >>".to_vec(),
        format!("<< {font_entries}>>").into_bytes(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    for k in 0..pages {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {} 0 R >>",
                7 + 2 * k
            )
            .into_bytes(),
        );
        objects.push(stream(
            "",
            format!("BT /F1 9 Tf (page {k}) Tj ET").as_bytes(),
        ));
    }
    let project = project_with(&pdf(&objects));
    let run = build(&project);
    assert_refused(
        &project,
        &run,
        "page 9: copying the pages up to this one takes more than 1000000 objects",
    );
}
