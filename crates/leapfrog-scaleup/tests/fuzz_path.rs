//! Any damage to a path file is read or refused with a located message, and whatever is read
//! evaluates to finite figures or a refusal: never a panic, never NaN.

use leapfrog_data::{read_path_spec, Dataset};
use leapfrog_scaleup::{evaluate, prepare, PathInputs};
use proptest::prelude::*;
use std::sync::OnceLock;

fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| Dataset::embedded().unwrap())
}

const PATH: &str = include_str!("../../../tests/fixtures/scaleup/path.toml");

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_damaged_path_is_read_or_refused_and_never_panics(
        at in 0usize..700,
        junk in prop_oneof![Just("".to_string()), "[ -~\n]{0,12}", Just("= -1e308".to_string()), Just("= 1e308".to_string()), Just("nan".to_string()), Just("\n[[stages]]\n".to_string())],
        drop in 0usize..30,
        chemistry in prop::sample::select(vec!["LFP-G", "NaNFM-HC", "NMC811-Li-SSE"]),
    ) {
        let at = at.min(PATH.len());
        let end = (at + drop).min(PATH.len());
        let damaged = format!("{}{junk}{}", &PATH[..at], &PATH[end..]);
        let path = match read_path_spec(data(), "fuzz.toml", &damaged) {
            Ok(p) => p,
            Err(e) => {
                prop_assert!(e.to_string().contains("fuzz.toml"), "{e}");
                return Ok(());
            }
        };
        let inputs = PathInputs { chemistry: chemistry.into(), path, variant: "conventional".into(), equipment_control: None, region: None, credit: None, grants: false };
        if let Ok(p) = prepare(data(), &inputs) {
            let r = evaluate(&p);
            let json = serde_json::to_string(&r).unwrap();
            prop_assert!(leapfrog_data::ensure_finite("path", &r).is_ok(), "{json}");
        }
    }
}

#[test]
fn the_undamaged_path_is_read_and_evaluates() {
    let path = read_path_spec(data(), "path.toml", PATH).unwrap();
    let inputs = PathInputs {
        chemistry: "LFP-G".into(),
        path,
        variant: "modular".into(),
        equipment_control: Some("cn-2025".into()),
        region: None,
        credit: None,
        grants: false,
    };
    let r = evaluate(&prepare(data(), &inputs).unwrap());
    assert_eq!(r.stages.len(), 2);
    assert!(leapfrog_data::ensure_finite("path", &r).is_ok());
}
