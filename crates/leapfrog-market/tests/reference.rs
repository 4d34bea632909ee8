//! Reference cases: published figures the analyses must reproduce.
use leapfrog_data::{Dataset, ReferenceLayer};
use leapfrog_market::capex::{capex_rows, CapexFilter};

fn data() -> Dataset {
    Dataset::embedded().expect("embedded data is valid")
}

/// Every market-layer case of the reference zoo (data/references.toml): the TCIP assessment's
/// capex figures for CATL's expansions since 2023 and the four non-Chinese plants.
#[test]
fn market_reference_zoo() {
    let d = data();
    let mut checked = 0;
    for r in d
        .references
        .iter()
        .filter(|r| r.layer == ReferenceLayer::Market)
    {
        let got = leapfrog_market::reference::evaluate(&d, r).unwrap();
        assert!(
            r.admits(got),
            "{}: {got:.2} vs {} (allowed ±{}%)",
            r.id,
            r.value,
            100.0 * r.tolerance
        );
        checked += 1;
    }
    assert!(checked >= 8, "{checked} cases");
}

/// The TCIP set of four non-Chinese plants has exactly those four projects.
#[test]
fn the_non_chinese_set_has_four_plants() {
    let f = CapexFilter {
        set: Some("tcip-non-chinese-four".into()),
        ..Default::default()
    };
    let (rows, _) = capex_rows(&data(), &f).unwrap();
    assert_eq!(rows.len(), 4);
}

/// Converting euros: EUR 1.8 bn in 2019 at the Fed's 1.1194 $/EUR is US$2,015 million.
#[test]
fn euro_investment_converted_at_announcement_year_rate() {
    let d = data();
    let p = d.project("catl-arnstadt").unwrap();
    let usd = d.project_investment_musd(p, None).unwrap().unwrap();
    assert!((usd - 2014.92).abs() < 0.01, "{usd}");
    let usd_2024 = d.project_investment_musd(p, Some(2024)).unwrap().unwrap();
    assert!((usd_2024 / usd - 313.689 / 255.657).abs() < 1e-9);
}

/// Way et al. (2022): exponent 0.421 corresponds to a learning rate of about 25.3%.
#[test]
fn learning_rate_from_exponent() {
    let lr = leapfrog_market::learning::learning_rate(0.421);
    assert!((lr - 0.2534).abs() < 5e-4, "{lr}");
}

/// The embedded experience series fits with a falling price and a learning rate in the
/// range the literature reports for packs and cells (10-40%).
#[test]
fn embedded_learning_series_fits() {
    let d = data();
    let ld = leapfrog_market::learning::learning_data(&d, "li-ion-pack-experience").unwrap();
    assert!(ld.points.len() >= 10);
    let fit = ld.fit().unwrap();
    assert!(
        (0.10..0.40).contains(&fit.learning_rate),
        "{}",
        fit.learning_rate
    );
    assert!(fit.r_squared > 0.8, "{}", fit.r_squared);
}
