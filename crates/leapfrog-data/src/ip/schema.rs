//! Licence chains: technologies, the organisations that invent, license, sublicense, buy and
//! manufacture them, and the dated events between them. A fact that is not public is recorded
//! as not public, with the source that says so; it is never filled in.

use crate::keyed::Origin;
use serde::{Deserialize, Serialize};

/// A battery technology whose licence chain is followed.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IpTechnology {
    pub id: String,
    pub name: String,
    /// Supply chains (data/supply.toml) whose country shares show where the technology's
    /// industry now sits.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supply_chains: Vec<String>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

/// An organisation: where it is incorporated and, until an acquisition event says otherwise,
/// the country of its ultimate parent. A party whose identity is not public has
/// `public = false` and, where the source gives one, only its region.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IpOrganisation {
    pub id: String,
    /// The full name as the output prints it.
    pub name: String,
    /// university, laboratory, company, government or consortium.
    pub kind: String,
    /// Country of incorporation (an id in regions.toml); absent when not public.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Country of the ultimate parent at the start of the record; acquisitions change it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_country: Option<String>,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub public: bool,
    /// What became of the organisation, when it closed, was acquired or went bankrupt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<OrganisationStatus>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

/// An organisation's end: closed, acquired or bankrupt, with what became of its IP where a
/// source says.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationStatus {
    /// closed, acquired or bankrupt.
    pub status: String,
    /// YYYY, YYYY-MM or YYYY-MM-DD.
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_fate: Option<String>,
    pub source: String,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IpEventKind {
    /// The invention, by `by`, with its public funder if any.
    Invention,
    /// A patent filing by `by` in `jurisdictions`.
    Patent,
    /// A licence from `by` to `to`.
    Licence,
    /// A sublicence from a licensee `by` to `to`, approved by `approved_by` where known.
    Sublicence,
    /// The whole licence handed from `by` to `to`.
    Transfer,
    /// `by` acquires `to` (its ultimate parent becomes `by`'s).
    Acquisition,
    /// Manufacturing at scale by `by` in `country`.
    Manufacturing,
    /// A decision that shapes the chain (e.g. not to enforce patents in a country).
    Decision,
}

/// One dated event of a technology's chain.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IpEvent {
    pub id: String,
    pub technology: String,
    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or a decade `YYYYs`: the precision the source gives.
    pub date: String,
    pub kind: IpEventKind,
    pub by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Invention: who paid for it ("US federal" and the agency, or a company).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funder: Option<String>,
    /// Invention: whether the funder is a government.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_funding: Option<bool>,
    /// Patent: where filed (region ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub jurisdictions: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclusive: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sublicensing: Option<bool>,
    /// Whether the licence binds the licensee to manufacture in the licensor's country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manufacturing_condition: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_of_use: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<String>,
    /// Manufacturing: where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_gwh_per_year: Option<f64>,
    /// Manufacturing: capacity where the source states a power rating (MW of batteries a
    /// year), not energy: a power rating is not a GWh, and no discharge time converts it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_mw_per_year: Option<f64>,
    /// Manufacturing: whether it was at scale (the chain's `scaled_abroad` is the first such
    /// event outside the U.S.); a pilot or captive plant says false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_scale: Option<bool>,
    /// Acquisition: whether the assets were bought in bankruptcy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_bankruptcy: Option<bool>,
    pub summary: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

/// A date with the precision its source gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct IpDate {
    /// Sort key: the first day the date can mean, as yyyymmdd.
    pub start: u32,
    /// The last day it can mean.
    pub end: u32,
}

impl IpDate {
    /// Reads `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYYs`.
    pub fn parse(s: &str) -> Option<IpDate> {
        let num = |t: &str| t.parse::<u32>().ok();
        if let Some(decade) = s.strip_suffix('s') {
            let y = num(decade).filter(|y| decade.len() == 4 && y % 10 == 0)?;
            return Some(IpDate {
                start: y * 10_000 + 101,
                end: (y + 9) * 10_000 + 1231,
            });
        }
        let parts: Vec<&str> = s.split('-').collect();
        let year = num(parts[0]).filter(|_| parts[0].len() == 4)?;
        match parts.as_slice() {
            [_] => Some(IpDate {
                start: year * 10_000 + 101,
                end: year * 10_000 + 1231,
            }),
            [_, m] => {
                let m = num(m).filter(|m| (1..=12).contains(m))?;
                Some(IpDate {
                    start: year * 10_000 + m * 100 + 1,
                    end: year * 10_000 + m * 100 + 31,
                })
            }
            [_, m, d] => {
                let m = num(m).filter(|m| (1..=12).contains(m))?;
                let d = num(d).filter(|d| (1..=31).contains(d))?;
                let day = year * 10_000 + m * 100 + d;
                Some(IpDate {
                    start: day,
                    end: day,
                })
            }
            _ => None,
        }
    }

    pub fn year(&self) -> u32 {
        self.start / 10_000
    }
}

/// A planned licence, for `leapfrog ip check` (a start-up's or a technology-transfer office's
/// deal): who licenses what to whom, and on what terms.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IpDeal {
    pub id: String,
    pub licensor: String,
    pub licensee: String,
    /// Where the licensee is incorporated (a region id).
    pub licensee_country: String,
    /// Where its ultimate parent is (a region id).
    pub licensee_parent_country: String,
    /// Whether a government paid for the invention.
    pub publicly_funded: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funder: Option<String>,
    pub date: String,
    pub exclusive: bool,
    pub sublicensing_allowed: bool,
    /// Whether the licence binds the licensee to manufacture in the United States.
    pub manufacturing_condition: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_of_use: Option<String>,
    /// Where the licensor is incorporated (a region id); an inbound licence from a specified
    /// foreign entity is tested for effective control.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licensor_country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licensor_parent_country: Option<String>,
    /// Who holds title to the funded invention: small-business, nonprofit, large-business or
    /// government (35 U.S.C. 204 binds the first two and their assignees).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_holder_kind: Option<String>,
    /// YYYY-MM-DD the funding agreement was signed (DOE's 2021 determination covers agreements
    /// from 1 October 2021).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding_agreement_date: Option<String>,
    /// us, ex-us or worldwide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub territory: Option<String>,
    /// Effective-control terms the licensor keeps (specify-sourcing, direct-operation, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub control_terms: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_of_control: Option<DealChangeOfControl>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiver: Option<DealWaiver>,
    /// Whether the funding agency approved the sublicence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_sublicence: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

/// An acquisition of the licensee.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DealChangeOfControl {
    pub acquirer: String,
    /// Where the acquirer (or its parent) is (a region id).
    pub acquirer_country: String,
    /// YYYY-MM-DD.
    pub date: String,
    /// Whether the licensee's assets were sold in bankruptcy.
    #[serde(default)]
    pub in_bankruptcy: bool,
}

/// A funding agency's waiver of the U.S.-manufacturing requirement.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DealWaiver {
    pub agency: String,
    /// YYYY-MM-DD.
    pub date: String,
    pub source: String,
}
