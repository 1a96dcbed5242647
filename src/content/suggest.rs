//! Did-you-mean: the name an author most likely meant, among the names allowed (keys,
//! values of a setting, the files of a folder).

/// The furthest a suggestion may be from what was written, in edits: far enough for a
/// typo or two (`subjct`, `briefing_note`), near enough not to guess wildly.
const MAX_EDITS: usize = 3;

/// The candidate `written` most likely means: the same name in other letter case first
/// (`Attendance.MD` for `attendance.md`), else the nearest within a few edits (fewer
/// for a short name, so `to` does not suggest `date`). Ties go to the first candidate.
pub fn closest<'a>(
    written: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = written.to_lowercase();
    let limit = MAX_EDITS.min(written.chars().count().div_ceil(2));
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == written {
            continue;
        }
        let distance = if candidate.to_lowercase() == lower {
            0
        } else {
            strsim::levenshtein(&lower, &candidate.to_lowercase())
        };
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Whether `a` and `b` differ only in letter case.
pub fn differs_only_in_case(a: &str, b: &str) -> bool {
    a != b && a.to_lowercase() == b.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_case_wins_over_a_nearer_spelling() {
        let files = ["attendance.mb", "attendance.md"];
        assert_eq!(closest("Attendance.MD", files), Some("attendance.md"));
        assert!(differs_only_in_case("Attendance.MD", "attendance.md"));
    }

    #[test]
    fn typos_are_matched_and_unrelated_names_are_not() {
        let kinds = ["apologies", "briefing-note", "report", "work-programme"];
        assert_eq!(closest("briefing_note", kinds), Some("briefing-note"));
        assert_eq!(closest("reprot", kinds), Some("report"));
        assert_eq!(closest("agenda", kinds), None);
        assert_eq!(closest("to", ["date", "do"]), Some("do"));
        assert_eq!(closest("to", ["date"]), None);
        assert_eq!(
            closest("report", kinds),
            None,
            "nothing to suggest for itself"
        );
    }
}
