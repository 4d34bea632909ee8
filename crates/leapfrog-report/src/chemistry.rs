//! The chemistry section: the assessment's Table 1 metrics per couple, computed by the
//! design model or sourced, each marked which; the BatPaC check; commercial-cell validation;
//! and the storage systems that are not intercalation cells.

use crate::svg::{self, esc, fmt, Bar};
use leapfrog_cell::catalogue::{chemistry_table, REFERENCE_PRESET};
use leapfrog_cell::systems::{self, SystemMetrics};
use leapfrog_cell::{CellError, Chemistry, DesignRequest};
use leapfrog_data::{Dataset, ReferenceCase, ReferenceLayer};
use serde::Serialize;
use std::fmt::Write;

#[derive(Debug, Serialize)]
pub struct ChemistrySection {
    pub reference_preset: String,
    pub reference_checks: Vec<Check>,
    pub couples: Vec<CoupleRow>,
    pub validation: Vec<Validation>,
    pub systems: Vec<SystemMetrics>,
}

/// One published figure beside the model's value for it.
#[derive(Debug, Serialize)]
pub struct Check {
    pub quantity: String,
    pub unit: String,
    pub published: f64,
    pub model: f64,
    pub source: String,
    /// The relative difference the tests allow, for checks that are reference-zoo cases.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<f64>,
}

impl Check {
    /// A reference-zoo case beside the model's value; `main_case` is named in the section's
    /// heading, so only other cases are named in the row.
    pub fn of_reference(r: &ReferenceCase, model: f64, main_case: &str) -> Check {
        let quantity = if r.case == main_case {
            r.label.clone()
        } else {
            format!("{} ({})", r.label, r.case)
        };
        Check {
            quantity,
            unit: r.unit.clone(),
            published: r.value,
            model,
            source: r.source.clone(),
            tolerance: Some(r.tolerance),
        }
    }

    fn difference(&self) -> String {
        match self.tolerance {
            Some(t) => {
                let pct = format!("{:.3}", 100.0 * t);
                let pct = pct.trim_end_matches('0').trim_end_matches('.');
                format!("{:+.1}% (tested ±{pct}%)", self.difference_pct())
            }
            None => format!("{:+.1}%", self.difference_pct()),
        }
    }

    pub fn difference_pct(&self) -> f64 {
        100.0 * (self.model / self.published - 1.0)
    }

    /// quantity (unit) | published | model | difference | source, as an HTML row.
    pub fn html_row(&self, src: impl Fn(&str) -> String) -> String {
        format!("<tr><td>{} ({})</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            esc(&self.quantity), esc(&self.unit), fmt(self.published), fmt(self.model), self.difference(), src(&self.source))
    }

    /// quantity (unit) | published | model | difference, as a Markdown row.
    pub fn markdown_row(&self) -> String {
        format!(
            "| {} ({}) | {} | {} | {} |",
            self.quantity,
            self.unit,
            fmt(self.published),
            fmt(self.model),
            self.difference()
        )
    }
}

#[derive(Debug, Serialize)]
pub struct CoupleRow {
    pub couple: String,
    pub name: String,
    pub stage: String,
    pub metrics: Vec<Metric>,
    pub design_error: Option<String>,
}

/// A Table 1 metric: either computed by the design solver or taken from a source.
#[derive(Debug, Serialize)]
pub struct Metric {
    pub metric: &'static str,
    pub value: String,
    /// The value as a number, for computed metrics.
    pub number: Option<f64>,
    pub unit: &'static str,
    pub basis: &'static str,
    pub source: String,
}

#[derive(Debug, Serialize)]
pub struct Validation {
    pub cell: String,
    pub couple: String,
    pub format: String,
    pub published_wh_per_kg: f64,
    pub model_wh_per_kg: f64,
    pub error: f64,
    pub known_gap: Option<String>,
    pub source: String,
}

pub fn section(data: &Dataset) -> Result<ChemistrySection, CellError> {
    Ok(ChemistrySection {
        reference_preset: REFERENCE_PRESET.into(),
        reference_checks: batpac_checks(data)?,
        couples: couples(data)?,
        validation: validation(data)?,
        systems: systems::all(data),
    })
}

/// Every cell-layer case of the reference zoo, as the tests check it.
fn batpac_checks(data: &Dataset) -> Result<Vec<Check>, CellError> {
    data.references
        .iter()
        .filter(|r| r.layer == ReferenceLayer::Cell)
        .map(|r| {
            let model = leapfrog_cell::reference::evaluate(data, r)?;
            Ok(Check::of_reference(r, model, REFERENCE_PRESET))
        })
        .collect()
}

fn couples(data: &Dataset) -> Result<Vec<CoupleRow>, CellError> {
    let rows = chemistry_table(data)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let couple_source = data
                .couple(&r.couple)
                .map_or(String::new(), |c| c.source.clone());
            let computed = |metric, value: f64, unit| Metric {
                metric,
                value: fmt(value),
                number: Some(value),
                unit,
                basis: "computed",
                source: couple_source.clone(),
            };
            let mut metrics = Vec::new();
            if let Ok(d) = &r.design {
                metrics.push(computed(
                    "specific energy",
                    d.cell_specific_energy_wh_per_kg,
                    "Wh/kg",
                ));
                metrics.push(computed(
                    "energy density",
                    d.cell_energy_density_wh_per_l,
                    "Wh/L",
                ));
                metrics.push(computed(
                    "specific power",
                    d.cell_specific_power_w_per_kg,
                    "W/kg",
                ));
            }
            if let Some(p) = &r.properties {
                let sourced = |metric, value: String, unit| Metric {
                    metric,
                    value,
                    number: None,
                    unit,
                    basis: "sourced",
                    source: p.source.clone(),
                };
                if let Some(n) = p.cycle_life {
                    let conditions = p.cycle_conditions.clone().unwrap_or_default();
                    metrics.push(sourced(
                        "cycle life",
                        format!("{} ({conditions})", fmt(n)),
                        "cycles",
                    ));
                }
                if let (Some(lo), Some(hi)) = (p.temperature_min_c, p.temperature_max_c) {
                    metrics.push(sourced(
                        "temperature range",
                        format!("{} to {}", fmt(lo), fmt(hi)),
                        "°C",
                    ));
                }
                if let Some(s) = p.self_discharge_pct_per_month {
                    metrics.push(sourced("self-discharge", fmt(s), "%/month"));
                }
                if let Some(t) = &p.radiation_tolerance {
                    metrics.push(sourced("radiation tolerance", t.clone(), ""));
                }
                metrics.push(sourced("technology readiness", p.trl.to_string(), "TRL"));
            }
            CoupleRow {
                couple: r.couple,
                name: r.name,
                stage: format!("{:?}", r.stage).to_lowercase(),
                metrics,
                design_error: r.design.err(),
            }
        })
        .collect())
}

fn validation(data: &Dataset) -> Result<Vec<Validation>, CellError> {
    data.commercial_cells
        .iter()
        .map(|cell| {
            let req = DesignRequest::preset(data, &cell.design)?;
            let d = Chemistry::load(data, &req)?.solve(&req.inputs)?;
            let model = d.cell.specific_energy_wh_per_kg;
            Ok(Validation {
                cell: cell.name.clone(),
                couple: req.couple,
                format: req.format,
                published_wh_per_kg: cell.specific_energy_wh_per_kg,
                model_wh_per_kg: model,
                error: model / cell.specific_energy_wh_per_kg - 1.0,
                known_gap: cell.known_gap.clone(),
                source: cell.source.clone(),
            })
        })
        .collect()
}

impl crate::section::Section for ChemistrySection {
    fn key(&self) -> &'static str {
        "chemistry"
    }

    fn html(&self, h: &mut String, src: &dyn Fn(&str) -> String) {
        html(h, self, src);
    }

    fn markdown(&self, m: &mut String) {
        markdown(m, self);
    }

    fn json(&self) -> &dyn erased_serde::Serialize {
        self
    }
}

fn html(h: &mut String, s: &ChemistrySection, src: impl Fn(&str) -> String) {
    let _ = write!(h, "<h2>Chemistries: what each couple can do</h2><p class=\"note\">Specific energy, energy density and specific power are <b>computed</b> by the BatPaC-method design solver with the {} targets (100 kWh, 300 kW pulse at 20% SOC, 60-minute recharge); cycle life, temperature range, self-discharge, radiation tolerance and TRL are <b>sourced</b>. Research and pilot couples are flagged by stage.</p>", esc(&s.reference_preset));
    let bars: Vec<Bar> = s
        .couples
        .iter()
        .filter_map(|c| {
            let v = c.metrics.iter().find(|m| m.metric == "specific energy")?;
            Some(Bar {
                label: format!("{} ({})", c.couple, c.stage),
                value: v.number?,
                class: "neutral",
            })
        })
        .collect();
    h.push_str(&svg::bars(
        "Cell specific energy at the reference design",
        "Wh/kg",
        &bars,
        &[],
    ));
    h.push_str("<table><tr><th>couple</th><th>stage</th><th>metric</th><th>value</th><th>unit</th><th>basis</th><th>source</th></tr>");
    for c in &s.couples {
        if let Some(e) = &c.design_error {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td colspan=\"5\">design infeasible: {}</td></tr>",
                esc(&c.couple),
                c.stage,
                esc(e)
            );
        }
        for m in &c.metrics {
            let _ = write!(h, "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&c.couple), c.stage, m.metric, esc(&m.value), m.unit, m.basis, src(&m.source));
        }
    }
    h.push_str("</table>");
    h.push_str("<h3>Checks against BatPaC v5.0's default design and BatPaC 5.2's material intensities</h3><table><tr><th>quantity</th><th>published</th><th>model</th><th>difference</th><th>source</th></tr>");
    for c in &s.reference_checks {
        h.push_str(&c.html_row(&src));
    }
    h.push_str("</table><h3>Commercial cells designed from their couple and format</h3><table><tr><th>cell</th><th>couple</th><th>format</th><th>published Wh/kg</th><th>model Wh/kg</th><th>difference</th><th>status</th><th>source</th></tr>");
    for v in &s.validation {
        let status = v
            .known_gap
            .as_deref()
            .map_or("within 10%".to_string(), |g| {
                format!("known gap: {}", esc(g))
            });
        let _ = write!(h, "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{:+.1}%</td><td>{}</td><td>{}</td></tr>",
            esc(&v.cell), esc(&v.couple), esc(&v.format), fmt(v.published_wh_per_kg), fmt(v.model_wh_per_kg), 100.0 * v.error, status, src(&v.source));
    }
    h.push_str("</table><h3>Storage that is not an intercalation cell</h3><table><tr><th>system</th><th>kind</th><th>Wh/kg</th><th>Wh/L</th><th>W/kg</th><th>how</th></tr>");
    for m in &s.systems {
        let _ = write!(h, "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            esc(&m.name), m.kind, fmt(m.specific_energy_wh_per_kg), fmt(m.energy_density_wh_per_l), fmt(m.specific_power_w_per_kg), esc(&m.notes.join("; ")));
    }
    h.push_str("</table>");
}

fn markdown(m: &mut String, s: &ChemistrySection) {
    let _ = write!(m, "\n## Chemistries\n\nComputed metrics use the {} targets; sourced ones name their source.\n\n| couple | stage | metric | value | unit | basis | source |\n|---|---|---|---:|---|---|---|\n", s.reference_preset);
    for c in &s.couples {
        for x in &c.metrics {
            let _ = writeln!(
                m,
                "| {} | {} | {} | {} | {} | {} | {} |",
                c.couple, c.stage, x.metric, x.value, x.unit, x.basis, x.source
            );
        }
    }
    m.push_str("\n| commercial cell | published Wh/kg | model Wh/kg | difference | status |\n|---|---:|---:|---:|---|\n");
    for v in &s.validation {
        let status = if v.known_gap.is_some() {
            "known gap"
        } else {
            "within 10%"
        };
        let _ = writeln!(
            m,
            "| {} | {} | {} | {:+.1}% | {} |",
            v.cell,
            fmt(v.published_wh_per_kg),
            fmt(v.model_wh_per_kg),
            100.0 * v.error,
            status
        );
    }
}
