//! Prices one design: steps → plant totals → the roll-up, with breakdowns by cost element,
//! by process step and into cell and pack.

use crate::materials;
use crate::model::{CostResult, Factory, PlantSummary, Prepared, ProcessCost};
use crate::plant::{PlantResult, StepResult};
use crate::rollup::{Multipliers, PriceBuild, RollupInputs};
use leapfrog_cell::Design;
use leapfrog_data::{StepGroup, StepLevel};

/// Annual $ of one step by input, before multipliers.
#[derive(Debug, Clone, Copy, Default)]
struct StepUsd {
    variable: f64,
    labour: f64,
    capital: f64,
    building: f64,
}

impl StepUsd {
    fn price(&self, k: &Multipliers) -> f64 {
        self.variable * k.materials
            + self.labour * k.labour
            + self.capital * k.capital
            + self.building * k.building
    }
}

impl Factory {
    /// Prices one design; never fails once `prepare` has succeeded.
    pub fn evaluate(&self, p: &Prepared, design: &Design) -> CostResult {
        self.evaluate_at(p, design, p.plant_gwh_per_yr)
    }

    /// Prices one design at another plant scale than the prepared one (GWh per year,
    /// checked by `prepare`'s rule: callers pass a positive finite number).
    pub fn evaluate_at(&self, p: &Prepared, design: &Design, plant_gwh_per_yr: f64) -> CostResult {
        let d = self.drivers(p, design, plant_gwh_per_yr);
        let r = &p.region;
        let steps: Vec<StepResult> = self
            .step_models()
            .iter()
            .zip(&p.factors)
            .enumerate()
            .map(|(i, (s, f))| s.evaluate(&self.model, &d, f, p.solvent_free, p.line(i)))
            .collect();
        let interest = r.construction_interest_fraction();
        let electricity_delta =
            r.electricity_usd_per_kwh - self.model.overhead_electricity_usd_per_kwh;
        let step_usd: Vec<StepUsd> = steps
            .iter()
            .map(|s| {
                let capital = s.capex_usd * r.equipment_cost_multiplier;
                let building = s.floor_m2 * r.building_usd_per_m2;
                StepUsd {
                    variable: s.energy_kwh * electricity_delta,
                    labour: s.labour_h * r.labour_usd_per_h,
                    capital: capital + interest * (capital + building),
                    building,
                }
            })
            .collect();
        let cell_materials = materials::per_cell(
            design,
            &p.prices,
            self.yields(),
            &self.model,
            p.solvent_free,
        );
        let m = &self.model;
        let pack_items =
            m.module_items_usd_per_module * p.module_items_factor * design.pack.modules as f64
                + m.pack_items_usd_per_pack
                + m.bms_usd_per_pack;
        let cells_per_pack = design.pack.cells as f64;
        let materials_per_yr = (cell_materials.total_usd * cells_per_pack + pack_items) * d.packs;
        let total = step_usd.iter().fold(StepUsd::default(), |a, s| StepUsd {
            variable: a.variable + s.variable,
            labour: a.labour + s.labour,
            capital: a.capital + s.capital,
            building: a.building + s.building,
        });
        let inputs = RollupInputs {
            materials_usd: materials_per_yr + total.variable,
            labour_usd: total.labour,
            capital_usd: total.capital,
            building_usd: total.building,
        };
        let rates = self.rates_with(r.cost_of_capital);
        let k = rates.multipliers();
        let annual = rates.build(&inputs);
        let per_pack = scale(&annual, 1.0 / d.packs);
        let process: Vec<ProcessCost> = self
            .step_models()
            .iter()
            .zip(&steps)
            .zip(&step_usd)
            .map(|((s, x), u)| ProcessCost {
                id: s.record.id.clone(),
                name: s.record.name.clone(),
                group: s.record.group,
                level: s.level(),
                labour_h_per_yr: x.labour_h,
                capex_musd: x.capex_usd * r.equipment_cost_multiplier / 1.0e6,
                floor_m2: x.floor_m2,
                energy_mwh_per_yr: x.energy_kwh / 1000.0,
                usd_per_pack: u.price(&k) / d.packs,
            })
            .collect();
        let cost_k = self.cost_rates().multipliers();
        let step_cost: Vec<f64> = step_usd
            .iter()
            .map(|u| u.price(&cost_k) / d.packs)
            .collect();
        let cell_materials_raw = cell_materials.total_usd * cells_per_pack;
        let cell_cost_per_pack =
            cell_share(&process, &step_cost, cell_materials_raw * cost_k.materials);
        let prices: Vec<f64> = process.iter().map(|s| s.usd_per_pack).collect();
        let cell_price_per_pack = cell_share(&process, &prices, cell_materials_raw * k.materials);
        let by_process = by_process(
            &process,
            cell_materials_raw * k.materials,
            pack_items * k.materials,
        );
        let plant = self.summary(&steps, r, &d, &annual, plant_gwh_per_yr);
        CostResult {
            couple: p.couple.clone(),
            region: r.clone(),
            processes: p.processes.clone(),
            plant_gwh_per_yr,
            drivers: d,
            plant,
            cell_materials,
            pack_usd: per_pack.price_usd,
            pack_usd_per_kwh: per_pack.price_usd / design.pack.energy_kwh,
            cell_cost_usd: cell_cost_per_pack / cells_per_pack,
            cell_cost_usd_per_kwh: cell_cost_per_pack / design.pack.energy_kwh,
            cell_price_usd_per_kwh: cell_price_per_pack / design.pack.energy_kwh,
            price_per_pack: per_pack,
            by_process,
            steps: process,
            multipliers: k,
            material_prices: p.material_prices.clone(),
        }
    }

    fn summary(
        &self,
        steps: &[StepResult],
        r: &crate::RegionFactors,
        d: &crate::Drivers,
        annual: &PriceBuild,
        gwh: f64,
    ) -> PlantSummary {
        let t = steps
            .iter()
            .fold(PlantResult::default(), |a, s| PlantResult {
                labour_h_per_yr: a.labour_h_per_yr + s.labour_h,
                plant_capital_usd: a.plant_capital_usd + s.capex_usd * r.equipment_cost_multiplier,
                floor_m2: a.floor_m2 + s.floor_m2,
                energy_kwh_per_yr: a.energy_kwh_per_yr + s.energy_kwh,
            });
        let building = t.floor_m2 * r.building_usd_per_m2;
        let interest = r.construction_interest_fraction() * (t.plant_capital_usd + building);
        PlantSummary {
            labour_h_per_yr: t.labour_h_per_yr,
            plant_capital_musd: t.plant_capital_usd / 1.0e6,
            floor_m2: t.floor_m2,
            building_musd: building / 1.0e6,
            construction_interest_musd: interest / 1.0e6,
            capex_musd_per_gwh: (t.plant_capital_usd + building + interest) / 1.0e6 / gwh,
            total_investment_musd: annual.investment_usd / 1.0e6,
            energy_kwh_per_yr: t.energy_kwh_per_yr,
            energy_kwh_per_kwh: t.energy_kwh_per_yr / d.kwh,
            build_years: r.construction_years,
        }
    }
}

fn scale(b: &PriceBuild, f: f64) -> PriceBuild {
    PriceBuild {
        materials_usd: b.materials_usd * f,
        direct_labour_usd: b.direct_labour_usd * f,
        variable_overhead_usd: b.variable_overhead_usd * f,
        gsa_usd: b.gsa_usd * f,
        rd_usd: b.rd_usd * f,
        depreciation_usd: b.depreciation_usd * f,
        profit_usd: b.profit_usd * f,
        warranty_usd: b.warranty_usd * f,
        price_usd: b.price_usd * f,
        launch_usd: b.launch_usd * f,
        working_capital_usd: b.working_capital_usd * f,
        investment_usd: b.investment_usd * f,
    }
}

/// The cell's part of a pack amount: cell materials, cell-level steps, and the plant-wide
/// steps in proportion to the cell steps' share of all level-specific step amounts.
fn cell_share(steps: &[ProcessCost], amounts: &[f64], cell_materials: f64) -> f64 {
    let level = |l: StepLevel| {
        steps
            .iter()
            .zip(amounts)
            .filter(|(s, _)| s.level == l)
            .map(|(_, a)| a)
            .sum::<f64>()
    };
    let (cell, pack, plant) = (
        level(StepLevel::Cell),
        level(StepLevel::Pack),
        level(StepLevel::Plant),
    );
    let share = if cell + pack > 0.0 {
        cell / (cell + pack)
    } else {
        1.0
    };
    cell_materials + cell + plant * share
}

/// The pack price by process area, overheads distributed; materials and purchased items
/// are rows of their own, so the rows sum to the pack price.
fn by_process(steps: &[ProcessCost], cell_materials: f64, pack_items: f64) -> Vec<(String, f64)> {
    let group = |g: StepGroup| {
        steps
            .iter()
            .filter(|s| s.group == g)
            .map(|s| s.usd_per_pack)
            .sum::<f64>()
    };
    vec![
        ("cell materials".to_string(), cell_materials),
        ("module and pack purchased items".to_string(), pack_items),
        (
            "electrode processing".to_string(),
            group(StepGroup::Electrode),
        ),
        ("cell assembly".to_string(), group(StepGroup::CellAssembly)),
        ("formation".to_string(), group(StepGroup::Formation)),
        (
            "module and pack assembly".to_string(),
            group(StepGroup::ModulePack),
        ),
        (
            "building and support".to_string(),
            group(StepGroup::Support),
        ),
    ]
}
