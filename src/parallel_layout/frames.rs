//! Frame surgery for joining parts laid out apart into one document: their element
//! locations made distinct, a page's footer swapped for another, an element dropped.

use std::ops::Range;

use typst::foundations::StyleChain;
use typst::introspection::{Location, Tag};
use typst::layout::{Frame, FrameItem};
use typst::model::Destination;
use typst::pdf::{ArtifactElem, ArtifactKind};
use typst::utils::hash128;

/// `frame` with every location replaced by one derived from it and `salt`. Each part
/// is laid out from typst's root locator, so two parts can give equal elements the
/// same location; salted per part, they stay distinct in the joined document.
pub fn relocate(frame: &Frame, salt: u128) -> Frame {
    map_frame(frame, &|location: Location| {
        Location::new(hash128(&(salt, location.hash())))
    })
}

/// `frame` with `map` applied to every location: the elements' tags, the parents of
/// logical children (footnotes, floats) and the links within the document.
fn map_frame(frame: &Frame, map: &impl Fn(Location) -> Location) -> Frame {
    rebuild(
        frame,
        frame.items().map(|(pos, item)| (*pos, map_item(item, map))),
    )
}

fn map_item(item: &FrameItem, map: &impl Fn(Location) -> Location) -> FrameItem {
    match item {
        FrameItem::Group(group) => {
            let mut group = group.clone();
            group.frame = map_frame(&group.frame, map);
            if let Some(parent) = &mut group.parent {
                parent.location = map(parent.location);
            }
            FrameItem::Group(group)
        }
        FrameItem::Tag(Tag::Start(content, flags)) => {
            let mut content = content.clone();
            if let Some(location) = content.location() {
                content.set_location(map(location));
            }
            FrameItem::Tag(Tag::Start(content, *flags))
        }
        FrameItem::Tag(Tag::End(location, key, flags)) => {
            FrameItem::Tag(Tag::End(map(*location), *key, *flags))
        }
        FrameItem::Link(Destination::Location(location), size) => {
            FrameItem::Link(Destination::Location(map(*location)), *size)
        }
        other => other.clone(),
    }
}

/// A frame of `frame`'s size, kind and baseline holding `items`.
fn rebuild(frame: &Frame, items: impl Iterator<Item = (typst::layout::Point, FrameItem)>) -> Frame {
    let mut out = Frame::new(frame.size(), frame.kind());
    if frame.has_baseline() {
        out.set_baseline(frame.baseline());
    }
    for (pos, item) in items {
        out.push(pos, item);
    }
    out
}

/// The top-level items of a page frame that draw its footer: from the footer
/// artifact's start tag to its end tag, or the one group holding them.
fn footer_items(frame: &Frame) -> Option<Range<usize>> {
    let items: Vec<&FrameItem> = frame.items().map(|(_, item)| item).collect();
    let starts_footer = |item: &FrameItem| match item {
        FrameItem::Tag(Tag::Start(content, _)) => content
            .to_packed::<ArtifactElem>()
            .is_some_and(|artifact| {
                artifact.kind.get(StyleChain::default()) == ArtifactKind::Footer
            })
            .then(|| content.location())
            .flatten(),
        _ => None,
    };
    for (index, &item) in items.iter().enumerate() {
        if let Some(location) = starts_footer(item) {
            let end = items[index..].iter().position(
                |&item| matches!(item, FrameItem::Tag(Tag::End(end, ..)) if *end == location),
            )?;
            return Some(index..index + end + 1);
        }
        if let FrameItem::Group(group) = item
            && group
                .frame
                .items()
                .next()
                .is_some_and(|(_, first)| starts_footer(first).is_some())
        {
            return Some(index..index + 1);
        }
    }
    None
}

/// `page` with its footer replaced by the footer of `footers` (a page of the same
/// size): `None` if `footers` has none.
pub fn with_footer_of(page: &Frame, footers: &Frame) -> Option<Frame> {
    let from = footer_items(footers)?;
    let drawn = footers.items().skip(from.start).take(from.len()).cloned();
    let items: Vec<_> = page.items().cloned().collect();
    let own = footer_items(page).unwrap_or(items.len()..items.len());
    let joined = items[..own.start]
        .iter()
        .cloned()
        .chain(drawn)
        .chain(items[own.end..].iter().cloned());
    Some(rebuild(page, joined))
}

/// `frame` without the tags of the element at `location` (it leaves the document's
/// introspection; what it drew stays).
pub fn without_element(frame: &Frame, location: Location) -> Frame {
    let items = frame.items().filter_map(|(pos, item)| match item {
        FrameItem::Tag(tag) if tag.location() == location => None,
        FrameItem::Group(group) => {
            let mut group = group.clone();
            group.frame = without_element(&group.frame, location);
            Some((*pos, FrameItem::Group(group)))
        }
        other => Some((*pos, other.clone())),
    });
    rebuild(frame, items)
}
