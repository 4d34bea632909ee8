//! Runs an experiment: each step at its current, power or voltage until its limit, the end of
//! each step located by bisection on the exact end-of-step state, a row per time step.

use crate::experiment::{Drive, Step, Until};
use crate::model::{Model, OutOfRange, Propagators, State};
use crate::soh::Window;
use crate::SimError;
use serde::Serialize;

/// One output sample. Current and power are positive on discharge.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Row {
    pub time_s: f64,
    pub current_a: f64,
    pub voltage_v: f64,
    /// State of charge: where the negative particles' mean stoichiometry sits between its
    /// values at the lower (0) and upper (1) cut-off at rest (`soh::Window`).
    pub soc: f64,
    pub temperature_c: f64,
    pub power_w: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepSummary {
    pub step: String,
    pub cycle: usize,
    pub end_time_s: f64,
    pub duration_s: f64,
    /// Charge drawn in the step (negative when charging), Ah.
    pub capacity_ah: f64,
    pub energy_wh: f64,
    pub min_voltage_v: f64,
    pub max_voltage_v: f64,
    pub max_temperature_c: f64,
    /// What ended the step: "voltage 2.5 V", "duration", "current 0.1 A", or a stoichiometry
    /// limit.
    pub termination: String,
    /// The step's rows: from its start (with the step's own current) to its end.
    pub first_row: usize,
    pub last_row: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub end_time_s: f64,
    /// Charge drawn in the discharging steps, Ah.
    pub discharge_capacity_ah: f64,
    pub discharge_energy_wh: f64,
    pub charge_capacity_ah: f64,
    pub min_voltage_v: f64,
    pub max_voltage_v: f64,
    pub max_temperature_c: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub rows: Vec<Row>,
    pub steps: Vec<StepSummary>,
    pub summary: Summary,
    /// Why the experiment stopped before its last step: a voltage cut-off of the parameter
    /// set crossed during a step that does not end on it (PyBaMM then stops the experiment
    /// too and returns the solution up to that step).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped_early: Option<String>,
}

/// Terminations that are the voltage safeguards, not a step's own limit.
const CUTOFF_EVENTS: [&str; 2] = ["minimum voltage", "maximum voltage"];

/// How far beyond the set's cut-off voltages the safeguards sit: PyBaMM 26 keeps its minimum
/// and maximum voltage events in an experiment but moves them out by 1 V
/// (`update_voltage_safety_events` in pybamm/experiment/step/base_step.py), so that a step's
/// own limit ends it first and a pulse may overshoot a cut-off.
const SAFEGUARD_V: f64 = 1.0;

/// Longest time step, s. Within it, steps adapt so that the voltage moves about
/// `VOLTAGE_STEP_V` a step: long on the plateaus, short at the knees, where a linear reading
/// between rows would otherwise miss the curve.
const MAX_STEP_S: f64 = 300.0;
const VOLTAGE_STEP_V: f64 = 0.04;
/// And so that reading between rows linearly misses the voltage by about this much at most.
const INTERPOLATION_V: f64 = 0.002;
/// A step that moves the voltage by more than this many `VOLTAGE_STEP_V` is taken again.
const REJECT_FACTOR: f64 = 2.0;
/// And so that no electrolyte concentration moves by more than this fraction of the mean a
/// step.
const SALT_STEP: f64 = 0.1;
/// And so that the temperature (thermal models) moves by at most this much a step.
const TEMPERATURE_STEP_K: f64 = 0.5;
/// And, for a held voltage or a power, so that the current moves by at most this fraction.
const CURRENT_STEP: f64 = 0.1;
/// First time step after the current changes, s; steps then double up to the longest, so the
/// fast response to a change of current is resolved.
const FIRST_STEP_S: f64 = 0.1;
/// A voltage limit counts as met within a microvolt.
const ROOT_TOLERANCE_V: f64 = 1e-6;
/// Halvings to locate a step's end: 10 s / 2^40 is far below a microsecond.
const BISECTIONS: usize = 40;
/// A step without a duration that has not ended after this many nominal full discharges.
const RUNAWAY_CAPACITIES: f64 = 5.0;

struct Runner<'a> {
    model: &'a Model,
    window: Window,
    state: State,
    time_s: f64,
    rows: Vec<Row>,
    /// Particle steps already worked out, by length (a run uses a dozen lengths).
    propagators: Vec<Propagators>,
}

/// Step lengths kept worked out.
const PROPAGATOR_CACHE: usize = 64;

/// Runs `steps` `cycles` times from the parameter set's initial state.
pub fn run(model: &Model, steps: &[Step], cycles: usize) -> Result<Outcome, SimError> {
    run_from(model, steps, cycles, None)
}

/// As `run`, from rest at `initial_soc` (of the stoichiometry window) when given.
pub fn run_from(
    model: &Model,
    steps: &[Step],
    cycles: usize,
    initial_soc: Option<f64>,
) -> Result<Outcome, SimError> {
    run_reporting(model, steps, cycles, initial_soc, &mut |_| {})
}

/// As `run_from`, telling `cycle_done` the number of each cycle as it ends.
pub fn run_reporting(
    model: &Model,
    steps: &[Step],
    cycles: usize,
    initial_soc: Option<f64>,
    cycle_done: &mut dyn FnMut(usize),
) -> Result<Outcome, SimError> {
    if cycles == 0 {
        return Err(SimError::Input("--cycles must be at least 1".into()));
    }
    let window = model.window.clone().map_err(SimError::Infeasible)?;
    let state = match initial_soc {
        Some(soc) if (0.0..=1.0).contains(&soc) => model.state_at_soc(soc, &window),
        Some(soc) => {
            return Err(SimError::Input(format!(
                "--initial-soc {soc}; allowed: a state of charge from 0 to 1"
            )))
        }
        None => model.initial_state(),
    };
    let mut r = Runner {
        model,
        window,
        state,
        time_s: 0.0,
        rows: Vec::new(),
        propagators: Vec::new(),
    };
    let first = r.row(0.0).map_err(|e| stoichiometry_error(&e))?;
    r.rows.push(first);
    let mut summaries = Vec::new();
    let mut stopped_early = None;
    'cycles: for cycle in 1..=cycles {
        for (k, step) in steps.iter().enumerate() {
            let start = r.rows.len();
            let termination = match step.drive {
                Drive::Run(_) => r.profile(step)?,
                _ => r.step(step)?,
            };
            let event = CUTOFF_EVENTS.iter().any(|e| termination.starts_with(e));
            summaries.push(summarise(step, cycle, &r.rows, start, termination.clone()));
            let last = cycle == cycles && k + 1 == steps.len();
            if event && !last {
                stopped_early = Some(format!(
                    "{termination} during \"{}\" (cycle {cycle}); the steps after it were not run",
                    step.text
                ));
                break 'cycles;
            }
        }
        cycle_done(cycle);
    }
    let summary = overall(&summaries, &r.rows);
    let outcome = Outcome {
        rows: r.rows,
        steps: summaries,
        summary,
        stopped_early,
    };
    leapfrog_data::ensure_finite("simulation", &outcome.summary)?;
    Ok(outcome)
}

fn stoichiometry_error(e: &OutOfRange) -> SimError {
    SimError::Infeasible(format!(
        "the {} reached {:.4}, outside the model's range (0 to 1 for a stoichiometry, above 0 for a concentration)",
        e.quantity, e.value
    ))
}

impl Runner<'_> {
    fn current_of(&self, drive: Drive) -> f64 {
        match drive {
            Drive::CRate(c) => c * self.model.cell.nominal_capacity_ah,
            Drive::CurrentA(a) => a,
            Drive::PowerW(_) | Drive::VoltageV(_) | Drive::Rest | Drive::Run(_) => 0.0,
        }
    }

    /// State of charge from the negative particles' mean stoichiometry within the window.
    fn soc(&self) -> f64 {
        self.window
            .soc(self.model.mean_stoichiometry(&self.state).0)
    }

    fn row(&self, current_a: f64) -> Result<Row, OutOfRange> {
        let v = self.model.voltage(&self.state, current_a)?;
        Ok(Row {
            time_s: self.time_s,
            current_a,
            voltage_v: v,
            soc: self.soc(),
            temperature_c: self.state.temperature_k - 273.15,
            power_w: current_a * v,
        })
    }

    fn step(&mut self, step: &Step) -> Result<String, SimError> {
        let nominal_h = self.model.cell.nominal_capacity_ah;
        let limit_s = step
            .duration_s
            .unwrap_or(RUNAWAY_CAPACITIES * 3600.0 * nominal_h / self.scale_a(step));
        let dt = limit_s.min(MAX_STEP_S);
        let mut elapsed = 0.0;
        let mut restart = true;
        let mut current = self.current_of(step.drive);
        let mut growing = FIRST_STEP_S.min(dt);
        let mut started = false;
        // The voltage's slope over the last committed step (V/s), for the curvature criterion.
        let mut last_slope: Option<f64> = None;
        loop {
            let h = growing.min(limit_s - elapsed);
            let previous = current;
            let p = self.propagators_for(h);
            let (end_current, solved) = self.solve_current(step, &p, current, restart)?;
            if !started {
                let start = self.row(end_current).map_err(|e| stoichiometry_error(&e))?;
                self.rows.push(start);
                started = true;
            }
            let during = applied(step, previous, end_current, restart);
            let next = match solved {
                Some(state) => state,
                None => self.model.advance_with(&self.state, &p, during, restart),
            };
            let voltage = self.model.voltage(&next, end_current);
            let before = self.rows[self.rows.len() - 1].voltage_v;
            if let Ok(v) = voltage {
                // A step that moved the voltage far more than wanted (a knee) is taken again,
                // shorter, so the rows follow the curve.
                if (v - before).abs() > REJECT_FACTOR * VOLTAGE_STEP_V && h > FIRST_STEP_S {
                    growing = ladder(0.5 * h);
                    continue;
                }
            }
            current = end_current;
            if let Some(why) = self.ended(step, voltage, current) {
                let (tau, current) = self.locate_end(step, h, previous, current, restart)?;
                self.commit(
                    tau,
                    applied(step, previous, current, restart),
                    current,
                    restart,
                )?;
                return Ok(why);
            }
            let salt_change = relative_change(&self.state.electrolyte, &next.electrolyte);
            let warming = (next.temperature_k - self.state.temperature_k).abs();
            self.commit_state(next, h, current, voltage)?;
            let signed = self.rows[self.rows.len() - 1].voltage_v - before;
            let moved = signed.abs();
            // Rows are read by linear interpolation, whose error is about h²·|V''|/8: the
            // slope's change over this step gives V'' and so the step that keeps it in bounds.
            let slope = signed / h;
            let bend = last_slope.map_or(0.0, |s| 0.125 * h * (slope - s).abs());
            last_slope = Some(slope);
            let current_change = if restart {
                0.0
            } else {
                ((current - previous) / current).abs()
            };
            let factor = (VOLTAGE_STEP_V / moved.max(1e-12))
                .min((INTERPOLATION_V / bend.max(1e-12)).sqrt())
                .min(SALT_STEP / salt_change.max(1e-12))
                .min(CURRENT_STEP / current_change.max(1e-12))
                .min(TEMPERATURE_STEP_K / warming.max(1e-12))
                .clamp(0.5, 2.0);
            growing = ladder(h * factor).min(dt);
            elapsed += h;
            restart = false;
            if elapsed >= limit_s * (1.0 - 1e-12) {
                if step.duration_s.is_some() {
                    return Ok("duration".into());
                }
                return Err(SimError::Infeasible(format!(
                    "step \"{}\" did not reach its limit within {:.0} hours",
                    step.text,
                    limit_s / 3600.0
                )));
            }
        }
    }

    /// A drive profile: each interval at its mean current or power, until the profile ends
    /// or the step's voltage limit is met.
    fn profile(&mut self, step: &Step) -> Result<String, SimError> {
        let profile = step.profile.clone().ok_or_else(|| {
            SimError::Input(format!(
                "step \"{}\": its profile {} was not loaded",
                step.text,
                step.file.as_deref().unwrap_or("")
            ))
        })?;
        // A voltage limit below the present voltage is a floor, met while discharging; one
        // above it a ceiling, met while charging.
        let start_v = self.rows[self.rows.len() - 1].voltage_v;
        let floor = matches!(step.until, Some(Until::VoltageV(v)) if v < start_v);
        for (duration_s, value) in profile.intervals() {
            let until = match step.until {
                Some(u) if (floor && value > 0.0) || (!floor && value < 0.0) => Some(u),
                _ => None,
            };
            let drive = match profile.unit {
                crate::drive::ProfileUnit::A => Drive::CurrentA(value),
                crate::drive::ProfileUnit::W => Drive::PowerW(value),
            };
            let interval = Step {
                text: step.text.clone(),
                drive,
                duration_s: Some(duration_s),
                until,
                file: None,
                profile: None,
            };
            let why = self.step(&interval)?;
            if why != "duration" {
                return Ok(why);
            }
        }
        Ok("end of profile".into())
    }

    /// Current that sets the scale of a step's duration, A.
    fn scale_a(&self, step: &Step) -> f64 {
        let c = self.model.cell.nominal_capacity_ah;
        let a = match step.drive {
            Drive::CRate(r) => (r * c).abs(),
            Drive::CurrentA(a) => a.abs(),
            Drive::PowerW(w) => w.abs() / self.model.cell.lower_voltage_v,
            Drive::Rest | Drive::VoltageV(_) | Drive::Run(_) => c,
        };
        a.max(1e-3 * c)
    }

    /// The step's current over the next `h` seconds: fixed, or found so that the power or
    /// the held voltage is met at the end of the step (secant iteration from the last one).
    /// With the current, the step's end state where the blend gives it exactly (isothermal,
    /// and not the first step after a change, whose electrolyte iterates on its diffusivity).
    fn solve_current(
        &self,
        step: &Step,
        p: &Propagators,
        last: f64,
        restart: bool,
    ) -> Result<(f64, Option<State>), SimError> {
        if !matches!(step.drive, Drive::PowerW(_) | Drive::VoltageV(_)) {
            return Ok((last, None));
        }
        // The end state is affine in the current (particles exactly; the electrolyte too, its
        // diffusivity being fixed before the solve), so two steps give it for any current and
        // the iteration below evaluates only voltages.
        let at_zero = self.model.advance_with(&self.state, p, 0.0, restart);
        let at_one = self.model.advance_with(&self.state, p, 1.0, restart);
        let residual = |i: f64| -> Option<f64> {
            let next = State::blend(&at_zero, &at_one, applied(step, last, i, restart));
            let v = self.model.voltage(&next, i).ok()?;
            match step.drive {
                Drive::PowerW(p) => Some(i * v - p),
                Drive::VoltageV(target) => Some(v - target),
                _ => Some(0.0),
            }
        };
        let solved = match step.drive {
            Drive::PowerW(power) => {
                let v0 = self
                    .model
                    .voltage(&self.state, 0.0)
                    .unwrap_or(self.model.cell.lower_voltage_v);
                let guess = if restart { power / v0 } else { last };
                let tolerance = 1e-9 * power.abs().max(1e-3);
                secant(residual, guess, 1.01 * guess + 1e-3, tolerance)
            }
            Drive::VoltageV(_) => {
                let guess = if restart { 0.0 } else { last };
                let second = guess - 0.01 * self.model.cell.nominal_capacity_ah;
                secant(residual, guess, second, SECANT_TOLERANCE_V)
            }
            _ => Some(last),
        };
        let current = solved.ok_or_else(|| self.unreachable(step))?;
        let exact = !restart && !self.model.thermal;
        let state =
            exact.then(|| State::blend(&at_zero, &at_one, applied(step, last, current, restart)));
        Ok((current, state))
    }

    fn unreachable(&self, step: &Step) -> SimError {
        SimError::Infeasible(format!(
            "no current meets step \"{}\" at t = {:.1} s",
            step.text, self.time_s
        ))
    }

    fn propagators_for(&mut self, h: f64) -> Propagators {
        if let Some(p) = self.propagators.iter().find(|p| p.negative.dt_s == h) {
            return *p;
        }
        let p = self.model.propagators(h);
        if self.propagators.len() < PROPAGATOR_CACHE {
            self.propagators.push(p);
        }
        p
    }

    /// Why the step ends at a state of voltage `v` (or out of range), if it does.
    fn ended(&self, step: &Step, v: Result<f64, OutOfRange>, current: f64) -> Option<String> {
        let v = match v {
            Ok(v) => v,
            Err(e) => return Some(format!("{} limit", e.quantity)),
        };
        match step.until {
            Some(Until::VoltageV(limit)) => {
                let discharging = current > 0.0;
                let crossed = if discharging { v <= limit } else { v >= limit };
                crossed.then(|| format!("voltage {limit} V"))
            }
            Some(Until::CRate(c)) => {
                let a = c * self.model.cell.nominal_capacity_ah;
                (current.abs() <= a).then(|| format!("current {} A", a))
            }
            Some(Until::CurrentA(a)) => (current.abs() <= a).then(|| format!("current {a} A")),
            None => None,
        }
        .or_else(|| self.cutoff(step, v, current))
    }

    /// The voltage a step ending on a voltage ends at: its own limit, else the safeguard on
    /// the side its current drives it towards (the step's end is then where that is crossed).
    fn voltage_limit(&self, step: &Step, current: f64) -> Option<f64> {
        if let Some(Until::VoltageV(limit)) = step.until {
            return Some(limit);
        }
        if matches!(step.drive, Drive::VoltageV(_)) {
            return None;
        }
        let cell = &self.model.cell;
        if current > 0.0 {
            Some(cell.lower_voltage_v - SAFEGUARD_V)
        } else if current < 0.0 {
            Some(cell.upper_voltage_v + SAFEGUARD_V)
        } else {
            None
        }
    }

    /// The voltage safeguards (PyBaMM's minimum and maximum voltage events, `SAFEGUARD_V`
    /// beyond the set's cut-offs), which end any step that crosses them and the experiment
    /// with it; a held voltage cannot cross them.
    fn cutoff(&self, step: &Step, v: f64, current: f64) -> Option<String> {
        if matches!(step.drive, Drive::VoltageV(_)) {
            return None;
        }
        let cell = &self.model.cell;
        let (low, high) = (
            cell.lower_voltage_v - SAFEGUARD_V,
            cell.upper_voltage_v + SAFEGUARD_V,
        );
        if current > 0.0 && v <= low {
            Some(format!(
                "minimum voltage {low} V (the cut-off less {SAFEGUARD_V} V)"
            ))
        } else if current < 0.0 && v >= high {
            Some(format!(
                "maximum voltage {high} V (the cut-off plus {SAFEGUARD_V} V)"
            ))
        } else {
            None
        }
    }

    /// The time within the next step at which it ends, and the current then: by bisection on
    /// the exact state for a voltage limit; for a held voltage's falling current, where the
    /// current crosses its limit between the last step's value and this one.
    fn locate_end(
        &self,
        step: &Step,
        h: f64,
        previous: f64,
        current: f64,
        restart: bool,
    ) -> Result<(f64, f64), SimError> {
        let cutoff = match step.until {
            Some(Until::CRate(c)) => Some(c * self.model.cell.nominal_capacity_ah),
            Some(Until::CurrentA(a)) => Some(a),
            _ => None,
        };
        if let Some(limit) = cutoff {
            // A held voltage's current decays about exponentially: interpolate its logarithm.
            let (from, to) = (previous.abs(), current.abs());
            let w = if from > to && to > 0.0 && limit > 0.0 {
                ((from / limit).ln() / (from / to).ln()).clamp(0.0, 1.0)
            } else {
                1.0
            };
            let tau = (w * h).max(1e-9 * h);
            let (at_tau, _) =
                self.solve_current(step, &self.model.propagators(tau), previous, restart)?;
            return Ok((tau, at_tau));
        }
        let voltage_at = |tau: f64| {
            if tau <= 0.0 {
                return self.model.voltage(&self.state, current);
            }
            let next = self.model.advance(&self.state, tau, current, restart);
            self.model.voltage(&next, current)
        };
        if let Some(limit) = self.voltage_limit(step, current) {
            if let Some(tau) = illinois(|tau| voltage_at(tau).ok().map(|v| v - limit), h) {
                return Ok((tau, current));
            }
        }
        let (mut lo, mut hi) = (0.0, h);
        for _ in 0..BISECTIONS {
            let mid = 0.5 * (lo + hi);
            if self.ended(step, voltage_at(mid), current).is_some() {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Ok((lo, current))
    }

    fn commit(
        &mut self,
        tau: f64,
        during: f64,
        current: f64,
        restart: bool,
    ) -> Result<(), SimError> {
        if tau <= 0.0 {
            // The step's limit was already met where the last row is: the step ends there
            // (a step of no length is no step, and the electrolyte's implicit one cannot take it).
            return Ok(());
        }
        let next = self.model.advance(&self.state, tau, during, restart);
        let voltage = self.model.voltage(&next, current);
        self.commit_state(next, tau, current, voltage)
    }

    /// Takes the step's end state, `current` the current at its end.
    fn commit_state(
        &mut self,
        next: State,
        h: f64,
        current: f64,
        voltage: Result<f64, OutOfRange>,
    ) -> Result<(), SimError> {
        let v = voltage.map_err(|e| stoichiometry_error(&e))?;
        self.state = next;
        self.time_s += h;
        self.rows.push(Row {
            time_s: self.time_s,
            current_a: current,
            voltage_v: v,
            soc: self.soc(),
            temperature_c: self.state.temperature_k - 273.15,
            power_w: current * v,
        });
        Ok(())
    }
}

/// The current held over a step that ends at `end`: a held voltage's or power's current
/// changes through the step, and holding the mean of its two ends (the trapezoid rule) keeps
/// the step second-order; a fixed current is itself; the first step of a change has no start.
fn applied(step: &Step, start: f64, end: f64, restart: bool) -> f64 {
    match step.drive {
        Drive::PowerW(_) | Drive::VoltageV(_) if !restart => 0.5 * (start + end),
        _ => end,
    }
}

/// The largest change of any electrolyte concentration between two states, relative to the
/// mean concentration (a depleted volume's own concentration would make a small, harmless
/// change look large).
fn relative_change(a: &[f64], b: &[f64]) -> f64 {
    let mean = a.iter().sum::<f64>() / a.len() as f64;
    a.iter()
        .zip(b)
        .map(|(x, y)| (y - x).abs())
        .fold(0.0, f64::max)
        / mean
}

/// Rungs of the step ladder per doubling. Snapping a wanted step down to the ladder wastes up
/// to one rung: with whole doublings a step could lose half its length, with quarter ones it
/// loses at most a sixth, and the lengths a run uses (four dozen) still fit the cache.
const RUNGS_PER_DOUBLING: f64 = 4.0;

/// The longest step of the ladder FIRST_STEP_S·2^(k/RUNGS_PER_DOUBLING) not above `h` (at least
/// the first rung): steps come in a few dozen lengths, so the particles' steps for each are
/// worked out once.
fn ladder(h: f64) -> f64 {
    let rungs = ((h / FIRST_STEP_S).log2() * RUNGS_PER_DOUBLING)
        .floor()
        .max(0.0);
    FIRST_STEP_S * 2f64.powf(rungs / RUNGS_PER_DOUBLING)
}

/// Root of `g` in [0, h] by the Illinois variant of false position, given that `g` changes
/// sign over the interval; None when it is undefined somewhere on the way or does not
/// change sign.
fn illinois(g: impl Fn(f64) -> Option<f64>, h: f64) -> Option<f64> {
    let (mut a, mut b) = (0.0, h);
    let (mut ga, mut gb) = (g(a)?, g(b)?);
    if ga * gb > 0.0 {
        return None;
    }
    let mut side = 0;
    for _ in 0..60 {
        let c = (a * gb - b * ga) / (gb - ga);
        let gc = g(c)?;
        if gc.abs() < ROOT_TOLERANCE_V || (b - a).abs() < 1e-10 * h {
            return Some(c);
        }
        if gc * gb < 0.0 {
            (a, ga) = (b, gb);
            side = 0;
        } else {
            ga *= if side == 1 { 0.5 } else { 1.0 };
            side = 1;
        }
        (b, gb) = (c, gc);
    }
    Some(b)
}

/// A held voltage counts as met within a tenth of a microvolt.
const SECANT_TOLERANCE_V: f64 = 1e-7;

/// Secant iteration on `f` from two guesses until |f| < `tolerance`; None when it fails to
/// converge.
fn secant(f: impl Fn(f64) -> Option<f64>, mut x0: f64, mut x1: f64, tolerance: f64) -> Option<f64> {
    let mut f0 = f(x0)?;
    for _ in 0..50 {
        let f1 = f(x1)?;
        if f1.abs() < tolerance {
            return Some(x1);
        }
        let slope = (f1 - f0) / (x1 - x0);
        if slope == 0.0 || !slope.is_finite() {
            return None;
        }
        let x2 = x1 - f1 / slope;
        (x0, f0, x1) = (x1, f1, x2);
        if (x1 - x0).abs() < 1e-12 * (1.0 + x1.abs()) {
            return Some(x1);
        }
    }
    None
}

fn summarise(
    step: &Step,
    cycle: usize,
    all: &[Row],
    start: usize,
    termination: String,
) -> StepSummary {
    let rows = &all[start..];
    let (first, last) = (rows[0], rows[rows.len() - 1]);
    let mut capacity = 0.0;
    let mut energy = 0.0;
    for w in rows.windows(2) {
        let dt = w[1].time_s - w[0].time_s;
        // Trapezoids: exact for the fixed currents (each step's first row carries its own
        // current), and the rule the held-voltage and power steps are advanced by.
        capacity += 0.5 * (w[0].current_a + w[1].current_a) * dt / 3600.0;
        energy += 0.5 * (w[0].power_w + w[1].power_w) * dt / 3600.0;
    }
    let body = rows;
    StepSummary {
        step: step.text.clone(),
        cycle,
        end_time_s: last.time_s,
        duration_s: last.time_s - first.time_s,
        capacity_ah: capacity,
        energy_wh: energy,
        min_voltage_v: body
            .iter()
            .map(|r| r.voltage_v)
            .fold(f64::INFINITY, f64::min),
        max_voltage_v: body
            .iter()
            .map(|r| r.voltage_v)
            .fold(f64::NEG_INFINITY, f64::max),
        max_temperature_c: body
            .iter()
            .map(|r| r.temperature_c)
            .fold(f64::NEG_INFINITY, f64::max),
        termination,
        first_row: start,
        last_row: all.len() - 1,
    }
}

fn overall(steps: &[StepSummary], rows: &[Row]) -> Summary {
    let discharge: Vec<&StepSummary> = steps.iter().filter(|s| s.capacity_ah > 0.0).collect();
    Summary {
        end_time_s: rows.last().map_or(0.0, |r| r.time_s),
        discharge_capacity_ah: discharge.iter().map(|s| s.capacity_ah).sum(),
        discharge_energy_wh: discharge.iter().map(|s| s.energy_wh).sum(),
        charge_capacity_ah: -steps
            .iter()
            .filter(|s| s.capacity_ah < 0.0)
            .map(|s| s.capacity_ah)
            .sum::<f64>(),
        min_voltage_v: rows
            .iter()
            .map(|r| r.voltage_v)
            .fold(f64::INFINITY, f64::min),
        max_voltage_v: rows
            .iter()
            .map(|r| r.voltage_v)
            .fold(f64::NEG_INFINITY, f64::max),
        max_temperature_c: rows
            .iter()
            .map(|r| r.temperature_c)
            .fold(f64::NEG_INFINITY, f64::max),
    }
}
