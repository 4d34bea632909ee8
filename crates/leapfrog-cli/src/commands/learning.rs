use crate::options;
use crate::output::{emit, num, Format, InputError, OutputArgs, Table};
use leapfrog_data::{Dataset, LearningRateEstimate, LearningSeries};
use leapfrog_market::learning::{learning_data, project_at_rate, LearningData, WrightFit};
use serde_json::{json, Value};
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    /// Learning series id (see `leapfrog data list learning_series`); default: the first.
    #[arg(long)]
    series: Option<String>,
    /// Project the price to this cumulative production (GWh).
    #[arg(long, value_name = "GWH", allow_negative_numbers = true, value_parser = options::within(options::CUMULATIVE_GWH))]
    project_to: Option<f64>,
    /// Learning rate per doubling for the projection; default: the series' published
    /// headline rate.
    #[arg(long, allow_negative_numbers = true, value_parser = options::within(options::LEARNING_RATE))]
    learning_rate: Option<f64>,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(dir: Option<&Path>, a: Args) -> crate::Result {
    let data = super::load(dir)?;
    let id = match &a.series {
        Some(s) => options::canonical::<LearningSeries>(&data, "--series", s)?,
        None => data
            .learning_series
            .first()
            .map(|l| l.id.clone())
            .ok_or_else(|| InputError("the dataset has no learning series".into()))?,
    };
    let ld = learning_data(&data, &id)?;
    let all = ld.fit()?;
    let sourced = ld.fit_sourced();
    let headline = headline_rate(&data, &id)?;
    let rate = a.learning_rate.unwrap_or(headline.learning_rate);
    let projection = a
        .project_to
        .map(|q| projection(&ld, &all, rate, a.learning_rate.is_some(), &headline.id, q))
        .transpose()?;
    if a.output.format == Format::Table {
        print_summary(
            &ld,
            &all,
            sourced.as_ref().ok(),
            headline,
            projection.as_ref(),
        );
    }
    let bases = [
        ld.cumulative_before_gwh / 3.0,
        ld.cumulative_before_gwh,
        3.0 * ld.cumulative_before_gwh,
    ];
    let mut out = json!({
        "series": id,
        "data": ld,
        "headline": headline,
        "fit_with_interpolated": with_count(&all, "points_interpolated", ld.points_interpolated()),
        "base_sensitivity": ld.base_sensitivity(&bases),
        "projection": projection,
        "published_estimates": data.learning_rates,
    });
    match &sourced {
        Ok(f) => out["fit"] = with_count(f, "points_sourced", ld.points_sourced()),
        Err(e) => {
            out["fit"] = Value::Null;
            out["fit_reason"] = json!(format!(
                "{} of {} points have a sourced volume: {e}",
                ld.points_sourced(),
                ld.points.len()
            ));
        }
    }
    if a.project_to.is_none() {
        out["projection_reason"] = json!("no projection was asked for (--project-to GWH)");
    }
    emit(a.output.format, &points_table(&ld, &all), &out)
}

fn headline_rate<'a>(data: &'a Dataset, series: &str) -> crate::Result<&'a LearningRateEstimate> {
    let id = data
        .learning_series(series)
        .map(|l| l.headline_rate.as_str())
        .unwrap_or_default();
    Ok(data.find::<LearningRateEstimate>(id)?)
}

fn with_count(fit: &WrightFit, key: &str, n: usize) -> Value {
    let mut v = json!(fit);
    v[key] = json!(n);
    v
}

/// The projection along the chosen rate from the series' last point, with the fit's own
/// projection beside it.
fn projection(
    ld: &LearningData,
    fit: &WrightFit,
    rate: f64,
    from_option: bool,
    headline: &str,
    to_gwh: f64,
) -> crate::Result<Value> {
    let last = ld
        .points
        .last()
        .ok_or_else(|| InputError(format!("learning series {} has no points", ld.series)))?;
    let price = project_at_rate(last.cumulative_gwh, last.price_usd_per_kwh, rate, to_gwh)?;
    let by_fit = fit.project(to_gwh)?;
    Ok(json!({
        "cumulative_gwh": to_gwh,
        "learning_rate": rate,
        "learning_rate_from": if from_option { "--learning-rate".to_string() } else { headline.to_string() },
        "from_year": last.year,
        "price_usd_per_kwh": price,
        "fit": by_fit,
    }))
}

fn print_summary(
    ld: &LearningData,
    all: &WrightFit,
    sourced: Option<&WrightFit>,
    headline: &LearningRateEstimate,
    projection: Option<&Value>,
) {
    crate::outln!("{} (US$ of {})", ld.title, ld.dollar_year);
    crate::outln!(
        "Headline learning rate {:.1}% per doubling: {} ({})",
        100.0 * headline.learning_rate,
        headline.scope,
        headline.source
    );
    match sourced {
        Some(f) => crate::outln!(
            "Fit on the {} years whose own volume is sourced (their cumulative totals still add the interpolated years between): {:.1}% ± {:.1}% per doubling, R² = {:.3}",
            ld.points_sourced(),
            100.0 * f.learning_rate,
            100.0 * f.learning_rate_stderr,
            f.r_squared
        ),
        None => crate::outln!(
            "No fit on sourced volumes alone: {} of {} points have one",
            ld.points_sourced(),
            ld.points.len()
        ),
    }
    crate::outln!(
        "Fit with the {} interpolated volumes too: b = {:.3} ± {:.3}, {:.1}% ± {:.1}% per doubling, R² = {:.3}, n = {}",
        ld.points_interpolated(),
        all.exponent_b,
        all.exponent_stderr,
        100.0 * all.learning_rate,
        100.0 * all.learning_rate_stderr,
        all.r_squared,
        all.points
    );
    crate::outln!(
        "Both fits assume {} GWh produced before the series starts ({}); {}",
        num(ld.cumulative_before_gwh),
        ld.cumulative_before_source,
        sensitivity_words(ld)
    );
    if let Some(p) = projection {
        let f = &p["fit"];
        crate::outln!(
            "At {} GWh cumulative: {} $/kWh at {:.1}% per doubling from {} (the fit: {}, 95% {}-{})",
            num(p["cumulative_gwh"].as_f64().unwrap_or_default()),
            num(p["price_usd_per_kwh"].as_f64().unwrap_or_default()),
            100.0 * p["learning_rate"].as_f64().unwrap_or_default(),
            p["from_year"],
            num(f["price_usd_per_kwh"].as_f64().unwrap_or_default()),
            num(f["low_usd_per_kwh"].as_f64().unwrap_or_default()),
            num(f["high_usd_per_kwh"].as_f64().unwrap_or_default())
        );
    }
}

/// "with 50 GWh: 24.1% (sourced) and 22.3%; with 450 GWh: ..." for a third and three times
/// the assumed base.
fn sensitivity_words(ld: &LearningData) -> String {
    let pct = |v: Option<f64>| v.map_or("no fit".into(), |r| format!("{:.1}%", 100.0 * r));
    let bases = [
        ld.cumulative_before_gwh / 3.0,
        3.0 * ld.cumulative_before_gwh,
    ];
    ld.base_sensitivity(&bases)
        .iter()
        .map(|s| {
            format!(
                "with {} GWh: {} (sourced) and {}",
                num(s.cumulative_before_gwh),
                pct(s.learning_rate_sourced),
                pct(s.learning_rate_with_interpolated)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn points_table(ld: &LearningData, fit: &WrightFit) -> Table {
    let mut t = Table::new(&[
        "year",
        "cumulative_gwh",
        "price_usd_per_kwh",
        "fitted_usd_per_kwh",
        "volume",
    ]);
    for p in &ld.points {
        let volume = if p.volume_assumed {
            "interpolated"
        } else {
            "sourced"
        };
        t.push(vec![
            p.year.to_string(),
            num(p.cumulative_gwh),
            num(p.price_usd_per_kwh),
            num(fit.predict(p.cumulative_gwh)),
            volume.into(),
        ]);
    }
    t
}
