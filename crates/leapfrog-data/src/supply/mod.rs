//! Supply data: chains by material, stage shares by country, markets and demand scenarios.

mod schema;
mod validate;

pub use schema::*;

/// This layer's embedded data files, as (display path, text), in loading order.
pub(crate) const FILES: &[(&str, &str)] = &[(
    "data/supply.toml",
    include_str!("../../../../data/supply.toml"),
)];
