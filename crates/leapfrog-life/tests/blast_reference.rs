//! leapfrog-life against NREL's BLAST-Lite 1.1.1 on the same profiles: relative capacity at 1, 5
//! and 10 years within 0.005 for every model and profile (fixture written by
//! benches/peers/blast_reference.py; CI never runs the peer).

use leapfrog_data::Dataset;
use leapfrog_life::{simulate_blast, LifeError, Profile, Stop};
use serde_json::Value;
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn profile(name: &str) -> Profile {
    let path = fixtures().join(format!("profile-{name}.csv"));
    let text = std::fs::read_to_string(&path).expect("profile fixture");
    Profile::from_csv(&path.to_string_lossy(), &text).expect("profile parses")
}

#[test]
fn every_model_matches_blast_lite_within_0_005() {
    let text = std::fs::read_to_string(fixtures().join("blast_reference.json")).expect("fixture");
    let reference: Value = serde_json::from_str(&text).expect("fixture is JSON");
    assert_eq!(reference["peer_version"], "1.1.1");
    let tolerance = reference["tolerance"].as_f64().unwrap();
    assert!(tolerance <= 0.005);
    let data = Dataset::embedded().unwrap();
    let stop = Stop {
        years: Some(10.0),
        ..Default::default()
    };
    let (mut checked, mut failures) = (0, Vec::new());
    for case in reference["cases"].as_array().unwrap() {
        let (id, name) = (
            case["model"].as_str().unwrap(),
            case["profile"].as_str().unwrap(),
        );
        let m = leapfrog_life::model(&data, id).unwrap();
        let result = simulate_blast(m, &profile(name), &stop);
        let Some(at) = case["capacity_at_years"].as_object() else {
            // BLAST-Lite gives NaN here; leapfrog must refuse the duty, not print NaN.
            assert!(
                matches!(result, Err(LifeError::OutsideModel(_))),
                "{id} {name}: {result:?}"
            );
            continue;
        };
        let r = result.unwrap_or_else(|e| panic!("{id} {name}: {e}"));
        for (year, expected) in at {
            let y: f64 = year.parse().unwrap();
            let got = r
                .yearly
                .iter()
                .find(|p| p.year == y)
                .map(|p| p.relative_capacity);
            let expected = expected.as_f64().unwrap();
            match got {
                Some(g) if (g - expected).abs() <= tolerance => {}
                other => failures.push(format!(
                    "{id} {name} year {y}: {other:?} vs BLAST-Lite {expected:.5}"
                )),
            }
            checked += 1;
        }
    }
    assert!(checked >= 9 * 3 * 3, "{checked} comparisons");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
