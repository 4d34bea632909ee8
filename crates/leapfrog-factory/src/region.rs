//! The parameters of a place that change plant cost. Without a region the model runs on
//! BatPaC's own U.S. figures, with no construction interest and no electricity difference.

use leapfrog_data::{CostModel, FactoryRegion};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionFactors {
    /// Region id, or "batpac" for BatPaC's reference figures.
    pub id: String,
    pub labour_usd_per_h: f64,
    pub building_usd_per_m2: f64,
    pub electricity_usd_per_kwh: f64,
    pub equipment_cost_multiplier: f64,
    pub cost_of_capital: f64,
    pub construction_years: f64,
    /// Source of each figure, by parameter name.
    pub sources: Vec<(&'static str, String)>,
}

/// The region parameters, in the order the gap attribution switches them.
pub const PARAMETERS: [&str; 6] = [
    "equipment_cost_multiplier",
    "building_usd_per_m2",
    "labour_usd_per_h",
    "electricity_usd_per_kwh",
    "cost_of_capital",
    "construction_years",
];

impl RegionFactors {
    pub fn batpac(m: &CostModel) -> Self {
        RegionFactors {
            id: "batpac".to_string(),
            labour_usd_per_h: m.labour_usd_per_h,
            building_usd_per_m2: m.building_usd_per_m2,
            electricity_usd_per_kwh: m.overhead_electricity_usd_per_kwh,
            equipment_cost_multiplier: 1.0,
            cost_of_capital: m.profit_of_investment,
            construction_years: 0.0,
            sources: vec![("all", m.source.clone())],
        }
    }

    pub fn of(r: &FactoryRegion) -> Self {
        RegionFactors {
            id: r.region.clone(),
            labour_usd_per_h: r.labour_usd_per_h,
            building_usd_per_m2: r.building_usd_per_m2,
            electricity_usd_per_kwh: r.electricity_usd_per_kwh,
            equipment_cost_multiplier: r.equipment_cost_multiplier,
            cost_of_capital: r.cost_of_capital,
            construction_years: r.construction_years,
            sources: vec![
                ("labour_usd_per_h", r.labour_source.clone()),
                ("building_usd_per_m2", r.building_source.clone()),
                ("electricity_usd_per_kwh", r.electricity_source.clone()),
                ("equipment_cost_multiplier", r.equipment_source.clone()),
                ("cost_of_capital", r.capital_source.clone()),
                ("construction_years", r.construction_source.clone()),
            ],
        }
    }

    pub fn get(&self, parameter: &str) -> f64 {
        match parameter {
            "equipment_cost_multiplier" => self.equipment_cost_multiplier,
            "building_usd_per_m2" => self.building_usd_per_m2,
            "labour_usd_per_h" => self.labour_usd_per_h,
            "electricity_usd_per_kwh" => self.electricity_usd_per_kwh,
            "cost_of_capital" => self.cost_of_capital,
            _ => self.construction_years,
        }
    }

    pub fn set(&mut self, parameter: &str, v: f64) {
        match parameter {
            "equipment_cost_multiplier" => self.equipment_cost_multiplier = v,
            "building_usd_per_m2" => self.building_usd_per_m2 = v,
            "labour_usd_per_h" => self.labour_usd_per_h = v,
            "electricity_usd_per_kwh" => self.electricity_usd_per_kwh = v,
            "cost_of_capital" => self.cost_of_capital = v,
            _ => self.construction_years = v,
        }
    }

    /// Each parameter in attribution order with its value and source ("all" sources apply
    /// to every parameter of the BatPaC reference).
    pub fn figures(&self) -> impl Iterator<Item = (&'static str, f64, &str)> + '_ {
        PARAMETERS.into_iter().map(|p| {
            let source = self
                .sources
                .iter()
                .find(|(k, _)| *k == p || *k == "all")
                .map_or("", |(_, s)| s.as_str());
            (p, self.get(p), source)
        })
    }

    /// Interest on the plant's capital while it is built, as a fraction of that capital:
    /// spending spread evenly over construction, so half of it borrowed for the whole time.
    pub fn construction_interest_fraction(&self) -> f64 {
        self.cost_of_capital * self.construction_years / 2.0
    }
}
