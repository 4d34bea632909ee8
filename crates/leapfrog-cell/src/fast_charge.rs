//! How thick an electrode may be for a given charge time.
//!
//! Liquid-electrolyte couples: charging moves salt from the negative electrode to the
//! positive. At steady state (reached within minutes: L²/D_eff is 5–15 minutes for EV
//! electrodes) the salt concentration falls parabolically through the negative, linearly
//! through the separator and rises parabolically through the positive. The charge can go no
//! faster than the current at which the concentration at the back of the negative reaches
//! zero; past that the electrode stops taking lithium where it is deepest and plates where it
//! is not. With uniform reaction, zero salt flux at both collectors, Bruggeman effective
//! diffusivities D·ε^b and salt conserved over the pore volume, this limiting current is
//! closed-form. Since the areal capacity grows with thickness and the limiting current falls
//! with it, the shortest charge grows with the square of the thickness (plus a linear term
//! from the separator) — the transport law of Gallagher et al. 2016 and Colclasure et al.
//! 2020 — on top of a floor set by the electrodes' kinetics, the time a thin electrode needs.
//!
//! Lithium-metal and heat-limited couples keep a constant current-density limit.

use crate::library::{interpolate, CellStack};
use crate::CellError;
use leapfrog_data::{FastChargeLaw, SaltTransport};

const FARADAY_C_PER_MOL: f64 = 96_485.332;

/// The fast-charge law of one couple, resolved from its record and its materials.
#[derive(Debug, Clone)]
pub enum FastCharge {
    Transport(TransportLimit),
    CurrentDensity { limit_ma_per_cm2: f64 },
}

/// Everything the transport law needs that does not change from design to design.
#[derive(Debug, Clone)]
pub struct TransportLimit {
    /// The rate a thin electrode sustains: the floor is window / rate.
    pub kinetic_c_rate: f64,
    pub bruggeman_exponent: f64,
    pub electrolyte: String,
    pub salt: SaltTransport,
    pub positive_porosity: f64,
    pub negative_porosity: f64,
    pub separator_porosity: f64,
    pub separator_um: f64,
    /// Negative thickness per µm of positive (N/P ratio and both electrodes' capacities).
    pub negative_um_per_positive_um: f64,
    pub positive_mah_per_cm2_per_um: f64,
}

impl FastCharge {
    pub fn resolve(stack: &CellStack) -> Result<Self, CellError> {
        let c = stack.couple;
        match &c.fast_charge {
            FastChargeLaw::CurrentDensity {
                limit_ma_per_cm2, ..
            } => Ok(FastCharge::CurrentDensity {
                limit_ma_per_cm2: *limit_ma_per_cm2,
            }),
            FastChargeLaw::ElectrolyteTransport {
                kinetic_c_rate,
                bruggeman_exponent,
                ..
            } => {
                let missing = || CellError::Data {
                    what: format!("couple {} fast_charge", c.id),
                    reason:
                        "the electrolyte-transport law needs an electrolyte with a transport table"
                            .into(),
                };
                let electrolyte = c.electrolyte.clone().ok_or_else(missing)?;
                let salt = stack.salt.cloned().ok_or_else(missing)?;
                let per_um = stack.positive.mah_per_cm2_per_um();
                Ok(FastCharge::Transport(TransportLimit {
                    kinetic_c_rate: *kinetic_c_rate,
                    bruggeman_exponent: *bruggeman_exponent,
                    electrolyte,
                    salt,
                    positive_porosity: c.positive_porosity,
                    negative_porosity: c.negative_porosity,
                    separator_porosity: stack.separator_porosity,
                    separator_um: c.separator_thickness_um,
                    negative_um_per_positive_um: c.np_ratio * per_um
                        / stack.negative.mah_per_cm2_per_um(),
                    positive_mah_per_cm2_per_um: per_um,
                }))
            }
        }
    }

    pub fn law(&self) -> &'static str {
        match self {
            FastCharge::Transport(_) => "electrolyte-transport",
            FastCharge::CurrentDensity { .. } => "current-density",
        }
    }

    /// The shortest charge of `window` any electrode of the couple allows, minutes.
    pub fn floor_minutes(&self, window: f64) -> f64 {
        match self {
            FastCharge::Transport(t) => t.floor_minutes(window),
            FastCharge::CurrentDensity { .. } => 0.0,
        }
    }

    /// The thickest positive electrode (µm) that charges `window` of its capacity in
    /// `minutes` at `temperature_c`.
    pub fn thickest_um(
        &self,
        minutes: f64,
        window: f64,
        temperature_c: f64,
        positive_mah_per_cm2_per_um: f64,
    ) -> Result<f64, CellError> {
        match self {
            FastCharge::CurrentDensity { limit_ma_per_cm2 } => {
                Ok(limit_ma_per_cm2 * (minutes / 60.0) / window / positive_mah_per_cm2_per_um)
            }
            FastCharge::Transport(t) => t.thickest_um(minutes, window, temperature_c),
        }
    }

    /// The shortest charge (minutes) of `window` for a positive electrode `positive_um` thick.
    pub fn shortest_minutes(
        &self,
        positive_um: f64,
        window: f64,
        temperature_c: f64,
        positive_mah_per_cm2_per_um: f64,
    ) -> Result<f64, CellError> {
        match self {
            FastCharge::CurrentDensity { limit_ma_per_cm2 } => {
                Ok(60.0 * window * positive_mah_per_cm2_per_um * positive_um / limit_ma_per_cm2)
            }
            FastCharge::Transport(t) => t.shortest_minutes(positive_um, window, temperature_c),
        }
    }
}

impl TransportLimit {
    /// Salt diffusivity (m²/s) and cation transference number at `temperature_c`, linear
    /// between the table's points; outside them the law has no data and says so.
    pub fn properties(&self, temperature_c: f64) -> Result<(f64, f64), CellError> {
        let ts = &self.salt.temperatures_c;
        let (lo, hi) = (ts[0], ts[ts.len() - 1]);
        if !(lo..=hi).contains(&temperature_c) {
            return Err(CellError::Input {
                field: "fast_charge_temperature_c".into(),
                value: format!("{temperature_c}"),
                allowed: format!(
                    "from {lo} to {hi} °C, the range of {}'s transport data",
                    self.electrolyte
                ),
            });
        }
        Ok((
            interpolate(ts, &self.salt.diffusivity_m2_per_s, temperature_c),
            interpolate(ts, &self.salt.cation_transference_number, temperature_c),
        ))
    }

    /// Steady-state limiting current density (A/m²) for a positive `positive_um` thick.
    pub fn limiting_current_a_per_m2(
        &self,
        positive_um: f64,
        temperature_c: f64,
    ) -> Result<f64, CellError> {
        Ok(self
            .balance(temperature_c)?
            .limiting_current_a_per_m2(positive_um))
    }

    /// The salt balance of this stack at `temperature_c` as polynomials in the positive
    /// thickness, worked out once so that a search over thickness is arithmetic only.
    fn balance(&self, temperature_c: f64) -> Result<SaltBalance, CellError> {
        let (d, t_plus) = self.properties(temperature_c)?;
        let b = self.bruggeman_exponent;
        let (en, es, ep) = (
            self.negative_porosity,
            self.separator_porosity,
            self.positive_porosity,
        );
        // Per µm of positive: the negative's thickness, m; the separator's, m.
        let alpha = 1e-6 * self.negative_um_per_positive_um;
        let ls = 1e-6 * self.separator_um;
        // Concentration rises per A/m² of current: through each electrode (parabola, half
        // the slab) and across the separator (line); the electrodes' per µm of positive.
        let k = (1.0 - t_plus) / FARADAY_C_PER_MOL;
        let rise_n = k * alpha / (2.0 * d * en.powf(b));
        let rise_s = k * ls / (d * es.powf(b));
        let rise_p = k * 1e-6 / (2.0 * d * ep.powf(b));
        // Salt conservation fixes where the initial concentration sits between the minimum
        // (negative collector) and the maximum (positive collector): the rise above the
        // minimum, weighted by pore volume, is quadratic in thickness; the pore volume linear.
        Ok(SaltBalance {
            above_min: [
                es * ls * rise_s / 2.0,
                es * ls * rise_n + ep * 1e-6 * rise_s,
                en * alpha * rise_n / 3.0 + ep * 1e-6 * (rise_n + 2.0 * rise_p / 3.0),
            ],
            pore_volume: [es * ls, en * alpha + ep * 1e-6],
            c0_mol_per_m3: 1000.0 * self.salt.salt_concentration_mol_per_l,
        })
    }

    /// The kinetic floor: charging `window` of the capacity at the thin-electrode rate.
    pub fn floor_minutes(&self, window: f64) -> f64 {
        60.0 * window / self.kinetic_c_rate
    }

    pub fn shortest_minutes(
        &self,
        positive_um: f64,
        window: f64,
        temperature_c: f64,
    ) -> Result<f64, CellError> {
        let balance = self.balance(temperature_c)?;
        Ok(self.minutes(&balance, positive_um, window))
    }

    fn minutes(&self, balance: &SaltBalance, positive_um: f64, window: f64) -> f64 {
        let limit_ma_per_cm2 = balance.limiting_current_a_per_m2(positive_um) / 10.0;
        let charge_mah_per_cm2 = window * self.positive_mah_per_cm2_per_um * positive_um;
        self.floor_minutes(window) + 60.0 * charge_mah_per_cm2 / limit_ma_per_cm2
    }

    /// Inverts `shortest_minutes`, which rises strictly with thickness, by bisection.
    pub fn thickest_um(
        &self,
        minutes: f64,
        window: f64,
        temperature_c: f64,
    ) -> Result<f64, CellError> {
        let balance = self.balance(temperature_c)?;
        if minutes <= self.floor_minutes(window) {
            return Ok(0.0);
        }
        let (mut lo, mut hi) = (0.0, 1.0);
        while self.minutes(&balance, hi, window) < minutes {
            hi *= 2.0;
            if hi > MAX_SEARCH_UM {
                return Ok(f64::INFINITY);
            }
        }
        for _ in 0..BISECTIONS {
            let mid = 0.5 * (lo + hi);
            if self.minutes(&balance, mid, window) < minutes {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Ok(0.5 * (lo + hi))
    }
}

/// A stack's steady salt balance at one temperature: the pore-weighted rise of concentration
/// above its minimum per A/m² (coefficients of 1, L, L²) and the pore volume (of 1, L), L the
/// positive thickness in µm.
struct SaltBalance {
    above_min: [f64; 3],
    pore_volume: [f64; 2],
    c0_mol_per_m3: f64,
}

impl SaltBalance {
    /// The current at which the salt at the negative collector reaches zero, A/m².
    fn limiting_current_a_per_m2(&self, positive_um: f64) -> f64 {
        let l = positive_um;
        let [a0, a1, a2] = self.above_min;
        let [p0, p1] = self.pore_volume;
        self.c0_mol_per_m3 * (p0 + p1 * l) / (a0 + (a1 + a2 * l) * l)
    }
}

/// Beyond a metre of electrode no charge time binds; the limit is then "none".
const MAX_SEARCH_UM: f64 = 1.0e6;
/// Halvings of the bracket: from 1e6 µm down to well below 1e-6 µm.
const BISECTIONS: usize = 60;

#[cfg(test)]
mod tests {
    use super::*;

    fn stack() -> TransportLimit {
        TransportLimit {
            kinetic_c_rate: 9.0,
            bruggeman_exponent: 1.5,
            electrolyte: "test".into(),
            salt: SaltTransport {
                salt_concentration_mol_per_l: 1.2,
                temperatures_c: vec![20.0, 40.0],
                diffusivity_m2_per_s: vec![2.0e-10, 4.0e-10],
                cation_transference_number: vec![0.2, 0.4],
                source: "test".into(),
            },
            positive_porosity: 0.25,
            negative_porosity: 0.3,
            separator_porosity: 0.4,
            separator_um: 15.0,
            negative_um_per_positive_um: 1.3,
            positive_mah_per_cm2_per_um: 0.07,
        }
    }

    /// Integrates the steady salt balance cell by cell (flux from the source terms, then
    /// concentration from the flux, then shifted so the pore-averaged concentration is the
    /// initial one) and returns the lowest concentration, mol/m³.
    fn lowest_concentration(t: &TransportLimit, i_a_per_m2: f64, positive_um: f64) -> f64 {
        let (d, t_plus) = t.properties(30.0).unwrap();
        let ln = 1e-6 * positive_um * t.negative_um_per_positive_um;
        let ls = 1e-6 * t.separator_um;
        let lp = 1e-6 * positive_um;
        let n = 20_000;
        let dx = (ln + ls + lp) / n as f64;
        let (mut flux, mut c, mut c_min) = (0.0, 0.0, 0.0f64);
        let (mut weighted, mut pores) = (0.0, 0.0);
        for k in 0..n {
            let x = (k as f64 + 0.5) * dx;
            let (eps, source) = if x < ln {
                (
                    t.negative_porosity,
                    -(1.0 - t_plus) * i_a_per_m2 / (FARADAY_C_PER_MOL * ln),
                )
            } else if x < ln + ls {
                (t.separator_porosity, 0.0)
            } else {
                (
                    t.positive_porosity,
                    (1.0 - t_plus) * i_a_per_m2 / (FARADAY_C_PER_MOL * lp),
                )
            };
            let mid_flux = flux + 0.5 * source * dx;
            flux += source * dx;
            let mid_c = c - 0.5 * mid_flux * dx / (d * eps.powf(t.bruggeman_exponent));
            c -= mid_flux * dx / (d * eps.powf(t.bruggeman_exponent));
            weighted += eps * mid_c * dx;
            pores += eps * dx;
            c_min = c_min.min(mid_c);
        }
        c_min - weighted / pores + 1000.0 * t.salt.salt_concentration_mol_per_l
    }

    /// The closed form is the current at which the salt runs out, by direct integration.
    #[test]
    fn limiting_current_empties_the_salt_at_the_negative_collector() {
        let t = stack();
        for positive_um in [20.0, 80.0, 150.0] {
            let i_lim = t.limiting_current_a_per_m2(positive_um, 30.0).unwrap();
            let c0 = 1200.0;
            assert!(lowest_concentration(&t, 0.9 * i_lim, positive_um) > 0.09 * c0);
            assert!(lowest_concentration(&t, i_lim, positive_um).abs() < 1e-3 * c0);
            assert!(lowest_concentration(&t, 1.1 * i_lim, positive_um) < -0.09 * c0);
        }
    }

    /// Thick electrodes are transport-bound: doubling a thick electrode roughly quadruples
    /// the time above the floor.
    #[test]
    fn charge_time_above_the_floor_grows_with_the_square_of_thickness() {
        let t = stack();
        let above = |um: f64| t.shortest_minutes(um, 0.8, 30.0).unwrap() - t.floor_minutes(0.8);
        let ratio = above(400.0) / above(200.0);
        assert!((3.8..4.0).contains(&ratio), "ratio {ratio}");
    }

    #[test]
    fn thickest_inverts_shortest() {
        let t = stack();
        for minutes in [8.0, 15.0, 45.0, 240.0] {
            let um = t.thickest_um(minutes, 0.8, 25.0).unwrap();
            let back = t.shortest_minutes(um, 0.8, 25.0).unwrap();
            assert!(
                (back - minutes).abs() < 1e-9 * minutes,
                "{minutes} -> {um} -> {back}"
            );
        }
        assert_eq!(t.thickest_um(5.0, 0.8, 25.0).unwrap(), 0.0);
    }

    #[test]
    fn temperature_outside_the_data_is_refused() {
        let e = stack()
            .thickest_um(30.0, 0.8, 45.0)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("fast_charge_temperature_c") && e.contains("20 to 40"),
            "{e}"
        );
    }
}
