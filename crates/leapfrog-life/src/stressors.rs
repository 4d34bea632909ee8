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
}

impl Segment<'_> {
    /// The time average of `f(i)` over the segment's points (trapezoid rule).
    pub fn time_mean(&self, f: impl Fn(usize) -> f64) -> f64 {
        let t = self.t_s;
        let n = t.len();
        let mut sum = 0.0;
        let mut prev = f(0);
        for i in 1..n {
            let next = f(i);
            sum += (t[i] - t[i - 1]) * (prev + next);
            prev = next;
        }
        0.5 * sum / (t[n - 1] - t[0])
    }

    /// The arithmetic mean of `f(i)` over the points.
    pub fn mean(&self, f: impl Fn(usize) -> f64) -> f64 {
        let n = self.t_s.len();
        (0..n).map(f).sum::<f64>() / n as f64
    }
}

/// The anode-to-lithium potential of a graphite electrode at `soc` (Safari and Delacourt 2011,
/// with Schimpe et al.'s 2018 stoichiometry), as BLAST-Lite estimates it for every cell.
pub fn anode_potential(soc: f64) -> f64 {
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
    for i in 0..n.saturating_sub(2) {
        let dx = (t_s[i + 2] - t_s[i + 1]) / 86_400.0;
        integral += dx * (rate(i).abs() + rate(i + 1).abs()) / 2.0;
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
    let mut values = Vec::new();
    let mut dts = Vec::new();
    for i in 0..t_s.len() - 1 {
        let r = rate(i);
        if (charging && r > 0.0) || (!charging && r < 0.0) {
            values.push(r);
            dts.push(t_s[i + 1] - t_s[i]);
        }
    }
    match values.len() {
        0 => 0.0,
        1 => values[0],
        n => {
            let mut integral = 0.0;
            let mut span = 0.0;
            for j in 1..n {
                integral += dts[j] * (values[j - 1] + values[j]) / 2.0;
                span += dts[j];
            }
            integral / span
        }
    }
}
