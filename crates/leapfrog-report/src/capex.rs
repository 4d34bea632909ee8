//! Capital cost of new cell capacity: announced projects' capex per GWh, by project, company
//! group and country, beside the published comparisons.

use crate::section::Section;
use crate::svg::{self, esc, fmt, Bar, Marker};
use crate::ReportError;
use leapfrog_data::{Dataset, ReferenceLayer};
use leapfrog_market::capex::{self, CapexFilter, CapexRow, CapexStats, GroupBy};
use serde::Serialize;
use std::fmt::Write;

#[derive(Debug, Serialize)]
pub struct CapexSection {
    pub usd_basis: String,
    pub projects: Vec<CapexRow>,
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
        undisclosed,
        comparisons,
    })
}

/// The published capex per GWh of a project set: its reference-zoo case (weighted or mean, as
/// the publication states it).
fn published_capex(data: &Dataset, set: &str) -> Option<f64> {
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

    fn html(&self, h: &mut String, src: &dyn Fn(&str) -> String) {
        html(self, h, src);
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

fn html(c: &CapexSection, h: &mut String, src: &dyn Fn(&str) -> String) {
    let _ = write!(h, "<h2>Capital cost of new cell capacity</h2><p class=\"note\">Capex per GWh of annual capacity, {}. Excludes working capital and ramp-up.</p>", esc(&c.usd_basis));
    h.push_str("<table><tr><th>comparison</th><th>projects</th><th>GWh</th><th>M$</th><th>M$/GWh weighted</th><th>M$/GWh mean</th><th>published</th><th>source</th></tr>");
    for cmp in &c.comparisons {
        let s = &cmp.stats;
        let published = cmp.published_musd_per_gwh.map_or("-".into(), fmt);
        let _ = write!(h, "<tr><td>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td>{}</td></tr>",
            esc(&cmp.label), s.projects, fmt(s.capacity_gwh), fmt(s.investment_musd), fmt(s.weighted_musd_per_gwh), fmt(s.mean_musd_per_gwh), published, src(&cmp.source));
    }
    h.push_str("</table>");
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
    h.push_str(&svg::bars(
        "Capex per GWh by project (red: Chinese companies)",
        "M$ per GWh/yr of capacity",
        &bars,
        &markers,
    ));
    stats_table(h, "By company group", &c.by_group);
    let country_bars: Vec<Bar> = c
        .by_country
        .iter()
        .map(|s| Bar {
            label: s.label.clone(),
            value: s.weighted_musd_per_gwh,
            class: if s.label == "CN" { "cn" } else { "neutral" },
        })
        .collect();
    h.push_str(&svg::bars(
        "Capacity-weighted capex per GWh by country of the site",
        "M$ per GWh/yr",
        &country_bars,
        &[],
    ));
    stats_table(h, "By country of the site", &c.by_country);
    h.push_str("<h3>Projects</h3><table><tr><th>project</th><th>company</th><th>site</th><th>year</th><th>GWh/yr</th><th>M$</th><th>M$/GWh</th><th>source</th></tr>");
    for r in &c.projects {
        let _ = write!(h, "<tr><td>{}</td><td>{}</td><td>{}, {}</td><td>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td>{}</td></tr>",
            esc(&r.project), esc(&r.company), esc(&r.site), esc(&r.country), r.announced_year, fmt(r.capacity_gwh), fmt(r.investment_musd), fmt(r.musd_per_gwh), src(&r.source));
    }
    h.push_str("</table>");
    if !c.undisclosed.is_empty() {
        let _ = write!(
            h,
            "<p class=\"note\">Left out for lack of a disclosed investment: {}.</p>",
            esc(&c.undisclosed.join(", "))
        );
    }
}

fn stats_table(h: &mut String, title: &str, stats: &[leapfrog_market::capex::CapexStats]) {
    let _ = write!(h, "<h3>{}</h3><table><tr><th>group</th><th>projects</th><th>GWh</th><th>weighted</th><th>mean</th><th>median</th><th>min</th><th>max</th></tr>", esc(title));
    for s in stats {
        let _ = write!(h, "<tr><td>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td></tr>",
            esc(&s.label), s.projects, fmt(s.capacity_gwh), fmt(s.weighted_musd_per_gwh), fmt(s.mean_musd_per_gwh), fmt(s.median_musd_per_gwh), fmt(s.min_musd_per_gwh), fmt(s.max_musd_per_gwh));
    }
    h.push_str("</table>");
}
