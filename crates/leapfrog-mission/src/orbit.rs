//! Satellites in LEO and GEO: the battery carries the load through each eclipse. Energy per
//! eclipse is battery-side (load × eclipse ÷ discharge efficiency); the depth-of-discharge
//! limit applies at end of life, when capacity has fallen to its end-of-life fraction and any
//! failed strings are lost.

use crate::age::{age, cycle};
use crate::inputs::Inputs;
use crate::{
    sized, temperature_requirements, unaged_reason, Ageing, Battery, MissionError, Outcome,
    Requirement,
};
use leapfrog_data::MissionKind;
use std::collections::BTreeMap;

const MINUTES_PER_YEAR: f64 = 365.0 * 24.0 * 60.0;

pub(crate) fn evaluate(inp: &Inputs, b: &Battery, ageing: Ageing) -> Result<Outcome, MissionError> {
    let eclipse_min = inp.req("eclipse_min")?;
    let load_w = inp.req("load_w")?;
    let bus_v = inp.req("bus_voltage_v")?;
    let max_dod = inp.req("max_dod")?;
    let eol = inp.req("eol_capacity_fraction")?;
    let discharge_eff = inp.req("discharge_efficiency")?;
    let charge_eff = inp.req("charge_efficiency")?;
    let years = inp.req("years")?;
    let temperature = inp.req("temperature_c")?;
    let strings = inp.feature("strings");
    let failed = inp.mission.number("failed_strings").unwrap_or(0.0);
    let (cycles_per_year, sunlit_min) = match inp.mission.kind {
        MissionKind::Leo => {
            let period = inp.req("orbit_period_min")?;
            (MINUTES_PER_YEAR / period, period - eclipse_min)
        }
        // Between the eclipses of a GEO season there are about 22.8 h of sun.
        _ => (inp.req("eclipses_per_year")?, 24.0 * 60.0 - eclipse_min),
    };
    let surviving = strings.map_or(1.0, |s| (s - failed) / s);

    let eclipse_wh = load_w * eclipse_min / 60.0 / discharge_eff;
    let nameplate_wh = eclipse_wh / (max_dod * eol * surviving);
    let pack = inp.pack(b)?;
    let mut battery = sized(b, &pack, nameplate_wh / 1000.0, eclipse_wh / 1000.0);
    let series = (bus_v / b.cell_nominal_voltage_v).ceil();
    battery.cells = series * (nameplate_wh / (series * b.cell_energy_wh)).ceil();
    battery.cells_in_series = Some(series);
    let bol_dod = eclipse_wh / nameplate_wh;
    let discharge_c = bol_dod / (eclipse_min / 60.0);
    // The sunlit part of the orbit puts back the eclipse's energy through the charge loss.
    let charge_c = (bol_dod / charge_eff) / (sunlit_min / 60.0);

    let mut figures = BTreeMap::new();
    figures.insert("energy_per_eclipse_wh", eclipse_wh);
    figures.insert("nameplate_energy_wh", nameplate_wh);
    figures.insert("battery_mass_kg", battery.mass_kg);
    figures.insert("cycles_per_year", cycles_per_year);
    figures.insert("beginning_of_life_dod", bol_dod);
    figures.insert(
        "recharge_power_w",
        eclipse_wh / charge_eff / (sunlit_min / 60.0),
    );
    let mut requirements = temperature_requirements(b, temperature);
    // The sunlit part of the orbit must put the eclipse back within the chemistry's charge
    // capability (the cell layer's fastest charge).
    figures.insert("recharge_c", charge_c);
    requirements.push(Requirement::at_most(
        "recharge_c",
        "C",
        b.max_charge_c(),
        charge_c,
    ));
    let mut notes = Vec::new();
    if ageing == Ageing::Skip {
        let why = unaged_reason(b, ageing);
        return Ok(Outcome::unaged(requirements, battery, figures, notes, why));
    }
    let eclipse = [crate::voltage::Segment {
        label: "eclipse",
        pack_w: load_w / discharge_eff,
        seconds: eclipse_min * 60.0,
    }];
    let mut outside = Vec::new();
    match crate::voltage::simulate(inp.data, b, nameplate_wh, &eclipse)? {
        Some(sim) => {
            if sim.completed_fraction >= 1.0 {
                figures.insert("end_of_eclipse_cell_voltage_v", sim.last_segment_min_v);
            }
            notes.push(format!(
                "one eclipse from full simulated on one fresh cell with the SPMe ({}); the end-of-life eclipse, deeper on a faded cell, is not",
                sim.set
            ));
            requirements.extend(sim.requirements("end_of_eclipse_cell_voltage_v"));
            outside = sim.outside;
        }
        None => notes.push(
            "no parameter set for this couple: the end-of-eclipse voltage is not simulated".into(),
        ),
    }
    let per_day = cycles_per_year / 365.0;
    let mut spec = cycle(bol_dod, charge_c, discharge_c, per_day, temperature, 1.0);
    // A geostationary satellite sees its eclipses in two seasons around the equinoxes.
    spec.eclipse_seasons = inp.mission.kind == MissionKind::Geo;
    let Some(aged) = age(b, spec, years, eol, cycles_per_year)? else {
        let why = unaged_reason(b, ageing);
        let mut out = Outcome::unaged(requirements, battery, figures, notes, why);
        out.outside_simulation_range = outside;
        return Ok(out);
    };
    requirements.push(
        Requirement::at_least(
            "capacity_at_end_of_mission",
            "fraction",
            eol,
            aged.outcome.capacity_at_end,
        )
        .aged(
            aged.outcome.capacity_at_end,
            aged.outcome.capacity_band_at_end,
        ),
    );
    if let Some(c) = aged.outcome.cycles_to_end_of_life {
        figures.insert("life_cycles", c);
    }
    Ok(Outcome {
        requirements,
        battery,
        life: Some(aged.outcome),
        figures,
        notes,
        not_evaluated: None,
        outside_simulation_range: outside,
        outside_cost_range: Vec::new(),
    })
}
