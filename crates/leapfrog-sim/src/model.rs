//! The single-particle models: state, advance and terminal voltage.
//!
//! SPM (Marquis et al. 2019, as PyBaMM 26 implements it): one particle per electrode carrying
//! that electrode's average reaction; the electrolyte stays at its initial concentration;
//! V = U₊ − U₋ + η₊ − η₋. SPMe adds the electrolyte: salt diffusion across the cell, the
//! reaction overpotential averaged over each electrode with the local exchange current, the
//! concentration overpotential χ·RT/F·(⟨ln c₊/c̄⟩ − ⟨ln c₋/c̄⟩), and the electrolyte and solid
//! ohmic drops of the composite solution, −i·(L₋/3κ₋ + Lₛ/κₛ + L₊/3κ₊) − i/3·(L₋/σ₋ + L₊/σ₊).

use crate::electrolyte::{Concentrations, Electrolyte};
use crate::params::{Cell, Electrode, FARADAY_C_PER_MOL, GAS_CONSTANT_J_PER_MOL_K};
use crate::particle::{Particle, ParticleState, Propagator};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ModelKind {
    Spm,
    Spme,
    /// A Thevenin circuit fitted to the set's SPMe (`ecm::Ecm`).
    Ecm,
}

impl ModelKind {
    pub const ALL: [(&'static str, ModelKind); 3] = [
        ("spm", ModelKind::Spm),
        ("spme", ModelKind::Spme),
        ("ecm", ModelKind::Ecm),
    ];
}

/// Both particles' fixed-length steps.
#[derive(Debug, Clone, Copy)]
pub struct Propagators {
    pub negative: Propagator,
    pub positive: Propagator,
}

/// Everything that evolves.
#[derive(Debug, Clone, Copy)]
pub struct State {
    pub negative: ParticleState,
    pub positive: ParticleState,
    pub electrolyte: Concentrations,
    /// The electrolyte one step back and that step's length, s (zero before the first step and
    /// after a change of current): the second-order steps need them.
    pub electrolyte_previous: Concentrations,
    pub previous_step_s: f64,
    /// Cell temperature (constant unless the model is thermal).
    pub temperature_k: f64,
    /// Heat generated at this state, W (thermal models).
    pub heat_w: f64,
    /// Voltages across the equivalent circuit's two RC pairs (ECM only).
    pub rc_v: [f64; 2],
}

impl State {
    /// `a + w·(b − a)`, coordinate by coordinate: a step's end state is affine in its current,
    /// so two end states give every other.
    pub fn blend(a: &State, b: &State, w: f64) -> State {
        let mix = |x: &[f64], y: &[f64], out: &mut [f64]| {
            for k in 0..out.len() {
                out[k] = x[k] + w * (y[k] - x[k]);
            }
        };
        let mut s = *a;
        mix(&a.negative.0, &b.negative.0, &mut s.negative.0);
        mix(&a.positive.0, &b.positive.0, &mut s.positive.0);
        mix(&a.electrolyte, &b.electrolyte, &mut s.electrolyte);
        mix(
            &a.electrolyte_previous,
            &b.electrolyte_previous,
            &mut s.electrolyte_previous,
        );
        mix(&a.rc_v, &b.rc_v, &mut s.rc_v);
        s.temperature_k = a.temperature_k + w * (b.temperature_k - a.temperature_k);
        s.heat_w = a.heat_w + w * (b.heat_w - a.heat_w);
        s
    }
}

/// Why a voltage cannot be computed: a particle surface left its stoichiometry range, or the
/// electrolyte ran out of salt somewhere.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OutOfRange {
    /// "negative particle surface stoichiometry", "positive …" or "electrolyte concentration".
    pub quantity: &'static str,
    pub value: f64,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub kind: ModelKind,
    /// Lumped thermal: the cell's temperature follows its heat and cooling.
    pub thermal: bool,
    /// The stoichiometry window (SOC scale), worked out once; an error if the set's lithium
    /// cannot reach a cut-off voltage.
    pub window: Result<crate::soh::Window, String>,
    /// The fitted circuit (ECM only).
    pub ecm: Option<crate::ecm::Ecm>,
    pub cell: Cell,
    negative: Particle,
    positive: Particle,
    electrolyte: Electrolyte,
}

impl Model {
    /// A lumped thermal model: the set must carry thermal data.
    pub fn lumped(kind: ModelKind, cell: Cell) -> Result<Self, crate::SimError> {
        if cell.thermal.is_none() {
            return Err(crate::SimError::Input(format!(
                "parameter set {} has no thermal data (cell volume, cooling, heat capacities); run it isothermal",
                cell.id
            )));
        }
        Ok(Model {
            thermal: true,
            ..Model::build(kind, cell)?
        })
    }

    /// Any kind of model, isothermal; the ECM is fitted to the set's SPMe here.
    pub fn build(kind: ModelKind, cell: Cell) -> Result<Self, crate::SimError> {
        let ecm = match kind {
            ModelKind::Ecm => Some(crate::ecm::Ecm::fit(&cell)?),
            _ => None,
        };
        Ok(Model {
            ecm,
            ..Model::new(kind, cell)
        })
    }

    /// An equivalent circuit given whole (a couple's tables), on `cell`'s stoichiometry window.
    pub fn circuit(cell: Cell, ecm: crate::ecm::Ecm) -> Self {
        Model {
            ecm: Some(ecm),
            ..Model::new(ModelKind::Ecm, cell)
        }
    }

    /// An SPM or SPMe (an ECM needs `build`, which fits it).
    pub fn new(kind: ModelKind, cell: Cell) -> Self {
        Model {
            kind,
            thermal: false,
            ecm: None,
            window: crate::soh::Window::of(&cell).map_err(|e| e.to_string()),
            negative: Particle::new(cell.negative.particle_radius_m, cell.negative.diffusivity),
            positive: Particle::new(cell.positive.particle_radius_m, cell.positive.diffusivity),
            electrolyte: Electrolyte::new(&cell),
            cell,
        }
    }

    /// A cell at rest at `soc` of its stoichiometry window (`soh::Window`), electrolyte at its
    /// initial concentration.
    pub fn state_at_soc(&self, soc: f64, window: &crate::soh::Window) -> State {
        let x = window.x(soc);
        let y = window.y(x);
        State {
            negative: self
                .negative
                .uniform(x * self.cell.negative.max_concentration),
            positive: self
                .positive
                .uniform(y * self.cell.positive.max_concentration),
            ..self.initial_state()
        }
    }

    pub fn initial_state(&self) -> State {
        State {
            negative: self
                .negative
                .uniform(self.cell.negative.initial_concentration),
            positive: self
                .positive
                .uniform(self.cell.positive.initial_concentration),
            electrolyte: self.electrolyte.uniform(),
            electrolyte_previous: self.electrolyte.uniform(),
            previous_step_s: 0.0,
            temperature_k: self.cell.temperature_k,
            heat_w: 0.0,
            rc_v: [0.0; 2],
        }
    }

    /// Both particles' steps of `dt_s`, for reuse over many steps of that length.
    pub fn propagators(&self, dt_s: f64) -> Propagators {
        Propagators {
            negative: self.negative.propagator(dt_s),
            positive: self.positive.propagator(dt_s),
        }
    }

    /// The state after `dt_s` at constant current `i_a` (positive on discharge). `restart`
    /// marks the first step after the current changed.
    pub fn advance(&self, s: &State, dt_s: f64, i_a: f64, restart: bool) -> State {
        self.advance_with(s, &self.propagators(dt_s), i_a, restart)
    }

    /// As `advance`, with the particles' steps worked out beforehand.
    pub fn advance_with(&self, s: &State, p: &Propagators, i_a: f64, restart: bool) -> State {
        let dt_s = p.negative.dt_s;
        let (jn, jp) = self.cell.interfacial_currents(i_a);
        let negative = p.negative.apply(&s.negative, -jn / FARADAY_C_PER_MOL);
        let positive = p.positive.apply(&s.positive, -jp / FARADAY_C_PER_MOL);
        let electrolyte = match self.kind {
            ModelKind::Spm | ModelKind::Ecm => s.electrolyte,
            ModelKind::Spme => {
                let i = i_a / self.cell.electrode_area_m2;
                let history = (!restart && s.previous_step_s > 0.0)
                    .then_some((&s.electrolyte_previous, s.previous_step_s));
                self.electrolyte.step(&s.electrolyte, history, dt_s, i)
            }
        };
        let mut next = State {
            negative,
            positive,
            electrolyte,
            electrolyte_previous: s.electrolyte,
            previous_step_s: dt_s,
            temperature_k: s.temperature_k,
            heat_w: 0.0,
            rc_v: s.rc_v,
        };
        if let Some(ecm) = &self.ecm {
            self.advance_circuit(ecm, s, &mut next, dt_s, i_a);
        }
        if let (true, Some(t)) = (self.thermal, self.cell.thermal) {
            // Trapezoid in the heat, implicit in the cooling.
            let start = self.heat_w(s, i_a);
            let end = self.heat_w(&next, i_a);
            let c_over_h = t.heat_capacity_j_per_k / dt_s;
            let g = t.conductance_w_per_k;
            next.temperature_k = (s.temperature_k * (c_over_h - 0.5 * g)
                + 0.5 * (start + end)
                + g * t.ambient_temperature_k)
                / (c_over_h + 0.5 * g);
            next.heat_w = self.heat_w(&next, i_a);
        }
        next
    }

    /// The circuit's step: charge counted on the stoichiometry window (the particles kept
    /// uniform, so that SOC and the open-circuit voltage read as for the other models), and
    /// each RC pair's voltage relaxing exactly toward I·R over the step.
    fn advance_circuit(
        &self,
        ecm: &crate::ecm::Ecm,
        s: &State,
        next: &mut State,
        dt_s: f64,
        i_a: f64,
    ) {
        let Ok(window) = &self.window else { return };
        let x = self.mean_stoichiometry(s).0;
        let c = ecm.at(window.soc(x), s.temperature_k);
        let x_next = x - i_a * dt_s / 3600.0 * window.stoichiometry_per_ah();
        next.negative = self
            .negative
            .uniform(x_next * self.cell.negative.max_concentration);
        next.positive = self
            .positive
            .uniform(window.y(x_next) * self.cell.positive.max_concentration);
        for (k, (r, tau)) in [(c.r1_ohm, c.tau1_s), (c.r2_ohm, c.tau2_s)]
            .into_iter()
            .enumerate()
        {
            let decay = (-dt_s / tau).exp();
            next.rc_v[k] = s.rc_v[k] * decay + i_a * r * (1.0 - decay);
        }
    }

    /// Heat generated at current `i_a`, W: the current times the gap between the
    /// open-circuit voltage at the particle surfaces and the terminal voltage (reaction,
    /// electrolyte and solid ohmic heat; these sets have no entropic term). Zero where the
    /// voltage is undefined.
    pub fn heat_w(&self, s: &State, i_a: f64) -> f64 {
        match (self.open_circuit_voltage(s), self.voltage(s, i_a)) {
            (Ok(u), Ok(v)) => i_a * (u - v),
            _ => 0.0,
        }
    }

    /// Surface stoichiometries (negative, positive).
    pub fn surface_stoichiometry(&self, s: &State) -> (f64, f64) {
        (
            self.negative.surface(&s.negative) / self.cell.negative.max_concentration,
            self.positive.surface(&s.positive) / self.cell.positive.max_concentration,
        )
    }

    /// Volume-averaged stoichiometries (negative, positive).
    pub fn mean_stoichiometry(&self, s: &State) -> (f64, f64) {
        (
            self.negative.mean(&s.negative) / self.cell.negative.max_concentration,
            self.positive.mean(&s.positive) / self.cell.positive.max_concentration,
        )
    }

    pub fn open_circuit_voltage(&self, s: &State) -> Result<f64, OutOfRange> {
        let (xn, xp) = self.checked_surfaces(s)?;
        if let (Some(table), Ok(window)) =
            (self.ecm.as_ref().and_then(|e| e.ocv.as_ref()), &self.window)
        {
            return Ok(table.at(window.soc(self.mean_stoichiometry(s).0)));
        }
        Ok(self.cell.positive.ocp_v(xp) - self.cell.negative.ocp_v(xn))
    }

    fn checked_surfaces(&self, s: &State) -> Result<(f64, f64), OutOfRange> {
        let (xn, xp) = self.surface_stoichiometry(s);
        // A circuit with its own tables has no particles: its stand-in electrodes end where the
        // tables do.
        let tables = self.ecm.as_ref().is_some_and(|e| e.ocv.is_some());
        let (negative, positive) = if tables {
            (
                "state of charge (beyond the couple's tables)",
                "state of charge (beyond the couple's tables)",
            )
        } else {
            (
                "negative particle surface stoichiometry",
                "positive particle surface stoichiometry",
            )
        };
        for (quantity, x) in [(negative, xn), (positive, xp)] {
            if !(x > 0.0 && x < 1.0) {
                return Err(OutOfRange { quantity, value: x });
            }
        }
        if self.kind == ModelKind::Spme {
            let lowest = s.electrolyte.iter().fold(f64::INFINITY, |a, c| a.min(*c));
            if lowest.is_nan() || lowest <= 0.0 {
                return Err(OutOfRange {
                    quantity: "electrolyte concentration",
                    value: lowest,
                });
            }
        }
        Ok((xn, xp))
    }

    /// Terminal voltage at current `i_a` (positive on discharge).
    pub fn voltage(&self, s: &State, i_a: f64) -> Result<f64, OutOfRange> {
        let (xn, xp) = self.checked_surfaces(s)?;
        let c = &self.cell;
        let t = s.temperature_k;
        let (jn, jp) = c.interfacial_currents(i_a);
        let ocv = c.positive.ocp_v(xp) - c.negative.ocp_v(xn);
        let cs_n = xn * c.negative.max_concentration;
        let cs_p = xp * c.positive.max_concentration;
        match self.kind {
            ModelKind::Spm => {
                let ce = [c.electrolyte.initial_concentration];
                let eta_n = reaction(
                    &c.negative,
                    jn,
                    &LogSum::of(&ce),
                    cs_n,
                    t,
                    c.reference_temperature_k,
                );
                let eta_p = reaction(
                    &c.positive,
                    jp,
                    &LogSum::of(&ce),
                    cs_p,
                    t,
                    c.reference_temperature_k,
                );
                Ok(ocv + eta_p - eta_n)
            }
            ModelKind::Ecm => {
                let (Some(ecm), Ok(window)) = (&self.ecm, &self.window) else {
                    return Ok(ocv);
                };
                let soc = window.soc(self.mean_stoichiometry(s).0);
                let c = ecm.at(soc, t);
                let ocv = ecm.ocv.as_ref().map_or(ocv, |table| table.at(soc));
                Ok(ocv - i_a * c.r0_ohm - s.rc_v[0] - s.rc_v[1])
            }
            ModelKind::Spme => {
                let e = &self.electrolyte;
                let ce = &s.electrolyte;
                let (neg, pos) = (LogSum::of(e.negative(ce)), LogSum::of(e.positive(ce)));
                let eta_n = reaction(&c.negative, jn, &neg, cs_n, t, c.reference_temperature_k);
                let eta_p = reaction(&c.positive, jp, &pos, cs_p, t, c.reference_temperature_k);
                Ok(ocv + eta_p - eta_n
                    + self.electrolyte_drop(s, &neg, &pos, i_a)
                    + self.solid_drop(i_a))
            }
        }
    }

    /// Concentration overpotential and electrolyte ohmic drop, V.
    fn electrolyte_drop(&self, s: &State, neg: &LogSum, pos: &LogSum, i_a: f64) -> f64 {
        let temperature_k = s.temperature_k;
        let c = &self.cell;
        let mean = self.electrolyte.mean(&s.electrolyte);
        let el = &c.electrolyte;
        let chi = 2.0 * (1.0 - el.transference_number) * el.thermodynamic_factor;
        let rt_f = GAS_CONSTANT_J_PER_MOL_K * temperature_k / FARADAY_C_PER_MOL;
        // ⟨ln(c/c̄)⟩₊ − ⟨ln(c/c̄)⟩₋: the mean terms cancel.
        let concentration = chi * rt_f * (pos.mean_log() - neg.mean_log());
        let kappa = el.conductivity_s_per_m(mean);
        let i = i_a / c.electrode_area_m2;
        let ohmic = -i
            * (c.negative.thickness_m / (3.0 * kappa * c.negative.transport_efficiency)
                + c.separator_thickness_m / (kappa * c.separator_transport_efficiency)
                + c.positive.thickness_m / (3.0 * kappa * c.positive.transport_efficiency));
        concentration + ohmic
    }

    fn solid_drop(&self, i_a: f64) -> f64 {
        let c = &self.cell;
        let i = i_a / c.electrode_area_m2;
        -i / 3.0
            * (c.negative.thickness_m / c.negative.effective_conductivity
                + c.positive.thickness_m / c.positive.effective_conductivity)
    }
}

/// An electrode's electrolyte concentrations with the mean of their logarithms, which both
/// the concentration overpotential and the reaction overpotential need.
struct LogSum<'a> {
    values: &'a [f64],
    /// Σ ln c, as the logarithm of one product (a few dozen concentrations of at most a few
    /// thousand mol/m³ stay far inside f64's range).
    sum_log: f64,
}

impl<'a> LogSum<'a> {
    fn of(values: &'a [f64]) -> Self {
        LogSum {
            values,
            sum_log: values.iter().product::<f64>().ln(),
        }
    }

    fn mean_log(&self) -> f64 {
        self.sum_log / self.values.len() as f64
    }
}

/// Mean over the electrode's electrolyte volumes of the reaction overpotential. The exchange
/// current is √c_e times a factor common to the electrode, so each volume's asinh argument is
/// y = x/√c and asinh y = ln((x + √(x² + c))/√c): one square root a volume, and one logarithm
/// of a product for the electrode (every y has the sign of j).
fn reaction(e: &Electrode, j: f64, c_e: &LogSum, c_surf: f64, t: f64, t_ref: f64) -> f64 {
    let per_root_ce = e.exchange_current(1.0, c_surf, t, t_ref);
    let x = (j / (2.0 * per_root_ce)).abs();
    let x2 = x * x;
    let product: f64 = c_e.values.iter().map(|c| x + (x2 + c).sqrt()).product();
    let mean_asinh = j.signum() * (product.ln() - 0.5 * c_e.sum_log) / c_e.values.len() as f64;
    2.0 * GAS_CONSTANT_J_PER_MOL_K * t / FARADAY_C_PER_MOL * mean_asinh
}
