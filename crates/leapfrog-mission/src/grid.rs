//! Grid storage: the levelised cost of storage by PNNL's method (its LCOS workbook). Capital
//! is charged at a fixed charge rate, FCR = [CRF·(1 − τ·PVD) + property tax and insurance] /
//! (1 − τ), from the real cost of capital, the tax rate and the present value of MACRS
//! deductions at the nominal rate; yearly costs (fixed and variable O&M, charging energy at
//! price ÷ round-trip efficiency, augmentation) are levelised by the capital recovery factor;
//! LCOS = (FCR·capex + CRF·PV(costs)) / (CRF·PV(energy delivered)). An investment tax credit
//! enters the FCR as PNNL's v2024 workbook has it (1 − τ·PVD·(1 − ITC/2) − ITC on capital), and
//! fixed O&M escalates in real terms as the workbook's does. With no tax it is the
//! discounted cost over discounted energy. A storage system (flow, iron-air) is re-sized to
//! the mission and costed by its own grid record; a cell chemistry by its pack price plus
//! balance of system.

use crate::age::{age, cycle};
use crate::inputs::Inputs;
use crate::{
    sized, temperature_requirements, unaged_reason, Ageing, Battery, LifeOutcome, MissionError,
    Outcome, Requirement,
};
use leapfrog_data::GridEconomics;
use std::collections::BTreeMap;

const HOURS_PER_YEAR: f64 = 8760.0;

/// The financing PNNL's method charges capital with.
pub struct Finance {
    /// Real, after-tax cost of capital.
    pub rate: f64,
    pub years: f64,
    pub tax: f64,
    pub inflation: f64,
    pub property_and_insurance: f64,
    /// Investment tax credit as a share of capital (its basis is reduced by half of it).
    pub itc: f64,
    /// Real yearly escalation of fixed O&M.
    pub om_escalation: f64,
}

impl Finance {
    /// Capital recovery factor at the real rate over the period.
    pub fn crf(&self) -> f64 {
        let r = self.rate;
        if r.abs() < 1e-12 {
            return 1.0 / self.years;
        }
        let g = (1.0 + r).powf(self.years);
        r * g / (g - 1.0)
    }

    /// Fixed charge rate: the share of capital a year that repays it after tax, with
    /// depreciation on `macrs` (shares of basis a year) discounted at the nominal rate.
    pub fn fcr(&self, macrs: &[f64]) -> f64 {
        let pvd = self.pvd(macrs);
        (self.crf() * self.capital_net_of_tax(pvd) + self.property_and_insurance) / (1.0 - self.tax)
    }

    /// The share of capital left after the investment credit and the tax value of
    /// depreciation on a basis reduced by half the credit: 1 − τ·PVD·(1 − ITC/2) − ITC.
    pub fn capital_net_of_tax(&self, pvd: f64) -> f64 {
        1.0 - self.tax * pvd * (1.0 - self.itc / 2.0) - self.itc
    }

    /// Present value of a dollar of depreciation on `macrs` at the nominal rate.
    pub fn pvd(&self, macrs: &[f64]) -> f64 {
        let nominal = (1.0 + self.rate) * (1.0 + self.inflation) - 1.0;
        macrs
            .iter()
            .enumerate()
            .map(|(k, share)| share / (1.0 + nominal).powi(k as i32 + 1))
            .sum()
    }
}

/// The plant's sizing and what it costs.
struct Plant {
    nameplate_kwh: f64,
    energy_usd_per_kwh: f64,
    capex: f64,
    fixed_om: f64,
    rte: f64,
}

pub(crate) fn evaluate(inp: &Inputs, b: &Battery, ageing: Ageing) -> Result<Outcome, MissionError> {
    let power_mw = inp.req("power_mw")?;
    let duration_h = inp.req("duration_h")?;
    let cycles_per_year = duty_cycles_per_year(inp)?;
    let years = inp.req("years")?;
    let finance = Finance {
        rate: inp.req("discount_rate")?,
        years,
        tax: inp.defaulted("tax_rate")?,
        inflation: inp.defaulted("inflation_rate")?,
        property_and_insurance: inp.defaulted("property_tax_and_insurance_rate")?,
        itc: inp.defaulted("investment_tax_credit")?,
        om_escalation: inp.defaulted("fixed_om_escalation_rate")?,
    };
    let price = inp.req("charging_price_usd_per_mwh")?;
    let vom = inp.defaulted("variable_om_usd_per_mwh")?;
    let augmentation = inp.word_or("augmentation", "none");
    let usable_mwh = power_mw * duration_h;
    let system = b
        .system
        .as_ref()
        .map(|s| system_grid(inp, s).map(|g| (s, g)))
        .transpose()?;
    let grid = system.as_ref().map(|(_, g)| g);
    let (plant, mut battery, mut notes, requirements_base, dod, eol, temperature) = match &system {
        Some((s, g)) => system_plant(inp, s, g, power_mw, duration_h)?,
        None => cell_plant(inp, b, power_mw, duration_h)?,
    };
    battery.usable_kwh = usable_mwh * 1000.0;
    let mut requirements = requirements_base;
    let mut figures = BTreeMap::new();
    let annual_mwh = usable_mwh * cycles_per_year;
    figures.insert("usable_mwh", usable_mwh);
    figures.insert("capex_usd", plant.capex);
    figures.insert("capex_usd_per_kwh", plant.capex / (usable_mwh * 1000.0));
    figures.insert("fixed_om_usd_per_year", plant.fixed_om);
    figures.insert("cycles_per_year", cycles_per_year);
    figures.insert("round_trip_efficiency", plant.rte);
    let macrs = macrs_shares(inp);
    figures.insert("capital_recovery_factor", finance.crf());
    figures.insert("fixed_charge_rate", finance.fcr(&macrs));

    // Each cycle discharges for the duration at rated power and recharges the energy through
    // the round-trip loss: the duty must fit in the year.
    let duty_hours = cycles_per_year * duration_h * (1.0 + 1.0 / plant.rte);
    let duty = Requirement::at_most("duty_hours_per_year", "h", HOURS_PER_YEAR, duty_hours);
    figures.insert("duty_hours_per_year", duty_hours);
    let fits = duty.met;
    requirements.push(duty);
    if !fits {
        return Ok(Outcome::sized(requirements, battery, figures, notes));
    }
    let aged = match &grid {
        Some(g) => Some(system_ageing(g, years, eol, cycles_per_year)),
        None => {
            if ageing == Ageing::Skip || b.life.is_none() {
                let why = format!(
                    "LCOS needs the energy delivered as the battery ages: {}",
                    unaged_reason(b, ageing)
                );
                return Ok(Outcome::unaged(requirements, battery, figures, notes, why));
            }
            let c_rate = dod / duration_h;
            let spec = cycle(
                dod,
                c_rate,
                c_rate,
                cycles_per_year / 365.0,
                temperature,
                0.5 + dod / 2.0,
            );
            age(b, spec, years, eol, cycles_per_year)?
        }
    };
    let Some(aged) = aged else {
        let why = unaged_reason(b, ageing);
        return Ok(Outcome::unaged(requirements, battery, figures, notes, why));
    };
    let mut life = aged.outcome;
    let capacity = aged.capacity_by_year;
    let plan = Plan {
        years: years.ceil() as usize,
        last_year_share: years - (years.ceil() - 1.0),
        annual_mwh,
        energy_usd_per_kwh: plant.energy_usd_per_kwh,
        nameplate_kwh: plant.nameplate_kwh,
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
    let lcos = levelise(&flows, &plant, &finance, &macrs, vom, price);
    for (name, value) in lcos.figures() {
        figures.insert(name, value);
    }
    figures.insert(
        "lifetime_energy_mwh",
        flows.years.iter().map(|y| y.delivered_mwh).sum(),
    );
    if duration_h >= 10.0 {
        let target = inp.defaulted("ldes_target_usd_per_mwh")?;
        figures.insert("ldes_target_usd_per_mwh", target);
        figures.insert("lcos_over_ldes_target", lcos.total / target);
    }
    notes.push(format!("augmentation: {augmentation}"));
    if augmentation == "maintain-energy" {
        notes.push(
            "capacity added to restore the energy ages from the year it is added, as the first did"
                .into(),
        );
    }
    if (duration_h - 4.0).abs() < 1e-9 {
        notes.push("for comparison, not a test: Lazard's LCOS v10.0 (June 2025) puts unsubsidised utility-scale 100 MW / 400 MWh storage at 115-254 $/MWh (lazard-lcos-2025)".into());
    }
    let outside_cost_range = grid
        .as_ref()
        .filter(|g| duration_h < g.durations_h[0] - 1e-9 || duration_h > g.durations_h[1] + 1e-9)
        .map(|g| {
            format!(
                "the {} cost record stands for {}-{} h; re-sized to {} h its split into energy and power costs is extrapolated",
                b.couple, g.durations_h[0], g.durations_h[1], duration_h
            )
        })
        .into_iter()
        .collect();
    Ok(Outcome {
        requirements,
        battery,
        life: Some(life),
        figures,
        notes,
        not_evaluated: None,
        outside_simulation_range: Vec::new(),
        outside_cost_range,
    })
}

/// Cycles a year of the mission's duty: a daily rate, or a yearly one for multi-day storage.
fn duty_cycles_per_year(inp: &Inputs) -> Result<f64, MissionError> {
    match (
        inp.mission.number("cycles_per_day"),
        inp.mission.number("cycles_per_year"),
    ) {
        (Some(d), _) => Ok(d * 365.0),
        (None, Some(y)) => Ok(y),
        (None, None) => inp.req("cycles_per_day"),
    }
}

/// MACRS 7-year shares (IRS Publication 946, as the policy layer holds them), the recovery
/// PNNL gives batteries; none when the data hold no policy settings.
pub(crate) fn macrs_shares(inp: &Inputs) -> Vec<f64> {
    inp.data
        .policy_settings
        .first()
        .map(|p| p.macrs_7_year.clone())
        .unwrap_or_default()
}

type Built = (
    Plant,
    crate::Sizing,
    Vec<String>,
    Vec<Requirement>,
    f64,
    f64,
    f64,
);

/// A cell chemistry: packs at the factory layer's price plus balance of system, sized on the
/// usable window.
fn cell_plant(
    inp: &Inputs,
    b: &Battery,
    power_mw: f64,
    duration_h: f64,
) -> Result<Built, MissionError> {
    let bos = inp.defaulted("bos_usd_per_kwh")?;
    let power_equipment = inp.defaulted("power_equipment_usd_per_kw")?;
    let rte = inp.defaulted("round_trip_efficiency")?;
    let dod = inp.max_dod(b)?;
    let eol = inp.eol(b)?;
    let temperature = inp.temperature(b)?;
    let nameplate_kwh = power_mw * duration_h * 1000.0 / dod;
    let pack = inp.pack(b)?;
    let mut battery = sized(b, &pack, nameplate_kwh, power_mw * duration_h * 1000.0);
    battery.price_usd = nameplate_kwh * b.pack_usd_per_kwh;
    let energy_usd_per_kwh = b.pack_usd_per_kwh + bos;
    let capex = nameplate_kwh * energy_usd_per_kwh + power_mw * 1000.0 * power_equipment;
    let fixed_om = fixed_om(inp, power_mw, capex, None)?;
    let notes = vec![format!(
        "capital {:.0} M$: packs {:.1} $/kWh (factory layer, BatPaC reference plant) and balance of system {:.1} $/kWh on {:.0} MWh of nameplate, power equipment {:.0} $/kW",
        capex / 1e6,
        b.pack_usd_per_kwh,
        bos,
        nameplate_kwh / 1000.0,
        power_equipment
    )];
    let plant = Plant {
        nameplate_kwh,
        energy_usd_per_kwh,
        capex,
        fixed_om,
        rte,
    };
    let requirements = temperature_requirements(b, temperature);
    Ok((plant, battery, notes, requirements, dod, eol, temperature))
}

/// The grid record of a storage system, or an error naming what it lacks.
fn system_grid(inp: &Inputs, s: &crate::System) -> Result<GridEconomics, MissionError> {
    s.grid.clone().ok_or_else(|| MissionError::Input {
        mission: inp.mission.id.clone(),
        message: format!(
            "this {} system has no `grid` record (installed cost, efficiency, fade) in data/storage_systems.toml",
            s.kind
        ),
    })
}

/// A storage system re-sized to the mission: its energy is usable as stated, its cost split
/// into what scales with energy and with power.
fn system_plant(
    inp: &Inputs,
    system: &crate::System,
    g: &GridEconomics,
    power_mw: f64,
    duration_h: f64,
) -> Result<Built, MissionError> {
    let power_kw = power_mw * 1000.0;
    let m = system.resized(power_kw, duration_h);
    let nameplate_kwh = m.energy_kwh;
    let capex = nameplate_kwh * g.energy_usd_per_kwh + power_kw * g.power_usd_per_kw;
    let fixed_om = fixed_om(inp, power_mw, capex, g.fixed_om_usd_per_kw_year)?;
    let rte = inp
        .mission
        .number("round_trip_efficiency")
        .unwrap_or(g.round_trip_efficiency);
    let battery = crate::Sizing {
        nameplate_kwh,
        usable_kwh: nameplate_kwh,
        mass_kg: m.mass_kg,
        volume_l: m.volume_l,
        pack_wh_per_kg: m.specific_energy_wh_per_kg,
        cells: 0.0,
        cells_in_series: None,
        price_usd: capex,
    };
    let notes = vec![format!(
        "{} re-sized to {:.0} MW / {:.0} MWh: {:.1} $/kWh with energy and {:.0} $/kW with power (its grid record), {:.0} M$; {:.0} t and {:.0} m³",
        system.kind,
        power_mw,
        nameplate_kwh / 1000.0,
        g.energy_usd_per_kwh,
        g.power_usd_per_kw,
        capex / 1e6,
        m.mass_kg / 1000.0,
        m.volume_l / 1000.0
    )];
    let plant = Plant {
        nameplate_kwh,
        energy_usd_per_kwh: g.energy_usd_per_kwh,
        capex,
        fixed_om,
        rte,
    };
    // Replaced at the end of its stated life, so the end of life is that capacity.
    let eol = 1.0 - g.capacity_fade_per_year * g.calendar_life_years;
    let temperature = inp.mission.number("temperature_c").unwrap_or(25.0);
    Ok((plant, battery, notes, Vec::new(), 1.0, eol, temperature))
}

/// Fixed O&M a year: the mission's $/kW-yr, else the system's, else the default share of
/// capital.
fn fixed_om(
    inp: &Inputs,
    power_mw: f64,
    capex: f64,
    system_usd_per_kw_year: Option<f64>,
) -> Result<f64, MissionError> {
    if let Some(v) = inp
        .mission
        .number("fixed_om_usd_per_kw_year")
        .or(system_usd_per_kw_year)
    {
        return Ok(v * power_mw * 1000.0);
    }
    inp.feature("fixed_om_usd_per_kw_year");
    Ok(inp.defaulted("fixed_om_fraction_of_capex_per_year")? * capex)
}

/// A storage system's capacity by year from its record's linear fade; its life outcome says
/// it is a rating, tested to its stated life.
fn system_ageing(
    g: &GridEconomics,
    years: f64,
    eol: f64,
    cycles_per_year: f64,
) -> crate::age::Aged {
    let capacity_by_year: Vec<f64> = (0..=years.ceil() as usize)
        .map(|t| (1.0 - g.capacity_fade_per_year * t as f64).max(0.0))
        .collect();
    let end = (1.0 - g.capacity_fade_per_year * years).max(0.0);
    let within = years <= g.calendar_life_years + 1e-9;
    let validity = leapfrog_life::Validity {
        overall: within,
        share_outside: 0.0,
        by_stressor: leapfrog_life::ByStressor {
            dod: None,
            temperature: None,
            c_rate: None,
            soc: None,
            years: Some(within),
            efc: None,
        },
        tested_years: Some(g.calendar_life_years),
        tested_efc: None,
    };
    crate::age::Aged {
        outcome: LifeOutcome {
            model: "grid-record-fade".into(),
            model_kind: "rating",
            model_choice: None,
            end_of_life_capacity_fraction: eol,
            years_to_end_of_life: None,
            cycles_to_end_of_life: None,
            end_of_life_reason: Some(format!(
                "{:.1}% of capacity lost a year over a {:.0}-year stated life",
                100.0 * g.capacity_fade_per_year,
                g.calendar_life_years
            )),
            years_simulated: years,
            capacity_at_end: end,
            cycles_per_year,
            depth_of_discharge: 1.0,
            replacements: 0,
            warnings: Vec::new(),
            capacity_band_at_end: None,
            within_tested_range: validity,
        },
        capacity_by_year,
    }
}

/// The LCOS and its parts, $/MWh delivered.
struct Lcos {
    total: f64,
    capital: f64,
    om: f64,
    augmentation: f64,
    charging: f64,
    levelised_mwh: f64,
}

impl Lcos {
    fn figures(&self) -> [(&'static str, f64); 6] {
        [
            ("lcos_usd_per_mwh", self.total),
            ("lcos_capital_usd_per_mwh", self.capital),
            ("lcos_om_usd_per_mwh", self.om),
            ("lcos_augmentation_usd_per_mwh", self.augmentation),
            ("lcos_charging_usd_per_mwh", self.charging),
            ("levelised_energy_mwh_per_year", self.levelised_mwh),
        ]
    }
}

/// Capital at the fixed charge rate, yearly costs and energy levelised at the recovery factor.
fn levelise(
    flows: &Flows,
    plant: &Plant,
    finance: &Finance,
    macrs: &[f64],
    vom: f64,
    price: f64,
) -> Lcos {
    let crf = finance.crf();
    let discount = |t: usize| (1.0 + finance.rate).powf(-(t as f64));
    let (mut energy, mut om, mut aug, mut charging) = (0.0, 0.0, 0.0, 0.0);
    for (t, y) in flows.years.iter().enumerate() {
        let d = discount(t + 1);
        energy += d * y.delivered_mwh;
        let escalation = (1.0 + finance.om_escalation).powi(t as i32);
        om += d * (plant.fixed_om * y.share * escalation + vom * y.delivered_mwh);
        aug += d * y.added_usd;
        charging += d * y.delivered_mwh / plant.rte * price;
    }
    let levelised_mwh = crf * energy;
    let per = |usd_per_year: f64| {
        if levelised_mwh > 0.0 {
            usd_per_year / levelised_mwh
        } else {
            0.0
        }
    };
    let capital = per(finance.fcr(macrs) * plant.capex);
    let (om, augmentation, charging) = (per(crf * om), per(crf * aug), per(crf * charging));
    Lcos {
        total: capital + om + augmentation + charging,
        capital,
        om,
        augmentation,
        charging,
        levelised_mwh,
    }
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

    /// Capacity bought at the start of each year to restore the rated energy; every module
    /// ages from the year it is added, by the same curve as the first.
    fn maintain(&self, capacity: &[f64]) -> Flows {
        let at = |i: usize| capacity[i.min(capacity.len() - 1)];
        // added[k]: capacity bought at the start of year k, as a share of the nameplate.
        let mut added = vec![1.0];
        let mut years = Vec::with_capacity(self.years);
        for t in 0..self.years {
            if t > 0 {
                let held: f64 = added.iter().enumerate().map(|(k, a)| a * at(t - k)).sum();
                added.push((1.0 - held).max(0.0));
            }
            let cost = if t > 0 { added[t] } else { 0.0 };
            years.push(Year {
                delivered_mwh: self.annual_mwh * self.share(t),
                added_usd: cost * self.nameplate_kwh * self.energy_usd_per_kwh,
                share: self.share(t),
            });
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// With no tax, property tax or insurance the fixed charge rate is the recovery factor.
    #[test]
    fn without_tax_the_charge_rate_is_the_recovery_factor() {
        let f = Finance {
            rate: 0.07,
            years: 20.0,
            tax: 0.0,
            inflation: 0.02,
            property_and_insurance: 0.0,
            itc: 0.0,
            om_escalation: 0.0,
        };
        assert!((f.fcr(&[0.5, 0.5]) - f.crf()).abs() < 1e-15);
        // CRF(7%, 20 years) = 0.0943929 (annuity tables).
        assert!((f.crf() - 0.094_392_9).abs() < 1e-7);
    }

    /// PNNL's v2024 workbook: real rate 6.49%, 20 years, 25.7% tax, 2.8% inflation, 1.24% a
    /// year of property tax and insurance, 7-year MACRS; its transcription states CRF 0.09069
    /// and FCR 0.11576.
    #[test]
    fn the_charge_rate_follows_pnnls_workbook() {
        let nominal_wacc: f64 = 0.5 * 0.08 * (1.0 - 0.257) + 0.5 * 0.13;
        let real = (1.0 + nominal_wacc) / 1.028 - 1.0;
        let f = Finance {
            rate: real,
            years: 20.0,
            tax: 0.257,
            inflation: 0.028,
            property_and_insurance: 0.0084 + 0.004,
            itc: 0.0,
            om_escalation: 0.0,
        };
        let macrs = [
            0.1429, 0.2449, 0.1749, 0.1249, 0.0893, 0.0892, 0.0893, 0.0446,
        ];
        assert!((real - 0.0649).abs() < 5e-5, "{real}");
        assert!((f.crf() - 0.09069).abs() < 5e-5, "{}", f.crf());
        assert!((f.fcr(&macrs) - 0.11576).abs() < 5e-5, "{}", f.fcr(&macrs));
        // With the v2024 workbook's 6% investment credit (basis reduced by half of it):
        // 0.109123, the charge rate its published LCOS values pin down.
        let with_credit = Finance { itc: 0.06, ..f };
        assert!(
            (with_credit.fcr(&macrs) - 0.109123).abs() < 5e-6,
            "{}",
            with_credit.fcr(&macrs)
        );
    }
}
