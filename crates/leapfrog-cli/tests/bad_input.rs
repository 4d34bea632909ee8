//! One regression test per bad-input defect (issue 14): each ran wrong on the code before it
//! (a panic, a NaN or null in the output, a silent override, an error naming the wrong thing)
//! and must now exit 1 with the option or file and line, the field, the value and what is
//! allowed — or run correctly.

mod common;

use common::bare_nulls;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn leapfrog(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leapfrog"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A fresh folder under the target directory, named for the test.
fn folder(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A data folder holding one file with `text`.
fn data_folder(name: &str, text: &str) -> PathBuf {
    let dir = folder(name);
    std::fs::write(dir.join("data.toml"), text).unwrap();
    dir
}

fn path(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// Exit 1, and stderr names every one of `needles`.
fn rejected(out: &Output, needles: &[&str]) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    for n in needles {
        assert!(err.contains(n), "missing `{n}` in: {err}");
    }
}

#[test]
fn a_very_wide_table_cell_prints_instead_of_panicking() {
    let title = "t".repeat(70_000);
    let dir = data_folder(
        "wide-cell",
        &format!(
            "[[source]]\nid = \"wide\"\ntitle = \"{title}\"\npublisher = \"p\"\nyear = 2020\nlocator = \"l\"\n"
        ),
    );
    let out = leapfrog(&["data", "sources", "--data", &path(&dir)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains(&title));
}

#[test]
fn cell_counts_that_overflow_are_rejected_by_option() {
    let out = leapfrog(&[
        "cell",
        "--chemistry",
        "LFP-G",
        "--cells-per-module",
        "65536",
        "--modules",
        "65536",
    ]);
    rejected(
        &out,
        &["--cells-per-module", "65536", "1 to 10000 cells per module"],
    );
}

#[test]
fn unit_mistakes_in_region_factors_are_rejected_with_file_line_and_range() {
    let base = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/factory_regions.toml"),
    )
    .unwrap();
    for (field, bad) in [
        ("cost_of_capital", "5.0"),
        ("equipment_cost_multiplier", "60.0"),
        ("electricity_usd_per_kwh", "88.0"),
    ] {
        let start = base.find("[[factory_region]]").unwrap();
        let end = base[start + 1..]
            .find("[[factory_region]]")
            .map_or(base.len(), |e| e + start + 1);
        let record: String = base[start..end]
            .lines()
            .map(|l| {
                if l.starts_with(&format!("{field} =")) {
                    format!("{field} = {bad}")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let dir = data_folder(&format!("region-{field}"), &record);
        let out = leapfrog(&["data", "check", "--data", &path(&dir)]);
        rejected(
            &out,
            &["data.toml:", field, bad.trim_end_matches(".0"), "allowed"],
        );
    }
}

#[test]
fn numeric_options_are_held_to_the_data_ranges() {
    for args in [
        vec!["cell", "--chemistry", "LFP-G", "--pack-kwh", "1e308"],
        vec!["cell", "--chemistry", "LFP-G", "--cell-ah", "1e-308"],
        vec!["cost", "--chemistry", "LFP-G", "--plant-gwh", "1e-308"],
        vec!["cost", "--chemistry", "LFP-G", "--plant-gwh", "-5"],
    ] {
        let out = leapfrog(&args);
        rejected(&out, &[args[3], args[4], "out of range; allowed"]);
    }
}

#[test]
fn sweep_axes_with_absurd_steps_are_errors_not_panics() {
    for (name, steps) in [
        ("steps-max", "18446744073709551615"),
        ("steps-huge", "1000000000"),
        ("steps-zero", "0"),
    ] {
        let dir = folder(name);
        let grid = dir.join("grid.toml");
        std::fs::write(
            &grid,
            format!("[sweep]\ncouples = [\"LFP-G\"]\nplant_gwh = {{ from = 1.0, to = 10.0, steps = {steps} }}\n"),
        )
        .unwrap();
        let out = leapfrog(&["sweep", "--grid", &path(&grid)]);
        rejected(&out, &["plant_gwh", "steps"]);
    }
}

#[test]
fn data_check_rejects_what_the_models_would_reject() {
    let cases = [
        (
            "no-room",
            "[[cell_format]]\nid = \"cyl-tight\"\nname = \"a can with no room\"\nkind = \"cylindrical\"\ncasing = \"Al-foil\"\ncasing_thickness_um = 300\nterminal_g_per_ah = 0.5\nnegative_overhang_mm = 1\nuncoated_foil_fraction = 0.05\ndiameter_mm = 5\nheight_mm = 65\ncore_diameter_mm = 5\nheadspace_mm = 5\nheader_mass_g = 2\nsource = \"assumption\"\nnote = \"fixture\"\n",
            "core_diameter_mm",
        ),
        (
            "bad-transport",
            "[[material]]\nid = \"test-electrolyte\"\nname = \"t\"\nrole = \"electrolyte\"\nconstituents = [{ formula = \"LiPF6\", mass_fraction = 1.0 }]\ndensity_g_per_cm3 = 1.2\ntransport = { salt_concentration_mol_per_l = 1.0, temperatures_c = [20.0, 30.0], diffusivity_m2_per_s = [2e-10, 3e-10], cation_transference_number = [0.3, 1.2], source = \"landesfeind-2019\" }\nsource = \"assumption\"\nnote = \"fixture\"\n",
            "transport.cation_transference_number[1]",
        ),
        (
            "sim-overfull",
            "[[sim_parameter_set]]\nid = \"bad-set\"\nname = \"LG M50 21700 (NMC811 / graphite-SiOx), Chen et al. 2020\"\nnominal_capacity_ah = 5.0\nelectrode_area_m2 = 0.1027\ntemperature_k = 298.15\nreference_temperature_k = 298.15\nlower_voltage_v = 2.5\nupper_voltage_v = 4.2\nsource = \"chen-2020\"\nparameter_source = \"pybamm-chen2020\"\nparameter_locator = \"pybamm/input/parameters/lithium_ion/Chen2020.py (PyBaMM 26.6): geometry, particle, kinetic and electrolyte values and the OCP fits of Chen et al. 2020 eq. 8-9; electrode area = 0.065 m x 1.58 m\"\nnote = \"Electrolyte transport from Nyman et al. 2008 (nyman-2008), as Chen et al. use it. Electronic conductivities without a Bruggeman correction, as in the parameter set.\"\n\n[sim_parameter_set.negative]\nthickness_m = 8.52e-5\nporosity = 0.25\nactive_volume_fraction = 0.75\nparticle_radius_m = 5.86e-6\nmax_concentration_mol_per_m3 = 33133.0\ninitial_concentration_mol_per_m3 = 40000.0\ndiffusivity_m2_per_s = 3.3e-14\nexchange_current_prefactor = 6.48e-7\nactivation_energy_j_per_mol = 35000.0\nconductivity_s_per_m = 215.0\nbruggeman_exponent = 1.5\nelectrode_bruggeman_exponent = 0.0\nocp_v = [{ exp = [1.9793, -39.3631] }, { constant = 0.2482 }, { tanh = [-0.0909, 29.8538, 0.1234] }, { tanh = [-0.04478, 14.9159, 0.2769] }, { tanh = [-0.0205, 30.4444, 0.6103] }]\n\n[sim_parameter_set.positive]\nthickness_m = 7.56e-5\nporosity = 0.335\nactive_volume_fraction = 0.665\nparticle_radius_m = 5.22e-6\nmax_concentration_mol_per_m3 = 63104.0\ninitial_concentration_mol_per_m3 = 17038.0\ndiffusivity_m2_per_s = 4.0e-15\nexchange_current_prefactor = 3.42e-6\nactivation_energy_j_per_mol = 17800.0\nconductivity_s_per_m = 0.18\nbruggeman_exponent = 1.5\nelectrode_bruggeman_exponent = 0.0\nocp_v = [{ linear = -0.8090 }, { constant = 4.4875 }, { tanh = [-0.0428, 18.5138, 0.5542] }, { tanh = [-17.7326, 15.7890, 0.3117] }, { tanh = [17.5842, 15.9308, 0.3120] }]\n\n[sim_parameter_set.separator]\nthickness_m = 1.2e-5\nporosity = 0.47\nbruggeman_exponent = 1.5\n\n[sim_parameter_set.electrolyte]\ninitial_concentration_mol_per_m3 = 1000.0\ncation_transference_number = 0.2594\nthermodynamic_factor = 1.0\ndiffusivity_m2_per_s = [[8.794e-11, 2.0], [-3.972e-10, 1.0], [4.862e-10, 0.0]]\nconductivity_s_per_m = [[0.1297, 3.0], [-2.51, 1.5], [3.329, 1.0]]\n\n",
            "negative.initial_concentration_mol_per_m3",
        ),
        (
            "empty-set",
            "[[project_set]]\nid = \"nothing\"\nlabel = \"no projects\"\nprojects = []\nsource = \"tcip-2025\"\n",
            "projects",
        ),
    ];
    for (name, text, field) in cases {
        let dir = data_folder(name, text);
        let out = leapfrog(&["data", "check", "--data", &path(&dir)]);
        rejected(&out, &["data.toml:", field]);
    }
}

#[test]
fn wrong_types_and_unknown_variants_name_their_field() {
    let dir = data_folder(
        "wrong-type",
        "[[share_table]]\nid = \"s\"\ntitle = \"t\"\ndimension = \"planet\"\nunit = \"share\"\nyear = 2020\nentries = [{ key = \"CN\", value = 1.0 }]\nsource = \"tcip-2025\"\n",
    );
    let out = leapfrog(&["data", "check", "--data", &path(&dir)]);
    rejected(&out, &["data.toml:4", "`dimension`", "planet", "country"]);
    let dir = data_folder(
        "wrong-type-2",
        "[[project]]\nid = \"p\"\ncompany = \"catl\"\nsite = \"x\"\ncountry = \"CN\"\ncapacity_gwh = \"five\"\nannounced_year = 2024\nsource = \"tcip-2025\"\n",
    );
    let out = leapfrog(&["data", "check", "--data", &path(&dir)]);
    rejected(
        &out,
        &["data.toml:6", "wrong type", "`capacity_gwh`", "a number"],
    );
}

#[test]
fn invalid_utf8_has_a_line() {
    let dir = folder("utf8");
    std::fs::write(
        dir.join("bad.toml"),
        b"[[region]]\nid = \"ZZ\"\nname = \"\xff\"\n",
    )
    .unwrap();
    let out = leapfrog(&["data", "check", "--data", &path(&dir)]);
    rejected(&out, &["bad.toml:3", "UTF-8"]);
}

#[test]
fn blank_and_control_character_ids_are_rejected_and_never_echoed_raw() {
    let dir = data_folder(
        "ids",
        "[[region]]\nid = \"  \"\nname = \"x\"\niso3 = \"XXX\"\nsource = \"tcip-2025\"\n\n[[region]]\nid = \"a\\u001b[31mb\"\nname = \"x\"\niso3 = \"XXX\"\nsource = \"tcip-2025\"\n",
    );
    let out = leapfrog(&["data", "check", "--data", &path(&dir)]);
    rejected(&out, &["data.toml:2", "data.toml:8", "printable"]);
    assert!(!stderr(&out).contains('\u{1b}'), "raw escape echoed");
}

#[test]
fn files_that_are_not_read_are_named_and_a_fifo_never_blocks() {
    let dir = folder("passed-over");
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::fs::write(dir.join("upper.TOML"), "[[region]]\n").unwrap();
    #[cfg(unix)]
    {
        let fifo = dir.join("pipe.toml");
        let made = Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_leapfrog"))
        .args(["data", "check", "--data", &path(&dir)])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed().as_secs() > 20 {
            let _ = child.kill();
            panic!("data check blocked on a FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    for name in ["sub", "upper.TOML", "pipe.toml"] {
        assert!(err.contains(name), "{name} not named: {err}");
    }
}

#[test]
fn options_that_would_be_overridden_or_ignored_are_errors() {
    let out = leapfrog(&[
        "cell",
        "--chemistry",
        "LFP-G",
        "--cell-ah",
        "50",
        "--pack-kwh",
        "100",
    ]);
    rejected(&out, &["--pack-kwh 100", "--cell-ah 50", "64.0 kWh"]);
    for opt in ["--cell-ah", "--cells-per-module", "--modules"] {
        let out = leapfrog(&[
            "cell",
            "--chemistry",
            "NMC811-G",
            "--format-cell",
            "cyl-21700",
            opt,
            "10",
        ]);
        rejected(&out, &[opt, "cylindrical", "cyl-21700"]);
    }
    let out = leapfrog(&[
        "cost",
        "--chemistry",
        "LFP-G",
        "--process",
        "dry-electrode,dry-electrode",
    ]);
    rejected(&out, &["--process", "dry-electrode", "twice"]);
}

#[test]
fn errors_name_the_option_that_is_wrong() {
    let out = leapfrog(&["cell", "--chemistry", "LFP-G", "--modules", "0"]);
    rejected(&out, &["--modules", "0"]);
    assert!(!stderr(&out).contains("cells_per_module = 20"));
    let out = leapfrog(&["cell", "--chemistry", "LFP-G", "--max-thickness-um", "1"]);
    rejected(&out, &["--max-thickness-um", "10 to 2000"]);
    assert!(!stderr(&out).contains("power target"));
    let out = leapfrog(&[
        "catchup",
        "--incumbent-gwh",
        "3000",
        "--incumbent-cost",
        "70",
        "--incumbent-lr",
        "20",
        "--incumbent-rate",
        "600",
        "--entrant-gwh",
        "20",
        "--entrant-cost",
        "120",
        "--entrant-lr",
        "0.1",
        "--entrant-rate",
        "40",
    ]);
    rejected(&out, &["--incumbent-lr", "20"]);
    assert!(!stderr(&out).contains("Producer {"));
    let grid =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sweep/small.toml");
    let out = leapfrog(&[
        "sweep",
        "--grid",
        &path(&grid),
        "--output",
        "/nonexistent/x.csv",
    ]);
    rejected(&out, &["--output", "/nonexistent/x.csv"]);
}

#[test]
fn ids_match_in_any_case_print_canonically_and_suggest_near_misses() {
    let out = leapfrog(&["cell", "--chemistry", "lfp-g"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("LFP-G in "), "{}", stdout(&out));
    let out = leapfrog(&["cell", "--chemistry", "LFP-X"]);
    rejected(&out, &["--chemistry", "did you mean `LFP-G`"]);
    let out = leapfrog(&[
        "shock",
        "--country",
        "cn",
        "--material",
        "graphite",
        "--stage",
        "anode-material",
        "--cut",
        "0.5",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["shock"]["country"], "CN");
    let out = leapfrog(&[
        "supply",
        "--concern",
        "cn",
        "--chemistry",
        "LFP-G",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.to_string().contains("\"CN\""));
    let out = leapfrog(&["data", "show", "CATL"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = leapfrog(&["cost", "--chemistry", "LFP-G", "--region", "batpac"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn sweep_writes_only_csv_or_json_and_a_closed_pipe_ends_quietly() {
    let grid = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../benches/sweep-1m.toml");
    let out = leapfrog(&["sweep", "--grid", &path(&grid), "--format", "table"]);
    assert_eq!(out.status.code(), Some(1));
    let mut child = Command::new(env!("CARGO_BIN_EXE_leapfrog"))
        .args(["sweep", "--grid", &path(&grid)])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Read;
        let mut first = [0u8; 64];
        let mut stdout = child.stdout.take().unwrap();
        stdout.read_exact(&mut first).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("Broken pipe"), "{}", stderr(&out));
}

#[test]
fn no_negative_zero_is_printed() {
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
        "LFP-G,NMC811-G,NaNFM-HC",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(!text.contains("-0.0"), "{text}");
}

#[test]
fn assess_replaces_its_folder_whole_and_refuses_a_folder_it_did_not_write() {
    let dir = folder("assess-out").join("report");
    let out = leapfrog(&["assess", "--out", &path(&dir)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = leapfrog(&["assess", "--out", &path(&dir), "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["report.json"]);
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let out = leapfrog(&["assess", "--out", &path(&dir)]);
    rejected(&out, &["--out", "notes.txt"]);
    assert!(dir.join("notes.txt").exists());
}

#[test]
fn json_output_has_no_null_without_its_reason() {
    let grid =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sweep/small.toml");
    let commands: Vec<Vec<String>> = [
        "capex --format json",
        "learning --format json",
        "catchup --incumbent-gwh 3000 --incumbent-cost 70 --incumbent-lr 0.2 --incumbent-rate 600 --entrant-gwh 20 --entrant-cost 120 --entrant-lr 0.25 --entrant-rate 40 --format json",
        "cell --preset batpac-v5-default --pack-kw 0 --format json",
        "chemistries --format json",
        "cost --preset batpac-v5-default --format json",
        "plant --chemistry LFP-G --region CN --format json",
        "compare --chemistries NMC811-G,LFP-G --regions US,CN --format json",
        "supply --format json",
        "shock --country CN --material graphite --stage anode-material --cut 0.5 --chemistries LFP-G,vrfb-4h --format json",
        "data list --format json",
    ]
    .iter()
    .map(|c| c.split(' ').map(str::to_string).collect())
    .chain([vec!["sweep".into(), "--grid".into(), path(&grid), "--format".into(), "json".into()]])
    .collect();
    let mut found = Vec::new();
    for args in &commands {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = leapfrog(&args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        bare_nulls(&v, args[0], &mut found);
    }
    let dir = folder("null-audit");
    let out = leapfrog(&["assess", "--out", &path(&dir.join("r")), "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("r/report.json")).unwrap()).unwrap();
    bare_nulls(&report, "report", &mut found);
    assert!(found.is_empty(), "bare nulls: {found:?}");
}

#[test]
fn a_mission_spec_is_checked_with_file_line_field_and_allowed() {
    let dir = folder("mission_spec");
    let spec = dir.join("sat.toml");
    std::fs::write(
        &spec,
        "kind = \"leo\"\norbit_period_min = 96\neclipse_min = 35\nload_w = 150\nbus_voltage_v = 28\nmax_dod = 1.5\neol_capacity_fraction = 0.8\ndischarge_efficiency = 0.92\ncharge_efficiency = 0.9\nyears = 5\ntemperature_c = 20\nbattery_colour = 3\n",
    )
    .unwrap();
    let out = leapfrog(&["mission", "--spec", &path(&spec)]);
    rejected(
        &out,
        &[
            "sat.toml:6:",
            "max_dod",
            "1.5",
            "from 0.01 to 1",
            "sat.toml:12:",
            "battery_colour",
        ],
    );
    let fixed = std::fs::read_to_string(&spec)
        .unwrap()
        .replace("max_dod = 1.5", "max_dod = 0.35")
        .replace("battery_colour = 3\n", "");
    std::fs::write(&spec, fixed).unwrap();
    let ok = leapfrog(&[
        "mission",
        "--spec",
        &path(&spec),
        "--chemistries",
        "NMC-LTO",
        "--format",
        "json",
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let v: Value = serde_json::from_str(&stdout(&ok)).unwrap();
    // NMC-LTO's rating is run past the cycles it was rated to: a margin, marked, not a verdict.
    assert_eq!(v["evaluations"][0]["status"], "uncertain");
    assert_eq!(v["evaluations"][0]["extrapolated"], true);
    let mut nulls = Vec::new();
    bare_nulls(&v, "", &mut nulls);
    assert!(nulls.is_empty(), "{nulls:?}");
}

#[test]
fn an_infeasible_mission_is_a_result_not_an_error() {
    let out = leapfrog(&[
        "mission",
        "--preset",
        "evtol-kasliwal",
        "--chemistries",
        "LFP-G",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["evaluations"][0]["status"], "infeasible");
    assert_eq!(
        v["evaluations"][0]["failed"]["name"],
        "trip_and_reserve_energy_at_end_of_life_kwh"
    );
    let unknown = leapfrog(&["mission", "--preset", "grid-5h"]);
    rejected(&unknown, &["--preset", "grid-5h", "grid-4h"]);
}

#[test]
fn a_fractional_cycles_per_day_is_refused_not_dropped() {
    // It used to run with no cycles at all (the day held floor(per_day) of them).
    let out = leapfrog(&[
        "life",
        "--chemistry",
        "LFP-G",
        "--cycle",
        "per_day=0.5",
        "--years",
        "1",
    ]);
    rejected(&out, &["per_day", "0.5", "whole number"]);
}

#[test]
fn a_bpx_cell_simulates_and_a_function_leapfrog_cannot_read_is_named() {
    let bpx = format!(
        "{}/../../tests/fixtures/bpx/nmc_pouch_cell.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let ok = leapfrog(&[
        "simulate",
        "--model",
        "spme",
        "--params",
        &bpx,
        "--experiment",
        "Discharge at 1C until 2.7 V",
        "--format",
        "json",
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let v: Value = serde_json::from_str(&stdout(&ok)).unwrap();
    let capacity = v["summary"]["discharge_capacity_ah"].as_f64().unwrap();
    // PyBaMM 26.6 (its own BPX import, SPMe): 12.95 Ah to 2.7 V at 1C.
    assert!((capacity - 12.95).abs() < 0.1, "{capacity}");
    let dir = folder("bpx_bad");
    let text = std::fs::read_to_string(&bpx)
        .unwrap()
        .replace("-3.04420906 * x + 10.04892207", "log(x) + 10.04892207");
    let file = dir.join("cell.json");
    std::fs::write(&file, text).unwrap();
    let out = leapfrog(&[
        "simulate",
        "--model",
        "spme",
        "--params",
        &path(&file),
        "--experiment",
        "Discharge at 1C until 2.7 V",
    ]);
    rejected(
        &out,
        &[
            "cell.json",
            "Positive electrode/OCP [V]",
            "log(x)",
            "exp and tanh",
        ],
    );
}

#[test]
fn ip_check_flags_the_unconditioned_foreign_deal_and_passes_the_domestic_one() {
    let deals = format!(
        "{}/../../tests/fixtures/ip/deals.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = leapfrog(&["ip", "check", "--file", &deals, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let flagged: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "flag")
        .map(|f| f["deal"].as_str().unwrap())
        .collect();
    assert!(flagged.contains(&"to-offshore-affiliate"), "{v}");
    assert!(!flagged.contains(&"to-ohio-startup"), "{v}");
    assert_eq!(v["passed"], serde_json::json!(["to-ohio-startup"]));
    let dir = folder("ip_bad_deal");
    let bad = dir.join("deals.toml");
    std::fs::write(&bad, std::fs::read_to_string(&deals).unwrap().replace("date = \"2026-03\"\nexclusive = true\nsublicensing_allowed = true\nmanufacturing_condition = false", "date = \"March\"\nexclusive = true\nsublicensing_allowed = true\nmanufacturing_condition = false")).unwrap();
    let out = leapfrog(&["ip", "check", "--file", &path(&bad)]);
    rejected(&out, &["deals.toml:11:", "date", "March", "YYYY"]);
}

#[test]
fn ip_json_carries_organisations_events_exits_and_findings() {
    let out = leapfrog(&["ip", "--technology", "nmc", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(v["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["name"] == "BASF SE"));
    let c = &v["chains"][0];
    assert_eq!(c["left_us_jurisdiction"]["country"], "DE");
    assert!(
        !c["timeline"].as_array().unwrap().is_empty()
            && !c["findings"].as_array().unwrap().is_empty()
    );
}

#[test]
fn a_designed_cell_simulates_and_a_couple_without_a_set_is_named() {
    let out = leapfrog(&[
        "simulate",
        "--model",
        "spme",
        "--design",
        "lg-m50-21700",
        "--experiment",
        "Discharge at 0.2C until 2.5 V",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["design"]["electrochemistry_from"], "chen2020");
    let designed = v["design"]["design_capacity_ah"].as_f64().unwrap();
    let simulated = v["summary"]["discharge_capacity_ah"].as_f64().unwrap();
    // The cell layer's capacity (mAh/g of the recipe) and the set's stoichiometry window need
    // not agree; they must stay within a physical bound of each other.
    assert!(
        simulated > 0.5 * designed && simulated < 1.1 * designed,
        "{simulated} vs {designed}"
    );
    let none = leapfrog(&[
        "simulate",
        "--model",
        "spme",
        "--design",
        "batpac-v5-default",
        "--experiment",
        "Discharge at 1C until 2.5 V",
    ]);
    rejected(
        &none,
        &[
            "--design batpac-v5-default",
            "NMC811-G",
            "chen2020",
            "prada2013",
        ],
    );
}

/// Issue 28: an entrant that does not learn has no static volume; the output says why instead
/// of printing null, and no -0 appears.
#[test]
fn catchup_with_a_zero_entrant_rate_says_why_and_prints_no_negative_zero() {
    let out = leapfrog(&[
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
        "--entrant-lr",
        "0",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let v: Value = serde_json::from_str(&text).unwrap();
    let mut nulls = Vec::new();
    bare_nulls(&v, "", &mut nulls);
    assert!(nulls.is_empty(), "{nulls:?}");
    assert!(v["static_note"]
        .as_str()
        .unwrap()
        .contains("does not learn"));
    assert!(!text.contains("-0.000") && !text.contains("= -0"), "{text}");
}

/// Issue 28: categorical levers take their allowed values only.
#[test]
fn categorical_levers_refuse_fractions() {
    let out = leapfrog(&[
        "scenario",
        "--preset",
        "baseline",
        "--runs",
        "10",
        "--lever",
        "us_depreciation=1.5",
    ]);
    rejected(&out, &["us_depreciation", "1.5", "one of 0, 1, 2"]);
    let out = leapfrog(&[
        "scenario",
        "--preset",
        "baseline",
        "--runs",
        "10",
        "--lever",
        "equipment_controls=0.5",
    ]);
    rejected(&out, &["equipment_controls", "0.5", "one of 0, 1"]);
}

/// Issue 28: a scenario file's name is used, not ignored.
#[test]
fn a_scenario_files_name_heads_its_output() {
    let dir = folder("scenario_name");
    let file = dir.join("my-scenario.toml");
    std::fs::write(
        &file,
        "name = \"Faster permits\"\nlevers = [{ name = \"us_construction_years\", value = 1 }]\n",
    )
    .unwrap();
    let out = leapfrog(&["scenario", "--file", &path(&file), "--runs", "10"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The backcast comes first; the scenario's headline, then its name, after it.
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let headline = lines.iter().position(|l| l.starts_with("Scenario `"));
    assert!(
        headline.is_some_and(|h| lines.get(h + 1) == Some(&"Faster permits")),
        "{text}"
    );
    let out = leapfrog(&[
        "scenario",
        "--file",
        &path(&file),
        "--runs",
        "10",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["name"], "Faster permits");
}

/// Issue 28: supply and shock refuse a chemistry or country named twice.
#[test]
fn supply_and_shock_refuse_duplicate_ids() {
    let out = leapfrog(&["supply", "--chemistry", "LFP-G,LFP-G"]);
    rejected(&out, &["--chemistry", "LFP-G", "named twice"]);
    let out = leapfrog(&["supply", "--concern", "CN,CN"]);
    rejected(&out, &["--concern", "CN", "named twice"]);
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
        "LFP-G,LFP-G",
    ]);
    rejected(&out, &["--chemistries", "LFP-G", "named twice"]);
}

/// Issue 28: a mission spec's efficiencies and cycle counts are held to physical ranges, so a
/// sub-normal value is refused at its line instead of printing a null or infinite LCOS.
#[test]
fn mission_specs_refuse_subnormal_efficiencies_and_cycles() {
    let base = "kind = \"grid\"\nsector = \"grid-storage\"\npower_mw = 100.0\nduration_h = 4.0\ncycles_per_day = 1.0\nround_trip_efficiency = 0.85\nyears = 20.0\ndiscount_rate = 0.07\ncharging_price_usd_per_mwh = 30.0\nmax_dod = 0.9\ntemperature_c = 25.0\naugmentation = \"maintain-energy\"\n";
    let dir = folder("mission_subnormal");
    for (from, to, line, field) in [
        (
            "round_trip_efficiency = 0.85",
            "round_trip_efficiency = 1e-320",
            "spec.toml:6:",
            "round_trip_efficiency",
        ),
        (
            "cycles_per_day = 1.0",
            "cycles_per_day = 5e-324",
            "spec.toml:5:",
            "cycles_per_day",
        ),
    ] {
        let file = dir.join("spec.toml");
        std::fs::write(&file, base.replace(from, to)).unwrap();
        let out = leapfrog(&["mission", "--spec", &path(&file), "--chemistries", "LFP-G"]);
        rejected(&out, &[line, field]);
    }
}

/// Issue 28: experiment steps are held to a millisecond to 5,000 hours, so a sub-normal rest
/// cannot print NaN and an endless one cannot run until killed or fill memory.
#[test]
fn experiment_durations_are_bounded() {
    for step in [
        "Rest for 1e-320 hours",
        "Rest for 1e308 hours",
        "Rest for 1e9 seconds",
    ] {
        let out = leapfrog(&[
            "simulate",
            "--model",
            "spm",
            "--params",
            "chen2020",
            "--experiment",
            step,
            "--thermal",
            "lumped",
        ]);
        rejected(&out, &["--experiment", step, "0.001 seconds to 5000 hours"]);
        assert!(!stderr(&out).contains("inf seconds"), "{}", stderr(&out));
    }
}

/// Issue 28: a life profile with a byte-order mark reads as the TOML files do, and a bad row is
/// named by its line in the file, not its point number.
#[test]
fn profiles_accept_a_bom_and_locate_rows_by_line() {
    let dir = folder("profile_bom");
    let file = dir.join("p.csv");
    std::fs::write(
        &file,
        "\u{feff}time_s,soc,temperature_c\n0,0.5,25\n3600,0.6,25\n3000,0.7,25\n",
    )
    .unwrap();
    let out = leapfrog(&[
        "life",
        "--model",
        "nca-gr-panasonic-3ah",
        "--profile",
        &path(&file),
        "--years",
        "1",
    ]);
    rejected(&out, &["p.csv:4:", "time_s = 3000", "strictly increasing"]);
    std::fs::write(
        &file,
        "\u{feff}time_s,soc,temperature_c\n0,0.5,25\n3600,0.6,25\n",
    )
    .unwrap();
    let out = leapfrog(&[
        "life",
        "--model",
        "nca-gr-panasonic-3ah",
        "--profile",
        &path(&file),
        "--years",
        "1",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// Issue 28: a profile one period of which outlasts --years is refused, not run past the
/// years asked to a meaningless capacity.
#[test]
fn a_profile_longer_than_the_years_asked_is_refused() {
    let dir = folder("profile_long");
    let file = dir.join("long.csv");
    std::fs::write(&file, "time_s,soc,temperature_c\n0,0.5,25\n1e12,0.6,25\n").unwrap();
    let out = leapfrog(&[
        "life",
        "--model",
        "nca-gr-panasonic-3ah",
        "--profile",
        &path(&file),
        "--years",
        "1",
    ]);
    rejected(
        &out,
        &[
            "--profile",
            "long.csv",
            "31709.8 years",
            "longer than the 1.000 years asked",
        ],
    );
}

/// Issue 28: --until-efc on a profile that never cycles is refused; a stop in cycles out of
/// reach ends at the 100-year cap and says so.
#[test]
fn life_stops_in_cycles_are_honoured_or_refused() {
    let storage = format!(
        "{}/../leapfrog-life/tests/fixtures/profile-storage-35c.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = leapfrog(&[
        "life",
        "--model",
        "nca-gr-panasonic-3ah",
        "--profile",
        &storage,
        "--until-efc",
        "500",
    ]);
    rejected(&out, &["--until-efc", "moves no charge"]);
    let out = leapfrog(&[
        "life",
        "--model",
        "lfp-gr-250ah-prismatic",
        "--cycle",
        "dod=0.1",
        "--until-efc",
        "1000000",
        // Unbounded, so the capacity floor (0.6) does not end the run before the cap.
        "--blast-compatible",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    // The run steps a day at a time, so it ends within a day past the cap.
    assert!(v["summary"]["years"].as_f64().unwrap() <= 100.0 + 1.0 / 365.0 + 1e-9);
    assert!(v["summary"]["end_reason"]
        .as_str()
        .unwrap()
        .contains("100-year cap"));
}

/// Issue 28: the README promises byte-identical scenario output on any thread count; the
/// thread count is no longer part of the result.
#[test]
fn scenario_json_is_byte_identical_on_any_thread_count() {
    let run = |threads: &str| {
        let out = leapfrog(&[
            "scenario",
            "--preset",
            "baseline",
            "--runs",
            "40",
            "--threads",
            threads,
            "--format",
            "json",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        out.stdout
    };
    assert_eq!(run("1"), run("2"));
}

/// Issue 28: no JSON output carries a negative zero.
#[test]
fn json_output_carries_no_negative_zero() {
    let out = leapfrog(&[
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
        "--entrant-lr",
        "0",
        "--format",
        "json",
    ]);
    assert!(!stdout(&out).contains("-0.0"), "{}", stdout(&out));
    let out = leapfrog(&[
        "compare",
        "--chemistries",
        "LFP-G",
        "--regions",
        "US,CN",
        "--format",
        "json",
    ]);
    assert!(!stdout(&out).contains(": -0.0"), "negative zero in compare");
}

/// Issue 28: a huge number in a data file is echoed in exponent form, not as 309 digits.
#[test]
fn huge_numbers_are_echoed_short() {
    let dir = data_folder(
        "huge_number",
        "[[project]]\nid = \"huge\"\ncompany = \"catl\"\nsite = \"Nowhere\"\ncountry = \"CN\"\nannounced_year = 2024\ncapacity_gwh = 1e308\ninvestment_millions = 1000.0\ncurrency = \"USD\"\nsource = \"tcip-2025\"\n",
    );
    let out = leapfrog(&["data", "check", "--data", &path(&dir)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("1e308"), "{err}");
    assert!(!err.contains("10000000000000000000000"), "{err}");
}

/// Issue 28: a sweep that cannot write its --output names the file and is the user's to fix.
#[test]
fn a_sweep_that_cannot_write_names_its_output() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let grid = format!("{}/../../benches/sweep-1m.toml", env!("CARGO_MANIFEST_DIR"));
    let out = leapfrog(&["sweep", "--grid", &grid, "--output", "/dev/full"]);
    rejected(&out, &["--output /dev/full", "cannot write"]);
}

/// Issue 28: the names people use get a "did you mean": a couple's family or alias (`LFP`,
/// `sodium-ion`, `LiFePO4`), a country's name for its code (`China`), the start of a preset's
/// id (`evtol`).
#[test]
fn names_people_use_get_a_suggestion() {
    let cases: [(&[&str], &str); 5] = [
        (&["cost", "--chemistry", "LFP"], "did you mean `LFP-G`?"),
        (
            &["cost", "--chemistry", "sodium-ion"],
            "did you mean `NaNFM-HC` or `PW-HC`?",
        ),
        (&["cost", "--chemistry", "LiFePO4"], "did you mean `LFP-G`?"),
        (
            &["compare", "--chemistries", "LFP-G", "--regions", "China"],
            "did you mean `CN`?",
        ),
        (
            &["mission", "--preset", "evtol"],
            "did you mean `evtol-kasliwal`?",
        ),
    ];
    for (args, hint) in cases {
        let out = leapfrog(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr(&out).contains(hint), "{args:?}: {}", stderr(&out));
    }
}

/// Issue 28: a gate below the mature scrap rate, which `scaleup` refuses, is refused by
/// `data check` too, with the file and line (one check path).
#[test]
fn data_check_refuses_a_gate_that_never_opens() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/scaleup.toml"),
    )
    .unwrap();
    let start = text.find("[[scaleup_path]]\nid = \"startup-us\"").unwrap();
    let end = start + 10 + text[start + 10..].find("[[scaleup_path]]").unwrap();
    let path = text[start..end].replace("gate_scrap = 0.12", "gate_scrap = 0.01");
    let dir = data_folder("gate_never_opens", &path);
    let out = leapfrog(&["--data", dir.to_str().unwrap(), "data", "check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("data.toml:") && err.contains("gate_scrap") && err.contains("mature scrap"),
        "{err}"
    );
}

/// Issue 28: a staging folder left by a killed `assess` (its process gone) is removed by the
/// next run; one whose process is alive (pid 1) stays.
#[test]
fn assess_removes_stale_staging_folders_of_dead_runs() {
    let parent = folder("assess-stale");
    let dead = parent.join(".report.staging-4000000");
    let alive = parent.join(".report.staging-1");
    std::fs::create_dir_all(&dead).unwrap();
    std::fs::create_dir_all(&alive).unwrap();
    let out = leapfrog(&[
        "assess",
        "--out",
        &path(&parent.join("report")),
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    if Path::new("/proc").is_dir() {
        assert!(!dead.exists());
    }
    assert!(alive.exists());
}

/// Issue 28: `--help` reads preset lists from the data, so a path added to the data shows.
#[test]
fn help_lists_presets_from_the_data() {
    let out = leapfrog(&["scaleup", "--help"]);
    assert!(out.status.success());
    let text = stdout(&out);
    // Help wraps to the terminal's width: the words, not the line.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("one of: startup-us, incumbent-lfp-us, northvolt-like, im3ny-like."),
        "{text}"
    );
    let out = leapfrog(&["mission", "--help"]);
    assert!(stdout(&out).contains("evtol-kasliwal"));
}

/// Issue 28: the ECM fitted to prada2013 has no null misfit and no silent R1 = R2 = 0: where
/// two RC pairs cannot both keep a positive resistance, one pair is fitted and the point says
/// so.
#[test]
fn the_ecm_fit_never_degenerates_silently() {
    let out = leapfrog(&[
        "simulate",
        "--model",
        "ecm",
        "--params",
        "prada2013",
        "--experiment",
        "Discharge at 1C until 2.5 V",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let points = v["ecm_fit"].as_array().unwrap();
    assert_eq!(points.len(), 27);
    for p in points {
        assert!(p["misfit_v"].as_f64().is_some_and(f64::is_finite), "{p}");
        let (r1, r2) = (p["r1_ohm"].as_f64().unwrap(), p["r2_ohm"].as_f64().unwrap());
        if r1 == 0.0 || r2 == 0.0 {
            assert!(p["fit_note"].is_string(), "{p}");
        }
    }
}

/// Issue 28: a scenario file's lever value is checked where it is written, by the same rule
/// as a package in the data, with its file and line.
#[test]
fn a_scenario_lever_out_of_range_is_located() {
    let dir = folder("scenario_lever");
    let file = dir.join("s.toml");
    std::fs::write(
        &file,
        "name = \"x\"\nlevers = [\n  { name = \"us_construction_years\", value = 9 },\n]\n",
    )
    .unwrap();
    let out = leapfrog(&["scenario", "--file", &path(&file), "--runs", "10"]);
    rejected(&out, &["s.toml:3:", "value", "9", "0.75 to 3 (years)"]);
}

/// Issue 28: a table where a list belongs, or a word where a list belongs, is said in plain
/// words at its key and line: no serde wording, no `-` for the field, no Rust type names.
#[test]
fn type_errors_in_user_files_name_the_key_in_plain_words() {
    let dir = folder("type_errors");
    let scenario = dir.join("s.toml");
    std::fs::write(
        &scenario,
        "name = \"x\"\n[levers]\nus_construction_years = 9\n",
    )
    .unwrap();
    let out = leapfrog(&["scenario", "--file", &path(&scenario), "--runs", "10"]);
    rejected(&out, &["s.toml:2:", "`levers`", "a list"]);
    let grid = dir.join("g.toml");
    std::fs::write(&grid, "[sweep]\ncouples = \"LFP-G\"\n").unwrap();
    let out = leapfrog(&["sweep", "--grid", &path(&grid)]);
    rejected(&out, &["g.toml:2:", "`couples`", "a list"]);
    for out in [&out] {
        let err = stderr(out);
        for leak in [
            "invalid type",
            "untagged enum",
            "`-`",
            "f64",
            "i128",
            "struct ",
        ] {
            assert!(!err.contains(leak), "{leak} in: {err}");
        }
    }
}

/// Issue 28: a BPX file's problems name the keys the user wrote, not the imported set's
/// derived fields.
#[test]
fn bpx_errors_name_the_bpx_keys() {
    let dir = folder("bpx_keys");
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/bpx/nmc_pouch_cell.json"
    );
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(fixture).unwrap()).unwrap();
    v["Parameterisation"]["Positive electrode"]["Porosity"] = 1.7.into();
    v["Parameterisation"]["Negative electrode"]["Transport efficiency"] = 1.5.into();
    let file = dir.join("cell.json");
    std::fs::write(&file, v.to_string()).unwrap();
    let out = leapfrog(&[
        "simulate",
        "--model",
        "spme",
        "--params",
        &path(&file),
        "--experiment",
        "Discharge at 1C until 2.7 V",
    ]);
    rejected(
        &out,
        &[
            "cell.json",
            "Parameterisation/Positive electrode/Porosity",
            "1.7",
            "Parameterisation/Negative electrode/Transport efficiency",
        ],
    );
    let err = stderr(&out);
    assert!(
        !err.contains("positive.porosity") && !err.contains("bruggeman_exponent`"),
        "{err}"
    );
}

/// Issue 28: `simulate --cycles` is bounded by the memory its rows take; past the bound the
/// option is refused with its range and where to go instead.
#[test]
fn simulate_cycles_past_the_memory_bound_are_refused() {
    let out = leapfrog(&[
        "simulate",
        "--model",
        "spm",
        "--params",
        "chen2020",
        "--experiment",
        "Rest for 1 hour",
        "--cycles",
        "100000",
    ]);
    rejected(&out, &["--cycles", "100000", "1 to 10000", "leapfrog life"]);
}

/// Issue 28 (found by the surface fuzzing): a depth of discharge of 1e-300 sized an infinite
/// battery and a NaN duty; it is refused at its line. A sweep grid's value errors name the
/// grid file and line; a design file's infeasible design names the file.
#[test]
fn fuzzed_file_values_are_refused_where_they_are_written() {
    let dir = folder("fuzzed_values");
    let spec = dir.join("leo.toml");
    std::fs::write(
        &spec,
        "kind = \"leo\"\norbit_period_min = 96\neclipse_min = 35\nload_w = 150\nbus_voltage_v = 28\nmax_dod = 1e-300\neol_capacity_fraction = 0.8\ndischarge_efficiency = 0.92\ncharge_efficiency = 0.9\nyears = 5\ntemperature_c = 20\n",
    )
    .unwrap();
    let out = leapfrog(&["mission", "--spec", &path(&spec)]);
    rejected(&out, &["leo.toml:6:", "max_dod", "0.01 to 1"]);
    let grid = dir.join("grid.toml");
    std::fs::write(
        &grid,
        "[sweep]\ncouples = [\"LFP-G\"]\nregions = [\"CN\"]\nprocesses = [[]]\nplant_gwh = [-1.0]\npack_kw = [100.0]\n",
    )
    .unwrap();
    let out = leapfrog(&["sweep", "--grid", &path(&grid)]);
    rejected(&out, &["grid.toml:5:", "plant_gwh", "-1"]);
}
