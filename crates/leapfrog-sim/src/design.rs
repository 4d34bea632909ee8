//! A cell the cell layer designed, simulated: its geometry (electrode thicknesses, porosities,
//! active-material volume fractions from the recipe, electrode area, separator) with the
//! electrochemistry (particles, diffusivities, kinetics, potentials, electrolyte) of the
//! published parameter set made of the same couple. A couple with no such set is refused, and
//! the error says which couples have one.

use crate::soh::Window;
use crate::{Cell, SimError};
use leapfrog_cell::{Chemistry, DesignRequest};
use leapfrog_data::{Couple, Dataset, Ingredient, MaterialRole, SimElectrode, SimParameterSet};

/// What the design contributes and what it was measured against.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DesignedCell {
    pub preset: String,
    pub couple: String,
    /// The parameter set whose electrochemistry the cell takes.
    pub electrochemistry_from: String,
    pub design_capacity_ah: f64,
    pub positive_thickness_um: f64,
    pub negative_thickness_um: f64,
    pub electrode_area_m2: f64,
}

/// The parameter set of design preset `preset`.
pub fn from_design(
    data: &Dataset,
    preset: &str,
) -> Result<(SimParameterSet, DesignedCell), SimError> {
    let bad = |e: leapfrog_cell::CellError| SimError::Input(format!("--design {preset}: {e}"));
    let req = DesignRequest::preset(data, preset).map_err(bad)?;
    let chem = Chemistry::load(data, &req).map_err(bad)?;
    let design = chem.solve(&req.inputs).map_err(bad)?;
    let couple = data.couple(&req.couple).ok_or_else(|| {
        SimError::Input(format!(
            "--design {preset}: couple {} is not in the data",
            req.couple
        ))
    })?;
    let Some(base) = data
        .sim_parameter_sets
        .iter()
        .find(|s| s.couple.as_deref() == Some(couple.id.as_str()))
    else {
        let with: Vec<String> = data
            .sim_parameter_sets
            .iter()
            .filter_map(|s| s.couple.as_ref().map(|c| format!("{c} ({})", s.id)))
            .collect();
        return Err(SimError::Input(format!(
            "--design {preset}: no published electrochemical parameter set is made of {}; sets exist for {} (an equivalent circuit from the couple's voltage and impedance tables is not built yet)",
            couple.id,
            with.join(", ")
        )));
    };
    let full = full_stoichiometries(base)?;
    let cell = &design.cell;
    let mut set = base.clone();
    set.id = preset.to_string();
    set.name = format!(
        "{preset} (cell-layer design) with {} electrochemistry",
        base.id
    );
    set.couple = Some(couple.id.clone());
    set.nominal_capacity_ah = cell.capacity_ah;
    set.electrode_area_m2 = cell.positive_area_cm2 * 1e-4;
    set.negative = electrode(
        data,
        &base.negative,
        couple,
        &couple.negative,
        cell.negative_thickness_um,
        couple.negative_porosity,
        full.0,
    )?;
    set.positive = electrode(
        data,
        &base.positive,
        couple,
        &couple.positive,
        cell.positive_thickness_um,
        couple.positive_porosity,
        full.1,
    )?;
    set.separator.thickness_m = couple.separator_thickness_um * 1e-6;
    if let Some(p) = data.material(&couple.separator).and_then(|m| m.porosity) {
        set.separator.porosity = p;
    }
    set.note = Some(format!(
        "Geometry from the cell layer's design {preset} (thicknesses, porosities, recipe volume fractions, area, separator); electrochemistry from {} ({}).",
        base.id, base.source
    ));
    let report = DesignedCell {
        preset: preset.to_string(),
        couple: couple.id.clone(),
        electrochemistry_from: base.id.clone(),
        design_capacity_ah: cell.capacity_ah,
        positive_thickness_um: cell.positive_thickness_um,
        negative_thickness_um: cell.negative_thickness_um,
        electrode_area_m2: set.electrode_area_m2,
    };
    Ok((set, report))
}

/// The published cell's stoichiometries at 100% state of charge: where the designed cell
/// starts, so that it is charged as the published one was.
fn full_stoichiometries(base: &SimParameterSet) -> Result<(f64, f64), SimError> {
    let w = Window::of(&Cell::from_record(base))?;
    Ok((w.x_100, w.y(w.x_100)))
}

/// An electrode of the design: its thickness and porosity, the active materials' share of the
/// solid volume from the recipe, the published set's particles, kinetics and potential.
fn electrode(
    data: &Dataset,
    base: &SimElectrode,
    couple: &Couple,
    recipe: &[Ingredient],
    thickness_um: f64,
    porosity: f64,
    stoichiometry: f64,
) -> Result<SimElectrode, SimError> {
    let mut active = 0.0;
    let mut total = 0.0;
    for i in recipe {
        let m = data.material(&i.material).ok_or_else(|| {
            SimError::Input(format!(
                "couple {}: material {} is not in the data",
                couple.id, i.material
            ))
        })?;
        let volume = i.mass_fraction / m.density_g_per_cm3;
        total += volume;
        if matches!(m.role, MaterialRole::Positive | MaterialRole::Negative) {
            active += volume;
        }
    }
    Ok(SimElectrode {
        thickness_m: thickness_um * 1e-6,
        porosity,
        active_volume_fraction: (1.0 - porosity) * active / total,
        initial_concentration_mol_per_m3: stoichiometry * base.max_concentration_mol_per_m3,
        ..base.clone()
    })
}
