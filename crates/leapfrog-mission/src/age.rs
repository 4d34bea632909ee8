//! The life layer on a mission's duty: one repeating day of cycles, aged year by year.

use crate::{Battery, LifeOutcome, MissionError};
use leapfrog_life::{CycleSpec, Life, Stop};

/// Capacity over the years of a duty, year 0 included.
pub(crate) struct Ageing {
    pub outcome: LifeOutcome,
    /// Relative capacity at the end of each year, from year 0 (1.0).
    pub capacity_by_year: Vec<f64>,
}

/// Samples per shortest phase of the cycle: enough for the stressors (SOC, DoD, C-rate)
/// the life models read, without sampling a four-hour grid cycle every minute.
const SAMPLES_PER_PHASE: f64 = 4.0;

const STEPS_S: [f64; 8] = [60.0, 120.0, 300.0, 600.0, 900.0, 1200.0, 1800.0, 3600.0];

/// `battery` aged under `spec` for `years`; None when it has no ageing model.
pub(crate) fn age(
    battery: &Battery,
    spec: CycleSpec,
    years: f64,
    eol: f64,
    cycles_per_year: f64,
) -> Result<Option<Ageing>, MissionError> {
    let Some(which) = battery.life else {
        return Ok(None);
    };
    let shortest_phase_s = 3600.0 * (spec.dod / spec.charge_c).min(spec.dod / spec.discharge_c);
    let wanted_s = shortest_phase_s / SAMPLES_PER_PHASE;
    // Steps that divide an hour keep every phase boundary of an hourly duty on a sample.
    let step_s = STEPS_S
        .iter()
        .rev()
        .copied()
        .find(|s| *s <= wanted_s)
        .unwrap_or(STEPS_S[0]);
    let profile = spec.day_every(step_s);
    let mut life = Life::of(which, &profile)?;
    let r = life.run(&Stop {
        years: Some(years),
        ..Default::default()
    })?;
    let mut capacity_by_year = vec![1.0];
    capacity_by_year.extend(r.yearly.iter().map(|y| y.relative_capacity));
    if (capacity_by_year.len() as f64) < years + 1.0 {
        capacity_by_year.push(r.summary.final_relative_capacity);
    }
    let years_to_eol = crossing(&capacity_by_year, eol, years);
    let warnings = r
        .summary
        .warnings
        .iter()
        .map(|w| {
            format!(
                "{} outside the model's tested range ({}..{}) by up to {:.3}, {:.0}% of the time",
                w.stressor,
                w.tested.0,
                w.tested.1,
                w.furthest_outside,
                100.0 * w.share_of_time
            )
        })
        .collect();
    Ok(Some(Ageing {
        outcome: LifeOutcome {
            model: r.model,
            model_kind: r.model_kind,
            end_of_life_capacity_fraction: eol,
            years_to_end_of_life: years_to_eol,
            cycles_to_end_of_life: years_to_eol.map(|y| y * cycles_per_year),
            end_of_life_reason: years_to_eol.is_none().then(|| {
                format!(
                    "capacity stays above {eol} over the {:.1} years simulated (final {:.3})",
                    r.summary.years, r.summary.final_relative_capacity
                )
            }),
            years_simulated: r.summary.years,
            capacity_at_end: r.summary.final_relative_capacity,
            cycles_per_year,
            depth_of_discharge: spec.dod,
            replacements: 0,
            warnings,
        },
        capacity_by_year,
    }))
}

/// The first time capacity reaches `q`, linear between year ends (the last point may end a
/// part year at `years`).
fn crossing(capacity: &[f64], q: f64, years: f64) -> Option<f64> {
    let i = capacity.iter().position(|c| *c <= q)?;
    if i == 0 {
        return Some(0.0);
    }
    let t1 = (i as f64).min(years);
    let t0 = (i - 1) as f64;
    let (c0, c1) = (capacity[i - 1], capacity[i]);
    let f = if c0 > c1 { (c0 - q) / (c0 - c1) } else { 1.0 };
    Some(t0 + f * (t1 - t0))
}

/// A cycle spec whose day holds `per_day` cycles at these rates, the rest spent resting.
pub(crate) fn cycle(
    dod: f64,
    charge_c: f64,
    discharge_c: f64,
    per_day: f64,
    temperature_c: f64,
    soc_max: f64,
) -> CycleSpec {
    let cycle_h = dod / charge_c + dod / discharge_c;
    // A duty that fills the day exactly (an orbit) must not overrun it by a rounding error;
    // one that truly overruns is left for the life layer to refuse.
    let fits = 24.0 / cycle_h * (1.0 - 1e-9);
    let per_day = if per_day > fits && per_day < fits * (1.0 + 1e-6) {
        fits
    } else {
        per_day
    };
    CycleSpec {
        dod,
        soc_max,
        charge_c,
        discharge_c,
        per_day,
        rest_h: 0.0,
        temperature_c,
    }
}
