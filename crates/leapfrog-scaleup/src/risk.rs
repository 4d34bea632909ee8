//! Who survives the missing middle: a path's uncertain inputs drawn run by run (data/
//! scaleup.toml `scaleup_risk`), each run financed as a company would be (it raises, at the
//! start and as each stage starts building, what the central case needs until the next stage
//! starts, plus a reserve of months of the burn before it), and the share of runs that reach
//! the last stage's nameplate before their cash runs out.
//!
//! The funding plan is sized on the central case (every input at its most likely value)
//! without policy instruments: investors size
//! rounds on the private case, and a grant or credit is cash on top. So an instrument can only
//! add to a run's cash, and the comparison with and without it is like for like.

use crate::path::{evaluate, Draw, PathResult, PreparedPath};
use crate::stream::Stream;
use leapfrog_data::ScaleupRisk;
use serde::Serialize;

/// Money raised as a stage starts building.
#[derive(Debug, Clone, Serialize)]
pub struct Raise {
    pub stage: String,
    /// Month the stage starts building in the central case.
    pub month: Option<usize>,
    pub musd: f64,
}

/// The funding plan: for each stage, what the central case's equity needs from the stage's
/// start until the next stage starts (the last: to the end of the horizon), plus
/// `reserve_months` of the burn of the twelve months before that and `capex_contingency` of the
/// stage's capex, less what was raised before.
pub fn plan(central: &PathResult, risk: &ScaleupRisk) -> Vec<Raise> {
    let (reserve_months, capex_contingency) = (risk.reserve_months, risk.capex_contingency);
    let mut contingency = 0.0;
    let mut raised = 0.0;
    central
        .stages
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let until = central
                .stages
                .get(k + 1)
                .and_then(|n| n.build_start_month)
                .unwrap_or(central.months.len());
            let need = equity_need(central, until);
            let burn = (need - equity_need(central, until.saturating_sub(12))) / 12.0;
            contingency += capex_contingency * s.capex_musd;
            let total = (need + reserve_months * burn + contingency).max(raised);
            let musd = if s.build_start_month.is_some() {
                total - raised
            } else {
                0.0
            };
            raised += musd;
            Raise {
                stage: s.id.clone(),
                month: s.build_start_month,
                musd,
            }
        })
        .collect()
}

/// The most equity has been down before month `until`, M$.
fn equity_need(r: &PathResult, until: usize) -> f64 {
    -r.months
        .iter()
        .take(until)
        .map(|m| m.cumulative_equity_cash_musd)
        .fold(0.0, f64::min)
}

/// How a run ends.
#[derive(Debug, Clone, Serialize)]
pub struct Survival {
    /// The last stage reached nameplate before the cash ran out.
    pub reached_nameplate: bool,
    /// The stage whose money ran out, and when.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub out_of_capital_stage: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub out_of_capital_month: Option<usize>,
    /// Per stage: months its raise (and what was left) lasts from the stage's start, with no
    /// later raise; None where it lasts the horizon or the stage never starts.
    pub runway_months: Vec<Option<usize>>,
}

/// A run financed by `plan`: each raise arrives when its stage starts building in this run.
pub fn survival(r: &PathResult, plan: &[Raise]) -> Survival {
    let starts: Vec<Option<usize>> = r.stages.iter().map(|s| s.build_start_month).collect();
    let raised_by = |t: usize| -> f64 {
        plan.iter()
            .zip(&starts)
            .filter(|(_, b)| b.is_some_and(|b| b <= t))
            .map(|(p, _)| p.musd)
            .sum()
    };
    let out = r
        .months
        .iter()
        .find(|m| raised_by(m.month) + m.cumulative_equity_cash_musd < -1e-9);
    let last_nameplate = r.stages.last().and_then(|s| s.nameplate_month);
    let out_month = out.map(|m| m.month);
    let out_stage = out_month.map(|t| {
        starts
            .iter()
            .rposition(|b| b.is_some_and(|b| b <= t))
            .unwrap_or(0)
    });
    let runway_months = starts
        .iter()
        .map(|b| {
            let b = (*b)?;
            let funds = raised_by(b);
            r.months
                .iter()
                .skip(b)
                .find(|m| funds + m.cumulative_equity_cash_musd < -1e-9)
                .map(|m| m.month - b)
        })
        .collect();
    Survival {
        reached_nameplate: match (last_nameplate, out_month) {
            (Some(n), Some(o)) => n < o,
            (Some(_), None) => true,
            (None, _) => false,
        },
        out_of_capital_stage: out_stage,
        out_of_capital_month: out_month,
        runway_months,
    }
}

/// The central case: every input at its most likely value.
pub fn central(risk: &ScaleupRisk) -> Draw {
    let mut d = Draw::default();
    for range in &risk.ranges {
        set(&mut d, &range.input, range.mode);
    }
    d
}

fn set(d: &mut Draw, input: &str, v: f64) {
    match input {
        "ramp_time_factor" => d.ramp_time_factor = v,
        "scrap_time_factor" => d.scrap_time_factor = v,
        "experience_factor" => d.experience_factor = v,
        "price_factor" => d.price_factor = v,
        "gate_delay_months" => d.gate_delay_months = v,
        "capex_factor" => d.capex_factor = v,
        // The data check refuses any other input.
        _ => {}
    }
}

/// Run `i`'s draw.
pub fn draw(risk: &ScaleupRisk, seed: u64, i: u64) -> Draw {
    let mut s = Stream::new(seed, i);
    let mut d = Draw::default();
    for range in &risk.ranges {
        let v = s.triangular((range.low, range.mode, range.high));
        set(&mut d, &range.input, v);
    }
    d
}

/// A median and a 90th percentile.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Spread {
    pub median: f64,
    pub p90: f64,
}

fn spread(mut v: Vec<f64>) -> Spread {
    v.sort_by(f64::total_cmp);
    let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    Spread {
        median: at(0.5),
        p90: at(0.9),
    }
}

/// One stage's gate across the runs.
#[derive(Debug, Clone, Serialize)]
pub struct GateRisk {
    pub stage: String,
    /// Share of runs whose money ran out while this stage was the latest started.
    pub probability_out_of_capital: f64,
    /// Median months the stage's funds last from its start, over the runs where they run out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub median_runway_months: Option<f64>,
    /// Share of the runs that started the stage whose funds last the horizon.
    pub share_lasting_horizon: f64,
}

/// The Monte Carlo's answer.
#[derive(Debug, Clone, Serialize)]
pub struct RiskSummary {
    pub runs: usize,
    pub seed: u64,
    pub probability_reaching_nameplate: f64,
    /// Capital needed (before financing, operating losses included), M$.
    pub capital_needed_musd: Spread,
    pub equity_needed_musd: Spread,
    pub gates: Vec<GateRisk>,
    pub funding_plan: Vec<Raise>,
}

/// `runs` draws of `p` financed by `plan`.
pub fn monte_carlo(
    p: &PreparedPath,
    risk: &ScaleupRisk,
    plan: &[Raise],
    runs: usize,
    seed: u64,
) -> RiskSummary {
    let n = p.stages.len();
    let (mut capital, mut equity) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    let (mut reached, mut out) = (0usize, vec![0usize; n]);
    let mut runway: Vec<Vec<f64>> = vec![Vec::new(); n];
    let (mut started, mut lasting) = (vec![0usize; n], vec![0usize; n]);
    for i in 0..runs {
        let r = evaluate(&p.perturbed(draw(risk, seed, i as u64)));
        let s = survival(&r, plan);
        capital.push(r.capital_needed_musd);
        equity.push(r.equity_needed_musd);
        reached += usize::from(s.reached_nameplate);
        if let Some(k) = s.out_of_capital_stage {
            out[k] += 1;
        }
        for (k, st) in r.stages.iter().enumerate() {
            if st.build_start_month.is_none() {
                continue;
            }
            started[k] += 1;
            match s.runway_months[k] {
                Some(m) => runway[k].push(m as f64),
                None => lasting[k] += 1,
            }
        }
    }
    let share = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    RiskSummary {
        runs,
        seed,
        probability_reaching_nameplate: share(reached, runs),
        capital_needed_musd: spread(capital),
        equity_needed_musd: spread(equity),
        gates: p
            .stages
            .iter()
            .enumerate()
            .map(|(k, st)| GateRisk {
                stage: st.id.clone(),
                probability_out_of_capital: share(out[k], runs),
                median_runway_months: (!runway[k].is_empty())
                    .then(|| spread(runway[k].clone()).median),
                share_lasting_horizon: share(lasting[k], started[k]),
            })
            .collect(),
        funding_plan: plan.to_vec(),
    }
}
