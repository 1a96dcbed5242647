//! Hostile inputs: yaml.

#[allow(unused_imports)]
use super::budget;
