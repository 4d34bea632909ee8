//! leapfrog-ip: each technology's chain from invention to scaled manufacturing, the first step
//! at which U.S.-originated rights left U.S. jurisdiction (the licence holder's country of
//! incorporation) and U.S. control (its ultimate parent's country), where the technology was
//! made at scale, and checks after the assessment's first policy lever.
//!
//! Jurisdiction follows the licence itself (licences and transfers), as the assessment reads
//! the vanadium case ("the U.S. lost jurisdiction ... once the license was transferred"); a
//! sublicence leaves U.S. control when the sublicensee's parent is foreign, but not U.S.
//! jurisdiction, which stays with the licence holder.

mod deals;

pub use deals::{check_deals, DealFinding};

use leapfrog_data::{Dataset, IpDate, IpEvent, IpEventKind, IpOrganisation, NotFound};
use leapfrog_rules::{Aspect, ChangeOfControl, LicenceChecks, LicenceFacts, RuleBook, Severity};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error)]
pub enum IpError {
    #[error(transparent)]
    Unknown(Box<NotFound>),
    #[error(transparent)]
    Rules(#[from] leapfrog_rules::RulesError),
}

impl From<NotFound> for IpError {
    fn from(e: NotFound) -> IpError {
        IpError::Unknown(Box::new(e))
    }
}

impl leapfrog_data::Blamed for IpError {
    fn blame(&self) -> leapfrog_data::Blame {
        leapfrog_data::Blame::User
    }
}

pub const US: &str = "US";

/// One event as the timeline prints it, with full names.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub id: String,
    pub date: String,
    pub kind: IpEventKind,
    pub by: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    pub summary: String,
    pub source: String,
}

/// Where the rights first left the United States, and by which event.
#[derive(Debug, Clone, Serialize)]
pub struct Exit {
    pub event: String,
    pub date: String,
    pub to: String,
    /// The country that took over (incorporation for jurisdiction, parent for control).
    pub country: String,
    pub summary: String,
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Scaled {
    pub event: String,
    pub date: String,
    pub by: String,
    pub country: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity_gwh_per_year: Option<f64>,
    /// Where the source rates the plant in power (MW a year), not energy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity_mw_per_year: Option<f64>,
}

/// A check after the assessment's first lever, with the event that triggers it.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub check: &'static str,
    /// `violation`, `flag` or `note`.
    pub severity: Severity,
    /// `jurisdiction` (where the rights holder is incorporated or the thing is made) or
    /// `control` (who owns it).
    pub aspect: Aspect,
    pub event: String,
    pub date: String,
    pub finding: String,
    pub source: String,
    /// The rule applied (data/rules.toml), when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
}

/// What became of an organisation of the chain (closed, acquired, bankrupt), from the data.
#[derive(Debug, Clone, Serialize)]
pub struct PartyStatus {
    pub organisation: String,
    pub status: String,
    pub date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip_fate: Option<String>,
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Chain {
    pub technology: String,
    pub name: String,
    /// The first invention by a U.S.-incorporated organisation, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub us_invention: Option<Step>,
    pub timeline: Vec<Step>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left_us_jurisdiction: Option<Exit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left_us_control: Option<Exit>,
    /// Manufacturing events, earliest first; the first outside the U.S. is where it scaled.
    pub manufacturing: Vec<Scaled>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scaled_abroad: Option<Scaled>,
    pub findings: Vec<Finding>,
    /// Organisations of the chain that closed, were acquired or went bankrupt.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub statuses: Vec<PartyStatus>,
}

/// Countries of each organisation over a chain: incorporation, and the ultimate parent as
/// acquisitions change it.
struct Owners<'a> {
    data: &'a Dataset,
    /// (organisation, from date, parent country) after each acquisition, in date order.
    acquisitions: Vec<(&'a str, IpDate, Option<&'a str>)>,
}

impl<'a> Owners<'a> {
    fn new(data: &'a Dataset, events: &[&'a IpEvent]) -> Self {
        let acquisitions = events
            .iter()
            .filter(|e| e.kind == IpEventKind::Acquisition)
            .filter_map(|e| {
                let acquirer = data.ip_organisation(&e.by)?;
                Some((
                    e.to.as_deref()?,
                    date(e),
                    acquirer.parent_country.as_deref(),
                ))
            })
            .collect();
        Owners { data, acquisitions }
    }

    fn org(&self, id: &str) -> Option<&'a IpOrganisation> {
        self.data.ip_organisation(id)
    }

    fn incorporation(&self, id: &str) -> Option<&'a str> {
        self.org(id)?.country.as_deref()
    }

    /// The parent's country on `at`: the last acquisition on or before it, else the record's.
    fn parent(&self, id: &str, at: IpDate) -> Option<&'a str> {
        self.acquisitions
            .iter()
            .rfind(|(o, d, _)| *o == id && d.start <= at.start)
            .map(|(_, _, c)| *c)
            .unwrap_or_else(|| {
                self.org(id)
                    .and_then(|o| o.parent_country.as_deref().or(o.country.as_deref()))
            })
    }

    fn name(&self, id: &str) -> String {
        self.org(id).map_or(id.to_string(), |o| o.name.clone())
    }
}

fn date(e: &IpEvent) -> IpDate {
    // The data check refuses unreadable dates; an event that got past it sorts last.
    IpDate::parse(&e.date).unwrap_or(IpDate {
        start: u32::MAX,
        end: u32::MAX,
    })
}

fn is_grant(kind: IpEventKind) -> bool {
    matches!(
        kind,
        IpEventKind::Licence | IpEventKind::Sublicence | IpEventKind::Transfer
    )
}

/// The chain of `technology`.
pub fn chain(data: &Dataset, technology: &str) -> Result<Chain, IpError> {
    let t = data.find::<leapfrog_data::IpTechnology>(technology)?;
    let mut events: Vec<&IpEvent> = data
        .ip_events
        .iter()
        .filter(|e| e.technology == t.id)
        .collect();
    // By the middle year of each date's range (a 1970s licence after a 1972 invention), then
    // by kind (an invention before its patent in the same year), then by the exact middle.
    events.sort_by_key(|e| {
        let d = date(e);
        let middle_year = (d.start / 10_000 + d.end / 10_000) / 2;
        (
            middle_year,
            e.kind as u8,
            u64::from(d.start) + u64::from(d.end),
        )
    });
    let owners = Owners::new(data, &events);
    let step = |e: &IpEvent| Step {
        id: e.id.clone(),
        date: e.date.clone(),
        kind: e.kind,
        by: owners.name(&e.by),
        to: e.to.as_deref().map(|o| owners.name(o)),
        summary: e.summary.clone(),
        source: e.source.clone(),
    };
    let us_invention = events
        .iter()
        .find(|e| e.kind == IpEventKind::Invention && owners.incorporation(&e.by) == Some(US))
        .copied();
    let (left_us_jurisdiction, left_us_control) = match us_invention {
        Some(inv) => exits(&owners, &events, inv),
        None => (None, None),
    };
    let manufacturing: Vec<Scaled> = events
        .iter()
        .filter(|e| e.kind == IpEventKind::Manufacturing)
        .filter_map(|e| {
            Some(Scaled {
                event: e.id.clone(),
                date: e.date.clone(),
                by: owners.name(&e.by),
                country: e.country.clone()?,
                capacity_gwh_per_year: e.capacity_gwh_per_year,
                capacity_mw_per_year: e.capacity_mw_per_year,
            })
        })
        .collect();
    // A pilot or a company's own captive plant abroad is not where the chemistry scaled.
    let scaled_abroad = events
        .iter()
        .filter(|e| e.kind == IpEventKind::Manufacturing && e.at_scale != Some(false))
        .find_map(|e| {
            manufacturing
                .iter()
                .find(|m| m.event == e.id && m.country != US)
        })
        .cloned();
    let book = RuleBook::load(data)?;
    let checks = LicenceChecks::new(&book)?;
    let findings = findings(&owners, &checks, &events, us_invention);
    let statuses = statuses(data, &events);
    Ok(Chain {
        technology: t.id.clone(),
        name: t.name.clone(),
        us_invention: us_invention.map(step),
        timeline: events.iter().map(|e| step(e)).collect(),
        left_us_jurisdiction,
        left_us_control,
        manufacturing,
        scaled_abroad,
        findings,
        statuses,
    })
}

/// The organisations the chain names that the data record as closed, acquired or bankrupt.
fn statuses(data: &Dataset, events: &[&IpEvent]) -> Vec<PartyStatus> {
    let mut named: Vec<&str> = events
        .iter()
        .flat_map(|e| std::iter::once(e.by.as_str()).chain(e.to.as_deref()))
        .collect();
    named.dedup();
    let mut seen = Vec::new();
    named
        .into_iter()
        .filter_map(|id| {
            if seen.contains(&id) {
                return None;
            }
            seen.push(id);
            let o = data.ip_organisation(id)?;
            let st = o.status.as_ref()?;
            Some(PartyStatus {
                organisation: o.name.clone(),
                status: st.status.clone(),
                date: st.date.clone(),
                ip_fate: st.ip_fate.clone(),
                source: st.source.clone(),
            })
        })
        .collect()
}

/// The chains of every technology in the data.
pub fn chains(data: &Dataset) -> Result<Vec<Chain>, IpError> {
    data.ip_technologies
        .iter()
        .map(|t| chain(data, &t.id))
        .collect()
}

/// Follows the rights from the U.S. inventor: who holds them (by licence or transfer) and who
/// has them at all (sublicences too); the first grant to a foreign-incorporated holder is the
/// jurisdiction exit, the first holder or sublicensee with a foreign parent the control exit.
fn exits(
    owners: &Owners,
    events: &[&IpEvent],
    invention: &IpEvent,
) -> (Option<Exit>, Option<Exit>) {
    let mut holders: Vec<&str> = vec![invention.by.as_str()];
    let mut jurisdiction = None;
    let mut control = None;
    let exit = |e: &IpEvent, to: &str, country: &str| Exit {
        event: e.id.clone(),
        date: e.date.clone(),
        to: owners.name(to),
        country: country.to_string(),
        summary: e.summary.clone(),
        source: e.source.clone(),
    };
    // An event whose date range reaches past the invention's start may follow it (a 1970s
    // licence of a 1972 invention).
    for e in events
        .iter()
        .filter(|e| date(e).end >= date(invention).start)
    {
        let at = date(e);
        match (e.kind, e.to.as_deref()) {
            (kind, Some(to)) if is_grant(kind) && holders.contains(&e.by.as_str()) => {
                if kind != IpEventKind::Sublicence && jurisdiction.is_none() {
                    if let Some(c) = owners.incorporation(to).filter(|c| *c != US) {
                        jurisdiction = Some(exit(e, to, c));
                    }
                }
                if control.is_none() {
                    if let Some(c) = owners.parent(to, at).filter(|c| *c != US) {
                        control = Some(exit(e, to, c));
                    }
                }
                holders.push(to);
            }
            (IpEventKind::Acquisition, Some(to)) if holders.contains(&to) && control.is_none() => {
                if let Some(c) = owners.parent(to, at).filter(|c| *c != US) {
                    control = Some(exit(e, to, c));
                }
            }
            _ => {}
        }
    }
    (jurisdiction, control)
}

/// The assessment's first-lever checks on a chain: grants of publicly funded U.S. IP and
/// foreign acquisitions through the rules evaluator's licence checks (jurisdiction and control
/// told apart), sublicences without a domestic-manufacturing condition, and manufacturing
/// where no patent of the chain was filed.
fn findings(
    owners: &Owners,
    checks: &LicenceChecks,
    events: &[&IpEvent],
    us_invention: Option<&IpEvent>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let from_rule = |e: &IpEvent, f: leapfrog_rules::LicenceFinding| Finding {
        check: f.check,
        severity: f.severity,
        aspect: f.aspect,
        event: e.id.clone(),
        date: e.date.clone(),
        finding: f.finding,
        source: e.source.clone(),
        rule: f.rule,
        citation: f.citation,
    };
    let plain = |check: &'static str, severity, aspect, e: &IpEvent, text: String| Finding {
        check,
        severity,
        aspect,
        event: e.id.clone(),
        date: e.date.clone(),
        finding: text,
        source: e.source.clone(),
        rule: None,
        citation: None,
    };
    let public = us_invention.is_some_and(|i| i.public_funding == Some(true));
    for e in events {
        let Some(to) = e.to.as_deref() else { continue };
        let at = date(e);
        let (licensor, licensee) = (owners.name(&e.by), owners.name(to));
        let mut facts = LicenceFacts {
            licensor: &licensor,
            licensor_country: owners.incorporation(&e.by),
            licensee: &licensee,
            licensee_country: owners.incorporation(to),
            licensee_parent_country: owners.parent(to, at),
            publicly_funded: public,
            funder: us_invention.and_then(|i| i.funder.as_deref()),
            exclusive: e.exclusive,
            manufacturing_condition: e.manufacturing_condition,
            sublicensing: e.sublicensing,
            ..LicenceFacts::default()
        };
        if is_grant(e.kind) && public && owners.incorporation(&e.by) == Some(US) {
            out.extend(checks.where_it_goes(&facts).map(|f| from_rule(e, f)));
        }
        if e.kind == IpEventKind::Acquisition {
            let acquirer = owners.name(&e.by);
            let country = owners.parent(&e.by, at).or(owners.incorporation(&e.by));
            if let Some(country) = country {
                // The acquired party is the licensee whose control changes.
                facts.licensee = &licensee;
                facts.change_of_control = Some(ChangeOfControl {
                    acquirer: &acquirer,
                    acquirer_country: country,
                    date: None,
                    in_bankruptcy: e.in_bankruptcy == Some(true),
                });
                out.extend(
                    checks
                        .change_of_control(&facts)
                        .into_iter()
                        .map(|f| from_rule(e, f)),
                );
            }
        }
        if e.kind == IpEventKind::Sublicence && e.manufacturing_condition != Some(true) {
            let condition = match e.manufacturing_condition {
                Some(false) => "without a domestic-manufacturing condition",
                _ => "with no domestic-manufacturing condition on record",
            };
            out.push(plain(
                "sublicence-without-domestic-manufacturing",
                Severity::Flag,
                Aspect::Jurisdiction,
                e,
                format!("{licensor} sublicensed {licensee} {condition}"),
            ));
        }
    }
    let patented: BTreeMap<&str, &IpEvent> = events
        .iter()
        .filter(|e| e.kind == IpEventKind::Patent)
        .flat_map(|e| e.jurisdictions.iter().map(move |j| (j.as_str(), *e)))
        .collect();
    if !patented.is_empty() {
        for e in events
            .iter()
            .filter(|e| e.kind == IpEventKind::Manufacturing)
        {
            if let Some(c) = e.country.as_deref().filter(|c| !patented.contains_key(c)) {
                out.push(plain(
                    "no-patent-where-manufactured",
                    Severity::Note,
                    Aspect::Jurisdiction,
                    e,
                    format!(
                        "made in {c} by {}, where no patent of the chain was filed",
                        owners.name(&e.by)
                    ),
                ));
            }
        }
    }
    out
}
