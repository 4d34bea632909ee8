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

pub fn all(data: &leapfrog_data::Dataset) -> Vec<SystemMetrics> {
    let flows = data.flow_batteries.iter().map(flow::evaluate);
    let irons = data.iron_air.iter().map(iron_air::evaluate);
    let nih2 = data.nickel_hydrogen.iter().map(nickel_hydrogen::evaluate);
    flows.chain(irons).chain(nih2).collect()
}
