//! Scale-up throughput: a whole path (one factory evaluation per stage and the month loop)
//! evaluated on a prepared path, as sweeps and the policy layer's Monte Carlo call it.
//! `cargo bench -p leapfrog-scaleup`

use leapfrog_data::Dataset;
use leapfrog_scaleup::{evaluate, prepare, PathInputs};

fn main() {
    divan::main();
}

#[divan::bench(args = ["startup-us", "incumbent-lfp-us"])]
fn full_path(bencher: divan::Bencher, path: &str) {
    let data = Dataset::embedded().expect("embedded data");
    let inputs = PathInputs {
        chemistry: "NMC811-Li-SSE".into(),
        path: data.scaleup_path(path).expect("preset").clone(),
        variant: "conventional".into(),
        equipment_control: Some("cn-2025".into()),
        region: None,
        credit: None,
        grants: false,
    };
    let prepared = prepare(&data, &inputs).expect("prepared path");
    bencher.bench_local(|| evaluate(divan::black_box(&prepared)));
}
