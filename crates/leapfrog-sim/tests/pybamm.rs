//! leapfrog's SPM and SPMe against PyBaMM 26.6 with the Chen2020 and Prada2013 parameter sets
//! (fixture written by benches/peers/pybamm_reference.py): within 5 mV RMS of the same model's
//! voltage over each experiment, and within 0.5% on end time and discharged capacity.

use leapfrog_data::Dataset;
use leapfrog_sim::{run, Cell, Model, ModelKind, Outcome, Step};
use serde_json::Value;

const FIXTURE: &str = include_str!("fixtures/pybamm_reference.json");
const RMSE_LIMIT_V: f64 = 0.005;
const RELATIVE_LIMIT: f64 = 0.005;

fn model(kind: &str, set: &str) -> Model {
    let data = Dataset::embedded().unwrap();
    let kind = if kind == "spm" {
        ModelKind::Spm
    } else {
        ModelKind::Spme
    };
    Model::new(kind, Cell::load(&data, set).unwrap())
}

/// leapfrog's voltage at time `t` within one step's rows (linear between rows).
fn voltage_at(out: &Outcome, first: usize, last: usize, t: f64) -> f64 {
    let rows = &out.rows[first..=last];
    let k = rows
        .partition_point(|r| r.time_s < t)
        .clamp(1, rows.len() - 1);
    let (a, b) = (rows[k - 1], rows[k]);
    if b.time_s <= a.time_s {
        return b.voltage_v;
    }
    let w = ((t - a.time_s) / (b.time_s - a.time_s)).clamp(0.0, 1.0);
    a.voltage_v + w * (b.voltage_v - a.voltage_v)
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
        let out = run(&model(case["model"].as_str().unwrap(), set), &steps, 1).unwrap();
        let (mut sq, mut n) = (0.0, 0usize);
        for (k, s) in case["steps"].as_array().unwrap().iter().enumerate() {
            let summary = &out.steps[k];
            let times = s["time_s"].as_array().unwrap();
            let volts = s["voltage_v"].as_array().unwrap();
            for (t, v) in times.iter().zip(volts) {
                let t = t.as_f64().unwrap().min(summary.end_time_s);
                let e =
                    voltage_at(&out, summary.first_row, summary.last_row, t) - v.as_f64().unwrap();
                sq += e * e;
                n += 1;
            }
        }
        let rmse = (sq / n as f64).sqrt();
        let end = case["end_time_s"].as_f64().unwrap();
        let end_err = (out.summary.end_time_s - end) / end;
        let q_ref = case["discharge_capacity_ah"].as_f64().unwrap();
        let q_net: f64 = out.steps.iter().map(|s| s.capacity_ah).sum();
        let q_err = (q_net - q_ref) / q_ref.abs().max(out.summary.discharge_capacity_ah);
        let line = format!(
            "{name}: rmse {:.2} mV, end time {:+.3}%, capacity {:+.3}%",
            1000.0 * rmse,
            100.0 * end_err,
            100.0 * q_err
        );
        if rmse > RMSE_LIMIT_V || end_err.abs() > RELATIVE_LIMIT || q_err.abs() > RELATIVE_LIMIT {
            failures.push(line);
        }
        checked += 1;
    }
    assert_eq!(checked, 20);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
