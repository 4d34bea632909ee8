use crate::options;
use crate::output::{emit, num, OutputArgs, Table};
use leapfrog_market::catchup::{catch_up, CatchUp, Producer};

#[derive(clap::Args)]
pub struct Args {
    /// Incumbent's cumulative production so far, GWh.
    #[arg(long, allow_negative_numbers = true, value_parser = options::within(options::CUMULATIVE_GWH))]
    incumbent_gwh: f64,
    /// Incumbent's cost today, $/kWh.
    #[arg(long, allow_negative_numbers = true, value_parser = options::within(options::COST_USD_PER_KWH))]
    incumbent_cost: f64,
    /// Incumbent's learning rate per doubling (e.g. 0.2).
    #[arg(long, allow_negative_numbers = true, value_parser = options::within(options::LEARNING_RATE))]
    incumbent_lr: f64,
    /// Incumbent's production from now on, GWh per year.
    #[arg(long, allow_negative_numbers = true, value_parser = options::within(options::BUILD_GWH_PER_YEAR))]
    incumbent_rate: f64,
    /// Entrant's cumulative production so far, GWh.
    #[arg(long, allow_negative_numbers = true, value_parser = options::within(options::CUMULATIVE_GWH))]
    entrant_gwh: f64,
    /// Entrant's cost today, $/kWh.
    #[arg(long, allow_negative_numbers = true, value_parser = options::within(options::COST_USD_PER_KWH))]
    entrant_cost: f64,
    /// Entrant's learning rate per doubling.
    #[arg(long, allow_negative_numbers = true, value_parser = options::within(options::LEARNING_RATE))]
    entrant_lr: f64,
    /// Entrant's production from now on, GWh per year.
    #[arg(long, allow_negative_numbers = true, value_parser = options::within(options::BUILD_GWH_PER_YEAR))]
    entrant_rate: f64,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(a: Args) -> crate::Result {
    let incumbent = Producer {
        cumulative_gwh: a.incumbent_gwh,
        cost_usd_per_kwh: a.incumbent_cost,
        learning_rate: a.incumbent_lr,
        build_gwh_per_year: a.incumbent_rate,
    };
    let entrant = Producer {
        cumulative_gwh: a.entrant_gwh,
        cost_usd_per_kwh: a.entrant_cost,
        learning_rate: a.entrant_lr,
        build_gwh_per_year: a.entrant_rate,
    };
    let r = catch_up(incumbent, entrant)?;
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
    emit(a.output.format, &t, &r)
}
