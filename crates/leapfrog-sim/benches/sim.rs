//! Solve times of the single-particle models on Chen2020: `cargo bench -p leapfrog-sim`.

use leapfrog_data::Dataset;
use leapfrog_sim::{run, Cell, Model, ModelKind, Step};

fn main() {
    divan::main();
}

fn model(kind: ModelKind) -> Model {
    let data = Dataset::embedded().expect("embedded data");
    Model::new(kind, Cell::load(&data, "chen2020").expect("chen2020"))
}

#[divan::bench(args = ["spm", "spme"])]
fn discharge_1c(bencher: divan::Bencher, kind: &str) {
    let m = model(if kind == "spm" {
        ModelKind::Spm
    } else {
        ModelKind::Spme
    });
    let steps = [Step::parse("Discharge at 1C until 2.5 V").unwrap()];
    bencher.bench(|| run(&m, &steps, 1).unwrap().summary.end_time_s);
}
