//! Vanadium redox flow battery. Energy sits in the electrolyte tanks and power in the
//! stack, so the two are sized independently: tank volume from the vanadium concentration,
//! the usable SOC range and the cell voltage; stack area from the current density.

use super::{SystemMetrics, AH_PER_MOL_ELECTRONS};
use leapfrog_data::FlowBattery;

const VANADIUM_G_PER_MOL: f64 = 50.942;

/// Energy delivered per litre of electrolyte, counting both tanks (one electron per V ion).
pub fn wh_per_litre(f: &FlowBattery) -> f64 {
    let ah_per_l_one_side = f.vanadium_mol_per_l * AH_PER_MOL_ELECTRONS * f.utilisation;
    ah_per_l_one_side * f.cell_voltage_v * f.voltage_efficiency / 2.0
}

pub fn evaluate(f: &FlowBattery) -> SystemMetrics {
    let energy_kwh = f.power_kw * f.duration_h;
    let electrolyte_l = energy_kwh * 1000.0 / wh_per_litre(f);
    let discharge_v = f.cell_voltage_v * f.voltage_efficiency;
    let stack_m2 = f.power_kw * 1000.0 / (f.current_density_ma_per_cm2 * 10.0 * discharge_v);
    let electrolyte_kg = electrolyte_l * f.electrolyte_density_g_per_cm3;
    let mass_kg = electrolyte_kg
        + stack_m2 * f.stack_kg_per_m2
        + electrolyte_l * f.balance_kg_per_l_electrolyte;
    let volume_l = electrolyte_l * f.footprint_l_per_l_electrolyte;
    let vanadium_kg = electrolyte_l * f.vanadium_mol_per_l * VANADIUM_G_PER_MOL / 1000.0;
    let totals = super::Totals {
        energy_kwh,
        power_kw: f.power_kw,
        mass_kg,
        volume_l,
    };
    SystemMetrics {
        materials_kg_per_kwh: vec![
            ("vanadium".into(), vanadium_kg / energy_kwh),
            ("electrolyte".into(), electrolyte_kg / energy_kwh),
        ],
        notes: vec![
            format!("electrolyte stores {:.1} Wh/L (both tanks)", wh_per_litre(f)),
            format!("stack area {stack_m2:.0} m² at {} mA/cm²", f.current_density_ma_per_cm2),
            "energy and power are decoupled: Wh/kg and W/kg describe this power/duration, not the chemistry".into(),
        ],
        ..SystemMetrics::new(&f.id, &f.name, "vanadium redox flow", totals)
    }
}
