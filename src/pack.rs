//! The pipeline for one meeting: content -> model -> templates -> typst source ->
//! document -> PDF, each step delegated to its module.

use std::path::{Path, PathBuf};

use typst::foundations::{Datetime, Label, Selector};
use typst::introspection::Introspector;
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use crate::content;
use crate::diagnostics::Diagnostic;
use crate::error::{ContentError, Location, Result};
use crate::model::{Audience, DocumentBody, Meeting, MinuteRef, PageNumbers, PageRange, Part};
use crate::pdf::{self, Standard};
use crate::templates::{self, STYLE_FILE, Templates};
use crate::typeset::{self, MemoScope, PackWorld};

/// How packs are built.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Where PDFs are written.
    pub out_dir: PathBuf,
    /// The PDF standard to conform to.
    pub standard: Standard,
    /// Seconds since 1970 to stamp as the creation date (`SOURCE_DATE_EPOCH`);
    /// without it, the publication date of the meeting is used.
    pub source_date_epoch: Option<i64>,
    /// How packs are laid out.
    pub layout: Layout,
    /// Keep each pack's meeting, as laid out, in its [`Built`]: the web edition is
    /// made from it without loading the meeting again.
    pub keep_meeting: bool,
}

/// A pack that was written.
#[derive(Debug, Clone)]
pub struct Built {
    /// The meeting's name.
    pub name: String,
    /// The PDF written.
    pub output: PathBuf,
    /// Its number of pages.
    pub pages: usize,
    /// The pages each item with documents occupies, by item number.
    pub item_ranges: Vec<(usize, PageRange)>,
    /// Warnings about the content, typst's, and those about external PDFs.
    pub warnings: Vec<Diagnostic>,
    /// [`crate::fingerprint::of_bytes`] of the PDF written, for `build --changed`.
    pub digest: String,
    /// The meeting's supplementary packs, written beside it (none for a supplement).
    pub supplements: Vec<Built>,
    /// The meeting the pack was made from, when [`BuildOptions::keep_meeting`].
    pub meeting: Option<Meeting>,
}

/// A meeting checked: what `build` would warn about, and the meeting as loaded (for
/// what else its checker reports, such as its publication deadline).
pub struct Checked {
    /// The warnings.
    pub warnings: Vec<Diagnostic>,
    /// The meeting.
    pub meeting: Meeting,
}

/// A meeting's pack, laid out but not yet exported.
pub struct LaidOut {
    /// The meeting it was made from.
    pub meeting: Meeting,
    /// The pages.
    pub document: PagedDocument,
    /// Warnings about the content, and typst's.
    pub warnings: Vec<Diagnostic>,
}

/// The agenda's pack with its supplements' packs in it, from the packs in order.
fn collect(mut packs: Vec<Built>) -> Result<Built> {
    let mut main = packs.remove(0);
    main.supplements = packs;
    Ok(main)
}

/// Builds the packs of the meeting folder `dir` for each of `audiences`, in that
/// order, from one load of its content. A members' pack that prints no more than
/// the public one has the public pack's pages (laid out once), under its own title;
/// the same for each supplement. Warnings already reported with an earlier pack are
/// not repeated. typst's cached results of the meeting are dropped when it is done.
pub fn build_for(
    dir: &Path,
    templates: &Templates,
    options: &BuildOptions,
    audiences: &[Audience],
) -> Result<Vec<Built>> {
    let mut memo = MemoScope::begin();
    // The supplied PDFs are read once, as the meeting loads, and their pages copied
    // while typst lays the pack out, mostly on one core.
    let ahead = pdf::CopiedAhead::default();
    let loaded = load_copying(dir, &ahead)?;
    let members_print_more = members_print_more(&loaded);
    let mut public: Option<Vec<(Meeting, PagedDocument, Vec<Diagnostic>)>> = None;
    let mut built: Vec<Built> = Vec::new();
    for &audience in audiences {
        let supplied = loaded.printed_supplied_pdfs(audience);
        let reused = public.as_deref().filter(|_| !members_print_more);
        let packs = std::thread::scope(|scope| {
            let copying = scope.spawn(|| ahead.copy_kept(&supplied));
            let packs = match reused {
                Some(public) => Ok(for_audience(public, audience)),
                None => lay_out_all_with(
                    Meeting {
                        audience,
                        ..loaded.clone()
                    },
                    templates,
                    options.layout,
                    &mut || memo.lay_out(),
                ),
            };
            // A file that could not be copied is reported when the pack is finished; a
            // panic while copying is this meeting's, as one in its layout would be.
            if let Err(panic) = copying.join() {
                std::panic::resume_unwind(panic);
            }
            packs
        });
        let packs = packs?;
        let later_layout = members_print_more && audiences.last() != Some(&audience);
        if !later_layout {
            memo.layouts_done();
        }
        // Kept only for a later audience, so a pack's pages are freed once written.
        if audience == Audience::Public && audiences.iter().any(|a| *a != Audience::Public) {
            public = Some(
                packs
                    .iter()
                    .map(|p| (p.meeting.clone(), p.document.clone(), p.warnings.clone()))
                    .collect(),
            );
        }
        let mut pack = collect(
            packs
                .into_iter()
                .map(|laid_out| write(laid_out, options, &ahead))
                .collect::<Result<Vec<Built>>>()?,
        )?;
        let earlier: Vec<&Diagnostic> = built
            .iter()
            .flat_map(|b| std::iter::once(b).chain(&b.supplements))
            .flat_map(|b| &b.warnings)
            .collect();
        pack.warnings.retain(|w| !earlier.contains(&w));
        for supplement in &mut pack.supplements {
            supplement.warnings.retain(|w| !earlier.contains(&w));
        }
        built.push(pack);
    }
    Ok(built)
}

/// The published packs' layouts given to `audience`, who sees no more of the meeting.
fn for_audience(
    public: &[(Meeting, PagedDocument, Vec<Diagnostic>)],
    audience: Audience,
) -> Vec<LaidOut> {
    public
        .iter()
        .map(|(meeting, document, warnings)| {
            let meeting = Meeting {
                audience,
                ..meeting.clone()
            };
            let mut document = document.clone();
            document.info_mut().title = Some(meeting.title().into());
            LaidOut {
                meeting,
                document,
                warnings: warnings.clone(),
            }
        })
        .collect()
}

/// Whether the members' pack prints documents the published one leaves out (in the
/// agenda or in any supplement).
fn members_print_more(meeting: &Meeting) -> bool {
    meeting.parts().any(|part| {
        meeting.all_items().any(|item| {
            item.printed_documents(Audience::Members, part).len()
                > item.printed_documents(Audience::Public, part).len()
        })
    })
}

/// Exports a laid-out pack to its PDF, taking the supplied pages copied `ahead`.
fn write(laid_out: LaidOut, options: &BuildOptions, ahead: &pdf::CopiedAhead) -> Result<Built> {
    let LaidOut {
        meeting,
        document,
        mut warnings,
    } = laid_out;
    let timestamp = creation_date(&meeting, options.source_date_epoch);
    let name = meeting.pack_name();
    let external = pdf::external_pages(&document, &meeting.dir);
    let bookmarks = pdf::bookmarks(&document);
    let pages = document.pages().len();
    let item_ranges = item_ranges(&meeting, &document);
    let bytes = pdf::export(&document, &name, timestamp, options.standard)?;
    // The pages are in the PDF now: their memory is the finishing's.
    drop(document);
    let output = options.out_dir.join(format!("{name}.pdf"));
    let (finished, digest) = pdf::write_finished(&output, &bytes, &external, &bookmarks, ahead)?;
    warnings.extend(finished.iter().map(Diagnostic::content_warning));
    Ok(Built {
        name,
        output,
        pages,
        item_ranges,
        warnings,
        digest,
        supplements: Vec::new(),
        meeting: options.keep_meeting.then_some(meeting),
    })
}

/// Loads a meeting folder; when it has errors, the Markdown of each document that
/// loaded is converted too, so that every error of every file is reported at once
/// (the layout, which needs all of them, waits until the content loads cleanly).
pub fn load(dir: &Path) -> Result<Meeting> {
    load_with(content::load_meeting_partly(dir)?)
}

/// [`load`], keeping the supplied PDFs read in `ahead` for their pages to be copied
/// while the pack is laid out.
pub fn load_copying(dir: &Path, ahead: &pdf::CopiedAhead) -> Result<Meeting> {
    load_with(content::load_meeting_copying(dir, ahead)?)
}

/// The meeting `loaded`, or every error in it and its documents' Markdown.
fn load_with(mut loaded: content::Loaded) -> Result<Meeting> {
    if !loaded.errors.is_empty() {
        loaded
            .errors
            .extend(templates::markup_errors(&loaded.meeting));
    }
    loaded.into_result()
}

/// Lays out every pack of a meeting for its audience: the agenda, then each
/// supplement; a supplement whose numbers continue starts after the pack before it.
pub fn lay_out_all(meeting: Meeting, templates: &Templates) -> Result<Vec<LaidOut>> {
    lay_out_all_with(meeting, templates, Layout::Whole, &mut || {})
}

/// How a pack is laid out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Layout {
    /// As one typst document (the default).
    #[default]
    Whole,
    /// Each document on its own, in parallel, then joined (`build --parallel-layout`,
    /// experimental: see [`crate::parallel_layout`]).
    Parallel {
        /// Keep each document's layout for the next build in this process (as a watch
        /// would), which lays out again only what changed. A one-shot build keeps
        /// nothing: a finished meeting's layouts would only take memory.
        keep: bool,
    },
}

/// [`lay_out_all`], each pack laid out as `layout` says; `before_typst` is called
/// before each of typst's layouts, when the pack's source is ready (a build waits
/// there for the meeting's turn: [`MemoScope::lay_out`]).
pub fn lay_out_all_with(
    meeting: Meeting,
    templates: &Templates,
    layout: Layout,
    before_typst: &mut dyn FnMut(),
) -> Result<Vec<LaidOut>> {
    let mut lay_out = |meeting: Meeting| match layout {
        Layout::Whole => lay_out_when(meeting, templates, &mut *before_typst),
        Layout::Parallel { keep } => {
            before_typst();
            crate::parallel_layout::lay_out(meeting, templates, keep)
        }
    };
    let mut packs = vec![lay_out(meeting.clone())?];
    for supplement in &meeting.supplements {
        let before = packs.last().expect("the agenda is laid out first");
        let page_offset = match supplement.page_numbers {
            PageNumbers::Restart => 0,
            PageNumbers::Continue => before.meeting.page_offset + before.document.pages().len(),
        };
        let part = Meeting {
            part: Part::Supplement(supplement.number),
            page_offset,
            ..meeting.clone()
        };
        packs.push(lay_out(part)?);
    }
    Ok(packs)
}

/// Lays out a meeting's pack.
pub fn lay_out(meeting: Meeting, templates: &Templates) -> Result<LaidOut> {
    lay_out_when(meeting, templates, &mut || {})
}

/// [`lay_out`], calling `before_typst` once the source is ready.
fn lay_out_when(
    meeting: Meeting,
    templates: &Templates,
    before_typst: &mut dyn FnMut(),
) -> Result<LaidOut> {
    let context = templates::pack_context(&meeting)?;
    let source = templates.render_pack(&context.value)?;
    let mut warnings = content_warnings(&meeting, &context);
    let world = PackWorld::new(
        source,
        [(format!("/{STYLE_FILE}"), templates.style().to_string())],
        &meeting.dir,
        today(&meeting),
    );
    before_typst();
    let typeset = typeset::typeset(&world)?;
    warnings.extend(typeset.warnings);
    Ok(LaidOut {
        meeting,
        document: typeset.document,
        warnings,
    })
}

/// The warnings about a pack's content: the meeting's own (told once, with the
/// agenda) and its cross references to unknown minutes.
pub(crate) fn content_warnings(meeting: &Meeting, context: &templates::Context) -> Vec<Diagnostic> {
    let meeting_warnings = match meeting.part {
        Part::Main => meeting.warnings.as_slice(),
        Part::Supplement(_) => &[],
    };
    meeting_warnings
        .iter()
        .chain(&unknown_minutes(meeting, &context.minute_refs))
        .map(Diagnostic::content_warning)
        .collect()
}

/// The date typst sees as today: the publication date.
pub(crate) fn today(meeting: &Meeting) -> Datetime {
    let (year, month, day) = meeting.published().ymd();
    Datetime::from_ymd(year, month as u8, day as u8).expect("a validated date")
}

/// Checks a meeting folder as `build` would (content, templates and a full typst
/// layout of the agenda and its supplements) without writing anything, for every
/// audience: the members' packs too when they print documents the published ones
/// leave out. Returns the warnings, every one `build` would give (those about
/// supplied PDFs included), and the meeting as loaded. typst's cached results of the
/// meeting are dropped when it is done.
pub fn check(dir: &Path, templates: &Templates) -> Result<Checked> {
    let mut memo = MemoScope::begin();
    let meeting = load(dir)?;
    let loaded = meeting.clone();
    let supplied = supplied_warnings(&meeting)?;
    let members = members_print_more(&meeting).then(|| Meeting {
        audience: Audience::Members,
        ..meeting.clone()
    });
    let mut warnings = Vec::new();
    for meeting in std::iter::once(meeting).chain(members) {
        let packs = lay_out_all_with(meeting, templates, Layout::Whole, &mut || memo.lay_out())?;
        for laid_out in packs {
            for warning in laid_out.warnings {
                if !warnings.contains(&warning) {
                    warnings.push(warning);
                }
            }
        }
    }
    warnings.extend(supplied.iter().map(Diagnostic::content_warning));
    Ok(Checked {
        warnings,
        meeting: loaded,
    })
}

/// The warnings `build` gives as it places the pages of the meeting's supplied PDFs.
fn supplied_warnings(meeting: &Meeting) -> Result<Vec<ContentError>> {
    let mut files: Vec<PathBuf> = meeting
        .all_items()
        .flat_map(|item| &item.documents)
        .filter(|document| matches!(document.body, DocumentBody::ExternalPdf(_)))
        .map(|document| meeting.dir.join(&document.file))
        .collect();
    files.dedup();
    let mut warnings = Vec::new();
    for file in files {
        warnings.extend(pdf::supplied_warnings(&file)?);
    }
    Ok(warnings)
}

/// The physical page on which each document of a laid-out pack starts, in pack order.
pub fn document_start_pages(document: &PagedDocument) -> Vec<usize> {
    marker_pages(document, "doc-start")
}

/// The physical page on which each document of a laid-out pack ends, in pack order:
/// its `doc-end` marker's page; or, where the marker fell out of the flow after a
/// landscape page (typst puts it at the corner, y = 0, of the page of whatever
/// follows), the last landscape page before it. The same rule as `end-page` in
/// style.typ, which prints the ranges.
pub fn document_end_pages(document: &PagedDocument) -> Vec<usize> {
    let label = |name: &str| Label::new(PicoStr::intern(name)).expect("a valid label");
    let (end, landscape) = (label("doc-end"), label("landscape-end"));
    let introspector = document.introspector();
    let markers = introspector.query(&Selector::Or(
        [Selector::Label(end), Selector::Label(landscape)]
            .into_iter()
            .collect(),
    ));
    let mut last_landscape = None;
    let mut ends = Vec::new();
    for marker in markers.iter() {
        let Some(position) = marker.location().and_then(|at| introspector.position(at)) else {
            continue;
        };
        let page = position.page.get();
        if marker.label() == Some(landscape) {
            last_landscape = Some(page);
            continue;
        }
        ends.push(match last_landscape {
            Some(landscape) if position.point.y.to_pt() == 0.0 => page.min(landscape),
            _ => page,
        });
    }
    ends
}

/// The pages of the layout's metadata markers with `label`, in order.
fn marker_pages(document: &PagedDocument, label: &str) -> Vec<usize> {
    let label = Label::new(PicoStr::intern(label)).expect("a valid label");
    let introspector = document.introspector();
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|marker| introspector.page(marker.location()?))
        .map(|page| page.get())
        .collect()
}

/// The pack's main typst source.
pub fn typst_source(meeting: &Meeting, templates: &Templates) -> Result<String> {
    let context = templates::pack_context(meeting)?;
    templates.render_pack(&context.value)
}

/// Warnings for cross references to minutes that are nowhere in the content.
fn unknown_minutes(meeting: &Meeting, refs: &[(MinuteRef, Location)]) -> Vec<ContentError> {
    refs.iter()
        .filter(|(reference, _)| !meeting.minute_book.contains(*reference))
        .map(|(reference, at)| {
            ContentError::new(
                at.clone(),
                format!("{reference} is not in any minutes in the content"),
            )
            .with_hint("check the minute number and the two-digit municipal year (May to April)")
        })
        .collect()
}

/// The creation date: `SOURCE_DATE_EPOCH` if given, else the publication date.
fn creation_date(meeting: &Meeting, epoch: Option<i64>) -> Datetime {
    let from_epoch = epoch
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .and_then(|t| {
            use chrono::{Datelike, Timelike};
            Datetime::from_ymd_hms(
                t.year(),
                t.month() as u8,
                t.day() as u8,
                t.hour() as u8,
                t.minute() as u8,
                t.second() as u8,
            )
        });
    from_epoch.unwrap_or_else(|| {
        let (year, month, day) = meeting.published().ymd();
        Datetime::from_ymd_hms(year, month as u8, day as u8, 0, 0, 0).expect("a validated date")
    })
}

/// The range of each item with documents, read from the layout's markers.
fn item_ranges(meeting: &Meeting, document: &PagedDocument) -> Vec<(usize, PageRange)> {
    let starts = marker_pages(document, "doc-start");
    let ends = document_end_pages(document);
    let mut ranges = Vec::new();
    let mut index = 0;
    for item in meeting
        .all_items()
        .filter(|item| !meeting.printed_documents(item).is_empty())
    {
        let last = index + meeting.printed_documents(item).len() - 1;
        if let (Some(&first), Some(&end)) = (starts.get(index), ends.get(last)) {
            ranges.push((item.number, PageRange::padded(first, end)));
        }
        index = last + 1;
    }
    ranges
}
