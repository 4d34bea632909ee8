//! Published small plants set against the model: the cell plant's capex for the plant's
//! chemistry and size, on conventional whole lines at BatPaC's own U.S. prices, with the
//! building counted only where the published figure paid for one.

use crate::lines;
use crate::path::cell_capex_musd;
use crate::ScaleupError;
use leapfrog_cell::{Chemistry, DesignRequest};
use leapfrog_data::{Dataset, ScaleupReference, StepLevel};
use leapfrog_factory::{Factory, PlantOptions, DEFAULT_COST_MODEL};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct ReferenceCheck {
    pub id: String,
    pub name: String,
    pub plant_gwh_per_yr: f64,
    pub published_musd: f64,
    pub model_musd: f64,
    /// Model over published.
    pub ratio: f64,
    /// Whether the model's figure includes a building.
    pub new_building: bool,
    pub incremental: bool,
}

/// The model's capex for one published plant.
pub fn check(data: &Dataset, r: &ScaleupReference) -> Result<ReferenceCheck, ScaleupError> {
    let factory = Factory::load(data, DEFAULT_COST_MODEL)?;
    let variant = data.find::<leapfrog_data::ManufacturingVariant>("conventional")?;
    let design_lines = lines::design(data, &factory, variant, None)?;
    let request = DesignRequest::reference_for(data, &r.chemistry)?;
    let chem = Chemistry::load(data, &request)?;
    let design = chem.solve(&request.inputs)?;
    let options = PlantOptions {
        plant_gwh_per_yr: r.plant_gwh_per_yr,
        ..PlantOptions::batpac()
    };
    let mut prepared = factory.prepare(&chem, &options)?;
    prepared.lines = Some(design_lines.specs);
    let cost = factory.evaluate(&prepared, &design);
    let model_musd = if r.new_building {
        cell_capex_musd(&cost)
    } else {
        cost.steps
            .iter()
            .filter(|s| s.level != StepLevel::Pack)
            .map(|s| s.capex_musd)
            .sum()
    };
    Ok(ReferenceCheck {
        id: r.id.clone(),
        name: r.name.clone(),
        plant_gwh_per_yr: r.plant_gwh_per_yr,
        published_musd: r.capex_musd,
        model_musd,
        ratio: model_musd / r.capex_musd,
        new_building: r.new_building,
        incremental: r.incremental,
    })
}
