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
