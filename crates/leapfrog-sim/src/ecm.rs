//! A Thevenin equivalent circuit fitted to the parameter set's own SPMe: open-circuit voltage
//! from the set's electrode potentials along its stoichiometry window, and R0 with two RC
//! pairs at each state of charge and temperature on a grid, fitted to the SPMe's response to a
//! 1C pulse of five minutes from rest (a discharge from the upper half of the window, a charge
//! from the lower, so the pulse moves toward the middle and never into an end of the window):
//! - R0 is the instantaneous drop over the current;
//! - the rest of the overpotential (OCV at the pulse's state of charge, less V, less I·R0) is
//!   fitted by least squares to I·Σ Rₖ(1 − e^(−t/τₖ)), with τ₁ from 1 to 60 s and τ₂ from 60 to
//!   3000 s searched on a logarithmic grid and R₁, R₂ solved exactly for each pair.
//!
//! Between grid points the parameters are linear in state of charge and temperature.

use crate::experiment::{Drive, Step};
use crate::model::{Model, ModelKind};
use crate::params::Cell;
use crate::soh::Window;
use crate::SimError;
use serde::Serialize;

/// States of charge and temperature offsets (K from the set's) of the fitting grid.
const SOCS: [f64; 9] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const TEMPERATURE_OFFSETS_K: [f64; 3] = [-10.0, 0.0, 10.0];
const PULSE_S: f64 = 300.0;
const FAST_TAUS_S: (f64, f64) = (1.0, 60.0);
const SLOW_TAUS_S: (f64, f64) = (60.0, 3000.0);
const TAU_GRID: usize = 24;

/// The fitted circuit at one grid point.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Circuit {
    pub soc: f64,
    pub temperature_k: f64,
    pub r0_ohm: f64,
    pub r1_ohm: f64,
    pub tau1_s: f64,
    pub r2_ohm: f64,
    pub tau2_s: f64,
    /// RMS misfit of the fit over the pulse, V.
    pub misfit_v: f64,
    /// Why the fit fell back from two RC pairs, where it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fit_note: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Ecm {
    /// Where the circuit comes from: `spme-fit` (fitted to the set's SPMe) or `couple-tables`
    /// (the couple's open-circuit voltage and BatPaC area-specific impedance tables).
    pub origin: &'static str,
    pub circuits: Vec<Circuit>,
    /// The open-circuit voltage over state of charge, where the circuit carries its own rather
    /// than reading the set's electrode potentials.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ocv: Option<OcvTable>,
}

/// Open-circuit voltage at tabulated states of charge, linear between points and extended
/// along the end segments beyond them (so that a discharge past the table still reaches its
/// cut-off rather than resting on a flat voltage).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OcvTable {
    pub soc: Vec<f64>,
    pub ocv_v: Vec<f64>,
}

impl OcvTable {
    pub fn at(&self, soc: f64) -> f64 {
        let (i, _) = bracket(&self.soc, soc);
        let (x0, x1) = (self.soc[i], self.soc[i + 1]);
        let (v0, v1) = (self.ocv_v[i], self.ocv_v[i + 1]);
        v0 + (soc - x0) * (v1 - v0) / (x1 - x0)
    }
}

/// A couple's tables, per cell: BatPaC's area-specific impedance is a 10 s pulse resistance
/// times the positive electrode's area, so it stands for R0 with the fast relaxations folded
/// in; no RC pair is fitted (the tables give none) and nothing varies with temperature.
pub struct CoupleTables<'a> {
    pub soc: &'a [f64],
    pub ocv_v: &'a [f64],
    pub asi_ohm_cm2: &'a [f64],
    pub positive_area_cm2: f64,
    pub temperature_k: f64,
}

impl Ecm {
    /// The circuit a couple's tables give: on the fitting grid's states of charge, R0 is the
    /// table's impedance there over the cell's positive area; the three temperature rows are
    /// the same (the tables have no temperature dependence).
    pub fn from_tables(c: &CoupleTables) -> Result<Ecm, SimError> {
        if c.soc.len() < 2 || c.soc.windows(2).any(|w| w[1] <= w[0]) {
            return Err(SimError::Input(
                "the couple's state-of-charge points must rise, at least two of them".into(),
            ));
        }
        let last = c.soc.len() - 1;
        let r0_ohm = |soc: f64| {
            // Held at the table's ends rather than extended: an impedance has no trend to
            // carry beyond them.
            let s = soc.clamp(c.soc[0], c.soc[last]);
            let (i, w) = bracket(c.soc, s);
            (c.asi_ohm_cm2[i] * (1.0 - w) + c.asi_ohm_cm2[i + 1] * w) / c.positive_area_cm2
        };
        let circuits = TEMPERATURE_OFFSETS_K
            .iter()
            .flat_map(|dt| {
                SOCS.iter().map(move |&soc| Circuit {
                    soc,
                    temperature_k: c.temperature_k + dt,
                    r0_ohm: r0_ohm(soc),
                    r1_ohm: 0.0,
                    tau1_s: FAST_TAUS_S.0,
                    r2_ohm: 0.0,
                    tau2_s: SLOW_TAUS_S.0,
                    misfit_v: 0.0,
                    fit_note: None,
                })
            })
            .collect();
        Ok(Ecm {
            origin: "couple-tables",
            circuits,
            ocv: Some(OcvTable {
                soc: c.soc.to_vec(),
                ocv_v: c.ocv_v.to_vec(),
            }),
        })
    }

    /// Fits the circuit to the SPMe of `cell` on the grid.
    pub fn fit(cell: &Cell) -> Result<Ecm, SimError> {
        let mut circuits = Vec::with_capacity(SOCS.len() * TEMPERATURE_OFFSETS_K.len());
        for dt in TEMPERATURE_OFFSETS_K {
            let mut at_t = cell.clone();
            at_t.temperature_k += dt;
            let spme = Model::new(ModelKind::Spme, at_t);
            let window = spme.window.clone().map_err(SimError::Infeasible)?;
            for soc in SOCS {
                circuits.push(fit_point(&spme, &window, soc)?);
            }
        }
        Ok(Ecm {
            origin: "spme-fit",
            circuits,
            ocv: None,
        })
    }

    /// The circuit at `soc` and `temperature_k`, linear between grid points and held at the
    /// grid's edges.
    pub fn at(&self, soc: f64, temperature_k: f64) -> Circuit {
        let temps: Vec<f64> = self
            .circuits
            .iter()
            .step_by(SOCS.len())
            .map(|c| c.temperature_k)
            .collect();
        let (ti, tw) = bracket(&temps, temperature_k);
        let (si, sw) = bracket(&SOCS, soc);
        let c = |t: usize, s: usize| self.circuits[t * SOCS.len() + s];
        let lerp = |f: fn(&Circuit) -> f64| {
            let lo = f(&c(ti, si)) * (1.0 - sw) + f(&c(ti, si + 1)) * sw;
            let hi = f(&c(ti + 1, si)) * (1.0 - sw) + f(&c(ti + 1, si + 1)) * sw;
            lo * (1.0 - tw) + hi * tw
        };
        Circuit {
            soc,
            temperature_k,
            r0_ohm: lerp(|c| c.r0_ohm),
            r1_ohm: lerp(|c| c.r1_ohm),
            tau1_s: lerp(|c| c.tau1_s),
            r2_ohm: lerp(|c| c.r2_ohm),
            tau2_s: lerp(|c| c.tau2_s),
            misfit_v: lerp(|c| c.misfit_v),
            fit_note: None,
        }
    }
}

/// Index of the grid interval holding `x` and the weight of its upper end (clamped).
fn bracket(grid: &[f64], x: f64) -> (usize, f64) {
    let last = grid.len() - 2;
    let i = grid.iter().rposition(|g| *g <= x).unwrap_or(0).min(last);
    let w = ((x - grid[i]) / (grid[i + 1] - grid[i])).clamp(0.0, 1.0);
    (i, w)
}

fn fit_point(spme: &Model, window: &Window, soc: f64) -> Result<Circuit, SimError> {
    let toward_middle = if soc >= 0.5 { 1.0 } else { -1.0 };
    let i_a = toward_middle * spme.cell.nominal_capacity_ah;
    let pulse = Step {
        text: "fit pulse".into(),
        drive: Drive::CurrentA(i_a),
        duration_s: Some(PULSE_S),
        until: None,
        file: None,
        profile: None,
    };
    let out = crate::simulate::run_from(spme, &[pulse], 1, Some(soc))?;
    let rest = out.rows[0];
    let start = out.rows[1];
    let r0 = (rest.voltage_v - start.voltage_v) / i_a;
    let ocv = |soc: f64| {
        let x = window.x(soc);
        spme.cell.positive.ocp_v(window.y(x)) - spme.cell.negative.ocp_v(x)
    };
    // Overpotential beyond R0 over the pulse, per ampere.
    let samples: Vec<(f64, f64)> = out.rows[2..]
        .iter()
        .map(|r| (r.time_s, (ocv(r.soc) - r.voltage_v - i_a * r0) / i_a))
        .collect();
    // No pairs at all: the misfit of the bare R0 model, the fallback every fit must beat.
    let bare: f64 = samples.iter().map(|(_, y)| y * y).sum();
    let (mut best, mut best_err) = ((0.0, FAST_TAUS_S.0, 0.0, SLOW_TAUS_S.0), bare);
    for t1 in log_grid(FAST_TAUS_S) {
        for t2 in log_grid(SLOW_TAUS_S) {
            let (r1, r2, err) = two_pair_fit(&samples, t1, t2);
            if err < best_err && r1 >= 0.0 && r2 >= 0.0 {
                (best, best_err) = ((r1, t1, r2, t2), err);
            }
        }
    }
    // Where no two-pair fit keeps both resistances positive, one pair alone (the other's
    // resistance zero) is the non-negative least-squares answer.
    let mut note = None;
    if best.0 == 0.0 && best.2 == 0.0 {
        for (tau, fast) in log_grid(FAST_TAUS_S)
            .map(|t| (t, true))
            .chain(log_grid(SLOW_TAUS_S).map(|t| (t, false)))
        {
            let (r, err) = one_pair_fit(&samples, tau);
            if r > 0.0 && err < best_err {
                best_err = err;
                best = if fast {
                    (r, tau, 0.0, SLOW_TAUS_S.0)
                } else {
                    (0.0, FAST_TAUS_S.0, r, tau)
                };
                note = Some(
                    "no two RC pairs with positive resistances fit this pulse; one pair is kept",
                );
            }
        }
        if best.0 == 0.0 && best.2 == 0.0 {
            note = Some("the pulse's voltage beyond R0 moves against the current here (the open-circuit curve's shape, not a resistance): no RC pair with a positive resistance fits, so R1 = R2 = 0 and the misfit is R0's alone");
        }
    }
    let (r1_ohm, tau1_s, r2_ohm, tau2_s) = best;
    Ok(Circuit {
        soc,
        temperature_k: spme.cell.temperature_k,
        r0_ohm: r0,
        r1_ohm,
        tau1_s,
        r2_ohm,
        tau2_s,
        misfit_v: i_a.abs() * (best_err / samples.len().max(1) as f64).sqrt(),
        fit_note: note,
    })
}

/// Least squares of y ≈ R·(1 − e^(−t/τ)), R held at zero or above; the sum of squared
/// residuals.
fn one_pair_fit(samples: &[(f64, f64)], tau: f64) -> (f64, f64) {
    let (mut ff, mut fy) = (0.0, 0.0);
    for (t, y) in samples {
        let f = 1.0 - (-t / tau).exp();
        ff += f * f;
        fy += f * y;
    }
    let r = if ff > 0.0 { (fy / ff).max(0.0) } else { 0.0 };
    let err = samples
        .iter()
        .map(|(t, y)| (y - r * (1.0 - (-t / tau).exp())).powi(2))
        .sum();
    (r, err)
}

fn log_grid((lo, hi): (f64, f64)) -> impl Iterator<Item = f64> {
    (0..TAU_GRID).map(move |k| lo * (hi / lo).powf(k as f64 / (TAU_GRID - 1) as f64))
}

/// Least squares of y ≈ R1·(1 − e^(−t/τ1)) + R2·(1 − e^(−t/τ2)); the sum of squared residuals.
fn two_pair_fit(samples: &[(f64, f64)], t1: f64, t2: f64) -> (f64, f64, f64) {
    let (mut a11, mut a12, mut a22, mut b1, mut b2) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for (t, y) in samples {
        let f1 = 1.0 - (-t / t1).exp();
        let f2 = 1.0 - (-t / t2).exp();
        a11 += f1 * f1;
        a12 += f1 * f2;
        a22 += f2 * f2;
        b1 += f1 * y;
        b2 += f2 * y;
    }
    let det = a11 * a22 - a12 * a12;
    if det.abs() < 1e-300 {
        return (0.0, 0.0, f64::INFINITY);
    }
    let r1 = (b1 * a22 - b2 * a12) / det;
    let r2 = (a11 * b2 - a12 * b1) / det;
    let err = samples
        .iter()
        .map(|(t, y)| {
            let e = y - r1 * (1.0 - (-t / t1).exp()) - r2 * (1.0 - (-t / t2).exp());
            e * e
        })
        .sum();
    (r1, r2, err)
}
