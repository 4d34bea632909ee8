//! Laws the cost model must keep, over random chemistries, regions, scales and price rises.

mod common;
use common::*;
use leapfrog_data::Dataset;
use proptest::prelude::*;

const COUPLES: [&str; 6] = [
    "NMC811-G",
    "LFP-G",
    "NaNFM-HC",
    "LMFP-G",
    "NCA-G",
    "NMC811-Li-SSE",
];
const REGIONS: [&str; 8] = ["US", "CN", "DE", "HU", "PL", "KR", "JP", "ID"];
const PROCESSES: [&[&str]; 3] = [&[], &["dry-electrode"], &["fast-formation", "cell-to-pack"]];

/// Raises one price or rate of the data by `factor` (>= 1).
fn raise(data: &mut Dataset, which: usize, factor: f64, region: &str) {
    let r = data
        .factory_regions
        .iter_mut()
        .find(|r| r.region == region)
        .unwrap();
    let m = &mut data.cost_models[0];
    match which {
        0 => data.materials.iter_mut().for_each(|x| {
            if let Some(p) = x.price_usd_per_kg.as_mut() {
                *p *= factor
            }
        }),
        1 => r.labour_usd_per_h *= factor,
        2 => r.building_usd_per_m2 *= factor,
        3 => r.electricity_usd_per_kwh *= factor,
        4 => r.equipment_cost_multiplier *= factor,
        5 => r.cost_of_capital = (r.cost_of_capital * factor).min(1.0),
        6 => r.construction_years *= factor,
        7 => m.variable_overhead_of_labour = (m.variable_overhead_of_labour * factor).min(1.0),
        8 => m.gsa_of_depreciation = (m.gsa_of_depreciation * factor).min(1.0),
        9 => m.rd_of_depreciation = (m.rd_of_depreciation * factor).min(1.0),
        10 => m.warranty_of_price = (m.warranty_of_price * factor).min(1.0),
        11 => m.module_items_usd_per_module *= factor,
        12 => m.cell_hardware_usd_per_ah *= factor,
        13 => {
            m.working_capital_of_variable_cost =
                (m.working_capital_of_variable_cost * factor).min(1.0)
        }
        _ => m.solvent_price_usd_per_kg *= factor,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn raising_a_price_or_rate_never_lowers_cost(
        c in 0..COUPLES.len(), r in 0..REGIONS.len(), which in 0..15usize,
        factor in 1.0..3.0f64, gwh in 0.2..80.0f64,
    ) {
        let base = data();
        let (chem, design) = couple(&base, COUPLES[c]);
        let opts = at(gwh, Some(REGIONS[r]), &[]);
        let before = cost(&base, &chem, &design, &opts);
        let mut raised = base.clone();
        raise(&mut raised, which, factor, REGIONS[r]);
        let (chem2, design2) = couple(&raised, COUPLES[c]);
        let after = cost(&raised, &chem2, &design2, &opts);
        let tol = 1e-9 * before.pack_usd;
        prop_assert!(after.pack_usd >= before.pack_usd - tol, "pack {} -> {}", before.pack_usd, after.pack_usd);
        prop_assert!(after.cell_cost_usd >= before.cell_cost_usd - 1e-9 * before.cell_cost_usd,
            "cell {} -> {}", before.cell_cost_usd, after.cell_cost_usd);
    }

    #[test]
    fn larger_plants_never_cost_more_per_kwh(
        c in 0..COUPLES.len(), r in 0..REGIONS.len(), p in 0..PROCESSES.len(),
        small in 0.1..50.0f64, grow in 1.0..20.0f64,
    ) {
        let data = data();
        let (chem, design) = couple(&data, COUPLES[c]);
        let a = cost(&data, &chem, &design, &at(small, Some(REGIONS[r]), PROCESSES[p]));
        let b = cost(&data, &chem, &design, &at(small * grow, Some(REGIONS[r]), PROCESSES[p]));
        prop_assert!(b.pack_usd_per_kwh <= a.pack_usd_per_kwh * (1.0 + 1e-12));
        prop_assert!(b.cell_cost_usd_per_kwh <= a.cell_cost_usd_per_kwh * (1.0 + 1e-12));
        prop_assert!(b.plant.capex_musd_per_gwh <= a.plant.capex_musd_per_gwh * (1.0 + 1e-12));
    }

    #[test]
    fn breakdowns_sum_to_the_total(
        c in 0..COUPLES.len(), r in 0..REGIONS.len(), p in 0..PROCESSES.len(), gwh in 0.1..100.0f64,
    ) {
        let data = data();
        let (chem, design) = couple(&data, COUPLES[c]);
        let x = cost(&data, &chem, &design, &at(gwh, Some(REGIONS[r]), PROCESSES[p]));
        let b = &x.price_per_pack;
        let elements = b.materials_usd + b.direct_labour_usd + b.variable_overhead_usd + b.gsa_usd
            + b.rd_usd + b.depreciation_usd + b.profit_usd + b.warranty_usd;
        prop_assert!((elements - x.pack_usd).abs() < 1e-9 * x.pack_usd);
        let processes: f64 = x.by_process.iter().map(|(_, v)| v).sum();
        prop_assert!((processes - x.pack_usd).abs() < 1e-6 * x.pack_usd, "{processes} vs {}", x.pack_usd);
        let m = &x.cell_materials;
        let parts = m.positive_active_usd + m.positive_other_usd + m.negative_active_usd
            + m.negative_other_usd + m.positive_foil_usd + m.negative_foil_usd + m.separator_usd
            + m.electrolyte_usd + m.solvent_usd + m.cell_hardware_usd;
        prop_assert!((parts - m.total_usd).abs() < 1e-12 * m.total_usd.max(1.0));
        prop_assert!(x.cell_cost_usd_per_kwh < x.pack_usd_per_kwh);
        for v in [x.pack_usd, x.cell_cost_usd, x.plant.capex_musd_per_gwh, x.plant.energy_kwh_per_kwh] {
            prop_assert!(v.is_finite() && v > 0.0);
        }
    }
}
