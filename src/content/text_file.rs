//! Reading an author's text file (YAML or Markdown) within a size limit, as UTF-8
//! without NUL bytes, with a located error for each of those.

use std::io::Read;
use std::path::Path;

use crate::error::{ContentError, Error, Location, Result};

/// The largest YAML file (`meeting.yaml`, a work programme, `style.yaml`) read, and the
/// largest front matter: a year's work programme is some 20 KiB, and 256 KiB of notes
/// on a front sheet takes some 11 s to lay out (1 MiB took minutes).
pub const YAML_LIMIT: Limit = Limit {
    bytes: 256 * 1024,
    what: "YAML file",
};

/// The largest Markdown document read, front matter included: a long report is some
/// 200 KiB of text; 2 MiB lays out as some 540 pages in about 10 s.
pub const MARKDOWN_LIMIT: Limit = Limit {
    bytes: 2 * 1024 * 1024,
    what: "Markdown document",
};

/// A size limit on one kind of file.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    /// The largest size allowed, in bytes.
    pub bytes: u64,
    /// What kind of file it limits, for messages.
    pub what: &'static str,
}

impl Limit {
    /// The error for text past the limit: `size` is how big it is (at least).
    pub fn exceeded(&self, file: &Path, size: u64) -> ContentError {
        ContentError::in_file(
            file,
            format!(
                "the {} is larger than {} (the limit is {})",
                self.what,
                size_text(size),
                size_text(self.bytes),
            ),
        )
        .with_hint(format!(
            "a {} this large is a mistake (a pasted file, a generated list): split it, or move the bulk into a supplied PDF",
            self.what
        ))
    }
}

/// `256 KiB`, `1.5 MiB`.
fn size_text(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KiB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// Reads `path` as text of at most `limit` bytes; the file is read no further than that.
pub fn read(path: &Path, limit: Limit) -> Result<String> {
    let file = std::fs::File::open(path).map_err(|err| Error::io(path, err))?;
    let mut bytes = Vec::new();
    file.take(limit.bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| Error::io(path, err))?;
    if bytes.len() as u64 > limit.bytes {
        return Err(limit.exceeded(path, bytes.len() as u64).into());
    }
    Ok(decode(path, bytes)?)
}

/// The text of `bytes` as an editor on any system saves it: a UTF-8 byte-order mark is
/// dropped and CRLF line ends read as LF, so a file saved on Windows gives the same
/// text (and the same line and column in messages) as on Linux. Refused, with a
/// place: UTF-16 (Notepad's "Unicode"), a byte that is not UTF-8, a NUL (which YAML
/// parsers take for the end of the text).
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, ContentError> {
    if let Some(encoding) = utf16(&bytes) {
        return Err(ContentError::new(
            Location::new(path, 1, 1),
            format!("the file is saved as {encoding} (\"Unicode\"), not UTF-8"),
        )
        .with_hint("save it as UTF-8: in Notepad, File > Save As, then Encoding: UTF-8; in other editors, \"Save with encoding\" UTF-8"));
    }
    let mut bytes = bytes;
    if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
    }
    let text = String::from_utf8(bytes).map_err(|err| {
        let offset = err.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&err.as_bytes()[..offset]);
        ContentError::new(
            Location::of_offset(path, &text, offset, 1),
            "the file is not UTF-8 text: this byte is not a character",
        )
        .with_hint("save the file as UTF-8 (most editors offer it under \"Save with encoding\")")
    })?;
    if let Some(offset) = text.find('\0') {
        return Err(ContentError::new(
            Location::of_offset(path, &text, offset, 1),
            "the file contains a NUL character",
        )
        .with_hint(
            "delete the invisible NUL character here (it often comes from pasting binary data)",
        ));
    }
    Ok(with_lf(text))
}

/// `text` with CRLF line ends read as LF, and without a leading byte-order mark: the
/// text the loader reads, so that a line and column found in it place the same
/// character in a quote of the file.
pub fn as_read(text: String) -> String {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    with_lf(text)
}

/// `text` with CRLF line ends read as LF.
fn with_lf(text: String) -> String {
    if text.contains("\r\n") {
        text.replace("\r\n", "\n")
    } else {
        text
    }
}

/// The byte-order mark some Windows editors put at the start of a UTF-8 file.
const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

/// How many bytes are looked at for UTF-16 without a byte-order mark.
const UTF16_SNIFF: usize = 64;

/// The UTF-16 `bytes` are saved in, if they are: by the byte-order mark, or, without
/// one, by a NUL byte beside every character of the first few (text in UTF-16 is
/// mostly ASCII, whose every other byte is zero; UTF-8 text has no NUL at all).
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xff, 0xfe, ..] => return Some("UTF-16 LE"),
        [0xfe, 0xff, ..] => return Some("UTF-16 BE"),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(UTF16_SNIFF) & !1];
    let pairs = || head.chunks_exact(2);
    if head.is_empty() {
        None
    } else if pairs().all(|p| p[0] != 0 && p[1] == 0) {
        Some("UTF-16 LE")
    } else if pairs().all(|p| p[0] == 0 && p[1] != 0) {
        Some("UTF-16 BE")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_bytes_and_nul_are_located_by_line_and_column() {
        let file = Path::new("m.yaml");
        let err = decode(file, b"a: 1\nb: x\xff\n".to_vec()).unwrap_err();
        assert_eq!(err.location, Location::new(file, 2, 5));
        let err = decode(file, b"a: 1\n\nc: \0\n".to_vec()).unwrap_err();
        assert_eq!(err.location, Location::new(file, 3, 4));
        assert!(decode(file, "a: é\n".into()).is_ok());
    }

    #[test]
    fn a_windows_file_reads_as_the_same_text_and_places() {
        let file = Path::new("m.md");
        let windows = decode(file, b"\xef\xbb\xbfa: 1\r\nb: 2\r\n".to_vec()).unwrap();
        assert_eq!(windows, "a: 1\nb: 2\n");
        let err = decode(file, b"\xef\xbb\xbfa\xff\r\n".to_vec()).unwrap_err();
        assert_eq!(err.location, Location::new(file, 1, 2));
        let err = decode(file, b"a: 1\r\nb: \0\r\n".to_vec()).unwrap_err();
        assert_eq!(err.location, Location::new(file, 2, 4));
    }

    #[test]
    fn utf16_is_refused_with_how_to_save_as_utf8() {
        let file = Path::new("meeting.yaml");
        let text = "council: Testford\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, encoding) in [
            ([&[0xff, 0xfe][..], &le].concat(), "UTF-16 LE"),
            ([&[0xfe, 0xff][..], &be].concat(), "UTF-16 BE"),
            (le, "UTF-16 LE"),
            (be, "UTF-16 BE"),
        ] {
            let err = decode(file, bytes).unwrap_err();
            assert_eq!(err.location, Location::new(file, 1, 1));
            assert!(err.message.contains(encoding), "{}", err.message);
            assert!(err.hint.unwrap().contains("UTF-8"));
        }
        // One NUL in UTF-8 text is not UTF-16.
        let err = decode(file, b"a: \0\n".to_vec()).unwrap_err();
        assert!(err.message.contains("NUL"), "{}", err.message);
    }

    #[test]
    fn a_file_past_the_limit_is_refused_without_reading_it_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.yaml");
        std::fs::write(&path, vec![b'a'; 2000]).unwrap();
        let small = Limit {
            bytes: 1000,
            what: "YAML file",
        };
        let err = read(&path, small).unwrap_err().to_string();
        assert!(err.contains("larger than"), "{err}");
        assert!(read(&path, YAML_LIMIT).is_ok());
    }
}
