//! Scale-up records. Every figure is sourced or an assumption with its reason; the stages of a
//! path are checked one by one (sizes, build times, financing, gates).

use crate::bounds::bounds;
use crate::keyed::Origin;
use serde::{Deserialize, Serialize};

/// Settings shared by every line group.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleupSettings {
    pub id: String,
    /// Capex of a tool smaller than one line scales as (size / line)^this.
    pub sub_line_capex_exponent: f64,
    pub sub_line_source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_line_note: Option<String>,
    pub hours_per_shift: f64,
    pub hours_source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(ScaleupSettings {
    sub_line_capex_exponent: within(0.1, 1.0, "an exponent from 0.1 to 1"),
    hours_per_shift: within(1.0, 24.0, "hours from 1 to 24"),
});

/// A country's share of a line group's equipment.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EquipmentShare {
    pub country: String,
    pub share: f64,
}

/// Process steps whose equipment comes in lines of one size.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LineGroup {
    pub id: String,
    pub name: String,
    /// Process step ids (data/factory.toml); a step is in at most one group.
    pub steps: Vec<String>,
    /// One full line, GWh/yr of the cost model's reference plant.
    pub line_gwh_per_yr: f64,
    /// The smallest production tool one can buy, GWh/yr of the reference plant.
    pub smallest_tool_gwh_per_yr: f64,
    pub min_operators_per_shift: f64,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where the group's equipment is made (shares sum to 1).
    pub equipment_shares: Vec<EquipmentShare>,
    pub equipment_source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equipment_note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(LineGroup {
    line_gwh_per_yr: within(0.001, 100.0, "a line of 0.001 to 100 GWh/yr"),
    smallest_tool_gwh_per_yr: within(1.0e-5, 100.0, "a tool of 0.00001 to 100 GWh/yr"),
    min_operators_per_shift: within(0.0, 100.0, "0 to 100 operators a shift"),
});

/// Utilisation and scrap by months since the start of production.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Ramp {
    pub id: String,
    pub name: String,
    /// Scrap (share of cells started) at the start of production, for a company with no output.
    pub start_scrap: f64,
    pub scrap_time_constant_months: f64,
    pub scrap_source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scrap_note: Option<String>,
    /// Prior output that cuts the start excess scrap by a factor e, GWh.
    pub experience_gwh: f64,
    pub experience_source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experience_note: Option<String>,
    pub start_utilisation: f64,
    pub utilisation_time_constant_months: f64,
    pub utilisation_source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utilisation_note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(Ramp {
    start_scrap: within(0.0, 0.95, "a share of cells started from 0 to 0.95"),
    scrap_time_constant_months: within(0.1, 240.0, "0.1 to 240 months"),
    experience_gwh: within(0.001, 1.0e5, "0.001 to 100000 GWh"),
    start_utilisation: within(0.01, 1.0, "a share of nameplate from 0.01 to 1"),
    utilisation_time_constant_months: within(0.1, 240.0, "0.1 to 240 months"),
});

/// How a stage is paid for.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Financing {
    pub id: String,
    pub name: String,
    /// The instrument's own rate, unless `regional`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_of_capital: Option<f64>,
    /// Whether the rate is the plant's region's cost of capital (data/factory_regions.toml),
    /// as for an established maker's corporate finance.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub regional: bool,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The share of a stage's capex lent (the rest is equity); absent: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debt_share: Option<f64>,
    /// Years over which the loan is repaid, in equal parts from the start of production.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debt_tenor_years: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debt_source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debt_note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

impl Financing {
    /// The rate for a plant whose region's cost of capital is `region_rate`.
    pub fn rate(&self, region_rate: f64) -> f64 {
        match (self.regional, self.cost_of_capital) {
            (false, Some(r)) => r,
            _ => region_rate,
        }
    }
}

bounds!(Financing {
    cost_of_capital: within(
        0.0,
        0.6,
        "a cost of capital from 0 to 0.6 per year (a fraction, not a percentage)"
    ),
    debt_share: within(0.0, 1.0, "a share of capex from 0 to 1"),
    debt_tenor_years: within(1.0, 40.0, "1 to 40 years"),
});

/// One uncertain input of a scale-up path: a triangular distribution (low, most likely, high).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RiskRange {
    /// One of [`RISK_INPUTS`].
    pub input: String,
    pub low: f64,
    pub mode: f64,
    pub high: f64,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The inputs a scale-up run may draw, with what each multiplies or adds.
pub const RISK_INPUTS: &[(&str, &str)] = &[
    (
        "ramp_time_factor",
        "a factor on the utilisation ramp's time constant",
    ),
    (
        "scrap_time_factor",
        "a factor on the scrap ramp's time constant",
    ),
    (
        "experience_factor",
        "a factor on the output that cuts start scrap by e",
    ),
    (
        "price_factor",
        "a factor on the price the cells sell at (the incumbent's cost)",
    ),
    (
        "gate_delay_months",
        "months added before each later stage starts building",
    ),
    ("capex_factor", "a factor on every stage's capex (overrun)"),
];

/// How a scale-up path's uncertain inputs are drawn and how its money is raised.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleupRisk {
    pub id: String,
    pub ranges: Vec<RiskRange>,
    /// The company raises, at the start and as each stage starts building, the central
    /// case's need until the next stage starts plus this many months of the burn before it.
    pub reserve_months: f64,
    pub reserve_source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reserve_note: Option<String>,
    /// And a contingency on the stage's capex, as a share of it.
    pub capex_contingency: f64,
    pub capex_contingency_source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capex_contingency_note: Option<String>,
    /// Cents received per dollar of a production credit sold by transfer.
    pub credit_transfer_price: f64,
    pub credit_transfer_source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_transfer_note: Option<String>,
    /// Years from the start of production in which the credit is paid out in full (elective
    /// payment); transfer after.
    pub elective_pay_years: f64,
    pub elective_pay_source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elective_pay_note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(ScaleupRisk {
    reserve_months: within(0.0, 120.0, "0 to 120 months of burn"),
    capex_contingency: within(0.0, 2.0, "a share of capex from 0 to 2"),
    credit_transfer_price: within(0.0, 1.0, "a price per dollar of credit from 0 to 1"),
    elective_pay_years: within(0.0, 40.0, "0 to 40 years"),
});

/// A grant or incentive paid towards one stage's capex, as it is spent.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StageGrant {
    /// A stage id of the path.
    pub stage: String,
    pub musd: f64,
    /// `doe-grant`, `state-incentive`, `48c-award` (a past 48C allocation: the rule is closed
    /// to new ones, and a facility that took it cannot take 45X) or `prepayment` (an
    /// offtaker's advance, repaid in cells from the stage's first output).
    pub kind: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The kinds of [`StageGrant`].
pub const GRANT_KINDS: &[&str] = &["doe-grant", "state-incentive", "48c-award", "prepayment"];

/// A way of building lines, with the factory layer's process options it uses.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ManufacturingVariant {
    pub id: String,
    pub name: String,
    pub line_size_factor: f64,
    pub smallest_tool_factor: f64,
    pub capex_factor: f64,
    pub build_time_factor: f64,
    pub ramp_time_factor: f64,
    /// Process variants of data/factory.toml.
    pub processes: Vec<String>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(ManufacturingVariant {
    line_size_factor: within(0.01, 100.0, "a factor from 0.01 to 100"),
    smallest_tool_factor: within(0.01, 100.0, "a factor from 0.01 to 100"),
    capex_factor: within(0.1, 10.0, "a factor from 0.1 to 10"),
    build_time_factor: within(0.1, 10.0, "a factor from 0.1 to 10"),
    ramp_time_factor: within(0.1, 10.0, "a factor from 0.1 to 10"),
});

/// Export controls on equipment from one country.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EquipmentControl {
    pub id: String,
    pub name: String,
    pub country: String,
    /// YYYY-MM-DD.
    pub effective: String,
    /// Multiplier on the controlled share of equipment capex.
    pub cost_factor: f64,
    /// Months added to a build whose equipment is wholly from the controlling country.
    pub lead_time_months: f64,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(EquipmentControl {
    cost_factor: within(1.0, 10.0, "a factor from 1 to 10"),
    lead_time_months: within(0.0, 120.0, "0 to 120 months"),
});

/// One stage of a path.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PathStage {
    pub id: String,
    pub plant_gwh_per_yr: f64,
    pub build_months: f64,
    /// A financing id.
    pub financing: String,
    /// The next stage starts building once this one has produced for at least this long and
    /// its scrap is down to `gate_scrap`; a stage with neither hands over at its nameplate
    /// (95% of mature utilisation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gate_months: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gate_scrap: Option<f64>,
}

/// The stage ranges, shared by the checker and the report of a bad path file.
pub const STAGE_GWH: (f64, f64, &str) = (0.001, 1.0e4, "a plant of 0.001 to 10000 GWh/yr");
pub const STAGE_BUILD_MONTHS: (f64, f64, &str) = (1.0, 120.0, "1 to 120 months");
pub const STAGE_GATE_MONTHS: (f64, f64, &str) = (0.0, 240.0, "0 to 240 months");
pub const STAGE_GATE_SCRAP: (f64, f64, &str) =
    (0.0, 0.95, "a share of cells started from 0 to 0.95");

/// Pilot to gigafactory: stages in order, the ramp they follow and the incumbent they are set
/// against.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleupPath {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: String,
    /// A region with factory factors; absent: BatPaC's own reference figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub start_year: i32,
    /// A price basis for the entrant's materials (data/price_bases.toml); absent:
    /// materials.toml's prices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_basis: Option<String>,
    pub ramp: String,
    /// The company's output before the path, GWh (learning by doing).
    pub prior_output_gwh: f64,
    pub incumbent_chemistry: String,
    pub incumbent_region: String,
    pub incumbent_plant_gwh_per_yr: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incumbent_price_basis: Option<String>,
    pub incumbent_financing: String,
    /// A learning series (data/learning.toml): the incumbent's cost falls at its headline rate
    /// as the world's cumulative output grows at the series' latest annual volume.
    pub incumbent_learning_series: String,
    pub stages: Vec<PathStage>,
    /// Grants, incentives and prepayments towards the stages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grants: Vec<StageGrant>,
    #[serde(default)]
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(ScaleupPath {
    start_year: year,
    prior_output_gwh: within(0.0, 1.0e6, "0 to 1000000 GWh"),
    incumbent_plant_gwh_per_yr: within(0.001, 1.0e4, "a plant of 0.001 to 10000 GWh/yr"),
});

/// A published pilot, demonstration or first commercial plant, or a company's scale-up case.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleupReference {
    pub id: String,
    pub name: String,
    /// A couple id.
    pub chemistry: String,
    /// Energy capacity; absent where the source rates the plant in power only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plant_gwh_per_yr: Option<f64>,
    /// Power rating where the source gives one (GW of batteries a year): not an energy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plant_gw_per_yr: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capex_musd: Option<f64>,
    /// Whether the capex paid for a new building.
    #[serde(default)]
    pub new_building: bool,
    /// An increment on an existing plant, not a whole plant's capex.
    #[serde(default)]
    pub incremental: bool,
    pub year: i32,
    /// Equity, debt and grants the company raised, as the source counts them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capital_raised_musd: Option<f64>,
    /// What became of it: one of [`OUTCOMES`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// YYYY, YYYY-MM or YYYY-MM-DD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome_date: Option<String>,
    /// A scale-up path shaped like the company's (data/scaleup.toml), whose survival the model
    /// gives beside the outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_shape: Option<String>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

/// What became of a scale-up case.
pub const OUTCOMES: &[&str] = &[
    "operating",
    "bankrupt",
    "administration",
    "closed",
    "cancelled",
    "pivoted",
    "acquired",
];

bounds!(ScaleupReference {
    plant_gwh_per_yr: within(0.0001, 1.0e4, "0.0001 to 10000 GWh/yr"),
    plant_gw_per_yr: within(0.0001, 1.0e4, "0.0001 to 10000 GW/yr"),
    capex_musd: positive(1.0e6),
    capital_raised_musd: positive(1.0e6),
    year: year,
});
