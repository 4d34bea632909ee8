//! Where each region figure comes from, how the modelled build costs compare with the
//! IEA's plant-level range, and how far China's capex per GWh rests on the two figures
//! that are still assumptions there.

use crate::html::src;
use crate::svg::fmt;
use leapfrog_cell::Chemistry;
use leapfrog_cell::Design;
use leapfrog_factory::{region_sensitivity, Factory, FactoryError, PlantOptions, SensitivityPoint};
use maud::{html, Markup};
use serde::Serialize;
use std::fmt::Write;

/// iea-actm-2024: plants 70-130% more expensive to build in the U.S. and Europe than in China.
const IEA_RATIO: (f64, f64) = (1.7, 2.3);
const IEA_SOURCE: &str = "iea-actm-2024";
/// The range for a 30 GWh/yr Chinese plant, around CATL's marginal 67.3 (tcip-2025).
const CHINA_RANGE: (f64, f64) = (55.0, 80.0);
/// Equipment multipliers around China's 0.6: the 30-50% discount commonly reported, and wider.
const EQUIPMENT: [f64; 5] = [0.4, 0.5, 0.6, 0.7, 0.8];
/// Building costs from the national average of all completed buildings (4,087 CNY/m2 in
/// 2022 at 6.729 CNY/USD, nbs-construction-cost-2022) up to BatPaC's U.S. figure.
const BUILDING: [f64; 4] = [607.0, 1000.0, 2000.0, 3000.0];

#[derive(Debug, Serialize)]
pub struct RegionSources {
    pub rows: Vec<RegionRow>,
    pub capex_ratio_checks: Vec<RangeCheck>,
    /// China's capex per GWh with its equipment multiplier and building cost varied.
    pub china_sensitivity: Vec<SensitivityPoint>,
    pub china_range_musd_per_gwh: (f64, f64),
    /// The equipment multipliers between which China's capex stays in that range, other
    /// figures as in the data (capex is linear in the multiplier); none if flat.
    pub china_equipment_band: Option<(f64, f64)>,
}

/// One region's six figures, each with its source id ("assumption" where none).
#[derive(Debug, Serialize)]
pub struct RegionRow {
    pub region: String,
    pub figures: Vec<RegionFigure>,
}

#[derive(Debug, Serialize)]
pub struct RegionFigure {
    pub figure: &'static str,
    pub value: f64,
    pub source: String,
}

/// A model result set against a published range rather than a single figure.
#[derive(Debug, Serialize)]
pub struct RangeCheck {
    pub quantity: String,
    pub low: f64,
    pub high: f64,
    pub model: f64,
    pub source: String,
}

impl RangeCheck {
    pub fn within(&self) -> bool {
        (self.low..=self.high).contains(&self.model)
    }
}

pub fn section(
    factory: &Factory,
    chem: &Chemistry,
    design: &Design,
    plant_gwh: f64,
) -> Result<RegionSources, FactoryError> {
    let prepare = |region: &str| {
        factory.prepare(
            chem,
            &PlantOptions {
                plant_gwh_per_yr: plant_gwh,
                region: Some(region.to_string()),
                processes: Vec::new(),
                price_basis: None,
            },
        )
    };
    let cn = prepare("CN")?;
    let cn_capex = factory.evaluate(&cn, design).plant.capex_musd_per_gwh;
    let mut capex_ratio_checks = Vec::new();
    for region in ["US", "DE"] {
        let capex = factory
            .evaluate(&prepare(region)?, design)
            .plant
            .capex_musd_per_gwh;
        capex_ratio_checks.push(RangeCheck {
            quantity: format!("capex per GWh, {region} ÷ CN"),
            low: IEA_RATIO.0,
            high: IEA_RATIO.1,
            model: capex / cn_capex,
            source: IEA_SOURCE.into(),
        });
    }
    let mut china_sensitivity = region_sensitivity(
        factory,
        &cn,
        design,
        "equipment_cost_multiplier",
        &EQUIPMENT,
    )?;
    let china_equipment_band = linear_band(&china_sensitivity, CHINA_RANGE);
    china_sensitivity.extend(region_sensitivity(
        factory,
        &cn,
        design,
        "building_usd_per_m2",
        &BUILDING,
    )?);
    Ok(RegionSources {
        rows: region_rows(factory)?,
        capex_ratio_checks,
        china_sensitivity,
        china_range_musd_per_gwh: CHINA_RANGE,
        china_equipment_band,
    })
}

/// The parameter values at which a result linear in the parameter reaches each end of a
/// range, from the first and last points; none where the result does not move.
fn linear_band(points: &[SensitivityPoint], range: (f64, f64)) -> Option<(f64, f64)> {
    let (a, b) = (points.first()?, points.last()?);
    let slope = (b.capex_musd_per_gwh - a.capex_musd_per_gwh) / (b.value - a.value);
    if !slope.is_finite() || slope.abs() < 1e-12 {
        return None;
    }
    let at = |capex: f64| a.value + (capex - a.capex_musd_per_gwh) / slope;
    Some((at(range.0), at(range.1)))
}

/// Region figures below 1 (electricity, multipliers, rates) keep three decimals.
fn figure_fmt(v: f64) -> String {
    if v.abs() < 1.0 {
        format!("{v:.3}")
    } else {
        fmt(v)
    }
}

fn region_rows(factory: &Factory) -> Result<Vec<RegionRow>, FactoryError> {
    let mut rows = Vec::new();
    for id in factory.region_ids() {
        let r = factory.region(Some(&id))?;
        let figures = r
            .figures()
            .map(|(figure, value, source)| RegionFigure {
                figure,
                value,
                source: source.to_string(),
            })
            .collect();
        rows.push(RegionRow {
            region: id,
            figures,
        });
    }
    Ok(rows)
}

pub fn html(s: &RegionSources) -> Markup {
    let (lo, hi) = s.china_range_musd_per_gwh;
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    html! {
        h3 { "Region figures and their sources" }
        p.note {
            "Each figure as used for a plant; the notes in data/factory_regions.toml give the conversions and the reason for each assumption."
        }
        table {
            tr {
                th { "region" }
                @if let Some(first) = s.rows.first() {
                    @for f in &first.figures { th { (f.figure) } }
                }
            }
            @for r in &s.rows {
                tr {
                    td { (r.region) }
                    @for f in &r.figures {
                        td.n { (figure_fmt(f.value)) br; small { (src(&f.source)) } }
                    }
                }
            }
        }
        h3 { "Check against the IEA's plant-level build costs" }
        table {
            tr { th { "quantity" } th { "published range" } th { "model" } th { "within" } th { "source" } }
            @for c in &s.capex_ratio_checks {
                tr {
                    td { (c.quantity) }
                    td.n { (fmt(c.low)) "\u{2013}" (fmt(c.high)) }
                    td.n { (format!("{:.2}", c.model)) }
                    td { (yes_no(c.within())) }
                    td { (src(&c.source)) }
                }
            }
        }
        h3 { "How far China's capex rests on its assumptions" }
        p.note {
            "China's equipment multiplier and building cost are assumptions (no sourced comparison was found). Each row changes one of them and keeps the other. The range "
            (fmt(lo)) "\u{2013}" (fmt(hi)) " M$/GWh is the one this result is checked against."
        }
        table {
            tr { th { "parameter" } th { "value" } th { "capex M$/GWh" } th { "cell $/kWh" } th { "in " (fmt(lo)) "\u{2013}" (fmt(hi)) } }
            @for p in &s.china_sensitivity {
                tr {
                    td { (p.parameter) }
                    td.n { (fmt(p.value)) }
                    td.n { (fmt(p.capex_musd_per_gwh)) }
                    td.n { (fmt(p.cell_cost_usd_per_kwh)) }
                    td { (yes_no((lo..=hi).contains(&p.capex_musd_per_gwh))) }
                }
            }
        }
        @if let Some((e0, e1)) = s.china_equipment_band {
            p.note {
                "With the other figures as in the data, China's capex stays in " (fmt(lo)) "\u{2013}" (fmt(hi))
                " M$/GWh for equipment multipliers from " (format!("{e0:.2}")) " to " (format!("{e1:.2}")) "."
            }
        }
    }
}

pub fn markdown(m: &mut String, s: &RegionSources) {
    if let Some(first) = s.rows.first() {
        let names: Vec<&str> = first.figures.iter().map(|f| f.figure).collect();
        let _ = write!(
            m,
            "\n| region | {} |\n|---|{}\n",
            names.join(" | "),
            "---:|".repeat(names.len())
        );
    }
    for r in &s.rows {
        let cells: Vec<String> = r
            .figures
            .iter()
            .map(|f| format!("{} ({})", figure_fmt(f.value), f.source))
            .collect();
        let _ = writeln!(m, "| {} | {} |", r.region, cells.join(" | "));
    }
    m.push_str("\n| check | published range | model | source |\n|---|---:|---:|---|\n");
    for c in &s.capex_ratio_checks {
        let _ = writeln!(
            m,
            "| {} | {}–{} | {:.2} | {} |",
            c.quantity,
            fmt(c.low),
            fmt(c.high),
            c.model,
            c.source
        );
    }
    m.push_str("\n| China: parameter | value | capex M$/GWh |\n|---|---:|---:|\n");
    for p in &s.china_sensitivity {
        let _ = writeln!(
            m,
            "| {} | {} | {} |",
            p.parameter,
            fmt(p.value),
            fmt(p.capex_musd_per_gwh)
        );
    }
    let (lo, hi) = s.china_range_musd_per_gwh;
    let Some((e0, e1)) = s.china_equipment_band else {
        return;
    };
    let _ = writeln!(
        m,
        "\nChina's capex stays in {}–{} M$/GWh for equipment multipliers from {e0:.2} to {e1:.2}, other figures as in the data.",
        fmt(lo),
        fmt(hi)
    );
}
