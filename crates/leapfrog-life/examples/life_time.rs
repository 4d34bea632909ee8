//! Times the library call for benches/peers/life_bench.py: one simulation of PROFILE.csv over
//! YEARS with MODEL, repeated; prints the median seconds per call. No state is kept between
//! calls (each builds its model afresh).
//! `cargo run --release -p leapfrog-life --example life_time -- MODEL PROFILE.csv YEARS [RUNS]`

// A timing harness is a program: it prints its result.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

use leapfrog_data::Dataset;
use leapfrog_life::{simulate, Profile, Stop};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (id, path, years) = match args.as_slice() {
        [_, id, path, years, ..] => (id, path, years.parse::<f64>().unwrap_or(10.0)),
        _ => {
            eprintln!("usage: life_time MODEL PROFILE.csv YEARS [RUNS]");
            std::process::exit(1);
        }
    };
    let runs: usize = args.get(4).and_then(|r| r.parse().ok()).unwrap_or(50);
    let data = Dataset::embedded().expect("embedded data");
    let m = leapfrog_life::model(&data, id).expect("model");
    let text = std::fs::read_to_string(path).expect("profile");
    let profile = Profile::from_csv(path, &text).expect("profile parses");
    let stop = Stop {
        years: Some(years),
        ..Default::default()
    };
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let r = simulate(m, std::hint::black_box(&profile), &stop).expect("simulates");
            std::hint::black_box(r.summary.final_relative_capacity);
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!("{:.9}", times[runs / 2]);
}
