//! Simulation data: electrochemical parameter sets for the single-particle models (particle,
//! electrolyte and kinetic properties of a published cell), each sourced to its publication
//! and to where it was transcribed from.

mod schema;
mod validate;

pub use schema::*;

/// This layer's embedded data files, as (display path, text), in loading order.
pub(crate) const FILES: &[(&str, &str)] = &[(
    "data/sim_parameters.toml",
    include_str!("../../../../data/sim_parameters.toml"),
)];
