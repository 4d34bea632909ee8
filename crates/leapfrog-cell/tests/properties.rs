//! Laws the design model must keep, over random designs.

use leapfrog_cell::{CellError, Chemistry, DesignRequest};
use leapfrog_data::Dataset;
use proptest::prelude::*;
use std::sync::OnceLock;

const COUPLES: &[&str] = &[
    "NMC811-G",
    "LFP-G",
    "NMC811-SiG",
    "NaNFM-HC",
    "NMC811-Li-SSE",
    "NMC-LTO",
    "Li-S",
];
const PRESETS: &[&str] = &["batpac-v5-default", "lg-m50-21700", "eve-lf280k"];

fn chemistries() -> &'static Vec<(Chemistry, DesignRequest)> {
    static CACHE: OnceLock<Vec<(Chemistry, DesignRequest)>> = OnceLock::new();
    CACHE.get_or_init(|| {
        let data = Dataset::embedded().unwrap();
        let mut out = Vec::new();
        for preset in PRESETS {
            let base = DesignRequest::preset(&data, preset).unwrap();
            for couple in COUPLES {
                let req = DesignRequest {
                    couple: couple.to_string(),
                    ..base.clone()
                };
                out.push((Chemistry::load(&data, &req).unwrap(), req));
            }
        }
        out
    })
}

fn design_inputs() -> impl Strategy<Value = (usize, f64, f64, f64)> {
    (
        0..PRESETS.len() * COUPLES.len(),
        0.0..8.0f64,
        5.0..240.0f64,
        0.05..0.95f64,
    )
}

/// Chemistry `i` with its reference inputs at the drawn power ratio, charge time and pulse SOC.
fn drawn(
    i: usize,
    p_over_e: f64,
    minutes: f64,
    soc: f64,
) -> (&'static Chemistry, leapfrog_cell::DesignInputs) {
    let (chem, req) = &chemistries()[i];
    let mut inputs = req.inputs;
    inputs.pack_power_kw = p_over_e * inputs.pack_energy_kwh;
    inputs.fast_charge_minutes = minutes;
    inputs.pulse_soc = soc;
    (chem, inputs)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Components sum to the cell mass, the bill of materials to the same mass, energy is
    /// capacity times voltage, and the pack holds its cells' energy.
    #[test]
    fn mass_and_energy_balances_close((i, p_over_e, minutes, soc) in design_inputs()) {
        let (chem, inputs) = drawn(i, p_over_e, minutes, soc);
        let Ok(d) = chem.solve(&inputs) else { return Ok(()) };
        let m = d.cell.mass;
        let parts = m.positive_coating_g + m.negative_coating_g + m.positive_foil_g + m.negative_foil_g
            + m.separator_g + m.electrolyte_g + m.casing_g + m.terminals_g;
        prop_assert!((parts - m.total_g).abs() < 1e-9 * m.total_g);
        let bom = chem.bill_of_materials(&d);
        let bom_kg: f64 = bom.lines.iter().map(|l| l.kg_per_cell).sum();
        prop_assert!((bom_kg * 1000.0 - m.total_g).abs() < 1e-6 * m.total_g);
        prop_assert!(bom.elements_kg_per_cell.total() <= bom_kg * (1.0 + 1e-12));
        prop_assert!((d.cell.energy_wh - d.cell.capacity_ah * d.cell.nominal_voltage_v).abs() < 1e-9 * d.cell.energy_wh);
        let pack_wh = d.pack.cells as f64 * d.cell.energy_wh;
        prop_assert!((d.pack.energy_kwh * 1000.0 - pack_wh).abs() < 1e-9 * pack_wh);
        prop_assert!(d.pack.mass_kg >= d.pack.cell_mass_kg);
        for v in [d.cell.specific_energy_wh_per_kg, d.cell.energy_density_wh_per_l, d.cell.specific_power_w_per_kg, d.pack.specific_energy_wh_per_kg] {
            prop_assert!(v.is_finite() && v > 0.0);
        }
    }

    /// A higher power target can only thin the electrode, so Wh/kg never rises.
    #[test]
    fn more_power_never_raises_specific_energy((i, p_over_e, minutes, soc) in design_inputs(), extra in 0.0..4.0f64) {
        let (chem, low) = drawn(i, p_over_e, minutes, soc);
        let mut high = low;
        high.pack_power_kw = (p_over_e + extra) * low.pack_energy_kwh;
        match (chem.solve(&low), chem.solve(&high)) {
            (Ok(a), Ok(b)) => {
                prop_assert!(b.cell.positive_thickness_um <= a.cell.positive_thickness_um + 1e-9);
                prop_assert!(b.cell.specific_energy_wh_per_kg <= a.cell.specific_energy_wh_per_kg * (1.0 + 1e-12));
                prop_assert!(b.pack.specific_energy_wh_per_kg <= a.pack.specific_energy_wh_per_kg * (1.0 + 1e-12));
            }
            (Err(_), Ok(_)) => prop_assert!(false, "a lower power target must not be harder"),
            _ => {}
        }
    }

    /// A longer allowed charge time, or a warmer charge, never gives a thinner electrode.
    #[test]
    fn more_charge_time_never_thins_the_electrode(
        (i, p_over_e, minutes, soc) in design_inputs(),
        extra_minutes in 0.0..120.0f64,
        temperature_c in 20.0..45.0f64,
        warmer in 0.0..5.0f64,
    ) {
        let (chem, mut short) = drawn(i, p_over_e, minutes, soc);
        short.fast_charge_temperature_c = temperature_c;
        let mut long = short;
        long.fast_charge_minutes = minutes + extra_minutes;
        let mut warm = short;
        warm.fast_charge_temperature_c = temperature_c + warmer;
        for relaxed in [long, warm] {
            match (chem.solve(&short), chem.solve(&relaxed)) {
                (Ok(a), Ok(b)) => {
                    prop_assert!(b.cell.limits.fast_charge_um >= a.cell.limits.fast_charge_um * (1.0 - 1e-9));
                    prop_assert!(b.cell.positive_thickness_um >= a.cell.positive_thickness_um * (1.0 - 1e-9));
                }
                (Ok(_), Err(e)) => prop_assert!(false, "a relaxed charge must not be harder: {e}"),
                _ => {}
            }
        }
    }

    /// Where the charge limit binds, the chosen electrode charges in exactly the time asked,
    /// at exactly the current the law allows there.
    #[test]
    fn a_binding_charge_limit_is_met_exactly((i, p_over_e, minutes, soc) in design_inputs()) {
        let (chem, inputs) = drawn(i, p_over_e, minutes, soc);
        let Ok(d) = chem.solve(&inputs) else { return Ok(()) };
        let f = d.cell.fast_charge;
        prop_assert!(f.shortest_minutes <= minutes * (1.0 + 1e-9));
        prop_assert!(f.current_ma_per_cm2 <= f.allowed_current_ma_per_cm2 * (1.0 + 1e-9));
        if d.cell.limit == leapfrog_cell::ThicknessLimit::FastCharge {
            prop_assert!((f.shortest_minutes - minutes).abs() <= 1e-9 * minutes);
        }
    }
}

/// A power target no electrode of the minimum thickness can meet is a typed error.
#[test]
fn infeasible_power_target_is_a_typed_error() {
    let (chem, req) = &chemistries()[0];
    let mut inputs = req.inputs;
    inputs.pack_power_kw = 100_000.0;
    match chem.solve(&inputs) {
        Err(CellError::Infeasible { reason }) => assert!(reason.contains("power"), "{reason}"),
        other => panic!("expected an infeasible design, got {other:?}"),
    }
}

#[test]
fn invalid_inputs_are_rejected_with_the_field() {
    let (chem, req) = &chemistries()[0];
    let mut inputs = req.inputs;
    inputs.pack_energy_kwh = f64::NAN;
    match chem.solve(&inputs) {
        Err(CellError::Input { field, .. }) => assert_eq!(field, "pack_energy_kwh"),
        other => panic!("expected an input error, got {other:?}"),
    }
    let mut inputs = req.inputs;
    inputs.fast_charge_soc_from = 0.9;
    inputs.fast_charge_soc_to = 0.5;
    assert!(matches!(chem.solve(&inputs), Err(CellError::Input { .. })));
}
