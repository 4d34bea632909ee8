//! Arrhenius calendar fade in temperature and SOC, cycle fade linear in C-rate and DOD with a
//! two-sided temperature term, both power laws (BLAST-Lite `Nmc811_GrSi_LGMJ1_4Ah_Battery` and
//! `Nca_Gr_Panasonic3Ah_Battery` share this form).

use super::{Form, Params};
use crate::states::power;
use crate::stressors::Segment;

pub struct Model {
    /// Parameters in the order `LIFE_MODEL_FORMS` lists them for `arrhenius_linear`.
    p: [f64; 10],
    q_loss_t: f64,
    q_loss_efc: f64,
}

impl Model {
    pub(crate) fn new(p: &Params) -> Model {
        Model {
            p: p.in_form_order(),
            q_loss_t: 0.0,
            q_loss_efc: 0.0,
        }
    }
}

impl Form for Model {
    fn step(&mut self, s: &Segment) {
        let [a, b, c, pcal, ya, yb, yc, yd, ye, pcyc] = self.p;
        let kcal = s.time_mean(|i| a * s.exp_over_t(0, i, b) * (c * s.soc[i] / s.t_k[i]).exp());
        let kcyc = s.time_mean(|i| {
            (ya + yb * s.c_rate + yc * s.dod) * (s.exp_over_t(1, i, yd) + s.exp_over_t(2, i, -ye))
        });
        self.q_loss_t += power(self.q_loss_t, s.dt_days, kcal, pcal);
        self.q_loss_efc += power(self.q_loss_efc, s.defc, kcyc, pcyc);
    }

    fn capacity(&self) -> f64 {
        1.0 - self.q_loss_t - self.q_loss_efc
    }

    fn states(&self) -> Vec<(&'static str, f64)> {
        vec![
            ("q_loss_calendar", self.q_loss_t),
            ("q_loss_cycling", self.q_loss_efc),
        ]
    }
}
