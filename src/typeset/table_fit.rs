//! Tables the layout could not fit across the page even at the smallest type the
//! house style allows, read from its `<table-too-wide>` markers as located warnings.

use typst::foundations::{Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use crate::error::{ContentError, Location};

/// A warning at the Markdown place of each table whose columns did not fit even at
/// the floor type size (its words wider than their column broken anywhere).
pub fn too_wide_tables(document: &PagedDocument) -> Vec<ContentError> {
    let label = Label::new(PicoStr::intern("table-too-wide")).expect("a valid label");
    document
        .introspector()
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|marker| {
            let Value::Dict(at) = &marker.to_packed::<MetadataElem>()?.value else {
                return None;
            };
            let Ok(Value::Str(file)) = at.get("file") else {
                return None;
            };
            let number = |key: &str| match at.get(key) {
                Ok(Value::Int(n)) => usize::try_from(*n).ok(),
                _ => None,
            };
            let floor = match at.get("floor") {
                Ok(Value::Str(floor)) => floor.to_string(),
                _ => return None,
            };
            let location = Location::new(file.as_str(), number("line")?, number("column")?);
            Some(
                ContentError::new(
                    location,
                    format!("the table is too wide for the page even at its smallest type ({floor}): a word wider than its column is broken where it meets the column's edge"),
                )
                .with_hint(
                    "put the table on landscape pages between `[landscape]` and `[/landscape]`, or give it fewer columns",
                ),
            )
        })
        .collect()
}
