//! `leapfrog shock`: an export restriction's effect on prices, cell cost and buildable GWh.

use super::supply::{scenario, setup, Common};
use crate::options;
use crate::output::{emit, fixed, num, Format, InputError, Table};
use leapfrog_data::{Region, SupplyChain, SupplyStage};
use leapfrog_supply::{simulate, Shock, ShockResult};
use std::path::Path;

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
    #[arg(long, allow_negative_numbers = true, value_parser = options::within(options::FRACTION))]
    cut: f64,
    /// Years the restriction lasts.
    #[arg(long, default_value_t = 3.0, allow_negative_numbers = true, value_parser = options::within(options::DURATION_YEARS))]
    duration: f64,
    /// Chemistry ids, comma-separated; default: the seven the assessment compares.
    #[arg(long, value_delimiter = ',')]
    chemistries: Vec<String>,
    #[command(flatten)]
    common: Common,
}

pub fn run(dir: Option<&Path>, a: ShockArgs) -> crate::Result {
    crate::options::each_once("--chemistries", &a.chemistries)?;
    let s = setup(dir, &a.chemistries, &a.common)?;
    let country = options::canonical::<Region>(&s.data, "--country", &a.country)?;
    let chain = options::canonical::<SupplyChain>(&s.data, "--material", &a.material)?;
    let stage = SupplyStage::parse(&a.stage).ok_or_else(|| {
        let known: Vec<&str> = SupplyStage::ALL.iter().map(|x| x.id()).collect();
        InputError(format!(
            "--stage: unknown stage `{}`; known: {}",
            a.stage,
            known.join(", ")
        ))
    })?;
    let shock = Shock {
        country,
        chain,
        stage,
        cut: a.cut,
        duration_years: a.duration,
        basis: s.basis,
    };
    let demand = scenario(&s.data, &a.common.demand)?;
    let r = simulate(&s.model, &shock, &s.products, demand)?;
    if a.common.output.format == Format::Table {
        print_market(&r);
    }
    emit(a.common.output.format, &shock_table(&r), &r)?;
    if a.common.output.format == Format::Table {
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
        "{} cuts {}% of its {} {} ({}% of world supply, table {}, {}); {}% of world supply removed",
        s.country,
        fixed(100.0 * s.cut, 0),
        r.chain_name,
        s.stage.id(),
        fixed(100.0 * r.country_share, 1),
        r.table,
        r.source,
        fixed(100.0 * r.removed_fraction, 1)
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
            fixed(p.demand_elasticity, 2),
            fixed(p.supply_elasticity, 2),
            fixed(p.price_multiplier, 3),
            fixed(p.supply_kept, 3),
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
            fixed(c.stage_amount_per_kwh, 4),
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
