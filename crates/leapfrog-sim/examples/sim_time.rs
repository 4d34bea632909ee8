//! Times leapfrog-sim on the reference experiments (median of repeated solves after one
//! warm-up) and prints JSON lines for benches/peers/sim_bench.py.
//! Usage: sim_time <model> <repeats> <step> [<step> ...]

// A timing harness is a program: it prints its result.
#![allow(clippy::print_stdout)]

use leapfrog_data::Dataset;
use leapfrog_sim::{run, Cell, Model, ModelKind, Step};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let kind = if args[0] == "spm" {
        ModelKind::Spm
    } else {
        ModelKind::Spme
    };
    let repeats: usize = args[1].parse().expect("repeats");
    let steps: Vec<Step> = args[2..]
        .iter()
        .map(|s| Step::parse(s).expect("step"))
        .collect();
    let data = Dataset::embedded().expect("embedded data");
    let model = Model::new(kind, Cell::load(&data, "chen2020").expect("chen2020"));
    let warm = run(&model, &steps, 1).expect("runs");
    let mut times = Vec::with_capacity(repeats);
    for _ in 0..repeats {
        let start = Instant::now();
        let out = run(&model, &steps, 1).expect("runs");
        times.push(start.elapsed().as_secs_f64());
        assert_eq!(out.rows.len(), warm.rows.len());
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{{\"median_s\": {}, \"end_time_s\": {}}}",
        times[times.len() / 2],
        warm.summary.end_time_s
    );
}
