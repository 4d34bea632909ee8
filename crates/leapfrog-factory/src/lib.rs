//! leapfrog-factory: a BatPaC v5-style plant model. Process steps scale from a baseline
//! plant with their own drivers; the overhead algebra turns materials, labour, capital and
//! floor area into a price per pack, per cell and per kWh; regions and process variants
//! change the inputs, each by a named, sourced parameter.

mod attribution;
mod materials;
mod model;
mod plant;
mod price;
pub mod reference;
mod region;
mod rollup;
pub mod sweep;

pub use attribution::{
    attribute_gap_to, attribute_region_gap, region_sensitivity, GapTerm, RegionGap,
    SensitivityPoint,
};
pub use materials::MaterialCost;
pub use model::{
    CostResult, Factory, MaterialPrice, MaterialPrices, PlantOptions, PlantSummary, Prepared,
    ProcessCost, DEFAULT_COST_MODEL, PLANT_GWH_PER_YR,
};
pub use plant::{Drivers, Installed, LineSpec, PlantResult, StepResult};
pub use region::RegionFactors;
pub use rollup::{Multipliers, PriceBuild, Rates, RollupInputs};

use leapfrog_data::{Blame, Blamed};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum FactoryError {
    #[error(transparent)]
    Unknown(Box<leapfrog_data::NotFound>),
    #[error("material `{material}` in couple `{couple}` has no price in the data; add price_usd_per_kg (with price_source) to data/materials.toml")]
    NoPrice { material: String, couple: String },
    #[error("invalid plant input {field} = {value}; allowed: {allowed}")]
    Input {
        field: String,
        value: String,
        allowed: String,
    },
    /// A sweep grid that cannot be expanded (an empty or non-finite axis, an empty set).
    #[error("{0}")]
    Grid(String),
    #[error(transparent)]
    Cell(#[from] leapfrog_cell::CellError),
    #[error(transparent)]
    NonFinite(#[from] leapfrog_data::NonFinite),
}

impl Blamed for FactoryError {
    fn blame(&self) -> Blame {
        match self {
            FactoryError::Cell(e) => e.blame(),
            FactoryError::NonFinite(e) => e.blame(),
            FactoryError::Unknown(_)
            | FactoryError::NoPrice { .. }
            | FactoryError::Input { .. }
            | FactoryError::Grid(_) => Blame::User,
        }
    }
}

impl From<leapfrog_data::NotFound> for FactoryError {
    fn from(e: leapfrog_data::NotFound) -> FactoryError {
        FactoryError::Unknown(Box::new(e))
    }
}

/// The cell's bought materials per kWh of pack energy at this cost's price basis and region:
/// the part of cost that learning by doing does not lower (it follows material prices). One
/// helper so every layer splits cost the same way.
pub fn cell_materials_usd_per_kwh(cost: &CostResult, design: &leapfrog_cell::Design) -> f64 {
    cost.cell_materials.total_usd * f64::from(design.pack.cells) * cost.multipliers.materials
        / design.pack.energy_kwh
}
