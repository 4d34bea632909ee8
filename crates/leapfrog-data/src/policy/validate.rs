//! Checks for policy data: references resolve (sectors, couples, regions, share tables, price
//! bases), each low <= central <= high, dates read, a credit's phase runs in year order, and a
//! package names only known levers (`procurement:SECTOR:CHEMISTRY` with a known sector and
//! chemistry).

use super::schema::*;
use crate::check::{validate_with, Checker};
use crate::error::IssueKind;
use crate::locate::Step;

validate_with!(
    PolicySettings => policy_settings,
    PolicySector => policy_sector,
    PolicyChemistry => policy_chemistry,
    PolicyLearning => policy_learning,
    PolicyLever => policy_lever,
    PolicyPackage => policy_package,
);

/// The battery products a sector buys (EV batteries and the rest are dutied apart).
pub const PRODUCTS: [&str; 3] = ["ev-battery", "non-ev-battery", "all"];

/// The prefix of a procurement lever's name.
pub const PROCUREMENT: &str = "procurement:";
/// The most GWh a year a procurement lever may buy.
pub const PROCUREMENT_MAX_GWH_PER_YEAR: f64 = 1.0e4;

impl Checker<'_> {
    fn policy_settings(&mut self, s: &PolicySettings) {
        self.source(
            s,
            &[Step::Key("world_capacity_source")],
            &s.world_capacity_source,
            s.world_capacity_note.as_ref(),
        );
        self.source(
            s,
            &[Step::Key("freight_source")],
            &s.freight_source,
            s.freight_note.as_ref(),
        );
        self.source(
            s,
            &[Step::Key("build_source")],
            &s.build_source,
            s.build_note.as_ref(),
        );
        let basis = self.data.price_basis(&s.price_basis).is_some();
        self.reference(
            s,
            &[Step::Key("price_basis")],
            &s.price_basis,
            basis,
            "price_basis",
        );
        let table = self.data.share_table(&s.capacity_table).is_some();
        self.reference(
            s,
            &[Step::Key("capacity_table")],
            &s.capacity_table,
            table,
            "share_table",
        );
        self.source(
            s,
            &[Step::Key("tax_source")],
            &s.tax_source,
            s.tax_note.as_ref(),
        );
        self.source(
            s,
            &[Step::Key("depreciation_source")],
            &s.depreciation_source,
            s.tax_note.as_ref(),
        );
        self.source(
            s,
            &[Step::Key("expensing_source")],
            &s.expensing_source,
            s.tax_note.as_ref(),
        );
        self.source(
            s,
            &[Step::Key("won_source")],
            &s.won_source,
            s.won_note.as_ref(),
        );
        self.source(
            s,
            &[Step::Key("dependence_source")],
            &s.dependence_source,
            s.dependence_note.as_ref(),
        );
        self.source(
            s,
            &[Step::Key("reversal_source")],
            &s.reversal_source,
            s.reversal_note.as_ref(),
        );
        if !(s.won_share > 0.0 && s.won_share <= 1.0) {
            self.push(
                s,
                &[Step::Key("won_share")],
                IssueKind::OutOfRange,
                s.won_share.to_string(),
                "a share above 0 and at most 1",
            );
        }
        for (key, shares) in [
            ("macrs_7_year", &s.macrs_7_year),
            ("macrs_20_year", &s.macrs_20_year),
        ] {
            let total: f64 = shares.iter().sum();
            if shares.iter().any(|x| !(0.0..=1.0).contains(x)) || (total - 1.0).abs() > 0.01 {
                self.push(
                    s,
                    &[Step::Key(key)],
                    IssueKind::OutOfRange,
                    format!("shares summing to {total:.4}"),
                    "shares from 0 to 1 summing to 1 (within 0.01)",
                );
            }
        }
        let control = self.data.equipment_control(&s.equipment_control).is_some();
        self.reference(
            s,
            &[Step::Key("equipment_control")],
            &s.equipment_control,
            control,
            "equipment_control",
        );
        let demand = self
            .data
            .demand_scenario(&s.shock_demand_scenario)
            .is_some();
        self.reference(
            s,
            &[Step::Key("shock_demand_scenario")],
            &s.shock_demand_scenario,
            demand,
            "demand_scenario",
        );
        let series = self.data.learning_series(&s.learning_series).is_some();
        self.reference(
            s,
            &[Step::Key("learning_series")],
            &s.learning_series,
            series,
            "learning_series",
        );
        let path = self.data.scaleup_path(&s.entry_path).is_some();
        self.reference(
            s,
            &[Step::Key("entry_path")],
            &s.entry_path,
            path,
            "scaleup_path",
        );
        if s.end_year <= s.start_year {
            self.push(
                s,
                &[Step::Key("end_year")],
                IssueKind::OutOfRange,
                s.end_year.to_string(),
                &format!("a year after start_year ({})", s.start_year),
            );
        }
    }

    fn policy_sector(&mut self, s: &PolicySector) {
        self.source(
            s,
            &[Step::Key("demand_source")],
            &s.demand_source,
            s.demand_note.as_ref(),
        );
        self.source(
            s,
            &[Step::Key("growth_source")],
            &s.growth_source,
            s.growth_note.as_ref(),
        );
        self.source(
            s,
            &[Step::Key("late_growth_source")],
            &s.late_growth_source,
            s.late_growth_note.as_ref(),
        );
        let exists = self.data.sector(&s.sector).is_some();
        self.reference(s, &[Step::Key("sector")], &s.sector, exists, "sector");
        self.ordered(
            s,
            "growth_per_year",
            s.growth_low,
            s.growth_per_year,
            s.growth_high,
        );
        if !PRODUCTS[..2].contains(&s.product.as_str()) {
            self.push(
                s,
                &[Step::Key("product")],
                IssueKind::OutOfRange,
                format!("\"{}\"", s.product),
                "ev-battery or non-ev-battery",
            );
        }
    }

    fn policy_chemistry(&mut self, c: &PolicyChemistry) {
        self.source(
            c,
            &[Step::Key("learning_source")],
            &c.learning_source,
            c.note.as_ref(),
        );
        let exists = self.data.couple(&c.id).is_some();
        self.reference(c, &[Step::Key("id")], &c.id, exists, "couple");
        for sector in &c.sold_in {
            let exists = self.data.policy_sectors.iter().any(|s| &s.id == sector);
            self.reference(c, &[Step::Key("sold_in")], sector, exists, "policy_sector");
        }
        if let Some(src) = &c.capacity_source {
            self.source(c, &[Step::Key("capacity_source")], src, c.note.as_ref());
        }
        if let Some(t) = &c.ip_technology {
            let exists = self.data.ip_technologies.iter().any(|x| &x.id == t);
            self.reference(c, &[Step::Key("ip_technology")], t, exists, "ip_technology");
        }
        match (c.sold_in.is_empty(), &c.sold_in_source) {
            (false, Some(src)) => {
                self.source(c, &[Step::Key("sold_in_source")], src, c.note.as_ref())
            }
            (false, None) => self.push(
                c,
                &[Step::Key("sold_in")],
                IssueKind::MissingSource,
                "no sold_in_source".into(),
                "`sold_in` needs `sold_in_source`: where the sales are stated",
            ),
            _ => {}
        }
        match (&c.us_cathode_covered_share, &c.us_sourcing_source) {
            (Some(_), Some(src)) => self.source(
                c,
                &[Step::Key("us_sourcing_source")],
                src,
                c.us_sourcing_note.as_ref(),
            ),
            (Some(_), None) => self.push(
                c,
                &[Step::Key("us_sourcing_source")],
                IssueKind::MissingSource,
                "absent".into(),
                "a source (or \"assumption\" with us_sourcing_note) for us_cathode_covered_share",
            ),
            _ => {}
        }
        self.ordered(
            c,
            "learning",
            c.learning_low,
            c.learning_rate,
            c.learning_high,
        );
    }

    fn policy_learning(&mut self, l: &PolicyLearning) {
        self.source(l, &[Step::Key("source")], &l.source, l.note.as_ref());
        self.source(
            l,
            &[Step::Key("build_source")],
            &l.build_source,
            l.build_note.as_ref(),
        );
        self.source(
            l,
            &[Step::Key("imitation_source")],
            &l.imitation_source,
            l.imitation_note.as_ref(),
        );
        self.ordered(
            l,
            "spill_region",
            l.spill_region_low,
            l.spill_region,
            l.spill_region_high,
        );
        self.ordered(
            l,
            "spill_chemistry",
            l.spill_chemistry_low,
            l.spill_chemistry,
            l.spill_chemistry_high,
        );
        self.ordered(
            l,
            "build_rate",
            l.build_rate_low,
            l.build_rate,
            l.build_rate_high,
        );
        self.source(
            l,
            &[Step::Key("ranges_source")],
            &l.ranges_source,
            l.ranges_note.as_ref(),
        );
        for (key, [low, high]) in [
            ("capex_us", l.capex_us_range),
            ("capex_cn", l.capex_cn_range),
            ("materials", l.materials_range),
            ("materials_cn_spread", l.materials_cn_spread),
        ] {
            if !(low > 0.0 && low <= 1.0 && (1.0..=10.0).contains(&high)) {
                self.push(
                    l,
                    &[],
                    IssueKind::OutOfRange,
                    format!("{key}_range = [{low}, {high}]"),
                    "a range [low, high] with 0 < low <= 1 <= high <= 10",
                );
            }
        }
    }

    fn policy_lever(&mut self, l: &PolicyLever) {
        self.source(l, &[Step::Key("source")], &l.source, l.note.as_ref());
        let categorical = !l.values.is_empty();
        for (key, v) in [
            ("low", Some(l.low)),
            ("high", Some(l.high)),
            ("default", l.default),
        ] {
            if let Some(v) = v.filter(|v| categorical && !l.values.contains(v)) {
                self.push(
                    l,
                    &[Step::Key(key)],
                    IssueKind::OutOfRange,
                    crate::check::fmt_num(v),
                    "one of the lever's values",
                );
            }
        }
        match (&l.default, &l.default_rule) {
            (Some(d), None) => self.ordered(l, "default", l.low, *d, l.high),
            (None, Some(rule)) => {
                let exists = self.data.rule(rule).is_some();
                self.reference(l, &[Step::Key("default_rule")], rule, exists, "rule");
                // The rule's status gives 0 or 1: the range must hold both.
                if l.low > 0.0 || l.high < 1.0 {
                    self.push(
                        l,
                        &[Step::Key("low")],
                        IssueKind::OutOfRange,
                        format!("[{}, {}]", l.low, l.high),
                        "a range holding 0 and 1 for a lever whose default a rule's status sets",
                    );
                }
            }
            _ => self.push(
                l,
                &[Step::Key("default")],
                IssueKind::MissingField,
                "both or neither of default and default_rule".into(),
                "exactly one of default (a value) or default_rule (a rule whose status sets it)",
            ),
        }
    }

    fn policy_package(&mut self, p: &PolicyPackage) {
        if !self.is_spec(p) || !p.source.is_empty() {
            self.source(p, &[Step::Key("source")], &p.source, p.note.as_ref());
        }
        for (k, v) in p.levers.iter().enumerate() {
            let at = [Step::Key("levers"), Step::Item(k), Step::Key("name")];
            if let Some(why) = self.unknown_lever(&v.name) {
                self.push(
                    p,
                    &at,
                    IssueKind::DanglingReference,
                    format!("\"{}\"", v.name),
                    &why,
                );
            }
            let known = self.unknown_lever(&v.name).is_none();
            if let Some(allowed) = known
                .then(|| lever_value_problem(self.data, &v.name, v.value))
                .flatten()
            {
                self.push(
                    p,
                    &[at[0], at[1], Step::Key("value")],
                    IssueKind::OutOfRange,
                    crate::check::fmt_num(v.value),
                    &allowed,
                );
            }
            if p.levers[..k].iter().any(|o| o.name == v.name) {
                self.push(
                    p,
                    &at,
                    IssueKind::DuplicateId,
                    format!("\"{}\"", v.name),
                    "each lever once",
                );
            }
        }
    }

    /// Why a lever name is not known (None when it is).
    pub(crate) fn unknown_lever(&self, name: &str) -> Option<String> {
        lever_problem(self.data, name)
    }

    /// low <= central <= high, reported at the central value's key.
    fn ordered<T: crate::keyed::Keyed>(
        &mut self,
        r: &T,
        field: &'static str,
        low: f64,
        central: f64,
        high: f64,
    ) {
        if !(low <= central && central <= high) {
            self.push(
                r,
                &[Step::Key(field)],
                IssueKind::OutOfRange,
                format!("{central} with range {low} to {high}"),
                "a central value inside its range (low <= central <= high)",
            );
        }
    }
}

/// Why a lever name is not known to `data` (None when it is).
pub fn lever_problem(data: &crate::dataset::Dataset, name: &str) -> Option<String> {
    if let Some(rest) = name.strip_prefix(PROCUREMENT) {
        let (sector, chem) = rest.split_once(':').unwrap_or((rest, ""));
        let sector_ok = data.policy_sectors.iter().any(|s| s.id == sector);
        let chem_ok = data.policy_chemistries.iter().any(|c| c.id == chem);
        return (!(sector_ok && chem_ok)).then(|| {
            "procurement:SECTOR:CHEMISTRY with a policy_sector id and a policy_chemistry id"
                .to_string()
        });
    }
    (data.policy_lever(name).is_none()).then(|| {
        let known: Vec<&str> = data.policy_levers.iter().map(|l| l.id.as_str()).collect();
        format!(
            "one of {} or procurement:SECTOR:CHEMISTRY",
            known.join(", ")
        )
    })
}

/// What a lever's value may be, when `value` is not it: a categorical lever's listed values,
/// else its documented range (procurement: 0 to 10,000 GWh a year).
pub fn lever_value_problem(
    data: &crate::dataset::Dataset,
    name: &str,
    value: f64,
) -> Option<String> {
    let lever = data.policy_lever(name);
    if let Some(l) = lever.filter(|l| !l.values.is_empty()) {
        let allowed: Vec<String> = l.values.iter().map(|v| format!("{v}")).collect();
        return (!l.values.contains(&value))
            .then(|| format!("one of {} ({})", allowed.join(", "), l.unit));
    }
    let (low, high, unit) = lever.map_or((0.0, PROCUREMENT_MAX_GWH_PER_YEAR, "GWh a year"), |l| {
        (l.low, l.high, l.unit.as_str())
    });
    (!(value.is_finite() && value >= low && value <= high))
        .then(|| format!("{low} to {high} ({unit})"))
}

/// Days since 1 January 1950 of a YYYY-MM-DD date (None when it does not read).
pub fn day_number(s: &str) -> Option<i64> {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts[..] else { return None };
    let num = |t: &str, n: usize| {
        (t.len() == n && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse::<i64>().ok())
            .flatten()
    };
    let (y, m, d) = (num(y, 4)?, num(m, 2)?, num(d, 2)?);
    if !(1950..=2100).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some((y - 1950) * 372 + (m - 1) * 31 + (d - 1))
}
