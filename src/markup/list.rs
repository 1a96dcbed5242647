//! Lists: the numbering pattern of an ordered list, and lettered and roman lists
//! (`a)`, `(b)`, `i)`, `(iv)`, `A)`, `I)`), which CommonMark does not know.
//!
//! Convention: a line whose text starts with a letter or a roman numeral followed by
//! `)` (optionally opened with `(`) and a space is an item of a lettered or roman
//! list, exactly like `1)` (indented four spaces or more only inside a list, else it
//! is code). Before parsing, each such marker is rewritten as a
//! CommonMark marker of the same length (`a)` as `1)`, `(iv)` as `001)`), so every
//! byte offset, and so every error's line and column, stays as written; the pattern
//! and the real start are remembered by the marker's offset. A single `i`, `v` or `x`
//! (or capital) is roman, unless it follows the letter before it (`h)` then `i)`).

use std::collections::BTreeMap;

/// How an ordered list counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ListStyle {
    kind: Counting,
    upper: bool,
    /// `(a)` rather than `a)`.
    parenthesised: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Counting {
    Letter,
    Roman,
}

impl ListStyle {
    /// The typst numbering pattern, e.g. `"a)"`, `"(i)"`, `"A)"`.
    fn pattern(self) -> String {
        let symbol = match (self.kind, self.upper) {
            (Counting::Letter, false) => "a",
            (Counting::Letter, true) => "A",
            (Counting::Roman, false) => "i",
            (Counting::Roman, true) => "I",
        };
        let open = if self.parenthesised { "(" } else { "" };
        format!("{open}{symbol})")
    }
}

/// A lettered or roman item's marker: its style and value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Marker {
    style: ListStyle,
    value: u64,
}

/// Markdown text with its lettered and roman markers rewritten, and what they were.
pub(super) struct Prepared {
    /// The text for the Markdown parser.
    pub text: String,
    /// The markers rewritten, by byte offset.
    markers: BTreeMap<usize, Marker>,
}

impl Prepared {
    /// Rewrites the lettered and roman list markers of `text` (outside fenced code).
    pub fn new(text: &str) -> Self {
        let mut out = String::with_capacity(text.len());
        let mut markers = BTreeMap::new();
        // The last item seen at each indentation, to tell a roman `i)` from a letter,
        // and the delimiter it was rewritten with: a list of another style right
        // after it gets the other delimiter, which CommonMark takes as a new list.
        let mut last: BTreeMap<usize, (Marker, char)> = BTreeMap::new();
        let mut fence: Option<&str> = None;
        // Whether the lines are inside a list of any kind (where deeper indentation
        // nests rather than starts code).
        let mut in_list = false;
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let indent = line.len() - line.trim_start_matches(' ').len();
            let body = &line[indent..];
            if let Some(open) = fence {
                if indent < 4 && body.starts_with(open) {
                    fence = None;
                }
            } else if indent < 4 && (body.starts_with("```") || body.starts_with("~~~")) {
                fence = Some(&body[..3]);
            } else if let Some((written, marker)) = (indent < 4 || in_list)
                .then(|| read_marker(body, last.get(&indent).map(|(m, _)| m)))
                .flatten()
            {
                let delimiter = match last.get(&indent) {
                    Some((previous, ')')) if previous.style != marker.style => '.',
                    Some((previous, '.')) if previous.style == marker.style => '.',
                    _ => ')',
                };
                last.retain(|&at, _| at < indent);
                last.insert(indent, (marker, delimiter));
                markers.insert(offset + indent, marker);
                in_list = true;
                out.push_str(&line[..indent]);
                out.push_str(&"0".repeat(written - 2));
                out.push('1');
                out.push(delimiter);
                out.push_str(&body[written..]);
                offset += line.len();
                continue;
            } else if starts_list_item(body) {
                in_list = true;
            } else if !body.trim().is_empty() && indent == 0 {
                last.clear();
                in_list = false;
            }
            out.push_str(line);
            offset += line.len();
        }
        Self { text: out, markers }
    }

    /// The numbering of the ordered list starting at byte `offset` (its first item's
    /// marker, possibly after indentation): `None` for a plain `1.`/`1)` list, else
    /// the typst pattern and the first number.
    pub fn list_at(&self, offset: usize, source: &str) -> Option<(String, u64)> {
        let (&at, marker) = self.markers.range(offset..).next()?;
        let between = source.get(offset..at)?;
        between
            .chars()
            .all(|c| c == ' ')
            .then(|| (marker.style.pattern(), marker.value))
    }
}

/// `text` as the converter gives it to the Markdown parser: lettered and roman list
/// markers rewritten as numbered ones of the same length.
pub fn as_commonmark(text: &str) -> String {
    Prepared::new(text).text
}

/// Whether `body` starts with a bullet (`-`, `*`, `+`) or numbered (`1.`, `1)`) list
/// marker and a space.
fn starts_list_item(body: &str) -> bool {
    let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &body[digits..];
    let marker = if digits == 0 {
        rest.strip_prefix(['-', '*', '+'])
    } else {
        rest.strip_prefix(['.', ')'])
    };
    marker.is_some_and(|after| after.starts_with(' '))
}

/// Reads a lettered or roman marker at the start of `body`: how many bytes it takes
/// (without the space after it) and what it is. `previous` is the last item at the
/// same indentation.
fn read_marker(body: &str, previous: Option<&Marker>) -> Option<(usize, Marker)> {
    let parenthesised = body.starts_with('(');
    let start = usize::from(parenthesised);
    let close = body[start..].find(')')? + start;
    let token = &body[start..close];
    if token.is_empty() || token.len() > 6 || !body[close + 1..].starts_with(' ') {
        return None;
    }
    let upper = token.chars().all(|c| c.is_ascii_uppercase());
    let lower = token.chars().all(|c| c.is_ascii_lowercase());
    if !upper && !lower {
        return None;
    }
    let roman = roman_value(token);
    let letter =
        (token.len() == 1).then(|| u64::from(token.to_ascii_lowercase().as_bytes()[0] - b'a' + 1));
    let follows = |kind: Counting, value: u64| {
        previous.is_some_and(|p| p.style.kind == kind && p.value + 1 == value)
    };
    let kind_value = match (roman, letter) {
        // `i`, `v` or `x` alone: a letter only right after the letter before it.
        (Some(r), Some(l)) if !follows(Counting::Letter, l) => (Counting::Roman, r),
        (_, Some(l)) => (Counting::Letter, l),
        (Some(r), None) => (Counting::Roman, r),
        (None, None) => return None,
    };
    // A list marker is at most nine digits in CommonMark.
    let written = close + 1;
    if written > 10 {
        return None;
    }
    Some((
        written,
        Marker {
            style: ListStyle {
                kind: kind_value.0,
                upper,
                parenthesised,
            },
            value: kind_value.1,
        },
    ))
}

/// The value of a roman numeral from 1 to 39 written the usual way (`iv`, `xii`).
fn roman_value(token: &str) -> Option<u64> {
    const NUMERALS: [&str; 39] = [
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
        "xv", "xvi", "xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv", "xxv", "xxvi",
        "xxvii", "xxviii", "xxix", "xxx", "xxxi", "xxxii", "xxxiii", "xxxiv", "xxxv", "xxxvi",
        "xxxvii", "xxxviii", "xxxix",
    ];
    let lower = token.to_ascii_lowercase();
    NUMERALS
        .iter()
        .position(|&n| n == lower)
        .map(|p| p as u64 + 1)
}

/// An ordered or bullet list in typst markup: `items` already converted, `start` the
/// first number of an ordered list, `pattern` its numbering when not the default.
pub(super) fn list_markup(start: Option<u64>, pattern: Option<&str>, items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|item| format!("[{item}]")).collect();
    match (start, pattern) {
        (Some(start), Some(pattern)) => format!(
            "#enum(start: {start}, numbering: \"{pattern}\", {})",
            items.join(", ")
        ),
        (Some(start), None) => format!("#enum(start: {start}, {})", items.join(", ")),
        (None, _) => format!("#list({})", items.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styles(text: &str) -> Vec<(String, u64)> {
        let prepared = Prepared::new(text);
        assert_eq!(prepared.text.len(), text.len(), "offsets are kept");
        prepared
            .markers
            .values()
            .map(|m| (m.style.pattern(), m.value))
            .collect()
    }

    #[test]
    fn letters_and_roman_numerals_are_told_apart() {
        assert_eq!(
            styles("a) one\nb) two\n"),
            [("a)".to_string(), 1), ("a)".to_string(), 2)]
        );
        assert_eq!(
            styles("(i) one\n(ii) two\n(iii) three\n"),
            [("(i)".into(), 1), ("(i)".into(), 2), ("(i)".into(), 3)]
        );
        let letters: String = ('a'..='j').map(|c| format!("{c}) x\n")).collect();
        let found = styles(&letters);
        assert!(found.iter().all(|(p, _)| p == "a)"), "{found:?}");
        assert_eq!(found[8].1, 9, "i) after h) is the ninth letter");
        assert_eq!(styles("v) five\n"), [("i)".to_string(), 5)]);
        assert_eq!(styles("c) third\n"), [("a)".to_string(), 3)]);
        assert_eq!(styles("A) one\n"), [("A)".to_string(), 1)]);
    }

    #[test]
    fn markers_are_rewritten_in_place_and_code_is_left_alone() {
        let prepared = Prepared::new("a) one\n  (iv) four\n```\nb) code\n```\nab) no\n");
        assert_eq!(
            prepared.text,
            "1) one\n  001) four\n```\nb) code\n```\nab) no\n"
        );
        assert_eq!(prepared.list_at(0, "a) one"), Some(("a)".to_string(), 1)));
        assert_eq!(
            prepared.list_at(7, "a) one\n  (iv) four"),
            Some(("(i)".to_string(), 4))
        );
        assert_eq!(Prepared::new("(a)b) x\n").markers.len(), 0);
        // Indented code (four spaces, outside a list) is left alone.
        assert_eq!(Prepared::new("Text\n\n    a) code\n").markers.len(), 0);
        assert_eq!(Prepared::new("a) x\n    i) nested\n").markers.len(), 2);
        assert_eq!(Prepared::new("10. x\n    a) nested\n").markers.len(), 1);
        // A roman list right after a lettered one is a list of its own.
        assert_eq!(
            Prepared::new("a) x\nb) y\n(i) z\n(ii) w\nc) v\n").text,
            "1) x\n1) y\n01. z\n001. w\n1) v\n"
        );
        assert_eq!(
            list_markup(Some(2), Some("a)"), &["x".into()]),
            "#enum(start: 2, numbering: \"a)\", [x])"
        );
    }
}
