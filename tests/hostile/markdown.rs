//! Hostile inputs: author text on its way to typst (links, characters the fonts lack,
//! images and figures). Each case is a located error at the author's line, with
//! nothing written to `out/` and nothing of a file outside the meeting folder shown.

use super::budget;
use crate::common::{Project, meeting_yaml};

const ONE_NOTE: &str =
    "  - kind: briefing-note\n    title: A note\n    documents:\n      - note.md\n";

/// A valid SVG for figures.
const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>";

/// A project whose meeting `m` has one note with this Markdown body (after a
/// four-line front matter, so the body's first line is line 6), then `extra`.
fn note_project(body: &str, extra: impl FnOnce(&Project)) -> Project {
    let project = Project::new();
    project.write("m", "meeting.yaml", &meeting_yaml(ONE_NOTE));
    project.write(
        "m",
        "note.md",
        &format!("---\nkind: briefing-note\nsubject: S\n---\n\n{body}"),
    );
    extra(&project);
    project
}

/// Runs `args` on `project` within the budget, expecting exit 1, nothing in `out/`
/// and an error at `place` (`file:line:col`) saying `message`; returns stderr.
fn fails_at(project: &Project, args: &[&str], place: &str, message: &str) -> String {
    let run = budget::run(project.root(), args);
    eprintln!(
        "{place} ({args:?}): {:?}, peak {} MiB",
        run.wall,
        run.peak >> 20
    );
    run.assert_within_budget().assert_code(1);
    assert!(
        project.out_files().is_empty(),
        "nothing is written to out/: {:?}",
        project.out_files()
    );
    // `build` prints `file:line:col: message`; `check` the message, then ` --> file:line:col`.
    let place = format!("content/m/{place}");
    let located = [
        format!("{place}: {message}"),
        format!("{message}\n  --> {place}\n"),
    ];
    assert!(
        located.iter().any(|l| run.stderr.contains(l)),
        "expected `{message}` at `{place}` in:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint: "),
        "the error says how to fix it:\n{}",
        run.stderr
    );
    run.stderr
}

#[test]
fn only_web_mail_and_telephone_links_are_made_live() {
    for (body, place, url) in [
        (
            "[Click](javascript:alert(1))\n",
            "note.md:6:1",
            "javascript:alert(1)",
        ),
        (
            "Text [x](data:text/html,hi).\n",
            "note.md:6:6",
            "data:text/html,hi",
        ),
        (
            "[x](file:///etc/passwd)\n",
            "note.md:6:1",
            "file:///etc/passwd",
        ),
        ("[x](other.md)\n", "note.md:6:1", "other.md"),
        (
            "See <javascript:alert(1)>.\n",
            "note.md:6:5",
            "javascript:alert(1)",
        ),
        (
            "See [x][r].\n\n[r]: file:///etc/passwd\n",
            "note.md:6:5",
            "file:///etc/passwd",
        ),
    ] {
        let project = note_project(body, |_| {});
        fails_at(&project, &["build"], place, &format!("the link `{url}`"));
    }
    let project = note_project(
        "[Web](https://example.org), [mail](mailto:a@example.org), [phone](tel:+441632960001) and <clerk@example.org>.\n",
        |_| {},
    );
    budget::run(project.root(), &["build"]).assert_code(0);
}

#[test]
fn characters_the_font_lacks_are_located_in_markdown_and_yaml() {
    let message = "U+1F600 (😀) cannot be printed: the font Liberation Sans has no glyph for it";
    let project = note_project("Intro.\n\nWell done 😀 all.\n", |_| {});
    for args in [&["check"][..], &["build"], &["build", "--standard", "none"]] {
        fails_at(&project, args, "note.md:8:11", message);
    }
    // Front matter, and meeting.yaml: at the value's line.
    let project = note_project("Text.\n", |p| {
        p.write(
            "m",
            "note.md",
            "---\nkind: briefing-note\nsubject: Fun 😀\n---\n\nText.\n",
        );
    });
    fails_at(&project, &["check"], "note.md:3:14", message);
    let project = note_project("Text.\n", |p| {
        let yaml = meeting_yaml(ONE_NOTE).replace("Committee Room 1", "Room 😀");
        p.write("m", "meeting.yaml", &yaml);
    });
    fails_at(
        &project,
        &["build", "--standard", "none"],
        "meeting.yaml:5:13",
        message,
    );
}

#[test]
fn a_character_the_font_lacks_in_front_matter_recommendations_is_at_its_yaml_line() {
    // They are printed inside the converted body, but written in the front matter.
    let project = note_project("Text.\n", |p| {
        p.write(
            "m",
            "note.md",
            "---\nkind: briefing-note\nsubject: S\nrecommendations:\n  - Agree ☃\n---\n\n# One\n\nText.\n\n# Two\n\nMore.\n",
        );
    });
    fails_at(
        &project,
        &["check"],
        "note.md:5:11",
        "U+2603 (☃) cannot be printed: the font Liberation Sans has no glyph for it",
    );
}

#[test]
fn an_image_inside_a_link_is_located() {
    let project = note_project(
        "Intro.\n\n[![A chart](chart.svg)](https://example.org)\n",
        |p| {
            p.write("m", "chart.svg", SVG);
        },
    );
    fails_at(
        &project,
        &["check"],
        "note.md:8:2",
        "an image cannot be a link",
    );
}

#[test]
fn a_broken_svg_names_the_file_at_the_markdown_line() {
    let project = note_project("Intro.\n\n![A chart](images/chart.svg)\n", |p| {
        p.write(
            "m",
            "images/chart.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><g></svg>",
        );
    });
    fails_at(
        &project,
        &["build"],
        "note.md:8:1",
        "the SVG image `images/chart.svg` cannot be drawn",
    );
}

#[test]
fn an_svg_of_many_page_sized_blurs_is_refused_before_drawing() {
    // 1.4 kB: each blurred rectangle is drawn as a picture at export (40 s before).
    let rects = "<rect width=\"20000\" height=\"20000\" filter=\"url(#b)\"/>".repeat(20);
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20000\" height=\"20000\"><defs><filter id=\"b\"><feGaussianBlur stdDeviation=\"500\"/></filter></defs>{rects}</svg>"
    );
    let project = note_project("Intro.\n\n![A chart](chart.svg)\n", |p| {
        p.write("m", "chart.svg", &svg);
    });
    fails_at(
        &project,
        &["build"],
        "note.md:8:1",
        "the SVG image `chart.svg` has filter effects (blurs, shadows) drawn over about",
    );
}

#[test]
fn a_broken_logo_is_located_in_meeting_yaml() {
    let project = note_project("Text.\n", |p| {
        p.write("m", "images/logo.svg", "<svg><unclosed");
        let logo = "logo:\n  file: images/logo.svg\n  alt: The crest\n";
        let yaml = meeting_yaml(ONE_NOTE).replacen("date:", &format!("{logo}date:"), 1);
        p.write("m", "meeting.yaml", &yaml);
    });
    fails_at(
        &project,
        &["build"],
        "meeting.yaml:4:9",
        "the logo: the SVG image `images/logo.svg` cannot be drawn",
    );
}

#[test]
fn a_footnote_referring_to_another_is_told_so() {
    let project = note_project("Text[^a].\n\n[^a]: See [^b].\n\n[^b]: Later.\n", |_| {});
    fails_at(
        &project,
        &["check"],
        "note.md:8:11",
        "a footnote cannot refer to another footnote (`[^b]`)",
    );
}

/// A 958-byte baseline JPEG whose frame header claims `width` x `height`.
fn jpeg_claiming(width: u16, height: u16) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08];
    bytes.extend(height.to_be_bytes());
    bytes.extend(width.to_be_bytes());
    bytes.extend([0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
    bytes.resize(956, 0);
    bytes.extend([0xFF, 0xD9]);
    bytes
}

/// The signature and header chunk of a PNG claiming `width` x `height`, then a scrap.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
    bytes.extend(width.to_be_bytes());
    bytes.extend(height.to_be_bytes());
    bytes.extend([8, 0, 0, 0, 0, 0, 0, 0, 0]);
    bytes.extend(b"\x00\x00\x00\x00IDAT\x00\x00\x00\x00");
    bytes
}

#[test]
fn images_claiming_too_many_pixels_are_refused_from_their_header() {
    for (file, bytes, size) in [
        ("huge.jpg", jpeg_claiming(65500, 65500), "65500 x 65500"),
        ("wide.png", png_claiming(20000, 20000), "20000 x 20000"),
    ] {
        let body = format!("Intro.\n\n![A photo]({file})\n");
        let project = note_project(&body, |p| {
            std::fs::write(p.meeting_dir("m").join(file), &bytes).unwrap();
        });
        fails_at(
            &project,
            &["build"],
            "note.md:8:1",
            &format!("the image is {size} pixels, more than the limit of 40 megapixels (`{file}`)"),
        );
    }
}

#[cfg(unix)]
#[test]
fn an_image_linked_to_a_file_outside_the_meeting_is_refused_unread() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.svg");
    std::fs::write(
        &secret,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"9\" height=\"9\"><text>MARKER-7f3a</text></svg>",
    )
    .unwrap();
    let project = note_project("Intro.\n\n![A chart](chart.svg)\n", |p| {
        std::os::unix::fs::symlink(&secret, p.meeting_dir("m").join("chart.svg")).unwrap();
    });
    let stderr = fails_at(
        &project,
        &["build"],
        "note.md:8:1",
        "image `chart.svg` is a link to a file outside the meeting folder",
    );
    assert!(!stderr.contains("MARKER-7f3a"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_logo_linked_to_a_file_outside_the_meeting_is_refused_unread() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("crest.svg");
    std::fs::write(&secret, "<svg><text>MARKER-91c2").unwrap();
    let project = note_project("Text.\n", |p| {
        std::fs::create_dir_all(p.meeting_dir("m").join("images")).unwrap();
        std::os::unix::fs::symlink(&secret, p.meeting_dir("m").join("images/logo.svg")).unwrap();
        let logo = "logo:\n  file: images/logo.svg\n  alt: The crest\n";
        let yaml = meeting_yaml(ONE_NOTE).replacen("date:", &format!("{logo}date:"), 1);
        p.write("m", "meeting.yaml", &yaml);
    });
    let stderr = fails_at(
        &project,
        &["build"],
        "meeting.yaml:4:9",
        "the logo: `images/logo.svg` is a link to a file outside the meeting folder",
    );
    assert!(!stderr.contains("MARKER-91c2"), "{stderr}");
}

#[test]
fn a_figure_wider_than_the_text_is_refused() {
    let project = note_project(
        "Intro.\n\n![A chart](chart.svg \"Trend {width=200%}\")\n",
        |p| {
            p.write("m", "chart.svg", SVG);
        },
    );
    fails_at(
        &project,
        &["check"],
        "note.md:8:1",
        "`{width=200%}` is outside the allowed range (1% to 100%, 1cm to 17cm or 10mm to 170mm)",
    );
}
