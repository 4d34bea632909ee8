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
            }
            let exists = self.data.financing(&s.financing).is_some();
            self.reference(p, &at("financing"), &s.financing, exists, "financing");
        }
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
