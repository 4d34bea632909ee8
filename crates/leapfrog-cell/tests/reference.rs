//! Reference cases from published figures, each with its source and tolerance.

use leapfrog_cell::{Chemistry, DesignRequest, ThicknessLimit};
use leapfrog_data::Dataset;

fn preset(id: &str) -> (Chemistry, DesignRequest) {
    let data = Dataset::embedded().expect("embedded data loads");
    let req = DesignRequest::preset(&data, id).expect("preset exists");
    (Chemistry::load(&data, &req).expect("preset resolves"), req)
}

fn within(what: &str, got: f64, published: f64, tolerance: f64) {
    let err = (got - published) / published;
    assert!(
        err.abs() <= tolerance,
        "{what}: model {got:.4} vs published {published} ({:+.2}%, allowed ±{:.0}%)",
        err * 100.0,
        tolerance * 100.0
    );
}

/// BatPaC v5.0 default design (shared/reference/batpac-v5.md), within 3%.
#[test]
fn batpac_v5_default_design() {
    let (chem, req) = preset("batpac-v5-default");
    let d = chem.solve(&req.inputs).unwrap();
    let c = &d.cell;
    assert_eq!(c.limit, ThicknessLimit::MaximumThickness);
    within(
        "positive thickness, um",
        c.positive_thickness_um,
        120.0,
        0.03,
    );
    within(
        "areal capacity, mAh/cm2",
        c.positive_areal_capacity_mah_per_cm2,
        8.07,
        0.03,
    );
    within("cell capacity, Ah", c.capacity_ah, 68.18, 0.03);
    within("cell energy, Wh", c.energy_wh, 250.0, 0.03);
    within("cell mass, kg", c.mass.total_g / 1000.0, 0.744, 0.03);
    within(
        "cell specific energy, Wh/kg",
        c.specific_energy_wh_per_kg,
        336.0,
        0.03,
    );
    within(
        "cell energy density, Wh/L",
        c.energy_density_wh_per_l,
        646.6,
        0.03,
    );
    within("pack mass, kg", d.pack.mass_kg, 488.7, 0.03);
    within(
        "pack specific energy, Wh/kg",
        d.pack.specific_energy_wh_per_kg,
        204.6,
        0.03,
    );
    within(
        "pack energy density, Wh/L",
        d.pack.energy_density_wh_per_l,
        340.0,
        0.03,
    );
}

/// BatPaC's fast-charge limit (Nelson et al. 2019): a 60-minute charge leaves the 120 um
/// cap binding; faster charges thin the electrode so that ΔSOC·Q/t stays at 9 mA/cm².
#[test]
fn fast_charge_limit_sets_thickness() {
    let (chem, req) = preset("batpac-v5-default");
    let mut inputs = req.inputs;
    let mut last = f64::INFINITY;
    for minutes in [60.0, 30.0, 20.0, 15.0, 10.0] {
        inputs.fast_charge_minutes = minutes;
        let c = chem.solve(&inputs).unwrap().cell;
        assert!(c.positive_thickness_um <= last);
        last = c.positive_thickness_um;
        if c.limit == ThicknessLimit::FastCharge {
            let current_ma_per_cm2 = 0.8 * c.positive_areal_capacity_mah_per_cm2 / (minutes / 60.0);
            within(
                "charging current density at the limit",
                current_ma_per_cm2,
                9.0,
                1e-9,
            );
        }
    }
    inputs.fast_charge_minutes = 30.0;
    let c = chem.solve(&inputs).unwrap().cell;
    assert_eq!(c.limit, ThicknessLimit::FastCharge);
    within(
        "30-minute charge areal capacity",
        c.positive_areal_capacity_mah_per_cm2,
        9.0 * 0.5 / 0.8,
        1e-9,
    );
}
