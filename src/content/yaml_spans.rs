//! One pass over YAML text with a span-aware event parser, before serde_yaml reads it:
//! where each key and value is written, by path (`items[3].exempt_paragraph`), and the
//! refusals serde_yaml makes too late or not at all: a key given twice, a second
//! document, aliases that expand past a limit, collections nested past a limit.

use std::collections::HashMap;
use std::path::Path;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, ScanError};

use crate::error::{ContentError, Location};
use crate::typeset::Unprintable;

/// How many values aliases (`*name`) may add to one file, every expansion counted:
/// a hand-written file repeats a few at most; 200,000 aliases of aliases once took 5 GB.
pub const ALIAS_EXPANSION_LIMIT: usize = 10_000;

/// How deeply collections may nest: content files nest five levels at most.
pub const NESTING_LIMIT: usize = 32;

/// Where each key and value of a YAML text is written.
#[derive(Debug, Clone)]
pub struct Spans {
    /// The place of each value, by path.
    values: HashMap<String, Location>,
    /// The place of each map entry's key, by the path of its value.
    keys: HashMap<String, Location>,
    /// The text's first line, for what has no place of its own.
    start: Location,
}

impl Spans {
    /// Where the value at `path` is written; for a value that is not written (a missing
    /// key, a value inside an alias), where the nearest value holding it is.
    pub fn value(&self, path: &str) -> Location {
        let mut path = path;
        loop {
            if let Some(at) = self.values.get(path).or_else(|| self.keys.get(path)) {
                return at.clone();
            }
            match parent(path) {
                Some(up) => path = up,
                None => return self.start.clone(),
            }
        }
    }

    /// Where the key of the map entry at `path` is written, else as [`Self::value`].
    pub fn key(&self, path: &str) -> Location {
        match self.keys.get(path) {
            Some(at) => at.clone(),
            None => self.value(path),
        }
    }
}

/// The path of the collection holding `path`, if any.
fn parent(path: &str) -> Option<&str> {
    (!path.is_empty()).then(|| &path[..path.rfind(['.', '[']).unwrap_or(0)])
}

/// The path of the `index`-th element of the sequence at `path`.
pub fn element(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

/// The path of the entry `key` of the map at `path`.
pub fn entry(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// A collection open during the pass.
struct Frame {
    path: String,
    /// Where it opens, for an unclosed `[` or `{`.
    opened: Marker,
    kind: FrameKind,
    /// For an anchored collection: its anchor, and the node count when it opened.
    anchor: Option<(usize, usize)>,
}

enum FrameKind {
    /// A map: the key whose value comes next (none when a key comes next), and the
    /// keys read so far with their lines.
    Map {
        key: Option<String>,
        seen: HashMap<String, usize>,
    },
    /// A sequence: the index of the next element.
    Seq { next: usize },
}

/// The pass over `text`, which starts at line `first_line` of `file`.
struct Pass<'a> {
    file: &'a Path,
    text: &'a str,
    first_line: usize,
    spans: Spans,
    stack: Vec<Frame>,
    /// The number of values each anchor stands for.
    anchor_sizes: HashMap<usize, usize>,
    /// Values read, aliases expanded.
    nodes: usize,
    /// Values added by aliases.
    expanded: usize,
    documents: usize,
    /// Mistakes that leave the text readable (a key given twice, a character the
    /// fonts lack): the pass goes on to find the next.
    errors: Vec<ContentError>,
}

/// Reads where each value of `text` (which starts at line `first_line` of `file`) is
/// written, refusing what serde_yaml should never be given: every key given twice
/// and every character the fonts cannot print, each at its place, and the error that
/// stops the parser (a syntax error, a second document, nesting or aliases past the
/// limits) after those before it.
pub fn read(file: &Path, text: &str, first_line: usize) -> Result<Spans, Vec<ContentError>> {
    let mut pass = Pass {
        file,
        text,
        first_line,
        spans: Spans {
            values: HashMap::new(),
            keys: HashMap::new(),
            start: Location::new(file, first_line, 1),
        },
        stack: Vec::new(),
        anchor_sizes: HashMap::new(),
        nodes: 0,
        expanded: 0,
        documents: 0,
        errors: Vec::new(),
    };
    let mut parser = Parser::new_from_str(text);
    loop {
        let stop = match parser.next_token() {
            Err(err) => pass.syntax_error(text, &err),
            Ok((Event::StreamEnd, _)) if pass.errors.is_empty() => return Ok(pass.spans),
            Ok((Event::StreamEnd, _)) => return Err(pass.errors),
            Ok((event, mark)) => match pass.event(event, mark) {
                Ok(()) => continue,
                Err(stop) => stop,
            },
        };
        pass.errors.push(stop);
        return Err(pass.errors);
    }
}

impl Pass<'_> {
    /// The place of a parser's mark in the file.
    fn at(&self, mark: &Marker) -> Location {
        Location::new(
            self.file,
            self.first_line + mark.line().saturating_sub(1),
            mark.col() + 1,
        )
    }

    fn event(&mut self, event: Event, mark: Marker) -> Result<(), ContentError> {
        match event {
            Event::DocumentStart => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(ContentError::new(
                        self.at(&mark),
                        "a second YAML document starts here; the file may hold only one",
                    )
                    .with_hint(
                        "remove this `---` line, and anything after it that belongs elsewhere",
                    ));
                }
            }
            Event::Scalar(ref text, _, anchor, _) => {
                let path = self.node(Some(text), &mark, false)?;
                self.printable(text, &path, &mark);
                if anchor > 0 {
                    self.anchor_sizes.insert(anchor, 1);
                }
            }
            Event::Alias(id) => {
                self.node(None, &mark, false)?;
                let size = self.anchor_sizes.get(&id).copied().unwrap_or(1);
                self.expanded = self.expanded.saturating_add(size);
                self.nodes = self.nodes.saturating_add(size);
                if self.expanded > ALIAS_EXPANSION_LIMIT {
                    return Err(ContentError::new(
                        self.at(&mark),
                        format!("the aliases (`*name`) expand to more than {ALIAS_EXPANSION_LIMIT} values"),
                    )
                    .with_hint("write the values out rather than repeating anchors (`&name`) through aliases"));
                }
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                let is_map = matches!(event, Event::MappingStart(..));
                // A block map's start mark is not where it is written: its first key is.
                let path = self.node(None, &mark, is_map)?;
                let kind = if is_map {
                    FrameKind::Map {
                        key: None,
                        seen: HashMap::new(),
                    }
                } else {
                    FrameKind::Seq { next: 0 }
                };
                self.stack.push(Frame {
                    path,
                    opened: mark,
                    kind,
                    anchor: (anchor > 0).then_some((anchor, self.nodes)),
                });
                if self.stack.len() > NESTING_LIMIT {
                    return Err(ContentError::new(
                        self.at(&mark),
                        format!("the YAML nests more than {NESTING_LIMIT} levels deep"),
                    )
                    .with_hint("flatten it: content files nest a few levels at most"));
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(Frame {
                    anchor: Some((anchor, start)),
                    ..
                }) = self.stack.pop()
                {
                    self.anchor_sizes.insert(anchor, self.nodes - start + 1);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Places a node (a value, or a map's key) in its collection and returns its path.
    /// `scalar` is a scalar's text; `unplaced` is for a node whose mark is not where it
    /// is written.
    fn node(
        &mut self,
        scalar: Option<&String>,
        mark: &Marker,
        unplaced: bool,
    ) -> Result<String, ContentError> {
        self.nodes += 1;
        let here = self.at(mark);
        let Some(frame) = self.stack.last_mut() else {
            return Ok(String::new());
        };
        let path = match &mut frame.kind {
            FrameKind::Seq { next } => {
                *next += 1;
                element(&frame.path, *next - 1)
            }
            FrameKind::Map { key, seen } => match key.take() {
                Some(key) => entry(&frame.path, &key),
                None => {
                    // A key: complex keys (maps, aliases) are allowed but not indexed.
                    let name = scalar.cloned().unwrap_or_else(|| "?".into());
                    if scalar.is_some() {
                        // The first stays where the key is written; the pass goes on.
                        if let Some(&first) = seen.get(&name) {
                            self.errors.push(ContentError::new(
                                here,
                                format!("the key `{name}` is given twice in this map (first on line {first})"),
                            )
                            .with_hint("give each key once: remove one, or merge their values"));
                            *key = Some(name.clone());
                            return Ok(entry(&frame.path, &format!("{name}?")));
                        }
                        seen.insert(name.clone(), here.line);
                        let path = entry(&frame.path, &name);
                        if seen.len() == 1 {
                            // The map is written where its first key is.
                            self.spans
                                .values
                                .entry(frame.path.clone())
                                .or_insert(here.clone());
                        }
                        self.spans.keys.insert(path, here);
                    }
                    *key = Some(name.clone());
                    return Ok(entry(&frame.path, &format!("{name}?")));
                }
            },
        };
        if !unplaced {
            self.spans.values.entry(path.clone()).or_insert(here);
        }
        Ok(path)
    }

    /// Refuses a value holding characters the bundled fonts cannot print, at the first
    /// of them where it is written (else at the value). Keys and alternative text,
    /// which are never drawn, may hold any character.
    fn printable(&mut self, value: &str, path: &str, mark: &Marker) {
        if path.ends_with('?') || path.ends_with(".alt") {
            return;
        }
        let Some(problem) = Unprintable::find(value) else {
            return;
        };
        let start = self
            .text
            .char_indices()
            .nth(mark.index())
            .map_or(self.text.len(), |(offset, _)| offset);
        let at = match self.text[start..].find(problem.0[0]) {
            Some(offset) => {
                Location::of_offset(self.file, self.text, start + offset, self.first_line)
            }
            None => self.at(mark),
        };
        self.errors
            .push(ContentError::new(at, problem.to_string()).with_hint(problem.hint()));
    }

    /// A syntax error at the parser's place; one inside a `[` or `{` opened on an
    /// earlier line is put at that bracket, which is almost always left unclosed.
    fn syntax_error(&self, text: &str, err: &ScanError) -> ContentError {
        let stopped = self.at(err.marker());
        if let Some(line) = self.tab_indented_line(text, stopped.line) {
            return ContentError::new(stopped, err.info()).with_hint(format!(
                "YAML indents with spaces, not tabs: replace the tab at line {line} with spaces"
            ));
        }
        if err.info().contains("unknown escape character") {
            return ContentError::new(stopped, err.info()).with_hint(
                "in double quotes `\\` starts an escape (`\\n` is a new line): write file names with `/`, or put the text in single quotes",
            );
        }
        let unclosed = self.stack.iter().rev().find_map(|frame| {
            let bracket = text.chars().nth(frame.opened.index())?;
            let opened = self.at(&frame.opened);
            (matches!(bracket, '[' | '{') && opened.line < stopped.line)
                .then_some((bracket, opened))
        });
        match unclosed {
            Some((bracket, opened)) => {
                let close = if bracket == '[' { ']' } else { '}' };
                ContentError::new(opened, format!("this `{bracket}` is never closed"))
                    .with_hint(format!(
                        "close it with `{close}` before line {}, or put the value in quotes if the `{bracket}` is text",
                        stopped.line
                    ))
            }
            None => ContentError::new(stopped, err.info())
                .with_hint("check the indentation (keys of one map line up) and the quotes on this line and the one above"),
        }
    }

    /// The file line `stopped`, or else the one above it, when it is indented with a
    /// tab (which YAML does not allow, and editors show as spaces).
    fn tab_indented_line(&self, text: &str, stopped: usize) -> Option<usize> {
        let index = stopped.checked_sub(self.first_line)?;
        text.lines()
            .enumerate()
            .skip(index.saturating_sub(1))
            .take(index.min(1) + 1)
            .filter(|(_, line)| {
                line.chars()
                    .take_while(|c| c.is_whitespace())
                    .any(|c| c == '\t')
            })
            .last()
            .map(|(index, _)| self.first_line + index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Spans {
        read(Path::new("m.yaml"), text, 1).unwrap()
    }

    fn error(text: &str) -> ContentError {
        read(Path::new("note.md"), text, 2).unwrap_err().remove(0)
    }

    #[test]
    fn values_are_found_by_path_even_when_their_text_repeats() {
        let s = spans(
            "items:\n  - title: A\n    exempt_paragraph: 3\n  - title: B\n    exempt_paragraph: 9\n    documents: [data.md, a.md]\n",
        );
        assert_eq!(
            s.value("items[1].exempt_paragraph"),
            Location::new("m.yaml", 5, 23)
        );
        assert_eq!(
            s.key("items[1].exempt_paragraph"),
            Location::new("m.yaml", 5, 5)
        );
        assert_eq!(
            s.value("items[1].documents[1]"),
            Location::new("m.yaml", 6, 26)
        );
        assert_eq!(s.value("items[1]"), Location::new("m.yaml", 4, 5));
        // Not written: the nearest value holding it.
        assert_eq!(s.value("items[0].documents"), Location::new("m.yaml", 2, 5));
        assert_eq!(s.value("nothing.here"), Location::new("m.yaml", 1, 1));
    }

    #[test]
    fn a_value_the_fonts_cannot_print_is_refused_at_its_character_by_position() {
        // The same character in a key, in alt text and in a second value: the error
        // is at the value's own character, not the first occurrence in the text.
        let err = error("\u{2603}: x\nlogo:\n  alt: A \u{2603}\nplace: Room \u{2603}\n");
        assert_eq!(err.location, Location::new("note.md", 5, 13));
        assert!(err.message.starts_with("U+2603"), "{}", err.message);
        assert!(err.hint.is_some());
    }

    #[test]
    fn a_duplicate_key_is_refused_at_its_second_line() {
        let err = error("a: 1\nb:\n  c: 1\n  c: 2\n");
        assert_eq!(err.location, Location::new("note.md", 5, 3));
        assert!(err.message.contains("first on line 4"), "{}", err.message);
    }

    #[test]
    fn every_duplicate_key_is_reported_and_a_syntax_error_stops_the_pass() {
        let errors = read(
            Path::new("m.yaml"),
            "a: 1\na: 2\nb:\n  c: 1\n  c: 2\nd: [1\n",
            1,
        )
        .unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.location.line).collect();
        assert_eq!(lines[..2], [2, 5], "{errors:#?}");
        assert_eq!(errors.len(), 3, "then the syntax error: {errors:#?}");
        assert!(errors[2].message.contains("never closed"), "{errors:#?}");
    }

    #[test]
    fn a_second_document_is_refused_at_its_marker() {
        let err = error("a: 1\n---\nb: 2\n");
        assert_eq!(err.location.line, 3);
        assert!(
            err.message.contains("second YAML document"),
            "{}",
            err.message
        );
    }

    #[test]
    fn an_unclosed_bracket_is_pointed_at_with_file_lines_only() {
        let err = error("kind: briefing-note\nsubject: x\nauthors: [Ann, Bob\ndate: 2026-07-16\n");
        assert_eq!(err.location, Location::new("note.md", 4, 10));
        assert!(err.message.contains("never closed"), "{}", err.message);
        assert!(err.hint.unwrap().contains("line 5"));
    }

    #[test]
    fn a_tab_in_the_indentation_gets_a_hint_naming_its_line() {
        let err = error("a: 1\nmembership:\n\tchair: K\n");
        assert_eq!(err.location.line, 4);
        assert_eq!(
            err.hint.as_deref(),
            Some("YAML indents with spaces, not tabs: replace the tab at line 4 with spaces")
        );
        // A Windows name in double quotes is an escape.
        let err = error("documents:\n  - \"sub\\chart.md\"\n");
        assert_eq!(err.location, Location::new("note.md", 3, 5));
        assert!(err.hint.unwrap().contains("single quotes"));
        // Other syntax errors keep their own hint.
        let err = error("a: 1\nb: \"x\n");
        assert!(!err.hint.unwrap().contains("tab"));
    }

    #[test]
    fn aliases_are_counted_as_they_expand() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..6 {
            let prev = level - 1;
            let name = |n: usize| format!("a{n}");
            let _ = name;
            text.push_str(&format!(
                "b{level}: &b{level} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n",
                p = if prev == 0 { "a".to_string() } else { format!("b{prev}") }
            ));
        }
        let err = error(&text);
        assert!(err.message.contains("aliases"), "{}", err.message);
        // A few aliases are fine.
        spans("a: &a {x: 1}\nb: *a\nc: *a\n");
    }

    #[test]
    fn nesting_is_limited() {
        let err = error(&format!("a: {}{}\n", "[".repeat(40), "]".repeat(40)));
        assert!(err.message.contains("nests"), "{}", err.message);
    }
}
