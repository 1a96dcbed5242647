//! Hostile inputs: confinement.

#[allow(unused_imports)]
use super::budget;
