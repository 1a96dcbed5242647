//! The Markdown converter's HTML target: the same numbers as the typst target (one walk,
//! two back ends), every construct as well-formed HTML, and author text escaped.

use std::path::{Path, PathBuf};

use agenda_pack::content::load_meeting;
use agenda_pack::markup::{Assets, Flavour, Rendered, render, render_html};
use agenda_pack::model::{AppendixScheme, MarkdownSource, Recommendations, SubParagraphs};

const NOTE: Flavour = Flavour::BriefingNote {
    appendices: AppendixScheme::Number,
    recommendations: None,
    sub_paragraphs: SubParagraphs::Continued,
};

/// A meeting folder with one image, for documents that show it.
fn meeting() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("images")).unwrap();
    std::fs::write(dir.path().join("images/chart.svg"), "<svg/>").unwrap();
    dir
}

fn source(text: &str) -> MarkdownSource {
    MarkdownSource {
        file: "note.md".into(),
        text: text.into(),
        first_line: 1,
    }
}

/// Both targets' output for `text`, which must convert.
fn both(text: &str, flavour: Flavour) -> (Rendered, Rendered) {
    let dir = meeting();
    let assets = Assets {
        meeting_dir: dir.path(),
        document_dir: PathBuf::new(),
    };
    let typst = render(&source(text), flavour, &assets).unwrap();
    let html = render_html(&source(text), flavour, &assets).unwrap();
    (typst, html)
}

fn html(text: &str, flavour: Flavour) -> String {
    let (_, html) = both(text, flavour);
    format!("{}{}", html.body, html.appendices)
}

/// The quoted first arguments of the typst calls that print a number, in order.
fn typst_numbers(markup: &str) -> Vec<String> {
    const CALLS: [&str; 4] = [
        "#section-heading(\"",
        "#numbered-subheading(\"",
        "#numbered-par(\"",
        "#minute-heading(\"",
    ];
    let mut found: Vec<(usize, String)> = Vec::new();
    for call in CALLS {
        for (at, _) in markup.match_indices(call) {
            let rest = &markup[at + call.len()..];
            found.push((at, rest[..rest.find('"').unwrap()].to_string()));
        }
    }
    found.sort();
    found.into_iter().map(|(_, number)| number).collect()
}

/// The printed numbers of the HTML, in order.
fn html_numbers(html: &str) -> Vec<String> {
    const SPAN: &str = "<span class=\"number\">";
    html.match_indices(SPAN)
        .map(|(at, _)| {
            let rest = &html[at + SPAN.len()..];
            rest[..rest.find('<').unwrap()].to_string()
        })
        .collect()
}

/// Parses an HTML fragment as XML (void elements closed for the XML parser), so a
/// fragment that does not nest properly fails; returns the parsed text.
fn well_formed(fragment: &str) -> String {
    let mut xml = String::from("<root>");
    let mut rest = fragment;
    while let Some(at) = rest.find('<') {
        xml.push_str(&rest[..at]);
        let end = rest[at..].find('>').unwrap() + at;
        let tag = &rest[at..end];
        xml.push_str(tag);
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if matches!(name.as_str(), "br" | "hr" | "img") {
            xml.push('/');
        }
        xml.push('>');
        rest = &rest[end + 1..];
    }
    xml.push_str(rest);
    xml.push_str("</root>");
    roxmltree::Document::parse(&xml)
        .unwrap_or_else(|e| panic!("{e}: {fragment}"))
        .root()
        .descendants()
        .filter(|n| n.is_text())
        .map(|n| n.text().unwrap())
        .collect()
}

/// Every `id` of the fragment.
fn ids(fragment: &str) -> Vec<String> {
    fragment
        .match_indices(" id=\"")
        .map(|(at, _)| {
            let rest = &fragment[at + 5..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

fn assert_unique(ids: &[String]) {
    let mut sorted = ids.to_vec();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "ids repeat: {ids:?}");
}

#[test]
fn the_sample_meetings_documents_number_alike_in_both_targets() {
    let mut documents = 0;
    let mut numbers = 0;
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut meetings: Vec<PathBuf> = std::fs::read_dir(&content)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.join("meeting.yaml").is_file())
        .collect();
    meetings.sort();
    assert!(meetings.len() >= 2, "{meetings:?}");
    for dir in meetings {
        let meeting = load_meeting(&dir).unwrap();
        let all = meeting.items.iter().chain(&meeting.private_items);
        for document in all.flat_map(|item| &item.documents) {
            let Some((markdown, flavour)) = Flavour::of(&document.body) else {
                continue;
            };
            let assets = Assets {
                meeting_dir: &meeting.dir,
                document_dir: document.file.parent().unwrap().to_path_buf(),
            };
            let typst = render(markdown, flavour, &assets).unwrap();
            let html = render_html(markdown, flavour, &assets).unwrap();
            let expected = typst_numbers(&format!("{}{}", typst.body, typst.appendices));
            let fragment = format!("{}{}", html.body, html.appendices);
            assert_eq!(
                html_numbers(&fragment),
                expected,
                "{}",
                document.file.display()
            );
            assert_eq!(html.images, typst.images, "{}", document.file.display());
            for image in &html.images {
                assert!(meeting.dir.join(image).is_file(), "{image}");
            }
            well_formed(&html.body);
            well_formed(&html.appendices);
            assert_unique(&ids(&fragment));
            assert_eq!(html.minute_count, typst.minute_count);
            documents += 1;
            numbers += expected.len();
        }
    }
    // The comparison is not empty: the samples hold numbered notes, reports and minutes.
    assert!(documents >= 8, "{documents}");
    assert!(numbers >= 50, "{numbers}");
}

#[test]
fn every_numbering_rule_gives_the_same_numbers_in_both_targets() {
    let recommendations = Recommendations {
        lead: "The Board is recommended to:".into(),
        items: vec!["note the report;".into(), "agree the plan.".into()],
    };
    let cases: Vec<(&str, Flavour)> = vec![
        (
            "Before.\n\n# Purpose\n\nOne.\n\n{-} Lead-in:\n\n{number=5} Five.\n\nSix.\n\n## Plain sub\n\nSeven.\n\n## Numbered {.numbered}\n\nEight.\n\n# Skipped {number=9}\n\nNine one.\n\n# Appendix: A\n\nNot numbered.\n\n# Part: Data\n\n# Again\n\nOne one again.\n",
            Flavour::BriefingNote {
                appendices: AppendixScheme::Letter,
                recommendations: Some(&recommendations),
                sub_paragraphs: SubParagraphs::Nested,
            },
        ),
        (
            "# Context\n\nA.\n\n## Finance\n\nB.\n\nC.\n\n## Legal {number=7}\n\nD.\n\n# Next\n\nE.\n",
            Flavour::Report {
                appendices: AppendixScheme::Number,
                sub_paragraphs: SubParagraphs::Nested,
            },
        ),
        (
            "# Context\n\nA.\n\n## Finance\n\nB.\n\n# Next\n\nE.\n",
            Flavour::Report {
                appendices: AppendixScheme::Number,
                sub_paragraphs: SubParagraphs::Unnumbered,
            },
        ),
        (
            "# Apologies\n\nNone.\n\n# Private Business\n\n# Budget\n\nRESOLVED that:\n\n1. Noted.\n2. Agreed.\n\n# Close\n\nRESOLVED that it ends.\n",
            Flavour::Minutes { first_minute: 14 },
        ),
        ("# Heading\n\nText.\n", Flavour::Appendix),
    ];
    for (text, flavour) in cases {
        let (typst, html) = both(text, flavour);
        let fragment = format!("{}{}", html.body, html.appendices);
        let expected = typst_numbers(&format!("{}{}", typst.body, typst.appendices));
        assert_eq!(html_numbers(&fragment), expected, "{text}");
        well_formed(&html.body);
        well_formed(&html.appendices);
        assert_unique(&ids(&fragment));
    }
    // The cases do exercise the rules: nested sub-paragraphs, recommendations as
    // section 2, numbers set by hand, and minutes.
    let (_, html) = both(cases_first(), NOTE_NESTED);
    let numbers = html_numbers(&html.body);
    assert_eq!(
        numbers,
        ["1", "1.1", "1.2", "1.3", "1.4", "1.4.1"],
        "{html:?}"
    );
}

fn cases_first() -> &'static str {
    "# One\n\nA.\n\nB.\n\n{number=3} C.\n\n## Sub {.numbered}\n\nD.\n"
}

const NOTE_NESTED: Flavour = Flavour::BriefingNote {
    appendices: AppendixScheme::Number,
    recommendations: None,
    sub_paragraphs: SubParagraphs::Nested,
};

#[test]
fn numbered_paragraphs_sections_and_minutes_have_the_agreed_markup() {
    let out = html(
        "# Purpose\n\nFirst *point* here.\n\n## Aside\n\nSecond.\n",
        NOTE,
    );
    assert!(
        out.contains("<h2 id=\"s1\"><span class=\"number\">1</span> Purpose</h2>"),
        "{out}"
    );
    assert!(
        out.contains(
            "<p id=\"p1.1\"><span class=\"number\">1.1</span> First <em>point</em> here.</p>"
        ),
        "{out}"
    );
    assert!(out.contains("<h3>Aside</h3>"), "{out}");
    assert!(!out.contains("<h1"), "the page title is the only h1: {out}");
    let out = html(
        "# Budget\n\nRESOLVED that:\n\n1. Noted.\n2. Agreed.\n",
        Flavour::Minutes { first_minute: 3 },
    );
    assert!(
        out.contains("<h2 id=\"minute-3\"><span class=\"number\">3</span> Budget</h2>"),
        "{out}"
    );
    assert!(
        out.contains("<div class=\"resolved\">\n<p>RESOLVED that:</p>\n<ol>\n<li>Noted.</li>\n<li>Agreed.</li>\n</ol>\n</div>"),
        "{out}"
    );
}

#[test]
fn author_text_is_escaped_everywhere() {
    let out = html(
        "# A & B\n\nFish \\<script>alert(1)\\</script> & chips \"quoted\" 'single' `<b>&`.\n\n\
         ![Alt \"quoted\" \\<script>x\\</script> & more](images/chart.svg \"Cap <i>&\")\n\n\
         [a link](https://example.org/?a=1&b=\"2\")\n",
        NOTE,
    );
    assert!(!out.contains("<script"), "{out}");
    assert!(!out.contains("<i>"), "{out}");
    assert!(!out.contains("<b>"), "{out}");
    assert!(out.contains("A &amp; B</h2>"), "{out}");
    assert!(
        out.contains("Fish &lt;script&gt;alert(1)&lt;/script&gt; &amp; chips &quot;quoted&quot; &#39;single&#39; <code>&lt;b&gt;&amp;</code>."),
        "{out}"
    );
    assert!(
        out.contains("alt=\"Alt &quot;quoted&quot; &lt;script&gt;x&lt;/script&gt; &amp; more\""),
        "{out}"
    );
    assert!(
        out.contains("<figcaption>Figure 1: Cap &lt;i&gt;&amp;</figcaption>"),
        "{out}"
    );
    assert!(
        out.contains("<a href=\"https://example.org/?a=1&amp;b=%222%22\">a link</a>"),
        "{out}"
    );
    // The text reads back as written.
    let text = well_formed(&out);
    assert!(
        text.contains("Fish <script>alert(1)</script> & chips \"quoted\" 'single' <b>&."),
        "{text}"
    );
}

#[test]
fn raw_html_and_refused_links_fail_with_the_same_errors_as_print() {
    let dir = meeting();
    let assets = Assets {
        meeting_dir: dir.path(),
        document_dir: PathBuf::new(),
    };
    for text in [
        "Text <script>alert(1)</script>.\n",
        "<div>block</div>\n",
        "See [x](javascript:alert(1)).\n",
        "![](images/chart.svg)\n",
        "![A chart](images/none.png)\n",
        "![A chart](../../etc/passwd)\n",
        "# One\n\n### Too deep\n",
    ] {
        let typst = render(&source(text), NOTE, &assets).unwrap_err();
        let html = render_html(&source(text), NOTE, &assets).unwrap_err();
        let show = |errors: &[agenda_pack::error::ContentError]| -> Vec<String> {
            errors.iter().map(|e| e.to_string()).collect()
        };
        assert!(!html.is_empty(), "{text}");
        assert_eq!(show(&html), show(&typst), "{text}");
    }
}

#[test]
fn tables_have_a_caption_header_scopes_and_a_scrolling_region() {
    let out = html(
        "# Data\n\n[landscape]\n\nTable: Places & costs {row-headers}\n\n| Phase | Places | Trend |\n| :-- | --: | :-: |\n| Primary | 1,204 | up<br>- a<br>- b |\n| Total | 2,184 | |\n\n[/landscape]\n\n| A | < |\n|---|---|\n| x | y |\n",
        NOTE,
    );
    assert!(!out.contains("landscape"), "{out}");
    assert!(
        out.contains("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"table-1\">\n<table>\n<caption id=\"table-1\">Table 1: Places &amp; costs</caption>"),
        "{out}"
    );
    assert!(
        out.contains("<thead>\n<tr><th scope=\"col\">Phase</th><th scope=\"col\" class=\"align-right\">Places</th><th scope=\"col\" class=\"align-center\">Trend</th></tr>\n</thead>"),
        "{out}"
    );
    assert!(
        out.contains("<tr><th scope=\"row\">Primary</th><td class=\"align-right\">1,204</td><td class=\"align-center\">up<ul><li>a</li><li>b</li></ul></td></tr>"),
        "{out}"
    );
    assert!(
        out.contains("<tr class=\"bold\"><th scope=\"row\">Total</th>"),
        "{out}"
    );
    // An uncaptioned table: still a named region; merged header cells span.
    assert!(
        out.contains("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table\">\n<table>\n<thead>\n<tr><th scope=\"colgroup\" colspan=\"2\">A</th></tr>"),
        "{out}"
    );
    well_formed(&out);
}

#[test]
fn figures_footnotes_lists_quotes_code_and_breaks() {
    let (typst, html) = both(
        "# Things\n\n![A rising line](images/chart.svg \"Trend {width=60%}\")\n\nSee[^a] this[^b] and ~~that~~ **now**.\\\nNext line.\n\na) first\nb) second\n\n- bullet\n  1. nested\n\n> Quoted.\n\n```rust\nlet x = 1 < 2;\n```\n\n---\n\n# Appendix: Extra\n\nMore[^a].\n\n[^a]: Note *a*.\n\n[^b]: Note b.\n",
        NOTE,
    );
    let body = &html.body;
    assert!(
        body.contains("<figure><img src=\"images/chart.svg\" alt=\"A rising line\" style=\"width: 60%\"><figcaption>Figure 1: Trend</figcaption></figure>"),
        "{body}"
    );
    assert_eq!(html.images, ["images/chart.svg"]);
    assert_eq!(typst.images, ["images/chart.svg"]);
    assert!(
        body.contains("See<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup> this<sup class=\"footnote-ref\"><a href=\"#fn-2\" id=\"fnref-2\">2</a></sup> and <s>that</s> <strong>now</strong>.<br>Next line."),
        "{body}"
    );
    assert!(
        body.contains("<section class=\"footnotes\" aria-label=\"Footnotes\">\n<ol>\n<li id=\"fn-1\"><p>Note <em>a</em>.</p> <a href=\"#fnref-1\""),
        "{body}"
    );
    assert!(body.contains("<li id=\"fn-2\"><p>Note b.</p>"), "{body}");
    assert!(
        body.contains("<ol type=\"a\">\n<li>first</li>\n<li>second</li>\n</ol>"),
        "{body}"
    );
    assert!(
        body.contains("<ul>\n<li>bullet\n<ol>\n<li>nested</li>\n</ol></li>\n</ul>"),
        "{body}"
    );
    assert!(
        body.contains("<blockquote>\n<p>Quoted.</p>\n</blockquote>"),
        "{body}"
    );
    assert!(
        body.contains("<pre><code class=\"language-rust\">let x = 1 &lt; 2;</code></pre>"),
        "{body}"
    );
    assert!(body.contains("<hr>"), "{body}");
    // The appendix is a section of its own, its footnote numbered on from the body's.
    let appendices = &html.appendices;
    assert!(
        appendices.starts_with(
            "<section class=\"appendix\" id=\"appendix-1\">\n<h2>Appendix 1: Extra</h2>"
        ),
        "{appendices}"
    );
    assert!(
        appendices.contains(
            "More<sup class=\"footnote-ref\"><a href=\"#fn-3\" id=\"fnref-3\">3</a></sup>"
        ),
        "{appendices}"
    );
    assert!(
        appendices.contains("</section>\n<section class=\"footnotes\" aria-label=\"Footnotes\">\n<ol start=\"3\">\n<li id=\"fn-3\">"),
        "{appendices}"
    );
    well_formed(body);
    well_formed(appendices);
    assert_unique(&ids(&format!("{body}{appendices}")));
}

#[test]
fn ids_stay_unique_when_a_part_or_a_hand_number_repeats_one() {
    let out = html(
        "# One\n\nA.\n\n{number=1} A again.\n\n# Appendix: X\n\nText.\n\n# Appendix: Y\n\nText.\n\n# Part: Second\n\n# One\n\nA.\n",
        NOTE,
    );
    let found = ids(&out);
    assert_unique(&found);
    for id in [
        "s1",
        "p1.1",
        "p1.1-2",
        "appendix-1",
        "appendix-2",
        "part1-s1",
        "part1-p1.1",
    ] {
        assert!(found.iter().any(|f| f == id), "{id}: {found:?}");
    }
    assert_eq!(out.matches("<section class=\"appendix\"").count(), 2);
    assert_eq!(out.matches("</section>").count(), 2, "{out}");
    well_formed(&out);
}
