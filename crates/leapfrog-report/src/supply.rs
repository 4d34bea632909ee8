//! The supply-chain section: exposure by stage and country for the compared chemistries,
//! demand against supply outside China, and export-restriction shocks.

use crate::svg::{self, esc, fmt, StackRow};
use leapfrog_data::{Dataset, SupplyStage};
use leapfrog_supply::{
    demand_coupling, exposure, factory, simulate, Basis, DemandRow, Exposure, Product, Shock,
    ShockResult, SupplyError, SupplyModel, DEFAULT_CHEMISTRIES, DEFAULT_DEMAND, INDEX_FORMULA,
    SHOCK_FORMULA,
};
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
    pub shocks: Vec<ShockResult>,
    pub index_formula: &'static str,
    pub shock_formula: &'static str,
    pub notes: Vec<String>,
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

    fn html(&self, h: &mut String, src: &dyn Fn(&str) -> String) {
        html(h, self, src);
    }

    fn markdown(&self, m: &mut String) {
        markdown(m, self);
    }

    fn json(&self) -> &dyn erased_serde::Serialize {
        self
    }
}

fn html(h: &mut String, s: &SupplySection, src: impl Fn(&str) -> String) {
    let _ = write!(h, "<h2>Supply chains: who holds each stage, and what a restriction does</h2><p class=\"note\">Countries of concern: {}. Exposure index: {}</p>", esc(&s.concern.join(", ")), esc(s.index_formula));
    h.push_str("<table><tr><th>chemistry</th><th>index (location)</th><th>index (control)</th><th>$/kWh from concern</th><th>stage value $/kWh</th><th>lithium $/kWh</th><th>graphite $/kWh</th><th>bottleneck</th><th>not covered</th></tr>");
    for (e, (_, ctl)) in s.exposures.iter().zip(&s.control_index) {
        let b = e
            .bottleneck
            .as_ref()
            .map_or("-".into(), |(c, st)| stage_label(c, *st));
        let unc: Vec<&str> = e.uncovered.iter().map(|(m, _)| m.as_str()).collect();
        let _ = write!(h, "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>",
            esc(&e.chemistry), index(e.index), index(*ctl), fmt(e.concern_value_usd_per_kwh), fmt(e.total_value_usd_per_kwh),
            fmt(e.chain_concern_value("lithium")), fmt(e.chain_concern_value("graphite")), esc(&b), esc(&unc.join(", ")));
    }
    h.push_str("</table>");
    for e in s.exposures.iter().filter(|e| !e.terms.is_empty()) {
        let title = format!(
            "{} ({}): country shares of each stage, value per kWh at right",
            e.name, e.chemistry
        );
        h.push_str(&svg::stacked(&title, &rows(e)));
        let cited: std::collections::BTreeSet<&str> =
            e.terms.iter().map(|t| t.source.as_str()).collect();
        let links: Vec<String> = cited.iter().map(|c| src(c)).collect();
        let _ = write!(h, "<p class=\"note\">Sources: {}</p>", links.join(", "));
    }
    shocks_html(h, s, &src);
    demand_html(h, s);
    h.push_str("<ul>");
    for n in &s.notes {
        let _ = write!(h, "<li>{}</li>", esc(n));
    }
    h.push_str("</ul>");
}

fn shocks_html(h: &mut String, s: &SupplySection, src: &impl Fn(&str) -> String) {
    let _ = write!(h, "<h3>Export restrictions: half of one country's output for three years</h3><p class=\"note\">{}</p>", esc(s.shock_formula));
    h.push_str("<table><tr><th>restriction</th><th>world supply removed</th><th>price multiple year 1 (range)</th><th>year 3</th><th>chemistry</th><th>cell $/kWh</th><th>+$/kWh year 1 (range)</th><th>+$/kWh year 3</th><th>GWh lost year 1</th><th>source</th></tr>");
    for r in &s.shocks {
        let label = format!(
            "{} {} {}",
            r.shock.country,
            r.shock.chain,
            r.shock.stage.id()
        );
        let last = r.path[r.path.len() - 1];
        for c in r
            .chemistries
            .iter()
            .filter(|c| c.stage_amount_per_kwh > 0.0)
        {
            let _ = write!(h, "<tr><td>{}</td><td class=\"n\">{:.1}%</td><td class=\"n\">{:.2} ({:.2}-{:.2})</td><td class=\"n\">{:.2}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{} ({}-{})</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                esc(&label), 100.0 * r.removed_fraction, r.path[0].price_multiplier, r.first_year_low.price_multiplier, r.first_year_high.price_multiplier,
                last.price_multiplier, esc(&c.chemistry), c.base_cost_usd_per_kwh.map_or("n/a".into(), fmt),
                fmt(c.increase_first_year_usd_per_kwh), fmt(c.increase_first_year_low_usd_per_kwh), fmt(c.increase_first_year_high_usd_per_kwh),
                fmt(c.increase_last_year_usd_per_kwh), fmt(c.gwh_lost_first_year), src(&r.source));
        }
        let spared: Vec<&str> = r
            .chemistries
            .iter()
            .filter(|c| c.stage_amount_per_kwh <= 0.0)
            .map(|c| c.chemistry.as_str())
            .collect();
        let _ = write!(
            h,
            "<tr><td>{}</td><td colspan=\"9\">unaffected (no use of this stage): {}</td></tr>",
            esc(&label),
            esc(&spared.join(", "))
        );
    }
    h.push_str("</table>");
}

fn demand_html(h: &mut String, s: &SupplySection) {
    let _ = write!(h, "<h3>Demand against supply outside {} (scenario {})</h3><table><tr><th>chain</th><th>stage</th><th>demand t/yr (GWh for cells)</th><th>world</th><th>outside</th><th>demand / outside</th></tr>", esc(&s.concern.join(", ")), esc(&s.demand_scenario));
    let opt = |v: Option<f64>| v.map_or("n/a".into(), fmt);
    for r in &s.demand {
        let _ = write!(h, "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(&r.chain), r.stage.id(), fmt(r.demand), opt(r.world), opt(r.outside_concern), r.demand_over_outside.map_or("n/a".into(), |x| format!("{x:.2}")));
    }
    h.push_str("</table>");
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
