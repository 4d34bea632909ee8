//! Sector missions: what a battery must do in grid storage, orbit, electric aviation, robots,
//! cars and consumer devices. A mission is a kind and a table of keys; `KEYS` says which keys
//! each kind takes, which are required, which fall back to a sourced default
//! (`[[mission_default]]`) or to the chemistry's own data, and what range each admits.

use crate::keyed::Origin;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MissionKind {
    Grid,
    Leo,
    Geo,
    Evtol,
    Robot,
    Ev,
    Consumer,
}

impl MissionKind {
    pub const ALL: [MissionKind; 7] = [
        MissionKind::Grid,
        MissionKind::Leo,
        MissionKind::Geo,
        MissionKind::Evtol,
        MissionKind::Robot,
        MissionKind::Ev,
        MissionKind::Consumer,
    ];

    pub fn name(self) -> &'static str {
        match self {
            MissionKind::Grid => "grid",
            MissionKind::Leo => "leo",
            MissionKind::Geo => "geo",
            MissionKind::Evtol => "evtol",
            MissionKind::Robot => "robot",
            MissionKind::Ev => "ev",
            MissionKind::Consumer => "consumer",
        }
    }
}

impl std::fmt::Display for MissionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One mission: a preset in data/missions.toml (`[[mission]]` with an `id`), or a spec file
/// with the same keys at its top level.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Mission {
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub kind: MissionKind,
    /// The sector (data/sectors.toml) a preset stands for in `leapfrog fit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The kind's keys (see `KEYS`): numbers, and the words of `augmentation` and `robot`.
    #[serde(flatten)]
    pub values: BTreeMap<String, toml::Value>,
    #[serde(skip)]
    pub origin: Origin,
}

impl Mission {
    /// A numeric key's value, when given.
    pub fn number(&self, key: &str) -> Option<f64> {
        match self.values.get(key)? {
            toml::Value::Float(v) => Some(*v),
            toml::Value::Integer(v) => Some(*v as f64),
            _ => None,
        }
    }

    /// A word key's value, when given.
    pub fn word(&self, key: &str) -> Option<&str> {
        self.values.get(key)?.as_str()
    }
}

/// A sourced default for an optional mission key, used when a mission leaves the key out.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MissionDefault {
    pub kind: MissionKind,
    pub key: String,
    pub value: f64,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

/// Where an optional key's value comes from when a mission leaves it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// The mission must give it.
    Required,
    /// A `[[mission_default]]` record for the kind (sourced).
    Default,
    /// The chemistry's own data (its rated cycle, its pack model, its temperature range).
    Chemistry,
    /// Leaving it out leaves the feature out (a climb segment, a payload figure).
    Feature,
}

/// What a key's value may be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Admits {
    /// A number from `lo` to `hi` (inclusive unless `open_lo`).
    Number { lo: f64, hi: f64, open_lo: bool },
    /// One of these words.
    Word(&'static [&'static str]),
}

impl Admits {
    pub fn allowed(&self) -> String {
        match self {
            Admits::Number { lo, hi, open_lo } => {
                let lo_word = if *open_lo { "above" } else { "from" };
                format!(
                    "a number {lo_word} {} to {}",
                    crate::bounds::fmt_num(*lo),
                    crate::bounds::fmt_num(*hi)
                )
            }
            Admits::Word(words) => format!("one of {}", words.join(", ")),
        }
    }
}

pub struct MissionKey {
    pub name: &'static str,
    pub kinds: &'static [MissionKind],
    pub need: Need,
    pub admits: Admits,
}

const fn num(lo: f64, hi: f64) -> Admits {
    Admits::Number {
        lo,
        hi,
        open_lo: false,
    }
}

const fn above(lo: f64, hi: f64) -> Admits {
    Admits::Number {
        lo,
        hi,
        open_lo: true,
    }
}

use MissionKind::*;
use Need::*;

const ORBIT: &[MissionKind] = &[Leo, Geo];
/// A depth of discharge, end-of-life capacity or pack fraction a battery is sized on: below a
/// hundredth the sizing divides by almost nothing (a fuzzed 1e-300 made an infinite battery
/// and a NaN duty), so such values are refused at their line (issue 28).
const SIZING_SHARE: Admits = num(0.01, 1.0);

/// An efficiency a real battery or drive reaches: sub-normal and near-zero values are refused
/// rather than carried into a division (issue 28).
const EFFICIENCY: Admits = Admits::Number {
    lo: 0.2,
    hi: 1.0,
    open_lo: false,
};

/// Cycles a day: at least one cycle in about three years, at most one an hour.
const CYCLES_PER_DAY: Admits = Admits::Number {
    lo: 0.001,
    hi: 24.0,
    open_lo: false,
};

macro_rules! key {
    ($name:literal, $kinds:expr, $need:expr, $admits:expr) => {
        MissionKey {
            name: $name,
            kinds: $kinds,
            need: $need,
            admits: $admits,
        }
    };
}

/// Every mission key: its kinds, whether it is required and what it admits.
pub const KEYS: &[MissionKey] = &[
    // grid
    key!("power_mw", &[Grid], Required, above(0.0, 1e5)),
    key!("duration_h", &[Grid], Required, above(0.0, 1000.0)),
    // One of the two: a daily duty, or a multi-day one in cycles a year.
    key!("cycles_per_day", &[Grid], Feature, CYCLES_PER_DAY),
    key!("cycles_per_year", &[Grid], Feature, num(0.1, 8760.0)),
    key!("round_trip_efficiency", &[Grid], Default, EFFICIENCY),
    key!("tax_rate", &[Grid], Default, num(0.0, 0.6)),
    key!("inflation_rate", &[Grid], Default, num(-0.05, 0.5)),
    key!(
        "property_tax_and_insurance_rate",
        &[Grid],
        Default,
        num(0.0, 0.2)
    ),
    key!("investment_tax_credit", &[Grid], Default, num(0.0, 0.7)),
    key!("fixed_om_escalation_rate", &[Grid], Default, num(-0.1, 0.2)),
    key!(
        "ldes_target_usd_per_mwh",
        &[Grid],
        Default,
        num(0.0, 10_000.0)
    ),
    key!(
        "years",
        &[Grid, Leo, Geo, Robot, Ev, Consumer],
        Required,
        above(0.0, 50.0)
    ),
    key!("discount_rate", &[Grid], Required, num(-0.05, 0.5)),
    key!(
        "charging_price_usd_per_mwh",
        &[Grid],
        Required,
        num(0.0, 10_000.0)
    ),
    key!(
        "fixed_om_usd_per_kw_year",
        &[Grid],
        Feature,
        num(0.0, 1000.0)
    ),
    key!(
        "fixed_om_fraction_of_capex_per_year",
        &[Grid],
        Default,
        num(0.0, 0.5)
    ),
    key!(
        "variable_om_usd_per_mwh",
        &[Grid],
        Default,
        num(0.0, 1000.0)
    ),
    key!("bos_usd_per_kwh", &[Grid], Default, num(0.0, 5000.0)),
    key!(
        "power_equipment_usd_per_kw",
        &[Grid],
        Default,
        num(0.0, 10_000.0)
    ),
    key!(
        "augmentation",
        &[Grid],
        Feature,
        Admits::Word(&["none", "maintain-energy", "replace-at-eol"])
    ),
    key!(
        "max_dod",
        &[Grid, Evtol, Robot, Ev, Consumer],
        Chemistry,
        SIZING_SHARE
    ),
    key!("max_dod", ORBIT, Required, SIZING_SHARE),
    key!(
        "temperature_c",
        &[Grid, Robot, Ev, Consumer],
        Chemistry,
        num(-60.0, 100.0)
    ),
    // orbit
    // The lowest sustainable orbits take about 88 minutes; a shorter period is not an orbit.
    key!("orbit_period_min", &[Leo], Required, num(85.0, 2000.0)),
    key!("eclipse_min", ORBIT, Required, above(0.0, 300.0)),
    key!("eclipses_per_year", &[Geo], Required, above(0.0, 365.0)),
    key!("load_w", ORBIT, Required, above(0.0, 1e6)),
    key!("bus_voltage_v", ORBIT, Required, above(0.0, 2000.0)),
    key!("eol_capacity_fraction", ORBIT, Required, SIZING_SHARE),
    key!(
        "eol_capacity_fraction",
        &[Grid, Evtol, Ev, Robot, Consumer],
        Chemistry,
        SIZING_SHARE
    ),
    key!("discharge_efficiency", ORBIT, Required, EFFICIENCY),
    key!("charge_efficiency", ORBIT, Required, EFFICIENCY),
    key!("temperature_c", ORBIT, Required, num(-60.0, 100.0)),
    key!("strings", ORBIT, Feature, num(1.0, 1000.0)),
    key!("failed_strings", ORBIT, Feature, num(0.0, 999.0)),
    // evtol
    key!("takeoff_mass_kg", &[Evtol], Required, above(0.0, 1e6)),
    key!("disk_loading_n_per_m2", &[Evtol], Required, above(0.0, 1e5)),
    key!("hover_efficiency", &[Evtol], Required, EFFICIENCY),
    key!("cruise_efficiency", &[Evtol], Required, EFFICIENCY),
    key!("lift_to_drag", &[Evtol], Required, above(0.0, 100.0)),
    key!(
        "cruise_speed_m_per_s",
        &[Evtol],
        Required,
        above(0.0, 400.0)
    ),
    key!("hover_s", &[Evtol], Required, num(0.0, 36_000.0)),
    key!("cruise_km", &[Evtol], Required, num(0.0, 10_000.0)),
    key!("reserve_min", &[Evtol], Required, num(0.0, 600.0)),
    key!("battery_mass_fraction", &[Evtol], Required, SIZING_SHARE),
    key!("cruise_altitude_m", &[Evtol], Feature, above(0.0, 20_000.0)),
    key!("climb_rate_m_per_s", &[Evtol], Feature, above(0.0, 100.0)),
    key!("descent_rate_m_per_s", &[Evtol], Feature, above(0.0, 100.0)),
    key!("empty_mass_kg", &[Evtol], Feature, above(0.0, 1e6)),
    key!("air_density_kg_per_m3", &[Evtol], Default, above(0.0, 2.0)),
    key!(
        "turnaround_charge_min",
        &[Evtol],
        Feature,
        above(0.0, 1440.0)
    ),
    // pack: a sector's cell-to-pack fractions (data/missions.toml defaults), BatPaC's for cars
    key!(
        "cell_to_pack_mass_fraction",
        &[Grid, Leo, Geo, Evtol, Robot],
        Default,
        SIZING_SHARE
    ),
    key!("cell_to_pack_mass_fraction", &[Ev], Chemistry, SIZING_SHARE),
    key!(
        "cell_to_pack_volume_fraction",
        &[Grid],
        Default,
        SIZING_SHARE
    ),
    key!(
        "cell_to_pack_volume_fraction",
        &[Leo, Geo, Evtol, Robot, Ev],
        Chemistry,
        SIZING_SHARE
    ),
    // robot
    key!(
        "robot",
        &[Robot],
        Required,
        Admits::Word(&["legged", "amr"])
    ),
    key!(
        "mass_without_battery_kg",
        &[Robot],
        Required,
        above(0.0, 1e5)
    ),
    key!("speed_m_per_s", &[Robot], Feature, above(0.0, 100.0)),
    key!("cost_of_transport", &[Robot], Feature, above(0.0, 100.0)),
    key!("hours_per_shift", &[Robot], Feature, above(0.0, 24.0)),
    key!("average_power_w", &[Robot], Feature, above(0.0, 1e6)),
    key!("shift_h", &[Robot], Feature, above(0.0, 24.0)),
    key!(
        "charge_windows_per_shift",
        &[Robot],
        Feature,
        num(0.0, 100.0)
    ),
    key!("charge_window_min", &[Robot], Feature, above(0.0, 1440.0)),
    key!("payload_kg", &[Robot], Feature, num(0.0, 1e5)),
    key!("shifts_per_day", &[Robot], Required, above(0.0, 24.0)),
    key!("battery_mass_share_max", &[Robot], Default, SIZING_SHARE),
    // ev
    key!("range_km", &[Ev], Required, above(0.0, 5000.0)),
    key!("consumption_wh_per_km", &[Ev], Required, above(0.0, 5000.0)),
    key!("peak_power_kw", &[Ev], Required, above(0.0, 5000.0)),
    key!("km_per_year", &[Ev], Required, above(0.0, 1e6)),
    key!("pack_mass_max_kg", &[Ev], Feature, above(0.0, 1e5)),
    key!("pack_volume_max_l", &[Ev], Feature, above(0.0, 1e5)),
    key!("charge_c_rate", &[Ev, Consumer], Default, above(0.0, 20.0)),
    key!(
        "discharge_c_rate",
        &[Ev, Consumer],
        Default,
        above(0.0, 20.0)
    ),
    // consumer
    key!("energy_wh", &[Consumer], Required, above(0.0, 1e5)),
    key!("volume_max_l", &[Consumer], Required, above(0.0, 1e3)),
    key!("cycles_per_day", &[Consumer], Required, CYCLES_PER_DAY),
    key!("power_w", &[Consumer], Feature, above(0.0, 1e5)),
];

/// The key entry of `name` for `kind`, if the kind takes it.
pub fn key_of(kind: MissionKind, name: &str) -> Option<&'static MissionKey> {
    KEYS.iter()
        .find(|k| k.name == name && k.kinds.contains(&kind))
}

/// The keys `kind` takes, in `KEYS` order, each once.
pub fn keys_of(kind: MissionKind) -> impl Iterator<Item = &'static MissionKey> {
    KEYS.iter().filter(move |k| k.kinds.contains(&kind))
}

/// The keys a robot of each form needs beyond the common ones.
pub const LEGGED_KEYS: &[&str] = &["speed_m_per_s", "cost_of_transport", "hours_per_shift"];
pub const AMR_KEYS: &[&str] = &[
    "average_power_w",
    "shift_h",
    "charge_windows_per_shift",
    "charge_window_min",
];
