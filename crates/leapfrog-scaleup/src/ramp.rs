//! Utilisation and scrap by month since the start of production.
//!
//! Utilisation closes on nameplate exponentially from its start value; scrap falls from its
//! start value to the plant's mature rate (the cost model's own, 1 - cell yield) exponentially
//! in time, and a company's earlier output cuts the excess it starts with by a factor e per
//! `experience_gwh` (learning by doing carried from one plant to the next).

use serde::Serialize;

/// A ramp resolved for one plant.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RampCurve {
    pub start_utilisation: f64,
    pub utilisation_time_constant_months: f64,
    /// Scrap at start of production for this plant (after the company's experience).
    pub start_scrap: f64,
    pub mature_scrap: f64,
    pub scrap_time_constant_months: f64,
}

/// The ramp's parameters as data gives them, before a company's experience.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RampParameters {
    pub start_utilisation: f64,
    pub utilisation_time_constant_months: f64,
    /// Scrap at start of production for a company with no earlier output.
    pub start_scrap: f64,
    pub mature_scrap: f64,
    pub scrap_time_constant_months: f64,
    pub experience_gwh: f64,
}

impl RampParameters {
    pub fn of(r: &leapfrog_data::Ramp, mature_scrap: f64, ramp_time_factor: f64) -> Self {
        RampParameters {
            start_utilisation: r.start_utilisation,
            utilisation_time_constant_months: r.utilisation_time_constant_months * ramp_time_factor,
            start_scrap: r.start_scrap.max(mature_scrap),
            mature_scrap,
            scrap_time_constant_months: r.scrap_time_constant_months,
            experience_gwh: r.experience_gwh,
        }
    }

    /// The curve of a plant started by a company that has made `prior_gwh` before.
    pub fn for_plant(&self, prior_gwh: f64) -> RampCurve {
        let excess =
            (self.start_scrap - self.mature_scrap) * (-prior_gwh / self.experience_gwh).exp();
        RampCurve {
            start_utilisation: self.start_utilisation,
            utilisation_time_constant_months: self.utilisation_time_constant_months,
            start_scrap: self.mature_scrap + excess,
            mature_scrap: self.mature_scrap,
            scrap_time_constant_months: self.scrap_time_constant_months,
        }
    }
}

/// Utilisation at or above which a plant counts as at nameplate.
pub const NAMEPLATE_UTILISATION: f64 = 0.95;

impl RampCurve {
    /// Share of nameplate made, `months` after the start of production.
    pub fn utilisation(&self, months: f64) -> f64 {
        1.0 - (1.0 - self.start_utilisation)
            * (-months / self.utilisation_time_constant_months).exp()
    }

    /// Share of cells started that are scrapped, `months` after the start of production.
    pub fn scrap(&self, months: f64) -> f64 {
        self.mature_scrap
            + (self.start_scrap - self.mature_scrap)
                * (-months / self.scrap_time_constant_months).exp()
    }

    /// Months from start of production to `NAMEPLATE_UTILISATION`.
    pub fn months_to_nameplate(&self) -> f64 {
        let gap = 1.0 - self.start_utilisation;
        if gap <= 1.0 - NAMEPLATE_UTILISATION {
            0.0
        } else {
            self.utilisation_time_constant_months * (gap / (1.0 - NAMEPLATE_UTILISATION)).ln()
        }
    }

    /// Months from start of production until scrap is at most `share` (None if never: the
    /// share is below the mature rate).
    pub fn months_to_scrap(&self, share: f64) -> Option<f64> {
        let excess = self.start_scrap - self.mature_scrap;
        let target = share - self.mature_scrap;
        if target <= 0.0 {
            return (excess <= 0.0 && target == 0.0).then_some(0.0);
        }
        Some(if excess <= target {
            0.0
        } else {
            self.scrap_time_constant_months * (excess / target).ln()
        })
    }
}
