//! A chemistry as the supply model sees it: each material it holds per kWh of cell energy
//! (with element contents and price), its cell cost, and the prepared factory that
//! re-prices its cells when material prices move.

use crate::model::{Chain, StageShares};
use crate::SupplyError;
use leapfrog_cell::systems::{flow, iron_air};
use leapfrog_cell::{Chemistry, Design, DesignRequest, ElementMass};
use leapfrog_data::NotFound;
use leapfrog_data::{Dataset, SupplyChain};
use leapfrog_factory::{Factory, PlantOptions, Prepared, DEFAULT_COST_MODEL};
use std::sync::Arc;

/// One material line of a bill of materials, per kWh of cell energy.
#[derive(Debug, Clone)]
pub struct MaterialUse {
    pub material: String,
    pub commodity: Option<String>,
    pub kg_per_kwh: f64,
    pub elements_per_kg: ElementMass,
    /// The dataset's price, if the material has one.
    pub price_usd_per_kg: Option<f64>,
}

/// The cost model, prepared for this chemistry, and its design.
#[derive(Debug, Clone)]
pub struct CellPricing {
    pub factory: Arc<Factory>,
    pub prepared: Prepared,
    pub design: Design,
}

impl CellPricing {
    /// Cell cost per kWh (BatPaC cost before profit and warranty) with each material's
    /// price raised by `delta(id)`.
    pub fn cell_cost_with(&self, delta: &dyn Fn(&str) -> f64) -> f64 {
        let p = self.prepared.with_price_shifts(delta);
        self.factory
            .evaluate(&p, &self.design)
            .cell_cost_usd_per_kwh
    }
}

#[derive(Debug, Clone)]
pub struct Product {
    pub id: String,
    pub name: String,
    pub lines: Vec<MaterialUse>,
    /// None for storage systems the factory model does not cover.
    pub pricing: Option<CellPricing>,
    pub cell_cost_usd_per_kwh: Option<f64>,
}

impl Product {
    /// A couple (solved with the reference design) or a storage system by id.
    pub fn load(data: &Dataset, factory: &Arc<Factory>, id: &str) -> Result<Self, SupplyError> {
        if let Some(c) = data.couple(id) {
            return Self::couple(data, factory, &c.id, &c.name);
        }
        if let Some(f) = data.flow_batteries.iter().find(|f| f.id == id) {
            let m = flow::evaluate(f);
            let v = kg_of(&m.materials_kg_per_kwh, "vanadium");
            return Ok(Self::system(id, &m.name, vec![pure("vanadium", "V", v)]));
        }
        if let Some(f) = data.iron_air.iter().find(|f| f.id == id) {
            let m = iron_air::evaluate(f);
            let fe = kg_of(&m.materials_kg_per_kwh, "iron");
            return Ok(Self::system(id, &m.name, vec![pure("iron", "Fe", fe)]));
        }
        let known: Vec<&str> = data
            .couples
            .iter()
            .map(|c| c.id.as_str())
            .chain(data.flow_batteries.iter().map(|f| f.id.as_str()))
            .chain(data.iron_air.iter().map(|f| f.id.as_str()))
            .collect();
        // A different case names the same chemistry; it is loaded under its canonical id.
        if let Some(canonical) = known
            .iter()
            .find(|k| k.eq_ignore_ascii_case(id) && **k != id)
        {
            return Self::load(data, factory, canonical);
        }
        Err(NotFound::new("chemistry", id, known).into())
    }

    fn couple(
        data: &Dataset,
        factory: &Arc<Factory>,
        id: &str,
        name: &str,
    ) -> Result<Self, SupplyError> {
        let req = DesignRequest::reference_for(data, id)?;
        let chem = Chemistry::load(data, &req)?;
        let design = chem.solve(&req.inputs)?;
        let bom = chem.bill_of_materials(&design);
        let lines = bom
            .lines
            .iter()
            .map(|l| MaterialUse {
                material: l.material.clone(),
                commodity: l.commodity.clone(),
                kg_per_kwh: l.kg_per_kwh,
                elements_per_kg: l.elements_per_kg,
                price_usd_per_kg: data.material(&l.material).and_then(|m| m.price_usd_per_kg),
            })
            .collect();
        let prepared = factory.prepare(&chem, &PlantOptions::batpac())?;
        let cost = factory.evaluate(&prepared, &design).cell_cost_usd_per_kwh;
        Ok(Product {
            id: id.to_string(),
            name: name.to_string(),
            lines,
            pricing: Some(CellPricing {
                factory: Arc::clone(factory),
                prepared,
                design,
            }),
            cell_cost_usd_per_kwh: Some(cost),
        })
    }

    fn system(id: &str, name: &str, lines: Vec<MaterialUse>) -> Self {
        Product {
            id: id.to_string(),
            name: name.to_string(),
            lines,
            pricing: None,
            cell_cost_usd_per_kwh: None,
        }
    }

    /// Kg (or kWh, for cells) per kWh of what `chain` measures that passes `stage`.
    pub fn amount_per_kwh(&self, chain: &Chain, stage: &StageShares) -> f64 {
        if chain.record.cells {
            return if self.pricing.is_some() { 1.0 } else { 0.0 };
        }
        let kg: f64 = self
            .lines
            .iter()
            .map(|l| l.kg_per_kwh * content(&chain.record, l))
            .sum();
        kg * stage.mass_fraction
    }

    /// $ per kWh of what `chain` measures at `stage`: the chain's own price per kg if it
    /// has one, else each material's price (cells: the cell cost).
    pub fn value_per_kwh(&self, chain: &Chain, stage: &StageShares) -> f64 {
        if chain.record.cells {
            return self.cell_cost_usd_per_kwh.unwrap_or(0.0);
        }
        let v: f64 = self
            .lines
            .iter()
            .map(|l| l.kg_per_kwh * content(&chain.record, l) * unit_price(&chain.record, l))
            .sum();
        v * stage.mass_fraction
    }

    /// Price rise of one material ($/kg) when the product of `stage` costs `rise` times
    /// more: the stage's value per kg of the material times (rise − 1).
    pub fn price_shift(
        &self,
        chain: &Chain,
        stage: &StageShares,
        material: &str,
        rise: f64,
    ) -> f64 {
        self.lines
            .iter()
            .find(|l| l.material == material)
            .map_or(0.0, |l| {
                content(&chain.record, l) * unit_price(&chain.record, l) * stage.mass_fraction
            })
            * (rise - 1.0)
    }

    /// Materials no supply chain in `chains` measures, kg per kWh (what exposure misses).
    pub fn uncovered(&self, chains: &[Chain]) -> Vec<(String, f64)> {
        self.lines
            .iter()
            .filter(|l| {
                let covered = chains.iter().any(|c| content(&c.record, l) > 0.0);
                !covered && l.kg_per_kwh > 0.0
            })
            .map(|l| (l.material.clone(), l.kg_per_kwh))
            .collect()
    }
}

/// Kg of what the chain measures per kg of the line's material.
fn content(c: &SupplyChain, l: &MaterialUse) -> f64 {
    if let Some(e) = &c.element {
        return l.elements_per_kg.get(e);
    }
    if let Some(k) = &c.commodity {
        return if l.commodity.as_deref() == Some(k) {
            1.0
        } else {
            0.0
        };
    }
    if c.materials.contains(&l.material) {
        c.mass_fraction
    } else {
        0.0
    }
}

fn unit_price(c: &SupplyChain, l: &MaterialUse) -> f64 {
    match c.price_usd_per_kg {
        Some(p) => p,
        None => l.price_usd_per_kg.unwrap_or(0.0) / c.mass_fraction,
    }
}

fn kg_of(list: &[(String, f64)], name: &str) -> f64 {
    list.iter()
        .find(|(n, _)| n == name)
        .map_or(0.0, |(_, kg)| *kg)
}

fn pure(name: &str, element: &str, kg_per_kwh: f64) -> MaterialUse {
    MaterialUse {
        material: name.to_string(),
        commodity: None,
        kg_per_kwh,
        elements_per_kg: ElementMass::single(element, 1.0),
        price_usd_per_kg: None,
    }
}

/// Loads the factory once for every product.
pub fn factory(data: &Dataset) -> Result<Arc<Factory>, SupplyError> {
    Ok(Arc::new(Factory::load(data, DEFAULT_COST_MODEL)?))
}
