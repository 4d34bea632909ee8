//! The rules issue's worked cases (illustrative plants and imports, not official examples),
//! each against the figure the statute's text gives.

use leapfrog_data::{read_plant_spec, read_project_spec, Dataset, LicenceIn, Owner, Plant};
use leapfrog_rules::{duties, evaluate_storage, CreditEvaluator, Date, Import, Product, RuleBook};
use std::sync::OnceLock;

fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| Dataset::embedded().expect("embedded data"))
}

fn book() -> RuleBook<'static> {
    RuleBook::load(data()).expect("rules")
}

fn plant(file: &str) -> Plant {
    let path = format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture");
    read_plant_spec(data(), &path, &text).expect("valid plant")
}

fn credit(plant: &Plant, year: i32, reading: Option<&str>) -> f64 {
    let book = book();
    let eval = CreditEvaluator::new(&book, reading).expect("evaluator");
    eval.year(plant, Product::Cell, year, None)
        .expect("year")
        .credit_usd_per_kwh
}

#[test]
fn korean_cathode_plant_passes_until_the_2029_threshold() {
    let p = plant("plant-korean-cathode.toml");
    let book = book();
    let eval = CreditEvaluator::new(&book, None).unwrap();
    let y2026 = eval.year(&p, Product::Cell, 2026, None).unwrap();
    // (60 - 13.8) / 60 = 0.770.
    assert!((y2026.macr.unwrap() - 46.2 / 60.0).abs() < 1e-12);
    for (year, expected) in [
        (2026, 35.0),
        (2027, 35.0),
        (2028, 35.0),
        (2029, 0.0),
        (2030, 0.0),
        (2031, 0.0),
    ] {
        assert_eq!(credit(&p, year, None), expected, "{year}");
    }
    let y2029 = eval.year(&p, Product::Cell, 2029, None).unwrap();
    assert_eq!(y2029.threshold, Some(0.80));
    let failed: Vec<_> = y2029.decisions.iter().filter(|d| !d.passed).collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].rule, "45x-macr-battery");
    assert!(failed[0].reason.contains("0.770"), "{}", failed[0].reason);
    assert!(!failed[0].citation.is_empty());
}

#[test]
fn before_2026_no_threshold_applies() {
    let p = plant("plant-indonesian-cathode.toml");
    assert_eq!(credit(&p, 2025, None), 35.0);
}

#[test]
fn a_chinese_controlled_cathode_plant_in_indonesia_denies_every_year() {
    let p = plant("plant-indonesian-cathode.toml");
    let book = book();
    let eval = CreditEvaluator::new(&book, None).unwrap();
    let y = eval.year(&p, Product::Cell, 2026, None).unwrap();
    assert!((y.macr.unwrap() - (3.0 + 6.2 + 7.0) / 60.0).abs() < 1e-12);
    for year in 2026..=2035 {
        assert_eq!(credit(&p, year, None), 0.0, "{year}");
    }
}

fn owned_by(share: f64) -> Plant {
    let mut p = plant("plant-korean-cathode.toml");
    p.owner.owners = vec![
        Owner {
            name: "Sino Battery Holdings Co.".into(),
            country: "CN".into(),
            share,
        },
        Owner {
            name: "Illustrative Holdings Inc.".into(),
            country: "US".into(),
            share: 1.0 - share,
        },
    ];
    p
}

#[test]
fn a_plant_more_than_half_owned_by_a_chinese_company_is_a_specified_foreign_entity() {
    let p = owned_by(0.51);
    assert_eq!(credit(&p, 2026, None), 0.0);
    let book = book();
    let eval = CreditEvaluator::new(&book, None).unwrap();
    let y = eval.year(&p, Product::Cell, 2026, None).unwrap();
    let sfe = y
        .decisions
        .iter()
        .find(|d| d.test == "taxpayer is not a specified foreign entity")
        .unwrap();
    assert!(!sfe.passed);
    assert!(sfe
        .reason
        .contains("controlled by a specified foreign entity"));
}

#[test]
fn thirty_percent_makes_a_foreign_influenced_entity_twenty_does_not() {
    assert_eq!(credit(&owned_by(0.30), 2026, None), 0.0);
    assert_eq!(credit(&owned_by(0.20), 2026, None), 35.0);
}

fn catl_licence(terms: &[&str]) -> LicenceIn {
    LicenceIn {
        licensor: "CATL".into(),
        licensor_country: "CN".into(),
        entered: "2026-02-01".into(),
        modified: None,
        terms: terms.iter().map(|t| t.to_string()).collect(),
        payment_years: vec![2026],
    }
}

#[test]
fn a_licence_with_effective_control_denies_the_year_after_a_payment() {
    let mut p = plant("plant-korean-cathode.toml");
    p.licences = vec![catl_licence(&["specify-sourcing"])];
    assert_eq!(credit(&p, 2026, None), 35.0);
    assert_eq!(credit(&p, 2027, None), 0.0);
    assert_eq!(credit(&p, 2027, Some("conjunctive")), 0.0);
}

#[test]
fn a_licence_without_listed_terms_turns_on_the_reading_of_item_gg() {
    let mut p = plant("plant-korean-cathode.toml");
    p.licences = vec![catl_licence(&[])];
    assert_eq!(credit(&p, 2027, Some("literal")), 0.0);
    assert_eq!(credit(&p, 2027, Some("conjunctive")), 35.0);
    // The data's own reading is the literal one.
    assert_eq!(credit(&p, 2027, None), 0.0);
}

#[test]
fn a_licence_from_a_non_specified_licensor_is_no_control() {
    let mut p = plant("plant-korean-cathode.toml");
    p.licences = vec![LicenceIn {
        licensor: "Korean Licensor Co.".into(),
        licensor_country: "KR".into(),
        ..catl_licence(&["specify-sourcing"])
    }];
    assert_eq!(credit(&p, 2027, None), 35.0);
}

#[test]
fn storage_thresholds_follow_the_year_construction_begins() {
    let path = format!(
        "{}/tests/fixtures/project-storage.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let project = read_project_spec(data(), &path, &text).unwrap();
    let book = book();
    for (year, expected) in [(2026, 0.55), (2028, 0.65), (2031, 0.75)] {
        let r = evaluate_storage(&book, &project, year, None).unwrap();
        assert_eq!(r.threshold, Some(expected), "{year}");
        assert!(r.eligible);
    }
}

fn duty(origin: &str, hts: &str, date: &str) -> (f64, f64) {
    let book = book();
    let d = duties(
        &book,
        &Import {
            origin,
            hts,
            entry: Date::parse(date).unwrap(),
        },
    );
    (d.total_as_assessed, d.total_after_refunds)
}

fn close(a: (f64, f64), b: (f64, f64)) -> bool {
    (a.0 - b.0).abs() < 1e-12 && (a.1 - b.1).abs() < 1e-12
}

#[test]
fn chinese_ev_batteries_before_and_after_the_2024_review() {
    assert!(close(
        duty("CN", "8507.60.0010", "2024-06-01"),
        (0.109, 0.109)
    ));
    assert!(close(
        duty("CN", "8507.60.0010", "2024-10-01"),
        (0.284, 0.284)
    ));
}

#[test]
fn ieepa_duties_are_shown_as_assessed_and_after_refunds() {
    assert!(close(
        duty("CN", "8507.60.0010", "2026-02-01"),
        (0.484, 0.284)
    ));
    // After the ruling: the Section 122 surcharge (HTS 8507.60 taken as covered) instead.
    assert!(close(
        duty("CN", "8507.60.0010", "2026-03-01"),
        (0.384, 0.384)
    ));
    // The surcharge expired on 24 July 2026 and the forced-labour Section 301 duty (12.5%)
    // began that day.
    assert!(close(
        duty("CN", "8507.60.0010", "2026-08-01"),
        (0.409, 0.409)
    ));
}

#[test]
fn chinese_non_ev_batteries_around_the_2026_increase() {
    assert!(close(
        duty("CN", "8507.60.0020", "2025-12-31"),
        (0.309, 0.109)
    ));
    assert!(close(
        duty("CN", "8507.60.0020", "2026-01-02"),
        (0.484, 0.284)
    ));
}

#[test]
fn list_4a_was_15_percent_until_13_february_2020() {
    assert!(close(
        duty("CN", "8507.60.0010", "2020-02-13"),
        (0.184, 0.184)
    ));
    assert!(close(
        duty("CN", "8507.60.0010", "2020-02-14"),
        (0.109, 0.109)
    ));
}

#[test]
fn korean_cells_enter_free_and_others_pay_mfn() {
    assert!(close(duty("KR", "8507.60.0010", "2026-10-01"), (0.0, 0.0)));
    assert!(close(
        duty("JP", "8507.60.0010", "2026-10-01"),
        (0.034, 0.034)
    ));
}

#[test]
fn rule_status_on_the_issue_dates() {
    let book = book();
    let status = |id: &str, date: &str| {
        let rule = book.rule(id).unwrap();
        book.status_at(rule, Date::parse(date).unwrap())
    };
    let s = status("mofcom-2025-58", "2026-06-01");
    assert_eq!(s.status, "suspended");
    assert_eq!(s.until, Date::parse("2026-11-10"));
    assert_eq!(status("ieepa-cn", "2026-06-01").status, "struck down");
    assert_eq!(
        status("ieepa-cn", "2026-06-01").since,
        Date::parse("2026-02-20")
    );
    let s122 = status("s122-2026", "2026-06-01");
    assert_eq!(s122.status, "in force");
    assert_eq!(s122.until, Date::parse("2026-07-24"));
    assert_eq!(status("adcvd-aam-cn", "2026-06-01").status, "terminated");
    assert_eq!(
        status("adcvd-aam-cn", "2026-06-01").since,
        Date::parse("2026-03-12")
    );
    let late = status("mofcom-2025-58", "2026-12-07");
    assert_eq!(late.status, "unknown");
    assert_eq!(
        late.reason.as_deref(),
        Some("suspension ended 2026-11-10; later status not in our sources")
    );
    assert_eq!(status("s122-2026", "2026-12-07").status, "expired");
}

#[test]
fn every_rule_the_issue_names_is_in_the_data() {
    let book = book();
    for id in [
        "45x",
        "45x-macr-battery",
        "pfe-sfe-fie",
        "48e-storage-macr",
        "30d-end",
        "s301-li-ion-ev",
        "s301-li-ion-non-ev",
        "s301-natural-graphite",
        "mfn-8507-60",
        "ieepa-cn",
        "s122-2026",
        "adcvd-aam-cn",
        "mofcom-2023-39",
        "mofcom-2025-catalogue",
        "mofcom-2025-58",
        "bayh-dole-204",
        "doe-sne-dec-2021",
        "cfius",
        "48c",
        "45x-integrated-component",
        "uflpa-entity-list",
    ] {
        assert!(book.rule(id).is_ok(), "{id}");
    }
}
