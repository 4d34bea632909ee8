//! The facts a rule is evaluated on: a plant (45X), a storage project (48E) and the parties
//! behind them. A user's `--plant` or `--project` file is one record with its keys at the top
//! level; the plants of the present-as-data layer use the same fields.

use crate::bounds::bounds;
use crate::keyed::Origin;
use serde::{Deserialize, Serialize};

/// A party: where it is organised, its principal place of business, and who owns it.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub name: String,
    /// Country of incorporation or organisation (a region id).
    pub organised_in: String,
    /// Country of the principal place of business, when it differs from `organised_in`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub principal_place: Option<String>,
    /// Direct owners with their shares (vote or value, whichever is larger).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owners: Vec<Owner>,
    /// Share of the party's debt held by specified foreign entities; absent when not stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debt_held_by_specified_share: Option<f64>,
    /// Whether a specified foreign entity may appoint one of its covered officers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub specified_appoints_officer: Option<bool>,
}

/// An owner of a party.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Owner {
    pub name: String,
    /// Where the owner is organised (a region id).
    pub country: String,
    pub share: f64,
}

/// A direct material of the product, its cost and who supplied it.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Component {
    pub name: String,
    pub cost_usd_per_kwh: f64,
    /// Where the component was made (a region id).
    pub made_in: String,
    pub supplier: Party,
}

/// A licence into the plant: its licensor, dates, terms and the years payments were made.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LicenceIn {
    pub licensor: String,
    /// Where the licensor is organised (a region id).
    pub licensor_country: String,
    /// YYYY-MM-DD the agreement was entered into.
    pub entered: String,
    /// YYYY-MM-DD it was last modified, if ever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// Effective-control terms it grants the licensor (`EFFECTIVE_CONTROL_TERMS`).
    #[serde(default)]
    pub terms: Vec<String>,
    /// Taxable years in which the plant paid the licensor (royalties, fees).
    #[serde(default)]
    pub payment_years: Vec<i32>,
}

/// A battery cell plant: the present-as-data record (firm, site, capacity by year, status,
/// buyers, each figure sourced) and the facts 45X is evaluated on (owner, direct materials,
/// licences). A `--plant` file for `rules check` needs the components; a data record may omit
/// them.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Plant {
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The operating firm as commonly named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firm: Option<String>,
    /// Where the plant makes its product (a region id).
    pub site_country: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// As published: NMC, NCA, NCMA, LFP, LMFP, LMO, sodium-ion, mixed or unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chemistry: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    /// Nameplate capacity by year, GWh/yr, each value sourced.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capacity_gwh: Vec<YearValue>,
    /// When construction started: YYYY, YYYY-MM or YYYY-MM-DD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub construction_start: Option<String>,
    /// When production started, in the same form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub production_start: Option<String>,
    /// Status history: operating, construction, announced, paused, cancelled or closed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status: Vec<PlantStatus>,
    /// Captive (joint venture with a carmaker), contracted or own-use buyers, where published.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub buyers: Vec<Buyer>,
    /// The announcements of this plant in data/projects.toml (their capex and capacity as
    /// announced).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<String>,
    pub owner: Party,
    /// The cell's energy density (45X's battery cell needs at least 100 Wh/L), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell_wh_per_l: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<Component>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub licences: Vec<LicenceIn>,
    /// The record's main source (a data record needs one; a user's file need not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

/// A value in a year, with its reference.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct YearValue {
    pub year: i32,
    pub value: f64,
    pub source: String,
}

/// A plant's status from a date on.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PlantStatus {
    pub status: String,
    /// YYYY, YYYY-MM or YYYY-MM-DD.
    pub from: String,
    pub source: String,
}

/// A buyer of a plant's output.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Buyer {
    pub name: String,
    /// captive-jv, offtake or own-use.
    pub kind: String,
    pub source: String,
}

impl Plant {
    /// The status in force at the end of `year`, if the record gives one by then.
    pub fn status_in(&self, year: i32) -> Option<&PlantStatus> {
        self.status.iter().rev().find(|s| {
            s.from
                .get(..4)
                .and_then(|y| y.parse::<i32>().ok())
                .is_some_and(|y| y <= year)
        })
    }

    /// Nameplate capacity in `year`: the last value given for that year or before.
    pub fn capacity_in(&self, year: i32) -> Option<&YearValue> {
        self.capacity_gwh.iter().rev().find(|v| v.year <= year)
    }
}

bounds!(Plant {
    cell_wh_per_l: within(0.0, 5000.0, "0 to 5000 Wh/L"),
});

/// An energy storage project for 48E: its owner, construction start and direct materials.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StorageProject {
    #[serde(default)]
    pub id: String,
    pub site_country: String,
    /// YYYY-MM-DD construction began.
    pub construction_start: String,
    pub owner: Party,
    /// Direct costs of the manufactured products in it, per kWh of storage.
    pub components: Vec<Component>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub licences: Vec<LicenceIn>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(StorageProject {});
