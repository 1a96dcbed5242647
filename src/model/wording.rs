//! A council's own wording of the house style: labels, separators and layouts that
//! differ between councils, each defaulting to the stock house style.

use serde::{Deserialize, Serialize};

/// Where the front sheet prints an item's `(Pages X - Y)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageRangePlace {
    /// On the line after the title.
    #[default]
    NextLine,
    /// On the title's own line, after the title.
    SameLine,
}

/// How the front sheet's `Contact:` block is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContactBlock {
    /// `Contact: Name, Telephone: ..., E-mail: ...` run on in one paragraph.
    #[default]
    Inline,
    /// The name, telephone and e-mail address each on its own line.
    Lines,
}

/// How a list of names is joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NameList {
    /// `A, B, C`.
    #[default]
    Commas,
    /// `A, B and C`.
    And,
}

impl NameList {
    /// The names joined in this style.
    pub fn join(self, names: &[String]) -> String {
        match (self, names) {
            (Self::And, [first @ .., last]) if !first.is_empty() => {
                format!("{} and {last}", first.join(", "))
            }
            _ => names.join(", "),
        }
    }
}

/// How minutes name a councillor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CouncillorTitle {
    /// `Cllr R Ashworth`.
    #[default]
    Cllr,
    /// `Councillor R Ashworth`.
    Councillor,
}

impl CouncillorTitle {
    /// The title as printed before a name.
    pub fn text(self) -> &'static str {
        match self {
            Self::Cllr => "Cllr",
            Self::Councillor => "Councillor",
        }
    }
}

/// How the minutes list the employees present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EmployeeLayout {
    /// One line per group: `Children's Services: H Marsh, D Quayle`.
    #[default]
    Grouped,
    /// One line per person, their group after the name: `H Marsh, Children's Services`.
    OnePerLine,
}

/// How the minutes list co-opted members present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CoOptedLayout {
    /// One line per member.
    #[default]
    Lines,
    /// All on one line, joined `A, B and C`.
    OneLine,
}

/// How a minute's number is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MinuteNumber {
    /// `15`.
    #[default]
    Plain,
    /// `15.`.
    Dot,
}

/// The labels of the minutes' `Present:` block, as written: each may be left unset.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PresentLabelSettings {
    members: Option<String>,
    co_opted: Option<String>,
    cabinet_members: Option<String>,
    other_members: Option<String>,
    employees: Option<String>,
    invited: Option<String>,
    others_present: Option<String>,
    apologies: Option<String>,
}

/// The labels of the minutes' `Present:` block (`employees` is `None` for the stock
/// `Employees (by Directorate):` or `(by Service Area):`, which the minutes choose).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PresentLabels {
    /// `Members:`.
    pub members: String,
    /// `Co-opted Members:`.
    pub co_opted: String,
    /// `Cabinet Members:`.
    pub cabinet_members: String,
    /// `Other Members:`.
    pub other_members: String,
    /// The employees' label, if the council words it its own way.
    pub employees: Option<String>,
    /// `Invited:`.
    pub invited: String,
    /// `Others Present:`.
    pub others_present: String,
    /// `Apologies:`.
    pub apologies: String,
}

impl PresentLabelSettings {
    /// These labels, falling back to `wider` key by key.
    pub fn over(self, wider: Self) -> Self {
        Self {
            members: self.members.or(wider.members),
            co_opted: self.co_opted.or(wider.co_opted),
            cabinet_members: self.cabinet_members.or(wider.cabinet_members),
            other_members: self.other_members.or(wider.other_members),
            employees: self.employees.or(wider.employees),
            invited: self.invited.or(wider.invited),
            others_present: self.others_present.or(wider.others_present),
            apologies: self.apologies.or(wider.apologies),
        }
    }

    /// The labels, the stock ones for anything not set.
    pub fn resolve(self) -> PresentLabels {
        let or = |label: Option<String>, stock: &str| label.unwrap_or_else(|| stock.to_string());
        PresentLabels {
            members: or(self.members, "Members:"),
            co_opted: or(self.co_opted, "Co-opted Members:"),
            cabinet_members: or(self.cabinet_members, "Cabinet Members:"),
            other_members: or(self.other_members, "Other Members:"),
            employees: self.employees,
            invited: or(self.invited, "Invited:"),
            others_present: or(self.others_present, "Others Present:"),
            apologies: or(self.apologies, "Apologies:"),
        }
    }
}

impl Default for PresentLabels {
    fn default() -> Self {
        PresentLabelSettings::default().resolve()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_join_with_and_before_the_last() {
        let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(NameList::And.join(&names(&["A", "B", "C"])), "A, B and C");
        assert_eq!(NameList::And.join(&names(&["A", "B"])), "A and B");
        assert_eq!(NameList::And.join(&names(&["A"])), "A");
        assert_eq!(NameList::Commas.join(&names(&["A", "B", "C"])), "A, B, C");
    }
}
