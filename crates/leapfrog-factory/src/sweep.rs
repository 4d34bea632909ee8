//! Parameter sweeps: every combination of a grid of couples, regions, process sets, plant sizes,
//! pack powers and thickness caps, designed and priced. Chemistries and plants are resolved once
//! per (couple, region, processes); each grid point is then arithmetic only. Points are numbered
//! so that callers (the CLI, Monte Carlo, bindings) can evaluate any range, in parallel, in order.

use crate::{Factory, FactoryError, PlantOptions, Prepared, DEFAULT_COST_MODEL};
use leapfrog_cell::{Chemistry, DesignInputs, DesignRequest};
use leapfrog_data::{Bounded, CellDesign, Dataset, Range};
use rayon::prelude::*;
use serde::Deserialize;

/// A sweep grid as written in a `[sweep]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grid {
    pub couples: Vec<String>,
    /// Region ids; `batpac` is BatPaC's own U.S. reference.
    #[serde(default = "batpac_region")]
    pub regions: Vec<String>,
    /// Process sets, each a list of process-variant ids.
    #[serde(default = "no_process")]
    pub processes: Vec<Vec<String>>,
    pub plant_gwh: Axis,
    #[serde(default)]
    pub pack_kw: Option<Axis>,
    #[serde(default)]
    pub max_thickness_um: Option<Axis>,
    /// Charge times over the design's SOC window, minutes; default the design's own.
    #[serde(default)]
    pub fast_charge_minutes: Option<Axis>,
    /// A price basis id from data/price_bases.toml for every point; default materials.toml.
    #[serde(default)]
    pub prices: Option<String>,
}

fn batpac_region() -> Vec<String> {
    vec!["batpac".into()]
}

fn no_process() -> Vec<Vec<String>> {
    vec![Vec::new()]
}

/// The most values one axis may take.
pub const MAX_AXIS_STEPS: usize = 100_000;

/// The most points one sweep may have (about 10 minutes on two cores).
pub const MAX_POINTS: usize = 200_000_000;

/// One axis of a grid: listed values, or `steps` values evenly spaced from `from` to `to`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Axis {
    Values(Vec<f64>),
    Range { from: f64, to: f64, steps: usize },
}

impl Axis {
    /// The axis's values; `name` locates an error (`sweep.<name>`).
    pub fn values(&self, name: &str) -> Result<Vec<f64>, FactoryError> {
        let v = match self {
            Axis::Values(v) => v.clone(),
            Axis::Range { from, to, steps } => {
                let n = *steps;
                if !(1..=MAX_AXIS_STEPS).contains(&n) {
                    return Err(FactoryError::Grid(format!(
                        "sweep.{name}.steps = {n} is not allowed; allowed: 1 to {MAX_AXIS_STEPS} steps"
                    )));
                }
                (0..n)
                    .map(|i| {
                        if n == 1 {
                            *from
                        } else {
                            from + (to - from) * i as f64 / (n - 1) as f64
                        }
                    })
                    .collect()
            }
        };
        if v.len() > MAX_AXIS_STEPS {
            return Err(FactoryError::Grid(format!(
                "sweep.{name}: {} values; allowed: at most {MAX_AXIS_STEPS}",
                v.len()
            )));
        }
        if v.is_empty() || v.iter().any(|x| !x.is_finite()) {
            return Err(FactoryError::Grid(format!(
                "sweep.{name}: needs at least one finite value"
            )));
        }
        Ok(v)
    }
}

/// One resolved couple × region × process set.
struct Context {
    couple: String,
    region: String,
    processes: String,
    chemistry: Chemistry,
    base: DesignInputs,
    prepared: Prepared,
}

/// A grid resolved against a dataset, ready to evaluate point by point.
pub struct Sweep {
    factory: Factory,
    contexts: Vec<Context>,
    plant_gwh: Vec<f64>,
    pack_kw: Vec<f64>,
    max_thickness_um: Vec<Option<f64>>,
    fast_charge_minutes: Vec<f64>,
}

/// What a grid point designs and prices to.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct PointResult {
    pub positive_thickness_um: f64,
    pub cell_wh_per_kg: f64,
    pub cell_cost_usd_per_kwh: f64,
    pub pack_usd_per_kwh: f64,
    pub capex_musd_per_gwh: f64,
    pub energy_kwh_per_kwh: f64,
}

/// One grid point: its inputs and its result, or why no design meets its targets.
#[derive(Debug)]
pub struct SweepRow<'a> {
    pub couple: &'a str,
    pub region: &'a str,
    /// Process ids joined by `+` (empty for none).
    pub processes: &'a str,
    pub plant_gwh: f64,
    pub pack_kw: f64,
    pub max_thickness_um: Option<f64>,
    pub fast_charge_minutes: f64,
    /// The point's result, or why there is none (no design meets the targets, or a figure
    /// failed to compute).
    pub outcome: Result<PointResult, FactoryError>,
}

impl Sweep {
    /// Resolves every chemistry and plant of the grid and expands its axes.
    pub fn new(data: &Dataset, grid: &Grid) -> Result<Sweep, FactoryError> {
        let factory = Factory::load(data, DEFAULT_COST_MODEL)?;
        let contexts = contexts(data, &factory, grid)?;
        let plant_gwh = grid.plant_gwh.values("plant_gwh")?;
        within("plant_gwh", &plant_gwh, crate::PLANT_GWH_PER_YR)?;
        let pack_kw = match &grid.pack_kw {
            Some(axis) => axis.values("pack_kw")?,
            None => vec![contexts[0].base.pack_power_kw],
        };
        within("pack_kw", &pack_kw, design_range("pack_power_kw"))?;
        let max_thickness_um = match &grid.max_thickness_um {
            Some(axis) => {
                let v = axis.values("max_thickness_um")?;
                within(
                    "max_thickness_um",
                    &v,
                    design_range("max_positive_thickness_um"),
                )?;
                v.into_iter().map(Some).collect()
            }
            None => vec![None],
        };
        let fast_charge_minutes = match &grid.fast_charge_minutes {
            Some(axis) => axis.values("fast_charge_minutes")?,
            None => vec![contexts[0].base.fast_charge_minutes],
        };
        within(
            "fast_charge_minutes",
            &fast_charge_minutes,
            design_range("fast_charge_minutes"),
        )?;
        let points = [
            contexts.len(),
            plant_gwh.len(),
            pack_kw.len(),
            max_thickness_um.len(),
            fast_charge_minutes.len(),
        ]
        .iter()
        .try_fold(1usize, |n, k| n.checked_mul(*k))
        .filter(|n| *n <= MAX_POINTS);
        if points.is_none() {
            return Err(FactoryError::Grid(format!(
                "sweep: the grid has more than {MAX_POINTS} points; allowed: at most {MAX_POINTS} (split it)"
            )));
        }
        Ok(Sweep {
            factory,
            contexts,
            plant_gwh,
            pack_kw,
            max_thickness_um,
            fast_charge_minutes,
        })
    }

    /// The number of grid points.
    pub fn len(&self) -> usize {
        self.contexts.len()
            * self.plant_gwh.len()
            * self.pack_kw.len()
            * self.max_thickness_um.len()
            * self.fast_charge_minutes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Grid point `i` (couple, region and processes vary fastest, then plant size, pack
    /// power, thickness cap and charge time), designed and priced.
    pub fn point(&self, i: usize) -> SweepRow<'_> {
        let (c, rest) = (i % self.contexts.len(), i / self.contexts.len());
        let (gi, rest) = (rest % self.plant_gwh.len(), rest / self.plant_gwh.len());
        let (ki, rest) = (rest % self.pack_kw.len(), rest / self.pack_kw.len());
        let (ti, fi) = (
            rest % self.max_thickness_um.len(),
            rest / self.max_thickness_um.len(),
        );
        let context = &self.contexts[c];
        let (gwh, kw, thickness, minutes) = (
            self.plant_gwh[gi],
            self.pack_kw[ki],
            self.max_thickness_um[ti],
            self.fast_charge_minutes[fi],
        );
        let mut inputs = context.base;
        inputs.pack_power_kw = kw;
        inputs.fast_charge_minutes = minutes;
        if thickness.is_some() {
            inputs.max_positive_thickness_um = thickness;
        }
        let outcome = self.evaluate(context, &inputs, gwh);
        SweepRow {
            couple: &context.couple,
            region: &context.region,
            processes: &context.processes,
            plant_gwh: gwh,
            pack_kw: kw,
            max_thickness_um: thickness,
            fast_charge_minutes: minutes,
            outcome,
        }
    }

    fn evaluate(
        &self,
        context: &Context,
        inputs: &DesignInputs,
        gwh: f64,
    ) -> Result<PointResult, FactoryError> {
        let d = context.chemistry.solve(inputs)?;
        let r = self.factory.evaluate_at(&context.prepared, &d, gwh);
        let point = PointResult {
            positive_thickness_um: d.cell.positive_thickness_um,
            cell_wh_per_kg: d.cell.specific_energy_wh_per_kg,
            cell_cost_usd_per_kwh: r.cell_cost_usd_per_kwh,
            pack_usd_per_kwh: r.pack_usd_per_kwh,
            capex_musd_per_gwh: r.plant.capex_musd_per_gwh,
            energy_kwh_per_kwh: r.plant.energy_kwh_per_kwh,
        };
        leapfrog_data::ensure_finite("sweep point", &point)?;
        Ok(point)
    }

    /// `f` of every point in `range`, evaluated in parallel and returned in point order.
    pub fn par_map<T: Send>(
        &self,
        range: std::ops::Range<usize>,
        f: impl Fn(SweepRow<'_>) -> T + Sync + Send,
    ) -> Vec<T> {
        range.into_par_iter().map(|i| f(self.point(i))).collect()
    }
}

/// Every value of an axis inside `range`, or an error naming the axis and the first outlier.
fn within(name: &str, values: &[f64], range: Range) -> Result<(), FactoryError> {
    match values.iter().find(|v| !range.admits(**v)) {
        Some(bad) => Err(FactoryError::Grid(format!(
            "sweep.{name}: {bad} is not allowed; allowed: {}",
            range.allowed()
        ))),
        None => Ok(()),
    }
}

/// The range a cell design's field is held to in the data (`CellDesign`'s bounds).
fn design_range(field: &str) -> Range {
    CellDesign::bound(field).map_or(Range::Positive { max: f64::MAX }, |b| b.range)
}

fn contexts(data: &Dataset, factory: &Factory, g: &Grid) -> Result<Vec<Context>, FactoryError> {
    let mut out = Vec::new();
    for couple in &g.couples {
        let req = DesignRequest::reference_for(data, couple)?;
        let chemistry = Chemistry::load(data, &req)?;
        for region in &g.regions {
            for processes in &g.processes {
                let opts = PlantOptions {
                    plant_gwh_per_yr: 1.0,
                    region: (region != "batpac").then(|| region.clone()),
                    processes: processes.clone(),
                    price_basis: g.prices.clone(),
                };
                let prepared = factory.prepare(&chemistry, &opts)?;
                out.push(Context {
                    couple: couple.clone(),
                    region: region.clone(),
                    processes: processes.join("+"),
                    chemistry: chemistry.clone(),
                    base: req.inputs,
                    prepared,
                });
            }
        }
    }
    if out.is_empty() {
        return Err(FactoryError::Grid(
            "sweep: couples, regions and processes must not be empty".into(),
        ));
    }
    Ok(out)
}
