//! The assessment's four case studies, computed from the data: the first exit from U.S.
//! jurisdiction and from U.S. control, where each technology scaled, and the first-lever
//! findings; bad chain data is a located error.

use leapfrog_data::{read_deals, Dataset};
use leapfrog_ip::{chain, check_deals};

fn data() -> Dataset {
    Dataset::embedded().unwrap()
}

fn exits(id: &str) -> (String, String, String, String, String) {
    let c = chain(&data(), id).unwrap();
    let j = c.left_us_jurisdiction.expect("jurisdiction exit");
    let k = c.left_us_control.expect("control exit");
    let s = c.scaled_abroad.expect("scaled abroad");
    (j.date, j.country, k.date, k.country, s.country)
}

/// Case study 2: licensed to Canada's Hydro-Québec in 1996; scaled in China.
#[test]
fn lfp_left_with_the_hydro_quebec_licence_and_scaled_in_china() {
    assert_eq!(
        exits("lfp"),
        (
            "1996".into(),
            "CA".into(),
            "1996".into(),
            "CA".into(),
            "CN".into()
        )
    );
}

/// Case study 3: BASF's 2009 global licence took the IP to a European entity; scaled in China.
#[test]
fn nmc_left_with_the_basf_licence_and_scaled_in_china() {
    assert_eq!(
        exits("nmc"),
        (
            "2009-06".into(),
            "DE".into(),
            "2009-06".into(),
            "DE".into(),
            "CN".into()
        )
    );
}

/// Case study 4: jurisdiction left with the 2021 transfer to Vanadis Power (Netherlands), as
/// the assessment says; control left earlier, with the 2017 sublicence to Rongke Power.
#[test]
fn vrfb_left_jurisdiction_in_2021_and_control_with_the_rongke_sublicence() {
    assert_eq!(
        exits("vrfb"),
        (
            "2021".into(),
            "NL".into(),
            "2017".into(),
            "CN".into(),
            "CN".into()
        )
    );
}

/// Case study 1: Exxon's 1970s licences to a European and an Asian firm (names not public);
/// lithium-ion scaled in Japan (Sony, 1991).
#[test]
fn li_ion_left_with_exxons_licences_and_scaled_in_japan() {
    assert_eq!(
        exits("li-ion"),
        (
            "1970s".into(),
            "XX-EUROPE".into(),
            "1970s".into(),
            "XX-EUROPE".into(),
            "JP".into()
        )
    );
    let c = chain(&data(), "li-ion").unwrap();
    assert!(c
        .timeline
        .iter()
        .any(|s| s.to.as_deref() == Some("Exxon's Asian licensee (name not public)")));
}

#[test]
fn the_first_lever_findings_come_out_of_the_data() {
    let d = data();
    let checks = |id: &str| -> Vec<(String, &'static str)> {
        chain(&d, id)
            .unwrap()
            .findings
            .into_iter()
            .map(|f| (f.event, f.check))
            .collect()
    };
    let lfp = checks("lfp");
    assert!(
        lfp.contains(&(
            "lfp-licence-hq".into(),
            "publicly-funded-ip-licensed-abroad"
        )),
        "{lfp:?}"
    );
    assert!(
        lfp.iter()
            .any(|(_, c)| *c == "no-patent-where-manufactured"),
        "{lfp:?}"
    );
    let nmc = checks("nmc");
    assert!(
        nmc.contains(&(
            "nmc-sublicence-brunp".into(),
            "sublicence-without-domestic-manufacturing"
        )),
        "{nmc:?}"
    );
    assert!(
        nmc.contains(&(
            "nmc-licence-lgchem".into(),
            "publicly-funded-ip-licensed-abroad"
        )),
        "{nmc:?}"
    );
    let vrfb = checks("vrfb");
    assert!(
        vrfb.contains(&(
            "vrfb-sublicence-rongke".into(),
            "sublicence-without-domestic-manufacturing"
        )),
        "{vrfb:?}"
    );
    // Battelle patented in China, so manufacturing there is not unpatented.
    assert!(
        !vrfb
            .iter()
            .any(|(_, c)| *c == "no-patent-where-manufactured"),
        "{vrfb:?}"
    );
}

const DEALS: &str = r#"
[[ip_deal]]
id = "lab-to-abroad"
licensor = "A national laboratory"
licensee = "Offshore Cells Ltd"
licensee_country = "NL"
licensee_parent_country = "CN"
publicly_funded = true
date = "2026-03"
exclusive = true
sublicensing_allowed = true
manufacturing_condition = false

[[ip_deal]]
id = "lab-to-us"
licensor = "A national laboratory"
licensee = "Ohio Cells Inc"
licensee_country = "US"
licensee_parent_country = "US"
publicly_funded = true
date = "2026-03"
exclusive = true
sublicensing_allowed = true
manufacturing_condition = true
"#;

#[test]
fn ip_check_flags_an_unconditioned_foreign_licence_and_passes_a_domestic_one() {
    let d = data();
    let deals = read_deals(&d, "deals.toml", DEALS).unwrap();
    let findings = check_deals(&deals);
    assert!(findings.iter().any(|f| f.deal == "lab-to-abroad"
        && f.check == "publicly-funded-ip-licensed-abroad"
        && f.severity == "flag"));
    assert!(findings
        .iter()
        .any(|f| f.deal == "lab-to-abroad"
            && f.check == "sublicensing-without-domestic-manufacturing"));
    assert!(
        !findings.iter().any(|f| f.deal == "lab-to-us"),
        "{findings:?}"
    );
}

#[test]
fn a_bad_deal_file_is_a_located_error() {
    let d = data();
    let bad = DEALS.replace("licensee_country = \"NL\"", "licensee_country = \"Narnia\"");
    let err = read_deals(&d, "deals.toml", &bad).unwrap_err().to_string();
    assert!(
        err.contains("deals.toml:6:") && err.contains("Narnia"),
        "{err}"
    );
}

/// A folder layered over the embedded data, holding `text` as one file.
fn with(text: &str, name: &str) -> Result<Dataset, String> {
    let dir = std::env::temp_dir().join(format!("leapfrog-ip-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bad.toml"), text).unwrap();
    Dataset::with_overrides(&dir).map_err(|e| e.to_string())
}

const EVENT: &str =
    "[[ip_event]]\nid = \"x\"\ntechnology = \"lfp\"\nsummary = \"s\"\nsource = \"tcip-2025\"\n";

#[test]
fn bad_chain_data_is_a_located_error() {
    let before_patent = format!(
        "{EVENT}date = \"1990\"\nkind = \"licence\"\nby = \"ut-austin\"\nto = \"hydro-quebec\"\n"
    );
    let e = with(&before_patent, "early").unwrap_err();
    assert!(e.contains("bad.toml:") && e.contains("first patent"), "{e}");
    let unknown =
        format!("{EVENT}date = \"2001\"\nkind = \"licence\"\nby = \"ut-austin\"\nto = \"acme\"\n");
    let e = with(&unknown, "unknown").unwrap_err();
    assert!(e.contains("acme") && e.contains("ip_organisation"), "{e}");
    let cycle = format!(
        "{EVENT}date = \"2005\"\nkind = \"sublicence\"\nby = \"phostech\"\nto = \"ut-austin\"\n"
    );
    let e = with(&cycle, "cycle").unwrap_err();
    assert!(e.contains("cycle"), "{e}");
}

/// The two current technologies: federally funded, still held and made in the United States.
#[test]
fn the_current_technologies_have_not_left() {
    for id in ["sulfide-sse", "prussian-blue-na"] {
        let c = chain(&data(), id).unwrap();
        assert!(c.us_invention.is_some(), "{id}");
        assert!(
            c.left_us_jurisdiction.is_none() && c.left_us_control.is_none(),
            "{id}"
        );
        assert!(c.scaled_abroad.is_none(), "{id}");
        assert!(c.manufacturing.iter().all(|m| m.country == "US"), "{id}");
    }
}
