//! leapfrog-scaleup: from pilot line to gigafactory.
//!
//! - [`lines`]: a plant is a whole number of lines per line group (data/scaleup.toml); below
//!   one line it buys one smaller tool, priced from a line by the six-tenths rule, and every
//!   line is staffed whatever it makes. Large plants keep BatPaC's steady-state result.
//! - [`ramp`]: utilisation and scrap by month since start of production, scrap also falling
//!   with the company's earlier output (learning by doing).
//! - [`path`]: stages (pilot, demonstration, first commercial, gigafactory), each with its
//!   size, build time, financing and gate; month by month cost per good kWh, capital needed,
//!   and the gap to an incumbent moving down its learning curve.
//! - [`reference`]: published small plants and companies' cases set against the model.
//! - [`risk`]: a path's uncertain inputs drawn run by run, each run financed by a funding
//!   plan, and who reaches nameplate before the money runs out.

pub mod lines;
pub mod path;
pub mod ramp;
pub mod reference;
pub mod risk;
pub mod stream;

pub use path::{
    evaluate, prepare, Draw, Flows, PathInputs, PathResult, PreparedPath, ProductionCredit,
    StageResult,
};

use leapfrog_data::{Blame, Blamed};

#[derive(Debug, thiserror::Error)]
pub enum ScaleupError {
    #[error(transparent)]
    Unknown(Box<leapfrog_data::NotFound>),
    #[error(transparent)]
    Factory(#[from] leapfrog_factory::FactoryError),
    #[error(transparent)]
    Cell(#[from] leapfrog_cell::CellError),
    #[error(transparent)]
    Market(#[from] leapfrog_market::MarketError),
    /// A path that cannot run as given (a gate below the mature scrap rate, ...).
    #[error("{field} = {value}: {why}; allowed: {allowed}")]
    Input {
        field: String,
        value: String,
        why: String,
        allowed: String,
    },
}

impl Blamed for ScaleupError {
    fn blame(&self) -> Blame {
        match self {
            ScaleupError::Factory(e) => e.blame(),
            ScaleupError::Cell(e) => e.blame(),
            ScaleupError::Market(e) => e.blame(),
            ScaleupError::Unknown(_) | ScaleupError::Input { .. } => Blame::User,
        }
    }
}

impl From<leapfrog_data::NotFound> for ScaleupError {
    fn from(e: leapfrog_data::NotFound) -> Self {
        ScaleupError::Unknown(Box::new(e))
    }
}
