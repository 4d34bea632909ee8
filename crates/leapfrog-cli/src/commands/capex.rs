use crate::options;
use crate::output::{emit, num, Format, InputError, OutputArgs, Table};
use leapfrog_data::{ProjectSet, Region};
use leapfrog_market::capex::{capex_rows, group, summarize, CapexFilter, GroupBy};
use serde_json::json;
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    /// Company id or name (case-insensitive), e.g. CATL.
    #[arg(long)]
    company: Option<String>,
    /// ISO alpha-2 code of the site's country, e.g. US.
    #[arg(long)]
    country: Option<String>,
    /// Only projects announced in this year or later.
    #[arg(long, allow_negative_numbers = true, value_parser = options::year)]
    since: Option<i32>,
    /// Only the projects of a named project set, e.g. tcip-non-chinese-four.
    #[arg(long)]
    set: Option<String>,
    /// Group the statistics.
    #[arg(long, value_enum)]
    group_by: Option<Grouping>,
    /// Restate investments in US dollars of this year (CPI-U); default: nominal dollars.
    #[arg(long, allow_negative_numbers = true, value_parser = options::year)]
    usd_year: Option<i32>,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Grouping {
    Company,
    Country,
    /// Chinese-headquartered companies against the rest.
    Group,
}

pub fn run(dir: Option<&Path>, a: Args) -> crate::Result {
    let data = super::load(dir)?;
    let canonical_region = |c: &String| options::canonical::<Region>(&data, "--country", c);
    let canonical_set = |s: &String| options::canonical::<ProjectSet>(&data, "--set", s);
    let filter = CapexFilter {
        company: a.company,
        country: a.country.as_ref().map(canonical_region).transpose()?,
        since: a.since,
        set: a.set.as_ref().map(canonical_set).transpose()?,
        usd_year: a.usd_year,
    };
    let (rows, undisclosed) = capex_rows(&data, &filter)?;
    let summary = summarize("all matching projects", &rows).ok_or_else(|| {
        InputError("no project with a disclosed investment matches these filters".into())
    })?;
    let groups = a.group_by.map(|g| {
        let by = match g {
            Grouping::Company => GroupBy::Company,
            Grouping::Country => GroupBy::Country,
            Grouping::Group => GroupBy::HqGroup,
        };
        group(&rows, by)
    });
    let basis = match filter.usd_year {
        Some(y) => format!("US dollars of {y} (converted at the announcement year's exchange rate, restated with CPI-U)"),
        None => "nominal US dollars at the announcement year's average exchange rate".to_string(),
    };
    let stats = groups.clone().unwrap_or_else(|| vec![summary.clone()]);
    let mut t = Table::new(&[
        "group",
        "projects",
        "capacity_gwh",
        "investment_musd",
        "weighted_musd_per_gwh",
        "mean_musd_per_gwh",
        "median",
        "min",
        "max",
    ]);
    for s in &stats {
        t.push(vec![
            s.label.clone(),
            s.projects.to_string(),
            num(s.capacity_gwh),
            num(s.investment_musd),
            num(s.weighted_musd_per_gwh),
            num(s.mean_musd_per_gwh),
            num(s.median_musd_per_gwh),
            num(s.min_musd_per_gwh),
            num(s.max_musd_per_gwh),
        ]);
    }
    let mut json = json!({
        "usd_basis": basis,
        "summary": summary,
        "groups": groups,
        "projects": rows,
        "undisclosed_investment": undisclosed,
    });
    if groups.is_none() {
        json["groups_reason"] = json!("no grouping was asked for (--group-by)");
    }
    if a.output.format == Format::Table {
        crate::outln!("Capex per GWh/yr of announced capacity, {basis}.");
    }
    emit(a.output.format, &t, &json)
}
