//! Reference checks: the 45X schedule, the catch-up law against `leapfrog catchup`, the
//! assessment's no-policy result, determinism across thread counts, and the laws the model
//! keeps (procurement, cost of capital, tariffs).

use leapfrog_data::Dataset;
use leapfrog_market::catchup::{catch_up, CatchUp, Producer};
use leapfrog_policy::run::learning_factor;
use leapfrog_policy::{monte_carlo, run, Draw, Levers, Model, Settings};
use proptest::prelude::*;
use std::sync::OnceLock;

fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| Dataset::embedded().expect("embedded data"))
}

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| Model::prepare(data()).expect("model"))
}

fn levers(package: &str, overrides: &[(&str, f64)]) -> Levers {
    let p = data().policy_package(package).expect("package");
    let o: Vec<(String, f64)> = overrides.iter().map(|(n, v)| (n.to_string(), *v)).collect();
    Levers::resolve(data(), model(), Some(p), &o).expect("levers")
}

/// 26 U.S.C. 45X through the rules evaluator: 35 $/kWh for an eligible cell plus 10 $/kWh for
/// an eligible module, in full through 2029, then 75%, 50%, 25% and nothing from 2033; a
/// chemistry whose representative plant fails the material-assistance test gets nothing from
/// 2026 (the first year the test applies) and the full credit before.
#[test]
fn credit_45x_follows_the_statute() {
    let m = model();
    let r = &m.rules;
    let nmc = m.chemistry_index("NMC811-G").unwrap();
    let amount = r.credit_amount[nmc];
    assert!(amount == 35.0 || amount == 45.0, "{amount}");
    let full = 2029;
    for (year, factor) in [
        (2025, 1.0),
        (2029, 1.0),
        (2030, 0.75),
        (2031, 0.5),
        (2032, 0.25),
        (2033, 0.0),
        (2040, 0.0),
    ] {
        assert!(
            (r.credit(nmc, year, full) - amount * factor).abs() < 1e-9,
            "{year}"
        );
    }
    // The extension lever moves the phase-down with the last full year.
    assert_eq!(r.credit(nmc, 2040, 2040), amount);
    assert!((r.credit(nmc, 2041, 2040) - 0.75 * amount).abs() < 1e-9);
    // The sodium-ion plant buys its cathode from covered-nation suppliers (data/policy.toml).
    let na = m.chemistry_index("NaNFM-HC").unwrap();
    assert!(r.material_assistance_ratio[na] < 0.6);
    assert_eq!(r.credit(na, 2025, full), r.credit_amount[na]);
    assert_eq!(r.credit(na, 2026, full), 0.0);
    assert!(r.material_assistance_ratio[nmc] >= 0.85);
}

/// Duties from the evaluator at mid-year: Chinese EV cells 3.4% + 25% (Section 301) in 2025 plus
/// the IEEPA duties then collected (30% from May 2025); Korean cells free.
#[test]
fn duties_follow_the_rules() {
    let m = model();
    let cn = m.cn;
    let kr = m.regions.iter().position(|r| r == "KR").unwrap();
    assert!((m.tariff(cn, true, 2025) - (0.034 + 0.25 + 0.30)).abs() < 1e-9);
    assert!((m.tariff(cn, true, 2030) - (0.034 + 0.25 + 0.125)).abs() < 1e-9);
    assert_eq!(m.tariff(kr, true, 2030), 0.0);
    assert_eq!(m.tariff(m.us, true, 2030), 0.0);
}

/// The policy model's learning law, stepped a year at a time at constant build rates, meets
/// the incumbent in the year `leapfrog catchup` gives (its continuous time rounded up).
#[test]
fn catch_up_matches_the_market_layer() {
    let cases = [
        (3000.0, 70.0, 0.2, 600.0, 20.0, 120.0, 0.25, 40.0),
        (1000.0, 80.0, 0.18, 100.0, 10.0, 110.0, 0.3, 60.0),
        (500.0, 60.0, 0.15, 50.0, 5.0, 90.0, 0.22, 30.0),
    ];
    for (qi, ci, li, ri, qe, ce, le, re) in cases {
        let inc = Producer {
            cumulative_gwh: qi,
            cost_usd_per_kwh: ci,
            learning_rate: li,
            build_gwh_per_year: ri,
        };
        let ent = Producer {
            cumulative_gwh: qe,
            cost_usd_per_kwh: ce,
            learning_rate: le,
            build_gwh_per_year: re,
        };
        // One learning rule: materials (bought by both at one price) do not learn; the policy
        // model learns on the rest, as the market layer's catch-up does.
        let materials = 25.0;
        let market = catch_up(inc, ent, materials).unwrap();
        let annual = (1..=200).find(|t| {
            let t = f64::from(*t);
            let cost = |p: &Producer| {
                materials
                    + (p.cost_usd_per_kwh - materials)
                        * learning_factor(
                            p.cumulative_gwh + p.build_gwh_per_year * t,
                            p.cumulative_gwh,
                            p.learning_rate,
                        )
            };
            cost(&ent) <= cost(&inc)
        });
        match market.result {
            CatchUp::Reached { years, .. } => {
                assert_eq!(annual, Some(years.ceil() as i32), "{years}")
            }
            CatchUp::Never { .. } => assert_eq!(annual, None),
            CatchUp::AlreadyThere => assert_eq!(annual, Some(1)),
        }
    }
}

/// The assessment: with no policy, a U.S. LFP entrant on China's curve does not reach China's
/// cost within the horizon, in the central case and in every run.
#[test]
fn without_policy_us_lfp_never_reaches_chinas_cost() {
    let m = model();
    let l = levers("no-policy", &[]);
    let k = m.chemistry_index("LFP-G").unwrap();
    let central = run(m, &l, &Draw::central(m));
    assert!(
        central.us_cost_gap[k].iter().all(|g| *g > 0.0),
        "{:?}",
        central.us_cost_gap[k]
    );
    let mc = monte_carlo(
        m,
        &l,
        Settings {
            runs: 500,
            seed: 3,
            threads: 2,
        },
    )
    .unwrap();
    assert_eq!(mc.parity[k].share_of_runs, 0.0);
}

/// The summary gives each quantity once: with one run its medians are that run's values, so
/// every year's regional shares of world output (the rest of the world holding unmet demand)
/// add up to 1, and each cost ratio is the run's U.S. cost over China's.
#[test]
fn the_summary_holds_world_shares_and_cost_ratios() {
    let m = model();
    let l = levers("baseline", &[]);
    let settings = Settings {
        runs: 1,
        seed: 5,
        threads: 1,
    };
    let mc = monte_carlo(m, &l, settings).unwrap();
    let one = run(m, &l, &leapfrog_policy::montecarlo::draw(m, 5, 0));
    let shares = &mc.summary.world_production_share;
    assert_eq!(shares.len(), m.regions.len() + 1);
    assert!(shares.contains_key(leapfrog_policy::montecarlo::REST_OF_WORLD));
    for (i, year) in m.years.iter().enumerate() {
        let total: f64 = shares.values().map(|by| by[&year.to_string()]).sum();
        assert!((total - 1.0).abs() < 1e-5, "{year}: {total}");
        for (k, chemistry) in m.chemistries.iter().enumerate() {
            let ratio = mc.summary.cost_ratio(chemistry, *year).unwrap();
            let expected = 1.0 + one.us_cost_gap[k][i];
            assert!(
                (ratio.p50 - expected).abs() < 1e-5 * expected,
                "{chemistry} {year}"
            );
        }
    }
}

/// The same seed gives byte-identical output on one and on two threads.
#[test]
fn the_same_seed_gives_the_same_output_on_any_thread_count() {
    let l = levers("tcip-package", &[]);
    let one = monte_carlo(
        model(),
        &l,
        Settings {
            runs: 1500,
            seed: 42,
            threads: 1,
        },
    )
    .unwrap();
    let two = monte_carlo(
        model(),
        &l,
        Settings {
            runs: 1500,
            seed: 42,
            threads: 2,
        },
    )
    .unwrap();
    let (a, b) = (
        serde_json::to_string(&one).unwrap(),
        serde_json::to_string(&two).unwrap(),
    );
    // The settings differ in the thread count only; everything computed must be identical.
    assert_eq!(a.replace("\"threads\":1", "\"threads\":2"), b);
}

/// A supply shock raises material costs in its years and not before, for producers outside the
/// withholding country only (China's makers buy their own graphite at home); China's equipment
/// controls raise U.S. costs from 2026; reverting to pre-2025 depreciation raises them too.
#[test]
fn events_and_tax_move_costs_when_they_should() {
    let m = model();
    let k = m.chemistry_index("LFP-G").unwrap();
    let (us, cn) = (m.producer(m.us, k), m.producer(m.cn, k));
    let d = Draw::central(m);
    let base = run(m, &levers("baseline", &[]), &d);
    let shock = run(m, &levers("graphite-shock", &[]), &d);
    let at = |y: i32| m.years.iter().position(|x| *x == y).unwrap();
    assert_eq!(shock.cost[us][at(2026)], base.cost[us][at(2026)]);
    assert!(
        shock.cost[us][at(2027)] > base.cost[us][at(2027)] + 0.5,
        "{} vs {}",
        shock.cost[us][at(2027)],
        base.cost[us][at(2027)]
    );
    assert_eq!(shock.cost[cn][at(2027)], base.cost[cn][at(2027)]);
    // China's equipment controls are off under current law (their rule's status is not in
    // force on the as-of date); applying them raises U.S. costs from 2026, not China's.
    let applied = run(m, &levers("baseline", &[("equipment_controls", 1.0)]), &d);
    assert_eq!(applied.cost[us][at(2025)], base.cost[us][at(2025)]);
    assert!(applied.cost[us][at(2026)] > base.cost[us][at(2026)]);
    assert_eq!(base.cost[cn][at(2026)], applied.cost[cn][at(2026)]);
    let macrs = run(m, &levers("baseline", &[("us_depreciation", 1.0)]), &d);
    assert!(macrs.cost[us][at(2026)] > base.cost[us][at(2026)]);
    let expensing = run(m, &levers("baseline", &[("us_depreciation", 2.0)]), &d);
    assert!(expensing.cost[us][at(2035)] <= base.cost[us][at(2035)]);
}

/// The equipment-control lever's default is its rule's status on the rules' as-of date, and
/// the levers say where it came from.
#[test]
fn equipment_controls_default_follows_the_rule() {
    let l = levers("baseline", &[]);
    assert_eq!(l.equipment_controls, 0.0);
    let setting = l
        .values
        .iter()
        .find(|v| v.name == "equipment_controls")
        .unwrap();
    assert!(
        setting
            .from
            .contains("mofcom-2025-58 is unknown on 2026-12-07"),
        "{}",
        setting.from
    );
}

/// One number per quantity: the U.S. cost-of-capital lever's default is the U.S. factory
/// region's cost of capital.
#[test]
fn us_cost_of_capital_default_is_the_us_regions() {
    let region = data().factory_region("US").unwrap().cost_of_capital;
    assert_eq!(levers("baseline", &[]).us_cost_of_capital, region);
}

/// Unknown levers and values outside a lever's range are refused with what is allowed.
#[test]
fn bad_levers_are_refused() {
    let p = data().policy_package("baseline").unwrap();
    let bad = |name: &str, v: f64| {
        Levers::resolve(data(), model(), Some(p), &[(name.into(), v)])
            .unwrap_err()
            .to_string()
    };
    assert!(bad("us_cost_of_capitol", 0.05).contains("us_cost_of_capital"));
    assert!(bad("us_cost_of_capital", 0.9).contains("0.03 to 0.12"));
    assert!(bad("procurement:grid-storage:LFP", 1.0).contains("procurement:SECTOR:CHEMISTRY"));
    // Government cannot buy a chemistry the model does not follow into the sector: no chemistry
    // the model follows is rated feasible for space, so none may be procured there.
    let space = bad("procurement:space:NMC811-Li-SSE", 0.2);
    assert!(space.contains("procurement:space:NMC811-Li-SSE"), "{space}");
    assert!(
        space.contains("uncertain") && space.ends_with("none"),
        "{space}"
    );
    let na = bad("procurement:electric-aviation:NaNFM-HC", 1.0);
    assert!(na.contains("infeasible") && na.contains("NMC811-G"), "{na}");
    // Buying none of it is no purchase.
    let none = [("procurement:space:NMC811-Li-SSE".to_string(), 0.0)];
    assert!(Levers::resolve(data(), model(), Some(p), &none).is_ok());
}

/// The index of the first year in which any producer's output differs between two runs (the
/// last year when none does).
fn first_year_output_differs(a: &[Vec<f64>], b: &[Vec<f64>]) -> usize {
    let years = a.first().map_or(0, Vec::len);
    (0..years)
        .find(|&y| a.iter().zip(b).any(|(x, z)| (x[y] - z[y]).abs() > 1e-9))
        .unwrap_or(years.saturating_sub(1))
}

/// The last year of full 45X under a package.
fn with_levers_until(package: &str) -> i32 {
    levers(package, &[]).credit_45x_until
}

/// The index of the first year in which any producer's capacity differs between two runs (the
/// number of years when none does).
fn first_year_capacity_differs(a: &[Vec<f64>], b: &[Vec<f64>]) -> usize {
    let years = a.first().map_or(0, Vec::len);
    (0..years)
        .find(|&y| a.iter().zip(b).any(|(x, z)| (x[y] - z[y]).abs() > 1e-9))
        .unwrap_or(years)
}

/// The fiscal items keep their definitions in a run: 45X paid is the credit times U.S.
/// output, year by year; no grant without a grant share; no depreciation item under current
/// law's schedule, a positive one under full expensing once plants started after 2028 lose
/// the buildings' expensing, and a negative one (tax paid sooner) under the pre-2025 schedule.
#[test]
fn fiscal_items_keep_their_definitions() {
    let m = model();
    let d = Draw::central(m);
    let package = levers("tcip-package", &[]);
    let r = run(m, &package, &d);
    for (y, items) in r.fiscal_musd.iter().enumerate() {
        let paid: f64 = (0..m.chemistries.len())
            .map(|k| {
                let credit = m.rules.credit(k, m.years[y], package.credit_45x_until);
                credit * r.production[m.producer(m.us, k)][y]
            })
            .sum();
        assert!(
            (items[0] - paid).abs() <= 1e-9 * paid.max(1.0),
            "{}",
            m.years[y]
        );
        assert!(items.iter().all(|x| x.is_finite()));
    }
    let total = |r: &leapfrog_policy::RunResult, item: usize| -> f64 {
        r.fiscal_musd.iter().map(|x| x[item]).sum()
    };
    let no_grants = run(
        m,
        &levers("tcip-package", &[("state_grant_share", 0.0)]),
        &d,
    );
    assert_eq!(total(&no_grants, 1), 0.0);
    assert!(total(&r, 1) > 0.0);
    let law = run(m, &levers("baseline", &[]), &d);
    assert_eq!(total(&law, 3), 0.0);
    assert!(total(&r, 3) > 0.0);
    let macrs = run(m, &levers("baseline", &[("us_depreciation", 1.0)]), &d);
    assert!(total(&macrs, 3) < 0.0);
}

/// The tornado under the package moves at least 12 drivers (drawn inputs and levers) and draws
/// no bar that leaves the outcome at its central value at both ends; inputs that do are named
/// apart, and every input is either a bar or named.
#[test]
fn the_tornado_draws_only_inputs_that_move_the_outcome() {
    let m = model();
    let settings = Settings {
        runs: 10,
        seed: 1,
        threads: 1,
    };
    let mc = monte_carlo(m, &levers("tcip-package", &[]), settings).unwrap();
    assert!(mc.tornado.len() >= 12, "{:?}", mc.tornado);
    let c = mc.tornado_outcome_central;
    for b in &mc.tornado {
        let flat = (b.outcome_at_low - c).abs() < 1e-9 && (b.outcome_at_high - c).abs() < 1e-9;
        assert!(!flat, "{}", b.input);
    }
    let levers_in_data = data().policy_levers.len();
    // learning, demand, two spill-overs, build rate, two capex, materials in and outside
    // China, a change of law
    let drawn_inputs = 10;
    assert_eq!(
        mc.tornado.len() + mc.tornado_no_effect.len(),
        drawn_inputs + levers_in_data
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// More procurement of a chemistry never lowers U.S. plants' output of it, in any year.
    /// (Not their share of the procured sector's supply: once U.S. plants run full, the
    /// procured volume replaces their open-market sales there, and those sales move to another
    /// sector in merit order, as in 2033 with 39 rather than 19 GWh of grid procurement, where
    /// the U.S. LFP share of grid storage falls from 0.100 to 0.045 while output is the same.)
    #[test]
    fn more_procurement_never_lowers_us_output(a in 0.0f64..20.0, extra in 0.0f64..20.0, new in prop::bool::ANY) {
        let m = model();
        let chem = if new { "NaNFM-HC" } else { "LFP-G" };
        let k = m.chemistry_index(chem).unwrap();
        let name = format!("procurement:grid-storage:{chem}");
        let low = run(m, &levers("baseline", &[(&name, a)]), &Draw::central(m));
        let high = run(m, &levers("baseline", &[(&name, a + extra)]), &Draw::central(m));
        let p = m.producer(m.us, k);
        let (l, h) = (&low.production[p], &high.production[p]);
        for y in 0..m.years.len() {
            prop_assert!(h[y] + 1e-9 >= l[y], "{chem} year {}: {} < {}", m.years[y], h[y], l[y]);
        }
    }

    /// A higher U.S. cost of capital never lowers a U.S. cost while the world's experience is
    /// the same: every year up to the first in which any producer's output differs (after it,
    /// experience spills between regions, so another region's added output can lower a U.S.
    /// cost).
    #[test]
    fn a_higher_cost_of_capital_never_lowers_us_cost(a in 0.03f64..0.1, extra in 0.0f64..0.02) {
        let m = model();
        let low = run(m, &levers("baseline", &[("us_cost_of_capital", a)]), &Draw::central(m));
        let high = run(m, &levers("baseline", &[("us_cost_of_capital", a + extra)]), &Draw::central(m));
        let same_until = first_year_output_differs(&low.production, &high.production);
        for k in 0..m.chemistries.len() {
            let p = m.producer(m.us, k);
            for (l, h) in low.cost[p].iter().zip(&high.cost[p]).take(same_until + 1) {
                prop_assert!(h + 1e-9 >= *l);
            }
        }
    }

    /// Plants run on cash cost, so a capital lever (here the U.S. cost of capital) changes no
    /// producer's output before it has changed some producer's capacity: it moves only the full
    /// cost that building reads.
    #[test]
    fn capital_levers_move_output_only_through_capacity(a in 0.03f64..0.12, b in 0.03f64..0.12) {
        let m = model();
        let one = run(m, &levers("baseline", &[("us_cost_of_capital", a)]), &Draw::central(m));
        let two = run(m, &levers("baseline", &[("us_cost_of_capital", b)]), &Draw::central(m));
        let same_capacity = first_year_capacity_differs(&one.capacity, &two.capacity);
        for (x, z) in one.production.iter().zip(&two.production) {
            for y in 0..same_capacity {
                prop_assert!((x[y] - z[y]).abs() < 1e-9, "year {}", m.years[y]);
            }
        }
    }

    /// Output never below zero or above capacity; a plant's cash cost never above its full cost
    /// (any package, any draw).
    #[test]
    fn output_within_capacity_and_cash_within_full_cost(package in 0usize..4, seed in 0u64..1000) {
        let m = model();
        let id = data().policy_packages[package % data().policy_packages.len()].id.clone();
        let r = run(m, &levers(&id, &[]), &leapfrog_policy::montecarlo::draw(m, 7, seed));
        for p in 0..m.producers() {
            for y in 0..m.years.len() {
                prop_assert!(r.production[p][y] >= 0.0);
                prop_assert!(r.production[p][y] <= r.capacity[p][y] + 1e-6, "{id} producer {p} year {}", m.years[y]);
                prop_assert!(r.cash_cost[p][y] <= r.cost[p][y] + 1e-9);
                prop_assert!(r.cash_cost[p][y] > 0.0 && r.cost[p][y].is_finite());
            }
        }
    }

    /// An export restriction never lowers the withholding country's share of world output in
    /// the year it starts, with everything before it the same: it raises only what producers
    /// elsewhere pay (China's graphite anode material, half withheld in 2027-2028, against
    /// current law without it). Not later: once outputs differ, experience, prices and what
    /// is built differ too, and China's share can end lower (draw 705: 0.838 against 0.840 in
    /// 2029; draw 188: 0.773 against 0.846 in 2031, as capacity built elsewhere during the
    /// restriction runs on cash cost after it).
    #[test]
    fn a_withheld_material_never_lowers_the_withholding_countrys_share(seed in 0u64..1000) {
        let m = model();
        let d = leapfrog_policy::montecarlo::draw(m, 11, seed);
        let with = run(m, &levers("graphite-shock", &[]), &d);
        let without = run(m, &levers("baseline", &[]), &d);
        let cn = m.regions.iter().position(|r| r == "CN").unwrap();
        let share = |r: &leapfrog_policy::run::RunResult, y: usize| {
            let all: f64 = r.production.iter().map(|p| p[y]).sum();
            let own: f64 = (0..m.chemistries.len()).map(|k| r.production[m.producer(cn, k)][y]).sum();
            own / all
        };
        for y in 0..=first_year_output_differs(&with.production, &without.production) {
            prop_assert!(share(&with, y) + 1e-9 >= share(&without, y), "{}: {} < {}", m.years[y], share(&with, y), share(&without, y));
        }
    }

    /// Removing 45X never raises U.S. output in a year the credit is paid, under any package and
    /// draw, while every producer's capacity is the same with and without it (the credit only
    /// lowers U.S. plants' delivered cost, so in merit order they can only sell more). Not
    /// once capacity differs: the credit steers building into the chemistry that passes the
    /// material-assistance test, and the one that fails it grows less. Under the package (45X
    /// full to 2040, then phased down) draw 580 builds 3,713 GWh of U.S. NMC that runs at 37%
    /// in 2043, at a quarter credit, while without the credit U.S. LFP grew to 2,231 GWh
    /// instead: U.S. output that year is 1,726 GWh with the credit and 1,738 without it.
    #[test]
    fn removing_the_credit_never_raises_us_output(package in 0usize..4, seed in 0u64..1000) {
        let m = model();
        let id = data().policy_packages[package % data().policy_packages.len()].id.clone();
        let d = leapfrog_policy::montecarlo::draw(m, 13, seed);
        let with = run(m, &levers(&id, &[]), &d);
        let without = run(m, &levers(&id, &[("credit_45x", 0.0)]), &d);
        let us = |r: &leapfrog_policy::run::RunResult, y: usize| -> f64 {
            (0..m.chemistries.len()).map(|k| r.production[m.producer(m.us, k)][y]).sum()
        };
        let until = with_levers_until(&id);
        let paid = |y: usize| (0..m.chemistries.len()).any(|k| m.rules.credit(k, m.years[y], until) > 0.0);
        let same = first_year_capacity_differs(&with.capacity, &without.capacity);
        for y in (0..same).filter(|y| paid(*y)) {
            prop_assert!(us(&without, y) <= us(&with, y) + 1e-9, "{id} {}: {} > {}", m.years[y], us(&without, y), us(&with, y));
        }
    }

    /// A tariff on imports never lowers the domestic price: with the year's capacity given,
    /// every import's delivered cost rises, so every supplier in merit order costs at least as
    /// much as before (checked in the first year, before capacity responds).
    #[test]
    fn a_tariff_never_lowers_the_domestic_price(t in 0.0f64..1.0, extra in 0.0f64..1.0) {
        let m = model();
        let low = run(m, &levers("baseline", &[("tariff_cn_extra", t)]), &Draw::central(m));
        let high = run(m, &levers("baseline", &[("tariff_cn_extra", (t + extra).min(1.0))]), &Draw::central(m));
        for s in 0..m.sectors.len() {
            prop_assert!(high.us_price[s][0] + 1e-9 >= low.us_price[s][0]);
        }
    }
}

/// The U.S. share of chemistry `k`'s world capacity in `year` of a run.
fn us_capacity_share(m: &Model, r: &leapfrog_policy::RunResult, k: usize, year: i32) -> f64 {
    let y = m.years.iter().position(|x| *x == year).unwrap_or(0);
    let world: f64 = (0..m.regions.len())
        .map(|g| r.capacity[m.producer(g, k)][y])
        .sum();
    r.capacity[m.producer(m.us, k)][y] / world.max(1e-12)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The IP lever is a share, not a switch: the sulfide solid-state cell (NMC811-Li-SSE),
    /// which data/ip.toml records as invented at CU Boulder, loses U.S. capacity share step by
    /// step as more of its production is licensed abroad, in every package and draw.
    #[test]
    fn the_ip_lever_moves_a_us_inventions_share_gradually(package in 0usize..4, seed in 0u64..1000) {
        let m = model();
        let k = m.chemistry_index("NMC811-Li-SSE").unwrap_or(usize::MAX);
        let origin = m.ip_origin.get(k).cloned().flatten();
        prop_assert!(origin.as_ref().is_some_and(|o| o.us_invented && o.technology == "sulfide-sse"));
        let id = data().policy_packages[package % data().policy_packages.len()].id.clone();
        let d = leapfrog_policy::montecarlo::draw(m, 17, seed);
        let shares: Vec<f64> = [0.0, 0.25, 0.5, 0.75, 1.0]
            .iter()
            .map(|leak| us_capacity_share(m, &run(m, &levers(&id, &[("ip_leak_share", *leak)]), &d), k, 2035))
            .collect();
        let range = shares[0] - shares[4];
        prop_assert!(range > 0.1, "{id}: the lever barely moves the share: {shares:?}");
        for w in shares.windows(2) {
            prop_assert!(w[1] < w[0], "{id}: not falling step by step: {shares:?}");
            prop_assert!(w[0] - w[1] <= 0.6 * range, "{id}: one step carries most of the move: {shares:?}");
        }
    }
}

/// A chemistry with no U.S. licence chain on record (NMC-NTO, Toshiba's niobium-titanium
/// oxide cell) is not moved by the IP lever.
#[test]
fn the_ip_lever_leaves_a_chemistry_not_invented_in_the_us() {
    let m = model();
    let k = m.chemistry_index("NMC-NTO").unwrap_or(usize::MAX);
    assert!(m.ip_origin[k].is_none());
    let at = |leak: f64| {
        let r = run(
            m,
            &levers("baseline", &[("ip_leak_share", leak)]),
            &Draw::central(m),
        );
        us_capacity_share(m, &r, k, 2035)
    };
    assert_eq!(at(0.0), at(1.0));
}

/// A change of law takes back the package's reversible levers: from the year it comes,
/// nothing is procured and no depreciation is faster than current law's, so those two fiscal
/// items are zero; with full continuity it never comes; current law has nothing to take back.
#[test]
fn a_change_of_law_returns_the_package_to_current_law() {
    let m = model();
    let package = levers("tcip-package", &[]);
    assert_eq!(levers("baseline", &[]).reversal_rate(), 0.0);
    assert!(package.reversal_rate() > 0.0);
    let mut d = Draw::central(m);
    d.reversal = 0.9;
    let at = leapfrog_policy::run::reversal_index(&package, d.reversal, m.years.len());
    let at = at.expect("a draw of 0.9 brings the change of law within the run");
    let r = run(m, &package, &d);
    let kept = run(m, &package, &Draw::central(m));
    for y in at..m.years.len() {
        assert_eq!(
            r.fiscal_musd[y][2], 0.0,
            "procurement premium in {}",
            m.years[y]
        );
        assert_eq!(r.fiscal_musd[y][3], 0.0, "depreciation in {}", m.years[y]);
    }
    for y in 0..at {
        assert_eq!(
            r.fiscal_musd[y], kept.fiscal_musd[y],
            "before the change, {}",
            m.years[y]
        );
    }
    let back = package.reverted();
    let current = levers("baseline", &[]);
    assert_eq!(back.credit_45x_until, current.credit_45x_until);
    assert_eq!(back.us_depreciation, current.us_depreciation);
    assert_eq!(back.us_cost_of_capital, current.us_cost_of_capital);
    assert_eq!(back.state_grant_share, current.state_grant_share);
    assert!(back.procurement.iter().all(|p| p.2 == 0.0));
    // Structural levers are not law a Congress takes back.
    assert_eq!(back.us_construction_years, package.us_construction_years);
    let durable = levers("tcip-package", &[("policy_continuity", 1.0)]);
    let never = leapfrog_policy::run::reversal_index(&durable, 0.999, m.years.len());
    assert_eq!(never, None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// More continuity never brings a change of law sooner, for any draw.
    #[test]
    fn continuity_never_brings_a_reversal_sooner(u in 0.0f64..1.0, c in 0.0f64..1.0, extra in 0.0f64..1.0) {
        let m = model();
        let n = m.years.len();
        let at = |c: f64| leapfrog_policy::run::reversal_index(&levers("tcip-package", &[("policy_continuity", c)]), u, n).unwrap_or(usize::MAX);
        prop_assert!(at((c + extra).min(1.0)) >= at(c));
    }
}

/// Value added is sales plus 45X and the procurement premium, less imported materials: with
/// every material made at home it equals sales plus those two fiscal items, year by year; with
/// every material imported it is lower by exactly the materials bought.
#[test]
fn value_added_is_sales_and_support_less_imported_materials() {
    let mut m = model().clone();
    let package = levers("tcip-package", &[]);
    let d = Draw::central(&m);
    m.us_material_domestic_share
        .iter_mut()
        .for_each(|x| *x = 1.0);
    let home = run(&m, &package, &d);
    for y in 0..m.years.len() {
        let support = (home.fiscal_musd[y][0] + home.fiscal_musd[y][2]) / 1.0e3;
        let expected = home.value_captured_busd[y] + support;
        assert!(
            (home.value_added_busd[y] - expected).abs() < 1e-6 * expected.abs().max(1.0),
            "{}",
            m.years[y]
        );
    }
    m.us_material_domestic_share
        .iter_mut()
        .for_each(|x| *x = 0.0);
    let abroad = run(&m, &package, &d);
    let total = |r: &leapfrog_policy::RunResult| r.value_added_busd.iter().sum::<f64>();
    assert!(total(&abroad) < total(&home));
    assert_eq!(
        abroad.production, home.production,
        "where materials come from does not move output"
    );
}
