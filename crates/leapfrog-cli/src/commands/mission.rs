//! `leapfrog mission` and `leapfrog fit`: a sector mission on chosen chemistries, and every
//! couple on every sector's preset mission.

use crate::options;
use crate::output::{emit, num, Format, InputError, OutputArgs, Table};
use leapfrog_data::{Couple, Dataset, Mission, Sector};
use leapfrog_factory::{Factory, DEFAULT_COST_MODEL};
use leapfrog_mission::{evaluate, fit, Ageing, Battery, Evaluation, Status};
use serde_json::json;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["preset", "spec"])))]
pub struct Args {
    /// A mission id from data/missions.toml.
    #[arg(long)]
    preset: Option<String>,
    /// A mission spec file: its keys at the top level (kind = "grid" | "leo" | "geo" |
    /// "evtol" | "robot" | "ev" | "consumer", and that kind's keys).
    #[arg(long)]
    spec: Option<PathBuf>,
    /// Couple ids or storage-system ids (data/storage_systems.toml: flow, iron-air; grid
    /// missions only), comma-separated; default LFP-G, NMC811-G, NaNFM-HC.
    #[arg(long, value_delimiter = ',')]
    chemistries: Vec<String>,
    #[command(flatten)]
    output: OutputArgs,
}

/// The couples a mission runs on when none are named: the incumbents and the sodium entrant.
const DEFAULT_CHEMISTRIES: [&str; 3] = ["LFP-G", "NMC811-G", "NaNFM-HC"];

pub fn run(dir: Option<&Path>, a: Args) -> crate::Result {
    options::each_once("--chemistries", &a.chemistries)?;
    let data = super::load(dir)?;
    let mission = read_mission(&data, &a)?;
    let named: Vec<String> = if a.chemistries.is_empty() {
        DEFAULT_CHEMISTRIES.iter().map(|c| c.to_string()).collect()
    } else {
        a.chemistries
            .iter()
            .map(|c| options::couple_or_system(&data, "--chemistries", c))
            .collect::<crate::Result<_>>()?
    };
    let factory = Factory::load(&data, DEFAULT_COST_MODEL)?;
    let evaluations = named
        .iter()
        .map(|c| {
            let b = Battery::of_any(&data, &factory, c)?;
            Ok(evaluate(&data, &mission, &b, Ageing::Simulate)?)
        })
        .collect::<crate::Result<Vec<Evaluation>>>()?;
    let table = summary_table(&evaluations);
    emit(
        a.output.format,
        &table,
        &json!({ "mission": mission, "evaluations": evaluations }),
    )?;
    if a.output.format == Format::Table {
        for e in &evaluations {
            crate::outln!();
            crate::out!("{}", detail_table(e).text());
        }
        if let Some(e) = evaluations.first() {
            crate::outln!();
            crate::out!("{}", defaults_table(e).text());
        }
    }
    Ok(())
}

fn read_mission(data: &Dataset, a: &Args) -> crate::Result<Mission> {
    match (&a.preset, &a.spec) {
        (Some(p), _) => {
            let id = options::canonical::<Mission>(data, "--preset", p)?;
            Ok(data
                .mission(&id)
                .cloned()
                .ok_or_else(|| InputError(format!("--preset {p}: no such mission")))?)
        }
        (None, Some(path)) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                InputError(format!(
                    "--spec {}: cannot read the file: {e}",
                    path.display()
                ))
            })?;
            Ok(leapfrog_data::read_spec(
                data,
                &path.display().to_string(),
                &text,
            )?)
        }
        (None, None) => Err(InputError("give --preset or --spec".into()).into()),
    }
}

fn status_word(e: &Evaluation) -> String {
    match (&e.status, &e.decisive) {
        (Status::Infeasible, Some(r)) => format!("fails {} by {:.0}%", r.name, -100.0 * r.margin),
        (Status::Uncertain, Some(r)) => format!("uncertain: {} {:+.0}%", r.name, 100.0 * r.margin),
        (Status::NotEvaluated, _) => "not evaluated".into(),
        _ => "feasible".into(),
    }
}

fn summary_table(evaluations: &[Evaluation]) -> Table {
    let mut t = Table::new(&[
        "chemistry",
        "verdict",
        "nameplate_kWh",
        "mass_kg",
        "volume_L",
        "pack_usd",
        "years_to_EOL",
    ]);
    for e in evaluations {
        let life = e.life.as_ref().and_then(|l| l.years_to_end_of_life);
        t.push(vec![
            e.chemistry.clone(),
            status_word(e),
            num(e.battery.nameplate_kwh),
            num(e.battery.mass_kg),
            num(e.battery.volume_l),
            num(e.battery.price_usd),
            life.map_or_else(
                || match &e.life {
                    Some(l) => format!("> {}", num(l.years_simulated)),
                    None => "-".into(),
                },
                num,
            ),
        ]);
    }
    t
}

fn detail_table(e: &Evaluation) -> Table {
    let mut t = Table::new(&["figure or requirement", "value", "needed", "met"]);
    t.push(vec![
        format!("{} on {}", e.mission, e.chemistry),
        String::new(),
        String::new(),
        String::new(),
    ]);
    for (k, v) in &e.figures {
        t.push(vec![k.to_string(), num(*v), String::new(), String::new()]);
    }
    for r in &e.requirements {
        let sense = match r.sense {
            leapfrog_mission::Sense::AtLeast => "≥",
            leapfrog_mission::Sense::AtMost => "≤",
        };
        t.push(vec![
            format!("{} ({})", r.name, r.unit),
            num(r.available),
            format!("{sense} {}", num(r.needed)),
            if r.met {
                "yes".into()
            } else {
                format!("no ({:+.0}%)", 100.0 * r.margin)
            },
        ]);
    }
    if let Some(reason) = &e.not_evaluated_reason {
        t.push(vec![
            "not evaluated".into(),
            reason.clone(),
            String::new(),
            String::new(),
        ]);
    }
    t
}

fn defaults_table(e: &Evaluation) -> Table {
    let mut t = Table::new(&["key left out", "value used", "from"]);
    for d in &e.defaults_used {
        let v = d
            .value
            .map(num)
            .or_else(|| d.word.clone())
            .unwrap_or_else(|| "-".into());
        t.push(vec![d.key.clone(), v, d.from.clone()]);
    }
    t
}

#[derive(clap::Args)]
pub struct FitArgs {
    /// Sector ids, comma-separated; default every sector with a preset mission.
    #[arg(long, value_delimiter = ',')]
    sectors: Vec<String>,
    /// Couple ids, comma-separated; default every couple.
    #[arg(long, value_delimiter = ',')]
    chemistries: Vec<String>,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run_fit(dir: Option<&Path>, a: FitArgs) -> crate::Result {
    options::each_once("--sectors", &a.sectors)?;
    options::each_once("--chemistries", &a.chemistries)?;
    let data = super::load(dir)?;
    let sectors = options::canonical_all::<Sector>(&data, "--sectors", &a.sectors)?;
    let couples: Vec<String> = if a.chemistries.is_empty() {
        data.couples.iter().map(|c| c.id.clone()).collect()
    } else {
        options::canonical_all::<Couple>(&data, "--chemistries", &a.chemistries)?
    };
    let factory = Factory::load(&data, DEFAULT_COST_MODEL)?;
    let batteries = couples
        .iter()
        .map(|c| Ok(Battery::of(&data, &factory, c)?))
        .collect::<crate::Result<Vec<Battery>>>()?;
    let result = fit::fit(&data, &batteries, &sectors)?;
    emit(a.output.format, &fit_table(&result), &result)?;
    Ok(())
}

fn fit_table(f: &fit::Fit) -> Table {
    // Table headers are static text; the sectors come from the data, so their names are
    // leaked once for the life of this one-shot command.
    let mut header: Vec<&'static str> = vec!["chemistry"];
    header.extend(
        f.sectors
            .iter()
            .map(|s| &*Box::leak(s.clone().into_boxed_str())),
    );
    let mut t = Table::new(&header);
    for chem in &f.chemistries {
        let mut row = vec![chem.clone()];
        for s in &f.sectors {
            let cell = f
                .cells
                .iter()
                .find(|c| &c.chemistry == chem && &c.sector == s);
            row.push(cell.map_or("-".into(), |c| c.summary(num)));
        }
        t.push(row);
    }
    t
}
