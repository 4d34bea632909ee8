//! Sony-Murata LFP-graphite (BLAST-Lite `Lfp_Gr_SonyMurata3Ah_Battery`): calendar loss of
//! lithium inventory as a sigmoid in days, cycling loss as a power law in EFCs, a break-in loss
//! under heavy cycling (more than 3 EFC a day), and resistance growth linear in time and EFCs
//! (Naumann et al. 2018, 2020; Gasper et al. 2022).

use super::{Form, Params};
use crate::states::{power_b, sigmoid};
use crate::stressors::Segment;

pub struct Model {
    p: P,
    q_lli_t: f64,
    q_lli_efc: f64,
    q_break_in: f64,
    r_lli_t: f64,
    r_lli_efc: f64,
}

struct P {
    q2: f64,
    q1: [f64; 3],
    q3: [f64; 5],
    q8: f64,
    q9: f64,
    q7_b0: f64,
    q7_soc: (f64, f64),
    q7_dod: (f64, f64),
    q7_dod_growth: f64,
    q6: f64,
    q5: [f64; 3],
    r_cal: [f64; 4],
    r_cyc: [f64; 4],
}

impl Model {
    pub(crate) fn new(p: &Params) -> Model {
        let g = |n: &str| p.get(n);
        Model {
            p: P {
                q2: g("q2"),
                q1: ["q1_b0", "q1_b1", "q1_b2"].map(g),
                q3: ["q3_b0", "q3_b1", "q3_b2", "q3_b3", "q3_b4"].map(g),
                q8: g("q8"),
                q9: g("q9"),
                q7_b0: g("q7_b0"),
                q7_soc: (g("q7_soc_skew"), g("q7_soc_width")),
                q7_dod: (g("q7_dod_skew"), g("q7_dod_width")),
                q7_dod_growth: g("q7_dod_growth"),
                q6: g("q6"),
                q5: ["q5_b0", "q5_b1", "q5_b2"].map(g),
                r_cal: ["k_ref_r_cal", "Ea_r_cal", "C_r_cal", "D_r_cal"].map(g),
                r_cyc: ["A_r_cyc", "B_r_cyc", "C_r_cyc", "D_r_cyc"].map(g),
            },
            q_lli_t: 0.0,
            q_lli_efc: 0.0,
            q_break_in: 1e-10,
            r_lli_t: 0.0,
            r_lli_efc: 0.0,
        }
    }
}

/// Skew-normal density around 0.5 with the given skew and width.
fn skew_normal(x: f64, skew: f64, width: f64) -> f64 {
    let z = (x - 0.5) / width;
    let pdf = (-z * z / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt();
    let cdf = 0.5 * libm::erfc(-skew * z / std::f64::consts::SQRT_2);
    2.0 * pdf * cdf
}

fn sigmoid_of(x: f64, alpha: f64, beta: f64, gamma: f64) -> f64 {
    2.0 * alpha * (0.5 - 1.0 / (1.0 + (beta * x).powf(gamma).exp()))
}

impl Form for Model {
    fn step(&mut self, s: &Segment) {
        let p = &self.p;
        let (tk, ua) = (s.t_k, s.ua);
        let q1 = s.time_mean(|i| {
            (p.q1[0]
                * (p.q1[1] / tk[i].powi(2) * ua[i].sqrt()).exp()
                * (p.q1[2] / tk[i] * ua[i].sqrt()).exp())
            .abs()
        });
        let q3 = s.time_mean(|i| {
            let t = tk[i];
            (p.q3[0]
                * (p.q3[1] / t.powi(4) * ua[i].powf(1.0 / 3.0)).exp()
                * (p.q3[2] * t.powi(3) * ua[i].powf(0.25)).exp()
                * (p.q3[3] / t.powi(3) * ua[i].powf(1.0 / 3.0)).exp()
                * (p.q3[4] * t.powi(2) * ua[i].powf(0.25)).exp())
            .abs()
        });
        let q5 =
            (p.q5[0] + p.q5[1] * s.dod + p.q5[2] * (s.dod.powi(2) * s.c_rate.powi(3)).exp()).abs();
        let dod_term = skew_normal(s.dod, p.q7_dod.0, p.q7_dod.1)
            * sigmoid_of(s.dod, 1.0, p.q7_dod_growth, 1.0);
        let q7 = s.time_mean(|i| {
            (p.q7_b0 * skew_normal(s.soc[i], p.q7_soc.0, p.q7_soc.1) * dod_term).abs()
        });
        let [k_ref, ea, c_cal, d_cal] = p.r_cal;
        let k_temp = s.time_mean(|i| k_ref * ((-ea / 8.3144) * (1.0 / tk[i] - 1.0 / 298.15)).exp());
        let k_soc = s.time_mean(|i| c_cal * (s.soc[i] - 0.5).powi(3) + d_cal);
        let [a, b, c, d] = p.r_cyc;
        let r_kcal = k_temp * k_soc;
        let r_kcyc = (a * s.c_rate + b) * (c * (s.dod - 0.5).powi(3) + d);
        let d_lli_t = sigmoid(self.q_lli_t, s.dt_days, q1, p.q2, q3);
        let d_lli_efc = power_b(self.q_lli_efc, s.defc, q5, p.q6);
        let d_break_in = if s.defc / s.dt_days > 3.0 {
            sigmoid(self.q_break_in, s.defc, q7, p.q8, p.q9)
        } else {
            0.0
        };
        self.q_lli_t += d_lli_t;
        self.q_lli_efc += d_lli_efc;
        self.q_break_in += d_break_in;
        self.r_lli_t += r_kcal * s.dt_days * 86_400.0;
        self.r_lli_efc += r_kcyc * s.defc / 100.0;
    }

    fn capacity(&self) -> f64 {
        1.0 - self.q_lli_t - self.q_lli_efc - self.q_break_in
    }

    fn resistance(&self) -> Option<f64> {
        Some(1.0 + self.r_lli_t + self.r_lli_efc)
    }

    fn states(&self) -> Vec<(&'static str, f64)> {
        vec![
            ("q_loss_lli_calendar", self.q_lli_t),
            ("q_loss_lli_cycling", self.q_lli_efc),
            ("q_loss_break_in", self.q_break_in),
            ("r_gain_calendar", self.r_lli_t),
            ("r_gain_cycling", self.r_lli_efc),
        ]
    }

    fn reads_anode_potential(&self) -> bool {
        true
    }
}
