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
    pub(crate) fn of(&self, d: StepDriver) -> f64 {
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

/// How a step's equipment comes: whole lines of `line_gwh_per_yr`, or below one line a single
/// smaller tool of at least `smallest_tool_gwh_per_yr` (both in GWh/yr of the cost model's
/// reference plant, converted to the step's own driver by the baseline plant's ratio).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LineSpec {
    pub line_gwh_per_yr: f64,
    pub smallest_tool_gwh_per_yr: f64,
    /// Capex of a tool smaller than a line scales as (size / line)^this.
    pub sub_line_capex_exponent: f64,
    /// Labour floor: the step is staffed every shift whatever it makes.
    pub min_labour_h_per_yr: f64,
    /// Multiplier on the step's capex (a manufacturing variant, equipment controls).
    pub capex_factor: f64,
}

/// The equipment a step installs for a plant: its size in reference-plant GWh/yr and the
/// number of lines (a fraction below one: a smaller tool).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Installed {
    pub needed_gwh_per_yr: f64,
    pub installed_gwh_per_yr: f64,
    pub lines: f64,
}

impl LineSpec {
    /// One line's worth of the step's own driver scale (used to price a tool from a line).
    fn tool_fraction(&self, gwh: f64) -> f64 {
        gwh.max(self.smallest_tool_gwh_per_yr)
            .min(self.line_gwh_per_yr)
            / self.line_gwh_per_yr
    }
}

/// A step resolved for fast evaluation.
#[derive(Debug, Clone)]
pub(crate) struct StepModel {
    pub record: ProcessStep,
    pub baseline_driver: f64,
    pub baseline_energy_kwh: f64,
    /// Driver units per GWh/yr of the baseline plant.
    pub driver_per_gwh: f64,
}

impl StepModel {
    pub fn new(record: &ProcessStep, m: &CostModel) -> Self {
        let base = baseline(m);
        StepModel {
            baseline_driver: base.of(record.driver),
            baseline_energy_kwh: record.energy_share
                * m.baseline_energy_kwh_per_kwh
                * m.baseline_kwh_per_yr,
            driver_per_gwh: base.of(record.driver) / (m.baseline_kwh_per_yr / 1.0e6),
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
        line: Option<&LineSpec>,
    ) -> StepResult {
        self.equipment(m, d, f, solvent_free, line).0
    }

    /// What the step needs and, with a line spec, the equipment it installs. With lines, the
    /// step buys whichever is cheaper: whole lines for all it makes, or whole lines for what
    /// they can fill and one smaller tool for the rest (below one line, just the tool).
    pub fn equipment(
        &self,
        m: &CostModel,
        d: &Drivers,
        f: &StepFactors,
        solvent_free: bool,
        line: Option<&LineSpec>,
    ) -> (StepResult, Option<Installed>) {
        let s = &self.record;
        let driver = d.of(s.driver);
        let zero = StepResult {
            labour_h: 0.0,
            capex_usd: 0.0,
            floor_m2: 0.0,
            energy_kwh: 0.0,
        };
        if driver <= 0.0 {
            return (zero, None);
        }
        let (all, capex_only, energy) = rule_factors(s, m, d, solvent_free);
        let energy_kwh =
            self.baseline_energy_kwh * (driver / self.baseline_driver) * energy * f.energy;
        let at = |r: f64| StepResult {
            labour_h: s.labour_h_per_yr * r.powf(s.labour_exponent) * all * f.labour,
            capex_usd: s.capex_musd * 1.0e6 * r.powf(s.capex_exponent) * all * capex_only * f.capex,
            floor_m2: s.floor_m2 * r.powf(s.floor_exponent) * all * f.floor,
            energy_kwh,
        };
        let Some(line) = line else {
            return (at(driver / self.baseline_driver), None);
        };
        let per_gwh = self.driver_per_gwh / self.baseline_driver;
        let needed = driver / self.driver_per_gwh;
        let size = line.line_gwh_per_yr;
        let lines_at = |n: f64| {
            if n > 0.0 {
                at(n * size * per_gwh)
            } else {
                zero
            }
        };
        let full = (needed / size - 1e-9).ceil().max(1.0);
        let filled = (needed / size + 1e-9).floor();
        let rest = needed - filled * size;
        let all_lines = (lines_at(full), full);
        let choice = if rest > 1e-9 * size {
            // Below one line BatPaC's plant-scale law no longer holds: a tool is priced from
            // one line by the sub-line exponent.
            let fraction = line.tool_fraction(rest);
            let tool = at(fraction * size * per_gwh);
            let one_line = at(size * per_gwh);
            let base = lines_at(filled);
            let mixed = StepResult {
                labour_h: base.labour_h + tool.labour_h,
                capex_usd: base.capex_usd
                    + one_line.capex_usd * fraction.powf(line.sub_line_capex_exponent),
                floor_m2: base.floor_m2 + tool.floor_m2,
                energy_kwh,
            };
            if mixed.capex_usd < all_lines.0.capex_usd {
                (mixed, filled + fraction)
            } else {
                all_lines
            }
        } else {
            all_lines
        };
        let (mut result, lines) = choice;
        result.capex_usd *= line.capex_factor;
        result.labour_h = result
            .labour_h
            .max(line.min_labour_h_per_yr * f.labour.min(1.0));
        let installed = Installed {
            needed_gwh_per_yr: needed,
            installed_gwh_per_yr: lines * size,
            lines,
        };
        (result, Some(installed))
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
