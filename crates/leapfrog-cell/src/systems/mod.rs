//! Storage systems that are not intercalation cells. Each computes the metrics that mean
//! something for it and says which do not (or which are sourced rather than computed).

pub mod flow;
pub mod iron_air;
pub mod nickel_hydrogen;

use serde::Serialize;

/// Faraday constant over 3600 s/h: Ah per mole of electrons.
pub const AH_PER_MOL_ELECTRONS: f64 = 96_485.332 / 3600.0;

#[derive(Debug, Clone, Serialize)]
pub struct SystemMetrics {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub energy_kwh: f64,
    pub power_kw: f64,
    pub mass_kg: f64,
    pub volume_l: f64,
    pub specific_energy_wh_per_kg: f64,
    pub energy_density_wh_per_l: f64,
    pub specific_power_w_per_kg: f64,
    /// Key materials, kg per kWh of stored energy.
    pub materials_kg_per_kwh: Vec<(String, f64)>,
    /// How each metric was obtained, and which ones do not apply.
    pub notes: Vec<String>,
}

/// Energy, power, mass and volume of a sized system; the per-kg and per-litre metrics
/// follow from them the same way for every kind.
pub struct Totals {
    pub energy_kwh: f64,
    pub power_kw: f64,
    pub mass_kg: f64,
    pub volume_l: f64,
}

impl SystemMetrics {
    pub fn new(id: &str, name: &str, kind: &'static str, t: Totals) -> Self {
        SystemMetrics {
            id: id.to_string(),
            name: name.to_string(),
            kind,
            energy_kwh: t.energy_kwh,
            power_kw: t.power_kw,
            mass_kg: t.mass_kg,
            volume_l: t.volume_l,
            specific_energy_wh_per_kg: t.energy_kwh * 1000.0 / t.mass_kg,
            energy_density_wh_per_l: t.energy_kwh * 1000.0 / t.volume_l,
            specific_power_w_per_kg: t.power_kw * 1000.0 / t.mass_kg,
            materials_kg_per_kwh: Vec::new(),
            notes: Vec::new(),
        }
    }
}

pub fn all(data: &leapfrog_data::Dataset) -> Vec<SystemMetrics> {
    let flows = data.flow_batteries.iter().map(flow::evaluate);
    let irons = data.iron_air.iter().map(iron_air::evaluate);
    let nih2 = data.nickel_hydrogen.iter().map(nickel_hydrogen::evaluate);
    flows.chain(irons).chain(nih2).collect()
}
