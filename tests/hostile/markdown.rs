//! Hostile inputs: markdown.

#[allow(unused_imports)]
use super::budget;
