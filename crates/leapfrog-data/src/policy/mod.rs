//! Policy data (leapfrog-policy): the annual model's settings, demand by sector, the chemistries
//! followed, learning and spill-over, dated tariffs, the 45X credit, the levers with their
//! defaults and ranges, and policy packages. A user's scenario file is read by the same rules
//! (`crate::spec::read_package_spec`).

mod schema;
pub(crate) mod validate;

pub use schema::*;
pub use validate::{
    day_number, lever_problem, lever_value_problem, PROCUREMENT, PROCUREMENT_MAX_GWH_PER_YEAR,
    PRODUCTS,
};

/// This layer's embedded data files, as (display path, text), in loading order.
pub(crate) const FILES: &[(&str, &str)] = &[(
    "data/policy.toml",
    include_str!("../../../../data/policy.toml"),
)];
