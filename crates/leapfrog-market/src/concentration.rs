//! Concentration of a share table: Herfindahl-Hirschman index, top-n and set shares.

use crate::{MarketError, Result};
use leapfrog_data::{Dataset, ShareTable};
use serde::Serialize;

/// The key that holds an unattributed remainder; it is treated as many small holders.
pub const OTHER: &str = "other";

#[derive(Debug, Clone, Serialize)]
pub struct Concentration {
    /// Shares (fractions summing to 1), largest first.
    pub shares: Vec<(String, f64)>,
    /// HHI on the 0-10,000 scale, with `other` counted as atomistic (it adds nothing).
    pub hhi: f64,
    pub top_n: usize,
    pub top_n_share: f64,
    pub top_n_keys: Vec<String>,
    /// Share held by the chosen set of keys, if one was given.
    pub set_share: Option<f64>,
}

/// Normalises non-negative amounts to shares, largest first.
pub fn normalise(entries: &[(String, f64)]) -> Result<Vec<(String, f64)>> {
    if entries.iter().any(|(_, v)| !v.is_finite() || *v < 0.0) {
        return Err(MarketError::Input(
            "share amounts must be finite and >= 0".into(),
        ));
    }
    let total: f64 = entries.iter().map(|(_, v)| v).sum();
    if total <= 0.0 {
        return Err(MarketError::Input("share amounts sum to zero".into()));
    }
    let mut shares: Vec<(String, f64)> = entries
        .iter()
        .map(|(k, v)| (k.clone(), v / total))
        .collect();
    shares.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(shares)
}

/// HHI on the 0-10,000 scale; the `other` remainder is left out (atomistic).
pub fn hhi(shares: &[(String, f64)]) -> f64 {
    shares
        .iter()
        .filter(|(k, _)| k != OTHER)
        .map(|(_, s)| (100.0 * s).powi(2))
        .sum()
}

pub fn concentration(
    entries: &[(String, f64)],
    top_n: usize,
    set: &[String],
) -> Result<Concentration> {
    let shares = normalise(entries)?;
    let named: Vec<&(String, f64)> = shares.iter().filter(|(k, _)| k != OTHER).collect();
    let top: Vec<&(String, f64)> = named.iter().take(top_n).copied().collect();
    let set_share = (!set.is_empty()).then(|| {
        shares
            .iter()
            .filter(|(k, _)| set.iter().any(|s| s.eq_ignore_ascii_case(k)))
            .map(|(_, s)| s)
            .sum()
    });
    Ok(Concentration {
        hhi: hhi(&shares),
        top_n,
        top_n_share: top.iter().map(|(_, s)| s).sum(),
        top_n_keys: top.iter().map(|(k, _)| k.clone()).collect(),
        set_share,
        shares,
    })
}

/// Concentration of a share table from the dataset.
pub fn of_table(table: &ShareTable, top_n: usize, set: &[String]) -> Result<Concentration> {
    let entries: Vec<(String, f64)> = table
        .entries
        .iter()
        .map(|e| (e.key.clone(), e.value))
        .collect();
    concentration(&entries, top_n, set)
}

pub fn table<'a>(data: &'a Dataset, id: &str) -> Result<&'a ShareTable> {
    data.share_tables
        .iter()
        .find(|t| t.id == id)
        .ok_or_else(|| MarketError::Input(format!("no share table `{id}`")))
}
