//! The `leapfrog` binary: parses arguments and hands each subcommand to its own file.

mod commands;
mod failure;
mod options;
mod output;

pub use failure::{Failure, Result};

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

const EXAMPLES: &str = "Examples:
  leapfrog assess --out leapfrog-report
  leapfrog capex --company CATL --since 2023 --format json
  leapfrog capex --group-by country --usd-year 2024
  leapfrog learning --project-to 10000
  leapfrog catchup --incumbent-gwh 3000 --incumbent-cost 70 --incumbent-lr 0.2 --incumbent-rate 600 \\
                   --entrant-gwh 20 --entrant-cost 120 --entrant-lr 0.25 --entrant-rate 40
  leapfrog cell --preset batpac-v5-default --format json
  leapfrog cell --chemistry LFP-G --pack-kwh 60 --pack-kw 150 --fast-charge-minutes 20
  leapfrog cell --design my-design.toml
  leapfrog chemistries
  leapfrog data check --data my-data/";

#[derive(Parser)]
#[command(name = "leapfrog", version, about = "Battery industrial-strategy engine: cell design, capex, learning curves and concentration on a sourced dataset", after_help = EXAMPLES)]
struct Cli {
    /// Folder of *.toml files layered over the embedded dataset (same id replaces, new id adds).
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the whole assessment and write report.html, report.json and report.md.
    Assess(commands::assess::Args),
    /// Inspect and check the dataset.
    #[command(subcommand)]
    Data(commands::data::DataCommand),
    /// Capex per GWh of announced projects, with filters and grouping.
    Capex(commands::capex::Args),
    /// Fit Wright's law to a learning series and project it.
    Learning(commands::learning::Args),
    /// When does an entrant on its own learning curve match an incumbent's cost?
    Catchup(commands::catchup::Args),
    /// Design a cell and pack (BatPaC method): Wh/kg, Wh/L, W/kg and a bill of materials.
    Cell(commands::cell::Args),
    /// Every couple side by side: computed metrics and sourced properties.
    Chemistries(commands::chemistries::Args),
    /// Cost per cell, pack and kWh from the BatPaC v5 plant model, by region and process.
    #[command(
        after_help = "Examples:\n  leapfrog cost --preset batpac-v5-default --format json\n  leapfrog cost --chemistry LFP-G --region CN --plant-gwh 30 --process dry-electrode,fast-formation"
    )]
    Cost(commands::cost::Args),
    /// The plant behind a design: capex per GWh, floor area, labour, energy and build time by step.
    #[command(
        after_help = "Example:\n  leapfrog plant --preset batpac-v5-default --region US --plant-gwh 30"
    )]
    Plant(commands::plant::Args),
    /// Chemistries × regions: cell cost, pack price and capex per GWh, and what makes the regional gap.
    #[command(
        after_help = "Example:\n  leapfrog compare --chemistries NMC811-G,LFP-G --regions US,CN"
    )]
    Compare(commands::compare::Args),
    /// Evaluate a parameter grid of designs and plants in parallel, to CSV or JSON.
    #[command(
        after_help = "Example grid file:\n  [sweep]\n  couples = [\"NMC811-G\", \"LFP-G\"]\n  regions = [\"US\", \"CN\"]\n  processes = [[], [\"dry-electrode\"]]\n  plant_gwh = [1.0, 10.0, 50.0]\n  pack_kw = { from = 100.0, to = 400.0, steps = 7 }\n\n  leapfrog sweep --grid grid.toml --output sweep.csv"
    )]
    Sweep(commands::sweep::Args),
    /// Exposure by supply stage and country: mass, value, HHI, concern share and an index.
    #[command(
        after_help = "Examples:\n  leapfrog supply --chemistry LFP-G --by control --concern CN\n  leapfrog supply --format json"
    )]
    Supply(commands::supply::SupplyArgs),
    /// Battery life under a duty cycle: capacity and resistance over the years (BLAST-Lite models).
    #[command(
        after_help = "Examples:\n  leapfrog life --model lfp-gr-250ah-prismatic --cycle \"dod=0.8,soc_max=0.9,charge_c=0.25,discharge_c=0.5,temperature_c=25\" --years 15\n  leapfrog life --model nmc811-grsi-lgm50-5ah --profile day.csv --until-capacity 0.8 --format json\n  leapfrog life --list"
    )]
    Life(commands::life::Args),
    /// A duty cycle through a single-particle model (SPM, SPMe), experiment steps as PyBaMM
    /// writes them.
    #[command(
        after_help = "Examples:\n  leapfrog simulate --model spme --params chen2020 --experiment \"Discharge at 1C until 2.5 V\"\n  leapfrog simulate --model spm --params chen2020 --experiment \"Discharge at 2C for 5 minutes\" --experiment \"Rest for 10 minutes\" --cycles 3 --format csv"
    )]
    Simulate(commands::simulate::Args),
    /// A sector mission (grid, satellite, eVTOL, robot, car, device) on chosen chemistries:
    /// the battery it needs, how long it lasts, what it costs per unit of service, and the
    /// first requirement that fails.
    #[command(
        after_help = "Examples:\n  leapfrog mission --preset grid-4h --chemistries LFP-G,NaNFM-HC\n  leapfrog mission --preset evtol-kasliwal --chemistries LFP-G,NMC811-SiG --format json\n  leapfrog mission --spec my-mission.toml\n\nA spec file is one mission, its keys at the top level:\n  kind = \"leo\"\n  orbit_period_min = 96\n  eclipse_min = 35\n  load_w = 150\n  bus_voltage_v = 28\n  max_dod = 0.35\n  eol_capacity_fraction = 0.8\n  discharge_efficiency = 0.92\n  charge_efficiency = 0.9\n  years = 5\n  temperature_c = 20"
    )]
    Mission(commands::mission::Args),
    /// Sector fit: every couple on every sector's preset mission, with the binding requirement.
    #[command(
        after_help = "Examples:\n  leapfrog fit\n  leapfrog fit --sectors grid-storage,space --chemistries LFP-G,NaNFM-HC,NMC-LTO --format json"
    )]
    Fit(commands::mission::FitArgs),
    /// Licence chains of U.S. battery inventions: timelines, the first exits from U.S.
    /// jurisdiction and control, where each scaled, and the first-lever findings.
    #[command(
        after_help = "Examples:\n  leapfrog ip\n  leapfrog ip --technology vrfb --format json\n  leapfrog ip check --file deals.toml"
    )]
    Ip(commands::ip::Args),
    /// Cell plants by firm and site in a year: status, nameplate capacity, owners and sources,
    /// totals by country and firm, and the share of the published ex-China total covered.
    #[command(
        after_help = "Examples:\n  leapfrog plants\n  leapfrog plants --year 2024 --country US --format json\n  leapfrog plants --firm LG --status operating"
    )]
    Plants(commands::plants::Args),
    /// Law as data: credits, tariffs, foreign-entity tests, export controls and licence law,
    /// each rule's status on a date with its citation; `rules check` explains 45X for a plant
    /// or 48E for a storage project test by test; `rules duty` an import's duties by layer.
    #[command(
        after_help = "Examples:\n  leapfrog rules\n  leapfrog rules --date 2026-06-01 --in-force --format json\n  leapfrog rules check --plant my-plant.toml --year 2029\n  leapfrog rules check --plant my-plant.toml --reading conjunctive --format json\n  leapfrog rules check --project my-storage.toml\n  leapfrog rules duty --origin CN --hts 8507.60.0010 --date 2026-02-01\n\nA plant file (45X): its keys at the top level:\n  site_country = \"US\"\n  owner = { name = \"Cells LLC\", organised_in = \"US\", owners = [{ name = \"Parent Co\", country = \"KR\", share = 1.0 }] }\n  [[components]]\n  name = \"cathode\"\n  cost_usd_per_kwh = 30\n  made_in = \"KR\"\n  supplier = { name = \"Cathode Co\", organised_in = \"KR\" }\n  [[licences]]\n  licensor = \"CATL\"\n  licensor_country = \"CN\"\n  entered = \"2026-02-01\"\n  terms = [\"specify-sourcing\"]\n  payment_years = [2026]"
    )]
    Rules(commands::rules::Args),
    /// Pilot line to gigafactory: plants of whole lines, ramp and scrap by month, the capital
    /// each stage needs and the gap to the incumbent.
    #[command(
        after_help = "Examples:\n  leapfrog scaleup --chemistry NMC811-Li-SSE --preset startup-us\n  leapfrog scaleup --chemistry NaNFM-HC --preset startup-us --variant modular --equipment-controls\n  leapfrog scaleup --chemistry LFP-G --path my-path.toml --format json\n  leapfrog scaleup --references"
    )]
    Scaleup(commands::scaleup::Args),
    /// Policy scenarios: demand, capacity, learning and trade by region and chemistry to 2045
    /// under a package of levers, with Monte Carlo (percentiles by year, parity, tornado).
    #[command(
        after_help = "Examples:\n  leapfrog scenario --preset baseline --runs 1000\n  leapfrog scenario --preset tcip-package --lever us_cost_of_capital=0.03 --format json\n  leapfrog scenario --preset no-policy --runs 100000 --seed 7 --threads 2\n  leapfrog scenario --file my-scenario.toml\n\nA scenario file lists lever values:\n  levers = [\n    { name = \"procurement:grid-storage:NaNFM-HC\", value = 5 },\n    { name = \"us_construction_years\", value = 1 },\n  ]"
    )]
    Scenario(commands::scenario::Args),
    /// The leap map: every chemistry in every sector, the U.S. outcome under a package beside
    /// mission fit and supply exposure; catching up against leading.
    #[command(
        after_help = "Examples:\n  leapfrog leap\n  leapfrog leap --package tcip-package --runs 2000 --format json"
    )]
    Leap(commands::scenario::LeapArgs),
    /// An export restriction: price response, cell cost increase and GWh that cannot be built.
    #[command(
        after_help = "Example:\n  leapfrog shock --country CN --material graphite --stage anode-material --cut 0.5 --chemistries LFP-G,NMC811-G,NaNFM-HC"
    )]
    Shock(commands::shock::ShockArgs),
}

/// Help for a preset option lists the ids the data hold, read when help is asked for (the
/// lists are never stale, and a normal run does not pay to read them).
fn command_with_data_lists() -> clap::Command {
    use clap::CommandFactory;
    let cmd = Cli::command();
    let asked = std::env::args().any(|a| a == "-h" || a == "--help" || a == "help");
    let Some(data) = asked.then(|| commands::embedded().ok()).flatten() else {
        return cmd;
    };
    let list = |keys: Vec<String>| format!("one of: {}.", keys.join(", "));
    let keys = |t: &str| -> Vec<String> {
        match t {
            "mission" => data.missions.iter().map(|m| m.id.clone()).collect(),
            "scaleup_path" => data.scaleup_paths.iter().map(|m| m.id.clone()).collect(),
            "policy_package" => data.policy_packages.iter().map(|m| m.id.clone()).collect(),
            _ => data
                .sim_parameter_sets
                .iter()
                .map(|m| m.id.clone())
                .collect(),
        }
    };
    let options = [
        ("mission", "preset", "mission"),
        ("scaleup", "preset", "scaleup_path"),
        ("scenario", "preset", "policy_package"),
        ("leap", "package", "policy_package"),
        ("simulate", "params", "sim_parameter_set"),
    ];
    options.iter().fold(cmd, |cmd, &(sub, arg, table)| {
        cmd.mut_subcommand(sub, |c| {
            c.mut_arg(arg, |a| {
                let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
                let sep = if help.ends_with('.') { " " } else { "; " };
                a.help(format!("{help}{sep}{}", list(keys(table))))
            })
        })
    })
}

fn main() -> ExitCode {
    use clap::FromArgMatches;
    let parsed = command_with_data_lists()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            e.exit_code()
        }
    }
}

fn run(cli: Cli) -> Result {
    let data = cli.data.as_deref();
    match cli.command {
        Command::Assess(a) => commands::assess::run(data, a),
        Command::Data(d) => commands::data::run(data, d),
        Command::Capex(a) => commands::capex::run(data, a),
        Command::Learning(a) => commands::learning::run(data, a),
        Command::Catchup(a) => commands::catchup::run(data, a),
        Command::Cell(a) => commands::cell::run(data, a),
        Command::Chemistries(a) => commands::chemistries::run(data, a),
        Command::Cost(a) => commands::cost::run(data, a),
        Command::Plant(a) => commands::plant::run(data, a),
        Command::Compare(a) => commands::compare::run(data, a),
        Command::Sweep(a) => commands::sweep::run(data, a),
        Command::Supply(a) => commands::supply::run_supply(data, a),
        Command::Shock(a) => commands::shock::run(data, a),
        Command::Life(a) => commands::life::run(data, a),
        Command::Simulate(a) => commands::simulate::run(data, a),
        Command::Mission(a) => commands::mission::run(data, a),
        Command::Fit(a) => commands::mission::run_fit(data, a),
        Command::Ip(a) => commands::ip::run(data, a),
        Command::Rules(a) => commands::rules::run(data, a),
        Command::Plants(a) => commands::plants::run(data, a),
        Command::Scaleup(a) => commands::scaleup::run(data, a),
        Command::Scenario(a) => commands::scenario::run(data, a),
        Command::Leap(a) => commands::scenario::run_leap(data, a),
    }
}
