//! Life data: the parameters of each semi-empirical ageing model (transcribed from BLAST-Lite
//! 1.1.1, each sourced to its publication and to the file and lines it was read from).

mod schema;
mod validate;

pub use schema::*;

/// This layer's embedded data files, as (display path, text), in loading order.
pub(crate) const FILES: &[(&str, &str)] = &[
    (
        "data/life_models.toml",
        include_str!("../../../../data/life_models.toml"),
    ),
    (
        "data/life_families.toml",
        include_str!("../../../../data/life_families.toml"),
    ),
];

/// Each chemistry's default model: a file of its own, since it refers to the cell layer's
/// couples (a command that reads only the models need not load the chemistries).
pub(crate) const DEFAULT_FILES: &[(&str, &str)] = &[(
    "data/couple_life.toml",
    include_str!("../../../../data/couple_life.toml"),
)];
