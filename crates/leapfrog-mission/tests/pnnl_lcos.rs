//! PNNL's published levelised cost of storage (Energy Storage Cost and Performance Database
//! v2024, 2023 costs, "Point" estimates) recomputed by leapfrog from PNNL's own inputs, with
//! the financing leapfrog's grid missions use (data/missions.toml: grid-4h and the grid
//! defaults). The fixture is written by benches/peers/pnnl_lcos_fixture.py from PNNL's
//! workbook. The 2022 report's own LCOS tables could not be read; this is the same assessment's
//! next edition, the one whose LCOS values and method are public.

use leapfrog_data::Dataset;
use leapfrog_mission::pnnl::{finance, Case};
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixture {
    cases: Vec<Published>,
}

#[derive(Deserialize)]
struct Published {
    #[serde(flatten)]
    case: Case,
    lcos_usd_per_kwh: f64,
    workbook_row: u32,
}

fn fixture() -> Fixture {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/pnnl_v2024_lcos.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("JSON")
}

/// Every case against PNNL's published value. LFP, lead-acid, zinc, pumped hydro and
/// compressed air (86 cases) match PNNL's figure to a unit of its fourth decimal. Vanadium flow is held to 0.35% (its stack replacement, warranty and
/// recycling stream is not pinned down by the published figures; 0.30% at most) and NMC to
/// 0.8%: starting its warranty with the first block as well as each replacement misses by
/// 3-5.6%; the reading used, warranty after each replacement's delay, leaves 0.3% median and
/// 0.78% at most, at 100 hours.
#[test]
fn pnnl_lcos_is_reproduced_from_pnnls_inputs() {
    let data = Dataset::embedded().expect("data");
    let (money, price) = finance(&data, "grid-4h").expect("finance");
    let policy = &data.policy_settings[0];
    let mut worst: Vec<(f64, String, f64)> = Vec::new();
    let cases = fixture().cases;
    assert_eq!(cases.len(), 142);
    for p in &cases {
        let c = &p.case;
        let macrs = match c.technology.as_str() {
            "pumped-hydro" | "caes" => &policy.macrs_20_year,
            _ => &policy.macrs_7_year,
        };
        let got = c.lcos(&money, macrs, price).lcos_usd_per_kwh;
        let miss = (got - p.lcos_usd_per_kwh).abs() / p.lcos_usd_per_kwh;
        // To the published digits: one unit of the fourth decimal (PNNL rounds to it, and the
        // mission data round PNNL's real cost of capital, 6.4903%, to 6.49%).
        let digits = 1.0e-4 / p.lcos_usd_per_kwh;
        let bound = match c.technology.as_str() {
            "nmc" => 0.008,
            "vanadium-flow" => 0.0035,
            _ => digits,
        };
        worst.push((
            miss,
            format!(
                "{} {} MW {} h (row {}): {got:.4} against {:.4}",
                c.technology, c.power_mw, c.duration_h, p.workbook_row, p.lcos_usd_per_kwh
            ),
            bound,
        ));
    }
    worst.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (miss, what, bound) in &worst {
        assert!(
            *miss <= *bound,
            "{what}: {:.4}% against {:.4}%",
            100.0 * miss,
            100.0 * bound
        );
    }
}

/// The headline cases: LFP and lead-acid to a unit of PNNL's fourth decimal, vanadium flow within
/// 0.0005 $/kWh.
#[test]
fn headline_cases_to_the_published_digits() {
    let data = Dataset::embedded().expect("data");
    let (money, price) = finance(&data, "grid-4h").expect("finance");
    let macrs = &data.policy_settings[0].macrs_7_year;
    for (technology, hours, published) in [
        ("lfp", 4.0, 0.1813),
        ("lfp", 10.0, 0.1743),
        ("vanadium-flow", 10.0, 0.2056),
        ("lead-acid", 4.0, 0.2848),
    ] {
        let p = fixture()
            .cases
            .into_iter()
            .find(|p| {
                p.case.technology == technology
                    && p.case.power_mw == 100.0
                    && p.case.duration_h == hours
            })
            .expect("case");
        assert_eq!(p.lcos_usd_per_kwh, published);
        let got = p.case.lcos(&money, macrs, price).lcos_usd_per_kwh;
        assert!(
            (got - published).abs() <= 0.0005,
            "{technology} {hours} h: {got:.5} against {published}"
        );
    }
}
