//! `leapfrog scenario` and `leapfrog leap`: the policy model under a package (a preset or a
//! file, with `--lever` overrides), with Monte Carlo; and the leap map.

use crate::output::{emit, num, Format, InputError, OutputArgs, Table};
use leapfrog_data::{Dataset, PolicyPackage};
use leapfrog_policy::attribution::{attribution, Attribution, Variant};
use leapfrog_policy::backcast::{backcast, Backcast};
use leapfrog_policy::leap::{leap_map, LeapMap};
use leapfrog_policy::montecarlo::Band;
use leapfrog_policy::{monte_carlo_with_progress, Levers, Model, MonteCarlo, Settings};
use serde_json::json;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("which").args(["preset", "file"])))]
pub struct Args {
    /// A policy package from data/policy.toml; default baseline (current law).
    #[arg(long)]
    preset: Option<String>,
    /// A scenario file: `levers = [{ name = "...", value = ... }, ...]` at the top level.
    #[arg(long)]
    file: Option<PathBuf>,
    /// A lever value on top of the package, NAME=VALUE (repeatable); see data/policy.toml.
    #[arg(long = "lever", value_parser = parse_lever)]
    levers: Vec<(String, f64)>,
    #[command(flatten)]
    mc: McArgs,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(clap::Args)]
pub struct McArgs {
    /// Monte Carlo runs (each run's outcomes are kept for the percentiles: about 1 kB a run).
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=500_000))]
    runs: u64,
    /// Seed of run 0's stream (run i is seeded by seed and i).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Worker threads; the output does not depend on it.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..=256))]
    threads: u64,
}

impl McArgs {
    fn settings(&self) -> Settings {
        Settings {
            runs: self.runs as usize,
            seed: self.seed,
            threads: self.threads as usize,
        }
    }
}

#[derive(clap::Args)]
pub struct LeapArgs {
    /// The policy package to map (default baseline).
    #[arg(long)]
    package: Option<String>,
    #[command(flatten)]
    mc: McArgs,
    #[command(flatten)]
    output: OutputArgs,
}

fn parse_lever(s: &str) -> Result<(String, f64), String> {
    let (name, value) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}`: expected NAME=VALUE"))?;
    let v: f64 = value
        .trim()
        .parse()
        .map_err(|_| format!("`{s}`: the value `{value}` is not a number"))?;
    if !v.is_finite() {
        return Err(format!("`{s}`: the value must be finite"));
    }
    Ok((name.trim().to_string(), v))
}

fn package(
    data: &Dataset,
    preset: Option<&str>,
    file: Option<&PathBuf>,
    option: &str,
) -> crate::Result<PolicyPackage> {
    match (preset, file) {
        (_, Some(f)) => {
            let text = std::fs::read_to_string(f).map_err(|e| {
                InputError(format!("--file {}: cannot read the file: {e}", f.display()))
            })?;
            Ok(leapfrog_data::read_package_spec(
                data,
                &f.display().to_string(),
                &text,
            )?)
        }
        (p, None) => {
            let id =
                crate::options::canonical::<PolicyPackage>(data, option, p.unwrap_or("baseline"))?;
            Ok(data
                .policy_package(&id)
                .cloned()
                .ok_or_else(|| InputError(format!("{option} {id}: no such package")))?)
        }
    }
}

/// The Monte Carlo with a progress bar on a terminal's stderr.
fn runs(model: &Model, levers: &Levers, settings: Settings) -> crate::Result<MonteCarlo> {
    let bar = crate::output::progress(settings.runs as u64, "runs");
    let mc = monte_carlo_with_progress(model, levers, settings, &|| bar.inc(1))?;
    bar.finish_and_clear();
    Ok(mc)
}

pub fn run(dir: Option<&Path>, a: Args) -> crate::Result {
    let data = super::load(dir)?;
    let pkg = package(&data, a.preset.as_deref(), a.file.as_ref(), "--preset")?;
    let model = Model::prepare(&data)?;
    let levers = Levers::resolve(&data, &model, Some(&pkg), &a.levers)?;
    let past = backcast(&data, &model)?;
    let mc = runs(&model, &levers, a.mc.settings())?;
    if a.output.format == Format::Table {
        crate::outln!("{}", backcast_line(&past));
        crate::out!("{}", backcast_table(&past).text());
        crate::outln!();
        crate::outln!("{}", headline(&pkg, &mc));
        // A scenario file's own name, when it gives one, heads its output.
        if a.file.is_some() && !pkg.name.trim().is_empty() {
            crate::outln!("{}", pkg.name.trim());
        }
    }
    emit(
        a.output.format,
        &year_table(&mc),
        &json!({ "package": pkg.id, "name": pkg.name, "rules_as_of": model.rules.as_of, "backcast": past.rows, "backcast_parameters": past.parameters, "backcast_note": backcast_note(&past), "levers": levers.values, "monte_carlo": mc }),
    )?;
    if a.output.format == Format::Table {
        crate::outln!();
        crate::out!("{}", tornado_table(&mc).text());
        if !mc.tornado_no_effect.is_empty() {
            crate::outln!(
                "Moved to both ends of their ranges without moving the outcome: {}.",
                mc.tornado_no_effect.join(", ")
            );
        }
        crate::outln!();
        crate::outln!("{}", rules_line(&model));
    }
    Ok(())
}

pub fn run_leap(dir: Option<&Path>, a: LeapArgs) -> crate::Result {
    let data = super::load(dir)?;
    let pkg = package(&data, a.package.as_deref(), None, "--package")?;
    let model = Model::prepare(&data)?;
    let levers = Levers::resolve(&data, &model, Some(&pkg), &[])?;
    let mc = runs(&model, &levers, a.mc.settings())?;
    let map = leap_map(&model, &mc);
    let parts = attribution(&data, &model, &pkg, &mc)?;
    if a.output.format == Format::Table {
        crate::outln!(
            "Leap map under `{}` ({} runs, seed {}): U.S. share of each sector's world supply from U.S. plants of each chemistry (median [10th-90th percentile]).",
            pkg.id, mc.settings.runs, mc.settings.seed
        );
    }
    emit(
        a.output.format,
        &leap_table(&map),
        &json!({ "package": pkg.id, "rules_as_of": model.rules.as_of, "leap": map, "attribution": parts, "fiscal": fiscal_json(&model, &parts) }),
    )?;
    if a.output.format == Format::Table {
        let c = &map.comparison;
        crate::outln!();
        crate::outln!(
            "Catching up (LFP and NMC for EVs): U.S. share of EV supply in 2045 {}, value captured {} B$, of which U.S. plants add {} B$ (value added: sales plus 45X and procurement over the market price, less imported materials). Leading (new chemistries in {}): U.S. share of those sectors' supply in 2045 {} weighted by their GWh ({} as a plain mean of the sectors), value captured {} B$, value added {} B$; {}.",
            pct(c.catch_up_share_2045), num(c.catch_up_value_busd), num(c.catch_up_value_added_busd), c.lead_sectors.join(", "), pct(c.lead_share_2045), pct(c.lead_share_2045_unweighted), num(c.lead_value_busd), num(c.lead_value_added_busd),
            if c.won { format!("the new sectors are won (at least {} by GWh)", pct(c.won_share)) } else { format!("not won (that takes {} by GWh)", pct(c.won_share)) }
        );
        crate::outln!();
        crate::outln!("Where each chemistry was invented (its licence chain in data/ip.toml) and the U.S. share of its world capacity: the IP lever (ip_leak_share, the share of a U.S. invention's production licensed abroad) applies only to a U.S. invention.");
        crate::out!("{}", origin_table(&map).text());
        crate::outln!();
        crate::outln!("{}", attribution_line(&parts));
        crate::out!("{}", attribution_table(&parts).text());
        crate::outln!("{}", rules_line(&model));
    }
    Ok(())
}

/// Each variant's fiscal cost, per item and year: the package's, current law's and each
/// lever's alone.
fn fiscal_json(model: &Model, parts: &Attribution) -> serde_json::Value {
    // A cost per added kWh exists only where output rises; where it does not, the key is left
    // out rather than null.
    let per_kwh = |v: &Variant, mut j: serde_json::Value, key: &str| {
        if let Some(x) = v.fiscal_usd_per_added_kwh {
            j[key] = json!(x);
        }
        j
    };
    let levers: Vec<_> = parts
        .alone
        .iter()
        .map(|v| {
            let j = json!({ "lever": v.lever, "value": v.value, "fiscal": v.fiscal, "added_busd": v.added.fiscal_busd });
            per_kwh(v, j, "usd_per_added_kwh")
        })
        .collect();
    let j = json!({
        "years": model.years,
        "items": leapfrog_policy::run::FISCAL,
        "basis": "means across runs, undiscounted, in the price basis's dollars; depreciation is the tax deferred against current law's schedule, as a present value when the plant starts",
        "current_law": parts.current_law.fiscal,
        "package": parts.whole_package.fiscal,
        "package_added_busd": parts.whole_package.added.fiscal_busd,
        "levers_alone": levers,
    });
    per_kwh(&parts.whole_package, j, "package_usd_per_added_kwh")
}

fn attribution_line(parts: &Attribution) -> String {
    format!(
        "Each lever of `{}` alone on current law, and the package less each ({} runs each on the same seeds; shares are medians, output and fiscal cost means; effects alone need not add up to the package's: levers interact). Fiscal cost: 45X paid, state grants, procurement over the market price and depreciation faster than current law's, summed over the years.",
        parts.package, parts.settings.runs
    )
}

fn attribution_table(parts: &Attribution) -> Table {
    let mut t = Table::new(&[
        "levers",
        "US share 2035",
        "US share 2045",
        "lead share 2045",
        "added US output GWh",
        "fiscal B$",
        "added fiscal B$",
        "$ per added kWh",
    ]);
    let row = |v: &Variant| {
        vec![
            match v.value {
                Some(x) => format!("{} ({})", v.label, num(x)),
                None => v.label.clone(),
            },
            pct(v.outcome.us_share_2035),
            pct(v.outcome.us_share_2045),
            pct(v.outcome.lead_share_2045),
            num(v.added.us_output_gwh),
            num(v.fiscal.total_busd),
            num(v.added.fiscal_busd),
            v.fiscal_usd_per_added_kwh.map_or("-".into(), num),
        ]
    };
    t.push(row(&parts.current_law));
    for v in parts.alone.iter().chain(&parts.package_less) {
        t.push(row(v));
    }
    t.push(row(&parts.whole_package));
    let sum = &parts.sum_of_levers_alone;
    t.push(vec![
        "levers alone, added outcomes summed".into(),
        format!("+{}", pct(sum.us_share_2035)),
        format!("+{}", pct(sum.us_share_2045)),
        format!("+{}", pct(sum.lead_share_2045)),
        num(sum.us_output_gwh),
        "-".into(),
        num(sum.fiscal_busd),
        "-".into(),
    ]);
    t
}

/// What the backcast is: its years, inputs and the fitted parameter.
fn backcast_line(b: &Backcast) -> String {
    let fitted: Vec<String> = b
        .parameters
        .iter()
        .filter(|p| p.fitted)
        .map(|p| {
            let years: Vec<String> = p.fitted_on.iter().map(i32::to_string).collect();
            format!(
                "{} {:.2} (prior {:.2}-{:.2}) fitted on {} only",
                p.name,
                p.value,
                p.prior[0],
                p.prior[1],
                years.join(" and ")
            )
        })
        .collect();
    format!(
        "Backcast {}-{}, before any projection: the model over the past with the published demand and the plants' capacity, production start and status as inputs; {}. Rows of other years are out of sample. World output follows demand (no consumer-electronics sector, no stock-building), so it sits below the published output by construction.",
        b.years[0],
        b.years[1],
        fitted.join("; ")
    )
}

fn backcast_note(b: &Backcast) -> String {
    format!(
        "{} Plants in {} ({:.1} GWh of ramped capacity in {}) are left out: the model does not cost those countries.",
        b.note,
        b.left_out_countries.join(", "),
        b.left_out_gwh,
        b.years[1]
    )
}

fn backcast_table(b: &Backcast) -> Table {
    let mut t = Table::new(&[
        "year",
        "metric",
        "model",
        "published",
        "band",
        "in band",
        "in sample",
    ]);
    let fmt = |v: f64| {
        if v.abs() >= 10.0 {
            format!("{v:.0}")
        } else {
            format!("{v:.3}")
        }
    };
    for r in &b.rows {
        t.push(vec![
            r.year.to_string(),
            r.metric.clone(),
            fmt(r.model),
            fmt(r.published),
            format!("{}-{}", fmt(r.low), fmt(r.high)),
            if r.inside { "yes" } else { "no" }.into(),
            if r.calibrated { "yes" } else { "no" }.into(),
        ]);
    }
    t
}

/// The one line that says what date the rules applied describe.
fn rules_line(model: &Model) -> String {
    format!(
        "Duties, 45X and China's controls from data/rules.toml as of {} (`leapfrog rules`).",
        model.rules.as_of
    )
}

fn pct(v: f64) -> String {
    format!("{:.1}%", 100.0 * v)
}

/// A share of runs, with a decimal below 1% so a few runs do not read as none.
fn share_of_runs(share: f64) -> String {
    if share < 0.01 {
        format!("{:.1}%", 100.0 * share)
    } else {
        format!("{:.0}%", 100.0 * share)
    }
}

fn band_pct(b: &Band) -> String {
    format!("{} [{}-{}]", pct(b.p50), pct(b.p10), pct(b.p90))
}

fn headline(pkg: &PolicyPackage, mc: &MonteCarlo) -> String {
    let parity: Vec<String> = mc
        .parity
        .iter()
        .map(|p| match p.median_year {
            Some(y) => format!(
                "{} {} of runs (median {y:.0})",
                p.chemistry,
                share_of_runs(p.share_of_runs)
            ),
            None => format!("{} never", p.chemistry),
        })
        .collect();
    format!(
        "Scenario `{}` ({} runs, seed {}): U.S. cost reaches China's by {}: {}.",
        pkg.id,
        mc.settings.runs,
        mc.settings.seed,
        mc.years.last().copied().unwrap_or_default(),
        parity.join("; ")
    )
}

fn year_table(mc: &MonteCarlo) -> Table {
    let mut header: Vec<&'static str> = vec!["year"];
    let ratio = &mc.summary;
    for k in &mc.chemistries {
        header.push(Box::leak(format!("US/CN cost {k}").into_boxed_str()));
    }
    for (s, _) in &mc.us_share {
        header.push(Box::leak(format!("US share {s}").into_boxed_str()));
    }
    header.push("US share all");
    let mut t = Table::new(&header);
    for (i, y) in mc.years.iter().enumerate().filter(|(_, y)| *y % 5 == 0) {
        let mut row = vec![y.to_string()];
        row.extend(mc.chemistries.iter().map(|k| {
            ratio.cost_ratio(k, *y).map_or("-".into(), |b| {
                format!("{:.2} [{:.2}-{:.2}]", b.p50, b.p10, b.p90)
            })
        }));
        row.extend(mc.us_share.iter().map(|(_, b)| band_pct(&b[i])));
        row.push(band_pct(&mc.us_share_total[i]));
        t.push(row);
    }
    t
}

fn tornado_table(mc: &MonteCarlo) -> Table {
    let mut t = Table::new(&[
        "input (tornado)",
        "low",
        "high",
        "US share at low",
        "US share at high",
    ]);
    for b in &mc.tornado {
        t.push(vec![
            b.input.clone(),
            b.low.clone(),
            b.high.clone(),
            pct(b.outcome_at_low),
            pct(b.outcome_at_high),
        ]);
    }
    t.push(vec![
        "(central)".into(),
        String::new(),
        String::new(),
        pct(mc.tornado_outcome_central),
        pct(mc.tornado_outcome_central),
    ]);
    t
}

fn origin_table(map: &LeapMap) -> Table {
    let mut t = Table::new(&[
        "chemistry",
        "licence chain",
        "invented in",
        "IP lever",
        "licensed production goes to",
        "US share of capacity 2035",
        "US share of capacity 2045",
    ]);
    for r in &map.origins {
        t.push(vec![
            r.chemistry.clone(),
            r.ip_technology
                .clone()
                .unwrap_or_else(|| "none on record".into()),
            r.invented_in.clone().unwrap_or_else(|| "-".into()),
            r.ip_lever_status().into(),
            r.licensee_basis.clone().unwrap_or_else(|| "-".into()),
            band_pct(&r.us_capacity_share_2035),
            band_pct(&r.us_capacity_share_2045),
        ]);
    }
    t
}

fn leap_table(map: &LeapMap) -> Table {
    let mut t = Table::new(&[
        "chemistry",
        "sector",
        "fit",
        "US share 2035",
        "US share 2045",
        "value B$",
        "value added B$",
        "US cost reaches China's",
        "45X material assistance ratio",
    ]);
    for r in &map.rows {
        t.push(vec![
            r.chemistry.clone(),
            r.sector.clone(),
            r.fit.into(),
            band_pct(&r.us_share_2035),
            band_pct(&r.us_share_2045),
            num(r.value_captured_busd.p50),
            num(r.value_added_busd.p50),
            match r.parity_median_year {
                Some(y) => format!(
                    "{} of runs, median {y:.0}",
                    share_of_runs(r.parity_share_of_runs)
                ),
                None => "never".into(),
            },
            pct(r.material_assistance_ratio),
        ]);
    }
    t
}
