//! Fuzzes the import of supplied PDFs: any bytes are read within the limits and every
//! page copied into a document, or refused with a reason; never a panic, an abort
//! (a stack overflow) or unbounded work.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = agenda_pack::pdf::import_supplied(bytes);
});
