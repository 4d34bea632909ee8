//! The catch-up calculation: an entrant and an incumbent each move down their own Wright's-law
//! curve as they build; when (if ever) does the entrant's cost match the incumbent's?
//!
//! Experience lowers only the non-material part of cost: both buy materials M at the same price
//! (the price basis), so C(t) = M + L0 (Q(t)/Q0)^-b with L0 = C0 - M, and the costs meet when
//! the learnable parts do. With constant build rates r (GWh/yr), Q(t) = Q0 + r t, and
//! g(t) = ln Le(t) - ln Li(t) = ln(Le0/Li0) - be ln(1 + re t/Qe0) + bi ln(1 + ri t/Qi0).
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
    /// Bought materials per kWh, the same for both and untouched by learning.
    pub materials_usd_per_kwh: f64,
    /// Entrant output needed to reach the incumbent's cost of today, were it to stand still
    /// (absent when the entrant does not learn; `static_note` says so).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub static_added_gwh: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub static_note: Option<String>,
    pub result: CatchUp,
}

const HORIZON_YEARS: f64 = 1.0e6;

/// When the entrant's cost meets the incumbent's, learning on everything but `materials`
/// ($/kWh, bought by both at the same price; 0 puts the whole cost on the learning curve).
pub fn catch_up(
    incumbent: Producer,
    entrant: Producer,
    materials_usd_per_kwh: f64,
) -> Result<CatchUpReport> {
    check(&incumbent, "incumbent")?;
    check(&entrant, "entrant")?;
    let m = materials_usd_per_kwh;
    if !(m.is_finite() && m >= 0.0) {
        return Err(MarketError::Input(format!(
            "materials_usd_per_kwh = {m} is not allowed; allowed: >= 0"
        )));
    }
    for (who, p) in [("incumbent", &incumbent), ("entrant", &entrant)] {
        if p.cost_usd_per_kwh <= m {
            return Err(MarketError::Input(format!(
                "{who}.cost_usd_per_kwh = {} is not allowed; allowed: more than the materials, {m} $/kWh (learning lowers only the rest)",
                p.cost_usd_per_kwh
            )));
        }
    }
    let learnable = |p: &Producer| Producer {
        cost_usd_per_kwh: p.cost_usd_per_kwh - m,
        ..*p
    };
    let (li, le) = (learnable(&incumbent), learnable(&entrant));
    let static_added_gwh = static_volume(&li, &le);
    let result = match dynamic(&li, &le) {
        CatchUp::Reached {
            years,
            entrant_added_gwh,
            entrant_cumulative_gwh,
            incumbent_cumulative_gwh,
            cost_usd_per_kwh,
        } => CatchUp::Reached {
            years,
            entrant_added_gwh,
            entrant_cumulative_gwh,
            incumbent_cumulative_gwh,
            cost_usd_per_kwh: cost_usd_per_kwh + m,
        },
        CatchUp::Never {
            reason,
            closest_cost_ratio,
        } => never_with_materials(&li, &le, m, reason, closest_cost_ratio),
        other => other,
    };
    let static_note = static_added_gwh
        .is_none()
        .then(|| "the entrant does not learn (a learning rate of 0), so no output of its own lowers its cost".to_string());
    Ok(CatchUpReport {
        incumbent,
        entrant,
        materials_usd_per_kwh: m,
        static_added_gwh,
        static_note,
        result,
    })
}

/// A "never" restated in whole costs: how far the learnable part must fall, and the lowest
/// whole-cost ratio over the horizon (sampled in log time, with the learnable gap's turning
/// point).
fn never_with_materials(
    li: &Producer,
    le: &Producer,
    m: f64,
    reason: String,
    closest_learnable_ratio: f64,
) -> CatchUp {
    if m == 0.0 {
        return CatchUp::Never {
            reason,
            closest_cost_ratio: closest_learnable_ratio,
        };
    }
    let cost = |p: &Producer, t: f64| {
        let grown = 1.0 + p.build_gwh_per_year * t / p.cumulative_gwh;
        m + p.cost_usd_per_kwh * grown.powf(-exponent(p.learning_rate))
    };
    let g = Gap {
        ln_ratio: (le.cost_usd_per_kwh / li.cost_usd_per_kwh).ln(),
        be: exponent(le.learning_rate),
        bi: exponent(li.learning_rate),
        i: *li,
        e: *le,
    };
    let times = (0..=240)
        .map(|k| {
            if k == 0 {
                0.0
            } else {
                10f64.powf(-2.0 + 8.0 * f64::from(k) / 240.0)
            }
        })
        .chain(g.turning_point());
    let closest = times
        .map(|t| cost(le, t) / cost(li, t))
        .fold(f64::INFINITY, f64::min);
    let fold = le.cost_usd_per_kwh / li.cost_usd_per_kwh;
    CatchUp::Never {
        reason: format!(
            "{reason}; learning lowers only the cost above the {m:.1} $/kWh of materials, so the entrant's part must fall {fold:.2}-fold against the incumbent's"
        ),
        closest_cost_ratio: closest,
    }
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
            g.bi + 0.0,
            g.be + 0.0
        )
    } else {
        format!("the gap does not close within {HORIZON_YEARS:.0} years at these build rates")
    };
    CatchUp::Never {
        reason,
        closest_cost_ratio: closest.exp(),
    }
}
