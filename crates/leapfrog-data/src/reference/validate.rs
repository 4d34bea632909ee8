//! Checks for reference cases: a source, a non-zero published value, an id that names its case
//! and quantity.

use super::schema::*;
use crate::check::{fmt_num, validate_with, Checker};
use crate::error::IssueKind;
use crate::locate::Step;

validate_with!(ReferenceCase => reference_case);

impl Checker<'_> {
    fn reference_case(&mut self, r: &ReferenceCase) {
        self.source(r, &[Step::Key("source")], &r.source, r.note.as_ref());
        if !(r.value.is_finite() && r.value != 0.0) {
            let allowed = "a finite, non-zero published value (tolerances are relative to it)";
            self.push(
                r,
                &[Step::Key("value")],
                IssueKind::OutOfRange,
                fmt_num(r.value),
                allowed,
            );
        }
        if r.id != format!("{}:{}", r.case, r.quantity) {
            let allowed = format!("\"{}:{}\" (case:quantity)", r.case, r.quantity);
            self.push(
                r,
                &[Step::Key("id")],
                IssueKind::OutOfRange,
                format!("\"{}\"", r.id),
                &allowed,
            );
        }
    }
}
