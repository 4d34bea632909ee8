//! BatPaC v5's price algebra. Every term is linear in four annual totals (materials and
//! purchased items, direct labour, capital equipment, building), so the price collapses to
//! four multipliers, and any part of the plant can be priced on its own by the same ones.

use leapfrog_data::CostModel;
use serde::Serialize;

/// Annual totals, $ per year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct RollupInputs {
    /// Materials, purchased items and any electricity difference: variable, non-labour.
    pub materials_usd: f64,
    pub labour_usd: f64,
    /// Capital equipment (and capitalised interest during construction).
    pub capital_usd: f64,
    pub building_usd: f64,
}

/// BatPaC's overhead rates, read from the cost model, with the return on investment and
/// the warranty rate that a region or an at-cost view may replace.
#[derive(Debug, Clone, Copy)]
pub struct Rates<'a> {
    pub model: &'a CostModel,
    pub profit_of_investment: f64,
    pub warranty_of_price: f64,
}

impl<'a> Rates<'a> {
    pub fn of(model: &'a CostModel) -> Self {
        Rates {
            model,
            profit_of_investment: model.profit_of_investment,
            warranty_of_price: model.warranty_of_price,
        }
    }
}

/// Every cost element of the price, $ per year; they sum to `price_usd`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct PriceBuild {
    pub materials_usd: f64,
    pub direct_labour_usd: f64,
    pub variable_overhead_usd: f64,
    pub gsa_usd: f64,
    pub rd_usd: f64,
    pub depreciation_usd: f64,
    pub profit_usd: f64,
    pub warranty_usd: f64,
    pub price_usd: f64,
    /// Not part of the price: what the plant ties up.
    pub launch_usd: f64,
    pub working_capital_usd: f64,
    pub investment_usd: f64,
}

/// Price per $ of each annual input.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Multipliers {
    pub materials: f64,
    pub labour: f64,
    pub capital: f64,
    pub building: f64,
}

impl Rates<'_> {
    pub fn build(&self, x: &RollupInputs) -> PriceBuild {
        let m = self.model;
        let depreciation =
            x.capital_usd / m.equipment_life_yr + x.building_usd * m.building_depreciation_per_yr;
        let voh = m.variable_overhead_of_labour * x.labour_usd
            + m.variable_overhead_of_depreciation * depreciation;
        let labour_and_overhead = x.labour_usd + voh;
        let gsa = m.gsa_of_labour_and_overhead * labour_and_overhead
            + m.gsa_of_depreciation * depreciation;
        let rd = m.rd_of_depreciation * depreciation;
        let launch = m.launch_of_materials * x.materials_usd
            + m.launch_of_labour_and_overhead * labour_and_overhead;
        let working_capital =
            m.working_capital_of_variable_cost * (x.materials_usd + labour_and_overhead);
        let investment = x.capital_usd + x.building_usd + launch + working_capital;
        let profit = self.profit_of_investment * investment;
        let before_warranty =
            x.materials_usd + labour_and_overhead + gsa + rd + depreciation + profit;
        let warranty = self.warranty_of_price * before_warranty;
        PriceBuild {
            materials_usd: x.materials_usd,
            direct_labour_usd: x.labour_usd,
            variable_overhead_usd: voh,
            gsa_usd: gsa,
            rd_usd: rd,
            depreciation_usd: depreciation,
            profit_usd: profit,
            warranty_usd: warranty,
            price_usd: before_warranty + warranty,
            launch_usd: launch,
            working_capital_usd: working_capital,
            investment_usd: investment,
        }
    }

    /// The price of one dollar of each input alone (the roll-up is linear).
    pub fn multipliers(&self) -> Multipliers {
        let unit = |x: RollupInputs| self.build(&x).price_usd;
        Multipliers {
            materials: unit(RollupInputs {
                materials_usd: 1.0,
                ..Default::default()
            }),
            labour: unit(RollupInputs {
                labour_usd: 1.0,
                ..Default::default()
            }),
            capital: unit(RollupInputs {
                capital_usd: 1.0,
                ..Default::default()
            }),
            building: unit(RollupInputs {
                building_usd: 1.0,
                ..Default::default()
            }),
        }
    }
}
