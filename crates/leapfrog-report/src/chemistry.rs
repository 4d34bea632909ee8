//! The chemistry section: the assessment's Table 1 metrics per couple, computed by the
//! design model or sourced, each marked which; the BatPaC check; commercial-cell validation;
//! and the storage systems that are not intercalation cells.

use crate::html::{chart, src};
use crate::svg::{self, fmt, Bar};
use leapfrog_cell::catalogue::{chemistry_table, REFERENCE_PRESET};
use leapfrog_cell::systems::{self, SystemMetrics};
use leapfrog_cell::{CellError, Chemistry, DesignRequest};
use leapfrog_data::{Dataset, ReferenceCase, ReferenceLayer};
use maud::{html, Markup};
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
    pub fn html_row(&self) -> Markup {
        html! {
            tr {
                td { (self.quantity) " (" (self.unit) ")" }
                td.n { (fmt(self.published)) }
                td.n { (fmt(self.model)) }
                td.n { (self.difference()) }
                td { (src(&self.source)) }
            }
        }
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub design_error: Option<String>,
}

/// A Table 1 metric: either computed by the design solver or taken from a source.
#[derive(Debug, Serialize)]
pub struct Metric {
    pub metric: &'static str,
    pub value: String,
    /// The value as a number, for computed metrics.
    #[serde(skip_serializing_if = "Option::is_none")]
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_wh_per_l: Option<f64>,
    pub model_wh_per_l: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_wh_per_l: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub known_gap: Option<String>,
    pub source: String,
}

/// The tolerances the commercial-cell tests hold specific energy and energy density to.
const COMMERCIAL_WH_PER_KG_TOLERANCE: f64 = 0.10;
const COMMERCIAL_WH_PER_L_TOLERANCE: f64 = 0.15;

impl Validation {
    /// What the row says of the model: within the tested tolerance, outside it, or a gap the
    /// data names.
    pub fn status(&self) -> String {
        let tol = format!(
            "{:.0}% (Wh/kg) and {:.0}% (Wh/L)",
            100.0 * COMMERCIAL_WH_PER_KG_TOLERANCE,
            100.0 * COMMERCIAL_WH_PER_L_TOLERANCE
        );
        let per_l_ok = self
            .error_wh_per_l
            .is_none_or(|e| e.abs() <= COMMERCIAL_WH_PER_L_TOLERANCE);
        match &self.known_gap {
            Some(g) => format!("known gap: {g}"),
            None if self.error.abs() <= COMMERCIAL_WH_PER_KG_TOLERANCE && per_l_ok => {
                format!("within {tol}")
            }
            None => format!("outside {tol}"),
        }
    }
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
                    // A property the data marks as an assumption is not a sourced figure.
                    basis: if p.source == "assumption" {
                        "assumed"
                    } else {
                        "sourced"
                    },
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
            let model_wh_per_l = d.cell.energy_density_wh_per_l;
            Ok(Validation {
                cell: cell.name.clone(),
                couple: req.couple,
                format: req.format,
                published_wh_per_kg: cell.specific_energy_wh_per_kg,
                model_wh_per_kg: model,
                error: model / cell.specific_energy_wh_per_kg - 1.0,
                published_wh_per_l: cell.energy_density_wh_per_l,
                model_wh_per_l,
                error_wh_per_l: cell
                    .energy_density_wh_per_l
                    .map(|p| model_wh_per_l / p - 1.0),
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

    fn group(&self) -> &'static str {
        "cell"
    }

    fn parts(&self) -> Vec<(&'static str, Markup)> {
        vec![
            ("cell", html(self)),
            ("appendix-validation", validation_html(self)),
            ("appendix-gaps", gaps_html(self)),
        ]
    }

    fn html(&self) -> Markup {
        html! { @for (_, part) in self.parts() { (part) } }
    }

    fn markdown(&self, m: &mut String) {
        markdown(m, self);
    }

    fn json(&self) -> &dyn erased_serde::Serialize {
        self
    }
}

fn html(s: &ChemistrySection) -> Markup {
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
    html! {
        h2 { "Chemistries: what each couple can do" }
        p.note {
            "Specific energy, energy density and specific power are " b { "computed" }
            " by the BatPaC-method design solver with the " (s.reference_preset)
            " targets (100 kWh, 300 kW pulse at 20% SOC, 60-minute recharge); cycle life, temperature range, self-discharge, radiation tolerance and TRL are "
            b { "sourced" } " (or " b { "assumed" } " where the data marks the figure an assumption, with its reason in data/couples.toml). Research and pilot couples are flagged by stage."
        }
        (chart(svg::bars("Cell specific energy at the reference design", "Wh/kg", &bars, &[])))
        table {
            tr { th { "couple" } th { "stage" } th { "metric" } th { "value" } th { "unit" } th { "basis" } th { "source" } }
            @for c in &s.couples {
                @if let Some(e) = &c.design_error {
                    tr { td { (c.couple) } td { (c.stage) } td colspan="5" { "design infeasible: " (e) } }
                }
                @for m in &c.metrics {
                    tr {
                        td { (c.couple) } td { (c.stage) } td { (m.metric) } td.n { (m.value) }
                        td { (m.unit) } td { (m.basis) } td { (src(&m.source)) }
                    }
                }
            }
        }
        h3 { "Storage that is not an intercalation cell" }
        table {
            tr { th { "system" } th { "kind" } th { "Wh/kg" } th { "Wh/L" } th { "W/kg" } th { "how" } }
            @for m in &s.systems {
                tr {
                    td { (m.name) } td { (m.kind) }
                    td.n { (fmt(m.specific_energy_wh_per_kg)) }
                    td.n { (fmt(m.energy_density_wh_per_l)) }
                    td.n { (fmt(m.specific_power_w_per_kg)) }
                    td { (m.notes.join("; ")) }
                }
            }
        }
    }
}

/// The cell model against published figures (the appendix).
fn validation_html(s: &ChemistrySection) -> Markup {
    html! {
        h3 { "Cells: checks against BatPaC v5.0's default design and BatPaC 5.2's material intensities" }
        table {
            tr { th { "quantity" } th { "published" } th { "model" } th { "difference" } th { "source" } }
            @for c in &s.reference_checks { (c.html_row()) }
        }
        h3 { "Cells: commercial cells designed from their couple and format" }
        table {
            tr { th { "cell" } th { "couple" } th { "format" } th { "published Wh/kg" } th { "model Wh/kg" } th { "difference" } th { "published Wh/L" } th { "model Wh/L" } th { "difference" } th { "status" } th { "source" } }
            @for v in &s.validation {
                tr {
                    td { (v.cell) } td { (v.couple) } td { (v.format) }
                    td.n { (fmt(v.published_wh_per_kg)) }
                    td.n { (fmt(v.model_wh_per_kg)) }
                    td.n { (format!("{:+.1}%", 100.0 * v.error)) }
                    td.n { (v.published_wh_per_l.map_or("not published".into(), fmt)) }
                    td.n { (fmt(v.model_wh_per_l)) }
                    td.n { (v.error_wh_per_l.map_or(String::new(), |e| format!("{:+.1}%", 100.0 * e))) }
                    td {
                        @if v.known_gap.is_some() {
                            a href={ "#gap-" (slug(&v.cell)) } { "known gap" }
                        } @else {
                            (v.status())
                        }
                    }
                    td { (src(&v.source)) }
                }
            }
        }
    }
}

/// Where the cell model is known to miss, each gap in full (the validation table links here
/// rather than carrying the text in a cell).
fn gaps_html(s: &ChemistrySection) -> Markup {
    html! {
        ul {
            @for v in s.validation.iter().filter(|v| v.known_gap.is_some()) {
                li id={ "gap-" (slug(&v.cell)) } {
                    b { (v.cell) } " (" (v.couple) ", " (v.format) "): "
                    (v.known_gap.as_deref().unwrap_or_default())
                    " Published " (fmt(v.published_wh_per_kg)) " Wh/kg, model " (fmt(v.model_wh_per_kg))
                    " Wh/kg (" (format!("{:+.1}%", 100.0 * v.error)) "). Source: " (src(&v.source)) "."
                }
            }
        }
    }
}

/// An HTML id from a name: lower case, anything but letters and digits as '-'.
fn slug(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
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
    m.push_str("\n| commercial cell | published Wh/kg | model Wh/kg | difference | published Wh/L | model Wh/L | difference | status |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
    for v in &s.validation {
        let status = match v.known_gap {
            Some(_) => "known gap".to_string(),
            None => v.status(),
        };
        let _ = writeln!(
            m,
            "| {} | {} | {} | {:+.1}% | {} | {} | {} | {} |",
            v.cell,
            fmt(v.published_wh_per_kg),
            fmt(v.model_wh_per_kg),
            100.0 * v.error,
            v.published_wh_per_l.map_or("not published".into(), fmt),
            fmt(v.model_wh_per_l),
            v.error_wh_per_l
                .map_or(String::new(), |e| format!("{:+.1}%", 100.0 * e)),
            status
        );
    }
}

#[cfg(test)]
mod tests {
    use super::Validation;

    fn row(error: f64, known_gap: Option<&str>) -> Validation {
        Validation {
            cell: "c".into(),
            couple: "LFP-G".into(),
            format: "f".into(),
            published_wh_per_kg: 100.0,
            model_wh_per_kg: 100.0 * (1.0 + error),
            error,
            published_wh_per_l: None,
            model_wh_per_l: 100.0,
            error_wh_per_l: None,
            known_gap: known_gap.map(str::to_string),
            source: "s".into(),
        }
    }

    #[test]
    fn a_commercial_cell_is_labelled_by_its_own_error() {
        assert_eq!(
            row(0.074, None).status(),
            "within 10% (Wh/kg) and 15% (Wh/L)"
        );
        assert_eq!(
            row(0.82, None).status(),
            "outside 10% (Wh/kg) and 15% (Wh/L)"
        );
        let dense = Validation {
            error_wh_per_l: Some(0.2),
            ..row(0.05, None)
        };
        assert_eq!(dense.status(), "outside 10% (Wh/kg) and 15% (Wh/L)");
        assert_eq!(
            row(-0.2, Some("large can")).status(),
            "known gap: large can"
        );
    }
}
