//! Checks for scale-up data: every reference resolves (steps, regions, ramps, financing,
//! process options, couples), a step sits in at most one line group, equipment shares sum to
//! one, a path's stages are in range and its ids unique.

use super::schema::*;
use crate::check::{validate_with, Checker};
use crate::error::IssueKind;
use crate::locate::Step;

validate_with!(
    ScaleupSettings => scaleup_settings,
    LineGroup => line_group,
    Ramp => ramp,
    Financing => financing,
    ManufacturingVariant => manufacturing_variant,
    EquipmentControl => equipment_control,
    ScaleupPath => scaleup_path,
    ScaleupReference => scaleup_reference,
    ScaleupRisk => scaleup_risk,
);

/// The most stages a path may have.
pub const MAX_STAGES: usize = 12;

impl Checker<'_> {
    fn scaleup_settings(&mut self, s: &ScaleupSettings) {
        self.source(
            s,
            &[Step::Key("sub_line_source")],
            &s.sub_line_source,
            s.sub_line_note.as_ref(),
        );
        self.source(
            s,
            &[Step::Key("hours_source")],
            &s.hours_source,
            s.hours_note.as_ref(),
        );
    }

    fn line_group(&mut self, g: &LineGroup) {
        self.source(g, &[Step::Key("source")], &g.source, g.note.as_ref());
        self.source(
            g,
            &[Step::Key("equipment_source")],
            &g.equipment_source,
            g.equipment_note.as_ref(),
        );
        for (k, step) in g.steps.iter().enumerate() {
            let at = [Step::Key("steps"), Step::Item(k)];
            let exists = self.data.process_step(step).is_some();
            self.reference(g, &at, step, exists, "process_step");
            let claimed_before = self
                .data
                .line_groups
                .iter()
                .take_while(|other| other.id != g.id)
                .any(|other| other.steps.contains(step))
                || g.steps[..k].contains(step);
            if claimed_before {
                self.push(
                    g,
                    &at,
                    IssueKind::OutOfRange,
                    format!("\"{step}\""),
                    "a process step in at most one line group",
                );
            }
        }
        if g.smallest_tool_gwh_per_yr > g.line_gwh_per_yr {
            self.push(
                g,
                &[Step::Key("smallest_tool_gwh_per_yr")],
                IssueKind::OutOfRange,
                format!("{}", g.smallest_tool_gwh_per_yr),
                &format!("at most the line itself ({} GWh/yr)", g.line_gwh_per_yr),
            );
        }
        self.equipment_shares(g);
    }

    fn equipment_shares(&mut self, g: &LineGroup) {
        for (k, s) in g.equipment_shares.iter().enumerate() {
            let exists = self.data.region(&s.country).is_some();
            let at = [Step::Key("equipment_shares"), Step::Item(k)];
            self.reference(
                g,
                &[at[0], at[1], Step::Key("country")],
                &s.country,
                exists,
                "region",
            );
            self.range(
                g,
                &[at[0], at[1], Step::Key("share")],
                s.share,
                0.0,
                1.0,
                "a share from 0 to 1",
            );
        }
        let total: f64 = g.equipment_shares.iter().map(|s| s.share).sum();
        if (total - 1.0).abs() > 0.01 {
            self.push(
                g,
                &[Step::Key("equipment_shares")],
                IssueKind::OutOfRange,
                format!("shares summing to {total:.3}"),
                "shares summing to 1 (within 0.01)",
            );
        }
    }

    fn ramp(&mut self, r: &Ramp) {
        self.source(
            r,
            &[Step::Key("scrap_source")],
            &r.scrap_source,
            r.scrap_note.as_ref(),
        );
        self.source(
            r,
            &[Step::Key("experience_source")],
            &r.experience_source,
            r.experience_note.as_ref(),
        );
        self.source(
            r,
            &[Step::Key("utilisation_source")],
            &r.utilisation_source,
            r.utilisation_note.as_ref(),
        );
    }

    fn financing(&mut self, f: &Financing) {
        self.source(f, &[Step::Key("source")], &f.source, f.note.as_ref());
        if f.debt_share.is_some_and(|d| d > 0.0) {
            if f.debt_tenor_years.is_none() {
                self.push(
                    f,
                    &[Step::Key("debt_tenor_years")],
                    IssueKind::MissingField,
                    "absent".into(),
                    "the years over which the loan is repaid, with a debt_share",
                );
            }
            match &f.debt_source {
                Some(src) => self.source(f, &[Step::Key("debt_source")], src, f.debt_note.as_ref()),
                None => self.push(
                    f,
                    &[Step::Key("debt_source")],
                    IssueKind::MissingSource,
                    "absent".into(),
                    "a source (or assumption with a debt_note) for debt_share and debt_tenor_years",
                ),
            }
        }
        if f.regional == f.cost_of_capital.is_some() {
            self.push(
                f,
                &[Step::Key("cost_of_capital")],
                IssueKind::MissingField,
                format!("cost_of_capital {:?}, regional {}", f.cost_of_capital, f.regional),
                "exactly one of cost_of_capital (the instrument's own rate) or regional = true (the plant's region's rate)",
            );
        }
    }

    fn manufacturing_variant(&mut self, v: &ManufacturingVariant) {
        self.source(v, &[Step::Key("source")], &v.source, v.note.as_ref());
        for (k, p) in v.processes.iter().enumerate() {
            let exists = self.data.process_variant(p).is_some();
            self.reference(
                v,
                &[Step::Key("processes"), Step::Item(k)],
                p,
                exists,
                "process_variant",
            );
        }
    }

    fn equipment_control(&mut self, c: &EquipmentControl) {
        self.source(c, &[Step::Key("source")], &c.source, c.note.as_ref());
        let exists = self.data.region(&c.country).is_some();
        self.reference(c, &[Step::Key("country")], &c.country, exists, "region");
        if !is_date(&c.effective) {
            self.push(
                c,
                &[Step::Key("effective")],
                IssueKind::OutOfRange,
                format!("\"{}\"", c.effective),
                "a date YYYY-MM-DD",
            );
        }
    }

    fn scaleup_reference(&mut self, r: &ScaleupReference) {
        self.source(r, &[Step::Key("source")], &r.source, r.note.as_ref());
        let exists = self.data.couple(&r.chemistry).is_some();
        self.reference(r, &[Step::Key("chemistry")], &r.chemistry, exists, "couple");
        if r.plant_gwh_per_yr.is_none() && r.plant_gw_per_yr.is_none() {
            self.push(
                r,
                &[Step::Key("plant_gwh_per_yr")],
                IssueKind::MissingField,
                "absent".into(),
                "the plant's energy capacity (plant_gwh_per_yr) or, where the source rates it in power, plant_gw_per_yr",
            );
        }
        if let Some(o) = r.outcome.as_deref().filter(|o| !OUTCOMES.contains(o)) {
            self.push(
                r,
                &[Step::Key("outcome")],
                IssueKind::OutOfRange,
                format!("\"{o}\""),
                &format!("one of {}", OUTCOMES.join(", ")),
            );
        }
        if let Some(d) = r.outcome_date.as_deref().filter(|d| !is_partial_date(d)) {
            self.push(
                r,
                &[Step::Key("outcome_date")],
                IssueKind::OutOfRange,
                format!("\"{d}\""),
                "a date YYYY, YYYY-MM or YYYY-MM-DD",
            );
        }
        if let Some(p) = &r.path_shape {
            let exists = self.data.scaleup_path(p).is_some();
            self.reference(r, &[Step::Key("path_shape")], p, exists, "scaleup_path");
        }
    }

    fn scaleup_risk(&mut self, r: &ScaleupRisk) {
        let sources = [
            ("reserve_source", &r.reserve_source, r.reserve_note.as_ref()),
            (
                "capex_contingency_source",
                &r.capex_contingency_source,
                r.capex_contingency_note.as_ref(),
            ),
            (
                "credit_transfer_source",
                &r.credit_transfer_source,
                r.credit_transfer_note.as_ref(),
            ),
            (
                "elective_pay_source",
                &r.elective_pay_source,
                r.elective_pay_note.as_ref(),
            ),
        ];
        for (key, src, note) in sources {
            self.source(r, &[Step::Key(key)], src, note);
        }
        for (k, range) in r.ranges.iter().enumerate() {
            let at = |key| [Step::Key("ranges"), Step::Item(k), Step::Key(key)];
            self.source(r, &at("source"), &range.source, range.note.as_ref());
            if !RISK_INPUTS.iter().any(|(name, _)| *name == range.input) {
                let allowed: Vec<&str> = RISK_INPUTS.iter().map(|(n, _)| *n).collect();
                self.push(
                    r,
                    &at("input"),
                    IssueKind::OutOfRange,
                    format!("\"{}\"", range.input),
                    &format!("one of {}", allowed.join(", ")),
                );
            }
            let ordered = range.low <= range.mode && range.mode <= range.high;
            let finite = [range.low, range.mode, range.high]
                .iter()
                .all(|v| v.is_finite() && *v >= 0.0);
            if !(ordered && finite) {
                self.push(
                    r,
                    &at("mode"),
                    IssueKind::OutOfRange,
                    format!(
                        "low {}, mode {}, high {}",
                        range.low, range.mode, range.high
                    ),
                    "0 <= low <= mode <= high",
                );
            }
        }
    }

    fn scaleup_path(&mut self, p: &ScaleupPath) {
        if !self.is_spec(p) || !p.source.is_empty() {
            self.source(p, &[Step::Key("source")], &p.source, p.note.as_ref());
        }
        if let Some(r) = &p.region {
            let exists = self.data.factory_region(r).is_some();
            self.reference(p, &[Step::Key("region")], r, exists, "factory_region");
        }
        let refs: [(&str, &str, bool, &str); 5] = [
            (
                "incumbent_learning_series",
                &p.incumbent_learning_series,
                self.data
                    .learning_series(&p.incumbent_learning_series)
                    .is_some(),
                "learning_series",
            ),
            ("ramp", &p.ramp, self.data.ramp(&p.ramp).is_some(), "ramp"),
            (
                "incumbent_chemistry",
                &p.incumbent_chemistry,
                self.data.couple(&p.incumbent_chemistry).is_some(),
                "couple",
            ),
            (
                "incumbent_region",
                &p.incumbent_region,
                self.data.factory_region(&p.incumbent_region).is_some(),
                "factory_region",
            ),
            (
                "incumbent_financing",
                &p.incumbent_financing,
                self.data.financing(&p.incumbent_financing).is_some(),
                "financing",
            ),
        ];
        for (key, id, exists, what) in refs {
            self.reference(p, &[Step::Key(key)], id, exists, what);
        }
        if let Some(b) = &p.price_basis {
            let exists = self.data.price_basis(b).is_some();
            self.reference(p, &[Step::Key("price_basis")], b, exists, "price_basis");
        }
        if let Some(b) = &p.incumbent_price_basis {
            let exists = self.data.price_basis(b).is_some();
            self.reference(
                p,
                &[Step::Key("incumbent_price_basis")],
                b,
                exists,
                "price_basis",
            );
        }
        self.stages(p);
        self.grants(p);
    }

    fn grants(&mut self, p: &ScaleupPath) {
        for (k, g) in p.grants.iter().enumerate() {
            let at = |key| [Step::Key("grants"), Step::Item(k), Step::Key(key)];
            self.source(p, &at("source"), &g.source, g.note.as_ref());
            let exists = p.stages.iter().any(|s| s.id == g.stage);
            self.reference(p, &at("stage"), &g.stage, exists, "stage of this path");
            if !GRANT_KINDS.contains(&g.kind.as_str()) {
                self.push(
                    p,
                    &at("kind"),
                    IssueKind::OutOfRange,
                    format!("\"{}\"", g.kind),
                    &format!("one of {}", GRANT_KINDS.join(", ")),
                );
            }
            if !(g.musd.is_finite() && g.musd > 0.0 && g.musd <= 1.0e5) {
                self.push(
                    p,
                    &at("musd"),
                    IssueKind::OutOfRange,
                    format!("{}", g.musd),
                    "a positive amount up to 100000 M$",
                );
            }
        }
    }

    fn stages(&mut self, p: &ScaleupPath) {
        if p.stages.is_empty() || p.stages.len() > MAX_STAGES {
            self.push(
                p,
                &[Step::Key("stages")],
                IssueKind::OutOfRange,
                format!("{} stages", p.stages.len()),
                &format!("1 to {MAX_STAGES} stages"),
            );
        }
        for (k, s) in p.stages.iter().enumerate() {
            let at = |key: &'static str| [Step::Key("stages"), Step::Item(k), Step::Key(key)];
            if s.id.trim().is_empty() || p.stages[..k].iter().any(|o| o.id == s.id) {
                self.push(
                    p,
                    &at("id"),
                    IssueKind::OutOfRange,
                    format!("\"{}\"", s.id),
                    "a non-empty stage id, unique in the path",
                );
            }
            let (lo, hi, words) = STAGE_GWH;
            self.range(
                p,
                &at("plant_gwh_per_yr"),
                s.plant_gwh_per_yr,
                lo,
                hi,
                words,
            );
            let (lo, hi, words) = STAGE_BUILD_MONTHS;
            self.range(p, &at("build_months"), s.build_months, lo, hi, words);
            if let Some(m) = s.gate_months {
                let (lo, hi, words) = STAGE_GATE_MONTHS;
                self.range(p, &at("gate_months"), m, lo, hi, words);
            }
            if let Some(x) = s.gate_scrap {
                let (lo, hi, words) = STAGE_GATE_SCRAP;
                self.range(p, &at("gate_scrap"), x, lo, hi, words);
                // The check `scaleup` makes, made here too: scrap falls towards the cost
                // models' mature rate (1 - cell yield) and never below it.
                let mature = self
                    .data
                    .cost_models
                    .iter()
                    .map(|m| 1.0 - m.cell_yield)
                    .fold(0.0, f64::max);
                if (lo..=hi).contains(&x) && x <= mature {
                    self.push(
                        p,
                        &at("gate_scrap"),
                        IssueKind::OutOfRange,
                        format!("{x}"),
                        &format!(
                            "a share above the cost model's mature scrap ({mature:.3}): scrap never falls to it, so the gate would never open"
                        ),
                    );
                }
            }
            let exists = self.data.financing(&s.financing).is_some();
            self.reference(p, &at("financing"), &s.financing, exists, "financing");
        }
    }
}

/// YYYY, YYYY-MM or YYYY-MM-DD.
fn is_partial_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        _ => is_date(s),
    }
}

fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |t: &str, n: usize, lo: u32, hi: u32| {
        t.len() == n
            && t.chars().all(|c| c.is_ascii_digit())
            && t.parse::<u32>().is_ok_and(|v| (lo..=hi).contains(&v))
    };
    parts.len() == 3
        && num(parts[0], 4, 1950, 2100)
        && num(parts[1], 2, 1, 12)
        && num(parts[2], 2, 1, 31)
}
