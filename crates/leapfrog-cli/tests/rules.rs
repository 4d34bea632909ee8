//! `leapfrog rules`: the listing at a date, 45X and 48E checks on plant and project files,
//! duties by layer, and located errors for bad files and options.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn leapfrog(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leapfrog"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/rules")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn rule<'v>(listing: &'v Value, id: &str) -> &'v Value {
    listing["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("{id}"))
}

#[test]
fn statuses_on_1_june_2026() {
    let v = json(&leapfrog(&[
        "rules",
        "--date",
        "2026-06-01",
        "--format",
        "json",
    ]));
    assert_eq!(v["as_of"], "2026-12-07");
    assert_eq!(v["date"], "2026-06-01");
    let mofcom = rule(&v, "mofcom-2025-58");
    assert_eq!(mofcom["status"], "suspended");
    assert_eq!(mofcom["status_until"], "2026-11-10");
    let ieepa = rule(&v, "ieepa-cn");
    assert_eq!(ieepa["status"], "struck down");
    assert_eq!(ieepa["status_date"], "2026-02-20");
    let s122 = rule(&v, "s122-2026");
    assert_eq!(s122["status"], "in force");
    assert_eq!(s122["status_until"], "2026-07-24");
    let aam = rule(&v, "adcvd-aam-cn");
    assert_eq!(aam["status"], "terminated");
    assert_eq!(aam["status_date"], "2026-03-12");
}

fn thresholds(listing: &Value, id: &str) -> Vec<f64> {
    rule(listing, id)["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "threshold")
        .unwrap()["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["value"].as_f64().unwrap())
        .collect()
}

#[test]
fn statuses_on_the_as_of_date_and_the_thresholds() {
    let v = json(&leapfrog(&[
        "rules",
        "--date",
        "2026-12-07",
        "--format",
        "json",
    ]));
    let mofcom = rule(&v, "mofcom-2025-58");
    assert_eq!(mofcom["status"], "unknown");
    assert_eq!(
        mofcom["status_reason"],
        "suspension ended 2026-11-10; later status not in our sources"
    );
    assert_eq!(rule(&v, "s122-2026")["status"], "expired");
    assert_eq!(
        thresholds(&v, "45x-macr-battery"),
        [0.6, 0.65, 0.7, 0.8, 0.85]
    );
    assert_eq!(
        thresholds(&v, "48e-storage-macr"),
        [0.55, 0.6, 0.65, 0.7, 0.75]
    );
}

#[test]
fn in_force_lists_only_rules_in_force() {
    let v = json(&leapfrog(&["rules", "--in-force", "--format", "json"]));
    let rules = v["rules"].as_array().unwrap();
    assert!(!rules.is_empty());
    assert!(rules.iter().all(|r| r["status"] == "in force"));
    assert!(!rules.iter().any(|r| r["id"] == "ieepa-cn"));
}

#[test]
fn every_rule_citation_is_in_the_bibliography() {
    let v = json(&leapfrog(&["rules", "--format", "json"]));
    let bibliography = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/sources.toml");
    let text = std::fs::read_to_string(bibliography).unwrap();
    for r in v["rules"].as_array().unwrap() {
        let citation = r["citation"].as_str().unwrap();
        assert!(text.contains(&format!("id = \"{citation}\"")), "{citation}");
        assert_ne!(citation, "assumption");
    }
}

#[test]
fn indonesian_cathode_plant_gets_no_credit_in_any_year() {
    let out = leapfrog(&[
        "rules",
        "check",
        "--plant",
        &fixture("plant-indonesian-cathode.toml"),
    ]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("rules as of 2026-12-07"), "{text}");
    let v = json(&leapfrog(&[
        "rules",
        "check",
        "--plant",
        &fixture("plant-indonesian-cathode.toml"),
        "--format",
        "json",
    ]));
    let years = v["years"].as_array().unwrap();
    assert_eq!(years.len(), 7, "2026 to 2032");
    for y in years {
        assert_eq!(y["credit_usd_per_kwh"], 0.0, "{y}");
        let failed: Vec<&Value> = y["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["passed"] == false)
            .collect();
        assert_eq!(failed.len(), 1);
        assert!(failed[0]["reason"].as_str().unwrap().contains("0.270"));
        assert_eq!(failed[0]["citation"], "usc-7701-a-52");
        let cathode = &y["prohibited_components"][0];
        assert_eq!(cathode["supplier"], "PT Cathode Indonesia");
        assert!(cathode["reasons"][0]
            .as_str()
            .unwrap()
            .contains("controlled by a specified foreign entity"));
    }
}

#[test]
fn the_reading_option_decides_a_licence_without_terms() {
    let dir = std::env::temp_dir().join(format!("leapfrog-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let base = std::fs::read_to_string(fixture("plant-korean-cathode.toml")).unwrap();
    let file = dir.join("licensed.toml");
    std::fs::write(
        &file,
        format!(
            "{base}\n[[licences]]\nlicensor = \"CATL\"\nlicensor_country = \"CN\"\nentered = \"2026-02-01\"\npayment_years = [2026]\n"
        ),
    )
    .unwrap();
    let credit = |reading: &str| {
        let v = json(&leapfrog(&[
            "rules",
            "check",
            "--plant",
            file.to_str().unwrap(),
            "--year",
            "2027",
            "--reading",
            reading,
            "--format",
            "json",
        ]));
        v["years"][0]["credit_usd_per_kwh"].as_f64().unwrap()
    };
    assert_eq!(credit("literal"), 0.0);
    assert_eq!(credit("conjunctive"), 35.0);
}

#[test]
fn storage_project_threshold_by_construction_year() {
    let v = json(&leapfrog(&[
        "rules",
        "check",
        "--project",
        &fixture("project-storage.toml"),
        "--year",
        "2028",
        "--format",
        "json",
    ]));
    assert_eq!(v["result"]["threshold"], 0.65);
    assert_eq!(v["result"]["eligible"], true);
}

#[test]
fn duties_as_assessed_and_after_refunds() {
    let v = json(&leapfrog(&[
        "rules",
        "duty",
        "--origin",
        "CN",
        "--hts",
        "8507.60.0010",
        "--date",
        "2026-02-01",
        "--format",
        "json",
    ]));
    let d = &v["duties"];
    assert!((d["total_as_assessed"].as_f64().unwrap() - 0.484).abs() < 1e-12);
    assert!((d["total_after_refunds"].as_f64().unwrap() - 0.284).abs() < 1e-12);
}

#[test]
fn a_bad_plant_file_is_located() {
    let out = leapfrog(&[
        "rules",
        "check",
        "--plant",
        &fixture("plant-bad-share.toml"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "plant-bad-share.toml:2:",
        "owner.owners[0].share",
        "1.5",
        "plant-bad-share.toml:8:",
        "supplier.organised_in",
        "\"ZZ\"",
        "entered",
        "2026-13-01",
        "terms[0]",
        "specify-sourcing",
    ] {
        assert!(err.contains(expected), "{expected} missing from: {err}");
    }
}

#[test]
fn bad_options_name_the_option() {
    let out = leapfrog(&["rules", "--date", "2026-02-30"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--date"));
    let out = leapfrog(&["rules", "duty", "--origin", "XX", "--hts", "8507.60"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--origin XX"));
    let out = leapfrog(&["rules", "check", "--plant", "/nonexistent/plant.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--plant /nonexistent/plant.toml"));
}

fn ip_fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/ip")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Every chain finding as (technology, event, severity, aspect, check): LG Chem Michigan a
/// control note, BASF a jurisdiction flag, Wanxiang a CFIUS flag, each chain its own invention.
#[test]
fn ip_findings_split_jurisdiction_and_control() {
    let v = json(&leapfrog(&["ip", "--format", "json"]));
    let mut rows = Vec::new();
    for c in v["chains"].as_array().unwrap() {
        rows.push(format!(
            "{}: jurisdiction {} / control {} / scaled {}",
            c["technology"].as_str().unwrap(),
            c["left_us_jurisdiction"]["to"].as_str().unwrap_or("-"),
            c["left_us_control"]["to"].as_str().unwrap_or("-"),
            c["scaled_abroad"]["by"].as_str().unwrap_or("-"),
        ));
        for f in c["findings"].as_array().unwrap() {
            rows.push(format!(
                "  {} | {} | {} | {}",
                f["event"].as_str().unwrap(),
                f["severity"].as_str().unwrap(),
                f["aspect"].as_str().unwrap(),
                f["check"].as_str().unwrap()
            ));
        }
    }
    insta::assert_snapshot!("ip_findings", rows.join("\n"));
}

#[test]
fn ip_check_applies_the_licence_rules() {
    let v = json(&leapfrog(&[
        "ip",
        "check",
        "--file",
        &ip_fixture("deals-law.toml"),
        "--format",
        "json",
    ]));
    let found = v["findings"].as_array().unwrap();
    let has = |deal: &str, check: &str, severity: &str| {
        found
            .iter()
            .any(|f| f["deal"] == deal && f["check"] == check && f["severity"] == severity)
    };
    assert!(
        has("university-exclusive-us", "bayh-dole-204", "violation"),
        "{v}"
    );
    assert!(
        has("university-exclusive-us", "doe-determination", "violation"),
        "{v}"
    );
    assert!(has("catl-inbound", "effective-control", "flag"), "{v}");
    assert!(
        has("bankrupt-licensee-sold", "cfius-change-of-control", "flag"),
        "{v}"
    );
    assert!(
        has(
            "bankrupt-licensee-sold",
            "doe-determination-change-of-control",
            "flag"
        ),
        "{v}"
    );
    assert!(!found
        .iter()
        .any(|f| f["deal"] == "bankrupt-licensee-sold" && f["check"] == "bayh-dole-204"));
    assert_eq!(v["passed"], serde_json::json!([]));
}

#[test]
fn an_empty_deal_file_is_refused() {
    let dir = std::env::temp_dir().join(format!("leapfrog-empty-deals-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("deals.toml");
    std::fs::write(&file, "# nothing\n").unwrap();
    let out = leapfrog(&["ip", "check", "--file", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no [[ip_deal]] tables"));
}
