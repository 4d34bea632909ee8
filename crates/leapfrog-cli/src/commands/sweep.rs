//! `leapfrog sweep --grid FILE`: every combination of a parameter grid, designed and priced in
//! parallel, written as CSV or JSON. Chemistries and plants are resolved once per
//! combination of couple, region and processes; each grid point is then arithmetic only.

use super::factory::couple_request;
use crate::output::{num, Format, InputError};
use crate::Failure;
use indicatif::{ProgressBar, ProgressStyle};
use leapfrog_cell::{Chemistry, DesignInputs};
use leapfrog_data::Dataset;
use leapfrog_factory::{Factory, PlantOptions, Prepared, DEFAULT_COST_MODEL};
use rayon::prelude::*;
use serde::Deserialize;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// TOML file with a [sweep] table: couples, regions ("batpac" for BatPaC's reference),
    /// processes (a list of lists), prices (a price basis id), and axes plant_gwh, pack_kw, max_thickness_um, each a
    /// list of values or {from, to, steps}.
    #[arg(long, value_name = "FILE")]
    grid: PathBuf,
    /// Write here instead of stdout.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "csv")]
    format: Format,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GridFile {
    sweep: Grid,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Grid {
    couples: Vec<String>,
    #[serde(default = "batpac_region")]
    regions: Vec<String>,
    #[serde(default = "no_process")]
    processes: Vec<Vec<String>>,
    plant_gwh: Axis,
    #[serde(default)]
    pack_kw: Option<Axis>,
    #[serde(default)]
    max_thickness_um: Option<Axis>,
    /// A price basis id from data/price_bases.toml for every point; default materials.toml.
    #[serde(default)]
    prices: Option<String>,
}

fn batpac_region() -> Vec<String> {
    vec!["batpac".into()]
}

fn no_process() -> Vec<Vec<String>> {
    vec![Vec::new()]
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Axis {
    Values(Vec<f64>),
    Range { from: f64, to: f64, steps: usize },
}

impl Axis {
    fn values(&self, name: &str) -> Result<Vec<f64>, InputError> {
        let v = match self {
            Axis::Values(v) => v.clone(),
            Axis::Range { from, to, steps } => {
                let n = (*steps).max(1);
                (0..n)
                    .map(|i| {
                        if n == 1 {
                            *from
                        } else {
                            from + (to - from) * i as f64 / (n - 1) as f64
                        }
                    })
                    .collect()
            }
        };
        if v.is_empty() || v.iter().any(|x| !x.is_finite()) {
            return Err(InputError(format!(
                "sweep.{name}: needs at least one finite value"
            )));
        }
        Ok(v)
    }
}

/// One resolved couple × region × process set.
struct Context {
    couple: String,
    region: String,
    processes: String,
    chemistry: Chemistry,
    base: DesignInputs,
    prepared: Prepared,
}

pub fn run(dir: Option<&Path>, a: Args) -> crate::Result {
    let text = std::fs::read_to_string(&a.grid)
        .map_err(|e| InputError(format!("cannot read {}: {e}", a.grid.display())))?;
    let grid: GridFile =
        toml::from_str(&text).map_err(|e| InputError(format!("{}: {e}", a.grid.display())))?;
    let g = grid.sweep;
    let data = super::load(dir)?;
    let contexts = contexts(&data, &g)?;
    let gwh = g.plant_gwh.values("plant_gwh")?;
    if let Some(bad) = gwh.iter().find(|v| !(**v > 0.0 && **v <= 1.0e4)) {
        return Err(InputError(format!(
            "sweep.plant_gwh: {bad} is not allowed; give values > 0 and <= 10000"
        ))
        .into());
    }
    let kw = axis_or(
        &g.pack_kw,
        "pack_kw",
        contexts.first().map(|c| c.base.pack_power_kw),
    )?;
    let thick = match &g.max_thickness_um {
        Some(ax) => ax
            .values("max_thickness_um")?
            .into_iter()
            .map(Some)
            .collect(),
        None => vec![None],
    };
    let total = contexts.len() * gwh.len() * kw.len() * thick.len();
    let factory = Factory::load(&data, DEFAULT_COST_MODEL)?;
    let mut out: Box<dyn Write> = match &a.output {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).map_err(Failure::internal)?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let bar = progress(total as u64);
    let point = |i: usize| {
        let (c, rest) = (i % contexts.len(), i / contexts.len());
        let (gi, rest) = (rest % gwh.len(), rest / gwh.len());
        let (ki, ti) = (rest % kw.len(), rest / kw.len());
        evaluate(&factory, &contexts[c], gwh[gi], kw[ki], thick[ti], a.format)
    };
    header(&mut out, a.format).map_err(Failure::internal)?;
    const CHUNK: usize = 1 << 15;
    for start in (0..total).step_by(CHUNK) {
        let end = (start + CHUNK).min(total);
        let rows: Vec<String> = (start..end).into_par_iter().map(point).collect();
        for (j, r) in rows.iter().enumerate() {
            let sep = if a.format == Format::Json && start + j > 0 {
                ","
            } else {
                ""
            };
            writeln!(out, "{sep}{r}").map_err(Failure::internal)?;
        }
        bar.inc((end - start) as u64);
    }
    if a.format == Format::Json {
        writeln!(out, "]").map_err(Failure::internal)?;
    }
    out.flush().map_err(Failure::internal)?;
    bar.finish_and_clear();
    Ok(())
}

fn axis_or(ax: &Option<Axis>, name: &str, default: Option<f64>) -> Result<Vec<f64>, InputError> {
    match (ax, default) {
        (Some(a), _) => a.values(name),
        (None, Some(d)) => Ok(vec![d]),
        (None, None) => Ok(vec![0.0]),
    }
}

fn contexts(data: &Dataset, g: &Grid) -> crate::Result<Vec<Context>> {
    let factory = Factory::load(data, DEFAULT_COST_MODEL)?;
    let mut out = Vec::new();
    for couple in &g.couples {
        let req = couple_request(data, couple)?;
        let chemistry = Chemistry::load(data, &req)?;
        for region in &g.regions {
            for processes in &g.processes {
                let opts = PlantOptions {
                    plant_gwh_per_yr: 1.0,
                    region: (region != "batpac").then(|| region.clone()),
                    processes: processes.clone(),
                    price_basis: g.prices.clone(),
                };
                let prepared = factory.prepare(&chemistry, &opts)?;
                out.push(Context {
                    couple: couple.clone(),
                    region: region.clone(),
                    processes: processes.join("+"),
                    chemistry: chemistry.clone(),
                    base: req.inputs,
                    prepared,
                });
            }
        }
    }
    if out.is_empty() {
        return Err(
            InputError("sweep: couples, regions and processes must not be empty".into()).into(),
        );
    }
    Ok(out)
}

const COLUMNS: [&str; 13] = [
    "couple",
    "region",
    "processes",
    "plant_gwh",
    "pack_kw",
    "max_thickness_um",
    "status",
    "positive_thickness_um",
    "cell_wh_per_kg",
    "cell_cost_usd_per_kwh",
    "pack_usd_per_kwh",
    "capex_musd_per_gwh",
    "energy_kwh_per_kwh",
];

fn header(out: &mut dyn Write, f: Format) -> std::io::Result<()> {
    match f {
        Format::Json => writeln!(out, "["),
        _ => writeln!(out, "{}", COLUMNS.join(",")),
    }
}

fn evaluate(
    factory: &Factory,
    c: &Context,
    gwh: f64,
    kw: f64,
    thickness: Option<f64>,
    format: Format,
) -> String {
    let mut inputs = c.base;
    inputs.pack_power_kw = kw;
    if thickness.is_some() {
        inputs.max_positive_thickness_um = thickness;
    }
    let result = c.chemistry.solve(&inputs).map(|d| {
        (
            d.cell.positive_thickness_um,
            d.cell.specific_energy_wh_per_kg,
            factory.evaluate_at(&c.prepared, &d, gwh),
        )
    });
    let thick = thickness.map(num).unwrap_or_default();
    let mut cells = vec![
        c.couple.clone(),
        c.region.clone(),
        c.processes.clone(),
        num(gwh),
        num(kw),
        thick,
    ];
    match result {
        Ok((t, whkg, r)) => cells.extend([
            "ok".into(),
            num(t),
            num(whkg),
            num(r.cell_cost_usd_per_kwh),
            num(r.pack_usd_per_kwh),
            num(r.plant.capex_musd_per_gwh),
            num(r.plant.energy_kwh_per_kwh),
        ]),
        Err(e) => {
            cells.push(format!("infeasible: {e}"));
            cells.extend(std::iter::repeat_n(String::new(), 6));
        }
    }
    row(&cells, format)
}

fn row(cells: &[String], format: Format) -> String {
    if format == Format::Json {
        let obj: serde_json::Map<String, serde_json::Value> = COLUMNS
            .iter()
            .zip(cells)
            .map(|(k, v)| {
                let value = v
                    .parse::<f64>()
                    .ok()
                    .and_then(|x| serde_json::Number::from_f64(x).map(serde_json::Value::Number))
                    .unwrap_or_else(|| {
                        if v.is_empty() {
                            serde_json::Value::Null
                        } else {
                            serde_json::Value::String(v.clone())
                        }
                    });
                (k.to_string(), value)
            })
            .collect();
        serde_json::Value::Object(obj).to_string()
    } else {
        cells
            .iter()
            .map(|c| {
                if c.contains([',', '"']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    }
}

fn progress(total: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} designs  {per_sec}  eta {eta}")
    {
        bar.set_style(style);
    }
    bar
}
