//! Prohibited foreign entities, 26 U.S.C. 7701(a)(51): a specified foreign entity (listed by
//! name, or foreign-controlled: organised or with its principal place of business in a covered
//! nation, or more than half owned by such an entity) or a foreign-influenced entity (a
//! specified entity owning 25% alone or 40% together, holding 15% of its debt, appointing an
//! officer, or paid in the previous taxable year under a licence that gives it effective
//! control).

use crate::book::{RuleBook, FOREIGN_ENTITY_RULE};
use crate::date::Date;
use crate::RulesError;
use leapfrog_data::{LicenceIn, Owner, Party};
use serde::Serialize;

/// Why an entity is, or is not, a prohibited foreign entity.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EntityTest {
    pub name: String,
    /// Reasons it is a specified foreign entity (empty: it is not).
    pub specified: Vec<String>,
    /// Reasons it is a foreign-influenced entity (empty: it is not).
    pub foreign_influenced: Vec<String>,
}

impl EntityTest {
    pub fn prohibited(&self) -> bool {
        !self.specified.is_empty() || !self.foreign_influenced.is_empty()
    }
}

/// The foreign-entity rule's thresholds and reading, read once.
#[derive(Debug, Clone)]
pub struct EntityRules<'a> {
    book: &'a RuleBook<'a>,
    covered: Vec<&'a str>,
    control_share: f64,
    single_share: f64,
    aggregate_share: f64,
    debt_share: f64,
    /// The date of enactment: licences entered or modified on or after it are item (gg)'s.
    pub enacted: Date,
    /// `literal` (any listed item, (gg) included, is effective control) or `conjunctive`
    /// ((gg) only dates the other items).
    pub reading: String,
}

impl<'a> EntityRules<'a> {
    pub fn load(book: &'a RuleBook<'a>, reading: Option<&str>) -> Result<Self, RulesError> {
        let rule = book.rule(FOREIGN_ENTITY_RULE)?;
        let at = book.as_of;
        Ok(EntityRules {
            book,
            covered: book.covered_nations()?,
            control_share: book.require(rule, "control_share", at)?,
            single_share: book.require(rule, "fie_single_owner_share", at)?,
            aggregate_share: book.require(rule, "fie_aggregate_owner_share", at)?,
            debt_share: book.require(rule, "fie_debt_share", at)?,
            enacted: crate::book::parse(&rule.effective_from)?,
            reading: reading
                .or(rule.reading.as_deref())
                .unwrap_or("literal")
                .to_string(),
        })
    }

    pub fn is_covered(&self, country: &str) -> bool {
        self.covered.contains(&country)
    }

    /// Whether the tests apply to a taxable year (those beginning after the date of enactment;
    /// taxable years are taken to be calendar years).
    pub fn applies_in(&self, year: i32) -> bool {
        Date::start_of(year) > self.enacted
    }

    /// Whether an owner is a specified foreign entity: listed, or organised in a covered nation.
    fn owner_specified(&self, o: &Owner, date: Date) -> Option<String> {
        if let Some(e) = self.book.listed(&o.name, date) {
            return Some(format!("{} is listed ({})", o.name, e.lists.join(", ")));
        }
        self.is_covered(&o.country)
            .then(|| format!("{} is organised in {}, a covered nation", o.name, o.country))
    }

    /// The party's tests in a taxable year; `licences` are the party's own licences in.
    pub fn test(&self, party: &Party, licences: &[LicenceIn], year: i32) -> EntityTest {
        let date = Date::start_of(year);
        let mut specified = Vec::new();
        if let Some(e) = self.book.listed(&party.name, date) {
            specified.push(format!("listed ({})", e.lists.join(", ")));
        }
        if self.is_covered(&party.organised_in) {
            specified.push(format!(
                "organised in {}, a covered nation (foreign-controlled entity)",
                party.organised_in
            ));
        }
        if let Some(place) = party
            .principal_place
            .as_ref()
            .filter(|p| self.is_covered(p))
        {
            specified.push(format!(
                "principal place of business in {place}, a covered nation"
            ));
        }
        let owners: Vec<(&Owner, String)> = party
            .owners
            .iter()
            .filter_map(|o| self.owner_specified(o, date).map(|why| (o, why)))
            .collect();
        for (o, why) in &owners {
            if o.share > self.control_share {
                specified.push(format!(
                    "controlled by a specified foreign entity: {} owns {} ({why})",
                    o.name,
                    percent(o.share)
                ));
            }
        }
        let mut influenced = Vec::new();
        if specified.is_empty() {
            influenced = self.influence(party, &owners, licences, year);
        }
        EntityTest {
            name: party.name.clone(),
            specified,
            foreign_influenced: influenced,
        }
    }

    fn influence(
        &self,
        party: &Party,
        owners: &[(&Owner, String)],
        licences: &[LicenceIn],
        year: i32,
    ) -> Vec<String> {
        let mut why = Vec::new();
        if let Some((o, reason)) = owners.iter().find(|(o, _)| o.share >= self.single_share) {
            why.push(format!(
                "{} owns {} (at least {} by one specified entity; {reason})",
                o.name,
                percent(o.share),
                percent(self.single_share)
            ));
        }
        let together: f64 = owners.iter().map(|(o, _)| o.share).sum();
        if owners.len() > 1 && together >= self.aggregate_share {
            why.push(format!(
                "specified entities own {} together (at least {})",
                percent(together),
                percent(self.aggregate_share)
            ));
        }
        if let Some(debt) = party.debt_held_by_specified_share {
            if debt >= self.debt_share {
                why.push(format!(
                    "specified entities hold {} of its debt (at least {})",
                    percent(debt),
                    percent(self.debt_share)
                ));
            }
        }
        if party.specified_appoints_officer == Some(true) {
            why.push("a specified entity may appoint a covered officer".into());
        }
        for l in licences {
            if let Some(control) = self.effective_control(l) {
                if l.payment_years.contains(&(year - 1)) {
                    why.push(format!(
                        "paid {} in {} under a licence giving it effective control ({control})",
                        l.licensor,
                        year - 1
                    ));
                }
            }
        }
        why
    }

    /// Whether a licence gives its licensor effective control, and by which items.
    pub fn effective_control(&self, l: &LicenceIn) -> Option<String> {
        let date = Date::parse(&l.entered)?;
        let licensor = Owner {
            name: l.licensor.clone(),
            country: l.licensor_country.clone(),
            share: 0.0,
        };
        self.owner_specified(&licensor, date)?;
        let last = l
            .modified
            .as_deref()
            .and_then(Date::parse)
            .map_or(date, |m| m.max(date));
        let after_enactment = last >= self.enacted;
        let terms = &l.terms;
        let named = (!terms.is_empty()).then(|| terms.join(", "));
        let gg = after_enactment.then(|| {
            format!(
                "item (gg): entered or modified on or after {}",
                self.enacted
            )
        });
        match self.reading.as_str() {
            "conjunctive" => after_enactment.then_some(named).flatten().map(|t| {
                format!(
                    "{t}, in an agreement entered or modified from {}",
                    self.enacted
                )
            }),
            _ => match (named, gg) {
                (Some(t), Some(g)) => Some(format!("{t}; {g}")),
                (t, g) => t.or(g),
            },
        }
    }
}

pub(crate) fn percent(share: f64) -> String {
    let p = share * 100.0;
    if (p - p.round()).abs() < 1e-9 {
        format!("{p:.0}%")
    } else {
        format!("{p:.1}%")
    }
}
