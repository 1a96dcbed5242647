//! Reading a supplied PDF as untrusted input: its size, nesting, streams, objects and
//! pages are bounded before or while lopdf parses it, and an encrypted file is
//! refused, each with an error naming the file and saying what to do.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use lopdf::{DecompressError, Document, FilterFunc, LoadOptions, Object, ObjectId, Stream};

use super::prescan;
use crate::error::{ContentError, Error, Result};

/// The largest supplied PDF read, in bytes.
pub const MAX_FILE_BYTES: u64 = 256 << 20;
/// The deepest nesting of arrays and dictionaries in one object (lopdf's parser
/// stops at 100 too; real PDFs nest a few levels).
pub const MAX_NESTING: usize = 100;
/// The most one stream may decompress to: an object stream when the file is read,
/// or a page's content when it is copied (parsing it takes many times its size).
pub const MAX_STREAM_BYTES: usize = 16 << 20;
/// The most objects in a supplied PDF, counted before they are parsed (those in
/// object streams from each stream's index).
pub const MAX_OBJECTS: usize = 500_000;
/// The most pages in a supplied PDF.
pub const MAX_PAGES: usize = 2_000;
/// The most page content parsed, in total, while copying one supplied PDF's pages
/// (pages that share their content and resources are parsed once).
pub const MAX_CONTENT_WORK_BYTES: usize = 128 << 20;
/// The most objects visited, in total, while copying one supplied PDF's pages'
/// resources (each object is copied once however many pages use it).
pub const MAX_COPY_WORK: usize = 1_000_000;

/// Why a supplied PDF is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The file is larger than [`MAX_FILE_BYTES`].
    TooLarge(u64),
    /// Arrays and dictionaries nest deeper than [`MAX_NESTING`] at this byte offset.
    TooDeep(usize),
    /// A stream decompresses to more than [`MAX_STREAM_BYTES`]: the content of this
    /// page, or (without a page) one that holds objects.
    StreamTooLarge(Option<usize>),
    /// The file is encrypted, even if it opens without a password.
    Encrypted,
    /// lopdf cannot read it.
    Unreadable,
    /// It has more than [`MAX_OBJECTS`] objects: this many counted when reading stopped.
    TooManyObjects(usize),
    /// It has this many pages, more than [`MAX_PAGES`].
    TooManyPages(usize),
    /// It has no pages.
    NoPages,
    /// The layout asked for this page, which the file does not have.
    NoSuchPage(usize),
    /// Copying up to this page parses more than [`MAX_CONTENT_WORK_BYTES`] of content.
    TooMuchContent(usize),
    /// This page's content, or a form, pattern or glyph it draws, nests arrays or
    /// dictionaries deeper than [`MAX_NESTING`].
    ContentTooDeep(usize),
    /// A form, pattern or glyph this page draws has content that cannot be decoded.
    ContentUnreadable(usize),
    /// Copying up to this page visits more than [`MAX_COPY_WORK`] objects, or
    /// resources nested too deep.
    TooMuchCopying(usize),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::TooLarge(bytes) => write!(
                f,
                "the PDF is {} MiB, more than the {} MiB a supplied PDF may be",
                bytes >> 20,
                MAX_FILE_BYTES >> 20
            ),
            Refusal::TooDeep(offset) => write!(
                f,
                "the PDF nests arrays or dictionaries more than {MAX_NESTING} deep (at byte {offset}), so it is not read"
            ),
            Refusal::StreamTooLarge(Some(page)) => write!(
                f,
                "page {page}: its content decompresses to more than {} MiB",
                MAX_STREAM_BYTES >> 20
            ),
            Refusal::StreamTooLarge(None) => write!(
                f,
                "a stream of the PDF decompresses to more than {} MiB",
                MAX_STREAM_BYTES >> 20
            ),
            Refusal::Encrypted => write!(
                f,
                "the PDF is encrypted (even if it opens without a password), so it cannot be placed in the pack"
            ),
            Refusal::Unreadable => {
                write!(f, "the file is not a readable PDF (damaged or not a PDF)")
            }
            Refusal::TooManyObjects(count) => write!(
                f,
                "the PDF has more than the {MAX_OBJECTS} objects a supplied PDF may have ({count} counted)"
            ),
            Refusal::TooManyPages(count) => write!(
                f,
                "the PDF has {count} pages, more than the {MAX_PAGES} a supplied PDF may have"
            ),
            Refusal::NoPages => write!(f, "the PDF has no pages"),
            Refusal::NoSuchPage(page) => write!(f, "the PDF has no page {page}"),
            Refusal::TooMuchContent(page) => write!(
                f,
                "page {page}: copying the pages up to this one reads more than {} MiB of page content",
                MAX_CONTENT_WORK_BYTES >> 20
            ),
            Refusal::ContentTooDeep(page) => write!(
                f,
                "page {page}: its content, or a form, pattern or glyph it draws, nests arrays or dictionaries more than {MAX_NESTING} deep, so it is not read"
            ),
            Refusal::ContentUnreadable(page) => write!(
                f,
                "page {page}: a form, pattern or glyph it draws has content that cannot be decoded, so it is not read"
            ),
            Refusal::TooMuchCopying(page) => write!(
                f,
                "page {page}: copying the pages up to this one takes more than {MAX_COPY_WORK} objects, or resources nested too deep"
            ),
        }
    }
}

impl Refusal {
    /// What the officer can do about it.
    pub fn hint(self) -> &'static str {
        match self {
            Refusal::Encrypted => {
                "ask the supplier for an unencrypted copy, or remove the encryption with `qpdf --decrypt in.pdf out.pdf` (with `--password=...` if it asks for one to open)"
            }
            Refusal::Unreadable | Refusal::NoPages | Refusal::NoSuchPage(_) => {
                "open it in a PDF viewer to check it, and export it again"
            }
            Refusal::TooLarge(_) | Refusal::TooManyPages(_) => {
                "ask the supplier for a shorter or smaller copy, or split it with `qpdf --split-pages` and list only the pages the meeting needs"
            }
            _ => {
                "the file is unusually complex or damaged: ask the supplier for a simpler copy, or print it to a new PDF with a PDF printer"
            }
        }
    }

    /// The error for the supplied PDF `path`.
    pub fn in_file(self, path: &Path) -> ContentError {
        ContentError::in_file(path, self.to_string()).with_hint(self.hint())
    }
}

/// A supplied PDF, read within the limits.
pub(crate) struct Supplied {
    /// The document.
    pub doc: Document,
    /// Its pages, numbered from 1.
    pub pages: BTreeMap<u32, ObjectId>,
}

/// Reads the supplied PDF at `path` within the limits.
pub(crate) fn open(path: &Path) -> Result<Supplied> {
    let size = std::fs::metadata(path)
        .map_err(|err| Error::io(path, err))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(Refusal::TooLarge(size).in_file(path).into());
    }
    let bytes = std::fs::read(path).map_err(|err| Error::io(path, err))?;
    read(&bytes).map_err(|refusal| refusal.in_file(path).into())
}

/// Reads a supplied PDF from `bytes` within the limits.
pub(crate) fn read(bytes: &[u8]) -> Result<Supplied, Refusal> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Refusal::TooLarge(bytes.len() as u64));
    }
    // lopdf's parser counts its depth too; this gives the reason, and guards any
    // parser that does not.
    let scan = prescan::scan(bytes, MAX_NESTING);
    if let Some(offset) = scan.too_deep {
        return Err(Refusal::TooDeep(offset));
    }
    if scan.objects > MAX_OBJECTS {
        return Err(Refusal::TooManyObjects(scan.objects));
    }
    // lopdf reads an encrypted file its own way, without the object count below.
    if scan.encrypt {
        return Err(Refusal::Encrypted);
    }
    COUNTED.with(|n| n.set(scan.objects));
    let mut doc = load(bytes, Some(count_object_streams))?;
    let counted = COUNTED.with(|n| n.get());
    if counted > MAX_OBJECTS {
        return Err(Refusal::TooManyObjects(counted));
    }
    // lopdf rebuilds a damaged page tree only when it loads without a filter; the
    // objects are counted now.
    if doc.page_iter().next().is_none() {
        doc = load(bytes, None)?;
    }
    // lopdf opens a file whose user password is empty, and drops its /Encrypt.
    if doc.was_encrypted() || doc.is_encrypted() {
        return Err(Refusal::Encrypted);
    }
    if doc.objects.len() > MAX_OBJECTS {
        return Err(Refusal::TooManyObjects(doc.objects.len()));
    }
    let count = doc.page_iter().take(MAX_PAGES + 1).count();
    if count > MAX_PAGES {
        return Err(Refusal::TooManyPages(doc.page_iter().count()));
    }
    if count == 0 {
        return Err(Refusal::NoPages);
    }
    let pages = doc.get_pages();
    Ok(Supplied { doc, pages })
}

/// Loads `bytes` with lopdf, each stream decompressing to at most [`MAX_STREAM_BYTES`].
fn load(bytes: &[u8], filter: Option<FilterFunc>) -> Result<Document, Refusal> {
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        filter,
        ..LoadOptions::default()
    };
    Document::load_mem_with_options(bytes, options).map_err(|err| match err {
        lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. }) => {
            Refusal::StreamTooLarge(None)
        }
        lopdf::Error::Decryption(_)
        | lopdf::Error::InvalidPassword
        | lopdf::Error::UnsupportedSecurityHandler(_) => Refusal::Encrypted,
        _ => Refusal::Unreadable,
    })
}

thread_local! {
    /// The objects counted by the load running on this thread (lopdf loads on the
    /// calling thread): those outside object streams, then each object stream's.
    static COUNTED: Cell<usize> = const { Cell::new(0) };
}

/// lopdf's object filter: an object stream's objects are counted from its index
/// before lopdf parses them, and the stream is left unread once the count passes
/// [`MAX_OBJECTS`], so a small file cannot make millions of objects. Every other
/// object is kept: lopdf keeps a top-level object's own value and an object stream
/// member's returned one, so a member is returned as a copy; a stream is never a
/// member, and copying its data (images, pages' content) would be for nothing.
fn count_object_streams(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    let Object::Stream(stream) = &*object else {
        return Some((id, object.clone()));
    };
    if stream.dict.has_type(b"ObjStm") {
        let inside = object_stream_len(stream);
        let counted = COUNTED.with(|n| {
            n.set(n.get().saturating_add(inside));
            n.get()
        });
        if counted > MAX_OBJECTS {
            return None;
        }
    }
    Some((id, Object::Null))
}

/// How many objects an object stream's index lists (none if it does not
/// decompress within the limit, which lopdf then reports).
fn object_stream_len(stream: &Stream) -> usize {
    let first = stream
        .dict
        .get(b"First")
        .and_then(Object::as_i64)
        .ok()
        .and_then(|first| usize::try_from(first).ok())
        .unwrap_or(0);
    let Ok(content) = stream.get_plain_content_with_limit(MAX_STREAM_BYTES) else {
        return 0;
    };
    content[..first.min(content.len())]
        .split(u8::is_ascii_whitespace)
        .filter(|number| !number.is_empty())
        .count()
        / 2
}
