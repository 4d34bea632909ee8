//! Sector fit: every couple on every sector's preset mission. A cell of the map is the
//! verdict (feasible, or the requirement that fails and by how much), the requirement that
//! binds (the smallest margin), and a score on the sector's drivers (data/sectors.toml):
//! each driver the models compute, relative to the best couple that passes, averaged.

use crate::{evaluate, Ageing, Battery, Evaluation, MissionError, Status};
use leapfrog_data::{Dataset, Mission};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub sector: String,
    pub mission: String,
    pub chemistry: String,
    pub status: Status,
    /// The requirement the verdict turns on: the failing or uncertain one, or the one with
    /// the least margin when all are met (the temperature and duty gates aside; absent when
    /// only a gate applies).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decisive: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<f64>,
    /// True when the ageing or electrochemical model ran outside its tested range.
    pub extrapolated: bool,
    /// The ageing model's capacity band at the end of the mission, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity_band_at_end: Option<leapfrog_life::Band>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Mean of the drivers' scores (1 = best of the feasible couples), weighted by the
    /// sector's weights (data/sectors.toml), 0 when infeasible; absent when not evaluated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// The same under the sector's alternative weighting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alternative_score: Option<f64>,
    pub drivers: Vec<(String, f64)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headline: Option<(&'static str, f64)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Fit {
    pub sectors: Vec<String>,
    pub chemistries: Vec<String>,
    pub cells: Vec<Cell>,
    /// Drivers no model computes (safety, radiation tolerance, …): named, not scored.
    pub unscored_drivers: Vec<(String, Vec<String>)>,
    /// Per sector, the feasible couple the drivers rank first and the one best on the
    /// mission's headline figure: where they differ, the equal-weight score and the unit cost
    /// disagree.
    pub leaders: Vec<Leader>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Leader {
    pub sector: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_drivers: Option<(String, f64)>,
    /// The feasible couple first under the sector's alternative weighting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_alternative_weights: Option<(String, f64)>,
    /// Whether the alternative weighting changes which couple leads on the drivers.
    pub leader_changes_under_alternative: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_headline: Option<(String, &'static str, f64)>,
}

/// Headline figures where more is better (the rest are costs, masses and volumes).
const MORE_IS_BETTER: [&str; 2] = ["range_end_of_life_km", "runtime_h"];

fn leaders(sectors: &[String], cells: &[Cell]) -> Vec<Leader> {
    sectors
        .iter()
        .map(|sector| {
            let feasible = || {
                cells
                    .iter()
                    .filter(move |c| &c.sector == sector && c.status == Status::Feasible)
            };
            let first = |score: fn(&Cell) -> Option<f64>| {
                feasible()
                    .filter_map(|c| score(c).map(|s| (c.chemistry.clone(), s)))
                    .max_by(|a, b| a.1.total_cmp(&b.1))
            };
            let by_drivers = first(|c| c.score);
            let by_alternative_weights = first(|c| c.alternative_score);
            let leader_changes_under_alternative =
                by_drivers.as_ref().map(|l| &l.0) != by_alternative_weights.as_ref().map(|l| &l.0);
            let by_headline = feasible()
                .filter_map(|c| c.headline.map(|(n, v)| (c.chemistry.clone(), n, v)))
                .max_by(|a, b| {
                    let sign = if MORE_IS_BETTER.contains(&a.1) {
                        1.0
                    } else {
                        -1.0
                    };
                    (sign * a.2).total_cmp(&(sign * b.2))
                });
            Leader {
                sector: sector.clone(),
                by_drivers,
                by_alternative_weights,
                leader_changes_under_alternative,
                by_headline,
            }
        })
        .collect()
}

impl Cell {
    /// The cell as the map shows it: the score and what binds (or the headline figure when
    /// only the temperature gate applies), the failing requirement and by how much, or n/a.
    pub fn summary(&self, number: impl Fn(f64) -> String) -> String {
        let decisive = self.decisive.clone().unwrap_or_default();
        match self.status {
            Status::Feasible => {
                let score = self.score.map_or("-".into(), |s| format!("{s:.2}"));
                let sizing = self
                    .decisive
                    .as_ref()
                    .filter(|d| !crate::verdict::GATES.iter().any(|g| d.starts_with(g)));
                let what = match (sizing, self.headline) {
                    (Some(b), _) => b.clone(),
                    (None, Some((name, value))) => format!("{name} {}", number(value)),
                    (None, None) => String::new(),
                };
                format!("{score} · {what}")
            }
            Status::Infeasible => {
                format!("✗ {decisive} {:+.0}%", 100.0 * self.margin.unwrap_or(0.0))
            }
            Status::Uncertain => {
                format!("? {decisive} {:+.0}%", 100.0 * self.margin.unwrap_or(0.0))
            }
            Status::NotEvaluated => "n/a".into(),
        }
    }
}

/// A driver's value for one chemistry on one mission, and whether more is better.
fn driver_value(driver: &str, b: &Battery, e: &Evaluation) -> Option<(f64, bool)> {
    Some(match driver {
        "cost_usd_per_kwh" => (
            e.figures
                .get("lcos_usd_per_mwh")
                .copied()
                .unwrap_or(b.pack_usd_per_kwh),
            false,
        ),
        // The pack the mission built (its sector's fractions), where it built one.
        "specific_energy_wh_per_kg" => (pack_figure(e, b).0, true),
        "energy_density_wh_per_l" => (pack_figure(e, b).1, true),
        "specific_power_w_per_kg" => (pack_figure(e, b).2, true),
        "cycle_life" => (
            e.life.as_ref()?.cycles_to_end_of_life.or_else(|| {
                // Outlasting the mission: at least the cycles it ran.
                e.life
                    .as_ref()
                    .map(|l| l.cycles_per_year * l.years_simulated)
            })?,
            true,
        ),
        "temperature_range" => {
            let (lo, hi) = b.temperature_range_c?;
            (hi - lo, true)
        }
        _ => return None,
    })
}

/// Specific energy, energy density and specific power of the pack `e` sized, or of the cell
/// layer's BatPaC pack when it sized none.
fn pack_figure(e: &Evaluation, b: &Battery) -> (f64, f64, f64) {
    let s = &e.battery;
    if s.mass_kg > 0.0 && s.volume_l > 0.0 && s.pack_wh_per_kg > 0.0 {
        let wh = s.nameplate_kwh * 1000.0;
        let power = b.pack_w_per_kg * s.pack_wh_per_kg / b.pack_wh_per_kg;
        (s.pack_wh_per_kg, wh / s.volume_l, power)
    } else {
        (b.pack_wh_per_kg, b.pack_wh_per_l, b.pack_w_per_kg)
    }
}

/// The headline figure of a mission kind, for the map.
fn headline(e: &Evaluation) -> Option<(&'static str, f64)> {
    const ORDER: [&str; 7] = [
        "lcos_usd_per_mwh",
        "battery_mass_kg",
        "range_end_of_life_km",
        "cost_per_operating_hour_usd",
        "cost_per_km_usd",
        "cell_volume_l",
        "runtime_h",
    ];
    ORDER
        .iter()
        .find_map(|k| e.figures.get_key_value(k).map(|(k, v)| (*k, *v)))
}

/// Every chemistry of `batteries` on each preset mission that stands for a sector in
/// `sectors` (all sectors with a preset when empty).
pub fn fit(data: &Dataset, batteries: &[Battery], sectors: &[String]) -> Result<Fit, MissionError> {
    let missions: Vec<(&str, &Mission)> = data
        .sectors
        .iter()
        .filter(|s| sectors.is_empty() || sectors.contains(&s.id))
        .filter_map(|s| {
            data.missions
                .iter()
                .find(|m| m.sector.as_deref() == Some(&s.id))
                .map(|m| (s.id.as_str(), m))
        })
        .collect();
    let mut cells = Vec::new();
    let mut unscored = Vec::new();
    for (sector, mission) in &missions {
        let drivers = &data
            .sector(sector)
            .map(|s| s.drivers.clone())
            .unwrap_or_default();
        let row: Vec<(Option<Evaluation>, Option<String>)> = batteries
            .iter()
            .map(|b| match evaluate(data, mission, b, Ageing::Simulate) {
                Ok(e) => (Some(e), None),
                Err(MissionError::Input { message, .. }) => (None, Some(message)),
                Err(e) => (None, Some(e.to_string())),
            })
            .collect();
        let scored: Vec<&String> = drivers
            .iter()
            .filter(|d| {
                batteries
                    .iter()
                    .zip(&row)
                    .any(|(b, (e, _))| e.as_ref().and_then(|e| driver_value(d, b, e)).is_some())
            })
            .collect();
        unscored.push((
            sector.to_string(),
            drivers
                .iter()
                .filter(|d| !scored.contains(d))
                .cloned()
                .collect(),
        ));
        let best = |d: &str| -> Option<(f64, bool)> {
            let vals = batteries.iter().zip(&row).filter_map(|(b, (e, _))| {
                let e = e.as_ref().filter(|e| e.status == Status::Feasible)?;
                driver_value(d, b, e)
            });
            vals.reduce(|a, b| if (b.0 > a.0) == a.1 { b } else { a })
        };
        for (b, (e, err)) in batteries.iter().zip(&row) {
            cells.push(cell(
                (sector, data.sector(sector)),
                mission,
                b,
                e.as_ref(),
                err.clone(),
                &scored,
                &best,
            ));
        }
    }
    let sectors: Vec<String> = missions.iter().map(|(s, _)| s.to_string()).collect();
    let leaders = leaders(&sectors, &cells);
    Ok(Fit {
        sectors,
        chemistries: batteries.iter().map(|b| b.couple.clone()).collect(),
        cells,
        unscored_drivers: unscored,
        leaders,
    })
}

/// One fit cell; `sector` is the sector's id and its record (for the drivers' weights).
fn cell(
    (sector, record): (&str, Option<&leapfrog_data::Sector>),
    mission: &Mission,
    b: &Battery,
    e: Option<&Evaluation>,
    err: Option<String>,
    drivers: &[&String],
    best: &dyn Fn(&str) -> Option<(f64, bool)>,
) -> Cell {
    let base = Cell {
        sector: sector.to_string(),
        mission: mission.id.clone(),
        chemistry: b.couple.clone(),
        status: Status::NotEvaluated,
        decisive: None,
        margin: None,
        extrapolated: false,
        capacity_band_at_end: None,
        reason: err,
        score: None,
        alternative_score: None,
        drivers: Vec::new(),
        headline: None,
    };
    let Some(e) = e else { return base };

    let driver_scores: Vec<(String, f64)> = drivers
        .iter()
        .filter_map(|d| {
            let (v, more_better) = driver_value(d, b, e)?;
            let (top, _) = best(d)?;
            let s = if more_better { v / top } else { top / v };
            Some((
                d.to_string(),
                if s.is_finite() {
                    s.clamp(0.0, 1.0)
                } else {
                    0.0
                },
            ))
        })
        .collect();
    let weighted = |alternative: bool| match e.status {
        Status::Feasible | Status::Uncertain if !driver_scores.is_empty() => {
            let w = |d: &str| record.map_or(1.0, |r| r.weight(d, alternative));
            let total: f64 = driver_scores.iter().map(|(d, _)| w(d)).sum();
            (total > 0.0).then(|| driver_scores.iter().map(|(d, s)| w(d) * s).sum::<f64>() / total)
        }
        Status::Infeasible => Some(0.0),
        _ => None,
    };
    let score = weighted(false);
    let alternative_score = weighted(true);
    Cell {
        status: e.status,
        decisive: e.decisive.as_ref().map(|r| r.name.to_string()),
        margin: e.margin,
        extrapolated: e.extrapolated,
        capacity_band_at_end: e.life.as_ref().and_then(|l| l.capacity_band_at_end),
        reason: e.not_evaluated_reason.clone().or(base.reason),
        score,
        alternative_score,
        drivers: driver_scores,
        headline: headline(e),
        ..base
    }
}
