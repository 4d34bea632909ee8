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
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error)]
pub enum IpError {
    #[error(transparent)]
    Unknown(Box<NotFound>),
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
}

/// A check after the assessment's first lever, with the event that triggers it.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub check: &'static str,
    pub event: String,
    pub date: String,
    pub finding: String,
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
            })
        })
        .collect();
    let scaled_abroad = manufacturing.iter().find(|m| m.country != US).cloned();
    let findings = findings(&owners, &events, us_invention);
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
    })
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

/// The assessment's first-lever checks on a chain.
fn findings(owners: &Owners, events: &[&IpEvent], us_invention: Option<&IpEvent>) -> Vec<Finding> {
    let mut out = Vec::new();
    let finding = |check: &'static str, e: &IpEvent, text: String| Finding {
        check,
        event: e.id.clone(),
        date: e.date.clone(),
        finding: text,
        source: e.source.clone(),
    };
    let public = us_invention.is_some_and(|i| i.public_funding == Some(true));
    for e in events.iter().filter(|e| is_grant(e.kind)) {
        let Some(to) = e.to.as_deref() else { continue };
        let at = date(e);
        let foreign = [owners.incorporation(to), owners.parent(to, at)]
            .into_iter()
            .flatten()
            .find(|c| *c != US);
        let from_us = owners.incorporation(&e.by) == Some(US);
        if public && from_us {
            if let Some(c) = foreign {
                out.push(finding(
                    "publicly-funded-ip-licensed-abroad",
                    e,
                    format!(
                        "publicly funded IP granted by {} to {} ({c}-incorporated or -controlled)",
                        owners.name(&e.by),
                        owners.name(to)
                    ),
                ));
            }
        }
        if e.kind == IpEventKind::Sublicence && e.manufacturing_condition != Some(true) {
            let condition = match e.manufacturing_condition {
                Some(false) => "without a domestic-manufacturing condition",
                _ => "with no domestic-manufacturing condition on record",
            };
            out.push(finding(
                "sublicence-without-domestic-manufacturing",
                e,
                format!(
                    "{} sublicensed {} {condition}",
                    owners.name(&e.by),
                    owners.name(to)
                ),
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
                out.push(finding(
                    "no-patent-where-manufactured",
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
