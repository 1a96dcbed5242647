//! Typst markup generation: escaping author text and converting Markdown bodies into
//! calls to the house-style functions of `templates/style.typ`.

mod escape;
mod figure_width;
mod links;
mod markdown;
pub mod source_map;
mod table;
mod table_caption;

pub use escape::{escape_markup, string_literal};
pub use markdown::{Assets, Flavour, Rendered, render};
