//! leapfrog-life: battery ageing under any duty cycle.
//!
//! BLAST-Lite 1.1.1's semi-empirical models (one file per model form in [`models`], their
//! parameters sourced in data/life_models.toml), its stressor extraction and breakpoints
//! ([`stressors`], [`simulate`]) and rainflow counting ([`rainflow`]), reproduced so that the
//! same profile gives the same fade (checked against BLAST-Lite fixtures), in a fraction of the
//! time. Profiles come from CSV or a cycle spec ([`profile`]).

pub mod models;
pub mod profile;
pub mod rainflow;
pub mod simulate;
mod states;
pub mod stressors;

use leapfrog_data::{Blame, Blamed, CoupleLife, Dataset, LifeFamily, LifeModel, NotFound};
pub use profile::{CycleSpec, Profile};
use serde::Serialize;
pub use simulate::Stop;

#[derive(Debug, thiserror::Error)]
pub enum LifeError {
    #[error(transparent)]
    Unknown(Box<NotFound>),
    #[error("life model form `{0}` is not implemented")]
    UnknownForm(String),
    #[error("profile: {0}")]
    Profile(String),
    #[error("{0}")]
    Input(String),
    #[error("{0}")]
    OutsideModel(String),
    #[error("no life model for `{0}`: the data has neither a fitted model nor a rated cycle life for it (data/couple_life.toml)")]
    NoLifeModel(String),
    #[error("no life model for `{0}`: its family `{1}` has no ageing model ({2}) and the data has no rated cycle life for it (data/couple_life.toml)")]
    NoFamilyModel(String, String, String),
}

impl From<NotFound> for LifeError {
    fn from(e: NotFound) -> LifeError {
        LifeError::Unknown(Box::new(e))
    }
}

impl Blamed for LifeError {
    fn blame(&self) -> Blame {
        match self {
            LifeError::UnknownForm(_) => Blame::Internal,
            _ => Blame::User,
        }
    }
}

/// Relative capacity and resistance at the end of a simulated year.
#[derive(Debug, Clone, Serialize)]
pub struct YearPoint {
    pub year: f64,
    pub relative_capacity: f64,
    /// The general model's band (low, high) at the year's end, where the model has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relative_capacity_band: Option<Band>,
    /// Absent where the model has no resistance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relative_resistance: Option<f64>,
    pub equivalent_full_cycles: f64,
}

/// A stressor outside the conditions the model was fitted on.
#[derive(Debug, Clone, Serialize)]
pub struct RangeWarning {
    pub stressor: &'static str,
    /// The tested range, (low, high).
    pub tested: (f64, f64),
    /// The furthest the profile went outside it (in the stressor's unit).
    pub furthest_outside: f64,
    /// Share of the simulated time spent outside.
    pub share_of_time: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub final_relative_capacity: f64,
    pub final_relative_resistance: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_relative_resistance_reason: Option<&'static str>,
    pub equivalent_full_cycles: f64,
    pub years: f64,
    pub years_to_80_percent: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub years_to_80_percent_reason: Option<String>,
    pub warnings: Vec<RangeWarning>,
    /// The general model's capacity band from its family's parameter spread: (low, high).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_relative_capacity_band: Option<Band>,
    /// Why the run ended before its stop (the model left the capacity range it holds for),
    /// and when.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended_year: Option<f64>,
    pub within_tested_range: Validity,
}

/// Each stressor's verdict; one without a tested range in the data is null with a `_reason`.
impl Serialize for ByStressor {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let fields = [
            ("dod", self.dod),
            ("temperature", self.temperature),
            ("c_rate", self.c_rate),
            ("soc", self.soc),
            ("years", self.years),
            ("efc", self.efc),
        ];
        let mut map = ser.serialize_map(None)?;
        for (name, v) in fields {
            map.serialize_entry(name, &v)?;
            if v.is_none() {
                map.serialize_entry(
                    &format!("{name}_reason"),
                    "the model's data state no tested range for this stressor",
                )?;
            }
        }
        map.end()
    }
}

/// A capacity band: the lower and the upper value.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Band {
    pub low: f64,
    pub high: f64,
}

/// Whether the run stayed inside the conditions its model was tested on, stressor by stressor
/// (None where the model's data state no tested range for it).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Validity {
    /// Every stated stressor inside its range.
    pub overall: bool,
    /// Share of the simulated time any stressor was outside.
    pub share_outside: f64,
    pub by_stressor: ByStressor,
    /// The longest test the model rests on, in years and in equivalent full cycles, where the
    /// data state it: a capacity that crosses a limit before these crossed it inside the tests.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tested_years: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tested_efc: Option<f64>,
}

impl Validity {
    /// Every stressor but time (years and cycles) inside its tested range.
    pub fn inside_but_for_time(&self) -> bool {
        let s = &self.by_stressor;
        [s.dod, s.temperature, s.c_rate, s.soc]
            .iter()
            .all(|b| b.unwrap_or(true))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ByStressor {
    pub dod: Option<bool>,
    pub temperature: Option<bool>,
    /// Over the active (non-rest) steps.
    pub c_rate: Option<bool>,
    pub soc: Option<bool>,
    pub years: Option<bool>,
    pub efc: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LifeResult {
    pub model: String,
    pub model_name: String,
    /// `fitted` (a semi-empirical model fitted on ageing tests) or `rating` (linear in rated
    /// cycles and calendar life, with no stress dependence).
    pub model_kind: &'static str,
    /// The chemistry family: whose general model this is, or (for a rating) the family that
    /// has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// For a chemistry with a fitted model and a family model: which of the two ran, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model_choice: Option<String>,
    /// `none` where the chemistry's family has no ageing model (a rating stands in).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family_model: Option<&'static str>,
    pub source: String,
    /// Why the result is uncertain beyond its range warnings: a family with no ageing model
    /// (then a rating stands for it, and nothing ages the battery in storage).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model_warning: Option<String>,
    /// A rating's figures and conditions (rating models only), so that a reader sees what the
    /// straight line rests on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rating: Option<Rating>,
    pub summary: Summary,
    pub yearly: Vec<YearPoint>,
    /// The model's states at the end (loss of lithium inventory, of active material, …).
    pub final_states: Vec<(&'static str, f64)>,
}

/// The figures a rating model draws (`data/couple_life.toml`).
#[derive(Debug, Clone, Serialize)]
pub struct Rating {
    pub cycle_life_efc: Option<f64>,
    pub eol_capacity_fraction: Option<f64>,
    /// Where the end-of-life fraction comes from when the rating's source states none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eol_capacity_source: Option<String>,
    /// The end-of-life criterion where it is not the rating's own point, and its source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_of_life_fraction: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_of_life_source: Option<String>,
    pub cycle_dod: Option<f64>,
    pub cycle_c_rate: Option<f64>,
    pub cycle_temperature_c: Option<f64>,
    pub calendar_life_years: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Rating {
    fn of(r: &CoupleLife) -> Rating {
        Rating {
            cycle_life_efc: r.cycle_life_efc,
            eol_capacity_fraction: r.eol_capacity_fraction,
            eol_capacity_source: r.eol_capacity_source.clone(),
            end_of_life_fraction: r.end_of_life_fraction,
            end_of_life_source: r.end_of_life_source.clone(),
            cycle_dod: r.cycle_dod,
            cycle_c_rate: r.cycle_c_rate,
            cycle_temperature_c: r.cycle_temperature_c,
            calendar_life_years: r.calendar_life_years,
            note: r.note.clone(),
        }
    }
}

/// The model record with this id.
pub fn model<'a>(data: &'a Dataset, id: &str) -> Result<&'a LifeModel, LifeError> {
    Ok(data.find::<LifeModel>(id)?)
}

/// Simulates `m` under `profile` until `stop`.
pub fn simulate(m: &LifeModel, profile: &Profile, stop: &Stop) -> Result<LifeResult, LifeError> {
    let mut life = Life::new(m, profile)?;
    life.run(stop)
}

/// Simulates `m` as BLAST-Lite does: no capacity bounds (the reference fixtures' mode).
pub fn simulate_blast(
    m: &LifeModel,
    profile: &Profile,
    stop: &Stop,
) -> Result<LifeResult, LifeError> {
    let mut life = Life::new(m, profile)?;
    life.blast_compatible(true);
    life.run(stop)
}

/// A battery ageing under a profile; `run` can be called again with a later stop to continue
/// from where it stopped (the result is the one of a single run to that stop).
pub struct Life<'a> {
    model: Which<'a>,
    sim: simulate::Simulator<'a>,
    /// Which of a chemistry's two models runs, and why (for [`Which::Chemistry`]).
    choice: Option<String>,
}

/// What ages the battery: a fitted model, a chemistry family's general model, or a chemistry's
/// rating (with its family, whose lack of a model the result names).
#[derive(Debug, Clone, Copy)]
pub enum Which<'a> {
    Fitted(&'a LifeModel),
    Family(&'a LifeModel, &'a LifeFamily),
    Rating(&'a CoupleLife, Option<&'a LifeFamily>),
    /// A chemistry's fitted model, with its family's general model to fall back on: the
    /// fitted model runs where the duty stays inside the conditions it was tested on, the
    /// general one where the duty leaves them (so a result does not rest on an extrapolated
    /// fit, and does not jump, the two agreeing inside the fitted domain).
    Chemistry(&'a LifeModel, Option<(&'a LifeModel, &'a LifeFamily)>),
}

/// Capacity may exceed 1 by this much before a model is outside its range: the scatter of a
/// fresh cell's first capacity checks (an assumption; the BLAST-Lite data state no tested
/// capacity range).
pub const CAPACITY_TOLERANCE: f64 = 0.01;

/// The default ageing model of a chemistry (couple or storage system): its fitted model, else
/// its family's general model, else its rating, else an error saying it has none.
pub fn for_chemistry<'a>(data: &'a Dataset, id: &str) -> Result<Which<'a>, LifeError> {
    let Some(c) = data.couple_life(id) else {
        return Err(LifeError::NoLifeModel(id.to_string()));
    };
    let family = c.family.as_deref().and_then(|f| data.life_family(f));
    match (
        &c.model,
        family.and_then(|f| f.model.as_deref().map(|m| (f, m))),
    ) {
        (Some(m), general) => Ok(Which::Chemistry(
            model(data, m)?,
            match general {
                Some((f, g)) if g != m => Some((model(data, g)?, f)),
                _ => None,
            },
        )),
        (None, Some((f, m))) => Ok(Which::Family(model(data, m)?, f)),
        (None, None) if c.cycle_life_efc.is_some() => Ok(Which::Rating(c, family)),
        (None, None) => Err(match family {
            Some(f) => LifeError::NoFamilyModel(
                id.to_string(),
                f.id.clone(),
                f.note.clone().unwrap_or_default(),
            ),
            None => LifeError::NoLifeModel(id.to_string()),
        }),
    }
}

/// A chemistry's fitted model where one period of the duty stays inside the conditions it was
/// tested on (depth, temperature, state of charge, active C-rate), else its family's general
/// model; with the reason. The duration (years, cycles) is not a reason to switch: the general
/// model was fitted over the same span.
fn choose<'a>(
    fitted: &'a LifeModel,
    general: Option<(&'a LifeModel, &'a LifeFamily)>,
    profile: &'a Profile,
) -> Result<(Which<'a>, String), LifeError> {
    let mut probe = Life::new(fitted, profile)?;
    probe.blast_compatible(true);
    let period_years = (last(&profile.time_s) / (365.0 * 86_400.0)).max(1.0 / 365.0);
    let r = probe.run(&Stop {
        years: Some(period_years),
        ..Default::default()
    })?;
    let outside: Vec<String> = r
        .summary
        .warnings
        .iter()
        .map(|w| {
            format!(
                "{} (tested {}..{})",
                w.stressor,
                fmt_range(w.tested.0),
                fmt_range(w.tested.1)
            )
        })
        .collect();
    Ok(match (outside.is_empty(), general) {
        (true, _) => (
            Which::Fitted(fitted),
            format!(
                "the fitted model `{}`: the duty stays inside the conditions it was tested on",
                fitted.id
            ),
        ),
        (false, Some((g, f))) => (
            Which::Family(g, f),
            format!(
                "the {} family's general model `{}`: the duty leaves the fitted model `{}` in {}",
                f.id,
                g.id,
                fitted.id,
                outside.join(", ")
            ),
        ),
        (false, None) => (
            Which::Fitted(fitted),
            format!(
                "the fitted model `{}`, although the duty leaves it in {}: its family has no other general model",
                fitted.id,
                outside.join(", ")
            ),
        ),
    })
}

/// A range end as the tables print it (no trailing zeros beyond what is needed).
fn fmt_range(v: f64) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

impl<'a> Life<'a> {
    pub fn new(model: &'a LifeModel, profile: &'a Profile) -> Result<Life<'a>, LifeError> {
        Self::of(Which::Fitted(model), profile)
    }

    pub fn of(which: Which<'a>, profile: &'a Profile) -> Result<Life<'a>, LifeError> {
        profile.validate()?;
        let (which, choice) = match which {
            Which::Chemistry(fitted, general) => {
                let (w, why) = choose(fitted, general, profile)?;
                (w, Some(why))
            }
            w => (w, None),
        };
        let (form, range): (Box<dyn models::Form>, Option<[f64; 2]>) = match which {
            Which::Fitted(m) | Which::Family(m, _) => (models::build(m)?, m.range_capacity),
            Which::Rating(r, _) => (Box::new(models::rating::Model::new(r)), None),
            // Resolved above; a fitted model if ever met here.
            Which::Chemistry(m, _) => (models::build(m)?, m.range_capacity),
        };
        let mut sim = simulate::Simulator::new(form, profile);
        let [lo, hi] = range.unwrap_or([0.0, 1.0 + CAPACITY_TOLERANCE]);
        sim.bound(Some((lo, hi)));
        sim.active_rates(true);
        Ok(Life {
            model: which,
            sim,
            choice,
        })
    }

    /// BLAST-Lite's behaviour: no capacity bounds, states reported wherever they go (flagged
    /// in `within_tested_range`), and the C-rate averaged over the whole segment, rests
    /// included.
    pub fn blast_compatible(&mut self, on: bool) {
        let range = match self.model {
            Which::Fitted(m) | Which::Family(m, _) | Which::Chemistry(m, _) => m.range_capacity,
            Which::Rating(..) => None,
        };
        let [lo, hi] = range.unwrap_or([0.0, 1.0 + CAPACITY_TOLERANCE]);
        self.sim.bound((!on).then_some((lo, hi)));
        self.sim.active_rates(!on);
    }

    /// Continues the simulation until `stop`, and reports everything since the start.
    pub fn run(&mut self, stop: &Stop) -> Result<LifeResult, LifeError> {
        self.run_reporting(stop, &mut |_| {})
    }

    /// As `run`, telling `progress` how far the run is towards its stop (0 to 1) as it goes.
    pub fn run_reporting(
        &mut self,
        stop: &Stop,
        progress: &mut dyn FnMut(f64),
    ) -> Result<LifeResult, LifeError> {
        if stop.years.is_none() && stop.efc.is_none() && stop.capacity.is_none() {
            return Err(LifeError::Input(
                "give a stop: years, equivalent full cycles or a relative capacity".into(),
            ));
        }
        self.sim.run_reporting(stop, progress)?;
        let h = &self.sim.history;
        let has_r = self.sim.form().resistance().is_some();
        let (rating, family, model_warning) = match self.model {
            Which::Fitted(_) | Which::Chemistry(..) => (None, None, None),
            Which::Family(_, f) => (None, Some(f.id.clone()), None),
            Which::Rating(r, f) => (
                Some(Rating::of(r)),
                f.map(|f| f.id.clone()),
                f.filter(|f| f.model.is_none()).map(|f| {
                    format!(
                        "family `{}` has no ageing model (model: none): {}; the rating stands in, with no calendar or stress dependence, so the verdict is uncertain",
                        f.id,
                        f.note.as_deref().unwrap_or("no campaign data")
                    )
                }),
            ),
        };
        let (model, model_name, kind, source, checks) = match self.model {
            Which::Fitted(m) | Which::Chemistry(m, _) => (m.id.clone(), m.name.clone(), "fitted", m.source.clone(), model_checks(m)),
            Which::Family(m, _) => (m.id.clone(), m.name.clone(), "family", m.source.clone(), model_checks(m)),
            Which::Rating(r, _) => (
                format!("rating:{}", r.couple),
                format!("{} rated cycle life (linear in cycles and calendar time, no stress dependence)", r.couple),
                "rating",
                r.source.clone(),
                rating_checks(r),
            ),
        };
        let (years_range, efc_range) = match self.model {
            Which::Fitted(m) | Which::Family(m, _) | Which::Chemistry(m, _) => {
                (m.range_years, m.range_efc)
            }
            Which::Rating(r, _) => (None, r.cycle_life_efc.map(|n| [0.0, n])),
        };
        let mut s = summary(h, has_r);
        s.warnings = outside(&checks, h);
        s.within_tested_range = validity(&checks, h, years_range, efc_range);
        s.final_relative_capacity_band = h.band.last().map(|&(low, high)| Band { low, high });
        if let Some(e) = &self.sim.ended {
            s.end_reason = Some(e.reason.clone());
            s.ended_year = Some(e.day / 365.0);
        }
        Ok(LifeResult {
            model,
            model_name,
            model_kind: kind,
            family_model: model_warning.is_some().then_some("none"),
            family,
            model_choice: self.choice.clone(),
            source,
            model_warning,
            rating,
            summary: s,
            yearly: yearly(h, has_r),
            final_states: self.sim.form().states(),
        })
    }
}

fn last(v: &[f64]) -> f64 {
    v[v.len() - 1]
}

fn summary(h: &simulate::History, has_r: bool) -> Summary {
    let years_to_80 = years_to(h, 0.8);
    Summary {
        final_relative_capacity: last(&h.capacity),
        final_relative_resistance: has_r.then(|| last(&h.resistance)),
        final_relative_resistance_reason: (!has_r)
            .then_some("this model predicts capacity only, not resistance"),
        equivalent_full_cycles: last(&h.efc),
        years: last(&h.t_days) / 365.0,
        years_to_80_percent: years_to_80,
        years_to_80_percent_reason: years_to_80.is_none().then(|| {
            format!(
                "capacity stays above 80% over the {:.1} years simulated (final {:.3})",
                last(&h.t_days) / 365.0,
                last(&h.capacity)
            )
        }),
        warnings: Vec::new(),
        final_relative_capacity_band: None,
        end_reason: None,
        ended_year: None,
        within_tested_range: Validity {
            overall: true,
            share_outside: 0.0,
            by_stressor: ByStressor {
                dod: None,
                temperature: None,
                c_rate: None,
                soc: None,
                years: None,
                efc: None,
            },
            tested_years: None,
            tested_efc: None,
        },
    }
}

/// The time capacity first falls to `q`, interpolated between segments.
fn years_to(h: &simulate::History, q: f64) -> Option<f64> {
    let i = h.capacity.iter().position(|c| *c <= q)?;
    if i == 0 {
        return Some(0.0);
    }
    let (c0, c1) = (h.capacity[i - 1], h.capacity[i]);
    let (t0, t1) = (h.t_days[i - 1], h.t_days[i]);
    let f = if c1 < c0 { (c0 - q) / (c0 - c1) } else { 1.0 };
    Some((t0 + f * (t1 - t0)) / 365.0)
}

fn yearly(h: &simulate::History, has_r: bool) -> Vec<YearPoint> {
    let years = (last(&h.t_days) / 365.0).floor() as usize;
    // The band after each segment, from the fresh cell's (1, 1), aligned with `t_days`.
    let has_band = !h.band.is_empty() && h.band.len() + 1 == h.t_days.len();
    let (low, high): (Vec<f64>, Vec<f64>) = std::iter::once((1.0, 1.0))
        .chain(h.band.iter().copied())
        .filter(|_| has_band)
        .unzip();
    (1..=years)
        .map(|y| {
            let d = 365.0 * y as f64;
            YearPoint {
                year: y as f64,
                relative_capacity: simulate::interp(d, &h.t_days, &h.capacity),
                relative_capacity_band: has_band.then(|| Band {
                    low: simulate::interp(d, &h.t_days, &low),
                    high: simulate::interp(d, &h.t_days, &high),
                }),
                relative_resistance: has_r.then(|| simulate::interp(d, &h.t_days, &h.resistance)),
                equivalent_full_cycles: simulate::interp(d, &h.t_days, &h.efc),
            }
        })
        .collect()
}

/// Stressors outside the model's tested range, with how far and for how long.
/// A stressor the result is checked against: its name, the range the model was tested over,
/// its column in the history's stress rows, and whether only cycling segments count.
type Check = (&'static str, (f64, f64), usize, bool);

fn model_checks(m: &LifeModel) -> Vec<Check> {
    vec![
        (
            "temperature_c",
            (m.range_temperature_c[0], m.range_temperature_c[1]),
            1,
            false,
        ),
        ("dod", (m.range_dod[0], m.range_dod[1]), 2, true),
        ("soc", (m.range_soc[0], m.range_soc[1]), 3, false),
        (
            "c_rate",
            (0.0, m.range_charge_c_rate.max(m.range_discharge_c_rate)),
            ACTIVE_C_RATE_COLUMN,
            true,
        ),
    ]
}

/// The stress column of the C-rate over the active steps: rests do not dilute a pulse.
const ACTIVE_C_RATE_COLUMN: usize = 5;

/// A rating holds at the conditions it was measured under: a duty at another temperature,
/// depth or a higher rate is outside what the rating says (conditions the source does not
/// state cannot be checked).
fn rating_checks(r: &CoupleLife) -> Vec<Check> {
    [
        r.cycle_temperature_c
            .map(|t| ("temperature_c", (t, t), 1, false)),
        r.cycle_dod.map(|d| ("dod", (d, d), 2, true)),
        r.cycle_c_rate
            .map(|c| ("c_rate", (0.0, c), ACTIVE_C_RATE_COLUMN, true)),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Stressor by stressor, whether the run stayed where the model was tested; years and cycles
/// against the tests' durations where the data state them.
fn validity(
    checks: &[Check],
    h: &simulate::History,
    years: Option<[f64; 2]>,
    efc: Option<[f64; 2]>,
) -> Validity {
    let total = h.stress.iter().fold(0.0, |acc, s| acc + s[0]);
    let out = |s: &[f64; 6], &(_, (lo, hi), k, only_cycling): &Check| {
        (!only_cycling || cycling(s)) && (s[k] < lo - 1e-9 || s[k] > hi + 1e-9)
    };
    let outside_days = h
        .stress
        .iter()
        .filter(|s| checks.iter().any(|c| out(s, c)))
        .fold(0.0, |acc, s| acc + s[0]);
    let inside = |name: &str| {
        checks
            .iter()
            .find(|c| c.0 == name)
            .map(|c| !h.stress.iter().any(|s| out(s, c)))
    };
    let within = |r: Option<[f64; 2]>, v: f64| r.map(|[_, hi]| v <= hi + 1e-9);
    let by = ByStressor {
        dod: inside("dod"),
        temperature: inside("temperature_c"),
        c_rate: inside("c_rate"),
        soc: inside("soc"),
        years: within(years, last(&h.t_days) / 365.0),
        efc: within(efc, last(&h.efc)),
    };
    let all = [by.dod, by.temperature, by.c_rate, by.soc, by.years, by.efc];
    Validity {
        overall: all.iter().all(|b| b.unwrap_or(true)),
        share_outside: if total > 0.0 {
            outside_days / total
        } else {
            0.0
        },
        by_stressor: by,
        tested_years: years.map(|[_, hi]| hi),
        tested_efc: efc.map(|[_, hi]| hi),
    }
}

/// A segment that cycles (rather than rests): depth and rate are judged on these only.
fn cycling(s: &[f64; 6]) -> bool {
    s[2] > 0.05
}

fn outside(checks: &[Check], h: &simulate::History) -> Vec<RangeWarning> {
    let total: f64 = h.stress.iter().map(|s| s[0]).sum();
    checks
        .iter()
        .filter_map(|&(name, (lo, hi), k, only_cycling)| {
            let mut outside_days = 0.0;
            let mut furthest: f64 = 0.0;
            for s in h.stress.iter().filter(|s| !only_cycling || cycling(s)) {
                let v = s[k];
                let by = if v < lo {
                    lo - v
                } else if v > hi {
                    v - hi
                } else {
                    0.0
                };
                if by > 1e-9 {
                    outside_days += s[0];
                    furthest = furthest.max(by);
                }
            }
            (outside_days > 0.0 && total > 0.0).then_some(RangeWarning {
                stressor: name,
                tested: (lo, hi),
                furthest_outside: furthest,
                share_of_time: outside_days / total,
            })
        })
        .collect()
}

/// How a stressor moves a model's capacity loss across its tested range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// More of the stressor, more loss, everywhere in the range.
    Increases,
    /// More of the stressor, less loss, everywhere in the range.
    Decreases,
    /// Up in part of the range and down in another, or refused in part of it.
    Mixed,
    /// No effect.
    None,
}

impl std::fmt::Display for Direction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Direction::Increases => "increases loss",
            Direction::Decreases => "decreases loss",
            Direction::Mixed => "mixed",
            Direction::None => "none",
        })
    }
}

/// A model, its tested range and the direction of each stressor's effect.
#[derive(Debug, Clone, Serialize)]
pub struct ModelRow {
    pub model: String,
    pub name: String,
    pub source: String,
    pub parameter_locator: String,
    pub tested_temperature_c: (f64, f64),
    pub tested_dod: (f64, f64),
    pub tested_soc: (f64, f64),
    pub tested_max_c_rate: f64,
    pub temperature: Direction,
    pub dod: Direction,
    pub soc: Direction,
    pub c_rate: Direction,
}

/// The stressors a daily cycle is varied along, to find each one's direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stressor {
    Temperature,
    Dod,
    Soc,
    CRate,
}

/// The smallest change of a year's loss, relative to the loss, that counts as an effect: the
/// probe's time step follows the cycle's length, and that rounding moves the loss by about 10⁻⁴
/// of itself between two nearly equal duties.
pub const LOSS_RESOLUTION: f64 = 1e-3;

/// Points across a stressor's range at which its effect is sampled.
const DIRECTION_POINTS: usize = 17;

/// The duty a model's directions are measured on: one cycle a day in the middle of its tested
/// range, `at` (0 to 1) along the range of `stressor`, the others at their middle.
pub fn probe_cycle(m: &LifeModel, stressor: Stressor, at: f64) -> CycleSpec {
    let mid = |r: [f64; 2], f: f64| r[0] + f * (r[1] - r[0]);
    let f = |s: Stressor| if s == stressor { at } else { 0.5 };
    let dod = mid([m.range_dod[0].max(0.05), m.range_dod[1]], f(Stressor::Dod)).min(0.95);
    let soc_mid = mid([m.range_soc[0], m.range_soc[1]], f(Stressor::Soc));
    let soc_max = (soc_mid + dod / 2.0).clamp(dod, 1.0);
    let c_max = m
        .range_charge_c_rate
        .min(m.range_discharge_c_rate)
        .max(0.05);
    let c = mid([0.1 * c_max, c_max], f(Stressor::CRate));
    CycleSpec {
        dod,
        soc_max,
        charge_c: c,
        discharge_c: c,
        per_day: 1.0,
        rest_h: 0.0,
        temperature_c: mid(m.range_temperature_c, f(Stressor::Temperature)),
    }
}

/// Capacity lost over a year of `spec`, or NaN where the model refuses it. Steps are ten
/// minutes, or a twentieth of the shortest charge or discharge when that is shorter: a fast
/// cycle sampled at ten minutes is quantised, and its loss then wiggles with the rate.
pub fn year_loss(m: &LifeModel, spec: &CycleSpec) -> f64 {
    let stop = Stop {
        years: Some(1.0),
        ..Default::default()
    };
    let fastest_c = spec.charge_c.max(spec.discharge_c).max(1e-6);
    let step_s = (spec.dod / fastest_c * 3600.0 / 20.0).clamp(10.0, 600.0);
    simulate_blast(m, &spec.day_every(step_s), &stop)
        .map_or(f64::NAN, |r| 1.0 - r.summary.final_relative_capacity)
}

fn direction(m: &LifeModel, s: Stressor) -> Direction {
    let losses: Vec<f64> = (0..DIRECTION_POINTS)
        .map(|k| {
            year_loss(
                m,
                &probe_cycle(m, s, k as f64 / (DIRECTION_POINTS - 1) as f64),
            )
        })
        .collect();
    // A model that refuses part of the range (its state leaves its domain) has no single
    // direction there.
    if losses.iter().any(|l| !l.is_finite()) {
        return Direction::Mixed;
    }
    let resolution = LOSS_RESOLUTION * losses.iter().fold(0.0, |a: f64, l| a.max(l.abs()));
    let steps: Vec<f64> = losses.windows(2).map(|w| w[1] - w[0]).collect();
    let up = steps.iter().any(|d| *d > resolution.max(1e-9));
    let down = steps.iter().any(|d| *d < -resolution.max(1e-9));
    match (up, down) {
        (true, false) => Direction::Increases,
        (false, true) => Direction::Decreases,
        (true, true) => Direction::Mixed,
        (false, false) => Direction::None,
    }
}

/// Every model with its tested range and the measured direction of each stressor's effect.
pub fn directions(data: &Dataset) -> Result<Vec<ModelRow>, LifeError> {
    data.life_models
        .iter()
        .map(|m| {
            Ok(ModelRow {
                model: m.id.clone(),
                name: m.name.clone(),
                source: m.source.clone(),
                parameter_locator: m.parameter_locator.clone(),
                tested_temperature_c: (m.range_temperature_c[0], m.range_temperature_c[1]),
                tested_dod: (m.range_dod[0], m.range_dod[1]),
                tested_soc: (m.range_soc[0], m.range_soc[1]),
                tested_max_c_rate: m.range_charge_c_rate.max(m.range_discharge_c_rate),
                temperature: direction(m, Stressor::Temperature),
                dod: direction(m, Stressor::Dod),
                soc: direction(m, Stressor::Soc),
                c_rate: direction(m, Stressor::CRate),
            })
        })
        .collect()
}
