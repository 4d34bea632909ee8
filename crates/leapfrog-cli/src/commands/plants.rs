//! `leapfrog plants`: the cell plants of the data (data/plants.toml) in a year, with their
//! status, capacity, owners and sources, totals by country and firm, and the share of a
//! published ex-China capacity total the operating plants outside China cover.

use crate::output::{emit, num, InputError, OutputArgs, Table};
use leapfrog_data::{Dataset, Plant};
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    /// Only plants of this firm (case-insensitive; part of the name will do).
    #[arg(long)]
    firm: Option<String>,
    /// Only plants in this country (a region id, e.g. US).
    #[arg(long)]
    country: Option<String>,
    /// Only plants with this status in the year: operating, construction, announced, paused,
    /// cancelled, closed.
    #[arg(long)]
    status: Option<String>,
    /// The year to read status and capacity at.
    #[arg(long, default_value = "2024", value_parser = crate::options::year)]
    year: i32,
    #[command(flatten)]
    output: OutputArgs,
}

/// A plant as it stood in the year asked.
#[derive(Debug, Serialize)]
struct PlantRow<'a> {
    id: &'a str,
    firm: &'a str,
    site_country: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    site: Option<&'a str>,
    chemistry: &'a str,
    status: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    status_source: Option<&'a str>,
    /// Absent when no capacity for the year or before is published in our sources.
    #[serde(skip_serializing_if = "Option::is_none")]
    capacity_gwh: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    capacity_source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    capacity_note: Option<&'static str>,
    owners: String,
    /// The plant's announcements in data/projects.toml.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    projects: &'a [String],
    source: &'a str,
}

#[derive(Debug, Default, Serialize)]
struct Total {
    operating_gwh: f64,
    construction_gwh: f64,
    plants: usize,
    /// Plants counted whose capacity is not published (not in the GWh sums).
    plants_without_capacity: usize,
}

pub fn run(dir: Option<&Path>, a: Args) -> crate::Result {
    let data = super::load(dir)?;
    if let Some(c) = &a.country {
        if data.region(c).is_none() {
            return Err(InputError(format!("--country {c}: not a region id; allowed: a region id of data/regions.toml (e.g. US, CN, KR)")).into());
        }
    }
    // The data's statuses, and "unknown" for a plant whose record gives none by the year.
    let known = |s: &str| leapfrog_data::PLANT_STATUSES.contains(&s) || s == "unknown";
    if let Some(s) = a.status.as_deref().filter(|s| !known(s)) {
        return Err(InputError(format!(
            "--status {s}: not a plant status; allowed: {}, unknown",
            leapfrog_data::PLANT_STATUSES.join(", ")
        ))
        .into());
    }
    let rows: Vec<PlantRow> = data
        .plants
        .iter()
        .filter(|p| !p.capacity_gwh.is_empty() || !p.status.is_empty())
        .map(|p| row(p, a.year))
        .filter(|r| {
            a.firm
                .as_ref()
                .is_none_or(|f| r.firm.to_lowercase().contains(&f.to_lowercase()))
        })
        .filter(|r| a.country.as_ref().is_none_or(|c| r.site_country == c))
        .filter(|r| a.status.as_ref().is_none_or(|s| r.status == s))
        .collect();
    let totals = totals(&rows);
    let coverage = coverage(&data, a.year);
    let mut t = Table::new(&[
        "plant",
        "firm",
        "country",
        "chemistry",
        "status",
        "GWh/yr",
        "owners",
        "source",
    ]);
    for r in &rows {
        t.push(vec![
            r.id.into(),
            r.firm.into(),
            r.site_country.into(),
            r.chemistry.into(),
            r.status.into(),
            r.capacity_gwh.map_or("not published".into(), num),
            r.owners.clone(),
            r.source.into(),
        ]);
    }
    if a.output.format == crate::output::Format::Table {
        crate::outln!(
            "Cell plants in {} (data/plants.toml): status and nameplate capacity that year.",
            a.year
        );
    }
    emit(
        a.output.format,
        &t,
        &json!({ "year": a.year, "plants": rows, "totals": totals, "coverage": coverage }),
    )?;
    if a.output.format == crate::output::Format::Table {
        crate::outln!();
        crate::out!("{}", totals_table(&totals).text());
        if let Some(c) = &coverage {
            crate::outln!(
                "Operating plants outside China in the data: {} GWh/yr, {:.0}% of the {} GWh/yr ex-China total of {} ({}{}); {} more operating plants outside China publish no capacity.",
                num(c["covered_gwh"].as_f64().unwrap_or(0.0)),
                100.0 * c["share"].as_f64().unwrap_or(0.0),
                num(c["total_gwh"].as_f64().unwrap_or(0.0)),
                c["year"],
                c["source"].as_str().unwrap_or(""),
                if c["derived"] == true { ", derived from the source's figures" } else { "" },
                c["operating_plants_without_capacity"]
            );
        }
    }
    Ok(())
}

fn row(p: &Plant, year: i32) -> PlantRow<'_> {
    let status = p.status_in(year);
    let capacity = p.capacity_in(year);
    let owners = if p.owner.owners.is_empty() {
        format!("{} ({})", p.owner.name, p.owner.organised_in)
    } else {
        p.owner
            .owners
            .iter()
            .map(|o| format!("{} {} {:.0}%", o.name, o.country, 100.0 * o.share))
            .collect::<Vec<_>>()
            .join("; ")
    };
    PlantRow {
        id: &p.id,
        firm: p.firm.as_deref().unwrap_or(&p.owner.name),
        site_country: &p.site_country,
        site: p.site.as_deref(),
        chemistry: p.chemistry.as_deref().unwrap_or("unknown"),
        status: status.map_or("unknown", |s| s.status.as_str()),
        status_source: status.map(|s| s.source.as_str()),
        capacity_gwh: capacity.map(|c| c.value),
        capacity_source: capacity.map(|c| c.source.as_str()),
        capacity_note: capacity
            .is_none()
            .then_some("no capacity published for this year or before in our sources"),
        owners,
        projects: &p.projects,
        source: p.source.as_deref().unwrap_or("-"),
    }
}

fn totals<'a>(rows: &[PlantRow<'a>]) -> BTreeMap<&'static str, BTreeMap<&'a str, Total>> {
    let mut by: BTreeMap<&'static str, BTreeMap<&'a str, Total>> = BTreeMap::new();
    for r in rows {
        for (kind, key) in [("by_country", r.site_country), ("by_firm", r.firm)] {
            let t = by.entry(kind).or_default().entry(key).or_default();
            t.plants += 1;
            let gwh = r.capacity_gwh.unwrap_or(0.0);
            match r.status {
                "operating" => t.operating_gwh += gwh,
                "construction" => t.construction_gwh += gwh,
                _ => {}
            }
            if r.capacity_gwh.is_none() {
                t.plants_without_capacity += 1;
            }
        }
    }
    by
}

fn totals_table(totals: &BTreeMap<&'static str, BTreeMap<&str, Total>>) -> Table {
    let mut t = Table::new(&[
        "total",
        "of",
        "plants",
        "operating GWh/yr",
        "under construction GWh/yr",
        "plants with no published capacity",
    ]);
    for (kind, group) in totals {
        for (key, v) in group {
            t.push(vec![
                kind.replace('_', " "),
                key.to_string(),
                v.plants.to_string(),
                num(v.operating_gwh),
                num(v.construction_gwh),
                v.plants_without_capacity.to_string(),
            ]);
        }
    }
    t
}

/// The operating capacity outside China in the data against the data's ex-China total for
/// the year (absent when there is none).
fn coverage(data: &Dataset, year: i32) -> Option<serde_json::Value> {
    let total = data
        .capacity_totals
        .iter()
        .find(|t| t.scope == "ex-china" && t.year == year)?;
    let operating: Vec<&Plant> = data
        .plants
        .iter()
        .filter(|p| p.site_country != "CN")
        .filter(|p| p.status_in(year).is_some_and(|s| s.status == "operating"))
        .collect();
    let covered: f64 = operating
        .iter()
        .filter_map(|p| p.capacity_in(year).map(|c| c.value))
        .sum();
    let unpublished = operating
        .iter()
        .filter(|p| p.capacity_in(year).is_none())
        .count();
    Some(json!({
        "scope": "ex-china",
        "year": year,
        "total_id": total.id,
        "total_gwh": total.gwh,
        "covered_gwh": covered,
        "share": if total.gwh > 0.0 { covered / total.gwh } else { 0.0 },
        "source": total.source,
        "derived": total.derived,
        "operating_plants_without_capacity": unpublished,
    }))
}
