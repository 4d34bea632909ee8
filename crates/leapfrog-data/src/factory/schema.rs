//! Record types for the factory model: BatPaC-style process steps, the cost model (baseline
//! plant, yields, overhead rates, purchased items), regional factors and process variants.

use crate::bounds::bounds;
use crate::keyed::Origin;
use serde::{Deserialize, Serialize};

/// What a process step's throughput is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepDriver {
    PositiveAmKg,
    NegativeAmKg,
    PositiveElectrodeM2,
    NegativeElectrodeM2,
    /// Positive plus negative electrode area.
    ElectrodeM2,
    Cells,
    Modules,
    Packs,
    Kwh,
    SolventKg,
}

/// A step's special scaling rule beyond its driver (BatPaC v5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepRule {
    #[default]
    None,
    /// Coating capex × (solvent evaporated per m² / baseline)^exponent.
    CoatingSolvent,
    /// × (cell Ah / baseline Ah)^exponent.
    Stacking,
    /// × (cell Ah / baseline Ah)^exponent, × a factor above a capacity threshold.
    Formation,
    /// × (modules per pack / baseline)^exponent.
    PackAssembly,
}

/// Where a step's cost belongs: making cells, assembling packs, or the plant as a whole
/// (shared by both in proportion to their own direct cost).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepLevel {
    Cell,
    Pack,
    Plant,
}

/// Process area, for the breakdown by process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepGroup {
    Electrode,
    CellAssembly,
    Formation,
    ModulePack,
    Support,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessStep {
    pub id: String,
    pub name: String,
    pub group: StepGroup,
    pub level: StepLevel,
    pub driver: StepDriver,
    pub labour_h_per_yr: f64,
    pub labour_exponent: f64,
    pub capex_musd: f64,
    pub capex_exponent: f64,
    pub floor_m2: f64,
    pub floor_exponent: f64,
    #[serde(default)]
    pub rule: StepRule,
    /// Share of the baseline plant's energy use taken by this step.
    pub energy_share: f64,
    pub energy_source: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(ProcessStep {
    labour_h_per_yr: within(0.0, 1.0e13, "a number >= 0"),
    capex_musd: within(0.0, 1.0e13, "a number >= 0"),
    floor_m2: within(0.0, 1.0e13, "a number >= 0"),
    labour_exponent: within(0.0, 1.5, "an exponent from 0 to 1.5"),
    capex_exponent: within(0.0, 1.5, "an exponent from 0 to 1.5"),
    floor_exponent: within(0.0, 1.5, "an exponent from 0 to 1.5"),
    energy_share: within(0.0, 1.0, "a fraction from 0 to 1"),
});

/// BatPaC's plant and price algebra: the baseline plant the process table refers to, the
/// scaling rules, yields, labour terms, overhead rates and purchased items.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CostModel {
    pub id: String,
    pub name: String,
    // Baseline plant (the drivers the process table's figures belong to).
    pub baseline_packs_per_yr: f64,
    pub baseline_modules_per_yr: f64,
    pub baseline_cells_per_yr: f64,
    pub baseline_positive_electrode_m2: f64,
    pub baseline_negative_electrode_m2: f64,
    pub baseline_positive_am_kg: f64,
    pub baseline_negative_am_kg: f64,
    pub baseline_kwh_per_yr: f64,
    pub baseline_solvent_kg: f64,
    pub baseline_cell_ah: f64,
    pub baseline_modules_per_pack: f64,
    // Special rules.
    pub coating_solvent_exponent: f64,
    pub stacking_exponent: f64,
    pub formation_exponent: f64,
    pub formation_large_cell_ah: f64,
    pub formation_large_cell_factor: f64,
    pub pack_assembly_exponent: f64,
    // Yields.
    pub cell_yield: f64,
    pub electrode_mixing_yield: f64,
    pub electrode_coating_yield: f64,
    pub electrode_slitting_yield: f64,
    pub electrode_stacking_yield: f64,
    pub foil_coating_yield: f64,
    pub foil_slitting_yield: f64,
    pub foil_stacking_yield: f64,
    pub separator_yield: f64,
    pub electrolyte_yield: f64,
    pub solvent_recovery: f64,
    /// NMP per kg of dry positive coating (slurry at this solids content).
    pub solvent_kg_per_kg_solids: f64,
    pub solvent_price_usd_per_kg: f64,
    // Labour and building.
    pub labour_usd_per_h: f64,
    pub working_days_per_yr: f64,
    pub shifts_per_day: f64,
    pub building_usd_per_m2: f64,
    // Overhead algebra.
    pub variable_overhead_of_labour: f64,
    pub variable_overhead_of_depreciation: f64,
    pub gsa_of_labour_and_overhead: f64,
    pub gsa_of_depreciation: f64,
    pub rd_of_depreciation: f64,
    pub equipment_life_yr: f64,
    pub building_depreciation_per_yr: f64,
    pub launch_of_materials: f64,
    pub launch_of_labour_and_overhead: f64,
    pub working_capital_of_variable_cost: f64,
    pub profit_of_investment: f64,
    pub warranty_of_price: f64,
    // Purchased items.
    /// Casing, terminals and tabs, per Ah of cell capacity.
    pub cell_hardware_usd_per_ah: f64,
    pub cell_hardware_source: String,
    pub module_items_usd_per_module: f64,
    pub pack_items_usd_per_pack: f64,
    pub bms_usd_per_pack: f64,
    // Energy.
    pub baseline_energy_kwh_per_kwh: f64,
    pub energy_source: String,
    /// Electricity price the overhead rates were set with; regional prices are charged
    /// as the difference from it.
    pub overhead_electricity_usd_per_kwh: f64,
    pub overhead_electricity_source: String,
    /// Yield multipliers for the first years of production (1.0 = mature).
    pub ramp_yield_factors: Vec<f64>,
    pub ramp_source: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(CostModel {
    baseline_packs_per_yr: within(1.0, 1.0e13, "a baseline volume from 1 to 1e13"),
    baseline_modules_per_yr: within(1.0, 1.0e13, "a baseline volume from 1 to 1e13"),
    baseline_cells_per_yr: within(1.0, 1.0e13, "a baseline volume from 1 to 1e13"),
    baseline_positive_electrode_m2: within(1.0, 1.0e13, "a baseline volume from 1 to 1e13"),
    baseline_negative_electrode_m2: within(1.0, 1.0e13, "a baseline volume from 1 to 1e13"),
    baseline_positive_am_kg: within(1.0, 1.0e13, "a baseline volume from 1 to 1e13"),
    baseline_negative_am_kg: within(1.0, 1.0e13, "a baseline volume from 1 to 1e13"),
    baseline_kwh_per_yr: within(1.0, 1.0e13, "a baseline volume from 1 to 1e13"),
    baseline_solvent_kg: within(1.0, 1.0e13, "a baseline volume from 1 to 1e13"),
    baseline_cell_ah: within(0.1, 10_000.0, "a capacity from 0.1 to 10000 Ah"),
    baseline_modules_per_pack: within(1.0, 10_000.0, "1 to 10000 modules per pack"),
    labour_usd_per_h: within(0.5, 300.0, "a labour cost from 0.5 to 300 $/h"),
    working_days_per_yr: within(50.0, 366.0, "50 to 366 working days a year"),
    shifts_per_day: within(1.0, 4.0, "1 to 4 shifts a day"),
    building_usd_per_m2: within(50.0, 20_000.0, "a building cost from 50 to 20000 $/m²"),
    equipment_life_yr: within(1.0, 50.0, "an equipment life from 1 to 50 years"),
    baseline_energy_kwh_per_kwh: within(
        0.001,
        1000.0,
        "plant energy from 0.001 to 1000 kWh per kWh of cells"
    ),
    formation_large_cell_ah: within(0.1, 10_000.0, "a capacity from 0.1 to 10000 Ah"),
    formation_large_cell_factor: within(0.1, 10.0, "a factor from 0.1 to 10"),
    cell_yield: within(0.01, 1.0, "a yield above 0 and at most 1"),
    electrode_mixing_yield: within(0.01, 1.0, "a yield above 0 and at most 1"),
    electrode_coating_yield: within(0.01, 1.0, "a yield above 0 and at most 1"),
    electrode_slitting_yield: within(0.01, 1.0, "a yield above 0 and at most 1"),
    electrode_stacking_yield: within(0.01, 1.0, "a yield above 0 and at most 1"),
    foil_coating_yield: within(0.01, 1.0, "a yield above 0 and at most 1"),
    foil_slitting_yield: within(0.01, 1.0, "a yield above 0 and at most 1"),
    foil_stacking_yield: within(0.01, 1.0, "a yield above 0 and at most 1"),
    separator_yield: within(0.01, 1.0, "a yield above 0 and at most 1"),
    electrolyte_yield: within(0.01, 1.0, "a yield above 0 and at most 1"),
    solvent_recovery: within(0.0, 1.0, "a rate from 0 to 1"),
    variable_overhead_of_labour: within(0.0, 1.0, "a rate from 0 to 1"),
    variable_overhead_of_depreciation: within(0.0, 1.0, "a rate from 0 to 1"),
    gsa_of_labour_and_overhead: within(0.0, 1.0, "a rate from 0 to 1"),
    gsa_of_depreciation: within(0.0, 1.0, "a rate from 0 to 1"),
    rd_of_depreciation: within(0.0, 1.0, "a rate from 0 to 1"),
    building_depreciation_per_yr: within(0.0, 1.0, "a rate from 0 to 1"),
    launch_of_materials: within(0.0, 1.0, "a rate from 0 to 1"),
    launch_of_labour_and_overhead: within(0.0, 1.0, "a rate from 0 to 1"),
    working_capital_of_variable_cost: within(0.0, 1.0, "a rate from 0 to 1"),
    profit_of_investment: within(0.0, 1.0, "a rate from 0 to 1"),
    warranty_of_price: within(0.0, 1.0, "a rate from 0 to 1"),
    solvent_kg_per_kg_solids: within(0.0, 10.0, "0 to 10 kg of solvent per kg of solids"),
    solvent_price_usd_per_kg: within(0.0, 1000.0, "a price from 0 to 1000 $/kg"),
    cell_hardware_usd_per_ah: within(0.0, 100.0, "0 to 100 $ per Ah"),
    module_items_usd_per_module: within(0.0, 1.0e5, "0 to 100000 $ per module"),
    pack_items_usd_per_pack: within(0.0, 1.0e6, "0 to 1000000 $ per pack"),
    bms_usd_per_pack: within(0.0, 1.0e6, "0 to 1000000 $ per pack"),
    overhead_electricity_usd_per_kwh: within(0.0, 1.0, "an electricity price from 0 to 1 $/kWh"),
    coating_solvent_exponent: within(0.0, 2.0, "an exponent from 0 to 2"),
    stacking_exponent: within(0.0, 2.0, "an exponent from 0 to 2"),
    formation_exponent: within(0.0, 2.0, "an exponent from 0 to 2"),
    pack_assembly_exponent: within(0.0, 2.0, "an exponent from 0 to 2"),
});

/// The factors of a region that enter plant cost, each with its own source.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FactoryRegion {
    pub region: String,
    pub year: i32,
    pub labour_usd_per_h: f64,
    pub labour_source: String,
    pub building_usd_per_m2: f64,
    pub building_source: String,
    pub electricity_usd_per_kwh: f64,
    pub electricity_source: String,
    pub equipment_cost_multiplier: f64,
    pub equipment_source: String,
    pub cost_of_capital: f64,
    pub capital_source: String,
    pub construction_years: f64,
    pub construction_source: String,
    /// The plausible range of each figure marked an assumption, for attributions shown at
    /// both ends.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assumed_ranges: Vec<AssumedRange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

/// The low and high end of an assumed region figure, with what bounds them.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AssumedRange {
    /// A region parameter: labour_usd_per_h, building_usd_per_m2, electricity_usd_per_kwh,
    /// equipment_cost_multiplier, cost_of_capital or construction_years.
    pub parameter: String,
    pub low: f64,
    pub high: f64,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl FactoryRegion {
    /// The value of a region parameter by name.
    pub fn value_of(&self, parameter: &str) -> Option<f64> {
        Some(match parameter {
            "labour_usd_per_h" => self.labour_usd_per_h,
            "building_usd_per_m2" => self.building_usd_per_m2,
            "electricity_usd_per_kwh" => self.electricity_usd_per_kwh,
            "equipment_cost_multiplier" => self.equipment_cost_multiplier,
            "cost_of_capital" => self.cost_of_capital,
            "construction_years" => self.construction_years,
            _ => return None,
        })
    }
}

bounds!(FactoryRegion {
    year: year,
    labour_usd_per_h: within(0.5, 300.0, "a labour cost from 0.5 to 300 $/h"),
    building_usd_per_m2: within(50.0, 20_000.0, "a building cost from 50 to 20000 $/m²"),
    electricity_usd_per_kwh: within(0.005, 1.0, "an electricity price from 0.005 to 1 $/kWh"),
    equipment_cost_multiplier: within(
        0.2,
        5.0,
        "a multiplier on BatPaC's U.S. equipment prices from 0.2 to 5"
    ),
    cost_of_capital: within(
        0.0,
        0.5,
        "a cost of capital from 0 to 0.5 per year (a fraction, not a percentage)"
    ),
    construction_years: within(0.25, 10.0, "a construction time from 0.25 to 10 years"),
});

/// How a variant changes one step: multipliers on its labour, capex, floor and energy.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StepChange {
    pub step: String,
    #[serde(default = "one")]
    pub labour_factor: f64,
    #[serde(default = "one")]
    pub capex_factor: f64,
    #[serde(default = "one")]
    pub floor_factor: f64,
    #[serde(default = "one")]
    pub energy_factor: f64,
}

fn one() -> f64 {
    1.0
}

/// A named process option (dry electrode coating, fast formation, winding, cell-to-pack).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessVariant {
    pub id: String,
    pub name: String,
    pub changes: Vec<StepChange>,
    /// No slurry solvent: no NMP bought and no solvent-evaporation rule on coating.
    #[serde(default)]
    pub solvent_free: bool,
    /// Multiplier on module purchased items (cell-to-pack drops the modules).
    #[serde(default = "one")]
    pub module_items_factor: f64,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(ProcessVariant {
    module_items_factor: within(0.0, 10.0, "a factor from 0 to 10"),
});

/// The prices a cell maker pays in one market and period, replacing materials.toml's
/// prices for the materials it lists (see data/price_bases.toml).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PriceBasis {
    pub id: String,
    pub title: String,
    pub region: String,
    pub year: i32,
    /// ISO currency of `price_per_kg` and `price_per_wh`.
    pub currency: String,
    pub units_per_usd: f64,
    pub fx_source: String,
    pub source: String,
    pub prices: Vec<BasisPrice>,
    #[serde(default)]
    pub market_cells: Vec<MarketCellPrice>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(PriceBasis {
    year: year,
    units_per_usd: positive(1.0e5),
});

impl PriceBasis {
    /// US$ per kg of `material` in this basis, if it lists the material.
    pub fn usd_per_kg(&self, material: &str) -> Option<f64> {
        self.prices
            .iter()
            .find(|p| p.material == material)
            .map(|p| p.price_per_kg / self.units_per_usd)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BasisPrice {
    pub material: String,
    /// In the basis' currency.
    pub price_per_kg: f64,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A cell price quoted in the same market and period, to check the model against.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MarketCellPrice {
    pub label: String,
    /// The couple the model prices for this comparison.
    pub couple: String,
    /// In the basis' currency.
    pub price_per_wh: f64,
    pub source: String,
}
