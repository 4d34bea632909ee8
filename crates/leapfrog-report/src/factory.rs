//! The factory section: cost per kWh by chemistry and region from the BatPaC v5 plant
//! model, its check against BatPaC's published figures, modelled capex per GWh beside the
//! announced projects, what makes the U.S.-China gap, and the process options.

use crate::chemistry::Check;
use crate::html::{chart, src};
use crate::price_basis::{self, ChemistryPrices};
use crate::regions::{self, RegionSources};
use crate::svg::{self, fmt, Bar, Marker};
use leapfrog_cell::catalogue::REFERENCE_PRESET;
use leapfrog_cell::{Chemistry, Design, DesignRequest};
use leapfrog_data::{Dataset, ReferenceLayer};
use leapfrog_factory::{
    attribute_region_gap, CostResult, Factory, FactoryError, PlantOptions, RegionGap,
    DEFAULT_COST_MODEL,
};
use leapfrog_market::capex::CapexRow;
use maud::{html, Markup};
use serde::Serialize;
use std::fmt::Write;

/// Couples priced in every region (the ones with prices for every material).
const COUPLES: [&str; 6] = [
    "NMC811-G",
    "LFP-G",
    "LMFP-G",
    "NaNFM-HC",
    "NCA-G",
    "NMC811-Li-SSE",
];
const PLANT_GWH: f64 = 30.0;
const PROCESSES: [&str; 3] = ["dry-electrode", "fast-formation", "cell-to-pack"];

#[derive(Debug, Serialize)]
pub struct FactorySection {
    pub plant_gwh_per_yr: f64,
    pub reference_checks: Vec<Check>,
    pub matrix: Vec<CostCell>,
    pub regional_gap: RegionGap,
    /// Each region figure with its source, the IEA build-cost check and China's sensitivity.
    pub regions: RegionSources,
    pub projects: Vec<ProjectCheck>,
    pub processes: Vec<ProcessRow>,
    /// LFP against NMC811 on Chinese and BatPaC prices (absent without the price basis).
    pub chemistry_prices: Option<ChemistryPrices>,
    /// The assessment's capex per GWh for CATL and for the others, drawn beside the model's.
    pub published_capex: Vec<PublishedCapex>,
    pub notes: Vec<String>,
}

/// A published capex figure (a reference-zoo case) marked on the regional capex chart.
#[derive(Debug, Serialize)]
pub struct PublishedCapex {
    pub set: String,
    pub label: String,
    pub musd_per_gwh: f64,
}

/// The project sets whose published capex the regional chart marks, with their short labels.
const MARKED_SETS: [(&str, &str); 2] = [
    ("tcip-catl-since-2023", "CATL marginal"),
    ("tcip-non-chinese-four", "others"),
];

fn published_capex(data: &Dataset) -> Vec<PublishedCapex> {
    MARKED_SETS
        .iter()
        .filter_map(|(set, label)| {
            Some(PublishedCapex {
                set: set.to_string(),
                label: label.to_string(),
                musd_per_gwh: crate::capex::published_capex(data, set)?,
            })
        })
        .collect()
}

#[derive(Debug, Serialize)]
pub struct CostCell {
    pub couple: String,
    pub region: String,
    pub cell_cost_usd_per_kwh: f64,
    pub pack_usd_per_kwh: f64,
    pub capex_musd_per_gwh: f64,
}

#[derive(Debug, Serialize)]
pub struct ProjectCheck {
    pub project: String,
    pub country: String,
    pub capacity_gwh: f64,
    pub announced_musd_per_gwh: f64,
    pub modelled_musd_per_gwh: f64,
    pub source: String,
}

#[derive(Debug, Serialize)]
pub struct ProcessRow {
    pub process: String,
    pub cell_cost_usd_per_kwh: f64,
    pub pack_usd_per_kwh: f64,
    pub energy_kwh_per_kwh: f64,
    pub plant_capital_musd: f64,
    pub source: String,
}

struct Priced {
    factory: Factory,
    chem: Chemistry,
    design: Design,
}

fn reference(data: &Dataset, couple: &str) -> Result<Priced, FactoryError> {
    let req = DesignRequest::reference_for(data, couple)?;
    let chem = Chemistry::load(data, &req)?;
    let design = chem.solve(&req.inputs)?;
    Ok(Priced {
        factory: Factory::load(data, DEFAULT_COST_MODEL)?,
        chem,
        design,
    })
}

fn run(
    p: &Priced,
    gwh: f64,
    region: Option<&str>,
    processes: &[&str],
) -> Result<CostResult, FactoryError> {
    let opts = PlantOptions {
        plant_gwh_per_yr: gwh,
        region: region.map(str::to_string),
        processes: processes.iter().map(|s| s.to_string()).collect(),
        price_basis: None,
    };
    let prepared = p.factory.prepare(&p.chem, &opts)?;
    Ok(p.factory.evaluate(&prepared, &p.design))
}

pub fn section(data: &Dataset, projects: &[CapexRow]) -> Result<FactorySection, FactoryError> {
    let nmc = reference(data, "NMC811-G")?;
    let mut matrix = Vec::new();
    for couple in COUPLES {
        let p = reference(data, couple)?;
        for region in p.factory.region_ids() {
            let c = run(&p, PLANT_GWH, Some(&region), &[])?;
            matrix.push(CostCell {
                couple: couple.to_string(),
                region,
                cell_cost_usd_per_kwh: c.cell_cost_usd_per_kwh,
                pack_usd_per_kwh: c.pack_usd_per_kwh,
                capex_musd_per_gwh: c.plant.capex_musd_per_gwh,
            });
        }
    }
    let us = nmc.factory.prepare(
        &nmc.chem,
        &PlantOptions {
            plant_gwh_per_yr: PLANT_GWH,
            region: Some("US".into()),
            processes: Vec::new(),
            price_basis: None,
        },
    )?;
    let regional_gap = attribute_region_gap(&nmc.factory, &us, &nmc.design, "CN")?;
    let regions = regions::section(&nmc.factory, &nmc.chem, &nmc.design, PLANT_GWH)?;
    Ok(FactorySection {
        plant_gwh_per_yr: PLANT_GWH,
        reference_checks: checks(data)?,
        matrix,
        regional_gap,
        regions,
        projects: project_checks(&nmc, projects)?,
        processes: process_rows(data, &nmc)?,
        chemistry_prices: price_basis::section(data)?,
        published_capex: published_capex(data),
        notes: notes(),
    })
}

/// Every factory-layer case of the reference zoo, as the tests check it.
fn checks(data: &Dataset) -> Result<Vec<Check>, FactoryError> {
    data.references
        .iter()
        .filter(|r| r.layer == ReferenceLayer::Factory)
        .map(|r| {
            let model = leapfrog_factory::reference::evaluate(data, r)?;
            Ok(Check::of_reference(r, model, REFERENCE_PRESET))
        })
        .collect()
}

/// Each announced project beside the model's capex per GWh for the BatPaC design at the
/// project's capacity, in the project's country where the data has its factors.
fn project_checks(p: &Priced, projects: &[CapexRow]) -> Result<Vec<ProjectCheck>, FactoryError> {
    let known = p.factory.region_ids();
    let mut out = Vec::new();
    for row in projects.iter().filter(|r| known.contains(&r.country)) {
        let c = run(p, row.capacity_gwh, Some(&row.country), &[])?;
        out.push(ProjectCheck {
            project: row.project.clone(),
            country: row.country.clone(),
            capacity_gwh: row.capacity_gwh,
            announced_musd_per_gwh: row.musd_per_gwh,
            modelled_musd_per_gwh: c.plant.capex_musd_per_gwh,
            source: row.source.clone(),
        });
    }
    Ok(out)
}

fn process_rows(data: &Dataset, p: &Priced) -> Result<Vec<ProcessRow>, FactoryError> {
    let mut rows = Vec::new();
    let base = run(p, 50.0, None, &[])?;
    rows.push(ProcessRow {
        process: "wet coating, standard formation (BatPaC)".into(),
        cell_cost_usd_per_kwh: base.cell_cost_usd_per_kwh,
        pack_usd_per_kwh: base.pack_usd_per_kwh,
        energy_kwh_per_kwh: base.plant.energy_kwh_per_kwh,
        plant_capital_musd: base.plant.plant_capital_musd,
        source: "batpac-v5".into(),
    });
    for id in PROCESSES {
        let c = run(p, 50.0, None, &[id])?;
        rows.push(ProcessRow {
            process: id.to_string(),
            cell_cost_usd_per_kwh: c.cell_cost_usd_per_kwh,
            pack_usd_per_kwh: c.pack_usd_per_kwh,
            energy_kwh_per_kwh: c.plant.energy_kwh_per_kwh,
            plant_capital_musd: c.plant.plant_capital_musd,
            source: data
                .process_variant(id)
                .map_or("assumption".into(), |v| v.source.clone()),
        });
    }
    Ok(rows)
}

fn notes() -> Vec<String> {
    vec![
        "Region figures come from national statistics, regulators and tariff sheets where the stored sources give them (table above); the rest are marked 'assumption' in data/factory_regions.toml with a reason, were set before any run and were not fitted to capex per GWh. The two that matter most, China's equipment multiplier and building cost, are shown varied above, and the gap table shows how much each figure moves the result.".into(),
        "At BatPaC's U.S. 2022 material prices and the same EV targets, LFP-G cells come out within a few percent of NMC811-G: LFP's cheaper cathode is spent on about twice the separator, foil and electrolyte per kWh. On Chinese material prices the cathode gap widens and LFP pulls ahead (table above).".into(),
        "Cell cost is BatPaC's definition: cell materials and cell-making steps with overheads and depreciation, before profit and warranty. Pack price includes both.".into(),
    ]
}

impl crate::section::Section for FactorySection {
    fn key(&self) -> &'static str {
        "factory"
    }

    fn group(&self) -> &'static str {
        "factory"
    }

    fn parts(&self) -> Vec<(&'static str, Markup)> {
        vec![
            ("factory", html(self)),
            ("appendix-validation", validation_html(self)),
        ]
    }

    fn html(&self) -> Markup {
        html! { @for (_, part) in self.parts() { (part) } }
    }

    fn markdown(&self, m: &mut String) {
        markdown(m, self);
    }

    fn json(&self) -> &dyn erased_serde::Serialize {
        self
    }
}

/// The plant model against BatPaC v5.0 (the appendix).
fn validation_html(s: &FactorySection) -> Markup {
    html! {
        h3 { "Factories: check against BatPaC v5.0 (default design, 50 GWh/yr)" }
        table {
            tr { th { "quantity" } th { "published" } th { "model" } th { "difference" } th { "source" } }
            @for c in &s.reference_checks { (c.html_row()) }
        }
    }
}

fn html(s: &FactorySection) -> Markup {
    let bars: Vec<Bar> = s
        .matrix
        .iter()
        .filter(|c| c.couple == "NMC811-G")
        .map(|c| Bar {
            label: c.region.clone(),
            value: c.capex_musd_per_gwh,
            class: if c.region == "CN" { "cn" } else { "other" },
        })
        .collect();
    let markers: Vec<Marker> = s
        .published_capex
        .iter()
        .map(|p| Marker {
            value: p.musd_per_gwh,
            label: format!("{} {}", p.label, fmt(p.musd_per_gwh)),
        })
        .collect();
    let regions: Vec<&str> = s
        .matrix
        .iter()
        .filter(|c| c.couple == s.matrix[0].couple)
        .map(|c| c.region.as_str())
        .collect();
    let couples: std::collections::BTreeSet<&str> =
        s.matrix.iter().map(|c| c.couple.as_str()).collect();
    html! {
        h2 { "Factories: what a kWh costs to make, where and how" }
        p.note {
            "BatPaC v5 process-step plant model: each step scales from BatPaC's baseline plant with its own driver; prices follow BatPaC's overhead algebra. Regions change labour, building, equipment, electricity, cost of capital and construction time. Plants of "
            (fmt(s.plant_gwh_per_yr)) " GWh/yr unless stated."
        }
        (chart(svg::bars(
            "Modelled capex per GWh/yr by region (NMC811-G, 30 GWh/yr)",
            "M$/GWh",
            &bars,
            &markers,
        )))
        h3 { "Cell cost by chemistry and region" }
        table {
            tr {
                th { "couple" }
                @for r in &regions { th { (r) " $/kWh" } }
            }
            @for couple in couples {
                tr {
                    td { (couple) }
                    @for c in s.matrix.iter().filter(|c| c.couple == couple) {
                        td.n { (fmt(c.cell_cost_usd_per_kwh)) }
                    }
                }
            }
        }
        @if let Some(c) = &s.chemistry_prices {
            (price_basis::html(c))
        }
        (gap_html(&s.regional_gap))
        (regions::html(&s.regions))
        h3 { "Announced projects beside the model" }
        table {
            tr { th { "project" } th { "country" } th { "GWh/yr" } th { "announced M$/GWh" } th { "modelled M$/GWh" } th { "source" } }
            @for p in &s.projects {
                tr {
                    td { (p.project) }
                    td { (p.country) }
                    td.n { (fmt(p.capacity_gwh)) }
                    td.n { (fmt(p.announced_musd_per_gwh)) }
                    td.n { (fmt(p.modelled_musd_per_gwh)) }
                    td { (src(&p.source)) }
                }
            }
        }
        h3 { "Process options (NMC811-G, 50 GWh/yr, BatPaC reference)" }
        table {
            tr { th { "process" } th { "cell $/kWh" } th { "pack $/kWh" } th { "plant energy kWh/kWh" } th { "plant capital M$" } th { "source" } }
            @for p in &s.processes {
                tr {
                    td { (p.process) }
                    td.n { (fmt(p.cell_cost_usd_per_kwh)) }
                    td.n { (fmt(p.pack_usd_per_kwh)) }
                    td.n { (fmt(p.energy_kwh_per_kwh)) }
                    td.n { (fmt(p.plant_capital_musd)) }
                    td { (src(&p.source)) }
                }
            }
        }
        ul {
            @for n in &s.notes { li { (n) } }
        }
    }
}

fn gap_html(g: &RegionGap) -> Markup {
    let (from, to) = (&g.from_region, &g.to_region);
    html! {
        h3 { "Why " (from) " and " (to) " differ" }
        p.note { "Each region parameter switched in turn from " (from) " to " (to) "; the rows sum to the gap." }
        table {
            tr { th { "parameter" } th { "from" } th { "to" } th { "\u{394} capex M$/GWh" } th { "\u{394} cell $/kWh" } }
            @for t in &g.terms {
                tr {
                    td { (t.parameter) }
                    td.n { (fmt(t.from)) }
                    td.n { (fmt(t.to)) }
                    td.n { (format!("{:+.1}", t.capex_musd_per_gwh)) }
                    td.n { (format!("{:+.2}", t.cell_cost_usd_per_kwh)) }
                }
            }
            tr {
                td { b { "total" } }
                td.n { (fmt(g.capex_musd_per_gwh.0)) }
                td.n { (fmt(g.capex_musd_per_gwh.1)) }
                td.n { (format!("{:+.1}", g.capex_musd_per_gwh.1 - g.capex_musd_per_gwh.0)) }
                td.n { (format!("{:+.2}", g.cell_cost_usd_per_kwh.1 - g.cell_cost_usd_per_kwh.0)) }
            }
        }
    }
}

fn markdown(m: &mut String, s: &FactorySection) {
    m.push_str("\n## Factories\n\n| check (BatPaC v5.0 default) | published | model | difference |\n|---|---:|---:|---:|\n");
    for c in &s.reference_checks {
        let _ = writeln!(m, "{}", c.markdown_row());
    }
    let _ = write!(m, "\n| couple | region | cell $/kWh | pack $/kWh | capex M$/GWh ({} GWh/yr) |\n|---|---|---:|---:|---:|\n", fmt(s.plant_gwh_per_yr));
    for c in &s.matrix {
        let _ = writeln!(
            m,
            "| {} | {} | {} | {} | {} |",
            c.couple,
            c.region,
            fmt(c.cell_cost_usd_per_kwh),
            fmt(c.pack_usd_per_kwh),
            fmt(c.capex_musd_per_gwh)
        );
    }
    if let Some(c) = &s.chemistry_prices {
        price_basis::markdown(m, c);
    }
    let g = &s.regional_gap;
    let _ = write!(
        m,
        "\n| {} → {}: parameter | Δ capex M$/GWh | Δ cell $/kWh |\n|---|---:|---:|\n",
        g.from_region, g.to_region
    );
    for t in &g.terms {
        let _ = writeln!(
            m,
            "| {} | {:+.1} | {:+.2} |",
            t.parameter, t.capex_musd_per_gwh, t.cell_cost_usd_per_kwh
        );
    }
    regions::markdown(m, &s.regions);
    m.push_str(
        "\n| process | cell $/kWh | pack $/kWh | plant energy kWh/kWh |\n|---|---:|---:|---:|\n",
    );
    for p in &s.processes {
        let _ = writeln!(
            m,
            "| {} | {} | {} | {} |",
            p.process,
            fmt(p.cell_cost_usd_per_kwh),
            fmt(p.pack_usd_per_kwh),
            fmt(p.energy_kwh_per_kwh)
        );
    }
    for n in &s.notes {
        let _ = writeln!(m, "\n- {n}");
    }
}
