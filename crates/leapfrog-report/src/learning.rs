//! Learning curves: Wright's-law fits of price against cumulative production, projections,
//! and the published learning-rate estimates beside them.

use crate::html::{chart, src};
use crate::section::Section;
use crate::svg::{self, fmt, XY};
use crate::ReportError;
use leapfrog_data::{Dataset, LearningRateEstimate};
use leapfrog_market::learning::{self, BaseSensitivity, LearningData, Projection, WrightFit};
use maud::{html, Markup};
use serde::Serialize;
use std::fmt::Write;

#[derive(Debug, Serialize)]
pub struct LearningSection {
    pub data: LearningData,
    /// The published estimate the report leads with; the fits are shown beside it.
    pub headline: LearningRateEstimate,
    /// The fit on the years whose own volume is sourced, where there are enough of them.
    pub fit_sourced: Option<WrightFit>,
    pub points_sourced: usize,
    /// The fit on every year, interpolated volumes included.
    pub fit: WrightFit,
    pub points_interpolated: usize,
    /// The fitted rates with a third and three times the assumed production before 2014.
    pub base_sensitivity: Vec<BaseSensitivity>,
    /// Projection at twice the last cumulative volume, by the fit.
    pub projection: Projection,
    /// The same point along the headline rate from the last observed price.
    pub projection_at_headline_usd_per_kwh: f64,
    pub published: Vec<LearningRateEstimate>,
    pub source: String,
}

pub(crate) fn section(data: &Dataset, id: &str) -> Result<LearningSection, ReportError> {
    let ld = learning::learning_data(data, id)?;
    let fit = ld.fit()?;
    let missing = |e: leapfrog_data::NotFound| ReportError::Empty(e.to_string());
    let series = data
        .find::<leapfrog_data::LearningSeries>(id)
        .map_err(missing)?;
    let headline = data
        .find::<LearningRateEstimate>(&series.headline_rate)
        .map_err(missing)?
        .clone();
    let last = ld
        .points
        .last()
        .ok_or_else(|| ReportError::Empty(format!("learning series {id} has no points")))?;
    let to = 2.0 * last.cumulative_gwh;
    let projection = fit.project(to)?;
    let projection_at_headline_usd_per_kwh = learning::project_at_rate(
        last.cumulative_gwh,
        last.price_usd_per_kwh,
        headline.learning_rate,
        to,
    )?;
    let base = ld.cumulative_before_gwh;
    Ok(LearningSection {
        headline,
        fit_sourced: ld.fit_sourced().ok(),
        points_sourced: ld.points_sourced(),
        points_interpolated: ld.points_interpolated(),
        base_sensitivity: ld.base_sensitivity(&[base / 3.0, base, 3.0 * base]),
        fit,
        projection,
        projection_at_headline_usd_per_kwh,
        published: data.learning_rates.clone(),
        source: series.source.clone(),
        data: ld,
    })
}

impl LearningSection {
    /// Why the fit and the published estimates differ, in figures computed here.
    pub fn gap_explanation(&self) -> String {
        let pct = |r: f64| format!("{:.1}%", 100.0 * r);
        let (lo, hi) = self
            .published
            .iter()
            .map(|e| e.learning_rate)
            .fold((f64::INFINITY, 0.0f64), |(lo, hi), r| {
                (lo.min(r), hi.max(r))
            });
        let sourced = self.fit_sourced.as_ref().map_or(
            format!(
                "no fit on the {} sourced volumes alone",
                self.points_sourced
            ),
            |f| {
                format!(
                    "{} on the {} years whose volume is sourced",
                    pct(f.learning_rate),
                    self.points_sourced
                )
            },
        );
        let moved: Vec<String> = self
            .base_sensitivity
            .iter()
            .filter(|s| s.cumulative_before_gwh != self.data.cumulative_before_gwh)
            .map(|s| {
                format!(
                    "{} with {} GWh",
                    s.learning_rate_with_interpolated
                        .map_or("no fit".into(), pct),
                    fmt(s.cumulative_before_gwh)
                )
            })
            .collect();
        format!(
            "The fit gives {} on all {} years ({} with interpolated volumes) and {sourced}, against published estimates of {}-{}. \
             The slope depends on the production assumed before {} ({} GWh, {}): {}. \
             Prices here are pack prices and the series is short; the headline uses the published {} ({}).",
            pct(self.fit.learning_rate),
            self.fit.points,
            self.points_interpolated,
            pct(lo),
            pct(hi),
            self.data.points.first().map_or(0, |p| p.year),
            fmt(self.data.cumulative_before_gwh),
            self.data.cumulative_before_source,
            moved.join(", "),
            pct(self.headline.learning_rate),
            self.headline.source
        )
    }
}

impl Section for Vec<LearningSection> {
    fn json(&self) -> &dyn erased_serde::Serialize {
        self
    }

    fn key(&self) -> &'static str {
        "learning"
    }

    fn group(&self) -> &'static str {
        "market"
    }

    fn html(&self) -> Markup {
        html! {
            @for l in self {
                (html(l))
            }
        }
    }

    fn markdown(&self, m: &mut String) {
        for l in self {
            let f = &l.fit;
            let _ = write!(m, "\n## Learning curve: {}\n\nHeadline learning rate {:.1}% per doubling ({}; {}).\n\nFit: b = {:.3} ± {:.3}, learning rate {:.1}% ± {:.1}%, R² = {:.3}, {} points ({} with interpolated volumes; {} US$). Source: {}.\n\n{}\n",
            l.data.title, 100.0 * l.headline.learning_rate, l.headline.scope, l.headline.source, f.exponent_b, f.exponent_stderr, 100.0 * f.learning_rate, 100.0 * f.learning_rate_stderr, f.r_squared, f.points, l.points_interpolated, l.data.dollar_year, l.source, l.gap_explanation());
        }
    }
}

fn html(l: &LearningSection) -> Markup {
    let f = &l.fit;
    let points: Vec<XY> = l
        .data
        .points
        .iter()
        .map(|p| XY {
            x: p.cumulative_gwh,
            y: p.price_usd_per_kwh,
            label: format!(
                "{}: {} GWh, {} $/kWh",
                p.year,
                fmt(p.cumulative_gwh),
                fmt(p.price_usd_per_kwh)
            ),
            hollow: p.volume_assumed,
        })
        .collect();
    let projection = &l.projection;
    html! {
        h2 { "Learning curve: " (l.data.title) }
        p {
            "Headline learning rate: " b { (format!("{:.1}%", 100.0 * l.headline.learning_rate)) }
            " per doubling of cumulative output (" (l.headline.scope) ", " (src(&l.headline.source)) "). "
            (l.gap_explanation())
        }
        p.note {
            "Wright's law C = C1\u{b7}Q" sup { "-b" } ", least squares in log-log space; prices in "
            (l.data.dollar_year) " US$ (CPI-U). Hollow points use an interpolated volume (an assumption). Source of the pairing: "
            (src(&l.source)) "."
        }
        (chart(svg::loglog(
            "Price against cumulative production",
            "cumulative production, GWh",
            "US$/kWh",
            &points,
            &|q| f.predict(q),
        )))
        table {
            tr {
                th { "fit" } th { "points" } th { "b" } th { "learning rate" } th { "R\u{b2}" }
                th { "projection at " (fmt(projection.cumulative_gwh)) " GWh" }
            }
            @if let Some(s) = &l.fit_sourced {
                tr {
                    td { "sourced volumes only" }
                    td.n { (s.points) }
                    td.n { (format!("{:.3} \u{b1} {:.3}", s.exponent_b, s.exponent_stderr)) }
                    td.n { (format!("{:.1}% \u{b1} {:.1}%", 100.0 * s.learning_rate, 100.0 * s.learning_rate_stderr)) }
                    td.n { (format!("{:.3}", s.r_squared)) }
                    td.n { "-" }
                }
            }
            tr {
                td { "with interpolated volumes" }
                td.n { (f.points) }
                td.n { (format!("{:.3} \u{b1} {:.3}", f.exponent_b, f.exponent_stderr)) }
                td.n { (format!("{:.1}% \u{b1} {:.1}%", 100.0 * f.learning_rate, 100.0 * f.learning_rate_stderr)) }
                td.n { (format!("{:.3}", f.r_squared)) }
                td.n {
                    (fmt(projection.price_usd_per_kwh)) " $/kWh (95%: " (fmt(projection.low_usd_per_kwh))
                    "-" (fmt(projection.high_usd_per_kwh)) ")"
                }
            }
            tr {
                td { "headline rate from the last price" }
                td.n { "-" } td.n { "-" }
                td.n { (format!("{:.1}%", 100.0 * l.headline.learning_rate)) }
                td.n { "-" }
                td.n { (fmt(l.projection_at_headline_usd_per_kwh)) " $/kWh" }
            }
        }
        h3 { "Published learning-rate estimates" }
        table {
            tr { th { "scope" } th { "learning rate" } th { "period" } th { "source" } }
            @for e in &l.published {
                tr {
                    td { (e.scope) }
                    td.n {
                        (format!("{:.1}%", 100.0 * e.learning_rate))
                        @if let Some(se) = e.learning_rate_stderr {
                            (format!(" \u{b1} {:.1}%", 100.0 * se))
                        }
                    }
                    td { (e.period.as_deref().unwrap_or("-")) }
                    td { (src(&e.source)) }
                }
            }
        }
    }
}
