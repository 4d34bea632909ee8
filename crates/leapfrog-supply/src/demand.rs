//! Demand coupling: GWh of cells a year by chemistry → tonnes through each stage, against
//! the world's output and the output outside the countries of concern.

use crate::model::{Basis, SupplyModel};
use crate::product::Product;
use leapfrog_data::{DemandScenario, SupplyStage};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct DemandRow {
    pub chain: String,
    pub stage: SupplyStage,
    /// Tonnes a year of what the chain measures (GWh for cells).
    pub demand: f64,
    /// World output in the same unit, where the source gives amounts.
    pub world: Option<f64>,
    pub outside_concern: Option<f64>,
    /// Demand over output outside the countries of concern (> 1: cannot be met without
    /// them); None where the source gives shares only or nothing is outside.
    pub demand_over_outside: Option<f64>,
    /// Why `world` is null, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub world_reason: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outside_concern_reason: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub demand_over_outside_reason: Option<&'static str>,
}

/// Why a stage has no world amount to set demand against.
const SHARES_ONLY: &str = "the source gives this stage's country shares, not its world output";
/// Why demand cannot be set against output outside the countries of concern.
const NOTHING_OUTSIDE: &str = "the countries of concern hold all of this stage's output";

/// Tonnes from kg per kWh times GWh: 1e6 kWh per GWh over 1e3 kg per tonne.
const T_PER_KG_PER_KWH_GWH: f64 = 1000.0;

pub fn demand_coupling(
    model: &SupplyModel,
    products: &[Product],
    scenario: &DemandScenario,
    basis: Basis,
    concern: &[String],
) -> Vec<DemandRow> {
    let mut rows = Vec::new();
    for c in &model.chains {
        for s in &c.stages {
            let per_unit = if c.record.cells {
                1.0
            } else {
                T_PER_KG_PER_KWH_GWH
            };
            let demand: f64 = products
                .iter()
                .map(|p| scenario.gwh_of(&p.id) * p.amount_per_kwh(c, s) * per_unit)
                .sum();
            if demand <= 0.0 {
                continue;
            }
            let concern_share: f64 = s
                .shares(basis)
                .iter()
                .filter(|(k, _)| concern.contains(k))
                .map(|(_, x)| x)
                .sum();
            let outside = s.world_measured.map(|w| w * (1.0 - concern_share).max(0.0));
            rows.push(DemandRow {
                chain: c.record.id.clone(),
                stage: s.stage,
                demand,
                world: s.world_measured,
                outside_concern: outside,
                demand_over_outside: outside.filter(|o| *o > 0.0).map(|o| demand / o),
                world_reason: s.world_measured.is_none().then_some(SHARES_ONLY),
                outside_concern_reason: outside.is_none().then_some(SHARES_ONLY),
                demand_over_outside_reason: match outside {
                    None => Some(SHARES_ONLY),
                    Some(o) if o <= 0.0 => Some(NOTHING_OUTSIDE),
                    Some(_) => None,
                },
            });
        }
    }
    rows
}
