//! A bounded, iterative scan of a supplied PDF's nesting of arrays and dictionaries,
//! run before any parser sees the file, so deep nesting is refused with a message
//! rather than reaching a parser that recurses on it.

/// The byte offset where an object's arrays and dictionaries first nest deeper than
/// `limit`, if they do anywhere in `bytes`.
///
/// Strings, comments and stream data are skipped (a stream runs to the next
/// `endstream`); the depth restarts at each `obj` and `endobj`, so a damaged object
/// cannot add its unclosed brackets to the next one's. One pass, constant memory.
pub(super) fn too_deep(bytes: &[u8], limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let next = bytes.get(at + 1).copied();
        match byte {
            b'[' | b'<' if byte == b'[' || next == Some(b'<') => {
                depth += 1;
                if depth > limit {
                    return Some(at);
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
                at = bytes[at..]
                    .iter()
                    .position(|&b| b == b'\n' || b == b'\r')
                    .map_or(bytes.len(), |end| at + end)
            }
            // A name: its letters are not a keyword.
            b'/' => at = word_end(bytes, at + 1),
            _ if is_regular(byte) => {
                let end = word_end(bytes, at);
                match &bytes[at..end] {
                    b"stream" => {
                        at = find(bytes, end, b"endstream").map_or(bytes.len(), |e| e + 9);
                        continue;
                    }
                    b"obj" | b"endobj" => depth = 0,
                    _ => {}
                }
                at = end;
            }
            _ => at += 1,
        }
    }
    None
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

/// The offset of the first `needle` at or after `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i)
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
    use super::too_deep;

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
        let pdf = b"1 0 obj << /Length 9 >> stream\n[[[[[[[[[\nendstream endobj\n\
            2 0 obj [ ([[[[[\\)[[[) <5b5b> /stream%[[[[[[\n ] endobj";
        assert_eq!(too_deep(pdf, 1), None);
    }

    #[test]
    fn the_depth_restarts_at_each_object() {
        let pdf = b"1 0 obj [[[ endobj 2 0 obj [[[ endobj 3 0 obj [[[ endobj";
        assert_eq!(too_deep(pdf, 3), None);
    }
}
