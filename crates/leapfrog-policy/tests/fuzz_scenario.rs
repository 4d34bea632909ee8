//! Any damage to a scenario file is read or refused with a located message, and whatever is
//! read runs to finite figures or a refusal: never a panic, never NaN.

use leapfrog_data::{read_package_spec, Dataset};
use leapfrog_policy::{run, Draw, Levers, Model};
use proptest::prelude::*;
use std::sync::OnceLock;

fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| Dataset::embedded().unwrap())
}

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| Model::prepare(data()).unwrap())
}

const SCENARIO: &str = include_str!("../../../tests/fixtures/policy/scenario.toml");

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_damaged_scenario_is_read_or_refused_and_never_panics(
        at in 0usize..300,
        junk in prop_oneof![Just("".to_string()), "[ -~\n]{0,12}", Just("= -1e308".to_string()), Just("= 1e308".to_string()), Just("nan".to_string())],
        drop in 0usize..30,
    ) {
        let at = at.min(SCENARIO.len());
        let end = (at + drop).min(SCENARIO.len());
        let damaged = format!("{}{junk}{}", &SCENARIO[..at], &SCENARIO[end..]);
        let package = match read_package_spec(data(), "fuzz.toml", &damaged) {
            Ok(p) => p,
            Err(e) => {
                prop_assert!(e.to_string().contains("fuzz.toml"), "{e}");
                return Ok(());
            }
        };
        if let Ok(levers) = Levers::resolve(data(), model(), Some(&package), &[]) {
            let r = run(model(), &levers, &Draw::central(model()));
            prop_assert!(leapfrog_data::ensure_finite("run", &r).is_ok());
        }
    }
}

#[test]
fn the_undamaged_scenario_is_read_and_runs() {
    let package = read_package_spec(data(), "scenario.toml", SCENARIO).unwrap();
    let levers = Levers::resolve(data(), model(), Some(&package), &[]).unwrap();
    assert_eq!(levers.procurement.len(), 2);
    let r = run(model(), &levers, &Draw::central(model()));
    assert!(leapfrog_data::ensure_finite("run", &r).is_ok());
}
