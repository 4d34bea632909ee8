//! Capital cost of new cell capacity: announced projects' capex per GWh, by project, company
//! group and country, beside the published comparisons.

use crate::html::{chart, src};
use crate::section::Section;
use crate::svg::{self, fmt, Bar, Marker};
use crate::ReportError;
use leapfrog_data::{Dataset, ReferenceLayer};
use leapfrog_market::capex::{self, CapexFilter, CapexRow, CapexStats, GroupBy};
use maud::{html, Markup};
use serde::Serialize;
use std::fmt::Write;

#[derive(Debug, Serialize)]
pub struct CapexSection {
    pub usd_basis: String,
    pub projects: Vec<CapexRow>,
    /// What the data says of a project's figure (a partial or initial announcement, say), by
    /// project id.
    pub notes: std::collections::BTreeMap<String, String>,
    pub undisclosed: Vec<String>,
    pub by_group: Vec<CapexStats>,
    pub by_country: Vec<CapexStats>,
    pub comparisons: Vec<Comparison>,
}

/// A published comparison set beside leapfrog's own statistics for it.
#[derive(Debug, Serialize)]
pub struct Comparison {
    pub set: String,
    pub label: String,
    pub stats: CapexStats,
    pub published_musd_per_gwh: Option<f64>,
    pub source: String,
}

pub(crate) fn section(data: &Dataset) -> Result<CapexSection, ReportError> {
    let (mut rows, undisclosed) = capex::capex_rows(data, &CapexFilter::default())?;
    rows.sort_by(|a, b| a.musd_per_gwh.total_cmp(&b.musd_per_gwh));
    let comparisons = data
        .project_sets
        .iter()
        .map(|s| {
            let f = CapexFilter {
                set: Some(s.id.clone()),
                ..Default::default()
            };
            let (set_rows, _) = capex::capex_rows(data, &f)?;
            let stats = capex::summarize(&s.label, &set_rows).ok_or_else(|| {
                ReportError::Empty(format!(
                    "project set `{}` has no project with an investment",
                    s.id
                ))
            })?;
            Ok(Comparison {
                set: s.id.clone(),
                label: s.label.clone(),
                stats,
                published_musd_per_gwh: published_capex(data, &s.id),
                source: s.source.clone(),
            })
        })
        .collect::<Result<Vec<_>, ReportError>>()?;
    Ok(CapexSection {
        usd_basis: "US dollars at the announcement year's average exchange rate (Federal Reserve G.5A), not restated for inflation".into(),
        by_group: capex::group(&rows, GroupBy::HqGroup),
        by_country: capex::group(&rows, GroupBy::Country),
        projects: rows,
        notes: data
            .projects
            .iter()
            .filter_map(|p| Some((p.id.clone(), p.note.clone()?)))
            .collect(),
        undisclosed,
        comparisons,
    })
}

/// The published capex per GWh of a project set: its reference-zoo case (weighted or mean, as
/// the publication states it).
pub(crate) fn published_capex(data: &Dataset, set: &str) -> Option<f64> {
    data.references
        .iter()
        .find(|r| {
            r.layer == ReferenceLayer::Market
                && r.case == set
                && r.quantity.starts_with("set.")
                && r.quantity.ends_with("_musd_per_gwh")
        })
        .map(|r| r.value)
}

impl Section for CapexSection {
    fn json(&self) -> &dyn erased_serde::Serialize {
        self
    }

    fn key(&self) -> &'static str {
        "capex"
    }

    fn group(&self) -> &'static str {
        "market"
    }

    fn html(&self) -> Markup {
        html(self)
    }

    fn markdown(&self, m: &mut String) {
        let c = self;
        let _ = write!(
            m,
            "## Capital cost of new cell capacity\n\n{}.\n\n",
            c.usd_basis
        );
        m.push_str("| comparison | projects | GWh | M$ | M$/GWh weighted | M$/GWh mean | published | source |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
        for cmp in &c.comparisons {
            let s = &cmp.stats;
            let published = cmp.published_musd_per_gwh.map_or("-".into(), fmt);
            let _ = writeln!(
                m,
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                cmp.label,
                s.projects,
                fmt(s.capacity_gwh),
                fmt(s.investment_musd),
                fmt(s.weighted_musd_per_gwh),
                fmt(s.mean_musd_per_gwh),
                published,
                cmp.source
            );
        }
        m.push_str(
        "\n| project | country | GWh/yr | M$ | M$/GWh | source |\n|---|---|---:|---:|---:|---|\n",
    );
        for r in &c.projects {
            let _ = writeln!(
                m,
                "| {} | {} | {} | {} | {} | {} |",
                r.project,
                r.country,
                fmt(r.capacity_gwh),
                fmt(r.investment_musd),
                fmt(r.musd_per_gwh),
                r.source
            );
        }
    }
}

fn html(c: &CapexSection) -> Markup {
    let bars: Vec<Bar> = c
        .projects
        .iter()
        .map(|r| Bar {
            label: format!("{} ({})", r.project, r.country),
            value: r.musd_per_gwh,
            class: if r.company_hq == "CN" { "cn" } else { "other" },
        })
        .collect();
    let markers: Vec<Marker> = c
        .comparisons
        .iter()
        .filter_map(|cmp| {
            cmp.published_musd_per_gwh.map(|v| Marker {
                value: v,
                label: format!("{} (published)", fmt(v)),
            })
        })
        .collect();
    let country_bars: Vec<Bar> = c
        .by_country
        .iter()
        .map(|s| Bar {
            label: s.label.clone(),
            value: s.weighted_musd_per_gwh,
            class: if s.label == "CN" { "cn" } else { "neutral" },
        })
        .collect();
    html! {
        h2 { "Capital cost of new cell capacity, as announced" }
        p.note { "Investment announced per GWh of annual capacity, " (c.usd_basis) ": what companies said they would spend, not audited build costs. Excludes working capital and ramp-up." }
        table {
            tr { th { "comparison" } th { "projects" } th { "GWh" } th { "M$" } th { "M$/GWh weighted" } th { "M$/GWh mean" } th { "published" } th { "source" } }
            @for cmp in &c.comparisons {
                tr {
                    td { (cmp.label) }
                    td.n { (cmp.stats.projects) }
                    td.n { (fmt(cmp.stats.capacity_gwh)) }
                    td.n { (fmt(cmp.stats.investment_musd)) }
                    td.n { (fmt(cmp.stats.weighted_musd_per_gwh)) }
                    td.n { (fmt(cmp.stats.mean_musd_per_gwh)) }
                    td.n { (cmp.published_musd_per_gwh.map_or("-".into(), fmt)) }
                    td { (src(&cmp.source)) }
                }
            }
        }
        (chart(svg::bars(
            "Capex per GWh by project (red: Chinese companies)",
            "M$ per GWh/yr of capacity",
            &bars,
            &markers,
        )))
        (stats_table("By company group", &c.by_group))
        (chart(svg::bars(
            "Capacity-weighted capex per GWh by country of the site",
            "M$ per GWh/yr",
            &country_bars,
            &[],
        )))
        (stats_table("By country of the site", &c.by_country))
        h3 { "Projects" }
        table {
            tr { th { "project" } th { "company" } th { "site" } th { "year" } th { "GWh/yr" } th { "announced M$" } th { "M$/GWh" } th { "source" } th { "note" } }
            @for r in &c.projects {
                tr {
                    td { (r.project) }
                    td { (r.company) }
                    td { (r.site) ", " (r.country) }
                    td { (r.announced_year) }
                    td.n { (fmt(r.capacity_gwh)) }
                    td.n { (fmt(r.investment_musd)) }
                    td.n { (fmt(r.musd_per_gwh)) }
                    td { (src(&r.source)) }
                    td { (c.notes.get(&r.project).map_or("", String::as_str)) }
                }
            }
        }
        @if !c.undisclosed.is_empty() {
            p.note { "Left out for lack of a disclosed investment: " (c.undisclosed.join(", ")) "." }
        }
    }
}

fn stats_table(title: &str, stats: &[CapexStats]) -> Markup {
    html! {
        h3 { (title) }
        table {
            tr { th { "group" } th { "projects" } th { "GWh" } th { "weighted" } th { "mean" } th { "median" } th { "min" } th { "max" } }
            @for s in stats {
                tr {
                    td { (s.label) }
                    td.n { (s.projects) }
                    td.n { (fmt(s.capacity_gwh)) }
                    td.n { (fmt(s.weighted_musd_per_gwh)) }
                    td.n { (fmt(s.mean_musd_per_gwh)) }
                    td.n { (fmt(s.median_musd_per_gwh)) }
                    td.n { (fmt(s.min_musd_per_gwh)) }
                    td.n { (fmt(s.max_musd_per_gwh)) }
                }
            }
        }
    }
}
