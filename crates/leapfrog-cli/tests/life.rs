//! `leapfrog life` end to end: a cycle spec and a CSV profile, the JSON summary's fields, the
//! model list, and bad input (exit 1 naming the option).

use serde_json::Value;
use std::process::{Command, Output};

fn leapfrog(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leapfrog"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn a_cycle_spec_gives_a_summary_and_a_yearly_series() {
    let v = json(&leapfrog(&[
        "life",
        "--model",
        "lfp-gr-250ah-prismatic",
        "--cycle",
        "dod=0.8,soc_max=0.9,charge_c=0.25,discharge_c=0.5,temperature_c=25",
        "--years",
        "15",
        "--format",
        "json",
    ]));
    let s = &v["summary"];
    let q = s["final_relative_capacity"].as_f64().unwrap();
    assert!(q > 0.5 && q < 1.0, "{q}");
    assert!(s["final_relative_resistance"].is_null());
    assert!(s["final_relative_resistance_reason"].is_string());
    assert!(s["equivalent_full_cycles"].as_f64().unwrap() > 4000.0);
    assert!(
        s["years_to_80_percent"].as_f64().is_some_and(|y| y > 5.0)
            || s["years_to_80_percent_reason"].is_string()
    );
    assert!(s["warnings"].is_array());
    assert_eq!(v["yearly"].as_array().unwrap().len(), 15);
}

#[test]
fn a_profile_csv_is_read_and_stops_at_a_capacity() {
    let profile = format!(
        "{}/../leapfrog-life/tests/fixtures/profile-grid-daily-25c.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let v = json(&leapfrog(&[
        "life",
        "--model",
        "nmc811-grsi-lgmj1-4ah",
        "--profile",
        &profile,
        "--until-capacity",
        "0.8",
        "--format",
        "json",
    ]));
    let s = &v["summary"];
    assert!(s["final_relative_capacity"].as_f64().unwrap() < 0.8);
    assert!(s["years_to_80_percent"].as_f64().is_some());
}

#[test]
fn resistance_is_reported_where_the_model_has_it_and_warnings_name_the_stressor() {
    let v = json(&leapfrog(&[
        "life",
        "--model",
        "nmc111-gr-kokam-75ah",
        "--cycle",
        "dod=0.8,temperature_c=55",
        "--years",
        "2",
        "--format",
        "json",
    ]));
    assert!(v["summary"]["final_relative_resistance"].as_f64().unwrap() > 1.0);
    let warnings = v["summary"]["warnings"].as_array().unwrap();
    assert!(
        warnings.iter().any(|w| w["stressor"] == "temperature_c"),
        "{warnings:?}"
    );
}

#[test]
fn the_list_names_every_model_with_its_source_and_directions() {
    let v = json(&leapfrog(&["life", "--list", "--format", "json"]));
    let models = v["models"].as_array().unwrap();
    // BLAST-Lite's nine and the four families' general models, each derived from one of them.
    assert_eq!(models.len(), 13);
    for m in models {
        let locator = m["parameter_locator"].as_str().unwrap();
        assert!(
            m["source"].is_string()
                && (locator.contains("blast/models/") || locator.contains("fit_family.rs")),
            "{m}"
        );
        assert!(["increases", "decreases", "mixed", "none"]
            .contains(&m["temperature"].as_str().unwrap()));
    }
}

#[test]
fn bad_life_input_exits_1_naming_what_is_wrong() {
    for (args, needle) in [
        (
            vec!["life", "--model", "lfp-x", "--cycle", "dod=0.5"],
            "--model",
        ),
        (
            vec!["life", "--model", "nmc-lto-10ah", "--cycle", "dod=2"],
            "dod",
        ),
        (
            vec!["life", "--model", "nmc-lto-10ah", "--cycle", "depth=0.5"],
            "unknown key `depth`",
        ),
        (
            vec![
                "life",
                "--model",
                "nmc-lto-10ah",
                "--cycle",
                "dod=0.5",
                "--years",
                "-3",
            ],
            "--years",
        ),
        (
            vec!["life", "--model", "nmc-lto-10ah"],
            "--profile FILE.csv or --cycle SPEC",
        ),
        (
            vec![
                "life",
                "--model",
                "nmc-lto-10ah",
                "--profile",
                "/nonexistent.csv",
            ],
            "/nonexistent.csv",
        ),
    ] {
        let out = leapfrog(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}

#[test]
fn a_chemistry_ages_with_its_default_model_or_says_it_has_none() {
    let fitted = json(&leapfrog(&[
        "life",
        "--chemistry",
        "lfp-g",
        "--cycle",
        "dod=0.8",
        "--years",
        "3",
        "--format",
        "json",
    ]));
    assert_eq!(fitted["model"], "lfp-gr-250ah-prismatic");
    assert_eq!(fitted["model_kind"], "fitted");
    let rated = json(&leapfrog(&[
        "life",
        "--chemistry",
        "NaNFM-HC",
        "--cycle",
        "dod=1,per_day=1",
        "--years",
        "3",
        "--format",
        "json",
    ]));
    assert_eq!(rated["model_kind"], "rating");
    // 3000 cycles to 80%: 1095 cycles lose 0.2 x 1095 / 3000.
    let q = rated["summary"]["final_relative_capacity"]
        .as_f64()
        .unwrap();
    let efc = rated["summary"]["equivalent_full_cycles"].as_f64().unwrap();
    assert!(
        (q - (1.0 - 0.2 * efc / 3000.0)).abs() < 1e-9,
        "{q} at {efc} EFC"
    );
    let out = leapfrog(&["life", "--chemistry", "LMO-G", "--cycle", "dod=0.8"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no life model for `LMO-G`"));
}

/// A rating says what it rests on and warns when the duty runs where the rating was not
/// measured; a chemistry with no fitted model but a family model ages with the family's.
#[test]
fn a_rating_shows_its_conditions_and_warns_outside_them() {
    let lmfp = json(&leapfrog(&[
        "life",
        "--chemistry",
        "LMFP-G",
        "--cycle",
        "dod=1",
        "--years",
        "1",
        "--format",
        "json",
    ]));
    assert_eq!(lmfp["model_kind"], "family");
    assert_eq!(lmfp["family"], "lfp");
    assert!(lmfp["rating"].is_null());
    let run = |temperature_c: &str| {
        json(&leapfrog(&[
            "life",
            "--chemistry",
            "NMC811-Li-SSE",
            "--cycle",
            &format!("dod=1,charge_c=0.5,discharge_c=0.5,temperature_c={temperature_c}"),
            "--years",
            "1",
            "--format",
            "json",
        ]))
    };
    let at_rating = run("60");
    assert_eq!(at_rating["rating"]["cycle_temperature_c"], 60.0);
    assert_eq!(
        at_rating["summary"]["warnings"].as_array().unwrap().len(),
        0
    );
    let cold = run("25");
    let warnings = cold["summary"]["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0]["stressor"], "temperature_c");
    // The rating has no stress dependence: the fade is the same at either temperature.
    assert_eq!(
        at_rating["summary"]["final_relative_capacity"],
        cold["summary"]["final_relative_capacity"]
    );
}

/// Twenty years in storage at full charge and 45 °C (a fixture of one day repeated): the
/// graphite chemistries without a fitted model age by their family's general model, below 0.90
/// with a band, and end where the model leaves its fitted capacities; a chemistry whose family
/// has no model says so (model none) instead of printing an unqualified 1.000.
#[test]
fn storage_at_full_charge_and_45_c_ages_every_chemistry_or_says_it_cannot() {
    let profile = format!(
        "{}/../leapfrog-life/tests/fixtures/profile-storage-100soc-45c.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let run = |chemistry: &str| {
        json(&leapfrog(&[
            "life",
            "--chemistry",
            chemistry,
            "--profile",
            &profile,
            "--years",
            "20",
            "--format",
            "json",
        ]))
    };
    for (chemistry, family) in [("NMC811-G", "nmc"), ("LMFP-G", "lfp")] {
        let v = run(chemistry);
        assert_eq!(v["model_kind"], "family", "{chemistry}");
        assert_eq!(v["family"], family);
        let s = &v["summary"];
        let q = s["final_relative_capacity"].as_f64().unwrap();
        let (lo, hi) = (
            s["final_relative_capacity_band"]["low"].as_f64().unwrap(),
            s["final_relative_capacity_band"]["high"].as_f64().unwrap(),
        );
        assert!((0.6..0.90).contains(&q), "{chemistry}: {q}");
        assert!(
            lo <= q && q <= hi && hi <= 1.0,
            "{chemistry}: {lo} {q} {hi}"
        );
        // Either the run ends early at the model's fitted capacities, or it runs 20 years,
        // past the 10 fitted, and says so.
        match s["ended_year"].as_f64() {
            Some(y) => assert!(y < 20.0 && s["end_reason"].is_string()),
            None => assert_eq!(
                s["within_tested_range"]["by_stressor"]["years"], false,
                "{chemistry}"
            ),
        }
    }
    for chemistry in ["NaNFM-HC", "NMC-NTO"] {
        let v = run(chemistry);
        assert_eq!(v["family_model"], "none", "{chemistry}");
        assert!(v["model_warning"]
            .as_str()
            .is_some_and(|w| w.contains("no ageing model")));
    }
}

/// Schmalstieg et al.'s NMC111 fit stored full at 45 °C for 20 years leaves every capacity it
/// was fitted on: by default the run ends there with its reason and never prints a capacity
/// below 0; `--blast-compatible` runs on as BLAST-Lite does and prints what the equations give.
#[test]
fn a_run_ends_at_the_model_range_unless_blast_compatible() {
    let profile = format!(
        "{}/../leapfrog-life/tests/fixtures/profile-storage-100soc-45c.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let run = |extra: &[&str]| {
        let mut args = vec![
            "life",
            "--model",
            "nmc111-gr-sanyo-2ah",
            "--profile",
            &profile,
            "--years",
            "20",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        json(&leapfrog(&args))
    };
    let bounded = run(&[]);
    let s = &bounded["summary"];
    assert!(s["end_reason"]
        .as_str()
        .is_some_and(|r| r.contains("outside")));
    assert!(s["ended_year"].as_f64().is_some_and(|y| y < 20.0));
    for p in bounded["yearly"].as_array().unwrap() {
        let q = p["relative_capacity"].as_f64().unwrap();
        assert!((0.0..=1.01).contains(&q), "{q}");
    }
    let blast = run(&["--blast-compatible"]);
    assert!(blast["summary"]["end_reason"].is_null());
    assert!(
        blast["summary"]["final_relative_capacity"]
            .as_f64()
            .unwrap()
            < 0.0
    );
    assert_eq!(blast["yearly"].as_array().unwrap().len(), 20);
}
