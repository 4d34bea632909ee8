//! Exposure of one chemistry: for each chain and stage it draws on, the mass and value per
//! kWh, where it comes from, how concentrated it is and how much comes from the countries
//! of concern; one index per chemistry and the bottleneck stage.

pub use crate::model::Basis;
use crate::model::{Chain, StageShares, SupplyModel};
use crate::product::Product;
use leapfrog_data::SupplyStage;
use serde::Serialize;

/// The exposure index, as printed with every result.
pub const INDEX_FORMULA: &str = "E = sum_i(v_i * c_i) / sum_i(v_i): v_i is the value ($/kWh) of what passes stage i of a supply chain (contained metal at its refined price, a material at its own price, cells at the factory cost), c_i the share of stage i in the countries of concern; 0 = none from them, 1 = all";

/// Terms below this share of the chemistry's total stage value cannot be its bottleneck.
const BOTTLENECK_MIN_VALUE_SHARE: f64 = 0.01;

#[derive(Debug, Clone, Serialize)]
pub struct CountryAmount {
    pub country: String,
    pub share: f64,
    pub amount_per_kwh: f64,
    pub value_usd_per_kwh: f64,
}

/// One chain at one stage for one chemistry.
#[derive(Debug, Clone, Serialize)]
pub struct StageTerm {
    pub chain: String,
    pub chain_name: String,
    pub stage: SupplyStage,
    pub table: String,
    pub year: i32,
    pub source: String,
    /// kg per kWh (kWh per kWh for cells).
    pub amount_per_kwh: f64,
    pub value_usd_per_kwh: f64,
    pub countries: Vec<CountryAmount>,
    /// Share from countries the source does not name.
    pub other_share: f64,
    pub hhi: f64,
    pub top_country: String,
    pub top_share: f64,
    pub concern_share: f64,
    pub concern_value_usd_per_kwh: f64,
    /// This term's part of the index: v_i c_i / sum(v).
    pub index_contribution: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Exposure {
    pub chemistry: String,
    pub name: String,
    pub basis: Basis,
    pub concern: Vec<String>,
    pub terms: Vec<StageTerm>,
    pub total_value_usd_per_kwh: f64,
    pub concern_value_usd_per_kwh: f64,
    /// None when no stage of the chemistry is covered by supply data.
    pub index: Option<f64>,
    pub index_formula: &'static str,
    /// (chain, stage) with the highest concern share among terms holding at least 1% of
    /// the value; ties go to the larger value.
    pub bottleneck: Option<(String, SupplyStage)>,
    /// Why `index` is null, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index_reason: Option<&'static str>,
    /// Why `bottleneck` is null, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bottleneck_reason: Option<&'static str>,
    /// Materials no chain in the data measures (kg per kWh): exposure there is unknown.
    pub uncovered: Vec<(String, f64)>,
}

impl Exposure {
    pub fn term(&self, chain: &str, stage: SupplyStage) -> Option<&StageTerm> {
        self.terms
            .iter()
            .find(|t| t.chain == chain && t.stage == stage)
    }

    /// Concern value ($/kWh) over all stages of one chain.
    pub fn chain_concern_value(&self, chain: &str) -> f64 {
        self.terms
            .iter()
            .filter(|t| t.chain == chain)
            .map(|t| t.concern_value_usd_per_kwh)
            .sum::<f64>()
            + 0.0
    }
}

pub fn exposure(model: &SupplyModel, p: &Product, basis: Basis, concern: &[String]) -> Exposure {
    let mut terms: Vec<StageTerm> = model
        .chains
        .iter()
        .flat_map(|c| c.stages.iter().map(move |s| (c, s)))
        .filter_map(|(c, s)| term(p, c, s, basis, concern))
        .collect();
    let total = terms.iter().map(|t| t.value_usd_per_kwh).sum::<f64>() + 0.0;
    let concern_value = terms
        .iter()
        .map(|t| t.concern_value_usd_per_kwh)
        .sum::<f64>()
        + 0.0;
    for t in &mut terms {
        t.index_contribution = if total > 0.0 {
            t.concern_value_usd_per_kwh / total
        } else {
            0.0
        };
    }
    Exposure {
        chemistry: p.id.clone(),
        name: p.name.clone(),
        basis,
        concern: concern.to_vec(),
        bottleneck: bottleneck(&terms, total),
        bottleneck_reason: bottleneck(&terms, total)
            .is_none()
            .then_some("no covered stage holds at least 1% of the chemistry's material value"),
        total_value_usd_per_kwh: total,
        concern_value_usd_per_kwh: concern_value,
        index: (total > 0.0).then(|| concern_value / total),
        index_reason: (total <= 0.0)
            .then_some("no stage of this chemistry is covered by the supply data"),
        index_formula: INDEX_FORMULA,
        uncovered: p.uncovered(&model.chains),
        terms,
    }
}

fn term(
    p: &Product,
    c: &Chain,
    s: &StageShares,
    basis: Basis,
    concern: &[String],
) -> Option<StageTerm> {
    let amount = p.amount_per_kwh(c, s);
    if amount <= 0.0 {
        return None;
    }
    let value = p.value_per_kwh(c, s);
    let shares = s.shares(basis);
    let countries: Vec<CountryAmount> = shares
        .iter()
        .map(|(k, sh)| CountryAmount {
            country: k.clone(),
            share: *sh,
            amount_per_kwh: amount * sh,
            value_usd_per_kwh: value * sh,
        })
        .collect();
    let concern_share: f64 = shares
        .iter()
        .filter(|(k, _)| concern.contains(k))
        .map(|(_, sh)| sh)
        .sum();
    let (top_country, top_share) = shares
        .first()
        .map_or(("other".to_string(), s.other), |(k, sh)| (k.clone(), *sh));
    Some(StageTerm {
        chain: c.record.id.clone(),
        chain_name: c.record.name.clone(),
        stage: s.stage,
        table: s.table.clone(),
        year: s.year,
        source: s.source.clone(),
        amount_per_kwh: amount,
        value_usd_per_kwh: value,
        countries,
        other_share: s.other,
        hhi: s.hhi(basis),
        top_country,
        top_share,
        concern_share,
        concern_value_usd_per_kwh: value * concern_share,
        index_contribution: 0.0,
    })
}

fn bottleneck(terms: &[StageTerm], total: f64) -> Option<(String, SupplyStage)> {
    terms
        .iter()
        .filter(|t| t.value_usd_per_kwh >= BOTTLENECK_MIN_VALUE_SHARE * total)
        .max_by(|a, b| {
            a.concern_share
                .total_cmp(&b.concern_share)
                .then(a.value_usd_per_kwh.total_cmp(&b.value_usd_per_kwh))
        })
        .map(|t| (t.chain.clone(), t.stage))
}
