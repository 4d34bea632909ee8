//! LG M50 NMC811-graphite/silicon (BLAST-Lite `Nmc811_GrSi_LGM50_5Ah_Battery`): calendar fade
//! from temperature, anode potential and SOC; cycling fade from the discharge C-rate and
//! temperature; power laws in days/1e4 and EFC/1e4.

use super::{Form, Params};
use crate::states::power;
use crate::stressors::Segment;

pub struct Model {
    /// Parameters in the order `LIFE_MODEL_FORMS` lists them for `nmc811_grsi_lgm50`.
    p: [f64; 10],
    q_t: f64,
    q_efc: f64,
}

impl Model {
    pub(crate) fn new(p: &Params) -> Model {
        Model {
            p: p.in_form_order(),
            q_t: 0.0,
            q_efc: 0.0,
        }
    }
}

impl Form for Model {
    fn step(&mut self, s: &Segment) {
        let [p_cal, b0, b1, b2, b3, b4, p_cyc, c0, c1, c2] = self.p;
        let tn = |i: usize| s.t_k[i] / (273.15 + 35.0);
        let k_cal = s.time_mean(|i| {
            let (t, ua, soc) = (tn(i), s.ua[i] / 0.123, s.soc[i]);
            b0 + b1 * (t.powi(3) / ua.powf(1.0 / 3.0)).exp()
                + b2 * t.powi(3) / ua.sqrt()
                + b3 * (soc.sqrt() / t.powi(2)).exp()
                + b4 * soc.powi(3).exp()
        });
        let cdis = s.c_discharge;
        let k_cyc = s.time_mean_of_temperature(|t| {
            c0 * (c1 * cdis.powi(3)).exp()
                * (c2 * (t / (273.15 + 35.0)).powi(3) * cdis.sqrt()).exp()
        });
        let dq_t = power(self.q_t, s.dt_days / 1e4, k_cal, p_cal);
        let dq_efc = power(self.q_efc, s.defc / 1e4, k_cyc, p_cyc);
        self.q_t += dq_t;
        self.q_efc += dq_efc;
    }

    fn capacity(&self) -> f64 {
        1.0 - self.q_t - self.q_efc
    }

    fn states(&self) -> Vec<(&'static str, f64)> {
        vec![
            ("q_loss_calendar", self.q_t),
            ("q_loss_cycling", self.q_efc),
        ]
    }

    fn reads_anode_potential(&self) -> bool {
        true
    }

    fn reads_directional_rates(&self) -> bool {
        true
    }
}
