//! The cell layer's harness for the reference zoo (`data/references.toml`, layer `cell`): runs a
//! case and reads the quantity a record names, so tests, benches and the report check the same
//! thing against the same tolerance.

use crate::catalogue::REFERENCE_PRESET;
use crate::{CellError, Chemistry, Design, DesignRequest};
use leapfrog_data::{Dataset, ReferenceCase};

/// What a cell case runs: the preset of that id, or a couple of that id designed to the
/// reference preset's targets.
pub fn request(data: &Dataset, case: &str) -> Result<DesignRequest, CellError> {
    if data.cell_design(case).is_some() {
        return DesignRequest::preset(data, case);
    }
    let reference = DesignRequest::preset(data, REFERENCE_PRESET)?;
    Ok(DesignRequest {
        couple: case.to_string(),
        ..reference
    })
}

/// The quantity a reference record names, read off a solved design: `cell.*` and `pack.*`
/// from the design, `bom.<element or commodity>_kg_per_kwh` from its bill of materials.
pub fn value(chem: &Chemistry, design: &Design, quantity: &str) -> Option<f64> {
    let (c, p) = (&design.cell, &design.pack);
    let v = match quantity {
        "cell.positive_thickness_um" => c.positive_thickness_um,
        "cell.positive_areal_capacity_mah_per_cm2" => c.positive_areal_capacity_mah_per_cm2,
        "cell.capacity_ah" => c.capacity_ah,
        "cell.energy_wh" => c.energy_wh,
        "cell.mass_kg" => c.mass.total_g / 1000.0,
        "cell.specific_energy_wh_per_kg" => c.specific_energy_wh_per_kg,
        "cell.energy_density_wh_per_l" => c.energy_density_wh_per_l,
        "pack.mass_kg" => p.mass_kg,
        "pack.specific_energy_wh_per_kg" => p.specific_energy_wh_per_kg,
        "pack.energy_density_wh_per_l" => p.energy_density_wh_per_l,
        _ => {
            let what = quantity.strip_prefix("bom.")?.strip_suffix("_kg_per_kwh")?;
            let bom = chem.bill_of_materials(design);
            return Some(match bom.commodities_kg_per_kwh.get(what) {
                Some(kg) => *kg,
                None => bom.elements_kg_per_kwh.get(what),
            });
        }
    };
    Some(v)
}

/// The model's value for a cell reference record.
pub fn evaluate(data: &Dataset, r: &ReferenceCase) -> Result<f64, CellError> {
    let req = request(data, &r.case)?;
    let chem = Chemistry::load(data, &req)?;
    let design = chem.solve(&req.inputs)?;
    value(&chem, &design, &r.quantity).ok_or_else(|| CellError::Data {
        what: format!("reference `{}`", r.id),
        reason: format!("the cell layer has no quantity `{}`", r.quantity),
    })
}
