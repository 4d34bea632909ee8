//! Materials bought per accepted cell: each component's mass in the cell, grossed up by the
//! yields of the steps it passes through and by the cell yield, times its price.

use crate::FactoryError;
use leapfrog_cell::library::ResolvedMaterial;
use leapfrog_cell::{Design, ResolvedCouple};
use leapfrog_data::CostModel;
use serde::Serialize;

/// $ per accepted cell, by component.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct MaterialCost {
    pub positive_active_usd: f64,
    pub positive_other_usd: f64,
    pub negative_active_usd: f64,
    pub negative_other_usd: f64,
    pub positive_foil_usd: f64,
    pub negative_foil_usd: f64,
    pub separator_usd: f64,
    pub electrolyte_usd: f64,
    pub solvent_usd: f64,
    pub cell_hardware_usd: f64,
    pub total_usd: f64,
}

/// Yield products, resolved once.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Yields {
    pub cell: f64,
    /// Dry electrode material from mixing to stacking.
    pub electrode_material: f64,
    /// Coated area from coating to stacking (mixing loses powder, not area).
    pub electrode_area: f64,
    pub foil: f64,
    pub separator: f64,
    pub electrolyte: f64,
}

impl Yields {
    pub fn of(m: &CostModel) -> Self {
        let area =
            m.electrode_coating_yield * m.electrode_slitting_yield * m.electrode_stacking_yield;
        Yields {
            cell: m.cell_yield,
            electrode_material: m.electrode_mixing_yield * area,
            electrode_area: area,
            foil: m.foil_coating_yield * m.foil_slitting_yield * m.foil_stacking_yield,
            separator: m.separator_yield,
            electrolyte: m.electrolyte_yield,
        }
    }
}

/// Prices of a couple's materials, resolved once (a missing price is an error here, not a
/// zero later).
#[derive(Debug, Clone)]
pub(crate) struct CouplePrices {
    pub positive: Vec<(f64, f64, bool)>,
    pub negative: Vec<(f64, f64, bool)>,
    pub positive_foil: f64,
    pub negative_foil: f64,
    pub separator: f64,
    pub electrolyte: f64,
    /// Whether each electrode is cast from an NMP slurry (a PVDF binder).
    pub positive_nmp: bool,
    pub negative_nmp: bool,
    /// Material ids in the order above: positive recipe, negative recipe, positive foil,
    /// negative foil, separator, electrolyte (if any).
    pub ids: Vec<String>,
}

fn price(m: &ResolvedMaterial, couple: &str) -> Result<f64, FactoryError> {
    m.price_usd_per_kg.ok_or_else(|| FactoryError::NoPrice {
        material: m.id.clone(),
        couple: couple.to_string(),
    })
}

fn recipe(
    r: &[(ResolvedMaterial, f64)],
    couple: &str,
) -> Result<Vec<(f64, f64, bool)>, FactoryError> {
    r.iter()
        .map(|(m, w)| Ok((*w, price(m, couple)?, m.capacity_mah_per_g > 0.0)))
        .collect()
}

fn uses_nmp(r: &[(ResolvedMaterial, f64)]) -> bool {
    r.iter().any(|(m, _)| m.id.starts_with("PVDF"))
}

impl CouplePrices {
    pub fn of(c: &ResolvedCouple) -> Result<Self, FactoryError> {
        let id = c.record.id.as_str();
        Ok(CouplePrices {
            positive: recipe(&c.positive.recipe, id)?,
            negative: recipe(&c.negative.recipe, id)?,
            positive_foil: price(&c.positive_foil, id)?,
            negative_foil: price(&c.negative_foil, id)?,
            separator: price(&c.separator, id)?,
            electrolyte: match &c.electrolyte {
                Some(e) => price(e, id)?,
                None => 0.0,
            },
            positive_nmp: uses_nmp(&c.positive.recipe),
            negative_nmp: uses_nmp(&c.negative.recipe),
            ids: material_ids(c),
        })
    }

    /// The same couple with each material's price raised by `delta_usd_per_kg(id)`.
    pub fn shifted(&self, delta_usd_per_kg: &dyn Fn(&str) -> f64) -> Self {
        self.mapped(&|id, usd| usd + delta_usd_per_kg(id))
    }

    /// $/kg in the order of `ids`.
    pub fn usd_per_kg(&self) -> Vec<f64> {
        let recipes = self.positive.iter().chain(&self.negative).map(|r| r.1);
        let mut out: Vec<f64> = recipes.collect();
        out.extend([self.positive_foil, self.negative_foil, self.separator]);
        if self.ids.len() > out.len() {
            out.push(self.electrolyte);
        }
        out
    }

    /// The same couple with each material's price replaced by `price(id, current)`.
    pub fn mapped(&self, price: &dyn Fn(&str, f64) -> f64) -> Self {
        let mut ids = self.ids.iter();
        let mut next = |usd: f64| ids.next().map_or(usd, |id| price(id, usd));
        let mut out = self.clone();
        for item in out.positive.iter_mut().chain(out.negative.iter_mut()) {
            item.1 = next(item.1);
        }
        out.positive_foil = next(out.positive_foil);
        out.negative_foil = next(out.negative_foil);
        out.separator = next(out.separator);
        // A couple without electrolyte has no id left here, so its zero stays.
        out.electrolyte = next(out.electrolyte);
        out
    }
}

fn material_ids(c: &ResolvedCouple) -> Vec<String> {
    let recipes = c.positive.recipe.iter().chain(&c.negative.recipe);
    let mut ids: Vec<String> = recipes.map(|(m, _)| m.id.clone()).collect();
    for m in [&c.positive_foil, &c.negative_foil, &c.separator] {
        ids.push(m.id.clone());
    }
    if let Some(e) = &c.electrolyte {
        ids.push(e.id.clone());
    }
    ids
}

/// Dry coating mass (kg per accepted cell) that is cast from NMP.
pub(crate) fn nmp_solids_kg(design: &Design, p: &CouplePrices, y: &Yields) -> f64 {
    let m = &design.cell.mass;
    let mut g = 0.0;
    if p.positive_nmp {
        g += m.positive_coating_g;
    }
    if p.negative_nmp {
        g += m.negative_coating_g;
    }
    g / 1000.0 / (y.cell * y.electrode_material)
}

pub(crate) fn per_cell(
    design: &Design,
    p: &CouplePrices,
    y: &Yields,
    model: &CostModel,
    solvent_free: bool,
) -> MaterialCost {
    let m = &design.cell.mass;
    let per_kg = |g: f64, process_yield: f64| g / 1000.0 / (y.cell * process_yield);
    let split = |recipe: &[(f64, f64, bool)], coating_g: f64| {
        let kg = per_kg(coating_g, y.electrode_material);
        recipe
            .iter()
            .fold((0.0, 0.0), |(act, other), &(w, price, active)| {
                if active {
                    (act + kg * w * price, other)
                } else {
                    (act, other + kg * w * price)
                }
            })
    };
    let (positive_active_usd, positive_other_usd) = split(&p.positive, m.positive_coating_g);
    let (negative_active_usd, negative_other_usd) = split(&p.negative, m.negative_coating_g);
    let solvent_usd = if solvent_free {
        0.0
    } else {
        nmp_solids_kg(design, p, y)
            * model.solvent_kg_per_kg_solids
            * (1.0 - model.solvent_recovery)
            * model.solvent_price_usd_per_kg
    };
    let mut c = MaterialCost {
        positive_active_usd,
        positive_other_usd,
        negative_active_usd,
        negative_other_usd,
        positive_foil_usd: per_kg(m.positive_foil_g, y.foil) * p.positive_foil,
        negative_foil_usd: per_kg(m.negative_foil_g, y.foil) * p.negative_foil,
        separator_usd: per_kg(m.separator_g, y.separator) * p.separator,
        electrolyte_usd: per_kg(m.electrolyte_g, y.electrolyte) * p.electrolyte,
        solvent_usd,
        cell_hardware_usd: model.cell_hardware_usd_per_ah * design.cell.capacity_ah / y.cell,
        total_usd: 0.0,
    };
    c.total_usd = c.positive_active_usd
        + c.positive_other_usd
        + c.negative_active_usd
        + c.negative_other_usd
        + c.positive_foil_usd
        + c.negative_foil_usd
        + c.separator_usd
        + c.electrolyte_usd
        + c.solvent_usd
        + c.cell_hardware_usd;
    c
}
