//! Learning curves: Wright's-law fits of price against cumulative production, projections,
//! and the published learning-rate estimates beside them.

use crate::html::{chart, src};
use crate::section::Section;
use crate::svg::{self, fmt, XY};
use crate::ReportError;
use leapfrog_data::{Dataset, LearningRateEstimate};
use leapfrog_market::learning::{self, LearningData, Projection, WrightFit};
use maud::{html, Markup};
use serde::Serialize;
use std::fmt::Write;

#[derive(Debug, Serialize)]
pub struct LearningSection {
    pub data: LearningData,
    pub fit: WrightFit,
    /// Projection at twice the last cumulative volume.
    pub projection: Projection,
    pub published: Vec<LearningRateEstimate>,
    pub source: String,
}

pub(crate) fn section(data: &Dataset, id: &str) -> Result<LearningSection, ReportError> {
    let ld = learning::learning_data(data, id)?;
    let fit = ld.fit()?;
    let last = ld
        .points
        .iter()
        .map(|p| p.cumulative_gwh)
        .fold(0.0, f64::max);
    let projection = fit.project(2.0 * last)?;
    let source = data
        .learning_series(id)
        .map_or(String::new(), |l| l.source.clone());
    Ok(LearningSection {
        data: ld,
        fit,
        projection,
        published: data.learning_rates.clone(),
        source,
    })
}

impl Section for Vec<LearningSection> {
    fn json(&self) -> &dyn erased_serde::Serialize {
        self
    }

    fn key(&self) -> &'static str {
        "learning"
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
            let _ = write!(m, "\n## Learning curve: {}\n\nb = {:.3} ± {:.3}, learning rate {:.1}% ± {:.1}%, R² = {:.3}, {} points ({} US$). Source: {}.\n",
            l.data.title, f.exponent_b, f.exponent_stderr, 100.0 * f.learning_rate, 100.0 * f.learning_rate_stderr, f.r_squared, f.points, l.data.dollar_year, l.source);
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
                th { "points" } th { "b" } th { "learning rate" } th { "R\u{b2}" }
                th { "projection at " (fmt(projection.cumulative_gwh)) " GWh" }
            }
            tr {
                td.n { (f.points) }
                td.n { (format!("{:.3} \u{b1} {:.3}", f.exponent_b, f.exponent_stderr)) }
                td.n { (format!("{:.1}% \u{b1} {:.1}%", 100.0 * f.learning_rate, 100.0 * f.learning_rate_stderr)) }
                td.n { (format!("{:.3}", f.r_squared)) }
                td.n {
                    (fmt(projection.price_usd_per_kwh)) " $/kWh (95%: " (fmt(projection.low_usd_per_kwh))
                    "-" (fmt(projection.high_usd_per_kwh)) ")"
                }
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
