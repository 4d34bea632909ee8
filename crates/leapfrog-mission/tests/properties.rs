//! Laws the mission models keep, whatever the inputs.

use leapfrog_data::{Dataset, Mission};
use leapfrog_factory::{Factory, DEFAULT_COST_MODEL};
use leapfrog_mission::{evaluate, Ageing, Battery, Evaluation};
use proptest::prelude::*;
use std::sync::OnceLock;

fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| Dataset::embedded().unwrap())
}

fn battery(couple: &str) -> Battery<'static> {
    let d = data();
    let f = Factory::load(d, DEFAULT_COST_MODEL).unwrap();
    Battery::of(d, &f, couple).unwrap()
}

fn with(mission: &str, changes: &[(&str, f64)]) -> Mission {
    let mut m = data().mission(mission).unwrap().clone();
    for (k, v) in changes {
        m.values.insert(k.to_string(), toml::Value::Float(*v));
    }
    m
}

fn eval(m: &Mission, b: &Battery, ageing: Ageing) -> Evaluation {
    evaluate(data(), m, b, ageing).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_longer_eclipse_never_needs_a_smaller_battery(a in 5.0..80.0f64, extra in 0.0..40.0f64) {
        let b = battery("LFP-G");
        let short = eval(&with("leo-smallsat", &[("eclipse_min", a)]), &b, Ageing::Skip);
        let long = eval(&with("leo-smallsat", &[("eclipse_min", a + extra)]), &b, Ageing::Skip);
        prop_assert!(long.battery.nameplate_kwh >= short.battery.nameplate_kwh);
    }

    #[test]
    fn a_higher_load_never_lowers_the_nameplate(load in 10.0..5000.0f64, extra in 0.0..1000.0f64) {
        let b = battery("NCA-G");
        for m in ["leo-smallsat", "geo-comsat"] {
            let low = eval(&with(m, &[("load_w", load)]), &b, Ageing::Skip);
            let high = eval(&with(m, &[("load_w", load + extra)]), &b, Ageing::Skip);
            prop_assert!(high.figures["nameplate_energy_wh"] >= low.figures["nameplate_energy_wh"]);
        }
    }

    #[test]
    fn a_longer_trip_never_needs_less_energy(km in 1.0..300.0f64, extra in 0.0..100.0f64) {
        let b = battery("NMC811-G");
        let short = eval(&with("evtol-kasliwal", &[("cruise_km", km)]), &b, Ageing::Skip);
        let long = eval(&with("evtol-kasliwal", &[("cruise_km", km + extra)]), &b, Ageing::Skip);
        prop_assert!(long.figures["trip_energy_kwh"] >= short.figures["trip_energy_kwh"] - 1e-12);
    }

    #[test]
    fn longer_storage_or_range_never_needs_a_smaller_battery(h in 0.5..12.0f64, extra in 0.0..6.0f64) {
        let b = battery("LFP-G");
        let short = eval(&with("grid-4h", &[("duration_h", h)]), &b, Ageing::Skip);
        let long = eval(&with("grid-4h", &[("duration_h", h + extra)]), &b, Ageing::Skip);
        prop_assert!(long.battery.nameplate_kwh >= short.battery.nameplate_kwh);
        let near = eval(&with("ev-midsize", &[("range_km", 100.0 * h)]), &b, Ageing::Skip);
        let far = eval(&with("ev-midsize", &[("range_km", 100.0 * (h + extra))]), &b, Ageing::Skip);
        prop_assert!(far.battery.nameplate_kwh >= near.battery.nameplate_kwh);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Capital-dominated (no augmentation or replacement, no fixed O&M, free charging): the
    /// LCOS is capital over discounted energy, so a higher rate never lowers it.
    #[test]
    fn where_capital_dominates_a_higher_discount_rate_never_lowers_lcos(r in 0.0..0.15f64, extra in 0.0..0.1f64) {
        let b = battery("LFP-G");
        let base = [("charging_price_usd_per_mwh", 0.0), ("fixed_om_usd_per_kw_year", 0.0), ("years", 10.0)];
        let mut low = with("grid-4h", &base);
        low.values.insert("augmentation".into(), toml::Value::String("none".into()));
        let mut high = low.clone();
        low.values.insert("discount_rate".into(), toml::Value::Float(r));
        high.values.insert("discount_rate".into(), toml::Value::Float(r + extra));
        let a = eval(&low, &b, Ageing::Simulate).figures["lcos_usd_per_mwh"];
        let z = eval(&high, &b, Ageing::Simulate).figures["lcos_usd_per_mwh"];
        prop_assert!(z >= a - 1e-9, "{a} -> {z}");
    }
}
