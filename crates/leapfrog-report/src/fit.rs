//! Sector fit: every couple on every sector's preset mission (leapfrog-mission), as a heat map
//! with the binding requirement in each cell, and one worked mission per sector.

use crate::html::src;
use crate::section::Section;
use crate::svg::fmt;
use leapfrog_data::Dataset;
use leapfrog_mission::fit::{fit, Cell, Fit};
use leapfrog_mission::{battery, evaluate, Ageing, Evaluation, MissionError, Status};
use maud::{html, Markup};
use serde::Serialize;
use std::fmt::Write;

#[derive(Debug, Serialize)]
pub struct SectorFitSection {
    pub fit: Fit,
    /// Per sector, its preset mission on the couple that scores best there (or, where none
    /// passes, the one that fails by least).
    pub worked: Vec<Worked>,
}

#[derive(Debug, Serialize)]
pub struct Worked {
    pub sector: String,
    pub mission_name: String,
    pub mission_source: String,
    pub evaluation: Evaluation,
}

pub(crate) fn section(data: &Dataset) -> Result<SectorFitSection, MissionError> {
    let batteries: Vec<_> = battery::all(data)?
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    let f = fit(data, &batteries, &[])?;
    let mut worked = Vec::new();
    for sector in &f.sectors {
        let Some(best) = pick(&f.cells, sector) else {
            continue;
        };
        let Some(m) = data.mission(&best.mission) else {
            continue;
        };
        let Some(b) = batteries.iter().find(|b| b.couple == best.chemistry) else {
            continue;
        };
        worked.push(Worked {
            sector: sector.clone(),
            mission_name: m.name.clone(),
            mission_source: m.source.clone().unwrap_or_default(),
            evaluation: evaluate(data, m, b, Ageing::Simulate)?,
        });
    }
    Ok(SectorFitSection { fit: f, worked })
}

/// The best feasible cell of a sector, else the infeasible one with the least shortfall.
fn pick<'a>(cells: &'a [Cell], sector: &str) -> Option<&'a Cell> {
    let row = || cells.iter().filter(move |c| c.sector == sector);
    row()
        .filter(|c| c.status == Status::Feasible)
        .max_by(|a, b| a.score.unwrap_or(0.0).total_cmp(&b.score.unwrap_or(0.0)))
        .or_else(|| {
            row()
                .filter(|c| c.status == Status::Infeasible)
                .max_by(|a, b| {
                    a.margin
                        .unwrap_or(-1.0)
                        .total_cmp(&b.margin.unwrap_or(-1.0))
                })
        })
}

/// Green for a high score, red for a failure, yellow for an uncertain verdict, grey where it
/// could not be evaluated.
fn cell_colour(c: &Cell) -> String {
    match (c.status, c.score) {
        (Status::Feasible, Some(s)) => format!("background:hsl({:.0},55%,82%)", 40.0 + 80.0 * s),
        (Status::Infeasible, _) => "background:hsl(0,60%,88%)".into(),
        (Status::Uncertain, _) => "background:hsl(50,80%,88%)".into(),
        _ => "background:#eee".into(),
    }
}

fn find<'a>(f: &'a Fit, chem: &str, sector: &str) -> Option<&'a Cell> {
    f.cells
        .iter()
        .find(|c| c.chemistry == chem && c.sector == sector)
}

const INTRO: &str = "Each couple, designed to the reference targets, on each sector's preset mission (data/missions.toml): sized, priced and aged with the cell, factory and life layers. A feasible cell shows its score on the sector's drivers (1 = best feasible couple) and the requirement with the least margin; ✗ names the first requirement that fails and by how much; n/a has no ageing model or lacks a figure the mission needs.";

impl Section for SectorFitSection {
    fn key(&self) -> &'static str {
        "sector_fit"
    }

    fn group(&self) -> &'static str {
        "missions"
    }

    fn json(&self) -> &dyn erased_serde::Serialize {
        self
    }

    fn html(&self) -> Markup {
        let f = &self.fit;
        html! {
            h2 { "Sector fit: which chemistry can do each sector's job" }
            p.note { (INTRO) }
            table {
                tr { th { "couple" } @for s in &f.sectors { th { (s) } } }
                @for chem in &f.chemistries {
                    tr {
                        td { (chem) }
                        @for s in &f.sectors {
                            @match find(f, chem, s) {
                                Some(c) => td style=(cell_colour(c)) { (c.summary(fmt)) },
                                None => td { "-" },
                            }
                        }
                    }
                }
            }
            @for (sector, drivers) in &f.unscored_drivers {
                @if !drivers.is_empty() {
                    p.note { (sector) ": not scored (no model computes them): " (drivers.join(", ")) }
                }
            }
            table {
                tr { th { "sector" } th { "first on its drivers (equal weights)" } th { "best on the mission's headline figure" } }
                @for l in &f.leaders {
                    tr {
                        td { (l.sector) }
                        td { (l.by_drivers.as_ref().map_or("-".into(), |(c, s)| format!("{c} ({s:.2})"))) }
                        td { (l.by_headline.as_ref().map_or("-".into(), |(c, n, v)| format!("{c} ({n} {})", fmt(*v)))) }
                    }
                }
            }
            h3 { "One worked mission per sector" }
            @for w in &self.worked {
                h4 { (w.sector) ": " (w.mission_name) " on " (w.evaluation.chemistry) " (" (src(&w.mission_source)) ")" }
                table {
                    tr { th { "figure or requirement" } th { "value" } th { "needed" } }
                    @for (k, v) in &w.evaluation.figures {
                        tr { td { (k) } td.n { (fmt(*v)) } td {} }
                    }
                    @for r in &w.evaluation.requirements {
                        tr {
                            td { (r.name) " (" (r.unit) ")" }
                            td.n { (fmt(r.available)) }
                            td.n { (needed(r)) }
                        }
                    }
                }
            }
        }
    }

    fn markdown(&self, m: &mut String) {
        let f = &self.fit;
        let _ = write!(
            m,
            "\n## Sector fit: which chemistry can do each sector's job\n\n{INTRO}\n\n| couple |"
        );
        for s in &f.sectors {
            let _ = write!(m, " {s} |");
        }
        m.push_str("\n|---|");
        m.push_str(&"---|".repeat(f.sectors.len()));
        m.push('\n');
        for chem in &f.chemistries {
            let _ = write!(m, "| {chem} |");
            for s in &f.sectors {
                let _ = write!(
                    m,
                    " {} |",
                    find(f, chem, s).map_or("-".into(), |c| c.summary(fmt))
                );
            }
            m.push('\n');
        }
        m.push_str("\n| sector | first on its drivers (equal weights) | best on the mission's headline figure |\n|---|---|---|\n");
        for l in &f.leaders {
            let _ = writeln!(
                m,
                "| {} | {} | {} |",
                l.sector,
                l.by_drivers
                    .as_ref()
                    .map_or("-".into(), |(c, s)| format!("{c} ({s:.2})")),
                l.by_headline
                    .as_ref()
                    .map_or("-".into(), |(c, n, v)| format!("{c} ({n} {})", fmt(*v)))
            );
        }
        m.push_str("\n### One worked mission per sector\n");
        for w in &self.worked {
            let e = &w.evaluation;
            let _ = write!(
                m,
                "\n**{}: {} on {}** (source: {})\n\n| figure or requirement | value | needed |\n|---|---:|---:|\n",
                w.sector, w.mission_name, e.chemistry, w.mission_source
            );
            for (k, v) in &e.figures {
                let _ = writeln!(m, "| {k} | {} | |", fmt(*v));
            }
            for r in &e.requirements {
                let _ = writeln!(
                    m,
                    "| {} ({}) | {} | {} |",
                    r.name,
                    r.unit,
                    fmt(r.available),
                    needed(r)
                );
            }
        }
    }
}

fn needed(r: &leapfrog_mission::Requirement) -> String {
    let sense = match r.sense {
        leapfrog_mission::Sense::AtLeast => "≥",
        leapfrog_mission::Sense::AtMost => "≤",
    };
    format!("{sense} {}", fmt(r.needed))
}
