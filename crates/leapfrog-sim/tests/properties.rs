//! Laws the models keep: lithium conserved, more current never more capacity, the experiment
//! parser reading back what it writes.

use leapfrog_data::Dataset;
use leapfrog_sim::{run, Cell, Drive, Model, ModelKind, Step, Until};
use proptest::prelude::*;
use std::sync::OnceLock;

fn models() -> &'static [Model; 2] {
    static M: OnceLock<[Model; 2]> = OnceLock::new();
    M.get_or_init(|| {
        let data = Dataset::embedded().unwrap();
        let cell = Cell::load(&data, "chen2020").unwrap();
        [
            Model::new(ModelKind::Spm, cell.clone()),
            Model::new(ModelKind::Spme, cell),
        ]
    })
}

/// Lithium held by an electrode's particles, Ah.
fn stored_ah(m: &Model, s: &leapfrog_sim::State) -> (f64, f64) {
    let c = &m.cell;
    let (xn, xp) = m.mean_stoichiometry(s);
    let solid = |e: &leapfrog_sim::params::Electrode, x: f64| {
        let volume =
            e.specific_area_per_m * e.particle_radius_m / 3.0 * e.thickness_m * c.electrode_area_m2;
        x * e.max_concentration * volume * leapfrog_sim::params::FARADAY_C_PER_MOL / 3600.0
    };
    (solid(&c.negative, xn), solid(&c.positive, xp))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any text is read or refused with a reason, never a panic.
    #[test]
    fn any_text_is_read_or_refused(text in "\\PC{0,60}", words in proptest::collection::vec("(discharge|charge|rest|hold|at|for|until|or|[0-9.]{1,4}|c/[0-9]{1,3}|[0-9.]+ ?(c|a|w|v|s|minutes|hours))", 0..8)) {
        for t in [text, words.join(" ")] {
            if let Err(e) = Step::parse(&t) {
                prop_assert!(e.to_string().contains("allowed"));
            }
        }
    }

    /// The charge passed leaves the negative particles and enters the positive ones, exactly.
    #[test]
    fn charge_is_conserved(
        which in 0usize..2,
        steps in proptest::collection::vec((-10.0..10.0f64, 0.1..300.0f64), 1..12),
    ) {
        let m = &models()[which];
        let mut s = m.initial_state();
        let (n0, p0) = stored_ah(m, &s);
        let mut passed_ah = 0.0;
        for (k, (current, dt)) in steps.iter().enumerate() {
            s = m.advance(&s, *dt, *current, k == 0 || steps[k - 1].0 != *current);
            passed_ah += current * dt / 3600.0;
        }
        let (n1, p1) = stored_ah(m, &s);
        prop_assert!((n0 - n1 - passed_ah).abs() < 1e-9 * n0, "negative {} vs {}", n0 - n1, passed_ah);
        prop_assert!((p1 - p0 - passed_ah).abs() < 1e-9 * p0, "positive {} vs {}", p1 - p0, passed_ah);
    }

    /// Isothermal: a higher discharge rate never delivers more capacity to the cut-off.
    #[test]
    fn more_current_never_more_capacity(which in 0usize..2, c_rate in 0.2..2.5f64, extra in 0.05..1.5f64) {
        let m = &models()[which];
        let cap = |c: f64| {
            let step = Step { text: format!("Discharge at {c}C until 2.5 V"), drive: Drive::CRate(c), duration_s: None, until: Some(Until::VoltageV(2.5)), file: None, profile: None };
            run(m, &[step], 1).unwrap().summary.discharge_capacity_ah
        };
        prop_assert!(cap(c_rate + extra) <= cap(c_rate) * (1.0 + 1e-9));
    }

    /// Every step the parser can write, it reads back the same.
    #[test]
    fn steps_round_trip(
        kind in 0usize..6,
        value in 0.01..50.0f64,
        duration in proptest::option::of(1.0..1.0e5f64),
        until_kind in 0usize..3,
        until_value in 0.01..5.0f64,
    ) {
        let drive = match kind {
            0 => Drive::CRate(value),
            1 => Drive::CRate(-value),
            2 => Drive::CurrentA(value),
            3 => Drive::PowerW(-value),
            4 => Drive::Rest,
            _ => Drive::VoltageV(value.min(5.0)),
        };
        let until = match (kind, until_kind) {
            (4, _) => None,
            (5, 0) => Some(Until::CRate(until_value)),
            (5, _) => Some(Until::CurrentA(until_value)),
            (_, 0) if duration.is_some() => None,
            _ => Some(Until::VoltageV(until_value)),
        };
        let duration = if kind == 4 { Some(duration.unwrap_or(60.0)) } else { duration };
        let step = Step { text: String::new(), drive, duration_s: duration, until, file: None, profile: None };
        let text = step.canonical();
        let back = Step::parse(&text).unwrap();
        prop_assert_eq!(back.drive, step.drive, "{}", text);
        prop_assert_eq!(back.duration_s, step.duration_s, "{}", text);
        prop_assert_eq!(back.until, step.until, "{}", text);
    }
}

#[test]
fn unreadable_steps_name_themselves_and_the_forms_allowed() {
    for bad in [
        "Discharge at 1C",
        "Discharge at fast until 2.5 V",
        "Rest",
        "Hold at 4.2 V until 3 V",
        "Sing at 1C for 3 minutes",
        "Charge at 1C until 4.2 V until 4.1 V",
    ] {
        let e = Step::parse(bad).unwrap_err().to_string();
        assert!(e.contains(bad) && e.contains("allowed"), "{e}");
    }
}

/// At zero current a cell at rest keeps its open-circuit voltage.
#[test]
fn a_cell_at_rest_sits_at_its_open_circuit_voltage() {
    for m in models() {
        let s = m.advance(&m.initial_state(), 3600.0, 0.0, true);
        let ocv = m.open_circuit_voltage(&s).unwrap();
        assert!((m.voltage(&s, 0.0).unwrap() - ocv).abs() < 1e-9);
    }
}

/// The stoichiometry window puts 0% and 100% SOC at rest on the two cut-off voltages.
#[test]
fn the_soc_window_ends_at_the_cut_off_voltages() {
    let data = Dataset::embedded().unwrap();
    for set in ["chen2020", "prada2013"] {
        let cell = Cell::load(&data, set).unwrap();
        let m = Model::new(ModelKind::Spm, cell.clone());
        let w = leapfrog_sim::soh::Window::of(&cell).unwrap();
        for (soc, v) in [(0.0, cell.lower_voltage_v), (1.0, cell.upper_voltage_v)] {
            let ocv = m.open_circuit_voltage(&m.state_at_soc(soc, &w)).unwrap();
            assert!((ocv - v).abs() < 1e-6, "{set} at {soc}: {ocv} V");
        }
        assert!(
            w.capacity_ah > 0.8 * cell.nominal_capacity_ah,
            "{set}: {} Ah",
            w.capacity_ah
        );
    }
}

/// A drive profile of constant current is the same as the fixed-current step.
#[test]
fn a_flat_drive_profile_is_a_constant_current_step() {
    use leapfrog_sim::{DriveProfile, ProfileUnit};
    for m in models() {
        let mut run_step = Step::parse("Run flat.csv (A)").unwrap();
        let csv = "time_s,voltage_v,current_a\n0,4,5\n300,4,5\n600,4,5\n";
        run_step.profile = Some(std::sync::Arc::new(
            DriveProfile::from_csv("flat.csv", csv, ProfileUnit::A).unwrap(),
        ));
        let a = run(m, &[run_step], 1).unwrap();
        let b = run(
            m,
            &[Step::parse("Discharge at 5 A for 10 minutes").unwrap()],
            1,
        )
        .unwrap();
        let (va, vb) = (
            a.rows.last().unwrap().voltage_v,
            b.rows.last().unwrap().voltage_v,
        );
        assert!((va - vb).abs() < 2e-4, "{va} vs {vb}");
        assert!((a.summary.discharge_capacity_ah - b.summary.discharge_capacity_ah).abs() < 1e-9);
    }
}

/// The equivalent circuit at rest relaxes to the open-circuit voltage.
#[test]
fn the_ecm_at_rest_relaxes_to_its_open_circuit_voltage() {
    let data = Dataset::embedded().unwrap();
    let ecm = Model::build(ModelKind::Ecm, Cell::load(&data, "chen2020").unwrap()).unwrap();
    let steps = [
        Step::parse("Discharge at 2C for 10 minutes").unwrap(),
        Step::parse("Rest for 5 hours").unwrap(),
    ];
    let out = run(&ecm, &steps, 1).unwrap();
    let last = out.rows.last().unwrap();
    let w = ecm.window.clone().unwrap();
    let ocv = ecm
        .open_circuit_voltage(&ecm.state_at_soc(last.soc, &w))
        .unwrap();
    assert!(
        (last.voltage_v - ocv).abs() < 1e-3,
        "{} V against {ocv} V",
        last.voltage_v
    );
}

/// The circuit follows the SPMe it was fitted to through a whole 1C discharge of chen2020
/// within 40 mV RMS and 3% of capacity (measured 35.7 mV, +2.1%). A two-pair circuit fitted to
/// five-minute pulses cannot do much better: the positive particles' diffusion time (R²/D,
/// about 6800 s) is far beyond the pulse, so the slow polarization a long discharge builds is
/// missing. For prada2013 the graphite's (about 8300 s) makes it worse still (86 mV, +18%),
/// which is why that set is not held to these bounds.
#[test]
fn the_ecm_follows_its_spme() {
    let data = Dataset::embedded().unwrap();
    let set = "chen2020";
    let cell = Cell::load(&data, set).unwrap();
    let cutoff = cell.lower_voltage_v;
    let step = [Step::parse(&format!("Discharge at 1C until {cutoff} V")).unwrap()];
    let spme = run(&Model::new(ModelKind::Spme, cell.clone()), &step, 1).unwrap();
    let ecm = run(&Model::build(ModelKind::Ecm, cell).unwrap(), &step, 1).unwrap();
    let end = spme.summary.end_time_s.min(ecm.summary.end_time_s) * 0.95;
    let at = |rows: &[leapfrog_sim::Row], t: f64| {
        let k = rows
            .partition_point(|r| r.time_s < t)
            .clamp(1, rows.len() - 1);
        let (a, b) = (rows[k - 1], rows[k]);
        let w = if b.time_s > a.time_s {
            (t - a.time_s) / (b.time_s - a.time_s)
        } else {
            1.0
        };
        a.voltage_v + w * (b.voltage_v - a.voltage_v)
    };
    let n = 200;
    let sq: f64 = (1..n)
        .map(|k| {
            let t = end * k as f64 / n as f64;
            (at(&ecm.rows, t) - at(&spme.rows, t)).powi(2)
        })
        .sum();
    let rmse = (sq / (n - 1) as f64).sqrt();
    let q = ecm.summary.discharge_capacity_ah / spme.summary.discharge_capacity_ah - 1.0;
    assert!(
        rmse < 0.04 && q.abs() < 0.03,
        "{set}: {:.1} mV, capacity {:+.1}%",
        1000.0 * rmse,
        100.0 * q
    );
}

proptest! {
    /// Any text is read as a BPX function or refused; never a panic. Any damage to a BPX file
    /// is imported or refused with a message; never a panic.
    #[test]
    fn bpx_functions_and_files_are_read_or_refused(text in ".{0,60}", cut in 0usize..3300, junk in "[ -~]{0,8}") {
        let _ = leapfrog_sim::bpx::parse(&text);
        let file = include_str!("../../../tests/fixtures/bpx/nmc_pouch_cell.json");
        let cut = cut.min(file.len());
        let cut = (0..=cut).rev().find(|&k| file.is_char_boundary(k)).unwrap_or(0);
        let damaged = format!("{}{junk}{}", &file[..cut], &file[cut..]);
        if let Err(e) = leapfrog_sim::bpx::read("cell.json", "cell", &damaged) {
            prop_assert!(e.to_string().contains("cell.json") || e.to_string().contains("parameter set"), "{e}");
        }
    }
}

/// A power step that meets the voltage safeguard where the step before it ended takes no time
/// and yields no NaN (a mission's reserve run to exhaustion after an idle descent did).
#[test]
fn a_limit_met_at_the_start_of_a_step_ends_it_there() {
    let data = Dataset::embedded().unwrap();
    let model = Model::build(ModelKind::Spme, Cell::load(&data, "prada2013").unwrap()).unwrap();
    let power = |w: f64, s: f64| Step {
        text: format!("Discharge at {w} W for {s} seconds"),
        drive: Drive::PowerW(w),
        duration_s: Some(s),
        until: None,
        file: None,
        profile: None,
    };
    let steps = [
        power(35.917073449431335, 30.0),
        power(19.696538052392885, 60.039370078740156),
        power(8.609371931908921, 1371.1231685809628),
        power(0.0, 60.039370078740156),
        power(8.609371931908921, 1200.0),
        power(35.917073449431335, 30.0),
    ];
    let out = leapfrog_sim::simulate::run_from(&model, &steps, 1, Some(1.0)).unwrap();
    assert!(out.stopped_early.is_some());
    assert!(out
        .rows
        .iter()
        .all(|r| r.voltage_v.is_finite() && r.current_a.is_finite()));
}
