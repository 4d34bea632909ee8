//! Published totals, firms' output and backcast rows.

use crate::bounds::bounds;
use crate::keyed::Origin;
use serde::{Deserialize, Serialize};

/// A published total of cell manufacturing capacity, for coverage.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CapacityTotal {
    pub id: String,
    /// world, china or ex-china.
    pub scope: String,
    pub year: i32,
    pub gwh: f64,
    /// Whether the figure is computed from the source's figures (the note says how) rather
    /// than printed by it.
    #[serde(default)]
    pub derived: bool,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(CapacityTotal {
    year: year,
    gwh: within(0.0, 1.0e5, "0 to 100000 GWh"),
});

/// A firm's published output in a year (all its sites).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FirmOutput {
    pub id: String,
    pub firm: String,
    pub year: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub production_gwh: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sales_gwh: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_gwh: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utilisation: Option<f64>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(FirmOutput {
    year: year,
    production_gwh: within(0.0, 1.0e5, "0 to 100000 GWh"),
    sales_gwh: within(0.0, 1.0e5, "0 to 100000 GWh"),
    capacity_gwh: within(0.0, 1.0e5, "0 to 100000 GWh"),
    utilisation: fraction,
});

/// A published figure the policy model's backcast must reproduce, with its band.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BackcastRow {
    pub id: String,
    /// One of `BACKCAST_METRICS`.
    pub metric: String,
    pub year: i32,
    /// The central published value.
    pub value: f64,
    pub low: f64,
    pub high: f64,
    /// Two or more independent sources, or one whose own stated range is the band.
    pub sources: Vec<String>,
    /// Whether the band is the (single) source's own stated range.
    #[serde(default)]
    pub own_range: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(BackcastRow { year: year });

/// How the policy model's backcast runs over the past: its years, the years its free
/// parameter is fitted on, and how plant records map onto the model's producers.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BackcastSettings {
    pub id: String,
    pub start_year: i32,
    pub end_year: i32,
    /// The only years whose rows the free parameter is fitted on.
    pub calibration_years: Vec<i32>,
    /// The share table that splits the world's experience over regions at the start.
    pub experience_table: String,
    /// The scale-up ramp a plant follows from its production start.
    pub ramp: String,
    /// Plants in countries the model does not cost, and the region that stands in.
    #[serde(default)]
    pub region_proxies: Vec<RegionProxy>,
    /// A plant's chemistry label and the policy chemistry it counts as.
    pub plant_chemistries: Vec<PlantChemistry>,
    pub plant_chemistries_note: String,
    /// The prior range of the contract share (the fitted parameter).
    pub contract_share_low: f64,
    pub contract_share_high: f64,
    pub contract_share_sources: Vec<String>,
    pub contract_share_note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(BackcastSettings {
    start_year: year,
    end_year: year,
    contract_share_low: fraction,
    contract_share_high: fraction,
});

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RegionProxy {
    pub country: String,
    pub region: String,
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PlantChemistry {
    pub plant: String,
    pub chemistry: String,
}

/// A sector's world demand and the U.S. share of it in a past year.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DemandHistory {
    pub id: String,
    /// A `policy_sector` id.
    pub sector: String,
    pub year: i32,
    pub world_gwh: f64,
    pub source: String,
    pub us_share: f64,
    pub us_share_source: String,
    /// Whether a figure is computed from the sources' figures (the note says how).
    #[serde(default)]
    pub derived: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(DemandHistory {
    year: year,
    world_gwh: within(0.0, 1.0e5, "0 to 100000 GWh"),
    us_share: fraction,
});
