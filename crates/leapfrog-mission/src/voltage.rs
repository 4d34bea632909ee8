//! Steps limited by voltage or power, through leapfrog-sim's SPMe on a couple whose cell has
//! a published parameter set (data/sim_parameters.toml names its couple). The pack's power is
//! shared by its cells in proportion to their energy; the cell starts full, fresh.

use crate::{Battery, MissionError, Requirement};
use leapfrog_data::Dataset;
use leapfrog_sim::{Cell, Drive, Model, ModelKind, SimError, Step};

/// A mission segment: pack power (W, discharge positive) for a time (s).
pub(crate) struct Segment {
    pub label: &'static str,
    pub pack_w: f64,
    pub seconds: f64,
}

/// What the simulated cell did over the segments.
pub(crate) struct Simulated {
    pub set: String,
    /// Share of the segments' time it carried before a voltage safeguard or an unmeetable
    /// power stopped it.
    pub completed_fraction: f64,
    /// Lowest voltage over the last segment run, V.
    pub last_segment_min_v: f64,
    pub lower_cutoff_v: f64,
    pub stop: Option<String>,
    /// Steps run (or asked for) above the rate where the model matches the DFN.
    pub outside: Vec<String>,
}

impl Simulated {
    /// The simulated segments as requirements: all of them carried, the last one above the
    /// cell's cut-off voltage.
    pub fn requirements(&self, last: &'static str) -> Vec<Requirement> {
        let mut r = vec![Requirement::at_least(
            "simulated_duty_completed_fraction",
            "fraction",
            1.0,
            self.completed_fraction,
        )
        .simulated()];
        if self.completed_fraction >= 1.0 {
            r.push(
                Requirement::at_least(last, "V", self.lower_cutoff_v, self.last_segment_min_v)
                    .simulated(),
            );
        }
        r
    }
}

/// The parameter set made of `battery`'s couple, if the data has one.
fn set_for(data: &Dataset, battery: &Battery) -> Option<String> {
    data.sim_parameter_sets
        .iter()
        .find(|s| s.couple.as_deref() == Some(battery.couple.as_str()))
        .map(|s| s.id.clone())
}

/// `segments` through one cell of a pack of `pack_wh`; None without a parameter set.
pub(crate) fn simulate(
    data: &Dataset,
    battery: &Battery,
    pack_wh: f64,
    segments: &[Segment],
) -> Result<Option<Simulated>, MissionError> {
    let Some(set) = set_for(data, battery) else {
        return Ok(None);
    };
    let cell = Cell::load(data, &set).map_err(sim_error)?;
    let lower_cutoff_v = cell.lower_voltage_v;
    let cell_wh = cell.nominal_capacity_ah * battery.cell_nominal_voltage_v;
    let share = cell_wh / pack_wh;
    let model = Model::build(ModelKind::Spme, cell).map_err(sim_error)?;
    let steps: Vec<Step> = segments
        .iter()
        .filter(|s| s.seconds > 0.0)
        .map(|s| Step {
            text: format!(
                "{}: discharge at {:.3} W for {:.1} s",
                s.label,
                s.pack_w * share,
                s.seconds
            ),
            drive: Drive::PowerW(s.pack_w * share),
            duration_s: Some(s.seconds),
            until: None,
            file: None,
            profile: None,
        })
        .collect();
    let total_s: f64 = steps.iter().filter_map(|s| s.duration_s).sum();
    // A power the cell cannot deliver at any current is an error of the whole run; the
    // segments before it are then run alone, to say how far the duty got.
    for n in (1..=steps.len()).rev() {
        match leapfrog_sim::simulate::run_from(&model, &steps[..n], 1, Some(1.0)) {
            Ok(out) => {
                let full = n == steps.len();
                let stop = if full {
                    out.stopped_early.clone()
                } else {
                    Some(format!(
                        "the cell cannot deliver the power of \"{}\"",
                        steps[n].text
                    ))
                };
                let last = out.steps.last();
                let mut outside = leapfrog_sim::validity::outside(&model, &out);
                if !full {
                    outside.extend(unrun_step_outside(&model, &steps[n], &out));
                }
                return Ok(Some(Simulated {
                    outside,
                    set,
                    completed_fraction: out.summary.end_time_s / total_s,
                    last_segment_min_v: if full {
                        last.map_or(0.0, |s| s.min_voltage_v)
                    } else {
                        0.0
                    },
                    lower_cutoff_v,
                    stop,
                }));
            }
            Err(SimError::Infeasible(_)) => {}
            Err(e) => return Err(sim_error(e)),
        }
    }
    Ok(Some(Simulated {
        outside: Vec::new(),
        set,
        completed_fraction: 0.0,
        last_segment_min_v: 0.0,
        lower_cutoff_v,
        stop: steps
            .first()
            .map(|s| format!("the cell cannot deliver the power of \"{}\"", s.text)),
    }))
}

/// A power step the cell could not carry, judged by the current it asks at the voltage the
/// cell had reached: above the model's valid rate, the failure is the model's as much as the
/// cell's.
fn unrun_step_outside(
    model: &Model,
    step: &Step,
    before: &leapfrog_sim::Outcome,
) -> Option<String> {
    let max_c = model.cell.spme_valid_max_c_rate?;
    let Drive::PowerW(w) = step.drive else {
        return None;
    };
    let v = before.rows.last()?.voltage_v;
    let c = w.abs() / v / model.cell.nominal_capacity_ah;
    (c > max_c).then(|| {
        format!(
            "step \"{}\" asks about {c:.1}C at the {v:.2} V the cell had reached, above the {max_c}C to which the single-particle models match the DFN on {}",
            step.text, model.cell.id
        )
    })
}

fn sim_error(e: SimError) -> MissionError {
    MissionError::Input {
        mission: String::new(),
        message: format!("simulation: {e}"),
    }
}
