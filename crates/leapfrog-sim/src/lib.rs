//! leapfrog-sim: duty-cycle electrochemistry. The single-particle model (SPM) and the
//! single-particle model with electrolyte (SPMe) as PyBaMM 26 formulates them with its default
//! options, driven by experiments written as PyBaMM writes them.
//!
//! Numerics, chosen over a general solver (diffsol, or IDA as PyBaMM uses) because these
//! models have a structure a general solver cannot exploit: the particles are linear (constant
//! solid diffusivity), so each is advanced exactly through its modes, for any step length;
//! the electrolyte is a 60-volume tridiagonal system, stepped by variable-step BDF2 with one
//! linear solve a step; steps adapt to how fast the voltage, the salt and (for held voltages
//! and powers) the current move; a step's end is located on the exact particle state. A 1C
//! discharge is about sixty steps.

// The numerical kernels index several arrays of one mesh in step; a loop over the index says
// that more plainly than zipped iterators.
#![allow(clippy::needless_range_loop)]

use leapfrog_data::{Blame, Blamed};

pub mod bpx;
pub mod design;
pub mod drive;
pub mod ecm;
pub mod electrolyte;
pub mod experiment;
pub mod model;
pub mod params;
pub mod particle;
pub mod simulate;
pub mod soh;
pub mod validity;

pub use drive::{DriveProfile, ProfileUnit};
pub use experiment::{Drive, Step, Until};
pub use model::{Model, ModelKind, State};
pub use params::Cell;
pub use simulate::{run, Outcome, Row, StepSummary, Summary};

#[derive(Debug, thiserror::Error)]
pub enum SimError {
    #[error(transparent)]
    Unknown(Box<leapfrog_data::NotFound>),
    #[error("cannot read experiment step \"{step}\": {reason}; allowed: {allowed}")]
    Step {
        step: String,
        reason: String,
        allowed: String,
    },
    #[error("{0}")]
    Input(String),
    #[error("the simulation cannot go on: {0}")]
    Infeasible(String),
    #[error(transparent)]
    NonFinite(#[from] leapfrog_data::NonFinite),
}

impl Blamed for SimError {
    fn blame(&self) -> Blame {
        match self {
            SimError::NonFinite(e) => e.blame(),
            _ => Blame::User,
        }
    }
}

impl From<leapfrog_data::NotFound> for SimError {
    fn from(e: leapfrog_data::NotFound) -> SimError {
        SimError::Unknown(Box::new(e))
    }
}
