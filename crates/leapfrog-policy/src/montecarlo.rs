//! Monte Carlo: run `i` draws its inputs from a stream seeded by (seed, i) alone and writes its
//! outcomes into row `i`; percentiles are taken from the rows in run order, so the output is
//! the same on any number of threads. The tornado moves one input at a time to its low and high
//! value with every other input central.

use crate::levers::Levers;
use crate::model::Model;
use crate::run::{run, share, Draw, RunResult, FISCAL};
use crate::PolicyError;
use leapfrog_scaleup::stream::Stream;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Settings {
    pub runs: usize,
    pub seed: u64,
    /// Worker threads (the result does not depend on it, so it is not part of the output).
    #[serde(skip)]
    pub threads: usize,
}

/// The most runs one Monte Carlo keeps (each keeps its row of outcomes for the percentiles).
pub const MAX_RUNS: usize = 500_000;

/// The year the tornado's outcome is read at.
pub const TORNADO_YEAR: i32 = 2035;

/// 10th, 50th and 90th percentiles.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Band {
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TornadoBar {
    pub input: String,
    /// The input's low and high values, as text (several values for per-chemistry inputs).
    pub low: String,
    pub high: String,
    /// The outcome with the input at its low and at its high value.
    pub outcome_at_low: f64,
    pub outcome_at_high: f64,
}

/// Per chemistry and sector: the U.S. outcome across runs.
#[derive(Debug, Clone, Serialize)]
pub struct LeapCell {
    pub chemistry: String,
    pub sector: String,
    pub us_share_2035: Band,
    pub us_share_2045: Band,
    pub value_captured_busd: Band,
    /// Revenue less the imported materials in it, B$, all years.
    pub value_added_busd: Band,
}

/// Per chemistry: the U.S. share of its world capacity across runs.
#[derive(Debug, Clone, Serialize)]
pub struct CapacityShare {
    pub chemistry: String,
    pub us_share_2035: Band,
    pub us_share_2045: Band,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonteCarlo {
    pub settings: Settings,
    pub years: Vec<i32>,
    /// The producers of `central`'s per-producer series are (region, chemistry) pairs, index
    /// `region * chemistries.len() + chemistry`.
    pub regions: Vec<String>,
    pub chemistries: Vec<String>,
    /// Medians across runs, keyed by id and year (as text).
    pub summary: Summary,
    /// [sector] by year: U.S. plants' share of the sector's world supply.
    pub us_share: Vec<(String, Vec<Band>)>,
    pub us_share_total: Vec<Band>,
    /// Per chemistry: share of runs in which the U.S. cost reaches China's by the horizon, and
    /// the median year among those runs.
    pub parity: Vec<Parity>,
    pub leap: Vec<LeapCell>,
    /// Per chemistry: U.S. plants' share of the chemistry's world capacity (0 where no
    /// region has any).
    pub capacity_share: Vec<CapacityShare>,
    /// What the levers cost and the U.S. output they go with: means across runs.
    pub fiscal: Fiscal,
    /// Outcome: U.S. share of all sectors' supply in `TORNADO_YEAR`, central inputs.
    pub tornado_outcome_central: f64,
    /// The inputs that move the outcome, the widest swing first.
    pub tornado: Vec<TornadoBar>,
    /// Inputs moved to both ends of their range without moving the outcome (not drawn as
    /// bars).
    pub tornado_no_effect: Vec<String>,
    /// The run with every input central.
    pub central: RunResult,
}

/// Means across runs (means, not medians, so that the difference between two packages run on
/// the same seeds is the mean of the runs' differences).
#[derive(Debug, Clone, Serialize)]
pub struct Fiscal {
    /// Each item of [`FISCAL`] summed over the years, B$ (undiscounted, in the price basis's
    /// dollars).
    pub items_busd: BTreeMap<String, f64>,
    pub total_busd: f64,
    /// [year]: all items, B$.
    pub by_year_busd: Vec<f64>,
    /// U.S. plants' output summed over the years, GWh.
    pub us_output_gwh: f64,
}

/// `[key][year]` with the year as text, as the JSON reads.
pub type ByYear = BTreeMap<String, BTreeMap<String, f64>>;

/// Each quantity once, as medians across runs (with the cost ratio's 10th and 90th percentiles).
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// [region][year]: the region's share of world cell output, over world demand; `ROW` is
    /// demand no modelled region's plants met (made by producers the model does not follow).
    pub world_production_share: ByYear,
    /// [chemistry][year]: the U.S. producer's full cost over China's.
    pub us_cn_cost_ratio: ByYear,
    pub us_cn_cost_ratio_p10: ByYear,
    pub us_cn_cost_ratio_p90: ByYear,
}

impl Summary {
    /// The U.S./China cost ratio of `chemistry` in `year`: median and 10th-90th percentiles.
    pub fn cost_ratio(&self, chemistry: &str, year: i32) -> Option<Band> {
        let year = year.to_string();
        let at = |m: &ByYear| m.get(chemistry)?.get(&year).copied();
        Some(Band {
            p10: at(&self.us_cn_cost_ratio_p10)?,
            p50: at(&self.us_cn_cost_ratio)?,
            p90: at(&self.us_cn_cost_ratio_p90)?,
        })
    }
}

/// The region key of demand met by no modelled region.
pub const REST_OF_WORLD: &str = "ROW";

#[derive(Debug, Clone, Serialize)]
pub struct Parity {
    pub chemistry: String,
    pub share_of_runs: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub median_year: Option<f64>,
}

/// Where each outcome sits in a run's row.
struct Layout {
    ny: usize,
    nk: usize,
    ns: usize,
    /// Modelled regions plus the rest of the world.
    nr: usize,
}

impl Layout {
    fn width(&self) -> usize {
        self.capacity_share(self.nk, 0)
    }
    fn gap(&self, k: usize, y: usize) -> usize {
        k * self.ny + y
    }
    fn share(&self, s: usize, y: usize) -> usize {
        self.nk * self.ny + s * self.ny + y
    }
    fn total(&self, y: usize) -> usize {
        (self.nk + self.ns) * self.ny + y
    }
    fn parity(&self, k: usize) -> usize {
        (self.nk + self.ns + 1) * self.ny + k
    }
    fn leap(&self, k: usize, s: usize, which: usize) -> usize {
        self.parity(self.nk) + 4 * (k * self.ns + s) + which
    }
    fn region_share(&self, r: usize, y: usize) -> usize {
        self.leap(self.nk, 0, 0) + r * self.ny + y
    }
    /// Fiscal item `f` summed over the years (`f` = FISCAL.len(): all items in year `y`).
    fn fiscal(&self, f: usize) -> usize {
        self.region_share(self.nr, 0) + f
    }
    fn fiscal_year(&self, y: usize) -> usize {
        self.fiscal(FISCAL.len()) + y
    }
    fn us_output(&self) -> usize {
        self.fiscal_year(self.ny)
    }
    /// The U.S. share of chemistry `k`'s world capacity in 2035 (`which` 0) or 2045 (1).
    fn capacity_share(&self, k: usize, which: usize) -> usize {
        self.us_output() + 1 + 2 * k + which
    }
}

/// Run `i`'s inputs.
pub fn draw(m: &Model, seed: u64, i: u64) -> Draw {
    let mut s = Stream::new(seed, i);
    Draw {
        learning_rate: m.learning_rate.iter().map(|l| s.triangular(*l)).collect(),
        growth: m.sectors.iter().map(|x| s.triangular(x.growth)).collect(),
        spill_region: s.triangular(m.spill_region),
        spill_chemistry: s.triangular(m.spill_chemistry),
        build_rate: s.triangular(m.build_rate),
        capex_us: s.triangular((m.capex_us_range[0], 1.0, m.capex_us_range[1])),
        capex_cn: s.triangular((m.capex_cn_range[0], 1.0, m.capex_cn_range[1])),
        materials: s.triangular((m.materials_range[0], 1.0, m.materials_range[1])),
        reversal: s.uniform(),
        materials_cn: s.triangular((m.materials_cn_spread[0], 1.0, m.materials_cn_spread[1])),
    }
}

fn row(m: &Model, l: &Layout, r: &RunResult, out: &mut [f32]) {
    let at_year = |y: i32| {
        m.years
            .iter()
            .position(|x| *x == y)
            .unwrap_or(m.years.len() - 1)
    };
    let (y35, y45) = (at_year(2035), at_year(2045));
    for y in 0..l.ny {
        for k in 0..l.nk {
            out[l.gap(k, y)] = r.us_cost_gap[k][y] as f32;
        }
        for s in 0..l.ns {
            out[l.share(s, y)] = r.us_share[s][y] as f32;
        }
        out[l.total(y)] = r.us_share_total[y] as f32;
        let world = r.production.iter().map(|p| p[y]).sum::<f64>() + r.unmet_gwh[y];
        let made = |g: usize| -> f64 {
            if g == m.regions.len() {
                r.unmet_gwh[y]
            } else {
                (0..l.nk).map(|k| r.production[m.producer(g, k)][y]).sum()
            }
        };
        for g in 0..l.nr {
            out[l.region_share(g, y)] = share(made(g), world) as f32;
        }
    }
    for (f, _) in FISCAL.iter().enumerate() {
        out[l.fiscal(f)] = r.fiscal_musd.iter().map(|x| x[f]).sum::<f64>() as f32;
    }
    for (y, x) in r.fiscal_musd.iter().enumerate() {
        out[l.fiscal_year(y)] = x.iter().sum::<f64>() as f32;
    }
    let us = (0..l.nk).map(|k| m.producer(m.us, k));
    out[l.us_output()] = us.map(|p| r.production[p].iter().sum::<f64>()).sum::<f64>() as f32;
    for k in 0..l.nk {
        let year = r.us_cost_gap[k].iter().position(|g| *g <= 0.0);
        out[l.parity(k)] = year.map_or(f32::INFINITY, |y| m.years[y] as f32);
        for s in 0..l.ns {
            let shares = &r.us_share_by_chemistry[k][s];
            out[l.leap(k, s, 0)] = shares[y35] as f32;
            out[l.leap(k, s, 1)] = shares[y45] as f32;
            out[l.leap(k, s, 2)] = r.value_by_chemistry_busd[k][s] as f32;
            out[l.leap(k, s, 3)] = r.value_added_by_chemistry_busd[k][s] as f32;
        }
        for (which, y) in [y35, y45].into_iter().enumerate() {
            let world: f64 = (0..m.regions.len())
                .map(|g| r.capacity[m.producer(g, k)][y])
                .sum();
            out[l.capacity_share(k, which)] =
                share(r.capacity[m.producer(m.us, k)][y], world) as f32;
        }
    }
}

/// Runs the Monte Carlo.
pub fn monte_carlo(
    m: &Model,
    levers: &Levers,
    settings: Settings,
) -> Result<MonteCarlo, PolicyError> {
    monte_carlo_with_progress(m, levers, settings, &|| {})
}

/// [`monte_carlo`], calling `tick` once a run is done (from any worker thread): a progress
/// bar's hook; the result does not depend on it.
pub fn monte_carlo_with_progress(
    m: &Model,
    levers: &Levers,
    settings: Settings,
    tick: &(dyn Fn() + Sync),
) -> Result<MonteCarlo, PolicyError> {
    let layout = Layout {
        ny: m.years.len(),
        nk: m.chemistries.len(),
        ns: m.sectors.len(),
        nr: m.regions.len() + 1,
    };
    let width = layout.width();
    let mut rows = vec![0.0f32; width * settings.runs];
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(settings.threads.max(1))
        .build()
        .map_err(|e| PolicyError::Input {
            what: "--threads".into(),
            value: settings.threads.to_string(),
            allowed: format!("a thread count the system can start ({e})"),
        })?;
    pool.install(|| {
        rows.par_chunks_mut(width).enumerate().for_each(|(i, out)| {
            let d = draw(m, settings.seed, i as u64);
            row(m, &layout, &run(m, levers, &d), out);
            tick();
        });
    });
    let column = |c: usize| -> Vec<f32> { rows.iter().skip(c).step_by(width).copied().collect() };
    let band_of = |c: usize| band(column(c));
    let mean_of = |c: usize| mean(&column(c));
    let central = run(m, levers, &Draw::central(m));
    let (tornado_outcome_central, bars) = tornado(m, levers, &central);
    let flat = |b: &TornadoBar| {
        let c = tornado_outcome_central;
        (b.outcome_at_low - c).abs() < 1e-9 && (b.outcome_at_high - c).abs() < 1e-9
    };
    let tornado_no_effect = bars
        .iter()
        .filter(|b| flat(b))
        .map(|b| b.input.clone())
        .collect();
    let tornado = bars.into_iter().filter(|b| !flat(b)).collect();
    Ok(MonteCarlo {
        settings,
        years: m.years.clone(),
        regions: m.regions.clone(),
        chemistries: m.chemistries.clone(),
        summary: summary(m, &layout, &band_of),
        us_share: (0..layout.ns)
            .map(|s| {
                (
                    m.sectors[s].id.clone(),
                    (0..layout.ny)
                        .map(|y| band_of(layout.share(s, y)))
                        .collect(),
                )
            })
            .collect(),
        us_share_total: (0..layout.ny).map(|y| band_of(layout.total(y))).collect(),
        parity: (0..layout.nk)
            .map(|k| parity(&m.chemistries[k], column(layout.parity(k))))
            .collect(),
        leap: (0..layout.nk)
            .flat_map(|k| (0..layout.ns).map(move |s| (k, s)))
            .map(|(k, s)| LeapCell {
                chemistry: m.chemistries[k].clone(),
                sector: m.sectors[s].id.clone(),
                us_share_2035: band_of(layout.leap(k, s, 0)),
                us_share_2045: band_of(layout.leap(k, s, 1)),
                value_captured_busd: band_of(layout.leap(k, s, 2)),
                value_added_busd: band_of(layout.leap(k, s, 3)),
            })
            .collect(),
        capacity_share: (0..layout.nk)
            .map(|k| CapacityShare {
                chemistry: m.chemistries[k].clone(),
                us_share_2035: band_of(layout.capacity_share(k, 0)),
                us_share_2045: band_of(layout.capacity_share(k, 1)),
            })
            .collect(),
        fiscal: fiscal(&layout, &mean_of),
        tornado_outcome_central,
        tornado,
        tornado_no_effect,
        central,
    })
}

fn summary(m: &Model, l: &Layout, band_of: &dyn Fn(usize) -> Band) -> Summary {
    let years: Vec<String> = m.years.iter().map(i32::to_string).collect();
    let keyed = |key: &str, values: Vec<f64>| -> (String, BTreeMap<String, f64>) {
        (key.to_string(), years.iter().cloned().zip(values).collect())
    };
    let regions = m.regions.iter().map(String::as_str).chain([REST_OF_WORLD]);
    let world_production_share = regions
        .enumerate()
        .map(|(g, region)| {
            let medians = (0..l.ny).map(|y| band_of(l.region_share(g, y)).p50);
            keyed(region, medians.collect())
        })
        .collect();
    let (mut p10, mut p50, mut p90) = (ByYear::new(), ByYear::new(), ByYear::new());
    for (k, chemistry) in m.chemistries.iter().enumerate() {
        let ratios: Vec<Band> = (0..l.ny).map(|y| band_of(l.gap(k, y))).collect();
        let pick = |f: fn(&Band) -> f64| ratios.iter().map(|b| 1.0 + f(b)).collect::<Vec<_>>();
        p10.extend([keyed(chemistry, pick(|b| b.p10))]);
        p50.extend([keyed(chemistry, pick(|b| b.p50))]);
        p90.extend([keyed(chemistry, pick(|b| b.p90))]);
    }
    Summary {
        world_production_share,
        us_cn_cost_ratio: p50,
        us_cn_cost_ratio_p10: p10,
        us_cn_cost_ratio_p90: p90,
    }
}

fn fiscal(l: &Layout, mean_of: &dyn Fn(usize) -> f64) -> Fiscal {
    let items_busd: BTreeMap<String, f64> = FISCAL
        .iter()
        .enumerate()
        .map(|(f, name)| (name.to_string(), mean_of(l.fiscal(f)) / 1.0e3))
        .collect();
    Fiscal {
        total_busd: items_busd.values().sum(),
        items_busd,
        by_year_busd: (0..l.ny)
            .map(|y| mean_of(l.fiscal_year(y)) / 1.0e3)
            .collect(),
        us_output_gwh: mean_of(l.us_output()),
    }
}

fn mean(v: &[f32]) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.iter().map(|x| f64::from(*x)).sum::<f64>() / v.len() as f64
}

/// The low (or, with `high`, the high) end of a (low, central, high) range.
fn end((low, _, high_end): (f64, f64, f64), high: bool) -> f64 {
    if high {
        high_end
    } else {
        low
    }
}

fn fmt(v: f64) -> String {
    format!("{v}")
}

fn band(mut v: Vec<f32>) -> Band {
    if v.is_empty() {
        return Band {
            p10: 0.0,
            p50: 0.0,
            p90: 0.0,
        };
    }
    let mut at = |q: f64| {
        let i = ((v.len() - 1) as f64 * q).round() as usize;
        let (_, x, _) = v.select_nth_unstable_by(i, f32::total_cmp);
        f64::from(*x)
    };
    Band {
        p10: at(0.1),
        p50: at(0.5),
        p90: at(0.9),
    }
}

fn parity(chemistry: &str, years: Vec<f32>) -> Parity {
    let n = years.len().max(1) as f64;
    let reached: Vec<f32> = years.into_iter().filter(|y| y.is_finite()).collect();
    Parity {
        chemistry: chemistry.to_string(),
        share_of_runs: reached.len() as f64 / n,
        median_year: (!reached.is_empty()).then(|| band(reached).p50),
    }
}

/// Each input moved alone to its low and high value.
fn tornado(m: &Model, levers: &Levers, central: &RunResult) -> (f64, Vec<TornadoBar>) {
    let y = m
        .years
        .iter()
        .position(|x| *x == TORNADO_YEAR)
        .unwrap_or(m.years.len() - 1);
    let outcome = |d: &Draw| run(m, levers, d).us_share_total[y];
    type Set = fn(&mut Draw, &Model, bool);
    let ends = |(l, _, h): (f64, f64, f64)| (fmt(l), fmt(h));
    let range = |r: [f64; 2]| (fmt(r[0]), fmt(r[1]));
    let inputs: [(&'static str, (String, String), Set); 10] = [
        (
            "learning rates",
            (
                "each chemistry's low".into(),
                "each chemistry's high".into(),
            ),
            |d, m, high| d.learning_rate = m.learning_rate.iter().map(|l| end(*l, high)).collect(),
        ),
        (
            "demand growth",
            ("each sector's low".into(), "each sector's high".into()),
            |d, m, high| d.growth = m.sectors.iter().map(|s| end(s.growth, high)).collect(),
        ),
        (
            "spill-over across regions",
            ends(m.spill_region),
            |d, m, high| d.spill_region = end(m.spill_region, high),
        ),
        (
            "spill-over across chemistries",
            ends(m.spill_chemistry),
            |d, m, high| d.spill_chemistry = end(m.spill_chemistry, high),
        ),
        ("build rate", ends(m.build_rate), |d, m, high| {
            d.build_rate = end(m.build_rate, high)
        }),
        ("U.S. capex", range(m.capex_us_range), |d, m, high| {
            d.capex_us = m.capex_us_range[usize::from(high)]
        }),
        ("China capex", range(m.capex_cn_range), |d, m, high| {
            d.capex_cn = m.capex_cn_range[usize::from(high)]
        }),
        ("material prices", range(m.materials_range), |d, m, high| {
            d.materials = m.materials_range[usize::from(high)]
        }),
        (
            "China's material prices over the world's",
            range(m.materials_cn_spread),
            |d, m, high| d.materials_cn = m.materials_cn_spread[usize::from(high)],
        ),
        (
            "a change of law taking back the package's reversible levers",
            (
                "never".into(),
                "in the year one run in ten has seen it".into(),
            ),
            |d, _, high| d.reversal = if high { 0.9 } else { 0.0 },
        ),
    ];
    let drawn = inputs.into_iter().map(|(name, (low, high), set)| {
        let at = |is_high: bool| {
            let mut d = Draw::central(m);
            set(&mut d, m, is_high);
            outcome(&d)
        };
        TornadoBar {
            input: name.to_string(),
            low,
            high,
            outcome_at_low: at(false),
            outcome_at_high: at(true),
        }
    });
    // Each lever to the ends of its documented range, the package's other levers as they are.
    let lever_bars = levers.ranges.iter().map(|(name, low, high)| {
        let at = |value: f64| {
            let mut moved = levers.clone();
            moved.set(name, value);
            run(m, &moved, &Draw::central(m)).us_share_total[y]
        };
        TornadoBar {
            input: format!("lever {name}"),
            low: fmt(*low),
            high: fmt(*high),
            outcome_at_low: at(*low),
            outcome_at_high: at(*high),
        }
    });
    let mut bars: Vec<TornadoBar> = drawn.chain(lever_bars).collect();
    bars.sort_by(|a, b| {
        let swing = |t: &TornadoBar| (t.outcome_at_high - t.outcome_at_low).abs();
        swing(b).total_cmp(&swing(a)).then(a.input.cmp(&b.input))
    });
    (central.us_share_total[y], bars)
}
