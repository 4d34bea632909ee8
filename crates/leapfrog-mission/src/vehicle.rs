//! Cars and consumer devices, for comparison with the incumbent market: a car's pack carries
//! its range at the chemistry's depth of discharge and must give its peak power; a device's
//! cell must fit its volume. Both age on a daily duty and are replaced when worn out.

use crate::age::{age, cycle};
use crate::inputs::Inputs;
use crate::robot::packs_needed;
use crate::{
    sized, temperature_requirements, unaged_reason, Ageing, Battery, MissionError, Outcome,
    Requirement,
};
use std::collections::BTreeMap;

pub(crate) fn ev(inp: &Inputs, b: &Battery, ageing: Ageing) -> Result<Outcome, MissionError> {
    let range_km = inp.req("range_km")?;
    let wh_per_km = inp.req("consumption_wh_per_km")?;
    let peak_kw = inp.req("peak_power_kw")?;
    let km_per_year = inp.req("km_per_year")?;
    let crate::inputs::Service {
        years,
        dod,
        eol,
        temperature_c: temperature,
    } = inp.service(b)?;
    let usable_wh = range_km * wh_per_km;
    let nameplate_wh = usable_wh / dod;
    let pack = inp.pack(b)?;
    let battery = sized(b, &pack, nameplate_wh / 1000.0, usable_wh / 1000.0);
    let mut requirements = temperature_requirements(b, temperature);
    requirements.push(Requirement::at_least(
        "peak_power_kw",
        "kW",
        peak_kw,
        battery.mass_kg * pack.w_per_kg / 1000.0,
    ));
    if let Some(max) = inp.feature("pack_mass_max_kg") {
        requirements.push(Requirement::at_most(
            "pack_mass_kg",
            "kg",
            max,
            battery.mass_kg,
        ));
    }
    if let Some(max) = inp.feature("pack_volume_max_l") {
        requirements.push(Requirement::at_most(
            "pack_volume_l",
            "L",
            max,
            battery.volume_l,
        ));
    }
    let mut figures = BTreeMap::new();
    figures.insert("pack_kwh", nameplate_wh / 1000.0);
    figures.insert("pack_mass_kg", battery.mass_kg);
    figures.insert("pack_usd", battery.price_usd);
    figures.insert("range_end_of_life_km", range_km * eol);
    let daily_dod = (km_per_year / 365.0 * wh_per_km / nameplate_wh).min(dod);
    let total_km = km_per_year * years;
    daily(
        inp,
        b,
        ageing,
        Daily {
            dod: daily_dod,
            per_day: 1.0,
            years,
            eol,
            temperature,
        },
        battery,
        requirements,
        figures,
        |packs, price| ("cost_per_km_usd", price * packs / total_km),
    )
}

pub(crate) fn consumer(inp: &Inputs, b: &Battery, ageing: Ageing) -> Result<Outcome, MissionError> {
    let energy_wh = inp.req("energy_wh")?;
    let volume_max_l = inp.req("volume_max_l")?;
    let cycles_per_day = inp.req("cycles_per_day")?;
    let crate::inputs::Service {
        years,
        dod,
        eol,
        temperature_c: temperature,
    } = inp.service(b)?;
    let mut battery = sized(
        b,
        &crate::battery::Pack::batpac(b),
        energy_wh / 1000.0,
        energy_wh * dod / 1000.0,
    );
    // A device holds its cells directly: cell-level mass and volume, no pack.
    battery.mass_kg = energy_wh / b.cell_wh_per_kg;
    battery.volume_l = energy_wh / b.cell_wh_per_l;
    battery.pack_wh_per_kg = b.cell_wh_per_kg;
    let mut requirements = temperature_requirements(b, temperature);
    requirements.push(Requirement::at_most(
        "cell_volume_l",
        "L",
        volume_max_l,
        battery.volume_l,
    ));
    if let Some(p) = inp.feature("power_w") {
        requirements.push(Requirement::at_least(
            "power_w",
            "W",
            p,
            battery.mass_kg * b.pack_w_per_kg * b.cell_wh_per_kg / b.pack_wh_per_kg,
        ));
    }
    let mut figures = BTreeMap::new();
    figures.insert("cell_volume_l", battery.volume_l);
    figures.insert("cell_mass_kg", battery.mass_kg);
    let days = years * 365.0 * cycles_per_day;
    daily(
        inp,
        b,
        ageing,
        Daily {
            dod,
            per_day: cycles_per_day,
            years,
            eol,
            temperature,
        },
        battery,
        requirements,
        figures,
        |packs, price| ("cost_per_cycle_usd", price * packs / days),
    )
}

struct Daily {
    dod: f64,
    per_day: f64,
    years: f64,
    eol: f64,
    temperature: f64,
}

/// Ages a daily duty at the mission's charge and discharge C-rates (sourced defaults), adds
/// the life requirement and the cost per unit of service.
#[allow(clippy::too_many_arguments)]
fn daily(
    inp: &Inputs,
    b: &Battery,
    ageing: Ageing,
    d: Daily,
    battery: crate::Sizing,
    mut requirements: Vec<Requirement>,
    mut figures: BTreeMap<&'static str, f64>,
    service: impl Fn(f64, f64) -> (&'static str, f64),
) -> Result<Outcome, MissionError> {
    if ageing == Ageing::Skip {
        let why = unaged_reason(b, ageing);
        return Ok(Outcome::unaged(
            requirements,
            battery,
            figures,
            Vec::new(),
            why,
        ));
    }
    let charge_c = inp.defaulted("charge_c_rate")?;
    let discharge_c = inp.defaulted("discharge_c_rate")?;
    let spec = cycle(d.dod, charge_c, discharge_c, d.per_day, d.temperature, 1.0);
    let Some(a) = age(b, spec, d.years, d.eol, d.per_day * 365.0)? else {
        let why = unaged_reason(b, ageing);
        return Ok(Outcome::unaged(
            requirements,
            battery,
            figures,
            Vec::new(),
            why,
        ));
    };
    requirements.push(
        Requirement::at_least(
            "capacity_at_end_of_mission",
            "fraction",
            d.eol,
            a.outcome.capacity_at_end,
        )
        .aged(a.outcome.capacity_at_end, a.outcome.capacity_band_at_end),
    );
    let packs = packs_needed(a.outcome.years_to_end_of_life, d.years);
    let (name, value) = service(packs, battery.price_usd);
    figures.insert(name, value);
    let mut life = a.outcome;
    life.replacements = (packs as u32).saturating_sub(1);
    Ok(Outcome {
        requirements,
        battery,
        life: Some(life),
        figures,
        notes: Vec::new(),
        not_evaluated: None,
        outside_simulation_range: Vec::new(),
        outside_cost_range: Vec::new(),
    })
}
