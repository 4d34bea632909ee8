//! The rating model, for chemistries without a fitted model: capacity falls linearly with
//! equivalent full cycles to the rated end of life at the rated cycle count, and (where a calendar
//! life is published) linearly with time. It has no stress dependence: every output says so.

use super::Form;
use crate::stressors::Segment;
use leapfrog_data::CoupleLife;

pub struct Model {
    loss_per_efc: f64,
    loss_per_day: f64,
    q_cyc: f64,
    q_cal: f64,
}

impl Model {
    pub fn new(r: &CoupleLife) -> Model {
        let loss = 1.0 - r.eol_capacity_fraction.unwrap_or(0.8);
        Model {
            loss_per_efc: r.cycle_life_efc.map_or(0.0, |n| loss / n),
            loss_per_day: r.calendar_life_years.map_or(0.0, |y| loss / (365.0 * y)),
            q_cyc: 0.0,
            q_cal: 0.0,
        }
    }
}

impl Form for Model {
    fn step(&mut self, s: &Segment) {
        self.q_cyc += self.loss_per_efc * s.defc;
        self.q_cal += self.loss_per_day * s.dt_days;
    }

    fn capacity(&self) -> f64 {
        1.0 - self.q_cyc - self.q_cal
    }

    fn states(&self) -> Vec<(&'static str, f64)> {
        vec![
            ("q_loss_cycling", self.q_cyc),
            ("q_loss_calendar", self.q_cal),
        ]
    }
}
