//! leapfrog's SPM and SPMe against PyBaMM 26.6 with the Chen2020 and Prada2013 parameter sets
//! and two BPX cells (each tool reading the file with its own import)
//! (fixture written by benches/peers/pybamm_reference.py): within 5 mV RMS of the same model's
//! voltage over each experiment, and within 0.5% on end time and discharged capacity; with the
//! lumped thermal option, also within 0.5 K RMS of its temperature.

use leapfrog_data::Dataset;
use leapfrog_sim::{run, Cell, Model, ModelKind, Outcome, Step};
use serde_json::Value;

const FIXTURE: &str = include_str!("fixtures/pybamm_reference.json");
const RMSE_LIMIT_V: f64 = 0.005;
const RELATIVE_LIMIT: f64 = 0.005;
const TEMPERATURE_LIMIT_K: f64 = 0.5;

fn model(kind: &str, set: &str, thermal: bool) -> Model {
    let data = Dataset::embedded().unwrap();
    let kind = if kind == "spm" {
        ModelKind::Spm
    } else {
        ModelKind::Spme
    };
    let cell = match set.strip_prefix("bpx:") {
        // A BPX file, read by leapfrog's import as PyBaMM read it with its own.
        Some(name) => {
            let path = format!(
                "{}/../../tests/fixtures/bpx/{name}.json",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(&path).unwrap();
            Cell::from_record(&leapfrog_sim::bpx::read(&path, name, &text).unwrap())
        }
        None => Cell::load(&data, set).unwrap(),
    };
    if thermal {
        Model::lumped(kind, cell).unwrap()
    } else {
        Model::new(kind, cell)
    }
}

/// leapfrog's voltage (or, with `temperature`, its temperature in K) at time `t` within one
/// step's rows (linear between rows).
fn value_at(out: &Outcome, first: usize, last: usize, t: f64, temperature: bool) -> f64 {
    let get = |r: &leapfrog_sim::Row| {
        if temperature {
            r.temperature_c + 273.15
        } else {
            r.voltage_v
        }
    };
    let rows = &out.rows[first..=last];
    let k = rows
        .partition_point(|r| r.time_s < t)
        .clamp(1, rows.len() - 1);
    let (a, b) = (rows[k - 1], rows[k]);
    if b.time_s <= a.time_s {
        return get(&b);
    }
    let w = ((t - a.time_s) / (b.time_s - a.time_s)).clamp(0.0, 1.0);
    get(&a) + w * (get(&b) - get(&a))
}

#[test]
fn single_particle_models_follow_pybamm() {
    let fixture: Value = serde_json::from_str(FIXTURE).unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in fixture["cases"].as_array().unwrap() {
        let set = case["parameter_set"].as_str().unwrap();
        let name = format!(
            "{} {set} {}",
            case["model"].as_str().unwrap(),
            case["experiment"].as_str().unwrap()
        );
        let steps: Vec<Step> = case["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| Step::parse(s["step"].as_str().unwrap()).unwrap())
            .collect();
        let thermal = case["thermal"] == "lumped";
        let out = run(
            &model(case["model"].as_str().unwrap(), set, thermal),
            &steps,
            1,
        )
        .unwrap();
        // PyBaMM stops an experiment at a voltage safeguard; so must we, at the same step.
        assert_eq!(
            out.steps.len(),
            case["steps"].as_array().unwrap().len(),
            "{name}"
        );
        let (mut sq, mut sq_t, mut n) = (0.0, 0.0, 0usize);
        for (k, s) in case["steps"].as_array().unwrap().iter().enumerate() {
            let summary = &out.steps[k];
            let times = s["time_s"].as_array().unwrap();
            let volts = s["voltage_v"].as_array().unwrap();
            let temps = s["temperature_k"].as_array().unwrap();
            for ((t, v), kelvin) in times.iter().zip(volts).zip(temps) {
                let t = t.as_f64().unwrap().min(summary.end_time_s);
                let at = |temperature| {
                    value_at(&out, summary.first_row, summary.last_row, t, temperature)
                };
                let e = at(false) - v.as_f64().unwrap();
                let e_t = at(true) - kelvin.as_f64().unwrap();
                sq += e * e;
                sq_t += e_t * e_t;
                n += 1;
            }
        }
        let rmse = (sq / n as f64).sqrt();
        let rmse_t = (sq_t / n as f64).sqrt();
        let end = case["end_time_s"].as_f64().unwrap();
        let end_err = (out.summary.end_time_s - end) / end;
        let q_ref = case["discharge_capacity_ah"].as_f64().unwrap();
        let q_net: f64 = out.steps.iter().map(|s| s.capacity_ah).sum();
        let q_err = (q_net - q_ref) / q_ref.abs().max(out.summary.discharge_capacity_ah);
        let line = format!(
            "{name}: rmse {:.2} mV, {:.3} K, end time {:+.3}%, capacity {:+.3}%",
            1000.0 * rmse,
            rmse_t,
            100.0 * end_err,
            100.0 * q_err
        );
        if rmse_t > TEMPERATURE_LIMIT_K
            || rmse > RMSE_LIMIT_V
            || end_err.abs() > RELATIVE_LIMIT
            || q_err.abs() > RELATIVE_LIMIT
        {
            failures.push(line);
        }
        checked += 1;
    }
    assert_eq!(checked, 42);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
