//! Pack level: cells grouped in modules, module and pack hardware around them.

use crate::design::{CellResult, DesignInputs};
use crate::CellError;
use leapfrog_data::PackArchitecture;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PackResult {
    pub cells: u32,
    pub modules: u32,
    pub energy_kwh: f64,
    pub cell_mass_kg: f64,
    pub module_hardware_kg: f64,
    pub pack_hardware_kg: f64,
    pub mass_kg: f64,
    pub volume_l: f64,
    pub specific_energy_wh_per_kg: f64,
    pub energy_density_wh_per_l: f64,
    pub pulse_power_kw: f64,
    pub specific_power_w_per_kg: f64,
}

/// Stacked cells are sized so that the pack's cell count is the design's; fixed-size
/// cylinders instead set how many cells the pack energy needs (rounded up).
pub fn build(
    arch: &PackArchitecture,
    inputs: &DesignInputs,
    cell: &CellResult,
    fixed_cell_size: bool,
) -> Result<PackResult, CellError> {
    let cells = if fixed_cell_size {
        let needed = (inputs.pack_energy_kwh * 1000.0 / cell.energy_wh).ceil();
        if !(needed.is_finite() && needed <= u32::MAX as f64) {
            return Err(CellError::Infeasible {
                reason: format!(
                    "a pack of {} kWh needs {needed} cells",
                    inputs.pack_energy_kwh
                ),
            });
        }
        needed as u32
    } else {
        inputs.cells()
    };
    let modules = inputs.modules_per_pack;
    let cell_mass_kg = cells as f64 * cell.mass.total_g / 1000.0;
    let module_hardware_kg =
        arch.module_hardware_kg_per_cell_kg * cell_mass_kg + arch.module_fixed_kg * modules as f64;
    let pack_hardware_kg = arch.pack_fixed_kg + arch.pack_kg_per_module * modules as f64;
    let mass_kg = cell_mass_kg + module_hardware_kg + pack_hardware_kg;
    let volume_l =
        cells as f64 * cell.volume_l / (arch.module_volume_fraction * arch.pack_volume_fraction);
    let energy_kwh = cells as f64 * cell.energy_wh / 1000.0;
    let pulse_power_kw = cells as f64 * cell.pulse_power_w / 1000.0;
    Ok(PackResult {
        cells,
        modules,
        energy_kwh,
        cell_mass_kg,
        module_hardware_kg,
        pack_hardware_kg,
        mass_kg,
        volume_l,
        specific_energy_wh_per_kg: energy_kwh * 1000.0 / mass_kg,
        energy_density_wh_per_l: energy_kwh * 1000.0 / volume_l,
        pulse_power_kw,
        specific_power_w_per_kg: pulse_power_kw * 1000.0 / mass_kg,
    })
}
