//! Capex per GWh of announced projects, and statistics over groups of them.

use crate::{median, MarketError, Result};
use leapfrog_data::{Dataset, Project};
use serde::Serialize;

#[derive(Debug, Clone, Default)]
pub struct CapexFilter {
    /// Company id or name, case-insensitive.
    pub company: Option<String>,
    /// Region id (ISO alpha-2) of the site, case-insensitive.
    pub country: Option<String>,
    /// Announced in this year or later.
    pub since: Option<i32>,
    /// Only the projects of this `project_set`.
    pub set: Option<String>,
    /// Restate investments in dollars of this year (CPI-U); `None` keeps nominal dollars.
    pub usd_year: Option<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Company,
    Country,
    /// Companies headquartered in China against all others.
    HqGroup,
}

#[derive(Debug, Clone, Serialize)]
pub struct CapexRow {
    pub project: String,
    pub company: String,
    pub company_hq: String,
    pub site: String,
    pub country: String,
    pub announced_year: i32,
    pub capacity_gwh: f64,
    pub investment_musd: f64,
    pub musd_per_gwh: f64,
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CapexStats {
    pub label: String,
    pub projects: usize,
    pub capacity_gwh: f64,
    pub investment_musd: f64,
    /// Total investment over total capacity.
    pub weighted_musd_per_gwh: f64,
    /// Simple mean of the projects' capex per GWh.
    pub mean_musd_per_gwh: f64,
    pub median_musd_per_gwh: f64,
    pub min_musd_per_gwh: f64,
    pub max_musd_per_gwh: f64,
}

/// The projects that match, with capex per GWh; the second list holds matching projects
/// left out because they disclose no investment.
pub fn capex_rows(data: &Dataset, f: &CapexFilter) -> Result<(Vec<CapexRow>, Vec<String>)> {
    let set = match &f.set {
        Some(id) => Some(
            data.project_sets
                .iter()
                .find(|s| s.id == *id)
                .ok_or_else(|| MarketError::Input(format!("no project set `{id}`")))?,
        ),
        None => None,
    };
    let mut rows = Vec::new();
    let mut undisclosed = Vec::new();
    for p in &data.projects {
        if !matches(data, p, f) || set.is_some_and(|s| !s.projects.contains(&p.id)) {
            continue;
        }
        match data.project_investment_musd(p, f.usd_year)? {
            Some(inv) => rows.push(row(data, p, inv)),
            None => undisclosed.push(p.id.clone()),
        }
    }
    Ok((rows, undisclosed))
}

fn matches(data: &Dataset, p: &Project, f: &CapexFilter) -> bool {
    let company_ok = f.company.as_ref().is_none_or(|c| {
        let name = data.company(&p.company).map_or("", |x| x.name.as_str());
        p.company.eq_ignore_ascii_case(c) || name.to_lowercase().starts_with(&c.to_lowercase())
    });
    let country_ok = f
        .country
        .as_ref()
        .is_none_or(|c| p.country.eq_ignore_ascii_case(c));
    let since_ok = f.since.is_none_or(|y| p.announced_year >= y);
    company_ok && country_ok && since_ok
}

fn row(data: &Dataset, p: &Project, investment_musd: f64) -> CapexRow {
    let company = data.company(&p.company);
    CapexRow {
        project: p.id.clone(),
        company: company.map_or(p.company.clone(), |c| c.name.clone()),
        company_hq: company.map_or(String::new(), |c| c.hq_country.clone()),
        site: p.site.clone(),
        country: p.country.clone(),
        announced_year: p.announced_year,
        capacity_gwh: p.capacity_gwh,
        investment_musd,
        musd_per_gwh: investment_musd / p.capacity_gwh,
        source: p.source.clone(),
    }
}

/// Statistics over rows; `None` for an empty list (no NaN means).
pub fn summarize(label: &str, rows: &[CapexRow]) -> Option<CapexStats> {
    if rows.is_empty() {
        return None;
    }
    let per: Vec<f64> = rows.iter().map(|r| r.musd_per_gwh).collect();
    let capacity: f64 = rows.iter().map(|r| r.capacity_gwh).sum();
    let investment: f64 = rows.iter().map(|r| r.investment_musd).sum();
    Some(CapexStats {
        label: label.to_string(),
        projects: rows.len(),
        capacity_gwh: capacity,
        investment_musd: investment,
        weighted_musd_per_gwh: investment / capacity,
        mean_musd_per_gwh: per.iter().sum::<f64>() / per.len() as f64,
        median_musd_per_gwh: median(&per)?,
        min_musd_per_gwh: per.iter().copied().fold(f64::INFINITY, f64::min),
        max_musd_per_gwh: per.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    })
}

/// Statistics per group, in order of first appearance.
pub fn group(rows: &[CapexRow], by: GroupBy) -> Vec<CapexStats> {
    let key = |r: &CapexRow| match by {
        GroupBy::Company => r.company.clone(),
        GroupBy::Country => r.country.clone(),
        GroupBy::HqGroup if r.company_hq == "CN" => "Chinese companies".to_string(),
        GroupBy::HqGroup => "Non-Chinese companies".to_string(),
    };
    let mut labels: Vec<String> = Vec::new();
    for r in rows {
        let k = key(r);
        if !labels.contains(&k) {
            labels.push(k);
        }
    }
    labels
        .iter()
        .filter_map(|l| {
            let members: Vec<CapexRow> = rows.iter().filter(|r| key(r) == *l).cloned().collect();
            summarize(l, &members)
        })
        .collect()
}
