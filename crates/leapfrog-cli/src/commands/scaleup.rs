//! `leapfrog scaleup`: a chemistry on a scale-up path, stage by stage, with the capital it
//! needs and the gap to the incumbent; `--references` sets published small plants against the
//! model.

use crate::options;
use crate::output::{emit, num, Format, InputError, OutputArgs, Table};
use leapfrog_data::{
    Couple, Dataset, EquipmentControl, FactoryRegion, ManufacturingVariant, ScaleupPath,
    ScaleupRisk, StageGrant,
};
use leapfrog_scaleup::reference::{check, ReferenceCheck};
use leapfrog_scaleup::risk::{self, Raise, RiskSummary};
use leapfrog_scaleup::{evaluate, prepare, PathInputs, PathResult, ProductionCredit};
use serde::Serialize;
use serde_json::json;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("which").args(["preset", "path"])))]
pub struct Args {
    /// A couple id (see `leapfrog chemistries`), designed to the BatPaC default targets.
    #[arg(long, required_unless_present = "references")]
    chemistry: Option<String>,
    /// A path from data/scaleup.toml.
    #[arg(long)]
    preset: Option<String>,
    /// A path file: the keys of a path at the top level and its stages as [[stages]] tables.
    #[arg(long)]
    path: Option<PathBuf>,
    /// A region with factory factors, replacing the path's own.
    #[arg(long)]
    region: Option<String>,
    /// How the lines are built (conventional, modular, dry-electrode, fast-formation,
    /// modular-dry).
    #[arg(long, default_value = "conventional")]
    variant: String,
    /// Apply export controls on equipment (an id from data/scaleup.toml, e.g. cn-2025).
    #[arg(long, num_args = 0..=1, default_missing_value = "cn-2025")]
    equipment_controls: Option<String>,
    /// Set published pilot and demonstration plants against the model instead, and the
    /// published companies' outcomes beside the model's survival for paths shaped like theirs.
    #[arg(long, conflicts_with_all = ["chemistry", "preset", "path", "region", "equipment_controls"])]
    references: bool,
    /// Monte Carlo runs over the path's uncertain inputs (data/scaleup.toml `scaleup_risk`):
    /// the probability of reaching nameplate before the money runs out.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    runs: Option<u64>,
    /// Seed of run 0's stream (run i is seeded by seed and i).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Leave out the production credit (45X, which applies to U.S. plants as the rules read).
    #[arg(long)]
    no_credit: bool,
    /// Leave out the path's grants, incentives and prepayments.
    #[arg(long)]
    no_grants: bool,
    /// A DOE grant towards a stage's capex, STAGE=MUSD (e.g. first-commercial=50); repeatable.
    #[arg(long = "grant", value_name = "STAGE=MUSD")]
    grants: Vec<String>,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(dir: Option<&Path>, a: Args) -> crate::Result {
    let data = super::load(dir)?;
    if a.references {
        return references(&data, &a);
    }
    let inputs = inputs(&data, &a)?;
    let risk = data.find::<ScaleupRisk>("default")?;
    let prepared = prepare(&data, &inputs)?;
    let private = prepare(
        &data,
        &PathInputs {
            credit: None,
            grants: false,
            ..inputs.clone()
        },
    )?;
    // Rounds are sized on the private central case (module leapfrog_scaleup::risk).
    let central = risk::central(risk);
    let private_central = evaluate(&private.perturbed(central));
    let plan = risk::plan(&private_central, risk);
    let result = evaluate(&prepared.perturbed(central));
    let runs = a.runs.map(|n| {
        (
            risk::monte_carlo(&prepared, risk, &plan, n as usize, a.seed),
            risk::monte_carlo(&private, risk, &plan, n as usize, a.seed),
        )
    });
    let summary = Summary::of(&result, &private_central, &plan, runs, &inputs);
    if a.output.format == Format::Table {
        crate::outln!("{}", headline(&result));
    }
    let mut out = json!(result);
    out["summary"] = json!(summary);
    emit(a.output.format, &stage_table(&result), &out)?;
    if a.output.format == Format::Table {
        crate::outln!();
        crate::out!("{}", totals_table(&result).text());
        crate::outln!();
        crate::out!("{}", summary_table(&summary).text());
    }
    Ok(())
}

/// What the path needs and who survives it, with and without the policy instruments.
#[derive(Serialize)]
struct Summary {
    /// The central case: capital (operating losses included) and equity needed, M$.
    capital_needed_central_musd: f64,
    equity_needed_central_musd: f64,
    /// Median and 90th percentile over the runs (with --runs).
    #[serde(skip_serializing_if = "Option::is_none")]
    capital_needed_musd: Option<risk::Spread>,
    #[serde(skip_serializing_if = "Option::is_none")]
    probability_reaching_nameplate: Option<f64>,
    /// By gate: months the money raised as the stage starts lasts (median over the runs
    /// where it runs out, or the central case's), and the share of runs where it lasts the
    /// horizon.
    runway_months: Vec<GateRunway>,
    funding_plan: Vec<Raise>,
    #[serde(skip_serializing_if = "Option::is_none")]
    monte_carlo: Option<RiskSummary>,
    /// The same without the credit, grants, incentives and prepayments.
    without_instruments: Without,
    instruments: Instruments,
}

#[derive(Serialize)]
struct GateRunway {
    stage: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    months: Option<f64>,
    /// Central case: 1 when the money lasts the horizon, else 0; with --runs, the share of
    /// runs.
    share_lasting_horizon: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    probability_out_of_capital: Option<f64>,
}

#[derive(Serialize)]
struct Without {
    capital_needed_central_musd: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    capital_needed_musd: Option<risk::Spread>,
    #[serde(skip_serializing_if = "Option::is_none")]
    probability_reaching_nameplate: Option<f64>,
}

#[derive(Serialize)]
struct Instruments {
    #[serde(skip_serializing_if = "Option::is_none")]
    credit: Option<ProductionCredit>,
    grants: Vec<StageGrant>,
}

impl Summary {
    fn of(
        result: &PathResult,
        private: &PathResult,
        plan: &[Raise],
        runs: Option<(RiskSummary, RiskSummary)>,
        inputs: &PathInputs,
    ) -> Summary {
        let central = risk::survival(result, plan);
        let runway_months = match &runs {
            Some((mc, _)) => mc
                .gates
                .iter()
                .map(|g| GateRunway {
                    stage: g.stage.clone(),
                    months: g.median_runway_months,
                    share_lasting_horizon: g.share_lasting_horizon,
                    probability_out_of_capital: Some(g.probability_out_of_capital),
                })
                .collect(),
            None => result
                .stages
                .iter()
                .zip(&central.runway_months)
                .filter(|(s, _)| s.build_start_month.is_some())
                .map(|(s, m)| GateRunway {
                    stage: s.id.clone(),
                    months: m.map(|m| m as f64),
                    share_lasting_horizon: if m.is_none() { 1.0 } else { 0.0 },
                    probability_out_of_capital: None,
                })
                .collect(),
        };
        let (with, without) = match runs {
            Some((w, wo)) => (Some(w), Some(wo)),
            None => (None, None),
        };
        Summary {
            capital_needed_central_musd: result.capital_needed_musd,
            equity_needed_central_musd: result.equity_needed_musd,
            capital_needed_musd: with.as_ref().map(|m| m.capital_needed_musd),
            probability_reaching_nameplate: with.as_ref().map(|m| m.probability_reaching_nameplate),
            runway_months,
            funding_plan: plan.to_vec(),
            without_instruments: Without {
                capital_needed_central_musd: private.capital_needed_musd,
                capital_needed_musd: without.as_ref().map(|m| m.capital_needed_musd),
                probability_reaching_nameplate: without
                    .as_ref()
                    .map(|m| m.probability_reaching_nameplate),
            },
            monte_carlo: with,
            instruments: Instruments {
                credit: inputs.credit.clone(),
                grants: if inputs.grants {
                    inputs.path.grants.clone()
                } else {
                    Vec::new()
                },
            },
        }
    }
}

fn summary_table(s: &Summary) -> Table {
    let mut t = Table::new(&["cash and risk", "value"]);
    let spread = |x: &Option<risk::Spread>| {
        x.map_or("-".into(), |x| {
            format!("median {}, 90th percentile {}", num(x.median), num(x.p90))
        })
    };
    let prob = |p: Option<f64>| p.map_or("- (give --runs)".into(), num);
    let rows = [
        (
            "capital needed, operating losses included, central (M$)",
            num(s.capital_needed_central_musd),
        ),
        (
            "equity needed after loans, central (M$)",
            num(s.equity_needed_central_musd),
        ),
        (
            "capital needed over the runs (M$)",
            spread(&s.capital_needed_musd),
        ),
        (
            "probability of reaching nameplate",
            prob(s.probability_reaching_nameplate),
        ),
        (
            "without credit and grants: capital needed, central (M$)",
            num(s.without_instruments.capital_needed_central_musd),
        ),
        (
            "without credit and grants: probability of reaching nameplate",
            prob(s.without_instruments.probability_reaching_nameplate),
        ),
    ];
    for (k, v) in rows {
        t.push(vec![k.into(), v]);
    }
    for (g, r) in s.runway_months.iter().zip(&s.funding_plan) {
        t.push(vec![
            format!("{}: raised (M$), runway (months)", g.stage),
            format!(
                "{}, {}",
                num(r.musd),
                g.months.map_or("lasts the horizon".into(), num)
            ),
        ]);
    }
    t
}

fn inputs(data: &Dataset, a: &Args) -> crate::Result<PathInputs> {
    let chemistry = a
        .chemistry
        .as_deref()
        .ok_or_else(|| InputError("give --chemistry".into()))?;
    let chemistry = options::canonical::<Couple>(data, "--chemistry", chemistry)?;
    let mut path = read_path(data, a)?;
    for g in &a.grants {
        path.grants.push(grant(&path, g)?);
    }
    let region = a
        .region
        .as_deref()
        .map(|r| options::canonical::<FactoryRegion>(data, "--region", r))
        .transpose()?;
    let credit = if a.no_credit {
        None
    } else {
        leapfrog_policy::model::path_credit(data, &chemistry, &path, region.as_deref())?
    };
    Ok(PathInputs {
        chemistry,
        variant: options::canonical::<ManufacturingVariant>(data, "--variant", &a.variant)?,
        equipment_control: a
            .equipment_controls
            .as_deref()
            .map(|c| options::canonical::<EquipmentControl>(data, "--equipment-controls", c))
            .transpose()?,
        region,
        path,
        credit,
        grants: !a.no_grants,
    })
}

/// `--grant STAGE=MUSD`, checked against the path's stages.
fn grant(path: &ScaleupPath, spec: &str) -> crate::Result<StageGrant> {
    let stages: Vec<&str> = path.stages.iter().map(|s| s.id.as_str()).collect();
    let bad = |why: &str| {
        InputError(format!(
            "--grant {spec}: {why}; allowed: STAGE=MUSD with STAGE one of {} and MUSD a positive amount up to 100000",
            stages.join(", ")
        ))
    };
    let (stage, musd) = spec.split_once('=').ok_or_else(|| bad("no `=`"))?;
    if !stages.contains(&stage) {
        return Err(bad(&format!("no stage `{stage}` on this path")).into());
    }
    let musd: f64 = musd
        .trim()
        .parse()
        .map_err(|_| bad(&format!("`{musd}` is not a number")))?;
    if !(musd.is_finite() && musd > 0.0 && musd <= 1.0e5) {
        return Err(bad(&format!("{musd} is out of range")).into());
    }
    Ok(StageGrant {
        stage: stage.to_string(),
        musd,
        kind: "doe-grant".into(),
        source: "command line".into(),
        note: None,
    })
}

fn read_path(data: &Dataset, a: &Args) -> crate::Result<ScaleupPath> {
    match (&a.preset, &a.path) {
        (Some(p), _) => {
            let id = options::canonical::<ScaleupPath>(data, "--preset", p)?;
            Ok(data
                .scaleup_path(&id)
                .cloned()
                .ok_or_else(|| InputError(format!("--preset {p}: no such path")))?)
        }
        (None, Some(file)) => {
            let text = std::fs::read_to_string(file).map_err(|e| {
                InputError(format!(
                    "--path {}: cannot read the file: {e}",
                    file.display()
                ))
            })?;
            Ok(leapfrog_data::read_path_spec(
                data,
                &file.display().to_string(),
                &text,
            )?)
        }
        (None, None) => Err(InputError("give --preset or --path".into()).into()),
    }
}

fn headline(r: &PathResult) -> String {
    let parity = match (r.parity_month, r.closest_cost_ratio) {
        (Some(m), _) => format!("cost parity with the incumbent in month {m}"),
        (None, Some(c)) => format!(
            "no cost parity within the horizon (closest: {}x the incumbent's cost)",
            num(c)
        ),
        (None, None) => "no output within the horizon".into(),
    };
    format!(
        "{} on path {} in region {} ({} lines{}), from {}, against {} in {}: {}.",
        r.chemistry,
        r.path,
        r.region,
        r.variant,
        r.equipment_control
            .as_ref()
            .map_or(String::new(), |c| format!(", equipment controls {c}")),
        r.start_year,
        r.incumbent_chemistry,
        r.incumbent_region,
        parity
    )
}

fn month_or_dash(m: Option<usize>) -> String {
    m.map_or("-".into(), |m| m.to_string())
}

fn stage_table(r: &PathResult) -> Table {
    let mut t = Table::new(&[
        "stage",
        "GWh_per_yr",
        "lines (electrode/assembly/formation/pack)",
        "capex_musd",
        "musd_per_gwh",
        "build_from",
        "produces_from",
        "nameplate_at",
        "start_scrap",
        "usd_per_kwh_year1",
        "usd_per_kwh_steady",
        "incumbent_usd_per_kwh",
        "ramp_loss_musd",
        "capital_so_far_musd",
    ]);
    for s in &r.stages {
        let lines: Vec<String> = s.lines.iter().map(|l| num(l.lines)).collect();
        t.push(vec![
            s.id.clone(),
            num(s.plant_gwh_per_yr),
            lines.join("/"),
            num(s.capex_musd),
            num(s.capex_musd_per_gwh),
            month_or_dash(s.build_start_month),
            month_or_dash(s.production_start_month),
            month_or_dash(s.nameplate_month),
            num(s.start_scrap),
            s.first_year_usd_per_kwh.map_or("-".into(), num),
            num(s.steady_usd_per_kwh),
            s.incumbent_usd_per_kwh_at_nameplate.map_or("-".into(), num),
            num(s.ramp_loss_musd),
            num(s.cumulative_capital_musd),
        ]);
    }
    t
}

fn totals_table(r: &PathResult) -> Table {
    let mut t = Table::new(&["total", "value"]);
    let rows = [
        ("capex (M$)", num(r.capex_musd)),
        ("ramp-up losses (M$)", num(r.ramp_loss_musd)),
        ("capex + ramp losses (M$)", num(r.capex_and_ramp_loss_musd)),
        (
            "cost above the incumbent's on every good kWh (M$)",
            num(r.price_gap_musd),
        ),
        (
            "months to the last stage's nameplate",
            month_or_dash(r.months_to_last_nameplate),
        ),
        (
            "years to the last stage's nameplate",
            r.months_to_last_nameplate
                .map_or("-".into(), |m| num(m as f64 / 12.0)),
        ),
        (
            "last stage's steady cost less the incumbent's then ($/kWh)",
            r.final_gap_usd_per_kwh.map_or("-".into(), num),
        ),
        (
            "incumbent: cost in base year, learning rate",
            format!(
                "{} $/kWh in {}, {} per doubling",
                num(r.incumbent.usd_per_kwh),
                r.incumbent.base_year,
                num(r.incumbent.learning_rate)
            ),
        ),
    ];
    for (k, v) in rows {
        t.push(vec![k.into(), v]);
    }
    t
}

fn references(data: &Dataset, a: &Args) -> crate::Result {
    let checks = data
        .scaleup_references
        .iter()
        .map(|r| check(data, r))
        .collect::<Result<Vec<ReferenceCheck>, _>>()?;
    let cases = cases(data)?;
    let mut t = Table::new(&[
        "plant",
        "GWh_per_yr",
        "published_musd",
        "model_musd",
        "model/published",
        "building",
        "outcome",
    ]);
    for c in &checks {
        let capacity = match (c.plant_gwh_per_yr, c.plant_gw_per_yr) {
            (Some(e), _) => num(e),
            (None, Some(p)) => format!("{} GW (power)", num(p)),
            (None, None) => "-".into(),
        };
        t.push(vec![
            c.id.clone(),
            capacity,
            c.published_musd.map_or("-".into(), num),
            c.model_musd.map_or("-".into(), num),
            c.ratio.map_or_else(|| "not compared".into(), num),
            if c.new_building { "new" } else { "existing" }.into(),
            outcome(&c.outcome, &c.outcome_date),
        ]);
    }
    emit(
        a.output.format,
        &t,
        &json!({ "references": checks, "cases": cases }),
    )?;
    if a.output.format == Format::Table {
        crate::outln!();
        crate::out!("{}", cases_table(&cases).text());
    }
    Ok(())
}

/// What became of a case, and when: `bankrupt 2025-01-27`, or `-`.
fn outcome(outcome: &Option<String>, date: &Option<String>) -> String {
    match (outcome, date) {
        (Some(o), Some(d)) => format!("{o} {d}"),
        (Some(o), None) => o.clone(),
        _ => "-".into(),
    }
}

/// Runs for each path shape the references name.
const CASE_RUNS: usize = 1000;

/// A published company beside the model's survival for a path shaped like its own.
#[derive(Serialize)]
struct Case {
    id: String,
    path: String,
    chemistry: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    capital_raised_musd: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outcome: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outcome_date: Option<String>,
    /// Model: the share of runs reaching the last stage's nameplate (seed 1), financed by the
    /// plan (the central need at each gate plus the contingency).
    probability_reaching_nameplate: f64,
    /// The same financed by what the company raised, spread over the gates as the plan is.
    #[serde(skip_serializing_if = "Option::is_none")]
    probability_with_capital_raised: Option<f64>,
    capital_needed_musd: risk::Spread,
    runs: usize,
}

fn cases(data: &Dataset) -> crate::Result<Vec<Case>> {
    let risk = data.find::<ScaleupRisk>("default")?;
    data.scaleup_references
        .iter()
        .filter_map(|r| r.path_shape.as_ref().map(|p| (r, p)))
        .map(|(r, shape)| {
            let path = data.find::<ScaleupPath>(shape)?.clone();
            let inputs = PathInputs {
                chemistry: r.chemistry.clone(),
                path,
                variant: "conventional".into(),
                equipment_control: None,
                region: None,
                credit: None,
                grants: true,
            };
            let p = prepare(data, &inputs)?;
            let plan = risk::plan(&evaluate(&p.perturbed(risk::central(risk))), risk);
            let mc = risk::monte_carlo(&p, risk, &plan, CASE_RUNS, 1);
            let planned: f64 = plan.iter().map(|r| r.musd).sum();
            let with_raised = r
                .capital_raised_musd
                .filter(|_| planned > 0.0)
                .map(|raised| {
                    let scaled: Vec<Raise> = plan
                        .iter()
                        .map(|x| Raise {
                            musd: x.musd * raised / planned,
                            ..x.clone()
                        })
                        .collect();
                    risk::monte_carlo(&p, risk, &scaled, CASE_RUNS, 1)
                        .probability_reaching_nameplate
                });
            Ok(Case {
                id: r.id.clone(),
                path: shape.clone(),
                chemistry: r.chemistry.clone(),
                capital_raised_musd: r.capital_raised_musd,
                outcome: r.outcome.clone(),
                outcome_date: r.outcome_date.clone(),
                probability_reaching_nameplate: mc.probability_reaching_nameplate,
                probability_with_capital_raised: with_raised,
                capital_needed_musd: mc.capital_needed_musd,
                runs: CASE_RUNS,
            })
        })
        .collect()
}

fn cases_table(cases: &[Case]) -> Table {
    let mut t = Table::new(&[
        "case",
        "path shape",
        "raised_musd",
        "model capital needed (median, p90) musd",
        "model P(nameplate), as planned",
        "with what it raised",
        "outcome",
    ]);
    for c in cases {
        t.push(vec![
            c.id.clone(),
            c.path.clone(),
            c.capital_raised_musd.map_or("-".into(), num),
            format!(
                "{}, {}",
                num(c.capital_needed_musd.median),
                num(c.capital_needed_musd.p90)
            ),
            num(c.probability_reaching_nameplate),
            c.probability_with_capital_raised.map_or("-".into(), num),
            outcome(&c.outcome, &c.outcome_date),
        ]);
    }
    t
}
