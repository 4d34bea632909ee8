//! Mission throughput: sizing and price alone (the battery worked out once per chemistry and
//! reused), and with each evaluation running its own life simulation.
//! `cargo bench -p leapfrog-mission`

use leapfrog_data::Dataset;
use leapfrog_factory::{Factory, DEFAULT_COST_MODEL};
use leapfrog_mission::{evaluate, Ageing, Battery};

fn main() {
    divan::main();
}

fn setup() -> (Dataset, String) {
    (
        Dataset::embedded().expect("embedded data"),
        "LFP-G".to_string(),
    )
}

#[divan::bench(args = ["grid-4h", "leo-smallsat", "evtol-kasliwal", "legged-cheetah", "ev-midsize"])]
fn size_and_price(bencher: divan::Bencher, mission: &str) {
    let (data, couple) = setup();
    let factory = Factory::load(&data, DEFAULT_COST_MODEL).expect("factory");
    let battery = Battery::of(&data, &factory, &couple).expect("battery");
    let m = data.mission(mission).expect("preset").clone();
    bencher.bench_local(|| {
        evaluate(&data, divan::black_box(&m), &battery, Ageing::Skip).expect("evaluation")
    });
}

#[divan::bench(args = ["grid-4h", "leo-smallsat", "evtol-kasliwal", "legged-cheetah", "ev-midsize"])]
fn with_life(bencher: divan::Bencher, mission: &str) {
    let (data, couple) = setup();
    let factory = Factory::load(&data, DEFAULT_COST_MODEL).expect("factory");
    let battery = Battery::of(&data, &factory, &couple).expect("battery");
    let m = data.mission(mission).expect("preset").clone();
    bencher.bench_local(|| {
        evaluate(&data, divan::black_box(&m), &battery, Ageing::Simulate).expect("evaluation")
    });
}
