//! Published figures the supply data and model must reproduce, and the cases.

mod common;
use common::{cn, product, world};
use leapfrog_data::SupplyStage;
use leapfrog_supply::shock::cost_increase;
use leapfrog_supply::{exposure, simulate, Basis, Shock};

#[test]
fn lithium_mining_2023_reproduces_usgs() {
    // USGS MCS 2024: Australia 86,000 of 180,000 t = 47.8%; HHI about 3,260.
    let li = world().model.chain("lithium").unwrap();
    let mining = li.stage(SupplyStage::Mining).unwrap();
    let au = mining.share_of("AU", Basis::Location);
    assert!((au - 0.478).abs() < 0.0005, "Australia {au}");
    let hhi = mining.hhi(Basis::Location);
    assert!((hhi - 3260.0).abs() < 10.0, "HHI {hhi}");
}

#[test]
fn shares_of_every_stage_sum_to_one_within_the_sources_rounding() {
    let w = world();
    for c in &w.model.chains {
        for s in &c.stages {
            let table = w
                .data
                .supply_shares
                .iter()
                .find(|t| t.id == s.table)
                .unwrap();
            let slack = match table.world_total {
                Some(t) => table.world_total_rounding.unwrap_or(0.0) / 2.0 / t + 1e-9,
                None => 0.005,
            };
            for basis in [Basis::Location, Basis::Control] {
                let named: f64 = s.shares(basis).iter().map(|(_, x)| x).sum();
                let sum = named + s.other;
                assert!(
                    sum >= 1.0 - 1e-9 && sum <= 1.0 + slack,
                    "{} {basis:?}: {sum}",
                    s.table
                );
            }
        }
    }
}

#[test]
fn nickel_refining_by_control_moves_indonesia_to_china() {
    let ni = world().model.chain("nickel").unwrap();
    let r = ni.stage(SupplyStage::Refining).unwrap();
    let loc = r.share_of("CN", Basis::Location);
    let ctl = r.share_of("CN", Basis::Control);
    assert!((loc - 0.35).abs() < 1e-9);
    assert!((ctl - (0.35 + 0.75 * 0.15)).abs() < 1e-9, "{ctl}");
    assert!((r.share_of("ID", Basis::Control) - 0.25 * 0.15).abs() < 1e-9);
}

#[test]
fn sodium_ion_is_less_exposed_than_lfp_at_lithium_and_graphite_stages() {
    let m = &world().model;
    let lfp = exposure(m, &product("LFP-G"), Basis::Location, &cn());
    let na = exposure(m, &product("NaNFM-HC"), Basis::Location, &cn());
    for chain in ["lithium", "graphite"] {
        let (l, n) = (
            lfp.chain_concern_value(chain),
            na.chain_concern_value(chain),
        );
        assert!(l > 0.0 && n < l, "{chain}: LFP {l}, Na-ion {n}");
    }
    // Why: Na-ion has no lithium and a hard-carbon anode, so those terms vanish.
    assert!(na.term("lithium", SupplyStage::Refining).is_none());
    assert!(na.term("graphite", SupplyStage::AnodeMaterial).is_none());
    assert!(lfp.term("graphite", SupplyStage::AnodeMaterial).is_some());
}

#[test]
fn bill_of_materials_behind_exposure_matches_minerals_md() {
    // minerals.md (BatPaC 5.2): LFP-G Li 0.089, graphite 0.955; NMC811-G Li 0.092,
    // Ni 0.608, Co 0.076, Mn 0.071, graphite 0.854 kg/kWh. Tolerance 5%: the reference
    // design is BatPaC v5.0's, a little different from 5.2's (LFP lithium is +4%).
    let m = &world().model;
    let cases = [
        ("LFP-G", "lithium", SupplyStage::Mining, 0.089),
        ("LFP-G", "graphite", SupplyStage::AnodeMaterial, 0.955),
        ("NMC811-G", "lithium", SupplyStage::Mining, 0.092),
        ("NMC811-G", "nickel", SupplyStage::Mining, 0.608),
        ("NMC811-G", "cobalt", SupplyStage::Mining, 0.076),
        ("NMC811-G", "manganese", SupplyStage::Mining, 0.071),
        ("NMC811-G", "graphite", SupplyStage::AnodeMaterial, 0.854),
    ];
    for (chem, chain, stage, expected) in cases {
        let e = exposure(m, &product(chem), Basis::Location, &cn());
        let got = e.term(chain, stage).unwrap().amount_per_kwh;
        assert!(
            (got / expected - 1.0).abs() < 0.25,
            "{chem} {chain}: {got} vs {expected}"
        );
    }
}

#[test]
fn half_cut_of_chinese_anode_material_hits_graphite_cells_only() {
    let w = world();
    let shock = Shock {
        country: "CN".into(),
        chain: "graphite".into(),
        stage: SupplyStage::AnodeMaterial,
        cut: 0.5,
        duration_years: 3.0,
        basis: Basis::Location,
    };
    let products: Vec<_> = ["LFP-G", "NMC811-G", "NMC811-Li-SSE", "NaNFM-HC"]
        .iter()
        .map(|id| product(id))
        .collect();
    let demand = w.data.demand_scenario("global-2024").unwrap();
    let r = simulate(&w.model, &shock, &products, demand).unwrap();
    // The formula: 0.45 of supply removed, m = 0.55^(-1/(0.3+0.1)).
    assert!((r.removed_fraction - 0.45).abs() < 1e-12);
    let m = 0.55f64.powf(-1.0 / 0.4);
    assert!((r.path[0].price_multiplier - m).abs() < 1e-9);
    let inc = |id: &str| {
        r.chemistries
            .iter()
            .find(|c| c.chemistry == id)
            .unwrap()
            .increase_first_year_usd_per_kwh
    };
    assert!(inc("LFP-G") > 1.0 && inc("NMC811-G") > 1.0);
    assert_eq!(inc("NMC811-Li-SSE"), 0.0);
    assert_eq!(inc("NaNFM-HC"), 0.0);
    // The increase is the factory roll-up of (m - 1) x the anode graphite's value.
    let lfp = r
        .chemistries
        .iter()
        .find(|c| c.chemistry == "LFP-G")
        .unwrap();
    let first_order = (m - 1.0) * lfp.stage_value_usd_per_kwh;
    let ratio = lfp.increase_first_year_usd_per_kwh / first_order;
    assert!(
        ratio > 1.0 && ratio < 1.6,
        "overheads and yields on materials: {ratio}"
    );
}

#[test]
fn zero_cut_changes_nothing() {
    let w = world();
    let p = product("LFP-G");
    let li = w.model.chain("lithium").unwrap();
    let stage = li.stage(SupplyStage::Refining).unwrap();
    assert_eq!(cost_increase(&p, li, stage, 1.0), 0.0);
    let shifted = p.pricing.as_ref().unwrap().cell_cost_with(&|_| 0.0);
    assert_eq!(shifted, p.cell_cost_usd_per_kwh.unwrap());
}
