//! Prints leapfrog's deviation from the PyBaMM fixture, case by case (the numbers the
//! reference test holds to its limits): `cargo run --release -p leapfrog-sim --example ref_report`.

// A report is a program: it prints its result.
#![allow(clippy::print_stdout)]

use leapfrog_data::Dataset;
use leapfrog_sim::{run, Cell, Model, ModelKind, Step};

fn main() {
    let fixture: serde_json::Value =
        serde_json::from_str(include_str!("../tests/fixtures/pybamm_reference.json"))
            .expect("fixture");
    let data = Dataset::embedded().expect("embedded data");
    for case in fixture["cases"].as_array().expect("cases") {
        let set = case["parameter_set"].as_str().expect("set");
        let kind = if case["model"] == "spm" {
            ModelKind::Spm
        } else {
            ModelKind::Spme
        };
        let cell = match set.strip_prefix("bpx:") {
            Some(name) => {
                let path = format!(
                    "{}/../../tests/fixtures/bpx/{name}.json",
                    env!("CARGO_MANIFEST_DIR")
                );
                let text = std::fs::read_to_string(&path).expect("BPX fixture");
                Cell::from_record(&leapfrog_sim::bpx::read(&path, name, &text).expect("BPX"))
            }
            None => Cell::load(&data, set).expect("set"),
        };
        let thermal = case["thermal"] == "lumped";
        let model = if thermal {
            Model::lumped(kind, cell).expect("thermal data")
        } else {
            Model::new(kind, cell)
        };
        let cases = case["steps"].as_array().expect("steps");
        let steps: Vec<Step> = cases
            .iter()
            .map(|s| Step::parse(s["step"].as_str().expect("step")).expect("parses"))
            .collect();
        let out = run(&model, &steps, 1).expect("runs");
        let (mut sq, mut sq_t, mut n) = (0.0, 0.0, 0usize);
        for (k, s) in cases.iter().enumerate() {
            let summary = &out.steps[k];
            let rows = &out.rows[summary.first_row..=summary.last_row];
            let times = s["time_s"].as_array().expect("times");
            let temps = s["temperature_k"].as_array().expect("temperatures");
            for ((t, v), kelvin) in times
                .iter()
                .zip(s["voltage_v"].as_array().expect("volts"))
                .zip(temps)
            {
                let t = t.as_f64().expect("t").min(summary.end_time_s);
                let i = rows
                    .partition_point(|r| r.time_s < t)
                    .clamp(1, rows.len() - 1);
                let (a, b) = (rows[i - 1], rows[i]);
                let w = if b.time_s > a.time_s {
                    ((t - a.time_s) / (b.time_s - a.time_s)).clamp(0.0, 1.0)
                } else {
                    1.0
                };
                let e = a.voltage_v + w * (b.voltage_v - a.voltage_v) - v.as_f64().expect("v");
                let t_k = a.temperature_c + w * (b.temperature_c - a.temperature_c) + 273.15;
                let e_t = t_k - kelvin.as_f64().expect("T");
                sq += e * e;
                sq_t += e_t * e_t;
                n += 1;
            }
        }
        let end = case["end_time_s"].as_f64().expect("end");
        println!(
            "{} {set} {}: rmse {:.2} mV, {:.3} K, end time {:+.3}%",
            case["model"].as_str().expect("model"),
            case["experiment"].as_str().expect("experiment"),
            1000.0 * (sq / n as f64).sqrt(),
            (sq_t / n as f64).sqrt(),
            100.0 * (out.summary.end_time_s - end) / end
        );
    }
}
