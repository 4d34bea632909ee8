//! The sized prismatic can and designs carrying measured layers: laws they must keep.

use leapfrog_cell::{CellError, Chemistry, DesignRequest, ThicknessLimit};
use leapfrog_data::Dataset;
use proptest::prelude::*;

const COUPLES: &[&str] = &["LFP-G", "NMC811-G", "NaNFM-HC", "LMFP-G"];
const CYLINDERS: &[&str] = &["lg-m50-21700", "tesla-4680", "tesla-4680-gorsch"];

fn blade(couple: &str, measured: bool) -> (Chemistry, DesignRequest) {
    let data = Dataset::embedded().unwrap();
    let mut req = DesignRequest::preset(&data, "byd-blade").unwrap();
    req.couple = couple.to_string();
    if !measured {
        req.inputs.measured = Default::default();
    }
    (Chemistry::load(&data, &req).unwrap(), req)
}

fn energy_wh(chem: &Chemistry, req: &DesignRequest) -> Result<f64, CellError> {
    Ok(chem.solve(&req.inputs)?.cell.energy_wh)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Growing any outer size of the can never leaves less energy inside it.
    #[test]
    fn a_larger_can_never_holds_less_energy(
        couple in 0..COUPLES.len(),
        measured in any::<bool>(),
        grow in (1.0..3.0f64, 1.0..3.0f64, 1.0..3.0f64),
    ) {
        let (mut chem, req) = blade(COUPLES[couple], measured);
        let small = energy_wh(&chem, &req).unwrap();
        let f = &mut chem.format.record;
        f.can_length_mm = f.can_length_mm.map(|v| v * grow.0);
        f.can_height_mm = f.can_height_mm.map(|v| v * grow.1);
        f.can_thickness_mm = f.can_thickness_mm.map(|v| v * grow.2);
        let large = energy_wh(&chem, &req).unwrap();
        prop_assert!(large >= small * (1.0 - 1e-12), "{small} Wh became {large} Wh");
    }

    /// The same for a cylinder: a wider or taller can never holds less.
    #[test]
    fn a_larger_cylinder_never_holds_less_energy(
        preset in 0..CYLINDERS.len(),
        couple in 0..COUPLES.len(),
        grow in (1.0..3.0f64, 1.0..3.0f64),
    ) {
        let data = Dataset::embedded().unwrap();
        let mut req = DesignRequest::preset(&data, CYLINDERS[preset]).unwrap();
        req.couple = COUPLES[couple].to_string();
        let mut chem = Chemistry::load(&data, &req).unwrap();
        let small = energy_wh(&chem, &req).unwrap();
        let f = &mut chem.format.record;
        f.diameter_mm = f.diameter_mm.map(|v| v * grow.0);
        f.height_mm = f.height_mm.map(|v| v * grow.1);
        let large = energy_wh(&chem, &req).unwrap();
        prop_assert!(large >= small * (1.0 - 1e-12), "{small} Wh became {large} Wh");
    }

    /// A measured positive thickness is the thickness: no limit moves it.
    #[test]
    fn a_measured_thickness_is_kept_whatever_the_targets(
        minutes in 15.0..240.0f64,
        p_over_e in 0.0..8.0f64,
    ) {
        let (chem, req) = blade("LFP-G", true);
        let mut inputs = req.inputs;
        inputs.fast_charge_minutes = minutes;
        inputs.pack_power_kw = p_over_e * inputs.pack_energy_kwh;
        let cell = chem.solve(&inputs).unwrap().cell;
        prop_assert_eq!(cell.limit, ThicknessLimit::Measured);
        prop_assert_eq!(cell.positive_thickness_um, 70.0);
        prop_assert_eq!(cell.negative_thickness_um, 65.0);
    }
}

/// The can's outer size is the cell's size, whatever the layers inside.
#[test]
fn a_sized_can_sets_the_cells_volume() {
    for couple in COUPLES {
        for measured in [true, false] {
            let (chem, req) = blade(couple, measured);
            let cell = chem.solve(&req.inputs).unwrap().cell;
            assert!((cell.volume_l - 0.965 * 0.090 * 0.014 * 1000.0).abs() < 1e-9);
        }
    }
}

/// Layers too thick for the can are refused with the reason, not squeezed in.
#[test]
fn electrodes_that_do_not_fit_the_can_are_refused() {
    let (mut chem, req) = blade("LFP-G", true);
    chem.format.record.can_thickness_mm = Some(0.8);
    let err = chem.solve(&req.inputs).unwrap_err().to_string();
    assert!(err.contains("do not fit the can"), "{err}");
}
