//! The factory: resolves the cost model, steps, region and process variants once, then
//! prices any number of designs with arithmetic only.

use crate::materials::{self, CouplePrices, MaterialCost, Yields};
use crate::plant::{Drivers, Installed, LineSpec, StepFactors, StepModel};
use crate::region::RegionFactors;
use crate::rollup::PriceBuild;
use crate::rollup::{Multipliers, Rates};
use crate::FactoryError;
use leapfrog_cell::{Chemistry, Design};
use leapfrog_data::NotFound;
use leapfrog_data::{CostModel, Dataset, FormatKind, PriceBasis, StepGroup, StepLevel};
use serde::Serialize;
use std::sync::Arc;

/// The cost model every command uses unless told otherwise.
pub const DEFAULT_COST_MODEL: &str = "batpac-v5";

/// Plant output a plant is priced at, GWh of cells a year: from a 1 MWh/yr line to ten times
/// the largest announced plant (the power-law scaling is BatPaC's, calibrated on large plants).
pub const PLANT_GWH_PER_YR: leapfrog_data::Range = leapfrog_data::Range::Within {
    min: 0.001,
    max: 1.0e4,
    allowed: "a plant output from 0.001 to 10000 GWh/yr",
};

/// Plant scale, place and process options.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlantOptions {
    /// Accepted cell energy per year, GWh.
    pub plant_gwh_per_yr: f64,
    /// A region with factory factors, or None for BatPaC's own reference figures.
    pub region: Option<String>,
    pub processes: Vec<String>,
    /// A price basis from data/price_bases.toml for the materials it lists, or None for
    /// materials.toml's prices (BatPaC's U.S. 2022 prices where BatPaC has them).
    pub price_basis: Option<String>,
}

impl PlantOptions {
    pub fn batpac() -> Self {
        PlantOptions {
            plant_gwh_per_yr: 50.0,
            region: None,
            processes: Vec::new(),
            price_basis: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Factory {
    pub model: CostModel,
    steps: Vec<StepModel>,
    yields: Yields,
    regions: Vec<leapfrog_data::FactoryRegion>,
    variants: Vec<leapfrog_data::ProcessVariant>,
    bases: Vec<PriceBasis>,
}

/// Where each of a couple's material prices came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MaterialPrices {
    /// The price basis asked for, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    pub lines: Vec<MaterialPrice>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MaterialPrice {
    pub material: String,
    pub usd_per_kg: f64,
    /// The basis id, or "materials.toml" for a price the basis does not list.
    pub from: String,
}

impl MaterialPrices {
    /// Materials the basis did not price (they keep materials.toml's price).
    pub fn kept(&self) -> Vec<&str> {
        self.lines
            .iter()
            .filter(|l| self.basis.is_some() && l.from == MATERIALS_FILE)
            .map(|l| l.material.as_str())
            .collect()
    }
}

const MATERIALS_FILE: &str = "materials.toml";

/// Everything about one chemistry, place and process set that does not change per design.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub(crate) prices: CouplePrices,
    pub region: RegionFactors,
    pub(crate) factors: Vec<StepFactors>,
    pub(crate) solvent_free: bool,
    pub(crate) module_items_factor: f64,
    pub processes: Vec<String>,
    pub plant_gwh_per_yr: f64,
    pub(crate) couple: String,
    pub material_prices: Arc<MaterialPrices>,
    /// Whole-line equipment per step (in step order), or None for BatPaC's continuous
    /// power-law scaling.
    pub lines: Option<Arc<[Option<LineSpec>]>>,
}

/// One step's needs and its share of the price (overheads included), $ per pack.
#[derive(Debug, Clone, Serialize)]
pub struct ProcessCost {
    pub id: String,
    pub name: String,
    pub group: StepGroup,
    pub level: StepLevel,
    pub labour_h_per_yr: f64,
    pub capex_musd: f64,
    pub floor_m2: f64,
    pub energy_mwh_per_yr: f64,
    pub usd_per_pack: f64,
}

/// A priced design: plant needs, price build-up and breakdowns.
#[derive(Debug, Clone, Serialize)]
pub struct CostResult {
    pub couple: String,
    pub region: RegionFactors,
    pub processes: Vec<String>,
    pub plant_gwh_per_yr: f64,
    pub drivers: Drivers,
    pub plant: PlantSummary,
    /// $ per accepted cell, by component.
    pub cell_materials: MaterialCost,
    /// $ per pack, by cost element (sums to `pack_usd`).
    pub price_per_pack: PriceBuild,
    pub pack_usd: f64,
    pub pack_usd_per_kwh: f64,
    /// BatPaC's cell cost: cell materials and the cell-making steps (with their share of
    /// plant-wide steps) at cost, i.e. with overheads and depreciation but before profit
    /// and warranty.
    pub cell_cost_usd: f64,
    pub cell_cost_usd_per_kwh: f64,
    /// The same share of the pack price (with profit and warranty), comparable with
    /// surveyed cell prices.
    pub cell_price_usd_per_kwh: f64,
    /// $ per pack by process area, overheads distributed (sums to `pack_usd`).
    pub by_process: Vec<(String, f64)>,
    pub steps: Vec<ProcessCost>,
    pub multipliers: Multipliers,
    /// The $/kg paid for each material and where it came from.
    pub material_prices: Arc<MaterialPrices>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct PlantSummary {
    pub labour_h_per_yr: f64,
    /// Equipment and building systems (BatPaC's "plant capital"), after the region's
    /// equipment multiplier.
    pub plant_capital_musd: f64,
    pub floor_m2: f64,
    pub building_musd: f64,
    /// Interest on capital while the plant is built (0 for BatPaC's reference).
    pub construction_interest_musd: f64,
    /// Plant capital + building + construction interest, per GWh/yr: what announcements quote.
    pub capex_musd_per_gwh: f64,
    pub total_investment_musd: f64,
    pub energy_kwh_per_yr: f64,
    pub energy_kwh_per_kwh: f64,
    pub build_years: f64,
}

impl Prepared {
    /// The line spec of step `i`, if the plant is made of lines.
    pub(crate) fn line(&self, i: usize) -> Option<&LineSpec> {
        self.lines
            .as_ref()
            .and_then(|l| l.get(i))
            .and_then(Option::as_ref)
    }

    /// The same plant with each cell material's price raised by `delta_usd_per_kg(id)`
    /// (a supply shock passed through to the materials the cost model buys).
    pub fn with_price_shifts(&self, delta_usd_per_kg: &dyn Fn(&str) -> f64) -> Prepared {
        let prices = self.prices.shifted(delta_usd_per_kg);
        let mut used = (*self.material_prices).clone();
        for (line, usd) in used.lines.iter_mut().zip(prices.usd_per_kg()) {
            line.usd_per_kg = usd;
        }
        Prepared {
            prices,
            material_prices: Arc::new(used),
            ..self.clone()
        }
    }
}

impl Factory {
    pub fn load(data: &Dataset, model_id: &str) -> Result<Self, FactoryError> {
        let model = data.cost_model(model_id).cloned().ok_or_else(|| {
            NotFound::new(
                "cost model",
                model_id,
                data.cost_models.iter().map(|m| m.id.as_str()),
            )
        })?;
        Ok(Factory {
            steps: data
                .process_steps
                .iter()
                .map(|s| StepModel::new(s, &model))
                .collect(),
            yields: Yields::of(&model),
            regions: data.factory_regions.clone(),
            variants: data.process_variants.clone(),
            bases: data.price_bases.clone(),
            model,
        })
    }

    pub(crate) fn step_models(&self) -> &[StepModel] {
        &self.steps
    }

    /// The process steps' ids, in the order `Prepared::lines` follows.
    pub fn step_ids(&self) -> impl Iterator<Item = &str> {
        self.steps.iter().map(|s| s.record.id.as_str())
    }

    /// What each step with a line spec installs for a design at a plant output (None for a
    /// step without one).
    pub fn installed(
        &self,
        p: &Prepared,
        design: &Design,
        plant_gwh_per_yr: f64,
    ) -> Vec<Option<Installed>> {
        let d = self.drivers(p, design, plant_gwh_per_yr);
        self.steps
            .iter()
            .zip(&p.factors)
            .enumerate()
            .map(|(i, (s, f))| {
                let line = p.line(i);
                line.and_then(|_| s.equipment(&self.model, &d, f, p.solvent_free, line).1)
            })
            .collect()
    }

    pub(crate) fn yields(&self) -> &Yields {
        &self.yields
    }

    /// The rates without profit or warranty: what making costs, before the margin.
    pub(crate) fn cost_rates(&self) -> Rates<'_> {
        Rates {
            profit_of_investment: 0.0,
            warranty_of_price: 0.0,
            ..Rates::of(&self.model)
        }
    }

    /// BatPaC's rates with the region's return on investment.
    pub(crate) fn rates_with(&self, cost_of_capital: f64) -> Rates<'_> {
        Rates {
            profit_of_investment: cost_of_capital,
            ..Rates::of(&self.model)
        }
    }

    pub fn region_ids(&self) -> Vec<String> {
        self.regions.iter().map(|r| r.region.clone()).collect()
    }

    pub fn region(&self, id: Option<&str>) -> Result<RegionFactors, FactoryError> {
        match id {
            None => Ok(RegionFactors::batpac(&self.model)),
            Some(id) => self
                .regions
                .iter()
                .find(|r| r.region.eq_ignore_ascii_case(id))
                .map(RegionFactors::of)
                .ok_or_else(|| {
                    NotFound::new("region", id, self.regions.iter().map(|r| r.region.as_str()))
                        .into()
                }),
        }
    }

    /// Resolves prices, region and variants for one chemistry. Cylindrical formats are
    /// wound, so they get the `wound` variant unless it is already asked for.
    pub fn prepare(&self, chem: &Chemistry, opts: &PlantOptions) -> Result<Prepared, FactoryError> {
        let gwh = opts.plant_gwh_per_yr;
        if !PLANT_GWH_PER_YR.admits(gwh) {
            return Err(FactoryError::Input {
                field: "plant_gwh_per_yr".into(),
                value: format!("{gwh}"),
                allowed: PLANT_GWH_PER_YR.allowed().into_owned(),
            });
        }
        if let Some(p) = opts
            .processes
            .iter()
            .enumerate()
            .find_map(|(i, p)| opts.processes[..i].contains(p).then_some(p))
        {
            return Err(FactoryError::Input {
                field: "processes".into(),
                value: opts.processes.join(","),
                allowed: format!("each process once (`{p}` is named twice)"),
            });
        }
        let mut processes = opts.processes.clone();
        let wound = chem.format.record.kind == FormatKind::Cylindrical;
        if wound && !processes.iter().any(|p| p == "wound") {
            processes.push("wound".into());
        }
        let mut factors = vec![StepFactors::default(); self.steps.len()];
        let (mut solvent_free, mut module_items_factor) = (false, 1.0);
        for p in &processes {
            let v = self.variants.iter().find(|v| &v.id == p).ok_or_else(|| {
                NotFound::new("process", p, self.variants.iter().map(|v| v.id.as_str()))
            })?;
            solvent_free |= v.solvent_free;
            module_items_factor *= v.module_items_factor;
            for c in &v.changes {
                if let Some(i) = self.steps.iter().position(|s| s.record.id == c.step) {
                    let f = &mut factors[i];
                    f.labour *= c.labour_factor;
                    f.capex *= c.capex_factor;
                    f.floor *= c.floor_factor;
                    f.energy *= c.energy_factor;
                }
            }
        }
        let (prices, material_prices) = self.couple_prices(chem, opts.price_basis.as_deref())?;
        Ok(Prepared {
            prices,
            material_prices: Arc::new(material_prices),
            region: self.region(opts.region.as_deref())?,
            factors,
            solvent_free,
            module_items_factor,
            processes,
            plant_gwh_per_yr: gwh,
            couple: chem.couple.record.id.clone(),
            lines: None,
        })
    }

    /// The couple's material prices, with the basis' prices where it lists the material.
    fn couple_prices(
        &self,
        chem: &Chemistry,
        basis: Option<&str>,
    ) -> Result<(CouplePrices, MaterialPrices), FactoryError> {
        let base = CouplePrices::of(&chem.couple)?;
        let basis = match basis {
            None => None,
            Some(id) => Some(
                self.bases
                    .iter()
                    .find(|b| b.id.eq_ignore_ascii_case(id))
                    .ok_or_else(|| {
                        NotFound::new("price basis", id, self.bases.iter().map(|b| b.id.as_str()))
                    })?,
            ),
        };
        let basis_price = |id: &str| basis.and_then(|b| b.usd_per_kg(id));
        let prices = base.mapped(&|id, usd| basis_price(id).unwrap_or(usd));
        let lines = prices
            .ids
            .iter()
            .zip(prices.usd_per_kg())
            .map(|(id, usd)| MaterialPrice {
                material: id.clone(),
                usd_per_kg: usd,
                from: match (basis, basis_price(id)) {
                    (Some(b), Some(_)) => b.id.clone(),
                    _ => MATERIALS_FILE.to_string(),
                },
            })
            .collect();
        let used = MaterialPrices {
            basis: basis.map(|b| b.id.clone()),
            lines,
        };
        Ok((prices, used))
    }

    pub fn drivers(&self, p: &Prepared, design: &Design, plant_gwh_per_yr: f64) -> Drivers {
        let y = &self.yields;
        let m = &self.model;
        let cell = &design.cell;
        let kwh = plant_gwh_per_yr * 1.0e6;
        let packs = kwh / design.pack.energy_kwh;
        let cells = packs * design.pack.cells as f64 / y.cell;
        let positive_m2_per_cell = cell.positive_area_cm2 / 1.0e4;
        let negative_m2_per_cell = positive_m2_per_cell * cell.geometry.negative_area_ratio;
        let am_kg = |coating_g: f64, recipe: &[(f64, f64, bool)]| {
            let active: f64 = recipe.iter().filter(|r| r.2).map(|r| r.0).sum();
            coating_g * active / 1000.0
        };
        let positive_am_per_cell = am_kg(cell.mass.positive_coating_g, &p.prices.positive);
        let negative_am_per_cell = am_kg(cell.mass.negative_coating_g, &p.prices.negative);
        let base_pos_loading = m.baseline_positive_am_kg / m.baseline_positive_electrode_m2;
        let base_neg_loading = m.baseline_negative_am_kg / m.baseline_negative_electrode_m2;
        let solvent_kg = if p.solvent_free {
            0.0
        } else {
            materials::nmp_solids_kg(design, &p.prices, y)
                * cells
                * y.cell
                * m.solvent_kg_per_kg_solids
        };
        Drivers {
            packs,
            modules: packs * design.pack.modules as f64,
            cells,
            positive_electrode_m2: cells * positive_m2_per_cell / y.electrode_area,
            negative_electrode_m2: cells * negative_m2_per_cell / y.electrode_area,
            positive_am_kg: cells * positive_am_per_cell / y.electrode_material,
            negative_am_kg: cells * negative_am_per_cell / y.electrode_material,
            kwh,
            solvent_kg,
            cell_ah: cell.capacity_ah,
            modules_per_pack: design.pack.modules as f64,
            positive_loading_ratio: positive_am_per_cell / positive_m2_per_cell / base_pos_loading,
            negative_loading_ratio: negative_am_per_cell / negative_m2_per_cell / base_neg_loading,
        }
    }
}
