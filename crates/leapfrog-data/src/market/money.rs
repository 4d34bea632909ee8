//! Currency conversion and restating dollars of one year in another (U.S. CPI-U).

use super::schema::{FxRate, Project};
use crate::dataset::Dataset;
use crate::error::DataError;

impl Dataset {
    pub fn fx(&self, currency: &str, year: i32) -> Option<&FxRate> {
        self.fx_rates
            .iter()
            .find(|f| f.currency == currency && f.year == year)
    }

    pub fn cpi(&self, year: i32) -> Option<f64> {
        self.price_indices
            .iter()
            .find(|p| p.year == year)
            .map(|p| p.cpi_u)
    }

    /// Converts an amount of `currency` in `year` to U.S. dollars at that year's average rate.
    pub fn to_usd(&self, amount: f64, currency: &str, year: i32) -> Result<f64, DataError> {
        if currency == "USD" {
            return Ok(amount);
        }
        self.fx(currency, year)
            .map(|f| amount * f.usd_per_unit())
            .ok_or_else(|| DataError::Lookup(format!("no fx_rate for {currency} in {year}")))
    }

    /// Restates dollars of `from_year` in dollars of `to_year` with the CPI-U ratio.
    pub fn restate_usd(&self, usd: f64, from_year: i32, to_year: i32) -> Result<f64, DataError> {
        if from_year == to_year {
            return Ok(usd);
        }
        let missing = |y: i32| DataError::Lookup(format!("no price_index (CPI-U) for {y}"));
        let from = self.cpi(from_year).ok_or_else(|| missing(from_year))?;
        let to = self.cpi(to_year).ok_or_else(|| missing(to_year))?;
        Ok(usd * to / from)
    }

    /// A project's investment in millions of U.S. dollars: converted at the announcement
    /// year's exchange rate, then restated in dollars of `usd_year` if one is given.
    pub fn project_investment_musd(
        &self,
        p: &Project,
        usd_year: Option<i32>,
    ) -> Result<Option<f64>, DataError> {
        let Some(amount) = p.investment_millions else {
            return Ok(None);
        };
        let currency = p.currency.as_deref().unwrap_or("USD");
        let nominal = self.to_usd(amount, currency, p.announced_year)?;
        match usd_year {
            Some(y) => self.restate_usd(nominal, p.announced_year, y).map(Some),
            None => Ok(Some(nominal)),
        }
    }
}
