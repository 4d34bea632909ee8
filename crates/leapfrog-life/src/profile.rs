//! Duty profiles: time, SOC and temperature series, read from CSV (`time_s,soc,temperature_c`,
//! extra columns ignored, so a simulation's output is a profile) or generated from a cycle spec.

use crate::LifeError;

/// A duty profile, sampled at increasing times from zero.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub time_s: Vec<f64>,
    pub soc: Vec<f64>,
    pub temperature_c: Vec<f64>,
}

impl Profile {
    /// Checks the profile can be simulated: at least two points, times strictly increasing,
    /// SOC within [0, 1], temperatures from -60 to 100 °C, everything finite.
    pub fn validate(&self) -> Result<(), LifeError> {
        self.check()
            .map_err(|(i, why)| LifeError::Profile(format!("point {}: {why}", i + 1)))
    }

    /// The first problem, with the index of the point it is at (`usize::MAX` for the whole).
    fn check(&self) -> Result<(), (usize, String)> {
        let n = self.time_s.len();
        if n < 2 || self.soc.len() != n || self.temperature_c.len() != n {
            return Err((usize::MAX, format!(
                "needs at least two points with time, SOC and temperature each ({n} times, {} SOC values, {} temperatures)",
                self.soc.len(),
                self.temperature_c.len()
            )));
        }
        for i in 0..n {
            let (t, s, c) = (self.time_s[i], self.soc[i], self.temperature_c[i]);
            let bad = |what: &str, v: f64, allowed: &str| {
                (i, format!("{what} = {v}; allowed: {allowed}"))
            };
            if !t.is_finite() || (i > 0 && t <= self.time_s[i - 1]) {
                return Err(bad("time_s", t, "finite times, strictly increasing"));
            }
            if !(0.0..=1.0).contains(&s) {
                return Err(bad("soc", s, "a state of charge from 0 to 1"));
            }
            if !(-60.0..=100.0).contains(&c) {
                return Err(bad("temperature_c", c, "a temperature from -60 to 100 °C"));
            }
        }
        Ok(())
    }

    /// Reads `time_s,soc,temperature_c` columns (in any order, found by header; other columns
    /// ignored). `name` locates errors.
    pub fn from_csv(name: &str, text: &str) -> Result<Profile, LifeError> {
        // A byte-order mark is accepted, as the TOML files accept one.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty());
        let (_, header) = lines
            .next()
            .ok_or_else(|| LifeError::Profile(format!("{name}: empty file")))?;
        let columns: Vec<&str> = header.split(',').map(str::trim).collect();
        let find = |col: &str| {
            columns.iter().position(|c| *c == col).ok_or_else(|| {
                LifeError::Profile(format!(
                    "{name}:1: no `{col}` column; the header needs time_s, soc and temperature_c (got {header})"
                ))
            })
        };
        let (it, is, ic) = (find("time_s")?, find("soc")?, find("temperature_c")?);
        let mut p = Profile {
            time_s: Vec::new(),
            soc: Vec::new(),
            temperature_c: Vec::new(),
        };
        let mut line_of = Vec::new();
        for (i, line) in lines {
            line_of.push(i + 1);
            let cells: Vec<&str> = line.split(',').map(str::trim).collect();
            let cell = |k: usize, col: &str| -> Result<f64, LifeError> {
                let text = cells.get(k).copied().unwrap_or("");
                text.parse::<f64>().map_err(|_| {
                    LifeError::Profile(format!(
                        "{name}:{}: {col} = `{text}` is not a number",
                        i + 1
                    ))
                })
            };
            p.time_s.push(cell(it, "time_s")?);
            p.soc.push(cell(is, "soc")?);
            p.temperature_c.push(cell(ic, "temperature_c")?);
        }
        p.check().map_err(|(i, why)| match line_of.get(i) {
            Some(line) => LifeError::Profile(format!("{name}:{line}: {why}")),
            None => LifeError::Profile(format!("{name}: {why}")),
        })?;
        Ok(p)
    }
}

/// A repeating daily cycle: discharge by `dod` from `soc_max` at `discharge_c`, rest `rest_h`,
/// charge back at `charge_c`, rest `rest_h`; `per_day` such cycles a day, the rest of the day
/// resting at `soc_max`; constant `temperature_c`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CycleSpec {
    pub dod: f64,
    pub soc_max: f64,
    pub charge_c: f64,
    pub discharge_c: f64,
    pub per_day: f64,
    pub rest_h: f64,
    pub temperature_c: f64,
}

/// The keys a cycle spec takes, with their default and range.
const CYCLE_KEYS: &[(&str, f64, f64, f64)] = &[
    ("dod", 0.8, 0.01, 1.0),
    ("soc_max", 1.0, 0.01, 1.0),
    ("charge_c", 0.5, 0.01, 20.0),
    ("discharge_c", 1.0, 0.01, 20.0),
    ("per_day", 1.0, 0.0, 100.0),
    ("rest_h", 0.0, 0.0, 24.0),
    ("temperature_c", 25.0, -60.0, 100.0),
];

/// Time step of a generated profile, seconds.
const STEP_S: f64 = 60.0;

impl CycleSpec {
    /// Parses `key=value,…` (keys as in `CYCLE_KEYS`; an omitted key takes its default).
    pub fn parse(spec: &str) -> Result<CycleSpec, LifeError> {
        let mut values: Vec<f64> = CYCLE_KEYS.iter().map(|k| k.1).collect();
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| LifeError::Profile(format!("--cycle: `{part}` is not key=value")))?;
            let i = CYCLE_KEYS
                .iter()
                .position(|k| k.0 == key.trim())
                .ok_or_else(|| {
                    let keys: Vec<&str> = CYCLE_KEYS.iter().map(|k| k.0).collect();
                    LifeError::Profile(format!(
                        "--cycle: unknown key `{}`; allowed: {}",
                        key.trim(),
                        keys.join(", ")
                    ))
                })?;
            let (_, _, lo, hi) = CYCLE_KEYS[i];
            let v: f64 = value.trim().parse().map_err(|_| {
                LifeError::Profile(format!("--cycle: {key} = `{value}` is not a number"))
            })?;
            if !(v.is_finite() && lo <= v && v <= hi) {
                return Err(LifeError::Profile(format!(
                    "--cycle: {key} = {v}; allowed: {lo} to {hi}"
                )));
            }
            values[i] = v;
        }
        let spec = CycleSpec {
            dod: values[0],
            soc_max: values[1],
            charge_c: values[2],
            discharge_c: values[3],
            per_day: values[4],
            rest_h: values[5],
            temperature_c: values[6],
        };
        spec.check()?;
        Ok(spec)
    }

    fn cycle_h(&self) -> f64 {
        self.dod / self.discharge_c + self.dod / self.charge_c + 2.0 * self.rest_h
    }

    fn check(&self) -> Result<(), LifeError> {
        if self.dod > self.soc_max {
            return Err(LifeError::Profile(format!(
                "--cycle: dod = {} is more than soc_max = {}; the cycle would go below 0% SOC",
                self.dod, self.soc_max
            )));
        }
        // The generated day holds whole cycles; a fraction would silently drop the last one.
        if self.per_day.fract() != 0.0 {
            return Err(LifeError::Profile(format!(
                "--cycle: per_day = {} is not a whole number of cycles a day; for fewer than one a day give a --profile",
                self.per_day
            )));
        }
        if self.per_day * self.cycle_h() > 24.0 + 1e-9 {
            return Err(LifeError::Profile(format!(
                "--cycle: {} cycles of {:.2} h do not fit in a day; lower per_day, rest_h or raise the C-rates",
                self.per_day,
                self.cycle_h()
            )));
        }
        Ok(())
    }

    /// One day of the cycle, sampled every minute (the profile repeats daily).
    pub fn day(&self) -> Profile {
        self.day_every(STEP_S)
    }

    /// One day of the cycle, sampled every `step_s` seconds (a divisor of a day).
    pub fn day_every(&self, step_s: f64) -> Profile {
        let steps = (86_400.0 / step_s).round() as usize;
        let step_s = 86_400.0 / steps as f64;
        let mut soc = Vec::with_capacity(steps + 1);
        let cycle_s = self.cycle_h() * 3600.0;
        let whole = self.per_day.floor() as usize;
        for k in 0..=steps {
            let t = k as f64 * step_s;
            let n = if cycle_s > 0.0 {
                (t / cycle_s).floor() as usize
            } else {
                usize::MAX
            };
            let s = if n < whole {
                self.soc_at(t - n as f64 * cycle_s)
            } else {
                self.soc_max
            };
            soc.push(s);
        }
        Profile {
            time_s: (0..=steps).map(|k| k as f64 * step_s).collect(),
            temperature_c: vec![self.temperature_c; steps + 1],
            soc,
        }
    }

    /// SOC `t` seconds into one cycle.
    fn soc_at(&self, t: f64) -> f64 {
        let dis = self.dod / self.discharge_c * 3600.0;
        let rest = self.rest_h * 3600.0;
        let chg = self.dod / self.charge_c * 3600.0;
        let low = self.soc_max - self.dod;
        if t < dis {
            self.soc_max - self.dod * t / dis
        } else if t < dis + rest {
            low
        } else if t < dis + rest + chg {
            low + self.dod * (t - dis - rest) / chg
        } else {
            self.soc_max
        }
    }
}
