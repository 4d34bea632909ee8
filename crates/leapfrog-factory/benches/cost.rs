//! Throughput of a complete evaluation: design solve + plant + roll-up (target: 50,000 per
//! second on the 2-core builder). `cargo bench -p leapfrog-factory --bench cost`

use leapfrog_cell::{Chemistry, DesignRequest};
use leapfrog_data::Dataset;
use leapfrog_factory::{Factory, PlantOptions, DEFAULT_COST_MODEL};

fn main() {
    divan::main();
}

/// The cell-design presets the reference zoo checks (data/references.toml), plus the commercial
/// cells' large-format and cylindrical designs, so the bench times what the tests check.
fn cases() -> Vec<String> {
    let data = Dataset::embedded().unwrap();
    let mut cases: Vec<String> = data
        .references
        .iter()
        .filter(|r| data.cell_design(&r.case).is_some())
        .map(|r| r.case.clone())
        .chain(["lg-m50-21700".to_string(), "eve-lf280k".to_string()])
        .collect();
    cases.dedup();
    cases
}

#[divan::bench(args = cases())]
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
