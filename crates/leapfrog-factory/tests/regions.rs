//! Regions, chemistries and process variants: the acceptance ranges of the factory issue.

mod common;
use common::*;
use leapfrog_factory::{attribute_region_gap, Factory, DEFAULT_COST_MODEL};

#[test]
fn thirty_gwh_plant_capex_in_china_and_the_us() {
    // tcip-2025: CATL adds capacity at ~67 M$/GWh, others ~115. Range of the issue:
    // China 55-80, U.S. 95-140 M$/GWh for a 30 GWh/yr plant.
    let data = data();
    let (chem, design) = preset(&data, "batpac-v5-default");
    let cn = cost(&data, &chem, &design, &at(30.0, Some("CN"), &[]));
    let us = cost(&data, &chem, &design, &at(30.0, Some("US"), &[]));
    let (cn, us) = (cn.plant.capex_musd_per_gwh, us.plant.capex_musd_per_gwh);
    assert!((55.0..=80.0).contains(&cn), "China {cn:.1} M$/GWh");
    assert!((95.0..=140.0).contains(&us), "U.S. {us:.1} M$/GWh");
}

#[test]
fn the_gap_is_named_parameter_by_parameter_and_sums_to_the_whole() {
    let data = data();
    let (chem, design) = preset(&data, "batpac-v5-default");
    let f = Factory::load(&data, DEFAULT_COST_MODEL).unwrap();
    let p = f.prepare(&chem, &at(30.0, Some("US"), &[])).unwrap();
    let gap = attribute_region_gap(&f, &p, &design, "CN").unwrap();
    let sum: f64 = gap.terms.iter().map(|t| t.capex_musd_per_gwh).sum();
    let whole = gap.capex_musd_per_gwh.1 - gap.capex_musd_per_gwh.0;
    assert!((sum - whole).abs() < 1e-9, "terms {sum} vs gap {whole}");
    let cell: f64 = gap.terms.iter().map(|t| t.cell_cost_usd_per_kwh).sum();
    assert!((cell - (gap.cell_cost_usd_per_kwh.1 - gap.cell_cost_usd_per_kwh.0)).abs() < 1e-9);
    // The equipment multiplier and building cost make most of the capex gap.
    let largest = gap
        .terms
        .iter()
        .min_by(|a, b| a.capex_musd_per_gwh.total_cmp(&b.capex_musd_per_gwh))
        .unwrap();
    assert_eq!(largest.parameter, "equipment_cost_multiplier");
}

#[test]
fn sodium_ion_and_lfp_within_15_percent_at_equal_scale() {
    // peters-2019: Na-ion 223 vs LFP 229 EUR/kWh for 18650 cells at equal scale.
    let data = data();
    let (lfp, lfp_d) = couple(&data, "LFP-G");
    let (na, na_d) = couple(&data, "NaNFM-HC");
    let opts = at(50.0, None, &[]);
    let l = cost(&data, &lfp, &lfp_d, &opts).cell_cost_usd_per_kwh;
    let n = cost(&data, &na, &na_d, &opts).cell_cost_usd_per_kwh;
    assert!(rel(n, l).abs() < 0.15, "Na-ion {n:.1} vs LFP {l:.1} $/kWh");
}

#[test]
fn lfp_against_nmc811_known_gap_to_bnef() {
    // bnef-survey-2023 puts LFP cells about 30% below the average; at BatPaC's (U.S., 2022)
    // prices and the same EV pack targets, the model finds LFP-G and NMC811-G within 10%:
    // LFP's cheaper cathode is spent on ~2x the separator, foil and electrolyte per kWh
    // (lower voltage and areal capacity at the same 120 µm cap). This test fails when the
    // data gain the regional material prices that would close the gap, so that the report's
    // note on it is revisited.
    let data = data();
    let (lfp, lfp_d) = couple(&data, "LFP-G");
    let (nmc, nmc_d) = couple(&data, "NMC811-G");
    let opts = at(50.0, None, &[]);
    let l = cost(&data, &lfp, &lfp_d, &opts).cell_cost_usd_per_kwh;
    let n = cost(&data, &nmc, &nmc_d, &opts).cell_cost_usd_per_kwh;
    assert!(rel(l, n).abs() < 0.10, "LFP {l:.1} vs NMC811 {n:.1} $/kWh");
    let (sep_l, sep_n) = (
        cost(&data, &lfp, &lfp_d, &opts)
            .cell_materials
            .separator_usd
            / lfp_d.cell.energy_wh,
        cost(&data, &nmc, &nmc_d, &opts)
            .cell_materials
            .separator_usd
            / nmc_d.cell.energy_wh,
    );
    assert!(
        sep_l > 1.8 * sep_n,
        "separator per Wh: LFP {sep_l} vs NMC {sep_n}"
    );
}

#[test]
fn dry_electrode_and_fast_formation_lower_cost_and_energy() {
    let data = data();
    let (chem, design) = preset(&data, "batpac-v5-default");
    let base = cost(&data, &chem, &design, &at(50.0, None, &[]));
    let dry = cost(&data, &chem, &design, &at(50.0, None, &["dry-electrode"]));
    let fast = cost(&data, &chem, &design, &at(50.0, None, &["fast-formation"]));
    // Dry coating: no NMP and no NMP recovery (yuan-2017's drying + recovery share of
    // energy goes, less the coater's remaining 10%).
    assert!(dry.cell_cost_usd_per_kwh < base.cell_cost_usd_per_kwh);
    assert!(dry.plant.energy_kwh_per_kwh < 0.6 * base.plant.energy_kwh_per_kwh);
    assert_eq!(dry.cell_materials.solvent_usd, 0.0);
    let nmp = |c: &leapfrog_factory::CostResult| {
        c.steps
            .iter()
            .find(|s| s.id == "nmp-recovery")
            .unwrap()
            .capex_musd
    };
    assert_eq!(nmp(&dry), 0.0);
    assert!(nmp(&base) > 0.0);
    // Fast formation: half the formation capex and floor.
    assert!(fast.cell_cost_usd_per_kwh < base.cell_cost_usd_per_kwh);
    assert!(fast.plant.energy_kwh_per_kwh < base.plant.energy_kwh_per_kwh);
    let form = |c: &leapfrog_factory::CostResult| {
        c.steps
            .iter()
            .find(|s| s.id == "formation")
            .unwrap()
            .capex_musd
    };
    assert!((form(&fast) / form(&base) - 0.5).abs() < 1e-9);
}

#[test]
fn cylindrical_cells_are_wound() {
    let data = data();
    let (chem, design) = preset(&data, "lg-m50-21700");
    let c = cost(&data, &chem, &design, &at(10.0, None, &[]));
    assert!(c.processes.iter().any(|p| p == "wound"));
}

#[test]
fn unknown_region_and_process_and_bad_scale_are_typed_errors() {
    let data = data();
    let (chem, _) = preset(&data, "batpac-v5-default");
    let f = Factory::load(&data, DEFAULT_COST_MODEL).unwrap();
    let e = f
        .prepare(&chem, &at(30.0, Some("XX"), &[]))
        .unwrap_err()
        .to_string();
    assert!(e.contains("unknown region `XX`") && e.contains("CN"), "{e}");
    let e = f
        .prepare(&chem, &at(30.0, None, &["wet"]))
        .unwrap_err()
        .to_string();
    assert!(e.contains("unknown process `wet`"), "{e}");
    let e = f
        .prepare(&chem, &at(0.0, None, &[]))
        .unwrap_err()
        .to_string();
    assert!(e.contains("plant_gwh_per_yr"), "{e}");
}
