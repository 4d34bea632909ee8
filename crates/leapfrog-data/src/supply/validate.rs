//! Checks for the supply records: sources of every figure, shares that add up, countries
//! and chains that exist, and exactly one measure per chain.

use super::schema::*;
use crate::check::{fmt_num, validate_with, Checker};
use crate::elements::atomic_weight;
use crate::error::IssueKind;
use crate::locate::Step;
use std::collections::HashSet;

const BIG: f64 = 1.0e13;

validate_with!(
    SupplyChain => supply_chain,
    SupplyShares => supply_shares,
    SupplyMarket => supply_market,
    DemandScenario => demand_scenario,
);

impl Checker<'_> {
    fn supply_chain(&mut self, c: &SupplyChain) {
        let note = c.note.as_ref();
        self.source(c, &[Step::Key("source")], &c.source, note);
        let measures = [
            c.element.is_some(),
            c.commodity.is_some(),
            !c.materials.is_empty(),
            c.cells,
        ];
        if measures.iter().filter(|m| **m).count() != 1 {
            let allowed = "exactly one of `element`, `commodity`, `materials` or `cells = true`";
            self.push(
                c,
                &[Step::Key("id")],
                IssueKind::MissingField,
                format!("\"{}\"", c.id),
                allowed,
            );
        }
        if let Some(e) = &c.element {
            if atomic_weight(e).is_none() {
                let allowed = "an element symbol (Li, Ni, Co, ...)";
                self.push(
                    c,
                    &[Step::Key("element")],
                    IssueKind::OutOfRange,
                    format!("\"{e}\""),
                    allowed,
                );
            }
            if c.price_usd_per_kg.is_none() {
                let allowed = "an element chain needs `price_usd_per_kg` (per kg of the element)";
                self.push(
                    c,
                    &[Step::Key("element")],
                    IssueKind::MissingField,
                    format!("\"{e}\""),
                    allowed,
                );
            }
        }
        for (i, m) in c.materials.iter().enumerate() {
            let exists = self.data.material(m).is_some();
            self.reference(
                c,
                &[Step::Key("materials"), Step::Item(i)],
                m,
                exists,
                "material",
            );
        }
        if let Some(p) = c.price_usd_per_kg {
            self.positive(c, &[Step::Key("price_usd_per_kg")], p, 1.0e6);
            match &c.price_source {
                Some(src) => self.source(c, &[Step::Key("price_source")], src, note),
                None => self.push(
                    c,
                    &[Step::Key("price_usd_per_kg")],
                    IssueKind::MissingSource,
                    fmt_num(p),
                    "a price needs `price_source` and `price_year`",
                ),
            }
            if let Some(y) = c.price_year {
                self.year(c, &[Step::Key("price_year")], y);
            }
        }
    }

    fn supply_shares(&mut self, t: &SupplyShares) {
        let note = t.note.as_ref();
        self.source(t, &[Step::Key("source")], &t.source, note);
        let exists = self.data.supply_chain(&t.chain).is_some();
        self.reference(t, &[Step::Key("chain")], &t.chain, exists, "supply_chain");
        if t.mass_fraction != 1.0 {
            match &t.mass_fraction_source {
                Some(src) => self.source(t, &[Step::Key("mass_fraction_source")], src, note),
                None => self.push(
                    t,
                    &[Step::Key("mass_fraction")],
                    IssueKind::MissingSource,
                    fmt_num(t.mass_fraction),
                    "a mass fraction other than 1 needs `mass_fraction_source`",
                ),
            }
        }
        self.share_unit(t);
        self.supply_entries(t);
        self.control_transfers(t);
    }

    fn share_unit(&mut self, t: &SupplyShares) {
        match (t.unit.as_str(), t.world_total) {
            ("share", None) => {}
            ("t" | "gwh", Some(w)) => self.positive(t, &[Step::Key("world_total")], w, BIG),
            _ => {
                let allowed =
                    "unit \"share\" (no world_total), or \"t\" / \"gwh\" with world_total";
                self.push(
                    t,
                    &[Step::Key("unit")],
                    IssueKind::OutOfRange,
                    format!("\"{}\"", t.unit),
                    allowed,
                );
            }
        }
    }

    fn supply_entries(&mut self, t: &SupplyShares) {
        let mut keys = HashSet::new();
        for (i, e) in t.entries.iter().enumerate() {
            let at = [Step::Key("entries"), Step::Item(i)];
            if !keys.insert(e.key.as_str()) {
                self.push(
                    t,
                    &at,
                    IssueKind::DuplicateId,
                    format!("\"{}\"", e.key),
                    "each country once per table",
                );
            }
            let exists = e.key == "other" || self.data.region(&e.key).is_some();
            self.reference(t, &at, &e.key, exists, "region (or \"other\")");
            let hi = if t.unit == "share" { 1.0 } else { BIG };
            self.range(
                t,
                &at,
                e.value,
                0.0,
                hi,
                &format!("a value from 0 to {}", fmt_num(hi)),
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
            return;
        }
        let sum: f64 = t.entries.iter().map(|e| e.value).sum();
        let (total, slack) = match t.world_total {
            Some(w) => (w, t.world_total_rounding.unwrap_or(0.0) / 2.0 + 1e-9 * w),
            None => (1.0, 0.005),
        };
        let too_much = sum > total + slack;
        let too_little = t.unit == "share" && sum < total - slack;
        if too_much || too_little {
            let allowed = format!(
                "entries that sum to the world total {} within its rounding {} (add \"other\" for the rest)",
                fmt_num(total),
                fmt_num(2.0 * slack)
            );
            self.push(
                t,
                &[Step::Key("entries")],
                IssueKind::OutOfRange,
                format!("sum {}", fmt_num(sum)),
                &allowed,
            );
        }
    }

    fn control_transfers(&mut self, t: &SupplyShares) {
        let note = t.note.as_ref();
        for (i, c) in t.control.iter().enumerate() {
            let at = |k| [Step::Key("control"), Step::Item(i), Step::Key(k)];
            let host = t.entries.iter().any(|e| e.key == c.host);
            self.reference(
                t,
                &at("host"),
                &c.host,
                host,
                "country listed in this table's entries",
            );
            let ctrl = self.data.region(&c.controller).is_some();
            self.reference(t, &at("controller"), &c.controller, ctrl, "region");
            self.range(
                t,
                &at("fraction"),
                c.fraction,
                0.0,
                1.0,
                "a fraction from 0 to 1",
            );
            self.year(t, &at("year"), c.year);
            self.source(t, &at("source"), &c.source, note);
        }
    }

    fn supply_market(&mut self, m: &SupplyMarket) {
        self.source(m, &[Step::Key("source")], &m.source, m.note.as_ref());
        for (key, v, range) in [
            (
                "demand_elasticity",
                m.demand_elasticity,
                m.demand_elasticity_range,
            ),
            (
                "supply_elasticity_short",
                m.supply_elasticity_short,
                m.supply_elasticity_short_range,
            ),
            (
                "supply_elasticity_long",
                m.supply_elasticity_long,
                m.supply_elasticity_long_range,
            ),
        ] {
            let ok = range[0] <= v && v <= range[1] && range[0] >= 0.0;
            if !ok {
                let allowed = format!("a range [low, high] around {key} = {}", fmt_num(v));
                let value = format!("[{}, {}]", fmt_num(range[0]), fmt_num(range[1]));
                let field = format!("{key}_range");
                self.push(
                    m,
                    &[Step::Key(&field)],
                    IssueKind::OutOfRange,
                    value,
                    &allowed,
                );
            }
        }
        if m.demand_elasticity + m.supply_elasticity_short <= 0.0 {
            let allowed =
                "demand plus short-run supply elasticity above 0 (else no price clears the market)";
            self.push(
                m,
                &[Step::Key("demand_elasticity")],
                IssueKind::OutOfRange,
                fmt_num(m.demand_elasticity),
                allowed,
            );
        }
        for (i, c) in m.chains.iter().enumerate() {
            let exists = self.data.supply_chain(c).is_some();
            self.reference(
                m,
                &[Step::Key("chains"), Step::Item(i)],
                c,
                exists,
                "supply_chain",
            );
        }
    }

    fn demand_scenario(&mut self, d: &DemandScenario) {
        self.source(d, &[Step::Key("source")], &d.source, d.note.as_ref());
        for (i, e) in d.entries.iter().enumerate() {
            let at = |k| [Step::Key("entries"), Step::Item(i), Step::Key(k)];
            let data = self.data;
            let exists = data.couple(&e.chemistry).is_some()
                || data.flow_batteries.iter().any(|f| f.id == e.chemistry)
                || data.iron_air.iter().any(|f| f.id == e.chemistry);
            self.reference(
                d,
                &at("chemistry"),
                &e.chemistry,
                exists,
                "couple, flow battery or iron-air system",
            );
            self.range(
                d,
                &at("gwh_per_yr"),
                e.gwh_per_yr,
                0.0,
                1.0e6,
                "GWh a year from 0 to 1,000,000",
            );
        }
    }
}
