//! The present as data: plants by firm and site (their records are `plant`, the rules
//! layer's schema), published capacity totals to measure coverage against, firms' output by
//! year, and the published rows the policy model's backcast must reproduce.

mod schema;
mod validate;

pub use schema::*;
pub use validate::BACKCAST_METRICS;

/// This layer's embedded data files, as (display path, text), in loading order.
pub(crate) const FILES: &[(&str, &str)] = &[
    (
        "data/plants.toml",
        include_str!("../../../../data/plants.toml"),
    ),
    (
        "data/backcast.toml",
        include_str!("../../../../data/backcast.toml"),
    ),
];
