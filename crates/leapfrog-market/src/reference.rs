//! The market layer's harness for the reference zoo (`data/references.toml`, layer `market`):
//! `set.*` quantities are statistics of a project set's capex, `project.*` ones a single
//! project's, all in nominal dollars at the announcement year's exchange rate.

use crate::capex::{capex_rows, summarize, CapexFilter};
use crate::{MarketError, Result};
use leapfrog_data::{Dataset, ReferenceCase};

/// The model's value for a market reference record.
pub fn evaluate(data: &Dataset, r: &ReferenceCase) -> Result<f64> {
    let missing = || {
        MarketError::Input(format!(
            "reference `{}`: the market layer has no quantity `{}` for case `{}`",
            r.id, r.quantity, r.case
        ))
    };
    if let Some(q) = r.quantity.strip_prefix("set.") {
        let f = CapexFilter {
            set: Some(r.case.clone()),
            ..Default::default()
        };
        let (rows, _) = capex_rows(data, &f)?;
        let s = summarize(&r.case, &rows).ok_or_else(missing)?;
        return match q {
            "capacity_gwh" => Ok(s.capacity_gwh),
            "investment_musd" => Ok(s.investment_musd),
            "weighted_musd_per_gwh" => Ok(s.weighted_musd_per_gwh),
            "mean_musd_per_gwh" => Ok(s.mean_musd_per_gwh),
            _ => Err(missing()),
        };
    }
    if r.quantity == "project.musd_per_gwh" {
        let (rows, _) = capex_rows(data, &CapexFilter::default())?;
        let row = rows
            .iter()
            .find(|p| p.project == r.case)
            .ok_or_else(missing)?;
        return Ok(row.musd_per_gwh);
    }
    Err(missing())
}
