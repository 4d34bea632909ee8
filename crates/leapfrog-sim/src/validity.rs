//! Where the single-particle models stop being right: above the C-rate at which they match
//! the Doyle-Fuller-Newman model on a parameter set (data/sim_parameters.toml
//! `spme_valid_max_c_rate`, established against PyBaMM's DFN in tests/pybamm_dfn.rs), the
//! electrolyte is depleted across the electrode and the SPMe's uniform reaction
//! misrepresents it. A step that draws more is reported, not refused.

use crate::{Model, ModelKind, Outcome};

/// The steps of `out` whose current rose above the cell's limit (C of its nominal capacity),
/// each described; empty for the equivalent circuit, which has no such limit of its own here,
/// or where the set states no limit.
pub fn outside(model: &Model, out: &Outcome) -> Vec<String> {
    let cell = &model.cell;
    let (set, nominal_ah) = (&cell.id, cell.nominal_capacity_ah);
    let Some(max_c) = cell.spme_valid_max_c_rate else {
        return Vec::new();
    };
    if model.kind == ModelKind::Ecm || nominal_ah <= 0.0 {
        return Vec::new();
    }
    out.steps
        .iter()
        .filter_map(|s| {
            let rows = out.rows.get(s.first_row..=s.last_row.min(out.rows.len().saturating_sub(1)))?;
            let peak_c = rows
                .iter()
                .map(|r| r.current_a.abs() / nominal_ah)
                .fold(0.0, f64::max);
            (peak_c > max_c * (1.0 + 1e-6)).then(|| {
                format!(
                    "step \"{}\" draws up to {peak_c:.2}C, above the {max_c}C to which the single-particle models match the DFN on {set}",
                    s.step
                )
            })
        })
        .collect()
}
