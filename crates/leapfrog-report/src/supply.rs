//! The supply-chain section: exposure by stage and country for the compared chemistries,
//! demand against supply outside China, and export-restriction shocks.

use crate::html::{chart, src};
use crate::svg::{self, fmt, StackRow};
use leapfrog_data::{Dataset, SupplyStage};
use leapfrog_supply::{
    demand_coupling, exposure, factory, simulate, Basis, DemandRow, Exposure, Product, Shock,
    ShockResult, SupplyError, SupplyModel, DEFAULT_CHEMISTRIES, DEFAULT_DEMAND, INDEX_FORMULA,
    SHOCK_FORMULA,
};
use maud::{html, Markup};
use serde::Serialize;
use std::fmt::Write;

#[derive(Debug, Serialize)]
pub struct SupplySection {
    pub concern: Vec<String>,
    pub basis: Basis,
    pub exposures: Vec<Exposure>,
    /// The same chemistries by control (ownership), index only.
    pub control_index: Vec<(String, Option<f64>)>,
    pub demand_scenario: String,
    pub demand: Vec<DemandRow>,
    /// Per demand row: the year of the share table behind it and what is wrong with it, if
    /// anything (demand above the source's world output, or a table older than `STALE_BEFORE`).
    pub demand_checks: Vec<DemandCheck>,
    pub shocks: Vec<ShockResult>,
    pub index_formula: &'static str,
    pub shock_formula: &'static str,
    pub notes: Vec<String>,
}

/// A share table whose year is before this is flagged as stale.
pub const STALE_BEFORE: i32 = 2020;

#[derive(Debug, Clone, Serialize)]
pub struct DemandCheck {
    pub chain: String,
    pub stage: &'static str,
    pub year: i32,
    /// Demand over the source's stated world output (> 1: the table cannot be current).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub demand_over_world: Option<f64>,
    pub stale: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

fn check(model: &SupplyModel, scenario_year: i32, r: &DemandRow) -> DemandCheck {
    let year = model
        .chain(&r.chain)
        .ok()
        .and_then(|c| c.stage(r.stage))
        .map_or(0, |st| st.year);
    let over = r.world.filter(|w| *w > 0.0).map(|w| r.demand / w);
    let stale = year < STALE_BEFORE;
    let mut problems = Vec::new();
    if let Some(x) = over.filter(|x| *x > 1.0) {
        problems.push(format!(
            "{scenario_year} demand is {x:.1}x the source's {year} world output: the table cannot describe today's supply"
        ));
    }
    if stale {
        problems.push(format!(
            "the share table is from {year} (before {STALE_BEFORE}): stale"
        ));
    }
    DemandCheck {
        chain: r.chain.clone(),
        stage: r.stage.id(),
        year,
        demand_over_world: over,
        stale,
        problem: (!problems.is_empty()).then(|| problems.join("; ")),
    }
}

/// The restrictions the assessment runs: half of China's output at each stage it leads.
const SHOCKS: &[(&str, &str, SupplyStage)] = &[
    ("CN", "graphite", SupplyStage::AnodeMaterial),
    ("CN", "lithium", SupplyStage::Refining),
    ("CN", "cathode-material", SupplyStage::CathodeMaterial),
    ("CD", "cobalt", SupplyStage::Mining),
];

pub fn section(data: &Dataset) -> Result<SupplySection, SupplyError> {
    let model = SupplyModel::load(data)?;
    let f = factory(data)?;
    let concern = vec!["CN".to_string()];
    let products = DEFAULT_CHEMISTRIES
        .iter()
        .map(|id| Product::load(data, &f, id))
        .collect::<Result<Vec<_>, _>>()?;
    let exposures = products
        .iter()
        .map(|p| exposure(&model, p, Basis::Location, &concern))
        .collect();
    let control_index = products
        .iter()
        .map(|p| {
            (
                p.id.clone(),
                exposure(&model, p, Basis::Control, &concern).index,
            )
        })
        .collect();
    let scenario = data
        .demand_scenario(DEFAULT_DEMAND)
        .ok_or_else(|| SupplyError::Data(format!("no demand scenario `{DEFAULT_DEMAND}`")))?;
    let demanded = scenario
        .entries
        .iter()
        .map(|e| Product::load(data, &f, &e.chemistry))
        .collect::<Result<Vec<_>, _>>()?;
    let demand = demand_coupling(&model, &demanded, scenario, Basis::Location, &concern);
    let demand_checks = demand
        .iter()
        .map(|r| check(&model, scenario.year, r))
        .collect();
    let shocks = SHOCKS
        .iter()
        .map(|(country, chain, stage)| {
            let s = Shock {
                country: country.to_string(),
                chain: chain.to_string(),
                stage: *stage,
                cut: 0.5,
                duration_years: 3.0,
                basis: Basis::Location,
            };
            simulate(&model, &s, &products, scenario)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(SupplySection {
        concern,
        basis: Basis::Location,
        exposures,
        control_index,
        demand_scenario: scenario.id.clone(),
        demand,
        demand_checks,
        shocks,
        index_formula: INDEX_FORMULA,
        shock_formula: SHOCK_FORMULA,
        notes: notes(),
    })
}

fn notes() -> Vec<String> {
    vec![
        "Shares are the sources' own (country over stated world total) for the year shown; several tables give China's share only, so their HHI counts China alone and is a lower bound.".into(),
        "Upstream stages are valued at the contained metal's refined price, so mining and refining of one metal carry the same value; the index weights stages by that gross value, not by value added.".into(),
        "Sodium-ion's lower lithium and graphite exposure comes from having neither: its index is not lower, because what remains (cathode material and cells) is even more concentrated in China.".into(),
        "Elasticities are assumptions (see the market record); the low and high columns run the ends of their ranges. GWh lost rations the remaining supply pro rata across all uses.".into(),
        "Not yet covered: hard carbon, separators, binders, the electrolyte salt alone, precursors, iron ore and soda ash (no sourced country split in the data).".into(),
    ]
}

fn stage_label(chain: &str, stage: SupplyStage) -> String {
    if chain == stage.id() {
        chain.to_string()
    } else {
        format!("{chain} {}", stage.id())
    }
}

fn rows(e: &Exposure) -> Vec<StackRow> {
    e.terms
        .iter()
        .map(|t| {
            let mut segments: Vec<(String, f64, &'static str)> = t
                .countries
                .iter()
                .map(|c| {
                    let class = if e.concern.contains(&c.country) {
                        "cn"
                    } else {
                        "other"
                    };
                    (c.country.clone(), c.share, class)
                })
                .collect();
            segments.push(("rest".into(), t.other_share, "neutral"));
            StackRow {
                label: format!("{} ({})", stage_label(&t.chain, t.stage), t.year),
                segments,
                note: format!("{} $/kWh", fmt(t.value_usd_per_kwh)),
            }
        })
        .collect()
}

fn index(i: Option<f64>) -> String {
    i.map_or("n/a".into(), |x| format!("{x:.2}"))
}

impl crate::section::Section for SupplySection {
    fn key(&self) -> &'static str {
        "supply"
    }

    fn group(&self) -> &'static str {
        "supply"
    }

    fn html(&self) -> Markup {
        html(self)
    }

    fn markdown(&self, m: &mut String) {
        markdown(m, self);
    }

    fn json(&self) -> &dyn erased_serde::Serialize {
        self
    }
}

fn html(s: &SupplySection) -> Markup {
    html! {
        h2 { "Supply chains: who holds each stage, and what a restriction does" }
        p.note { "Countries of concern: " (s.concern.join(", ")) ". Exposure index: " (s.index_formula) }
        table {
            tr {
                th { "chemistry" } th { "index (location)" } th { "index (control)" } th { "$/kWh from concern" }
                th { "stage value $/kWh" } th { "lithium $/kWh" } th { "graphite $/kWh" } th { "bottleneck" } th { "not covered" }
            }
            @for (e, (_, ctl)) in s.exposures.iter().zip(&s.control_index) {
                tr {
                    td { (e.chemistry) }
                    td.n { (index(e.index)) }
                    td.n { (index(*ctl)) }
                    td.n { (fmt(e.concern_value_usd_per_kwh)) }
                    td.n { (fmt(e.total_value_usd_per_kwh)) }
                    td.n { (fmt(e.chain_concern_value("lithium"))) }
                    td.n { (fmt(e.chain_concern_value("graphite"))) }
                    td { (e.bottleneck.as_ref().map_or("-".into(), |(c, st)| stage_label(c, *st))) }
                    td { (e.uncovered.iter().map(|(m, _)| m.as_str()).collect::<Vec<_>>().join(", ")) }
                }
            }
        }
        @for e in s.exposures.iter().filter(|e| !e.terms.is_empty()) {
            (chart(svg::stacked(
                &format!("{} ({}): country shares of each stage, value per kWh at right", e.name, e.chemistry),
                &rows(e),
            )))
            p.note {
                "Sources: "
                @for (i, c) in e.terms.iter().map(|t| t.source.as_str()).collect::<std::collections::BTreeSet<_>>().into_iter().enumerate() {
                    @if i > 0 { ", " }
                    (src(c))
                }
            }
        }
        (shocks_html(s))
        (demand_html(s))
        ul {
            @for n in &s.notes { li { (n) } }
        }
    }
}

fn shocks_html(s: &SupplySection) -> Markup {
    html! {
        h3 { "Export restrictions: half of one country's output for three years" }
        p.note { (s.shock_formula) }
        table {
            tr {
                th { "restriction" } th { "world supply removed" } th { "price multiple year 1 (range)" } th { "year 3" }
                th { "chemistry" } th { "cell $/kWh" } th { "+$/kWh year 1 (range)" } th { "+$/kWh year 3" }
                th { "GWh lost year 1" } th { "source" }
            }
            @for r in &s.shocks {
                @let label = format!("{} {} {}", r.shock.country, r.shock.chain, r.shock.stage.id());
                @let last = r.path[r.path.len() - 1];
                @for c in r.chemistries.iter().filter(|c| c.stage_amount_per_kwh > 0.0) {
                    tr {
                        td { (label) }
                        td.n { (format!("{:.1}%", 100.0 * r.removed_fraction)) }
                        td.n {
                            (format!("{:.2} ({:.2}-{:.2})", r.path[0].price_multiplier,
                                r.first_year_low.price_multiplier, r.first_year_high.price_multiplier))
                        }
                        td.n { (format!("{:.2}", last.price_multiplier)) }
                        td { (c.chemistry) }
                        td.n { (c.base_cost_usd_per_kwh.map_or("n/a".into(), fmt)) }
                        td.n {
                            (fmt(c.increase_first_year_usd_per_kwh)) " (" (fmt(c.increase_first_year_low_usd_per_kwh))
                            "-" (fmt(c.increase_first_year_high_usd_per_kwh)) ")"
                        }
                        td.n { (fmt(c.increase_last_year_usd_per_kwh)) }
                        td.n { (fmt(c.gwh_lost_first_year)) }
                        td { (src(&r.source)) }
                    }
                }
                tr {
                    td { (label) }
                    td colspan="9" {
                        "unaffected (no use of this stage): "
                        (r.chemistries.iter().filter(|c| c.stage_amount_per_kwh <= 0.0).map(|c| c.chemistry.as_str()).collect::<Vec<_>>().join(", "))
                    }
                }
            }
        }
    }
}

fn demand_html(s: &SupplySection) -> Markup {
    let opt = |v: Option<f64>| v.map_or("n/a".into(), fmt);
    html! {
        h3 { "Demand against supply outside " (s.concern.join(", ")) " (scenario " (s.demand_scenario) ")" }
        table {
            tr { th { "chain" } th { "stage" } th { "share table year" } th { "demand t/yr (GWh for cells)" } th { "world" } th { "outside" } th { "demand / outside" } th { "check" } }
            @for (r, c) in s.demand.iter().zip(&s.demand_checks) {
                tr {
                    td { (r.chain) }
                    td { (r.stage.id()) }
                    td.n { (c.year) }
                    td.n { (fmt(r.demand)) }
                    td.n { (opt(r.world)) }
                    td.n { (opt(r.outside_concern)) }
                    td.n { (r.demand_over_outside.map_or("n/a".into(), |x| format!("{x:.2}"))) }
                    td { (c.problem.clone().unwrap_or_else(|| "ok".into())) }
                }
            }
        }
    }
}

fn markdown(m: &mut String, s: &SupplySection) {
    let _ = write!(m, "\n## Supply chains\n\nConcern: {}. {}\n\n| chemistry | index | $/kWh from concern | stage value $/kWh | bottleneck |\n|---|---:|---:|---:|---|\n", s.concern.join(", "), s.index_formula);
    for e in &s.exposures {
        let b = e
            .bottleneck
            .as_ref()
            .map_or("-".into(), |(c, st)| stage_label(c, *st));
        let _ = writeln!(
            m,
            "| {} | {} | {} | {} | {} |",
            e.chemistry,
            index(e.index),
            fmt(e.concern_value_usd_per_kwh),
            fmt(e.total_value_usd_per_kwh),
            b
        );
    }
    let _ = write!(m, "\n| chain | stage | share table year | demand | world | check |\n|---|---|---:|---:|---:|---|\n");
    for (r, c) in s.demand.iter().zip(&s.demand_checks) {
        let _ = writeln!(
            m,
            "| {} | {} | {} | {} | {} | {} |",
            r.chain,
            c.stage,
            c.year,
            fmt(r.demand),
            r.world.map_or("n/a".into(), fmt),
            c.problem.clone().unwrap_or_else(|| "ok".into())
        );
    }
    let _ = write!(m, "\n{}\n\n| restriction | chemistry | price multiple y1 | +$/kWh y1 | +$/kWh y3 | GWh lost y1 |\n|---|---|---:|---:|---:|---:|\n", s.shock_formula);
    for r in &s.shocks {
        for c in r
            .chemistries
            .iter()
            .filter(|c| c.stage_amount_per_kwh > 0.0)
        {
            let _ = writeln!(
                m,
                "| {} {} {} | {} | {:.2} | {} | {} | {} |",
                r.shock.country,
                r.shock.chain,
                r.shock.stage.id(),
                c.chemistry,
                r.path[0].price_multiplier,
                fmt(c.increase_first_year_usd_per_kwh),
                fmt(c.increase_last_year_usd_per_kwh),
                fmt(c.gwh_lost_first_year)
            );
        }
    }
}
