//! Hostile inputs: outputs.

#[allow(unused_imports)]
use super::budget;
