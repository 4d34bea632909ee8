use crate::options;
use crate::output::{emit, num, InputError, OutputArgs, Table};
use leapfrog_data::LearningRateEstimate;
use leapfrog_market::catchup::{catch_up, CatchUp, Producer};
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    /// Incumbent's cumulative production so far, GWh.
    #[arg(long, allow_negative_numbers = true, value_parser = options::within(options::CUMULATIVE_GWH))]
    incumbent_gwh: f64,
    /// Incumbent's cost today, $/kWh.
    #[arg(long, allow_negative_numbers = true, value_parser = options::within(options::COST_USD_PER_KWH))]
    incumbent_cost: f64,
    /// Incumbent's learning rate per doubling (e.g. 0.2); default: the published headline rate
    /// of the first learning series in the data.
    #[arg(long, allow_negative_numbers = true, value_parser = options::within(options::LEARNING_RATE))]
    incumbent_lr: Option<f64>,
    /// Incumbent's production from now on, GWh per year.
    #[arg(long, allow_negative_numbers = true, value_parser = options::within(options::BUILD_GWH_PER_YEAR))]
    incumbent_rate: f64,
    /// Entrant's cumulative production so far, GWh.
    #[arg(long, allow_negative_numbers = true, value_parser = options::within(options::CUMULATIVE_GWH))]
    entrant_gwh: f64,
    /// Entrant's cost today, $/kWh.
    #[arg(long, allow_negative_numbers = true, value_parser = options::within(options::COST_USD_PER_KWH))]
    entrant_cost: f64,
    /// Entrant's learning rate per doubling; default as --incumbent-lr.
    #[arg(long, allow_negative_numbers = true, value_parser = options::within(options::LEARNING_RATE))]
    entrant_lr: Option<f64>,
    /// Entrant's production from now on, GWh per year.
    #[arg(long, allow_negative_numbers = true, value_parser = options::within(options::BUILD_GWH_PER_YEAR))]
    entrant_rate: f64,
    /// Bought materials per kWh, the same for both and untouched by learning (experience lowers
    /// only the rest); default: the factory layer's cell materials for --chemistry at the
    /// policy model's price basis. 0 puts the whole cost on the learning curve.
    #[arg(long, allow_negative_numbers = true, value_parser = options::within(options::COST_USD_PER_KWH_OR_ZERO))]
    materials_usd_per_kwh: Option<f64>,
    /// The chemistry whose materials are the default (a couple id).
    #[arg(long, default_value = "LFP-G")]
    chemistry: String,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(dir: Option<&Path>, a: Args) -> crate::Result {
    let default_rate = match (a.incumbent_lr, a.entrant_lr) {
        (Some(_), Some(_)) => None,
        _ => Some(headline_rate(dir)?),
    };
    let rate_of = |given: Option<f64>| match (given, &default_rate) {
        (Some(r), _) => (r, "option".to_string()),
        (None, Some(h)) => (h.learning_rate, h.id.clone()),
        (None, None) => unreachable!("a default is loaded whenever a rate is missing"),
    };
    let (incumbent_lr, incumbent_lr_from) = rate_of(a.incumbent_lr);
    let (entrant_lr, entrant_lr_from) = rate_of(a.entrant_lr);
    let incumbent = Producer {
        cumulative_gwh: a.incumbent_gwh,
        cost_usd_per_kwh: a.incumbent_cost,
        learning_rate: incumbent_lr,
        build_gwh_per_year: a.incumbent_rate,
    };
    let entrant = Producer {
        cumulative_gwh: a.entrant_gwh,
        cost_usd_per_kwh: a.entrant_cost,
        learning_rate: entrant_lr,
        build_gwh_per_year: a.entrant_rate,
    };
    let (materials, materials_from) = match a.materials_usd_per_kwh {
        Some(m) => (m, "option".to_string()),
        None => default_materials(dir, &a.chemistry)?,
    };
    let r = catch_up(incumbent, entrant, materials)?;
    let mut t = Table::new(&["quantity", "value"]);
    let static_gwh = r.static_added_gwh.map_or("never (no learning)".into(), num);
    t.push(vec![
        "entrant output to reach incumbent's cost of today (GWh)".into(),
        static_gwh,
    ]);
    match &r.result {
        CatchUp::AlreadyThere => t.push(vec![
            "outcome".into(),
            "entrant already at or below incumbent's cost".into(),
        ]),
        CatchUp::Reached {
            years,
            entrant_added_gwh,
            entrant_cumulative_gwh,
            incumbent_cumulative_gwh,
            cost_usd_per_kwh,
        } => {
            t.push(vec!["outcome".into(), "costs meet".into()]);
            t.push(vec!["years at these build rates".into(), num(*years)]);
            t.push(vec![
                "entrant output needed (GWh)".into(),
                num(*entrant_added_gwh),
            ]);
            t.push(vec![
                "entrant cumulative then (GWh)".into(),
                num(*entrant_cumulative_gwh),
            ]);
            t.push(vec![
                "incumbent cumulative then (GWh)".into(),
                num(*incumbent_cumulative_gwh),
            ]);
            t.push(vec![
                "cost where they meet ($/kWh)".into(),
                num(*cost_usd_per_kwh),
            ]);
        }
        CatchUp::Never {
            reason,
            closest_cost_ratio,
        } => {
            t.push(vec!["outcome".into(), format!("never: {reason}")]);
            t.push(vec![
                "closest entrant/incumbent cost ratio".into(),
                num(*closest_cost_ratio),
            ]);
        }
    }
    t.push(vec![
        "materials, not learning ($/kWh)".into(),
        format!("{} ({materials_from})", num(materials)),
    ]);
    t.push(vec![
        "learning rates (incumbent, entrant)".into(),
        format!(
            "{} ({incumbent_lr_from}), {} ({entrant_lr_from})",
            num(incumbent_lr),
            num(entrant_lr)
        ),
    ]);
    let mut out = serde_json::json!(r);
    out["learning_rates_from"] =
        serde_json::json!({ "incumbent": incumbent_lr_from, "entrant": entrant_lr_from });
    out["materials_from"] = serde_json::json!(materials_from);
    emit(a.output.format, &t, &out)
}

/// The factory layer's cell materials per kWh for `chemistry`'s reference design at the policy
/// model's price basis (the one materials figure the layers share), and where it came from.
fn default_materials(dir: Option<&Path>, chemistry: &str) -> crate::Result<(f64, String)> {
    let data = super::load(dir)?;
    let chemistry = options::canonical::<leapfrog_data::Couple>(&data, "--chemistry", chemistry)?;
    let basis = data
        .policy_settings
        .first()
        .map(|s| s.price_basis.clone())
        .ok_or_else(|| {
            InputError("the data have no policy_settings to take a price basis from".into())
        })?;
    let request = leapfrog_cell::DesignRequest::reference_for(&data, &chemistry)?;
    let chem = leapfrog_cell::Chemistry::load(&data, &request)?;
    let design = chem.solve(&request.inputs)?;
    let factory = leapfrog_factory::Factory::load(&data, leapfrog_factory::DEFAULT_COST_MODEL)?;
    let options = leapfrog_factory::PlantOptions {
        plant_gwh_per_yr: data
            .policy_settings
            .first()
            .map_or(20.0, |s| s.reference_plant_gwh_per_yr),
        region: Some("CN".into()),
        processes: Vec::new(),
        price_basis: Some(basis.clone()),
    };
    let cost = factory.evaluate(&factory.prepare(&chem, &options)?, &design);
    Ok((
        leapfrog_factory::cell_materials_usd_per_kwh(&cost, &design),
        format!("{chemistry} cell materials at {basis}, factory layer"),
    ))
}

/// The published headline rate of the first learning series: the sourced default.
fn headline_rate(dir: Option<&Path>) -> crate::Result<LearningRateEstimate> {
    let data = super::load(dir)?;
    let series = data
        .learning_series
        .first()
        .ok_or_else(|| InputError("no learning series in the data to take a default learning rate from; give --incumbent-lr and --entrant-lr".into()))?;
    Ok(data
        .find::<LearningRateEstimate>(&series.headline_rate)?
        .clone())
}
