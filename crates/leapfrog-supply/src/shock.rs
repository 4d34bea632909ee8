//! Export restrictions: a country withholds a fraction of its output of one stage of one
//! chain. Prices clear through constant-elasticity demand and the remaining producers'
//! supply, whose elasticity ramps from short- to long-run; the factory re-prices cells.

use crate::model::{Basis, Chain, StageShares, SupplyModel};
use crate::product::Product;
use crate::SupplyError;
use leapfrog_data::NotFound;
use leapfrog_data::{DemandScenario, SupplyMarket, SupplyStage};
use serde::Serialize;

pub const SHOCK_FORMULA: &str = "removed x = cut * s (s: the country's share of the stage); price multiple m = (1 - x)^(-1 / (e_d + e_s)), capped; supply kept r = (1 - x) * m^e_s; each material's price rises by (m - 1) * (value of the stage per kg of that material); the factory re-prices the cell with those prices (cell stage: (m - 1) * cell cost; storage systems: materials only); GWh lost = (1 - r) * GWh demanded of chemistries that use the stage";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shock {
    pub country: String,
    pub chain: String,
    pub stage: SupplyStage,
    /// Fraction of the country's output withheld, 0 to 1.
    pub cut: f64,
    pub duration_years: f64,
    pub basis: Basis,
}

impl Shock {
    pub fn check(&self) -> Result<(), SupplyError> {
        if !(0.0..=1.0).contains(&self.cut) {
            return Err(SupplyError::Input {
                field: "cut",
                value: self.cut.to_string(),
                allowed: "a fraction from 0 to 1".into(),
            });
        }
        if !(self.duration_years.is_finite()
            && self.duration_years > 0.0
            && self.duration_years <= 50.0)
        {
            return Err(SupplyError::Input {
                field: "duration",
                value: self.duration_years.to_string(),
                allowed: "years, more than 0 and at most 50".into(),
            });
        }
        Ok(())
    }
}

/// The market in one year of the shock.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MarketPoint {
    pub year: u32,
    pub demand_elasticity: f64,
    pub supply_elasticity: f64,
    pub price_multiplier: f64,
    /// Whether the cap on the price multiple binds (buyers leave rather than pay more).
    pub capped: bool,
    /// World supply of the stage kept, as a fraction of before.
    pub supply_kept: f64,
}

/// Clears the market after `removed` of world supply is withheld.
pub fn clear(removed: f64, e_d: f64, e_s: f64, cap: f64) -> (f64, f64, bool) {
    let left = 1.0 - removed;
    if left <= 0.0 {
        return (cap, 0.0, true);
    }
    let m = left.powf(-1.0 / (e_d + e_s));
    let (m, capped) = if m > cap { (cap, true) } else { (m, false) };
    (m, (left * m.powf(e_s)).min(1.0), capped)
}

fn point(year: u32, removed: f64, e_d: f64, e_s: f64, cap: f64) -> MarketPoint {
    let (price_multiplier, supply_kept, capped) = clear(removed, e_d, e_s, cap);
    MarketPoint {
        year,
        demand_elasticity: e_d,
        supply_elasticity: e_s,
        price_multiplier,
        capped,
        supply_kept,
    }
}

/// Supply elasticity in year `k` (1-based): short-run in year 1, long-run after the ramp.
fn supply_elasticity(m: &SupplyMarket, k: u32) -> f64 {
    let done = if m.ramp_years <= 0.0 {
        1.0
    } else {
        ((k as f64 - 1.0) / m.ramp_years).min(1.0)
    };
    m.supply_elasticity_short + (m.supply_elasticity_long - m.supply_elasticity_short) * done
}

fn path(m: &SupplyMarket, removed: f64, years: f64) -> Vec<MarketPoint> {
    let n = years.ceil().max(1.0) as u32;
    (1..=n)
        .map(|k| {
            let e_s = supply_elasticity(m, k);
            point(k, removed, m.demand_elasticity, e_s, m.max_price_multiplier)
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct ChemistryShock {
    pub chemistry: String,
    pub name: String,
    pub stage_amount_per_kwh: f64,
    pub stage_value_usd_per_kwh: f64,
    /// Cell cost before the shock (factory model), or None for systems it does not cover.
    pub base_cost_usd_per_kwh: Option<f64>,
    /// Why `base_cost_usd_per_kwh` is null, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_cost_usd_per_kwh_reason: Option<&'static str>,
    /// "cell cost" (re-priced by the factory) or "materials only".
    pub cost_basis: &'static str,
    pub increase_first_year_usd_per_kwh: f64,
    /// First year at the elasticity range's ends: low elasticities give the high case.
    pub increase_first_year_high_usd_per_kwh: f64,
    pub increase_first_year_low_usd_per_kwh: f64,
    pub increase_last_year_usd_per_kwh: f64,
    pub demand_gwh_per_yr: f64,
    pub gwh_lost_first_year: f64,
    pub gwh_lost_last_year: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ShockResult {
    pub shock: Shock,
    pub chain_name: String,
    pub table: String,
    pub source: String,
    pub country_share: f64,
    pub removed_fraction: f64,
    pub market: String,
    pub path: Vec<MarketPoint>,
    pub first_year_high: MarketPoint,
    pub first_year_low: MarketPoint,
    pub demand_scenario: String,
    pub chemistries: Vec<ChemistryShock>,
    pub gwh_lost_first_year: f64,
    pub gwh_lost_last_year: f64,
    pub formula: &'static str,
}

/// The chain and stage a shock names, checked against the data.
pub fn locate<'a>(
    model: &'a SupplyModel,
    s: &Shock,
) -> Result<(&'a Chain, &'a StageShares), SupplyError> {
    s.check()?;
    let chain = model.chain(&s.chain)?;
    let stage = chain.stage(s.stage).ok_or_else(|| {
        NotFound::new(
            "stage of this chain",
            s.stage.id(),
            chain.stages.iter().map(|x| x.stage.id()),
        )
    })?;
    Ok((chain, stage))
}

/// One shock on one chemistry at one market point: the cost increase per kWh.
pub fn cost_increase(p: &Product, chain: &Chain, stage: &StageShares, m: f64) -> f64 {
    if m == 1.0 || p.amount_per_kwh(chain, stage) <= 0.0 {
        return 0.0;
    }
    match (&p.pricing, chain.record.cells) {
        (Some(_), true) => (m - 1.0) * p.cell_cost_usd_per_kwh.unwrap_or(0.0),
        (Some(pr), false) => {
            let base = p.cell_cost_usd_per_kwh.unwrap_or(0.0);
            pr.cell_cost_with(&|id| p.price_shift(chain, stage, id, m)) - base
        }
        (None, _) => (m - 1.0) * p.value_per_kwh(chain, stage),
    }
}

pub fn simulate(
    model: &SupplyModel,
    s: &Shock,
    products: &[Product],
    demand: &DemandScenario,
) -> Result<ShockResult, SupplyError> {
    let (chain, stage) = locate(model, s)?;
    let share = stage.share_of(&s.country, s.basis);
    let removed = (s.cut * share).min(1.0);
    let mk = &chain.market;
    let path = path(mk, removed, s.duration_years);
    let cap = mk.max_price_multiplier;
    let [d_lo, d_hi] = mk.demand_elasticity_range;
    let [s_lo, s_hi] = mk.supply_elasticity_short_range;
    let high = point(1, removed, d_lo, s_lo, cap);
    let low = point(1, removed, d_hi, s_hi, cap);
    let first = path[0];
    let last = path[path.len() - 1];
    let chemistries: Vec<ChemistryShock> = products
        .iter()
        .map(|p| {
            let gwh = demand.gwh_of(&p.id);
            chemistry_shock(p, chain, stage, [first, last, high, low], gwh)
        })
        .collect();
    Ok(ShockResult {
        shock: s.clone(),
        chain_name: chain.record.name.clone(),
        table: stage.table.clone(),
        source: stage.source.clone(),
        country_share: share,
        removed_fraction: removed,
        market: mk.id.clone(),
        gwh_lost_first_year: chemistries
            .iter()
            .map(|c| c.gwh_lost_first_year)
            .sum::<f64>()
            + 0.0,
        gwh_lost_last_year: chemistries
            .iter()
            .map(|c| c.gwh_lost_last_year)
            .sum::<f64>()
            + 0.0,
        path,
        first_year_high: high,
        first_year_low: low,
        demand_scenario: demand.id.clone(),
        chemistries,
        formula: SHOCK_FORMULA,
    })
}

fn chemistry_shock(
    p: &Product,
    chain: &Chain,
    stage: &StageShares,
    [first, last, high, low]: [MarketPoint; 4],
    gwh: f64,
) -> ChemistryShock {
    let amount = p.amount_per_kwh(chain, stage);
    let uses = amount > 0.0;
    let inc = |m: &MarketPoint| cost_increase(p, chain, stage, m.price_multiplier);
    let lost = |m: &MarketPoint| {
        if uses {
            gwh * (1.0 - m.supply_kept)
        } else {
            0.0
        }
    };
    ChemistryShock {
        chemistry: p.id.clone(),
        name: p.name.clone(),
        stage_amount_per_kwh: amount,
        stage_value_usd_per_kwh: p.value_per_kwh(chain, stage),
        base_cost_usd_per_kwh: p.cell_cost_usd_per_kwh,
        base_cost_usd_per_kwh_reason: p
            .cell_cost_usd_per_kwh
            .is_none()
            .then_some("the factory model does not price this storage system"),
        cost_basis: if p.pricing.is_some() {
            "cell cost"
        } else {
            "materials only"
        },
        increase_first_year_usd_per_kwh: inc(&first),
        increase_first_year_high_usd_per_kwh: inc(&high),
        increase_first_year_low_usd_per_kwh: inc(&low),
        increase_last_year_usd_per_kwh: inc(&last),
        demand_gwh_per_yr: gwh,
        gwh_lost_first_year: lost(&first),
        gwh_lost_last_year: lost(&last),
    }
}
