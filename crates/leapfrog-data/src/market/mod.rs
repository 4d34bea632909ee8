//! Market data: companies and announced plants, capacity shares, price and volume series,
//! learning-rate estimates, sectors, and money (exchange rates, CPI-U).

mod money;
mod schema;
mod validate;

pub use schema::*;
pub use validate::CHEMISTRY_FAMILIES;

/// This layer's embedded data files, as (display path, text), in loading order.
pub(crate) const FILES: &[(&str, &str)] = &[
    (
        "data/companies.toml",
        include_str!("../../../../data/companies.toml"),
    ),
    (
        "data/projects.toml",
        include_str!("../../../../data/projects.toml"),
    ),
    (
        "data/shares.toml",
        include_str!("../../../../data/shares.toml"),
    ),
    (
        "data/prices.toml",
        include_str!("../../../../data/prices.toml"),
    ),
    (
        "data/learning.toml",
        include_str!("../../../../data/learning.toml"),
    ),
    (
        "data/sectors.toml",
        include_str!("../../../../data/sectors.toml"),
    ),
    (
        "data/money.toml",
        include_str!("../../../../data/money.toml"),
    ),
];
