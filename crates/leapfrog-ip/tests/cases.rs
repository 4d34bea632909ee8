//! The assessment's four case studies, computed from the data: the first exit from U.S.
//! jurisdiction and from U.S. control, where each technology scaled, and the first-lever
//! findings; bad chain data is a located error.

use leapfrog_data::{read_deals, Dataset};
use leapfrog_ip::{chain, check_deals, DealFinding};
use leapfrog_rules::{Aspect, Severity};

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

/// Case study 1, as three inventions: Exxon's TiS2 cell left with its 1970s licences to a
/// European and an Asian firm (names not public) and never scaled; Goodenough's LiCoO2 cathode
/// (Oxford, then AERE) and Yoshino's cell (Asahi Chemical) were never U.S. inventions, and the
/// cell scaled in Japan (Sony, 1991). No chain's exit is another invention's licence.
#[test]
fn lithium_ion_is_three_inventions_each_with_its_own_chain() {
    let d = data();
    let exxon = chain(&d, "tis2-lithium").unwrap();
    let j = exxon.left_us_jurisdiction.expect("jurisdiction exit");
    assert_eq!(
        (j.date.as_str(), j.country.as_str()),
        ("1970s", "XX-EUROPE")
    );
    assert!(exxon.scaled_abroad.is_none());
    assert!(exxon
        .timeline
        .iter()
        .any(|s| s.to.as_deref() == Some("Exxon's Asian licensee (name not public)")));
    for id in ["licoo2-cathode", "li-ion-cell"] {
        let c = chain(&d, id).unwrap();
        assert!(c.us_invention.is_none(), "{id}");
        assert!(c.left_us_jurisdiction.is_none(), "{id}");
    }
    let cell = chain(&d, "li-ion-cell").unwrap();
    assert_eq!(cell.scaled_abroad.expect("scaled").by, "Sony Corporation");
}

/// LFP's scale-up abroad is BYD's (2008), not A123's own cathode plant near Shanghai.
#[test]
fn lfp_scaled_abroad_at_byd() {
    let c = chain(&data(), "lfp").unwrap();
    let s = c.scaled_abroad.expect("scaled abroad");
    assert_eq!((s.by.as_str(), s.date.as_str()), ("BYD Company", "2008"));
}

/// Wanxiang's purchase of A123 in bankruptcy: a CFIUS change-of-control finding that names the
/// transfer in bankruptcy, and no DOE-determination finding (the grant predates it); A123's
/// status and what became of its IP come from the data.
#[test]
fn the_wanxiang_acquisition_is_a_change_of_control() {
    let c = chain(&data(), "lfp").unwrap();
    let f = c
        .findings
        .iter()
        .find(|f| f.event == "lfp-a123-wanxiang")
        .expect("a finding on the acquisition");
    assert_eq!(f.check, "cfius-change-of-control");
    assert_eq!(f.severity, Severity::Flag);
    assert_eq!(f.aspect, Aspect::Control);
    assert!(
        f.finding.contains("transfer in bankruptcy"),
        "{}",
        f.finding
    );
    assert_eq!(f.citation.as_deref(), Some("usc-50-4565"));
    assert!(!c
        .findings
        .iter()
        .any(|f| f.check.starts_with("doe-determination")));
    let a123 = c
        .statuses
        .iter()
        .find(|s| s.organisation == "A123 Systems")
        .unwrap();
    assert_eq!(a123.status, "bankrupt");
    assert!(a123.ip_fate.as_deref().unwrap_or("").contains("Wanxiang"));
}

/// LG Chem Michigan is a U.S.-incorporated licensee: within U.S. jurisdiction, a control note
/// (its parent is Korean), never a jurisdiction flag.
#[test]
fn lg_chem_michigan_is_a_control_note_not_a_jurisdiction_loss() {
    let c = chain(&data(), "nmc").unwrap();
    let lg: Vec<_> = c
        .findings
        .iter()
        .filter(|f| f.event == "nmc-licence-lgchem")
        .collect();
    assert_eq!(lg.len(), 1, "{lg:?}");
    assert_eq!(lg[0].aspect, Aspect::Control);
    assert_eq!(lg[0].severity, Severity::Note);
    let basf = c
        .findings
        .iter()
        .find(|f| f.event == "nmc-licence-basf")
        .unwrap();
    assert_eq!(basf.aspect, Aspect::Jurisdiction);
    assert_eq!(basf.severity, Severity::Flag);
}

/// Natron's closure is in the data with its source.
#[test]
fn natron_is_shown_closed() {
    let c = chain(&data(), "prussian-blue-na").unwrap();
    let n = c
        .statuses
        .iter()
        .find(|s| s.organisation == "Natron Energy")
        .unwrap();
    assert_eq!(
        (n.status.as_str(), n.date.as_str()),
        ("closed", "2025-09-03")
    );
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
            "publicly-funded-ip-to-foreign-controlled-us-licensee"
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
    let findings = check_deals(&d, &deals).unwrap();
    assert!(findings.iter().any(|f| f.deal == "lab-to-abroad"
        && f.check == "publicly-funded-ip-licensed-abroad"
        && f.severity == Severity::Flag));
    assert!(findings
        .iter()
        .any(|f| f.deal == "lab-to-abroad"
            && f.check == "sublicensing-without-domestic-manufacturing"));
    assert!(
        !findings
            .iter()
            .any(|f| f.deal == "lab-to-us" && f.severity >= Severity::Flag),
        "{findings:?}"
    );
}

/// One deal, checked: its findings.
fn check(deal: &str) -> Vec<DealFinding> {
    let d = data();
    let text = format!("[[ip_deal]]\nid = \"d\"\n{deal}");
    let deals = read_deals(&d, "deal.toml", &text).unwrap();
    check_deals(&d, &deals).unwrap()
}

fn has(found: &[DealFinding], check: &str, severity: Severity) -> bool {
    found
        .iter()
        .any(|f| f.check == check && f.severity == severity)
}

const BASE: &str = "licensor = \"University\"\nlicensee = \"Licensee\"\npublicly_funded = true\ndate = \"2026-03-01\"\nsublicensing_allowed = false\n";

/// The assessment's first lever: a manufacturing condition cannot be enforced on a licensee
/// incorporated in a country of concern, so an exclusive licence to one is at least a flag.
#[test]
fn exclusive_licence_to_a_chinese_licensee_is_a_flag_whatever_it_declares() {
    let found = check(&format!(
        "{BASE}licensee_country = \"CN\"\nlicensee_parent_country = \"CN\"\nexclusive = true\nmanufacturing_condition = true\n"
    ));
    let f = found
        .iter()
        .find(|f| f.check == "publicly-funded-ip-licensed-abroad")
        .unwrap();
    assert!(
        f.severity >= Severity::Flag && f.aspect == Aspect::Jurisdiction,
        "{f:?}"
    );
}

/// A U.S. subsidiary of a Korean parent with a manufacturing condition: within U.S.
/// jurisdiction, a control note at most.
#[test]
fn us_subsidiary_of_a_korean_parent_is_no_flag() {
    let found = check(&format!(
        "{BASE}licensee_country = \"US\"\nlicensee_parent_country = \"KR\"\nexclusive = true\nmanufacturing_condition = true\ntitle_holder_kind = \"nonprofit\"\nterritory = \"worldwide\"\n"
    ));
    assert!(
        found.iter().all(|f| f.severity == Severity::Note),
        "{found:?}"
    );
    assert!(found.iter().any(|f| f.aspect == Aspect::Control));
}

const US_START_UP: &str = "licensee_country = \"US\"\nlicensee_parent_country = \"US\"\nexclusive = true\nmanufacturing_condition = false\ntitle_holder_kind = \"nonprofit\"\n";

/// 35 U.S.C. 204: a university's exclusive U.S. licence without the agreement to make
/// substantially in the U.S. is a violation; limited to rights outside the U.S. it is not a
/// section 204 case; a waiver clears it.
#[test]
fn section_204_binds_exclusive_us_rights_only() {
    let us = check(&format!("{BASE}{US_START_UP}territory = \"us\"\n"));
    assert!(has(&us, "bayh-dole-204", Severity::Violation), "{us:?}");
    let f = us.iter().find(|f| f.check == "bayh-dole-204").unwrap();
    assert_eq!(f.citation.as_deref(), Some("usc-35-204"));
    let ex_us = check(&format!("{BASE}{US_START_UP}territory = \"ex-us\"\n"));
    assert!(
        !ex_us.iter().any(|f| f.check == "bayh-dole-204"),
        "{ex_us:?}"
    );
    let waived = check(&format!(
        "{BASE}{US_START_UP}territory = \"us\"\nwaiver = {{ agency = \"DOE\", date = \"2026-01-15\", source = \"usc-35-204\" }}\n"
    ));
    assert!(
        !waived.iter().any(|f| f.check == "bayh-dole-204"),
        "{waived:?}"
    );
    // An old deal file without the new fields: the check says what it could not decide.
    let old = check(&format!(
        "{BASE}licensee_country = \"US\"\nlicensee_parent_country = \"US\"\nexclusive = true\nmanufacturing_condition = false\n"
    ));
    assert!(has(&old, "bayh-dole-204", Severity::Note), "{old:?}");
}

/// DOE's 2021 Science and Energy determination: any licence under an agreement from 1 October
/// 2021 needs the U.S.-manufacturing commitment; under a 2009 agreement there is no finding.
#[test]
fn doe_determination_covers_agreements_from_october_2021() {
    let deal = |agreement: &str| {
        check(&format!(
            "{BASE}licensee_country = \"US\"\nlicensee_parent_country = \"US\"\nexclusive = false\nmanufacturing_condition = false\nfunder = \"DOE Office of Science\"\nfunding_agreement_date = \"{agreement}\"\n"
        ))
    };
    let recent = deal("2022-03-01");
    assert!(
        has(&recent, "doe-determination", Severity::Violation),
        "{recent:?}"
    );
    let f = recent
        .iter()
        .find(|f| f.check == "doe-determination")
        .unwrap();
    assert_eq!(f.citation.as_deref(), Some("doe-sne-dec-2021"));
    let old = deal("2009-06-01");
    assert!(
        !old.iter().any(|f| f.check.starts_with("doe-determination")),
        "{old:?}"
    );
}

/// An inbound licence from CATL to a U.S. plant: with a sourcing-direction term it gives
/// effective control (45X at risk); without one, a note.
#[test]
fn inbound_catl_licence_and_effective_control() {
    let inbound = "licensor = \"CATL\"\nlicensor_country = \"CN\"\nlicensee = \"Michigan Cells LLC\"\nlicensee_country = \"US\"\nlicensee_parent_country = \"US\"\npublicly_funded = false\ndate = \"2026-02-01\"\nexclusive = false\nsublicensing_allowed = false\nmanufacturing_condition = false\nfield_of_use = \"LFP cells\"\n";
    let with_term = check(&format!(
        "{inbound}control_terms = [\"specify-sourcing\"]\n"
    ));
    let f = with_term
        .iter()
        .find(|f| f.check == "effective-control")
        .unwrap();
    assert_eq!(f.severity, Severity::Flag);
    assert!(f.finding.contains("45X"), "{}", f.finding);
    assert_eq!(f.citation.as_deref(), Some("usc-7701-a-51"));
    // China's 2025 technology-export catalogue restricts LFP cathode technology.
    assert!(
        has(&with_term, "china-technology-export", Severity::Note),
        "{with_term:?}"
    );
    let without = check(inbound);
    assert!(
        has(&without, "effective-control", Severity::Note),
        "{without:?}"
    );
}

/// Wanxiang buying A123 in bankruptcy: a CFIUS finding naming the transfer in bankruptcy, and
/// no DOE-determination finding under A123's 2009 grant.
#[test]
fn wanxiang_deal_is_a_cfius_finding_in_bankruptcy() {
    let found = check(
        "licensor = \"DOE\"\nlicensee = \"A123 Systems\"\nlicensee_country = \"US\"\nlicensee_parent_country = \"US\"\npublicly_funded = true\nfunder = \"DOE\"\nfunding_agreement_date = \"2009-12-01\"\ndate = \"2009-12-01\"\nexclusive = false\nsublicensing_allowed = false\nmanufacturing_condition = false\nchange_of_control = { acquirer = \"Wanxiang America\", acquirer_country = \"CN\", date = \"2013-01-28\", in_bankruptcy = true }\n",
    );
    let f = found
        .iter()
        .find(|f| f.check == "cfius-change-of-control")
        .unwrap();
    assert_eq!(f.severity, Severity::Flag);
    assert!(f.finding.contains("transfer in bankruptcy"));
    assert_eq!(f.citation.as_deref(), Some("usc-50-4565"));
    assert!(
        !found
            .iter()
            .any(|f| f.check.starts_with("doe-determination")),
        "{found:?}"
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

/// The two current technologies: federally funded and made only in the United States. The
/// Prussian-blue chain never left; the sulfide chain left U.S. jurisdiction in January 2024 by
/// Solid Power's R&D licence to SK On (Korea) for a pilot line, and has not scaled abroad.
#[test]
fn the_current_technologies_have_not_scaled_abroad() {
    for id in ["sulfide-sse", "prussian-blue-na"] {
        let c = chain(&data(), id).unwrap();
        assert!(c.us_invention.is_some(), "{id}");
        assert!(c.scaled_abroad.is_none(), "{id}");
        assert!(c.manufacturing.iter().all(|m| m.country == "US"), "{id}");
    }
    let natron = chain(&data(), "prussian-blue-na").unwrap();
    assert!(natron.left_us_jurisdiction.is_none() && natron.left_us_control.is_none());
    let sulfide = chain(&data(), "sulfide-sse").unwrap();
    for exit in [sulfide.left_us_jurisdiction, sulfide.left_us_control] {
        let exit = exit.expect("the SK On licence takes the sulfide chain abroad");
        assert_eq!(
            (
                exit.date.as_str(),
                exit.country.as_str(),
                exit.event.as_str()
            ),
            ("2024-01", "KR", "sse-licence-sk-on")
        );
    }
}
