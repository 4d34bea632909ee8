//! leapfrog-policy: the assessment's argument as a model with uncertainty.
//!
//! - [`model`]: everything that does not change between runs, prepared once per scenario set
//!   from the other layers: each region's and chemistry's cost split into materials and the
//!   part that learns (factory layer), its sensitivity to the cost of capital and to capital
//!   grants, sector eligibility (mission layer's fit), new chemistries' entry (scale-up layer),
//!   starting capacity and experience, and demand.
//! - [`rules`]: duties, 45X and the equipment controls' status from the rules evaluator
//!   (leapfrog-rules), for each region, chemistry and year.
//! - [`levers`]: the policy levers with their current-law defaults, packages and overrides.
//! - [`run`]: one run of the annual model: costs by Wright's law on each producer's effective
//!   experience (own output plus explicit spill-overs), merit-order markets in the U.S. and the
//!   rest of the world, capacity built where it pays and sells out, arriving after lead and
//!   construction time.
//! - [`montecarlo`]: runs drawn from (seed, run index), reduced in run order so that output is
//!   the same for any thread count; percentiles by year and a tornado.
//! - [`leap`]: the leap map and the assessment's central comparison.
//! - [`attribution`]: each lever of a package alone and the package less each, with what each
//!   costs the Treasury and the states.
//! - [`backcast`]: the model run over the past against published figures, its free parameter
//!   fitted on the calibration years only.

pub mod attribution;
pub mod backcast;
pub mod leap;
pub mod levers;
pub mod model;
pub mod montecarlo;
pub mod rules;
pub mod run;

pub use levers::Levers;
pub use model::Model;
pub use montecarlo::{monte_carlo, monte_carlo_with_progress, MonteCarlo, Settings};
pub use run::{run, Draw, RunResult};

use leapfrog_data::{Blame, Blamed};

#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    #[error(transparent)]
    Unknown(Box<leapfrog_data::NotFound>),
    #[error(transparent)]
    Factory(#[from] leapfrog_factory::FactoryError),
    #[error(transparent)]
    Cell(#[from] leapfrog_cell::CellError),
    #[error(transparent)]
    Mission(#[from] leapfrog_mission::MissionError),
    #[error(transparent)]
    Scaleup(#[from] leapfrog_scaleup::ScaleupError),
    #[error(transparent)]
    Supply(#[from] leapfrog_supply::SupplyError),
    #[error(transparent)]
    Rules(#[from] leapfrog_rules::RulesError),
    #[error(transparent)]
    Ip(#[from] leapfrog_ip::IpError),
    /// A lever or setting that cannot be used as given.
    #[error("{what} = {value}; allowed: {allowed}")]
    Input {
        what: String,
        value: String,
        allowed: String,
    },
}

impl Blamed for PolicyError {
    fn blame(&self) -> Blame {
        match self {
            PolicyError::Factory(e) => e.blame(),
            PolicyError::Cell(e) => e.blame(),
            PolicyError::Mission(e) => e.blame(),
            PolicyError::Scaleup(e) => e.blame(),
            PolicyError::Supply(e) => e.blame(),
            PolicyError::Rules(e) => e.blame(),
            PolicyError::Ip(e) => e.blame(),
            PolicyError::Unknown(_) | PolicyError::Input { .. } => Blame::User,
        }
    }
}

impl From<leapfrog_data::NotFound> for PolicyError {
    fn from(e: leapfrog_data::NotFound) -> Self {
        PolicyError::Unknown(Box::new(e))
    }
}
