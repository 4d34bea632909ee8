//! Manufacturing capacity and its concentration: HHI, top-three share and China's share for
//! every share table.

use crate::html::{chart, src};
use crate::section::Section;
use crate::svg::{self, Bar};
use crate::ReportError;
use leapfrog_data::Dataset;
use leapfrog_market::concentration::{self, Concentration};
use maud::{html, Markup};
use serde::Serialize;
use std::fmt::Write;

#[derive(Debug, Serialize)]
pub struct CapacityTable {
    pub id: String,
    pub title: String,
    pub year: i32,
    pub dimension: String,
    pub concentration: Concentration,
    pub china_share: f64,
    pub source: String,
}

pub(crate) fn table(data: &Dataset, id: &str) -> Result<CapacityTable, ReportError> {
    let t = concentration::table(data, id)?;
    let china: Vec<String> = match t.dimension {
        leapfrog_data::ShareDimension::Country => vec!["CN".into()],
        leapfrog_data::ShareDimension::Company => data
            .companies
            .iter()
            .filter(|c| c.hq_country == "CN")
            .map(|c| c.id.clone())
            .collect(),
    };
    let c = concentration::of_table(t, 3, &china)?;
    Ok(CapacityTable {
        id: t.id.clone(),
        title: t.title.clone(),
        year: t.year,
        dimension: format!("{:?}", t.dimension).to_lowercase(),
        china_share: c.set_share.unwrap_or(0.0),
        concentration: c,
        source: t.source.clone(),
    })
}

impl Section for Vec<CapacityTable> {
    fn json(&self) -> &dyn erased_serde::Serialize {
        self
    }

    fn key(&self) -> &'static str {
        "capacity"
    }

    fn group(&self) -> &'static str {
        "market"
    }

    fn html(&self) -> Markup {
        html! {
            h2 { "Manufacturing capacity and concentration" }
            p.note {
                "HHI on the 0-10,000 scale; the unattributed remainder (\"other\") is treated as many small holders and adds nothing to it."
            }
            @for t in self {
                (html(t))
            }
        }
    }

    fn markdown(&self, m: &mut String) {
        m.push_str("\n## Capacity concentration\n\n| table | year | HHI | top-3 share | Chinese share | source |\n|---|---:|---:|---:|---:|---|\n");
        for t in self {
            let c = &t.concentration;
            let _ = writeln!(
                m,
                "| {} | {} | {:.0} | {:.1}% | {:.1}% | {} |",
                t.title,
                t.year,
                c.hhi,
                100.0 * c.top_n_share,
                100.0 * t.china_share,
                t.source
            );
        }
    }
}

fn html(t: &CapacityTable) -> Markup {
    let c = &t.concentration;
    let bars: Vec<Bar> = c
        .shares
        .iter()
        .map(|(k, s)| Bar {
            label: k.clone(),
            value: 100.0 * s,
            class: if k == "CN" { "cn" } else { "neutral" },
        })
        .collect();
    html! {
        h3 {
            (t.title)
            // A title that already names its year is not followed by it again.
            @if !t.title.contains(&t.year.to_string()) { " (" (t.year) ")" }
        }
        (chart(svg::bars(&t.title, "share, %", &bars, &[])))
        table {
            tr { th { "HHI" } th { "top " (c.top_n) " share" } th { "top " (c.top_n) } th { "Chinese share" } th { "source" } }
            tr {
                td.n { (format!("{:.0}", c.hhi)) }
                td.n { (format!("{:.1}%", 100.0 * c.top_n_share)) }
                td { (c.top_n_keys.join(", ")) }
                td.n { (format!("{:.1}%", 100.0 * t.china_share)) }
                td { (src(&t.source)) }
            }
        }
    }
}
