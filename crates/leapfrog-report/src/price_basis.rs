//! LFP against NMC811 on two price bases: the model's cell prices beside the same quote
//! sheet's cell prices, and the LFP discount beside the surveyed one.

use crate::chemistry::Check;
use crate::html::src;
use crate::svg::fmt;
use leapfrog_cell::{Chemistry, DesignRequest};
use leapfrog_data::Dataset;
use leapfrog_factory::{CostResult, Factory, FactoryError, PlantOptions, DEFAULT_COST_MODEL};
use maud::{html, Markup};
use serde::Serialize;
use std::fmt::Write;

/// The basis the section prices on.
pub const BASIS: &str = "cn-2024-11";
const PLANT_GWH: f64 = 30.0;
/// bnef-survey-2023-lfp: LFP cells on average 32% cheaper than NMC cells in 2023.
const BNEF_LFP_DISCOUNT: f64 = 0.32;

#[derive(Debug, Serialize)]
pub struct ChemistryPrices {
    pub basis: String,
    /// Model cell price (with BatPaC's profit and warranty) beside each quoted cell price.
    pub market_checks: Vec<Check>,
    pub comparisons: Vec<Discount>,
    /// Materials the basis does not price (they keep materials.toml's prices).
    pub kept_materials: Vec<String>,
}

/// LFP-G's cell cost against NMC811-G's in one setting.
#[derive(Debug, Serialize)]
pub struct Discount {
    pub setting: String,
    pub lfp_usd_per_kwh: f64,
    pub nmc811_usd_per_kwh: f64,
    /// 1 − LFP / NMC811.
    pub lfp_discount: f64,
}

fn priced(
    data: &Dataset,
    factory: &Factory,
    couple: &str,
    region: &str,
    basis: Option<&str>,
) -> Result<CostResult, FactoryError> {
    let req = DesignRequest::reference_for(data, couple)?;
    let chem = Chemistry::load(data, &req)?;
    let design = chem.solve(&req.inputs)?;
    let opts = PlantOptions {
        plant_gwh_per_yr: PLANT_GWH,
        region: Some(region.into()),
        processes: Vec::new(),
        price_basis: basis.map(str::to_string),
    };
    Ok(factory.evaluate(&factory.prepare(&chem, &opts)?, &design))
}

fn discount(setting: &str, lfp: &CostResult, nmc: &CostResult) -> Discount {
    Discount {
        setting: setting.into(),
        lfp_usd_per_kwh: lfp.cell_cost_usd_per_kwh,
        nmc811_usd_per_kwh: nmc.cell_cost_usd_per_kwh,
        lfp_discount: 1.0 - lfp.cell_cost_usd_per_kwh / nmc.cell_cost_usd_per_kwh,
    }
}

pub fn section(data: &Dataset) -> Result<Option<ChemistryPrices>, FactoryError> {
    let Some(basis) = data.price_basis(BASIS) else {
        return Ok(None);
    };
    let factory = &Factory::load(data, DEFAULT_COST_MODEL)?;
    let mut market_checks = Vec::new();
    for m in &basis.market_cells {
        let c = priced(data, factory, &m.couple, &basis.region, Some(BASIS))?;
        market_checks.push(Check {
            quantity: format!("{} ({})", m.label, m.couple),
            unit: "$/kWh".into(),
            published: m.price_per_wh * 1000.0 / basis.units_per_usd,
            model: c.cell_price_usd_per_kwh,
            source: m.source.clone(),
            tolerance: None,
        });
    }
    let lfp_cn = priced(data, factory, "LFP-G", &basis.region, Some(BASIS))?;
    let nmc_cn = priced(data, factory, "NMC811-G", &basis.region, Some(BASIS))?;
    let lfp_us_prices = priced(data, factory, "LFP-G", &basis.region, None)?;
    let nmc_us_prices = priced(data, factory, "NMC811-G", &basis.region, None)?;
    let nmc_kr = priced(data, factory, "NMC811-G", "KR", None)?;
    let comparisons = vec![
        discount(
            "both in China, BatPaC U.S. 2022 material prices",
            &lfp_us_prices,
            &nmc_us_prices,
        ),
        discount(
            &format!("both in China, {BASIS} material prices"),
            &lfp_cn,
            &nmc_cn,
        ),
        discount(
            &format!("LFP in China on {BASIS}; NMC811 in Korea on BatPaC prices"),
            &lfp_cn,
            &nmc_kr,
        ),
    ];
    Ok(Some(ChemistryPrices {
        basis: BASIS.into(),
        market_checks,
        comparisons,
        kept_materials: lfp_cn
            .material_prices
            .kept()
            .iter()
            .map(|s| s.to_string())
            .collect(),
    }))
}

fn quoted_discount(s: &ChemistryPrices) -> Option<f64> {
    let [lfp, nmc] = s.market_checks.as_slice() else {
        return None;
    };
    Some(1.0 - lfp.published / nmc.published)
}

fn reading(s: &ChemistryPrices) -> String {
    let quoted = quoted_discount(s).map_or("n/a".into(), |d| format!("{:.0}%", 100.0 * d));
    format!(
        "The same Chinese quote sheet prices LFP cells {quoted} below ternary cells; BloombergNEF's 2023 survey finds LFP cells {:.0}% below NMC cells on average worldwide, where LFP is made almost only in China and NMC largely in Korea, Japan, Europe and the U.S. The model brackets that average: same plant and prices give the smaller gap, LFP in China against NMC811 in Korea the larger. Materials the basis does not price keep BatPaC's U.S. 2022 prices: {}.",
        100.0 * BNEF_LFP_DISCOUNT,
        s.kept_materials.join(", ")
    )
}

pub fn html(s: &ChemistryPrices) -> Markup {
    html! {
        h3 { "LFP against NMC811, and Chinese cell prices (" (fmt(PLANT_GWH)) " GWh/yr plants, price basis " (s.basis) ")" }
        table {
            tr { th { "quoted cell" } th { "quoted" } th { "model cell price" } th { "difference" } th { "source" } }
            @for c in &s.market_checks { (c.html_row()) }
        }
        table {
            tr { th { "setting" } th { "LFP-G cell $/kWh" } th { "NMC811-G cell $/kWh" } th { "LFP cheaper by" } }
            @for d in &s.comparisons {
                tr {
                    td { (d.setting) }
                    td.n { (fmt(d.lfp_usd_per_kwh)) }
                    td.n { (fmt(d.nmc811_usd_per_kwh)) }
                    td.n { (format!("{:.1}%", 100.0 * d.lfp_discount)) }
                }
            }
        }
        p.note { (reading(s)) " Sources: " (src("trendforce-2024-11")) ", " (src("bnef-survey-2023-lfp")) "." }
    }
}

pub fn markdown(m: &mut String, s: &ChemistryPrices) {
    let _ = write!(
        m,
        "\n| quoted cell ({}) | quoted $/kWh | model $/kWh | difference |\n|---|---:|---:|---:|\n",
        s.basis
    );
    for c in &s.market_checks {
        let _ = writeln!(m, "{}", c.markdown_row());
    }
    m.push_str(
        "\n| setting | LFP-G $/kWh | NMC811-G $/kWh | LFP cheaper by |\n|---|---:|---:|---:|\n",
    );
    for d in &s.comparisons {
        let _ = writeln!(
            m,
            "| {} | {} | {} | {:.1}% |",
            d.setting,
            fmt(d.lfp_usd_per_kwh),
            fmt(d.nmc811_usd_per_kwh),
            100.0 * d.lfp_discount
        );
    }
    let _ = writeln!(m, "\n{}", reading(s));
}
