//! `leapfrog simulate`: an experiment (PyBaMM-style steps) through the SPM or SPMe with a
//! published parameter set; a summary per step, or the time series as CSV.

use crate::options;
use crate::output::{emit, num, Format, InputError, OutputArgs, Table};
use leapfrog_data::{Dataset, SimParameterSet};
use leapfrog_sim::design::Designed;
use leapfrog_sim::{Cell, Drive, DriveProfile, Model, ModelKind, Outcome, Row, Step};
use serde_json::json;
use std::path::Path;
use std::sync::Arc;

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("cell").required(true).args(["params", "design"])))]
pub struct Args {
    /// The model: spm, spme, or ecm (a Thevenin circuit fitted to the set's SPMe).
    #[arg(long)]
    model: String,
    /// A parameter set id from data/sim_parameters.toml, or a BPX JSON file (Battery
    /// Parameter eXchange) of a cell.
    #[arg(long)]
    params: Option<String>,
    /// A cell design preset (data/cell_designs.toml, e.g. lg-m50-21700, eve-lf280k): the cell
    /// layer's geometry with the electrochemistry of the parameter set made of its couple.
    #[arg(long)]
    design: Option<String>,
    /// One experiment step, e.g. "Discharge at 1C until 2.5 V"; repeat for more steps.
    #[arg(long = "experiment", value_name = "STEP", required = true)]
    experiment: Vec<String>,
    /// Repeat the steps this many times.
    #[arg(long, default_value_t = 1, value_parser = options::whole(options::SIM_CYCLES))]
    cycles: usize,
    /// A lumped thermal model (the cell's temperature follows its heat and its cooling);
    /// default isothermal.
    #[arg(long, value_name = "lumped")]
    thermal: Option<String>,
    /// Start at rest at this state of charge (0-1, of the window between the cut-off
    /// voltages); default: the parameter set's initial concentrations.
    #[arg(long, allow_negative_numbers = true, value_parser = options::within(options::SOC))]
    initial_soc: Option<f64>,
    #[command(flatten)]
    output: OutputArgs,
}

type Run = (
    Model,
    Vec<Step>,
    Outcome,
    Option<leapfrog_sim::design::DesignedCell>,
);

fn run_model(dir: Option<&Path>, a: &Args) -> crate::Result<Run> {
    let data = match dir {
        // The sets name their couples, so the cell layer comes too.
        None => super::embedded_layers(&["common", "cell", "sim"])?,
        Some(_) => super::load(dir)?,
    };
    let kind = ModelKind::ALL
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(&a.model))
        .map(|(_, k)| *k)
        .ok_or_else(|| InputError(format!("--model {}: allowed: spm, spme, ecm", a.model)))?;
    let (cell, designed) = match (&a.params, &a.design) {
        (_, Some(preset)) => {
            let preset =
                options::canonical::<leapfrog_data::CellDesign>(&data, "--design", preset)?;
            let (designed, report) = leapfrog_sim::design::from_design(&data, &preset)?;
            match designed {
                Designed::Set(set) => {
                    leapfrog_data::check_sim_set(&data, &set, &format!("--design {preset}"))?;
                    (Cell::from_record(&set), Some(report))
                }
                Designed::Circuit(cell, ecm) => {
                    let model = circuit_model(&data, a, kind, &report, *cell, ecm)?;
                    return finish(a, model, Some(report));
                }
            }
        }
        (Some(p), None) if p.to_ascii_lowercase().ends_with(".json") => (bpx_cell(&data, p)?, None),
        (Some(p), None) => {
            let id = options::canonical::<SimParameterSet>(&data, "--params", p)?;
            (Cell::load(&data, &id)?, None)
        }
        (None, None) => return Err(InputError("give --params or --design".into()).into()),
    };
    let model = match a.thermal.as_deref() {
        None => Model::build(kind, cell),
        Some(t) if t.eq_ignore_ascii_case("lumped") => Model::lumped(kind, cell),
        Some(t) => return Err(InputError(format!("--thermal {t}: allowed: lumped")).into()),
    }
    .map_err(|e| from_cell_file(a, e))?;
    finish(a, model, designed)
}

/// A design whose couple has no published set: only the equivalent circuit of its tables can
/// run it, isothermal; asking for more is refused with what is possible.
fn circuit_model(
    data: &Dataset,
    a: &Args,
    kind: ModelKind,
    report: &leapfrog_sim::design::DesignedCell,
    cell: Cell,
    ecm: leapfrog_sim::ecm::Ecm,
) -> crate::Result<Model> {
    if kind != ModelKind::Ecm {
        return Err(InputError(format!(
            "--design {} --model {}: no published electrochemical parameter set is made of {}, so the single-particle models cannot run it (sets exist for {}); --model ecm runs it as an equivalent circuit from the couple's open-circuit voltage and BatPaC impedance tables",
            report.preset,
            a.model,
            report.couple,
            leapfrog_sim::design::couples_with_sets(data).join(", ")
        ))
        .into());
    }
    if let Some(t) = &a.thermal {
        return Err(InputError(format!(
            "--design {} --thermal {t}: the couple's tables carry no thermal data; run it isothermal",
            report.preset
        ))
        .into());
    }
    Ok(Model::circuit(cell, ecm))
}

/// The experiment on a built model.
fn finish(
    a: &Args,
    model: Model,
    designed: Option<leapfrog_sim::design::DesignedCell>,
) -> crate::Result<Run> {
    let steps = a
        .experiment
        .iter()
        .map(|s| {
            load_profile(Step::parse(s).map_err(|e| InputError(format!("--experiment: {e}")))?)
        })
        .collect::<crate::Result<Vec<_>>>()?;
    // Only a run of many cycles takes long enough to want a bar (hidden off a terminal).
    let bar = match a.cycles {
        n if n > 1 => crate::output::progress(n as u64, "cycles"),
        _ => indicatif::ProgressBar::hidden(),
    };
    let outcome = leapfrog_sim::simulate::run_reporting(
        &model,
        &steps,
        a.cycles,
        a.initial_soc,
        &mut |cycle| bar.set_position(cycle as u64),
    )
    .map_err(|e| from_cell_file(a, e))?;
    bar.finish_and_clear();
    Ok((model, steps, outcome, designed))
}

/// A cell from a BPX file that cannot start or go on is that file's problem: the error names
/// it (a set from the data is named by its id already).
fn from_cell_file(a: &Args, e: leapfrog_sim::SimError) -> crate::Failure {
    match (&a.params, &e) {
        (Some(p), leapfrog_sim::SimError::Infeasible(_))
            if p.to_ascii_lowercase().ends_with(".json") =>
        {
            InputError(format!("--params {p}: {e}")).into()
        }
        _ => e.into(),
    }
}

/// A cell from a BPX file, checked by the same rules as the sets in the data.
fn bpx_cell(data: &Dataset, path: &str) -> crate::Result<Cell> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| InputError(format!("--params {path}: cannot read the file: {e}")))?;
    let stem = Path::new(path)
        .file_stem()
        .map_or("bpx".into(), |s| s.to_string_lossy().into_owned());
    let set = leapfrog_sim::bpx::read(path, &stem, &text).map_err(|e| match e {
        leapfrog_sim::SimError::Infeasible(_) => InputError(format!("--params {path}: {e}")).into(),
        other => crate::Failure::from(other),
    })?;
    leapfrog_data::check_sim_set(data, &set, path).map_err(|e| in_bpx_words(e, &stem))?;
    Ok(Cell::from_record(&set))
}

/// The check's problems named by the BPX keys the user wrote, not the imported set's fields.
fn in_bpx_words(e: leapfrog_data::DataError, stem: &str) -> leapfrog_data::DataError {
    let leapfrog_data::DataError::Invalid(issues) = e else {
        return e;
    };
    let prefix = format!("sim_parameter_set[{stem}].");
    let issues = issues
        .into_iter()
        .map(|mut i| {
            let field = i.field.strip_prefix(&prefix).unwrap_or(&i.field);
            if let Some(key) = leapfrog_sim::bpx::key_of(field) {
                i.field = key;
            }
            i
        })
        .collect();
    leapfrog_data::DataError::Invalid(issues)
}

/// A "Run FILE (A)" step with its file read and checked.
fn load_profile(mut step: Step) -> crate::Result<Step> {
    if let (Drive::Run(unit), Some(file)) = (step.drive, &step.file) {
        let text = std::fs::read_to_string(file).map_err(|e| {
            InputError(format!(
                "--experiment \"{}\": cannot read {file}: {e}",
                step.text
            ))
        })?;
        step.profile = Some(Arc::new(DriveProfile::from_csv(file, &text, unit)?));
    }
    Ok(step)
}

pub fn run(dir: Option<&Path>, a: Args) -> crate::Result {
    let (model, steps, out, designed) = run_model(dir, &a)?;
    let table = match a.output.format {
        Format::Csv => series(&distinct_times(&out.rows)),
        _ => step_table(&out),
    };
    if a.output.format == Format::Table {
        let s = &out.summary;
        crate::outln!(
            "{} with {} ({}): {} s, {} Ah and {} Wh discharged, {}-{} V",
            match model.kind {
                ModelKind::Spm => "SPM",
                ModelKind::Spme => "SPMe",
                ModelKind::Ecm => match model.ecm.as_ref().map(|e| e.origin) {
                    Some("couple-tables") =>
                        "ECM (the couple's open-circuit voltage and BatPaC impedance tables)",
                    _ => "ECM (fitted to the set's SPMe)",
                },
            },
            model.cell.id,
            model.cell.name,
            num(s.end_time_s),
            num(s.discharge_capacity_ah),
            num(s.discharge_energy_wh),
            num(s.min_voltage_v),
            num(s.max_voltage_v)
        );
    }
    let rows = distinct_times(&out.rows);
    let json = json!({
        "model": model.kind,
        "thermal": if model.thermal { "lumped" } else { "isothermal" },
        "params": model.cell.id,
        "experiment": steps,
        "cycles": a.cycles,
        "initial_soc": out.rows.first().map(|r| r.soc),
        "summary": out.summary,
        "steps": out.steps,
        "series": {
            "time_s": rows.iter().map(|r| r.time_s).collect::<Vec<_>>(),
            "current_a": rows.iter().map(|r| r.current_a).collect::<Vec<_>>(),
            "voltage_v": rows.iter().map(|r| r.voltage_v).collect::<Vec<_>>(),
            "soc": rows.iter().map(|r| r.soc).collect::<Vec<_>>(),
            "temperature_c": rows.iter().map(|r| r.temperature_c).collect::<Vec<_>>(),
            "power_w": rows.iter().map(|r| r.power_w).collect::<Vec<_>>(),
        },
    });
    let mut json = json;
    if let Some(d) = &designed {
        json["design"] = serde_json::to_value(d).map_err(crate::Failure::internal)?;
        if let (Format::Table, Some(tables)) = (a.output.format, &d.tables_source) {
            crate::outln!(
                "design {} ({}): {} Ah designed on {} m² of positive; no published set is made of {}, so it runs as an equivalent circuit: {tables}; R0 is BatPaC's 10 s pulse impedance (fast relaxations folded in, no slow diffusion, no temperature dependence)",
                d.preset,
                d.couple,
                num(d.design_capacity_ah),
                num(d.electrode_area_m2),
                d.couple
            );
        } else if a.output.format == Format::Table {
            crate::outln!(
                "design {} ({}): {} Ah designed, {} µm positive and {} µm negative on {} m², electrochemistry of {}",
                d.preset,
                d.couple,
                num(d.design_capacity_ah),
                num(d.positive_thickness_um),
                num(d.negative_thickness_um),
                num(d.electrode_area_m2),
                d.electrochemistry_from
            );
        }
    }
    // A step above the rate where the single-particle models match the DFN is said on stderr
    // and in the JSON: the figures are shown, marked, not refused.
    let outside = leapfrog_sim::validity::outside(&model, &out);
    for w in &outside {
        eprintln!("warning: {w}");
    }
    json["outside_validity"] = outside.into();
    if let Some(why) = &out.stopped_early {
        json["stopped_early"] = why.clone().into();
        if a.output.format == Format::Table {
            crate::outln!("stopped early: {why}");
        }
    }
    if let Some(ecm) = &model.ecm {
        json["ecm_origin"] = ecm.origin.into();
        json["ecm_fit"] = serde_json::to_value(&ecm.circuits).map_err(crate::Failure::internal)?;
        if let Some(ocv) = &ecm.ocv {
            json["ecm_ocv"] = serde_json::to_value(ocv).map_err(crate::Failure::internal)?;
        }
    }
    emit(a.output.format, &table, &json)
}

fn step_table(out: &Outcome) -> Table {
    let mut t = Table::new(&[
        "cycle",
        "step",
        "end_time_s",
        "capacity_ah",
        "energy_wh",
        "min_voltage_v",
        "max_voltage_v",
        "max_temperature_c",
        "ended_by",
    ]);
    for s in &out.steps {
        t.push(vec![
            s.cycle.to_string(),
            s.step.clone(),
            num(s.end_time_s),
            num(s.capacity_ah),
            num(s.energy_wh),
            num(s.min_voltage_v),
            num(s.max_voltage_v),
            num(s.max_temperature_c),
            s.termination.clone(),
        ]);
    }
    t
}

/// The rows with strictly increasing times: where a step starts, the row carrying the new
/// step's current replaces the one that ended the last step at the same instant (the step
/// summaries keep both voltages), so the series is a valid `leapfrog life` profile.
fn distinct_times(rows: &[Row]) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    for r in rows {
        match out.last_mut() {
            Some(last) if last.time_s == r.time_s => *last = *r,
            _ => out.push(*r),
        }
    }
    out
}

/// The time series, columns as `leapfrog life --profile` reads them.
fn series(rows: &[Row]) -> Table {
    let mut t = Table::new(&[
        "time_s",
        "current_a",
        "voltage_v",
        "soc",
        "temperature_c",
        "power_w",
    ]);
    for r in rows {
        t.push(vec![
            format!("{}", r.time_s),
            format!("{}", r.current_a),
            format!("{}", r.voltage_v),
            format!("{}", r.soc),
            format!("{}", r.temperature_c),
            format!("{}", r.power_w),
        ]);
    }
    t
}
