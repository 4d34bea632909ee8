//! leapfrog-mission: what a battery must do in a sector, and whether a chemistry can.
//!
//! A mission (data/missions.toml, or a spec file read by `leapfrog_data::read_spec`) is sized
//! against a chemistry's pack from the cell layer, priced with the factory layer and aged with
//! the life layer. The result names every requirement with what is needed and what the
//! battery gives, and the first one that fails; an infeasible mission is a result, not an
//! error. [`fit`] runs every couple against every sector's preset mission.

mod age;
pub mod battery;
mod evtol;
pub mod fit;
mod grid;
mod inputs;
mod orbit;
pub mod pnnl;
mod robot;
mod vehicle;
mod verdict;
mod voltage;

pub use battery::{Battery, Pack, System};
pub use inputs::DefaultUsed;

use leapfrog_data::{Blame, Blamed, Dataset, Mission, MissionKind, NotFound};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error)]
pub enum MissionError {
    #[error(transparent)]
    Unknown(Box<NotFound>),
    #[error(transparent)]
    Cell(#[from] leapfrog_cell::CellError),
    #[error(transparent)]
    Factory(#[from] leapfrog_factory::FactoryError),
    #[error(transparent)]
    Life(#[from] leapfrog_life::LifeError),
    #[error("mission `{mission}`: {message}")]
    Input { mission: String, message: String },
}

impl From<NotFound> for MissionError {
    fn from(e: NotFound) -> MissionError {
        MissionError::Unknown(Box::new(e))
    }
}

impl Blamed for MissionError {
    fn blame(&self) -> Blame {
        match self {
            MissionError::Cell(e) => e.blame(),
            MissionError::Factory(e) => e.blame(),
            MissionError::Life(e) => e.blame(),
            _ => Blame::User,
        }
    }
}

/// Whether the ageing model runs. Sizing and price alone take microseconds; a life run
/// takes milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ageing {
    Simulate,
    Skip,
}

/// One thing the mission needs of the battery.
#[derive(Debug, Clone, Serialize)]
pub struct Requirement {
    pub name: &'static str,
    pub unit: &'static str,
    pub needed: f64,
    pub available: f64,
    /// `at_least`: available must reach needed; `at_most`: must stay within it.
    pub sense: Sense,
    pub met: bool,
    /// available/needed − 1 for `at_least`, needed/available − 1 for `at_most`: negative
    /// when the requirement fails, by that fraction.
    pub margin: f64,
    /// What the available figure comes from: the sizing arithmetic, the ageing model or the
    /// electrochemical simulation.
    pub rests_on: RestsOn,
    /// The available figure at the ends of the ageing model's band, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub available_band: Option<leapfrog_life::Band>,
}

/// The model a requirement's available figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RestsOn {
    Sizing,
    Ageing,
    Simulation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sense {
    AtLeast,
    AtMost,
}

impl Requirement {
    pub fn at_least(name: &'static str, unit: &'static str, needed: f64, available: f64) -> Self {
        Self::new(name, unit, needed, available, Sense::AtLeast)
    }

    pub fn at_most(name: &'static str, unit: &'static str, limit: f64, value: f64) -> Self {
        Self::new(name, unit, limit, value, Sense::AtMost)
    }

    fn new(
        name: &'static str,
        unit: &'static str,
        needed: f64,
        available: f64,
        sense: Sense,
    ) -> Self {
        let margin = match sense {
            Sense::AtLeast => ratio(available, needed) - 1.0,
            Sense::AtMost => ratio(needed, available) - 1.0,
        };
        Requirement {
            name,
            unit,
            needed,
            available,
            sense,
            met: margin >= -1e-12,
            margin,
            rests_on: RestsOn::Sizing,
            available_band: None,
        }
    }

    /// A requirement on the aged battery: `band` is the ageing model's capacity band and
    /// `available` scales with capacity, so the band's ends scale it in proportion.
    pub fn aged(mut self, capacity: f64, band: Option<leapfrog_life::Band>) -> Self {
        self.rests_on = RestsOn::Ageing;
        self.available_band = band.map(|b| leapfrog_life::Band {
            low: self.available * ratio(b.low, capacity),
            high: self.available * ratio(b.high, capacity),
        });
        self
    }

    pub fn simulated(mut self) -> Self {
        self.rests_on = RestsOn::Simulation;
        self
    }

    /// Met at one end of the band and not at the other.
    fn straddles(&self) -> bool {
        self.available_band.is_some_and(|b| {
            let low = Requirement::new(self.name, self.unit, self.needed, b.low, self.sense);
            let high = Requirement::new(self.name, self.unit, self.needed, b.high, self.sense);
            low.met != high.met
        })
    }
}

/// a/b, kept finite: a zero denominator gives a large ratio, never infinity.
fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else if a > 0.0 {
        1e12
    } else {
        1.0
    }
}

/// The battery a mission needs.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Sizing {
    pub nameplate_kwh: f64,
    pub usable_kwh: f64,
    pub mass_kg: f64,
    pub volume_l: f64,
    /// The pack's specific energy, from the sector's cell-to-pack fractions (see
    /// `defaults_used`) or the cell layer's BatPaC pack.
    pub pack_wh_per_kg: f64,
    pub cells: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cells_in_series: Option<f64>,
    pub price_usd: f64,
}

/// How the battery ages on the mission's duty.
#[derive(Debug, Clone, Serialize)]
pub struct LifeOutcome {
    pub model: String,
    pub model_kind: &'static str,
    /// For a chemistry with a fitted and a family model: which ran, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model_choice: Option<String>,
    pub end_of_life_capacity_fraction: f64,
    /// Years until capacity falls to the end-of-life fraction; absent when it stays above
    /// over the years simulated (then `end_of_life_reason` says so).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub years_to_end_of_life: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cycles_to_end_of_life: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_of_life_reason: Option<String>,
    pub years_simulated: f64,
    pub capacity_at_end: f64,
    pub cycles_per_year: f64,
    pub depth_of_discharge: f64,
    pub replacements: u32,
    pub warnings: Vec<String>,
    /// The general model's band at the end (low, high), from its family's parameter spread.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity_band_at_end: Option<leapfrog_life::Band>,
    /// Whether the duty stayed inside the conditions the ageing model was tested on.
    pub within_tested_range: leapfrog_life::Validity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Feasible,
    Infeasible,
    /// A requirement the verdict turns on rests on a model run outside its tested range, or
    /// is met at one end of the ageing model's band and not at the other.
    Uncertain,
    /// A figure the verdict needs cannot be computed (no ageing model, no design).
    NotEvaluated,
}

/// One mission on one chemistry.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    pub mission: String,
    pub kind: MissionKind,
    pub chemistry: String,
    pub status: Status,
    /// The requirement the verdict turns on: the failing one, the uncertain one, or the one
    /// with the least margin (the temperature and duty gates aside).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decisive: Option<Requirement>,
    /// The decisive requirement's margin.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<f64>,
    /// True when the ageing model or the electrochemical model ran outside its tested range.
    pub extrapolated: bool,
    /// Where each model ran outside its range.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extrapolation: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uncertain_because: Option<String>,
    /// The first requirement that fails, when one does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed: Option<Requirement>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_evaluated_reason: Option<String>,
    pub requirements: Vec<Requirement>,
    pub battery: Sizing,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub life: Option<LifeOutcome>,
    /// The kind's figures, each named with its unit.
    pub figures: BTreeMap<&'static str, f64>,
    pub defaults_used: Vec<DefaultUsed>,
    pub notes: Vec<String>,
}

/// What a kind's evaluation hands back before the verdict is drawn.
pub(crate) struct Outcome {
    pub requirements: Vec<Requirement>,
    pub battery: Sizing,
    pub life: Option<LifeOutcome>,
    pub figures: BTreeMap<&'static str, f64>,
    pub notes: Vec<String>,
    pub not_evaluated: Option<String>,
    /// Steps the electrochemical model ran outside its validity, described.
    pub outside_simulation_range: Vec<String>,
    /// Other figures taken outside the range their source stands for (a storage system's
    /// cost re-sized past its durations), described.
    pub outside_cost_range: Vec<String>,
}

impl Outcome {
    /// A verdict drawn without ageing: the requirements alone decide it.
    pub(crate) fn sized(
        requirements: Vec<Requirement>,
        battery: Sizing,
        figures: BTreeMap<&'static str, f64>,
        notes: Vec<String>,
    ) -> Outcome {
        Outcome {
            requirements,
            battery,
            life: None,
            figures,
            notes,
            not_evaluated: None,
            outside_simulation_range: Vec::new(),
            outside_cost_range: Vec::new(),
        }
    }

    /// Sizing without ageing: what the verdict would need the life layer for, and why it is
    /// missing.
    pub(crate) fn unaged(
        requirements: Vec<Requirement>,
        battery: Sizing,
        figures: BTreeMap<&'static str, f64>,
        notes: Vec<String>,
        why: String,
    ) -> Outcome {
        Outcome {
            requirements,
            battery,
            life: None,
            figures,
            notes,
            not_evaluated: Some(why),
            outside_simulation_range: Vec::new(),
            outside_cost_range: Vec::new(),
        }
    }
}

/// Why a battery was not aged: the caller skipped it, or the chemistry has no model.
pub(crate) fn unaged_reason(b: &Battery, ageing: Ageing) -> String {
    match (ageing, &b.no_life_reason) {
        (Ageing::Skip, _) => "ageing not simulated".into(),
        (_, Some(why)) => why.clone(),
        (_, None) => "no ageing model".into(),
    }
}

/// `mission` on `battery`; with `Ageing::Skip` the verdict leaves life out.
pub fn evaluate(
    data: &Dataset,
    mission: &Mission,
    battery: &Battery,
    ageing: Ageing,
) -> Result<Evaluation, MissionError> {
    let inputs = inputs::Inputs::new(data, mission, battery);
    let result = match mission.kind {
        kind if kind != MissionKind::Grid && battery.system.is_some() => {
            Err(MissionError::Input {
                mission: mission.id.clone(),
                message: format!(
                    "{} is a stationary storage system: grid missions evaluate it, {kind} missions do not",
                    battery.couple
                ),
            })
        }
        MissionKind::Grid => grid::evaluate(&inputs, battery, ageing),
        MissionKind::Leo | MissionKind::Geo => orbit::evaluate(&inputs, battery, ageing),
        MissionKind::Evtol => evtol::evaluate(&inputs, battery, ageing),
        MissionKind::Robot => robot::evaluate(&inputs, battery, ageing),
        MissionKind::Ev => vehicle::ev(&inputs, battery, ageing),
        MissionKind::Consumer => vehicle::consumer(&inputs, battery, ageing),
    };
    // A value the mission leaves to the chemistry, which this chemistry lacks, leaves this
    // one chemistry unevaluated; it is not an error of the mission.
    let out = match result {
        Ok(out) => out,
        Err(MissionError::Input { message, .. }) => Outcome {
            requirements: Vec::new(),
            battery: Sizing::default(),
            life: None,
            figures: BTreeMap::new(),
            notes: Vec::new(),
            not_evaluated: Some(message),
            outside_simulation_range: Vec::new(),
            outside_cost_range: Vec::new(),
        },
        Err(e) => return Err(e),
    };
    let failed = out.requirements.iter().find(|r| !r.met).cloned();
    let extrapolation = extrapolation(&out);
    let verdict = verdict::draw(
        &out.requirements,
        out.life.as_ref(),
        &out.outside_simulation_range,
        out.not_evaluated.is_some(),
    );
    Ok(Evaluation {
        mission: mission.id.clone(),
        kind: mission.kind,
        chemistry: battery.couple.clone(),
        status: verdict.status,
        margin: verdict.decisive.as_ref().map(|r| r.margin),
        decisive: verdict.decisive,
        extrapolated: !extrapolation.is_empty(),
        extrapolation,
        uncertain_because: verdict.uncertain_because,
        failed,
        not_evaluated_reason: out.not_evaluated,
        requirements: out.requirements,
        battery: out.battery,
        life: out.life,
        figures: out.figures,
        defaults_used: inputs.into_used(),
        notes: out.notes,
    })
}

/// Where the ageing and electrochemical models ran outside their tested ranges.
fn extrapolation(out: &Outcome) -> Vec<String> {
    let mut v = Vec::new();
    if let Some(l) = out.life.as_ref().filter(|l| !l.within_tested_range.overall) {
        v.push(format!(
            "ageing model {} outside its tested {} ({:.0}% of the time outside)",
            l.model,
            verdict::outside_stressors(&l.within_tested_range).join(", "),
            100.0 * l.within_tested_range.share_outside
        ));
    }
    v.extend(out.outside_simulation_range.iter().cloned());
    v.extend(out.outside_cost_range.iter().cloned());
    v
}

/// The standard acceleration of gravity, m/s² (CGPM 1901).
pub(crate) const G_M_PER_S2: f64 = 9.80665;

/// Pack mass, volume, cells and price of `nameplate_kwh` of `battery` built as `pack`.
pub(crate) fn sized(
    battery: &Battery,
    pack: &battery::Pack,
    nameplate_kwh: f64,
    usable_kwh: f64,
) -> Sizing {
    let wh = nameplate_kwh * 1000.0;
    Sizing {
        nameplate_kwh,
        usable_kwh,
        mass_kg: wh / pack.wh_per_kg,
        volume_l: wh / pack.wh_per_l,
        pack_wh_per_kg: pack.wh_per_kg,
        cells: (wh / battery.cell_energy_wh).ceil(),
        cells_in_series: None,
        price_usd: nameplate_kwh * battery.pack_usd_per_kwh,
    }
}

/// The operating temperature as a requirement against the couple's stated range, when both
/// are known.
pub(crate) fn temperature_requirements(battery: &Battery, temperature_c: f64) -> Vec<Requirement> {
    match battery.temperature_range_c {
        // In kelvin, so that the margins are ratios of positive numbers.
        Some((lo, hi)) => vec![
            Requirement::at_least(
                "temperature_min_k",
                "K",
                lo + 273.15,
                temperature_c + 273.15,
            ),
            Requirement::at_most(
                "temperature_max_k",
                "K",
                hi + 273.15,
                temperature_c + 273.15,
            ),
        ],
        None => Vec::new(),
    }
}
