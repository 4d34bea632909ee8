//! Market records: companies, announced plants, capacity shares, prices, volumes, learning
//! estimates, sectors and money (exchange rates and price indices). Every record that carries a
//! number carries a `source` key resolving to `sources.toml`, or `source = "assumption"` with a
//! `note`.

use crate::bounds::bounds;
use crate::keyed::Origin;
use serde::{Deserialize, Serialize};
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Company {
    pub id: String,
    pub name: String,
    /// Region id of the headquarters, which decides the company's group (e.g. Chinese vs not).
    pub hq_country: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(Company {});

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub id: String,
    pub company: String,
    pub site: String,
    pub country: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chemistry: Option<String>,
    pub capacity_gwh: f64,
    /// Announced investment in millions of `currency`; absent when undisclosed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub investment_millions: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    pub announced_year: i32,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(Project {
    capacity_gwh: positive(2000.0),
    announced_year: year,
});

/// A named set of projects that a published comparison refers to.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectSet {
    pub id: String,
    pub label: String,
    pub projects: Vec<String>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(ProjectSet {});

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ShareDimension {
    Country,
    Company,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ShareEntry {
    /// Region id or company id, or `other` for the remainder.
    pub key: String,
    /// Either a share in [0, 1] or an absolute amount (see the table's `unit`).
    pub value: f64,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ShareTable {
    pub id: String,
    pub title: String,
    pub dimension: ShareDimension,
    pub year: i32,
    /// `share` (values sum to 1) or a unit such as `gwh` (shares are computed).
    pub unit: String,
    pub entries: Vec<ShareEntry>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(ShareTable { year: year });

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PricePoint {
    pub year: i32,
    pub usd_per_kwh: f64,
    /// The dollar year of this value; absent means nominal (dollars of `year`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dollar_year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PriceSeries {
    pub id: String,
    pub title: String,
    /// `pack` or `cell`.
    pub level: String,
    pub points: Vec<PricePoint>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(PriceSeries {});

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VolumePoint {
    pub year: i32,
    pub gwh: f64,
    /// Per-point source; falls back to the series' source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Annual production (or demand) in GWh, which the learning analysis accumulates.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VolumeSeries {
    pub id: String,
    pub title: String,
    /// Cumulative GWh produced before the first point's year.
    pub cumulative_before_gwh: f64,
    pub cumulative_before_source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cumulative_before_note: Option<String>,
    pub points: Vec<VolumePoint>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(VolumeSeries {});

/// Pairs a price series with a volume series for a Wright's-law fit.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LearningSeries {
    pub id: String,
    pub title: String,
    pub price_series: String,
    pub volume_series: String,
    /// Prices are converted to dollars of this year before fitting.
    pub dollar_year: i32,
    /// The published learning-rate estimate (a `learning_rate` id) that projections and the
    /// report's headline use; the fit is shown beside it, never in its place.
    pub headline_rate: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(LearningSeries {});

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LearningRateEstimate {
    pub id: String,
    pub scope: String,
    /// Fractional cost reduction per doubling of cumulative output.
    pub learning_rate: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learning_rate_stderr: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(LearningRateEstimate {
    learning_rate: within(
        0.0,
        0.99,
        "a fraction between 0 and 1 (e.g. 0.2 for 20% per doubling)"
    ),
    learning_rate_stderr: within(0.0, 1.0, "a fraction from 0 to 1"),
});

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Sector {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market_size_busd: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market_year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth_rate_per_year: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon_size_busd: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon_year: Option<i32>,
    pub drivers: Vec<String>,
    /// How much each driver counts in the sector's score, in `drivers` order; equal when
    /// absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights: Option<Vec<f64>>,
    /// Another plausible weighting: the fit map says whether the sector's leader changes
    /// under it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternative_weights: Option<Vec<f64>>,
    /// Where the weights come from, or "assumption" (a stated preference) with the reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights_source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights_note: Option<String>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

impl Sector {
    /// The weight of `driver` (by position in `drivers`) under the main or the alternative
    /// weighting; 1 where the sector states none.
    pub fn weight(&self, driver: &str, alternative: bool) -> f64 {
        let weights = if alternative {
            self.alternative_weights.as_ref().or(self.weights.as_ref())
        } else {
            self.weights.as_ref()
        };
        let i = self.drivers.iter().position(|d| d == driver);
        match (weights, i) {
            (Some(w), Some(i)) => w.get(i).copied().unwrap_or(1.0),
            _ => 1.0,
        }
    }
}

bounds!(Sector {
    market_size_busd: positive(1.0e5),
    horizon_size_busd: positive(1.0e5),
    growth_rate_per_year: within(-0.5, 2.0, "a fraction from -0.5 to 2"),
    market_year: year,
    horizon_year: year,
});

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Quote {
    /// Units of the currency per U.S. dollar (e.g. CNY 7.08).
    UnitsPerUsd,
    /// U.S. dollars per unit of the currency (e.g. EUR 1.08).
    UsdPerUnit,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FxRate {
    pub currency: String,
    pub year: i32,
    pub rate: f64,
    pub quote: Quote,
    pub source: String,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(FxRate {
    rate: within(1.0e-4, 1.0e6, "an exchange rate from 0.0001 to 1000000 (units per dollar or dollars per unit, as `quote` says)"),
    year: year,
});

impl FxRate {
    pub fn usd_per_unit(&self) -> f64 {
        match self.quote {
            Quote::UnitsPerUsd => 1.0 / self.rate,
            Quote::UsdPerUnit => self.rate,
        }
    }
}

/// U.S. consumer price index, annual average, used to restate dollars of one year in another.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PriceIndex {
    pub year: i32,
    pub cpi_u: f64,
    pub source: String,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(PriceIndex {
    cpi_u: within(1.0, 1.0e4, "a CPI-U index from 1 to 10000 (1982-84 = 100)"),
    year: year,
});
