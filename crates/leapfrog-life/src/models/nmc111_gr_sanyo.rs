//! Sanyo NMC111-graphite (BLAST-Lite `Nmc111_Gr_Sanyo2Ah_Battery`, Schmalstieg et al. 2014):
//! calendar fade and resistance growth driven by cell voltage and temperature, cycling fade and
//! growth by the RMS voltage and DOD, cycling counted in amp-hours of throughput.

use super::{Form, Params};
use crate::states::power;
use crate::stressors::Segment;
use leapfrog_data::LifeModel;

pub struct Model {
    /// Parameters in the order `LIFE_MODEL_FORMS` lists them for `nmc111_gr_sanyo`.
    p: [f64; 17],
    capacity_ah: f64,
    ocv_soc: Vec<f64>,
    ocv_v: Vec<f64>,
    q_t: f64,
    q_efc: f64,
    r_t: f64,
    r_efc: f64,
}

impl Model {
    pub(crate) fn new(p: &Params, m: &LifeModel) -> Model {
        Model {
            p: p.in_form_order(),
            capacity_ah: m.capacity_ah,
            ocv_soc: m.ocv_soc.clone(),
            ocv_v: m.ocv_v.clone(),
            q_t: 0.0,
            q_efc: 0.0,
            r_t: 0.0,
            r_efc: 0.0,
        }
    }

    /// Open-circuit voltage at `soc`, linear between table points, held at the ends.
    fn voltage(&self, soc: f64) -> f64 {
        let (x, y) = (&self.ocv_soc, &self.ocv_v);
        let n = x.len();
        if soc <= x[0] {
            return y[0];
        }
        if soc >= x[n - 1] {
            return y[n - 1];
        }
        let j = x.partition_point(|v| *v <= soc);
        let (x0, x1, y0, y1) = (x[j - 1], x[j], y[j - 1], y[j]);
        y0 + (y1 - y0) * (soc - x0) / (x1 - x0)
    }
}

impl Form for Model {
    fn step(&mut self, s: &Segment) {
        let [qa, qb, qc, qp, ya, yb, yc, yd, yp, ra, rb, rc, rp, za, zb, zc, zd] = self.p;
        let v_rms = s.mean(|i| self.voltage(s.soc[i]).powi(2)).sqrt();
        let alpha_cap =
            s.time_mean(|i| (qa * self.voltage(s.soc[i]) + qb) * 1e6 * s.exp_over_t(0, i, qc));
        let alpha_res =
            s.time_mean(|i| (ra * self.voltage(s.soc[i]) + rb) * 1e5 * s.exp_over_t(1, i, rc));
        let beta_cap = ya * (v_rms - yb).powi(2) + yc + yd * s.dod;
        let beta_res = za * (v_rms - zb).powi(2) + zc + zd * s.dod;
        let ah = s.defc * 2.0 * self.capacity_ah;
        let d = [
            power(self.q_t, s.dt_days, alpha_cap, qp),
            power(self.q_efc, ah, beta_cap, yp),
            power(self.r_t, s.dt_days, alpha_res, rp),
        ];
        self.q_t += d[0];
        self.q_efc += d[1];
        self.r_t += d[2];
        self.r_efc += beta_res * ah;
    }

    fn capacity(&self) -> f64 {
        1.0 - self.q_t - self.q_efc
    }

    fn resistance(&self) -> Option<f64> {
        Some(1.0 + self.r_t + self.r_efc)
    }

    fn states(&self) -> Vec<(&'static str, f64)> {
        vec![
            ("q_loss_calendar", self.q_t),
            ("q_loss_cycling", self.q_efc),
            ("r_gain_calendar", self.r_t),
            ("r_gain_cycling", self.r_efc),
        ]
    }
}
