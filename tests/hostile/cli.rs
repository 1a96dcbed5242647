//! Hostile inputs: cli.

#[allow(unused_imports)]
use super::budget;
