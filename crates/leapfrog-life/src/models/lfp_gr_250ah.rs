//! Large-format LFP-graphite (BLAST-Lite `Lfp_Gr_250AhPrismatic`): calendar fade Arrhenius in
//! temperature and anode potential, cycle fade linear in DOD and C-rate with a two-sided
//! temperature term; both power laws.

use super::{Form, Params};
use crate::states::power;
use crate::stressors::Segment;

pub struct Model {
    /// Parameters in the order `LIFE_MODEL_FORMS` lists them for `lfp_gr_250ah`.
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
        let [p1, p2, p3, pcal, p4, p5, p6, p7, p8, pcyc] = self.p;
        let kcal =
            s.time_mean(|i| p1.abs() * s.exp_over_t(0, i, p2) * (p3 * s.ua[i] / s.t_k[i]).exp());
        let kcyc = s.time_mean(|i| {
            (p4 + p5 * s.dod + p6 * s.c_rate) * (s.exp_over_t(1, i, p7) + s.exp_over_t(2, i, -p8))
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

    fn reads_anode_potential(&self) -> bool {
        true
    }
}
