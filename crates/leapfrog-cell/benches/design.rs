//! Design-solve throughput. Target: at least 100,000 full solves per second on one core.
//! Run: cargo bench -p leapfrog-cell --bench design

use divan::{black_box, Bencher};
use leapfrog_cell::{Chemistry, DesignRequest};
use leapfrog_data::Dataset;

fn main() {
    divan::main();
}

fn load(preset: &str) -> (Chemistry, DesignRequest) {
    let data = Dataset::embedded().expect("embedded data");
    let req = DesignRequest::preset(&data, preset).expect("preset");
    (Chemistry::load(&data, &req).expect("resolves"), req)
}

/// One full cell + pack design solve, varying the power target so nothing is cached.
#[divan::bench(args = ["batpac-v5-default", "lg-m50-21700"])]
fn solve(bencher: Bencher, preset: &str) {
    let (chem, req) = load(preset);
    let mut inputs = req.inputs;
    let mut k = 0u32;
    bencher.bench_local(|| {
        k = k.wrapping_add(1);
        inputs.pack_power_kw = 100.0 + (k % 400) as f64;
        black_box(chem.solve(black_box(&inputs)))
    });
}

/// Solve plus the full bill of materials (allocates the material lines).
#[divan::bench]
fn solve_with_bill_of_materials(bencher: Bencher) {
    let (chem, req) = load("batpac-v5-default");
    bencher.bench_local(|| {
        let d = chem.solve(black_box(&req.inputs)).expect("solves");
        black_box(chem.bill_of_materials(&d))
    });
}
