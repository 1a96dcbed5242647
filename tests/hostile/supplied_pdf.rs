//! Hostile inputs: supplied_pdf.

#[allow(unused_imports)]
use super::budget;
