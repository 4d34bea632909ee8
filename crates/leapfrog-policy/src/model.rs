//! The scenario set: every input that does not change from run to run, taken from the other
//! layers once. Producers are (region, chemistry) pairs, index `r * chemistries + k`.

use crate::rules::PolicyRules;
use crate::PolicyError;
use leapfrog_cell::{Chemistry, Design, DesignRequest};
use leapfrog_data::{Dataset, NotFound, PolicySettings};
use leapfrog_factory::{CostResult, Factory, PlantOptions, DEFAULT_COST_MODEL};
use leapfrog_mission::{fit, Battery, Status};
use leapfrog_scaleup::{evaluate, prepare, PathInputs};
use serde::Serialize;

/// The two demand markets: the U.S. and the rest of the world.
pub const MARKETS: [&str; 2] = ["US", "rest of world"];

/// One producer's costs at the start, $/kWh of cells.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ProducerCost {
    /// Materials (bought at world prices; they do not learn with the producer).
    pub materials: f64,
    /// Everything else at the region's cost of capital: the part that learns.
    pub learning: f64,
    /// The share of `learning` that is cash cost at the margin: direct labour and variable
    /// overhead in BatPaC's price build (the rest is depreciation, return on capital, G&A, R&D,
    /// profit and warranty, which a built plant's output does not save). Plants are dispatched
    /// on cash cost; building one takes the full cost.
    pub cash_share: f64,
    /// Cost added per unit of cost of capital (per 1.0, i.e. per 100 percentage points).
    pub per_cost_of_capital: f64,
    /// Cost saved per unit share of capital cost paid by a grant: the capital-related cost.
    pub per_grant_share: f64,
    /// Equipment's share of the plant's capital (the rest is building).
    pub equipment_share: f64,
    /// Share of the plant's grouped equipment from the controlling country.
    pub controlled_share: f64,
    /// The reference plant's capital (equipment, building and construction interest) per
    /// GWh/yr of capacity, M$: what a grant or depreciation applies to.
    pub capex_musd_per_gwh: f64,
}

/// A sector's demand and who may serve it.
#[derive(Debug, Clone, Serialize)]
pub struct SectorModel {
    pub id: String,
    pub base_year: i32,
    pub world_gwh: f64,
    pub us_share: f64,
    pub growth: (f64, f64, f64),
    pub growth_until: i32,
    pub late_growth: f64,
    pub ev_product: bool,
    /// Per chemistry: the mission layer does not rule it out.
    pub eligible: Vec<bool>,
    /// Per chemistry: the fit's verdict ("feasible", "not-evaluated", "infeasible").
    pub fit: Vec<&'static str>,
}

impl SectorModel {
    /// World demand in `year`, GWh, growing at `growth` a year to `growth_until` and at the
    /// late rate after it.
    pub fn world_gwh_in(&self, growth: f64, year: i32) -> f64 {
        let fast = year.min(self.growth_until) - self.base_year;
        let late = (year - self.growth_until).max(0);
        self.world_gwh * (1.0 + growth).powi(fast) * (1.0 + self.late_growth).powi(late)
    }
}

/// A new chemistry's entry into the U.S. by the scale-up path.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Entry {
    /// The year its first plant of at least 1 GWh/yr produces.
    pub year: i32,
    pub capacity_gwh: f64,
    /// Output of the path's earlier stages by then, GWh.
    pub cumulative_gwh: f64,
}

/// Where a chemistry's licence chain (data/ip.toml) says it was invented, and where the
/// production its holder licenses abroad goes.
#[derive(Debug, Clone, Serialize)]
pub struct IpOrigin {
    /// The `ip_technology` id.
    pub technology: String,
    /// The country of the organisation that made the invention.
    pub invented_in: Option<String>,
    /// Invented by a U.S.-incorporated organisation: the IP lever applies.
    pub us_invented: bool,
    /// The region (index) production licensed abroad goes to.
    pub licensee_region: usize,
    /// Why that region: the chain's first licence outside U.S. jurisdiction, or none on record.
    pub licensee_basis: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Model {
    pub years: Vec<i32>,
    pub regions: Vec<String>,
    pub chemistries: Vec<String>,
    pub us: usize,
    pub cn: usize,
    /// Allied makers' home regions (FDI experience).
    pub allies: Vec<usize>,
    pub sectors: Vec<SectorModel>,
    /// (sector, market) in the order markets are served: fewest eligible chemistries first,
    /// the U.S. before the rest of the world.
    pub market_order: Vec<(usize, usize)>,
    pub costs: Vec<ProducerCost>,
    pub region_cost_of_capital: Vec<f64>,
    pub construction_years: Vec<f64>,
    pub build_lead_years: f64,
    pub capacity: Vec<f64>,
    pub cumulative: Vec<f64>,
    pub reference_cumulative: Vec<f64>,
    pub learning_rate: Vec<(f64, f64, f64)>,
    pub new_chemistry: Vec<bool>,
    pub entry: Vec<Option<Entry>>,
    /// [chemistry]: the share of a U.S. plant's purchased materials made in the U.S.: the
    /// value-weighted U.S. share of the last stage before cells of each supply chain the
    /// chemistry draws on (data/supply.toml); what is not is imported.
    pub us_material_domestic_share: Vec<f64>,
    /// [chemistry]: its licence chain's origin; None where the data record no chain (the IP
    /// lever then does not apply).
    pub ip_origin: Vec<Option<IpOrigin>>,
    pub spill_region: (f64, f64, f64),
    pub spill_chemistry: (f64, f64, f64),
    pub build_rate: (f64, f64, f64),
    pub imitation_lag_years: f64,
    pub capex_us_range: [f64; 2],
    pub capex_cn_range: [f64; 2],
    pub materials_range: [f64; 2],
    pub materials_cn_spread: [f64; 2],
    pub freight_usd_per_kwh: f64,
    /// Duties, 45X and the equipment controls' status, from the rules evaluator.
    pub rules: PolicyRules,
    pub tax: Tax,
    /// China's equipment controls: the multiplier on the controlled share of equipment, the
    /// fractional year they start, and the controlling region.
    pub control_cost_factor: f64,
    pub control_from_year: f64,
    pub control_region: Option<usize>,
    /// The U.S. share of the new sectors' supply (GWh-weighted) that counts as "won".
    pub won_share: f64,
    /// Inputs that replace the model's own for the years of the past it runs over (the
    /// backcast), by year index; empty for a projection.
    pub history: Vec<HistoryYear>,
}

/// A past year's inputs: what was there, not what the model would build or project.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryYear {
    /// [producer] capacity that could run this year (nameplate along its ramp), GWh.
    pub capacity: Vec<f64>,
    /// [producer] output sold under supply agreements or to owners before the merit order,
    /// GWh, in the producer's home market.
    pub contracted: Vec<f64>,
    /// [sector] world demand split (U.S., rest of world), GWh, where a published row exists.
    pub demand: Vec<Option<[f64; 2]>>,
}

/// The U.S. tax treatment of a plant's capital.
#[derive(Debug, Clone, Serialize)]
pub struct Tax {
    pub rate: f64,
    pub macrs_7_year: Vec<f64>,
    pub building_recovery_years: f64,
    pub building_expensing_until: i32,
}

impl Tax {
    /// Present value of a dollar's deductions: MACRS 7-year equipment at `rate_of_return`.
    fn equipment_z(&self, i: f64) -> f64 {
        self.macrs_7_year
            .iter()
            .enumerate()
            .map(|(j, d)| d / (1.0 + i).powi(j as i32 + 1))
            .sum()
    }

    /// Present value of straight-line deductions over the building's recovery period.
    fn building_z(&self, i: f64) -> f64 {
        let n = self.building_recovery_years;
        if i <= 0.0 {
            1.0
        } else {
            (1.0 - (1.0 + i).powf(-n)) / (i * n)
        }
    }

    /// Capital charge relative to full expensing, (1 - t z)/(1 - t), for a plant with
    /// `equipment_share` of its capital in equipment, under `regime` (0 current law, 1 pre-2025
    /// MACRS, 2 full expensing) in `year`, at cost of capital `i`.
    pub fn capital_factor(&self, regime: f64, year: i32, equipment_share: f64, i: f64) -> f64 {
        let (eq, bld) = match regime.round() as i32 {
            1 => (self.equipment_z(i), self.building_z(i)),
            2 => (1.0, 1.0),
            _ if year <= self.building_expensing_until => (1.0, 1.0),
            _ => (1.0, self.building_z(i)),
        };
        let z = equipment_share * eq + (1.0 - equipment_share) * bld;
        (1.0 - self.rate * z) / (1.0 - self.rate)
    }
}

impl Model {
    pub fn producers(&self) -> usize {
        self.regions.len() * self.chemistries.len()
    }

    pub fn producer(&self, region: usize, chemistry: usize) -> usize {
        region * self.chemistries.len() + chemistry
    }

    pub fn chemistry_index(&self, id: &str) -> Option<usize> {
        self.chemistries.iter().position(|c| c == id)
    }

    pub fn sector_index(&self, id: &str) -> Option<usize> {
        self.sectors.iter().position(|s| s.id == id)
    }

    /// The ad valorem duty on cells from `region` into the U.S. in `year`, as assessed.
    pub fn tariff(&self, region: usize, ev_product: bool, year: i32) -> f64 {
        if region == self.us {
            return 0.0;
        }
        self.rules.duty(region, ev_product, year)
    }

    /// Prepares the scenario set from the data.
    pub fn prepare(data: &Dataset) -> Result<Model, PolicyError> {
        let settings = data.policy_settings.first().ok_or_else(|| {
            NotFound::new("policy_settings", "default", std::iter::empty::<&str>())
        })?;
        // Shared with the supply layer's products (one load of the cost model).
        let factory = std::sync::Arc::new(Factory::load(data, DEFAULT_COST_MODEL)?);
        let regions: Vec<String> = data
            .factory_regions
            .iter()
            .map(|r| r.region.clone())
            .collect();
        let chemistries: Vec<String> = data
            .policy_chemistries
            .iter()
            .map(|c| c.id.clone())
            .collect();
        let find = |id: &str| regions.iter().position(|r| r == id);
        let us = find("US").ok_or_else(|| {
            NotFound::new("factory_region", "US", regions.iter().map(String::as_str))
        })?;
        let cn = find("CN").ok_or_else(|| {
            NotFound::new("factory_region", "CN", regions.iter().map(String::as_str))
        })?;
        let designs = chemistries
            .iter()
            .map(|c| design(data, c))
            .collect::<Result<Vec<_>, _>>()?;
        let control = data.find::<leapfrog_data::EquipmentControl>(&settings.equipment_control)?;
        let conventional = data.find::<leapfrog_data::ManufacturingVariant>("conventional")?;
        let lines = leapfrog_scaleup::lines::design(data, &factory, conventional, Some(control))?;
        let mut costs = Vec::new();
        for r in &regions {
            for (chem, design) in &designs {
                costs.push(producer_cost(&factory, chem, design, r, settings, &lines)?);
            }
        }
        let learning = data.policy_learnings.first().ok_or_else(|| {
            NotFound::new("policy_learning", "default", std::iter::empty::<&str>())
        })?;
        let (capacity, cumulative) = starting_capacity(data, settings, &regions)?;
        let years: Vec<i32> = (settings.start_year..=settings.end_year).collect();
        let cells = designs
            .iter()
            .zip(data.policy_chemistries.iter())
            .map(|((chem, d), c)| {
                cell_facts(
                    &factory,
                    chem,
                    d,
                    &c.id,
                    c.us_cathode_covered_share,
                    settings,
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        let rules = crate::rules::prepare(data, &regions, &years, &cells, us_demand_share(data))?;
        let sectors = sectors(data, &factory, &chemistries)?;
        Ok(Model {
            market_order: market_order(&sectors),
            sectors,
            entry: entries(data, settings, &chemistries)?,
            us_material_domestic_share: domestic_materials(data, &factory, &chemistries)?,
            ip_origin: data
                .policy_chemistries
                .iter()
                .map(|c| ip_origin(data, c, &regions, cn))
                .collect::<Result<_, _>>()?,
            region_cost_of_capital: data
                .factory_regions
                .iter()
                .map(|r| r.cost_of_capital)
                .collect(),
            construction_years: data
                .factory_regions
                .iter()
                .map(|r| r.construction_years)
                .collect(),
            build_lead_years: settings.build_lead_years,
            allies: ["KR", "JP"].iter().filter_map(|a| find(a)).collect(),
            reference_cumulative: data
                .policy_chemistries
                .iter()
                .map(|c| c.reference_cumulative_gwh)
                .collect(),
            learning_rate: data
                .policy_chemistries
                .iter()
                .map(|c| (c.learning_low, c.learning_rate, c.learning_high))
                .collect(),
            new_chemistry: data.policy_chemistries.iter().map(|c| c.new).collect(),
            spill_region: (
                learning.spill_region_low,
                learning.spill_region,
                learning.spill_region_high,
            ),
            spill_chemistry: (
                learning.spill_chemistry_low,
                learning.spill_chemistry,
                learning.spill_chemistry_high,
            ),
            build_rate: (
                learning.build_rate_low,
                learning.build_rate,
                learning.build_rate_high,
            ),
            imitation_lag_years: learning.imitation_lag_years,
            capex_us_range: learning.capex_us_range,
            capex_cn_range: learning.capex_cn_range,
            materials_range: learning.materials_range,
            materials_cn_spread: learning.materials_cn_spread,
            freight_usd_per_kwh: settings.freight_usd_per_kwh,
            capacity: split(data, &capacity, &chemistries, cn),
            cumulative: split(data, &cumulative, &chemistries, cn),
            rules,
            tax: Tax {
                rate: settings.corporate_tax_rate,
                macrs_7_year: settings.macrs_7_year.clone(),
                building_recovery_years: settings.building_recovery_years,
                building_expensing_until: settings.building_expensing_until,
            },
            control_cost_factor: control.cost_factor,
            control_from_year: leapfrog_data::day_number(&control.effective)
                .map_or(f64::INFINITY, |d| 1950.0 + d as f64 / 372.0),
            control_region: find(&control.country),
            won_share: settings.won_share,
            history: Vec::new(),
            years,
            regions,
            chemistries,
            us,
            cn,
            costs,
        })
    }
}

fn design(data: &Dataset, couple: &str) -> Result<(Chemistry, Design), PolicyError> {
    let request = DesignRequest::reference_for(data, couple)?;
    let chem = Chemistry::load(data, &request)?;
    let design = chem.solve(&request.inputs)?;
    Ok((chem, design))
}

fn cell_price(factory: &Factory, p: &leapfrog_factory::Prepared, d: &Design) -> CostResult {
    factory.evaluate(p, d)
}

fn producer_cost(
    factory: &Factory,
    chem: &Chemistry,
    design: &Design,
    region: &str,
    settings: &PolicySettings,
    lines: &leapfrog_scaleup::lines::LineDesign,
) -> Result<ProducerCost, PolicyError> {
    let options = PlantOptions {
        plant_gwh_per_yr: settings.reference_plant_gwh_per_yr,
        region: Some(region.to_string()),
        processes: Vec::new(),
        price_basis: Some(settings.price_basis.clone()),
    };
    let base = factory.prepare(chem, &options)?;
    let cost = cell_price(factory, &base, design);
    let materials = leapfrog_factory::cell_materials_usd_per_kwh(&cost, design);
    let mut dearer = base.clone();
    dearer.region.cost_of_capital += 0.01;
    let per_coc = (cell_price(factory, &dearer, design).cell_price_usd_per_kwh
        - cost.cell_price_usd_per_kwh)
        / 0.01;
    let mut granted = base.clone();
    granted.region.equipment_cost_multiplier *= 0.9;
    granted.region.building_usd_per_m2 *= 0.9;
    let per_grant = (cost.cell_price_usd_per_kwh
        - cell_price(factory, &granted, design).cell_price_usd_per_kwh)
        / 0.1;
    let step_capex: Vec<f64> = cost.steps.iter().map(|s| s.capex_musd).collect();
    let plant = &cost.plant;
    let build = &cost.price_per_pack;
    let cash_share = (build.direct_labour_usd + build.variable_overhead_usd)
        / (build.price_usd - build.materials_usd).max(f64::MIN_POSITIVE);
    Ok(ProducerCost {
        materials,
        learning: cost.cell_price_usd_per_kwh - materials,
        cash_share: cash_share.clamp(0.0, 1.0),
        per_cost_of_capital: per_coc,
        per_grant_share: per_grant,
        equipment_share: plant.plant_capital_musd
            / (plant.plant_capital_musd + plant.building_musd).max(f64::MIN_POSITIVE),
        controlled_share: lines.controlled_capex_share(&step_capex),
        capex_musd_per_gwh: plant.capex_musd_per_gwh,
    })
}

/// What the credit's tests read of a chemistry's U.S. cell: its bill of materials (at the
/// U.S. reference plant), energy density and module size.
fn cell_facts(
    factory: &Factory,
    chem: &Chemistry,
    design: &Design,
    couple: &str,
    cathode_covered_share: Option<f64>,
    settings: &PolicySettings,
) -> Result<crate::rules::CellFacts, PolicyError> {
    let options = PlantOptions {
        plant_gwh_per_yr: settings.reference_plant_gwh_per_yr,
        region: Some("US".to_string()),
        processes: Vec::new(),
        price_basis: Some(settings.price_basis.clone()),
    };
    let cost = cell_price(factory, &factory.prepare(chem, &options)?, design);
    let cells = f64::from(design.pack.cells.max(1));
    Ok(crate::rules::CellFacts {
        chemistry: couple.to_string(),
        cathode_covered_share,
        materials: cost.cell_materials,
        kwh: design.pack.energy_kwh / cells,
        wh_per_l: design.cell.energy_density_wh_per_l,
        module_kwh: design.pack.energy_kwh / f64::from(design.pack.modules.max(1)),
    })
}

/// The U.S. share of world battery demand in the base year, over the sectors followed.
fn us_demand_share(data: &Dataset) -> f64 {
    let (us, world) = data.policy_sectors.iter().fold((0.0, 0.0), |(u, w), s| {
        (u + s.world_gwh * s.us_share, w + s.world_gwh)
    });
    if world > 0.0 {
        us / world
    } else {
        0.0
    }
}

fn sectors(
    data: &Dataset,
    factory: &Factory,
    chemistries: &[String],
) -> Result<Vec<SectorModel>, PolicyError> {
    let batteries = chemistries
        .iter()
        .map(|c| Battery::of(data, factory, c))
        .collect::<Result<Vec<_>, _>>()?;
    let ids: Vec<String> = data
        .policy_sectors
        .iter()
        .map(|s| s.sector.clone())
        .collect();
    let f = fit::fit(data, &batteries, &ids)?;
    Ok(data
        .policy_sectors
        .iter()
        .map(|s| {
            let verdicts: Vec<Status> = chemistries
                .iter()
                .map(|c| {
                    f.cells
                        .iter()
                        .find(|x| x.sector == s.sector && &x.chemistry == c)
                        .map_or(Status::NotEvaluated, |x| x.status)
                })
                .collect();
            SectorModel {
                id: s.id.clone(),
                base_year: s.base_year,
                world_gwh: s.world_gwh,
                us_share: s.us_share,
                growth: (s.growth_low, s.growth_per_year, s.growth_high),
                growth_until: s.growth_until,
                late_growth: s.late_growth_per_year,
                ev_product: s.product == "ev-battery",
                // A chemistry is followed into a sector only where it is feasible across its
                // ageing band and inside its models' tested ranges, or where it is sold at
                // scale today (`sold_in`): there the present is the evidence the model lacks. An unevaluated one keeps the benefit of the doubt it had (a
                // record without a model is not a verdict against it).
                eligible: verdicts
                    .iter()
                    .zip(chemistries)
                    .map(|(v, c)| match v {
                        Status::Feasible | Status::NotEvaluated => true,
                        Status::Uncertain => sold_there(data, c, &s.id),
                        Status::Infeasible => false,
                    })
                    .collect(),
                fit: verdicts
                    .iter()
                    .map(|v| match v {
                        Status::Feasible => "feasible",
                        Status::Infeasible => "infeasible",
                        Status::Uncertain => "uncertain",
                        Status::NotEvaluated => "not-evaluated",
                    })
                    .collect(),
            }
        })
        .collect())
}

/// A chemistry the policy data says is sold at scale in `sector` today (LFP in cars and grid
/// storage, NMC in cars: the TCIP assessment's market shares).
fn sold_there(data: &Dataset, chemistry: &str, sector: &str) -> bool {
    data.policy_chemistries
        .iter()
        .any(|p| p.id == chemistry && p.sold_in.iter().any(|s| s == sector))
}

fn market_order(sectors: &[SectorModel]) -> Vec<(usize, usize)> {
    let mut order: Vec<(usize, usize)> =
        (0..sectors.len()).flat_map(|s| [(s, 0), (s, 1)]).collect();
    order.sort_by_key(|(s, mk)| (sectors[*s].eligible.iter().filter(|e| **e).count(), *s, *mk));
    order
}

/// Starting capacity and cumulative output by region (GWh), from the capacity table scaled to
/// the world total, and the learning series' cumulative output split the same way.
fn starting_capacity(
    data: &Dataset,
    s: &PolicySettings,
    regions: &[String],
) -> Result<(Vec<f64>, Vec<f64>), PolicyError> {
    let share = region_shares(data, &s.capacity_table, regions)?;
    let world_cumulative = world_cumulative_gwh(data, s, None)?;
    Ok((
        share.iter().map(|f| f * s.world_capacity_gwh).collect(),
        share.iter().map(|f| f * world_cumulative).collect(),
    ))
}

/// Each region's share of a share table's total (0 for a region it does not name).
pub(crate) fn region_shares(
    data: &Dataset,
    table: &str,
    regions: &[String],
) -> Result<Vec<f64>, PolicyError> {
    let table = data.find::<leapfrog_data::ShareTable>(table)?;
    let total: f64 = table.entries.iter().map(|e| e.value).sum();
    Ok(regions
        .iter()
        .map(|r| {
            table
                .entries
                .iter()
                .find(|e| &e.key == r)
                .map_or(0.0, |e| e.value)
                / total.max(f64::MIN_POSITIVE)
        })
        .collect())
}

/// The world's cumulative output by the learning series' volumes, GWh: all of it, or the
/// years before `before`.
pub(crate) fn world_cumulative_gwh(
    data: &Dataset,
    s: &PolicySettings,
    before: Option<i32>,
) -> Result<f64, PolicyError> {
    let series = data.find::<leapfrog_data::LearningSeries>(&s.learning_series)?;
    let volume = data.find::<leapfrog_data::VolumeSeries>(&series.volume_series)?;
    Ok(volume.cumulative_before_gwh
        + volume
            .points
            .iter()
            .filter(|p| before.is_none_or(|y| p.year < y))
            .map(|p| p.gwh)
            .sum::<f64>())
}

/// A region total split over chemistries by their capacity shares (China's, or everyone
/// else's).
pub(crate) fn split(
    data: &Dataset,
    by_region: &[f64],
    chemistries: &[String],
    cn: usize,
) -> Vec<f64> {
    let mut out = Vec::with_capacity(by_region.len() * chemistries.len());
    for (r, total) in by_region.iter().enumerate() {
        for c in &data.policy_chemistries {
            let share = if r == cn {
                c.capacity_share_cn
            } else {
                c.capacity_share_other
            };
            out.push(total * share);
        }
    }
    debug_assert_eq!(out.len(), by_region.len() * chemistries.len());
    out
}

/// Per chemistry, the U.S. share of what a cell plant buys: for each supply chain, the stage
/// just before cells (cathode or anode material, or the refined metal where no material stage
/// is recorded), weighted by its value per kWh. Materials no chain measures are taken to come
/// from the same places (an assumption; `leapfrog supply` lists them).
fn domestic_materials(
    data: &Dataset,
    factory: &std::sync::Arc<Factory>,
    chemistries: &[String],
) -> Result<Vec<f64>, PolicyError> {
    let supply = leapfrog_supply::SupplyModel::load(data)?;
    let us = ["US".to_string()];
    chemistries
        .iter()
        .map(|c| {
            let p = leapfrog_supply::Product::load(data, factory, c)?;
            let e = leapfrog_supply::exposure(&supply, &p, leapfrog_supply::Basis::Location, &us);
            let bought = e.terms.iter().filter(|t| {
                t.stage != leapfrog_data::SupplyStage::Cell
                    && !e.terms.iter().any(|u| {
                        u.chain == t.chain
                            && u.stage > t.stage
                            && u.stage != leapfrog_data::SupplyStage::Cell
                    })
            });
            let (value, domestic) = bought.fold((0.0, 0.0), |(v, d), t| {
                (v + t.value_usd_per_kwh, d + t.concern_value_usd_per_kwh)
            });
            Ok(if value > 0.0 { domestic / value } else { 0.0 })
        })
        .collect()
}

/// A chemistry's origin from its licence chain. Production licensed abroad goes to the
/// country of the chain's first licensee outside U.S. jurisdiction where the model follows
/// that country; with no such licence on record, to China, where every one of the
/// assessment's four case studies came to be made at scale.
fn ip_origin(
    data: &Dataset,
    c: &leapfrog_data::PolicyChemistry,
    regions: &[String],
    cn: usize,
) -> Result<Option<IpOrigin>, PolicyError> {
    let Some(technology) = &c.ip_technology else {
        return Ok(None);
    };
    let chain = leapfrog_ip::chain(data, technology)?;
    let invented_in = data
        .ip_events
        .iter()
        .filter(|e| &e.technology == technology && e.kind == leapfrog_data::IpEventKind::Invention)
        .find_map(|e| data.ip_organisation(&e.by)?.country.clone());
    let abroad = chain.left_us_jurisdiction.as_ref().and_then(|exit| {
        let r = regions.iter().position(|r| *r == exit.country)?;
        Some((r, exit))
    });
    let (licensee_region, licensee_basis) = match abroad {
        Some((r, exit)) => (
            r,
            format!(
                "first licence abroad: {} ({}), {} [{}]",
                exit.to, exit.country, exit.date, exit.source
            ),
        ),
        None => (
            cn,
            "no licence abroad on record in a region the model follows: China, where the assessment's four case studies scaled".into(),
        ),
    };
    Ok(Some(IpOrigin {
        technology: technology.clone(),
        us_invented: chain.us_invention.is_some(),
        invented_in,
        licensee_region,
        licensee_basis,
    }))
}

/// New chemistries' entry by the scale-up path: the first stage of at least 1 GWh/yr.
fn entries(
    data: &Dataset,
    s: &PolicySettings,
    chemistries: &[String],
) -> Result<Vec<Option<Entry>>, PolicyError> {
    let path = data.find::<leapfrog_data::ScaleupPath>(&s.entry_path)?;
    data.policy_chemistries
        .iter()
        .zip(chemistries)
        .map(|(c, id)| {
            if !c.new {
                return Ok(None);
            }
            let inputs = PathInputs {
                chemistry: id.clone(),
                path: path.clone(),
                variant: "conventional".into(),
                equipment_control: None,
                region: Some("US".into()),
                credit: None,
                grants: false,
            };
            let r = evaluate(&prepare(data, &inputs)?);
            let Some((stage, month)) = r
                .stages
                .iter()
                .find(|st| st.plant_gwh_per_yr >= 1.0)
                .and_then(|st| st.production_start_month.map(|m| (st, m)))
            else {
                return Ok(None);
            };
            let before: f64 = r.months.iter().take(month).map(|m| m.good_gwh).sum();
            Ok(Some(Entry {
                year: r.start_year + (month as f64 / 12.0).ceil() as i32,
                capacity_gwh: stage.plant_gwh_per_yr,
                cumulative_gwh: before.max(0.01),
            }))
        })
        .collect()
}

/// 45X for a chemistry's U.S.-made cells by calendar year, $/kWh: the credit's amount, its
/// tests (material assistance from prohibited foreign entities, on the chemistry's
/// representative U.S. plant) and its phase-down, as the rules evaluator reads them; the same
/// figures the policy model applies.
pub fn us_cell_credit(
    data: &Dataset,
    couple: &str,
    years: &[i32],
) -> Result<Vec<(i32, f64)>, PolicyError> {
    let settings = data
        .policy_settings
        .first()
        .ok_or_else(|| NotFound::new("policy_settings", "default", std::iter::empty::<&str>()))?;
    let factory = Factory::load(data, DEFAULT_COST_MODEL)?;
    let (chem, d) = design(data, couple)?;
    let covered = data
        .policy_chemistries
        .iter()
        .find(|c| c.id == couple)
        .and_then(|c| c.us_cathode_covered_share);
    let cells = [cell_facts(&factory, &chem, &d, couple, covered, settings)?];
    let us = ["US".to_string()];
    let rules = crate::rules::prepare(data, &us, years, &cells, us_demand_share(data))?;
    Ok(years
        .iter()
        .map(|&y| (y, rules.credit_as_enacted(0, y)))
        .collect())
}

/// The production credit a scale-up path's cells earn where it builds: 45X for a U.S. path
/// (region given, else the path's own), year by year as the rules evaluator reads it (its
/// changes only), received as `data/scaleup.toml`'s `scaleup_risk` says; None elsewhere.
pub fn path_credit(
    data: &Dataset,
    chemistry: &str,
    path: &leapfrog_data::ScaleupPath,
    region: Option<&str>,
) -> Result<Option<leapfrog_scaleup::ProductionCredit>, PolicyError> {
    if region.or(path.region.as_deref()) != Some("US") {
        return Ok(None);
    }
    let risk = data.find::<leapfrog_data::ScaleupRisk>("default")?;
    let years: Vec<i32> = (path.start_year..path.start_year + 50).collect();
    let mut steps: Vec<(i32, f64)> = Vec::new();
    for (y, v) in us_cell_credit(data, chemistry, &years)? {
        if steps.last().is_none_or(|(_, last)| *last != v) {
            steps.push((y, v));
        }
    }
    Ok(Some(leapfrog_scaleup::ProductionCredit {
        rule: leapfrog_rules::credit::CREDIT_RULE.into(),
        usd_per_kwh_by_year: steps,
        elective_pay_years: risk.elective_pay_years,
        transfer_price: risk.credit_transfer_price,
    }))
}
