//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use super::console::ColorChoice;
use super::shard::Shard;
use crate::diagnostics::Format;
use crate::pdf::Standard;
use crate::site::SiteUrl;

/// The version with the commit it was built from: `0.1.0 (1a2b3c4)`.
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("AGENDA_PACK_COMMIT"),
    ")"
);

/// Turns a committee's agenda items (YAML + Markdown) into the published agenda pack PDF.
#[derive(Debug, Parser)]
#[command(name = "agenda-pack", version = VERSION, about, long_about = None,
    after_help = "\
Examples:
  agenda-pack build                                        every meeting under content/
  agenda-pack build content/2026-07-16-children-scrutiny   one meeting
  agenda-pack check --format github                        annotations for GitHub Actions
  agenda-pack preview content/m/note.md --watch            re-render a note on every save
  agenda-pack new meeting content/2026-10-15-children-scrutiny
  agenda-pack completions bash > ~/.local/share/bash-completion/completions/agenda-pack

Exit status: 0 on success, 1 when content has errors, 2 for usage, environment or
internal errors. NO_COLOR turns colour off, as --color never does.")]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,

    /// When to colour diagnostics: auto (stderr is a terminal and NO_COLOR is unset),
    /// always or never.
    #[arg(long, value_enum, value_name = "WHEN", global = true, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print errors only.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Print more: the settings used, each meeting's time and each item's pages.
    #[arg(long, short, global = true)]
    pub verbose: bool,
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
  agenda-pack build --shard 2/4                            the second of four parts
  agenda-pack build --site                                 and the web edition, in out/site/
  agenda-pack build --site --site-url https://example.gov.uk/agendas/   with its feed and sitemap

Exit status: 0 when every pack was built, 1 when a meeting's content has errors,
2 for usage, environment or internal errors (a broken template, an output folder that
cannot be written, a bug); the most serious of the meetings' wins.")]
    Build(BuildArgs),
    /// Check every meeting's content (or the meetings given) without writing PDFs.
    #[command(after_help = "\
Examples:
  agenda-pack check                          every meeting under content/
  agenda-pack check content/m/note.md        the meeting holding this note
  agenda-pack check --format github          annotations for GitHub Actions

Exit status: 0 when the content is clean, 1 when it has errors, 2 for usage,
environment or internal errors (a broken template, a bug), as in build.")]
    Check(CheckArgs),
    /// Render one document on its own, as it falls in its pack, to out/preview/.
    #[command(after_help = "\
Examples:
  agenda-pack preview content/m/note.md            write out/preview/note.pdf
  agenda-pack preview content/m/note.md --watch    re-render on every save
  agenda-pack preview content/m/note.md --png      also write PNG pages
  agenda-pack preview content/m/note.md --serve    pages on http://127.0.0.1:8765/

Exit status: 0 when rendered (with --watch: when stopped), 1 when the content has
errors, 2 for usage, environment or internal errors (a broken template, a bug), as in
build. --serve answers only requests addressed to 127.0.0.1, localhost or [::1] with
its port.")]
    Preview(PreviewArgs),
    /// Create a meeting folder or any kind of document from the house style's stock
    /// wording, and print the lines that list it.
    #[command(
        subcommand,
        after_help = "\
Examples:
  agenda-pack new meeting content/2026-10-15-children-scrutiny     dated 15 October 2026
  agenda-pack new report content/2026-10-15-children-scrutiny/transport.md
  agenda-pack new private content/2026-10-15-children-scrutiny/contract.md --paragraph 3
  agenda-pack new minutes content/2026-09-24-children-scrutiny     into the next meeting

Nothing is ever overwritten: a file that exists is an error (exit status 2)."
    )]
    New(NewCommand),
    /// Print the year's meetings with their publication deadlines (five clear days,
    /// counting the bank holidays of holidays.yaml): the clerk's planning sheet.
    #[command(after_help = "\
Examples:
  agenda-pack timetable                       every meeting under content/
  agenda-pack timetable --year 2026           May 2026 to April 2027
  agenda-pack timetable --format csv > timetable.csv

Exit status: 0 when every meeting was read, 1 when a meeting or holidays.yaml has
errors (the others are still listed), 2 for usage or environment errors.")]
    Timetable(TimetableArgs),
    /// Print a shell completion script.
    #[command(after_help = "\
Examples:
  agenda-pack completions bash > ~/.local/share/bash-completion/completions/agenda-pack
  agenda-pack completions zsh > ~/.zfunc/_agenda-pack
  agenda-pack completions fish > ~/.config/fish/completions/agenda-pack.fish
  agenda-pack completions powershell >> $PROFILE")]
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    #[command(after_help = "\
Example:
  agenda-pack man > ~/.local/share/man/man1/agenda-pack.1 && man agenda-pack")]
    Man,
}

/// What `new` creates. Nothing is ever overwritten; each document is printed with the
/// lines that list it in its meeting.yaml.
#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A meeting folder with a meeting.yaml and a briefing note, which builds at once.
    /// A folder name starting with a date (`2026-10-15-...`) gives the meeting date.
    Meeting {
        /// The folder to create (its name becomes the PDF's name).
        dir: PathBuf,
    },
    /// A briefing note with the standard sections.
    Note {
        /// The Markdown file to create.
        file: PathBuf,
    },
    /// A public report with the full cover block and the standard sections.
    Report {
        /// The Markdown file to create.
        file: PathBuf,
    },
    /// The report of a private (exempt) item, stating its paragraph of Schedule 12A.
    Private {
        /// The Markdown file to create.
        file: PathBuf,
        /// The paragraph (1-7) of Part 1 of Schedule 12A that makes it exempt.
        #[arg(long, value_name = "N", default_value_t = 3,
              value_parser = clap::value_parser!(u8).range(1..=7))]
        paragraph: u8,
    },
    /// The board's work programme (a YAML data file).
    WorkProgramme {
        /// The YAML file to create.
        file: PathBuf,
    },
    /// The minutes of a meeting, drafted from its agenda and membership, numbered on
    /// from the previous minutes of the municipal year.
    Minutes {
        /// The meeting folder whose meeting is minuted.
        meeting: PathBuf,
        /// The meeting folder that will agree them (default: the next meeting folder
        /// beside it, by name); written there as minutes-<date>.md.
        #[arg(long, value_name = "DIR")]
        into: Option<PathBuf>,
    },
}

/// The packs `build --audience` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AudienceChoice {
    /// The published pack.
    Public,
    /// The members' pack.
    Members,
    /// Both.
    All,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Meeting folders, folders to search for meetings, or files inside a meeting.
    /// Defaults to the content root.
    pub paths: Vec<PathBuf>,

    /// The content root: one folder per meeting. Defaults to content/ in the current
    /// folder, or, inside a content tree, the nearest folder above named content.
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,

    /// A folder of house-style templates overriding the built-in ones file by file.
    /// Defaults to a templates/ folder next to the content root, if there is one.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,

    /// How diagnostics are printed (human on stderr; github and json on stdout).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Check only part K of N (from 1/N to N/N) of the meetings, as `build --shard`
    /// splits them.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
}

/// Arguments of `timetable`.
#[derive(Debug, Args)]
pub struct TimetableArgs {
    /// The content root: one folder per meeting, and holidays.yaml. Defaults to
    /// content/ in the current folder, or the nearest folder above named content.
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,

    /// Only the meetings of this municipal year (May to April), by its first year.
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,

    /// Aligned text for reading, or CSV (RFC 4180, ISO dates) for a spreadsheet.
    #[arg(long, value_enum, default_value_t = TimetableFormat::Text)]
    pub format: TimetableFormat,
}

/// How `timetable` prints the planning sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TimetableFormat {
    /// Aligned columns.
    Text,
    /// Comma-separated values with a header row.
    Csv,
}

/// Arguments of `preview`.
#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// The Markdown document to render (inside a meeting folder).
    pub note: PathBuf,

    /// Re-render on every save of a file the last render read (the note, its images,
    /// the meeting, style.yaml) or of a template; each line starts with the time.
    /// Drafts are untagged and export again only the pages that changed; a second
    /// after the last save, the whole is exported (links and all).
    #[arg(long, short)]
    pub watch: bool,

    /// Also write each page as PNG (<note>-<page>.png).
    #[arg(long)]
    pub png: bool,

    /// Show the pages on a local web page (localhost only) that reloads itself after
    /// each render; implies --watch and --png.
    #[arg(long)]
    pub serve: bool,

    /// The port of --serve (0: any free port; the address is printed).
    #[arg(long, value_name = "PORT", default_value_t = 8765)]
    pub port: u16,

    /// Open the served page in the default browser (or $BROWSER); implies --serve.
    #[arg(long)]
    pub open: bool,

    /// Where the preview is written [default: out/preview beside the content root].
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// A folder of house-style templates overriding the built-in ones file by file.
    /// Defaults to a templates/ folder next to the content root, if there is one.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,

    /// The content root, used to find a templates/ folder beside it. Defaults to
    /// content/ in the current folder, or the nearest folder above named content.
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,
}

/// Arguments of `build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Meeting folders, folders to search for meetings (folders holding a
    /// meeting.yaml), or files inside a meeting; each meeting is built once however
    /// it is named. Defaults to the content root.
    pub paths: Vec<PathBuf>,

    /// The content root: one folder per meeting. Defaults to content/ in the current
    /// folder, or, inside a content tree, the nearest folder above named content.
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,

    /// Where the PDFs are written, as <meeting folder name>.pdf: a folder that can be
    /// written to (created if missing), checked before any work [default: out/ beside
    /// the content root].
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// A folder of house-style templates overriding the built-in ones file by file.
    /// Defaults to a templates/ folder next to the content root, if there is one.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,

    /// The PDF standard to conform to: PDF/UA-1 by default; the PDF/A ones add
    /// archival conformance to PDF/UA-1; `none` for the plainest output.
    #[arg(long, value_enum, default_value_t = Standard::Ua1)]
    pub standard: Standard,

    /// How many meetings to build at once (default: one per core). Half of them (at
    /// least one) lay out at a time, the others loading or writing their PDFs: a layout
    /// takes most of a meeting's memory and already keeps about two cores busy.
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,

    /// Rebuild only meetings whose inputs (files, templates, options, the build of
    /// agenda-pack) changed since their last build, or whose PDF is no longer the one written, as
    /// recorded in <out>/.agenda-pack-hashes.
    #[arg(long)]
    pub changed: bool,

    /// Which packs to write: the published one (public), the members' pack (members:
    /// exempt private items' documents included, each page headed `Not for
    /// publication`, written as <meeting>-private.pdf), or both from one load (all).
    #[arg(long, value_enum, default_value_t = AudienceChoice::Public)]
    pub audience: AudienceChoice,

    /// The same as --audience members.
    #[arg(long, conflicts_with = "audience")]
    pub private: bool,

    /// Experimental: lay out each document of a pack on its own, in parallel, then
    /// join them after the front sheet, laid out last. The pages print the same; the
    /// PDF's bytes differ from the default build's.
    #[arg(long)]
    pub parallel_layout: bool,
    /// Also write the web edition of the public packs to <out>/site/: an index of the
    /// meetings, a page per meeting and per document, the packs beside them (exempt
    /// documents never reach it). Builds the public pack whatever --audience says.
    #[arg(long, conflicts_with = "changed")]
    pub site: bool,

    /// The address the web edition is published at, e.g.
    /// https://democracy.example.gov.uk/agendas/: the feed (feed.xml), the sitemap
    /// (sitemap.xml) and the calendar's links need absolute addresses; without it the
    /// feed and the sitemap are not written.
    #[arg(long, value_name = "URL", requires = "site")]
    pub site_url: Option<SiteUrl>,

    /// How warnings and errors are printed: human (on stderr, with each meeting's
    /// line), github (GitHub Actions annotations) or json (one array), both on stdout.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Build only part K of N (from 1/N to N/N) of the meetings, for N machines each
    /// building one part: a meeting's part is a hash of its folder's name, so it never
    /// moves when meetings are added. A part with no meetings builds nothing.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
}
