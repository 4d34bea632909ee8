//! Cash, risk and policy instruments on a scale-up path: a grant and a production credit only
//! add cash, so with them the capital needed falls and no run that reached nameplate without
//! them fails with them; the same seed gives the same answer; the funding plan covers the
//! central case; a power rating is never set against an energy plant.

use leapfrog_data::{Dataset, ScaleupRisk, StageGrant};
use leapfrog_scaleup::risk;
use leapfrog_scaleup::{evaluate, prepare, PathInputs, PreparedPath, ProductionCredit};
use proptest::prelude::*;
use std::sync::OnceLock;

fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| Dataset::embedded().expect("embedded data"))
}

fn risk_record() -> &'static ScaleupRisk {
    data().find::<ScaleupRisk>("default").expect("risk record")
}

/// 45X's face value for cells, flat (the test asks what an instrument does, not what the
/// rules grant a chemistry).
fn credit() -> ProductionCredit {
    ProductionCredit {
        rule: "45x".into(),
        usd_per_kwh_by_year: vec![(2020, 35.0)],
        elective_pay_years: 5.0,
        transfer_price: 0.95,
    }
}

fn path(chemistry: &str, grant_musd: f64, with_credit: bool) -> PreparedPath {
    let mut p = data().scaleup_path("startup-us").unwrap().clone();
    if grant_musd > 0.0 {
        p.grants.push(StageGrant {
            stage: "first-commercial".into(),
            musd: grant_musd,
            kind: "doe-grant".into(),
            source: "test".into(),
            note: None,
        });
    }
    let inputs = PathInputs {
        chemistry: chemistry.into(),
        path: p,
        variant: "conventional".into(),
        equipment_control: None,
        region: None,
        credit: with_credit.then(credit),
        grants: true,
    };
    prepare(data(), &inputs).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    /// A 50 M$ DOE grant and 45X: the capital needed falls (central case and median over the
    /// runs) and the probability of reaching nameplate does not fall.
    #[test]
    fn a_grant_and_the_credit_lower_the_capital_and_never_the_survival(
        couple in prop::sample::select(vec!["NaNFM-HC", "LFP-G", "NMC811-G"]),
        seed in 0u64..1000,
    ) {
        let r = risk_record();
        let (without, with) = (path(couple, 0.0, false), path(couple, 50.0, true));
        let central = risk::central(r);
        let plan = risk::plan(&evaluate(&without.perturbed(central)), r);
        let (a, b) = (
            risk::monte_carlo(&without, r, &plan, 200, seed),
            risk::monte_carlo(&with, r, &plan, 200, seed),
        );
        let (ca, cb) = (
            evaluate(&without.perturbed(central)).capital_needed_musd,
            evaluate(&with.perturbed(central)).capital_needed_musd,
        );
        prop_assert!(cb < ca, "{cb} vs {ca}");
        prop_assert!(b.capital_needed_musd.median < a.capital_needed_musd.median);
        prop_assert!(b.probability_reaching_nameplate >= a.probability_reaching_nameplate);
    }
}

/// The acceptance case: a probability strictly between 0 and 1, the capital needed at the
/// median and 90th percentile, a gate for every stage; and the same seed, the same answer.
#[test]
fn startup_us_sodium_has_a_survival_probability_and_is_reproducible() {
    let r = risk_record();
    let p = path("NaNFM-HC", 0.0, false);
    let plan = risk::plan(&evaluate(&p.perturbed(risk::central(r))), r);
    let a = risk::monte_carlo(&p, r, &plan, 2000, 1);
    assert!(a.probability_reaching_nameplate > 0.0 && a.probability_reaching_nameplate < 1.0);
    assert!(a.capital_needed_musd.p90 >= a.capital_needed_musd.median);
    assert_eq!(a.gates.len(), 4);
    let b = risk::monte_carlo(&p, r, &plan, 2000, 1);
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
}

/// The central case, financed by its own plan, never runs out: the plan covers its need.
#[test]
fn the_plan_covers_the_central_case() {
    let r = risk_record();
    for couple in ["NaNFM-HC", "LFP-G"] {
        let p = path(couple, 0.0, false).perturbed(risk::central(r));
        let central = evaluate(&p);
        let plan = risk::plan(&central, r);
        let s = risk::survival(&central, &plan);
        assert!(
            s.reached_nameplate && s.out_of_capital_month.is_none(),
            "{couple}: {s:?}"
        );
    }
}

/// Capital needed counts operating losses: it is at least the capex less what grants pay.
#[test]
fn capital_needed_includes_operating_losses() {
    let r = evaluate(&path("NaNFM-HC", 0.0, false));
    assert!(
        r.capital_needed_musd >= r.capex_musd * 0.999,
        "{} vs {}",
        r.capital_needed_musd,
        r.capex_musd
    );
    let cash: f64 = r.months.iter().map(|m| m.flows.before_financing()).sum();
    let last = r.months.last().unwrap();
    assert!((cash - last.cumulative_cash_musd).abs() < 1e-6 * cash.abs().max(1.0));
}

/// A plant the source rates in power (Natron's 24 GW) is listed, never priced as GWh; every
/// ratio compares energy with energy.
#[test]
fn power_ratings_are_not_compared_with_energy() {
    let checks: Vec<_> = data()
        .scaleup_references
        .iter()
        .map(|r| leapfrog_scaleup::reference::check(data(), r).unwrap())
        .collect();
    let natron = checks.iter().find(|c| c.id == "natron-nc-2024").unwrap();
    assert_eq!(natron.plant_gw_per_yr, Some(24.0));
    assert!(natron.plant_gwh_per_yr.is_none() && natron.ratio.is_none());
    for c in checks.iter().filter(|c| c.ratio.is_some()) {
        assert!(
            c.plant_gwh_per_yr.is_some() && c.plant_gw_per_yr.is_none(),
            "{}",
            c.id
        );
    }
    let holland = data()
        .ip_events
        .iter()
        .find(|e| e.id == "na-holland")
        .unwrap();
    assert_eq!(holland.capacity_mw_per_year, Some(600.0));
    assert!(holland.capacity_gwh_per_year.is_none());
}

/// 45X(c)(1)(B): a facility that took a 48C award earns no 45X on its output; the award pays
/// towards its capex instead.
#[test]
fn a_48c_award_excludes_45x_on_its_stage() {
    let mut p = data().scaleup_path("startup-us").unwrap().clone();
    p.grants.push(StageGrant {
        stage: "gigafactory".into(),
        musd: 100.0,
        kind: "48c-award".into(),
        source: "test".into(),
        note: None,
    });
    let inputs = |path| PathInputs {
        chemistry: "LFP-G".into(),
        path,
        variant: "conventional".into(),
        equipment_control: None,
        region: None,
        credit: Some(credit()),
        grants: true,
    };
    let with = evaluate(&prepare(data(), &inputs(p)).unwrap());
    let without = evaluate(
        &prepare(
            data(),
            &inputs(data().scaleup_path("startup-us").unwrap().clone()),
        )
        .unwrap(),
    );
    let credit_total = |r: &leapfrog_scaleup::PathResult| -> f64 {
        r.months.iter().map(|m| m.flows.credit_musd).sum()
    };
    let grants = |r: &leapfrog_scaleup::PathResult| -> f64 {
        r.months.iter().map(|m| m.flows.grant_musd).sum()
    };
    assert!(credit_total(&with) < credit_total(&without));
    assert!((grants(&with) - grants(&without) - 100.0).abs() < 1e-6);
}
