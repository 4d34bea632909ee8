//! The rules of a dataset, read at a date: each rule's status, its dated parameters, the
//! covered nations and the listed entities the foreign-entity tests read.

use crate::date::Date;
use crate::RulesError;
use leapfrog_data::{Dataset, DatedValue, ListedEntity, Rule, RuleStatus};
use serde::Serialize;

/// The rule that defines prohibited foreign entities (its covered nations, thresholds and
/// effective-control reading).
pub const FOREIGN_ENTITY_RULE: &str = "pfe-sfe-fie";

/// The rules of one dataset.
#[derive(Debug, Clone)]
pub struct RuleBook<'a> {
    data: &'a Dataset,
    /// The last date the sources cover.
    pub as_of: Date,
}

/// A rule's status on a date.
#[derive(Debug, Clone, Serialize)]
pub struct StatusAt {
    /// One of the rule statuses, or "not yet in force" before the first span.
    pub status: String,
    /// The date the span began (absent before the first span).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<Date>,
    /// The day the span ends, when it is known to end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A rule as listed at a date.
#[derive(Debug, Clone, Serialize)]
pub struct RuleView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub kind: &'a str,
    pub jurisdiction: &'a str,
    pub applies_to: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub exempt: &'a [String],
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_until: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_reason: Option<String>,
    pub effective_from: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_to: Option<&'a str>,
    pub parameters: Vec<ParameterView<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<&'a str>,
    pub citation: &'a str,
}

/// A parameter's whole schedule, and its value at the listing's date.
#[derive(Debug, Clone, Serialize)]
pub struct ParameterView<'a> {
    pub name: &'a str,
    pub unit: &'a str,
    pub basis: &'a str,
    /// The value in force at the listing's date (absent before the first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    pub values: &'a [DatedValue],
}

impl<'a> RuleBook<'a> {
    /// The dataset's rules, with its `rules_meta` as-of date.
    pub fn load(data: &'a Dataset) -> Result<RuleBook<'a>, RulesError> {
        let meta = data
            .rules_meta
            .first()
            .ok_or_else(|| RulesError::missing("rules_meta", "rules"))?;
        let as_of = parse(&meta.as_of)?;
        Ok(RuleBook { data, as_of })
    }

    pub fn data(&self) -> &'a Dataset {
        self.data
    }

    pub fn rule(&self, id: &str) -> Result<&'a Rule, RulesError> {
        self.data
            .rule(id)
            .ok_or_else(|| RulesError::missing("rule", id))
    }

    /// Every rule, in data order.
    pub fn rules(&self) -> impl Iterator<Item = &'a Rule> {
        self.data.rules.iter()
    }

    /// The status of `rule` on `date`.
    pub fn status_at(&self, rule: &Rule, date: Date) -> StatusAt {
        let span = rule.status.iter().rev().find(|s| starts(s) <= Some(date));
        match span {
            Some(s) if ends(s).is_none_or(|end| date < end) => StatusAt {
                status: s.status.clone(),
                since: starts(s),
                until: ends(s),
                source: Some(s.source.clone()),
                reason: s.reason.clone(),
            },
            // A gap after a span that ended: the rule is no longer what that span said.
            Some(s) => StatusAt {
                status: "unknown".into(),
                since: ends(s),
                until: None,
                source: None,
                reason: Some(format!(
                    "the {} span ended on {}; no later status in the data",
                    s.status,
                    s.until.as_deref().unwrap_or("?")
                )),
            },
            None => StatusAt {
                status: "not yet in force".into(),
                since: None,
                until: rule.status.first().and_then(starts),
                source: None,
                reason: None,
            },
        }
    }

    /// Whether `rule` is in force on `date`.
    pub fn in_force(&self, rule: &Rule, date: Date) -> bool {
        self.status_at(rule, date).status == "in force"
    }

    /// The value of a rule's parameter on `date` (the last value from on or before it).
    pub fn value_at(&self, rule: &Rule, name: &str, date: Date) -> Option<&'a DatedValue> {
        let rule = self.data.rule(&rule.id)?;
        rule.parameters
            .iter()
            .find(|p| p.name == name)?
            .values
            .iter()
            .rev()
            .find(|v| Date::parse(&v.from).is_some_and(|from| from <= date))
    }

    /// A parameter's value on `date`, or an error naming the rule and parameter.
    pub fn require(&self, rule: &Rule, name: &str, date: Date) -> Result<f64, RulesError> {
        self.value_at(rule, name, date)
            .map(|v| v.value)
            .ok_or_else(|| RulesError::Parameter {
                rule: rule.id.clone(),
                name: name.into(),
                date,
            })
    }

    /// The steps of a schedule parameter, as (year, value), for year-keyed parameters.
    pub fn yearly(&self, rule: &Rule, name: &str) -> Vec<(i32, f64)> {
        rule.parameters
            .iter()
            .find(|p| p.name == name)
            .map(|p| {
                p.values
                    .iter()
                    .filter_map(|v| Date::parse(&v.from).map(|d| (d.year(), v.value)))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The covered nations of the foreign-entity rule.
    pub fn covered_nations(&self) -> Result<Vec<&'a str>, RulesError> {
        let rule = self.rule(FOREIGN_ENTITY_RULE)?;
        Ok(rule
            .applies_to
            .iter()
            .filter_map(|s| s.strip_prefix("covered-nation:"))
            .collect())
    }

    /// The listed entity of that name or alias, on a list by `date`.
    pub fn listed(&self, name: &str, date: Date) -> Option<&'a ListedEntity> {
        let wanted = name.trim().to_lowercase();
        self.data.listed_entities.iter().find(|e| {
            Date::parse(&e.since).is_some_and(|since| since <= date)
                && std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .any(|n| n.to_lowercase() == wanted)
        })
    }

    /// Every rule at `date`, optionally only those in force.
    pub fn listing(&self, date: Date, in_force_only: bool) -> Vec<RuleView<'a>> {
        self.rules()
            .map(|r| self.view(r, date))
            .filter(|v| !in_force_only || v.status == "in force")
            .collect()
    }

    fn view(&self, r: &'a Rule, date: Date) -> RuleView<'a> {
        let status = self.status_at(r, date);
        RuleView {
            id: &r.id,
            title: &r.title,
            kind: &r.kind,
            jurisdiction: &r.jurisdiction,
            applies_to: &r.applies_to,
            exempt: &r.exempt,
            status: status.status,
            status_date: status.since,
            status_until: status.until,
            status_reason: status.reason,
            effective_from: &r.effective_from,
            effective_to: r.effective_to.as_deref(),
            parameters: r
                .parameters
                .iter()
                .map(|p| ParameterView {
                    name: &p.name,
                    unit: &p.unit,
                    basis: &p.basis,
                    value: self.value_at(r, &p.name, date).map(|v| v.value),
                    values: &p.values,
                })
                .collect(),
            reading: r.reading.as_deref(),
            citation: &r.citation,
        }
    }
}

fn starts(s: &RuleStatus) -> Option<Date> {
    Date::parse(&s.from)
}

fn ends(s: &RuleStatus) -> Option<Date> {
    s.until.as_deref().and_then(Date::parse)
}

pub(crate) fn parse(s: &str) -> Result<Date, RulesError> {
    Date::parse(s).ok_or_else(|| RulesError::Date(s.to_string()))
}
