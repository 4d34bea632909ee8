//! Entry points on the dataset: a design request (preset or couple plus options), a
//! resolved chemistry that solves designs quickly, and the side-by-side table of couples.

use crate::bom::BillOfMaterials;
use crate::design::{solve, Design, DesignInputs};
use crate::library::{self, ResolvedCouple, ResolvedFormat};
use crate::CellError;
use leapfrog_data::NotFound;
use leapfrog_data::{CellDesign, CoupleProperties, Dataset, PackArchitecture, Stage};
use serde::Serialize;

/// The preset whose inputs the chemistry table applies to every couple.
pub const REFERENCE_PRESET: &str = "batpac-v5-default";

/// A design to solve: which couple, format and pack architecture, and the targets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DesignRequest {
    pub couple: String,
    pub format: String,
    pub architecture: String,
    pub inputs: DesignInputs,
    /// Where the measured thicknesses in `inputs.measured` come from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measured_source: Option<String>,
}

impl DesignRequest {
    pub fn from_record(d: &CellDesign) -> Self {
        DesignRequest {
            couple: d.couple.clone(),
            format: d.format.clone(),
            architecture: d.architecture.clone(),
            inputs: DesignInputs::from_record(d),
            measured_source: d.measured_source.clone(),
        }
    }

    /// The reference preset's format, architecture and targets applied to `couple`: how
    /// couples are compared on equal terms.
    pub fn reference_for(data: &Dataset, couple: &str) -> Result<Self, CellError> {
        let reference = Self::preset(data, REFERENCE_PRESET)?;
        Ok(DesignRequest {
            couple: couple.to_string(),
            ..reference
        })
    }

    pub fn preset(data: &Dataset, id: &str) -> Result<Self, CellError> {
        let design = data.cell_design(id).ok_or_else(|| {
            NotFound::new(
                "preset",
                id,
                data.cell_designs.iter().map(|d| d.id.as_str()),
            )
        })?;
        Ok(Self::from_record(design))
    }
}

/// A couple, format and architecture resolved once, for any number of solves.
#[derive(Debug, Clone)]
pub struct Chemistry {
    pub couple: ResolvedCouple,
    pub format: ResolvedFormat,
    pub architecture: PackArchitecture,
}

impl Chemistry {
    pub fn load(data: &Dataset, req: &DesignRequest) -> Result<Self, CellError> {
        Ok(Chemistry {
            couple: ResolvedCouple::from_dataset(data, &req.couple)?,
            format: ResolvedFormat::from_dataset(data, &req.format)?,
            architecture: library::architecture(data, &req.architecture)?,
        })
    }

    /// The design for `inputs`; a design with a non-finite figure is an error naming it.
    pub fn solve(&self, inputs: &DesignInputs) -> Result<Design, CellError> {
        let design = solve(&self.couple, &self.format, &self.architecture, inputs)?;
        leapfrog_data::ensure_finite("cell design", &design)?;
        Ok(design)
    }

    pub fn bill_of_materials(&self, design: &Design) -> BillOfMaterials {
        BillOfMaterials::build(&self.couple, &self.format, &self.architecture, design)
    }
}

/// One row of the chemistry comparison: computed metrics where the reference design
/// solves, sourced properties where a design cannot compute them.
#[derive(Debug, Clone, Serialize)]
pub struct ChemistryRow {
    pub couple: String,
    pub name: String,
    pub family: String,
    pub stage: Stage,
    pub nominal_voltage_v: f64,
    /// Computed by the design solver with the reference preset's targets.
    pub design: Result<DesignSummary, String>,
    /// Sourced, not computed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<CoupleProperties>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DesignSummary {
    pub limit: &'static str,
    pub positive_thickness_um: f64,
    pub cell_capacity_ah: f64,
    pub cell_specific_energy_wh_per_kg: f64,
    pub cell_energy_density_wh_per_l: f64,
    pub cell_specific_power_w_per_kg: f64,
    pub pack_specific_energy_wh_per_kg: f64,
}

impl DesignSummary {
    pub fn of(d: &Design) -> Self {
        DesignSummary {
            limit: d.cell.limit.label(),
            positive_thickness_um: d.cell.positive_thickness_um,
            cell_capacity_ah: d.cell.capacity_ah,
            cell_specific_energy_wh_per_kg: d.cell.specific_energy_wh_per_kg,
            cell_energy_density_wh_per_l: d.cell.energy_density_wh_per_l,
            cell_specific_power_w_per_kg: d.cell.specific_power_w_per_kg,
            pack_specific_energy_wh_per_kg: d.pack.specific_energy_wh_per_kg,
        }
    }
}

/// Every couple designed to the reference preset's targets, side by side.
pub fn chemistry_table(data: &Dataset) -> Result<Vec<ChemistryRow>, CellError> {
    let reference = DesignRequest::preset(data, REFERENCE_PRESET)?;
    let rows = data
        .couples
        .iter()
        .map(|c| {
            let req = DesignRequest {
                couple: c.id.clone(),
                ..reference.clone()
            };
            let design = Chemistry::load(data, &req)
                .and_then(|chem| chem.solve(&req.inputs))
                .map(|d| DesignSummary::of(&d))
                .map_err(|e| e.to_string());
            ChemistryRow {
                couple: c.id.clone(),
                name: c.name.clone(),
                family: c.family.clone(),
                stage: c.stage,
                nominal_voltage_v: c.nominal_voltage_v,
                design,
                properties: data.couple_properties(&c.id).cloned(),
            }
        })
        .collect();
    Ok(rows)
}
