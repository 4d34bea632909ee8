//! leapfrog-market: analyses over the dataset, all pure functions with no IO.
//!
//! - [`capex`]: capex per GWh by project, company, country and group, in USD of a stated year;
//! - [`learning`]: Wright's-law fits of price against cumulative production, and projections;
//! - [`catchup`]: when an entrant on its own learning curve matches an incumbent's cost;
//! - [`concentration`]: HHI, top-n share and share of a set of countries for any share table.

use leapfrog_data::{Blame, Blamed};

pub mod capex;
pub mod catchup;
pub mod concentration;
pub mod learning;
pub mod reference;

#[derive(Debug, thiserror::Error)]
pub enum MarketError {
    #[error(transparent)]
    Data(#[from] leapfrog_data::DataError),
    #[error("{0}")]
    Input(String),
}

impl Blamed for MarketError {
    fn blame(&self) -> Blame {
        match self {
            MarketError::Data(e) => e.blame(),
            MarketError::Input(_) => Blame::User,
        }
    }
}

pub type Result<T> = std::result::Result<T, MarketError>;

/// Median of a non-empty slice (sorted copy); `None` when empty.
pub(crate) fn median(values: &[f64]) -> Option<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2]),
        _ => Some((v[n / 2 - 1] + v[n / 2]) / 2.0),
    }
}
