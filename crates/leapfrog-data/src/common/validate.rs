//! Checks for the shared records: bibliography entries and regions.

use super::schema::*;
use crate::check::{validate_with, Checker};
use crate::error::IssueKind;
use crate::locate::Step;

validate_with!(Source => bibliography_entry, Region => region);

impl Checker<'_> {
    fn bibliography_entry(&mut self, s: &Source) {
        if s.locator.trim().is_empty() {
            let allowed = "a URL, DOI or page/table locator";
            self.push(
                s,
                &[Step::Key("locator")],
                IssueKind::MissingField,
                "\"\"".into(),
                allowed,
            );
        }
    }

    fn region(&mut self, r: &Region) {
        self.source(r, &[Step::Key("source")], &r.source, r.note.as_ref());
    }
}
