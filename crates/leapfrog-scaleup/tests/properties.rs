//! Laws the scale-up model keeps: a plant a whole number of times smaller never has a lower
//! capex per GWh on the same line design; more scrap never lowers the cost per good kWh; a
//! longer ramp never needs less capital.

use leapfrog_cell::{Chemistry, DesignRequest};
use leapfrog_data::Dataset;
use leapfrog_factory::{Factory, PlantOptions, DEFAULT_COST_MODEL};
use leapfrog_scaleup::lines;
use leapfrog_scaleup::path::{cell_capex_musd, cost_per_good_kwh};
use leapfrog_scaleup::{evaluate, prepare, PathInputs, PreparedPath};
use proptest::prelude::*;
use std::sync::OnceLock;

fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| Dataset::embedded().expect("embedded data"))
}

fn capex_per_gwh(couple: &str, variant: &str, gwh: f64) -> f64 {
    let d = data();
    let factory = Factory::load(d, DEFAULT_COST_MODEL).unwrap();
    let req = DesignRequest::reference_for(d, couple).unwrap();
    let chem = Chemistry::load(d, &req).unwrap();
    let design = chem.solve(&req.inputs).unwrap();
    let opts = PlantOptions {
        plant_gwh_per_yr: gwh,
        ..PlantOptions::batpac()
    };
    let mut prepared = factory.prepare(&chem, &opts).unwrap();
    let v = d.manufacturing_variant(variant).unwrap();
    prepared.lines = Some(lines::design(d, &factory, v, None).unwrap().specs);
    cell_capex_musd(&factory.evaluate(&prepared, &design)) / gwh
}

fn path(chemistry: &str) -> PreparedPath {
    let inputs = PathInputs {
        chemistry: chemistry.into(),
        path: data().scaleup_path("startup-us").unwrap().clone(),
        variant: "conventional".into(),
        equipment_control: None,
        region: None,
        credit: None,
        grants: false,
    };
    prepare(data(), &inputs).unwrap()
}

const COUPLES: [&str; 4] = ["LFP-G", "NMC811-G", "NaNFM-HC", "NMC811-Li-SSE"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// k copies of a plant's equipment can always make k times its output, and the model
    /// buys no dearer than that, so the larger plant's capex per GWh is never the higher.
    #[test]
    fn a_smaller_plant_never_has_lower_capex_per_gwh(
        couple in prop::sample::select(COUPLES.to_vec()),
        variant in prop::sample::select(vec!["conventional", "modular"]),
        gwh in 0.001f64..30.0,
        k in 2u32..6,
    ) {
        let small = capex_per_gwh(couple, variant, gwh);
        let large = capex_per_gwh(couple, variant, gwh * f64::from(k));
        prop_assert!(small >= large * (1.0 - 1e-9), "{couple} {variant}: {gwh} GWh {small} M$/GWh < x{k} {large}");
    }

    /// Below one line (the regime of pilots) capex per GWh falls with every increase in size.
    #[test]
    fn below_one_line_capex_per_gwh_falls_with_size(
        couple in prop::sample::select(COUPLES.to_vec()),
        a in 0.001f64..0.3,
        grow in 1.0f64..1.6,
    ) {
        let small = capex_per_gwh(couple, "conventional", a);
        let large = capex_per_gwh(couple, "conventional", a * grow);
        prop_assert!(small >= large * (1.0 - 1e-9));
    }

    /// More scrap never lowers a plant's cost per good kWh, at any utilisation.
    #[test]
    fn more_scrap_never_lowers_cost_per_good_kwh(
        steady in 30.0f64..3000.0,
        materials_share in 0.0f64..1.0,
        u in 0.01f64..1.0,
        s in 0.05f64..0.9,
        extra in 0.0f64..0.09,
    ) {
        let m = steady * materials_share;
        let base = cost_per_good_kwh(steady, m, u, s, 0.05);
        let worse = cost_per_good_kwh(steady, m, u, s + extra, 0.05);
        prop_assert!(worse >= base * (1.0 - 1e-12));
        prop_assert!(base >= steady * (1.0 - 1e-12), "a ramping plant never beats its steady cost");
    }

    /// On a whole path, more scrap at start never lowers the first plant's first-year cost nor
    /// the company's cost in any month before a second plant produces (later plants start
    /// with more experience when gates open later, which is learning by doing, not a
    /// contradiction).
    #[test]
    fn more_scrap_never_lowers_the_first_plants_cost(
        couple in prop::sample::select(COUPLES.to_vec()),
        extra in 0.0f64..0.5,
    ) {
        let base = path(couple);
        let mut worse = base.clone();
        worse.ramp.start_scrap = (base.ramp.start_scrap + extra).min(0.95);
        let (b, w) = (evaluate(&base), evaluate(&worse));
        let (cb, cw) = (b.stages[0].first_year_usd_per_kwh.unwrap(), w.stages[0].first_year_usd_per_kwh.unwrap());
        prop_assert!(cw >= cb * (1.0 - 1e-9));
        let second = |r: &leapfrog_scaleup::PathResult| r.stages[1].production_start_month.unwrap_or(usize::MAX);
        let alone = second(&b).min(second(&w));
        for (mb, mw) in b.months.iter().zip(&w.months).take(alone) {
            if let (Some(cb), Some(cw)) = (mb.usd_per_kwh, mw.usd_per_kwh) {
                prop_assert!(cw >= cb * (1.0 - 1e-9), "month {}: {cw} < {cb}", mb.month);
            }
        }
    }

    /// A slower utilisation ramp never needs less capital.
    #[test]
    fn a_longer_ramp_never_needs_less_capital(
        couple in prop::sample::select(COUPLES.to_vec()),
        slower in 1.0f64..4.0,
    ) {
        let base = path(couple);
        let mut slow = base.clone();
        slow.ramp.utilisation_time_constant_months *= slower;
        let (b, s) = (evaluate(&base), evaluate(&slow));
        prop_assert!(s.capex_and_ramp_loss_musd >= b.capex_and_ramp_loss_musd * (1.0 - 1e-9));
        prop_assert!(s.ramp_loss_musd >= b.ramp_loss_musd * (1.0 - 1e-9));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// One learning rule: experience lowers only the incumbent's non-material cost, so however
    /// long it learns its cost never falls below the materials it buys.
    #[test]
    fn the_incumbent_never_falls_below_its_materials(
        couple in prop::sample::select(COUPLES.to_vec()),
        years in 0.0f64..1000.0,
    ) {
        let inc = path(couple).incumbent;
        prop_assert!(inc.materials_usd_per_kwh > 0.0);
        prop_assert!(inc.materials_usd_per_kwh < inc.usd_per_kwh);
        let at = inc.usd_per_kwh_at(f64::from(inc.base_year) + years);
        prop_assert!(at >= inc.materials_usd_per_kwh, "{at} < {}", inc.materials_usd_per_kwh);
        prop_assert!(at <= inc.usd_per_kwh + 1e-9);
    }
}
