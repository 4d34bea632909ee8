//! The supply data resolved once: each chain with its stages' country shares, by location
//! and by control, and the market response that applies to it.

use crate::SupplyError;
use leapfrog_data::NotFound;
use leapfrog_data::{Dataset, SupplyChain, SupplyMarket, SupplyShares, SupplyStage};
use serde::Serialize;

/// Whether shares follow where capacity sits or who owns it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    Location,
    Control,
}

impl Basis {
    pub fn parse(s: &str) -> Result<Basis, SupplyError> {
        match s {
            "location" => Ok(Basis::Location),
            "control" => Ok(Basis::Control),
            _ => Err(SupplyError::Input {
                field: "basis",
                value: s.to_string(),
                allowed: "location or control".into(),
            }),
        }
    }
}

/// One stage's shares: named countries as the source gives them (entry / world total),
/// and the unnamed rest.
#[derive(Debug, Clone, Serialize)]
pub struct StageShares {
    pub stage: SupplyStage,
    pub table: String,
    pub year: i32,
    pub source: String,
    /// Named countries, largest first (location basis).
    pub location: Vec<(String, f64)>,
    /// Named countries after ownership transfers, largest first.
    pub control: Vec<(String, f64)>,
    /// 1 minus the named shares, never below 0 (rounded world totals can overshoot).
    pub other: f64,
    /// Share of the chain's measured mass that passes this stage.
    pub mass_fraction: f64,
    /// World output in the chain's measured unit (t of element, material or GWh), when
    /// the source gives amounts.
    pub world_measured: Option<f64>,
}

impl StageShares {
    fn of(t: &SupplyShares) -> Self {
        let total = t.world_total.unwrap_or(1.0);
        let mut location: Vec<(String, f64)> = t
            .entries
            .iter()
            .filter(|e| e.key != "other")
            .map(|e| (e.key.clone(), e.value / total))
            .collect();
        sort_desc(&mut location);
        let named: f64 = location.iter().map(|(_, s)| s).sum();
        let control = transfer(&location, t);
        StageShares {
            stage: t.stage,
            table: t.id.clone(),
            year: t.year,
            source: t.source.clone(),
            location,
            control,
            other: (1.0 - named).max(0.0),
            mass_fraction: t.mass_fraction,
            world_measured: t.world_total.map(|w| w * t.content_per_unit),
        }
    }

    pub fn shares(&self, basis: Basis) -> &[(String, f64)] {
        match basis {
            Basis::Location => &self.location,
            Basis::Control => &self.control,
        }
    }

    pub fn share_of(&self, country: &str, basis: Basis) -> f64 {
        self.shares(basis)
            .iter()
            .filter(|(c, _)| c == country)
            .map(|(_, s)| s)
            .sum()
    }

    /// Herfindahl-Hirschman index on percent shares (0-10,000) over the named countries;
    /// the unnamed rest counts as fully fragmented, so this is a lower bound when the
    /// rest is large.
    pub fn hhi(&self, basis: Basis) -> f64 {
        self.shares(basis)
            .iter()
            .map(|(_, s)| (100.0 * s).powi(2))
            .sum()
    }
}

fn sort_desc(v: &mut [(String, f64)]) {
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
}

/// Moves each host's owned fraction to its controller.
fn transfer(location: &[(String, f64)], t: &SupplyShares) -> Vec<(String, f64)> {
    let mut out: Vec<(String, f64)> = location.to_vec();
    for c in &t.control {
        let host = location
            .iter()
            .find(|(k, _)| *k == c.host)
            .map_or(0.0, |(_, s)| *s);
        let moved = host * c.fraction;
        add(&mut out, &c.host, -moved);
        add(&mut out, &c.controller, moved);
    }
    out.retain(|(_, s)| *s > 0.0);
    sort_desc(&mut out);
    out
}

fn add(v: &mut Vec<(String, f64)>, key: &str, x: f64) {
    match v.iter_mut().find(|(k, _)| k == key) {
        Some(e) => e.1 += x,
        None => v.push((key.to_string(), x)),
    }
}

/// A chain and its stages in stage order.
#[derive(Debug, Clone, Serialize)]
pub struct Chain {
    pub record: SupplyChain,
    pub stages: Vec<StageShares>,
    pub market: SupplyMarket,
}

impl Chain {
    pub fn stage(&self, s: SupplyStage) -> Option<&StageShares> {
        self.stages.iter().find(|x| x.stage == s)
    }
}

#[derive(Debug, Clone)]
pub struct SupplyModel {
    pub chains: Vec<Chain>,
}

impl SupplyModel {
    /// Resolves every chain: its newest table per stage, and its market response (a
    /// chain-specific one if given, else `default`).
    pub fn load(data: &Dataset) -> Result<Self, SupplyError> {
        let default = data.supply_markets.iter().find(|m| m.chains.is_empty());
        let chains = data
            .supply_chains
            .iter()
            .map(|c| {
                let market = data
                    .supply_markets
                    .iter()
                    .find(|m| m.chains.contains(&c.id))
                    .or(default)
                    .cloned()
                    .ok_or_else(|| {
                        SupplyError::Data(format!(
                            "no supply_market for chain `{}` and no default (one with chains = [])",
                            c.id
                        ))
                    })?;
                Ok(Chain {
                    record: c.clone(),
                    stages: newest_tables(data, &c.id),
                    market,
                })
            })
            .collect::<Result<Vec<_>, SupplyError>>()?;
        Ok(SupplyModel { chains })
    }

    pub fn chain(&self, id: &str) -> Result<&Chain, SupplyError> {
        self.chains
            .iter()
            .find(|c| c.record.id == id)
            .ok_or_else(|| {
                NotFound::new(
                    "supply chain",
                    id,
                    self.chains.iter().map(|c| c.record.id.as_str()),
                )
                .into()
            })
    }
}

fn newest_tables(data: &Dataset, chain: &str) -> Vec<StageShares> {
    SupplyStage::ALL
        .into_iter()
        .filter_map(|stage| {
            data.supply_shares
                .iter()
                .filter(|t| t.chain == chain && t.stage == stage)
                .max_by_key(|t| t.year)
                .map(StageShares::of)
        })
        .collect()
}
