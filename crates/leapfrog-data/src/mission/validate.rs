//! Checks for missions: every key belongs to the mission's kind, every required key is there,
//! every value is in range; a robot names the keys of its own form; defaults name a key their
//! kind falls back on.

use super::schema::*;
use crate::check::{fmt_num, validate_with, Checker};
use crate::error::IssueKind;
use crate::locate::Step;

validate_with!(Mission => mission, MissionDefault => mission_default);

impl Checker<'_> {
    fn mission(&mut self, m: &Mission) {
        match &m.source {
            Some(s) => self.source(m, &[Step::Key("source")], s, m.note.as_ref()),
            None if !self.is_spec(m) => self.push(
                m,
                &[],
                IssueKind::MissingSource,
                "none".into(),
                "every preset needs `source = \"<id in sources.toml>\"` (or \"assumption\" with a note)",
            ),
            None => {}
        }
        if let Some(s) = &m.sector {
            let exists = self.data.sector(s).is_some();
            self.reference(m, &[Step::Key("sector")], s, exists, "sector");
        }
        for (key, value) in &m.values {
            self.mission_value(m, key, value);
        }
        for k in keys_of(m.kind).filter(|k| k.need == Need::Required) {
            if !m.values.contains_key(k.name) {
                self.missing_key(m, k.name, "required for this kind of mission");
            }
        }
        self.mission_grid_duty(m);
        self.mission_robot_form(m);
        self.mission_strings(m);
        if let (Some(eclipse), Some(period)) =
            (m.number("eclipse_min"), m.number("orbit_period_min"))
        {
            if eclipse >= period {
                self.push(
                    m,
                    &[Step::Key("eclipse_min")],
                    IssueKind::OutOfRange,
                    fmt_num(eclipse),
                    &format!("less than the orbit period ({} min)", fmt_num(period)),
                );
            }
        }
        if let (Some(windows), Some(minutes), Some(shift)) = (
            m.number("charge_windows_per_shift"),
            m.number("charge_window_min"),
            m.number("shift_h"),
        ) {
            if windows * minutes / 60.0 >= shift {
                self.push(
                    m,
                    &[Step::Key("charge_window_min")],
                    IssueKind::OutOfRange,
                    fmt_num(minutes),
                    "charge windows that leave working time in the shift",
                );
            }
        }
    }

    fn mission_value(&mut self, m: &Mission, key: &str, value: &toml::Value) {
        let Some(k) = key_of(m.kind, key) else {
            let allowed: Vec<&str> = keys_of(m.kind).map(|k| k.name).collect();
            self.push(
                m,
                &[Step::Key(key)],
                IssueKind::UnknownKey,
                format!("`{key}`"),
                &format!(
                    "a key of a {} mission: {}, or id, name, kind, sector, source, note",
                    m.kind,
                    allowed.join(", ")
                ),
            );
            return;
        };
        let ok = match (k.admits, value) {
            (Admits::Word(words), toml::Value::String(s)) => words.contains(&s.as_str()),
            (
                Admits::Number { lo, hi, open_lo },
                toml::Value::Float(_) | toml::Value::Integer(_),
            ) => {
                let x = m.number(key).unwrap_or(f64::NAN);
                x.is_finite() && x <= hi && if open_lo { x > lo } else { x >= lo }
            }
            _ => false,
        };
        if !ok {
            let shown = match value {
                toml::Value::Float(v) => fmt_num(*v),
                toml::Value::String(s) => format!("\"{s}\""),
                other => other.to_string(),
            };
            self.push(
                m,
                &[Step::Key(key)],
                IssueKind::OutOfRange,
                shown,
                &k.admits.allowed(),
            );
        }
    }

    /// A grid mission states its duty once: cycles a day, or cycles a year.
    fn mission_grid_duty(&mut self, m: &Mission) {
        if m.kind != MissionKind::Grid {
            return;
        }
        let given = ["cycles_per_day", "cycles_per_year"].map(|k| m.values.contains_key(k));
        match given {
            [false, false] => self.missing_key(
                m,
                "cycles_per_day",
                "required for a grid mission, or `cycles_per_year` for a multi-day duty",
            ),
            [true, true] => self.push(
                m,
                &[Step::Key("cycles_per_year")],
                IssueKind::OutOfRange,
                "given with cycles_per_day".into(),
                "one duty: `cycles_per_day` or `cycles_per_year`, not both",
            ),
            _ => {}
        }
    }

    fn missing_key(&mut self, m: &Mission, key: &str, why: &str) {
        self.push(
            m,
            &[Step::Key(key)],
            IssueKind::MissingField,
            "absent".into(),
            &format!("`{key}` is {why}"),
        );
    }

    fn mission_robot_form(&mut self, m: &Mission) {
        let needs = match m.word("robot") {
            Some("legged") => LEGGED_KEYS,
            Some("amr") => AMR_KEYS,
            _ => return,
        };
        for key in needs {
            if !m.values.contains_key(*key) {
                let why = format!(
                    "required for a robot = \"{}\"",
                    m.word("robot").unwrap_or("")
                );
                self.missing_key(m, key, &why);
            }
        }
    }

    fn mission_strings(&mut self, m: &Mission) {
        let (Some(failed), strings) = (m.number("failed_strings"), m.number("strings")) else {
            return;
        };
        let Some(strings) = strings else {
            self.missing_key(m, "strings", "required when failed_strings is given");
            return;
        };
        if failed >= strings || failed.fract() != 0.0 || strings.fract() != 0.0 {
            self.push(
                m,
                &[Step::Key("failed_strings")],
                IssueKind::OutOfRange,
                fmt_num(failed),
                &format!("a whole number below strings ({})", fmt_num(strings)),
            );
        }
    }

    fn mission_default(&mut self, d: &MissionDefault) {
        self.source(d, &[Step::Key("source")], &d.source, d.note.as_ref());
        match key_of(d.kind, &d.key) {
            Some(k) if k.need == Need::Default => {
                if let Admits::Number { lo, hi, open_lo } = k.admits {
                    let ok = d.value <= hi && if open_lo { d.value > lo } else { d.value >= lo };
                    if !ok || !d.value.is_finite() {
                        self.push(
                            d,
                            &[Step::Key("value")],
                            IssueKind::OutOfRange,
                            fmt_num(d.value),
                            &k.admits.allowed(),
                        );
                    }
                }
            }
            _ => {
                let allowed: Vec<&str> = keys_of(d.kind)
                    .filter(|k| k.need == Need::Default)
                    .map(|k| k.name)
                    .collect();
                self.push(
                    d,
                    &[Step::Key("key")],
                    IssueKind::OutOfRange,
                    format!("\"{}\"", d.key),
                    &format!(
                        "a key a {} mission takes a default for: {}",
                        d.kind,
                        allowed.join(", ")
                    ),
                );
            }
        }
    }
}
