//! What a mission needs to know of a chemistry: its pack from the cell layer, its price from
//! the factory layer and its ageing model from the life layer, worked out once and reused by
//! every mission evaluated on it.

use crate::MissionError;
use leapfrog_cell::systems::{flow, iron_air, SystemMetrics};
use leapfrog_cell::{Chemistry, DesignRequest};
use leapfrog_data::{CoupleLife, Dataset};
use leapfrog_factory::{Factory, PlantOptions, DEFAULT_COST_MODEL};
use leapfrog_life::Which;
use serde::Serialize;

/// A chemistry at pack level, designed to the reference preset's targets and priced in
/// BatPaC's reference plant.
#[derive(Debug, Clone, Serialize)]
pub struct Battery<'a> {
    pub couple: String,
    pub cell_wh_per_kg: f64,
    pub cell_wh_per_l: f64,
    pub cell_nominal_voltage_v: f64,
    pub cell_energy_wh: f64,
    pub pack_wh_per_kg: f64,
    pub pack_wh_per_l: f64,
    /// The cell layer's pulse power per pack mass (BatPaC's power definition).
    pub pack_w_per_kg: f64,
    pub pack_usd_per_kwh: f64,
    /// The cell layer's shortest charge (its fast-charge law), minutes.
    pub shortest_charge_min: f64,
    /// The share of the cell's capacity the shortest charge puts in.
    pub fast_charge_soc_window: f64,
    /// Operating temperatures the couple's properties state, °C.
    pub temperature_range_c: Option<(f64, f64)>,
    #[serde(skip)]
    pub rating: Option<&'a CoupleLife>,
    #[serde(skip)]
    pub life: Option<Which<'a>>,
    /// Why there is no ageing model, when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_life_reason: Option<String>,
    /// A storage system that is not an intercalation cell (flow, iron-air): grid missions
    /// re-size and cost it as a whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<System>,
}

/// A storage system a grid mission re-sizes: energy and power sized apart, costed by its
/// grid economics.
#[derive(Debug, Clone, Serialize)]
pub struct System {
    pub kind: &'static str,
    pub grid: Option<leapfrog_data::GridEconomics>,
    #[serde(skip)]
    design: SystemDesign,
}

#[derive(Debug, Clone)]
enum SystemDesign {
    Flow(leapfrog_data::FlowBattery),
    IronAir(leapfrog_data::IronAir),
}

impl System {
    /// The system re-sized to `power_kw` for `duration_h`: flow tanks scale with energy and
    /// stacks with power; iron-air electrode mass with energy and air electrodes with power.
    pub fn resized(&self, power_kw: f64, duration_h: f64) -> SystemMetrics {
        match &self.design {
            SystemDesign::Flow(f) => flow::evaluate(&leapfrog_data::FlowBattery {
                power_kw,
                duration_h,
                ..f.clone()
            }),
            SystemDesign::IronAir(f) => iron_air::evaluate(&leapfrog_data::IronAir {
                power_kw,
                duration_h,
                ..f.clone()
            }),
        }
    }
}

impl<'a> Battery<'a> {
    /// `couple` designed, priced and given its ageing model.
    pub fn of(data: &'a Dataset, factory: &Factory, couple: &str) -> Result<Self, MissionError> {
        let req = DesignRequest::reference_for(data, couple)?;
        let chem = Chemistry::load(data, &req)?;
        let design = chem.solve(&req.inputs)?;
        let prepared = factory.prepare(&chem, &PlantOptions::batpac())?;
        let cost = factory.evaluate(&prepared, &design);
        let props = data.couple_properties(couple);
        let (life, no_life_reason) = match leapfrog_life::for_chemistry(data, couple) {
            Ok(w) => (Some(w), None),
            Err(e) => (None, Some(e.to_string())),
        };
        let fc = &design.cell.fast_charge;
        Ok(Battery {
            couple: couple.to_string(),
            cell_wh_per_kg: design.cell.specific_energy_wh_per_kg,
            cell_wh_per_l: design.cell.energy_density_wh_per_l,
            cell_nominal_voltage_v: design.cell.nominal_voltage_v,
            cell_energy_wh: design.cell.energy_wh,
            pack_wh_per_kg: design.pack.specific_energy_wh_per_kg,
            pack_wh_per_l: design.pack.energy_density_wh_per_l,
            pack_w_per_kg: design.pack.specific_power_w_per_kg,
            pack_usd_per_kwh: cost.pack_usd_per_kwh,
            shortest_charge_min: fc.shortest_minutes,
            fast_charge_soc_window: design.inputs.fast_charge_soc_to
                - design.inputs.fast_charge_soc_from,
            temperature_range_c: props.and_then(|p| p.temperature_min_c.zip(p.temperature_max_c)),
            rating: data.couple_life(couple),
            life,
            no_life_reason,
            system: None,
        })
    }

    /// A couple, or a storage system of data/storage_systems.toml (one namespace).
    pub fn of_any(data: &'a Dataset, factory: &Factory, id: &str) -> Result<Self, MissionError> {
        match Battery::system(data, id) {
            Some(b) => Ok(b),
            None => Battery::of(data, factory, id),
        }
    }

    /// A flow or iron-air system at its reference size, when `id` names one.
    pub fn system(data: &'a Dataset, id: &str) -> Option<Self> {
        let (design, metrics, grid) = if let Some(f) = data.flow_battery(id) {
            (
                SystemDesign::Flow(f.clone()),
                flow::evaluate(f),
                f.grid.clone(),
            )
        } else if let Some(f) = data.iron_air(id) {
            (
                SystemDesign::IronAir(f.clone()),
                iron_air::evaluate(f),
                f.grid.clone(),
            )
        } else {
            return None;
        };
        let per_kwh = grid.as_ref().map_or(0.0, |g| g.energy_usd_per_kwh);
        Some(Battery {
            couple: id.to_string(),
            cell_wh_per_kg: metrics.specific_energy_wh_per_kg,
            cell_wh_per_l: metrics.energy_density_wh_per_l,
            cell_nominal_voltage_v: 0.0,
            cell_energy_wh: metrics.energy_kwh * 1000.0,
            pack_wh_per_kg: metrics.specific_energy_wh_per_kg,
            pack_wh_per_l: metrics.energy_density_wh_per_l,
            pack_w_per_kg: metrics.specific_power_w_per_kg,
            pack_usd_per_kwh: per_kwh,
            shortest_charge_min: metrics.energy_kwh / metrics.power_kw * 60.0,
            fast_charge_soc_window: 1.0,
            temperature_range_c: None,
            rating: None,
            life: None,
            no_life_reason: Some("a storage system ages by its grid record's yearly fade".into()),
            system: Some(System {
                kind: metrics.kind,
                grid,
                design,
            }),
        })
    }

    /// The fastest charge the cell layer allows, in C (capacity per hour).
    pub fn max_charge_c(&self) -> f64 {
        self.fast_charge_soc_window * 60.0 / self.shortest_charge_min
    }
}

/// The pack a mission builds of a chemistry's cells: its sector's cell-to-pack fractions, or
/// the cell layer's BatPaC pack where the sector has none.
#[derive(Debug, Clone, Serialize)]
pub struct Pack {
    pub wh_per_kg: f64,
    pub wh_per_l: f64,
    /// Pulse power per pack mass: the cell's power per cell mass, carried by the cells' share
    /// of the pack.
    pub w_per_kg: f64,
    pub cell_to_pack_mass_fraction: f64,
    pub cell_to_pack_volume_fraction: f64,
}

impl Pack {
    /// The cell layer's BatPaC pack.
    pub fn batpac(b: &Battery) -> Pack {
        Pack {
            wh_per_kg: b.pack_wh_per_kg,
            wh_per_l: b.pack_wh_per_l,
            w_per_kg: b.pack_w_per_kg,
            cell_to_pack_mass_fraction: b.pack_wh_per_kg / b.cell_wh_per_kg,
            cell_to_pack_volume_fraction: b.pack_wh_per_l / b.cell_wh_per_l,
        }
    }

    /// Cells at these fractions of pack mass and volume.
    pub fn of_fractions(b: &Battery, mass: f64, volume: f64) -> Pack {
        let batpac = Pack::batpac(b);
        Pack {
            wh_per_kg: b.cell_wh_per_kg * mass,
            wh_per_l: b.cell_wh_per_l * volume,
            w_per_kg: batpac.w_per_kg * mass / batpac.cell_to_pack_mass_fraction,
            cell_to_pack_mass_fraction: mass,
            cell_to_pack_volume_fraction: volume,
        }
    }
}

/// Every couple of the dataset at pack level, with the factory loaded once.
pub fn all(data: &Dataset) -> Result<Vec<Result<Battery<'_>, MissionError>>, MissionError> {
    let factory = Factory::load(data, DEFAULT_COST_MODEL)?;
    Ok(data
        .couples
        .iter()
        .map(|c| Battery::of(data, &factory, &c.id))
        .collect())
}
