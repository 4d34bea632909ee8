//! Drive profiles for "Run FILE.csv (A)" and "Run FILE.csv (W)" steps: a current or a power
//! against time, read from a CSV with a `time_s` column and a `current_a` or `power_w` column
//! (other columns are ignored, so a `leapfrog simulate` CSV can drive another run). Between
//! two points the profile is linear, as PyBaMM interpolates drive cycles; each interval is
//! run at its mean, which carries the same charge.

use crate::SimError;
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

    /// Each interval as (duration s, mean value).
    pub fn intervals(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.times_s
            .windows(2)
            .zip(self.values.windows(2))
            .map(|(t, v)| (t[1] - t[0], 0.5 * (v[0] + v[1])))
    }
}
