//! Learning curves: Wright's-law fits of price against cumulative production, projections,
//! and the published learning-rate estimates beside them.

use crate::section::Section;
use crate::svg::{self, esc, fmt, XY};
use crate::ReportError;
use leapfrog_data::{Dataset, LearningRateEstimate};
use leapfrog_market::learning::{self, LearningData, Projection, WrightFit};
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

    fn html(&self, h: &mut String, src: &dyn Fn(&str) -> String) {
        for l in self {
            html(l, h, src);
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

fn html(l: &LearningSection, h: &mut String, src: &dyn Fn(&str) -> String) {
    let f = &l.fit;
    let _ = write!(h, "<h2>Learning curve: {}</h2><p class=\"note\">Wright's law C = C1&middot;Q<sup>-b</sup>, least squares in log-log space; prices in {} US$ (CPI-U). Hollow points use an interpolated volume (an assumption). Source of the pairing: {}.</p>",
        esc(&l.data.title), l.data.dollar_year, src(&l.source));
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
    h.push_str(&svg::loglog(
        "Price against cumulative production",
        "cumulative production, GWh",
        "US$/kWh",
        &points,
        &|q| f.predict(q),
    ));
    let _ = write!(h, "<table><tr><th>points</th><th>b</th><th>learning rate</th><th>R&sup2;</th><th>projection at {} GWh</th></tr><tr><td class=n>{}</td><td class=n>{:.3} &plusmn; {:.3}</td><td class=n>{:.1}% &plusmn; {:.1}%</td><td class=n>{:.3}</td><td class=n>{} $/kWh (95%: {}-{})</td></tr></table>",
        fmt(l.projection.cumulative_gwh), f.points, f.exponent_b, f.exponent_stderr, 100.0 * f.learning_rate, 100.0 * f.learning_rate_stderr, f.r_squared,
        fmt(l.projection.price_usd_per_kwh), fmt(l.projection.low_usd_per_kwh), fmt(l.projection.high_usd_per_kwh));
    h.push_str("<h3>Published learning-rate estimates</h3><table><tr><th>scope</th><th>learning rate</th><th>period</th><th>source</th></tr>");
    for e in &l.published {
        let se = e
            .learning_rate_stderr
            .map_or(String::new(), |s| format!(" &plusmn; {:.1}%", 100.0 * s));
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=n>{:.1}%{}</td><td>{}</td><td>{}</td></tr>",
            esc(&e.scope),
            100.0 * e.learning_rate,
            se,
            esc(e.period.as_deref().unwrap_or("-")),
            src(&e.source)
        );
    }
    h.push_str("</table>");
}
