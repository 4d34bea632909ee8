//! The factory layer's harness for the reference zoo (`data/references.toml`, layer `factory`):
//! a case is a cell-design preset priced in the cost model's own baseline plant (BatPaC's U.S.
//! figures, its baseline output, no process options), and a quantity is read off the result.

use crate::{CostResult, Factory, FactoryError, PlantOptions, DEFAULT_COST_MODEL};
use leapfrog_cell::Chemistry;
use leapfrog_data::{Dataset, ReferenceCase};

/// The quantity a reference record names, read off a priced design.
pub fn value(c: &CostResult, quantity: &str) -> Option<f64> {
    let per_pack = &c.price_per_pack;
    Some(match quantity {
        "cell_cost_usd_per_kwh" => c.cell_cost_usd_per_kwh,
        "pack_usd_per_kwh" => c.pack_usd_per_kwh,
        "plant_capital_musd" => c.plant.plant_capital_musd,
        "floor_m2" => c.plant.floor_m2,
        "labour_mh_per_yr" => c.plant.labour_h_per_yr / 1.0e6,
        "total_investment_musd" => c.plant.total_investment_musd,
        "depreciation_usd_per_pack" => per_pack.depreciation_usd,
        "profit_usd_per_pack" => per_pack.profit_usd,
        "warranty_usd_per_pack" => per_pack.warranty_usd,
        "formation_usd_per_pack" => c.by_process.iter().find(|(k, _)| k == "formation")?.1,
        _ => return None,
    })
}

/// The preset of `case` priced in the default cost model's baseline plant.
pub fn price(data: &Dataset, case: &str) -> Result<CostResult, FactoryError> {
    let req = leapfrog_cell::reference::request(data, case)?;
    let chem = Chemistry::load(data, &req)?;
    let design = chem.solve(&req.inputs)?;
    let factory = Factory::load(data, DEFAULT_COST_MODEL)?;
    let model = data.find::<leapfrog_data::CostModel>(DEFAULT_COST_MODEL)?;
    let opts = PlantOptions {
        plant_gwh_per_yr: model.baseline_kwh_per_yr / 1.0e6,
        region: None,
        processes: Vec::new(),
        price_basis: None,
    };
    let prepared = factory.prepare(&chem, &opts)?;
    Ok(factory.evaluate(&prepared, &design))
}

/// The model's value for a factory reference record.
pub fn evaluate(data: &Dataset, r: &ReferenceCase) -> Result<f64, FactoryError> {
    let c = price(data, &r.case)?;
    value(&c, &r.quantity).ok_or_else(|| FactoryError::Input {
        field: format!("reference `{}`", r.id),
        value: r.quantity.clone(),
        allowed: "a quantity the factory layer reports (see leapfrog_factory::reference::value)"
            .into(),
    })
}
