//! Builds a meeting's pack with typst alone, as its command line does: the same typst
//! source and files compiled, then exported with typst's default PDF options (tagged,
//! no standard), without this tool's finishing (outline, supplied pages, object
//! streams). For comparing a build against raw typst when the typst CLI is not at hand:
//!
//! ```text
//! cargo run --release --example raw_typst -- content/<meeting> out.pdf [SOURCE_DIR]
//! ```
//!
//! With `SOURCE_DIR`, the typst source (`main.typ`, `style.typ`) is also written there,
//! for the typst CLI (`typst compile --root <meeting> SOURCE_DIR/main.typ`).

use std::path::Path;
use std::process::ExitCode;

use agenda_pack::templates::{STYLE_FILE, Templates};
use agenda_pack::typeset::PackWorld;
use typst::foundations::Datetime;
use typst_layout::PagedDocument;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (meeting, output, source_dir) = match args.as_slice() {
        [meeting, output] => (meeting, output, None),
        [meeting, output, dir] => (meeting, output, Some(Path::new(dir))),
        _ => {
            eprintln!("usage: raw_typst <meeting folder> <output.pdf> [source folder]");
            return ExitCode::from(2);
        }
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
    if let Some(dir) = source_dir {
        std::fs::create_dir_all(dir).expect("the source folder is made");
        std::fs::write(dir.join("main.typ"), &source).expect("main.typ is written");
        std::fs::write(dir.join(STYLE_FILE), templates.style()).expect("the style is written");
    }
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
