//! Nickel–hydrogen: a NiOOH positive against a hydrogen electrode, the hydrogen stored as
//! gas inside a pressure vessel. The vessel is sized from the gas made at full charge
//! (ideal gas at the maximum pressure) and a thin-wall cylinder of the allowed stress.

use super::{SystemMetrics, AH_PER_MOL_ELECTRONS};
use leapfrog_data::NickelHydrogen;

const GAS_CONSTANT_J_PER_MOL_K: f64 = 8.314_462;
const STORAGE_TEMPERATURE_K: f64 = 293.15;

pub fn evaluate(f: &NickelHydrogen) -> SystemMetrics {
    let positive_kg = f.capacity_ah / f.positive_mah_per_g;
    let stack_l = positive_kg / f.positive_density_g_per_cm3 * (1.0 + f.other_kg_per_kg_positive);
    let h2_mol = f.capacity_ah / (2.0 * AH_PER_MOL_ELECTRONS);
    let gas_l = h2_mol * GAS_CONSTANT_J_PER_MOL_K * STORAGE_TEMPERATURE_K
        / (f.max_pressure_mpa * 1.0e6)
        * 1000.0;
    let inner_l = stack_l * (1.0 + f.gas_volume_per_stack_volume) + gas_l;
    // Thin-walled cylinder: wall volume = 2·p·V/σ (hoop stress governs).
    let wall_l = 2.0 * f.max_pressure_mpa * inner_l / f.allowable_stress_mpa;
    let vessel_kg = wall_l * f.vessel_density_g_per_cm3;
    let mass_kg = positive_kg * (1.0 + f.other_kg_per_kg_positive) + vessel_kg;
    let energy_kwh = f.capacity_ah * f.discharge_voltage_v / 1000.0;
    let volume_l = inner_l + wall_l;
    let totals = super::Totals {
        energy_kwh,
        power_kw: f.specific_power_w_per_kg * mass_kg / 1000.0,
        mass_kg,
        volume_l,
    };
    SystemMetrics {
        materials_kg_per_kwh: vec![("nickel electrode".into(), positive_kg / energy_kwh)],
        notes: vec![
            format!(
                "pressure vessel {vessel_kg:.2} kg for {gas_l:.2} L of hydrogen at {} MPa",
                f.max_pressure_mpa
            ),
            "W/kg is sourced, not computed; volume excludes mounting sleeves".into(),
        ],
        ..SystemMetrics::new(&f.id, &f.name, "nickel-hydrogen", totals)
    }
}
