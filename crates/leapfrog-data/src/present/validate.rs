//! Checks for the present: scopes and metrics from their lists, sources resolve, a backcast
//! row's band holds its value and rests on two sources or a source's own range.

use super::schema::*;
use crate::check::{validate_with, Checker};
use crate::error::IssueKind;
use crate::locate::Step;

validate_with!(
    CapacityTotal => capacity_total,
    FirmOutput => firm_output,
    BackcastRow => backcast_row,
);

const SCOPES: &[&str] = &["world", "china", "ex-china", "europe"];

/// The metrics the backcast reproduces.
pub const BACKCAST_METRICS: &[&str] = &[
    "world_cell_output_gwh",
    "cn_share_of_world_output",
    "us_output_gwh",
    "kr_jp_makers_output_gwh",
    "us_cn_cell_cost_ratio_lfp",
    "us_cn_cell_cost_ratio_nmc",
];

impl Checker<'_> {
    fn capacity_total(&mut self, t: &CapacityTotal) {
        self.source(t, &[Step::Key("source")], &t.source, t.note.as_ref());
        if !SCOPES.contains(&t.scope.as_str()) {
            self.push(
                t,
                &[Step::Key("scope")],
                IssueKind::OutOfRange,
                format!("\"{}\"", t.scope),
                &format!("one of {}", SCOPES.join(", ")),
            );
        }
        if t.derived && t.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
            self.push(
                t,
                &[Step::Key("note")],
                IssueKind::MissingField,
                "absent".into(),
                "a note saying how a derived total is computed",
            );
        }
    }

    fn firm_output(&mut self, f: &FirmOutput) {
        self.source(f, &[Step::Key("source")], &f.source, f.note.as_ref());
        if f.production_gwh.is_none()
            && f.sales_gwh.is_none()
            && f.capacity_gwh.is_none()
            && f.utilisation.is_none()
        {
            self.push(
                f,
                &[Step::Key("production_gwh")],
                IssueKind::MissingField,
                "absent".into(),
                "at least one of production_gwh, sales_gwh, capacity_gwh, utilisation",
            );
        }
    }

    fn backcast_row(&mut self, r: &BackcastRow) {
        if !BACKCAST_METRICS.contains(&r.metric.as_str()) {
            self.push(
                r,
                &[Step::Key("metric")],
                IssueKind::OutOfRange,
                format!("\"{}\"", r.metric),
                &format!("one of {}", BACKCAST_METRICS.join(", ")),
            );
        }
        for (k, s) in r.sources.iter().enumerate() {
            self.source(
                r,
                &[Step::Key("sources"), Step::Item(k)],
                s,
                r.note.as_ref(),
            );
        }
        let independent = {
            let mut s: Vec<&str> = r
                .sources
                .iter()
                .map(String::as_str)
                .filter(|s| *s != "assumption")
                .collect();
            s.sort_unstable();
            s.dedup();
            s.len()
        };
        if independent < 2 && !(r.own_range && independent == 1) {
            self.push(
                r,
                &[Step::Key("sources")],
                IssueKind::MissingSource,
                format!("{independent} source(s)"),
                "two or more independent sources, or one with own_range = true (its own stated range)",
            );
        }
        if !(r.low.is_finite() && r.high.is_finite() && r.low <= r.value && r.value <= r.high) {
            self.push(
                r,
                &[Step::Key("value")],
                IssueKind::OutOfRange,
                format!("low {}, value {}, high {}", r.low, r.value, r.high),
                "finite low <= value <= high",
            );
        }
    }
}
