//! `leapfrog scaleup`: a chemistry on a scale-up path, stage by stage, with the capital it
//! needs and the gap to the incumbent; `--references` sets published small plants against the
//! model.

use crate::options;
use crate::output::{emit, num, Format, InputError, OutputArgs, Table};
use leapfrog_data::{
    Couple, Dataset, EquipmentControl, FactoryRegion, ManufacturingVariant, ScaleupPath,
};
use leapfrog_scaleup::reference::{check, ReferenceCheck};
use leapfrog_scaleup::{evaluate, prepare, PathInputs, PathResult};
use serde_json::json;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("which").args(["preset", "path"])))]
pub struct Args {
    /// A couple id (see `leapfrog chemistries`), designed to the BatPaC default targets.
    #[arg(long, required_unless_present = "references")]
    chemistry: Option<String>,
    /// A path from data/scaleup.toml (startup-us, incumbent-lfp-us).
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
    /// Set published pilot and demonstration plants against the model instead.
    #[arg(long, conflicts_with_all = ["chemistry", "preset", "path", "region", "equipment_controls"])]
    references: bool,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(dir: Option<&Path>, a: Args) -> crate::Result {
    let data = super::load(dir)?;
    if a.references {
        return references(&data, &a);
    }
    let inputs = inputs(&data, &a)?;
    let result = evaluate(&prepare(&data, &inputs)?);
    if a.output.format == Format::Table {
        crate::outln!("{}", headline(&result));
    }
    emit(a.output.format, &stage_table(&result), &json!(result))?;
    if a.output.format == Format::Table {
        crate::outln!();
        crate::out!("{}", totals_table(&result).text());
    }
    Ok(())
}

fn inputs(data: &Dataset, a: &Args) -> crate::Result<PathInputs> {
    let chemistry = a
        .chemistry
        .as_deref()
        .ok_or_else(|| InputError("give --chemistry".into()))?;
    Ok(PathInputs {
        chemistry: options::canonical::<Couple>(data, "--chemistry", chemistry)?,
        path: read_path(data, a)?,
        variant: options::canonical::<ManufacturingVariant>(data, "--variant", &a.variant)?,
        equipment_control: a
            .equipment_controls
            .as_deref()
            .map(|c| options::canonical::<EquipmentControl>(data, "--equipment-controls", c))
            .transpose()?,
        region: a
            .region
            .as_deref()
            .map(|r| options::canonical::<FactoryRegion>(data, "--region", r))
            .transpose()?,
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
        (
            "capital needed: capex + ramp losses (M$)",
            num(r.capital_needed_musd),
        ),
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
    let mut t = Table::new(&[
        "plant",
        "GWh_per_yr",
        "published_musd",
        "model_musd",
        "model/published",
        "building",
        "whole plant",
    ]);
    for c in &checks {
        t.push(vec![
            c.id.clone(),
            num(c.plant_gwh_per_yr),
            num(c.published_musd),
            num(c.model_musd),
            num(c.ratio),
            if c.new_building { "new" } else { "existing" }.into(),
            if c.incremental {
                "no (an increment)"
            } else {
                "yes"
            }
            .into(),
        ]);
    }
    emit(a.output.format, &t, &json!({ "references": checks }))
}
