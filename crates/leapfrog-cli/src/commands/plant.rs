use super::factory::{price, request};
use crate::output::{emit, num, Format, Table};
use serde_json::json;
use std::path::Path;

pub type Args = super::factory::PricedArgs;

pub fn run(dir: Option<&Path>, a: Args) -> crate::Result {
    let data = super::load(dir)?;
    let req = request(&data, &a.design)?;
    let p = price(&data, req, &a.plant.options(&data)?)?;
    let c = &p.cost;
    let s = &c.plant;
    if a.output.format == Format::Table {
        crate::outln!(
            "{} GWh/yr plant for {} in region {}: {} M$/GWh, {} m², {} M h/yr, {} kWh per kWh, {} years to build",
            num(c.plant_gwh_per_yr),
            p.request.couple,
            c.region.id,
            num(s.capex_musd_per_gwh),
            num(s.floor_m2),
            num(s.labour_h_per_yr / 1.0e6),
            num(s.energy_kwh_per_kwh),
            num(s.build_years)
        );
    }
    let mut t = Table::new(&[
        "step",
        "labour_h_per_yr",
        "capex_musd",
        "floor_m2",
        "energy_mwh_per_yr",
        "usd_per_pack",
    ]);
    for st in &c.steps {
        t.push(vec![
            st.id.clone(),
            num(st.labour_h_per_yr),
            num(st.capex_musd),
            num(st.floor_m2),
            num(st.energy_mwh_per_yr),
            num(st.usd_per_pack),
        ]);
    }
    emit(
        a.output.format,
        &t,
        &json!({ "plant": s, "drivers": c.drivers, "steps": c.steps, "region": c.region }),
    )
}
