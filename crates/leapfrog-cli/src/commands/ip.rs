//! `leapfrog ip`: each technology's licence chain as a timeline, its exits from U.S.
//! jurisdiction and control, where it scaled and the first-lever findings; `leapfrog ip check`
//! runs the same checks on planned licences.

use crate::options;
use crate::output::{emit, Format, InputError, OutputArgs, Table};
use leapfrog_data::IpTechnology;
use leapfrog_ip::{chain, chains, check_deals, Chain};
use serde_json::json;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    check: Option<Sub>,
    /// A technology id from data/ip.toml (li-ion, lfp, nmc, vrfb); default all.
    #[arg(long)]
    technology: Option<String>,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(clap::Subcommand)]
enum Sub {
    /// Checks planned licences: a TOML file of [[ip_deal]] tables with id, licensor, licensee,
    /// licensee_country, licensee_parent_country (region ids), publicly_funded, funder
    /// (optional), date, exclusive, sublicensing_allowed, manufacturing_condition and
    /// field_of_use (optional).
    Check {
        #[arg(long)]
        file: PathBuf,
        #[command(flatten)]
        output: OutputArgs,
    },
}

pub fn run(dir: Option<&Path>, a: Args) -> crate::Result {
    let data = super::load(dir)?;
    if let Some(Sub::Check { file, output }) = a.check {
        return run_check(&data, &file, output.format);
    }
    let list = match &a.technology {
        Some(t) => vec![chain(
            &data,
            &options::canonical::<IpTechnology>(&data, "--technology", t)?,
        )?],
        None => chains(&data)?,
    };
    let table = summary(&list);
    let parties: Vec<&leapfrog_data::IpOrganisation> = data
        .ip_organisations
        .iter()
        .filter(|o| {
            let named = |id: &str| {
                data.ip_events.iter().any(|e| {
                    list.iter().any(|c| c.technology == e.technology)
                        && (e.by == id
                            || e.to.as_deref() == Some(id)
                            || e.approved_by.as_deref() == Some(id))
                })
            };
            named(&o.id)
        })
        .collect();
    emit(
        a.output.format,
        &table,
        &json!({ "organisations": parties, "chains": list }),
    )?;
    if a.output.format == Format::Table {
        for c in &list {
            crate::outln!();
            crate::out!("{}", timeline(c).text());
            if !c.findings.is_empty() {
                crate::out!("{}", findings(c).text());
            }
        }
    }
    Ok(())
}

fn exit_text(e: &Option<leapfrog_ip::Exit>) -> String {
    e.as_ref().map_or("-".into(), |e| {
        format!("{} {} ({})", e.date, e.to, e.country)
    })
}

fn summary(list: &[Chain]) -> Table {
    let mut t = Table::new(&[
        "technology",
        "U.S. invention",
        "left U.S. jurisdiction",
        "left U.S. control",
        "scaled abroad",
    ]);
    for c in list {
        t.push(vec![
            c.technology.clone(),
            c.us_invention
                .as_ref()
                .map_or("-".into(), |s| format!("{} {}", s.date, s.by)),
            exit_text(&c.left_us_jurisdiction),
            exit_text(&c.left_us_control),
            c.scaled_abroad.as_ref().map_or("-".into(), |s| {
                format!("{} {} ({})", s.date, s.by, s.country)
            }),
        ]);
    }
    t
}

fn timeline(c: &Chain) -> Table {
    let mut t = Table::new(&["date", "event", "by", "to", "what happened", "source"]);
    t.push(vec![
        String::new(),
        c.name.clone(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]);
    for s in &c.timeline {
        t.push(vec![
            s.date.clone(),
            format!("{:?}", s.kind).to_lowercase(),
            s.by.clone(),
            s.to.clone().unwrap_or_default(),
            s.summary.clone(),
            s.source.clone(),
        ]);
    }
    t
}

fn findings(c: &Chain) -> Table {
    let mut t = Table::new(&["finding", "date", "what", "source"]);
    for f in &c.findings {
        t.push(vec![
            f.check.into(),
            f.date.clone(),
            f.finding.clone(),
            f.source.clone(),
        ]);
    }
    t
}

fn run_check(data: &leapfrog_data::Dataset, file: &Path, format: Format) -> crate::Result {
    let text = std::fs::read_to_string(file).map_err(|e| {
        InputError(format!(
            "--file {}: cannot read the file: {e}",
            file.display()
        ))
    })?;
    let deals = leapfrog_data::read_deals(data, &file.display().to_string(), &text)?;
    let found = check_deals(&deals);
    let mut t = Table::new(&["deal", "check", "severity", "finding"]);
    for f in &found {
        t.push(vec![
            f.deal.clone(),
            f.check.into(),
            f.severity.into(),
            f.finding.clone(),
        ]);
    }
    let passed: Vec<&str> = deals
        .iter()
        .filter(|d| !found.iter().any(|f| f.deal == d.id && f.severity == "flag"))
        .map(|d| d.id.as_str())
        .collect();
    emit(format, &t, &json!({ "findings": found, "passed": passed }))
}
