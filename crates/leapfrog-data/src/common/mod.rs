//! Records every layer shares: the bibliography (`sources.toml`) and regions.

mod schema;
mod validate;

pub use schema::*;

/// This layer's embedded data files, as (display path, text), in loading order.
pub(crate) const FILES: &[(&str, &str)] = &[
    (
        "data/sources.toml",
        include_str!("../../../../data/sources.toml"),
    ),
    (
        "data/regions.toml",
        include_str!("../../../../data/regions.toml"),
    ),
];
