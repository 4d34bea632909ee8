//! leapfrog-data: the schema, the embedded sourced dataset, its loader and validation.
//!
//! Every number in the dataset carries a `source` that resolves to `sources.toml`, or is
//! marked `source = "assumption"` with a note. Loading validates keys, sources, ranges,
//! duplicate ids and references, and reports each problem with file, line, field, value
//! and what is allowed.

pub mod cell_schema;
mod cell_validate;
pub mod elements;
pub mod error;
pub mod factory_schema;
mod factory_validate;
pub mod load;
pub mod locate;
pub mod money;
pub mod schema;
pub mod supply_schema;
mod supply_validate;
pub mod validate;

pub use cell_schema::*;
pub use error::{DataError, Issue, IssueKind};
pub use factory_schema::*;
pub use load::{Dataset, Keyed, RecordVisitor, EMBEDDED};
pub use schema::*;
pub use supply_schema::*;
