#![allow(dead_code)]

use leapfrog_data::Dataset;
use leapfrog_supply::{factory, Product, SupplyModel};
use std::sync::OnceLock;

pub struct World {
    pub data: Dataset,
    pub model: SupplyModel,
}

pub fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| {
        let data = Dataset::embedded().expect("embedded data");
        let model = SupplyModel::load(&data).expect("supply model");
        World { data, model }
    })
}

pub fn product(id: &str) -> Product {
    let w = world();
    let f = factory(&w.data).expect("factory");
    Product::load(&w.data, &f, id).expect("product")
}

pub fn cn() -> Vec<String> {
    vec!["CN".to_string()]
}
