//! Line specs for every process step: the line groups of data/scaleup.toml with a
//! manufacturing variant's factors and, under export controls, the dearer controlled share.

use crate::ScaleupError;
use leapfrog_data::{Dataset, EquipmentControl, LineGroup, ManufacturingVariant, NotFound};
use leapfrog_factory::{Factory, Installed, LineSpec};
use serde::Serialize;
use std::sync::Arc;

/// The line design of a plant: a spec per process step (None: BatPaC's continuous scaling)
/// and, per step, the index of its group.
#[derive(Debug, Clone)]
pub struct LineDesign {
    pub specs: Arc<[Option<LineSpec>]>,
    pub group_of_step: Vec<Option<usize>>,
    pub groups: Vec<GroupInfo>,
}

/// One line group as this plant builds it.
#[derive(Debug, Clone, Serialize)]
pub struct GroupInfo {
    pub id: String,
    pub line_gwh_per_yr: f64,
    /// Share of the group's equipment from the controlling country (0 without controls).
    pub controlled_share: f64,
}

/// The lines a plant installs in one group.
#[derive(Debug, Clone, Serialize)]
pub struct GroupLines {
    pub group: String,
    /// Whole lines, or a fraction below one (a smaller tool).
    pub lines: f64,
    pub installed_gwh_per_yr: f64,
}

/// Export controls as they bear on one plant: none when the plant's region is the
/// controlling country itself.
pub fn applicable_control<'a>(
    control: Option<&'a EquipmentControl>,
    region: Option<&str>,
) -> Option<&'a EquipmentControl> {
    control.filter(|c| region.is_none_or(|r| !r.eq_ignore_ascii_case(&c.country)))
}

/// Line specs for `factory`'s steps under a variant and, optionally, equipment controls.
pub fn design(
    data: &Dataset,
    factory: &Factory,
    variant: &ManufacturingVariant,
    control: Option<&EquipmentControl>,
) -> Result<LineDesign, ScaleupError> {
    let settings = data
        .scaleup_settings
        .first()
        .ok_or_else(|| NotFound::new("scaleup_settings", "default", std::iter::empty::<&str>()))?;
    let model = &factory.model;
    let crew_hours = model.shifts_per_day * settings.hours_per_shift * model.working_days_per_yr;
    let groups: Vec<GroupInfo> = data
        .line_groups
        .iter()
        .map(|g| GroupInfo {
            id: g.id.clone(),
            line_gwh_per_yr: g.line_gwh_per_yr * variant.line_size_factor,
            controlled_share: control.map_or(0.0, |c| controlled_share(g, c)),
        })
        .collect();
    let group_of_step: Vec<Option<usize>> = factory
        .step_ids()
        .map(|id| {
            data.line_groups
                .iter()
                .position(|g| g.steps.iter().any(|s| s == id))
        })
        .collect();
    let specs: Vec<Option<LineSpec>> = group_of_step
        .iter()
        .map(|g| {
            g.map(|i| {
                let record = &data.line_groups[i];
                let cost_factor = control.map_or(1.0, |c| c.cost_factor);
                LineSpec {
                    line_gwh_per_yr: groups[i].line_gwh_per_yr,
                    smallest_tool_gwh_per_yr: (record.smallest_tool_gwh_per_yr
                        * variant.smallest_tool_factor)
                        .min(groups[i].line_gwh_per_yr),
                    sub_line_capex_exponent: settings.sub_line_capex_exponent,
                    // The group's minimum crew is shared among its steps.
                    min_labour_h_per_yr: record.min_operators_per_shift * crew_hours
                        / record.steps.len().max(1) as f64,
                    capex_factor: variant.capex_factor
                        * (1.0 + groups[i].controlled_share * (cost_factor - 1.0)),
                }
            })
        })
        .collect();
    Ok(LineDesign {
        specs: specs.into(),
        group_of_step,
        groups,
    })
}

fn controlled_share(g: &LineGroup, c: &EquipmentControl) -> f64 {
    g.equipment_shares
        .iter()
        .filter(|s| s.country.eq_ignore_ascii_case(&c.country))
        .map(|s| s.share)
        .sum()
}

impl LineDesign {
    /// Lines per group from what each step installs (a group's lines are its largest step's).
    pub fn group_lines(&self, installed: &[Option<Installed>]) -> Vec<GroupLines> {
        self.groups
            .iter()
            .enumerate()
            .map(|(gi, g)| {
                let most = installed
                    .iter()
                    .zip(&self.group_of_step)
                    .filter(|(_, of)| **of == Some(gi))
                    .filter_map(|(i, _)| *i)
                    .fold(0.0_f64, |m, i| m.max(i.lines));
                GroupLines {
                    group: g.id.clone(),
                    lines: most,
                    installed_gwh_per_yr: most * g.line_gwh_per_yr,
                }
            })
            .collect()
    }

    /// The capex-weighted share of a plant's grouped equipment that is controlled.
    pub fn controlled_capex_share(&self, step_capex: &[f64]) -> f64 {
        let (mut controlled, mut total) = (0.0, 0.0);
        for (capex, g) in step_capex.iter().zip(&self.group_of_step) {
            if let Some(g) = g {
                controlled += capex * self.groups[*g].controlled_share;
                total += capex;
            }
        }
        if total > 0.0 {
            controlled / total
        } else {
            0.0
        }
    }
}
