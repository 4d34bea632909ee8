//! Reference cases: published figures the analyses must reproduce.
use leapfrog_data::Dataset;
use leapfrog_market::capex::{capex_rows, summarize, CapexFilter};

fn data() -> Dataset {
    Dataset::embedded().expect("embedded data is valid")
}

/// TCIP assessment: CATL's expansions announced since 2023 add 392 GWh for US$26.4 bn,
/// about 67.3 M$/GWh. Tolerance: 0.5 GWh, 0.1 G$, and the 67.3-67.5 M$/GWh band.
#[test]
fn catl_since_2023_matches_tcip() {
    let f = CapexFilter {
        company: Some("CATL".into()),
        since: Some(2023),
        ..Default::default()
    };
    let (rows, _) = capex_rows(&data(), &f).unwrap();
    let s = summarize("CATL", &rows).unwrap();
    assert!((s.capacity_gwh - 392.0).abs() < 0.5, "{}", s.capacity_gwh);
    assert!(
        (s.investment_musd - 26_400.0).abs() < 100.0,
        "{}",
        s.investment_musd
    );
    assert!(
        (67.3..=67.5).contains(&s.weighted_musd_per_gwh),
        "{}",
        s.weighted_musd_per_gwh
    );
}

/// TCIP assessment: LGES Queen Creek 128, Northvolt Heide 82, Panasonic De Soto 133,
/// SK On Commerce 118 M$/GWh, averaging about 115. Tolerance ±3 M$/GWh on the mean.
#[test]
fn four_non_chinese_plants_average_about_115() {
    let f = CapexFilter {
        set: Some("tcip-non-chinese-four".into()),
        ..Default::default()
    };
    let (rows, _) = capex_rows(&data(), &f).unwrap();
    assert_eq!(rows.len(), 4);
    let s = summarize("four", &rows).unwrap();
    assert!(
        (s.mean_musd_per_gwh - 115.0).abs() < 3.0,
        "{}",
        s.mean_musd_per_gwh
    );
    let published = [
        ("lges-queen-creek", 128.0),
        ("northvolt-heide", 82.0),
        ("panasonic-de-soto", 133.0),
        ("sk-commerce", 118.0),
    ];
    for (id, value) in published {
        let r = rows.iter().find(|r| r.project == id).unwrap();
        assert!(
            (r.musd_per_gwh - value).abs() / value < 0.03,
            "{id}: {}",
            r.musd_per_gwh
        );
    }
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
