//! Scale-up data (leapfrog-scaleup): line groups over the factory's process steps, ramp
//! curves, financing, manufacturing variants, equipment export controls, scale-up paths and
//! published small plants. A user's path file is read by the same rules
//! (`crate::spec::read_path_spec`).

mod schema;
mod validate;

pub use schema::*;

/// This layer's embedded data files, as (display path, text), in loading order.
pub(crate) const FILES: &[(&str, &str)] = &[(
    "data/scaleup.toml",
    include_str!("../../../../data/scaleup.toml"),
)];
