//! Reference cases from published figures, each with its source and tolerance.

use leapfrog_cell::{Chemistry, DesignRequest, ThicknessLimit};
use leapfrog_data::{Dataset, ReferenceLayer};

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

/// Every cell-layer case of the reference zoo (data/references.toml): the BatPaC v5.0 default
/// design and BatPaC 5.2's material intensities, each within its own tolerance.
#[test]
fn cell_reference_zoo() {
    let data = Dataset::embedded().expect("embedded data loads");
    let mut failures = Vec::new();
    let mut checked = 0;
    for r in data
        .references
        .iter()
        .filter(|r| r.layer == ReferenceLayer::Cell)
    {
        let got = leapfrog_cell::reference::evaluate(&data, r).expect("case runs");
        if !r.admits(got) {
            failures.push(format!(
                "{}: model {got:.4} vs published {} ({:+.2}%, allowed ±{}%) [{}]",
                r.id,
                r.value,
                100.0 * r.relative_error(got),
                100.0 * r.tolerance,
                r.source
            ));
        }
        checked += 1;
    }
    assert!(checked >= 25, "{checked} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The default design is limited by BatPaC's 120 µm maximum thickness, as BatPaC's is.
#[test]
fn batpac_v5_default_is_thickness_capped() {
    let (chem, req) = preset("batpac-v5-default");
    let d = chem.solve(&req.inputs).unwrap();
    assert_eq!(d.cell.limit, ThicknessLimit::MaximumThickness);
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
