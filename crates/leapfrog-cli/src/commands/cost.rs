use super::factory::{price, request};
use crate::output::{emit, num, Format, Table};
use leapfrog_factory::CostResult;
use serde_json::json;
use std::path::Path;

pub type Args = super::factory::PricedArgs;

pub fn run(dir: Option<&Path>, a: Args) -> crate::Result {
    let data = super::load(dir)?;
    let req = request(&data, &a.design)?;
    let p = price(&data, req, &a.plant.options(&data)?)?;
    let c = &p.cost;
    if a.output.format == Format::Table {
        crate::outln!(
            "{} in {} at {} GWh/yr, region {}, processes [{}]",
            p.request.couple,
            p.request.format,
            num(c.plant_gwh_per_yr),
            c.region.id,
            c.processes.join(", ")
        );
        if let Some(line) = prices_line(c) {
            crate::outln!("{line}");
        }
    }
    let json = json!({ "request": p.request, "design": p.design, "cost": c });
    emit(a.output.format, &summary_table(c), &json)?;
    if a.output.format == Format::Table {
        crate::outln!();
        crate::out!("{}", element_table(c).text());
        crate::outln!();
        crate::out!("{}", process_table(c).text());
    }
    Ok(())
}

/// Which materials a price basis priced and which kept materials.toml's price.
pub fn prices_line(c: &CostResult) -> Option<String> {
    let m = &c.material_prices;
    let basis = m.basis.as_deref()?;
    let priced: Vec<&str> = m
        .lines
        .iter()
        .filter(|l| l.from == basis)
        .map(|l| l.material.as_str())
        .collect();
    Some(format!(
        "material prices: {basis} for [{}]; materials.toml for [{}]",
        priced.join(", "),
        m.kept().join(", ")
    ))
}

fn summary_table(c: &CostResult) -> Table {
    let mut t = Table::new(&["quantity", "value", "unit"]);
    let rows = [
        (
            "cell cost (before profit, warranty)",
            num(c.cell_cost_usd),
            "$/cell",
        ),
        ("cell cost", num(c.cell_cost_usd_per_kwh), "$/kWh"),
        ("cell price share", num(c.cell_price_usd_per_kwh), "$/kWh"),
        ("pack price", num(c.pack_usd), "$/pack"),
        ("pack price", num(c.pack_usd_per_kwh), "$/kWh"),
        (
            "plant capital (equipment + building systems)",
            num(c.plant.plant_capital_musd),
            "M$",
        ),
        ("building", num(c.plant.building_musd), "M$"),
        (
            "construction interest",
            num(c.plant.construction_interest_musd),
            "M$",
        ),
        (
            "capex per GWh/yr",
            num(c.plant.capex_musd_per_gwh),
            "M$/GWh",
        ),
        ("total investment", num(c.plant.total_investment_musd), "M$"),
        ("floor area", num(c.plant.floor_m2), "m²"),
        (
            "direct labour",
            num(c.plant.labour_h_per_yr / 1.0e6),
            "M h/yr",
        ),
        ("plant energy", num(c.plant.energy_kwh_per_kwh), "kWh/kWh"),
    ];
    for (q, v, u) in rows {
        t.push(vec![q.into(), v, u.into()]);
    }
    t
}

fn element_table(c: &CostResult) -> Table {
    let b = &c.price_per_pack;
    let mut t = Table::new(&["cost element", "$/pack"]);
    for (k, v) in [
        ("materials and purchased items", b.materials_usd),
        ("direct labour", b.direct_labour_usd),
        ("variable overhead", b.variable_overhead_usd),
        ("general, sales, administration", b.gsa_usd),
        ("research and development", b.rd_usd),
        ("depreciation", b.depreciation_usd),
        ("profit", b.profit_usd),
        ("warranty", b.warranty_usd),
        ("total", b.price_usd),
    ] {
        t.push(vec![k.into(), num(v)]);
    }
    t
}

fn process_table(c: &CostResult) -> Table {
    let mut t = Table::new(&["by process (overheads distributed)", "$/pack"]);
    for (k, v) in &c.by_process {
        t.push(vec![k.clone(), num(*v)]);
    }
    t
}
