//! Typst markup generation: escaping author text and converting Markdown bodies into
//! calls to the house-style functions of `templates/style.typ`.

mod autolinks;
mod escape;
mod figure_width;
mod links;
mod list;
mod markdown;
pub mod source_map;
mod table;
mod table_caption;

pub use autolinks::{html_with_autolinks, text_with_autolinks};
pub use escape::{escape_html, escape_markup, string_literal};
pub use list::as_commonmark;
pub use markdown::{Assets, Flavour, Rendered, render};
