//! Published small plants set against the model: the cell plant's capex for the plant's
//! chemistry and size, on conventional whole lines at BatPaC's own U.S. prices, with the
//! building counted only where the published figure paid for one. A plant the source rates in
//! power (GW of batteries a year) has no energy capacity to set a capex against: it is listed,
//! not compared.

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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plant_gwh_per_yr: Option<f64>,
    /// A power rating, where the source gives one instead of an energy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plant_gw_per_yr: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_musd: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model_musd: Option<f64>,
    /// Model over published, energy against energy; absent with `not_compared` otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ratio: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_compared: Option<String>,
    /// Whether the model's figure includes a building.
    pub new_building: bool,
    pub incremental: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capital_raised_musd: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome_date: Option<String>,
    pub source: String,
}

/// The model's capex for one published plant, where it has an energy capacity and a capex.
pub fn check(data: &Dataset, r: &ScaleupReference) -> Result<ReferenceCheck, ScaleupError> {
    let mut out = ReferenceCheck {
        id: r.id.clone(),
        name: r.name.clone(),
        plant_gwh_per_yr: r.plant_gwh_per_yr,
        plant_gw_per_yr: r.plant_gw_per_yr,
        published_musd: r.capex_musd,
        model_musd: None,
        ratio: None,
        not_compared: None,
        new_building: r.new_building,
        incremental: r.incremental,
        capital_raised_musd: r.capital_raised_musd,
        outcome: r.outcome.clone(),
        outcome_date: r.outcome_date.clone(),
        source: r.source.clone(),
    };
    let (Some(gwh), Some(published)) = (r.plant_gwh_per_yr, r.capex_musd) else {
        out.not_compared = Some(
            if r.plant_gwh_per_yr.is_none() {
                "rated in power (GW a year), not energy: no energy capacity to price"
            } else {
                "no published capex"
            }
            .into(),
        );
        return Ok(out);
    };
    let model = model_capex_musd(data, r, gwh)?;
    out.model_musd = Some(model);
    out.ratio = Some(model / published);
    Ok(out)
}

fn model_capex_musd(data: &Dataset, r: &ScaleupReference, gwh: f64) -> Result<f64, ScaleupError> {
    let factory = Factory::load(data, DEFAULT_COST_MODEL)?;
    let variant = data.find::<leapfrog_data::ManufacturingVariant>("conventional")?;
    let design_lines = lines::design(data, &factory, variant, None)?;
    let request = DesignRequest::reference_for(data, &r.chemistry)?;
    let chem = Chemistry::load(data, &request)?;
    let design = chem.solve(&request.inputs)?;
    let options = PlantOptions {
        plant_gwh_per_yr: gwh,
        ..PlantOptions::batpac()
    };
    let mut prepared = factory.prepare(&chem, &options)?;
    prepared.lines = Some(design_lines.specs);
    let cost = factory.evaluate(&prepared, &design);
    Ok(if r.new_building {
        cell_capex_musd(&cost)
    } else {
        cost.steps
            .iter()
            .filter(|s| s.level != StepLevel::Pack)
            .map(|s| s.capex_musd)
            .sum()
    })
}
