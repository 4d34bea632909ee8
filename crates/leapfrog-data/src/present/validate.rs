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
    BackcastSettings => backcast_settings,
    DemandHistory => demand_history,
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

    fn backcast_settings(&mut self, b: &BackcastSettings) {
        let note = b.note.as_ref();
        for (k, s) in b.contract_share_sources.iter().enumerate() {
            self.source(
                b,
                &[Step::Key("contract_share_sources"), Step::Item(k)],
                s,
                note,
            );
        }
        if b.start_year >= b.end_year {
            self.push(
                b,
                &[Step::Key("end_year")],
                IssueKind::OutOfRange,
                format!("{} to {}", b.start_year, b.end_year),
                "an end year after the start year",
            );
        }
        for (k, y) in b.calibration_years.iter().enumerate() {
            if *y < b.start_year || *y > b.end_year {
                self.push(
                    b,
                    &[Step::Key("calibration_years"), Step::Item(k)],
                    IssueKind::OutOfRange,
                    y.to_string(),
                    &format!("a year from {} to {}", b.start_year, b.end_year),
                );
            }
        }
        if b.contract_share_low > b.contract_share_high {
            self.push(
                b,
                &[Step::Key("contract_share_low")],
                IssueKind::OutOfRange,
                format!("{} above {}", b.contract_share_low, b.contract_share_high),
                "contract_share_low <= contract_share_high",
            );
        }
        let known = self.data.ramps.iter().any(|r| r.id == b.ramp);
        self.reference(b, &[Step::Key("ramp")], &b.ramp, known, "ramp");
        let known = self
            .data
            .share_tables
            .iter()
            .any(|t| t.id == b.experience_table);
        self.reference(
            b,
            &[Step::Key("experience_table")],
            &b.experience_table,
            known,
            "share_table",
        );
        for (k, p) in b.region_proxies.iter().enumerate() {
            let known = self
                .data
                .factory_regions
                .iter()
                .any(|r| r.region == p.region);
            let steps = [
                Step::Key("region_proxies"),
                Step::Item(k),
                Step::Key("region"),
            ];
            self.reference(b, &steps, &p.region, known, "factory_region");
        }
        for (k, p) in b.plant_chemistries.iter().enumerate() {
            let known = self
                .data
                .policy_chemistries
                .iter()
                .any(|c| c.id == p.chemistry);
            let steps = [
                Step::Key("plant_chemistries"),
                Step::Item(k),
                Step::Key("chemistry"),
            ];
            self.reference(b, &steps, &p.chemistry, known, "policy_chemistry");
        }
    }

    fn demand_history(&mut self, d: &DemandHistory) {
        self.source(d, &[Step::Key("source")], &d.source, d.note.as_ref());
        self.source(
            d,
            &[Step::Key("us_share_source")],
            &d.us_share_source,
            d.note.as_ref(),
        );
        let known = self.data.policy_sectors.iter().any(|s| s.id == d.sector);
        self.reference(d, &[Step::Key("sector")], &d.sector, known, "policy_sector");
        if d.derived && d.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
            self.push(
                d,
                &[Step::Key("note")],
                IssueKind::MissingField,
                "absent".into(),
                "a note saying how a derived figure is computed",
            );
        }
    }
}
