//! leapfrog-data: the schema, the embedded sourced dataset, its loader and validation.
//!
//! Every number in the dataset carries a `source` that resolves to `sources.toml`, or is
//! marked `source = "assumption"` with a note. Loading validates keys, sources, ranges,
//! duplicate ids and references, and reports each problem with file, line, field, value
//! and what is allowed.
//!
//! Layout: one folder per layer (`common/`, `market/`, `cell/`, `factory/`, `supply/`, `life/`, `sim/`, `mission/`, `ip/`, `scaleup/`, `rules/`, `policy/`, `reference/`), each
//! with its record schema, its validators and its embedded files; `registry.rs` lists every
//! record kind once, and the dataset, lookups, file schema and validator calls are generated
//! from that list.

pub mod bounds;
pub mod cell;
mod check;
pub mod common;
mod dataset;
pub mod elements;
pub mod error;
pub mod factory;
pub mod finite;
pub mod ip;
mod keyed;
mod kinds;
pub mod life;
pub mod load;
pub mod locate;
pub mod market;
pub mod mission;
pub mod policy;
pub mod present;
pub mod reference;
mod registry;
pub mod rules;
pub mod scaleup;
pub mod sim;
pub mod snapshot;
pub mod spec;
pub mod supply;

pub use bounds::{Bound, Bounded, Range};
pub use cell::*;
pub use common::*;
pub use dataset::{Dataset, FileText, Record, RecordVisitor};
pub use error::{Blame, Blamed, DataError, Issue, IssueKind, NotFound};
pub use factory::*;
pub use finite::{ensure_finite, NonFinite};
pub use ip::*;
pub use keyed::{Keyed, Origin};
pub use life::*;
pub use load::embedded_files;
pub use market::*;
pub use mission::*;
pub use policy::*;
pub use present::*;
pub use reference::*;
pub use rules::*;
pub use scaleup::*;
pub use sim::*;
pub use spec::{
    check_sim_set, read_deals, read_package_spec, read_path_spec, read_plant_spec,
    read_project_spec, read_spec, toml_error,
};
pub use supply::*;
