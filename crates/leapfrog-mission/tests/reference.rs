//! Reference cases: published inputs through the mission models. Where the publication's own
//! output figure was not readable here, the expected value is the publication's equation on
//! its inputs, worked by hand in the test (and the test says so).

use leapfrog_data::{read_spec, Dataset};
use leapfrog_factory::{Factory, DEFAULT_COST_MODEL};
use leapfrog_mission::{evaluate, Ageing, Battery, Evaluation, Status};

fn data() -> Dataset {
    Dataset::embedded().expect("embedded data")
}

fn run(data: &Dataset, mission: &str, couple: &str, ageing: Ageing) -> Evaluation {
    let factory = Factory::load(data, DEFAULT_COST_MODEL).unwrap();
    let b = Battery::of(data, &factory, couple).unwrap();
    let m = data.mission(mission).unwrap();
    evaluate(data, m, &b, ageing).unwrap()
}

fn close(actual: f64, expected: f64, rel: f64, what: &str) {
    assert!(
        ((actual - expected) / expected).abs() <= rel,
        "{what}: {actual} vs {expected} (tolerance {rel})"
    );
}

/// Kasliwal et al. 2019 (Nat. Commun. 10, 1555), Table 1 base case: m = 1187.5 kg,
/// δ = 450 N/m², η_h = 0.63, η_c = 0.765, L/D = 17, V = 150 mph, ρ = 1.225 kg/m³.
/// Hover P = mg·√(δ/2ρ)/η_h = 250.5 kW; cruise P = mgV/((L/D)·η_c) = 60.05 kW (their
/// equations on their inputs; the paper's per-phase figure values were not readable here).
/// Tolerance 0.5%: g and the mph conversion are the only room.
#[test]
fn evtol_hover_and_cruise_power_follow_kasliwal_2019() {
    let d = data();
    let e = run(&d, "evtol-kasliwal", "NMC811-G", Ageing::Skip);
    close(e.figures["hover_power_kw"], 250.5, 0.005, "hover");
    close(e.figures["cruise_power_kw"], 60.05, 0.005, "cruise");
    // Table 1's battery is 350 kg; the preset's mass fraction reproduces it.
    close(e.battery.mass_kg, 350.0, 0.002, "battery mass");
}

/// The assessment: today's LFP cannot carry an eVTOL's trip and reserve at end of life.
#[test]
fn lfp_fails_evtol_on_energy() {
    let d = data();
    let e = run(&d, "evtol-kasliwal", "LFP-G", Ageing::Simulate);
    assert_eq!(e.status, Status::Infeasible);
    assert_eq!(
        e.failed.unwrap().name,
        "trip_and_reserve_energy_at_end_of_life_kwh"
    );
}

/// Seok et al. 2015: the MIT Cheetah at 6 m/s with a total cost of transport of 0.5 draws
/// 0.5 × m × 9.807 × 6 W (the cost of transport's definition; 970.9 W at their 33 kg). The
/// robot carries its battery, so m is the robot without it plus the battery sized for the run
/// (a fixed point), and the battery's share of m is the shift's battery mass per kg of robot.
#[test]
fn legged_robot_power_from_cost_of_transport() {
    let d = data();
    let e = run(&d, "legged-cheetah", "NMC811-G", Ageing::Skip);
    let mass = e.figures["robot_mass_kg"];
    close(
        e.figures["power_w"],
        0.5 * mass * 9.80665 * 6.0,
        1e-9,
        "power",
    );
    close(
        mass,
        26.4 + e.battery.mass_kg,
        1e-9,
        "robot carries its battery",
    );
    close(
        e.figures["battery_mass_share"],
        e.battery.mass_kg / mass,
        1e-9,
        "share of the whole robot",
    );
    // At Seok's 33 kg the same law gives their 970.9 W (tolerance 0.1%).
    close(
        0.5 * 33.0 * 9.80665 * 6.0,
        970.9,
        0.001,
        "Seok et al.'s figure",
    );
    close(
        e.figures["runtime_h"],
        1.0 / 0.8,
        1e-9,
        "runtime at beginning of life (sized for end of life)",
    );
}

/// The battery mass budget (Unitree B2's 20%, data/missions.toml) rules out a chemistry too
/// heavy to carry its own run: LFP-G needs about a quarter of the robot; NMC811-G fits.
#[test]
fn a_robot_battery_above_its_mass_budget_fails() {
    let d = data();
    let lfp = run(&d, "legged-cheetah", "LFP-G", Ageing::Skip);
    assert_eq!(lfp.status, Status::Infeasible);
    let failed = lfp.failed.unwrap();
    assert_eq!(failed.name, "battery_mass_share");
    assert_eq!(failed.needed, 0.20);
    assert!(failed.available > 0.20);
    let nmc = run(&d, "legged-cheetah", "NMC811-G", Ageing::Skip);
    assert!(nmc.figures["battery_mass_share"] < 0.20);
}

/// The LEO worked example's sizing rule (atlasofengineering eclipse power budget): energy per
/// eclipse = load × eclipse ÷ discharge efficiency; nameplate = that ÷ (EOL DOD × EOL
/// capacity). With the preset's 150 W load: 95.11 Wh and 339.7 Wh. The example's own load
/// table was not readable here, so its printed result is not the reference.
#[test]
fn leo_sizing_follows_the_eclipse_budget_rule() {
    let d = data();
    let e = run(&d, "leo-smallsat", "LFP-G", Ageing::Skip);
    close(
        e.figures["energy_per_eclipse_wh"],
        150.0 * 35.0 / 60.0 / 0.92,
        1e-9,
        "eclipse energy",
    );
    close(
        e.figures["nameplate_energy_wh"],
        150.0 * 35.0 / 60.0 / 0.92 / (0.35 * 0.8),
        1e-9,
        "nameplate",
    );
    close(
        e.figures["cycles_per_year"],
        365.0 * 24.0 * 60.0 / 96.0,
        1e-9,
        "cycles",
    );
}

/// The assessment: deep LEO cycling (5,475 cycles a year) rules out short-lived chemistries.
/// The ageing models say so only outside their tests (the NMC family's band straddles the
/// end of life; Li-S's 200-cycle rating is run to about 300 equivalent cycles before it
/// fails), so the verdicts are uncertain, never feasible, and say why.
#[test]
fn leo_cycling_rules_out_short_lived_chemistries() {
    let d = data();
    for couple in ["NMC811-G", "Li-S"] {
        let e = run(&d, "leo-smallsat", couple, Ageing::Simulate);
        assert_eq!(e.status, Status::Uncertain, "{couple}");
        let decisive = e.decisive.unwrap();
        assert_eq!(decisive.name, "capacity_at_end_of_mission");
        assert!(!decisive.met, "{couple}");
        assert!(e.uncertain_because.is_some());
    }
    let lto = run(&d, "leo-smallsat", "NMC-LTO", Ageing::Simulate);
    assert_ne!(lto.status, Status::Infeasible);
    assert!(lto.decisive.unwrap().met);
}

/// The assessment: LFP and sodium-ion fit grid storage.
#[test]
fn lfp_and_sodium_fit_grid_storage() {
    let d = data();
    for couple in ["LFP-G", "NaNFM-HC"] {
        let e = run(&d, "grid-4h", couple, Ageing::Simulate);
        assert_eq!(e.status, Status::Feasible, "{couple}: {:?}", e.failed);
        let lcos = e.figures["lcos_usd_per_mwh"];
        let parts: f64 = [
            "lcos_capital_usd_per_mwh",
            "lcos_om_usd_per_mwh",
            "lcos_augmentation_usd_per_mwh",
            "lcos_charging_usd_per_mwh",
        ]
        .iter()
        .map(|k| e.figures[k])
        .sum();
        close(parts, lcos, 1e-9, "breakdown sums to LCOS");
    }
}

/// Charging alone costs price ÷ round-trip efficiency per MWh delivered: 30 / 0.826 (PNNL's
/// lithium-ion round trip, the grid default), whatever the discounting, since the energy is
/// kept by augmentation.
#[test]
fn grid_charging_term_is_price_over_efficiency() {
    let d = data();
    let e = run(&d, "grid-4h", "LFP-G", Ageing::Simulate);
    close(
        e.figures["lcos_charging_usd_per_mwh"],
        30.0 / 0.826,
        1e-9,
        "charging",
    );
}

/// PNNL's 2021 installed cost of a 100 MW / 400 MWh LFP system is 381.6 $/kWh from its
/// components (storage block 167.25, other energy items 187.96 $/kWh, power items 105.61 $/kW
/// over 4 h; a secondary summary of the report's text gives 385). With PNNL's storage block in
/// place of the factory layer's pack and PNNL's depth (the usable energy is the rated energy
/// here), the grid model reproduces it within 0.1%.
#[test]
fn grid_capital_follows_pnnls_lfp_components() {
    let d = data();
    let text = "kind = \"grid\"\npower_mw = 100\nduration_h = 4\ncycles_per_day = 1\nyears = 20\ndiscount_rate = 0.0649\ncharging_price_usd_per_mwh = 30\nmax_dod = 1.0\ntemperature_c = 25\n";
    let m = read_spec(&d, "pnnl.toml", text).unwrap();
    let factory = Factory::load(&d, DEFAULT_COST_MODEL).unwrap();
    let mut b = Battery::of(&d, &factory, "LFP-G").unwrap();
    b.pack_usd_per_kwh = 167.25;
    let e = evaluate(&d, &m, &b, Ageing::Skip).unwrap();
    close(
        e.figures["capex_usd_per_kwh"],
        381.6,
        0.001,
        "installed cost",
    );
}

#[test]
fn every_default_used_is_listed() {
    let d = data();
    let e = run(&d, "evtol-kasliwal", "NMC811-G", Ageing::Skip);
    let keys: Vec<&str> = e.defaults_used.iter().map(|u| u.key.as_str()).collect();
    assert!(keys.contains(&"air_density_kg_per_m3"), "{keys:?}");
    assert!(keys.contains(&"eol_capacity_fraction"), "{keys:?}");
    assert!(keys.contains(&"cell_to_pack_mass_fraction"), "{keys:?}");
}

#[test]
fn a_spec_file_is_checked_like_a_preset_with_lines() {
    let d = data();
    let text = "kind = \"leo\"\norbit_period_min = 96\neclipse_min = 35\nload_w = -5\nbus_voltage_v = 28\nmax_dod = 0.35\neol_capacity_fraction = 0.8\ndischarge_efficiency = 0.92\ncharge_efficiency = 0.9\nyears = 5\nwings = 2\n";
    let err = read_spec(&d, "my.toml", text).unwrap_err().to_string();
    assert!(
        err.contains("my.toml:4:") && err.contains("load_w"),
        "{err}"
    );
    assert!(
        err.contains("my.toml:11:") && err.contains("wings"),
        "{err}"
    );
    assert!(
        err.contains("temperature_c"),
        "missing required key named: {err}"
    );
    let ok = read_spec(
        &d,
        "dir/leo.toml",
        &text
            .replace("load_w = -5", "load_w = 150")
            .replace("wings = 2\n", "temperature_c = 20\n"),
    )
    .unwrap();
    assert_eq!(ok.id, "leo");
}

/// Simulated on the LG M50's published parameters (Chen et al. 2020), a fresh energy cell
/// carries the Kasliwal trip and its reserve but cannot then deliver the landing hover
/// (about 3.4C of power): the depleted-pack landing is the limit, as the power requirement
/// alone (BatPaC's pulse power of the reference design) does not show.
#[test]
fn an_energy_cell_cannot_land_an_evtol_after_its_reserve() {
    let d = data();
    let e = run(&d, "evtol-kasliwal", "NMC811-SiG", Ageing::Simulate);
    let sim = e
        .requirements
        .iter()
        .find(|r| r.name == "simulated_duty_completed_fraction")
        .expect("simulated");
    assert!(!sim.met && sim.available > 0.95, "{sim:?}");
    assert!(
        e.notes.iter().any(|n| n.contains("landing hover")),
        "{:?}",
        e.notes
    );
}

#[test]
fn an_lfp_cell_ends_a_leo_eclipse_above_its_cut_off() {
    let d = data();
    let e = run(&d, "leo-smallsat", "LFP-G", Ageing::Simulate);
    let v = e.figures["end_of_eclipse_cell_voltage_v"];
    assert!(v > 2.0 && v < 3.6, "{v}");
}

/// The LEO preset cycles about 28% deep, 15 times a day at 20 °C: the NCA fit (Keil et al.
/// 2016, Preger et al. 2020) was tested at 0.8–1.0 depth, so the NCA family's general model
/// runs instead, saying why, and its verdict still says the depth is outside (the family was
/// fitted on the same campaign). NMC811-G, with no fitted model, ages by the NMC family's
/// general model, which follows its anchor (Schmalstieg et al.'s Sanyo NMC111 fit, tested at
/// these depths and temperatures) within 0.015 on this duty: 0.79 after a year, and the run
/// ends where the family leaves its fitted capacities (0.6), with the band around that state.
/// That cell is a 2014 consumer 18650, not a space cell: the verdict rests on it (the missions
/// issue turns such verdicts into `uncertain`).
#[test]
fn the_leo_duty_is_judged_against_each_model_s_tested_range() {
    let d = data();
    let nca = run(&d, "leo-smallsat", "NCA-G", Ageing::Simulate);
    let life = nca.life.expect("NCA-G has a fitted model");
    assert_eq!(life.model, "nca-family");
    let why = life.model_choice.as_deref().unwrap_or_default();
    assert!(
        why.contains("nca-gr-panasonic-3ah") && why.contains("dod"),
        "{why}"
    );
    assert_eq!(life.within_tested_range.by_stressor.dod, Some(false));
    assert!(!life.within_tested_range.overall);
    let nmc = run(&d, "leo-smallsat", "NMC811-G", Ageing::Simulate);
    let life = nmc.life.expect("NMC811-G ages by its family");
    assert_eq!(life.model_kind, "family");
    let band = life
        .capacity_band_at_end
        .expect("a family model has a band");
    assert!(band.low <= life.capacity_at_end && life.capacity_at_end <= band.high);
    assert!(life.capacity_at_end >= 0.6, "{}", life.capacity_at_end);
    assert!(
        life.warnings.iter().any(|w| w.contains("ended early")),
        "{:?}",
        life.warnings
    );
}
