//! Checks for rules: kinds, statuses and readings from their lists; dates read and run in
//! order; status spans neither overlap nor run backwards; every status, value and citation
//! resolves to a source (a rule is law: its citation cannot be an assumption); scopes name a
//! known prefix and, for countries, a known region; listed entities name entity-list rules.

use super::plant::*;
use super::schema::*;
use crate::check::{validate_with, Checker};
use crate::error::IssueKind;
use crate::locate::Step;
use crate::policy::day_number;

validate_with!(
    RulesMeta => rules_meta,
    Rule => rule,
    ListedEntity => listed_entity,
    Plant => plant,
    StorageProject => storage_project,
);

/// What a rule is.
pub const RULE_KINDS: &[&str] = &[
    "production-credit",
    "investment-credit",
    "consumer-credit",
    "material-assistance",
    "foreign-entity",
    "entity-list",
    "tariff",
    "trade-remedy",
    "export-control",
    "licence-law",
    "investment-review",
];

/// A rule's status over a span of dates.
pub const RULE_STATUSES: &[&str] = &[
    "in force",
    "suspended",
    "struck down",
    "terminated",
    "expired",
    "proposed",
    "unknown",
];

/// How a rule whose text admits two readings is applied (the effective-control test).
pub const READINGS: &[&str] = &["literal", "conjunctive"];

/// The prefixes of `applies_to` and `exempt` entries.
pub const SCOPE_PREFIXES: &[&str] = &[
    "hts:",
    "origin:",
    "covered-nation:",
    "product:",
    "technology:",
    "activity:",
];

/// The licence terms that give a licensor effective control (items (AA) to (FF)).
pub const EFFECTIVE_CONTROL_TERMS: &[&str] = &[
    "specify-sourcing",
    "direct-operation",
    "limit-ip-use",
    "royalties-beyond-10-years",
    "services-beyond-2-years",
    "withhold-know-how",
];

/// A plant's status.
pub const PLANT_STATUSES: &[&str] = &[
    "operating",
    "construction",
    "announced",
    "paused",
    "cancelled",
    "closed",
];

/// Who buys a plant's output.
pub const BUYER_KINDS: &[&str] = &["captive-jv", "offtake", "own-use"];

/// What a parameter's dates count.
const BASES: &[&str] = &["date", "year-sold", "construction-start", "taxable-year"];

const DATE: &str = "a date YYYY-MM-DD (a day of the calendar)";

/// Whether `value` is YYYY-MM-DD naming a real day (29 February only in leap years).
fn calendar_day(value: &str) -> bool {
    let Some(n) = day_number(value) else {
        return false;
    };
    let (year, rest) = (n / 372 + 1950, n % 372);
    let (month, day) = (rest / 31 + 1, rest % 31 + 1);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 31,
    };
    day <= days
}

impl Checker<'_> {
    fn rules_meta(&mut self, m: &RulesMeta) {
        self.source(m, &[Step::Key("source")], &m.source, m.note.as_ref());
        self.date(m, &[Step::Key("as_of")], &m.as_of);
    }

    fn rule(&mut self, r: &Rule) {
        self.one_of(r, &[Step::Key("kind")], &r.kind, RULE_KINDS);
        let known = self.data.region(&r.jurisdiction).is_some();
        self.reference(
            r,
            &[Step::Key("jurisdiction")],
            &r.jurisdiction,
            known,
            "region",
        );
        self.citation(r);
        self.date(r, &[Step::Key("effective_from")], &r.effective_from);
        if let Some(to) = &r.effective_to {
            self.date(r, &[Step::Key("effective_to")], to);
            self.not_before(r, &[Step::Key("effective_to")], &r.effective_from, to);
        }
        for (key, list) in [("applies_to", &r.applies_to), ("exempt", &r.exempt)] {
            for (k, scope) in list.iter().enumerate() {
                self.scope(r, &[Step::Key(key), Step::Item(k)], scope);
            }
        }
        if let Some(reading) = &r.reading {
            self.one_of(r, &[Step::Key("reading")], reading, READINGS);
        }
        self.status_history(r);
        for (k, p) in r.parameters.iter().enumerate() {
            self.parameter(r, k, p);
        }
    }

    fn citation(&mut self, r: &Rule) {
        if r.citation == "assumption" {
            self.push(
                r,
                &[Step::Key("citation")],
                IssueKind::MissingSource,
                "\"assumption\"".into(),
                "the id of the rule's primary text in sources.toml (a rule cannot be an assumption)",
            );
        } else {
            self.source(r, &[Step::Key("citation")], &r.citation, None);
        }
    }

    fn status_history(&mut self, r: &Rule) {
        if r.status.is_empty() {
            self.push(
                r,
                &[Step::Key("status")],
                IssueKind::MissingField,
                "none".into(),
                "at least one [[rule.status]] span",
            );
        }
        let mut previous_end: Option<(i64, &str)> = None;
        for (k, s) in r.status.iter().enumerate() {
            let at = |key| [Step::Key("status"), Step::Item(k), Step::Key(key)];
            self.one_of(r, &at("status"), &s.status, RULE_STATUSES);
            self.source(r, &at("source"), &s.source, s.reason.as_ref());
            self.date(r, &at("from"), &s.from);
            if let Some(until) = &s.until {
                self.date(r, &at("until"), until);
                self.not_before(r, &at("until"), &s.from, until);
            }
            let from = day_number(&s.from);
            if let (Some((end, shown)), Some(from)) = (previous_end, from) {
                if from < end {
                    self.push(
                        r,
                        &at("from"),
                        IssueKind::OutOfRange,
                        format!("\"{}\"", s.from),
                        &format!("a date on or after the previous span's end ({shown})"),
                    );
                }
            }
            previous_end = match &s.until {
                Some(until) => day_number(until).map(|d| (d, until.as_str())),
                None if k + 1 < r.status.len() => {
                    self.push(
                        r,
                        &at("until"),
                        IssueKind::MissingField,
                        "absent".into(),
                        "an end date on every span but the last",
                    );
                    None
                }
                None => None,
            };
        }
    }

    fn parameter(&mut self, r: &Rule, k: usize, p: &RuleParameter) {
        let at = |key| [Step::Key("parameters"), Step::Item(k), Step::Key(key)];
        self.one_of(r, &at("basis"), &p.basis, BASES);
        if p.values.is_empty() {
            self.push(
                r,
                &at("values"),
                IssueKind::MissingField,
                "[]".into(),
                "at least one dated value",
            );
        }
        let mut last: Option<i64> = None;
        for (j, v) in p.values.iter().enumerate() {
            let steps = |key| {
                [
                    Step::Key("parameters"),
                    Step::Item(k),
                    Step::Key("values"),
                    Step::Item(j),
                    Step::Key(key),
                ]
            };
            self.source(r, &steps("source"), &v.source, p.note.as_ref());
            self.range(
                r,
                &steps("value"),
                v.value,
                -1.0e6,
                1.0e6,
                "a finite value from -1e6 to 1e6",
            );
            self.date(r, &steps("from"), &v.from);
            let day = day_number(&v.from);
            if let (Some(a), Some(b)) = (last, day) {
                if b <= a {
                    self.push(
                        r,
                        &steps("from"),
                        IssueKind::OutOfRange,
                        format!("\"{}\"", v.from),
                        "dates rising from one value to the next",
                    );
                }
            }
            last = day.or(last);
        }
    }

    fn scope(&mut self, r: &Rule, steps: &[Step], scope: &str) {
        let Some(prefix) = SCOPE_PREFIXES.iter().find(|p| scope.starts_with(**p)) else {
            self.push(
                r,
                steps,
                IssueKind::OutOfRange,
                format!("\"{scope}\""),
                &format!(
                    "prefix:value with a prefix among {}",
                    SCOPE_PREFIXES.join(" ")
                ),
            );
            return;
        };
        let value = &scope[prefix.len()..];
        match *prefix {
            "origin:" | "covered-nation:" => {
                let known = self.data.region(value).is_some();
                self.reference(r, steps, value, known, "region");
            }
            "hts:"
                if value != "all"
                    && (value.is_empty()
                        || !value.chars().all(|c| c.is_ascii_digit() || c == '.')) =>
            {
                self.push(
                    r,
                    steps,
                    IssueKind::OutOfRange,
                    format!("\"{scope}\""),
                    "hts: followed by a tariff number's digits and dots (e.g. hts:8507.60.0010), or hts:all",
                );
            }
            _ if value.is_empty() => self.push(
                r,
                steps,
                IssueKind::OutOfRange,
                format!("\"{scope}\""),
                "a value after the prefix",
            ),
            _ => {}
        }
    }

    fn listed_entity(&mut self, e: &ListedEntity) {
        self.source(e, &[Step::Key("source")], &e.source, e.note.as_ref());
        let known = self.data.region(&e.country).is_some();
        self.reference(e, &[Step::Key("country")], &e.country, known, "region");
        self.date(e, &[Step::Key("since")], &e.since);
        for (k, list) in e.lists.iter().enumerate() {
            let is_list = self
                .data
                .rule(list)
                .is_some_and(|r| r.kind == "entity-list");
            self.reference(
                e,
                &[Step::Key("lists"), Step::Item(k)],
                list,
                is_list,
                "rule of kind entity-list",
            );
        }
        if e.lists.is_empty() {
            self.push(
                e,
                &[Step::Key("lists")],
                IssueKind::MissingField,
                "[]".into(),
                "the id of at least one entity-list rule",
            );
        }
    }

    fn one_of<T: crate::keyed::Keyed>(
        &mut self,
        r: &T,
        steps: &[Step],
        value: &str,
        allowed: &[&str],
    ) {
        if !allowed.contains(&value) {
            self.push(
                r,
                steps,
                IssueKind::OutOfRange,
                format!("\"{value}\""),
                &format!("one of: {}", allowed.join(", ")),
            );
        }
    }

    fn date<T: crate::keyed::Keyed>(&mut self, r: &T, steps: &[Step], value: &str) {
        if !calendar_day(value) {
            self.push(
                r,
                steps,
                IssueKind::OutOfRange,
                format!("\"{value}\""),
                DATE,
            );
        }
    }

    fn not_before<T: crate::keyed::Keyed>(
        &mut self,
        r: &T,
        steps: &[Step],
        start: &str,
        end: &str,
    ) {
        if let (Some(a), Some(b)) = (day_number(start), day_number(end)) {
            if b < a {
                self.push(
                    r,
                    steps,
                    IssueKind::OutOfRange,
                    format!("\"{end}\""),
                    &format!("a date on or after {start}"),
                );
            }
        }
    }

    fn plant(&mut self, p: &Plant) {
        self.region_of(p, &[Step::Key("site_country")], &p.site_country);
        for (key, d) in [
            ("construction_start", &p.construction_start),
            ("production_start", &p.production_start),
        ] {
            if let Some(d) = d {
                self.partial_date(p, &[Step::Key(key)], d);
            }
        }
        self.party(p, &[Step::Key("owner")], &p.owner);
        // A user's --plant file is evaluated on its materials; a data record may omit them.
        if self.is_spec(p) || !p.components.is_empty() {
            self.components(p, &p.components);
        }
        self.licences(p, &p.licences);
        if !self.is_spec(p) {
            match &p.source {
                Some(src) => self.source(p, &[Step::Key("source")], src, p.note.as_ref()),
                None => self.push(
                    p,
                    &[Step::Key("source")],
                    IssueKind::MissingSource,
                    "absent".into(),
                    "the record's main source (an id from sources.toml)",
                ),
            }
        }
        self.plant_history(p);
    }

    fn plant_history(&mut self, p: &Plant) {
        let mut last_year = i32::MIN;
        for (k, v) in p.capacity_gwh.iter().enumerate() {
            let at = |key| [Step::Key("capacity_gwh"), Step::Item(k), Step::Key(key)];
            self.year(p, &at("year"), v.year);
            self.range(
                p,
                &at("value"),
                v.value,
                0.0,
                5000.0,
                "0 to 5000 GWh a year",
            );
            self.source(p, &at("source"), &v.source, p.note.as_ref());
            if v.year <= last_year {
                self.push(
                    p,
                    &at("year"),
                    IssueKind::OutOfRange,
                    v.year.to_string(),
                    "years rising from one value to the next",
                );
            }
            last_year = v.year;
        }
        for (k, s) in p.status.iter().enumerate() {
            let at = |key| [Step::Key("status"), Step::Item(k), Step::Key(key)];
            self.one_of(p, &at("status"), &s.status, PLANT_STATUSES);
            self.partial_date(p, &at("from"), &s.from);
            self.source(p, &at("source"), &s.source, p.note.as_ref());
        }
        for (k, id) in p.projects.iter().enumerate() {
            let exists = self.data.project(id).is_some();
            self.reference(
                p,
                &[Step::Key("projects"), Step::Item(k)],
                id,
                exists,
                "project",
            );
        }
        for (k, b) in p.buyers.iter().enumerate() {
            let at = |key| [Step::Key("buyers"), Step::Item(k), Step::Key(key)];
            self.one_of(p, &at("kind"), &b.kind, BUYER_KINDS);
            self.source(p, &at("source"), &b.source, p.note.as_ref());
        }
    }

    /// YYYY, YYYY-MM or YYYY-MM-DD.
    fn partial_date<T: crate::keyed::Keyed>(&mut self, r: &T, steps: &[Step], value: &str) {
        let ok = match value.len() {
            4 => value
                .parse::<i32>()
                .is_ok_and(|y| (1950..=2100).contains(&y)),
            7 => calendar_day(&format!("{value}-01")),
            _ => calendar_day(value),
        };
        if !ok {
            self.push(
                r,
                steps,
                IssueKind::OutOfRange,
                format!("\"{value}\""),
                "YYYY, YYYY-MM or YYYY-MM-DD",
            );
        }
    }

    fn storage_project(&mut self, s: &StorageProject) {
        self.region_of(s, &[Step::Key("site_country")], &s.site_country);
        self.date(s, &[Step::Key("construction_start")], &s.construction_start);
        self.party(s, &[Step::Key("owner")], &s.owner);
        self.components(s, &s.components);
        self.licences(s, &s.licences);
    }

    fn components<T: crate::keyed::Keyed>(&mut self, r: &T, components: &[Component]) {
        if components.is_empty() {
            self.push(
                r,
                &[Step::Key("components")],
                IssueKind::MissingField,
                "none".into(),
                "at least one [[components]] table (the product's direct materials)",
            );
        }
        for (k, c) in components.iter().enumerate() {
            let at = |key| [Step::Key("components"), Step::Item(k), Step::Key(key)];
            self.range(
                r,
                &at("cost_usd_per_kwh"),
                c.cost_usd_per_kwh,
                1.0e-3,
                1.0e4,
                "a cost from 0.001 to 10000 $/kWh",
            );
            self.region_of(r, &at("made_in"), &c.made_in);
            self.party(r, &at("supplier"), &c.supplier);
        }
    }

    fn party<T: crate::keyed::Keyed>(&mut self, r: &T, at: &[Step], p: &Party) {
        let steps = |key| {
            let mut s = at.to_vec();
            s.push(Step::Key(key));
            s
        };
        if p.name.trim().is_empty() {
            self.push(
                r,
                &steps("name"),
                IssueKind::MissingField,
                "\"\"".into(),
                "a name",
            );
        }
        self.region_of(r, &steps("organised_in"), &p.organised_in);
        if let Some(place) = &p.principal_place {
            self.region_of(r, &steps("principal_place"), place);
        }
        if let Some(debt) = p.debt_held_by_specified_share {
            self.range(
                r,
                &steps("debt_held_by_specified_share"),
                debt,
                0.0,
                1.0,
                "a share from 0 to 1",
            );
        }
        let mut total = 0.0;
        for (k, o) in p.owners.iter().enumerate() {
            let mut owner = steps("owners");
            owner.push(Step::Item(k));
            let with = |key| {
                let mut s = owner.clone();
                s.push(Step::Key(key));
                s
            };
            self.region_of(r, &with("country"), &o.country);
            self.range(
                r,
                &with("share"),
                o.share,
                1.0e-6,
                1.0,
                "a share above 0, at most 1",
            );
            total += o.share;
        }
        if total > 1.0 + 1e-9 {
            self.push(
                r,
                &steps("owners"),
                IssueKind::OutOfRange,
                format!("shares summing to {}", crate::check::fmt_num(total)),
                "owners' shares summing to at most 1",
            );
        }
    }

    fn licences<T: crate::keyed::Keyed>(&mut self, r: &T, licences: &[LicenceIn]) {
        for (k, l) in licences.iter().enumerate() {
            let at = |key| [Step::Key("licences"), Step::Item(k), Step::Key(key)];
            self.region_of(r, &at("licensor_country"), &l.licensor_country);
            self.date(r, &at("entered"), &l.entered);
            if let Some(m) = &l.modified {
                self.date(r, &at("modified"), m);
                self.not_before(r, &at("modified"), &l.entered, m);
            }
            for (j, t) in l.terms.iter().enumerate() {
                let steps = [
                    Step::Key("licences"),
                    Step::Item(k),
                    Step::Key("terms"),
                    Step::Item(j),
                ];
                self.one_of(r, &steps, t, EFFECTIVE_CONTROL_TERMS);
            }
            for (j, y) in l.payment_years.iter().enumerate() {
                let steps = [
                    Step::Key("licences"),
                    Step::Item(k),
                    Step::Key("payment_years"),
                    Step::Item(j),
                ];
                self.year(r, &steps, *y);
            }
        }
    }

    fn region_of<T: crate::keyed::Keyed>(&mut self, r: &T, steps: &[Step], id: &str) {
        let known = self.data.region(id).is_some();
        self.reference(r, steps, id, known, "region");
    }
}
