use super::factory::{couple_request, price};
use crate::options;
use crate::output::{emit, num, Format, InputError, OutputArgs, Table};
use leapfrog_cell::Chemistry;
use leapfrog_data::{Couple, PriceBasis, ProcessVariant};
use leapfrog_factory::{
    attribute_region_gap, Factory, PlantOptions, RegionGap, DEFAULT_COST_MODEL,
};
use serde_json::json;
use std::path::Path;

/// Cell cost per kWh and capex per GWh for each chemistry in each region, and what makes the
/// regional gap (each region parameter switched in turn; the terms sum to the gap).
#[derive(clap::Args)]
pub struct Args {
    /// Couple ids, comma-separated.
    #[arg(long, value_delimiter = ',', required = true)]
    chemistries: Vec<String>,
    /// Region ids, comma-separated; the first is the base of the gap attribution.
    #[arg(long, value_delimiter = ',', required = true)]
    regions: Vec<String>,
    #[arg(long, default_value_t = 30.0, allow_negative_numbers = true, value_parser = options::within(options::PLANT_GWH))]
    plant_gwh: f64,
    #[arg(long, value_delimiter = ',')]
    process: Vec<String>,
    /// Material prices from a price basis in data/price_bases.toml (e.g. cn-2024-11).
    #[arg(long)]
    prices: Option<String>,
    #[command(flatten)]
    fast_charge: options::FastChargeArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// A couple designed to the reference targets, with this comparison's fast-charge options.
fn designed(
    data: &leapfrog_data::Dataset,
    a: &Args,
    couple: &str,
) -> crate::Result<leapfrog_cell::DesignRequest> {
    let mut req = couple_request(data, couple)?;
    a.fast_charge.apply(&mut req.inputs);
    Ok(req)
}

pub fn run(dir: Option<&Path>, mut a: Args) -> crate::Result {
    options::each_once("--process", &a.process)?;
    options::each_once("--chemistries", &a.chemistries)?;
    options::each_once("--regions", &a.regions)?;
    let data = super::load(dir)?;
    a.chemistries = options::canonical_all::<Couple>(&data, "--chemistries", &a.chemistries)?;
    a.regions = a
        .regions
        .iter()
        .map(|r| match options::factory_region(&data, "--regions", Some(r))? {
            Some(region) => Ok(region),
            None => Err(InputError(
                "--regions: batpac is the reference, not a region to compare; name regions such as US, CN".into(),
            )
            .into()),
        })
        .collect::<crate::Result<Vec<_>>>()?;
    a.process = options::canonical_all::<ProcessVariant>(&data, "--process", &a.process)?;
    if let Some(b) = &a.prices {
        a.prices = Some(options::canonical::<PriceBasis>(&data, "--prices", b)?);
    }
    let mut t = Table::new(&[
        "chemistry",
        "region",
        "cell_usd_per_kwh",
        "pack_usd_per_kwh",
        "capex_musd_per_gwh",
    ]);
    let mut cells = Vec::new();
    for c in &a.chemistries {
        for r in &a.regions {
            let opts = options(&a, Some(r.clone()));
            let p = price(&data, designed(&data, &a, c)?, &opts)?;
            t.push(vec![
                c.clone(),
                r.clone(),
                num(p.cost.cell_cost_usd_per_kwh),
                num(p.cost.pack_usd_per_kwh),
                num(p.cost.plant.capex_musd_per_gwh),
            ]);
            cells.push(json!({ "chemistry": c, "region": r, "cost": p.cost }));
        }
    }
    let base = gap_base(&data, &a)?;
    let gaps = gaps(&a, base.as_ref())?;
    let ends = assumption_ends(&data, &a, base.as_ref())?;
    emit(
        a.output.format,
        &t,
        &json!({ "matrix": cells, "region_gaps": gaps, "assumption_ends": ends }),
    )?;
    if a.output.format == Format::Table {
        for g in &gaps {
            crate::outln!();
            crate::out!("{}", gap_table(g).text());
        }
        if !ends.is_empty() {
            crate::outln!();
            crate::outln!("The same attribution (Δ cell $/kWh) with each assumed region figure at both ends of its range (data/factory_regions.toml, assumed_ranges):");
            crate::out!("{}", ends_table(&ends).text());
        }
    }
    Ok(())
}

/// A region gap recomputed with one assumed figure at one end of its range.
#[derive(serde::Serialize)]
struct AssumptionEnd {
    region: String,
    parameter: String,
    end: &'static str,
    value: f64,
    gap: RegionGap,
}

fn assumption_ends(
    data: &leapfrog_data::Dataset,
    a: &Args,
    base: Option<&GapBase>,
) -> crate::Result<Vec<AssumptionEnd>> {
    let Some((factory, design, prepared)) = base else {
        return Ok(Vec::new());
    };
    let base = &a.regions[0];
    let mut out = Vec::new();
    for to in &a.regions[1..] {
        for region in [base, to] {
            let Some(record) = data.factory_region(region) else {
                continue;
            };
            for r in &record.assumed_ranges {
                for (end, value) in [("low", r.low), ("high", r.high)] {
                    let mut from = prepared.clone();
                    let mut target = factory.region(Some(to))?;
                    if region == base {
                        from.region.set(&r.parameter, value);
                    } else {
                        target.set(&r.parameter, value);
                    }
                    out.push(AssumptionEnd {
                        region: region.clone(),
                        parameter: r.parameter.clone(),
                        end,
                        value,
                        gap: leapfrog_factory::attribute_gap_to(factory, &from, design, &target),
                    });
                }
            }
        }
    }
    Ok(out)
}

fn ends_table(ends: &[AssumptionEnd]) -> Table {
    let mut t = Table::new(&[
        "assumed figure",
        "gap",
        "equipment",
        "building",
        "labour",
        "electricity",
        "cost of capital",
        "construction",
        "materials",
    ]);
    for e in ends {
        let term = |p: &str| {
            e.gap
                .terms
                .iter()
                .find(|t| t.parameter == p)
                .map_or("-".into(), |t| num(t.cell_cost_usd_per_kwh))
        };
        t.push(vec![
            format!("{} {} {} = {}", e.region, e.parameter, e.end, num(e.value)),
            num(e.gap.cell_cost_usd_per_kwh.1 - e.gap.cell_cost_usd_per_kwh.0),
            term("equipment_cost_multiplier"),
            term("building_usd_per_m2"),
            term("labour_usd_per_h"),
            term("electricity_usd_per_kwh"),
            term("cost_of_capital"),
            term("construction_years"),
            num(e.gap.materials_usd_per_kwh.1 - e.gap.materials_usd_per_kwh.0),
        ]);
    }
    t
}

fn options(a: &Args, region: Option<String>) -> PlantOptions {
    PlantOptions {
        plant_gwh_per_yr: a.plant_gwh,
        region,
        processes: a.process.clone(),
        price_basis: a.prices.clone(),
    }
}

/// What every region-gap attribution starts from: the factory, the first chemistry's design
/// and its plant prepared in the first region (None with no region or chemistry to compare).
type GapBase = (Factory, leapfrog_cell::Design, leapfrog_factory::Prepared);

fn gap_base(data: &leapfrog_data::Dataset, a: &Args) -> crate::Result<Option<GapBase>> {
    let (Some(base), Some(chem)) = (a.regions.first(), a.chemistries.first()) else {
        return Ok(None);
    };
    let factory = Factory::load(data, DEFAULT_COST_MODEL)?;
    let req = designed(data, a, chem)?;
    let chemistry = Chemistry::load(data, &req)?;
    let design = chemistry.solve(&req.inputs)?;
    let prepared = factory.prepare(&chemistry, &options(a, Some(base.clone())))?;
    Ok(Some((factory, design, prepared)))
}

fn gaps(a: &Args, base: Option<&GapBase>) -> crate::Result<Vec<RegionGap>> {
    let Some((factory, design, prepared)) = base else {
        return Ok(Vec::new());
    };
    a.regions[1..]
        .iter()
        .map(|r| Ok(attribute_region_gap(factory, prepared, design, r)?))
        .collect()
}

fn gap_table(g: &RegionGap) -> Table {
    let mut t = Table::new(&[
        "parameter switched",
        "from",
        "to",
        "Δ capex M$/GWh",
        "Δ cell $/kWh",
        "Δ pack $/kWh",
    ]);
    t.push(vec![
        format!("{} → {}", g.from_region, g.to_region),
        num(g.capex_musd_per_gwh.0),
        num(g.capex_musd_per_gwh.1),
        num(g.capex_musd_per_gwh.1 - g.capex_musd_per_gwh.0),
        num(g.cell_cost_usd_per_kwh.1 - g.cell_cost_usd_per_kwh.0),
        num(g.pack_usd_per_kwh.1 - g.pack_usd_per_kwh.0),
    ]);
    for term in &g.terms {
        t.push(vec![
            term.parameter.to_string(),
            num(term.from),
            num(term.to),
            num(term.capex_musd_per_gwh),
            num(term.cell_cost_usd_per_kwh),
            num(term.pack_usd_per_kwh),
        ]);
    }
    // One price basis prices both regions' materials, so they add nothing by construction;
    // shown so the reader sees the term was not forgotten.
    t.push(vec![
        "materials (one price basis for both)".into(),
        num(g.materials_usd_per_kwh.0),
        num(g.materials_usd_per_kwh.1),
        num(0.0),
        num(g.materials_usd_per_kwh.1 - g.materials_usd_per_kwh.0),
        "-".into(),
    ]);
    t
}
