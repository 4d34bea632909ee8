//! Derives a family's general-model parameters (data/life_models.toml, form `semi_empirical`)
//! from a fitted model of the family: its published fit is run on storage and on cycling over
//! its tested range, and the general form is fitted to what it gives by least squares in
//! logarithms (calendar: ln q = ln k + z ln t − Ea/R (1/T − 1/T_ref) + b (SOC − ½); cycling:
//! ln q = ln L + p ln(n·f_C/N_ref) + p k ln(DoD/DoD_ref) − p Ea/R (1/T − 1/T_ref), with the linear
//! rate factor f_C = 1 + c (C − C_ref) and c found by a search over a grid).
//! Prints the parameters, the fit's worst error and the other models' ratios for the band.
//! `cargo run --release -p leapfrog-life --example fit_family -- ANCHOR [OTHER…]`

// A derivation script is a program: it prints its result.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

use leapfrog_data::{Dataset, LifeModel};
use leapfrog_life::{CycleSpec, Life, Profile, Stop};

const R: f64 = 8.314_462_618;
const T_REF_K: f64 = 298.15;
const YEARS: [f64; 5] = [0.5, 1.0, 2.0, 5.0, 10.0];

fn storage(soc: f64, t_c: f64) -> Profile {
    Profile {
        time_s: vec![0.0, 86_400.0],
        soc: vec![soc, soc],
        temperature_c: vec![t_c, t_c],
    }
}

/// Equivalent full cycles the cycling fit is made at: the span of a cycling campaign.
const EFCS: [f64; 5] = [100.0, 300.0, 1000.0, 2000.0, 3000.0];

/// Loss states at each of `YEARS`: (calendar, cycling, capacity).
fn run(m: &LifeModel, p: &Profile) -> Vec<(f64, f64, f64)> {
    run_to(
        m,
        p,
        &YEARS.map(|y| Stop {
            years: Some(y),
            ..Default::default()
        }),
    )
}

/// Loss states at each stop (a stop's run continues from the one before).
fn run_to(m: &LifeModel, p: &Profile, stops: &[Stop]) -> Vec<(f64, f64, f64)> {
    let Ok(mut life) = Life::new(m, p) else {
        return Vec::new();
    };
    life.blast_compatible(true);
    let mut out = Vec::new();
    for stop in stops {
        let Ok(r) = life.run(stop) else {
            break;
        };
        let (mut cal, mut cyc) = (0.0, 0.0);
        for (name, v) in &r.final_states {
            if !name.starts_with("q_") {
                continue;
            }
            let sign = if name.contains("gain") { -1.0 } else { 1.0 };
            if name.contains("calendar") {
                cal += sign * v;
            } else {
                cyc += sign * v;
            }
        }
        out.push((cal, cyc, r.summary.final_relative_capacity));
    }
    out
}

/// Least squares of y = ln q on the columns of x, each point weighted by q² (so that errors
/// count in capacity, not in logarithms), by the normal equations and Gaussian elimination.
fn lstsq(x: &[Vec<f64>], y: &[f64]) -> Vec<f64> {
    let n = x[0].len();
    let mut a = vec![vec![0.0; n + 1]; n];
    for (row, yi) in x.iter().zip(y) {
        let w = yi.exp().powi(2);
        for i in 0..n {
            for j in 0..n {
                a[i][j] += w * row[i] * row[j];
            }
            a[i][n] += w * row[i] * yi;
        }
    }
    for c in 0..n {
        let p = (c..n)
            .max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))
            .unwrap_or(c);
        a.swap(c, p);
        for r in 0..n {
            if r != c && a[c][c] != 0.0 {
                let f = a[r][c] / a[c][c];
                let pivot = a[c].clone();
                for (x, p) in a[r].iter_mut().zip(&pivot).skip(c) {
                    *x -= f * p;
                }
            }
        }
    }
    (0..n)
        .map(|i| {
            if a[i][i] != 0.0 {
                a[i][n] / a[i][i]
            } else {
                0.0
            }
        })
        .collect()
}

fn grid(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    (0..n)
        .map(|k| lo + (hi - lo) * k as f64 / (n - 1).max(1) as f64)
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(anchor) = args.first() else {
        eprintln!("usage: fit_family ANCHOR [OTHER…]");
        std::process::exit(1);
    };
    let data = Dataset::embedded().expect("embedded data");
    let m = leapfrog_life::model(&data, anchor).expect("model");
    let [t_lo, t_hi] = m.range_temperature_c;
    let socs: Vec<f64> = [0.0, 0.25, 0.5, 0.75, 1.0].to_vec();
    let temps = grid(t_lo, t_hi, 4);
    // Calendar.
    let (mut x, mut y) = (Vec::new(), Vec::new());
    for &t in &temps {
        for &s in &socs {
            for (k, (cal, _, _)) in run(m, &storage(s, t)).into_iter().enumerate() {
                if cal > 1e-6 {
                    let tk = t + 273.15;
                    let mut row = vec![(365.0 * YEARS[k]).ln(), -(1.0 / tk - 1.0 / T_REF_K) / R];
                    row.extend(socs.iter().map(|n| f64::from(u8::from(*n == s))));
                    x.push(row);
                    y.push(cal.ln());
                }
            }
        }
    }
    let b = lstsq(&x, &y);
    let worst = x
        .iter()
        .zip(&y)
        .map(|(r, yi)| {
            let f: f64 = r.iter().zip(&b).map(|(a, c)| a * c).sum();
            if std::env::var("FIT_VERBOSE").is_ok() {
                eprintln!("cal row {r:?}: fit {:.4} model {:.4}", f.exp(), yi.exp());
            }
            (f.exp() - yi.exp()).abs()
        })
        .fold(0.0, f64::max);
    println!(
        "cal_k_per_day_pow_z = {:.6e}\ncal_z = {:.4}\ncal_ea_j_per_mol = {:.0}\ncal_soc_factor_at_0 = {:.4}\ncal_soc_factor_at_25 = {:.4}\ncal_soc_factor_at_75 = {:.4}\ncal_soc_factor_at_100 = {:.4}\n# calendar: {} points, worst error {:.4} of capacity",
        b[4].exp(),
        b[0],
        b[1],
        (b[2] - b[4]).exp(),
        (b[3] - b[4]).exp(),
        (b[5] - b[4]).exp(),
        (b[6] - b[4]).exp(),
        y.len(),
        worst
    );
    // Cycling: full cycles of each depth centred in the tested SOC window, charge and discharge
    // at the same rate.
    let dods = grid(m.range_dod[0].max(0.1), m.range_dod[1].min(1.0), 3);
    let c_max = m.range_charge_c_rate.min(m.range_discharge_c_rate).max(0.1);
    let rates = grid(0.3 * c_max, c_max, 3);
    let c_ref = rates[1];
    // Cycling back to back (no rests), so that a model that averages its C-rate over the day
    // sees the rate of the cycles.
    let cycling = |d: f64, c: f64, t: f64| {
        let per_day = (24.0 / (2.0 * d / c)).floor().max(1.0);
        let spec = CycleSpec {
            dod: d,
            soc_max: (0.5 + d / 2.0).min(1.0),
            charge_c: c,
            discharge_c: c,
            per_day,
            rest_h: 0.0,
            temperature_c: t,
        };
        (per_day, spec.day_every(120.0))
    };
    let mut warm = Vec::new();
    let mut cold = Vec::new();
    for &t in &temps {
        for &d in &dods {
            for &c in &rates {
                let (per_day, profile) = cycling(d, c, t);
                let stops = EFCS.map(|e| Stop {
                    efc: Some(e),
                    ..Default::default()
                });
                let _ = per_day;
                for (k, (_, cyc, _)) in run_to(m, &profile, &stops).into_iter().enumerate() {
                    if cyc > 1e-6 {
                        let tk = t + 273.15;
                        let n = EFCS[k] / d;
                        if t < 25.0 {
                            cold.push((n, d, c, tk, cyc.ln()));
                        } else {
                            warm.push((n, d, c, tk, cyc.ln()));
                        }
                    }
                }
            }
        }
    }
    if warm.len() < 6 {
        println!("# cycling: too few points ({})", warm.len());
        return;
    }
    let f_c = |k: f64, c: f64| (1.0 + k * (c - c_ref)).max(0.1);
    let design = |k: f64| -> (Vec<Vec<f64>>, Vec<f64>) {
        warm.iter()
            .map(|&(n, d, c, tk, y)| {
                (
                    vec![
                        1.0,
                        (n * f_c(k, c)).ln(),
                        d.ln(),
                        -(1.0 / tk - 1.0 / T_REF_K) / R,
                    ],
                    y,
                )
            })
            .unzip()
    };
    let sse = |k: f64| -> f64 {
        let (x, y) = design(k);
        let b = lstsq(&x, &y);
        x.iter()
            .zip(&y)
            .map(|(r, yi)| {
                let f: f64 = r.iter().zip(&b).map(|(a, c)| a * c).sum();
                (f.exp() - yi.exp()).powi(2)
            })
            .sum()
    };
    let k_c = (0..=100)
        .map(|i| 0.05 * i as f64)
        .min_by(|a, b| sse(*a).total_cmp(&sse(*b)))
        .unwrap_or(0.0);
    let (x, y) = design(k_c);
    let b = lstsq(&x, &y);
    let p = b[1];
    let loss: f64 = 0.2;
    // The plating term from the cold points: the Ea that best explains their excess damage.
    let arr = |ea: f64, tk: f64| (-(ea / R) * (1.0 / tk - 1.0 / T_REF_K)).exp();
    let cold_error = |ea_pl: f64| -> f64 {
        cold.iter()
            .map(|&(n, d, c, tk, yi)| {
                let row = [1.0, (n * f_c(k_c, c)).ln(), d.ln()];
                let base: f64 = row.iter().zip(&b).map(|(a, c)| a * c).sum();
                let f_t = arr(b[3] / p, tk) + arr(-ea_pl, tk) - 1.0;
                let pred = base + p * f_t.ln();
                (pred.exp() - yi.exp()).powi(2)
            })
            .sum()
    };
    let plating = (0..=400)
        .map(|k| 500.0 * k as f64)
        .min_by(|a, b| cold_error(*a).total_cmp(&cold_error(*b)))
        .unwrap_or(0.0);
    let warm_worst = x
        .iter()
        .zip(&y)
        .map(|(r, yi)| {
            let f: f64 = r.iter().zip(&b).map(|(a, c)| a * c).sum();
            if std::env::var("FIT_VERBOSE").is_ok() {
                eprintln!("cyc row {r:?}: fit {:.4} model {:.4}", f.exp(), yi.exp());
            }
            (f.exp() - yi.exp()).abs()
        })
        .fold(0.0, f64::max);
    println!(
        "cyc_plating_ea_j_per_mol = {plating:.0}\n# cold points: {}, rms error {:.4}; warm worst error {warm_worst:.4}",
        cold.len(),
        (cold_error(plating) / cold.len().max(1) as f64).sqrt()
    );
    let n_ref = (f64::ln(loss) - b[0]) / p;
    println!(
        "cyc_n_ref_cycles = {:.1}\ncyc_loss_at_n_ref = {loss}\ncyc_dod_ref = 1.0\ncyc_dod_exponent = {:.4}\ncyc_c_rate_ref = {c_ref:.3}\ncyc_c_rate_coefficient = {k_c:.2}\ncyc_ea_j_per_mol = {:.0}\ncyc_damage_exponent = {p:.4}\n# cycling: {} points",
        n_ref.exp(),
        b[2] / p,
        b[3] / p,
        y.len()
    );
    // The other models of the family at the anchor's middle conditions, as ratios of loss.
    let mid_t = 0.5 * (t_lo + t_hi);
    let spec = cycling(dods[1], c_ref, mid_t).1;
    let loss_at = |mm: &LifeModel| {
        let st = run(mm, &storage(0.5, 25.0));
        let cy = run(mm, &spec);
        (
            st.last().map_or(f64::NAN, |v| 1.0 - v.2),
            cy.last().map_or(f64::NAN, |v| 1.0 - v.2),
        )
    };
    let base = loss_at(m);
    println!(
        "# anchor 10-year loss: storage 25 C 50% {:.4}, cycling {:.4} (DoD {}, {c_ref:.3}C, {mid_t} C)",
        base.0, base.1, dods[1]
    );
    for other in &args[1..] {
        let o = leapfrog_life::model(&data, other).expect("model");
        let l = loss_at(o);
        println!(
            "# {other}: storage ratio {:.3}, cycling ratio {:.3}",
            l.0 / base.0,
            l.1 / base.1
        );
    }
}
