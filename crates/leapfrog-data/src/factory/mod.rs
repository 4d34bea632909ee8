//! Factory data: process steps, the cost model, region factors, process variants and price
//! bases.

mod schema;
mod validate;

pub use schema::*;

/// This layer's embedded data files, as (display path, text), in loading order.
pub(crate) const FILES: &[(&str, &str)] = &[
    (
        "data/factory.toml",
        include_str!("../../../../data/factory.toml"),
    ),
    (
        "data/factory_regions.toml",
        include_str!("../../../../data/factory_regions.toml"),
    ),
    (
        "data/price_bases.toml",
        include_str!("../../../../data/price_bases.toml"),
    ),
];
