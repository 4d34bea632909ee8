//! `leapfrog supply`: exposure by stage and country, and demand coupling. What `shock` shares
//! with it (the options of `Common`, loading the model and products) lives here too.

use crate::options;
use crate::output::{emit, fixed, num, Format, InputError, OutputArgs, Table};
use leapfrog_data::{Dataset, DemandScenario, Region};
use leapfrog_factory::Factory;
use leapfrog_supply::{
    demand_coupling, exposure, factory, Basis, Exposure, Product, SupplyModel, DEFAULT_CHEMISTRIES,
    DEFAULT_DEMAND, INDEX_FORMULA,
};
use serde_json::json;
use std::path::Path;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct Common {
    /// Shares by where capacity sits (location) or who owns it (control).
    #[arg(long = "by", default_value = "location", value_parser = ["location", "control"])]
    pub by: String,
    /// Countries of concern, comma-separated region ids.
    #[arg(long, value_delimiter = ',', default_value = "CN")]
    pub concern: Vec<String>,
    /// Demand scenario (GWh a year by chemistry) for demand coupling and GWh lost.
    #[arg(long, default_value = DEFAULT_DEMAND)]
    pub demand: String,
    #[command(flatten)]
    pub output: OutputArgs,
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

pub struct Setup {
    pub data: Dataset,
    pub model: SupplyModel,
    pub factory: Arc<Factory>,
    pub products: Vec<Product>,
    pub basis: Basis,
    pub concern: Vec<String>,
}

pub fn setup(dir: Option<&Path>, chemistries: &[String], c: &Common) -> crate::Result<Setup> {
    options::each_once("--concern", &c.concern)?;
    let data = super::load(dir)?;
    let concern = options::canonical_all::<Region>(&data, "--concern", &c.concern)?;
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
        concern,
        data,
        model,
        factory: f,
        products,
    })
}

pub fn scenario<'a>(data: &'a Dataset, id: &str) -> crate::Result<&'a DemandScenario> {
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
    options::each_once("--chemistry", &a.chemistry)?;
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
    if a.common.output.format != Format::Table {
        let table = if exposures.len() == 1 {
            terms_table(&exposures[0])
        } else {
            summary
        };
        return emit(a.common.output.format, &table, &json);
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
            fixed(x.amount_per_kwh, 4),
            num(x.value_usd_per_kwh),
            x.top_country.clone(),
            fixed(x.top_share, 3),
            fixed(x.hhi, 0),
            fixed(x.concern_share, 3),
            num(x.concern_value_usd_per_kwh),
            fixed(x.index_contribution, 3),
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
