//! Fickian diffusion in a spherical particle, discretised as PyBaMM does (finite volumes on 20
//! equal shells, surface value extrapolated linearly from the last two shells), and advanced
//! exactly: with a constant diffusivity the shells form a linear system whose modes decay
//! independently, so a step of any length under a constant surface flux is a handful of
//! exponentials. No time-step error, and an end-of-discharge crossing can be located by
//! bisection on the exact state.

/// Shells per particle (PyBaMM's default mesh).
pub const SHELLS: usize = 20;

#[derive(Debug, Clone)]
pub struct Particle {
    /// Decay rates of the modes, 1/s (one is zero: lithium is conserved).
    rates: [f64; SHELLS],
    /// How a unit surface flux (mol/m²/s, into the particle) drives each mode.
    drive: [f64; SHELLS],
    /// Row that turns modes into the surface concentration.
    surface_row: [f64; SHELLS],
    /// Row that turns modes into the volume-averaged concentration.
    mean_row: [f64; SHELLS],
    /// Modes of a uniform concentration of 1 mol/m³.
    uniform: [f64; SHELLS],
}

/// A particle's state: its modal coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParticleState(pub [f64; SHELLS]);

impl Particle {
    pub fn new(radius_m: f64, diffusivity_m2_per_s: f64) -> Self {
        let n = SHELLS;
        let dr = radius_m / n as f64;
        let edge = |k: usize| k as f64 * dr;
        let volume: Vec<f64> = (0..n)
            .map(|i| (edge(i + 1).powi(3) - edge(i).powi(3)) / 3.0)
            .collect();
        // Symmetric exchange between neighbouring shells: area × D / spacing.
        let mut s = vec![vec![0.0; n]; n];
        for k in 0..n - 1 {
            let g = edge(k + 1).powi(2) * diffusivity_m2_per_s / dr;
            s[k][k + 1] = g;
            s[k + 1][k] = g;
            s[k][k] -= g;
            s[k + 1][k + 1] -= g;
        }
        let w: Vec<f64> = volume.iter().map(|v| v.sqrt()).collect();
        let mut m = s;
        for (i, row) in m.iter_mut().enumerate() {
            for (j, v) in row.iter_mut().enumerate() {
                *v /= w[i] * w[j];
            }
        }
        let (values, q) = symmetric_eigen(m);
        let surface_area = radius_m * radius_m;
        let mut p = Particle {
            rates: [0.0; SHELLS],
            drive: [0.0; SHELLS],
            surface_row: [0.0; SHELLS],
            mean_row: [0.0; SHELLS],
            uniform: [0.0; SHELLS],
        };
        let total_volume: f64 = volume.iter().sum();
        for k in 0..n {
            // The zero mode comes out as ±1e-20-ish; it must not decay or grow.
            p.rates[k] =
                if values[k].abs() < 1e-12 * values.iter().fold(0.0f64, |a, v| a.max(v.abs())) {
                    0.0
                } else {
                    values[k]
                };
            p.drive[k] = q[n - 1][k] * surface_area / w[n - 1];
            p.surface_row[k] = 1.5 * q[n - 1][k] / w[n - 1] - 0.5 * q[n - 2][k] / w[n - 2];
            p.mean_row[k] = (0..n).map(|i| w[i] * q[i][k]).sum::<f64>() / total_volume;
            p.uniform[k] = (0..n).map(|i| q[i][k] * w[i]).sum();
        }
        p
    }

    pub fn uniform(&self, concentration: f64) -> ParticleState {
        let mut z = [0.0; SHELLS];
        for (zk, uk) in z.iter_mut().zip(&self.uniform) {
            *zk = uk * concentration;
        }
        ParticleState(z)
    }

    /// What a step of `dt_s` seconds does to each mode: its decay, and its response to a
    /// unit surface flux held over the step.
    pub fn propagator(&self, dt_s: f64) -> Propagator {
        let mut p = Propagator {
            dt_s,
            decay: [0.0; SHELLS],
            gain: [0.0; SHELLS],
        };
        for k in 0..SHELLS {
            let x = self.rates[k] * dt_s;
            let decay = x.exp();
            // (e^x − 1)/x, from the exponential already taken except where it would cancel.
            let phi = if x.abs() < 1e-12 {
                1.0
            } else if x.abs() < 0.1 {
                x.exp_m1() / x
            } else {
                (decay - 1.0) / x
            };
            p.decay[k] = decay;
            p.gain[k] = dt_s * phi * self.drive[k];
        }
        p
    }

    /// The state after `dt_s` seconds of a constant lithium flux into the surface
    /// (mol/m²/s; negative when lithium leaves).
    pub fn advance(&self, state: &ParticleState, dt_s: f64, flux_in: f64) -> ParticleState {
        self.propagator(dt_s).apply(state, flux_in)
    }

    pub fn surface(&self, state: &ParticleState) -> f64 {
        dot(&self.surface_row, &state.0)
    }

    pub fn mean(&self, state: &ParticleState) -> f64 {
        dot(&self.mean_row, &state.0)
    }
}

/// A particle's step of fixed length, worked out once and applied to any state.
#[derive(Debug, Clone, Copy)]
pub struct Propagator {
    pub dt_s: f64,
    decay: [f64; SHELLS],
    gain: [f64; SHELLS],
}

impl Propagator {
    pub fn apply(&self, state: &ParticleState, flux_in: f64) -> ParticleState {
        let mut z = [0.0; SHELLS];
        for k in 0..SHELLS {
            z[k] = self.decay[k] * state.0[k] + self.gain[k] * flux_in;
        }
        ParticleState(z)
    }
}

fn dot(a: &[f64; SHELLS], b: &[f64; SHELLS]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Eigenvalues and eigenvectors (columns of the returned matrix) of a small symmetric matrix
/// by cyclic Jacobi rotations.
fn symmetric_eigen(mut a: Vec<Vec<f64>>) -> (Vec<f64>, Vec<Vec<f64>>) {
    let n = a.len();
    let mut v = vec![vec![0.0; n]; n];
    for (i, row) in v.iter_mut().enumerate() {
        row[i] = 1.0;
    }
    for _sweep in 0..100 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |j| *j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i][j] * a[i][j])
            .sum();
        let scale: f64 = (0..n).map(|i| a[i][i] * a[i][i]).sum();
        if off <= 1e-30 * scale {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                if a[p][q].abs() < 1e-300 {
                    continue;
                }
                let theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let (akp, akq) = (a[k][p], a[k][q]);
                    a[k][p] = c * akp - s * akq;
                    a[k][q] = s * akp + c * akq;
                }
                for k in 0..n {
                    let (apk, aqk) = (a[p][k], a[q][k]);
                    a[p][k] = c * apk - s * aqk;
                    a[q][k] = s * apk + c * aqk;
                }
                for row in v.iter_mut() {
                    let (vkp, vkq) = (row[p], row[q]);
                    row[p] = c * vkp - s * vkq;
                    row[q] = s * vkp + c * vkq;
                }
            }
        }
    }
    ((0..n).map(|i| a[i][i]).collect(), v)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lithium in equals lithium stored, for any flux history.
    #[test]
    fn the_mean_concentration_follows_the_surface_flux() {
        let (r, d) = (5.0e-6, 3.0e-14);
        let p = Particle::new(r, d);
        let mut s = p.uniform(20_000.0);
        let flux = -2.0e-5;
        for dt in [1.0, 10.0, 100.0, 1000.0] {
            s = p.advance(&s, dt, flux);
        }
        let added = flux * 1111.0 * 3.0 / r;
        assert!(
            (p.mean(&s) - (20_000.0 + added)).abs() < 1e-6 * 20_000.0,
            "{}",
            p.mean(&s)
        );
    }

    #[test]
    fn a_uniform_particle_at_rest_stays_uniform() {
        let p = Particle::new(5.0e-6, 3.0e-14);
        let s = p.advance(&p.uniform(12_345.0), 3600.0, 0.0);
        assert!((p.surface(&s) - 12_345.0).abs() < 1e-6);
        assert!((p.mean(&s) - 12_345.0).abs() < 1e-6);
    }

    /// Two half steps equal one whole step: the modes are advanced exactly.
    #[test]
    fn steps_compose_exactly() {
        let p = Particle::new(5.0e-6, 3.0e-14);
        let s0 = p.uniform(20_000.0);
        let one = p.advance(&s0, 500.0, 1.0e-5);
        let two = p.advance(&p.advance(&s0, 250.0, 1.0e-5), 250.0, 1.0e-5);
        assert!((p.surface(&one) - p.surface(&two)).abs() < 1e-8 * 20_000.0);
    }
}
