//! The rules that tie supplements and late items to the agenda: every supplement named
//! is declared, each is published after the agenda, a late item gives its reason for
//! urgency, and a supplement's notice is checked against the five clear days.

use crate::error::{ContentError, Result};
use crate::model::{
    Date, HolidayCalendar, Item, REQUIRED_CLEAR_DAYS, Supplement, clear_days_in, publish_by_if_late,
};

use super::yaml::YamlText;

/// The agenda being checked: its supplements and items.
pub struct Agenda<'a> {
    yaml: &'a YamlText<'a>,
    supplements: &'a [Supplement],
    /// Every item, each with its path in the YAML (`items[2]`).
    items: Vec<(String, &'a Item)>,
}

impl<'a> Agenda<'a> {
    /// The agenda of `meeting.yaml` read as `yaml`.
    pub fn new(
        yaml: &'a YamlText<'a>,
        supplements: &'a [Supplement],
        items: &'a [Item],
        private_items: &'a [Item],
    ) -> Self {
        let public = items
            .iter()
            .enumerate()
            .map(|(i, item)| (format!("items[{i}]"), item));
        let private = private_items
            .iter()
            .enumerate()
            .map(|(i, item)| (format!("private_items[{i}]"), item));
        Self {
            yaml,
            supplements,
            items: public.chain(private).collect(),
        }
    }

    /// Checks the agenda published on `published` for the meeting on `meeting`, clear
    /// days counted in `calendar`; returns the warnings (supplements published late
    /// or carrying nothing).
    pub fn check(
        &self,
        calendar: &HolidayCalendar,
        published: Date,
        meeting: Date,
    ) -> Result<Vec<ContentError>> {
        self.check_supplements(published)?;
        for (path, item) in &self.items {
            self.check_documents(path, item)?;
            self.check_late_item(path, item, published)?;
        }
        Ok(self.notice_warnings(calendar, meeting))
    }

    /// Supplements are numbered 1, 2, ... and published after the agenda.
    fn check_supplements(&self, published: Date) -> Result<()> {
        for (index, supplement) in self.supplements.iter().enumerate() {
            let path = format!("supplements[{index}]");
            if supplement.number != index + 1 {
                return Err(ContentError::new(
                    self.yaml.at(&format!("{path}.number")),
                    format!(
                        "this is supplement {}, not {}",
                        index + 1,
                        supplement.number
                    ),
                )
                .with_hint("number the supplements 1, 2, ... in the order they are published")
                .into());
            }
            if supplement.date <= published {
                return Err(ContentError::new(
                    self.yaml.at(&format!("{path}.date")),
                    format!(
                        "supplement {} is published on {}, not after the agenda ({})",
                        supplement.number,
                        supplement.date.long(),
                        published.long()
                    ),
                )
                .with_hint("a supplement carries what arrives after the agenda: give a later `date:`, or put its documents in the agenda")
                .into());
            }
        }
        Ok(())
    }

    /// Each document's supplement is one of `supplements:`.
    fn check_documents(&self, path: &str, item: &Item) -> Result<()> {
        for (index, document) in item.documents.iter().enumerate() {
            let Some(number) = document.supplement else {
                continue;
            };
            if !self.supplements.iter().any(|s| s.number == number) {
                return Err(ContentError::new(
                    self.yaml.at(&format!("{path}.documents[{index}].supplement")),
                    format!("`{}` is marked for supplement {number}, which `supplements:` does not declare", document.file.display()),
                )
                .with_hint(format!("add `supplements: [{{number: {number}, date: <its publication date>}}]` to meeting.yaml"))
                .into());
            }
        }
        Ok(())
    }

    /// An item added after publication needs the Chair's reason for urgency, and only
    /// such an item has one.
    fn check_late_item(&self, path: &str, item: &Item, published: Date) -> Result<()> {
        let late = item.added.is_some_and(|added| added > published);
        match (late, &item.urgency) {
            (true, None) => Err(ContentError::new(
                self.yaml.at(&format!("{path}.added")),
                format!(
                    "item {} was added after the agenda was published ({}) and gives no reason for urgency",
                    item.number,
                    published.long()
                ),
            )
            .with_hint("add `urgency: <the Chair's reason for taking the item as a matter of urgency>`; it is printed with the item")
            .into()),
            (false, Some(_)) => Err(ContentError::new(
                self.yaml.key_at(&format!("{path}.urgency")),
                "`urgency:` is for a late item, added after the agenda was published",
            )
            .with_hint("add `added: <the day it was added>` (after the publication date), or remove `urgency:`")
            .into()),
            _ => Ok(()),
        }
    }

    /// A supplement published with fewer than five clear days' notice, and one that
    /// carries nothing (it is printed all the same: a front sheet alone).
    fn notice_warnings(&self, calendar: &HolidayCalendar, meeting: Date) -> Vec<ContentError> {
        let empty = self
            .supplements
            .iter()
            .enumerate()
            .filter(|(_, supplement)| {
                !self.items.iter().any(|(_, item)| {
                    item.documents
                        .iter()
                        .any(|d| d.supplement == Some(supplement.number))
                })
            });
        let empty = empty.map(|(index, supplement)| {
            ContentError::new(
                self.yaml.at(&format!("supplements[{index}].number")),
                format!("supplement {} carries no documents", supplement.number),
            )
            .with_hint("mark its documents `supplement: N`, or remove it from `supplements:`")
        });
        let late = self.supplements
            .iter()
            .enumerate()
            .filter_map(|(index, supplement)| {
                let deadline = publish_by_if_late(calendar, supplement.date, meeting)?;
                let days = clear_days_in(calendar, supplement.date, meeting);
                Some(
                    ContentError::new(
                        self.yaml.at(&format!("supplements[{index}].date")),
                        format!(
                            "supplement {} is published {days} clear days before the meeting; the law asks for {REQUIRED_CLEAR_DAYS}: publish by {}",
                            supplement.number,
                            deadline.naive().format("%A %-d %B %Y")
                        ),
                    )
                    .with_hint("publish it earlier, or record the Chair's reason for urgency with its items"),
                )
            });
        empty.chain(late).collect()
    }
}
