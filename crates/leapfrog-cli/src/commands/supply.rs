//! `leapfrog supply` (exposure by stage and country) and `leapfrog shock` (an export
//! restriction's effect on prices, cell cost and buildable GWh).

use crate::output::{emit, num, Format, InputError, Table};
use leapfrog_data::{Dataset, DemandScenario, SupplyStage};
use leapfrog_factory::Factory;
use leapfrog_supply::{
    demand_coupling, exposure, factory, simulate, Basis, Exposure, Product, Shock, ShockResult,
    SupplyModel, DEFAULT_CHEMISTRIES, DEFAULT_DEMAND, INDEX_FORMULA,
};
use serde_json::json;
use std::path::Path;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct Common {
    /// Shares by where capacity sits (location) or who owns it (control).
    #[arg(long = "by", default_value = "location", value_parser = ["location", "control"])]
    by: String,
    /// Countries of concern, comma-separated region ids.
    #[arg(long, value_delimiter = ',', default_value = "CN")]
    concern: Vec<String>,
    /// Demand scenario (GWh a year by chemistry) for demand coupling and GWh lost.
    #[arg(long, default_value = DEFAULT_DEMAND)]
    demand: String,
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

#[derive(clap::Args)]
pub struct SupplyArgs {
    /// Chemistry ids (couples or storage systems), comma-separated; default: the seven
    /// the assessment compares.
    #[arg(long, value_delimiter = ',')]
    chemistry: Vec<String>,
    #[command(flatten)]
    common: Common,
}

#[derive(clap::Args)]
pub struct ShockArgs {
    /// The restricting country (region id).
    #[arg(long)]
    country: String,
    /// Supply chain id (lithium, nickel, cobalt, manganese, graphite, ...).
    #[arg(long)]
    material: String,
    /// Stage: mining, refining, synthesis, precursor, cathode-material, anode-material, cell.
    #[arg(long)]
    stage: String,
    /// Fraction of the country's output withheld (0 to 1).
    #[arg(long)]
    cut: f64,
    /// Years the restriction lasts.
    #[arg(long, default_value_t = 3.0)]
    duration: f64,
    /// Chemistry ids, comma-separated; default: the seven the assessment compares.
    #[arg(long, value_delimiter = ',')]
    chemistries: Vec<String>,
    #[command(flatten)]
    common: Common,
}

struct Setup {
    data: Dataset,
    model: SupplyModel,
    factory: Arc<Factory>,
    products: Vec<Product>,
    basis: Basis,
    concern: Vec<String>,
}

fn setup(dir: Option<&Path>, chemistries: &[String], c: &Common) -> crate::Result<Setup> {
    let data = super::load(dir)?;
    for k in &c.concern {
        if data.region(k).is_none() {
            return Err(InputError(format!("--concern: unknown region `{k}`")).into());
        }
    }
    let model = SupplyModel::load(&data)?;
    let f = factory(&data)?;
    let ids: Vec<String> = if chemistries.is_empty() {
        DEFAULT_CHEMISTRIES.iter().map(|s| s.to_string()).collect()
    } else {
        chemistries.to_vec()
    };
    let products = ids
        .iter()
        .map(|id| Product::load(&data, &f, id))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Setup {
        basis: Basis::parse(&c.by)?,
        concern: c.concern.clone(),
        data,
        model,
        factory: f,
        products,
    })
}

fn scenario<'a>(data: &'a Dataset, id: &str) -> crate::Result<&'a DemandScenario> {
    data.demand_scenario(id).ok_or_else(|| {
        let known: Vec<&str> = data
            .demand_scenarios
            .iter()
            .map(|d| d.id.as_str())
            .collect();
        InputError(format!(
            "--demand: unknown scenario `{id}`; known: {}",
            known.join(", ")
        ))
        .into()
    })
}

/// Every chemistry the scenario names, so demand coupling counts all of its GWh.
fn scenario_products(s: &Setup, d: &DemandScenario) -> crate::Result<Vec<Product>> {
    let products = d
        .entries
        .iter()
        .map(|e| Product::load(&s.data, &s.factory, &e.chemistry))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(products)
}

pub fn run_supply(dir: Option<&Path>, a: SupplyArgs) -> crate::Result {
    let s = setup(dir, &a.chemistry, &a.common)?;
    let demand = scenario(&s.data, &a.common.demand)?;
    let exposures: Vec<Exposure> = s
        .products
        .iter()
        .map(|p| exposure(&s.model, p, s.basis, &s.concern))
        .collect();
    let demanded = scenario_products(&s, demand)?;
    let rows = demand_coupling(&s.model, &demanded, demand, s.basis, &s.concern);
    let json = json!({ "exposures": exposures, "demand_scenario": demand.id, "demand": rows });
    let summary = summary_table(&exposures);
    if a.common.format != Format::Table {
        let table = if exposures.len() == 1 {
            terms_table(&exposures[0])
        } else {
            summary
        };
        return emit(a.common.format, &table, &json);
    }
    for e in &exposures {
        crate::outln!(
            "{} ({}), by {:?}, concern [{}]",
            e.name,
            e.chemistry,
            e.basis,
            e.concern.join(", ")
        );
        crate::out!("{}", terms_table(e).text());
        crate::outln!(
            "exposure index {}; {} of {} $/kWh of stage value from the countries of concern",
            index(e),
            num(e.concern_value_usd_per_kwh),
            num(e.total_value_usd_per_kwh)
        );
        if let Some((c, st)) = &e.bottleneck {
            crate::outln!("bottleneck: {c} {}", st.id());
        }
        if !e.uncovered.is_empty() {
            let list: Vec<String> = e
                .uncovered
                .iter()
                .map(|(m, kg)| format!("{m} {} kg/kWh", num(*kg)))
                .collect();
            crate::outln!("not covered by supply data: {}", list.join(", "));
        }
        crate::outln!();
    }
    crate::out!("{}", summary.text());
    crate::outln!("{INDEX_FORMULA}");
    crate::outln!();
    crate::outln!(
        "Demand coupling ({}): tonnes a year (GWh for cells) against output outside [{}]",
        demand.id,
        s.concern.join(", ")
    );
    crate::out!("{}", demand_table(&rows).text());
    Ok(())
}

fn index(e: &Exposure) -> String {
    e.index
        .map_or("n/a (no stage covered)".into(), |x| format!("{x:.3}"))
}

fn terms_table(e: &Exposure) -> Table {
    let mut t = Table::new(&[
        "chain",
        "stage",
        "year",
        "kg_per_kwh",
        "usd_per_kwh",
        "top",
        "top_share",
        "hhi",
        "concern_share",
        "concern_usd_per_kwh",
        "index_part",
        "source",
    ]);
    for x in &e.terms {
        t.push(vec![
            x.chain.clone(),
            x.stage.id().into(),
            x.year.to_string(),
            format!("{:.4}", x.amount_per_kwh),
            num(x.value_usd_per_kwh),
            x.top_country.clone(),
            format!("{:.3}", x.top_share),
            format!("{:.0}", x.hhi),
            format!("{:.3}", x.concern_share),
            num(x.concern_value_usd_per_kwh),
            format!("{:.3}", x.index_contribution),
            x.source.clone(),
        ]);
    }
    t
}

fn summary_table(es: &[Exposure]) -> Table {
    let mut t = Table::new(&[
        "chemistry",
        "index",
        "concern_usd_per_kwh",
        "stage_value_usd_per_kwh",
        "lithium_concern_usd",
        "graphite_concern_usd",
        "bottleneck",
    ]);
    for e in es {
        let b = e
            .bottleneck
            .as_ref()
            .map_or("-".into(), |(c, s)| format!("{c} {}", s.id()));
        t.push(vec![
            e.chemistry.clone(),
            index(e),
            num(e.concern_value_usd_per_kwh),
            num(e.total_value_usd_per_kwh),
            num(e.chain_concern_value("lithium")),
            num(e.chain_concern_value("graphite")),
            b,
        ]);
    }
    t
}

fn demand_table(rows: &[leapfrog_supply::DemandRow]) -> Table {
    let mut t = Table::new(&[
        "chain",
        "stage",
        "demand",
        "world",
        "outside_concern",
        "demand_over_outside",
    ]);
    let opt = |v: Option<f64>| v.map_or("n/a".into(), num);
    for r in rows {
        t.push(vec![
            r.chain.clone(),
            r.stage.id().into(),
            num(r.demand),
            opt(r.world),
            opt(r.outside_concern),
            r.demand_over_outside
                .map_or("n/a".into(), |x| format!("{x:.2}")),
        ]);
    }
    t
}

pub fn run_shock(dir: Option<&Path>, a: ShockArgs) -> crate::Result {
    let s = setup(dir, &a.chemistries, &a.common)?;
    if s.data.region(&a.country).is_none() {
        return Err(InputError(format!("--country: unknown region `{}`", a.country)).into());
    }
    let stage = SupplyStage::parse(&a.stage).ok_or_else(|| {
        let known: Vec<&str> = SupplyStage::ALL.iter().map(|x| x.id()).collect();
        InputError(format!(
            "--stage: unknown stage `{}`; known: {}",
            a.stage,
            known.join(", ")
        ))
    })?;
    let shock = Shock {
        country: a.country.clone(),
        chain: a.material.clone(),
        stage,
        cut: a.cut,
        duration_years: a.duration,
        basis: s.basis,
    };
    let demand = scenario(&s.data, &a.common.demand)?;
    let r = simulate(&s.model, &shock, &s.products, demand)?;
    if a.common.format == Format::Table {
        print_market(&r);
    }
    emit(a.common.format, &shock_table(&r), &r)?;
    if a.common.format == Format::Table {
        crate::outln!(
            "GWh a year that cannot be built ({}): {} in year 1, {} in year {}",
            r.demand_scenario,
            num(r.gwh_lost_first_year),
            num(r.gwh_lost_last_year),
            r.path.len()
        );
        crate::outln!("{}", r.formula);
    }
    Ok(())
}

fn print_market(r: &ShockResult) {
    let s = &r.shock;
    crate::outln!(
        "{} cuts {:.0}% of its {} {} ({:.1}% of world supply, table {}, {}); {:.1}% of world supply removed",
        s.country, 100.0 * s.cut, r.chain_name, s.stage.id(), 100.0 * r.country_share, r.table, r.source, 100.0 * r.removed_fraction
    );
    let mut t = Table::new(&[
        "year",
        "e_demand",
        "e_supply",
        "price_multiple",
        "supply_kept",
        "capped",
    ]);
    for p in &r.path {
        t.push(vec![
            p.year.to_string(),
            format!("{:.2}", p.demand_elasticity),
            format!("{:.2}", p.supply_elasticity),
            format!("{:.3}", p.price_multiplier),
            format!("{:.3}", p.supply_kept),
            p.capped.to_string(),
        ]);
    }
    crate::out!("{}", t.text());
    crate::outln!(
        "year-1 price multiple over the elasticity ranges: {:.3} to {:.3} (market `{}`)",
        r.first_year_low.price_multiplier,
        r.first_year_high.price_multiplier,
        r.market
    );
    crate::outln!();
}

fn shock_table(r: &ShockResult) -> Table {
    let mut t = Table::new(&[
        "chemistry",
        "stage_kg_per_kwh",
        "stage_usd_per_kwh",
        "base_usd_per_kwh",
        "increase_y1",
        "increase_y1_low",
        "increase_y1_high",
        "increase_last",
        "basis",
        "gwh_demand",
        "gwh_lost_y1",
    ]);
    for c in &r.chemistries {
        t.push(vec![
            c.chemistry.clone(),
            format!("{:.4}", c.stage_amount_per_kwh),
            num(c.stage_value_usd_per_kwh),
            c.base_cost_usd_per_kwh.map_or("n/a".into(), num),
            num(c.increase_first_year_usd_per_kwh),
            num(c.increase_first_year_low_usd_per_kwh),
            num(c.increase_first_year_high_usd_per_kwh),
            num(c.increase_last_year_usd_per_kwh),
            c.cost_basis.into(),
            num(c.demand_gwh_per_yr),
            num(c.gwh_lost_first_year),
        ]);
    }
    t
}
