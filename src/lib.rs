//! agenda-pack turns a committee meeting's agenda items, written as YAML and Markdown,
//! into the published agenda pack PDF in a council's house style.
//!
//! The data flows through one module per step:
//! [`content`] (files on disk) -> [`model`] (validated meeting) -> [`templates`]
//! (with [`markup`] for Markdown bodies) -> typst source -> [`typeset`] (laid-out
//! document) -> [`pdf`]. [`pack`] runs the pipeline for one meeting; [`preview`]
//! renders one document of it incrementally; [`diagnostics`] reports problems;
//! [`scaffold`] creates new content; [`fingerprint`] detects changed meetings;
//! [`site`] writes the web edition of the public packs;
//! [`cli`] is the command line.

pub mod cli;
pub mod content;
pub mod diagnostics;
pub mod error;
pub mod fingerprint;
pub mod markup;
pub mod model;
pub mod pack;
pub mod parallel_layout;
pub mod pdf;
pub mod preview;
pub mod scaffold;
pub mod site;
pub mod templates;
pub mod typeset;
