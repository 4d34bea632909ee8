//! Kokam NMC111-graphite (BLAST-Lite `Nmc111_Gr_Kokam75Ah_Battery`, Smith et al. 2017): loss of
//! lithium inventory in time and EFCs (power laws), loss of active material as a sigmoid in EFCs;
//! capacity is the lesser of the two limits and resistance grows with each.

use super::{Form, Params};
use crate::states::{power, sigmoid};
use crate::stressors::Segment;

pub struct Model {
    /// Parameters in the order `LIFE_MODEL_FORMS` lists them for `nmc111_gr_kokam`.
    p: [f64; 17],
    q_lli_t: f64,
    q_lli_efc: f64,
    q_lam: f64,
    r_lli_t: f64,
    r_lli_efc: f64,
}

impl Model {
    pub(crate) fn new(p: &Params) -> Model {
        Model {
            p: p.in_form_order(),
            q_lli_t: 0.0,
            q_lli_efc: 0.0,
            q_lam: 1e-8,
            r_lli_t: 0.0,
            r_lli_efc: 0.0,
        }
    }

    fn lam_capacity(&self) -> f64 {
        1.01 - self.q_lam
    }
}

fn nan_or(a: f64, b: f64, pick: fn(f64, f64) -> f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else {
        pick(a, b)
    }
}

impl Form for Model {
    fn step(&mut self, s: &Segment) {
        let [q1_0, q1_1, q1_2, q2, q3_0, q3_1, q3_2, q4, q5_0, q5_1, p_lam, r1, r2, r3, r4, _, _] =
            self.p;
        let tn = |i: usize| s.t_k[i] / (273.15 + 35.0);
        let soc_mean = s.mean(|i| s.soc[i]);
        let q1 =
            s.time_mean(|i| q1_0 * (q1_1 / tn(i)).exp() * (q1_2 * (s.ua[i] / 0.123) / tn(i)).exp());
        let dod_term = (q3_2 * s.dod.powi(2).exp()).exp();
        let q3 = s.time_mean(|i| q3_0 * s.exp_over_t(1, i, q3_1 * (273.15 + 35.0)) * dod_term);
        let q5 =
            s.time_mean(|i| q5_0 + q5_1 * (s.t_k[i] - 273.15 - 55.0) * s.dod * (soc_mean / 0.6));
        let d = [
            power(self.q_lli_t, s.dt_days, q1, q2),
            power(self.q_lli_efc, s.defc, q3, q4),
            sigmoid(self.q_lam, s.defc, 1.0, 1.0 / q5, p_lam),
            power(self.r_lli_t, s.dt_days, r1 * q1, r2),
            power(self.r_lli_efc, s.defc, r3 * q3, r4),
        ];
        self.q_lli_t += d[0];
        self.q_lli_efc += d[1];
        self.q_lam += d[2];
        self.r_lli_t += d[3];
        self.r_lli_efc += d[4];
    }

    /// The lesser limit; a NaN in either is carried (as numpy's `min` carries it), so a state
    /// that left its domain is seen.
    fn capacity(&self) -> f64 {
        nan_or(
            1.0 - self.q_lli_t - self.q_lli_efc,
            self.lam_capacity(),
            f64::min,
        )
    }

    fn resistance(&self) -> Option<f64> {
        let r_lli = 1.0 + self.r_lli_t + self.r_lli_efc;
        let r_lam = self.p[15] + self.p[16] / self.lam_capacity();
        Some(nan_or(r_lli, r_lam, f64::max))
    }

    fn states(&self) -> Vec<(&'static str, f64)> {
        vec![
            ("q_loss_lli_calendar", self.q_lli_t),
            ("q_loss_lli_cycling", self.q_lli_efc),
            ("q_loss_lam", self.q_lam),
            ("r_gain_calendar", self.r_lli_t),
            ("r_gain_cycling", self.r_lli_efc),
        ]
    }

    fn reads_anode_potential(&self) -> bool {
        true
    }
}
