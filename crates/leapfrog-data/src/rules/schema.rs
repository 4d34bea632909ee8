//! Rules as dated data, in the manner of OpenFisca's parameters: every value carries the date
//! it takes effect and its reference, and every rule its status history.

use crate::bounds::bounds;
use crate::keyed::Origin;
use serde::{Deserialize, Serialize};

/// What the rules describe: the last date the sources cover.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RulesMeta {
    pub id: String,
    /// YYYY-MM-DD: the last date our sources cover; the default date of `leapfrog rules`.
    pub as_of: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(RulesMeta {});

/// One rule: a credit, threshold schedule, entity test, duty, export control or licence law.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub title: String,
    /// One of `RULE_KINDS`.
    pub kind: String,
    /// The region whose law it is (an id in regions.toml).
    pub jurisdiction: String,
    /// What it covers, as `prefix:value` (one of `SCOPE_PREFIXES`), e.g. `hts:8507.60.0010`,
    /// `origin:CN`, `product:battery-cell`, `covered-nation:CN`.
    pub applies_to: Vec<String>,
    /// What it excludes, in the same form (e.g. `origin:KR` for a free-trade partner).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exempt: Vec<String>,
    /// YYYY-MM-DD: first day the rule's operative terms apply.
    pub effective_from: String,
    /// YYYY-MM-DD: last day they apply, when the text sets one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_to: Option<String>,
    /// The status history, in date order.
    pub status: Vec<RuleStatus>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<RuleParameter>,
    /// For a rule whose text admits two readings, the one applied (`READINGS`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<String>,
    /// The primary citation: an id in sources.toml (statute, notice, opinion, announcement).
    pub citation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(Rule {});

/// A span of the rule's status: from `from` until the day before `until` (open when absent).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RuleStatus {
    /// One of `RULE_STATUSES`.
    pub status: String,
    pub from: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Whether duties collected under the rule are refunded from this span on (a court struck
    /// it down; a trade-remedy investigation ended without an order).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub refund: bool,
}

/// A named parameter of a rule as a step function of date.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RuleParameter {
    pub name: String,
    pub unit: String,
    /// What the dates count: `date` (of entry, sale or signing), `year-sold`,
    /// `construction-start` or `taxable-year`.
    pub basis: String,
    pub values: Vec<DatedValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A value from a date on, with its reference.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DatedValue {
    pub from: String,
    pub value: f64,
    pub source: String,
}

/// An entity named on a list a foreign-entity test reads (the list is a rule of kind
/// `entity-list`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ListedEntity {
    pub id: String,
    pub name: String,
    /// Other names the entity trades under; matching is on name or alias, case-insensitive.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Country of organisation (a region id).
    pub country: String,
    /// The ids of the `entity-list` rules that name it.
    pub lists: Vec<String>,
    /// YYYY-MM-DD: the earliest date it is on any of them.
    pub since: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(ListedEntity {});
