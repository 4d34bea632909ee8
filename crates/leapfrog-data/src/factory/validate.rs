//! Checks for the factory records: sources of every figure, ranges, and step references.

use super::schema::*;
use crate::check::{validate_with, Checker};
use crate::error::IssueKind;
use crate::locate::Step;

const BIG: f64 = 1.0e13;

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
        self.year(b, &[Step::Key("year")], b.year);
        self.positive(b, &[Step::Key("units_per_usd")], b.units_per_usd, 1.0e5);
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
        for (key, v) in [
            ("labour_h_per_yr", s.labour_h_per_yr),
            ("capex_musd", s.capex_musd),
            ("floor_m2", s.floor_m2),
        ] {
            self.range(s, &[Step::Key(key)], v, 0.0, BIG, "a number >= 0");
        }
        for (key, v) in [
            ("labour_exponent", s.labour_exponent),
            ("capex_exponent", s.capex_exponent),
            ("floor_exponent", s.floor_exponent),
        ] {
            self.range(
                s,
                &[Step::Key(key)],
                v,
                0.0,
                1.5,
                "an exponent from 0 to 1.5",
            );
        }
        self.range(
            s,
            &[Step::Key("energy_share")],
            s.energy_share,
            0.0,
            1.0,
            "a fraction from 0 to 1",
        );
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
        for (key, v) in [
            ("baseline_packs_per_yr", m.baseline_packs_per_yr),
            ("baseline_modules_per_yr", m.baseline_modules_per_yr),
            ("baseline_cells_per_yr", m.baseline_cells_per_yr),
            (
                "baseline_positive_electrode_m2",
                m.baseline_positive_electrode_m2,
            ),
            (
                "baseline_negative_electrode_m2",
                m.baseline_negative_electrode_m2,
            ),
            ("baseline_positive_am_kg", m.baseline_positive_am_kg),
            ("baseline_negative_am_kg", m.baseline_negative_am_kg),
            ("baseline_kwh_per_yr", m.baseline_kwh_per_yr),
            ("baseline_solvent_kg", m.baseline_solvent_kg),
            ("baseline_cell_ah", m.baseline_cell_ah),
            ("baseline_modules_per_pack", m.baseline_modules_per_pack),
            ("labour_usd_per_h", m.labour_usd_per_h),
            ("working_days_per_yr", m.working_days_per_yr),
            ("shifts_per_day", m.shifts_per_day),
            ("building_usd_per_m2", m.building_usd_per_m2),
            ("equipment_life_yr", m.equipment_life_yr),
            ("baseline_energy_kwh_per_kwh", m.baseline_energy_kwh_per_kwh),
            ("formation_large_cell_ah", m.formation_large_cell_ah),
            ("formation_large_cell_factor", m.formation_large_cell_factor),
        ] {
            self.positive(m, &[Step::Key(key)], v, BIG);
        }
        for (key, v) in [
            ("cell_yield", m.cell_yield),
            ("electrode_mixing_yield", m.electrode_mixing_yield),
            ("electrode_coating_yield", m.electrode_coating_yield),
            ("electrode_slitting_yield", m.electrode_slitting_yield),
            ("electrode_stacking_yield", m.electrode_stacking_yield),
            ("foil_coating_yield", m.foil_coating_yield),
            ("foil_slitting_yield", m.foil_slitting_yield),
            ("foil_stacking_yield", m.foil_stacking_yield),
            ("separator_yield", m.separator_yield),
            ("electrolyte_yield", m.electrolyte_yield),
        ] {
            self.range(
                m,
                &[Step::Key(key)],
                v,
                0.01,
                1.0,
                "a yield above 0 and at most 1",
            );
        }
        for (key, v) in [
            ("solvent_recovery", m.solvent_recovery),
            ("variable_overhead_of_labour", m.variable_overhead_of_labour),
            (
                "variable_overhead_of_depreciation",
                m.variable_overhead_of_depreciation,
            ),
            ("gsa_of_labour_and_overhead", m.gsa_of_labour_and_overhead),
            ("gsa_of_depreciation", m.gsa_of_depreciation),
            ("rd_of_depreciation", m.rd_of_depreciation),
            (
                "building_depreciation_per_yr",
                m.building_depreciation_per_yr,
            ),
            ("launch_of_materials", m.launch_of_materials),
            (
                "launch_of_labour_and_overhead",
                m.launch_of_labour_and_overhead,
            ),
            (
                "working_capital_of_variable_cost",
                m.working_capital_of_variable_cost,
            ),
            ("profit_of_investment", m.profit_of_investment),
            ("warranty_of_price", m.warranty_of_price),
        ] {
            self.range(m, &[Step::Key(key)], v, 0.0, 1.0, "a rate from 0 to 1");
        }
        for (key, v) in [
            ("solvent_kg_per_kg_solids", m.solvent_kg_per_kg_solids),
            ("solvent_price_usd_per_kg", m.solvent_price_usd_per_kg),
            ("cell_hardware_usd_per_ah", m.cell_hardware_usd_per_ah),
            ("module_items_usd_per_module", m.module_items_usd_per_module),
            ("pack_items_usd_per_pack", m.pack_items_usd_per_pack),
            ("bms_usd_per_pack", m.bms_usd_per_pack),
            (
                "overhead_electricity_usd_per_kwh",
                m.overhead_electricity_usd_per_kwh,
            ),
            ("coating_solvent_exponent", m.coating_solvent_exponent),
            ("stacking_exponent", m.stacking_exponent),
            ("formation_exponent", m.formation_exponent),
            ("pack_assembly_exponent", m.pack_assembly_exponent),
        ] {
            self.range(m, &[Step::Key(key)], v, 0.0, 1.0e6, "a number >= 0");
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
        let known = self.data.regions.iter().any(|g| g.id == r.region);
        self.reference(r, &[Step::Key("region")], &r.region, known, "region");
        self.year(r, &[Step::Key("year")], r.year);
        let fields = [
            (
                "labour_usd_per_h",
                r.labour_usd_per_h,
                "labour_source",
                &r.labour_source,
            ),
            (
                "building_usd_per_m2",
                r.building_usd_per_m2,
                "building_source",
                &r.building_source,
            ),
            (
                "electricity_usd_per_kwh",
                r.electricity_usd_per_kwh,
                "electricity_source",
                &r.electricity_source,
            ),
            (
                "equipment_cost_multiplier",
                r.equipment_cost_multiplier,
                "equipment_source",
                &r.equipment_source,
            ),
            (
                "cost_of_capital",
                r.cost_of_capital,
                "capital_source",
                &r.capital_source,
            ),
            (
                "construction_years",
                r.construction_years,
                "construction_source",
                &r.construction_source,
            ),
        ];
        for (key, v, src_key, src) in fields {
            self.positive(r, &[Step::Key(key)], v, 1.0e5);
            self.source(r, &[Step::Key(src_key)], src, note);
        }
    }

    fn process_variant(&mut self, v: &ProcessVariant) {
        self.source(v, &[Step::Key("source")], &v.source, v.note.as_ref());
        self.range(
            v,
            &[Step::Key("module_items_factor")],
            v.module_items_factor,
            0.0,
            10.0,
            "a factor from 0 to 10",
        );
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
