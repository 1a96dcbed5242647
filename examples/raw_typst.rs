//! Builds a meeting's pack with typst alone, as its command line does: the same typst
//! source and files compiled, then exported with typst's default PDF options (tagged,
//! no standard), without this tool's finishing (outline, supplied pages, object
//! streams). For comparing a build against raw typst when the typst CLI is not at hand:
//!
//! ```text
//! cargo run --release --example raw_typst -- content/<meeting> out.pdf
//! ```

use std::path::Path;
use std::process::ExitCode;

use agenda_pack::templates::{STYLE_FILE, Templates};
use agenda_pack::typeset::PackWorld;
use typst::foundations::Datetime;
use typst_layout::PagedDocument;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [meeting, output] = args.as_slice() else {
        eprintln!("usage: raw_typst <meeting folder> <output.pdf>");
        return ExitCode::from(2);
    };
    let meeting = match agenda_pack::pack::load(Path::new(meeting)) {
        Ok(meeting) => meeting,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
    };
    let templates = Templates::load(None).expect("the built-in templates load");
    let source = agenda_pack::pack::typst_source(&meeting, &templates).expect("the source renders");
    let (year, month, day) = meeting.published().ymd();
    let today = Datetime::from_ymd(year, month as u8, day as u8).expect("a valid date");
    let world = PackWorld::new(
        source,
        [(format!("/{STYLE_FILE}"), templates.style().to_string())],
        &meeting.dir,
        today,
    );
    let Ok(document) = typst::compile::<PagedDocument>(&world).output else {
        eprintln!("error: typst failed");
        return ExitCode::FAILURE;
    };
    let Ok(pdf) = typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()) else {
        eprintln!("error: the export failed");
        return ExitCode::FAILURE;
    };
    std::fs::write(output, pdf).expect("the PDF is written");
    ExitCode::SUCCESS
}
