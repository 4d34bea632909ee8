//! What a stretch of the profile does to the cell: its time, equivalent full cycles, depth of
//! discharge, mean C-rate (and charge or discharge C-rate), temperatures and anode potentials,
//! computed as BLAST-Lite's `_extract_stressors` computes them.

/// Instantaneous C-rates below this are storage, not use.
const STORAGE_C_RATE: f64 = 1e-2;

/// One stretch of the profile between breakpoints, with its stressors.
pub struct Segment<'a> {
    pub t_s: &'a [f64],
    pub soc: &'a [f64],
    /// Temperature at each point, K.
    pub t_k: &'a [f64],
    /// Anode-to-lithium potential at each point, V (empty where the model needs none).
    pub ua: &'a [f64],
    pub dt_days: f64,
    /// Equivalent full cycles (in nominal amp-hours: scaled by the current capacity).
    pub defc: f64,
    pub dod: f64,
    pub c_rate: f64,
    /// Mean charging C-rate (0 without a charge), for models that use it.
    pub c_charge: f64,
    /// Mean discharging C-rate, as a positive number.
    pub c_discharge: f64,
    /// Relative capacity at the start of the segment: the SOC swings are of the faded capacity,
    /// this turns them back into nominal depths and rates.
    pub capacity: f64,
    /// Remembered exp(a / T) values (see `exp_over_t`).
    pub memo: [std::cell::Cell<(f64, f64, f64)>; 4],
}

impl Segment<'_> {
    /// exp(a / T) at point `i`, remembered for the last temperature seen for each `a` slot: a
    /// profile's temperature changes rarely, so most points reuse it.
    pub fn exp_over_t(&self, slot: usize, i: usize, a: f64) -> f64 {
        let t = self.t_k[i];
        let (ct, ca, cv) = self.memo[slot].get();
        if ct == t && ca == a {
            return cv;
        }
        let v = (a / t).exp();
        self.memo[slot].set((t, a, v));
        v
    }

    /// The time average of `f(i)` over the segment's points (trapezoid rule). A rate depends
    /// on a point only through its SOC and temperature, so a point that repeats the one before
    /// (a rest) reuses its value: the same number, computed once.
    pub fn time_mean(&self, f: impl Fn(usize) -> f64) -> f64 {
        let t = self.t_s;
        let n = t.len();
        let mut sum = 0.0;
        let mut prev = f(0);
        for i in 1..n {
            let repeat = self.soc[i] == self.soc[i - 1] && self.t_k[i] == self.t_k[i - 1];
            let next = if repeat { prev } else { f(i) };
            sum += (t[i] - t[i - 1]) * (prev + next);
            prev = next;
        }
        0.5 * sum / (t[n - 1] - t[0])
    }

    /// The time average of a quantity that depends on a point only through its temperature:
    /// computed once when the segment's temperature is constant (the same number `time_mean`
    /// would give).
    pub fn time_mean_of_temperature(&self, f: impl Fn(f64) -> f64) -> f64 {
        let t0 = self.t_k[0];
        if self.t_k.iter().all(|t| *t == t0) {
            f(t0)
        } else {
            self.time_mean(|i| f(self.t_k[i]))
        }
    }

    /// The arithmetic mean of `f(i)` over the points.
    pub fn mean(&self, f: impl Fn(usize) -> f64) -> f64 {
        let n = self.t_s.len();
        (0..n).map(f).sum::<f64>() / n as f64
    }
}

/// The C-rate (|dSOC/dt| per hour) between points `from` and `to` while the cell is in use:
/// each step's rate weighted by the charge it moves, so rests do not count (a 3C pulse is 3C
/// however long the pause after it) and a step that is half ramp, half rest barely does.
pub fn active_c_rate(t_s: &[f64], soc: &[f64], from: usize, to: usize) -> f64 {
    let (mut weighted, mut charge) = (0.0, 0.0);
    for i in from..to {
        let dt_h = (t_s[i + 1] - t_s[i]) / 3600.0;
        let ds = (soc[i + 1] - soc[i]).abs();
        if dt_h > 0.0 && ds / dt_h >= STORAGE_C_RATE {
            weighted += ds * ds / dt_h;
            charge += ds;
        }
    }
    if charge > 0.0 {
        weighted / charge
    } else {
        0.0
    }
}

/// Intervals of the anode-potential table over SOC 0 to 1: linear interpolation between them
/// is within about 1e-6 V of the function (the steepest term, near empty, has a second
/// derivative of about 2,200 V per SOC²).
const UA_TABLE_STEPS: usize = 16_384;

fn ua_table() -> &'static [f64] {
    static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..=UA_TABLE_STEPS)
            .map(|k| anode_potential_exact(k as f64 / UA_TABLE_STEPS as f64))
            .collect()
    })
}

/// The anode potential at `soc`, from the table (SOC is clipped to [0, 1] before it gets here;
/// outside it the exact formula is used).
pub fn anode_potential(soc: f64) -> f64 {
    if !(0.0..=1.0).contains(&soc) {
        return anode_potential_exact(soc);
    }
    let table = ua_table();
    let x = soc * UA_TABLE_STEPS as f64;
    let k = (x as usize).min(UA_TABLE_STEPS - 1);
    let f = x - k as f64;
    table[k] + f * (table[k + 1] - table[k])
}

/// The anode-to-lithium potential of a graphite electrode at `soc` (Safari and Delacourt 2011,
/// with Schimpe et al.'s 2018 stoichiometry), as BLAST-Lite estimates it for every cell.
pub fn anode_potential_exact(soc: f64) -> f64 {
    let x = 8.5e-3 + soc * (0.78 - 8.5e-3);
    0.6379 + 0.5416 * (-305.5309 * x).exp() + 0.044 * (-(x - 0.1958) / 0.1088).tanh()
        - 0.1978 * ((x - 1.0571) / 0.0854).tanh()
        - 0.6875 * ((x + 0.0117) / 0.0529).tanh()
        - 0.0175 * ((x - 0.5692) / 0.0875).tanh()
}

/// Time, cycles, depth of discharge and C-rates of a stretch; `q` is the current relative
/// capacity (throughput and C-rates are in nominal amp-hours).
pub struct Basic {
    pub dt_days: f64,
    pub defc: f64,
    pub dod: f64,
    pub c_rate: f64,
    pub c_charge: f64,
    pub c_discharge: f64,
}

pub fn basic(t_s: &[f64], soc: &[f64], q: f64, directional: bool) -> Basic {
    let n = t_s.len();
    let dt_days = (t_s[n - 1] - t_s[0]) / 86_400.0;
    let mut throughput = 0.0;
    let (mut lo, mut hi) = (soc[0], soc[0]);
    for i in 1..n {
        throughput += (soc[i] - soc[i - 1]).abs();
        lo = lo.min(soc[i]);
        hi = hi.max(soc[i]);
    }
    let rate = |i: usize| {
        let r = (soc[i + 1] - soc[i]) / ((t_s[i + 1] - t_s[i]) / 3600.0);
        if r.abs() < STORAGE_C_RATE {
            0.0
        } else {
            r
        }
    };
    // Trapezoid of |rate| over the points 1..n (x in days), as BLAST-Lite integrates it.
    let mut integral = 0.0;
    if n > 2 {
        let mut prev = rate(0).abs();
        for i in 0..n - 2 {
            let next = rate(i + 1).abs();
            integral += (t_s[i + 2] - t_s[i + 1]) / 86_400.0 * (prev + next) / 2.0;
            prev = next;
        }
    }
    let c_rate = if dt_days > 0.0 {
        integral / dt_days
    } else {
        0.0
    };
    let (c_charge, c_discharge) = if directional && dt_days > 0.0 {
        (
            signed_mean(t_s, &rate, true),
            signed_mean(t_s, &rate, false).abs(),
        )
    } else {
        (0.0, 0.0)
    };
    Basic {
        dt_days,
        defc: throughput / 2.0 * q,
        dod: hi - lo,
        c_rate: c_rate * q,
        c_charge: c_charge * q,
        c_discharge: c_discharge * q,
    }
}

/// The time-weighted mean of the charging (or discharging) C-rates only, integrated over the
/// concatenated charging (discharging) intervals as BLAST-Lite does.
fn signed_mean(t_s: &[f64], rate: &impl Fn(usize) -> f64, charging: bool) -> f64 {
    let (mut count, mut first, mut prev) = (0usize, 0.0, 0.0);
    let (mut integral, mut span) = (0.0, 0.0);
    for i in 0..t_s.len() - 1 {
        let r = rate(i);
        if (charging && r > 0.0) || (!charging && r < 0.0) {
            let dt = t_s[i + 1] - t_s[i];
            if count == 0 {
                first = r;
            } else {
                integral += dt * (prev + r) / 2.0;
                span += dt;
            }
            prev = r;
            count += 1;
        }
    }
    match count {
        0 => 0.0,
        1 => first,
        _ => integral / span,
    }
}
