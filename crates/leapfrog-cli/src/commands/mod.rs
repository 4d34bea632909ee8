pub mod assess;
pub mod capex;
pub mod catchup;
pub mod cell;
pub mod chemistries;
pub mod compare;
pub mod cost;
pub mod data;
pub mod factory;
pub mod ip;
pub mod learning;
pub mod life;
pub mod mission;
pub mod plant;
pub mod plants;
pub mod rules;
pub mod scaleup;
pub mod scenario;
pub mod shock;
pub mod simulate;
pub mod supply;
pub mod sweep;

use leapfrog_data::Dataset;
use std::path::Path;

/// The embedded dataset's layer snapshots, written by build.rs after validating the data.
mod snapshot {
    include!(concat!(env!("OUT_DIR"), "/snapshot.rs"));
}

/// The embedded dataset as the build validated it (see build.rs): decoded from its snapshots,
/// with the files' texts beside it for locating lines.
pub fn embedded() -> Result<Dataset, leapfrog_data::DataError> {
    embedded_from(None)
}

/// Only the named embedded layers (e.g. `["common", "cell"]`), for a command that reads no
/// other and must start fast; a layer whose records refer to another's is listed with it.
pub fn embedded_layers(names: &[&str]) -> Result<Dataset, leapfrog_data::DataError> {
    embedded_from(Some(names))
}

fn embedded_from(names: Option<&[&str]>) -> Result<Dataset, leapfrog_data::DataError> {
    Dataset::from_layer_snapshots(snapshot::LAYERS, names)
}

/// The embedded dataset, with the user's folder layered over it when one is given.
/// What the folder held that was not read is said on stderr, never passed over silently.
pub fn load(dir: Option<&Path>) -> Result<Dataset, leapfrog_data::DataError> {
    let data = match dir {
        Some(d) => Dataset::with_overrides(d)?,
        None => embedded()?,
    };
    for w in &data.warnings {
        eprintln!("warning: {w}");
    }
    Ok(data)
}
