//! How the appendices in a document's own source are labelled.

use serde::Deserialize;

/// `Appendix 1`, `Appendix A` or `Appendix One`: one scheme per document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AppendixScheme {
    /// `Appendix 1`, `Appendix 2`, ...
    #[default]
    Number,
    /// `Appendix A`, `Appendix B`, ...
    Letter,
    /// `Appendix One`, `Appendix Two`, ...
    Word,
}

impl AppendixScheme {
    /// The label of the `n`th appendix (from 1), e.g. `Appendix C`.
    pub fn label(self, n: u32) -> String {
        const WORDS: [&str; 20] = [
            "One",
            "Two",
            "Three",
            "Four",
            "Five",
            "Six",
            "Seven",
            "Eight",
            "Nine",
            "Ten",
            "Eleven",
            "Twelve",
            "Thirteen",
            "Fourteen",
            "Fifteen",
            "Sixteen",
            "Seventeen",
            "Eighteen",
            "Nineteen",
            "Twenty",
        ];
        let mark = match self {
            Self::Number => n.to_string(),
            Self::Letter => letters(n),
            Self::Word => WORDS
                .get(n as usize - 1)
                .map_or_else(|| n.to_string(), |w| w.to_string()),
        };
        format!("Appendix {mark}")
    }
}

/// `A`..`Z`, then `AA`, `AB`, ... as spreadsheets count.
fn letters(mut n: u32) -> String {
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_scheme_labels_appendices_in_order() {
        let labels = |scheme: AppendixScheme| (1..=3).map(|n| scheme.label(n)).collect::<Vec<_>>();
        assert_eq!(
            labels(AppendixScheme::Number),
            ["Appendix 1", "Appendix 2", "Appendix 3"]
        );
        assert_eq!(
            labels(AppendixScheme::Letter),
            ["Appendix A", "Appendix B", "Appendix C"]
        );
        assert_eq!(
            labels(AppendixScheme::Word),
            ["Appendix One", "Appendix Two", "Appendix Three"]
        );
        assert_eq!(AppendixScheme::Letter.label(27), "Appendix AA");
        assert_eq!(AppendixScheme::Word.label(21), "Appendix 21");
    }
}
