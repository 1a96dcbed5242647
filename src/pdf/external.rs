//! External PDF appendices in the exported pack: each placeholder page's one-pixel
//! image is swapped for a Form XObject holding the supplied page, so the page's text
//! stays selectable under PDF/UA and PDF/A, where typst cannot embed a PDF.
//!
//! The placeholder is drawn inside a tagged `Figure` (alternative text naming the
//! appendix and page), between the pack's header and footer artifacts, so the swap
//! keeps the tag tree, page labels, outline and links valid: only the page's
//! resources change and new objects are added. The supplied page's own marked-content
//! operators are dropped, since its structure tree does not come with it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use crate::error::{ContentError, Error, Result};

/// One page of the pack to fill with a page of an external PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalPage {
    /// The pack's page, from 1.
    pub pack_page: usize,
    /// The external PDF.
    pub file: PathBuf,
    /// Its page to place, from 1.
    pub page: usize,
}

/// The placeholder image's size on the page (21 cm x 29.7 cm), in points: the area
/// the external page is fitted into, centred.
const AREA: (f32, f32) = (595.2756, 841.8898);

/// Fills the placeholder pages of the pack `doc` with the external pages. Returns
/// warnings: fonts an external PDF does not embed (PDF/UA and PDF/A require them).
pub(super) fn place(doc: &mut Document, pages: &[ExternalPage]) -> Result<Vec<ContentError>> {
    let pack_pages = doc.get_pages();
    let mut sources: BTreeMap<PathBuf, Source> = BTreeMap::new();
    let mut unembedded: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    for placement in pages {
        if !sources.contains_key(&placement.file) {
            sources.insert(placement.file.clone(), Source::load(&placement.file)?);
        }
        let source = sources.get_mut(&placement.file).expect("just inserted");
        let fonts = source.unembedded_fonts(placement.page);
        if !fonts.is_empty() {
            unembedded
                .entry(placement.file.clone())
                .or_default()
                .extend(fonts);
        }
        let form = source.copy_page(placement.page, doc)?;
        let form_id = doc.add_object(form);
        let page_id = u32::try_from(placement.pack_page)
            .ok()
            .and_then(|n| pack_pages.get(&n))
            .copied()
            .ok_or_else(|| Error::Pdf(format!("the pack has no page {}", placement.pack_page)))?;
        swap_placeholder(doc, page_id, form_id).map_err(|err| {
            Error::Pdf(format!(
                "page {} of the pack: {err} (placing page {} of {})",
                placement.pack_page,
                placement.page,
                placement.file.display()
            ))
        })?;
    }
    Ok(unembedded
        .into_iter()
        .map(|(file, fonts)| {
            ContentError::in_file(
                &file,
                format!(
                    "fonts not embedded ({}); the pack will not fully conform to PDF/UA or PDF/A",
                    fonts.into_iter().collect::<Vec<_>>().join(", ")
                ),
            )
            .with_hint(
                "ask the supplier for a copy with embedded fonts (for example exported as PDF/A)",
            )
        })
        .collect())
}

/// An external PDF being copied from, with the objects already copied.
struct Source {
    path: PathBuf,
    doc: Document,
    /// Object ids in the external PDF -> ids in the pack.
    copied: HashMap<ObjectId, ObjectId>,
}

impl Source {
    fn load(path: &Path) -> Result<Self> {
        let data = std::fs::read(path).map_err(|err| Error::io(path, err))?;
        let doc = Document::load_mem(&data).map_err(|err| {
            ContentError::in_file(path, format!("the PDF cannot be read to place it: {err}"))
                .with_hint("open it in a PDF viewer to check it, and export it again")
        })?;
        if doc.is_encrypted() {
            return Err(ContentError::in_file(path, "the PDF is encrypted, so it cannot be placed in the pack")
                .with_hint("ask the supplier for an unencrypted copy, or remove the password with `qpdf --decrypt in.pdf out.pdf`")
                .into());
        }
        Ok(Self {
            path: path.to_path_buf(),
            doc,
            copied: HashMap::new(),
        })
    }

    fn error(&self, page: usize, message: impl std::fmt::Display) -> Error {
        ContentError::in_file(&self.path, format!("page {page}: {message}"))
            .with_hint("open it in a PDF viewer to check it, and export it again")
            .into()
    }

    /// The names of the fonts page `page` (from 1) uses without embedding them.
    fn unembedded_fonts(&self, page: usize) -> Vec<String> {
        let doc = &self.doc;
        let resolve = |object: &Object| -> Option<Dictionary> {
            match object {
                Object::Reference(id) => doc.get_dictionary(*id).ok().cloned(),
                Object::Dictionary(dict) => Some(dict.clone()),
                _ => None,
            }
        };
        let Some(page_id) = u32::try_from(page)
            .ok()
            .and_then(|n| doc.get_pages().get(&n).copied())
        else {
            return Vec::new();
        };
        let Some(fonts) = inherited(doc, page_id, b"Resources")
            .and_then(|r| resolve(&r))
            .and_then(|r| resolve(r.get(b"Font").ok()?))
        else {
            return Vec::new();
        };
        let mut missing = Vec::new();
        for (_, font) in fonts.iter() {
            let Some(font) = resolve(font) else { continue };
            let subtype = font
                .get(b"Subtype")
                .and_then(Object::as_name)
                .unwrap_or(b"");
            if subtype == b"Type3" {
                continue;
            }
            // A composite font's descriptor is its descendant's.
            let described = match subtype {
                b"Type0" => font
                    .get(b"DescendantFonts")
                    .ok()
                    .and_then(|d| match d {
                        Object::Reference(id) => doc.get_object(*id).ok(),
                        other => Some(other),
                    })
                    .and_then(|d| d.as_array().ok()?.first().and_then(&resolve)),
                _ => Some(font.clone()),
            };
            let embedded = described
                .and_then(|f| resolve(f.get(b"FontDescriptor").ok()?))
                .is_some_and(|d| d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3"));
            if !embedded {
                let name = font
                    .get(b"BaseFont")
                    .and_then(Object::as_name)
                    .map(|n| String::from_utf8_lossy(n).into_owned())
                    .unwrap_or_else(|_| "unnamed".into());
                missing.push(name);
            }
        }
        missing
    }

    /// Page `page` (from 1) as a Form XObject whose matrix fits it into the
    /// placeholder's unit square, its resources copied into `pack`.
    fn copy_page(&mut self, page: usize, pack: &mut Document) -> Result<Stream> {
        let page_id = u32::try_from(page)
            .ok()
            .and_then(|n| self.doc.get_pages().get(&n).copied())
            .ok_or_else(|| self.error(page, "no such page"))?;
        let inherited = |key: &[u8]| inherited(&self.doc, page_id, key);
        let bbox = inherited(b"CropBox")
            .or_else(|| inherited(b"MediaBox"))
            .and_then(|b| page_box(&self.doc, &b))
            .unwrap_or([0.0, 0.0, 595.0, 842.0]);
        let rotate = inherited(b"Rotate")
            .and_then(|r| r.as_i64().ok())
            .unwrap_or(0)
            .rem_euclid(360);
        let resources = inherited(b"Resources").unwrap_or(Object::Dictionary(Dictionary::new()));
        let content = self
            .doc
            .get_page_content_with_limit(page_id, 512 << 20)
            .map_err(|err| self.error(page, format!("its content cannot be read: {err}")))?;
        let content = without_marked_content(content);
        let resources = self.copy(&resources, pack);

        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"XObject".to_vec()));
        dict.set("Subtype", Object::Name(b"Form".to_vec()));
        dict.set(
            "BBox",
            Object::Array(bbox.iter().map(|&v| Object::Real(v)).collect()),
        );
        dict.set(
            "Matrix",
            Object::Array(
                fit_matrix(bbox, rotate)
                    .iter()
                    .map(|&v| Object::Real(v))
                    .collect(),
            ),
        );
        dict.set("Resources", resources);
        let mut stream = Stream::new(dict, content);
        // A failed compression leaves the stream uncompressed, which is still valid.
        let _ = stream.compress();
        Ok(stream)
    }

    /// A deep copy of `object` into `pack`: referenced objects are copied once and
    /// renumbered; links into the external PDF's structure tree are dropped.
    fn copy(&mut self, object: &Object, pack: &mut Document) -> Object {
        match object {
            Object::Reference(id) => {
                if let Some(&new) = self.copied.get(id) {
                    return Object::Reference(new);
                }
                let new = pack.new_object_id();
                self.copied.insert(*id, new);
                let target = self.doc.get_object(*id).cloned().unwrap_or(Object::Null);
                let copy = self.copy(&target, pack);
                pack.objects.insert(new, copy);
                Object::Reference(new)
            }
            Object::Array(items) => {
                Object::Array(items.iter().map(|item| self.copy(item, pack)).collect())
            }
            Object::Dictionary(dict) => Object::Dictionary(self.copy_dict(dict, pack)),
            Object::Stream(stream) => {
                let mut copy = stream.clone();
                copy.dict = self.copy_dict(&stream.dict, pack);
                Object::Stream(copy)
            }
            other => other.clone(),
        }
    }

    fn copy_dict(&mut self, dict: &Dictionary, pack: &mut Document) -> Dictionary {
        let mut copy = Dictionary::new();
        for (key, value) in dict.iter() {
            if matches!(
                key.as_slice(),
                b"StructParent" | b"StructParents" | b"Parent"
            ) {
                continue;
            }
            copy.set(key.clone(), self.copy(value, pack));
        }
        copy
    }
}

/// A page attribute, looked up through the page tree as PDF inheritance says.
fn inherited(doc: &Document, page: ObjectId, key: &[u8]) -> Option<Object> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..32 {
        if let Ok(value) = node.get(key) {
            return Some(value.clone());
        }
        let parent = node.get(b"Parent").ok()?.as_reference().ok()?;
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

/// A rectangle `[x0 y0 x1 y1]`, normalised.
fn page_box(doc: &Document, object: &Object) -> Option<[f32; 4]> {
    let object = match object {
        Object::Reference(id) => doc.get_object(*id).ok()?,
        other => other,
    };
    let values: Vec<f32> = object
        .as_array()
        .ok()?
        .iter()
        .filter_map(|v| v.as_float().ok())
        .collect();
    let [a, b, c, d] = values.as_slice() else {
        return None;
    };
    let rect = [a.min(*c), b.min(*d), a.max(*c), b.max(*d)];
    (rect[2] > rect[0] && rect[3] > rect[1]).then_some(rect)
}

/// The form matrix taking the page box `bbox`, shown turned by `rotate` degrees
/// clockwise, to the placeholder's unit square, fitted (aspect kept) and centred in
/// the placeholder's area.
fn fit_matrix(bbox: [f32; 4], rotate: i64) -> [f32; 6] {
    let [x0, y0, x1, y1] = bbox;
    let (w, h) = (x1 - x0, y1 - y0);
    // Turning: u = a x' + c y' + e, v = b x' + d y' + f, with x' = x - x0, y' = y - y0.
    let ([a, b, c, d, e, f], (shown_w, shown_h)) = match rotate {
        90 => ([0.0, -1.0, 1.0, 0.0, 0.0, w], (h, w)),
        180 => ([-1.0, 0.0, 0.0, -1.0, w, h], (w, h)),
        270 => ([0.0, 1.0, -1.0, 0.0, h, 0.0], (h, w)),
        _ => ([1.0, 0.0, 0.0, 1.0, 0.0, 0.0], (w, h)),
    };
    let (area_w, area_h) = AREA;
    let scale = (area_w / shown_w).min(area_h / shown_h);
    let (ox, oy) = (
        (area_w - scale * shown_w) / 2.0,
        (area_h - scale * shown_h) / 2.0,
    );
    [
        scale * a / area_w,
        scale * b / area_h,
        scale * c / area_w,
        scale * d / area_h,
        (scale * (e - a * x0 - c * y0) + ox) / area_w,
        (scale * (f - b * x0 - d * y0) + oy) / area_h,
    ]
}

/// The content without marked-content operators (they point into a structure tree
/// the pack does not have); unchanged if it cannot be parsed to its end.
fn without_marked_content(content: Vec<u8>) -> Vec<u8> {
    let Ok(mut parsed) = Content::decode(&content) else {
        return content;
    };
    // The parser stops quietly at what it cannot read: it read everything only if two
    // operators added at the end come out too.
    let mut probe = content.clone();
    probe.extend_from_slice(b"\nq Q\n");
    let complete = Content::decode(&probe)
        .is_ok_and(|probe| probe.operations.len() == parsed.operations.len() + 2);
    if !complete {
        return content;
    }
    parsed
        .operations
        .retain(|op| !matches!(op.operator.as_str(), "BDC" | "BMC" | "EMC" | "MP" | "DP"));
    parsed.encode().unwrap_or(content)
}

/// Points the placeholder image of page `page_id` at `form_id` instead. The page's
/// resources are made its own, so no other page changes.
fn swap_placeholder(
    doc: &mut Document,
    page_id: ObjectId,
    form_id: ObjectId,
) -> Result<(), String> {
    let resources = inherited(doc, page_id, b"Resources").ok_or("the page has no resources")?;
    let mut resources =
        resolve_dict(doc, &resources).ok_or("the page's resources are not a dictionary")?;
    let xobjects = resources
        .get(b"XObject")
        .ok()
        .and_then(|x| resolve_dict(doc, x))
        .ok_or("the page has no placeholder image")?;
    let name = xobjects
        .iter()
        .find(|(_, value)| is_placeholder(doc, value))
        .map(|(name, _)| name.clone())
        .ok_or("the page has no placeholder image")?;
    let mut xobjects = xobjects.clone();
    xobjects.set(name, Object::Reference(form_id));
    resources.set("XObject", Object::Dictionary(xobjects));
    let page = doc.get_dictionary_mut(page_id).map_err(|e| e.to_string())?;
    page.set("Resources", Object::Dictionary(resources));
    Ok(())
}

/// A dictionary, following a reference.
fn resolve_dict(doc: &Document, object: &Object) -> Option<Dictionary> {
    match object {
        Object::Reference(id) => doc.get_dictionary(*id).ok().cloned(),
        Object::Dictionary(dict) => Some(dict.clone()),
        _ => None,
    }
}

/// Whether an XObject entry is the placeholder: a one-pixel image.
fn is_placeholder(doc: &Document, value: &Object) -> bool {
    let Ok(id) = value.as_reference() else {
        return false;
    };
    let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
        return false;
    };
    let dict = &stream.dict;
    let is = |key: &[u8], expected: &[u8]| {
        dict.get(key)
            .and_then(Object::as_name)
            .is_ok_and(|n| n == expected)
    };
    let one = |key: &[u8]| dict.get(key).and_then(Object::as_i64).is_ok_and(|n| n == 1);
    is(b"Subtype", b"Image") && one(b"Width") && one(b"Height")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(m: [f32; 6], (x, y): (f32, f32)) -> (f32, f32) {
        (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
    }

    fn close(a: (f32, f32), b: (f32, f32)) -> bool {
        (a.0 - b.0).abs() < 1e-4 && (a.1 - b.1).abs() < 1e-4
    }

    #[test]
    fn marked_content_is_dropped_and_drawing_kept() {
        let content =
            b"/P <</MCID 3>> BDC BT /F1 12 Tf (Hi) Tj ET EMC /Artifact BMC 0 0 m 1 1 l S EMC"
                .to_vec();
        let out = String::from_utf8(without_marked_content(content)).unwrap();
        assert!(
            !out.contains("BDC") && !out.contains("BMC") && !out.contains("EMC"),
            "{out}"
        );
        assert!(
            out.contains("Tj") && out.contains("(Hi)") && out.contains('S'),
            "{out}"
        );
    }

    #[test]
    fn unparsable_content_is_kept_as_it_is() {
        let content = b"BT (unterminated".to_vec();
        assert_eq!(without_marked_content(content.clone()), content);
    }

    #[test]
    fn an_a4_page_fills_the_unit_square() {
        let m = fit_matrix([0.0, 0.0, AREA.0, AREA.1], 0);
        assert!(close(apply(m, (0.0, 0.0)), (0.0, 0.0)));
        assert!(close(apply(m, (AREA.0, AREA.1)), (1.0, 1.0)));
    }

    #[test]
    fn a_landscape_page_is_centred_vertically() {
        let m = fit_matrix([10.0, 20.0, 852.0, 615.0], 0);
        let bottom_left = apply(m, (10.0, 20.0));
        let top_right = apply(m, (852.0, 615.0));
        assert!((bottom_left.0).abs() < 1e-4 && (top_right.0 - 1.0).abs() < 1e-4);
        assert!((bottom_left.1 + top_right.1 - 1.0).abs() < 1e-4, "centred");
    }

    #[test]
    fn a_page_turned_90_degrees_shows_its_top_on_the_right() {
        // A landscape-shaped box turned clockwise is shown portrait: its top-left
        // corner goes to the top right.
        let m = fit_matrix([0.0, 0.0, AREA.1, AREA.0], 90);
        assert!(close(apply(m, (0.0, AREA.0)), (1.0, 1.0)));
        assert!(close(apply(m, (AREA.1, 0.0)), (0.0, 0.0)));
    }
}
