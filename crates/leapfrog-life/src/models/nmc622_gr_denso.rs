//! DENSO NMC622-graphite (BLAST-Lite `Nmc622_Gr_DENSO50Ah_Battery`, Smith et al. 2021): calendar
//! fade in √days with an Arrhenius-weighted cubic in SOC, cycling fade scaled by it and by a
//! stress √(DOD·C-rate of charge); rates from the segment's mean temperature and SOC.

use super::{Form, Params};
use crate::states::power;
use crate::stressors::Segment;

pub struct Model {
    /// Parameters in the order `LIFE_MODEL_FORMS` lists them for `nmc622_gr_denso`.
    p: [f64; 14],
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

fn arrhenius(t_k: f64, ea: f64) -> f64 {
    (-(ea / 8.3144) * (1.0 / t_k - 1.0 / 298.15)).exp()
}

impl Form for Model {
    fn step(&mut self, s: &Segment) {
        let [t_ea, t0, t1, t2, t3, t4, t5, n_ea1, n0, n1, n2, n3, n_ea2, n4] = self.p;
        let t = s.mean(|i| s.t_k[i]);
        let soc = s.mean(|i| s.soc[i]);
        let stress = if s.c_charge == 0.0 {
            (s.dod * s.c_rate).sqrt()
        } else {
            (s.dod * s.c_charge).sqrt()
        };
        let b1t = arrhenius(t, t_ea)
            * (t0
                + t1 * soc
                + t2 * soc.powi(2)
                + t3 * soc.powi(3)
                + t4 * soc * t
                + t5 * (t - 328.15).max(0.0));
        let b1n = (n0 * arrhenius(t, n_ea1) * stress * (1.0 + n1 * soc) + n2).max(0.0)
            + n3 * arrhenius(t, n_ea2) * s.dod.powi(6);
        let dq_t = power(self.q_t, s.dt_days, b1t, 0.5);
        let mut dq_efc = power(self.q_efc, s.defc, b1t * b1n * n4, 0.5);
        if dq_efc > 1e-2 {
            // BLAST-Lite caps a runaway first step at a low rate per EFC.
            dq_efc = 5e-4 * s.defc;
        }
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

    fn reads_directional_rates(&self) -> bool {
        true
    }
}
