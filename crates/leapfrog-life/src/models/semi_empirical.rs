//! A chemistry family's general model: calendar fade k_cal(T, SOC)·tᶻ and cycle fade from
//! Wöhler/Miner damage summed over rainflow cycles, added as Schmalstieg et al. (2014) add their
//! calendar and cycle terms. The cycle stress factors take the forms of Xu et al. (2018): a power
//! law in depth of discharge (cycles to failure N = N_ref·(DoD_ref/DoD)^k) and Arrhenius in
//! temperature, with a second Arrhenius term below 25 °C (lithium plating on charge); the C-rate
//! factor is linear, 1 + c·(C − C_ref), as the BLAST-Lite fits are (an exponential fitted over a
//! campaign's 0.2–1C multiplies damage a hundredfold at 3.5C pulses). The calendar rate is
//! Arrhenius in temperature and, in state of charge, linear between factors at 0, 25, 50, 75 and
//! 100% (Keil et al. 2016 found plateaus that an exponential in SOC cannot follow; the factor at
//! 50% is 1 by definition), held at the nearest tested state of charge outside the family's
//! campaigns. Each state moves along its own curve from where the battery is (the
//! path-consistent steps BLAST-Lite uses), so a changing duty is followed.

use super::{Form, Params};
use crate::rainflow::extract_cycles;
use crate::states::power;
use crate::stressors::{active_c_rate, Segment};

const GAS_CONSTANT_J_PER_MOL_K: f64 = 8.314_462_618;
/// The reference conditions the rate constants are stated at: 25 °C, half charge (Xu et al.'s
/// SOC reference).
const T_REF_K: f64 = 298.15;
/// The least the C-rate factor falls to: a slow cycle still wears the cell (a fit whose slope
/// would take the factor to zero or below at rest-like rates is held here).
const MIN_C_RATE_FACTOR: f64 = 0.1;
/// Swings smaller than this are measurement noise, not cycles.
const MIN_CYCLE_DOD: f64 = 1e-6;

pub struct Model {
    p: P,
    q_cal: f64,
    q_cyc: f64,
    damage: f64,
}

/// The form's parameters, named as in data/life_models.toml.
pub(crate) struct P {
    pub cal_k: f64,
    pub cal_z: f64,
    pub cal_ea: f64,
    /// Calendar rate factors at SOC 0, 0.25, 0.5 (1), 0.75 and 1.
    pub cal_soc: [f64; 5],
    /// The states of charge the family's campaigns stored at: outside them the factor is held at
    /// the nearest tested one (no SOC dependence is claimed where no cell was stored).
    pub soc_tested: (f64, f64),
    pub n_ref: f64,
    pub loss_at_n_ref: f64,
    pub dod_ref: f64,
    pub dod_exponent: f64,
    pub c_ref: f64,
    pub c_coefficient: f64,
    pub cyc_ea: f64,
    pub plating_ea: f64,
    pub damage_exponent: f64,
    pub band: (f64, f64),
}

impl Model {
    pub(crate) fn new(p: &Params, soc_tested: [f64; 2]) -> Model {
        let [cal_k, cal_z, cal_ea, soc0, soc25, soc75, soc100, n_ref, loss_at_n_ref, dod_ref, dod_exponent, c_ref, c_coefficient, cyc_ea, plating_ea, damage_exponent, band_low, band_high] =
            p.in_form_order();
        Model {
            p: P {
                cal_k,
                cal_z,
                cal_ea,
                cal_soc: [soc0, soc25, 1.0, soc75, soc100],
                soc_tested: (soc_tested[0], soc_tested[1]),
                n_ref,
                loss_at_n_ref,
                dod_ref,
                dod_exponent,
                c_ref,
                c_coefficient,
                cyc_ea,
                plating_ea,
                damage_exponent,
                band: (band_low, band_high),
            },
            q_cal: 0.0,
            q_cyc: 0.0,
            damage: 0.0,
        }
    }
}

fn arrhenius(ea: f64, t_k: f64) -> f64 {
    (-ea / GAS_CONSTANT_J_PER_MOL_K * (1.0 / t_k - 1.0 / T_REF_K)).exp()
}

impl P {
    /// The calendar rate's state-of-charge factor, linear between its five points.
    fn soc_factor(&self, soc: f64) -> f64 {
        let x = (soc.clamp(self.soc_tested.0, self.soc_tested.1) * 4.0).clamp(0.0, 3.999_999);
        let (i, f) = (x.floor() as usize, x.fract());
        self.cal_soc[i] + f * (self.cal_soc[i + 1] - self.cal_soc[i])
    }

    /// Cycles to `loss_at_n_ref` at a depth, active C-rate and temperature.
    pub fn cycles_to_failure(&self, dod: f64, c_rate: f64, t_k: f64) -> f64 {
        let plating = if t_k < T_REF_K {
            arrhenius(-self.plating_ea, t_k) - 1.0
        } else {
            0.0
        };
        let rate = (1.0 + self.c_coefficient * (c_rate - self.c_ref)).max(MIN_C_RATE_FACTOR);
        let stress = rate * (arrhenius(self.cyc_ea, t_k) + plating);
        self.n_ref * (self.dod_ref / dod).powf(self.dod_exponent) / stress
    }
}

impl Form for Model {
    fn step(&mut self, s: &Segment) {
        let p = &self.p;
        // exp(−Ea/RT) from the segment's memo (temperatures change rarely), times the constant
        // that makes it 1 at 25 °C.
        let a = -p.cal_ea / GAS_CONSTANT_J_PER_MOL_K;
        let at_ref = (-a / T_REF_K).exp();
        let k_cal =
            p.cal_k * at_ref * s.time_mean(|i| s.exp_over_t(0, i, a) * p.soc_factor(s.soc[i]));
        let mut d_damage = 0.0;
        for c in extract_cycles(s.soc) {
            if c.range < MIN_CYCLE_DOD {
                continue;
            }
            let (a, b) = (c.start.min(c.end), c.start.max(c.end));
            let t_k = s.t_k[a..=b].iter().sum::<f64>() / (b - a + 1) as f64;
            // Counted as the family's fits were: depth and rate as swings of state of charge,
            // cycles in nominal amp-hours (a faded cell's full swing is `capacity` of a
            // nominal cycle, as the equivalent full cycles the fits were made against are).
            // Rescaling the depth as well would make a faded cell's cycles shallower than the
            // fit's, and the two would part as the cell fades (by 0.13 of capacity at 40% loss
            // on Schmalstieg et al.'s full-depth cycles).
            let c_rate = active_c_rate(s.t_s, s.soc, a, b);
            d_damage += c.count * s.capacity / p.cycles_to_failure(c.range, c_rate, t_k);
        }
        self.q_cal += power(self.q_cal, s.dt_days, k_cal, p.cal_z);
        self.q_cyc += power(self.q_cyc, d_damage, p.loss_at_n_ref, p.damage_exponent);
        self.damage += d_damage;
    }

    fn capacity(&self) -> f64 {
        1.0 - self.q_cal - self.q_cyc
    }

    fn band(&self) -> Option<(f64, f64)> {
        let loss = self.q_cal + self.q_cyc;
        let central = self.capacity();
        // A family's fastest cell may have lost everything where the central one has not: a
        // capacity has no meaning below zero. With a factor of 1 at an end, that end is the
        // central value itself (not a rounding away from it).
        // The central value itself can pass below zero on a run far outside the fits (a
        // proptest found -0.0009): the low end is then zero, never above the central one.
        let low = (1.0 - loss * self.p.band.1).min(central).max(0.0);
        Some((low, (1.0 - loss * self.p.band.0).max(central)))
    }

    fn states(&self) -> Vec<(&'static str, f64)> {
        vec![
            ("q_loss_calendar", self.q_cal),
            ("q_loss_cycling", self.q_cyc),
            ("cycle_damage_miner", self.damage),
        ]
    }
}
