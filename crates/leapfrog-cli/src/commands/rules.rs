//! `leapfrog rules`: every rule (credits, tariffs, foreign-entity tests, export controls,
//! licence law) with its status on a date; `rules check` explains 45X for a plant or 48E for a
//! storage project line by line; `rules duty` gives an import's duties by layer.

use crate::output::{emit, fixed, Format, InputError, OutputArgs, Table};
use leapfrog_data::Dataset;
use leapfrog_rules::{
    duties, evaluate_storage, CreditEvaluator, CreditYear, Date, Import, Product, RuleBook,
};
use serde_json::json;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    sub: Option<Sub>,
    /// The date to read each rule's status at (YYYY-MM-DD); default: the rules' as-of date.
    #[arg(long, value_parser = date)]
    date: Option<Date>,
    /// Only the rules in force on that date.
    #[arg(long)]
    in_force: bool,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(clap::Subcommand)]
enum Sub {
    /// 45X for a plant (--plant) or 48E for a storage project (--project), test by test.
    Check(CheckArgs),
    /// The duties on an import, layer by layer, as assessed and after refunds.
    Duty(DutyArgs),
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// A plant file: site_country, owner = { name, organised_in, owners = [...] },
    /// [[components]] with name, cost_usd_per_kwh, made_in and supplier, optional
    /// [[licences]] (see the README).
    #[arg(long, conflicts_with = "project", required_unless_present = "project")]
    plant: Option<PathBuf>,
    /// A storage project file: as a plant file, with construction_start.
    #[arg(long)]
    project: Option<PathBuf>,
    /// What the plant sells (45X).
    #[arg(long, value_enum, default_value = "cell")]
    product: ProductArg,
    /// One year of sale (45X) or of construction start (48E); default: every year from the
    /// rules' as-of year to the credit's last (45X), the project's own year (48E).
    #[arg(long, value_parser = crate::options::year)]
    year: Option<i32>,
    /// How to read item (gg) of the effective-control test; default: the rule's own reading.
    #[arg(long, value_enum)]
    reading: Option<Reading>,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(clap::Args)]
pub struct DutyArgs {
    /// Country of origin (a region id, e.g. CN).
    #[arg(long)]
    origin: String,
    /// Tariff line, e.g. 8507.60.0010 (EV lithium-ion batteries).
    #[arg(long)]
    hts: String,
    /// Entry date (YYYY-MM-DD); default: the rules' as-of date.
    #[arg(long, value_parser = date)]
    date: Option<Date>,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ProductArg {
    Cell,
    Module,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Reading {
    Literal,
    Conjunctive,
}

impl Reading {
    fn name(self) -> &'static str {
        match self {
            Reading::Literal => "literal",
            Reading::Conjunctive => "conjunctive",
        }
    }
}

fn date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("{text} is not a date; allowed: a date YYYY-MM-DD"))
}

pub fn run(dir: Option<&Path>, a: Args) -> crate::Result {
    let data = super::load(dir)?;
    let book = RuleBook::load(&data)?;
    match a.sub {
        Some(Sub::Check(c)) => check(&data, &book, c),
        Some(Sub::Duty(d)) => duty(&data, &book, d),
        None => list(
            &book,
            a.date.unwrap_or(book.as_of),
            a.in_force,
            a.output.format,
        ),
    }
}

fn list(book: &RuleBook, date: Date, in_force: bool, format: Format) -> crate::Result {
    let rules = book.listing(date, in_force);
    let mut t = Table::new(&[
        "rule",
        "kind",
        "status",
        "since",
        "until",
        "values on the date",
        "citation",
    ]);
    for r in &rules {
        let values: Vec<String> = r
            .parameters
            .iter()
            .filter_map(|p| {
                p.value
                    .map(|v| format!("{} {}", p.name, crate::output::num(v)))
            })
            .collect();
        t.push(vec![
            r.id.into(),
            r.kind.into(),
            r.status.clone(),
            r.status_date.map_or("-".into(), |d| d.to_string()),
            r.status_until.map_or("-".into(), |d| d.to_string()),
            if values.is_empty() {
                "-".into()
            } else {
                values.join("; ")
            },
            r.citation.into(),
        ]);
    }
    if format == Format::Table {
        crate::outln!(
            "Rules as of {} (the last date our sources cover); status on {date}.",
            book.as_of
        );
    }
    emit(
        format,
        &t,
        &json!({ "as_of": book.as_of, "date": date, "rules": rules }),
    )
}

fn read(file: &Path, option: &str) -> Result<String, InputError> {
    std::fs::read_to_string(file).map_err(|e| {
        InputError(format!(
            "{option} {}: cannot read the file: {e}",
            file.display()
        ))
    })
}

fn check(data: &Dataset, book: &RuleBook, c: CheckArgs) -> crate::Result {
    let reading = c.reading.map(Reading::name);
    if let Some(file) = &c.project {
        let text = read(file, "--project")?;
        let project = leapfrog_data::read_project_spec(data, &file.display().to_string(), &text)?;
        let start =
            Date::parse(&project.construction_start).map_or(book.as_of.year(), |d| d.year());
        let r = evaluate_storage(book, &project, c.year.unwrap_or(start), reading)?;
        let mut t = Table::new(&["test", "result", "reason", "rule", "citation"]);
        for d in &r.decisions {
            t.push(vec![
                d.test.clone(),
                pass(d.passed),
                d.reason.clone(),
                d.rule.clone(),
                d.citation.clone(),
            ]);
        }
        if c.output.format == Format::Table {
            crate::outln!(
                "48E for {} (construction beginning in {}): {}; rules as of {}.",
                project.id,
                r.year,
                if r.eligible {
                    "eligible"
                } else {
                    "not eligible"
                },
                book.as_of
            );
        }
        return emit(
            c.output.format,
            &t,
            &json!({ "as_of": book.as_of, "project": project.id, "result": r }),
        );
    }
    let Some(file) = &c.plant else {
        return Err(InputError("rules check needs --plant FILE or --project FILE".into()).into());
    };
    let text = read(file, "--plant")?;
    let plant = leapfrog_data::read_plant_spec(data, &file.display().to_string(), &text)?;
    let product = match c.product {
        ProductArg::Cell => Product::Cell,
        ProductArg::Module => Product::Module,
    };
    let eval = CreditEvaluator::new(book, reading)?;
    let years: Vec<i32> = match c.year {
        Some(y) => vec![y],
        None => (book.as_of.year()..=last_credit_year(book)?).collect(),
    };
    let results = years
        .iter()
        .map(|&y| eval.year(&plant, product, y, None))
        .collect::<Result<Vec<_>, _>>()?;
    if c.output.format == Format::Table {
        crate::outln!(
            "45X for {} ({}), rules as of {}; reading of item (gg): {}.",
            plant.id,
            match product {
                Product::Cell => "battery cells",
                Product::Module => "battery modules",
            },
            book.as_of,
            eval.entities().reading
        );
        crate::out!("{}", years_table(&results).text());
        crate::outln!();
    }
    emit(
        c.output.format,
        &decisions_table(&results),
        &json!({ "as_of": book.as_of, "plant": plant.id, "product": product, "years": results }),
    )
}

/// The last year of sale the credit pays anything for.
fn last_credit_year(book: &RuleBook) -> Result<i32, leapfrog_rules::RulesError> {
    let rule = book.rule(leapfrog_rules::credit::CREDIT_RULE)?;
    Ok(book
        .yearly(rule, "phase_factor")
        .iter()
        .filter(|(_, f)| *f > 0.0)
        .map(|(y, _)| *y)
        .max()
        .map_or(book.as_of.year(), |y| {
            // A step's value holds until the next step's year.
            book.yearly(rule, "phase_factor")
                .iter()
                .map(|(s, _)| *s)
                .find(|s| *s > y)
                .map_or(y, |next| next - 1)
        }))
}

fn pass(ok: bool) -> String {
    if ok { "passes" } else { "fails" }.into()
}

fn years_table(results: &[CreditYear]) -> Table {
    let mut t = Table::new(&["year", "credit $/kWh", "ratio", "threshold", "failed tests"]);
    for r in results {
        let failed: Vec<&str> = r
            .decisions
            .iter()
            .filter(|d| !d.passed)
            .map(|d| d.test.as_str())
            .collect();
        t.push(vec![
            r.year.to_string(),
            fixed(r.credit_usd_per_kwh, 2),
            r.macr.map_or("-".into(), |m| fixed(m, 3)),
            r.threshold.map_or("-".into(), |m| fixed(m, 2)),
            if failed.is_empty() {
                "none".into()
            } else {
                failed.join("; ")
            },
        ]);
    }
    t
}

fn decisions_table(results: &[CreditYear]) -> Table {
    let mut t = Table::new(&["year", "test", "result", "reason", "rule", "citation"]);
    for r in results {
        for d in &r.decisions {
            t.push(vec![
                r.year.to_string(),
                d.test.clone(),
                pass(d.passed),
                d.reason.clone(),
                d.rule.clone(),
                d.citation.clone(),
            ]);
        }
    }
    t
}

fn duty(data: &Dataset, book: &RuleBook, d: DutyArgs) -> crate::Result {
    if data.region(&d.origin).is_none() {
        return Err(InputError(format!(
            "--origin {}: not a region id; allowed: a region id of data/regions.toml (e.g. CN, KR, JP)",
            d.origin
        ))
        .into());
    }
    if d.hts.is_empty() || !d.hts.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(InputError(format!(
            "--hts {}: not a tariff line; allowed: digits and dots, e.g. 8507.60.0010",
            d.hts
        ))
        .into());
    }
    let entry = d.date.unwrap_or(book.as_of);
    let result = duties(
        book,
        &Import {
            origin: &d.origin,
            hts: &d.hts,
            entry,
        },
    );
    let mut t = Table::new(&[
        "rule",
        "layer",
        "status",
        "as assessed",
        "after refunds",
        "citation",
    ]);
    for l in &result.layers {
        t.push(vec![
            l.rule.clone(),
            l.parameter.clone(),
            l.status.clone(),
            pct(l.as_assessed),
            pct(l.after_refunds),
            l.citation.clone(),
        ]);
    }
    t.push(vec![
        "total".into(),
        String::new(),
        String::new(),
        pct(result.total_as_assessed),
        pct(result.total_after_refunds),
        String::new(),
    ]);
    if d.output.format == Format::Table {
        crate::outln!(
            "Duties on HTS {} from {} entered {entry}; rules as of {}.",
            d.hts,
            d.origin,
            book.as_of
        );
    }
    emit(
        d.output.format,
        &t,
        &json!({ "as_of": book.as_of, "duties": result }),
    )
}

/// A rate as a percentage with one decimal (duties are quoted so: 28.4%).
fn pct(v: f64) -> String {
    format!("{}%", fixed(v * 100.0, 1))
}
