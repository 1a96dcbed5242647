//! The pages an item or document occupies in the finished pack.

use std::fmt;

/// An inclusive range of printed page numbers, e.g. pages 3 to 10.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRange {
    /// The first page.
    pub first: usize,
    /// The last page, inclusive.
    pub last: usize,
}

impl PageRange {
    /// The range a document occupies once padded: it ends on an even page.
    pub fn padded(first: usize, last: usize) -> Self {
        Self {
            first,
            last: last + last % 2,
        }
    }

    /// The number of pages in the range.
    pub fn len(self) -> usize {
        self.last + 1 - self.first
    }

    /// Whether the range is empty (never, for a well-formed range).
    pub fn is_empty(self) -> bool {
        self.last < self.first
    }
}

impl fmt::Display for PageRange {
    /// `Pages 3 - 10`, as the front sheet prints it (spaces around the hyphen).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pages {} - {}", self.first, self.last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_rounds_the_last_page_up_to_even() {
        assert_eq!(PageRange::padded(3, 7), PageRange { first: 3, last: 8 });
        assert_eq!(PageRange::padded(3, 8), PageRange { first: 3, last: 8 });
        assert_eq!(PageRange::padded(3, 8).to_string(), "Pages 3 - 8");
        assert_eq!(PageRange::padded(5, 5).len(), 2);
    }
}
