//! Wright's law, C(Q) = C1 * Q^-b: log-log least-squares fits and projections.

use crate::{MarketError, Result};
use leapfrog_data::Dataset;
use serde::Serialize;

/// Learning rate (fractional cost fall per doubling) from the Wright exponent b.
pub fn learning_rate(exponent_b: f64) -> f64 {
    1.0 - 2f64.powf(-exponent_b)
}

/// Wright exponent b from a learning rate in [0, 1).
pub fn exponent(learning_rate: f64) -> f64 {
    -(1.0 - learning_rate).log2()
}

#[derive(Debug, Clone, Serialize)]
pub struct WrightFit {
    pub points: usize,
    /// b in C = C1 * Q^-b (positive when costs fall).
    pub exponent_b: f64,
    pub exponent_stderr: f64,
    pub learning_rate: f64,
    pub learning_rate_stderr: f64,
    pub r_squared: f64,
    /// ln C at Q = 1 GWh.
    pub intercept_ln: f64,
    /// Residual standard deviation in ln C.
    pub residual_sd_ln: f64,
    mean_ln_q: f64,
    sxx: f64,
}

/// Ordinary least squares of ln(price) on ln(cumulative volume).
pub fn fit(cumulative: &[f64], price: &[f64]) -> Result<WrightFit> {
    let n = cumulative.len();
    if n != price.len() || n < 3 {
        return Err(MarketError::Input(format!(
            "a fit needs at least 3 (volume, price) pairs, got {n}"
        )));
    }
    if cumulative
        .iter()
        .chain(price)
        .any(|v| !(v.is_finite() && *v > 0.0))
    {
        return Err(MarketError::Input(
            "volumes and prices must be finite and > 0".into(),
        ));
    }
    let x: Vec<f64> = cumulative.iter().map(|v| v.ln()).collect();
    let y: Vec<f64> = price.iter().map(|v| v.ln()).collect();
    let (mx, my) = (mean(&x), mean(&y));
    let sxx: f64 = x.iter().map(|xi| (xi - mx).powi(2)).sum();
    if sxx <= 0.0 {
        return Err(MarketError::Input("cumulative volumes do not vary".into()));
    }
    let sxy: f64 = x.iter().zip(&y).map(|(xi, yi)| (xi - mx) * (yi - my)).sum();
    let slope = sxy / sxx;
    let intercept = my - slope * mx;
    let sse: f64 = x
        .iter()
        .zip(&y)
        .map(|(xi, yi)| (yi - intercept - slope * xi).powi(2))
        .sum();
    let sst: f64 = y.iter().map(|yi| (yi - my).powi(2)).sum();
    let s2 = sse / (n as f64 - 2.0);
    let slope_se = (s2 / sxx).sqrt();
    let b = -slope;
    Ok(WrightFit {
        points: n,
        exponent_b: b,
        exponent_stderr: slope_se,
        learning_rate: learning_rate(b),
        learning_rate_stderr: std::f64::consts::LN_2 * 2f64.powf(-b) * slope_se,
        r_squared: if sst > 0.0 { 1.0 - sse / sst } else { 1.0 },
        intercept_ln: intercept,
        residual_sd_ln: s2.sqrt(),
        mean_ln_q: mx,
        sxx,
    })
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

#[derive(Debug, Clone, Serialize)]
pub struct Projection {
    pub cumulative_gwh: f64,
    pub price_usd_per_kwh: f64,
    /// Approximate 95% prediction interval (±1.96 standard errors of a new point, in ln C).
    pub low_usd_per_kwh: f64,
    pub high_usd_per_kwh: f64,
}

impl WrightFit {
    pub fn predict(&self, cumulative_gwh: f64) -> f64 {
        (self.intercept_ln - self.exponent_b * cumulative_gwh.ln()).exp()
    }

    pub fn project(&self, cumulative_gwh: f64) -> Result<Projection> {
        if !(cumulative_gwh.is_finite() && cumulative_gwh > 0.0) {
            return Err(MarketError::Input(format!(
                "cumulative volume must be > 0 GWh, got {cumulative_gwh}"
            )));
        }
        let x0 = cumulative_gwh.ln();
        let n = self.points as f64;
        let se =
            self.residual_sd_ln * (1.0 + 1.0 / n + (x0 - self.mean_ln_q).powi(2) / self.sxx).sqrt();
        let centre = self.predict(cumulative_gwh);
        Ok(Projection {
            cumulative_gwh,
            price_usd_per_kwh: centre,
            low_usd_per_kwh: centre * (-1.96 * se).exp(),
            high_usd_per_kwh: centre * (1.96 * se).exp(),
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct LearningPoint {
    pub year: i32,
    pub cumulative_gwh: f64,
    pub price_usd_per_kwh: f64,
    /// True when that year's volume is an interpolation, not a sourced figure.
    pub volume_assumed: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct LearningData {
    pub series: String,
    pub title: String,
    pub dollar_year: i32,
    pub points: Vec<LearningPoint>,
    /// Price years left out because the volume series does not cover them.
    pub skipped_years: Vec<i32>,
    /// Cumulative production before the volume series' first year, and its source.
    pub cumulative_before_gwh: f64,
    pub cumulative_before_source: String,
}

/// Pairs a learning series' prices (restated to its dollar year) with cumulative volume.
pub fn learning_data(data: &Dataset, series_id: &str) -> Result<LearningData> {
    let missing = |what: &str, id: &str| MarketError::Input(format!("no {what} `{id}`"));
    let ls = data
        .learning_series(series_id)
        .ok_or_else(|| missing("learning series", series_id))?;
    let prices = data
        .price_series(&ls.price_series)
        .ok_or_else(|| missing("price series", &ls.price_series))?;
    let volume = data
        .volume_series(&ls.volume_series)
        .ok_or_else(|| missing("volume series", &ls.volume_series))?;
    let mut cumulative = volume.cumulative_before_gwh;
    let cum_by_year: Vec<(i32, f64, bool)> = volume
        .points
        .iter()
        .map(|p| {
            cumulative += p.gwh;
            (
                p.year,
                cumulative,
                p.source.as_deref() == Some("assumption"),
            )
        })
        .collect();
    let mut points = Vec::new();
    let mut skipped = Vec::new();
    for p in &prices.points {
        match cum_by_year.iter().find(|(y, _, _)| *y == p.year) {
            Some((_, cum, assumed)) => {
                let from = p.dollar_year.unwrap_or(p.year);
                points.push(LearningPoint {
                    year: p.year,
                    cumulative_gwh: *cum,
                    price_usd_per_kwh: data.restate_usd(p.usd_per_kwh, from, ls.dollar_year)?,
                    volume_assumed: *assumed,
                });
            }
            None => skipped.push(p.year),
        }
    }
    Ok(LearningData {
        series: ls.id.clone(),
        title: ls.title.clone(),
        dollar_year: ls.dollar_year,
        points,
        skipped_years: skipped,
        cumulative_before_gwh: volume.cumulative_before_gwh,
        cumulative_before_source: volume.cumulative_before_source.clone(),
    })
}

impl LearningData {
    /// The fit on every point, sourced and interpolated volumes alike.
    pub fn fit(&self) -> Result<WrightFit> {
        self.fit_where(|_| true)
    }

    /// The fit on the points whose year's volume is sourced, not interpolated.
    pub fn fit_sourced(&self) -> Result<WrightFit> {
        self.fit_where(|p| !p.volume_assumed)
    }

    fn fit_where(&self, keep: impl Fn(&LearningPoint) -> bool) -> Result<WrightFit> {
        let kept = self.points.iter().filter(|p| keep(p));
        let (q, c): (Vec<f64>, Vec<f64>) = kept
            .map(|p| (p.cumulative_gwh, p.price_usd_per_kwh))
            .unzip();
        fit(&q, &c)
    }

    pub fn points_sourced(&self) -> usize {
        self.points.iter().filter(|p| !p.volume_assumed).count()
    }

    pub fn points_interpolated(&self) -> usize {
        self.points.len() - self.points_sourced()
    }

    /// The same series with another cumulative production before its first year.
    pub fn with_cumulative_before(&self, gwh: f64) -> LearningData {
        let shift = gwh - self.cumulative_before_gwh;
        let mut moved = self.clone();
        for p in &mut moved.points {
            p.cumulative_gwh += shift;
        }
        moved.cumulative_before_gwh = gwh;
        moved
    }

    /// How the fitted rates move with the production assumed before the series starts: the
    /// rate is the slope against log cumulative volume, so the base decides it when the
    /// series is short.
    pub fn base_sensitivity(&self, bases_gwh: &[f64]) -> Vec<BaseSensitivity> {
        bases_gwh
            .iter()
            .map(|&b| {
                let moved = self.with_cumulative_before(b);
                BaseSensitivity {
                    cumulative_before_gwh: b,
                    learning_rate_sourced: moved.fit_sourced().ok().map(|f| f.learning_rate),
                    learning_rate_with_interpolated: moved.fit().ok().map(|f| f.learning_rate),
                }
            })
            .collect()
    }
}

/// The fitted learning rates had the cumulative production before the series been `gwh`.
#[derive(Debug, Clone, Serialize)]
pub struct BaseSensitivity {
    pub cumulative_before_gwh: f64,
    pub learning_rate_sourced: Option<f64>,
    pub learning_rate_with_interpolated: Option<f64>,
}

/// Prices from `price_usd_per_kwh` at `cumulative_gwh` onward along a given learning rate.
pub fn project_at_rate(
    cumulative_gwh: f64,
    price_usd_per_kwh: f64,
    learning_rate: f64,
    to_cumulative_gwh: f64,
) -> Result<f64> {
    if !(to_cumulative_gwh.is_finite() && to_cumulative_gwh > 0.0) {
        return Err(MarketError::Input(format!(
            "cumulative volume must be > 0 GWh, got {to_cumulative_gwh}"
        )));
    }
    let b = exponent(learning_rate);
    Ok(price_usd_per_kwh * (to_cumulative_gwh / cumulative_gwh).powf(-b))
}
