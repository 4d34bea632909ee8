#![allow(dead_code)]
use leapfrog_cell::{Chemistry, Design, DesignRequest};
use leapfrog_data::Dataset;
use leapfrog_factory::{CostResult, Factory, PlantOptions, DEFAULT_COST_MODEL};

pub fn data() -> Dataset {
    Dataset::embedded().expect("embedded data loads")
}

pub fn preset(data: &Dataset, id: &str) -> (Chemistry, Design) {
    let req = DesignRequest::preset(data, id).expect("preset");
    let chem = Chemistry::load(data, &req).expect("chemistry");
    let design = chem.solve(&req.inputs).expect("design solves");
    (chem, design)
}

/// A couple designed to the BatPaC default targets.
pub fn couple(data: &Dataset, id: &str) -> (Chemistry, Design) {
    let reference = DesignRequest::preset(data, "batpac-v5-default").expect("preset");
    let req = DesignRequest {
        couple: id.to_string(),
        ..reference
    };
    let chem = Chemistry::load(data, &req).expect("chemistry");
    let design = chem.solve(&req.inputs).expect("design solves");
    (chem, design)
}

pub fn cost(data: &Dataset, chem: &Chemistry, design: &Design, opts: &PlantOptions) -> CostResult {
    let f = Factory::load(data, DEFAULT_COST_MODEL).expect("cost model");
    let p = f.prepare(chem, opts).expect("prepare");
    f.evaluate(&p, design)
}

pub fn at(gwh: f64, region: Option<&str>, processes: &[&str]) -> PlantOptions {
    PlantOptions {
        plant_gwh_per_yr: gwh,
        region: region.map(str::to_string),
        processes: processes.iter().map(|s| s.to_string()).collect(),
        price_basis: None,
    }
}

pub fn rel(model: f64, published: f64) -> f64 {
    (model - published) / published
}
