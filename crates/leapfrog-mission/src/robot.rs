//! Robots. A legged robot draws cost of transport × weight × speed (the cost of transport
//! counts the whole electrical power, as Seok et al. 2015 state it); its battery carries one
//! shift. A warehouse AMR draws an average power and tops up in charge windows during its
//! shift; its battery carries the longest stretch between windows, and each window must put
//! that energy back within the chemistry's fastest charge.

use crate::age::{age, cycle};
use crate::inputs::Inputs;
use crate::{
    sized, temperature_requirements, unaged_reason, Ageing, Battery, MissionError, Outcome,
    Requirement, G_M_PER_S2,
};
use std::collections::BTreeMap;

/// A legged robot's electrical power, W.
pub fn legged_power_w(mass_kg: f64, speed_m_per_s: f64, cost_of_transport: f64) -> f64 {
    cost_of_transport * mass_kg * G_M_PER_S2 * speed_m_per_s
}

pub(crate) fn evaluate(inp: &Inputs, b: &Battery, ageing: Ageing) -> Result<Outcome, MissionError> {
    let bare_kg = inp.req("mass_without_battery_kg")?;
    let shifts_per_day = inp.req("shifts_per_day")?;
    let crate::inputs::Service {
        years,
        dod,
        eol,
        temperature_c: temperature,
    } = inp.service(b)?;
    let pack = inp.pack(b)?;
    let legged = inp.mission.word("robot") == Some("legged");
    let mut figures = BTreeMap::new();
    let mut requirements = temperature_requirements(b, temperature);
    // Usable Wh the battery must hold at end of life per kg of pack.
    let wh_per_kg_eol = pack.wh_per_kg * dod * eol;
    let sized_robot = if legged {
        legged_robot(
            bare_kg,
            inp.req("speed_m_per_s")?,
            inp.req("cost_of_transport")?,
            inp.req("hours_per_shift")?,
            wh_per_kg_eol,
        )
    } else {
        let p = inp.req("average_power_w")?;
        let shift = inp.req("shift_h")?;
        let windows = inp.req("charge_windows_per_shift")?;
        let window_h = inp.req("charge_window_min")? / 60.0;
        let working_h = (shift - windows * window_h).max(0.0);
        let stretch_h = working_h / (windows + 1.0);
        let battery_kg = p * stretch_h / wh_per_kg_eol;
        Robot {
            power_w: p,
            stretch_wh: p * stretch_h,
            charges_per_shift: windows + 1.0,
            shift_h: shift,
            battery_share: battery_kg / (bare_kg + battery_kg),
        }
    };
    let Robot {
        power_w,
        stretch_wh,
        charges_per_shift,
        shift_h,
        battery_share: share,
    } = sized_robot;
    let nameplate_wh = stretch_wh / (dod * eol);
    let battery = sized(b, &pack, nameplate_wh / 1000.0, nameplate_wh * dod / 1000.0);
    figures.insert("power_w", power_w);
    figures.insert("runtime_h", nameplate_wh * dod / power_w);
    figures.insert("battery_mass_kg", battery.mass_kg);
    figures.insert("robot_mass_kg", bare_kg + battery.mass_kg);
    figures.insert("battery_mass_share", share);
    if let Some(payload) = inp.mission.number("payload_kg") {
        figures.insert("payload_share", payload / (bare_kg + battery.mass_kg));
    }
    requirements.push(Requirement::at_most(
        "battery_mass_share",
        "fraction",
        inp.defaulted("battery_mass_share_max")?,
        share,
    ));
    requirements.push(Requirement::at_least(
        "pack_power_w",
        "W",
        power_w,
        battery.mass_kg * pack.w_per_kg,
    ));
    let charge_c = if legged {
        // Recharged between shifts, in whatever the day leaves.
        let rest_h = (24.0 / shifts_per_day - shift_h).max(1e-3);
        stretch_wh / nameplate_wh / rest_h
    } else {
        let window_h = inp.req("charge_window_min")? / 60.0;
        let c = stretch_wh / nameplate_wh / window_h;
        requirements.push(Requirement::at_most(
            "charge_window_c",
            "C",
            b.max_charge_c(),
            c,
        ));
        c
    };
    let cycles_per_day = shifts_per_day * charges_per_shift;
    let operating_h = years * 365.0 * shifts_per_day * shift_h;
    let mut notes = Vec::new();
    let mut life = None;
    let mut not_evaluated = None;
    let cycle_dod = stretch_wh / nameplate_wh;
    if ageing == Ageing::Simulate {
        let spec = cycle(
            cycle_dod,
            charge_c.min(20.0),
            (power_w / nameplate_wh).min(20.0),
            cycles_per_day,
            temperature,
            1.0,
        );
        match age(b, spec, years, eol, cycles_per_day * 365.0)? {
            Some(a) => {
                let packs = packs_needed(a.outcome.years_to_end_of_life, years);
                figures.insert(
                    "cost_per_operating_hour_usd",
                    battery.price_usd * packs / operating_h,
                );
                let mut o = a.outcome;
                o.replacements = (packs as u32).saturating_sub(1);
                life = Some(o);
            }
            None => not_evaluated = Some(unaged_reason(b, ageing)),
        }
    } else {
        not_evaluated = Some(unaged_reason(b, ageing));
    }
    notes.push(format!(
        "{cycles_per_day} partial cycles a day at {:.0}% depth",
        100.0 * cycle_dod
    ));
    Ok(Outcome {
        requirements,
        battery,
        life,
        figures,
        notes,
        not_evaluated,
        outside_simulation_range: Vec::new(),
        outside_cost_range: Vec::new(),
    })
}

/// A robot's power, the energy it draws between charges and its battery's share of its mass.
struct Robot {
    power_w: f64,
    stretch_wh: f64,
    charges_per_shift: f64,
    shift_h: f64,
    battery_share: f64,
}

/// A legged robot carries its battery: power grows with the battery's mass, so the battery is
/// the fixed point m_b = k (m_0 + m_b), where k is the battery mass per kg of robot a shift
/// takes. Its share of the robot is k itself; at k ≥ 1 no battery carries itself (the share is
/// reported as 1 and the battery sized for the bare robot).
fn legged_robot(
    bare_kg: f64,
    speed_m_per_s: f64,
    cost_of_transport: f64,
    hours: f64,
    wh_per_kg_eol: f64,
) -> Robot {
    let k = legged_power_w(1.0, speed_m_per_s, cost_of_transport) * hours / wh_per_kg_eol;
    let total_kg = if k < 1.0 {
        bare_kg / (1.0 - k)
    } else {
        bare_kg
    };
    let power_w = legged_power_w(total_kg, speed_m_per_s, cost_of_transport);
    Robot {
        power_w,
        stretch_wh: power_w * hours,
        charges_per_shift: 1.0,
        shift_h: hours,
        battery_share: k.min(1.0),
    }
}

/// Packs bought over `years` when each lasts `life_years` (one when it outlasts them).
pub(crate) fn packs_needed(life_years: Option<f64>, years: f64) -> f64 {
    match life_years {
        Some(l) if l > 0.0 => (years / l).ceil().max(1.0),
        Some(_) => years.ceil().max(1.0),
        None => 1.0,
    }
}
