//! The missing middle in dollars and years: new chemistries on a start-up's path from pilot to
//! gigafactory in the U.S., set beside an established maker's LFP plant, each against China's
//! LFP cost as it falls; with China's equipment controls and modular lines as variants, and
//! the published small plants the line model is checked against.

use crate::html::{chart, src};
use crate::section::Section;
use crate::svg::{self, Bar};
use leapfrog_data::Dataset;
use leapfrog_scaleup::reference::{check, ReferenceCheck};
use leapfrog_scaleup::{evaluate, prepare, PathInputs, PathResult};
use maud::{html, Markup};
use serde::Serialize;
use std::fmt::Write;

/// The cases the section runs: (chemistry, path, variant, equipment controls).
const CASES: [(&str, &str, &str, Option<&str>); 5] = [
    ("LFP-G", "incumbent-lfp-us", "conventional", None),
    ("NaNFM-HC", "startup-us", "conventional", None),
    ("NaNFM-HC", "startup-us", "conventional", Some("cn-2025")),
    ("NaNFM-HC", "startup-us", "modular", None),
    ("NMC811-Li-SSE", "startup-us", "conventional", None),
];

#[derive(Debug, Serialize)]
pub struct ScaleupSection {
    /// Each case without its monthly series (report.json keeps the stage results and totals).
    pub paths: Vec<PathSummary>,
    pub references: Vec<ReferenceCheck>,
}

#[derive(Debug, Serialize)]
pub struct PathSummary {
    pub label: String,
    #[serde(flatten)]
    pub result: PathResult,
}

pub(crate) fn section(data: &Dataset) -> Result<ScaleupSection, crate::ReportError> {
    let mut paths = Vec::new();
    for (chemistry, path, variant, control) in CASES {
        let Some(p) = data.scaleup_path(path) else {
            continue;
        };
        // As `leapfrog scaleup` runs it: the law's credit, the path's grants, every
        // uncertain input at its most likely value.
        let inputs = PathInputs {
            chemistry: chemistry.into(),
            path: p.clone(),
            variant: variant.into(),
            equipment_control: control.map(str::to_string),
            region: None,
            credit: leapfrog_policy::model::path_credit(data, chemistry, p, None)?,
            grants: true,
        };
        let risk = data
            .find::<leapfrog_data::ScaleupRisk>("default")
            .map_err(leapfrog_scaleup::ScaleupError::from)?;
        let mut result =
            evaluate(&prepare(data, &inputs)?.perturbed(leapfrog_scaleup::risk::central(risk)));
        result.months.clear();
        paths.push(PathSummary {
            label: label(chemistry, path, variant, control),
            result,
        });
    }
    if paths.is_empty() {
        return Err(crate::ReportError::Empty(
            "the scale-up section needs the paths startup-us or incumbent-lfp-us in data/scaleup.toml".into(),
        ));
    }
    let references = data
        .scaleup_references
        .iter()
        .map(|r| check(data, r))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|r| r.ratio.is_some())
        .collect();
    Ok(ScaleupSection { paths, references })
}

fn label(chemistry: &str, path: &str, variant: &str, control: Option<&str>) -> String {
    let mut l = format!("{chemistry}, {path}");
    if variant != "conventional" {
        let _ = write!(l, ", {variant} lines");
    }
    if let Some(c) = control {
        let _ = write!(l, ", equipment controls {c}");
    }
    l
}

fn years(m: Option<usize>) -> String {
    m.map_or("not within 50 years".into(), |m| {
        format!("{:.1}", m as f64 / 12.0)
    })
}

fn money(v: f64) -> String {
    svg::fmt(v)
}

fn maybe_money(v: Option<f64>) -> String {
    v.map_or("-".into(), money)
}

fn gap(p: &PathResult) -> String {
    p.final_gap_usd_per_kwh.map_or("-".into(), money)
}

const INTRO: &str = "Each path is built stage by stage from data/scaleup.toml: plants are whole lines (a pilot buys tools sized from a line by the six-tenths rule and staffs them every shift), output and scrap ramp month by month (scrap from over 30% at start of production, falling faster for a company that has made more before), each stage is paid for at its financing's cost of capital, and the next stage starts building once the last has produced for a year with scrap below its gate. Costs are cell costs with the return each stage's capital needs; the incumbent is China's LFP cell at a 50 GWh plant, falling 20% per doubling of world output. Capital needed is the lowest point of the path's cumulative cash before financing: capex, the operating losses of selling every good kWh at the incumbent's cost (ramp-up included), and working capital, less credits and grants where the path has them; the price gap is what selling every good kWh at the incumbent's cost leaves unrecovered on the full cost, return on capital included. `leapfrog scaleup --runs N` draws the uncertain inputs and gives the probability of reaching nameplate before the money runs out.";

impl Section for ScaleupSection {
    fn key(&self) -> &'static str {
        "scaleup"
    }

    fn group(&self) -> &'static str {
        "scaleup"
    }

    fn json(&self) -> &dyn erased_serde::Serialize {
        self
    }

    fn html(&self) -> Markup {
        let bars: Vec<Bar> = self
            .paths
            .iter()
            .map(|p| Bar {
                label: p.label.clone(),
                value: p.result.capital_needed_musd,
                class: if p.result.path == "incumbent-lfp-us" {
                    "other"
                } else {
                    "neutral"
                },
            })
            .collect();
        html! {
            h2 { "Scale-up: the missing middle in dollars and years" }
            p.note { (INTRO) " Sources: " (src("porsche-2025")) ", " (src("mauler-2021")) ", " (src("assembly-panasonic-2022")) ", " (src("mofcom-2025-58")) "." }
            table {
                tr { th { "path" } th { "capex, M$" } th { "capital needed, M$" } th { "years to last nameplate" } th { "last stage's cost, $/kWh" } th { "incumbent then, $/kWh" } th { "gap, $/kWh" } th { "price gap, M$" } }
                @for p in &self.paths {
                    @let last = p.result.stages.last();
                    tr {
                        td { (p.label) }
                        td.n { (money(p.result.capex_musd)) }
                        td.n { (money(p.result.capital_needed_musd)) }
                        td.n { (years(p.result.months_to_last_nameplate)) }
                        td.n { (last.map_or("-".into(), |s| money(s.steady_usd_per_kwh))) }
                        td.n { (last.and_then(|s| s.incumbent_usd_per_kwh_at_nameplate).map_or("-".into(), money)) }
                        td.n { (gap(&p.result)) }
                        td.n { (money(p.result.price_gap_musd)) }
                    }
                }
            }
            (chart(svg::bars_legend("Capital needed: capex, operating losses and working capital", "M$", &bars, &[], &[("other", "an established maker's LFP plant"), ("neutral", "a start-up's path")])))
            @if let Some(p) = self.paths.iter().find(|p| p.result.path == "startup-us") {
                h3 { "Stage by stage: " (p.label) }
                (stage_table(&p.result))
            }
            h3 { "Published small plants against the line model" }
            table {
                tr { th { "plant" } th { "GWh/yr" } th { "published, M$" } th { "model, M$" } th { "model / published" } th { "building" } }
                @for r in &self.references {
                    tr { td { (r.name) } td.n { (maybe_money(r.plant_gwh_per_yr)) } td.n { (maybe_money(r.published_musd)) } td.n { (maybe_money(r.model_musd)) } td.n { (format!("{:.2}", r.ratio.unwrap_or_default())) } td { (if r.new_building { "new" } else { "existing" }) } }
                }
            }
        }
    }

    fn markdown(&self, m: &mut String) {
        let _ = write!(m, "\n## Scale-up: the missing middle in dollars and years\n\n{INTRO}\n\n| path | capex, M$ | capital needed, M$ | years to last nameplate | last stage's cost, $/kWh | incumbent then, $/kWh | gap, $/kWh | price gap, M$ |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for p in &self.paths {
            let last = p.result.stages.last();
            let _ = writeln!(
                m,
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                p.label,
                money(p.result.capex_musd),
                money(p.result.capital_needed_musd),
                years(p.result.months_to_last_nameplate),
                last.map_or("-".into(), |s| money(s.steady_usd_per_kwh)),
                last.and_then(|s| s.incumbent_usd_per_kwh_at_nameplate)
                    .map_or("-".into(), money),
                gap(&p.result),
                money(p.result.price_gap_musd),
            );
        }
        if let Some(p) = self.paths.iter().find(|p| p.result.path == "startup-us") {
            let _ = write!(m, "\nStage by stage, {}:\n\n| stage | GWh/yr | financing | capex, M$/GWh | production from, years | scrap at start | first-year cost, $/kWh | steady cost, $/kWh | ramp losses, M$ |\n|---|---:|---|---:|---:|---:|---:|---:|---:|\n", p.label);
            for s in &p.result.stages {
                let _ = writeln!(
                    m,
                    "| {} | {} | {} | {} | {} | {:.0}% | {} | {} | {} |",
                    s.id,
                    money(s.plant_gwh_per_yr),
                    s.financing,
                    money(s.capex_musd_per_gwh),
                    years(s.production_start_month),
                    100.0 * s.start_scrap,
                    s.first_year_usd_per_kwh.map_or("-".into(), money),
                    money(s.steady_usd_per_kwh),
                    money(s.ramp_loss_musd)
                );
            }
        }
        m.push_str("\n| plant | GWh/yr | published, M$ | model, M$ | model / published | building |\n|---|---:|---:|---:|---:|---|\n");
        for r in &self.references {
            let _ = writeln!(
                m,
                "| {} | {} | {} | {} | {:.2} | {} |",
                r.name,
                maybe_money(r.plant_gwh_per_yr),
                maybe_money(r.published_musd),
                maybe_money(r.model_musd),
                r.ratio.unwrap_or_default(),
                if r.new_building { "new" } else { "existing" }
            );
        }
    }
}

fn stage_table(p: &PathResult) -> Markup {
    html! {
        table {
            tr { th { "stage" } th { "GWh/yr" } th { "financing" } th { "capex, M$/GWh" } th { "production from, years" } th { "scrap at start" } th { "first-year cost, $/kWh" } th { "steady cost, $/kWh" } th { "ramp losses, M$" } }
            @for s in &p.stages {
                tr {
                    td { (s.id) } td.n { (money(s.plant_gwh_per_yr)) } td { (s.financing) }
                    td.n { (money(s.capex_musd_per_gwh)) }
                    td.n { (years(s.production_start_month)) }
                    td.n { (format!("{:.0}%", 100.0 * s.start_scrap)) }
                    td.n { (s.first_year_usd_per_kwh.map_or("-".into(), money)) }
                    td.n { (money(s.steady_usd_per_kwh)) }
                    td.n { (money(s.ramp_loss_musd)) }
                }
            }
        }
    }
}
