//! Monte Carlo throughput: runs of the 20-year scenario over every region and chemistry in the
//! data. `cargo bench -p leapfrog-policy`
//! For the 100,000-run figure: `leapfrog scenario --preset baseline --runs 100000 --threads 2`.

use leapfrog_data::Dataset;
use leapfrog_policy::{monte_carlo, run, Draw, Levers, Model, Settings};

fn main() {
    divan::main();
}

#[divan::bench]
fn one_run(bencher: divan::Bencher) {
    let data = Dataset::embedded().expect("embedded data");
    let model = Model::prepare(&data).expect("model");
    let levers = Levers::resolve(&data, &model, None, &[]).expect("levers");
    let d = Draw::central(&model);
    bencher.bench_local(|| run(divan::black_box(&model), &levers, &d));
}

#[divan::bench(sample_count = 3)]
fn ten_thousand_runs_two_threads(bencher: divan::Bencher) {
    let data = Dataset::embedded().expect("embedded data");
    let model = Model::prepare(&data).expect("model");
    let levers = Levers::resolve(&data, &model, None, &[]).expect("levers");
    let settings = Settings {
        runs: 10_000,
        seed: 1,
        threads: 2,
    };
    bencher.bench_local(|| monte_carlo(&model, &levers, settings).expect("monte carlo"));
}
