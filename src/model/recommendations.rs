//! Recommendations: a lead-in line and the numbered things the committee is asked to do.

/// `The <committee> is recommended to:` followed by `1)`, `2)`, ...
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommendations {
    /// The lead-in line.
    pub lead: String,
    /// The recommendations, in order.
    pub items: Vec<String>,
}
