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
    /// A technology id from data/ip.toml (tis2-lithium, licoo2-cathode, li-ion-cell, lfp, nmc,
    /// vrfb, sulfide-sse, prussian-blue-na); default all.
    #[arg(long)]
    technology: Option<String>,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(clap::Subcommand)]
enum Sub {
    /// Checks planned licences against the licence rules (35 U.S.C. 204, DOE's 2021
    /// determination, CFIUS, effective control, China's technology-export catalogue): a TOML
    /// file of [[ip_deal]] tables with id, licensor, licensee, licensee_country,
    /// licensee_parent_country (region ids), publicly_funded, date, exclusive,
    /// sublicensing_allowed, manufacturing_condition; optional funder, field_of_use,
    /// licensor_country, licensor_parent_country, title_holder_kind, funding_agreement_date,
    /// territory (us, ex-us, worldwide), control_terms, change_of_control = { acquirer,
    /// acquirer_country, date, in_bankruptcy }, waiver = { agency, date, source } and
    /// approved_sublicence.
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
            if !c.statuses.is_empty() {
                crate::out!("{}", statuses(c).text());
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
    let mut t = Table::new(&[
        "severity", "aspect", "finding", "date", "what", "rule", "source",
    ]);
    for f in &c.findings {
        t.push(vec![
            f.severity.name().into(),
            aspect(f.aspect).into(),
            f.check.into(),
            f.date.clone(),
            f.finding.clone(),
            f.rule.clone().unwrap_or_else(|| "-".into()),
            f.source.clone(),
        ]);
    }
    t
}

fn aspect(a: leapfrog_rules::Aspect) -> &'static str {
    match a {
        leapfrog_rules::Aspect::Jurisdiction => "jurisdiction",
        leapfrog_rules::Aspect::Control => "control",
    }
}

fn statuses(c: &Chain) -> Table {
    let mut t = Table::new(&[
        "organisation",
        "status",
        "date",
        "what became of the IP",
        "source",
    ]);
    for s in &c.statuses {
        t.push(vec![
            s.organisation.clone(),
            s.status.clone(),
            s.date.clone(),
            s.ip_fate.clone().unwrap_or_else(|| "-".into()),
            s.source.clone(),
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
    let found = check_deals(data, &deals)?;
    let mut t = Table::new(&[
        "deal", "severity", "aspect", "check", "finding", "rule", "citation",
    ]);
    for f in &found {
        t.push(vec![
            f.deal.clone(),
            f.severity.name().into(),
            aspect(f.aspect).into(),
            f.check.into(),
            f.finding.clone(),
            f.rule.clone().unwrap_or_else(|| "-".into()),
            f.citation.clone().unwrap_or_else(|| "-".into()),
        ]);
    }
    // A deal passes when nothing found is a violation or a flag.
    let passed: Vec<&str> = deals
        .iter()
        .filter(|d| {
            !found
                .iter()
                .any(|f| f.deal == d.id && f.severity >= leapfrog_rules::Severity::Flag)
        })
        .map(|d| d.id.as_str())
        .collect();
    if deals.is_empty() {
        return Err(InputError(format!(
            "--file {}: no [[ip_deal]] tables; allowed: one or more [[ip_deal]] tables (see `leapfrog ip check --help`)",
            file.display()
        ))
        .into());
    }
    emit(format, &t, &json!({ "findings": found, "passed": passed }))
}
