//! The reference zoo: published outputs with their tolerance and source, read by every layer's
//! tests, by the report's check tables and by the benches.

mod schema;
mod validate;

pub use schema::*;

/// This layer's embedded data files, as (display path, text), in loading order.
pub(crate) const FILES: &[(&str, &str)] = &[(
    "data/references.toml",
    include_str!("../../../../data/references.toml"),
)];
