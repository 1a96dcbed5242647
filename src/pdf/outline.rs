//! The PDF outline (bookmarks) of a pack: item > document > section, written from
//! the layout's `<bookmark>` markers in place of the outline typst derives from
//! heading levels.

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

use crate::error::{Error, Result};

/// A bookmark: where it goes and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    /// Nesting level, from 1 (item), 2 (document), 3 (section).
    pub level: usize,
    /// Its title.
    pub title: String,
    /// The page it opens, from 1.
    pub page: usize,
    /// The top of the view, in PDF points from the bottom of the page.
    pub top: f32,
}

/// A bookmark with its children.
struct Node<'a> {
    bookmark: &'a Bookmark,
    children: Vec<Node<'a>>,
}

/// Writes the outline of `bookmarks` (in document order) into `doc`, whose pages are
/// `pages`; returns its root, or none when there are no bookmarks. Level-1 entries
/// are open, deeper ones closed.
pub(super) fn write(
    doc: &mut Document,
    bookmarks: &[Bookmark],
    pages: &[ObjectId],
) -> Result<Option<ObjectId>> {
    let tree = nest(bookmarks);
    if tree.is_empty() {
        return Ok(None);
    }
    let root_id = doc.new_object_id();
    let (first, last, visible) = write_level(doc, &tree, root_id, &|page| {
        page.checked_sub(1).and_then(|i| pages.get(i)).copied()
    })?;
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(first), Some(last)) = (first, last) {
        root.set("First", Object::Reference(first));
        root.set("Last", Object::Reference(last));
        root.set("Count", Object::Integer(visible));
    }
    doc.objects.insert(root_id, Object::Dictionary(root));
    Ok(Some(root_id))
}

/// The flat list as a tree: each entry goes under the last entry of a lower level.
fn nest(bookmarks: &[Bookmark]) -> Vec<Node<'_>> {
    fn insert<'a>(level: &mut Vec<Node<'a>>, bookmark: &'a Bookmark) {
        match level.last_mut() {
            Some(last) if last.bookmark.level < bookmark.level => {
                insert(&mut last.children, bookmark)
            }
            _ => level.push(Node {
                bookmark,
                children: Vec::new(),
            }),
        }
    }
    let mut tree = Vec::new();
    for bookmark in bookmarks {
        insert(&mut tree, bookmark);
    }
    tree
}

/// Writes one level's entries under `parent`; returns the first and last entry and
/// how many entries show when the parent is open (level-1 entries are open).
fn write_level(
    doc: &mut Document,
    nodes: &[Node<'_>],
    parent: ObjectId,
    page_id: &dyn Fn(usize) -> Option<ObjectId>,
) -> Result<(Option<ObjectId>, Option<ObjectId>, i64)> {
    let ids: Vec<ObjectId> = nodes.iter().map(|_| doc.new_object_id()).collect();
    let mut visible = 0;
    for (i, node) in nodes.iter().enumerate() {
        let bookmark = node.bookmark;
        let page = page_id(bookmark.page).ok_or_else(|| {
            Error::Pdf(format!(
                "bookmark `{}` points at page {}, which the pack does not have",
                bookmark.title, bookmark.page
            ))
        })?;
        let open = bookmark.level == 1;
        let (first, last, below) = write_level(doc, &node.children, ids[i], page_id)?;
        let mut item = Dictionary::new();
        item.set("Title", text_string(&bookmark.title));
        item.set("Parent", Object::Reference(parent));
        if i > 0 {
            item.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            item.set("Next", Object::Reference(*next));
        }
        if let (Some(first), Some(last)) = (first, last) {
            item.set("First", Object::Reference(first));
            item.set("Last", Object::Reference(last));
            // Open entries count what they show; closed ones, negated, what they
            // would show.
            item.set("Count", Object::Integer(if open { below } else { -below }));
        }
        item.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(page),
                Object::Name(b"XYZ".to_vec()),
                Object::Null,
                Object::Real(bookmark.top),
                Object::Null,
            ]),
        );
        doc.objects.insert(ids[i], Object::Dictionary(item));
        visible += 1 + if open { below } else { 0 };
    }
    Ok((ids.first().copied(), ids.last().copied(), visible))
}

/// A PDF text string: UTF-16BE with a byte order mark, as hexadecimal.
fn text_string(text: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(level: usize, title: &str) -> Bookmark {
        Bookmark {
            level,
            title: title.into(),
            page: 1,
            top: 0.0,
        }
    }

    #[test]
    fn entries_nest_under_the_last_entry_of_a_lower_level() {
        let marks = [
            mark(1, "Agenda"),
            mark(1, "Item 3"),
            mark(2, "Minutes"),
            mark(3, "1 Apologies"),
            mark(2, "Minutes 2"),
            mark(1, "Item 4"),
            mark(3, "1 Purpose"),
        ];
        let tree = nest(&marks);
        let shape: Vec<(String, Vec<(String, usize)>)> = tree
            .iter()
            .map(|n| {
                (
                    n.bookmark.title.clone(),
                    n.children
                        .iter()
                        .map(|c| (c.bookmark.title.clone(), c.children.len()))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            [
                ("Agenda".to_string(), vec![]),
                (
                    "Item 3".to_string(),
                    vec![("Minutes".to_string(), 1), ("Minutes 2".to_string(), 0)]
                ),
                ("Item 4".to_string(), vec![("1 Purpose".to_string(), 0)]),
            ]
        );
    }
}
