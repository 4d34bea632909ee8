//! One 10-year simulation of a daily profile per model (the library call BLAST-Lite's
//! `simulate_battery_life` is timed against in benches/peers/life_bench.py).
//! Also twenty years of each family's general model on a daily cycle, stepped daily.
//! `cargo bench -p leapfrog-life --bench life`

use leapfrog_data::Dataset;
use leapfrog_life::{simulate, CycleSpec, Stop};

fn main() {
    divan::main();
}

fn models() -> Vec<String> {
    Dataset::embedded()
        .unwrap()
        .life_models
        .iter()
        .map(|m| m.id.clone())
        .collect()
}

#[divan::bench(args = models())]
fn ten_years_daily(bencher: divan::Bencher, id: &str) {
    let data = Dataset::embedded().unwrap();
    let m = leapfrog_life::model(&data, id).unwrap();
    let day = CycleSpec::parse(
        "dod=0.8,soc_max=0.9,charge_c=0.5,discharge_c=1,rest_h=1,temperature_c=25",
    )
    .unwrap()
    .day();
    let stop = Stop {
        years: Some(10.0),
        ..Default::default()
    };
    bencher.bench_local(|| {
        simulate(m, divan::black_box(&day), &stop)
            .unwrap()
            .summary
            .final_relative_capacity
    });
}

/// The chemistry families' general models (form `semi_empirical`).
fn family_models() -> Vec<String> {
    Dataset::embedded()
        .unwrap()
        .life_models
        .iter()
        .filter(|m| m.form == "semi_empirical")
        .map(|m| m.id.clone())
        .collect()
}

/// Twenty years of a family's general model on one daily cycle (minute samples), stepped a day
/// at a time (each day one segment: its rainflow cycles, calendar and band).
#[divan::bench(args = family_models())]
fn twenty_years_family_daily(bencher: divan::Bencher, id: &str) {
    let data = Dataset::embedded().unwrap();
    let m = leapfrog_life::model(&data, id).unwrap();
    let day = CycleSpec::parse(
        "dod=0.8,soc_max=0.9,charge_c=0.5,discharge_c=1,rest_h=1,temperature_c=25",
    )
    .unwrap()
    .day();
    let stop = Stop {
        years: Some(20.0),
        ..Default::default()
    };
    bencher.bench_local(|| {
        simulate(m, divan::black_box(&day), &stop)
            .unwrap()
            .summary
            .final_relative_capacity
    });
}
