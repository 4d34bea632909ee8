//! `leapfrog sweep --grid FILE`: reads a grid, evaluates it with the factory crate's sweep engine
//! in chunks (in parallel, in order) and writes CSV or JSON rows, with a progress bar on a terminal.

use crate::output::{num, InputError};
use crate::Failure;
use leapfrog_factory::sweep::{Grid, Sweep, SweepRow};
use serde::Deserialize;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// TOML file with a [sweep] table: couples, regions ("batpac" for BatPaC's reference),
    /// processes (a list of lists), prices (a price basis id), and axes plant_gwh, pack_kw, max_thickness_um,
    /// fast_charge_minutes, each a list of values or {from, to, steps}.
    #[arg(long, value_name = "FILE")]
    grid: PathBuf,
    /// Write here instead of stdout.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "csv")]
    format: SweepFormat,
}

/// A sweep writes rows as it goes: CSV or a JSON array (no aligned table).
#[derive(Debug, Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
enum SweepFormat {
    Csv,
    Json,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GridFile {
    sweep: Grid,
}

pub fn run(dir: Option<&Path>, a: Args) -> crate::Result {
    match write_sweep(dir, &a) {
        // A reader that stops early (`leapfrog sweep | head`) has what it asked for.
        Err(e) if e.is_broken_pipe() => Ok(()),
        other => other,
    }
}

/// A failed write: a closed pipe ends the sweep quietly; anything else is ours to report.
/// A failed write names where it was writing: the user's --output file is theirs to fix (a
/// full disk, a read-only place); stdout failing is ours.
fn written(output: Option<&Path>) -> impl Fn(std::io::Error) -> Failure + '_ {
    move |e| match output {
        Some(p) => InputError(format!("--output {}: cannot write: {e}", p.display())).into(),
        None => Failure::internal(e).context("writing the sweep to stdout".into()),
    }
}

fn write_sweep(dir: Option<&Path>, a: &Args) -> crate::Result {
    let text = std::fs::read_to_string(&a.grid)
        .map_err(|e| InputError(format!("cannot read {}: {e}", a.grid.display())))?;
    let name = a.grid.display().to_string();
    let grid: GridFile = toml::from_str(&text).map_err(|e| {
        leapfrog_data::toml_error(
            &name,
            &text,
            &e,
            "a [sweep] table of lists: couples, regions, processes, plant_gwh, pack_kw (see `leapfrog sweep --help`)",
        )
    })?;
    let data = super::load(dir)?;
    let sweep = Sweep::new(&data, &grid.sweep).map_err(|e| located(&name, &text, e))?;
    let total = sweep.len();
    let mut out: Box<dyn Write> = match &a.output {
        Some(p) => Box::new(std::io::BufWriter::new(std::fs::File::create(p).map_err(
            |e| {
                InputError(format!(
                    "--output {}: cannot create the file: {e}",
                    p.display()
                ))
            },
        )?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let bar = crate::output::progress(total as u64, "designs");
    let written = written(a.output.as_deref());
    header(&mut out, a.format).map_err(&written)?;
    const CHUNK: usize = 1 << 15;
    for start in (0..total).step_by(CHUNK) {
        let end = (start + CHUNK).min(total);
        let rows = sweep.par_map(start..end, |r| row(&cells(&r), a.format));
        for (j, r) in rows.iter().enumerate() {
            let sep = if a.format == SweepFormat::Json && start + j > 0 {
                ","
            } else {
                ""
            };
            writeln!(out, "{sep}{r}").map_err(&written)?;
        }
        bar.inc((end - start) as u64);
    }
    if a.format == SweepFormat::Json {
        writeln!(out, "]").map_err(&written)?;
    }
    out.flush().map_err(&written)?;
    bar.finish_and_clear();
    Ok(())
}

const COLUMNS: [&str; 14] = [
    "couple",
    "region",
    "processes",
    "plant_gwh",
    "pack_kw",
    "max_thickness_um",
    "fast_charge_minutes",
    "status",
    "positive_thickness_um",
    "cell_wh_per_kg",
    "cell_cost_usd_per_kwh",
    "pack_usd_per_kwh",
    "capex_musd_per_gwh",
    "energy_kwh_per_kwh",
];

fn header(out: &mut dyn Write, f: SweepFormat) -> std::io::Result<()> {
    match f {
        SweepFormat::Json => writeln!(out, "["),
        _ => writeln!(out, "{}", COLUMNS.join(",")),
    }
}

/// A grid point's CSV cells, in `COLUMNS` order.
fn cells(r: &SweepRow) -> Vec<String> {
    let mut cells = vec![
        r.couple.to_string(),
        r.region.to_string(),
        r.processes.to_string(),
        num(r.plant_gwh),
        num(r.pack_kw),
        r.max_thickness_um.map(num).unwrap_or_default(),
        num(r.fast_charge_minutes),
    ];
    match &r.outcome {
        Ok(p) => cells.extend([
            "ok".into(),
            num(p.positive_thickness_um),
            num(p.cell_wh_per_kg),
            num(p.cell_cost_usd_per_kwh),
            num(p.pack_usd_per_kwh),
            num(p.capex_musd_per_gwh),
            num(p.energy_kwh_per_kwh),
        ]),
        Err(e) => {
            cells.push(format!("infeasible: {e}"));
            cells.extend(std::iter::repeat_n(String::new(), 6));
        }
    }
    cells
}

fn row(cells: &[String], format: SweepFormat) -> String {
    if format == SweepFormat::Json {
        // An empty cell (no thickness cap, or the figures of an infeasible point, whose
        // `status` says why) is left out rather than written as null.
        let obj: serde_json::Map<String, serde_json::Value> = COLUMNS
            .iter()
            .zip(cells)
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| {
                let value = v
                    .parse::<f64>()
                    .ok()
                    .and_then(|x| serde_json::Number::from_f64(x).map(serde_json::Value::Number))
                    .unwrap_or_else(|| serde_json::Value::String(v.clone()));
                (k.to_string(), value)
            })
            .collect();
        serde_json::Value::Object(obj).to_string()
    } else {
        csv_line(cells)
    }
}

/// One CSV record, without its line end (rows are written with `writeln!`).
fn csv_line(cells: &[String]) -> String {
    let mut w = csv::WriterBuilder::new()
        .buffer_capacity(256)
        .from_writer(Vec::with_capacity(256));
    // Writing to a Vec cannot fail.
    let _ = w.write_record(cells);
    let mut bytes = w.into_inner().unwrap_or_default();
    bytes.pop();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A grid's value error at its file and line: the error names `sweep.KEY`, found on the line
/// that sets KEY.
fn located(file: &str, text: &str, e: leapfrog_factory::FactoryError) -> crate::Failure {
    use leapfrog_data::Blamed;
    if e.blame() != leapfrog_data::Blame::User {
        return e.into();
    }
    let message = e.to_string();
    let key = message
        .strip_prefix("sweep.")
        .and_then(|m| m.split([':', ' ']).next());
    let line = key.and_then(|k| {
        text.lines()
            .position(|l| l.trim_start().starts_with(k) && l.contains('='))
            .map(|i| i + 1)
    });
    match line {
        Some(n) => InputError(format!("{file}:{n}: {message}")).into(),
        None => InputError(format!("{file}: {message}")).into(),
    }
}
