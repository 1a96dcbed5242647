//! Characters the bundled fonts cannot draw. Author text is checked before layout, at
//! the author's line; the laid-out pages are searched as well, since such a character
//! prints as an empty box and makes the PDF/UA export fail.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use typst::World;
use typst::WorldExt;
use typst::layout::{Frame, FrameItem};
use typst::syntax::Span;
use typst_layout::PagedDocument;

use super::fonts;
use super::world::PackWorld;
use crate::content::confine;
use crate::error::{ContentError, Location};
use crate::markup::source_map;

/// The font the house style sets text in, named in messages.
pub const BODY_FONT: &str = "Liberation Sans";

/// Whether some bundled font has a glyph for `c` (typst falls back on any of them),
/// or `c` needs none (a control character, an invisible formatting character).
pub fn covers(c: char) -> bool {
    /// Every code point of the bundled fonts' character maps, sorted.
    static COVERED: LazyLock<Vec<u32>> = LazyLock::new(|| {
        let mut all: Vec<u32> = fonts::bundled()
            .fonts
            .iter()
            .flat_map(|font| font.info().coverage.iter())
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    });
    c.is_ascii_graphic()
        || c == ' '
        || c.is_control()
        || shaper_ignores(c)
        || COVERED.binary_search(&u32::from(c)).is_ok()
}

/// Whether the shaper (rustybuzz, as typst 0.15 uses it) drops `c` when no font has
/// it. This is narrower than Unicode's Default_Ignorable_Code_Point (typst's
/// `is_default_ignorable`): U+180F and the Hangul fillers, for example, are drawn as
/// empty boxes.
fn shaper_ignores(c: char) -> bool {
    matches!(u32::from(c),
        0x00AD | 0x034F | 0x061C | 0x17B4..=0x17B5 | 0x180B..=0x180E | 0x200B..=0x200F
        | 0x202A..=0x202E | 0x2060..=0x206F | 0xFE00..=0xFE0F | 0xFEFF | 0xFFF0..=0xFFF8
        | 0x1D173..=0x1D17A | 0xE0000..=0xE0FFF)
}

/// The distinct characters of `text` that no bundled font can draw, in order.
pub fn uncovered(text: &str) -> Vec<char> {
    let mut missing = Vec::new();
    for c in text.chars().filter(|&c| !covers(c)) {
        if !missing.contains(&c) {
            missing.push(c);
        }
    }
    missing
}

/// Author text holding characters the fonts cannot draw.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} cannot be printed: the font {BODY_FONT} has no glyph for {}", names(.0), if .0.len() == 1 { "it" } else { "them" })]
pub struct Unprintable(pub Vec<char>);

impl Unprintable {
    /// The characters of `text` that cannot be printed, if any.
    pub fn find(text: &str) -> Option<Self> {
        let missing = uncovered(text);
        (!missing.is_empty()).then_some(Self(missing))
    }

    /// How to fix it, for the hint line.
    pub fn hint(&self) -> &'static str {
        "write the character out in words, or replace it with one the font has (its Latin, \
         Greek and Cyrillic letters, punctuation, currency signs and arrows); emoji and most \
         other symbols cannot be printed"
    }
}

/// `U+1F600 (😀), U+2603 (☃)`.
fn names(chars: &[char]) -> String {
    chars
        .iter()
        .map(|c| format!("U+{:04X} ({c})", u32::from(*c)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The first text of the laid-out pages printed as empty boxes (the font's `.notdef`
/// glyph), as a content error at the author's line.
pub fn in_pages(world: &PackWorld, document: &PagedDocument) -> Option<ContentError> {
    let (chars, span) = document
        .pages()
        .iter()
        .find_map(|page| first_missing(&page.frame))?;
    let problem = Unprintable(chars);
    let location = author_origin(world, span, problem.0[0]).unwrap_or_else(|| {
        // Not found in the author's files: name the meeting folder.
        Location::new(world.content_root(), 0, 0)
    });
    Some(ContentError::new(location, problem.to_string()).with_hint(problem.hint()))
}

/// The characters of the first text run in `frame` with missing glyphs, and its span.
fn first_missing(frame: &Frame) -> Option<(Vec<char>, Span)> {
    frame.items().find_map(|(_, item)| match item {
        FrameItem::Group(group) => first_missing(&group.frame),
        FrameItem::Text(text) => {
            let mut missing: Vec<char> = Vec::new();
            let mut span = None;
            for glyph in text.glyphs.iter().filter(|glyph| glyph.id == 0) {
                let Some(cluster) = text.text.get(glyph.range()) else {
                    continue;
                };
                span.get_or_insert(glyph.span.0);
                // A cluster joins a character to the marks after it: name the ones
                // the fonts lack, not the letter they follow.
                for c in culprits(cluster) {
                    if !missing.contains(&c) {
                        missing.push(c);
                    }
                }
            }
            Some((missing, span?))
        }
        _ => None,
    })
}

/// The characters of a cluster drawn as `.notdef` to name in the message: those no
/// font covers, else those beyond ASCII, else the first.
fn culprits(cluster: &str) -> Vec<char> {
    let pick = |keep: &dyn Fn(char) -> bool| cluster.chars().filter(|&c| keep(c)).collect();
    let chars: Vec<char> = pick(&|c| !covers(c));
    if !chars.is_empty() {
        return chars;
    }
    let chars: Vec<char> = pick(&|c| !c.is_ascii());
    if !chars.is_empty() {
        return chars;
    }
    cluster.chars().take(1).collect()
}

/// Where the author wrote the text at `span` holding `c`: its Markdown line when it
/// comes from a converted body, else the YAML value holding `c`.
fn author_origin(world: &PackWorld, span: Span, c: char) -> Option<Location> {
    let main = world.source(world.main()).ok()?;
    let in_markdown = (span.id() == Some(world.main()))
        .then(|| world.range(span))
        .flatten()
        .and_then(|range| source_map::markdown_origin(&main, range.start));
    in_markdown.or_else(|| yaml_origin(world.content_root(), c))
}

/// The YAML line of the meeting folder `root` holding `c`: meeting.yaml first, then the
/// other YAML files and the front matter of Markdown documents, in name order.
///
/// A last resort: the loader already refuses such characters in YAML values at their
/// own position (`content::yaml_spans`), so this serves only text that reaches the page
/// by another way (a template override printing something new).
pub fn yaml_origin(root: &Path, c: char) -> Option<Location> {
    let mut files = vec![PathBuf::from("meeting.yaml")];
    collect_files(root, Path::new(""), 0, &mut files);
    files.iter().find_map(|relative| {
        let real = confine::resolve_inside(root, relative).ok()?;
        if std::fs::metadata(&real).ok()?.len() > MAX_SEARCHED {
            return None;
        }
        let text = std::fs::read_to_string(&real).ok()?;
        let yaml = match relative.extension().and_then(|e| e.to_str()) {
            Some("md") => front_matter(&text)?,
            _ => &text,
        };
        let offset = yaml.find(c)?;
        Some(Location::of_offset(&root.join(relative), &text, offset, 1))
    })
}

/// Files larger than this are not searched (a YAML file is far smaller).
const MAX_SEARCHED: u64 = 4 << 20;

/// The YAML and Markdown files under `dir` (relative to `root`), in name order; no
/// deeper than a meeting folder's subfolders go.
fn collect_files(root: &Path, dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
        return;
    };
    let mut names: Vec<_> = entries.filter_map(|e| e.ok()).collect();
    names.sort_by_key(|e| e.file_name());
    for entry in names {
        let relative = dir.join(entry.file_name());
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() && depth < 3 {
            collect_files(root, &relative, depth + 1, out);
        } else if matches!(
            relative.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml" | "md")
        ) && relative != Path::new("meeting.yaml")
        {
            out.push(relative);
        }
    }
}

/// The front matter of a Markdown document, with the opening `---` line: a prefix of
/// `text`, so offsets in it are offsets in the file.
fn front_matter(text: &str) -> Option<&str> {
    let opening = ["---\n", "---\r\n"]
        .into_iter()
        .find(|opening| text.starts_with(opening))?;
    let rest = &text[opening.len()..];
    let end = rest.find("\n---").map_or(rest.len(), |end| end + 1);
    Some(&text[..opening.len() + end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_shaper_keeps_must_be_covered() {
        // Found by tests/property.rs: "0\u{180F}" passed the check, then printed a box.
        assert!(!covers('\u{180F}'));
        assert!(covers('\u{180E}') && covers('\u{200B}') && covers('\u{FE0F}'));
        assert_eq!(culprits("0\u{180F}"), vec!['\u{180F}']);
        assert_eq!(culprits("x"), vec!['x']);
    }

    #[test]
    fn latin_text_is_covered_and_emoji_are_named() {
        assert_eq!(
            uncovered("Café – £5 → “quoted” \u{200B}\u{AD}"),
            Vec::<char>::new()
        );
        assert_eq!(uncovered("Well done 😀😀 ☃"), vec!['😀', '☃']);
        let problem = Unprintable::find("Smile 😀").unwrap();
        assert_eq!(
            problem.to_string(),
            "U+1F600 (😀) cannot be printed: the font Liberation Sans has no glyph for it"
        );
    }

    #[test]
    fn yaml_values_are_found_in_meeting_yaml_then_front_matter() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("meeting.yaml"),
            "council: A\nplace: Hall ☃\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("note.md"),
            "---\nsubject: Fun 😀\n---\n\nBody 🙂\n",
        )
        .unwrap();
        let at = |c| yaml_origin(dir.path(), c).map(|l| (l.file, l.line, l.column));
        assert_eq!(at('☃'), Some((dir.path().join("meeting.yaml"), 2, 13)));
        assert_eq!(at('😀'), Some((dir.path().join("note.md"), 2, 14)));
        assert_eq!(at('🙂'), None, "a Markdown body is not front matter");
    }
}
