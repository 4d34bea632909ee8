//! Grid storage: the levelised cost of storage, real and unsubsidised. Discounted lifetime
//! costs (capital from the factory layer's pack price plus balance of system, O&M,
//! augmentation or replacement, and charging energy at price ÷ round-trip efficiency) over
//! discounted, degraded energy delivered. Costs fall at the end of each year; the capital at
//! year 0.

use crate::age::{age, cycle};
use crate::inputs::Inputs;
use crate::{
    sized, temperature_requirements, unaged_reason, Ageing, Battery, MissionError, Outcome,
    Requirement,
};
use std::collections::BTreeMap;

pub(crate) fn evaluate(inp: &Inputs, b: &Battery, ageing: Ageing) -> Result<Outcome, MissionError> {
    let power_mw = inp.req("power_mw")?;
    let duration_h = inp.req("duration_h")?;
    let cycles_per_day = inp.req("cycles_per_day")?;
    let rte = inp.req("round_trip_efficiency")?;
    let years = inp.req("years")?;
    let rate = inp.req("discount_rate")?;
    let price = inp.req("charging_price_usd_per_mwh")?;
    let vom = inp.defaulted("variable_om_usd_per_mwh")?;
    let bos = inp.defaulted("bos_usd_per_kwh")?;
    let power_equipment = inp.defaulted("power_equipment_usd_per_kw")?;
    let augmentation = inp.word_or("augmentation", "none");
    let dod = inp.max_dod(b)?;
    let eol = inp.eol(b)?;
    let temperature = inp.temperature(b)?;

    let usable_mwh = power_mw * duration_h;
    let nameplate_kwh = usable_mwh * 1000.0 / dod;
    let pack = inp.pack(b)?;
    let mut battery = sized(b, &pack, nameplate_kwh, usable_mwh * 1000.0);
    let energy_usd_per_kwh = b.pack_usd_per_kwh + bos;
    let capex = nameplate_kwh * energy_usd_per_kwh + power_mw * 1000.0 * power_equipment;
    battery.price_usd = nameplate_kwh * b.pack_usd_per_kwh;
    let fixed_om = match inp.feature("fixed_om_usd_per_kw_year") {
        Some(v) => v * power_mw * 1000.0,
        None => inp.defaulted("fixed_om_fraction_of_capex_per_year")? * capex,
    };
    let mut requirements = temperature_requirements(b, temperature);
    let mut figures = BTreeMap::new();
    let mut notes = vec![format!(
        "capital {:.0} M$: packs {:.1} $/kWh (factory layer, BatPaC reference plant) and balance of system {:.1} $/kWh on {:.0} MWh of nameplate, power equipment {:.0} $/kW",
        capex / 1e6,
        b.pack_usd_per_kwh,
        bos,
        nameplate_kwh / 1000.0,
        power_equipment
    )];
    let c_rate = dod / duration_h;
    let annual_mwh = usable_mwh * cycles_per_day * 365.0;
    figures.insert("usable_mwh", usable_mwh);
    figures.insert("capex_usd", capex);
    figures.insert("capex_usd_per_kwh", capex / (usable_mwh * 1000.0));
    figures.insert("fixed_om_usd_per_year", fixed_om);

    // A discharge and a recharge at rated power each take the duration: the duty must fit in
    // a day, or the mission asks for more than the plant can do.
    let duty = Requirement::at_most(
        "duty_hours_per_day",
        "h",
        24.0,
        cycles_per_day * 2.0 * duration_h,
    );
    let fits = duty.met;
    requirements.push(duty);
    if !fits {
        return Ok(Outcome::sized(requirements, battery, figures, notes));
    }
    if ageing == Ageing::Skip || b.life.is_none() {
        let why = format!(
            "LCOS needs the energy delivered as the battery ages: {}",
            unaged_reason(b, ageing)
        );
        return Ok(Outcome::unaged(requirements, battery, figures, notes, why));
    }
    let spec = cycle(
        dod,
        c_rate,
        c_rate,
        cycles_per_day,
        temperature,
        0.5 + dod / 2.0,
    );
    let Some(aged) = age(b, spec, years, eol, cycles_per_day * 365.0)? else {
        let why = unaged_reason(b, ageing);
        return Ok(Outcome::unaged(requirements, battery, figures, notes, why));
    };
    let mut life = aged.outcome;
    let capacity = aged.capacity_by_year;
    let plan = Plan {
        years: years.ceil() as usize,
        last_year_share: years - (years.ceil() - 1.0),
        annual_mwh,
        energy_usd_per_kwh,
        nameplate_kwh,
        eol,
    };
    let flows = match augmentation.as_str() {
        "maintain-energy" => plan.maintain(&capacity),
        "replace-at-eol" => plan.replace(&capacity),
        _ => plan.none(&capacity),
    };
    life.replacements = flows.replacements;
    if augmentation == "none" {
        let end = *capacity.last().unwrap_or(&1.0);
        requirements.push(
            Requirement::at_least("capacity_at_end_of_mission", "fraction", eol, end)
                .aged(end, life.capacity_band_at_end),
        );
    }
    let discount = |t: usize| (1.0 + rate).powf(-(t as f64));
    let mut energy = 0.0;
    let (mut om, mut aug, mut charging) = (0.0, 0.0, 0.0);
    for (t, y) in flows.years.iter().enumerate() {
        let d = discount(t + 1);
        energy += d * y.delivered_mwh;
        om += d * (fixed_om * y.share + vom * y.delivered_mwh);
        aug += d * y.added_usd;
        charging += d * y.delivered_mwh / rte * price;
    }
    let per = |usd: f64| if energy > 0.0 { usd / energy } else { 0.0 };
    figures.insert("lcos_usd_per_mwh", per(capex + om + aug + charging));
    figures.insert("lcos_capital_usd_per_mwh", per(capex));
    figures.insert("lcos_om_usd_per_mwh", per(om));
    figures.insert("lcos_augmentation_usd_per_mwh", per(aug));
    figures.insert("lcos_charging_usd_per_mwh", per(charging));
    figures.insert("discounted_energy_mwh", energy);
    figures.insert(
        "lifetime_energy_mwh",
        flows.years.iter().map(|y| y.delivered_mwh).sum(),
    );
    notes.push(format!("augmentation: {augmentation}"));
    if augmentation == "maintain-energy" {
        notes.push("capacity added to restore the energy is taken not to age itself".into());
    }
    Ok(Outcome {
        requirements,
        battery,
        life: Some(life),
        figures,
        notes,
        not_evaluated: None,
        outside_simulation_range: Vec::new(),
    })
}

struct Plan {
    years: usize,
    /// The share of the final year the mission runs (1 for whole years).
    last_year_share: f64,
    annual_mwh: f64,
    energy_usd_per_kwh: f64,
    nameplate_kwh: f64,
    eol: f64,
}

struct Year {
    delivered_mwh: f64,
    added_usd: f64,
    share: f64,
}

struct Flows {
    years: Vec<Year>,
    replacements: u32,
}

impl Plan {
    fn share(&self, t: usize) -> f64 {
        if t + 1 == self.years {
            self.last_year_share
        } else {
            1.0
        }
    }

    /// Mean capacity over year t+1 of a battery `age` years old at its start.
    fn mean(capacity: &[f64], t: usize) -> f64 {
        let at = |i: usize| capacity[i.min(capacity.len() - 1)];
        0.5 * (at(t) + at(t + 1))
    }

    /// No augmentation: the energy falls with capacity.
    fn none(&self, capacity: &[f64]) -> Flows {
        let years = (0..self.years)
            .map(|t| Year {
                delivered_mwh: self.annual_mwh * Self::mean(capacity, t) * self.share(t),
                added_usd: 0.0,
                share: self.share(t),
            })
            .collect();
        Flows {
            years,
            replacements: 0,
        }
    }

    /// Capacity bought each year to restore the energy lost that year.
    fn maintain(&self, capacity: &[f64]) -> Flows {
        let at = |i: usize| capacity[i.min(capacity.len() - 1)];
        let years = (0..self.years)
            .map(|t| Year {
                delivered_mwh: self.annual_mwh * self.share(t),
                added_usd: (at(t) - at(t + 1)).max(0.0)
                    * self.nameplate_kwh
                    * self.energy_usd_per_kwh,
                share: self.share(t),
            })
            .collect();
        Flows {
            years,
            replacements: 0,
        }
    }

    /// The whole battery replaced in the year its capacity reaches end of life; the new one
    /// ages as the first did.
    fn replace(&self, capacity: &[f64]) -> Flows {
        let mut age = 0;
        let mut replacements = 0;
        let mut years = Vec::with_capacity(self.years);
        let at = |i: usize| capacity[i.min(capacity.len() - 1)];
        for t in 0..self.years {
            let mut added = 0.0;
            if at(age + 1) <= self.eol && t + 1 < self.years {
                added = self.nameplate_kwh * self.energy_usd_per_kwh;
                replacements += 1;
                years.push(Year {
                    delivered_mwh: self.annual_mwh * Self::mean(capacity, age) * self.share(t),
                    added_usd: added,
                    share: self.share(t),
                });
                age = 0;
                continue;
            }
            years.push(Year {
                delivered_mwh: self.annual_mwh * Self::mean(capacity, age) * self.share(t),
                added_usd: added,
                share: self.share(t),
            });
            age += 1;
        }
        Flows {
            years,
            replacements,
        }
    }
}
