//! Cell data: materials, couples, formats, pack architectures, designs, commercial cells,
//! couple properties and the non-intercalation storage systems.

mod schema;
mod validate;

pub use schema::*;

/// This layer's embedded data files, as (display path, text), in loading order.
pub(crate) const FILES: &[(&str, &str)] = &[
    (
        "data/materials.toml",
        include_str!("../../../../data/materials.toml"),
    ),
    (
        "data/couples.toml",
        include_str!("../../../../data/couples.toml"),
    ),
    (
        "data/cell_formats.toml",
        include_str!("../../../../data/cell_formats.toml"),
    ),
    (
        "data/cell_designs.toml",
        include_str!("../../../../data/cell_designs.toml"),
    ),
    (
        "data/commercial_cells.toml",
        include_str!("../../../../data/commercial_cells.toml"),
    ),
    (
        "data/storage_systems.toml",
        include_str!("../../../../data/storage_systems.toml"),
    ),
];
