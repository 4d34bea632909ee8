//! Experiment steps in PyBaMM's words: "Discharge at 1C until 2.5 V", "Charge at 2 A for
//! 30 minutes", "Discharge at 10 W until 3 V", "Rest for 1 hour", "Hold at 4.2 V until C/50".
//! A step that cannot be read is an error naming it and what is allowed.

use crate::drive::{DriveProfile, ProfileUnit};
use crate::SimError;
use serde::Serialize;

/// What the step holds fixed. Currents and powers are positive on discharge.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Drive {
    /// A multiple of the nominal capacity (1.0 is 1C), signed.
    CRate(f64),
    CurrentA(f64),
    PowerW(f64),
    Rest,
    /// Voltage held; the current follows.
    VoltageV(f64),
    /// A drive profile from the step's file (`Step::file`), loaded into `Step::profile`.
    Run(ProfileUnit),
}

/// When a step ends (besides its duration).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Until {
    VoltageV(f64),
    /// The held voltage's current falls to this magnitude (a C-rate or amperes).
    CRate(f64),
    CurrentA(f64),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub text: String,
    pub drive: Drive,
    /// Absent when the step ends only on its limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_s: Option<f64>,
    /// Absent when the step ends only after its duration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<Until>,
    /// A "Run FILE (A)" step's file, and its profile once loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip)]
    pub profile: Option<std::sync::Arc<DriveProfile>>,
}

/// The forms a step may take, for error messages.
pub const ALLOWED: &str = "\"Discharge|Charge at <n>C|C/<n>|<n> A|<n> W [for <n> seconds|minutes|hours] [(or) until <n> V]\", \"Rest for <duration>\", \"Hold at <n> V until <n>C|C/<n>|<n> A [or for <duration>]\" or \"Run <file>.csv (A)|(W) [until <n> V]\"";

impl Step {
    pub fn parse(text: &str) -> Result<Step, SimError> {
        let bad = |why: &str| SimError::Step {
            step: text.to_string(),
            reason: why.to_string(),
            allowed: ALLOWED.to_string(),
        };
        if let Some(step) = run_step(text).map_err(|why| bad(&why))? {
            return Ok(step);
        }
        let words = tokens(text);
        let w: Vec<&str> = words.iter().map(String::as_str).collect();
        let (drive, rest) = match w.as_slice() {
            ["discharge", "at", rest @ ..] => {
                let (rate, rest) = rate(rest).ok_or_else(|| bad("no rate after `at`"))?;
                (signed(rate, 1.0), rest)
            }
            ["charge", "at", rest @ ..] => {
                let (rate, rest) = rate(rest).ok_or_else(|| bad("no rate after `at`"))?;
                (signed(rate, -1.0), rest)
            }
            ["rest", rest @ ..] => (Drive::Rest, rest),
            ["hold", "at", rest @ ..] => {
                let (v, rest) = voltage(rest).ok_or_else(|| bad("no voltage after `hold at`"))?;
                (Drive::VoltageV(v), rest)
            }
            _ => {
                return Err(bad(
                    "it does not start with Discharge at, Charge at, Rest or Hold at",
                ))
            }
        };
        let (duration_s, until) = limits(rest).map_err(|why| bad(&why))?;
        let step = Step {
            text: text.trim().to_string(),
            drive,
            duration_s,
            until,
            file: None,
            profile: None,
        };
        step.check().map_err(|why| bad(&why))?;
        Ok(step)
    }

    fn check(&self) -> Result<(), String> {
        match (&self.drive, &self.until) {
            (Drive::Rest, _) if self.duration_s.is_none() => {
                Err("a rest needs `for <duration>`".into())
            }
            (Drive::Rest, Some(_)) => Err("a rest ends only after its duration".into()),
            (Drive::VoltageV(_), Some(Until::VoltageV(_))) => {
                Err("a held voltage ends on a current or a duration".into())
            }
            (Drive::VoltageV(_), None) if self.duration_s.is_none() => {
                Err("a hold needs `until <current>` or `for <duration>`".into())
            }
            (
                Drive::CRate(_) | Drive::CurrentA(_) | Drive::PowerW(_),
                Some(Until::CRate(_) | Until::CurrentA(_)),
            ) => Err("a current or power step ends on a voltage or a duration".into()),
            (Drive::CRate(_) | Drive::CurrentA(_) | Drive::PowerW(_), None)
                if self.duration_s.is_none() =>
            {
                Err("a current or power step needs `until <n> V` or `for <duration>`".into())
            }
            _ => Ok(()),
        }
    }

    /// The step written back in the parser's own words.
    pub fn canonical(&self) -> String {
        let mut s = match self.drive {
            Drive::CRate(c) if c >= 0.0 => format!("Discharge at {}C", num(c)),
            Drive::CRate(c) => format!("Charge at {}C", num(-c)),
            Drive::CurrentA(a) if a >= 0.0 => format!("Discharge at {} A", num(a)),
            Drive::CurrentA(a) => format!("Charge at {} A", num(-a)),
            Drive::PowerW(w) if w >= 0.0 => format!("Discharge at {} W", num(w)),
            Drive::PowerW(w) => format!("Charge at {} W", num(-w)),
            Drive::Rest => "Rest".to_string(),
            Drive::VoltageV(v) => format!("Hold at {} V", num(v)),
            Drive::Run(unit) => format!(
                "Run {} ({})",
                self.file.as_deref().unwrap_or(""),
                match unit {
                    ProfileUnit::A => "A",
                    ProfileUnit::W => "W",
                }
            ),
        };
        if let Some(d) = self.duration_s {
            s += &format!(" for {} seconds", num(d));
        }
        if let Some(u) = self.until {
            s += if self.duration_s.is_some() {
                " or until "
            } else {
                " until "
            };
            s += &match u {
                Until::VoltageV(v) => format!("{} V", num(v)),
                Until::CRate(c) => format!("{}C", num(c)),
                Until::CurrentA(a) => format!("{} A", num(a)),
            };
        }
        s
    }
}

/// "Run <file> (A) [until <n> V]": the file name is kept as written (it may hold spaces).
fn run_step(text: &str) -> Result<Option<Step>, String> {
    let trimmed = text.trim();
    let Some(rest) = trimmed
        .strip_prefix("Run ")
        .or_else(|| trimmed.strip_prefix("run "))
    else {
        return Ok(None);
    };
    let (before, after) = match rest.rfind(" (") {
        Some(k) => (&rest[..k], &rest[k + 2..]),
        None => {
            return Err("a drive profile needs its unit: \"Run FILE.csv (A)\" or \"(W)\"".into())
        }
    };
    let (unit, tail) = match after.split_once(')') {
        Some(("A" | "a", tail)) => (ProfileUnit::A, tail),
        Some(("W" | "w", tail)) => (ProfileUnit::W, tail),
        _ => return Err("the profile's unit is (A) or (W)".into()),
    };
    let words = tokens(tail);
    let w: Vec<&str> = words.iter().map(String::as_str).collect();
    let (duration_s, until) = limits(&w)?;
    if duration_s.is_some() || matches!(until, Some(Until::CRate(_) | Until::CurrentA(_))) {
        return Err("a drive profile runs to its end or `until <n> V`".into());
    }
    Ok(Some(Step {
        text: trimmed.to_string(),
        drive: Drive::Run(unit),
        duration_s: None,
        until,
        file: Some(before.trim().to_string()),
        profile: None,
    }))
}

fn num(v: f64) -> String {
    format!("{v}")
}

fn signed(rate: Rate, sign: f64) -> Drive {
    match rate {
        Rate::C(c) => Drive::CRate(sign * c),
        Rate::A(a) => Drive::CurrentA(sign * a),
        Rate::W(w) => Drive::PowerW(sign * w),
    }
}

/// Lower-case words, with a number and its unit split apart ("2.5v" → "2.5", "v") and
/// "c/50" kept whole.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in text.to_lowercase().split_whitespace() {
        let word = word.trim_end_matches([',', '.']);
        let split = word
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+' || c == 'e'));
        match split {
            Some(k) if k > 0 && word[..k].parse::<f64>().is_ok() => {
                out.push(word[..k].to_string());
                out.push(word[k..].to_string());
            }
            _ => out.push(word.to_string()),
        }
    }
    out
}

#[derive(Debug, Clone, Copy)]
enum Rate {
    C(f64),
    A(f64),
    W(f64),
}

fn number(w: &str) -> Option<f64> {
    w.parse::<f64>().ok().filter(|v| v.is_finite() && *v > 0.0)
}

/// "1 c", "c/2", "2 a", "10 w".
fn rate<'a, 'b>(w: &'a [&'b str]) -> Option<(Rate, &'a [&'b str])> {
    if let Some(first) = w.first() {
        if let Some(d) = first.strip_prefix("c/") {
            return number(d).map(|d| (Rate::C(1.0 / d), &w[1..]));
        }
    }
    match w {
        [n, "c", rest @ ..] => number(n).map(|v| (Rate::C(v), rest)),
        [n, "a", rest @ ..] => number(n).map(|v| (Rate::A(v), rest)),
        [n, "w", rest @ ..] => number(n).map(|v| (Rate::W(v), rest)),
        _ => None,
    }
}

fn voltage<'a, 'b>(w: &'a [&'b str]) -> Option<(f64, &'a [&'b str])> {
    match w {
        [n, "v", rest @ ..] => number(n).map(|v| (v, rest)),
        _ => None,
    }
}

/// The shortest and longest step the language takes, seconds.
const MIN_STEP_S: f64 = 1.0e-3;
const MAX_STEP_S: f64 = 5000.0 * 3600.0;

/// A number as an error message shows it: long numbers shortened.
pub(crate) fn short(v: f64) -> String {
    if v != 0.0 && (v.abs() >= 1.0e6 || v.abs() < 1.0e-3) {
        format!("{v:.3e}")
    } else {
        format!("{v}")
    }
}

fn duration<'a, 'b>(w: &'a [&'b str]) -> Option<(f64, &'a [&'b str])> {
    let [n, unit, rest @ ..] = w else { return None };
    let seconds = match *unit {
        "s" | "sec" | "second" | "seconds" => 1.0,
        "min" | "mins" | "minute" | "minutes" => 60.0,
        "h" | "hr" | "hour" | "hours" => 3600.0,
        _ => return None,
    };
    number(n).map(|v| (v * seconds, rest))
}

/// "for <duration>", "until <limit>", "or until <limit>", in any order, each at most once.
fn limits(mut w: &[&str]) -> Result<(Option<f64>, Option<Until>), String> {
    let (mut dur, mut until) = (None, None);
    while !w.is_empty() {
        match w {
            ["for", rest @ ..] | ["or", "for", rest @ ..] if dur.is_none() => {
                let (d, rest) =
                    duration(rest).ok_or("`for` needs a duration such as 30 minutes")?;
                // Work follows the duration asked: a step is held to what a cell test runs
                // (a millisecond to 5,000 hours), so no sub-normal or endless step gets through.
                if !(MIN_STEP_S..=MAX_STEP_S).contains(&d) {
                    let shown = if d.is_finite() {
                        format!("{} seconds", short(d))
                    } else {
                        "more seconds than a number holds".to_string()
                    };
                    return Err(format!(
                        "a duration of {shown}; allowed: 0.001 seconds to 5000 hours"
                    ));
                }
                dur = Some(d);
                w = rest;
            }
            ["until", rest @ ..] | ["or", "until", rest @ ..] if until.is_none() => {
                if let Some((v, rest)) = voltage(rest) {
                    until = Some(Until::VoltageV(v));
                    w = rest;
                } else if let Some((r, rest)) = rate(rest) {
                    until = Some(match r {
                        Rate::C(c) => Until::CRate(c),
                        Rate::A(a) => Until::CurrentA(a),
                        Rate::W(_) => {
                            return Err("`until` takes a voltage or a current, not a power".into())
                        }
                    });
                    w = rest;
                } else {
                    return Err("`until` needs a voltage (2.5 V) or a current (C/50, 0.1 A)".into());
                }
            }
            [word, ..] => return Err(format!("unexpected `{word}`")),
            [] => {}
        }
    }
    Ok((dur, until))
}
