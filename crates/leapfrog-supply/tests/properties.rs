//! Laws the supply model must keep, over random shocks.

mod common;
use common::{product, world};
use leapfrog_data::SupplyStage;
use leapfrog_supply::shock::clear;
use leapfrog_supply::{simulate, Basis, Product, Shock};
use proptest::prelude::*;
use std::sync::OnceLock;

fn products() -> &'static [Product] {
    static P: OnceLock<Vec<Product>> = OnceLock::new();
    P.get_or_init(|| {
        ["LFP-G", "NMC811-G", "NaNFM-HC", "NMC811-Li-SSE", "vrfb-4h"]
            .iter()
            .map(|id| product(id))
            .collect()
    })
}

/// Every (chain, stage) in the data, and every country named there.
fn targets() -> Vec<(String, SupplyStage, String)> {
    let mut out = Vec::new();
    for c in &world().model.chains {
        for s in &c.stages {
            for (k, _) in &s.location {
                out.push((c.record.id.clone(), s.stage, k.clone()));
            }
        }
    }
    out
}

fn run(
    target: &(String, SupplyStage, String),
    cut: f64,
    years: f64,
) -> leapfrog_supply::ShockResult {
    let w = world();
    let shock = Shock {
        country: target.2.clone(),
        chain: target.0.clone(),
        stage: target.1,
        cut,
        duration_years: years,
        basis: Basis::Location,
    };
    let demand = w.data.demand_scenario("global-2024").unwrap();
    simulate(&w.model, &shock, products(), demand).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn market_clearing_is_monotone_in_the_cut(
        a in 0.0f64..0.99, b in 0.0f64..0.99, e_d in 0.05f64..2.0, e_s in 0.0f64..2.0,
    ) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let (m_lo, r_lo, _) = clear(lo, e_d, e_s, 10.0);
        let (m_hi, r_hi, _) = clear(hi, e_d, e_s, 10.0);
        prop_assert!(m_lo >= 1.0 && m_hi >= m_lo - 1e-12);
        prop_assert!((0.0..=1.0).contains(&r_hi) && r_hi <= r_lo + 1e-12);
    }

    #[test]
    fn a_larger_cut_never_lowers_cost(i in any::<prop::sample::Index>(), a in 0.0f64..1.0, b in 0.0f64..1.0) {
        let t = targets();
        let target = &t[i.index(t.len())];
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let (r_lo, r_hi) = (run(target, lo, 2.0), run(target, hi, 2.0));
        for (x, y) in r_lo.chemistries.iter().zip(&r_hi.chemistries) {
            prop_assert!(y.increase_first_year_usd_per_kwh >= x.increase_first_year_usd_per_kwh - 1e-9,
                "{:?} {}: {} then {}", target, x.chemistry, x.increase_first_year_usd_per_kwh, y.increase_first_year_usd_per_kwh);
            prop_assert!(y.gwh_lost_first_year >= x.gwh_lost_first_year - 1e-9);
            prop_assert!(x.increase_first_year_usd_per_kwh >= 0.0);
        }
    }

    #[test]
    fn zero_cut_changes_nothing(i in any::<prop::sample::Index>(), years in 0.5f64..10.0) {
        let t = targets();
        let r = run(&t[i.index(t.len())], 0.0, years);
        prop_assert!(r.path.iter().all(|p| p.price_multiplier == 1.0 && p.supply_kept == 1.0));
        for c in &r.chemistries {
            prop_assert_eq!(c.increase_first_year_usd_per_kwh, 0.0);
            prop_assert_eq!(c.increase_last_year_usd_per_kwh, 0.0);
            prop_assert_eq!(c.gwh_lost_first_year, 0.0);
        }
    }

    #[test]
    fn substitution_lowers_the_price_over_time(i in any::<prop::sample::Index>(), cut in 0.05f64..1.0) {
        let t = targets();
        let r = run(&t[i.index(t.len())], cut, 5.0);
        for w in r.path.windows(2) {
            prop_assert!(w[1].price_multiplier <= w[0].price_multiplier + 1e-12);
        }
    }
}
