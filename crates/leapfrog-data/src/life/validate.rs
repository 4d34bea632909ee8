//! Checks for ageing models: a known form with every parameter it needs, finite parameters,
//! ranges in order, an OCV table where the form reads one, and sources.

use super::schema::*;
use crate::check::{fmt_num, validate_with, Checker};
use crate::error::IssueKind;
use crate::locate::Step;

validate_with!(LifeModel => life_model);

impl Checker<'_> {
    fn life_model(&mut self, m: &LifeModel) {
        let note = m.note.as_ref();
        self.source(m, &[Step::Key("source")], &m.source, note);
        self.source(
            m,
            &[Step::Key("parameter_source")],
            &m.parameter_source,
            note,
        );
        let Some((_, needed)) = LIFE_MODEL_FORMS.iter().find(|(f, _)| *f == m.form) else {
            let forms: Vec<&str> = LIFE_MODEL_FORMS.iter().map(|(f, _)| *f).collect();
            let allowed = format!("one of {}", forms.join(", "));
            self.push(
                m,
                &[Step::Key("form")],
                IssueKind::OutOfRange,
                format!("\"{}\"", m.form),
                &allowed,
            );
            return;
        };
        for p in *needed {
            if !m.params.contains_key(*p) {
                let allowed = format!("every parameter of form {}: {}", m.form, needed.join(", "));
                self.push(
                    m,
                    &[Step::Key("params")],
                    IssueKind::MissingField,
                    format!("no {p}"),
                    &allowed,
                );
            }
        }
        for (k, v) in &m.params {
            if !v.is_finite() || v.abs() > 1.0e15 {
                let allowed = "a finite number of magnitude at most 1e15";
                self.push(
                    m,
                    &[Step::Key("params"), Step::Key(k)],
                    IssueKind::OutOfRange,
                    fmt_num(*v),
                    allowed,
                );
            }
        }
        self.life_ranges(m);
        self.life_ocv(m);
        self.life_param_sources(m, needed);
    }

    /// Each parameter's own source, where the form draws on several campaigns; a source for a
    /// parameter the model does not have is a typo.
    fn life_param_sources(&mut self, m: &LifeModel, needed: &[&str]) {
        let note = m.note.as_ref();
        for (k, src) in &m.param_sources {
            if !m.params.contains_key(k) {
                let allowed = format!("a parameter of form {}: {}", m.form, needed.join(", "));
                self.push(
                    m,
                    &[Step::Key("param_sources"), Step::Key(k)],
                    IssueKind::OutOfRange,
                    format!("\"{k}\""),
                    &allowed,
                );
                continue;
            }
            self.source(m, &[Step::Key("param_sources"), Step::Key(k)], src, note);
        }
        if !LIFE_FORMS_SOURCED_PER_PARAMETER.contains(&m.form.as_str()) {
            return;
        }
        for &(name, lo, hi, allowed) in SEMI_EMPIRICAL_PARAMETER_RANGES {
            if let Some(v) = m.params.get(name).filter(|v| !(lo..=hi).contains(*v)) {
                self.push(
                    m,
                    &[Step::Key("params"), Step::Key(name)],
                    IssueKind::OutOfRange,
                    fmt_num(*v),
                    allowed,
                );
            }
        }
        for p in needed {
            if !m.param_sources.contains_key(*p) {
                self.push(
                    m,
                    &[Step::Key("param_sources")],
                    IssueKind::MissingSource,
                    format!("no source for {p}"),
                    "a source for every parameter of this form: an id from sources.toml, or \"assumption\" with a note",
                );
            }
        }
    }

    fn life_ranges(&mut self, m: &LifeModel) {
        for (key, [lo, hi], min, max) in [
            ("range_temperature_c", m.range_temperature_c, -60.0, 100.0),
            ("range_dod", m.range_dod, 0.0, 1.0),
            ("range_soc", m.range_soc, 0.0, 1.0),
        ] {
            if !(lo.is_finite() && hi.is_finite() && min <= lo && lo <= hi && hi <= max) {
                let allowed = format!(
                    "[low, high] with {} <= low <= high <= {}",
                    fmt_num(min),
                    fmt_num(max)
                );
                let value = format!("[{}, {}]", fmt_num(lo), fmt_num(hi));
                self.push(m, &[Step::Key(key)], IssueKind::OutOfRange, value, &allowed);
            }
        }
        for (key, range, min, max) in [
            ("range_years", m.range_years, 0.0, 100.0),
            ("range_efc", m.range_efc, 0.0, 1.0e6),
            ("range_capacity", m.range_capacity, 0.0, 1.2),
        ] {
            let Some([lo, hi]) = range else { continue };
            if !(lo.is_finite() && hi.is_finite() && min <= lo && lo < hi && hi <= max) {
                let allowed = format!(
                    "[low, high] with {} <= low < high <= {}",
                    fmt_num(min),
                    fmt_num(max)
                );
                let value = format!("[{}, {}]", fmt_num(lo), fmt_num(hi));
                self.push(m, &[Step::Key(key)], IssueKind::OutOfRange, value, &allowed);
            }
        }
    }

    fn life_ocv(&mut self, m: &LifeModel) {
        if !LIFE_FORMS_WITH_OCV.contains(&m.form.as_str()) {
            return;
        }
        let n = m.ocv_soc.len();
        let sorted = m.ocv_soc.windows(2).all(|w| w[0] < w[1]);
        let inside = m.ocv_soc.iter().all(|s| (0.0..=1.0).contains(s));
        let volts = m.ocv_v.iter().all(|v| (0.5..=6.0).contains(v));
        if n < 2 || m.ocv_v.len() != n || !sorted || !inside || !volts {
            let allowed = "ocv_soc: at least two increasing SOC points in [0, 1]; ocv_v: one voltage (0.5-6 V) per point";
            let value = format!("{} SOC points, {} voltages", n, m.ocv_v.len());
            self.push(
                m,
                &[Step::Key("ocv_soc")],
                IssueKind::OutOfRange,
                value,
                allowed,
            );
        }
    }
}

validate_with!(CoupleLife => couple_life);

impl Checker<'_> {
    fn couple_life(&mut self, c: &CoupleLife) {
        self.source(c, &[Step::Key("source")], &c.source, c.note.as_ref());
        if let Some(eol) = &c.eol_capacity_source {
            self.source(c, &[Step::Key("eol_capacity_source")], eol, c.note.as_ref());
        }
        match (&c.end_of_life_fraction, &c.end_of_life_source) {
            (Some(_), Some(src)) => {
                self.source(c, &[Step::Key("end_of_life_source")], src, c.note.as_ref())
            }
            (Some(_), None) => self.push(
                c,
                &[Step::Key("end_of_life_source")],
                IssueKind::MissingSource,
                "none".into(),
                "the source of end_of_life_fraction",
            ),
            (None, Some(_)) => self.push(
                c,
                &[Step::Key("end_of_life_fraction")],
                IssueKind::MissingField,
                "none".into(),
                "end_of_life_fraction, which end_of_life_source is the source of",
            ),
            (None, None) => {}
        }
        let d = self.data;
        let known = d.couple(&c.couple).is_some()
            || d.flow_battery(&c.couple).is_some()
            || d.iron_air(&c.couple).is_some()
            || d.nickel_hydrogen(&c.couple).is_some();
        self.reference(
            c,
            &[Step::Key("couple")],
            &c.couple,
            known,
            "couple or storage system",
        );
        if let Some(f) = &c.family {
            let exists = d.life_family(f).is_some();
            self.reference(c, &[Step::Key("family")], f, exists, "life_family");
        }
        let family_model = c
            .family
            .as_ref()
            .and_then(|f| d.life_family(f))
            .is_some_and(|f| f.model.is_some());
        match &c.model {
            Some(m) => {
                let exists = d.life_model(m).is_some();
                self.reference(c, &[Step::Key("model")], m, exists, "life_model");
            }
            // A record may only name the family (which says why it has no model); a rating
            // needs both its figures.
            None if !family_model
                && (c.cycle_life_efc.is_some() || c.family.is_none())
                && (c.cycle_life_efc.is_none() || c.eol_capacity_fraction.is_none()) =>
            {
                let allowed =
                    "a fitted `model`, a `family` with a general model, or a rating: cycle_life_efc and eol_capacity_fraction";
                self.push(
                    c,
                    &[Step::Key("couple")],
                    IssueKind::MissingField,
                    "no model and no rating".into(),
                    allowed,
                );
            }
            None => {}
        }
    }
}

validate_with!(LifeFamily => life_family);

impl Checker<'_> {
    /// A family's model is a general (`semi_empirical`) model; a family without one says why.
    fn life_family(&mut self, f: &LifeFamily) {
        self.source(f, &[Step::Key("source")], &f.source, f.note.as_ref());
        match &f.model {
            Some(id) => match self.data.life_model(id) {
                None => self.reference(f, &[Step::Key("model")], id, false, "life_model"),
                Some(m) if !LIFE_FORMS_SOURCED_PER_PARAMETER.contains(&m.form.as_str()) => self
                    .push(
                        f,
                        &[Step::Key("model")],
                        IssueKind::OutOfRange,
                        format!("\"{id}\" (form {})", m.form),
                        "a life_model of a general form: semi_empirical",
                    ),
                Some(_) => {}
            },
            None if f.note.as_ref().is_none_or(|n| n.trim().is_empty()) => self.push(
                f,
                &[Step::Key("note")],
                IssueKind::MissingField,
                "none".into(),
                "a note saying why the family has no model (which campaigns are missing)",
            ),
            None => {}
        }
    }
}
