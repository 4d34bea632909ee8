//! Checks for the factory records: sources of every figure, ranges, and step references.

use super::schema::*;
use crate::check::{validate_with, Checker};
use crate::error::IssueKind;
use crate::locate::Step;

validate_with!(
    ProcessStep => process_step,
    CostModel => cost_model,
    FactoryRegion => factory_region,
    ProcessVariant => process_variant,
    PriceBasis => price_basis,
);

impl Checker<'_> {
    fn price_basis(&mut self, b: &PriceBasis) {
        let note = b.note.as_ref();
        let known = self.data.regions.iter().any(|g| g.id == b.region);
        self.reference(b, &[Step::Key("region")], &b.region, known, "region");
        self.source(b, &[Step::Key("source")], &b.source, note);
        self.source(b, &[Step::Key("fx_source")], &b.fx_source, note);
        for (i, p) in b.prices.iter().enumerate() {
            let at = |k| [Step::Key("prices"), Step::Item(i), Step::Key(k)];
            let known = self.data.materials.iter().any(|m| m.id == p.material);
            self.reference(b, &at("material"), &p.material, known, "material");
            if b.prices[..i].iter().any(|q| q.material == p.material) {
                self.push(
                    b,
                    &at("material"),
                    IssueKind::DuplicateId,
                    format!("\"{}\"", p.material),
                    "each material once per basis",
                );
            }
            self.positive(b, &at("price_per_kg"), p.price_per_kg, 1.0e7);
            self.source(b, &at("source"), &p.source, p.note.as_ref().or(note));
        }
        for (i, c) in b.market_cells.iter().enumerate() {
            let at = |k| [Step::Key("market_cells"), Step::Item(i), Step::Key(k)];
            let known = self.data.couples.iter().any(|x| x.id == c.couple);
            self.reference(b, &at("couple"), &c.couple, known, "couple");
            self.positive(b, &at("price_per_wh"), c.price_per_wh, 1.0e4);
            self.source(b, &at("source"), &c.source, note);
        }
    }

    fn process_step(&mut self, s: &ProcessStep) {
        let note = s.note.as_ref();
        self.source(s, &[Step::Key("source")], &s.source, note);
        self.source(s, &[Step::Key("energy_source")], &s.energy_source, note);
    }

    fn cost_model(&mut self, m: &CostModel) {
        let note = m.note.as_ref();
        for (key, src) in [
            ("source", &m.source),
            ("cell_hardware_source", &m.cell_hardware_source),
            ("energy_source", &m.energy_source),
            (
                "overhead_electricity_source",
                &m.overhead_electricity_source,
            ),
            ("ramp_source", &m.ramp_source),
        ] {
            self.source(m, &[Step::Key(key)], src, note);
        }
        for (i, &f) in m.ramp_yield_factors.iter().enumerate() {
            let steps = [Step::Key("ramp_yield_factors"), Step::Item(i)];
            self.range(
                m,
                &steps,
                f,
                0.01,
                1.0,
                "a yield factor above 0 and at most 1",
            );
        }
    }

    fn factory_region(&mut self, r: &FactoryRegion) {
        let note = r.note.as_ref();
        for (k, a) in r.assumed_ranges.iter().enumerate() {
            let at = |key| [Step::Key("assumed_ranges"), Step::Item(k), Step::Key(key)];
            self.source(r, &at("source"), &a.source, a.note.as_ref());
            match r.value_of(&a.parameter) {
                None => self.push(
                    r,
                    &at("parameter"),
                    IssueKind::OutOfRange,
                    format!("\"{}\"", a.parameter),
                    "one of labour_usd_per_h, building_usd_per_m2, electricity_usd_per_kwh, equipment_cost_multiplier, cost_of_capital, construction_years",
                ),
                Some(v) if !(a.low.is_finite() && a.high.is_finite() && a.low <= v && v <= a.high && a.low > 0.0) => self.push(
                    r,
                    &at("low"),
                    IssueKind::OutOfRange,
                    format!("[{}, {}] around {v}", a.low, a.high),
                    "0 < low <= the region's value <= high",
                ),
                _ => {}
            }
        }
        let known = self.data.regions.iter().any(|g| g.id == r.region);
        self.reference(r, &[Step::Key("region")], &r.region, known, "region");
        for (key, src) in [
            ("labour_source", &r.labour_source),
            ("building_source", &r.building_source),
            ("electricity_source", &r.electricity_source),
            ("equipment_source", &r.equipment_source),
            ("capital_source", &r.capital_source),
            ("construction_source", &r.construction_source),
        ] {
            self.source(r, &[Step::Key(key)], src, note);
        }
    }

    fn process_variant(&mut self, v: &ProcessVariant) {
        self.source(v, &[Step::Key("source")], &v.source, v.note.as_ref());
        for (i, c) in v.changes.iter().enumerate() {
            let known = self.data.process_steps.iter().any(|s| s.id == c.step);
            let at = |k| [Step::Key("changes"), Step::Item(i), Step::Key(k)];
            self.reference(v, &at("step"), &c.step, known, "process_step");
            for (key, f) in [
                ("labour_factor", c.labour_factor),
                ("capex_factor", c.capex_factor),
                ("floor_factor", c.floor_factor),
                ("energy_factor", c.energy_factor),
            ] {
                self.range(v, &at(key), f, 0.0, 10.0, "a factor from 0 to 10");
            }
        }
    }
}
