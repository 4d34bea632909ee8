//! An ageing model's record: which equations (`form`), its parameters, the cell it was fitted
//! on and the range of conditions its ageing tests covered.

use crate::bounds::bounds;
use crate::keyed::Origin;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LifeModel {
    pub id: String,
    pub name: String,
    /// The model form: one file of equations in `leapfrog-life` (see `LIFE_MODEL_FORMS`).
    pub form: String,
    /// Nominal capacity of the tested cell, Ah.
    pub capacity_ah: f64,
    /// The publication the model was fitted to.
    pub source: String,
    /// Where the parameters were read (BLAST-Lite's file and lines).
    pub parameter_source: String,
    pub parameter_locator: String,
    /// Cycling temperatures tested, °C (low, high).
    pub range_temperature_c: [f64; 2],
    pub range_dod: [f64; 2],
    pub range_soc: [f64; 2],
    pub range_charge_c_rate: f64,
    pub range_discharge_c_rate: f64,
    /// Years and equivalent full cycles the ageing tests ran to (low, high), where the data
    /// states them; a duty beyond them is an extrapolation in time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range_years: Option<[f64; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range_efc: Option<[f64; 2]>,
    /// Relative capacities the tests covered (lowest, highest): a run ends where the model leaves
    /// them, since its equations were never checked there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range_capacity: Option<[f64; 2]>,
    /// An open-circuit voltage table where the form needs one (SOC points and volts).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ocv_soc: Vec<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ocv_v: Vec<f64>,
    pub params: BTreeMap<String, f64>,
    /// The source of each parameter, for forms whose parameters come from several campaigns
    /// (`LIFE_FORMS_SOURCED_PER_PARAMETER`): a sources.toml id, or "assumption" explained in
    /// `note`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub param_sources: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(LifeModel {
    capacity_ah: within(0.01, 10_000.0, "a cell capacity from 0.01 to 10000 Ah"),
    range_charge_c_rate: within(0.0, 100.0, "a C-rate from 0 to 100"),
    range_discharge_c_rate: within(0.0, 100.0, "a C-rate from 0 to 100"),
});

/// Every model form the life layer implements, with the parameters each needs.
pub const LIFE_MODEL_FORMS: &[(&str, &[&str])] = &[
    (
        "lfp_gr_250ah",
        &[
            "p1", "p2", "p3", "pcal", "p4", "p5", "p6", "p7", "p8", "pcyc",
        ],
    ),
    (
        "lfp_gr_sonymurata",
        &[
            "q2",
            "q1_b0",
            "q1_b1",
            "q1_b2",
            "q3_b0",
            "q3_b1",
            "q3_b2",
            "q3_b3",
            "q3_b4",
            "q8",
            "q9",
            "q7_b0",
            "q7_soc_skew",
            "q7_soc_width",
            "q7_dod_skew",
            "q7_dod_width",
            "q7_dod_growth",
            "q6",
            "q5_b0",
            "q5_b1",
            "q5_b2",
            "k_ref_r_cal",
            "Ea_r_cal",
            "C_r_cal",
            "D_r_cal",
            "A_r_cyc",
            "B_r_cyc",
            "C_r_cyc",
            "D_r_cyc",
        ],
    ),
    (
        "nmc111_gr_kokam",
        &[
            "q1_0", "q1_1", "q1_2", "q2", "q3_0", "q3_1", "q3_2", "q4", "q5_0", "q5_1", "p_LAM",
            "r1", "r2", "r3", "r4", "r5", "r6",
        ],
    ),
    (
        "nmc111_gr_sanyo",
        &[
            "qcal_A_V",
            "qcal_B_V",
            "qcal_C_TdegK",
            "qcal_p",
            "qcyc_A_V",
            "qcyc_B_V",
            "qcyc_C",
            "qcyc_D_DOD",
            "qcyc_p",
            "rcal_A_V",
            "rcal_B_V",
            "rcal_C_TdegK",
            "rcal_p",
            "rcyc_A_V",
            "rcyc_B_V",
            "rcyc_C",
            "rcyc_D_DOD",
        ],
    ),
    (
        "nmc622_gr_denso",
        &[
            "b1t_Ea", "b1t_0", "b1t_1", "b1t_2", "b1t_3", "b1t_4", "b1t_5", "b1N_Ea_1", "b1N_0",
            "b1N_1", "b1N_2", "b1N_3", "b1N_Ea_2", "b1N_4",
        ],
    ),
    (
        "nmc811_grsi_lgm50",
        &[
            "p_cal", "q1_b0", "q1_b1", "q1_b2", "q1_b3", "q1_b4", "p_cyc", "q3_b0", "q3_b1",
            "q3_b2",
        ],
    ),
    (
        "arrhenius_linear",
        &[
            "qcal_A", "qcal_B", "qcal_C", "qcal_p", "qcyc_A", "qcyc_B", "qcyc_C", "qcyc_D",
            "qcyc_E", "qcyc_p",
        ],
    ),
    (
        "nmc_lto",
        &[
            "alpha_0", "alpha_1", "alpha_2", "alpha_p", "beta_0", "beta_1", "beta_2", "beta_p",
            "gamma_0", "gamma_1", "gamma_2", "gamma_3", "gamma_p",
        ],
    ),
    (
        "semi_empirical",
        &[
            "cal_k_per_day_pow_z",
            "cal_z",
            "cal_ea_j_per_mol",
            "cal_soc_factor_at_0",
            "cal_soc_factor_at_25",
            "cal_soc_factor_at_75",
            "cal_soc_factor_at_100",
            "cyc_n_ref_cycles",
            "cyc_loss_at_n_ref",
            "cyc_dod_ref",
            "cyc_dod_exponent",
            "cyc_c_rate_ref",
            "cyc_c_rate_coefficient",
            "cyc_ea_j_per_mol",
            "cyc_plating_ea_j_per_mol",
            "cyc_damage_exponent",
            "band_low_factor",
            "band_high_factor",
        ],
    ),
];

/// The ranges a general (`semi_empirical`) model's parameters must lie in, with their wording:
/// outside them the form's equations lose their meaning (a time exponent above 1.5 or a negative
/// rate), whatever a fit gave.
pub const SEMI_EMPIRICAL_PARAMETER_RANGES: &[(&str, f64, f64, &str)] = &[
    (
        "cal_k_per_day_pow_z",
        0.0,
        1.0,
        "a calendar rate from 0 to 1 per day^z",
    ),
    ("cal_z", 0.1, 1.5, "a time exponent from 0.1 to 1.5"),
    (
        "cal_ea_j_per_mol",
        0.0,
        200_000.0,
        "an activation energy from 0 to 200000 J/mol (storage never ages slower when hotter)",
    ),
    ("cal_soc_factor_at_0", 0.0, 10.0, "a factor from 0 to 10"),
    ("cal_soc_factor_at_25", 0.0, 10.0, "a factor from 0 to 10"),
    ("cal_soc_factor_at_75", 0.0, 10.0, "a factor from 0 to 10"),
    ("cal_soc_factor_at_100", 0.0, 10.0, "a factor from 0 to 10"),
    ("cyc_n_ref_cycles", 1.0, 1.0e7, "1 to 10000000 cycles"),
    (
        "cyc_loss_at_n_ref",
        0.01,
        0.5,
        "a capacity loss from 0.01 to 0.5",
    ),
    (
        "cyc_dod_ref",
        0.01,
        1.0,
        "a depth of discharge from 0.01 to 1",
    ),
    (
        "cyc_dod_exponent",
        0.0,
        5.0,
        "a Wöhler exponent from 0 to 5 (a deeper cycle never costs less)",
    ),
    ("cyc_c_rate_ref", 0.01, 20.0, "a C-rate from 0.01 to 20"),
    (
        "cyc_c_rate_coefficient",
        0.0,
        10.0,
        "0 to 10 per C (a faster cycle never costs less)",
    ),
    (
        "cyc_ea_j_per_mol",
        -200_000.0,
        200_000.0,
        "an activation energy from -200000 to 200000 J/mol",
    ),
    (
        "cyc_plating_ea_j_per_mol",
        0.0,
        200_000.0,
        "an activation energy from 0 to 200000 J/mol",
    ),
    (
        "cyc_damage_exponent",
        0.1,
        1.5,
        "an exponent from 0.1 to 1.5",
    ),
    (
        "band_low_factor",
        0.0,
        1.0,
        "a factor on the loss from 0 to 1",
    ),
    (
        "band_high_factor",
        1.0,
        10.0,
        "a factor on the loss from 1 to 10",
    ),
];

/// The forms whose every parameter carries its own source in `param_sources` (a family's
/// general model draws on several campaigns; a BLAST-Lite transcription has one source).
pub const LIFE_FORMS_SOURCED_PER_PARAMETER: &[&str] = &["semi_empirical"];

/// The forms that read an open-circuit voltage table.
pub const LIFE_FORMS_WITH_OCV: &[&str] = &["nmc111_gr_sanyo"];

/// A chemistry's default ageing model: a fitted model where one exists for a cell of that
/// chemistry, else a rating (rated cycles to an end-of-life capacity under stated conditions,
/// and a calendar life where one is published). A chemistry with neither has no life model.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CoupleLife {
    /// A couple or storage-system id.
    pub couple: String,
    /// The chemistry family (a `life_family` id) whose general model ages this chemistry where
    /// no fitted model stands for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// The fitted model (a `life_model` id) that stands for this chemistry by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Rated equivalent full cycles to `eol_capacity_fraction`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycle_life_efc: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eol_capacity_fraction: Option<f64>,
    /// Where the rating's own source states no end-of-life capacity: the source of the fraction
    /// taken (a convention such as USABC's 80%), so that it is never a silent default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eol_capacity_source: Option<String>,
    /// The end-of-life criterion, where it is not the rating's own point (a paper's retention
    /// after its last cycle is a measurement, not an end of life): what missions age a battery
    /// to unless they give their own. Its source is `end_of_life_source`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_of_life_fraction: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_of_life_source: Option<String>,
    /// The rating's conditions, where published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycle_dod: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycle_c_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycle_temperature_c: Option<f64>,
    /// Years in storage to `eol_capacity_fraction`, where published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar_life_years: Option<f64>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(CoupleLife {
    cycle_life_efc: within(1.0, 1.0e6, "1 to 1000000 equivalent full cycles"),
    eol_capacity_fraction: within(0.3, 0.99, "an end-of-life capacity from 0.3 to 0.99"),
    end_of_life_fraction: within(0.3, 0.99, "an end-of-life capacity from 0.3 to 0.99"),
    cycle_dod: within(0.01, 1.0, "a depth of discharge from 0.01 to 1"),
    cycle_c_rate: within(0.01, 100.0, "a C-rate from 0.01 to 100"),
    cycle_temperature_c: within(-60.0, 100.0, "a temperature from -60 to 100 °C"),
    calendar_life_years: within(0.1, 100.0, "0.1 to 100 years"),
});

impl CoupleLife {
    /// The capacity at which this chemistry's battery is at end of life: the stated criterion
    /// where there is one, else the rating's own point.
    pub fn end_of_life(&self) -> Option<f64> {
        self.end_of_life_fraction.or(self.eol_capacity_fraction)
    }
}

/// A chemistry family's general ageing model: the `semi_empirical` life model fitted on the
/// family's published calendar and cycle campaigns, or none where no campaign is in the data
/// (then `note` says so and missions treat the family's verdicts as uncertain).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LifeFamily {
    pub id: String,
    pub name: String,
    /// A `life_model` of form `semi_empirical`; absent where the family has no model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(LifeFamily {});
