//! `leapfrog life`: capacity (and resistance) over the years under a duty profile, with the
//! BLAST-Lite models; `--list` shows each model, its source, tested range and what moves it.

use crate::options;
use crate::output::{emit, fixed, num, Format, InputError, OutputArgs, Table};
use leapfrog_data::{Dataset, LifeModel};
use leapfrog_life::{CycleSpec, Life, LifeResult, Profile, Stop, Which};
use serde_json::json;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("duty").args(["profile", "cycle"])))]
#[command(group(clap::ArgGroup::new("ages").args(["model", "chemistry", "list"]).required(true)))]
pub struct Args {
    /// Model id (see `leapfrog life --list`).
    #[arg(long)]
    model: Option<String>,
    /// A couple or storage system: its default ageing model (data/couple_life.toml), a fitted
    /// model where one exists, else its rated cycle life.
    #[arg(long)]
    chemistry: Option<String>,
    /// CSV with columns time_s,soc,temperature_c (others ignored), repeated for the span.
    #[arg(long, value_name = "FILE")]
    profile: Option<PathBuf>,
    /// A daily cycle: dod, soc_max, charge_c, discharge_c, per_day, rest_h, temperature_c
    /// as key=value pairs, e.g. "dod=0.8,soc_max=0.95,charge_c=0.5,discharge_c=1,per_day=1,rest_h=2,temperature_c=25".
    #[arg(long, value_name = "SPEC")]
    cycle: Option<String>,
    /// Stop after this many years (default 10 when no other stop is given).
    #[arg(long, allow_negative_numbers = true, value_parser = options::within(options::LIFE_YEARS))]
    years: Option<f64>,
    /// Stop after this many equivalent full cycles.
    #[arg(long, allow_negative_numbers = true, value_parser = options::within(options::LIFE_EFC))]
    until_efc: Option<f64>,
    /// Stop when relative capacity falls below this fraction.
    #[arg(long, allow_negative_numbers = true, value_parser = options::within(options::LIFE_CAPACITY))]
    until_capacity: Option<f64>,
    /// List the models instead of simulating.
    #[arg(long)]
    list: bool,
    /// Run as BLAST-Lite 1.1.1 does: on past the capacity range a model was fitted on (flagged
    /// in within_tested_range) instead of ending there with an end_reason.
    #[arg(long)]
    blast_compatible: bool,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(dir: Option<&Path>, a: Args) -> crate::Result {
    // Without a user folder, decode just the layers this command reads, so a simulation starts
    // in a few milliseconds: the models cite only the bibliography; a chemistry's default also
    // needs the chemistries.
    let data = match (dir, &a.chemistry) {
        (None, None) => super::embedded_layers(&["common", "life"])?,
        (None, Some(_)) => super::embedded_layers(&["common", "cell", "life", "life-defaults"])?,
        (Some(_), _) => super::load(dir)?,
    };
    if a.list {
        return list(&data, a.output.format);
    }
    let which = match (&a.model, &a.chemistry) {
        (Some(id), _) => {
            let id = options::canonical::<LifeModel>(&data, "--model", id)?;
            let m = leapfrog_life::model(&data, &id)?;
            // A family's general model says so (its band and family in the output).
            match data
                .life_families
                .iter()
                .find(|f| f.model.as_deref() == Some(id.as_str()))
            {
                Some(f) => Which::Family(m, f),
                None => Which::Fitted(m),
            }
        }
        (None, Some(c)) => leapfrog_life::for_chemistry(&data, &canonical_chemistry(&data, c)?)?,
        (None, None) => return Err(InputError("give --model, --chemistry or --list".into()).into()),
    };
    let profile = profile(&a)?;
    // One period of the profile must fit in the years asked: --years is honoured or refused,
    // never silently overrun by a profile longer than it.
    let span_years = profile.time_s.last().copied().unwrap_or(0.0) / (365.0 * 86_400.0);
    let asked = a
        .years
        .or((a.until_efc.is_none() && a.until_capacity.is_none()).then_some(10.0));
    if let Some(years) = asked.filter(|y| span_years > *y) {
        return Err(InputError(format!(
            "--profile {}: one period spans {} years, longer than the {} years asked; allowed: a profile no longer than --years (it repeats to fill them)",
            a.profile.as_ref().map_or(String::new(), |p| p.display().to_string()),
            if span_years < 1.0e6 { fixed(span_years, 1) } else { format!("{span_years:.3e}") },
            num(years)
        ))
        .into());
    }
    // A stop in cycles needs a profile that cycles: one that never moves charge would run on
    // to the year cap without ever reaching it.
    let cycles_per_period: f64 = profile
        .soc
        .windows(2)
        .map(|w| (w[1] - w[0]).abs() / 2.0)
        .sum();
    if let Some(n) = a.until_efc.filter(|_| cycles_per_period <= 0.0) {
        return Err(InputError(format!(
            "--until-efc {}: the profile moves no charge, so it never reaches a number of cycles; allowed: --years or --until-capacity for a profile that only stores",
            num(n)
        ))
        .into());
    }
    // Without --years a stop in cycles or capacity is capped at the longest span --years takes.
    let capped = a.years.is_none() && (a.until_efc.is_some() || a.until_capacity.is_some());
    let stop = Stop {
        years: a.years.or(Some(if capped { YEAR_CAP } else { 10.0 })),
        efc: a.until_efc,
        capacity: a.until_capacity,
    };
    let mut life = Life::of(which, &profile)?;
    life.blast_compatible(a.blast_compatible);
    let bar = crate::output::progress_share("of the life run");
    let mut r = life.run_reporting(&stop, &mut |share| {
        bar.set_position((share * 1000.0) as u64)
    })?;
    bar.finish_and_clear();
    let short_of = |s: &leapfrog_life::Summary| {
        a.until_efc.is_some_and(|n| s.equivalent_full_cycles < n)
            || a.until_capacity
                .is_some_and(|c| s.final_relative_capacity >= c)
    };
    if capped && r.summary.end_reason.is_none() && short_of(&r.summary) {
        r.summary.end_reason = Some(format!(
            "stopped at the {YEAR_CAP}-year cap before reaching the stop asked"
        ));
    }
    if a.output.format == Format::Table {
        header(&r);
    }
    emit(a.output.format, &yearly_table(&r), &r)?;
    if a.output.format == Format::Table {
        if let Some(w) = &r.model_warning {
            crate::outln!("warning: {w}");
        }
        if let Some(e) = &r.summary.end_reason {
            crate::outln!("ended early: {e}");
        }
        for w in &r.summary.warnings {
            crate::outln!(
                "warning: {} outside the tested {}..{} for {:.0}% of the time (up to {} beyond)",
                w.stressor,
                num(w.tested.0),
                num(w.tested.1),
                100.0 * w.share_of_time,
                num(w.furthest_outside)
            );
        }
    }
    Ok(())
}

/// A couple or storage-system id, canonical (ids match in any case).
fn canonical_chemistry(data: &Dataset, id: &str) -> crate::Result<String> {
    let known: Vec<&str> = data
        .couples
        .iter()
        .map(|c| c.id.as_str())
        .chain(data.flow_batteries.iter().map(|f| f.id.as_str()))
        .chain(data.iron_air.iter().map(|f| f.id.as_str()))
        .chain(data.nickel_hydrogen.iter().map(|f| f.id.as_str()))
        .collect();
    match known.iter().find(|k| k.eq_ignore_ascii_case(id)) {
        Some(k) => Ok(k.to_string()),
        None => Err(leapfrog_data::NotFound::new("chemistry", id, known)
            .at("--chemistry")
            .into()),
    }
}

/// The longest span a run covers: what --years allows.
const YEAR_CAP: f64 = 100.0;

fn profile(a: &Args) -> crate::Result<Profile> {
    match (&a.profile, &a.cycle) {
        (Some(path), None) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| InputError(format!("--profile {}: {e}", path.display())))?;
            Ok(Profile::from_csv(&path.display().to_string(), &text)?)
        }
        (None, Some(spec)) => Ok(CycleSpec::parse(spec)?.day()),
        _ => Err(InputError("give --profile FILE.csv or --cycle SPEC".into()).into()),
    }
}

fn header(r: &LifeResult) {
    let s = &r.summary;
    crate::outln!(
        "{} ({}, {} model) [{}]",
        r.model,
        r.model_name,
        r.model_kind,
        r.source
    );
    if let Some(rating) = &r.rating {
        crate::outln!("{}", rating_line(rating));
    }
    if let Some(choice) = &r.model_choice {
        crate::outln!("model: {choice}");
    }
    let to_80 = s.years_to_80_percent.map_or_else(
        || "not reached".to_string(),
        |y| format!("{} years", fixed(y, 1)),
    );
    let band = s.final_relative_capacity_band.map_or(String::new(), |b| {
        format!(" (band {}..{})", fixed(b.low, 3), fixed(b.high, 3))
    });
    crate::outln!(
        "after {} years: capacity {}{band}, {} equivalent full cycles; 80% capacity: {}",
        fixed(s.years, 1),
        fixed(s.final_relative_capacity, 3),
        num(s.equivalent_full_cycles),
        to_80
    );
}

fn yearly_table(r: &LifeResult) -> Table {
    let mut t = Table::new(&["year", "relative_capacity", "relative_resistance", "efc"]);
    for p in &r.yearly {
        t.push(vec![
            fixed(p.year, 0),
            fixed(p.relative_capacity, 4),
            p.relative_resistance.map_or("-".into(), |x| fixed(x, 4)),
            num(p.equivalent_full_cycles),
        ]);
    }
    t
}

fn list(data: &Dataset, format: Format) -> crate::Result {
    let rows = leapfrog_life::directions(data)?;
    let mut t = Table::new(&[
        "model",
        "cell",
        "temperature_c",
        "dod",
        "soc",
        "max_c",
        "temperature",
        "dod_effect",
        "soc_effect",
        "c_rate_effect",
        "source",
    ]);
    for r in &rows {
        t.push(vec![
            r.model.clone(),
            r.name.clone(),
            format!(
                "{}..{}",
                num(r.tested_temperature_c.0),
                num(r.tested_temperature_c.1)
            ),
            format!("{}..{}", num(r.tested_dod.0), num(r.tested_dod.1)),
            format!("{}..{}", num(r.tested_soc.0), num(r.tested_soc.1)),
            num(r.tested_max_c_rate),
            r.temperature.to_string(),
            r.dod.to_string(),
            r.soc.to_string(),
            r.c_rate.to_string(),
            r.source.clone(),
        ]);
    }
    emit(format, &t, &json!({ "models": rows }))
}

/// What a rating rests on, in one line: cycles to which end of life, under which conditions.
fn rating_line(r: &leapfrog_life::Rating) -> String {
    let mut parts = Vec::new();
    if let (Some(n), Some(eol)) = (r.cycle_life_efc, r.eol_capacity_fraction) {
        let from = r
            .eol_capacity_source
            .as_ref()
            .map_or(String::new(), |s| format!(" (end of life from {s})"));
        parts.push(format!(
            "{} equivalent full cycles to {}% of capacity{from}",
            num(n),
            fixed(eol * 100.0, 0)
        ));
    }
    let conditions: Vec<String> = [
        r.cycle_dod.map(|d| format!("DoD {}", fixed(d, 2))),
        r.cycle_c_rate.map(|c| format!("{}C", fixed(c, 2))),
        r.cycle_temperature_c.map(|t| format!("{} °C", fixed(t, 0))),
    ]
    .into_iter()
    .flatten()
    .collect();
    parts.push(if conditions.is_empty() {
        "conditions not stated by the source".to_string()
    } else {
        conditions.join(", ")
    });
    if let (Some(f), Some(s)) = (r.end_of_life_fraction, &r.end_of_life_source) {
        parts.push(format!("end of life at {}% ({s})", fixed(f * 100.0, 0)));
    }
    if let Some(y) = r.calendar_life_years {
        parts.push(format!("calendar life {} years", fixed(y, 1)));
    }
    format!("rating: {}", parts.join("; "))
}
