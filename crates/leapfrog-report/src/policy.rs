//! Policy scenarios: the U.S. cost gap to China and the U.S. share of supply under current law
//! and under the assessment's six-lever package, with their uncertainty (fan charts), the
//! inputs that move the outcome most (tornado), and the leap map with the assessment's central
//! comparison.

use crate::html::{chart, src};
use crate::section::Section;
use crate::svg::{self, Bar, Fan};
use leapfrog_data::Dataset;
use leapfrog_policy::attribution::{attribution, Attribution, Variant};
use leapfrog_policy::backcast::{backcast, Backcast};
use leapfrog_policy::leap::{leap_map, LeapMap};
use leapfrog_policy::montecarlo::{Band, MonteCarlo, TornadoBar, TORNADO_YEAR};
use leapfrog_policy::{monte_carlo, Levers, Model, Settings};
use maud::{html, Markup};
use serde::Serialize;
use std::fmt::Write;

/// Runs per scenario in the report (the CLI runs as many as asked).
pub const REPORT_RUNS: usize = 2000;
pub(crate) const SEED: u64 = 1;
/// The chemistry whose cost gap the report charts.
const GAP_CHEMISTRY: &str = "LFP-G";

#[derive(Debug, Serialize)]
pub struct ScenarioSummary {
    pub package: String,
    pub name: String,
    pub years: Vec<i32>,
    pub lfp_cost_ratio: Vec<Band>,
    pub us_share_total: Vec<Band>,
    pub parity: Vec<leapfrog_policy::montecarlo::Parity>,
    pub tornado_outcome_central: f64,
    pub tornado: Vec<TornadoBar>,
    pub tornado_no_effect: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct PolicySection {
    /// The last date the rules applied (data/rules.toml) describe.
    pub rules_as_of: String,
    pub runs: usize,
    pub seed: u64,
    /// The model over the past against published figures, shown before any projection.
    pub backcast: Backcast,
    pub scenarios: Vec<ScenarioSummary>,
    /// The leap map under the assessment's package.
    pub leap: LeapMap,
    pub leap_package: String,
    /// Each lever of the package alone and the package less each, with fiscal costs (the
    /// same runs and seed as the scenarios).
    pub attribution: Attribution,
    /// The prepared policy model, for the brief's own runs (not part of the report's data).
    #[serde(skip)]
    pub(crate) model: Model,
}

pub(crate) fn section(data: &Dataset) -> Result<PolicySection, crate::ReportError> {
    let model = Model::prepare(data)?;
    let past = backcast(data, &model)?;
    let settings = Settings {
        runs: REPORT_RUNS,
        seed: SEED,
        threads: 2,
    };
    let mut scenarios = Vec::new();
    let mut leap = None;
    for id in ["baseline", "tcip-package"] {
        let Some(pkg) = data.policy_package(id) else {
            continue;
        };
        let levers = Levers::resolve(data, &model, Some(pkg), &[])?;
        let mc = monte_carlo(&model, &levers, settings)?;
        if id == "tcip-package" {
            let parts = attribution(data, &model, pkg, &mc)?;
            leap = Some((leap_map(&model, &mc), parts));
        }
        scenarios.push(summary(id, &pkg.name, &mc));
    }
    let (leap, attribution) = leap.ok_or_else(|| {
        crate::ReportError::Empty(
            "the policy section needs the tcip-package package in data/policy.toml".into(),
        )
    })?;
    Ok(PolicySection {
        rules_as_of: model.rules.as_of.to_string(),
        runs: REPORT_RUNS,
        seed: SEED,
        backcast: past,
        scenarios,
        leap,
        leap_package: "tcip-package".into(),
        attribution,
        model,
    })
}

fn summary(id: &str, name: &str, mc: &MonteCarlo) -> ScenarioSummary {
    let lfp = mc
        .years
        .iter()
        .filter_map(|y| mc.summary.cost_ratio(GAP_CHEMISTRY, *y))
        .collect();
    ScenarioSummary {
        package: id.to_string(),
        name: name.to_string(),
        years: mc.years.clone(),
        lfp_cost_ratio: lfp,
        us_share_total: mc.us_share_total.clone(),
        parity: mc.parity.clone(),
        tornado_outcome_central: mc.tornado_outcome_central,
        tornado: mc.tornado.clone(),
        tornado_no_effect: mc.tornado_no_effect.clone(),
    }
}

fn pct(v: f64) -> String {
    format!("{:.1}%", 100.0 * v)
}

fn fans(s: &[ScenarioSummary], pick: fn(&ScenarioSummary) -> &Vec<Band>, scale: f64) -> Vec<Fan> {
    s.iter()
        .enumerate()
        .map(|(i, x)| Fan {
            label: x.package.clone(),
            // Red is China's colour throughout the report; current law is grey.
            class: if i == 0 { "neutral" } else { "other" },
            points: x
                .years
                .iter()
                .zip(pick(x))
                .map(|(y, b)| (f64::from(*y), scale * b.p10, scale * b.p50, scale * b.p90))
                .collect(),
        })
        .collect()
}

const INTRO: &str = "The annual model (leapfrog-policy) runs 2025-2045 over every factory region and the chemistries of data/policy.toml: costs from the factory layer at a 20 GWh plant, falling by Wright's law on each producer's own output plus explicit spill-overs (10% of other regions' output of the chemistry and of the region's other chemistries count as its own: nothing published measures these, and they decide the catch-up result); demand by sector in the U.S. and the rest of the world, met in merit order of delivered cost (duties as assessed each year and 45X for U.S. plants, both from the rules evaluator and data/rules.toml as of their as-of date; 45X from 2026 only where a chemistry's representative U.S. plant, buying the factory layer's bill of materials from suppliers assumed as the README describes, reaches the year's material assistance cost ratio: 60% in 2026 rising to 85% from 2030); capacity built where it sells out at a margin; new chemistries entering by the scale-up layer's start-up path. Monte Carlo over learning rates, demand growth, spill-overs, build rate, capex and material prices; the same seed gives the same figures on any number of threads.";

impl Section for PolicySection {
    fn key(&self) -> &'static str {
        "policy"
    }

    fn group(&self) -> &'static str {
        "policy"
    }

    fn json(&self) -> &dyn erased_serde::Serialize {
        self
    }

    fn html(&self) -> Markup {
        html! { @for (_, part) in self.parts() { (part) } }
    }

    /// The backcast first (its own group, before any projection), then the projection with
    /// what each lever does, then the leap map.
    fn parts(&self) -> Vec<(&'static str, Markup)> {
        vec![
            ("backcast", self.backcast_html()),
            ("policy", self.projection_html()),
            ("leap", self.leap_html()),
        ]
    }

    fn markdown(&self, m: &mut String) {
        let b = &self.backcast;
        let _ = write!(
            m,
            "\n## Policy scenarios: current law against the assessment's six levers\n\n### First, the past: the model against {}-{}\n\n{}\n\n| year | metric | model | published | band | in band | in sample | sources |\n|---:|---|---:|---:|---:|---|---|---|\n",
            b.years[0],
            b.years[1],
            backcast_intro(b)
        );
        for r in &b.rows {
            let _ = writeln!(
                m,
                "| {} | {} | {} | {} | {}-{} | {} | {} | {} |",
                r.year,
                r.metric,
                value(r.model),
                value(r.published),
                value(r.low),
                value(r.high),
                yes(r.inside),
                yes(r.calibrated),
                r.source
            );
        }
        let _ = write!(m, "\n### Then the projection\n\n{INTRO} Rules as of {}. {} runs, seed {}.\n\n| package | year | U.S./China LFP cost (median, 10th-90th) | U.S. share of supply (median, 10th-90th) |\n|---|---:|---:|---:|\n", self.rules_as_of, self.runs, self.seed);
        for s in &self.scenarios {
            for (i, y) in s.years.iter().enumerate().filter(|(_, y)| *y % 5 == 0) {
                let (g, u) = (&s.lfp_cost_ratio[i], &s.us_share_total[i]);
                let _ = writeln!(
                    m,
                    "| {} | {y} | {:.2} ({:.2}-{:.2}) | {} ({}-{}) |",
                    s.package,
                    g.p50,
                    g.p10,
                    g.p90,
                    pct(u.p50),
                    pct(u.p10),
                    pct(u.p90)
                );
            }
        }
        m.push_str("\n| package | input | low | high | U.S. share at low | at high |\n|---|---|---|---|---:|---:|\n");
        for s in &self.scenarios {
            for t in &s.tornado {
                let _ = writeln!(
                    m,
                    "| {} | {} | {} | {} | {} | {} |",
                    s.package,
                    t.input,
                    t.low,
                    t.high,
                    pct(t.outcome_at_low),
                    pct(t.outcome_at_high)
                );
            }
        }
        for s in self
            .scenarios
            .iter()
            .filter(|s| !s.tornado_no_effect.is_empty())
        {
            let _ = writeln!(m, "\n{}", no_effect(s));
        }
        let _ = write!(
            m,
            "\n### What each lever does and costs\n\n{ATTRIBUTION_NOTE}\n\n| {} |\n|---|{}\n",
            ATTRIBUTION_HEADERS.join(" | "),
            "---:|".repeat(ATTRIBUTION_HEADERS.len() - 1)
        );
        for row in attribution_rows(&self.attribution) {
            let _ = writeln!(m, "| {} |", row.join(" | "));
        }
        m.push_str("\n### Catch up or leap: the leap map under the assessment's package\n");
        m.push_str("\n| chemistry | sector | fit | U.S. share 2035 | U.S. share 2045 | value captured, B$ | value added, B$ |\n|---|---|---|---:|---:|---:|---:|\n");
        for r in &self.leap.rows {
            let _ = writeln!(
                m,
                "| {} | {} | {} | {} | {} | {} | {} |",
                r.chemistry,
                r.sector,
                r.fit,
                pct(r.us_share_2035.p50),
                pct(r.us_share_2045.p50),
                svg::fmt(r.value_captured_busd.p50),
                svg::fmt(r.value_added_busd.p50)
            );
        }
        let _ = writeln!(m, "\n{}", comparison(&self.leap));
        let _ = writeln!(m, "\n{ORIGINS}\n\n| chemistry | licence chain | invented in | IP lever | U.S. share of capacity 2035 | U.S. share of capacity 2045 |\n|---|---|---|---|---:|---:|");
        for r in &self.leap.origins {
            let _ = writeln!(
                m,
                "| {} | {} | {} | {} | {} | {} |",
                r.chemistry,
                r.ip_technology.as_deref().unwrap_or("none on record"),
                r.invented_in.as_deref().unwrap_or("-"),
                r.ip_lever_status(),
                pct(r.us_capacity_share_2035.p50),
                pct(r.us_capacity_share_2045.p50)
            );
        }
    }
}

/// What the origin table shows and how the IP lever reads it.
const ORIGINS: &str = "Where each chemistry was invented, from its licence chain (the IP section), and the U.S. share of its world capacity (medians). The IP lever, the share of a U.S. invention's production licensed abroad, applies to a new chemistry invented in the U.S.; licensed production goes to the country of the chain's first licensee abroad, or to China where none is on record.";

fn no_effect(s: &ScenarioSummary) -> String {
    format!(
        "Under {}, moved to both ends of their ranges without moving the outcome (not drawn): {}.",
        s.package,
        s.tornado_no_effect.join(", ")
    )
}

const ATTRIBUTION_NOTE: &str = "Each lever of the assessment's package alone on current law, the package less each lever, and the whole package, each a Monte Carlo on the same runs and seed as above. Shares are medians; U.S. output and fiscal cost are means over the runs, summed over 2025-2045. Fiscal cost is 45X paid, state grants, what procurement pays over the U.S. market price, and the tax deferred by depreciation faster than current law's (undiscounted, in the price basis's dollars). Levers interact, so their effects alone need not add up to the package's: both are shown.";

const ATTRIBUTION_HEADERS: [&str; 7] = [
    "levers",
    "U.S. share 2035",
    "U.S. share 2045",
    "added U.S. output, GWh",
    "fiscal cost, B$",
    "added fiscal cost, B$",
    "$ per added kWh",
];

fn attribution_rows(a: &Attribution) -> Vec<Vec<String>> {
    let row = |v: &Variant| {
        let label = match v.value {
            Some(x) => format!("{} ({})", v.label, svg::fmt(x)),
            None => v.label.clone(),
        };
        vec![
            label,
            pct(v.outcome.us_share_2035),
            pct(v.outcome.us_share_2045),
            svg::fmt(v.added.us_output_gwh),
            svg::fmt(v.fiscal.total_busd),
            svg::fmt(v.added.fiscal_busd),
            v.fiscal_usd_per_added_kwh.map_or("-".into(), svg::fmt),
        ]
    };
    let mut rows = vec![row(&a.current_law)];
    rows.extend(a.alone.iter().chain(&a.package_less).map(row));
    rows.push(row(&a.whole_package));
    let sum = &a.sum_of_levers_alone;
    rows.push(vec![
        "levers alone, added effects summed".into(),
        format!("+{}", pct(sum.us_share_2035)),
        format!("+{}", pct(sum.us_share_2045)),
        svg::fmt(sum.us_output_gwh),
        "-".into(),
        svg::fmt(sum.fiscal_busd),
        "-".into(),
    ]);
    rows
}

impl PolicySection {
    fn backcast_html(&self) -> Markup {
        html! {
            h2 { "First, the past: the policy model against " (self.backcast.years[0]) "-" (self.backcast.years[1]) }
            p { (backcast_intro(&self.backcast)) }
            (backcast_table(&self.backcast))
        }
    }

    fn projection_html(&self) -> Markup {
        let gap = svg::fan(
            "U.S. LFP cell cost over China's",
            "year",
            "U.S. cost / China's cost",
            &fans(&self.scenarios, |s| &s.lfp_cost_ratio, 1.0),
            Some((1.0, "parity: the U.S. cost equals China's")),
        );
        let share = svg::fan(
            "U.S. plants' share of all sectors' battery supply",
            "year",
            "share of world supply, %",
            &fans(&self.scenarios, |s| &s.us_share_total, 100.0),
            None,
        );
        html! {
            h2 { "Policy scenarios: current law against the assessment's six levers" }
            p.note { (INTRO) " Rules as of " (self.rules_as_of) ". " (self.runs) " runs, seed " (self.seed) ". Sources: " (src("usc-45x")) ", " (src("pl-119-21")) ", " (src("ustr-301-2024")) ", " (src("tcip-2025")) "." }
            (chart(gap))
            (chart(share))
            table {
                tr { th { "package" } th { "chemistry" } th { "runs where the U.S. cost reaches China's by 2045" } th { "median year" } }
                @for s in &self.scenarios {
                    @for p in &s.parity {
                        tr { td { (s.package) } td { (p.chemistry) } td.n { (pct(p.share_of_runs)) } td.n { (p.median_year.map_or("-".into(), |y| format!("{y:.0}"))) } }
                    }
                }
            }
            @for s in &self.scenarios {
                @let bars: Vec<Bar> = s.tornado.iter().flat_map(|t| [
                    Bar { label: format!("{} at {}", t.input, t.low), value: 100.0 * t.outcome_at_low, class: "neutral" },
                    Bar { label: format!("{} at {}", t.input, t.high), value: 100.0 * t.outcome_at_high, class: "other" },
                ]).collect();
                (chart(svg::bars_legend(&format!("Tornado ({}): U.S. share of all supply in {TORNADO_YEAR}, each input at its low and high", s.package), "share of world supply, %", &bars, &[svg::Marker { value: 100.0 * s.tornado_outcome_central, label: "central".into() }], &[("neutral", "input at its low value"), ("other", "input at its high value")])))
                @if !s.tornado_no_effect.is_empty() {
                    p.note { (no_effect(s)) }
                }
            }
            h3 { "What each lever does and costs" }
            p.note { (ATTRIBUTION_NOTE) }
            table {
                tr { @for h in ATTRIBUTION_HEADERS { th { (h) } } }
                @for row in attribution_rows(&self.attribution) {
                    tr { td { (row[0]) } @for c in &row[1..] { td.n { (c) } } }
                }
            }
        }
    }

    fn leap_html(&self) -> Markup {
        html! {
            h2 { "Catch up or leap: the leap map under the assessment's package" }
            p { (comparison(&self.leap)) }
            (leap_table(&self.leap))
            p { (ORIGINS) }
            (origin_table(&self.leap))
        }
    }
}

fn value(v: f64) -> String {
    if v.abs() >= 10.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.3}")
    }
}

fn yes(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// What the backcast takes as given, what it fits and on which years, and how far the
/// out-of-sample rows land from their bands.
fn backcast_intro(b: &Backcast) -> String {
    let params: Vec<String> = b
        .parameters
        .iter()
        .map(|p| {
            if p.fitted {
                let years: Vec<String> = p.fitted_on.iter().map(i32::to_string).collect();
                format!(
                    "{} fitted to {:.2} on {} only (prior {:.2}-{:.2})",
                    p.name,
                    p.value,
                    years.join(" and "),
                    p.prior[0],
                    p.prior[1]
                )
            } else {
                format!(
                    "{} held at {:.2}, not fitted (prior {:.2}-{:.2})",
                    p.name, p.value, p.prior[0], p.prior[1]
                )
            }
        })
        .collect();
    let out: Vec<&leapfrog_policy::backcast::BackcastRow> = b
        .rows
        .iter()
        .filter(|r| !r.calibrated && r.metric != "world_cell_output_gwh")
        .collect();
    let inside = out.iter().filter(|r| r.inside).count();
    format!(
        "Before any projection the policy model runs over the past with only the published demand and each plant's capacity, production start and status as inputs; output, prices and experience are its own. Free parameters: {}. Out of sample, {inside} of {} rows (world output aside, which follows demand: the model has no consumer-electronics sector and no stock-building) lie inside their published bands. {}",
        params.join("; "),
        out.len(),
        b.note
    )
}

fn backcast_table(b: &Backcast) -> Markup {
    html! {
        table {
            tr { th { "year" } th { "metric" } th { "model" } th { "published" } th { "band" } th { "in band" } th { "in sample" } th { "sources" } }
            @for r in &b.rows {
                tr {
                    td { (r.year) } td { (r.metric) } td.n { (value(r.model)) } td.n { (value(r.published)) }
                    td.n { (value(r.low)) "-" (value(r.high)) } td { (yes(r.inside)) } td { (yes(r.calibrated)) }
                    td { @for (i, id) in r.source.split(", ").enumerate() { @if i > 0 { ", " } (src(id)) } }
                }
            }
        }
    }
}

/// A median with its 10th-90th percentile band, as a numeric cell.
fn band_cell(b: &leapfrog_policy::montecarlo::Band) -> Markup {
    html! { td.n { (pct(b.p50)) " (" (pct(b.p10)) "-" (pct(b.p90)) ")" } }
}

fn leap_table(map: &LeapMap) -> Markup {
    html! {
        table {
            tr { th { "chemistry" } th { "sector" } th { "mission fit" } th { "U.S. share 2035" } th { "U.S. share 2045" } th { "value captured, B$" } th { "value added, B$" } th { "45X material assistance ratio" } }
            @for r in &map.rows {
                tr {
                    td { (r.chemistry) } td { (r.sector) } td { (r.fit) }
                    (band_cell(&r.us_share_2035))
                    (band_cell(&r.us_share_2045))
                    td.n { (svg::fmt(r.value_captured_busd.p50)) }
                    td.n { (svg::fmt(r.value_added_busd.p50)) }
                    td.n { (pct(r.material_assistance_ratio)) }
                }
            }
        }
    }
}

fn origin_table(map: &LeapMap) -> Markup {
    html! {
        table {
            tr { th { "chemistry" } th { "licence chain" } th { "invented in" } th { "IP lever" } th { "licensed production goes to" } th { "U.S. share of capacity 2035" } th { "U.S. share of capacity 2045" } }
            @for r in &map.origins {
                tr {
                    td { (r.chemistry) } td { (r.ip_technology.as_deref().unwrap_or("none on record")) }
                    td { (r.invented_in.as_deref().unwrap_or("-")) } td { (r.ip_lever_status()) }
                    td { (r.licensee_basis.as_deref().unwrap_or("-")) }
                    (band_cell(&r.us_capacity_share_2035))
                    (band_cell(&r.us_capacity_share_2045))
                }
            }
        }
    }
}

fn comparison(map: &LeapMap) -> String {
    let c = &map.comparison;
    format!(
        "Catching up on LFP and NMC for EVs gives U.S. plants {} of EV supply in 2045 and {} B$ of sales over 2025-2045, of which they add {} B$ (value added: sales plus 45X and procurement over the market price, less imported materials); leading with new chemistries in {} gives them {} of those sectors' supply in 2045, weighted by each sector's GWh ({} as a plain mean of the sectors), {} B$ of sales and {} B$ of value added (medians). The sectors count as won at {} by GWh.",
        pct(c.catch_up_share_2045),
        svg::fmt(c.catch_up_value_busd),
        svg::fmt(c.catch_up_value_added_busd),
        c.lead_sectors.join(", "),
        pct(c.lead_share_2045),
        pct(c.lead_share_2045_unweighted),
        svg::fmt(c.lead_value_busd),
        svg::fmt(c.lead_value_added_busd),
        pct(c.won_share)
    )
}
