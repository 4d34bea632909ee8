//! BLAST-Lite's `simulate_battery_life` with its default arguments: the profile is cut at
//! rainflow turning points once more than one equivalent full cycle or one day has passed; each
//! piece's SOC swing is rescaled by 1/capacity (energy throughput conserved); the profile
//! repeats until a stop is reached.

use crate::models::Form;
use crate::profile::Profile;
use crate::rainflow::extract_cycles;
use crate::stressors::{active_c_rate, anode_potential, basic, Segment};
use crate::LifeError;

/// BLAST-Lite's default breakpoint limits: one day, one equivalent full cycle.
const BREAK_DAYS_S: f64 = 86_400.0;
const BREAK_EFC: f64 = 1.0;

/// When to stop: after so many years, equivalent full cycles, or below a relative capacity.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Stop {
    pub years: Option<f64>,
    pub efc: Option<f64>,
    pub capacity: Option<f64>,
}

/// The state after each simulated segment.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub t_days: Vec<f64>,
    pub efc: Vec<f64>,
    pub capacity: Vec<f64>,
    pub resistance: Vec<f64>,
    /// Segment stressors, for range warnings: (days, mean °C, DOD, mean SOC, C-rate, C-rate
    /// over the active steps only).
    pub stress: Vec<[f64; 6]>,
    /// The capacity band (low, high) after each segment, where the model has one.
    pub band: Vec<(f64, f64)>,
}

/// Why a run ended before its stop: the model left the capacity range it was fitted on.
#[derive(Debug, Clone, PartialEq)]
pub struct End {
    /// Days simulated when the model left its range (the last state kept is the one before).
    pub day: f64,
    pub reason: String,
}

/// Where the profile is cut into segments, as BLAST-Lite's `_find_breakpoints` cuts it.
pub fn breakpoints(time_s: &[f64], soc: &[f64]) -> Vec<usize> {
    let mut turning: Vec<usize> = extract_cycles(soc).iter().map(|c| c.end).collect();
    turning.sort_unstable();
    turning.dedup();
    let mut efc = Vec::with_capacity(soc.len());
    let mut total = 0.0;
    for i in 0..soc.len() {
        if i > 0 {
            total += (soc[i] - soc[i - 1]).abs();
        }
        efc.push(total / 2.0);
    }
    let mut out = Vec::new();
    let mut last = 0;
    for &i in &turning {
        if time_s[i] - time_s[last] > BREAK_DAYS_S {
            // A breakpoint each day between turning points (the range is fixed at its start,
            // as BLAST-Lite's is).
            let first = last;
            for j in first..i {
                if time_s[j] - time_s[last] > BREAK_DAYS_S {
                    out.push(j);
                    last = j;
                }
            }
            continue;
        }
        if efc[i] - efc[last] > BREAK_EFC {
            out.push(i);
            last = i;
        }
    }
    let end = soc.len() - 1;
    if out.last() != Some(&end) {
        out.push(end);
    }
    out
}

/// Rescales the SOC changes of `soc` by `factor` from its first value, clipping to [0, 1]
/// only if the rescaled series leaves it.
fn rescale(soc: &mut [f64], factor: f64) {
    let first = soc[0];
    let mut prev = first;
    let mut acc = first;
    let (mut lo, mut hi) = (first, first);
    for s in soc.iter_mut() {
        let d = (*s - prev) * factor;
        prev = *s;
        acc += d;
        *s = acc;
        lo = lo.min(acc);
        hi = hi.max(acc);
    }
    if hi > 1.0 || lo < 0.0 {
        for s in soc.iter_mut() {
            *s = s.clamp(0.0, 1.0);
        }
    }
}

/// How far `h` is towards the nearest of `stop`'s limits, 0 to 1.
fn share_done(stop: &Stop, h: &History) -> f64 {
    let last = |v: &[f64]| v.last().copied().unwrap_or(0.0);
    let years = stop.years.map(|y| last(&h.t_days) / 365.0 / y);
    let efc = stop.efc.map(|e| last(&h.efc) / e);
    let capacity = stop
        .capacity
        .map(|c| (1.0 - last(&h.capacity)) / (1.0 - c).max(1e-9));
    [years, efc, capacity]
        .into_iter()
        .flatten()
        .filter(|x| x.is_finite())
        .fold(0.0, f64::max)
        .clamp(0.0, 1.0)
}

fn done(stop: &Stop, h: &History) -> bool {
    let (t, e, q) = (
        h.t_days[h.t_days.len() - 1],
        h.efc[h.efc.len() - 1],
        h.capacity[h.capacity.len() - 1],
    );
    // Once capacity is gone (reachable only unbounded) no more cycles accrue: a stop in cycles
    // alone would never come.
    stop.years.is_some_and(|y| t / 365.0 > y)
        || stop.capacity.is_some_and(|c| q < c)
        || stop.efc.is_some_and(|n| e > n || q <= 0.0)
}

/// A simulation in progress: the model, where it is in the profile and what has happened.
/// `run` continues from where the last call stopped, so a run split at any stop gives the
/// result of the whole.
pub struct Simulator<'p> {
    form: Box<dyn Form>,
    profile: &'p Profile,
    t_k: Vec<f64>,
    cuts: Vec<usize>,
    /// The current repeat's SOC, rescaled piece by piece.
    soc: Vec<f64>,
    ua: Vec<f64>,
    /// The next segment: index into `cuts`, and the profile index it starts at.
    next: usize,
    start: usize,
    /// Relative capacities the model holds for; leaving them ends the run (None: never).
    bounds: Option<(f64, f64)>,
    /// Whether the models read the C-rate of the active steps (rests excluded) rather than
    /// BLAST-Lite's average over the whole segment, which counts a 3C pulse followed by a long
    /// rest as a fraction of 3C.
    active_rates: bool,
    pub ended: Option<End>,
    pub history: History,
}

impl<'p> Simulator<'p> {
    pub fn new(form: Box<dyn Form>, profile: &'p Profile) -> Simulator<'p> {
        Simulator {
            form,
            t_k: profile.temperature_c.iter().map(|c| c + 273.15).collect(),
            cuts: breakpoints(&profile.time_s, &profile.soc),
            soc: profile.soc.clone(),
            ua: Vec::new(),
            next: 0,
            start: 0,
            history: History {
                t_days: vec![0.0],
                efc: vec![0.0],
                capacity: vec![1.0],
                resistance: vec![1.0],
                stress: Vec::new(),
                band: Vec::new(),
            },
            bounds: None,
            active_rates: false,
            ended: None,
            profile,
        }
    }

    /// Ends the run where capacity leaves `[low, high]` (None: run on, as BLAST-Lite does).
    pub fn bound(&mut self, bounds: Option<(f64, f64)>) {
        self.bounds = bounds;
    }

    /// Feeds the models the C-rate of the active steps (true) or BLAST-Lite's segment average.
    pub fn active_rates(&mut self, on: bool) {
        self.active_rates = on;
    }

    pub fn form(&self) -> &dyn Form {
        self.form.as_ref()
    }

    /// Simulates segment after segment, repeating the profile, until `stop`.
    pub fn run(&mut self, stop: &Stop) -> Result<(), LifeError> {
        self.run_reporting(stop, &mut |_| {})
    }

    /// As `run`, telling `progress` after each pass through the profile how far the run is
    /// towards its nearest stop (0 to 1).
    pub fn run_reporting(
        &mut self,
        stop: &Stop,
        progress: &mut dyn FnMut(f64),
    ) -> Result<(), LifeError> {
        let t_s = &self.profile.time_s;
        // A profile that advances no time would never reach a stop in years.
        if t_s[t_s.len() - 1] <= t_s[0] || self.ended.is_some() || done(stop, &self.history) {
            return Ok(());
        }
        loop {
            if self.next == 0 {
                self.soc.copy_from_slice(&self.profile.soc);
                self.start = 0;
            }
            let end = self.cuts[self.next];
            self.segment(self.start, end)?;
            self.start = end + 1;
            self.next = (self.next + 1) % self.cuts.len();
            if self.ended.is_some() || done(stop, &self.history) {
                progress(1.0);
                return Ok(());
            }
            progress(share_done(stop, &self.history));
        }
    }

    fn segment(&mut self, start: usize, end: usize) -> Result<(), LifeError> {
        let h = &mut self.history;
        let q = h.capacity[h.capacity.len() - 1];
        rescale(&mut self.soc[start..=end], 1.0 / q);
        let piece = &self.soc[start..=end];
        if self.form.reads_anode_potential() {
            self.ua.clear();
            let mut last = (f64::NAN, f64::NAN);
            self.ua.extend(piece.iter().map(|s| {
                if *s != last.0 {
                    last = (*s, anode_potential(*s));
                }
                last.1
            }));
        }
        let t_s = &self.profile.time_s[start..=end];
        let mut b = basic(t_s, piece, q, self.form.reads_directional_rates());
        // In nominal amp-hours, as the other C-rates (the SOC swing was rescaled by 1/q).
        let active = q * active_c_rate(t_s, piece, 0, piece.len() - 1);
        if self.active_rates {
            b.c_rate = active;
        }
        let seg = Segment {
            t_s,
            soc: piece,
            t_k: &self.t_k[start..=end],
            ua: &self.ua,
            dt_days: b.dt_days,
            defc: b.defc,
            dod: b.dod,
            c_rate: b.c_rate,
            c_charge: b.c_charge,
            c_discharge: b.c_discharge,
            capacity: q,
            memo: Default::default(),
        };
        if b.dt_days > 0.0 {
            self.form.step(&seg);
        }
        record(h, &seg, active, self.form.as_ref());
        out_of_domain(h)?;
        if let Some((lo, hi)) = self.bounds {
            let q = last(&h.capacity);
            if q < lo || q > hi {
                let day = last(&h.t_days);
                h.pop();
                self.ended = Some(End {
                    day,
                    reason: format!(
                        "on day {day:.0} (year {:.2}) relative capacity reached {q:.5}, outside the {lo}..{hi} the model holds for; the run ends at the last state inside it",
                        day / 365.0
                    ),
                });
            }
        }
        Ok(())
    }
}

impl History {
    /// Forgets the last segment (a state outside the model's range is never reported).
    fn pop(&mut self) {
        self.t_days.pop();
        self.efc.pop();
        self.capacity.pop();
        self.resistance.pop();
        self.stress.pop();
        self.band.pop();
    }
}

/// A state that left the domain of its equation (BLAST-Lite would carry NaN on) ends the run
/// with the stress that caused it.
fn out_of_domain(h: &History) -> Result<(), LifeError> {
    let (q, r) = (last(&h.capacity), last(&h.resistance));
    if q.is_finite() && r.is_finite() {
        return Ok(());
    }
    let s = h.stress[h.stress.len() - 1];
    Err(LifeError::OutsideModel(format!(
        "on day {:.0} the model's state left the domain of its equations (segment mean {:.1} °C, DOD {:.2}, mean SOC {:.2}, C-rate {:.2}); this duty is outside what the model can represent",
        last(&h.t_days),
        s[1],
        s[2],
        s[3],
        s[4]
    )))
}

fn last(v: &[f64]) -> f64 {
    v[v.len() - 1]
}

fn record(h: &mut History, seg: &Segment, active_c_rate: f64, model: &dyn Form) {
    let t = h.t_days[h.t_days.len() - 1] + seg.dt_days;
    let e = h.efc[h.efc.len() - 1] + seg.defc;
    h.t_days.push(t);
    h.efc.push(e);
    h.capacity.push(model.capacity());
    h.resistance.push(model.resistance().unwrap_or(1.0));
    let n = seg.t_s.len() as f64;
    let mean_c = seg.t_k.iter().sum::<f64>() / n - 273.15;
    let mean_soc = seg.soc.iter().sum::<f64>() / n;
    h.stress.push([
        seg.dt_days,
        mean_c,
        seg.dod,
        mean_soc,
        seg.c_rate,
        active_c_rate,
    ]);
    if let Some(b) = model.band() {
        h.band.push(b);
    }
}

/// `fp` at `x`, linear between the points `xp` (increasing), held at the ends.
pub fn interp(x: f64, xp: &[f64], fp: &[f64]) -> f64 {
    let n = xp.len();
    if x <= xp[0] {
        return fp[0];
    }
    if x >= xp[n - 1] {
        return fp[n - 1];
    }
    let j = xp.partition_point(|v| *v <= x);
    let (x0, x1) = (xp[j - 1], xp[j]);
    fp[j - 1] + (fp[j] - fp[j - 1]) * (x - x0) / (x1 - x0)
}
