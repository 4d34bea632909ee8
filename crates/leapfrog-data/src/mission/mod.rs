//! Mission data: sector mission presets and the sourced defaults their optional keys fall
//! back on; a mission spec file (one mission, keys at the top level) is read and checked by
//! the same rules as a preset (`crate::spec::read_spec`).

mod schema;
mod validate;

pub use schema::*;

/// This layer's embedded data files, as (display path, text), in loading order.
pub(crate) const FILES: &[(&str, &str)] = &[(
    "data/missions.toml",
    include_str!("../../../../data/missions.toml"),
)];

crate::bounds::bounds!(Mission {});
crate::bounds::bounds!(MissionDefault {});
