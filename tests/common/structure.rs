//! Reading a PDF's logical structure with lopdf, a PDF library independent of typst:
//! the catalog, the tag tree, the outline, link annotations and marked content.

#![allow(dead_code)]

use std::collections::HashSet;
use std::path::Path;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// A structure element of the tag tree.
#[derive(Debug, Clone)]
pub struct Element {
    /// Its structure type (`H1`, `Table`, `Figure`...).
    pub kind: String,
    /// Its alternative text.
    pub alt: Option<String>,
    /// Depth in the tree, the root's children at 0.
    pub depth: usize,
}

/// An outline entry (bookmark).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bookmark {
    /// Nesting level, from 1.
    pub level: usize,
    /// Its title.
    pub title: String,
    /// The page it opens, from 1.
    pub page: Option<usize>,
}

/// A parsed PDF.
pub struct Pdf {
    /// The document.
    pub doc: Document,
    pages: Vec<ObjectId>,
}

impl Pdf {
    /// Parses the PDF at `path`.
    pub fn open(path: &Path) -> Self {
        let doc = Document::load(path).expect("lopdf reads the PDF");
        let pages = doc.get_pages().into_values().collect();
        Self { doc, pages }
    }

    /// Follows a reference.
    pub fn resolve<'a>(&'a self, object: &'a Object) -> &'a Object {
        match object {
            Object::Reference(id) => self.doc.get_object(*id).unwrap_or(&Object::Null),
            other => other,
        }
    }

    /// An entry of a dictionary, resolved.
    pub fn get<'a>(&'a self, dict: &'a Dictionary, key: &str) -> Option<&'a Object> {
        dict.get(key.as_bytes()).ok().map(|o| self.resolve(o))
    }

    /// A dictionary entry as a dictionary.
    pub fn dict<'a>(&'a self, dict: &'a Dictionary, key: &str) -> Option<&'a Dictionary> {
        match self.get(dict, key)? {
            Object::Dictionary(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }

    /// A dictionary entry as text (PDF text strings, UTF-16 or PDFDocEncoding).
    pub fn text(&self, dict: &Dictionary, key: &str) -> Option<String> {
        match self.get(dict, key)? {
            Object::String(bytes, _) => Some(decode_text(bytes)),
            Object::Name(name) => Some(String::from_utf8_lossy(name).into_owned()),
            _ => None,
        }
    }

    /// The document catalog.
    pub fn catalog(&self) -> &Dictionary {
        self.doc.catalog().expect("a catalog")
    }

    /// The document information dictionary.
    pub fn info(&self) -> &Dictionary {
        let info = self.doc.trailer.get(b"Info").expect("an /Info entry");
        match self.resolve(info) {
            Object::Dictionary(d) => d,
            _ => panic!("/Info is not a dictionary"),
        }
    }

    /// The XMP metadata, as text (empty when there is none).
    pub fn xmp(&self) -> String {
        match self.get(self.catalog(), "Metadata") {
            Some(Object::Stream(s)) => String::from_utf8(decoded(s)).expect("XMP is UTF-8"),
            _ => String::new(),
        }
    }

    /// Every value the XMP metadata gives property `name` of `namespace` (a URI),
    /// read as XML: written as an element (`<pdfuaid:part>1</pdfuaid:part>`) or as an
    /// attribute of its description (`pdfuaid:part="1"`), whatever the prefix.
    pub fn xmp_values(&self, namespace: &str, name: &str) -> Vec<String> {
        let xmp = self.xmp();
        if xmp.is_empty() {
            return Vec::new();
        }
        let xml = roxmltree::Document::parse(&xmp)
            .unwrap_or_else(|err| panic!("the XMP is not well-formed XML ({err}):\n{xmp}"));
        let mut values = Vec::new();
        for node in xml.descendants().filter(|n| n.is_element()) {
            let tag = node.tag_name();
            if tag.namespace() == Some(namespace) && tag.name() == name {
                values.push(node.text().unwrap_or_default().trim().to_string());
            }
            values.extend(
                node.attributes()
                    .filter(|a| a.namespace() == Some(namespace) && a.name() == name)
                    .map(|a| a.value().trim().to_string()),
            );
        }
        values
    }

    /// The number of pages.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The page number (from 1) of a page object.
    pub fn page_number(&self, id: ObjectId) -> Option<usize> {
        self.pages.iter().position(|&p| p == id).map(|i| i + 1)
    }

    /// The page dictionary of page `page` (from 1).
    pub fn page(&self, page: usize) -> &Dictionary {
        self.doc
            .get_dictionary(self.pages[page - 1])
            .expect("a page dictionary")
    }

    /// The content of page `page`: its content streams, each decompressed (a stream
    /// that does not decompress fails the test, rather than being read as it is).
    pub fn page_content(&self, page: usize) -> Vec<u8> {
        let mut content = Vec::new();
        for id in self.doc.get_page_contents(self.pages[page - 1]) {
            let stream = self
                .doc
                .get_object(id)
                .and_then(Object::as_stream)
                .expect("a content stream");
            content.extend(decoded(stream));
            content.push(b'\n');
        }
        content
    }

    /// Every structure element, depth first, in tree order.
    pub fn elements(&self) -> Vec<Element> {
        let root = self
            .dict(self.catalog(), "StructTreeRoot")
            .expect("a /StructTreeRoot");
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        if let Ok(kids) = root.get(b"K") {
            self.walk(kids, 0, &mut out, &mut seen);
        }
        out
    }

    fn walk(
        &self,
        kids: &Object,
        depth: usize,
        out: &mut Vec<Element>,
        seen: &mut HashSet<ObjectId>,
    ) {
        if let Object::Reference(id) = kids
            && !seen.insert(*id)
        {
            return;
        }
        match self.resolve(kids) {
            Object::Array(items) => {
                for item in items {
                    self.walk(item, depth, out, seen);
                }
            }
            Object::Dictionary(dict) if dict.has(b"S") => {
                out.push(Element {
                    kind: self.text(dict, "S").unwrap_or_default(),
                    alt: self.text(dict, "Alt"),
                    depth,
                });
                if let Ok(kids) = dict.get(b"K") {
                    self.walk(kids, depth + 1, out, seen);
                }
            }
            _ => {}
        }
    }

    /// For each structure element of type `kind`, in tree order, the value of its
    /// attribute `key` (from its `/A` dictionary or array of them) as text, if set:
    /// e.g. the `Scope` of every `TH`.
    pub fn attribute_of_each(&self, kind: &str, key: &str) -> Vec<Option<String>> {
        let root = self
            .dict(self.catalog(), "StructTreeRoot")
            .expect("a /StructTreeRoot");
        let mut out = Vec::new();
        let mut stack: Vec<&Object> = root.get(b"K").into_iter().collect();
        let mut seen = HashSet::new();
        // Depth first, in tree order: children are pushed in reverse.
        while let Some(object) = stack.pop() {
            if let Object::Reference(id) = object
                && !seen.insert(*id)
            {
                continue;
            }
            match self.resolve(object) {
                Object::Array(items) => stack.extend(items.iter().rev()),
                Object::Dictionary(dict) if dict.has(b"S") => {
                    if self.text(dict, "S").as_deref() == Some(kind) {
                        let attributes: Vec<&Dictionary> =
                            match dict.get(b"A").map(|a| self.resolve(a)) {
                                Ok(Object::Dictionary(a)) => vec![a],
                                Ok(Object::Array(list)) => list
                                    .iter()
                                    .filter_map(|a| match self.resolve(a) {
                                        Object::Dictionary(a) => Some(a),
                                        _ => None,
                                    })
                                    .collect(),
                                _ => Vec::new(),
                            };
                        out.push(attributes.iter().find_map(|a| match self.get(a, key)? {
                            Object::Integer(n) => Some(n.to_string()),
                            _ => self.text(a, key),
                        }));
                    }
                    if let Ok(kids) = dict.get(b"K") {
                        stack.push(kids);
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The outline, depth first.
    pub fn outline(&self) -> Vec<Bookmark> {
        let mut out = Vec::new();
        if let Some(outlines) = self.dict(self.catalog(), "Outlines")
            && let Some(first) = outlines.get(b"First").ok()
        {
            self.outline_level(first, 1, &mut out);
        }
        out
    }

    fn outline_level(&self, first: &Object, level: usize, out: &mut Vec<Bookmark>) {
        let mut next = Some(first.clone());
        let mut guard = 0;
        while let Some(object) = next.take() {
            guard += 1;
            assert!(guard < 10_000, "the outline loops");
            let Object::Dictionary(item) = self.resolve(&object) else {
                break;
            };
            out.push(Bookmark {
                level,
                title: self.text(item, "Title").unwrap_or_default(),
                page: self.destination_page(item),
            });
            if let Ok(child) = item.get(b"First") {
                self.outline_level(child, level + 1, out);
            }
            next = item.get(b"Next").ok().cloned();
        }
    }

    /// The page an outline item or link annotation goes to (`/Dest` or a GoTo `/A`).
    pub fn destination_page(&self, dict: &Dictionary) -> Option<usize> {
        let dest = match self.get(dict, "Dest") {
            Some(dest) => dest,
            None => {
                let action = self.dict(dict, "A")?;
                if self.text(action, "S").as_deref() != Some("GoTo") {
                    return None;
                }
                self.get(action, "D")?
            }
        };
        let Object::Array(dest) = dest else {
            return None;
        };
        self.page_number(dest.first()?.as_reference().ok()?)
    }

    /// The link annotations of page `page` and the page each leads to.
    pub fn links(&self, page: usize) -> Vec<(Option<usize>, Option<String>)> {
        let Some(Object::Array(annots)) = self.get(self.page(page), "Annots") else {
            return Vec::new();
        };
        annots
            .iter()
            .filter_map(|a| match self.resolve(a) {
                Object::Dictionary(d) if self.text(d, "Subtype").as_deref() == Some("Link") => {
                    Some((self.destination_page(d), self.text(d, "Contents")))
                }
                _ => None,
            })
            .collect()
    }

    /// The marked-content tags opened in page `page`'s content stream, in order
    /// (`Artifact`, `P`, `H1`...).
    pub fn marked_content(&self, page: usize) -> Vec<String> {
        let content = Content::decode(&self.page_content(page)).expect("the page content parses");
        content
            .operations
            .iter()
            .filter(|op| op.operator == "BDC" || op.operator == "BMC")
            .filter_map(|op| op.operands.first()?.as_name().ok())
            .map(|name| String::from_utf8_lossy(name).into_owned())
            .collect()
    }
}

/// A stream's data with its filters undone. lopdf's own fallbacks return the raw
/// bytes when decompression fails, so a broken stream would read as empty of what a
/// test looks for; here it fails the test.
pub fn decoded(stream: &Stream) -> Vec<u8> {
    if !stream.dict.has(b"Filter") {
        return stream.content.clone();
    }
    stream
        .decompressed_content()
        .unwrap_or_else(|err| panic!("a stream does not decompress ({err}): {:?}", stream.dict))
}

/// A PDF text string: UTF-16BE with a byte order mark, else PDFDocEncoding (read as
/// Latin-1, which agrees on the characters the tests use).
pub fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}
