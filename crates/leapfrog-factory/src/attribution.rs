//! Why two regions differ: switch the region parameters from one region's value to the
//! other's one at a time, in a fixed order, and record what each switch changes. The terms
//! sum exactly to the whole gap.

use crate::model::{Factory, Prepared};
use crate::region::PARAMETERS;
use crate::FactoryError;
use leapfrog_cell::Design;
use leapfrog_data::NotFound;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct GapTerm {
    pub parameter: &'static str,
    pub from: f64,
    pub to: f64,
    pub capex_musd_per_gwh: f64,
    pub cell_cost_usd_per_kwh: f64,
    pub pack_usd_per_kwh: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct RegionGap {
    pub from_region: String,
    pub to_region: String,
    pub capex_musd_per_gwh: (f64, f64),
    pub cell_cost_usd_per_kwh: (f64, f64),
    pub pack_usd_per_kwh: (f64, f64),
    /// Cell materials per kWh in each region: one price basis prices both, so materials add
    /// nothing to the gap unless a region's own basis is given.
    pub materials_usd_per_kwh: (f64, f64),
    pub terms: Vec<GapTerm>,
}

pub fn attribute_region_gap(
    factory: &Factory,
    prepared: &Prepared,
    design: &Design,
    to_region: &str,
) -> Result<RegionGap, FactoryError> {
    let target = factory.region(Some(to_region))?;
    Ok(attribute_gap_to(factory, prepared, design, &target))
}

/// The same attribution towards a region whose figures the caller has set (e.g. an assumed
/// figure at one end of its range).
pub fn attribute_gap_to(
    factory: &Factory,
    prepared: &Prepared,
    design: &Design,
    target: &crate::region::RegionFactors,
) -> RegionGap {
    let mut p = prepared.clone();
    let start = factory.evaluate(&p, design);
    let mut last = start.clone();
    let mut terms = Vec::new();
    for parameter in PARAMETERS {
        let from = p.region.get(parameter);
        p.region.set(parameter, target.get(parameter));
        let now = factory.evaluate(&p, design);
        terms.push(GapTerm {
            parameter,
            from,
            to: target.get(parameter),
            capex_musd_per_gwh: now.plant.capex_musd_per_gwh - last.plant.capex_musd_per_gwh,
            cell_cost_usd_per_kwh: now.cell_cost_usd_per_kwh - last.cell_cost_usd_per_kwh,
            pack_usd_per_kwh: now.pack_usd_per_kwh - last.pack_usd_per_kwh,
        });
        last = now;
    }
    RegionGap {
        from_region: prepared.region.id.clone(),
        to_region: target.id.clone(),
        capex_musd_per_gwh: (
            start.plant.capex_musd_per_gwh,
            last.plant.capex_musd_per_gwh,
        ),
        cell_cost_usd_per_kwh: (start.cell_cost_usd_per_kwh, last.cell_cost_usd_per_kwh),
        pack_usd_per_kwh: (start.pack_usd_per_kwh, last.pack_usd_per_kwh),
        materials_usd_per_kwh: (
            crate::cell_materials_usd_per_kwh(&start, design),
            crate::cell_materials_usd_per_kwh(&last, design),
        ),
        terms,
    }
}

/// One value of a region parameter and what the plant comes to with it.
#[derive(Debug, Clone, Serialize)]
pub struct SensitivityPoint {
    pub parameter: &'static str,
    pub value: f64,
    pub capex_musd_per_gwh: f64,
    pub cell_cost_usd_per_kwh: f64,
}

/// The plant with one region parameter set to each of `values` in turn, the other
/// parameters as prepared: how far a result rests on one figure.
pub fn region_sensitivity(
    factory: &Factory,
    prepared: &Prepared,
    design: &Design,
    parameter: &str,
    values: &[f64],
) -> Result<Vec<SensitivityPoint>, FactoryError> {
    let Some(&name) = PARAMETERS.iter().find(|p| **p == parameter) else {
        return Err(NotFound::new("region parameter", parameter, PARAMETERS).into());
    };
    let mut out = Vec::with_capacity(values.len());
    for &value in values {
        if !value.is_finite() || value < 0.0 {
            return Err(FactoryError::Input {
                field: name.to_string(),
                value: value.to_string(),
                allowed: "a finite number of at least 0".into(),
            });
        }
        let mut p = prepared.clone();
        p.region.set(name, value);
        let c = factory.evaluate(&p, design);
        out.push(SensitivityPoint {
            parameter: name,
            value,
            capex_musd_per_gwh: c.plant.capex_musd_per_gwh,
            cell_cost_usd_per_kwh: c.cell_cost_usd_per_kwh,
        });
    }
    Ok(out)
}
