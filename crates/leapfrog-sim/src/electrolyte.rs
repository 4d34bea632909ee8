//! Salt diffusion across negative electrode, separator and positive electrode (the SPMe's
//! electrolyte), discretised as PyBaMM does: 20 equal finite volumes per domain; fluxes at
//! the faces with the harmonic mean of the neighbouring ε^b·D_e(c) (weighted by the cell
//! widths); migration from the electrolyte current, interpolated to faces arithmetically. Time
//! steps are variable-step BDF2 (second order and damped), with D_e taken at the concentrations
//! extrapolated to the step's end, so each step is one tridiagonal solve; after a change of
//! current the first step is implicit Euler.

use crate::params::{Cell, FARADAY_C_PER_MOL};

/// Volumes per domain (PyBaMM's default mesh).
pub const VOLUMES_PER_DOMAIN: usize = 20;
pub const VOLUMES: usize = 3 * VOLUMES_PER_DOMAIN;

#[derive(Debug, Clone)]
pub struct Electrolyte {
    width: [f64; VOLUMES],
    porosity: [f64; VOLUMES],
    efficiency: [f64; VOLUMES],
    /// Width-weight of the left cell in each interior face's harmonic mean.
    beta: [f64; VOLUMES - 1],
    /// 1 / distance between neighbouring centres.
    inverse_gap: [f64; VOLUMES - 1],
    /// Pore volume per unit area of each volume, ε·w.
    pore: [f64; VOLUMES],
    /// Salt source per volume per A/m² of current, mol/m³/s (reaction and migration).
    source_per_a: [f64; VOLUMES],
    total_length: f64,
    cell: crate::params::Electrolyte,
}

pub type Concentrations = [f64; VOLUMES];

impl Electrolyte {
    pub fn new(cell: &Cell) -> Self {
        let m = VOLUMES_PER_DOMAIN;
        let domains = [
            (
                cell.negative.thickness_m,
                cell.negative.porosity,
                cell.negative.transport_efficiency,
            ),
            (
                cell.separator_thickness_m,
                cell.separator_porosity,
                cell.separator_transport_efficiency,
            ),
            (
                cell.positive.thickness_m,
                cell.positive.porosity,
                cell.positive.transport_efficiency,
            ),
        ];
        let mut e = Electrolyte {
            width: [0.0; VOLUMES],
            porosity: [0.0; VOLUMES],
            efficiency: [0.0; VOLUMES],
            beta: [0.0; VOLUMES - 1],
            inverse_gap: [0.0; VOLUMES - 1],
            pore: [0.0; VOLUMES],
            source_per_a: [0.0; VOLUMES],
            total_length: domains.iter().map(|d| d.0).sum(),
            cell: cell.electrolyte.clone(),
        };
        for (d, (length, eps, eff)) in domains.iter().enumerate() {
            for k in 0..m {
                e.width[d * m + k] = length / m as f64;
                e.porosity[d * m + k] = *eps;
                e.efficiency[d * m + k] = *eff;
            }
        }
        for k in 0..VOLUMES - 1 {
            e.beta[k] = e.width[k] / (e.width[k] + e.width[k + 1]);
            e.inverse_gap[k] = 2.0 / (e.width[k] + e.width[k + 1]);
        }
        for k in 0..VOLUMES {
            e.pore[k] = e.porosity[k] * e.width[k];
        }
        e.source_per_a = sources(&e.width, cell);
        e
    }

    pub fn uniform(&self) -> Concentrations {
        [self.cell.initial_concentration; VOLUMES]
    }

    /// Length-weighted mean concentration over the cell.
    pub fn mean(&self, c: &Concentrations) -> f64 {
        c.iter().zip(&self.width).map(|(c, w)| c * w).sum::<f64>() / self.total_length
    }

    pub fn negative<'a>(&self, c: &'a Concentrations) -> &'a [f64] {
        &c[..VOLUMES_PER_DOMAIN]
    }

    pub fn positive<'a>(&self, c: &'a Concentrations) -> &'a [f64] {
        &c[2 * VOLUMES_PER_DOMAIN..]
    }

    /// Face conductances ε^b·D_e/Δx at concentrations `c`.
    fn conductances(&self, c: &Concentrations) -> [f64; VOLUMES - 1] {
        let mut f = [0.0; VOLUMES];
        for k in 0..VOLUMES {
            f[k] = self.efficiency[k] * self.cell.diffusivity_m2_per_s(c[k]);
        }
        let mut g = [0.0; VOLUMES - 1];
        for k in 0..VOLUMES - 1 {
            // Harmonic mean 1/(β/f₁ + (1−β)/f₂), over the distance between the centres.
            let b = self.beta[k];
            g[k] = f[k] * f[k + 1] * self.inverse_gap[k] / (b * f[k + 1] + (1.0 - b) * f[k]);
        }
        g
    }

    /// One step of `dt_s` at current density `i_a_per_m2`. With the state one step back
    /// (`history`: concentrations and that step's length) it is the variable-step BDF2 formula,
    /// second order and strongly damped (the Crank–Nicolson rule would let the stiff modes
    /// ring from step to step), with the diffusivity at the concentrations extrapolated to the
    /// step's end: one linear solve. Without history (the first step, or after the current
    /// changed) it is implicit Euler, iterated once on the diffusivity at mid-step.
    pub fn step(
        &self,
        c: &Concentrations,
        history: Option<(&Concentrations, f64)>,
        dt_s: f64,
        i_a_per_m2: f64,
    ) -> Concentrations {
        let Some((previous, previous_dt)) = history else {
            let first = self.solve(c, 1.0, &self.conductances(c), dt_s, i_a_per_m2);
            let mut mid = [0.0; VOLUMES];
            for k in 0..VOLUMES {
                mid[k] = 0.5 * (c[k] + first[k]);
            }
            return self.solve(c, 1.0, &self.conductances(&mid), dt_s, i_a_per_m2);
        };
        let w = dt_s / previous_dt;
        let mut history_term = [0.0; VOLUMES];
        let mut predicted = [0.0; VOLUMES];
        for k in 0..VOLUMES {
            history_term[k] = (1.0 + w) * c[k] - w * w / (1.0 + w) * previous[k];
            // The prediction only picks the diffusivity; kept within a factor two of the
            // present concentration so a long step cannot extrapolate it to nonsense.
            predicted[k] = (c[k] + w * (c[k] - previous[k])).clamp(0.5 * c[k], 2.0 * c[k]);
        }
        let lead = (1.0 + 2.0 * w) / (1.0 + w);
        self.solve(
            &history_term,
            lead,
            &self.conductances(&predicted),
            dt_s,
            i_a_per_m2,
        )
    }

    /// Solves lead·ε·w·c'/dt − L(c') = ε·w·b/dt + w·s·i for c', L the face exchanges.
    fn solve(
        &self,
        b: &Concentrations,
        lead: f64,
        g: &[f64; VOLUMES - 1],
        dt: f64,
        i: f64,
    ) -> Concentrations {
        let inv_dt = 1.0 / dt;
        // Assembly fused with the forward sweep of the tridiagonal (Thomas) solve; face k
        // lies left of volume k, the two ends closed.
        let mut sweep = [0.0; VOLUMES];
        let mut out = [0.0; VOLUMES];
        let (mut prev_sweep, mut prev_out) = (0.0, 0.0);
        for k in 0..VOLUMES {
            let left = if k > 0 { g[k - 1] } else { 0.0 };
            let right = if k + 1 < VOLUMES { g[k] } else { 0.0 };
            let capacity = self.pore[k] * inv_dt;
            let diag = lead * capacity + left + right;
            let rhs = capacity * b[k] + self.width[k] * self.source_per_a[k] * i;
            let inv = 1.0 / (diag + left * prev_sweep);
            prev_sweep = -right * inv;
            prev_out = (rhs + left * prev_out) * inv;
            sweep[k] = prev_sweep;
            out[k] = prev_out;
        }
        for k in (0..VOLUMES - 1).rev() {
            out[k] -= sweep[k] * out[k + 1];
        }
        out
    }
}

/// Source per A/m² in each volume: the reaction a·j/F, less the divergence of the migration
/// flux t+·i_e/F, with i_e linear in each electrode and interpolated to faces as PyBaMM does
/// (arithmetic mean inside, linear extrapolation at the two ends).
fn sources(width: &[f64; VOLUMES], cell: &Cell) -> [f64; VOLUMES] {
    let m = VOLUMES_PER_DOMAIN;
    let (ln, lp) = (cell.negative.thickness_m, cell.positive.thickness_m);
    let total: f64 = width.iter().sum();
    let mut centre = [0.0; VOLUMES];
    let mut x = 0.0;
    for k in 0..VOLUMES {
        centre[k] = x + 0.5 * width[k];
        x += width[k];
    }
    let current = |k: usize| {
        if k < m {
            centre[k] / ln
        } else if k < 2 * m {
            1.0
        } else {
            (total - centre[k]) / lp
        }
    };
    let mut face = [0.0; VOLUMES + 1];
    face[0] = 1.5 * current(0) - 0.5 * current(1);
    face[VOLUMES] = 1.5 * current(VOLUMES - 1) - 0.5 * current(VOLUMES - 2);
    for k in 1..VOLUMES {
        face[k] = 0.5 * (current(k - 1) + current(k));
    }
    let t_plus = cell.electrolyte.transference_number;
    let mut s = [0.0; VOLUMES];
    for k in 0..VOLUMES {
        let reaction = if k < m {
            1.0 / ln
        } else if k < 2 * m {
            0.0
        } else {
            -1.0 / lp
        };
        let migration = t_plus * (face[k + 1] - face[k]) / width[k];
        s[k] = (reaction - migration) / FARADAY_C_PER_MOL;
    }
    s
}
