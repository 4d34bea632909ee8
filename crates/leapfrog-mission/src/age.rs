//! The life layer on a mission's duty: a repeating day (or year) of cycles, aged year by year.

use crate::{Battery, LifeOutcome, MissionError};
use leapfrog_life::{Life, Profile, Stop};

/// Capacity over the years of a duty, year 0 included.
pub(crate) struct Aged {
    pub outcome: LifeOutcome,
    /// Relative capacity at the end of each year, from year 0 (1.0).
    pub capacity_by_year: Vec<f64>,
}

/// Points per charge or discharge: the stressors the life models read (SOC, DoD, C-rate)
/// are sampled through each ramp; a rest needs only its ends. With these counts the capacity
/// at end of mission is within 1.3% of 256 points a ramp on every preset (LFP-G, NMC811-SiG,
/// NCA-G; the shallow LEO cycles are the furthest), at a fifth of the cost.
const POINTS_PER_RAMP: usize = 16;

/// A shallow ramp needs fewer: points scale with depth of discharge, down to this.
const MIN_POINTS_PER_RAMP: usize = 8;

/// `battery` aged under `duty` for `years`; None when it has no ageing model.
pub(crate) fn age(
    battery: &Battery,
    duty: Duty,
    years: f64,
    eol: f64,
    cycles_per_year: f64,
) -> Result<Option<Aged>, MissionError> {
    let Some(which) = battery.life else {
        return Ok(None);
    };
    let profile = duty.profile()?;
    let mut life = Life::of(which, &profile)?;
    let r = life.run(&Stop {
        years: Some(years),
        ..Default::default()
    })?;
    let mut capacity_by_year = vec![1.0];
    capacity_by_year.extend(r.yearly.iter().map(|y| y.relative_capacity));
    if (capacity_by_year.len() as f64) < years + 1.0 {
        capacity_by_year.push(r.summary.final_relative_capacity);
    }
    let years_to_eol = crossing(&capacity_by_year, eol, years);
    let mut warnings: Vec<String> = r.model_warning.iter().cloned().collect();
    if let Some(e) = &r.summary.end_reason {
        // Past this the model says nothing: the years after hold its last state.
        warnings.push(format!("ageing ended early: {e}"));
    }
    warnings.extend(r.summary.warnings.iter().map(|w| {
        format!(
            "{} outside the model's tested range ({}..{}) by up to {:.3}, {:.0}% of the time",
            w.stressor,
            w.tested.0,
            w.tested.1,
            w.furthest_outside,
            100.0 * w.share_of_time
        )
    }));
    Ok(Some(Aged {
        outcome: LifeOutcome {
            model: r.model,
            model_kind: r.model_kind,
            model_choice: r.model_choice,
            end_of_life_capacity_fraction: eol,
            years_to_end_of_life: years_to_eol,
            cycles_to_end_of_life: years_to_eol.map(|y| y * cycles_per_year),
            end_of_life_reason: years_to_eol.is_none().then(|| {
                format!(
                    "capacity stays above {eol} over the {:.1} years simulated (final {:.3})",
                    r.summary.years, r.summary.final_relative_capacity
                )
            }),
            years_simulated: r.summary.years,
            capacity_at_end: r.summary.final_relative_capacity,
            cycles_per_year,
            depth_of_discharge: duty.dod,
            replacements: 0,
            warnings,
            capacity_band_at_end: r.summary.final_relative_capacity_band,
            within_tested_range: r.summary.within_tested_range.clone(),
        },
        capacity_by_year,
    }))
}

/// The first time capacity reaches `q`, linear between year ends (the last point may end a
/// part year at `years`).
fn crossing(capacity: &[f64], q: f64, years: f64) -> Option<f64> {
    let i = capacity.iter().position(|c| *c <= q)?;
    if i == 0 {
        return Some(0.0);
    }
    let t1 = (i as f64).min(years);
    let t0 = (i - 1) as f64;
    let (c0, c1) = (capacity[i - 1], capacity[i]);
    let f = if c0 > c1 { (c0 - q) / (c0 - c1) } else { 1.0 };
    Some(t0 + f * (t1 - t0))
}

/// A repeating duty: cycles of `dod` below `soc_max` at these C-rates, `per_day` on
/// average, each day's cycles back to back from midnight and the rest of the day at rest.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Duty {
    /// Depth of the deepest cycle.
    pub dod: f64,
    pub soc_max: f64,
    pub charge_c: f64,
    pub discharge_c: f64,
    pub per_day: f64,
    pub temperature_c: f64,
    /// Cycles in two seasons centred on the equinoxes, one a day, each as deep as its
    /// eclipse is long (a geostationary orbit), instead of spread evenly.
    pub eclipse_seasons: bool,
}

/// Days of the year of the March and September equinoxes (20 March, 22 September).
const EQUINOX_DAYS: [f64; 2] = [79.0, 265.0];

const DAY_S: f64 = 86_400.0;

pub(crate) fn cycle(
    dod: f64,
    charge_c: f64,
    discharge_c: f64,
    per_day: f64,
    temperature_c: f64,
    soc_max: f64,
) -> Duty {
    Duty {
        dod,
        soc_max,
        charge_c,
        discharge_c,
        per_day,
        temperature_c,
        eclipse_seasons: false,
    }
}

impl Duty {
    fn cycle_s(&self) -> f64 {
        3600.0 * (self.dod / self.discharge_c + self.dod / self.charge_c)
    }

    /// Cycles on day `d`: a whole number a day that averages `per_day` (a fractional rate,
    /// such as a GEO satellite's 90 eclipses a year, is spread evenly over a year).
    fn cycles_on(&self, d: usize) -> usize {
        if self.eclipse_seasons {
            return usize::from(self.season_depth(d) > 0.0);
        }
        ((d + 1) as f64 * self.per_day + 1e-9).floor() as usize
            - (d as f64 * self.per_day + 1e-9).floor() as usize
    }

    /// The share of the deepest eclipse's depth on day `d` of an eclipse season: the Earth's
    /// shadow is a cylinder the orbit crosses at an offset that grows linearly with the days
    /// from the equinox, so the eclipse lasts in proportion to √(1 − (Δ/half)²); 0 outside
    /// the seasons. Each season holds half the year's eclipses.
    fn season_depth(&self, d: usize) -> f64 {
        let half = self.per_day * 365.0 / 4.0;
        EQUINOX_DAYS
            .iter()
            .map(|c| {
                let x = (d as f64 + 0.5 - c) / half;
                if x.abs() < 1.0 {
                    (1.0 - x * x).sqrt()
                } else {
                    0.0
                }
            })
            .fold(0.0, f64::max)
    }

    /// Depth of discharge of the cycles on day `d`.
    fn depth_on(&self, d: usize) -> f64 {
        if self.eclipse_seasons {
            self.dod * self.season_depth(d)
        } else {
            self.dod
        }
    }

    fn days(&self) -> usize {
        if (self.per_day - self.per_day.round()).abs() < 1e-9 {
            1
        } else {
            365
        }
    }

    /// The duty's profile over one period (a day, or a year for fractional rates).
    pub fn profile(&self) -> Result<Profile, MissionError> {
        if !(self.cycle_s().is_finite() && self.cycle_s() > 0.0) {
            return Err(MissionError::Input {
                mission: String::new(),
                message: format!(
                    "the duty's cycle has no finite length ({:.3} deep at {:.3}C and {:.3}C)",
                    self.dod, self.discharge_c, self.charge_c
                ),
            });
        }
        if self.cycle_s() > DAY_S * (1.0 + 1e-6) {
            return self.multi_day_profile();
        }
        let most = (0..self.days())
            .map(|d| self.cycles_on(d))
            .max()
            .unwrap_or(0);
        // An exactly full day (an orbit) may overrun by rounding; a real overrun is refused.
        if most as f64 * self.cycle_s() > DAY_S * (1.0 + 1e-6) {
            return Err(MissionError::Input {
                mission: String::new(),
                message: format!(
                    "{most} cycles of {:.2} h do not fit in a day",
                    self.cycle_s() / 3600.0
                ),
            });
        }
        let mut p = self.at_rest_full();
        let squeeze = (DAY_S / (most as f64 * self.cycle_s()).max(1.0)).min(1.0);
        for d in 0..self.days() {
            let mut t = d as f64 * DAY_S;
            let depth = self.depth_on(d);
            for _ in 0..self.cycles_on(d) {
                t = self.ramp(&mut p, t, -1.0, squeeze, depth);
                t = self.ramp(&mut p, t, 1.0, squeeze, depth);
            }
            let day_end = (d + 1) as f64 * DAY_S;
            if day_end > t + 1e-6 {
                self.push(&mut p, day_end, self.soc_max);
            }
        }
        Ok(p)
    }

    /// A duty whose cycle outlasts a day (multi-day storage): the year's cycles spaced evenly
    /// over it, each at rest between.
    fn multi_day_profile(&self) -> Result<Profile, MissionError> {
        let year_s = 365.0 * DAY_S;
        let n = (self.per_day * 365.0).round().max(1.0);
        let spacing = year_s / n;
        if self.cycle_s() > spacing * (1.0 + 1e-6) {
            return Err(MissionError::Input {
                mission: String::new(),
                message: format!(
                    "{n} cycles of {:.1} h do not fit in a year",
                    self.cycle_s() / 3600.0
                ),
            });
        }
        let mut p = self.at_rest_full();
        for k in 0..n as usize {
            let mut t = k as f64 * spacing;
            t = self.ramp(&mut p, t, -1.0, 1.0, self.dod);
            t = self.ramp(&mut p, t, 1.0, 1.0, self.dod);
            let next = (k + 1) as f64 * spacing;
            if next > t + 1e-6 {
                self.push(&mut p, next, self.soc_max);
            }
        }
        Ok(p)
    }

    /// A profile's first point: time 0, at the top of the window.
    fn at_rest_full(&self) -> Profile {
        Profile {
            time_s: vec![0.0],
            soc: vec![self.soc_max],
            temperature_c: vec![self.temperature_c],
        }
    }

    /// A discharge (`sign` −1) or charge (+1) of `depth` from time `t`; returns when it ends.
    fn ramp(&self, p: &mut Profile, t: f64, sign: f64, squeeze: f64, depth: f64) -> f64 {
        let c = if sign < 0.0 {
            self.discharge_c
        } else {
            self.charge_c
        };
        let span = 3600.0 * depth / c * squeeze;
        let from = if sign < 0.0 {
            self.soc_max
        } else {
            self.soc_max - depth
        };
        let points = ((POINTS_PER_RAMP as f64 * depth).ceil() as usize).max(MIN_POINTS_PER_RAMP);
        for k in 1..=points {
            let f = k as f64 / points as f64;
            self.push(p, t + f * span, from + sign * f * depth);
        }
        t + span
    }

    fn push(&self, p: &mut Profile, t: f64, soc: f64) {
        p.time_s.push(t);
        p.soc.push(soc.clamp(0.0, 1.0));
        p.temperature_c.push(self.temperature_c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A GEO year: 90 eclipses in two seasons of about 45 days around the equinoxes, none at
    /// the solstices, the deepest at the equinox and shallower towards each season's edge.
    #[test]
    fn geo_eclipses_fall_in_two_seasons() {
        let mut d = cycle(0.6, 0.1, 1.0, 90.0 / 365.0, 20.0, 1.0);
        d.eclipse_seasons = true;
        let days: Vec<usize> = (0..365).filter(|&k| d.cycles_on(k) > 0).collect();
        assert!((88..=92).contains(&days.len()), "{}", days.len());
        assert!(days.iter().all(|&k| !(130..=220).contains(&k) && k > 50));
        assert!((d.depth_on(79) - 0.6).abs() < 0.01);
        assert!(d.depth_on(60) < d.depth_on(75));
    }

    /// A 100-hour cycle outlasts a day: the year holds its cycles evenly spaced.
    #[test]
    fn a_multi_day_cycle_spreads_over_the_year() {
        let d = cycle(0.9, 0.009, 0.009, 17.5 / 365.0, 25.0, 0.95);
        let p = d.profile().unwrap();
        let end = *p.time_s.last().unwrap();
        assert!((end - 365.0 * DAY_S).abs() < 1.0, "{end}");
        let lows = p.soc.iter().filter(|s| (**s - 0.05).abs() < 1e-9).count();
        assert_eq!(lows, 18);
    }
}
