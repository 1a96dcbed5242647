//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::pdf::Standard;

/// Turns a committee's agenda items (YAML + Markdown) into the published agenda pack PDF.
#[derive(Debug, Parser)]
#[command(name = "agenda-pack", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the agenda pack PDF of every meeting (or of the meetings given).
    #[command(after_help = "\
Examples:
  agenda-pack build                                        every meeting under content/
  agenda-pack build content/2026-07-16-children-scrutiny   one meeting
  agenda-pack build --out public/packs                     write the PDFs elsewhere

Exit status: 0 when every pack was built, 1 when a meeting's content has errors,
2 for usage or internal errors.")]
    Build(BuildArgs),
}

/// Arguments of `build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Meeting folders, or folders to search for meetings (folders holding a
    /// meeting.yaml). Defaults to the content root.
    pub paths: Vec<PathBuf>,

    /// The content root: one folder per meeting.
    #[arg(long, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,

    /// Where the PDFs are written, as <meeting folder name>.pdf.
    #[arg(long, short, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,

    /// A folder of house-style templates overriding the built-in ones file by file.
    /// Defaults to a templates/ folder next to the content root, if there is one.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,

    /// The PDF standard to conform to: PDF/UA-1 by default; the PDF/A ones add
    /// archival conformance to PDF/UA-1; `none` for the plainest output.
    #[arg(long, value_enum, default_value_t = Standard::Ua1)]
    pub standard: Standard,

    /// How many meetings to build at once (default: one per core).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
}
