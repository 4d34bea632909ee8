//! Shock evaluations per second. One evaluation: clear the market for one restriction and
//! re-price one chemistry's cell through the factory cost model (what `shock` does per
//! chemistry and year). Target: at least 10,000 per second.

use divan::black_box;
use leapfrog_data::{Dataset, SupplyStage};
use leapfrog_supply::shock::{clear, cost_increase};
use leapfrog_supply::{factory, simulate, Basis, Product, Shock, SupplyModel, DEFAULT_CHEMISTRIES};

fn main() {
    divan::main();
}

struct Setup {
    data: Dataset,
    model: SupplyModel,
    products: Vec<Product>,
}

fn setup() -> Setup {
    let data = Dataset::embedded().unwrap();
    let model = SupplyModel::load(&data).unwrap();
    let f = factory(&data).unwrap();
    let products = DEFAULT_CHEMISTRIES
        .iter()
        .map(|id| Product::load(&data, &f, id).unwrap())
        .collect();
    Setup {
        data,
        model,
        products,
    }
}

#[divan::bench]
fn one_shock_one_chemistry(b: divan::Bencher) {
    let s = setup();
    let chain = s.model.chain("graphite").unwrap();
    let stage = chain.stage(SupplyStage::AnodeMaterial).unwrap();
    let lfp = &s.products[0];
    let mut cut = 0.0;
    b.bench_local(|| {
        cut = (cut + 0.013) % 1.0;
        let (m, _, _) = clear(black_box(cut) * 0.9, 0.3, 0.1, 10.0);
        cost_increase(lfp, chain, stage, m)
    });
}

#[divan::bench]
fn full_shock_seven_chemistries_three_years(b: divan::Bencher) {
    let s = setup();
    let demand = s.data.demand_scenario("global-2024").unwrap();
    let shock = Shock {
        country: "CN".into(),
        chain: "graphite".into(),
        stage: SupplyStage::AnodeMaterial,
        cut: 0.5,
        duration_years: 3.0,
        basis: Basis::Location,
    };
    b.bench_local(|| simulate(&s.model, black_box(&shock), &s.products, demand).unwrap());
}
