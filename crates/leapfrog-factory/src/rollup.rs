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

/// The overhead rates BatPaC applies, with the return on investment of the region.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rates {
    pub variable_overhead_of_labour: f64,
    pub variable_overhead_of_depreciation: f64,
    pub gsa_of_labour_and_overhead: f64,
    pub gsa_of_depreciation: f64,
    pub rd_of_depreciation: f64,
    pub equipment_life_yr: f64,
    pub building_depreciation_per_yr: f64,
    pub launch_of_materials: f64,
    pub launch_of_labour_and_overhead: f64,
    pub working_capital_of_variable_cost: f64,
    pub profit_of_investment: f64,
    pub warranty_of_price: f64,
}

impl Rates {
    pub fn of(m: &CostModel) -> Self {
        Rates {
            variable_overhead_of_labour: m.variable_overhead_of_labour,
            variable_overhead_of_depreciation: m.variable_overhead_of_depreciation,
            gsa_of_labour_and_overhead: m.gsa_of_labour_and_overhead,
            gsa_of_depreciation: m.gsa_of_depreciation,
            rd_of_depreciation: m.rd_of_depreciation,
            equipment_life_yr: m.equipment_life_yr,
            building_depreciation_per_yr: m.building_depreciation_per_yr,
            launch_of_materials: m.launch_of_materials,
            launch_of_labour_and_overhead: m.launch_of_labour_and_overhead,
            working_capital_of_variable_cost: m.working_capital_of_variable_cost,
            profit_of_investment: m.profit_of_investment,
            warranty_of_price: m.warranty_of_price,
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

impl Rates {
    pub fn build(&self, x: &RollupInputs) -> PriceBuild {
        let depreciation = x.capital_usd / self.equipment_life_yr
            + x.building_usd * self.building_depreciation_per_yr;
        let voh = self.variable_overhead_of_labour * x.labour_usd
            + self.variable_overhead_of_depreciation * depreciation;
        let labour_and_overhead = x.labour_usd + voh;
        let gsa = self.gsa_of_labour_and_overhead * labour_and_overhead
            + self.gsa_of_depreciation * depreciation;
        let rd = self.rd_of_depreciation * depreciation;
        let launch = self.launch_of_materials * x.materials_usd
            + self.launch_of_labour_and_overhead * labour_and_overhead;
        let working_capital =
            self.working_capital_of_variable_cost * (x.materials_usd + labour_and_overhead);
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
