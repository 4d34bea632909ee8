//! The stoichiometry window of a parameter set (PyBaMM's electrode state of health): with the
//! lithium the set's initial concentrations hold, the negative's stoichiometry x and the
//! positive's y are tied (Q₋·x + Q₊·y is fixed); 0% SOC is where U₊(y) − U₋(x) is the lower
//! cut-off, 100% where it is the upper. SOC is then linear in x between the two.

use crate::params::{Cell, FARADAY_C_PER_MOL};
use crate::SimError;
use serde::Serialize;

/// Halvings of the stoichiometry bracket: 2^-60 of it is far below any voltage's resolution.
const BISECTIONS: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Window {
    /// Negative stoichiometry at 0% and at 100% SOC.
    pub x_0: f64,
    pub x_100: f64,
    /// Capacity between the cut-offs at rest, Ah.
    pub capacity_ah: f64,
    /// Cyclable lithium, Ah, and each electrode's full capacity, Ah.
    lithium_ah: f64,
    negative_ah: f64,
    positive_ah: f64,
}

/// An electrode's capacity at full stoichiometry, Ah.
fn full_ah(e: &crate::params::Electrode, area_m2: f64) -> f64 {
    let solid_fraction = e.specific_area_per_m * e.particle_radius_m / 3.0;
    solid_fraction * e.thickness_m * area_m2 * e.max_concentration * FARADAY_C_PER_MOL / 3600.0
}

impl Window {
    pub fn of(cell: &Cell) -> Result<Window, SimError> {
        let negative_ah = full_ah(&cell.negative, cell.electrode_area_m2);
        let positive_ah = full_ah(&cell.positive, cell.electrode_area_m2);
        let x_init = cell.negative.initial_concentration / cell.negative.max_concentration;
        let y_init = cell.positive.initial_concentration / cell.positive.max_concentration;
        let lithium_ah = negative_ah * x_init + positive_ah * y_init;
        let mut w = Window {
            x_0: 0.0,
            x_100: 0.0,
            capacity_ah: 0.0,
            lithium_ah,
            negative_ah,
            positive_ah,
        };
        w.x_100 = w.solve(cell, cell.upper_voltage_v)?;
        w.x_0 = w.solve(cell, cell.lower_voltage_v)?;
        w.capacity_ah = negative_ah * (w.x_100 - w.x_0);
        Ok(w)
    }

    /// How far the negative's stoichiometry moves per Ah drawn.
    pub fn stoichiometry_per_ah(&self) -> f64 {
        1.0 / self.negative_ah
    }

    pub fn y(&self, x: f64) -> f64 {
        (self.lithium_ah - self.negative_ah * x) / self.positive_ah
    }

    pub fn soc(&self, x: f64) -> f64 {
        (x - self.x_0) / (self.x_100 - self.x_0)
    }

    pub fn x(&self, soc: f64) -> f64 {
        self.x_0 + soc * (self.x_100 - self.x_0)
    }

    /// The x at which the open-circuit voltage is `v`, by bisection over the x whose y is
    /// inside (0, 1): the voltage rises with x.
    fn solve(&self, cell: &Cell, v: f64) -> Result<f64, SimError> {
        let ocv = |x: f64| cell.positive.ocp_v(self.y(x)) - cell.negative.ocp_v(x);
        let edge = 1e-9;
        let lo_y_limit = (self.lithium_ah - self.positive_ah * (1.0 - edge)) / self.negative_ah;
        let hi_y_limit = (self.lithium_ah - self.positive_ah * edge) / self.negative_ah;
        let (mut lo, mut hi) = (lo_y_limit.max(edge), hi_y_limit.min(1.0 - edge));
        if lo >= hi || !(ocv(lo) <= v && v <= ocv(hi)) {
            return Err(SimError::Infeasible(format!(
                "parameter set {}: no stoichiometry gives an open-circuit voltage of {v} V with its lithium inventory",
                cell.id
            )));
        }
        for _ in 0..BISECTIONS {
            let mid = 0.5 * (lo + hi);
            if ocv(mid) < v {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Ok(0.5 * (lo + hi))
    }
}
