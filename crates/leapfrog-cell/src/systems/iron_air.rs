//! Iron–air: iron oxidised to Fe(OH)2 (two electrons per atom) against an air electrode.
//! Energy from the iron mass and its cycled fraction; power from the air-electrode area.

use super::{SystemMetrics, AH_PER_MOL_ELECTRONS};
use leapfrog_data::IronAir;

const IRON_G_PER_MOL: f64 = 55.845;

/// Theoretical capacity of iron to Fe(OH)2, Ah per kg.
pub fn iron_ah_per_kg() -> f64 {
    2.0 * AH_PER_MOL_ELECTRONS / IRON_G_PER_MOL * 1000.0
}

pub fn evaluate(f: &IronAir) -> SystemMetrics {
    let energy_kwh = f.power_kw * f.duration_h;
    let wh_per_kg_iron = iron_ah_per_kg() * f.iron_utilisation * f.discharge_voltage_v;
    let iron_kg = energy_kwh * 1000.0 / wh_per_kg_iron;
    let air_m2 = f.power_kw * 1000.0 / (f.air_electrode_ma_per_cm2 * 10.0 * f.discharge_voltage_v);
    let mass_kg = iron_kg * (1.0 + f.inactive_kg_per_kg_iron) + air_m2 * f.air_electrode_kg_per_m2;
    let volume_l = mass_kg / f.system_density_kg_per_l;
    let totals = super::Totals {
        energy_kwh,
        power_kw: f.power_kw,
        mass_kg,
        volume_l,
    };
    SystemMetrics {
        materials_kg_per_kwh: vec![("iron".into(), iron_kg / energy_kwh)],
        notes: vec![
            format!("iron cycles {:.0} Wh/kg of iron", wh_per_kg_iron),
            "volume from a sourced system density, not from a geometry".into(),
            "W/kg reflects a 100-hour design; the chemistry is not meant for pulses".into(),
        ],
        ..SystemMetrics::new(&f.id, &f.name, "iron-air", totals)
    }
}
