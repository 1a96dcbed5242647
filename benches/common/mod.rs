//! What the benchmarks share: the meeting.yaml of a generated meeting.

/// A meeting.yaml for a generated meeting with the given `items:` block (indented by
/// two spaces).
pub fn meeting_yaml(items: &str) -> String {
    format!(
        "council: Benchmark City Council\ncommittee: Benchmark Scrutiny Board\ndate: 2026-07-16\ntime: \"14:00\"\n\
place: Room 1\npublication: {{name: A Person, post: Chief Executive, address: Town Hall, date: 2026-07-08}}\n\
contacts: [{{name: B Person, telephone: \"01632 960000\"}}]\nmembership: {{chair: A, members: [A, B, C]}}\n\
items:\n{items}"
    )
}
