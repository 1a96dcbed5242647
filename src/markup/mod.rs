//! Markdown bodies to typst markup (the pack) and to HTML (the web edition), and the
//! escaping of author text for typst.
//!
//! One walk, two back ends. [`render`] and [`render_html`] run the same walker
//! (`markdown.rs`) over pulldown-cmark's events. The walker and the files it calls
//! for each construct (`heading.rs`: sections, sub-headings, appendices, parts and the
//! paragraph counters; `list.rs`: lettered and roman lists; `table.rs` and
//! `table_caption.rs`: cells, merges, header rows and captions; `links.rs`,
//! `figure_width.rs`) are the target-neutral core: they validate, report every
//! [`ContentError`](crate::error::ContentError) with its line and column, and decide
//! every number (section `2`, paragraph `2.3`, sub-paragraph `2.3.1`, minute `14`,
//! figure and table numbers, recommendations as section 2) and every HTML id. What
//! they decided goes through the `Backend` trait (`backend.rs`) to one of two
//! emitters that only spell it: `typst_backend.rs` (+ `table_typst.rs`, which also
//! measures columns to fit the page) and `html_backend.rs` (+ `table_html.rs`). So a
//! note's `2.3` is the same in print and on the web by construction, and a new
//! construct is added once in the core and once per emitter.

mod autolinks;
mod backend;
mod escape;
mod figure_width;
mod flavour;
mod html_backend;
mod links;
mod list;
mod markdown;
pub mod source_map;
mod table;
mod table_caption;
mod table_html;
mod table_typst;
mod typst_backend;

pub use autolinks::{html_with_autolinks, text_with_autolinks};
pub use escape::{escape_html, escape_markup, string_literal};
pub use flavour::{Assets, Flavour, Rendered};
pub use list::as_commonmark;
pub use markdown::{render, render_html};
