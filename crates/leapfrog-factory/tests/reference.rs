//! BatPaC v5.0 reference case (shared/reference/batpac-v5.md, source `batpac-v5`):
//! the overhead algebra's stated check, and the default design priced by the plant model.

mod common;
use common::*;
use leapfrog_data::ReferenceLayer;
use leapfrog_factory::{Rates, RollupInputs};

const PACKS: f64 = 500_000.0;

#[test]
fn overhead_algebra_reproduces_the_stated_check_within_0_1_percent() {
    let data = data();
    let model = data.cost_model("batpac-v5").unwrap();
    let rates = Rates::of(model);
    // Published inputs: materials + purchased items 7,466.09 $/pack, BMS 355.60 $/pack,
    // 3.49923 M h/yr at 25 $/h, capex 4,095.24 M$, 285,183 m² at 3,000 $/m², 500k packs/yr.
    let inputs = RollupInputs {
        materials_usd: (7466.09 + 355.60) * PACKS,
        labour_usd: 3.49923e6 * 25.0,
        capital_usd: 4095.24e6,
        building_usd: 285_183.0 * 3000.0,
    };
    let price = rates.build(&inputs).price_usd / PACKS;
    assert!(
        rel(price, 11_009.1).abs() < 0.001,
        "price {price:.2} $/pack vs 11,009.1"
    );
    let k = rates.multipliers();
    for (name, got, published) in [
        ("materials", k.materials, 1.06656),
        ("labour", k.labour, 1.86648),
        ("capital", k.capital, 0.253704),
        ("building", k.building, 0.153252),
    ] {
        assert!(
            (got - published).abs() < 1e-6,
            "{name} multiplier {got} vs {published}"
        );
    }
}

/// Every factory-layer case of the reference zoo (data/references.toml): the BatPaC v5.0 default
/// design priced in BatPaC's baseline plant, each figure within its own tolerance.
#[test]
fn factory_reference_zoo() {
    let data = data();
    let mut failures = Vec::new();
    let mut checked = 0;
    for r in data
        .references
        .iter()
        .filter(|r| r.layer == ReferenceLayer::Factory)
    {
        let got = leapfrog_factory::reference::evaluate(&data, r).expect("case runs");
        if !r.admits(got) {
            failures.push(format!(
                "{}: {got:.2} vs {} ({:+.2}%, allowed ±{}%)",
                r.id,
                r.value,
                100.0 * r.relative_error(got),
                100.0 * r.tolerance
            ));
        }
        checked += 1;
    }
    assert!(checked >= 10, "{checked} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn default_design_drivers_match_the_baseline_materials() {
    // BatPaC's baseline plant processes 72.5 M kg positive and 49.1 M kg negative active
    // material for this design's 500k packs; the model's yields and BOM give the same.
    let data = data();
    let (chem, design) = preset(&data, "batpac-v5-default");
    let c = cost(&data, &chem, &design, &at(50.0, None, &[]));
    assert!(rel(c.drivers.positive_am_kg, 7.25e7).abs() < 0.02);
    assert!(rel(c.drivers.negative_am_kg, 4.91e7).abs() < 0.02);
    assert!(rel(c.drivers.cells, 2.11e8).abs() < 0.01);
}
