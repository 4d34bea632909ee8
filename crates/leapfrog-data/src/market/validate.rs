//! Checks for the market records: companies, projects and sets, share tables, price and
//! volume series, learning estimates, sectors and money.

use super::schema::*;
use crate::check::{fmt_num, validate_with, Checker};
use crate::error::IssueKind;
use crate::locate::Step;
use std::collections::HashSet;

/// Chemistry families a project may name (cell-level couples come with the cell model).
pub const CHEMISTRY_FAMILIES: &[&str] = &[
    "LFP",
    "LMFP",
    "NMC",
    "NCA",
    "LMO",
    "Na-ion",
    "LFP+NMC",
    "solid-state",
];

validate_with!(
    Company => company,
    Project => project,
    ProjectSet => project_set,
    ShareTable => share_table,
    PriceSeries => price_series,
    VolumeSeries => volume_series,
    LearningSeries => learning_series,
    LearningRateEstimate => learning_rate,
    Sector => sector,
    FxRate => fx_rate,
    PriceIndex => price_index,
);

impl Checker<'_> {
    fn company(&mut self, c: &Company) {
        let exists = self.data.region(&c.hq_country).is_some();
        self.reference(
            c,
            &[Step::Key("hq_country")],
            &c.hq_country,
            exists,
            "region",
        );
        self.source(c, &[Step::Key("source")], &c.source, c.note.as_ref());
    }

    fn project(&mut self, p: &Project) {
        let company = self.data.company(&p.company).is_some();
        self.reference(p, &[Step::Key("company")], &p.company, company, "company");
        let country = self.data.region(&p.country).is_some();
        self.reference(p, &[Step::Key("country")], &p.country, country, "region");
        self.source(p, &[Step::Key("source")], &p.source, p.note.as_ref());
        if let Some(chem) = &p.chemistry {
            if !CHEMISTRY_FAMILIES.contains(&chem.as_str()) {
                let allowed = format!("one of {}", CHEMISTRY_FAMILIES.join(", "));
                self.push(
                    p,
                    &[Step::Key("chemistry")],
                    IssueKind::OutOfRange,
                    format!("\"{chem}\""),
                    &allowed,
                );
            }
        }
        self.investment(p);
    }

    fn investment(&mut self, p: &Project) {
        let Some(amount) = p.investment_millions else {
            return;
        };
        self.positive(p, &[Step::Key("investment_millions")], amount, 1.0e6);
        let Some(currency) = &p.currency else {
            let allowed = "a currency code (USD, EUR, ...) whenever investment_millions is given";
            self.push(
                p,
                &[Step::Key("investment_millions")],
                IssueKind::MissingField,
                "no currency".into(),
                allowed,
            );
            return;
        };
        let known = currency == "USD" || self.data.fx(currency, p.announced_year).is_some();
        if !known {
            let allowed = format!(
                "USD, or a currency with an fx_rate for {}",
                p.announced_year
            );
            self.push(
                p,
                &[Step::Key("currency")],
                IssueKind::DanglingReference,
                format!("\"{currency}\""),
                &allowed,
            );
        }
    }

    fn project_set(&mut self, s: &ProjectSet) {
        for (i, id) in s.projects.iter().enumerate() {
            let exists = self.data.project(id).is_some();
            self.reference(
                s,
                &[Step::Key("projects"), Step::Item(i)],
                id,
                exists,
                "project",
            );
        }
        self.source(s, &[Step::Key("source")], &s.source, s.note.as_ref());
        let priced = s
            .projects
            .iter()
            .filter_map(|id| self.data.project(id))
            .any(|p| p.investment_millions.is_some());
        if !priced {
            let allowed = "at least one project with investment_millions (capex per GWh needs one)";
            self.push(
                s,
                &[Step::Key("projects")],
                IssueKind::MissingField,
                format!("{:?}", s.projects),
                allowed,
            );
        }
    }

    fn share_table(&mut self, t: &ShareTable) {
        self.source(t, &[Step::Key("source")], &t.source, t.note.as_ref());
        if t.unit != "share" && t.unit != "gwh" {
            let allowed = "\"share\" (values sum to 1) or \"gwh\"";
            self.push(
                t,
                &[Step::Key("unit")],
                IssueKind::OutOfRange,
                format!("\"{}\"", t.unit),
                allowed,
            );
        }
        self.share_entries(t);
    }

    fn share_entries(&mut self, t: &ShareTable) {
        let mut keys = HashSet::new();
        for (i, e) in t.entries.iter().enumerate() {
            let at = [Step::Key("entries"), Step::Item(i)];
            if !keys.insert(e.key.as_str()) {
                let allowed = "each key once per table";
                self.push(
                    t,
                    &at,
                    IssueKind::DuplicateId,
                    format!("\"{}\"", e.key),
                    allowed,
                );
            }
            let exists = e.key == "other"
                || match t.dimension {
                    ShareDimension::Country => self.data.region(&e.key).is_some(),
                    ShareDimension::Company => self.data.company(&e.key).is_some(),
                };
            let what = match t.dimension {
                ShareDimension::Country => "region (or \"other\")",
                ShareDimension::Company => "company (or \"other\")",
            };
            self.reference(t, &at, &e.key, exists, what);
            let hi = if t.unit == "share" { 1.0 } else { 1.0e7 };
            self.range(
                t,
                &at,
                e.value,
                0.0,
                hi,
                &format!("a value from 0 to {}", fmt_num(hi)),
            );
        }
        let sum: f64 = t.entries.iter().map(|e| e.value).sum();
        if t.unit == "share" && (sum - 1.0).abs() > 0.005 {
            let allowed =
                "shares that sum to 1 within 0.005 (add an \"other\" entry for the remainder)";
            self.push(
                t,
                &[Step::Key("entries")],
                IssueKind::OutOfRange,
                format!("sum {}", fmt_num(sum)),
                allowed,
            );
        }
        if t.entries.is_empty() {
            self.push(
                t,
                &[Step::Key("entries")],
                IssueKind::MissingField,
                "[]".into(),
                "at least one entry",
            );
        }
    }

    fn price_series(&mut self, s: &PriceSeries) {
        self.source(s, &[Step::Key("source")], &s.source, s.note.as_ref());
        if s.level != "pack" && s.level != "cell" {
            let allowed = "\"pack\" or \"cell\"";
            self.push(
                s,
                &[Step::Key("level")],
                IssueKind::OutOfRange,
                format!("\"{}\"", s.level),
                allowed,
            );
        }
        for (i, p) in s.points.iter().enumerate() {
            let at = [Step::Key("points"), Step::Item(i)];
            self.positive(s, &at, p.usd_per_kwh, 1.0e5);
            self.year(s, &at, p.year);
            if let Some(y) = p.dollar_year {
                self.year(s, &at, y);
            }
            if let Some(src) = &p.source {
                self.source(s, &at, src, s.note.as_ref());
            }
        }
    }

    fn volume_series(&mut self, v: &VolumeSeries) {
        self.source(v, &[Step::Key("source")], &v.source, v.note.as_ref());
        let at = [Step::Key("cumulative_before_source")];
        self.source(
            v,
            &at,
            &v.cumulative_before_source,
            v.cumulative_before_note.as_ref(),
        );
        let at = [Step::Key("cumulative_before_gwh")];
        self.range(
            v,
            &at,
            v.cumulative_before_gwh,
            0.0,
            1.0e7,
            "a number from 0 to 1e7",
        );
        for (i, p) in v.points.iter().enumerate() {
            let at = [Step::Key("points"), Step::Item(i)];
            self.positive(v, &at, p.gwh, 1.0e6);
            if let Some(src) = &p.source {
                self.source(v, &at, src, p.note.as_ref());
            }
            if i > 0 && p.year != v.points[i - 1].year + 1 {
                let allowed = format!("consecutive years (after {})", v.points[i - 1].year);
                self.push(v, &at, IssueKind::OutOfRange, p.year.to_string(), &allowed);
            }
        }
    }

    fn learning_series(&mut self, l: &LearningSeries) {
        self.source(l, &[Step::Key("source")], &l.source, l.note.as_ref());
        let price = self.data.price_series(&l.price_series);
        self.reference(
            l,
            &[Step::Key("price_series")],
            &l.price_series,
            price.is_some(),
            "price_series",
        );
        let volume = self.data.volume_series(&l.volume_series);
        self.reference(
            l,
            &[Step::Key("volume_series")],
            &l.volume_series,
            volume.is_some(),
            "volume_series",
        );
        let headline = self.data.learning_rate(&l.headline_rate).is_some();
        self.reference(
            l,
            &[Step::Key("headline_rate")],
            &l.headline_rate,
            headline,
            "learning_rate",
        );
        let mut years: Vec<i32> = vec![l.dollar_year];
        if let (Some(p), Some(v)) = (price, volume) {
            let fitted = |y: i32| v.points.iter().any(|vp| vp.year == y);
            let used = p.points.iter().filter(|pt| fitted(pt.year));
            years.extend(used.map(|pt| pt.dollar_year.unwrap_or(pt.year)));
        }
        for y in years {
            if self.data.cpi(y).is_none() {
                let allowed =
                    format!("a year with a price_index entry (needed to restate {y} dollars)");
                self.push(
                    l,
                    &[Step::Key("dollar_year")],
                    IssueKind::DanglingReference,
                    y.to_string(),
                    &allowed,
                );
            }
        }
    }

    fn learning_rate(&mut self, r: &LearningRateEstimate) {
        self.source(r, &[Step::Key("source")], &r.source, r.note.as_ref());
    }

    fn sector(&mut self, s: &Sector) {
        self.source(s, &[Step::Key("source")], &s.source, s.note.as_ref());
        let weighted = s.weights.is_some() || s.alternative_weights.is_some();
        match &s.weights_source {
            Some(src) => self.source(s, &[Step::Key("weights_source")], src, s.weights_note.as_ref()),
            None if weighted => self.push(
                s,
                &[Step::Key("weights")],
                IssueKind::MissingSource,
                "no weights_source".into(),
                "weights need `weights_source` (an id, or \"assumption\" with a note: a stated preference and its reason)",
            ),
            None => {}
        }
        for (key, w) in [
            ("weights", &s.weights),
            ("alternative_weights", &s.alternative_weights),
        ] {
            let Some(w) = w else { continue };
            let ok = w.len() == s.drivers.len()
                && w.iter().all(|x| x.is_finite() && *x >= 0.0)
                && w.iter().sum::<f64>() > 0.0;
            if !ok {
                self.push(
                    s,
                    &[Step::Key(key)],
                    IssueKind::OutOfRange,
                    format!("{w:?}"),
                    &format!(
                        "{} non-negative numbers, one per driver, not all zero",
                        s.drivers.len()
                    ),
                );
            }
        }
    }

    fn fx_rate(&mut self, f: &FxRate) {
        self.source(f, &[Step::Key("source")], &f.source, None);
        if f.currency.len() != 3 || !f.currency.chars().all(|c| c.is_ascii_uppercase()) {
            let allowed = "an ISO 4217 code of three capital letters";
            self.push(
                f,
                &[Step::Key("currency")],
                IssueKind::OutOfRange,
                format!("\"{}\"", f.currency),
                allowed,
            );
        }
    }

    fn price_index(&mut self, p: &PriceIndex) {
        self.source(p, &[Step::Key("source")], &p.source, None);
    }
}
