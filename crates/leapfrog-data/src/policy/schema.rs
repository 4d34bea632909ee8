//! Policy records. Every figure is sourced or an assumption with its reason; ranges for Monte
//! Carlo sit beside the central values they bound.

use crate::bounds::bounds;
use crate::keyed::Origin;
use serde::{Deserialize, Serialize};

fn none() -> Option<String> {
    None
}

/// The annual model's settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PolicySettings {
    pub id: String,
    pub start_year: i32,
    pub end_year: i32,
    /// Plant size the factory layer prices every region and chemistry at.
    pub reference_plant_gwh_per_yr: f64,
    pub price_basis: String,
    /// A share table of cell capacity by country (data/shares.toml).
    pub capacity_table: String,
    /// A learning series whose volume series gives the world's cumulative output so far.
    pub learning_series: String,
    /// The scale-up path (data/scaleup.toml) new chemistries enter the U.S. by.
    pub entry_path: String,
    pub world_capacity_gwh: f64,
    pub world_capacity_source: String,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub world_capacity_note: Option<String>,
    pub freight_usd_per_kwh: f64,
    pub freight_source: String,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub freight_note: Option<String>,
    pub build_lead_years: f64,
    pub build_source: String,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub build_note: Option<String>,
    /// China's equipment export controls (an equipment_control id, data/scaleup.toml).
    pub equipment_control: String,
    /// The U.S. federal corporate tax rate.
    pub corporate_tax_rate: f64,
    pub tax_source: String,
    /// MACRS 7-year shares of basis deducted in years 1..8 (half-year convention).
    pub macrs_7_year: Vec<f64>,
    /// MACRS 20-year shares (IRS Publication 946 table A-1): the recovery PNNL gives
    /// storage that is not a battery (pumped hydro, compressed air).
    pub macrs_20_year: Vec<f64>,
    /// Straight-line recovery period of nonresidential buildings, years.
    pub building_recovery_years: f64,
    pub depreciation_source: String,
    /// Last year construction may start for a factory building to be expensed under current law.
    pub building_expensing_until: i32,
    pub expensing_source: String,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub tax_note: Option<String>,
    /// The supply layer's demand scenario that shocks are simulated on.
    pub shock_demand_scenario: String,
    /// The U.S. share of a sector's supply (weighted by each sector's GWh) at or above which
    /// the leap map and the report call the sectors "won".
    pub won_share: f64,
    pub won_source: String,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub won_note: Option<String>,
    /// One country's share of world supply at or above which the brief calls a dependence
    /// one to worry about.
    pub dependence_share: f64,
    pub dependence_source: String,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub dependence_note: Option<String>,
    /// Chance a year that a change of law takes back a package's reversible levers (each
    /// returns to its current-law value), from the record of U.S. energy credits.
    pub reversal_per_year: f64,
    pub reversal_source: String,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub reversal_note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(PolicySettings {
    corporate_tax_rate: within(0.0, 0.9, "a tax rate from 0 to 0.9"),
    building_recovery_years: within(1.0, 100.0, "1 to 100 years"),
    building_expensing_until: year,
    start_year: year,
    end_year: year,
    reference_plant_gwh_per_yr: within(0.1, 1000.0, "0.1 to 1000 GWh/yr"),
    world_capacity_gwh: within(1.0, 1.0e6, "1 to 1000000 GWh/yr"),
    freight_usd_per_kwh: within(0.0, 100.0, "0 to 100 $/kWh"),
    build_lead_years: within(0.0, 10.0, "0 to 10 years"),
    dependence_share: within(0.01, 1.0, "a share above 0 and at most 1"),
    reversal_per_year: within(0.0, 1.0, "a chance a year from 0 to 1"),
});

/// Demand of one sector.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PolicySector {
    pub id: String,
    /// A sector id (data/sectors.toml).
    pub sector: String,
    pub base_year: i32,
    pub world_gwh: f64,
    pub us_share: f64,
    pub demand_source: String,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub demand_note: Option<String>,
    pub growth_per_year: f64,
    pub growth_low: f64,
    pub growth_high: f64,
    pub growth_source: String,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub growth_note: Option<String>,
    /// The last year of `growth_per_year`; after it demand grows at `late_growth_per_year`.
    pub growth_until: i32,
    pub late_growth_per_year: f64,
    pub late_growth_source: String,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub late_growth_note: Option<String>,
    /// The tariff product: "ev-battery" or "non-ev-battery".
    pub product: String,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(PolicySector {
    base_year: year,
    world_gwh: within(0.0, 1.0e6, "0 to 1000000 GWh/yr"),
    us_share: fraction,
    growth_per_year: within(-0.5, 2.0, "a growth rate from -0.5 to 2 per year"),
    growth_low: within(-0.5, 2.0, "a growth rate from -0.5 to 2 per year"),
    growth_high: within(-0.5, 2.0, "a growth rate from -0.5 to 2 per year"),
    growth_until: year,
    late_growth_per_year: within(-0.5, 2.0, "a growth rate from -0.5 to 2 per year"),
});

/// A chemistry the model follows.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyChemistry {
    /// A couple id.
    pub id: String,
    pub capacity_share_cn: f64,
    pub capacity_share_other: f64,
    /// Where the capacity shares come from; absent, they are assumptions the note explains.
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub capacity_source: Option<String>,
    /// Cumulative output at which the factory layer's cost holds, GWh.
    pub reference_cumulative_gwh: f64,
    pub learning_rate: f64,
    pub learning_low: f64,
    pub learning_high: f64,
    pub learning_source: String,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A new chemistry enters through the scale-up layer's start-up path.
    pub new: bool,
    /// Policy sectors (`policy_sector` ids) where the chemistry is sold at scale today: the
    /// model follows it there even where a mission verdict is uncertain.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sold_in: Vec<String>,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub sold_in_source: Option<String>,
    /// Share of the representative U.S. plant's cathode bought from suppliers in covered
    /// nations, when the cathode stage's shares (one table for every cathode) do not describe
    /// this chemistry's cathode; absent, the share follows from that table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub us_cathode_covered_share: Option<f64>,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub us_sourcing_source: Option<String>,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub us_sourcing_note: Option<String>,
    /// The chemistry's licence chain in data/ip.toml (an `ip_technology` id): where it was
    /// invented and who has been licensed, which decides whether the IP lever applies to it.
    /// Absent where the data record no chain for it; the lever then does not apply.
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub ip_technology: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(PolicyChemistry {
    us_cathode_covered_share: fraction,
    capacity_share_cn: fraction,
    capacity_share_other: fraction,
    reference_cumulative_gwh: within(0.1, 1.0e6, "0.1 to 1000000 GWh"),
    learning_rate: within(0.0, 0.5, "a learning rate from 0 to 0.5 per doubling"),
    learning_low: within(0.0, 0.5, "a learning rate from 0 to 0.5 per doubling"),
    learning_high: within(0.0, 0.5, "a learning rate from 0 to 0.5 per doubling"),
});

/// Spill-overs, build rate and imitation lag.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyLearning {
    pub id: String,
    pub spill_region: f64,
    pub spill_region_low: f64,
    pub spill_region_high: f64,
    pub spill_chemistry: f64,
    pub spill_chemistry_low: f64,
    pub spill_chemistry_high: f64,
    pub source: String,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub build_rate: f64,
    pub build_rate_low: f64,
    pub build_rate_high: f64,
    pub build_source: String,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub build_note: Option<String>,
    pub imitation_lag_years: f64,
    pub imitation_source: String,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub imitation_note: Option<String>,
    /// Monte Carlo ranges of multipliers on U.S. and Chinese capital costs and on material
    /// prices (central 1).
    pub capex_us_range: [f64; 2],
    pub capex_cn_range: [f64; 2],
    pub materials_range: [f64; 2],
    /// China's material prices relative to the rest of the world's, drawn apart (central 1):
    /// its makers buy at home.
    pub materials_cn_spread: [f64; 2],
    pub ranges_source: String,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub ranges_note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(PolicyLearning {
    spill_region: fraction,
    spill_region_low: fraction,
    spill_region_high: fraction,
    spill_chemistry: fraction,
    spill_chemistry_low: fraction,
    spill_chemistry_high: fraction,
    build_rate: within(0.0, 5.0, "0 to 5 per year"),
    build_rate_low: within(0.0, 5.0, "0 to 5 per year"),
    build_rate_high: within(0.0, 5.0, "0 to 5 per year"),
    imitation_lag_years: within(0.0, 30.0, "0 to 30 years"),
});

/// A lever: its default under current law and its range.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyLever {
    pub id: String,
    /// The current-law value, unless `default_rule` gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<f64>,
    /// A rule (data/rules.toml) whose status on the rules' as-of date sets the default: 1 when
    /// it is in force, 0 otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_rule: Option<String>,
    pub low: f64,
    pub high: f64,
    /// For a lever that takes categories (a regime, on or off), the only values it takes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<f64>,
    pub unit: String,
    /// A law or appropriation a later Congress can take back (policy_settings'
    /// `reversal_per_year`); procurement levers always are.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reversible: bool,
    pub source: String,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(PolicyLever {
    default: within(-1.0e6, 1.0e6, "a finite lever value"),
    low: within(-1.0e6, 1.0e6, "a finite lever value"),
    high: within(-1.0e6, 1.0e6, "a finite lever value"),
});

/// One lever's value in a package.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LeverValue {
    pub name: String,
    pub value: f64,
}

/// A supply shock as a dated event: an export restriction on one stage of a supply chain
/// (the supply layer's shock model prices it).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ShockEvent {
    /// The restricting country (a region id).
    pub country: String,
    /// A supply chain id (data/supply.toml).
    pub chain: String,
    /// A stage of that chain (e.g. "anode-material", "refining").
    pub stage: String,
    /// Share of the country's output of the stage withheld.
    pub cut: f64,
    pub from_year: i32,
    pub years: f64,
}

/// A set of lever values.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyPackage {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub source: String,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub levers: Vec<LeverValue>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shocks: Vec<ShockEvent>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(PolicyPackage {});
