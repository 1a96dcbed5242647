//! A bounded, iterative scan of a supplied PDF run before any parser sees it: how deep
//! its arrays and dictionaries nest, how many objects it holds outside object
//! streams, and whether it declares encryption. A file that would make a parser
//! recurse too deep, or hold too many objects, is refused before it is parsed. A
//! page's content, compressed in the file, is scanned for its nesting alike once it
//! is decompressed, before it is parsed.

/// What the scan found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Scan {
    /// The byte offset where an object's arrays and dictionaries first nest deeper
    /// than the limit, if they do.
    pub too_deep: Option<usize>,
    /// The objects outside object streams (`obj` keywords).
    pub objects: usize,
    /// Whether the name `/Encrypt` occurs outside strings and streams.
    pub encrypt: bool,
}

/// What the scanned bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    /// A whole file: objects, and streams whose data is skipped.
    File,
    /// A content stream: operands and operators, and inline images whose data is
    /// skipped (from `ID` to `EI`).
    Content,
}

/// Scans the file `bytes`, stopping at the first nesting deeper than `limit`.
///
/// Strings, comments and stream data are skipped (a stream runs to the next
/// `endstream`); the depth restarts at each `obj` and `endobj`, so a damaged object
/// cannot add its unclosed brackets to the next one's. One pass, constant memory.
pub(super) fn scan(bytes: &[u8], limit: usize) -> Scan {
    walk(bytes, limit, Syntax::File)
}

/// Where the content stream `bytes` first nests its operands' arrays and dictionaries
/// deeper than `limit`, if it does: the content's readers (lopdf's, and the lexer
/// that drops marked content) recurse once a level, and a viewer's may too. Strings,
/// comments and inline image data are skipped.
pub(super) fn content_too_deep(bytes: &[u8], limit: usize) -> Option<usize> {
    walk(bytes, limit, Syntax::Content).too_deep
}

/// The scan of `bytes` as `syntax`.
fn walk(bytes: &[u8], limit: usize, syntax: Syntax) -> Scan {
    let mut found = Scan::default();
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let next = bytes.get(at + 1).copied();
        match byte {
            b'[' | b'<' if byte == b'[' || next == Some(b'<') => {
                depth += 1;
                if depth > limit {
                    found.too_deep = Some(at);
                    return found;
                }
                // `[` or `<<`.
                at += if byte == b'[' { 1 } else { 2 };
            }
            b']' => {
                depth = depth.saturating_sub(1);
                at += 1;
            }
            b'>' if next == Some(b'>') => {
                depth = depth.saturating_sub(1);
                at += 2;
            }
            // A hexadecimal string.
            b'<' => at = find(bytes, at, b">").map_or(bytes.len(), |end| end + 1),
            b'(' => at = string_end(bytes, at),
            b'%' => {
                at = memchr::memchr2(b'\n', b'\r', &bytes[at..]).map_or(bytes.len(), |end| at + end)
            }
            // A name: its letters are not a keyword.
            b'/' => {
                let end = word_end(bytes, at + 1);
                found.encrypt |= &bytes[at + 1..end] == b"Encrypt";
                at = end;
            }
            _ if is_regular(byte) => {
                let end = word_end(bytes, at);
                match (syntax, &bytes[at..end]) {
                    (Syntax::File, b"stream") => {
                        at = find(bytes, end, b"endstream").map_or(bytes.len(), |e| e + 9);
                        continue;
                    }
                    (Syntax::File, b"obj") => {
                        depth = 0;
                        found.objects += 1;
                    }
                    (Syntax::File, b"endobj") => depth = 0,
                    (Syntax::Content, b"ID") => {
                        at = find(bytes, end, b"EI").map_or(bytes.len(), |e| e + 2);
                        continue;
                    }
                    _ => {}
                }
                at = end;
            }
            _ => at += 1,
        }
    }
    found
}

/// Whether `byte` is a regular character (neither white space nor a delimiter).
fn is_regular(byte: u8) -> bool {
    !matches!(
        byte,
        b'\0'
            | b'\t'
            | b'\n'
            | b'\x0c'
            | b'\r'
            | b' '
            | b'('
            | b')'
            | b'<'
            | b'>'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'/'
            | b'%'
    )
}

/// The end of the run of regular characters starting at `at`.
fn word_end(bytes: &[u8], at: usize) -> usize {
    bytes[at.min(bytes.len())..]
        .iter()
        .position(|&b| !is_regular(b))
        .map_or(bytes.len(), |end| at + end)
}

/// The offset of the first `needle` at or after `from`. memchr's search: a supplied
/// PDF is mostly stream data skipped this way, which a comparison at every byte read
/// at 0.9 GB/s (2 ms a 1.8 MB file, a tenth of lopdf's parse) and memchr at 9 GB/s.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|i| from + i)
}

/// The offset just after the literal string opening at `at`: balanced parentheses,
/// backslash escapes.
fn string_end(bytes: &[u8], at: usize) -> usize {
    let mut open = 0usize;
    let mut i = at;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'\\' => i += 1,
            b'(' => open += 1,
            b')' => {
                open -= 1;
                if open == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::scan;

    fn too_deep(bytes: &[u8], limit: usize) -> Option<usize> {
        scan(bytes, limit).too_deep
    }

    #[test]
    fn nesting_within_the_limit_passes() {
        let pdf = b"1 0 obj << /A [[1 2] << /B [3] >>] >> endobj";
        assert_eq!(too_deep(pdf, 4), None);
        assert_eq!(too_deep(pdf, 3), Some(27));
        assert_eq!(too_deep(pdf, 2), Some(15));
    }

    #[test]
    fn a_hundred_thousand_nested_arrays_are_found_without_recursion() {
        let mut pdf = b"1 0 obj\n".to_vec();
        pdf.extend(std::iter::repeat_n(b'[', 100_000));
        pdf.extend(std::iter::repeat_n(b']', 100_000));
        assert_eq!(too_deep(&pdf, 100), Some(8 + 100));
    }

    #[test]
    fn brackets_in_strings_comments_names_and_streams_do_not_count() {
        let pdf = b"1 0 obj << /Length 9 >> stream\n[[[[[[[[[ 7 0 obj /Encrypt\nendstream endobj\n\
            2 0 obj [ ([[[[[\\)[[[ /Encrypt) <5b5b> /stream%[[[[[[ /Encrypt\n ] endobj";
        assert_eq!(
            scan(pdf, 1),
            super::Scan {
                too_deep: None,
                objects: 2,
                encrypt: false
            }
        );
    }

    #[test]
    fn the_depth_restarts_at_each_object() {
        let pdf = b"1 0 obj [[[ endobj 2 0 obj [[[ endobj 3 0 obj [[[ endobj";
        assert_eq!(too_deep(pdf, 3), None);
        assert_eq!(scan(pdf, 3).objects, 3);
    }

    #[test]
    fn a_comment_ends_at_a_carriage_return_and_an_unended_stream_at_the_end() {
        let pdf = b"1 0 obj [ %[[[[\r[ ] endobj 2 0 obj << >> stream\n[[[[ 3 0 obj";
        assert_eq!(
            scan(pdf, 2),
            super::Scan {
                too_deep: None,
                objects: 2,
                encrypt: false
            }
        );
        assert_eq!(too_deep(pdf, 1), Some(16));
    }

    #[test]
    fn content_nesting_is_found_past_file_keywords_and_not_in_inline_images() {
        use super::content_too_deep;
        let deep = b"q [[[ 1 ]]] TJ stream [[[[ obj [[ Q";
        assert_eq!(content_too_deep(deep, 5), Some(32));
        assert_eq!(content_too_deep(deep, 6), None);
        let image = b"BI /W 4 /H 1 /BPC 8 /CS /G ID [[[[[[[[ EI [ 0 ] 0 d";
        assert_eq!(content_too_deep(image, 1), None);
        assert_eq!(content_too_deep(b"(((( [[[[ )))) [ <5b5b> % [[[[", 1), None);
    }

    #[test]
    fn an_encryption_dictionary_is_seen() {
        assert!(scan(b"trailer << /Root 1 0 R /Encrypt 5 0 R >>", 10).encrypt);
    }
}
