//! What the policy model asks of the rules evaluator, prepared once: the duty on cells from
//! each region by product and year (as assessed on 1 July), and whether each chemistry's
//! representative U.S. plant passes 45X's tests in each year, with its amount per kWh.
//!
//! The representative plant buys the factory layer's bill of materials. Each material with a
//! supply-share table (cathode, graphite anode, electrolyte, foils: the foil metals' refining
//! table stands in for foil makers) comes from suppliers in covered nations for the part the
//! rest of the world cannot supply: U.S. plants, paid by 45X to buy elsewhere, take the
//! non-covered output first, up to the U.S. share of world cell demand. A chemistry whose
//! cathode the one cathode table does not describe carries its own covered share
//! (`policy_chemistry.us_cathode_covered_share`). Materials with no table (separator, binder and
//! carbon, solvent, hardware, non-graphite anodes) come from non-covered suppliers. These are
//! assumptions, said in the README and the report; the plants of the present-as-data layer are
//! to replace them.

use crate::PolicyError;
use leapfrog_data::{Component, Dataset, Party, Plant, SupplyStage};
use leapfrog_factory::MaterialCost;
use leapfrog_rules::{duties, CreditEvaluator, CreditPhase, Date, Import, Product, RuleBook};
use leapfrog_supply::{Basis, SupplyModel};
use serde::Serialize;

/// The tariff lines of the two battery products the sectors buy.
const HTS_EV: &str = "8507.60.0010";
const HTS_OTHER: &str = "8507.60.0020";

/// The rules as the annual model uses them.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyRules {
    /// The last date the rules' sources cover.
    pub as_of: Date,
    /// Duty (as assessed on 1 July) on cells from each region into the U.S.:
    /// `[region][ev as usize][year - first_year]`.
    pub duty: Vec<[Vec<f64>; 2]>,
    pub first_year: i32,
    pub phase: CreditPhase,
    /// 45X before the phase-down for each chemistry's cell (and module where eligible), $/kWh.
    pub credit_amount: Vec<f64>,
    /// Whether each chemistry's representative U.S. plant passes 45X's tests, by year.
    pub credit_passes: Vec<Vec<bool>>,
    /// Each chemistry's representative plant's material assistance cost ratio in the first
    /// year the test applies.
    pub material_assistance_ratio: Vec<f64>,
}

/// A chemistry's cell as the credit sees it: its bill of materials per kWh, energy density
/// and module size.
pub struct CellFacts {
    pub chemistry: String,
    /// The data's covered share of this chemistry's cathode, when the cathode table does not
    /// describe it.
    pub cathode_covered_share: Option<f64>,
    pub materials: MaterialCost,
    /// Cells' kWh the bill of materials is for.
    pub kwh: f64,
    pub wh_per_l: f64,
    pub module_kwh: f64,
}

pub fn prepare(
    data: &Dataset,
    regions: &[String],
    years: &[i32],
    cells: &[CellFacts],
    us_demand_share: f64,
) -> Result<PolicyRules, PolicyError> {
    let book = RuleBook::load(data)?;
    let first_year = years.first().copied().unwrap_or(2025);
    let duty = regions
        .iter()
        .map(|r| {
            [
                duty_path(&book, r, HTS_OTHER, years),
                duty_path(&book, r, HTS_EV, years),
            ]
        })
        .collect();
    let supply = SupplyModel::load(data)?;
    let covered = book.covered_nations()?;
    let eval = CreditEvaluator::new(&book, None)?;
    let credit = book.rule(leapfrog_rules::credit::CREDIT_RULE)?;
    let at = book.as_of;
    let cell_amount = book.require(credit, "cell_usd_per_kwh", at)?;
    let module_amount = book.require(credit, "module_usd_per_kwh", at)?;
    let min_module = book.require(credit, "min_module_kwh", at)?;
    let mut credit_amount = Vec::new();
    let mut credit_passes = Vec::new();
    let mut ratios = Vec::new();
    let factory = leapfrog_supply::factory(data)?;
    for cell in cells {
        let product = leapfrog_supply::Product::load(data, &factory, &cell.chemistry)?;
        let exposure = leapfrog_supply::exposure(&supply, &product, Basis::Control, &[]);
        let graphite_anode = exposure
            .term("graphite", SupplyStage::AnodeMaterial)
            .is_some();
        let plant = representative_plant(&supply, &covered, cell, graphite_anode, us_demand_share)?;
        let mut passes = Vec::new();
        let mut ratio = None;
        for &y in years {
            // The phase-down is the lever's (full_until); here only the tests are asked.
            let r = eval.year(&plant, Product::Cell, y, Some(2100))?;
            ratio = ratio.or(r.macr);
            passes.push(r.decisions.iter().all(|d| d.passed));
        }
        credit_amount.push(
            cell_amount
                + if cell.module_kwh >= min_module {
                    module_amount
                } else {
                    0.0
                },
        );
        credit_passes.push(passes);
        ratios.push(ratio.unwrap_or(1.0));
    }
    Ok(PolicyRules {
        as_of: book.as_of,
        duty,
        first_year,
        phase: CreditPhase::load(&book)?,
        credit_amount,
        credit_passes,
        material_assistance_ratio: ratios,
    })
}

impl PolicyRules {
    /// The duty on cells from `region` in `year`.
    pub fn duty(&self, region: usize, ev: bool, year: i32) -> f64 {
        let path = &self.duty[region][usize::from(ev)];
        let i = (year - self.first_year).clamp(0, path.len() as i32 - 1);
        path.get(i as usize).copied().unwrap_or(0.0)
    }

    /// 45X for chemistry `k`'s U.S. cells in `year`, the full-value years running to
    /// `full_until`.
    pub fn credit(&self, k: usize, year: i32, full_until: i32) -> f64 {
        self.credit_phased(k, year, Some(full_until))
    }

    /// 45X for chemistry `k`'s U.S. cells in `year` on the statute's own phase-down.
    pub fn credit_as_enacted(&self, k: usize, year: i32) -> f64 {
        self.credit_phased(k, year, None)
    }

    fn credit_phased(&self, k: usize, year: i32, full_until: Option<i32>) -> f64 {
        let i = (year - self.first_year).clamp(0, self.credit_passes[k].len() as i32 - 1);
        if !self.credit_passes[k][i as usize] {
            return 0.0;
        }
        self.credit_amount[k] * self.phase.factor(year, full_until)
    }
}

fn duty_path(book: &RuleBook, origin: &str, hts: &str, years: &[i32]) -> Vec<f64> {
    years
        .iter()
        .map(|&y| {
            let import = Import {
                origin,
                hts,
                entry: Date::mid_year(y),
            };
            duties(book, &import).total_as_assessed
        })
        .collect()
}

/// A supply chain and the stage whose country shares stand for a material's suppliers.
type StageTable = (&'static str, SupplyStage);

/// The plant the credit is tested on for one chemistry: see the module's account.
fn representative_plant(
    supply: &SupplyModel,
    covered: &[&str],
    cell: &CellFacts,
    graphite_anode: bool,
    us_demand_share: f64,
) -> Result<Plant, PolicyError> {
    let m = &cell.materials;
    let per_kwh = |usd: f64| usd / cell.kwh;
    let shares: [(&str, f64, Option<StageTable>); 9] = [
        (
            "cathode active material",
            m.positive_active_usd,
            Some(("cathode-material", SupplyStage::CathodeMaterial)),
        ),
        (
            "anode active material",
            m.negative_active_usd,
            graphite_anode.then_some(("graphite", SupplyStage::AnodeMaterial)),
        ),
        (
            "electrolyte",
            m.electrolyte_usd,
            Some(("electrolyte", SupplyStage::Refining)),
        ),
        (
            "positive foil",
            m.positive_foil_usd,
            Some(("aluminium", SupplyStage::Refining)),
        ),
        (
            "negative foil",
            m.negative_foil_usd,
            Some(("copper", SupplyStage::Refining)),
        ),
        ("separator", m.separator_usd, None),
        (
            "binder and carbon",
            m.positive_other_usd + m.negative_other_usd,
            None,
        ),
        ("solvent", m.solvent_usd, None),
        ("cell hardware", m.cell_hardware_usd, None),
    ];
    let mut components = Vec::new();
    for (name, usd, stage) in shares {
        let cost = per_kwh(usd);
        if cost <= 0.0 {
            continue;
        }
        let from_covered = match (name, cell.cathode_covered_share, stage) {
            ("cathode active material", Some(share), _) => cost * share,
            (_, _, Some((chain, stage))) => {
                let share = covered_share(supply, covered, chain, stage)?;
                let available = ((1.0 - share) / us_demand_share.max(1e-6)).min(1.0);
                cost * (1.0 - available)
            }
            _ => 0.0,
        };
        if from_covered > 1e-9 {
            components.push(component(
                name,
                from_covered,
                covered.first().copied().unwrap_or("CN"),
            ));
        }
        if cost - from_covered > 1e-9 {
            components.push(component(name, cost - from_covered, "US"));
        }
    }
    Ok(Plant {
        id: "representative-us-cell-plant".into(),
        name: None,
        firm: None,
        site_country: "US".into(),
        site: None,
        chemistry: Some(cell.chemistry.clone()),
        product: None,
        capacity_gwh: Vec::new(),
        construction_start: None,
        production_start: None,
        status: Vec::new(),
        buyers: Vec::new(),
        projects: Vec::new(),
        source: None,
        owner: party("U.S. cell maker", "US"),
        cell_wh_per_l: Some(cell.wh_per_l),
        components,
        licences: Vec::new(),
        note: None,
        origin: Default::default(),
    })
}

fn covered_share(
    supply: &SupplyModel,
    covered: &[&str],
    chain: &str,
    stage: SupplyStage,
) -> Result<f64, PolicyError> {
    let shares = supply.chain(chain)?.stage(stage);
    Ok(shares.map_or(0.0, |s| {
        covered
            .iter()
            .map(|c| s.share_of(c, Basis::Control))
            .sum::<f64>()
            .min(1.0)
    }))
}

fn component(name: &str, cost: f64, country: &str) -> Component {
    Component {
        name: format!("{name} ({country} suppliers)"),
        cost_usd_per_kwh: cost,
        made_in: country.into(),
        supplier: party(&format!("{name} suppliers in {country}"), country),
    }
}

fn party(name: &str, country: &str) -> Party {
    Party {
        name: name.into(),
        organised_in: country.into(),
        principal_place: None,
        owners: Vec::new(),
        debt_held_by_specified_share: None,
        specified_appoints_officer: None,
    }
}
