//! leapfrog-supply: where each stage of what a cell is made of sits, by country (location
//! or control), how concentrated it is, how exposed a chemistry is to a set of countries
//! of concern, and what an export restriction does to prices, cell cost and buildable GWh.
//!
//! A chemistry's bill of materials (from leapfrog-cell) gives kg per kWh of each element
//! and material; each supply chain measures part of it (lithium: the Li mass; cathode
//! material: the cathode mass; cells: the kWh) and each stage of the chain has country
//! shares from the dataset. Shocks re-price cells through leapfrog-factory's cost model.

use leapfrog_data::{Blame, Blamed};

pub mod demand;
pub mod exposure;
pub mod model;
pub mod product;
pub mod shock;

pub use demand::{demand_coupling, DemandRow};
pub use exposure::{exposure, Exposure, StageTerm, INDEX_FORMULA};
pub use model::{Basis, Chain, StageShares, SupplyModel};
pub use product::{factory, Product};
pub use shock::{simulate, Shock, ShockResult, SHOCK_FORMULA};

/// The chemistries the issue and the assessment compare side by side.
pub const DEFAULT_CHEMISTRIES: &[&str] = &[
    "LFP-G",
    "NMC811-G",
    "NaNFM-HC",
    "LMFP-G",
    "NMC811-Li-SSE",
    "vrfb-4h",
    "iron-air-100h",
];

/// The demand scenario used unless told otherwise.
pub const DEFAULT_DEMAND: &str = "global-2024";

#[derive(Debug, thiserror::Error)]
pub enum SupplyError {
    #[error(transparent)]
    Unknown(Box<leapfrog_data::NotFound>),
    #[error("invalid {field} = {value}; allowed: {allowed}")]
    Input {
        field: &'static str,
        value: String,
        allowed: String,
    },
    #[error("{0}")]
    Data(String),
    #[error(transparent)]
    Cell(#[from] leapfrog_cell::CellError),
    #[error(transparent)]
    Factory(#[from] leapfrog_factory::FactoryError),
}

impl Blamed for SupplyError {
    fn blame(&self) -> Blame {
        match self {
            SupplyError::Cell(e) => e.blame(),
            SupplyError::Factory(e) => e.blame(),
            SupplyError::Unknown(_) | SupplyError::Input { .. } | SupplyError::Data(_) => {
                Blame::User
            }
        }
    }
}

impl From<leapfrog_data::NotFound> for SupplyError {
    fn from(e: leapfrog_data::NotFound) -> SupplyError {
        SupplyError::Unknown(Box::new(e))
    }
}
