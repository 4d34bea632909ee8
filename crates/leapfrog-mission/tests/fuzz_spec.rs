//! Any damage to a mission spec is read or refused with a located message, and whatever is
//! read evaluates to finite figures or a refusal: never a panic, never NaN.

use leapfrog_data::{read_spec, Dataset};
use leapfrog_factory::{Factory, DEFAULT_COST_MODEL};
use leapfrog_mission::{evaluate, Ageing, Battery};
use proptest::prelude::*;
use std::sync::OnceLock;

fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| Dataset::embedded().unwrap())
}

const SPECS: [&str; 4] = [
    "kind = \"leo\"\norbit_period_min = 96\neclipse_min = 35\nload_w = 150\nbus_voltage_v = 28\nmax_dod = 0.35\neol_capacity_fraction = 0.8\ndischarge_efficiency = 0.92\ncharge_efficiency = 0.9\nyears = 5\ntemperature_c = 20\n",
    "kind = \"grid\"\npower_mw = 10\nduration_h = 4\ncycles_per_day = 1\nround_trip_efficiency = 0.85\nyears = 15\ndiscount_rate = 0.07\ncharging_price_usd_per_mwh = 40\nmax_dod = 0.9\ntemperature_c = 25\naugmentation = \"replace-at-eol\"\n",
    "kind = \"evtol\"\ntakeoff_mass_kg = 1200\ndisk_loading_n_per_m2 = 500\nhover_efficiency = 0.6\ncruise_efficiency = 0.75\nlift_to_drag = 15\ncruise_speed_m_per_s = 60\nhover_s = 60\ncruise_km = 80\nreserve_min = 20\nbattery_mass_fraction = 0.3\n",
    "kind = \"robot\"\nrobot = \"amr\"\nmass_without_battery_kg = 300\naverage_power_w = 200\nshift_h = 8\ncharge_windows_per_shift = 2\ncharge_window_min = 15\nshifts_per_day = 2\nyears = 5\nmax_dod = 0.9\neol_capacity_fraction = 0.8\ntemperature_c = 25\n",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_damaged_spec_is_read_or_refused_and_never_panics(
        which in 0usize..4,
        at in 0usize..400,
        junk in prop_oneof![Just("".to_string()), "[ -~\n]{0,12}", Just("= -1e308".to_string()), Just("nan".to_string())],
        drop in 0usize..30,
    ) {
        let text = SPECS[which];
        let at = at.min(text.len());
        let end = (at + drop).min(text.len());
        let damaged = format!("{}{junk}{}", &text[..at], &text[end..]);
        let Ok(mission) = read_spec(data(), "fuzz.toml", &damaged) else { return Ok(()) };
        let f = Factory::load(data(), DEFAULT_COST_MODEL).unwrap();
        let b = Battery::of(data(), &f, "LFP-G").unwrap();
        if let Ok(e) = evaluate(data(), &mission, &b, Ageing::Simulate) {
            let json = serde_json::to_string(&e).unwrap();
            prop_assert!(leapfrog_data::ensure_finite("evaluation", &e).is_ok(), "{json}");
        }
    }
}

#[test]
fn the_undamaged_specs_are_read_and_evaluate() {
    let f = Factory::load(data(), DEFAULT_COST_MODEL).unwrap();
    let b = Battery::of(data(), &f, "LFP-G").unwrap();
    for text in SPECS {
        let mission = read_spec(data(), "spec.toml", text).unwrap();
        let e = evaluate(data(), &mission, &b, Ageing::Simulate).unwrap();
        assert!(!e.requirements.is_empty(), "{text}");
    }
}
