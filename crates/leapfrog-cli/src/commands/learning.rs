use crate::options;
use crate::output::{emit, num, Format, InputError, OutputArgs, Table};
use leapfrog_data::LearningSeries;
use leapfrog_market::learning::learning_data;
use serde_json::json;
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    /// Learning series id (see `leapfrog data list learning_series`); default: the first.
    #[arg(long)]
    series: Option<String>,
    /// Project the fitted curve to this cumulative production (GWh).
    #[arg(long, value_name = "GWH", allow_negative_numbers = true, value_parser = options::within(options::CUMULATIVE_GWH))]
    project_to: Option<f64>,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(dir: Option<&Path>, a: Args) -> crate::Result {
    let data = super::load(dir)?;
    let id = match a.series {
        Some(s) => options::canonical::<LearningSeries>(&data, "--series", &s)?,
        None => data
            .learning_series
            .first()
            .map(|l| l.id.clone())
            .ok_or_else(|| InputError("the dataset has no learning series".into()))?,
    };
    let ld = learning_data(&data, &id)?;
    let fit = ld.fit()?;
    let projection = a.project_to.map(|q| fit.project(q)).transpose()?;
    let mut t = Table::new(&[
        "year",
        "cumulative_gwh",
        "price_usd_per_kwh",
        "fitted_usd_per_kwh",
        "volume",
    ]);
    for p in &ld.points {
        let volume = if p.volume_assumed {
            "assumed"
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
    if a.output.format == Format::Table {
        crate::outln!("{} (US$ of {})", ld.title, ld.dollar_year);
        crate::outln!(
            "Wright's law: b = {:.3} ± {:.3}, learning rate {:.1}% ± {:.1}% per doubling, R² = {:.3}, n = {}",
            fit.exponent_b, fit.exponent_stderr, 100.0 * fit.learning_rate, 100.0 * fit.learning_rate_stderr, fit.r_squared, fit.points
        );
        if let Some(p) = &projection {
            crate::outln!(
                "At {} GWh cumulative: {} $/kWh (95% prediction interval {}-{})",
                num(p.cumulative_gwh),
                num(p.price_usd_per_kwh),
                num(p.low_usd_per_kwh),
                num(p.high_usd_per_kwh)
            );
        }
    }
    let published: Vec<_> = data.learning_rates.iter().collect();
    let mut json = json!({ "series": id, "data": ld, "fit": fit, "projection": projection, "published_estimates": published });
    if projection.is_none() {
        json["projection_reason"] = json!("no projection was asked for (--project-to GWH)");
    }
    emit(a.output.format, &t, &json)
}
