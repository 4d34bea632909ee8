//! The backcast: the annual model run over the past (data/backcast.toml's years) with the
//! plants that were there and the demand that was published, against the published figures.
//!
//! Inputs after the start are only demand and each plant's nameplate capacity, production
//! start and status: output, prices and experience come from the model. Outside China a plant
//! runs up to its nameplate along the scale-up layer's ramp, and a share of that (the contract
//! share, the one free parameter) is sold under supply agreements or to its owners before the
//! merit order; China enters with its published capacity. The contract share is fitted on the
//! calibration years' rows only; the other rows are out of sample.

use crate::levers::Levers;
use crate::model::{region_shares, split, world_cumulative_gwh, HistoryYear, Model};
use crate::run::{run, Draw, RunResult};
use crate::PolicyError;
use leapfrog_data::{BackcastSettings, Dataset, NotFound, Plant};
use leapfrog_scaleup::ramp::RampParameters;
use serde::Serialize;

/// One published figure beside the model's value for the same year.
#[derive(Debug, Clone, Serialize)]
pub struct BackcastRow {
    pub id: String,
    pub year: i32,
    pub metric: String,
    pub model: f64,
    pub published: f64,
    pub low: f64,
    pub high: f64,
    pub source: String,
    /// The row's year is one the free parameter was fitted on.
    pub calibrated: bool,
    pub inside: bool,
}

/// A free parameter of the backcast, with what moving it across its prior does: fitted to the
/// calibration years' rows, or held at its stated value where no in-sample row identifies it.
#[derive(Debug, Clone, Serialize)]
pub struct FittedParameter {
    pub name: String,
    pub value: f64,
    pub prior: [f64; 2],
    pub sources: Vec<String>,
    pub note: String,
    pub fitted: bool,
    /// The years whose rows it was fitted on (empty when not fitted).
    pub fitted_on: Vec<i32>,
    /// In-sample rows it was fitted to.
    pub rows_fitted: usize,
    /// Each row's model value at the prior's low and high end.
    pub effect: Vec<RowEffect>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RowEffect {
    pub id: String,
    pub at_prior_low: f64,
    pub at_prior_high: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Backcast {
    pub years: [i32; 2],
    pub rows: Vec<BackcastRow>,
    pub parameters: Vec<FittedParameter>,
    /// Plant capacity outside China left out (countries the model does not cost), GWh in the
    /// last year, and the countries.
    pub left_out_gwh: f64,
    pub left_out_countries: Vec<String>,
    pub note: String,
}

const CONTRACT_SHARE: &str = "contract_share";
const SPILL_REGION: &str = "spill_region";

fn learning_source(data: &Dataset) -> String {
    data.policy_learnings
        .first()
        .map_or_else(|| "assumption".into(), |l| l.source.clone())
}

/// Runs the backcast for the model `m` (a projection's model: its costs, sectors and rules).
pub fn backcast(data: &Dataset, m: &Model) -> Result<Backcast, PolicyError> {
    let b = data
        .backcast_settings
        .first()
        .ok_or_else(|| NotFound::new("backcast_settings", "default", std::iter::empty::<&str>()))?;
    let levers = Levers::resolve(data, m, None, &[])?;
    let inputs = Inputs::prepare(data, m, b)?;
    let calibration: Vec<&leapfrog_data::BackcastRow> = data
        .backcast_rows
        .iter()
        .filter(|r| b.calibration_years.contains(&r.year) && r.metric != "world_cell_output_gwh")
        .collect();
    let prior = [b.contract_share_low, b.contract_share_high];
    let spill = (m.spill_region.0, m.spill_region.1, m.spill_region.2);
    let misfit = |c: f64| {
        let r = inputs.run(&levers, c, spill.1);
        calibration
            .iter()
            .filter_map(|row| {
                let v = metric(&inputs.model, &r, &row.metric, row.year)?;
                let scale = ((row.high - row.low) / 2.0)
                    .max(0.01 * row.value.abs())
                    .max(1e-9);
                Some(((v - row.value) / scale).powi(2))
            })
            .sum::<f64>()
    };
    let fitted = golden_section(&misfit, prior[0], prior[1]);
    let central = inputs.run(&levers, fitted, spill.1);
    let ends = |c: [f64; 2], s: [f64; 2]| {
        [
            inputs.run(&levers, c[0], s[0]),
            inputs.run(&levers, c[1], s[1]),
        ]
    };
    let contract_ends = ends(prior, [spill.1; 2]);
    let spill_ends = ends([fitted; 2], [spill.0, spill.2]);
    let in_years = |r: &&leapfrog_data::BackcastRow| (b.start_year..=b.end_year).contains(&r.year);
    let mut rows = Vec::new();
    let (mut contract_effect, mut spill_effect) = (Vec::new(), Vec::new());
    for r in data.backcast_rows.iter().filter(in_years) {
        let Some(v) = metric(&inputs.model, &central, &r.metric, r.year) else {
            continue;
        };
        rows.push(BackcastRow {
            id: r.id.clone(),
            year: r.year,
            metric: r.metric.clone(),
            model: v,
            published: r.value,
            low: r.low,
            high: r.high,
            source: r.sources.join(", "),
            calibrated: b.calibration_years.contains(&r.year),
            inside: r.low <= v && v <= r.high,
        });
        for (effect, [low, high]) in [
            (&mut contract_effect, &contract_ends),
            (&mut spill_effect, &spill_ends),
        ] {
            effect.push(RowEffect {
                id: r.id.clone(),
                at_prior_low: metric(&inputs.model, low, &r.metric, r.year).unwrap_or(v),
                at_prior_high: metric(&inputs.model, high, &r.metric, r.year).unwrap_or(v),
            });
        }
    }
    rows.sort_by(|a, b| (a.year, &a.metric).cmp(&(b.year, &b.metric)));
    Ok(Backcast {
        years: [b.start_year, b.end_year],
        rows,
        parameters: vec![
            FittedParameter {
                name: CONTRACT_SHARE.into(),
                value: fitted,
                prior,
                sources: b.contract_share_sources.clone(),
                note: b.contract_share_note.clone(),
                fitted: true,
                fitted_on: b.calibration_years.clone(),
                rows_fitted: calibration.len(),
                effect: contract_effect,
            },
            FittedParameter {
                name: SPILL_REGION.into(),
                value: spill.1,
                prior: [spill.0, spill.2],
                sources: vec![learning_source(data)],
                note: "Experience transfer to a new site: the share of the same chemistry's output elsewhere a region counts as its own experience (data/policy.toml policy_learning). Not fitted: no calibration row identifies it (the only 2021-2022 rows are China's share of output, which it hardly moves; no U.S./China cost ratio for 2021-2022 has two sources), so it stays at its stated value.".into(),
                fitted: false,
                fitted_on: Vec::new(),
                rows_fitted: 0,
                effect: spill_effect,
            },
        ],
        left_out_gwh: inputs.left_out_gwh,
        left_out_countries: inputs.left_out_countries,
        note: b.note.clone().unwrap_or_default(),
    })
}

/// The backcast's model and the parts of its history that do not depend on the contract share.
struct Inputs {
    model: Model,
    /// [year][producer] ramped capacity outside China (the contracted share applies to it).
    outside_china: Vec<Vec<f64>>,
    left_out_gwh: f64,
    left_out_countries: Vec<String>,
}

impl Inputs {
    fn prepare(data: &Dataset, m: &Model, b: &BackcastSettings) -> Result<Inputs, PolicyError> {
        let years: Vec<i32> = (b.start_year..=b.end_year).collect();
        let ramp = data.find::<leapfrog_data::Ramp>(&b.ramp)?;
        // Utilisation only: the mature scrap rate does not enter it.
        let curve = RampParameters::of(ramp, 0.0, 1.0).for_plant(0.0);
        let (np, nk) = (m.producers(), m.chemistries.len());
        let mut outside_china = vec![vec![0.0; np]; years.len()];
        let mut left_out = std::collections::BTreeSet::new();
        let mut left_out_gwh = 0.0;
        for plant in data.plants.iter().filter(|p| p.site_country != "CN") {
            let region = region_of(m, b, &plant.site_country);
            let chemistry = chemistry_of(m, b, plant);
            let Some(start) = plant.production_start.as_deref().and_then(fractional_year) else {
                continue;
            };
            for (i, &y) in years.iter().enumerate() {
                let gwh = running_gwh(plant, y, start, |months| curve.utilisation(months));
                match (region, chemistry) {
                    (Some(r), Some(k)) => outside_china[i][r * nk + k] += gwh,
                    _ if gwh > 0.0 => {
                        left_out.insert(plant.site_country.clone());
                        if y == b.end_year {
                            left_out_gwh += gwh;
                        }
                    }
                    _ => {}
                }
            }
        }
        let china = china_capacity(data, &years)?;
        let history = years
            .iter()
            .enumerate()
            .map(|(i, &y)| {
                let mut by_region = vec![0.0; m.regions.len()];
                by_region[m.cn] = china[i];
                let mut capacity = split(data, &by_region, &m.chemistries, m.cn);
                for (c, o) in capacity.iter_mut().zip(&outside_china[i]) {
                    *c += o;
                }
                HistoryYear {
                    capacity,
                    contracted: vec![0.0; np],
                    demand: demand(data, m, y),
                }
            })
            .collect();
        let mut model = m.clone();
        model.years = years;
        model.history = history;
        model.capacity = model.history[0].capacity.clone();
        model.cumulative = starting_experience(data, m, b)?;
        Ok(Inputs {
            model,
            outside_china,
            left_out_gwh,
            left_out_countries: left_out.into_iter().collect(),
        })
    }

    fn run(&self, levers: &Levers, contract_share: f64, spill_region: f64) -> RunResult {
        let mut model = self.model.clone();
        for (h, o) in model.history.iter_mut().zip(&self.outside_china) {
            h.contracted = o.iter().map(|g| g * contract_share).collect();
        }
        let mut draw = Draw::central(&model);
        draw.spill_region = spill_region;
        run(&model, levers, &draw)
    }
}

/// The producer region of a plant's country: its own if the model costs it, else its proxy.
fn region_of(m: &Model, b: &BackcastSettings, country: &str) -> Option<usize> {
    let find = |c: &str| m.regions.iter().position(|r| r == c);
    find(country).or_else(|| {
        b.region_proxies
            .iter()
            .find(|p| p.country == country)
            .and_then(|p| find(&p.region))
    })
}

fn chemistry_of(m: &Model, b: &BackcastSettings, plant: &Plant) -> Option<usize> {
    let label = plant.chemistry.as_deref().unwrap_or("unknown");
    b.plant_chemistries
        .iter()
        .find(|c| c.plant == label)
        .and_then(|c| m.chemistry_index(&c.chemistry))
}

/// "YYYY", "YYYY-MM" or "YYYY-MM-DD" as a fractional year; a bare year is taken at mid-year.
fn fractional_year(s: &str) -> Option<f64> {
    let mut parts = s.split('-');
    let y: f64 = parts.next()?.parse().ok()?;
    match parts.next() {
        None => Some(y + 0.5),
        Some(m) => {
            let m: f64 = m.parse().ok()?;
            Some(y + (m - 1.0) / 12.0)
        }
    }
}

/// What a plant could make in year `y`: its nameplate (the latest capacity figure by then, or
/// its first) times the ramp's utilisation, month by month while it is producing and not
/// paused, closed or cancelled.
fn running_gwh(plant: &Plant, y: i32, start: f64, utilisation: impl Fn(f64) -> f64) -> f64 {
    let nameplate = plant
        .capacity_gwh
        .iter()
        .rfind(|c| c.year <= y)
        .or(plant.capacity_gwh.first())
        .map_or(0.0, |c| c.value);
    let stopped = |t: f64| {
        plant
            .status
            .iter()
            .rfind(|s| fractional_year(&s.from).is_some_and(|f| f <= t))
            .is_some_and(|s| matches!(s.status.as_str(), "paused" | "closed" | "cancelled"))
    };
    (0..12)
        .map(|month| {
            let t = f64::from(y) + (f64::from(month) + 0.5) / 12.0;
            if t < start || stopped(t) {
                0.0
            } else {
                utilisation((t - start) * 12.0) / 12.0
            }
        })
        .sum::<f64>()
        * nameplate
}

/// China's capacity by year from the published totals: geometric between the years given
/// (linear where one end is zero), the nearest outside them.
fn china_capacity(data: &Dataset, years: &[i32]) -> Result<Vec<f64>, PolicyError> {
    let mut points: Vec<(i32, f64)> = data
        .capacity_totals
        .iter()
        .filter(|t| t.scope == "china")
        .map(|t| (t.year, t.gwh))
        .collect();
    points.sort_by_key(|p| p.0);
    if points.is_empty() {
        return Err(NotFound::new(
            "capacity_total (scope china)",
            "any",
            std::iter::empty::<&str>(),
        )
        .into());
    }
    Ok(years
        .iter()
        .map(|&y| {
            let after = points.iter().position(|p| p.0 >= y);
            match after {
                Some(0) => points[0].1,
                None => points[points.len() - 1].1,
                Some(j) => {
                    let ((y0, v0), (y1, v1)) = (points[j - 1], points[j]);
                    let f = f64::from(y - y0) / f64::from(y1 - y0);
                    if v0 > 0.0 && v1 > 0.0 {
                        v0 * (v1 / v0).powf(f)
                    } else {
                        v0 + f * (v1 - v0)
                    }
                }
            }
        })
        .collect())
}

fn demand(data: &Dataset, m: &Model, year: i32) -> Vec<Option<[f64; 2]>> {
    m.sectors
        .iter()
        .map(|s| {
            data.demand_history
                .iter()
                .find(|d| d.sector == s.id && d.year == year)
                .map(|d| [d.world_gwh * d.us_share, d.world_gwh * (1.0 - d.us_share)])
        })
        .collect()
}

/// Experience before the start year: the learning series' cumulative output split over regions
/// by the experience table and over chemistries as the starting capacity is.
fn starting_experience(
    data: &Dataset,
    m: &Model,
    b: &BackcastSettings,
) -> Result<Vec<f64>, PolicyError> {
    let settings = data
        .policy_settings
        .first()
        .ok_or_else(|| NotFound::new("policy_settings", "default", std::iter::empty::<&str>()))?;
    let world = world_cumulative_gwh(data, settings, Some(b.start_year))?;
    let by_region: Vec<f64> = region_shares(data, &b.experience_table, &m.regions)?
        .iter()
        .map(|f| f * world)
        .collect();
    Ok(split(data, &by_region, &m.chemistries, m.cn))
}

/// A backcast metric from a run, for `year`; None where the model has no such quantity.
fn metric(m: &Model, r: &RunResult, metric: &str, year: i32) -> Option<f64> {
    let i = m.years.iter().position(|y| *y == year)?;
    let nk = m.chemistries.len();
    let output = |region: Option<usize>| -> f64 {
        (0..m.producers())
            .filter(|p| region.is_none_or(|g| p / nk == g))
            .map(|p| r.production[p][i])
            .sum()
    };
    let ratio = |chemistry: &str| {
        let k = m.chemistry_index(chemistry)?;
        Some(r.cost[m.producer(m.us, k)][i] / r.cost[m.producer(m.cn, k)][i])
    };
    match metric {
        "world_cell_output_gwh" => Some(output(None)),
        "cn_share_of_world_output" => {
            let world = output(None);
            (world > 0.0).then(|| output(Some(m.cn)) / world)
        }
        "us_output_gwh" => Some(output(Some(m.us))),
        "us_cn_cell_cost_ratio_nmc" => ratio("NMC811-G"),
        "us_cn_cell_cost_ratio_lfp" => ratio("LFP-G"),
        _ => None,
    }
}

/// The minimum of `f` on [a, b] by golden-section search (f is smooth and one-humped here: a
/// larger contract share moves output steadily from China to the rest).
fn golden_section(f: &dyn Fn(f64) -> f64, mut a: f64, mut b: f64) -> f64 {
    let g = (5f64.sqrt() - 1.0) / 2.0;
    let (mut c, mut d) = (b - g * (b - a), a + g * (b - a));
    let (mut fc, mut fd) = (f(c), f(d));
    for _ in 0..40 {
        if (b - a).abs() < 1e-4 {
            break;
        }
        if fc < fd {
            b = d;
            d = c;
            fd = fc;
            c = b - g * (b - a);
            fc = f(c);
        } else {
            a = c;
            c = d;
            fc = fd;
            d = a + g * (b - a);
            fd = f(d);
        }
    }
    (a + b) / 2.0
}
