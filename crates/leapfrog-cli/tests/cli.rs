//! End-to-end tests of the `leapfrog` binary: acceptance figures, each kind of bad input,
//! layering, exit codes and the structure of the JSON report.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn leapfrog(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leapfrog"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn fixture(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name);
    p.to_string_lossy().into_owned()
}

/// The JSON a command prints, after checking that it succeeded (its stderr if not).
fn succeeded_json(args: &[&str]) -> Value {
    let out = leapfrog(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out)
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

/// The capex query behind the assessment's CATL figures.
const CATL_SINCE_2023_JSON: [&str; 7] = [
    "capex",
    "--company",
    "CATL",
    "--since",
    "2023",
    "--format",
    "json",
];

/// TCIP assessment: 392 GWh for about US$26.4 bn, 67.3-67.5 M$/GWh.
#[test]
fn capex_catl_since_2023_reproduces_the_assessment() {
    let out = leapfrog(&CATL_SINCE_2023_JSON);
    assert!(out.status.success());
    assert_tcip_catl_figures(&json(&out)["summary"]);
}

/// TCIP's CATL figures, with tolerances of 0.5 GWh, 0.1 G$ and the 67.3-67.5 M$/GWh band.
fn assert_tcip_catl_figures(stats: &Value) {
    assert!(
        (stats["capacity_gwh"].as_f64().unwrap() - 392.0).abs() < 0.5,
        "{stats}"
    );
    assert!(
        (stats["investment_musd"].as_f64().unwrap() - 26_400.0).abs() < 100.0,
        "{stats}"
    );
    let w = stats["weighted_musd_per_gwh"].as_f64().unwrap();
    assert!((67.3..=67.5).contains(&w), "{w}");
}

/// Each kind of bad input: exit 1, and the issue names kind, file, line and field.
#[test]
fn data_check_reports_each_kind_of_bad_input() {
    let cases = [
        ("unknown-key", "unknown-key", Some(7), "capacity_mwh"),
        ("missing-source", "missing-source", Some(1), "source"),
        ("unknown-source", "unknown-source", Some(8), "source"),
        ("out-of-range", "out-of-range", Some(6), "capacity_gwh"),
        ("duplicate-id", "duplicate-id", Some(11), "id"),
        (
            "dangling-reference",
            "dangling-reference",
            Some(3),
            "company",
        ),
        ("syntax", "syntax", Some(2), "id"),
    ];
    for (dir, kind, line, field) in cases {
        let out = leapfrog(&["data", "check", "--data", &fixture(dir), "--format", "json"]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{dir}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v = json(&out);
        let issue = &v["issues"][0];
        assert_eq!(issue["kind"], kind, "{dir}: {issue}");
        assert!(
            issue["file"].as_str().unwrap().ends_with("projects.toml"),
            "{dir}: {issue}"
        );
        assert_eq!(
            issue["line"].as_u64(),
            line.map(|l| l as u64),
            "{dir}: {issue}"
        );
        assert!(
            issue["field"].as_str().unwrap().contains(field),
            "{dir}: {issue}"
        );
        assert!(!issue["allowed"].as_str().unwrap().is_empty());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("projects.toml:"), "{dir}: {stderr}");
    }
}

/// A price basis naming a material the data lacks, and one twice: exit 1, with file, line
/// and field for each.
#[test]
fn data_check_names_the_line_of_a_bad_price_basis_entry() {
    let out = leapfrog(&[
        "data",
        "check",
        "--data",
        &fixture("price-basis"),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let issue = &v["issues"][0];
    assert_eq!(issue["kind"], "dangling-reference", "{issue}");
    assert!(issue["file"]
        .as_str()
        .unwrap()
        .ends_with("price_bases.toml"));
    assert_eq!(issue["line"].as_u64(), Some(12), "{issue}");
    assert!(
        issue["field"].as_str().unwrap().contains("material"),
        "{issue}"
    );
    assert!(
        issue["value"].as_str().unwrap().contains("unobtainium"),
        "{issue}"
    );
    let twice = &v["issues"][1];
    assert_eq!(twice["kind"], "duplicate-id", "{twice}");
    assert_eq!(twice["line"].as_u64(), Some(13), "{twice}");
}

#[test]
fn data_check_passes_on_embedded_data() {
    let out = leapfrog(&["data", "check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// The commands that decode only some embedded layers at start-up (chemistries, life,
/// simulate) print what they print with the whole dataset parsed from its TOML files (an
/// empty `--data` folder): no record they need lives in a layer they skip.
#[test]
fn commands_reading_some_layers_print_what_the_whole_dataset_gives() {
    let empty = std::env::temp_dir().join(format!("leapfrog-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let dir = empty.to_string_lossy().into_owned();
    let runs: [&[&str]; 4] = [
        &["chemistries", "--format", "json"],
        &[
            "life",
            "--chemistry",
            "NMC811-G",
            "--cycle",
            "dod=0.8",
            "--years",
            "2",
            "--format",
            "json",
        ],
        &[
            "life",
            "--model",
            "lfp-gr-250ah-prismatic",
            "--cycle",
            "dod=0.9",
            "--years",
            "1",
            "--format",
            "json",
        ],
        &[
            "simulate",
            "--model",
            "spm",
            "--params",
            "chen2020",
            "--experiment",
            "Discharge at 1C until 3.0 V",
            "--format",
            "json",
        ],
    ];
    for args in runs {
        let layered = leapfrog(args);
        let whole = leapfrog(&[args, &["--data", &dir]].concat());
        assert!(
            layered.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&layered.stderr)
        );
        assert_eq!(layered.stdout, whole.stdout, "{args:?}");
    }
    let _ = std::fs::remove_dir(&empty);
}

/// A user's folder replaces records with the same id and adds new ones.
#[test]
fn overrides_replace_and_add() {
    let dir = fixture("override-ok");
    let out = leapfrog(&[&CATL_SINCE_2023_JSON[..], &["--data", &dir]].concat());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!((json(&out)["summary"]["capacity_gwh"].as_f64().unwrap() - 422.0).abs() < 1e-9);
    let out = leapfrog(&[
        "capex",
        "--country",
        "PL",
        "--format",
        "json",
        "--data",
        &dir,
    ]);
    let rows = json(&out)["projects"].as_array().unwrap().clone();
    assert_eq!(rows.len(), 1);
    assert!((rows[0]["investment_musd"].as_f64().unwrap() - 1081.7).abs() < 0.01);
}

#[test]
fn usage_errors_exit_1() {
    assert_eq!(
        leapfrog(&["capex", "--no-such-flag"]).status.code(),
        Some(1)
    );
    assert_eq!(
        leapfrog(&["capex", "--set", "no-such-set"]).status.code(),
        Some(1)
    );
    assert_eq!(
        leapfrog(&["data", "show", "no-such-id"]).status.code(),
        Some(1)
    );
    assert!(leapfrog(&["--help"]).status.success());
}

#[test]
fn catchup_csv_has_an_outcome() {
    let out = leapfrog(&[
        "catchup",
        "--incumbent-gwh",
        "3000",
        "--incumbent-cost",
        "70",
        "--incumbent-lr",
        "0.2",
        "--incumbent-rate",
        "600",
        "--entrant-gwh",
        "20",
        "--entrant-cost",
        "120",
        "--entrant-lr",
        "0.25",
        "--entrant-rate",
        "40",
        "--format",
        "csv",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("quantity,value\n"));
    assert!(text.contains("outcome,"));
}

/// The fit on sourced volumes and the fit with interpolated ones, each with its count; the
/// projection follows the published headline rate unless told otherwise.
#[test]
fn learning_separates_sourced_from_interpolated_volumes() {
    let out = leapfrog(&["learning", "--project-to", "10000", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    let points = v["data"]["points"].as_array().unwrap();
    let interpolated = points
        .iter()
        .filter(|p| p["volume_assumed"] == true)
        .count();
    assert_eq!(
        v["fit"]["points_sourced"].as_u64(),
        Some((points.len() - interpolated) as u64)
    );
    assert_eq!(
        v["fit"]["points"].as_u64(),
        v["fit"]["points_sourced"].as_u64()
    );
    assert_eq!(
        v["fit_with_interpolated"]["points_interpolated"].as_u64(),
        Some(interpolated as u64)
    );
    assert_eq!(
        v["fit_with_interpolated"]["points"].as_u64(),
        Some(points.len() as u64)
    );
    let sourced = v["fit"]["learning_rate"].as_f64().unwrap();
    let all = v["fit_with_interpolated"]["learning_rate"]
        .as_f64()
        .unwrap();
    assert!(sourced > 0.0 && all > 0.0 && sourced != all);
    assert_eq!(v["headline"]["id"], "ziegler-trancik-all-cells");
    assert_eq!(
        v["projection"]["learning_rate"],
        v["headline"]["learning_rate"]
    );
    let rates: Vec<f64> = v["base_sensitivity"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["learning_rate_with_interpolated"].as_f64().unwrap())
        .collect();
    assert!(
        rates.windows(2).all(|w| w[0] < w[1]),
        "a larger base steepens the fit: {rates:?}"
    );
    let faster = json(&leapfrog(&[
        "learning",
        "--project-to",
        "10000",
        "--learning-rate",
        "0.3",
        "--format",
        "json",
    ]));
    assert_eq!(
        faster["projection"]["learning_rate_from"],
        "--learning-rate"
    );
    assert!(
        faster["projection"]["price_usd_per_kwh"].as_f64()
            < v["projection"]["price_usd_per_kwh"].as_f64()
    );
    let catchup = json(&leapfrog(&[
        "catchup",
        "--incumbent-gwh",
        "3000",
        "--incumbent-cost",
        "70",
        "--incumbent-rate",
        "600",
        "--entrant-gwh",
        "20",
        "--entrant-cost",
        "120",
        "--entrant-rate",
        "40",
        "--format",
        "json",
    ]));
    assert_eq!(
        catchup["incumbent"]["learning_rate"],
        v["headline"]["learning_rate"]
    );
    assert_eq!(
        catchup["learning_rates_from"]["entrant"],
        "ziegler-trancik-all-cells"
    );
}

/// The report: files written, sources beside figures, and the JSON's structure pinned.
#[test]
fn assess_writes_a_sourced_report() {
    let dir = std::env::temp_dir().join(format!("leapfrog-test-{}", std::process::id()));
    let out = leapfrog(&["assess", "--out", dir.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(
        html.contains("<svg")
            && html.contains("href=\"#src-tcip-2025\"")
            && html.contains("id=\"src-tcip-2025\"")
    );
    // A numeric NaN would print as a bare token (the couple id "NaNFM-HC" is not one).
    for bad in [">NaN<", "=\"NaN\"", " NaN ", ">inf<"] {
        assert!(!html.contains(bad), "{bad}");
    }
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    let catl = report["capex"]["comparisons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["set"] == "tcip-catl-since-2023")
        .unwrap();
    assert_tcip_catl_figures(&catl["stats"]);
    let four = report["capex"]["comparisons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["set"] == "tcip-non-chinese-four")
        .unwrap();
    assert!((four["stats"]["mean_musd_per_gwh"].as_f64().unwrap() - 115.0).abs() < 3.0);
    insta::assert_snapshot!("report_json_shape", shape(&report, 0));
    let _ = std::fs::remove_dir_all(dir);
}

/// Keys and value types of a JSON value; arrays show their first element only.
fn shape(v: &Value, depth: usize) -> String {
    let pad = "  ".repeat(depth);
    match v {
        Value::Object(m) => m
            .iter()
            .map(|(k, v)| match v {
                Value::Object(_) | Value::Array(_) => format!("{pad}{k}:\n{}", shape(v, depth + 1)),
                _ => format!("{pad}{k}: {}\n", kind(v)),
            })
            .collect(),
        Value::Array(a) => match a.first() {
            Some(first @ (Value::Object(_) | Value::Array(_))) => {
                format!("{pad}[\n{}{pad}]\n", shape(first, depth + 1))
            }
            Some(first) => format!("{pad}[{}]\n", kind(first)),
            None => format!("{pad}[]\n"),
        },
        other => format!("{pad}{}\n", kind(other)),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// BatPaC v5.0 default design through the CLI, against the reference zoo (data/references.toml).
#[test]
fn cell_preset_reproduces_batpac_v5() {
    let out = leapfrog(&["cell", "--preset", "batpac-v5-default", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    let data = leapfrog_data::Dataset::embedded().unwrap();
    let cases = data.references.iter().filter(|r| {
        r.case == "batpac-v5-default" && r.layer == leapfrog_data::ReferenceLayer::Cell
    });
    let mut checked = 0;
    for r in cases {
        // Zoo quantities are `cell.<field>` / `pack.<field>` of the design's JSON; the cell mass
        // is reported in grams there.
        let got = match r.quantity.as_str() {
            "cell.mass_kg" => v["design"]["cell"]["mass"]["total_g"].as_f64().unwrap() / 1000.0,
            q => {
                let (part, field) = q.split_once('.').unwrap();
                v["design"][part][field].as_f64().unwrap()
            }
        };
        assert!(
            r.admits(got),
            "{}: {got} vs {} ±{}",
            r.id,
            r.value,
            r.tolerance
        );
        checked += 1;
    }
    assert!(checked >= 10, "{checked} zoo cases checked");
    assert_eq!(v["sources"]["couple"], "batpac-v5");
}

/// A faster charge thins the electrode through the fast-charge limit.
#[test]
fn cell_fast_charge_option_changes_thickness() {
    let thickness = |minutes: &str| {
        let out = leapfrog(&[
            "cell",
            "--preset",
            "batpac-v5-default",
            "--fast-charge-minutes",
            minutes,
            "--format",
            "json",
        ]);
        let v = json(&out);
        (
            v["design"]["cell"]["positive_thickness_um"]
                .as_f64()
                .unwrap(),
            v["design"]["cell"]["limit"].clone(),
        )
    };
    let (slow, slow_limit) = thickness("60");
    let (fast, fast_limit) = thickness("20");
    assert_eq!(slow_limit, "maximum-thickness");
    assert_eq!(fast_limit, "fast-charge");
    assert!(fast < 0.6 * slow, "{fast} vs {slow}");
}

#[test]
fn cell_design_file_and_its_errors() {
    let out = leapfrog(&[
        "cell",
        "--design",
        &fixture("cell-design/lfp-grid.toml"),
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&out)["request"]["couple"], "LFP-G");
    // A design file on top of a data folder that replaces embedded records.
    let out = leapfrog(&[
        "--data",
        &fixture("override-ok"),
        "cell",
        "--design",
        &fixture("cell-design/lfp-grid.toml"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = leapfrog(&["cell", "--design", &fixture("cell-design/bad-couple.toml")]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad-couple.toml:4") && err.contains("NMC9000-G"),
        "{err}"
    );
}

#[test]
fn a_measured_thickness_out_of_range_names_file_line_and_field() {
    let out = leapfrog(&[
        "cell",
        "--design",
        &fixture("cell-design/bad-measured.toml"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad-measured.toml:17")
            && err.contains("measured_negative_foil_thickness_um")
            && err.contains("a foil thickness from 1 to 100 µm"),
        "{err}"
    );
}

#[test]
fn a_torn_down_cell_says_its_thickness_is_measured() {
    let out = leapfrog(&["cell", "--preset", "byd-blade", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    let cell = &v["design"]["cell"];
    assert_eq!(cell["limit"], "measured");
    assert_eq!(cell["positive_thickness_um"], 70.0);
    assert_eq!(
        v["design"]["inputs"]["measured"]["separator_thickness_um"],
        12.0
    );
    let litres = cell["volume_l"].as_f64().unwrap();
    assert!((litres - 1.2159).abs() < 1e-3, "{litres}");
    let out = leapfrog(&["cell", "--preset", "byd-blade"]);
    assert!(String::from_utf8_lossy(&out.stdout)
        .starts_with("LFP-G in prismatic-blade (thickness as measured)"));
}

#[test]
fn cell_infeasible_power_target_exits_1_with_the_reason() {
    let out = leapfrog(&["cell", "--chemistry", "NMC811-G", "--pack-kw", "20000"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("infeasible") && err.contains("power limit"),
        "{err}"
    );
    let out = leapfrog(&["cell", "--chemistry", "NMC9000-G"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown couple"));
}

#[test]
fn chemistries_lists_every_couple_and_system() {
    let out = leapfrog(&["chemistries", "--format", "json"]);
    assert!(out.status.success());
    let v = json(&out);
    let couples = v["couples"].as_array().unwrap();
    assert!(couples.len() >= 12);
    for id in ["LFP-G", "NaNFM-HC", "NMC811-Li-SSE", "Li-S", "NMC-NTO"] {
        assert!(couples.iter().any(|c| c["couple"] == id), "{id}");
    }
    let kinds: Vec<_> = v["systems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["vanadium redox flow", "iron-air", "nickel-hydrogen"]
    );
}

/// The human table for the BatPaC default design, pinned so that any change to the model
/// or the data shows up in review.
#[test]
fn cell_table_snapshot() {
    let out = leapfrog(&["cell", "--preset", "batpac-v5-default"]);
    assert!(out.status.success());
    insta::assert_snapshot!("cell_batpac_table", String::from_utf8_lossy(&out.stdout));
}

/// BatPaC v5.0 default design (shared/reference/batpac-v5.md): cell 79.02 and pack 110.09
/// $/kWh within 2%, plant capital 4,095 M$ within 3%, floor 285,183 m² and labour
/// 3.50 M h/yr within 5%.
#[test]
fn cost_preset_reproduces_batpac_v5() {
    let out = leapfrog(&["cost", "--preset", "batpac-v5-default", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c = &json(&out)["cost"];
    let get = |path: &[&str]| {
        path.iter()
            .fold(c, |v, k| &v[*k])
            .as_f64()
            .unwrap_or_else(|| panic!("no number at {path:?}"))
    };
    let checks = [
        (get(&["cell_cost_usd_per_kwh"]), 79.02, 0.02),
        (get(&["pack_usd_per_kwh"]), 110.09, 0.02),
        (get(&["plant", "plant_capital_musd"]), 4095.0, 0.03),
        (get(&["plant", "floor_m2"]), 285_183.0, 0.05),
        (get(&["plant", "labour_h_per_yr"]) / 1.0e6, 3.50, 0.05),
    ];
    for (model, published, tol) in checks {
        assert!(
            ((model - published) / published).abs() <= tol,
            "{model} vs {published}"
        );
    }
}

#[test]
fn cost_plant_and_compare_errors_exit_1_with_the_allowed_values() {
    for (args, needle) in [
        (
            vec!["cost", "--preset", "batpac-v5-default", "--region", "XX"],
            "unknown region `XX`",
        ),
        (
            vec!["cost", "--chemistry", "LFP-G", "--process", "wet"],
            "unknown process `wet`",
        ),
        (
            vec!["plant", "--preset", "batpac-v5-default", "--plant-gwh", "0"],
            "'--plant-gwh <PLANT_GWH>': 0 is out of range",
        ),
        (
            vec!["compare", "--chemistries", "NOPE", "--regions", "US"],
            "unknown couple `NOPE`",
        ),
        (
            vec!["cost", "--chemistry", "LFP-G", "--prices", "cn-1999"],
            "unknown price basis `cn-1999`; known: cn-2024-11",
        ),
    ] {
        let out = leapfrog(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}

#[test]
fn cost_on_a_price_basis_says_which_materials_it_priced() {
    let args = [
        "cost",
        "--chemistry",
        "LFP-G",
        "--region",
        "CN",
        "--prices",
        "cn-2024-11",
    ];
    let out = leapfrog(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("material prices: cn-2024-11 for [LFP, graphite, PE-separator]"),
        "{text}"
    );
    let out = leapfrog(&[&args[..], &["--format", "json"]].concat());
    let v = json(&out);
    assert_eq!(v["cost"]["material_prices"]["basis"], "cn-2024-11");
    let lines = v["cost"]["material_prices"]["lines"].as_array().unwrap();
    let cu = lines.iter().find(|l| l["material"] == "Cu-foil").unwrap();
    assert_eq!(cu["from"], "materials.toml");
}

#[test]
fn compare_names_the_parameters_of_the_regional_gap() {
    let out = leapfrog(&[
        "compare",
        "--chemistries",
        "NMC811-G,LFP-G",
        "--regions",
        "US,CN",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "US → CN",
        "equipment_cost_multiplier",
        "building_usd_per_m2",
        "labour_usd_per_h",
        "construction_years",
    ] {
        assert!(text.contains(needle), "missing {needle}:\n{text}");
    }
}

#[test]
fn sweep_writes_every_grid_point_as_csv_and_json() {
    let grid = fixture("sweep/small.toml");
    let out = leapfrog(&["sweep", "--grid", &grid]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1 + 2 * 2 * 2 * 2 * 3, "{text}");
    assert!(lines[0].starts_with("couple,region,processes,plant_gwh"));
    assert!(lines[1..].iter().all(|l| l.contains(",ok,")), "{text}");
    let out = leapfrog(&["sweep", "--grid", &grid, "--format", "json"]);
    let rows = json(&out);
    assert_eq!(rows.as_array().map(Vec::len), Some(48));
    assert!(rows[0]["cell_cost_usd_per_kwh"].as_f64().is_some());
    let bad = leapfrog(&["sweep", "--grid", &fixture("sweep/bad-region.toml")]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown region `XX`"));
}

/// Every command that designs a cell takes the charge time: a 10-minute design is thinner
/// and dearer per kWh than the 60-minute default, in cost, plant, compare and a sweep axis.
#[test]
fn fast_charge_minutes_reaches_every_designing_command() {
    let cost = |minutes: &str| {
        let out = leapfrog(&[
            "cost",
            "--preset",
            "batpac-v5-default",
            "--fast-charge-minutes",
            minutes,
            "--format",
            "json",
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v = json(&out);
        (
            v["cost"]["cell_cost_usd_per_kwh"].as_f64().unwrap(),
            v["design"]["cell"]["fast_charge"]["shortest_minutes"]
                .as_f64()
                .unwrap(),
        )
    };
    let ((slow, _), (fast, shortest)) = (cost("60"), cost("10"));
    assert!(fast > 1.1 * slow, "{fast} vs {slow} $/kWh");
    assert!((shortest - 10.0).abs() < 1e-6, "{shortest}");
    let plant = leapfrog(&[
        "plant",
        "--preset",
        "batpac-v5-default",
        "--fast-charge-minutes",
        "10",
        "--format",
        "json",
    ]);
    assert!(
        plant.status.success(),
        "{}",
        String::from_utf8_lossy(&plant.stderr)
    );
    let compare = |minutes: &str| {
        let out = leapfrog(&[
            "compare",
            "--chemistries",
            "NMC811-G",
            "--regions",
            "US",
            "--fast-charge-minutes",
            minutes,
            "--format",
            "json",
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        json(&out).to_string()
    };
    assert_ne!(compare("60"), compare("10"));
    let out = leapfrog(&[
        "sweep",
        "--grid",
        &fixture("sweep/fast-charge.toml"),
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = json(&out);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 6);
    let thickness = |couple: &str, minutes: f64| {
        rows.iter()
            .find(|r| r["couple"] == couple && r["fast_charge_minutes"].as_f64() == Some(minutes))
            .and_then(|r| r["positive_thickness_um"].as_f64())
            .unwrap()
    };
    for couple in ["NMC811-G", "LFP-G"] {
        assert!(thickness(couple, 10.0) < thickness(couple, 30.0));
        assert!(thickness(couple, 30.0) <= thickness(couple, 60.0));
    }
    let bad = leapfrog(&[
        "cost",
        "--chemistry",
        "LFP-G",
        "--fast-charge-temperature-c",
        "60",
    ]);
    assert_eq!(bad.status.code(), Some(1));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("fast_charge_temperature_c") && err.contains("from 20 to 50 °C"),
        "{err}"
    );
}

/// The issue's shock: half of China's anode material for three years raises graphite-anode
/// cells and leaves lithium-metal and hard-carbon cells alone.
#[test]
fn shock_on_chinese_anode_material_spares_non_graphite_cells() {
    let out = leapfrog(&[
        "shock",
        "--country",
        "CN",
        "--material",
        "graphite",
        "--stage",
        "anode-material",
        "--cut",
        "0.5",
        "--chemistries",
        "LFP-G,NMC811-G,NMC811-Li-SSE,NaNFM-HC",
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    let inc = |id: &str| {
        v["chemistries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["chemistry"] == id)
            .unwrap()["increase_first_year_usd_per_kwh"]
            .as_f64()
            .unwrap()
    };
    assert!(inc("LFP-G") > 1.0 && inc("NMC811-G") > 1.0);
    assert_eq!(inc("NMC811-Li-SSE"), 0.0);
    assert_eq!(inc("NaNFM-HC"), 0.0);
    assert!(v["formula"]
        .as_str()
        .unwrap()
        .contains("(1 - x)^(-1 / (e_d + e_s))"));
}

#[test]
fn supply_shows_usgs_lithium_mining_shares() {
    let out = leapfrog(&["supply", "--chemistry", "LFP-G", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    let term = v["exposures"][0]["terms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["chain"] == "lithium" && t["stage"] == "mining")
        .unwrap()
        .clone();
    assert_eq!(term["top_country"], "AU");
    assert!((term["top_share"].as_f64().unwrap() - 0.478).abs() < 0.0005);
    assert!((term["hhi"].as_f64().unwrap() - 3260.0).abs() < 10.0);
}

#[test]
fn shock_rejects_bad_input_with_exit_1() {
    let cases: [(&[&str], &str); 3] = [
        (
            &[
                "shock",
                "--country",
                "CN",
                "--material",
                "graphite",
                "--stage",
                "anode-material",
                "--cut",
                "1.5",
            ],
            "cut",
        ),
        (
            &[
                "shock",
                "--country",
                "CN",
                "--material",
                "graphite",
                "--stage",
                "smelting",
                "--cut",
                "0.5",
            ],
            "stage",
        ),
        (
            &[
                "shock",
                "--country",
                "XX",
                "--material",
                "graphite",
                "--stage",
                "anode-material",
                "--cut",
                "0.5",
            ],
            "country",
        ),
    ];
    for (args, word) in cases {
        let out = leapfrog(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(word), "{args:?}: {err}");
    }
}

/// `simulate`: a summary with the issue's fields, a CSV that `life --profile` reads, and
/// unreadable steps named with the forms allowed.
#[test]
fn simulate_runs_an_experiment_and_writes_a_life_profile() {
    let steps = [
        "--experiment",
        "Discharge at 1C until 2.5 V",
        "--experiment",
        "Rest for 30 minutes",
        "--experiment",
        "Charge at 1C until 4.2 V",
        "--experiment",
        "Hold at 4.2 V until C/50",
    ];
    let base = ["simulate", "--model", "spme", "--params", "chen2020"];
    let out = leapfrog(&[&base[..], &steps[..], &["--format", "json"]].concat());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    for key in [
        "end_time_s",
        "discharge_capacity_ah",
        "discharge_energy_wh",
        "min_voltage_v",
    ] {
        assert!(v["summary"][key].as_f64().is_some(), "summary.{key}");
    }
    let q = v["summary"]["discharge_capacity_ah"].as_f64().unwrap();
    assert!((4.8..5.0).contains(&q), "{q} Ah from a 5 Ah cell at 1C");
    assert_eq!(v["steps"][3]["termination"], "current 0.1 A");
    let csv = leapfrog(&[&base[..], &steps[..2], &["--format", "csv"]].concat());
    let text = String::from_utf8_lossy(&csv.stdout);
    assert!(
        text.starts_with("time_s,current_a,voltage_v,soc,temperature_c,power_w\n"),
        "{text}"
    );
    let dir = std::env::temp_dir().join(format!("leapfrog-sim-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let profile = dir.join("profile.csv");
    std::fs::write(&profile, text.as_bytes()).unwrap();
    let life = leapfrog(&[
        "life",
        "--model",
        "nmc811-grsi-lgm50-5ah",
        "--profile",
        profile.to_str().unwrap(),
        "--years",
        "1",
        "--format",
        "json",
    ]);
    assert!(
        life.status.success(),
        "{}",
        String::from_utf8_lossy(&life.stderr)
    );
    for (args, needle) in [
        (
            vec!["--experiment", "Discharge at 1C untill 2.5 V"],
            "unexpected `untill`",
        ),
        (
            vec!["--experiment", "Rest"],
            "a rest needs `for <duration>`",
        ),
    ] {
        let bad = leapfrog(&[&base[..], &args[..]].concat());
        assert_eq!(bad.status.code(), Some(1));
        let err = String::from_utf8_lossy(&bad.stderr);
        assert!(err.contains(needle) && err.contains("allowed"), "{err}");
    }
    let bad = leapfrog(&[
        "simulate",
        "--model",
        "dfn",
        "--params",
        "chen2020",
        "--experiment",
        "Rest for 1 hour",
    ]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("allowed: spm, spme, ecm"));
    let bad = leapfrog(&[
        "simulate",
        "--model",
        "spm",
        "--params",
        "chen2021",
        "--experiment",
        "Rest for 1 hour",
    ]);
    assert_eq!(bad.status.code(), Some(1));
}

/// A drive profile from a CSV and a start at a chosen state of charge.
#[test]
fn simulate_runs_a_drive_profile_from_a_chosen_soc() {
    let dir = std::env::temp_dir().join(format!("leapfrog-drive-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("drive.csv");
    std::fs::write(
        &file,
        "time_s,current_a\n0,5\n60,5\n120,-2\n180,10\n240,0\n",
    )
    .unwrap();
    let step = format!("Run {} (A)", file.display());
    let out = leapfrog(&[
        "simulate",
        "--model",
        "spme",
        "--params",
        "chen2020",
        "--initial-soc",
        "0.6",
        "--experiment",
        &step,
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    assert!((v["initial_soc"].as_f64().unwrap() - 0.6).abs() < 1e-9);
    assert_eq!(v["steps"][0]["termination"], "end of profile");
    let ah = v["steps"][0]["capacity_ah"].as_f64().unwrap();
    let expected = (5.0 * 60.0 + 1.5 * 60.0 + 4.0 * 60.0 + 5.0 * 60.0) / 3600.0;
    assert!((ah - expected).abs() < 1e-9, "{ah} vs {expected}");
    std::fs::write(&file, "time_s,current_a\n0,5\n0,6\n").unwrap();
    let bad = leapfrog(&[
        "simulate",
        "--model",
        "spm",
        "--params",
        "chen2020",
        "--experiment",
        &step,
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr)
        .contains("drive.csv:3: `time_s` = 0; allowed: times strictly increasing"));
}

/// The lumped thermal option warms the cell; a set without thermal data says so.
#[test]
fn simulate_lumped_thermal_reports_the_peak_temperature() {
    let args = [
        "simulate",
        "--model",
        "spm",
        "--params",
        "chen2020",
        "--experiment",
        "Discharge at 2C until 2.5 V",
    ];
    let warm = json(&leapfrog(
        &[&args[..], &["--thermal", "lumped", "--format", "json"]].concat(),
    ));
    let cold = json(&leapfrog(&[&args[..], &["--format", "json"]].concat()));
    assert_eq!(warm["thermal"], "lumped");
    let peak = warm["summary"]["max_temperature_c"].as_f64().unwrap();
    assert!(peak > 40.0 && peak < 50.0, "{peak} °C");
    assert!((cold["summary"]["max_temperature_c"].as_f64().unwrap() - 25.0).abs() < 1e-9);
    let bad = leapfrog(&[
        "simulate",
        "--model",
        "spm",
        "--params",
        "prada2013",
        "--thermal",
        "lumped",
        "--experiment",
        "Rest for 1 hour",
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("has no thermal data"));
}

/// `--model ecm` fits its circuit to the set's SPMe and shows the fit.
#[test]
fn simulate_ecm_shows_its_fit() {
    let v = json(&leapfrog(&[
        "simulate",
        "--model",
        "ecm",
        "--params",
        "chen2020",
        "--experiment",
        "Discharge at 1C until 2.5 V",
        "--format",
        "json",
    ]));
    let fit = v["ecm_fit"].as_array().unwrap();
    assert_eq!(fit.len(), 27);
    assert!(fit
        .iter()
        .all(|c| c["r0_ohm"].as_f64().unwrap() > 0.0 && c["misfit_v"].as_f64().unwrap() < 0.01));
    let q = v["summary"]["discharge_capacity_ah"].as_f64().unwrap();
    assert!((4.8..5.2).contains(&q), "{q}");
}

/// A design whose couple has no published set runs as the couple's tables' circuit under
/// `--model ecm`, and says so; the single-particle models refuse it, pointing at `--model ecm`.
#[test]
fn simulate_a_design_without_a_set_as_the_couples_circuit() {
    let base = [
        "simulate",
        "--design",
        "batpac-v5-default",
        "--experiment",
        "Discharge at 1C until 3.3 V",
    ];
    let v = json(&leapfrog(
        &[&base[..], &["--model", "ecm", "--format", "json"]].concat(),
    ));
    assert_eq!(v["ecm_origin"], "couple-tables");
    assert_eq!(v["design"]["electrochemistry_from"], "couple tables");
    assert!(v["design"]["tables_source"]
        .as_str()
        .unwrap()
        .contains("batpac-v5"));
    let q = v["summary"]["discharge_capacity_ah"].as_f64().unwrap();
    let designed = v["design"]["design_capacity_ah"].as_f64().unwrap();
    assert!(q > 0.8 * designed && q < designed, "{q} of {designed} Ah");
    let table = leapfrog(&[&base[..], &["--model", "ecm"]].concat());
    assert!(String::from_utf8_lossy(&table.stdout).contains("runs as an equivalent circuit"));
    let refused = leapfrog(&[&base[..], &["--model", "spme"]].concat());
    assert_eq!(refused.status.code(), Some(1));
    let why = String::from_utf8_lossy(&refused.stderr);
    assert!(
        why.contains("--model ecm") && why.contains("NMC811-SiG (chen2020)"),
        "{why}"
    );
}

/// No chart text overflows its chart when report.html is rendered in headless Chromium at
/// 1366 px, the page does not scroll sideways, and its first printed page holds the three
/// answers (scripts/chart-check.py). Without python3, Chromium or pdftotext the check says
/// which part it skipped.
#[test]
fn report_charts_do_not_overflow_in_chromium() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("chart-check");
    let _ = std::fs::remove_dir_all(&dir);
    let out = leapfrog(&[
        "assess",
        "--out",
        &dir.to_string_lossy(),
        "--format",
        "html,json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/chart-check.py");
    let Ok(check) = Command::new("python3")
        .arg(&script)
        .arg(dir.join("report.html"))
        .output()
    else {
        eprintln!("chart check skipped: no python3");
        return;
    };
    let said = String::from_utf8_lossy(&check.stdout);
    eprintln!("{said}");
    assert!(
        check.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

/// A finding rests on its data: China's capacity share changed in a data folder changes the
/// first question's concentration finding, text and figure.
#[test]
fn changing_an_input_changes_the_finding_that_rests_on_it() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("finding-input");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(
        dir.join("data/shares.toml"),
        "[[share_table]]\nid = \"cell-capacity-china-2024\"\ntitle = \"China's share of global Li-ion manufacturing capacity, 2024\"\ndimension = \"country\"\nyear = 2024\nunit = \"share\"\nsource = \"volta-2024\"\nentries = [\n  { key = \"CN\", value = 0.5 },\n  { key = \"other\", value = 0.5 },\n]\n",
    )
    .unwrap();
    let finding = |data: Option<&str>| {
        let out_dir = dir.join(if data.is_some() {
            "changed"
        } else {
            "embedded"
        });
        let mut args = vec!["assess", "--format", "json"];
        let out_path = out_dir.to_string_lossy().into_owned();
        args.extend(["--out", &out_path]);
        if let Some(d) = data {
            args.extend(["--data", d]);
        }
        let out = leapfrog(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: Value =
            serde_json::from_str(&std::fs::read_to_string(out_dir.join("report.json")).unwrap())
                .unwrap();
        report["summary"]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["section"] == "capacity")
            .cloned()
            .expect("a concentration finding")
    };
    let data = dir.join("data").to_string_lossy().into_owned();
    let (before, after) = (finding(None), finding(Some(&data)));
    assert!(
        before["text"].as_str().unwrap().contains("68.4%"),
        "{before}"
    );
    assert!(after["text"].as_str().unwrap().contains("50.0%"), "{after}");
    assert_eq!(after["figures"][0]["value"].as_f64(), Some(0.5));
}

/// Issue 37: the report says when it was made and what date its data describe; the date
/// honours SOURCE_DATE_EPOCH (reproducible builds), and a value that is not whole seconds is
/// refused by name.
#[test]
fn the_report_is_dated_by_source_date_epoch() {
    let dir = std::env::temp_dir().join(format!("leapfrog-dated-{}", std::process::id()));
    let assess = |epoch: &str| {
        Command::new(env!("CARGO_BIN_EXE_leapfrog"))
            .args(["assess", "--out", dir.to_str().unwrap()])
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .expect("binary runs")
    };
    let out = assess("1700000000");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["summary"]["generated"], "2023-11-14");
    let rules = report["summary"]["data_as_of"]["rules"].as_str().unwrap();
    assert_eq!(rules.len(), 10, "{rules}");
    assert!(
        report["summary"]["data_as_of"]["newest_source_year"]
            .as_i64()
            .unwrap()
            >= 2025
    );
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.contains("on 2023-11-14; the data describe the present as of"));
    let _ = std::fs::remove_dir_all(&dir);
    let out = assess("yesterday");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("SOURCE_DATE_EPOCH")
            && err.contains("yesterday")
            && err.contains("whole seconds"),
        "{err}"
    );
}

/// Issue 36: the lead share is weighted by each sector's GWh; the test recomputes
/// Σ share × GWh / Σ GWh from `leap --format json`, and no text calls the sectors won below
/// the data's threshold.
#[test]
fn the_lead_share_is_weighted_by_gwh_and_won_means_the_threshold() {
    let args = ["leap", "--package", "tcip-package", "--runs", "100"];
    let out = leapfrog(&[&args[..], &["--format", "json"]].concat());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let c = &v["leap"]["comparison"];
    let rows = v["leap"]["rows"].as_array().unwrap();
    let (mut num, mut den) = (0.0, 0.0);
    for w in c["lead_sector_gwh_2045"].as_array().unwrap() {
        let (sector, gwh) = (w[0].as_str().unwrap(), w[1].as_f64().unwrap());
        let share: f64 = rows
            .iter()
            .filter(|r| r["sector"] == sector && r["new_chemistry"] == true)
            .map(|r| r["us_share_2045"]["p50"].as_f64().unwrap())
            .sum();
        num += share * gwh;
        den += gwh;
    }
    let weighted = c["lead_share_2045"].as_f64().unwrap();
    assert!(
        (num / den - weighted).abs() < 1e-12,
        "{} against {weighted}",
        num / den
    );
    let won = c["won"].as_bool().unwrap();
    assert_eq!(won, weighted >= c["won_share"].as_f64().unwrap());
    let text = String::from_utf8_lossy(&leapfrog(&args).stdout).to_string();
    assert_eq!(text.contains("are won"), won, "{text}");
}

/// `leap --format json` attributes the package lever by lever: each of the package's levers
/// alone on current law and the package less it, the package itself (the same runs as the leap
/// map, so its lead share is the comparison's), and the sum of the levers alone beside it; and
/// `fiscal` gives each lever's cost and the package's, items adding to their total.
#[test]
fn leap_attributes_the_package_lever_by_lever_with_its_fiscal_cost() {
    let v = succeeded_json(&[
        "leap",
        "--package",
        "tcip-package",
        "--runs",
        "100",
        "--format",
        "json",
    ]);
    let a = &v["attribution"];
    let package = read_packages()
        .into_iter()
        .find(|p| p.0 == "tcip-package")
        .unwrap();
    let names = |key: &str| -> Vec<String> {
        a[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["lever"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names("alone"), package.1);
    assert_eq!(names("package_less"), package.1);
    let whole = &a["whole_package"]["outcome"];
    let c = &v["leap"]["comparison"];
    assert_eq!(whole["lead_share_2045"], c["lead_share_2045"]);
    assert_eq!(whole["catch_up_share_2045"], c["catch_up_share_2045"]);
    assert!(a["sum_of_levers_alone"]["us_share_2045"].is_f64());
    let f = &v["fiscal"];
    for fiscal in [&f["package"], &f["current_law"]] {
        let items: f64 = fiscal["items_busd"]
            .as_object()
            .unwrap()
            .values()
            .map(|x| x.as_f64().unwrap())
            .sum();
        let total = fiscal["total_busd"].as_f64().unwrap();
        assert!((items - total).abs() < 1e-9 * total.max(1.0), "{fiscal}");
        let by_year: f64 = fiscal["by_year_busd"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .sum();
        assert!(
            (by_year - total).abs() < 1e-3 * total.max(1.0),
            "{by_year} {total}"
        );
    }
    let levers = f["levers_alone"].as_array().unwrap();
    assert_eq!(levers.len(), package.1.len());
    // Extending 45X at full value to 2040 pays the credit on more output for longer.
    let extension = levers
        .iter()
        .find(|l| l["lever"] == "credit_45x_until")
        .unwrap();
    assert!(extension["added_busd"].as_f64().unwrap() > 0.0);
    // Current law's package costs nothing over current law.
    assert_eq!(a["current_law"]["added"]["fiscal_busd"].as_f64(), Some(0.0));
}

/// (package id, lever names in order) from the embedded data.
fn read_packages() -> Vec<(String, Vec<String>)> {
    let data = leapfrog_data::Dataset::embedded().unwrap();
    data.policy_packages
        .iter()
        .map(|p| {
            let names = p.levers.iter().map(|l| l.name.clone());
            (p.id.clone(), names.collect())
        })
        .collect()
}

/// Each answer's first driver, moved through `--data` to 0.9 and 1.1 times the distance from
/// its current value to its switching value: the verdict holds at 0.9 and flips at 1.1 (an
/// answer whose drivers have no switching value is left out, and at least one is tested).
#[test]
fn each_answers_verdict_flips_at_its_switching_value() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("answers-flip");
    std::fs::create_dir_all(&dir).unwrap();
    let answers = |data: Option<&Path>| -> Vec<Value> {
        let out_dir = dir.join("out");
        let mut args = vec!["assess", "--format", "json", "--out"];
        let out_str = out_dir.to_string_lossy().to_string();
        args.push(&out_str);
        let data_str = data.map(|d| d.to_string_lossy().to_string());
        if let Some(d) = &data_str {
            args.extend(["--data", d.as_str()]);
        }
        let run = leapfrog(&args);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let text = std::fs::read_to_string(out_dir.join("report.json")).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        v["summary"]["answers"].as_array().unwrap().clone()
    };
    let base = answers(None);
    assert_eq!(base.len(), 3);
    let mut tested = 0;
    for (k, a) in base.iter().enumerate() {
        let Some(s) = a["what_would_change_it"].as_array().and_then(|d| d.first()) else {
            continue;
        };
        let Some(switch) = s["switching_value"].as_f64() else {
            continue;
        };
        let current = s["current"].as_f64().unwrap();
        for (factor, flips) in [(0.9, false), (1.1, true)] {
            let value = current + factor * (switch - current);
            let layer = dir.join(format!("data-{k}-{factor}"));
            std::fs::create_dir_all(&layer).unwrap();
            let mut values = vec![(s["driver"].as_str().unwrap(), value)];
            if let Some(balance) = s["balance"].as_str() {
                values.push((balance, 1.0 - value));
            }
            write_driver(&layer, s["file"].as_str().unwrap(), &values);
            let moved = answers(Some(&layer));
            assert_eq!(
                moved[k]["verdict"] != a["verdict"],
                flips,
                "answer {k} at {factor}x the distance ({value}): {}",
                moved[k]["answer"]
            );
        }
        tested += 1;
    }
    assert!(tested >= 1);
}

/// Writes into `layer` the record the driver paths name (`TABLE[id=ID].ARRAY[KEY=NAME].value`,
/// all in one record) from the repository's data file, with those values replaced.
fn write_driver(layer: &Path, file: &str, values: &[(&str, f64)]) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join(file)).unwrap();
    let (table, rest) = values[0].0.split_once("[id=").unwrap();
    let id = rest.split_once(']').unwrap().0;
    let header = format!("[[{table}]]");
    let mut record = text
        .split(&header)
        .skip(1)
        .find(|r| r.contains(&format!("id = \"{id}\"")))
        .unwrap()
        .split("\n[[")
        .next()
        .unwrap()
        .to_string();
    for (driver, value) in values {
        record = with_value(&record, driver, *value);
    }
    let name = Path::new(file).file_name().unwrap();
    std::fs::write(layer.join(name), format!("{header}{record}")).unwrap();
}

/// `record` with the `KEY = "NAME", value = ...` entry of `driver` set to `value`.
fn with_value(record: &str, driver: &str, value: f64) -> String {
    let (_, rest) = driver.split_once("].").unwrap();
    let (_, rest) = rest.split_once('[').unwrap();
    let (key, name) = rest.split_once('=').unwrap();
    let name = name.split_once(']').unwrap().0;
    let entry = format!("{key} = \"{name}\", value = ");
    let at = record.find(&entry).unwrap() + entry.len();
    let end = at + record[at..].find([' ', '}']).unwrap();
    format!("{}{value}{}", &record[..at], &record[end..])
}
