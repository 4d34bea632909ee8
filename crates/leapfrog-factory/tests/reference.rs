//! BatPaC v5.0 reference case (shared/reference/batpac-v5.md, source `batpac-v5`):
//! the overhead algebra's stated check, and the default design priced by the plant model.

mod common;
use common::*;
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

#[test]
fn default_design_cost_matches_batpac_v5() {
    let data = data();
    let (chem, design) = preset(&data, "batpac-v5-default");
    let c = cost(&data, &chem, &design, &at(50.0, None, &[]));
    let checks = [
        ("cell $/kWh", c.cell_cost_usd_per_kwh, 79.02, 0.02),
        ("pack $/kWh", c.pack_usd_per_kwh, 110.09, 0.02),
        ("plant capital M$", c.plant.plant_capital_musd, 4095.0, 0.03),
        ("floor area m²", c.plant.floor_m2, 285_183.0, 0.05),
        (
            "direct labour M h/yr",
            c.plant.labour_h_per_yr / 1.0e6,
            3.50,
            0.05,
        ),
        (
            "depreciation $/pack",
            c.price_per_pack.depreciation_usd,
            905.0,
            0.02,
        ),
        ("profit $/pack", c.price_per_pack.profit_usd, 579.0, 0.02),
        (
            "warranty $/pack",
            c.price_per_pack.warranty_usd,
            584.0,
            0.02,
        ),
        (
            "total investment M$",
            c.plant.total_investment_musd,
            5786.0,
            0.03,
        ),
    ];
    for (what, got, published, tol) in checks {
        let e = rel(got, published);
        assert!(
            e.abs() <= tol,
            "{what}: {got:.2} vs {published} ({:+.2}%, allowed ±{}%)",
            100.0 * e,
            100.0 * tol
        );
    }
    let formation = c
        .by_process
        .iter()
        .find(|(k, _)| k == "formation")
        .unwrap()
        .1;
    assert!(
        rel(formation, 574.0).abs() < 0.05,
        "formation {formation:.0} $/pack vs 574"
    );
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
