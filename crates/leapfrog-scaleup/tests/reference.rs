//! Reference cases: large plants keep BatPaC's result, published small plants, the published
//! scrap trajectory, and the errors a bad path gets.

use leapfrog_cell::{Chemistry, DesignRequest};
use leapfrog_data::{read_path_spec, Dataset};
use leapfrog_factory::{Factory, PlantOptions, DEFAULT_COST_MODEL};
use leapfrog_scaleup::lines;
use leapfrog_scaleup::path::cell_capex_musd;
use leapfrog_scaleup::ramp::RampParameters;
use leapfrog_scaleup::reference::check;
use leapfrog_scaleup::{evaluate, prepare, PathInputs};
use std::sync::OnceLock;

fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| Dataset::embedded().expect("embedded data"))
}

/// (cell capex M$, cell price $/kWh) for a couple at a plant size, with whole lines or not.
fn plant(couple: &str, gwh: f64, with_lines: bool) -> (f64, f64) {
    let d = data();
    let factory = Factory::load(d, DEFAULT_COST_MODEL).unwrap();
    let req = DesignRequest::reference_for(d, couple).unwrap();
    let chem = Chemistry::load(d, &req).unwrap();
    let design = chem.solve(&req.inputs).unwrap();
    let opts = PlantOptions {
        plant_gwh_per_yr: gwh,
        ..PlantOptions::batpac()
    };
    let mut prepared = factory.prepare(&chem, &opts).unwrap();
    if with_lines {
        let variant = d.manufacturing_variant("conventional").unwrap();
        prepared.lines = Some(lines::design(d, &factory, variant, None).unwrap().specs);
    }
    let cost = factory.evaluate(&prepared, &design);
    (cell_capex_musd(&cost), cost.cell_price_usd_per_kwh)
}

/// At BatPaC's reference scale whole lines change capex by less than one line's worth and the
/// cell price by less than 1%: the steady state of a large plant stays BatPaC's.
#[test]
fn large_plants_keep_batpac() {
    for couple in ["NMC811-G", "LFP-G", "NMC622-G"] {
        let (capex_lines, price_lines) = plant(couple, 50.0, true);
        let (capex, price) = plant(couple, 50.0, false);
        let capex_gap = capex_lines / capex - 1.0;
        let price_gap = price_lines / price - 1.0;
        assert!(
            capex_gap.abs() < 0.04,
            "{couple}: capex {capex_lines} vs BatPaC {capex}"
        );
        assert!(
            price_gap.abs() < 0.01,
            "{couple}: price {price_lines} vs BatPaC {price}"
        );
    }
}

/// A pilot plant pays for tools sized from a line by the six-tenths rule and staffs them
/// every shift: its capex and cost per kWh are above BatPaC's power law extrapolated down.
#[test]
fn pilot_plants_cost_more_than_the_power_law_says() {
    for gwh in [0.01, 0.05, 0.2] {
        let (capex_lines, price_lines) = plant("LFP-G", gwh, true);
        let (capex, price) = plant("LFP-G", gwh, false);
        assert!(
            capex_lines > capex,
            "{gwh} GWh: capex {capex_lines} vs {capex}"
        );
        assert!(
            price_lines > price,
            "{gwh} GWh: price {price_lines} vs {price}"
        );
    }
}

/// Published plants. Tolerance ±35% for a whole new-build plant (BatPaC's own ±15% plus the
/// spread of announced figures); plants whose published figure is not a like-for-like capex
/// are checked in the direction their gap must go.
#[test]
fn published_small_plants() {
    let by_id = |id: &str| {
        let r = data().scaleup_reference(id).unwrap();
        check(data(), r)
            .unwrap()
            .ratio
            .expect("an energy plant with a capex")
    };
    // AMTE Power, 1 GWh/yr new build, GBP 200 M (US $245 M).
    let amte = by_id("amte-2020");
    assert!((amte - 1.0).abs() <= 0.35, "AMTE: model/published {}", amte);
    // iM3NY: US $230 M of "manufacturing assets" in a former IBM building. The model's
    // equipment alone must not exceed it (the published assets include fit-out and utilities).
    let im3ny = by_id("im3ny-2021");
    assert!((0.4..=1.0).contains(&im3ny), "iM3NY: {}", im3ny);
    // Lyten Reno: "more than US $1 billion" is a floor, so the model must be at or above it;
    // its on-site cathode and lithium-metal plants are outside the cell plant, so the model
    // may not be more than twice it.
    let lyten = by_id("lyten-reno-2024");
    assert!((1.0..=2.0).contains(&lyten), "Lyten Reno: {}", lyten);
    // Lyten San Leandro: an increment on a line bought from Cuberg; a whole plant of that
    // size must cost more than the increment.
    let leandro = by_id("lyten-san-leandro-2024");
    assert!(leandro > 1.0, "San Leandro: {}", leandro);
}

/// porsche-2025: scrap over 30% at the start of production and 5-12% after several years.
#[test]
fn scrap_follows_the_published_trajectory() {
    let d = data();
    let factory = Factory::load(d, DEFAULT_COST_MODEL).unwrap();
    let ramp = d.ramp("porsche-2025").unwrap();
    let curve = RampParameters::of(ramp, 1.0 - factory.model.cell_yield, 1.0).for_plant(0.0);
    assert!(curve.scrap(0.0) >= 0.30);
    for years in [3.0, 4.0, 5.0, 8.0] {
        let s = curve.scrap(12.0 * years);
        assert!((0.05..=0.12).contains(&s), "{years} years: scrap {s}");
    }
    // Output reaches 95% of nameplate in about three years (BatPaC's ramp years).
    let m = curve.months_to_nameplate();
    assert!((30.0..=40.0).contains(&m), "months to nameplate {m}");
}

fn inputs(path: &str, chemistry: &str) -> PathInputs {
    PathInputs {
        chemistry: chemistry.into(),
        path: data().scaleup_path(path).unwrap().clone(),
        variant: "conventional".into(),
        equipment_control: None,
        region: None,
        credit: None,
        grants: false,
    }
}

/// The start-up path: every stage built, each after the one before, capex per GWh falling
/// with scale, scrap at each new plant lower than at the one before.
#[test]
fn startup_path_runs_in_order() {
    let r = evaluate(&prepare(data(), &inputs("startup-us", "NaNFM-HC")).unwrap());
    assert_eq!(r.stages.len(), 4);
    for w in r.stages.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        assert!(b.build_start_month.unwrap() >= a.production_start_month.unwrap());
        assert!(b.capex_musd_per_gwh < a.capex_musd_per_gwh);
        assert!(b.start_scrap < a.start_scrap);
        assert!(b.steady_usd_per_kwh < a.steady_usd_per_kwh);
    }
    let capital: f64 = r
        .stages
        .iter()
        .map(|s| s.capex_musd + s.ramp_loss_musd)
        .sum();
    assert!((capital - r.capex_and_ramp_loss_musd).abs() < 1e-6 * capital);
    assert!(r
        .months
        .iter()
        .all(|m| m.usd_per_kwh.is_none_or(f64::is_finite)));
}

/// China's equipment controls: a U.S. plant pays more and waits longer; a Chinese one does not.
#[test]
fn equipment_controls_cost_and_delay_outside_china() {
    let mut base = inputs("startup-us", "LFP-G");
    let plain = evaluate(&prepare(data(), &base).unwrap());
    base.equipment_control = Some("cn-2025".into());
    let controlled = evaluate(&prepare(data(), &base).unwrap());
    assert!(controlled.capex_musd > plain.capex_musd);
    assert!(controlled.months_to_last_nameplate > plain.months_to_last_nameplate);
    base.region = Some("CN".into());
    let in_china = prepare(data(), &base).unwrap();
    assert_eq!(in_china.equipment_control, None);
}

/// A gate below the mature scrap rate would never open: refused, naming the stage's field.
#[test]
fn unreachable_gate_is_refused() {
    let mut i = inputs("startup-us", "LFP-G");
    i.path.stages[1].gate_scrap = Some(0.01);
    let e = prepare(data(), &i).unwrap_err().to_string();
    assert!(
        e.contains("stages[1].gate_scrap") && e.contains("0.01"),
        "{e}"
    );
}

/// A path built in code without stages is refused, not evaluated.
#[test]
fn a_path_without_stages_is_refused() {
    let mut i = inputs("startup-us", "LFP-G");
    i.path.stages.clear();
    let e = prepare(data(), &i).unwrap_err().to_string();
    assert!(
        e.contains("stages") && e.contains("at least one stage"),
        "{e}"
    );
}

/// A path file with a bad value: file, line, field, value and what is allowed.
#[test]
fn path_file_errors_name_the_line() {
    let text = "start_year = 2026\nramp = \"porsche-2025\"\nprior_output_gwh = 0\nincumbent_chemistry = \"LFP-G\"\nincumbent_region = \"CN\"\nincumbent_plant_gwh_per_yr = 50\nincumbent_financing = \"corporate\"\nincumbent_learning_series = \"li-ion-pack-experience\"\n\n[[stages]]\nid = \"pilot\"\nplant_gwh_per_yr = -1\nbuild_months = 12\nfinancing = \"venture-equity\"\n";
    let e = read_path_spec(data(), "my-path.toml", text)
        .unwrap_err()
        .to_string();
    assert!(e.contains("my-path.toml:12"), "{e}");
    assert!(
        e.contains("stages[0].plant_gwh_per_yr") && e.contains("-1"),
        "{e}"
    );
    let fixed = text.replace("= -1", "= 0.05");
    let path = read_path_spec(data(), "my-path.toml", &fixed).unwrap();
    assert_eq!(path.id, "my-path");
}

/// One number per quantity: a plant at nameplate and mature scrap, at the same cost of capital
/// and build time, costs the same per kWh in the scale-up layer (whole lines) as in the factory
/// layer's `cost` (BatPaC's power law), within 1%. The established maker's U.S. gigafactory is
/// financed at the U.S. region's own cost of capital, as `cost --region US` prices it.
#[test]
fn a_gigafactory_costs_the_same_in_scaleup_and_cost() {
    let d = data();
    let r = evaluate(&prepare(d, &inputs("incumbent-lfp-us", "LFP-G")).unwrap());
    let stage = r.stages.last().unwrap();
    let region = d.factory_region("US").unwrap();
    assert_eq!(stage.cost_of_capital, region.cost_of_capital);
    let factory = Factory::load(d, DEFAULT_COST_MODEL).unwrap();
    let req = DesignRequest::reference_for(d, "LFP-G").unwrap();
    let chem = Chemistry::load(d, &req).unwrap();
    let design = chem.solve(&req.inputs).unwrap();
    let options = PlantOptions {
        plant_gwh_per_yr: stage.plant_gwh_per_yr,
        region: Some("US".into()),
        processes: Vec::new(),
        price_basis: Some("cn-2024-11".into()),
    };
    let mut plant = factory.prepare(&chem, &options).unwrap();
    plant.region.construction_years = 24.0 / 12.0;
    let cost = factory.evaluate(&plant, &design).cell_price_usd_per_kwh;
    let gap = (stage.steady_usd_per_kwh - cost).abs() / cost;
    assert!(
        gap < 0.01,
        "scale-up {} vs cost {cost}: {gap}",
        stage.steady_usd_per_kwh
    );
}
