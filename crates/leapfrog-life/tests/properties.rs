//! Laws the life models keep: each stressor moves capacity loss the way `life --list` says,
//! capacity only rises through a published gain term, and neither the sampling of a profile
//! nor where a run is cut changes the result (all in BLAST-Lite's unbounded mode, so that a state
//! outside a model's capacity range is still compared).

use leapfrog_data::{Dataset, LifeModel};
use leapfrog_life::{
    directions, probe_cycle, simulate_blast, year_loss, CycleSpec, Direction, Life, Profile, Stop,
    Stressor,
};
use proptest::prelude::*;

fn data() -> Dataset {
    Dataset::embedded().expect("embedded data")
}

fn along(s: Stressor, r: &leapfrog_life::ModelRow) -> Direction {
    match s {
        Stressor::Temperature => r.temperature,
        Stressor::Dod => r.dod,
        Stressor::Soc => r.soc,
        Stressor::CRate => r.c_rate,
    }
}

/// The directions `life --list` reports, measured once for the whole test run.
fn rows() -> &'static [leapfrog_life::ModelRow] {
    static ROWS: std::sync::OnceLock<Vec<leapfrog_life::ModelRow>> = std::sync::OnceLock::new();
    ROWS.get_or_init(|| directions(&data()).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Two random points along a stressor's tested range: loss moves as `life --list` states.
    #[test]
    fn stressors_move_loss_the_way_the_list_says(a in 0.0f64..1.0, b in 0.0f64..1.0) {
        let data = data();
        let rows = rows();
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        prop_assume!(hi - lo > 0.05);
        for (m, row) in data.life_models.iter().zip(rows) {
            for s in [Stressor::Temperature, Stressor::Dod, Stressor::Soc, Stressor::CRate] {
                let (c1, c2) = (probe_cycle(m, s, lo), probe_cycle(m, s, hi));
                // The probe caps depth at 0.95: two points past the cap are one duty, and their
                // losses differ only by the stepping's rounding.
                if s == Stressor::Dod && (c2.dod - c1.dod).abs() < 0.005 {
                    continue;
                }
                let (l1, l2) = (year_loss(m, &c1), year_loss(m, &c2));
                // A duty the model refuses (its state leaves its domain) has no loss to compare.
                if !(l1.is_finite() && l2.is_finite()) {
                    continue;
                }
                // Within the probe's rounding (LOSS_RESOLUTION of the loss) two losses are one.
                let tol = (leapfrog_life::LOSS_RESOLUTION * l1.abs().max(l2.abs())).max(1e-9);
                match along(s, row) {
                    Direction::Increases => prop_assert!(l2 >= l1 - tol, "{} {s:?}: {l1} -> {l2}", m.id),
                    Direction::Decreases => prop_assert!(l2 <= l1 + tol, "{} {s:?}: {l1} -> {l2}", m.id),
                    Direction::Mixed | Direction::None => {}
                }
            }
        }
    }

    /// Capacity never rises, except in the NMC-LTO model, whose calendar gain is published.
    #[test]
    fn capacity_only_rises_through_a_published_gain(
        dod in 0.1f64..0.9, c in 0.2f64..1.0, t in 15.0f64..35.0, per_day in 1.0f64..2.0,
    ) {
        let data = data();
        let spec = CycleSpec { dod, soc_max: 0.95, charge_c: c, discharge_c: c, per_day: per_day.floor(), rest_h: 0.0, temperature_c: t };
        let stop = Stop { years: Some(3.0), ..Default::default() };
        for m in data.life_models.iter().filter(|m| m.form != "nmc_lto") {
            let r = simulate_blast(m, &spec.day_every(600.0), &stop).unwrap();
            let q: Vec<f64> = std::iter::once(1.0).chain(r.yearly.iter().map(|p| p.relative_capacity)).collect();
            prop_assert!(q.windows(2).all(|w| w[1] <= w[0] + 1e-12), "{}: {q:?}", m.id);
        }
    }
}

fn ten_year_capacity(m: &LifeModel, p: &Profile) -> f64 {
    let stop = Stop {
        years: Some(10.0),
        ..Default::default()
    };
    simulate_blast(m, p, &stop).unwrap().yearly[9].relative_capacity
}

/// Sampling the same duty every minute or every ten minutes changes ten-year capacity by less
/// than 0.002. The duty's ramps and rests last whole hours, so both samplings trace it exactly
/// (BLAST-Lite's C-rate of a ramp cut mid-interval depends on where the samples fall).
#[test]
fn resampling_from_60_to_600_seconds_moves_capacity_less_than_0_002() {
    let data = data();
    let spec = CycleSpec::parse(
        "dod=0.5,soc_max=0.9,charge_c=0.5,discharge_c=0.5,rest_h=1,temperature_c=25",
    )
    .unwrap();
    let (fine, coarse) = (spec.day_every(60.0), spec.day_every(600.0));
    for m in &data.life_models {
        let (a, b) = (ten_year_capacity(m, &fine), ten_year_capacity(m, &coarse));
        assert!((a - b).abs() < 0.002, "{}: {a} vs {b}", m.id);
    }
}

/// A run stopped at a breakpoint after four years and continued to ten gives the ten-year
/// result of a single run (states carry over whole; nothing is recomputed from the start).
#[test]
fn splitting_a_run_at_a_breakpoint_changes_capacity_less_than_0_002() {
    let data = data();
    let day = CycleSpec::parse(
        "dod=0.6,soc_max=0.9,charge_c=0.5,discharge_c=1,rest_h=2,temperature_c=30",
    )
    .unwrap()
    .day_every(300.0);
    let four = Stop {
        years: Some(4.0),
        ..Default::default()
    };
    let ten = Stop {
        years: Some(10.0),
        ..Default::default()
    };
    for m in &data.life_models {
        let whole = simulate_blast(m, &day, &ten)
            .unwrap()
            .summary
            .final_relative_capacity;
        let mut life = Life::new(m, &day).unwrap();
        life.blast_compatible(true);
        let first = life.run(&four).unwrap();
        assert!(first.summary.years > 4.0 && first.summary.years < 4.1);
        let split = life.run(&ten).unwrap().summary.final_relative_capacity;
        assert!(
            (whole - split).abs() < 0.002,
            "{}: {whole} vs {split}",
            m.id
        );
    }
}
