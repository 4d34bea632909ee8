//! Throughput of a complete evaluation: design solve + plant + roll-up (target: 50,000 per
//! second on the 2-core builder). `cargo bench -p leapfrog-factory --bench cost`

use leapfrog_cell::{Chemistry, DesignRequest};
use leapfrog_data::Dataset;
use leapfrog_factory::{Factory, PlantOptions, DEFAULT_COST_MODEL};

fn main() {
    divan::main();
}

#[divan::bench(args = ["batpac-v5-default", "lg-m50-21700", "eve-lf280k"])]
fn design_plant_rollup(bencher: divan::Bencher, preset: &str) {
    let data = Dataset::embedded().unwrap();
    let req = DesignRequest::preset(&data, preset).unwrap();
    let chem = Chemistry::load(&data, &req).unwrap();
    let factory = Factory::load(&data, DEFAULT_COST_MODEL).unwrap();
    let opts = PlantOptions {
        plant_gwh_per_yr: 30.0,
        region: Some("US".into()),
        processes: vec!["dry-electrode".into()],
        price_basis: None,
    };
    let prepared = factory.prepare(&chem, &opts).unwrap();
    bencher.bench_local(|| {
        let design = chem.solve(divan::black_box(&req.inputs)).unwrap();
        factory.evaluate(&prepared, &design).pack_usd
    });
}
