//! Compiles a standalone typst file to PDF with the bundled fonts, e.g. to remake the
//! sample meeting's external appendix:
//!
//! ```text
//! cargo run --release --example typst_to_pdf -- \
//!     fixtures/partnership-annual-report.typ \
//!     content/2026-07-16-children-scrutiny/partnership-annual-report.pdf
//! ```

use std::process::ExitCode;

use typst::foundations::Datetime;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: typst_to_pdf <input.typ> <output.pdf>");
        return ExitCode::from(2);
    };
    let result = std::fs::read_to_string(input)
        .map_err(|err| agenda_pack::error::Error::io(input.as_ref(), err))
        .and_then(|source| {
            let date = Datetime::from_ymd(2026, 6, 30).expect("a valid date");
            agenda_pack::pdf::standalone(&source, date)
        })
        .and_then(|bytes| agenda_pack::pdf::write_atomically(output.as_ref(), &bytes));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
