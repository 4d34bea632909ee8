//! Laws the analyses must keep, for any input.
use leapfrog_market::catchup::{catch_up, CatchUp, Producer};
use leapfrog_market::concentration::concentration;
use leapfrog_market::learning::{fit, learning_rate};
use proptest::prelude::*;

proptest! {
    #[test]
    fn hhi_is_between_0_and_10000(values in prop::collection::vec(0.0f64..1000.0, 1..20)) {
        prop_assume!(values.iter().sum::<f64>() > 0.0);
        let entries: Vec<(String, f64)> = values.iter().enumerate().map(|(i, v)| (format!("k{i}"), *v)).collect();
        let c = concentration(&entries, 3, &[]).unwrap();
        prop_assert!(c.hhi >= 0.0 && c.hhi <= 10_000.0 + 1e-6);
        let total: f64 = c.shares.iter().map(|(_, s)| s).sum();
        prop_assert!((total - 1.0).abs() < 1e-9);
        prop_assert!(c.top_n_share <= 1.0 + 1e-12);
    }

    #[test]
    fn fit_recovers_a_known_exponent(b in 0.05f64..0.8, c1 in 10.0f64..5000.0, noise in prop::collection::vec(-0.02f64..0.02, 12)) {
        let q: Vec<f64> = (0..12).map(|k| 10.0 * 1.6f64.powi(k)).collect();
        let price: Vec<f64> = q.iter().zip(&noise).map(|(qi, e)| c1 * qi.powf(-b) * e.exp()).collect();
        let f = fit(&q, &price).unwrap();
        prop_assert!((f.exponent_b - b).abs() < 0.03, "fit {} vs true {}", f.exponent_b, b);
        prop_assert!((f.learning_rate - learning_rate(b)).abs() < 0.02);
        prop_assert!(f.r_squared <= 1.0 + 1e-12);
    }

    #[test]
    fn catch_up_volume_is_monotone_in_entrant_learning_rate(
        lr1 in 0.05f64..0.45, d in 0.0f64..0.3,
        cost_gap in 1.05f64..3.0, ri in 0.0f64..500.0, re in 1.0f64..500.0,
    ) {
        let lr2 = (lr1 + d).min(0.9);
        let incumbent = Producer { cumulative_gwh: 3000.0, cost_usd_per_kwh: 70.0, learning_rate: 0.2, build_gwh_per_year: ri };
        let entrant = |lr| Producer { cumulative_gwh: 10.0, cost_usd_per_kwh: 70.0 * cost_gap, learning_rate: lr, build_gwh_per_year: re };
        let volume = |lr: f64| match catch_up(incumbent, entrant(lr), 0.0).unwrap().result {
            CatchUp::Reached { entrant_added_gwh, .. } => entrant_added_gwh,
            CatchUp::AlreadyThere => 0.0,
            CatchUp::Never { .. } => f64::INFINITY,
        };
        let (v1, v2) = (volume(lr1), volume(lr2));
        prop_assert!(v2 <= v1 * (1.0 + 1e-6) || v1.is_infinite(), "LR {lr1} -> {v1}, LR {lr2} -> {v2}");
    }
}

/// A static incumbent: the entrant needs Qe0 * ((Ce0/Ci)^(1/b) - 1) more output.
#[test]
fn static_incumbent_closed_form() {
    let incumbent = producer(1000.0, 100.0, 0.2, 0.0);
    let entrant = producer(10.0, 200.0, 0.2, 10.0);
    let r = catch_up(incumbent, entrant, 0.0).unwrap();
    let b = -(0.8f64).log2();
    let expected = 10.0 * (2f64.powf(1.0 / b) - 1.0);
    match r.result {
        CatchUp::Reached {
            entrant_added_gwh,
            years,
            ..
        } => {
            assert!((entrant_added_gwh - expected).abs() / expected < 1e-6);
            assert!((years - expected / 10.0).abs() / years < 1e-6);
        }
        other => panic!("{other:?}"),
    }
    assert!((r.static_added_gwh.unwrap() - expected).abs() < 1e-6);
}

/// An incumbent that learns faster and builds faster is never caught.
#[test]
fn faster_learning_incumbent_is_never_caught() {
    let incumbent = producer(100.0, 100.0, 0.3, 100.0);
    let entrant = producer(10.0, 150.0, 0.1, 10.0);
    match catch_up(incumbent, entrant, 0.0).unwrap().result {
        CatchUp::Never {
            closest_cost_ratio, ..
        } => assert!(closest_cost_ratio > 1.0),
        other => panic!("{other:?}"),
    }
}

fn producer(
    cumulative_gwh: f64,
    cost_usd_per_kwh: f64,
    learning_rate: f64,
    build_gwh_per_year: f64,
) -> Producer {
    Producer {
        cumulative_gwh,
        cost_usd_per_kwh,
        learning_rate,
        build_gwh_per_year,
    }
}

/// The present-as-data issue's case: equal 20% rates, incumbent 3000 GWh at 70 $/kWh building
/// 600 a year, entrant 20 GWh at 120 building 40. With 37 $/kWh of materials held out of
/// learning the entrant's learnable cost must fall 2.5-fold, which needs its output to grow ten
/// times as fast relative to its base as the incumbent's: never. With none held out, the
/// whole-cost answer (costs meet in about 4.6 years).
#[test]
fn materials_held_out_of_learning_can_make_catching_up_impossible() {
    let incumbent = Producer {
        cumulative_gwh: 3000.0,
        cost_usd_per_kwh: 70.0,
        learning_rate: 0.2,
        build_gwh_per_year: 600.0,
    };
    let entrant = Producer {
        cumulative_gwh: 20.0,
        cost_usd_per_kwh: 120.0,
        learning_rate: 0.2,
        build_gwh_per_year: 40.0,
    };
    match catch_up(incumbent, entrant, 37.0).unwrap().result {
        CatchUp::Never {
            closest_cost_ratio, ..
        } => assert!(closest_cost_ratio > 1.0),
        other => panic!("{other:?}"),
    }
    match catch_up(incumbent, entrant, 0.0).unwrap().result {
        CatchUp::Reached { years, .. } => assert!((years - 4.646).abs() < 0.01, "{years}"),
        other => panic!("{other:?}"),
    }
    assert!(catch_up(incumbent, entrant, 70.0).is_err());
}
