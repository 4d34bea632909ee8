//! Bill of materials per cell, per pack and per kWh of cell energy: every material and
//! every tracked element, from the design's component masses and the recipes.

use crate::design::Design;
use crate::elements::ElementMass;
use crate::library::{ResolvedCouple, ResolvedFormat, ResolvedMaterial};
use leapfrog_data::PackArchitecture;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct BomLine {
    pub component: &'static str,
    pub material: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commodity: Option<String>,
    pub kg_per_cell: f64,
    pub kg_per_kwh: f64,
    pub kg_per_pack: f64,
    /// Element mass fractions of the material (kg per kg).
    #[serde(skip)]
    pub elements_per_kg: ElementMass,
}

#[derive(Debug, Clone, Serialize)]
pub struct BillOfMaterials {
    pub lines: Vec<BomLine>,
    pub elements_kg_per_cell: ElementMass,
    pub elements_kg_per_kwh: ElementMass,
    /// Cells plus module and pack hardware.
    pub elements_kg_per_pack: ElementMass,
    /// Mass by traded commodity (graphite, hard carbon, ...), kg per kWh of cell energy.
    pub commodities_kg_per_kwh: BTreeMap<String, f64>,
    pub pack_hardware_kg: f64,
}

impl BillOfMaterials {
    pub fn build(
        couple: &ResolvedCouple,
        format: &ResolvedFormat,
        arch: &PackArchitecture,
        design: &Design,
    ) -> Self {
        let cell = &design.cell;
        let kwh = cell.energy_wh / 1000.0;
        let cells = design.pack.cells as f64;
        let mut lines = Vec::new();
        let mut add = |component: &'static str, m: &ResolvedMaterial, grams: f64| {
            let kg = grams / 1000.0;
            lines.push(BomLine {
                component,
                material: m.id.clone(),
                commodity: m.commodity.clone(),
                kg_per_cell: kg,
                kg_per_kwh: kg / kwh,
                kg_per_pack: kg * cells,
                elements_per_kg: m.elements,
            });
        };
        let mass = &cell.mass;
        for (m, w) in &couple.positive.recipe {
            add("positive electrode", m, mass.positive_coating_g * w);
        }
        for (m, w) in &couple.negative.recipe {
            add("negative electrode", m, mass.negative_coating_g * w);
        }
        add(
            "positive current collector",
            &couple.positive_foil,
            mass.positive_foil_g,
        );
        add(
            "negative current collector",
            &couple.negative_foil,
            mass.negative_foil_g,
        );
        add("separator", &couple.separator, mass.separator_g);
        if let Some(e) = &couple.electrolyte {
            add("electrolyte", e, mass.electrolyte_g);
        }
        add("casing", &format.casing, mass.casing_g);
        let terminals = terminal_material();
        add("terminals", &terminals, mass.terminals_g);
        Self::sum(lines, arch, design)
    }

    fn sum(lines: Vec<BomLine>, arch: &PackArchitecture, design: &Design) -> Self {
        let kwh = design.cell.energy_wh / 1000.0;
        let cells = design.pack.cells as f64;
        let mut per_cell = ElementMass::default();
        let mut commodities = BTreeMap::new();
        for l in &lines {
            per_cell += l.elements_per_kg * l.kg_per_cell;
            if let Some(c) = &l.commodity {
                *commodities.entry(c.clone()).or_insert(0.0) += l.kg_per_kwh;
            }
        }
        let hardware_kg = design.pack.module_hardware_kg + design.pack.pack_hardware_kg;
        let hardware = ElementMass::single("Al", arch.hardware_al_fraction)
            + ElementMass::single("Cu", arch.hardware_cu_fraction)
            + ElementMass::single("Fe", arch.hardware_fe_fraction);
        BillOfMaterials {
            elements_kg_per_kwh: per_cell * (1.0 / kwh),
            elements_kg_per_pack: per_cell * cells + hardware * hardware_kg,
            elements_kg_per_cell: per_cell,
            commodities_kg_per_kwh: commodities,
            pack_hardware_kg: hardware_kg,
            lines,
        }
    }
}

/// Tabs and terminals: an aluminium positive and a copper negative of equal mass
/// (a modelling choice; terminal alloys are not in the dataset).
fn terminal_material() -> ResolvedMaterial {
    ResolvedMaterial {
        id: "terminals (Al + Cu)".to_string(),
        role: leapfrog_data::MaterialRole::Foil,
        density_g_per_cm3: 0.0,
        capacity_mah_per_g: 0.0,
        porosity: 0.0,
        price_usd_per_kg: None,
        commodity: None,
        elements: ElementMass::single("Al", 0.5) + ElementMass::single("Cu", 0.5),
    }
}
