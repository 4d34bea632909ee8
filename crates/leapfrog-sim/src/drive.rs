//! Drive profiles for "Run FILE.csv (A)" and "Run FILE.csv (W)" steps: a current or a power
//! against time, read from a CSV with a `time_s` column and a `current_a` or `power_w` column
//! (other columns are ignored, so a `leapfrog simulate` CSV can drive another run). Between
//! two points the profile is linear, as PyBaMM interpolates drive cycles; a ramp runs as
//! constant pieces at their means, fine enough to follow it (`intervals`).

use crate::SimError;

/// The largest change of a ramp within one constant piece, as a share of the profile's
/// largest magnitude.
const RAMP_STEP: f64 = 0.02;

/// At most this many pieces an interval: a single jump across the whole range takes 50.
const MAX_PIECES: usize = 64;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ProfileUnit {
    /// Amperes, positive on discharge.
    A,
    /// Watts, positive on discharge.
    W,
}

impl ProfileUnit {
    pub fn column(self) -> &'static str {
        match self {
            ProfileUnit::A => "current_a",
            ProfileUnit::W => "power_w",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DriveProfile {
    pub unit: ProfileUnit,
    pub times_s: Vec<f64>,
    pub values: Vec<f64>,
}

impl DriveProfile {
    /// Reads `text` (the file named `name`, for errors).
    pub fn from_csv(name: &str, text: &str, unit: ProfileUnit) -> Result<Self, SimError> {
        let bad = |line: usize, what: String| SimError::Input(format!("{name}:{line}: {what}"));
        let mut lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty());
        let (_, header) = lines.next().ok_or_else(|| {
            bad(
                1,
                "empty file; allowed: a header with time_s and the value column, then rows".into(),
            )
        })?;
        let columns: Vec<&str> = header.split(',').map(str::trim).collect();
        let find = |c: &str| {
            columns.iter().position(|h| *h == c).ok_or_else(|| {
                bad(
                    1,
                    format!("no `{c}` column; the header has {}", columns.join(", ")),
                )
            })
        };
        let (t_col, v_col) = (find("time_s")?, find(unit.column())?);
        let mut profile = DriveProfile {
            unit,
            times_s: Vec::new(),
            values: Vec::new(),
        };
        for (k, line) in lines {
            let cells: Vec<&str> = line.split(',').map(str::trim).collect();
            let number = |col: usize, what: &str| -> Result<f64, SimError> {
                let cell = cells.get(col).copied().unwrap_or("");
                cell.parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| {
                        bad(
                            k + 1,
                            format!("`{what}` = \"{cell}\"; allowed: a finite number"),
                        )
                    })
            };
            let t = number(t_col, "time_s")?;
            let v = number(v_col, unit.column())?;
            if profile.times_s.last().is_some_and(|last| t <= *last) {
                return Err(bad(
                    k + 1,
                    format!("`time_s` = {t}; allowed: times strictly increasing"),
                ));
            }
            profile.times_s.push(t);
            profile.values.push(v);
        }
        if profile.times_s.len() < 2 {
            return Err(bad(
                1,
                "fewer than two rows; allowed: at least two (time, value) points".into(),
            ));
        }
        Ok(profile)
    }

    /// The profile as constant pieces (duration s, value): each interval between two points
    /// is cut where its linear ramp changes by more than `RAMP_STEP` of the profile's
    /// largest magnitude, and each piece runs at its mean, so the pieces carry the linear
    /// profile's charge (or energy) exactly and follow its shape within that step.
    pub fn intervals(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        let scale = self.values.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
        self.times_s
            .windows(2)
            .zip(self.values.windows(2))
            .flat_map(move |(t, v)| {
                let rise = (v[1] - v[0]).abs();
                let n = if scale > 0.0 {
                    ((rise / (RAMP_STEP * scale)).ceil() as usize).clamp(1, MAX_PIECES)
                } else {
                    1
                };
                let dt = (t[1] - t[0]) / n as f64;
                (0..n).map(move |k| {
                    let mid = (k as f64 + 0.5) / n as f64;
                    (dt, v[0] + (v[1] - v[0]) * mid)
                })
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(times_s: Vec<f64>, values: Vec<f64>) -> DriveProfile {
        DriveProfile {
            unit: ProfileUnit::A,
            times_s,
            values,
        }
    }

    /// A ramp runs as pieces that carry its charge exactly and step by at most 2% of the
    /// profile's range; a flat interval stays one piece.
    #[test]
    fn a_ramp_is_followed_and_its_charge_kept() {
        let p = profile(vec![0.0, 100.0, 200.0], vec![0.0, 10.0, 10.0]);
        let pieces: Vec<(f64, f64)> = p.intervals().collect();
        let charge: f64 = pieces.iter().map(|(dt, v)| dt * v).sum();
        assert!((charge - (500.0 + 1000.0)).abs() < 1e-9);
        assert_eq!(pieces.len(), 50 + 1);
        for w in pieces[..50].windows(2) {
            assert!((w[1].1 - w[0].1).abs() <= 0.2 + 1e-12);
        }
    }
}
