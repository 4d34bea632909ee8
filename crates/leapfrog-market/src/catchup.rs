//! The catch-up calculation: an entrant and an incumbent each move down their own Wright's-law
//! curve as they build; when (if ever) does the entrant's cost match the incumbent's?
//!
//! With constant build rates r (GWh/yr), cumulative volume is Q(t) = Q0 + r t, and
//! g(t) = ln Ce(t) - ln Ci(t) = ln(Ce0/Ci0) - be ln(1 + re t/Qe0) + bi ln(1 + ri t/Qi0).
//! g'(t) = 0 is linear in t, so g has at most one turning point; that decides whether a
//! crossing exists, and bisection finds the first one.

use crate::learning::exponent;
use crate::{MarketError, Result};
use serde::Serialize;

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Producer {
    pub cumulative_gwh: f64,
    pub cost_usd_per_kwh: f64,
    pub learning_rate: f64,
    pub build_gwh_per_year: f64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum CatchUp {
    /// The entrant's cost is already at or below the incumbent's.
    AlreadyThere,
    Reached {
        years: f64,
        entrant_added_gwh: f64,
        entrant_cumulative_gwh: f64,
        incumbent_cumulative_gwh: f64,
        cost_usd_per_kwh: f64,
    },
    Never {
        reason: String,
        /// The lowest entrant/incumbent cost ratio ever reached (> 1).
        closest_cost_ratio: f64,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct CatchUpReport {
    pub incumbent: Producer,
    pub entrant: Producer,
    /// Entrant output needed to reach the incumbent's cost of today, were it to stand still.
    pub static_added_gwh: Option<f64>,
    pub result: CatchUp,
}

const HORIZON_YEARS: f64 = 1.0e6;

pub fn catch_up(incumbent: Producer, entrant: Producer) -> Result<CatchUpReport> {
    check(&incumbent, "incumbent")?;
    check(&entrant, "entrant")?;
    let static_added_gwh = static_volume(&incumbent, &entrant);
    let result = dynamic(&incumbent, &entrant);
    Ok(CatchUpReport {
        incumbent,
        entrant,
        static_added_gwh,
        result,
    })
}

fn check(p: &Producer, who: &str) -> Result<()> {
    let fields = [
        (
            "cumulative_gwh",
            p.cumulative_gwh,
            p.cumulative_gwh > 0.0,
            "> 0",
        ),
        (
            "cost_usd_per_kwh",
            p.cost_usd_per_kwh,
            p.cost_usd_per_kwh > 0.0,
            "> 0",
        ),
        (
            "learning_rate",
            p.learning_rate,
            (0.0..1.0).contains(&p.learning_rate),
            "a fraction from 0 up to 1 (0.2 for 20% per doubling)",
        ),
        (
            "build_gwh_per_year",
            p.build_gwh_per_year,
            p.build_gwh_per_year >= 0.0,
            ">= 0",
        ),
    ];
    for (field, v, ok, allowed) in fields {
        if !(ok && v.is_finite()) {
            return Err(MarketError::Input(format!(
                "{who}.{field} = {v} is not allowed; allowed: {allowed}"
            )));
        }
    }
    Ok(())
}

fn static_volume(i: &Producer, e: &Producer) -> Option<f64> {
    let be = exponent(e.learning_rate);
    if e.cost_usd_per_kwh <= i.cost_usd_per_kwh {
        return Some(0.0);
    }
    (be > 0.0).then(|| {
        e.cumulative_gwh * ((e.cost_usd_per_kwh / i.cost_usd_per_kwh).powf(1.0 / be) - 1.0)
    })
}

struct Gap {
    ln_ratio: f64,
    be: f64,
    bi: f64,
    i: Producer,
    e: Producer,
}

impl Gap {
    fn at(&self, t: f64) -> f64 {
        self.ln_ratio - self.be * (1.0 + self.e.build_gwh_per_year * t / self.e.cumulative_gwh).ln()
            + self.bi * (1.0 + self.i.build_gwh_per_year * t / self.i.cumulative_gwh).ln()
    }

    /// The single turning point of g on t > 0, if any.
    fn turning_point(&self) -> Option<f64> {
        let (re, ri) = (self.e.build_gwh_per_year, self.i.build_gwh_per_year);
        let denom = re * ri * (self.be - self.bi);
        let t =
            (self.bi * ri * self.e.cumulative_gwh - self.be * re * self.i.cumulative_gwh) / denom;
        (denom != 0.0 && t.is_finite() && t > 0.0).then_some(t)
    }
}

fn dynamic(i: &Producer, e: &Producer) -> CatchUp {
    let g = Gap {
        ln_ratio: (e.cost_usd_per_kwh / i.cost_usd_per_kwh).ln(),
        be: exponent(e.learning_rate),
        bi: exponent(i.learning_rate),
        i: *i,
        e: *e,
    };
    if g.at(0.0) <= 0.0 {
        return CatchUp::AlreadyThere;
    }
    match bracket(&g) {
        Some(hi) => reached(&g, bisect(&g, 0.0, hi)),
        None => never(&g),
    }
}

/// An upper time at which the gap is negative, searched only where g can turn negative.
fn bracket(g: &Gap) -> Option<f64> {
    if let Some(t) = g.turning_point() {
        if g.at(t) < 0.0 {
            return Some(t);
        }
    }
    let mut t = 1.0;
    while t <= HORIZON_YEARS {
        if g.at(t) < 0.0 {
            return Some(t);
        }
        t *= 2.0;
    }
    None
}

fn bisect(g: &Gap, mut lo: f64, mut hi: f64) -> f64 {
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if g.at(mid) > 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < 1e-9 * hi.max(1.0) {
            break;
        }
    }
    hi
}

fn reached(g: &Gap, t: f64) -> CatchUp {
    let q_e = g.e.cumulative_gwh + g.e.build_gwh_per_year * t;
    let q_i = g.i.cumulative_gwh + g.i.build_gwh_per_year * t;
    CatchUp::Reached {
        years: t,
        entrant_added_gwh: g.e.build_gwh_per_year * t,
        entrant_cumulative_gwh: q_e,
        incumbent_cumulative_gwh: q_i,
        cost_usd_per_kwh: g.i.cost_usd_per_kwh * (q_i / g.i.cumulative_gwh).powf(-g.bi),
    }
}

fn never(g: &Gap) -> CatchUp {
    let candidates = [Some(0.0), g.turning_point(), Some(HORIZON_YEARS)];
    let closest = candidates
        .iter()
        .flatten()
        .map(|t| g.at(*t))
        .fold(f64::INFINITY, f64::min);
    let reason = if g.e.build_gwh_per_year == 0.0 {
        "the entrant builds nothing, so its cost never falls".to_string()
    } else if g.be < g.bi {
        format!(
            "the incumbent learns faster (b = {:.3} vs {:.3}); at these build rates the entrant never closes the gap",
            g.bi, g.be
        )
    } else {
        format!("the gap does not close within {HORIZON_YEARS:.0} years at these build rates")
    };
    CatchUp::Never {
        reason,
        closest_cost_ratio: closest.exp(),
    }
}
