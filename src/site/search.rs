//! The site's search, with no server: `search-index.js` holds every public document's
//! text paragraph by paragraph, `search.js` searches it in the browser and
//! `search.html` is the page with the form.
//!
//! The index is a script that assigns a global, not a JSON file fetched at run time,
//! because browsers refuse `fetch()` on pages opened from disk (`file://`).

use serde::Serialize;

use super::html_text;

/// The search page's default template, `templates/html/search.html.j2`.
pub const PAGE_TEMPLATE: &str = include_str!("../../templates/html/search.html.j2");

/// The search page template's file name.
pub const PAGE_TEMPLATE_NAME: &str = "search.html.j2";

/// The search page's file name in the site.
pub const PAGE_FILE_NAME: &str = "search.html";

/// The default script, `templates/html/search.js`, copied to the site as it is.
pub const SCRIPT: &str = include_str!("../../templates/html/search.js");

/// The script's file name, in `templates/html/` and in the site.
pub const SCRIPT_FILE_NAME: &str = "search.js";

/// The index's file name in the site.
pub const INDEX_FILE_NAME: &str = "search-index.js";

/// One page to index.
#[derive(Debug, Clone)]
pub struct Page {
    /// The page, relative to the site's root, e.g. `2026-07-16/notes-budget.html`.
    pub url: String,
    /// The document's title, e.g. `Budget monitoring: quarter 1`.
    pub title: String,
    /// The meeting it belongs to, e.g. `Scrutiny Board, 16 July 2026`.
    pub meeting: String,
    /// The page's text as HTML (the document's body and appendices): indexed block by
    /// block, each linked by the id of its paragraph (`#p2.3`).
    pub html: String,
}

/// The index as the script reads it.
#[derive(Serialize)]
struct Index<'a> {
    pages: Vec<PageEntry<'a>>,
    /// `[page, anchor, text]`: arrays rather than objects keep the file small.
    blocks: Vec<(usize, String, String)>,
}

#[derive(Serialize)]
struct PageEntry<'a> {
    url: &'a str,
    title: &'a str,
    meeting: &'a str,
}

/// The global the index script assigns and `search.js` reads.
const GLOBAL: &str = "window.agendaSearch";

/// The text of `search-index.js` for `pages`, in the order given (results that score
/// alike are listed in this order).
pub fn index_js(pages: &[Page]) -> Vec<u8> {
    let mut index = Index {
        pages: Vec::with_capacity(pages.len()),
        blocks: Vec::new(),
    };
    for (number, page) in pages.iter().enumerate() {
        index.pages.push(PageEntry {
            url: &page.url,
            title: &page.title,
            meeting: &page.meeting,
        });
        index.blocks.extend(
            html_text::blocks(&page.html)
                .into_iter()
                .map(|block| (number, block.anchor.unwrap_or_default(), block.text)),
        );
    }
    let json = serde_json::to_string(&index).expect("the index is plain data");
    // JSON allows the line and paragraph separators raw; scripts before ES2019 do not.
    let json = json
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029");
    format!("// The site's search index, written by agenda-pack; search.js reads it.\n{GLOBAL} = {json};\n")
        .into_bytes()
}
