//! The chemistry families' general models (form `semi_empirical`) against the published fits
//! they were derived from, their physical laws, the capacity bounds and the tested-range verdicts.
//!
//! References: BLAST-Lite 1.1.1's outputs on the storage fixture (tests/fixtures/
//! blast_reference.json, written by benches/peers/blast_reference.py) for the fits of Gasper et
//! al. 2023 (LFP, J. Energy Storage, doi:10.1016/j.est.2023.109042), Schmalstieg et al. 2014
//! (NMC, J. Power Sources 257:325, doi:10.1016/j.jpowsour.2014.02.012) and Keil et al. 2016 /
//! Preger et al. 2020 (NCA, doi:10.1149/2.0411609jes); and the same fits, as leapfrog runs them
//! (checked against BLAST-Lite in blast_reference.rs), on their campaigns' conditions.

use leapfrog_data::{Dataset, LifeModel};
use leapfrog_life::{CycleSpec, Life, LifeResult, Profile, Stop};
use proptest::prelude::*;
use serde_json::Value;
use std::path::PathBuf;

/// Each family's general model and the fitted model (the anchor) it was derived from.
const FAMILIES: &[(&str, &str)] = &[
    ("lfp-family", "lfp-gr-250ah-prismatic"),
    ("nmc-family", "nmc111-gr-sanyo-2ah"),
    ("nca-family", "nca-gr-panasonic-3ah"),
    ("silicon-graphite-family", "nmc811-grsi-lgmj1-4ah"),
];

/// Agreement with the anchor within the fitted domain, in relative capacity.
const AGREEMENT: f64 = 0.02;

fn data() -> Dataset {
    Dataset::embedded().expect("embedded data")
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn profile(name: &str) -> Profile {
    let path = fixtures().join(format!("profile-{name}.csv"));
    let text = std::fs::read_to_string(&path).expect("profile fixture");
    Profile::from_csv(&path.to_string_lossy(), &text).expect("profile parses")
}

fn storage(soc: f64, t_c: f64) -> Profile {
    Profile {
        time_s: vec![0.0, 86_400.0],
        soc: vec![soc, soc],
        temperature_c: vec![t_c, t_c],
    }
}

/// `m` on `p` until `stop`, unbounded (so that two models are compared at the same time even
/// where one leaves its capacity range) or bounded.
fn run(m: &LifeModel, p: &Profile, stop: Stop, unbounded: bool) -> LifeResult {
    let mut life = Life::new(m, p).expect("model builds");
    life.blast_compatible(unbounded);
    life.run(&stop).expect("runs")
}

fn years(y: f64) -> Stop {
    Stop {
        years: Some(y),
        ..Default::default()
    }
}

fn state(r: &LifeResult, name: &str) -> f64 {
    r.final_states
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(f64::NAN, |(_, v)| *v)
}

/// Storage at 35 °C and 95% SOC (inside the LFP, NMC and NCA campaigns' conditions): each
/// family's general model within 0.02 of BLAST-Lite's value for its anchor at 1, 5 and 10 years.
#[test]
fn storage_matches_blast_lite_for_the_anchor_within_0_02() {
    let data = data();
    let text = std::fs::read_to_string(fixtures().join("blast_reference.json")).expect("fixture");
    let reference: Value = serde_json::from_str(&text).expect("JSON");
    let p = profile("storage-35c");
    let mut checked = 0;
    for &(family, anchor) in &FAMILIES[..3] {
        let case = reference["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["model"] == anchor && c["profile"] == "storage-35c")
            .expect("BLAST-Lite case");
        let m = leapfrog_life::model(&data, family).unwrap();
        let r = run(m, &p, years(10.0), true);
        for (year, expected) in case["capacity_at_years"].as_object().unwrap() {
            let y: usize = year.parse().unwrap();
            let got = r.yearly[y - 1].relative_capacity;
            let expected = expected.as_f64().unwrap();
            assert!(
                (got - expected).abs() <= AGREEMENT,
                "{family} year {y}: {got:.4} vs BLAST-Lite {anchor} {expected:.4}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 9);
}

/// Calendar ageing at the anchor's lowest and highest tested temperatures and at half and full
/// charge (for LFP, Gasper et al.'s 10–45 °C; NMC, Schmalstieg et al.'s 20–40 °C): the general
/// model within 0.02 of the anchor at 10 years.
#[test]
fn calendar_agrees_with_the_anchor_at_two_temperatures_and_two_socs() {
    let data = data();
    for &(family, anchor) in FAMILIES {
        let (f, a) = (
            leapfrog_life::model(&data, family).unwrap(),
            leapfrog_life::model(&data, anchor).unwrap(),
        );
        for t in a.range_temperature_c {
            for soc in [0.5, a.range_soc[1].min(1.0)] {
                let p = storage(soc, t);
                let (qf, qa) = (
                    run(f, &p, years(10.0), true)
                        .summary
                        .final_relative_capacity,
                    run(a, &p, years(10.0), true)
                        .summary
                        .final_relative_capacity,
                );
                assert!(
                    (qf - qa).abs() <= AGREEMENT,
                    "{family} at {t} °C, SOC {soc}: {qf:.4} vs {anchor} {qa:.4}"
                );
            }
        }
    }
}

/// Cycling as the campaigns cycled (back to back, no rests, centred on half charge) at the
/// anchor's deepest tested depth and its middle temperature and rate, to 3,000 equivalent full
/// cycles (the span fitted) or where the anchor reaches 60% (the general model's range),
/// whichever comes first: within 0.02 of the anchor.
#[test]
fn cycling_agrees_with_the_anchor_on_its_test_cycles() {
    let data = data();
    for &(family, anchor) in FAMILIES {
        let (f, a) = (
            leapfrog_life::model(&data, family).unwrap(),
            leapfrog_life::model(&data, anchor).unwrap(),
        );
        let dod = a.range_dod[1].min(1.0);
        let c = 0.65 * a.range_charge_c_rate.min(a.range_discharge_c_rate);
        let t = 0.5 * (a.range_temperature_c[0] + a.range_temperature_c[1]);
        let spec = CycleSpec {
            dod,
            soc_max: (0.5 + dod / 2.0).min(1.0),
            charge_c: c,
            discharge_c: c,
            per_day: (24.0 / (2.0 * dod / c)).floor().max(1.0),
            rest_h: 0.0,
            temperature_c: t,
        };
        let p = spec.day_every(120.0);
        let to_range = Stop {
            efc: Some(3000.0),
            capacity: Some(0.6),
            ..Default::default()
        };
        let efc = run(a, &p, to_range, true).summary.equivalent_full_cycles;
        let stop = Stop {
            efc: Some(efc),
            ..Default::default()
        };
        let (qf, qa) = (
            run(f, &p, stop, true).summary.final_relative_capacity,
            run(a, &p, stop, true).summary.final_relative_capacity,
        );
        assert!(
            (qf - qa).abs() <= AGREEMENT,
            "{family} on {spec:?}: {qf:.4} vs {anchor} {qa:.4}"
        );
    }
}

/// A fitted model driven past its fitted capacities ends there (Schmalstieg et al.'s NMC111 fit
/// would print −0.87 after 20 years at 45 °C in full charge), and `--blast-compatible` runs on as
/// BLAST-Lite does.
#[test]
fn a_run_ends_where_the_model_leaves_its_capacity_range() {
    let data = data();
    let m = leapfrog_life::model(&data, "nmc111-gr-sanyo-2ah").unwrap();
    let p = profile("storage-100soc-45c");
    let bounded = run(m, &p, years(20.0), false);
    let s = &bounded.summary;
    assert!(s.end_reason.is_some(), "{s:?}");
    let ended = s.ended_year.unwrap();
    assert!(ended > 0.5 && ended < 20.0, "{ended}");
    assert!(s.final_relative_capacity >= 0.0 && s.final_relative_capacity <= 1.01);
    assert!(bounded
        .yearly
        .iter()
        .all(|y| (0.0..=1.01).contains(&y.relative_capacity)));
    let blast = run(m, &p, years(20.0), true);
    assert!(blast.summary.end_reason.is_none());
    assert!(blast.summary.final_relative_capacity < 0.0);
    // A general model ends at its own fitted range (0.6), with its band around the last state.
    let f = leapfrog_life::model(&data, "nmc-family").unwrap();
    let r = run(f, &p, years(20.0), false);
    let band = r.summary.final_relative_capacity_band.unwrap();
    assert!(r.summary.final_relative_capacity >= 0.6 && r.summary.end_reason.is_some());
    assert!(
        band.low <= r.summary.final_relative_capacity
            && band.high >= r.summary.final_relative_capacity
    );
}

fn validity(id: &str, p: &Profile) -> leapfrog_life::Validity {
    let data = data();
    let m = leapfrog_life::model(&data, id).unwrap();
    run(m, p, years(1.0), false).summary.within_tested_range
}

/// The LEO duty (about 28% depth) is outside the NCA fit's 0.8–1.0 depths; NMC-LTO at 20 °C is
/// outside its 30–60 °C; the LFP fit on its own test cycle (0.9 depth, 0.5C, 25 °C) is judged
/// on every stressor and inside on each (its cycling span, 1,500 equivalent full cycles, is an
/// assumption stated in data/life_models.toml).
#[test]
fn tested_ranges_are_judged_stressor_by_stressor() {
    let leo = validity("nca-gr-panasonic-3ah", &profile("leo-orbits"));
    assert_eq!(leo.by_stressor.dod, Some(false), "{leo:?}");
    assert!(!leo.overall && leo.share_outside > 0.5);
    let cold = CycleSpec::parse("dod=0.8,temperature_c=20").unwrap().day();
    let lto = validity("nmc-lto-10ah", &cold);
    assert_eq!(lto.by_stressor.temperature, Some(false), "{lto:?}");
    let own =
        CycleSpec::parse("dod=0.9,soc_max=0.95,charge_c=0.5,discharge_c=0.5,temperature_c=25")
            .unwrap()
            .day();
    let lfp = validity("lfp-gr-250ah-prismatic", &own);
    let b = &lfp.by_stressor;
    for v in [b.dod, b.temperature, b.c_rate, b.soc, b.years, b.efc] {
        assert_eq!(v, Some(true), "{lfp:?}");
    }
    assert!(lfp.overall && lfp.share_outside == 0.0, "{lfp:?}");
}

/// State of charge moves calendar loss only across the states of charge the family's campaigns
/// stored at: the silicon-graphite campaign stored from 10 to 90%, so 95% and full age alike.
#[test]
fn soc_dependence_only_where_the_family_has_data() {
    let data = data();
    let m = leapfrog_life::model(&data, "silicon-graphite-family").unwrap();
    assert_eq!(m.range_soc, [0.1, 0.9]);
    let q = |soc: f64| {
        run(m, &storage(soc, 25.0), years(5.0), true)
            .summary
            .final_relative_capacity
    };
    assert_eq!(q(0.95), q(1.0));
    assert_eq!(q(0.0), q(0.05));
    assert!(q(0.9) < q(0.5), "inside the tested range SOC does move it");
}

/// A 3C pulse with a long rest is judged at 3C (the active steps), not at its daily average.
#[test]
fn a_pulse_is_judged_at_its_active_rate() {
    let pulsed =
        CycleSpec::parse("dod=0.5,soc_max=0.9,charge_c=3,discharge_c=3,rest_h=5,temperature_c=25")
            .unwrap()
            .day();
    let v = validity("lfp-gr-250ah-prismatic", &pulsed);
    assert_eq!(v.by_stressor.c_rate, Some(false), "{v:?}");
}

/// A fitted model whose cycle fade grows with C-rate (Gasper et al.'s LFP fit) ages a pulsed
/// duty at the pulse's rate by default, so faster than with BLAST-Lite's rate averaged over the
/// rests; `--blast-compatible` keeps BLAST-Lite's average.
#[test]
fn a_fitted_model_reads_the_active_rate_unless_blast_compatible() {
    let data = data();
    let m = leapfrog_life::model(&data, "lfp-gr-250ah-prismatic").unwrap();
    let pulsed =
        CycleSpec::parse("dod=0.8,soc_max=0.9,charge_c=3,discharge_c=3,rest_h=5,temperature_c=25")
            .unwrap()
            .day();
    let active = run(m, &pulsed, years(5.0), false)
        .summary
        .final_relative_capacity;
    let averaged = run(m, &pulsed, years(5.0), true)
        .summary
        .final_relative_capacity;
    assert!(active < averaged - 0.005, "{active} vs {averaged}");
}

fn one_year(m: &LifeModel, p: &Profile) -> LifeResult {
    run(m, p, years(1.0), true)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// Hotter storage never ages slower, and fuller storage never slower (each family's
    /// campaigns show both).
    #[test]
    fn hotter_or_fuller_storage_never_ages_slower(
        t1 in -10.0f64..60.0, dt in 0.0f64..20.0, soc in 0.0f64..1.0, dsoc in 0.0f64..0.5,
    ) {
        let data = data();
        for &(family, _) in FAMILIES {
            let m = leapfrog_life::model(&data, family).unwrap();
            let q = |t: f64, s: f64| one_year(m, &storage(s, t)).summary.final_relative_capacity;
            let base = q(t1, soc);
            prop_assert!(q(t1 + dt, soc) <= base + 1e-12, "{family}: hotter");
            prop_assert!(q(t1, (soc + dsoc).min(1.0)) <= base + 1e-12, "{family}: fuller");
        }
    }

    /// A deeper cycle never costs less than a shallower one, cycle for cycle (the cycling loss
    /// of one cycle a day for a year). Depths stay below 0.8 from full charge, so that the swing
    /// rescaled to the faded capacity never reaches empty (where it is clipped, and a deeper
    /// nominal cycle is no longer a deeper one).
    #[test]
    fn deeper_cycles_never_cost_less_per_cycle(
        d1 in 0.05f64..0.75, dd in 0.0f64..0.5, c in 0.1f64..2.0, t in 0.0f64..45.0,
    ) {
        let data = data();
        let d2 = (d1 + dd).min(0.8);
        for &(family, _) in FAMILIES {
            let m = leapfrog_life::model(&data, family).unwrap();
            // One cycle a day with its corners sampled exactly (a fixed step would cut the
            // bottom of one depth and not of another).
            let cyc = |d: f64| {
                let ramp = d / c * 3600.0;
                let p = Profile {
                    time_s: vec![0.0, ramp, 2.0 * ramp, 86_400.0],
                    soc: vec![1.0, 1.0 - d, 1.0, 1.0],
                    temperature_c: vec![t; 4],
                };
                state(&one_year(m, &p), "q_loss_cycling")
            };
            prop_assert!(cyc(d2) >= cyc(d1) - 1e-12, "{family}: {d1} -> {d2}");
        }
    }

    /// Capacity never rises over time in a general model (no family's campaign in the data
    /// documents a gain its form represents; the NMC-LTO gain stays in its fitted model).
    #[test]
    fn capacity_never_rises(
        dod in 0.05f64..0.9, c in 0.1f64..3.0, t in -10.0f64..55.0, rest_h in 0.0f64..4.0,
    ) {
        let data = data();
        let spec = CycleSpec { dod, soc_max: 0.95, charge_c: c, discharge_c: c, per_day: 1.0, rest_h, temperature_c: t };
        prop_assume!(spec.dod / c * 2.0 + 2.0 * rest_h < 24.0);
        for &(family, _) in FAMILIES {
            let m = leapfrog_life::model(&data, family).unwrap();
            let r = run(m, &spec.day_every(600.0), years(5.0), false);
            let q: Vec<f64> = std::iter::once(1.0).chain(r.yearly.iter().map(|p| p.relative_capacity)).collect();
            prop_assert!(q.windows(2).all(|w| w[1] <= w[0]), "{family}: {q:?}");
            prop_assert!(q.iter().all(|x| x.is_finite() && *x >= 0.6 - 1e-12));
            for p in &r.yearly {
                let b = p.relative_capacity_band.unwrap();
                prop_assert!(0.0 <= b.low && b.low <= p.relative_capacity + 1e-9 && p.relative_capacity <= b.high + 1e-9 && b.high <= 1.0, "{family}: {b:?} around {}", p.relative_capacity);
            }
        }
    }
}

/// Calendar ageing at 45 and 60 °C, half and full charge, against an independent published
/// campaign (Lam et al. 2025, Joule 9:101796; tests/fixtures/lam-2025-calendar.json, the
/// authors' per-cell fits inside their data, which they fitted above 90% capacity): the NCA
/// family on the anchor's own cell type (Panasonic NCR18650B) and the NMC family on a Sony
/// VTC6 within 0.03 of capacity; every point, LFP's included, inside the family's band (widened
/// by the fits' error; the NCA band is itself this campaign's spread, so for NCA that is a
/// consistency check). The LFP family's central value is its anchor's, a 250 Ah prismatic
/// cell, which ages slower in storage than the K2 18650 power cell of this campaign (the LFP
/// band's other end, Sony-Murata's 26650 fit, follows the K2 cell within 0.005): its central
/// misses by up to 0.044 at a year at 45 °C (see `lfp_central_against_an_18650`).
#[test]
fn calendar_points_of_an_independent_campaign_at_45_and_60_c() {
    let data = data();
    let text = std::fs::read_to_string(fixtures().join("lam-2025-calendar.json")).expect("fixture");
    let doc: Value = serde_json::from_str(&text).expect("JSON");
    let points = doc["points"].as_array().expect("points");
    assert_eq!(points.len(), 26);
    for p in points {
        let family = p["family"].as_str().unwrap();
        let (t, soc, days) = (
            p["temperature_c"].as_f64().unwrap(),
            p["soc"].as_f64().unwrap(),
            p["days"].as_f64().unwrap(),
        );
        let (expected, mae) = (
            p["relative_capacity"].as_f64().unwrap(),
            p["fit_mae"].as_f64().unwrap(),
        );
        let m = leapfrog_life::model(&data, family).unwrap();
        let r = run(m, &storage(soc, t), years(days / 365.0), true);
        let got = r.summary.final_relative_capacity;
        let band = r.summary.final_relative_capacity_band.expect("band");
        let at = format!("{family} at {t} °C, SOC {soc}, {days} days");
        assert!(
            band.low - mae <= expected && expected <= band.high + mae,
            "{at}: {expected} outside the band {band:?}"
        );
        if family != "lfp-family" {
            assert!(
                (got - expected).abs() <= 0.03,
                "{at}: {got:.4} vs {expected}"
            );
        }
    }
}

/// The LFP family's central value against the K2 18650 power cell (Lam et al. 2025): within
/// 0.03 up to half a year at 45 °C and a quarter at 60 °C; at a year at 45 °C the 250 Ah anchor
/// has lost 0.032 (half charge) and 0.044 (full charge) less than the 18650 — a cell-format
/// difference the band carries, stated here so that a change that moves it is seen.
#[test]
fn lfp_central_against_an_18650() {
    let data = data();
    let m = leapfrog_life::model(&data, "lfp-family").unwrap();
    let q = |t: f64, soc: f64, days: f64| {
        run(m, &storage(soc, t), years(days / 365.0), true)
            .summary
            .final_relative_capacity
    };
    for (t, soc, days, k2) in [
        (45.0, 0.5, 182.0, 0.9587),
        (45.0, 1.0, 182.0, 0.937),
        (60.0, 0.5, 182.0, 0.9153),
        (60.0, 1.0, 91.0, 0.9188),
    ] {
        assert!((q(t, soc, days) - k2).abs() <= 0.03, "{t} {soc} {days}");
    }
    for (soc, k2) in [(0.5, 0.9318), (1.0, 0.9006)] {
        let miss = q(45.0, soc, 364.0) - k2;
        assert!(miss > 0.03 && miss < 0.05, "{soc}: {miss:.4}");
    }
}

/// LEO cycling (tests/fixtures/profile-leo-orbits.csv: 15 orbits a day, about 28% deep, 20 °C)
/// for five years against the best published LEO figure we could read: Saft's VES180 space
/// cell (NCA-graphite) is specified to lose under 20% of its energy in cycling over five years
/// of LEO at 30% depth (ESA ARTES, "Development of high specific energy Li-ion cell",
/// https://artes.esa.int/projects/development-high-specific-energy-liion-cell). That is a
/// qualification bound, not a measured point, so the check is one-sided: the NCA family, fitted
/// on the Panasonic NCR18650B, keeps at least 0.80 (it gives 0.82), outside its tested depths
/// and flagged so. The NMC family, anchored on a 2014 consumer 18650 (Schmalstieg et al.),
/// reaches 0.80 within a year on the same duty, as its anchor does (within 0.015): a space
/// cell is not that cell, and the missions issue turns such verdicts into `uncertain`.
#[test]
fn five_years_of_leo_against_a_space_cell_s_specification() {
    let data = data();
    let p = profile("leo-orbits");
    let nca = leapfrog_life::model(&data, "nca-family").unwrap();
    let r = run(nca, &p, years(5.0), false);
    assert!(r.summary.end_reason.is_none(), "{:?}", r.summary.end_reason);
    assert!(r.summary.final_relative_capacity >= 0.80, "{:?}", r.summary);
    assert_eq!(r.summary.within_tested_range.by_stressor.dod, Some(false));
    let nmc = leapfrog_life::model(&data, "nmc-family").unwrap();
    let anchor = leapfrog_life::model(&data, "nmc111-gr-sanyo-2ah").unwrap();
    let (qf, qa) = (
        run(nmc, &p, years(1.0), true)
            .summary
            .final_relative_capacity,
        run(anchor, &p, years(1.0), true)
            .summary
            .final_relative_capacity,
    );
    assert!(qf < 0.80 && (qf - qa).abs() <= 0.015, "{qf} vs {qa}");
}
