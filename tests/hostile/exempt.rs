//! Hostile inputs: exempt.

#[allow(unused_imports)]
use super::budget;
