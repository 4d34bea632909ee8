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

/// The embedded dataset, with the user's folder layered over it when one is given.
/// What the folder held that was not read is said on stderr, never passed over silently.
pub fn load(dir: Option<&Path>) -> Result<Dataset, leapfrog_data::DataError> {
    let data = match dir {
        Some(d) => Dataset::with_overrides(d)?,
        None => Dataset::embedded()?,
    };
    for w in &data.warnings {
        eprintln!("warning: {w}");
    }
    Ok(data)
}
