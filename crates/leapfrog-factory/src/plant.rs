//! Process steps scaled from BatPaC's baseline plant: F = F0·(R/R0)^p for labour, capex and
//! floor area, with R the step's own driver, plus BatPaC's special rules. Energy scales
//! linearly with the driver (energy is spent per unit processed).

use leapfrog_data::{CostModel, ProcessStep, StepDriver, StepLevel, StepRule};
use serde::Serialize;

/// Annual throughput of the plant in each driver's unit, and the design quantities the
/// special rules need.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Drivers {
    pub packs: f64,
    pub modules: f64,
    pub cells: f64,
    pub positive_electrode_m2: f64,
    pub negative_electrode_m2: f64,
    pub positive_am_kg: f64,
    pub negative_am_kg: f64,
    pub kwh: f64,
    pub solvent_kg: f64,
    pub cell_ah: f64,
    pub modules_per_pack: f64,
    /// Active material per m² of coated electrode, over the baseline plant's.
    pub positive_loading_ratio: f64,
    pub negative_loading_ratio: f64,
}

impl Drivers {
    fn of(&self, d: StepDriver) -> f64 {
        match d {
            StepDriver::PositiveAmKg => self.positive_am_kg,
            StepDriver::NegativeAmKg => self.negative_am_kg,
            StepDriver::PositiveElectrodeM2 => self.positive_electrode_m2,
            StepDriver::NegativeElectrodeM2 => self.negative_electrode_m2,
            StepDriver::ElectrodeM2 => self.positive_electrode_m2 + self.negative_electrode_m2,
            StepDriver::Cells => self.cells,
            StepDriver::Modules => self.modules,
            StepDriver::Packs => self.packs,
            StepDriver::Kwh => self.kwh,
            StepDriver::SolventKg => self.solvent_kg,
        }
    }
}

/// The baseline plant's drivers, for the ratios.
pub(crate) fn baseline(m: &CostModel) -> Drivers {
    Drivers {
        packs: m.baseline_packs_per_yr,
        modules: m.baseline_modules_per_yr,
        cells: m.baseline_cells_per_yr,
        positive_electrode_m2: m.baseline_positive_electrode_m2,
        negative_electrode_m2: m.baseline_negative_electrode_m2,
        positive_am_kg: m.baseline_positive_am_kg,
        negative_am_kg: m.baseline_negative_am_kg,
        kwh: m.baseline_kwh_per_yr,
        solvent_kg: m.baseline_solvent_kg,
        cell_ah: m.baseline_cell_ah,
        modules_per_pack: m.baseline_modules_per_pack,
        positive_loading_ratio: 1.0,
        negative_loading_ratio: 1.0,
    }
}

/// Multipliers a variant puts on one step.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct StepFactors {
    pub labour: f64,
    pub capex: f64,
    pub floor: f64,
    pub energy: f64,
}

impl Default for StepFactors {
    fn default() -> Self {
        StepFactors {
            labour: 1.0,
            capex: 1.0,
            floor: 1.0,
            energy: 1.0,
        }
    }
}

/// One step of one plant: what it needs per year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct StepResult {
    pub labour_h: f64,
    /// Before the region's equipment multiplier.
    pub capex_usd: f64,
    pub floor_m2: f64,
    pub energy_kwh: f64,
}

/// A step resolved for fast evaluation.
#[derive(Debug, Clone)]
pub(crate) struct StepModel {
    pub record: ProcessStep,
    pub baseline_driver: f64,
    pub baseline_energy_kwh: f64,
}

impl StepModel {
    pub fn new(record: &ProcessStep, m: &CostModel) -> Self {
        let base = baseline(m);
        StepModel {
            baseline_driver: base.of(record.driver),
            baseline_energy_kwh: record.energy_share
                * m.baseline_energy_kwh_per_kwh
                * m.baseline_kwh_per_yr,
            record: record.clone(),
        }
    }

    pub fn level(&self) -> StepLevel {
        self.record.level
    }

    pub fn evaluate(
        &self,
        m: &CostModel,
        d: &Drivers,
        f: &StepFactors,
        solvent_free: bool,
    ) -> StepResult {
        let s = &self.record;
        let r = d.of(s.driver) / self.baseline_driver;
        if r <= 0.0 {
            return StepResult {
                labour_h: 0.0,
                capex_usd: 0.0,
                floor_m2: 0.0,
                energy_kwh: 0.0,
            };
        }
        let (all, capex_only, energy) = rule_factors(s, m, d, solvent_free);
        StepResult {
            labour_h: s.labour_h_per_yr * r.powf(s.labour_exponent) * all * f.labour,
            capex_usd: s.capex_musd * 1.0e6 * r.powf(s.capex_exponent) * all * capex_only * f.capex,
            floor_m2: s.floor_m2 * r.powf(s.floor_exponent) * all * f.floor,
            energy_kwh: self.baseline_energy_kwh * r * energy * f.energy,
        }
    }
}

/// BatPaC's special rules: (factor on labour, capex and floor; extra factor on capex
/// only; factor on energy).
fn rule_factors(
    s: &ProcessStep,
    m: &CostModel,
    d: &Drivers,
    solvent_free: bool,
) -> (f64, f64, f64) {
    let ah_ratio = d.cell_ah / m.baseline_cell_ah;
    match s.rule {
        StepRule::None => (1.0, 1.0, 1.0),
        StepRule::CoatingSolvent => {
            // Solvent evaporated per m² follows the coating's loading at a fixed slurry
            // solids content; the dryer's heat follows the solvent mass.
            let loading = match s.driver {
                StepDriver::NegativeElectrodeM2 => d.negative_loading_ratio,
                _ => d.positive_loading_ratio,
            };
            if solvent_free {
                (1.0, 1.0, 1.0)
            } else {
                (1.0, loading.powf(m.coating_solvent_exponent), loading)
            }
        }
        StepRule::Stacking => {
            let f = ah_ratio.powf(m.stacking_exponent);
            (f, 1.0, f)
        }
        StepRule::Formation => {
            let large = if d.cell_ah > m.formation_large_cell_ah {
                m.formation_large_cell_factor
            } else {
                1.0
            };
            (ah_ratio.powf(m.formation_exponent) * large, 1.0, ah_ratio)
        }
        StepRule::PackAssembly => {
            let f =
                (d.modules_per_pack / m.baseline_modules_per_pack).powf(m.pack_assembly_exponent);
            (f, 1.0, f)
        }
    }
}

/// The whole plant per year: sums over steps, before region prices.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct PlantResult {
    pub labour_h_per_yr: f64,
    /// Equipment and building systems, after the region's equipment multiplier.
    pub plant_capital_usd: f64,
    pub floor_m2: f64,
    pub energy_kwh_per_yr: f64,
}
