//! NMC-LTO (BLAST-Lite `Nmc_Lto_10Ah_Battery`): a calendar capacity gain and a calendar loss,
//! both Arrhenius in temperature and SOC, and a cycle loss in C-rate and DOD³; power laws. The
//! gain term is published (Bank et al. 2020), so capacity can rise early in life.

use super::{Form, Params};
use crate::states::power;
use crate::stressors::Segment;

pub struct Model {
    /// Parameters in the order `LIFE_MODEL_FORMS` lists them for `nmc_lto`.
    p: [f64; 13],
    q_loss_t: f64,
    q_gain_t: f64,
    q_loss_efc: f64,
}

impl Model {
    pub(crate) fn new(p: &Params) -> Model {
        Model {
            p: p.in_form_order(),
            q_loss_t: 0.0,
            q_gain_t: 0.0,
            q_loss_efc: 0.0,
        }
    }
}

impl Form for Model {
    fn step(&mut self, s: &Segment) {
        let [a0, a1, a2, ap, b0, b1, b2, bp, g0, g1, g2, g3, gp] = self.p;
        let tn = |i: usize| s.t_k[i] / (273.15 + 45.0);
        let k = 273.15 + 45.0;
        let alpha =
            s.time_mean(|i| a0 * s.exp_over_t(0, i, a1 * k) * (a2 * s.soc[i] / tn(i)).exp());
        let beta = s.time_mean(|i| b0 * s.exp_over_t(1, i, b1 * k) * (b2 * s.soc[i] / tn(i)).exp());
        let gamma = s.time_mean(|i| (g0 + g1 * s.c_rate + g2 * s.dod.powi(3)) * (g3 / tn(i)).exp());
        let gain = power(self.q_gain_t, s.dt_days, alpha, ap);
        let loss = power(self.q_loss_t, s.dt_days, beta, bp);
        let cyc = power(self.q_loss_efc, s.defc, gamma, gp);
        self.q_loss_t += loss;
        self.q_gain_t += gain;
        self.q_loss_efc += cyc;
    }

    fn capacity(&self) -> f64 {
        1.0 - self.q_loss_t + self.q_gain_t - self.q_loss_efc
    }

    fn states(&self) -> Vec<(&'static str, f64)> {
        vec![
            ("q_loss_calendar", self.q_loss_t),
            ("q_gain_calendar", self.q_gain_t),
            ("q_loss_cycling", self.q_loss_efc),
        ]
    }
}
