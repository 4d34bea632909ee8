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

/// The default design is a fixed point of its own 60-minute charge: the 120 µm cap still
/// binds, and the electrode could charge faster than asked.
#[test]
fn default_design_is_a_fixed_point_of_the_60_minute_rule() {
    let (chem, req) = preset("batpac-v5-default");
    assert_eq!(req.inputs.fast_charge_minutes, 60.0);
    let d = chem.solve(&req.inputs).unwrap();
    assert_eq!(d.cell.limit, ThicknessLimit::MaximumThickness);
    assert_eq!(d.cell.positive_thickness_um, 120.0);
    assert!(d.cell.fast_charge.shortest_minutes < 60.0);
    within(
        "specific energy",
        d.cell.specific_energy_wh_per_kg,
        336.0,
        0.03,
    );
}

/// Colclasure et al. 2020 (Electrochim. Acta 337, 135854): 1.5 mAh/cm² cells take a 9C
/// constant-current charge with little plating, 2.5 mAh/cm² cells plate at 6C. The kinetic
/// rate of the graphite couples is set from the first observation (the NMC811-G stack at the
/// design's 30 °C); the second is a prediction of the transport law, checked here.
#[test]
fn transport_law_reproduces_colclasure_2020() {
    let (chem, req) = preset("batpac-v5-default");
    let law = &chem.couple.fast_charge;
    let per_um = chem.couple.positive.mah_per_cm2_per_um();
    let temperature = req.inputs.fast_charge_temperature_c;
    let full_charge_minutes = |mah_per_cm2: f64| {
        law.shortest_minutes(mah_per_cm2 / per_um, 1.0, temperature, per_um)
            .unwrap()
    };
    within(
        "9C on 1.5 mAh/cm²",
        full_charge_minutes(1.5),
        60.0 / 9.0,
        0.01,
    );
    let six_c = full_charge_minutes(2.5);
    assert!(
        six_c > 10.0,
        "2.5 mAh/cm² would take a 6C charge ({six_c:.2} min)"
    );
}

/// A transport-limited electrode: the thickness follows the square root of the time above
/// the kinetic floor, so it thins more slowly than a constant current density would have it.
#[test]
fn fast_charge_limit_sets_thickness() {
    let (chem, req) = preset("batpac-v5-default");
    let mut inputs = req.inputs;
    let mut last = f64::INFINITY;
    for minutes in [60.0, 45.0, 30.0, 20.0, 15.0, 10.0] {
        inputs.fast_charge_minutes = minutes;
        let c = chem.solve(&inputs).unwrap().cell;
        assert!(c.positive_thickness_um <= last);
        last = c.positive_thickness_um;
        if minutes <= 45.0 {
            assert_eq!(c.limit, ThicknessLimit::FastCharge, "{minutes} min");
            within(
                "charge time at the limit",
                c.fast_charge.shortest_minutes,
                minutes,
                1e-9,
            );
        }
    }
    let mut at = |minutes: f64| {
        inputs.fast_charge_minutes = minutes;
        chem.solve(&inputs).unwrap().cell.positive_thickness_um
    };
    let (t10, t30) = (at(10.0), at(30.0));
    assert!(
        t10 / t30 > 10.0 / 30.0 + 0.1,
        "10 min {t10:.1} µm vs 30 min {t30:.1} µm"
    );
}
