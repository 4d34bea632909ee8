//! Record types for the supply-chain model: traded materials ("chains") and how a bill of
//! materials draws on them, country shares of each stage, market responses and demand.

use crate::bounds::bounds;
use crate::keyed::Origin;
use crate::market::ShareEntry;
use serde::{Deserialize, Serialize};

/// A stage of a supply chain. `Refining` covers chemical processing (lithium chemicals,
/// battery-grade sulfates, LiPF6, soda ash, silicon metal, primary aluminium);
/// `Synthesis` is synthetic graphite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SupplyStage {
    Mining,
    Refining,
    Synthesis,
    Precursor,
    CathodeMaterial,
    AnodeMaterial,
    Cell,
}

impl SupplyStage {
    pub const ALL: [SupplyStage; 7] = [
        SupplyStage::Mining,
        SupplyStage::Refining,
        SupplyStage::Synthesis,
        SupplyStage::Precursor,
        SupplyStage::CathodeMaterial,
        SupplyStage::AnodeMaterial,
        SupplyStage::Cell,
    ];

    pub fn id(self) -> &'static str {
        match self {
            SupplyStage::Mining => "mining",
            SupplyStage::Refining => "refining",
            SupplyStage::Synthesis => "synthesis",
            SupplyStage::Precursor => "precursor",
            SupplyStage::CathodeMaterial => "cathode-material",
            SupplyStage::AnodeMaterial => "anode-material",
            SupplyStage::Cell => "cell",
        }
    }

    /// The stage with this id, in any case.
    pub fn parse(s: &str) -> Option<SupplyStage> {
        Self::ALL
            .into_iter()
            .find(|x| x.id().eq_ignore_ascii_case(s))
    }
}

/// A traded material and what of a bill of materials it measures: one element's mass,
/// one commodity's mass, the mass of listed materials (times `mass_fraction`), or the
/// cells themselves (kWh).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SupplyChain {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub element: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commodity: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub materials: Vec<String>,
    #[serde(default)]
    pub cells: bool,
    /// Share of a listed material's mass that this chain measures (e.g. the salt in an
    /// electrolyte); 1 unless stated.
    #[serde(default = "one")]
    pub mass_fraction: f64,
    /// Price per kg of what the chain measures; absent means the materials' own prices
    /// (or, for cells, the factory model's cell cost).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_usd_per_kg: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_source: Option<String>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(SupplyChain {
    mass_fraction: within(1e-6, 1.0, "a fraction in (0, 1]"),
});

fn one() -> f64 {
    1.0
}

/// A transfer from location to control: `fraction` of `host`'s output is owned by
/// companies headquartered in `controller`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ControlTransfer {
    pub host: String,
    pub controller: String,
    pub fraction: f64,
    pub year: i32,
    pub source: String,
}

/// Country shares of one stage of one chain, by location; `control` moves shares to the
/// countries whose companies own the capacity.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SupplyShares {
    pub id: String,
    pub chain: String,
    pub stage: SupplyStage,
    pub year: i32,
    /// `t` (tonnes of the reported product), `gwh`, or `share`.
    pub unit: String,
    /// The source's stated world total (in `unit`); shares are entry / world total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub world_total: Option<f64>,
    /// How the source rounded its world total; listed entries may exceed it by half this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub world_total_rounding: Option<f64>,
    /// kg of what the chain measures per kg of the reported product (e.g. P in rock).
    #[serde(default = "one")]
    pub content_per_unit: f64,
    /// Share of the chain's mass that passes through this stage (e.g. natural graphite).
    #[serde(default = "one")]
    pub mass_fraction: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mass_fraction_source: Option<String>,
    pub entries: Vec<ShareEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub control: Vec<ControlTransfer>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(SupplyShares {
    year: year,
    content_per_unit: positive(1.0e3),
    mass_fraction: within(1e-6, 1.0, "a fraction in (0, 1]"),
});

/// Constant-elasticity market response. `chains` empty means the default for all chains.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SupplyMarket {
    pub id: String,
    #[serde(default)]
    pub chains: Vec<String>,
    /// Price elasticity of demand, as a positive number.
    pub demand_elasticity: f64,
    pub demand_elasticity_range: [f64; 2],
    /// Supply elasticity of the producers not cut, in the first year.
    pub supply_elasticity_short: f64,
    pub supply_elasticity_short_range: [f64; 2],
    /// ... once new supply has ramped up.
    pub supply_elasticity_long: f64,
    pub supply_elasticity_long_range: [f64; 2],
    /// Years for substitution to ramp from short- to long-run elasticity.
    pub ramp_years: f64,
    /// A cap on the price multiple: beyond it buyers switch chemistry rather than pay.
    pub max_price_multiplier: f64,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(SupplyMarket {
    ramp_years: within(0.0, 50.0, "years from 0 to 50"),
    max_price_multiplier: within(1.0, 1000.0, "a multiple from 1 to 1000"),
    demand_elasticity: within(0.0, 10.0, "an elasticity from 0 to 10"),
    supply_elasticity_short: within(0.0, 10.0, "an elasticity from 0 to 10"),
    supply_elasticity_long: within(0.0, 10.0, "an elasticity from 0 to 10"),
});

/// GWh of cells a year by chemistry (couple or storage-system id).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DemandScenario {
    pub id: String,
    pub year: i32,
    pub entries: Vec<DemandEntry>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(DemandScenario { year: year });

impl DemandScenario {
    /// GWh a year the scenario gives a chemistry (0 if it names none).
    pub fn gwh_of(&self, chemistry: &str) -> f64 {
        self.entries
            .iter()
            .filter(|e| e.chemistry == chemistry)
            .map(|e| e.gwh_per_yr)
            .sum::<f64>()
            + 0.0
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DemandEntry {
    pub chemistry: String,
    pub gwh_per_yr: f64,
}
