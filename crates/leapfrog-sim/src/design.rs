//! A cell the cell layer designed, simulated: its geometry (electrode thicknesses, porosities,
//! active-material volume fractions from the recipe, electrode area, separator) with the
//! electrochemistry (particles, diffusivities, kinetics, potentials, electrolyte) of the
//! published parameter set made of the same couple. A couple with no such set becomes an
//! equivalent circuit from its own tables (open-circuit voltage and BatPaC's area-specific
//! impedance over state of charge), and everything that reports it says so.

use crate::ecm::{CoupleTables, Ecm};
use crate::params::{Electrode, Electrolyte, PowerSeries, FARADAY_C_PER_MOL};
use crate::soh::Window;
use crate::{Cell, SimError};
use leapfrog_cell::{CellResult, Chemistry, DesignRequest};
use leapfrog_data::{
    Couple, Dataset, Ingredient, MaterialRole, OcpTerm, SimElectrode, SimParameterSet,
};

/// What a design becomes for the models.
#[derive(Debug, Clone)]
pub enum Designed {
    /// The design's geometry with a published set's electrochemistry: every model runs it.
    Set(Box<SimParameterSet>),
    /// No published set is made of the couple: an equivalent circuit from the couple's tables,
    /// on a cell that carries only the design's capacity.
    Circuit(Box<Cell>, Ecm),
}

/// What the design contributes and what it was measured against.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DesignedCell {
    pub preset: String,
    pub couple: String,
    /// The parameter set whose electrochemistry the cell takes, or `couple tables` for the
    /// equivalent circuit.
    pub electrochemistry_from: String,
    /// Where the circuit's tables come from, for the equivalent circuit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tables_source: Option<String>,
    pub design_capacity_ah: f64,
    pub positive_thickness_um: f64,
    pub negative_thickness_um: f64,
    pub electrode_area_m2: f64,
}

/// What design preset `preset` becomes: its geometry on a published set, else its couple's
/// tables as an equivalent circuit.
pub fn from_design(data: &Dataset, preset: &str) -> Result<(Designed, DesignedCell), SimError> {
    let bad = |e: leapfrog_cell::CellError| SimError::Input(format!("--design {preset}: {e}"));
    let req = DesignRequest::preset(data, preset).map_err(bad)?;
    let chem = Chemistry::load(data, &req).map_err(bad)?;
    let design = chem.solve(&req.inputs).map_err(bad)?;
    let couple = data.couple(&req.couple).ok_or_else(|| {
        SimError::Input(format!(
            "--design {preset}: couple {} is not in the data",
            req.couple
        ))
    })?;
    let Some(base) = data
        .sim_parameter_sets
        .iter()
        .find(|s| s.couple.as_deref() == Some(couple.id.as_str()))
    else {
        return couple_circuit(preset, couple, &design.cell);
    };
    let full = full_stoichiometries(base)?;
    let cell = &design.cell;
    let mut set = base.clone();
    set.id = preset.to_string();
    set.name = format!(
        "{preset} (cell-layer design) with {} electrochemistry",
        base.id
    );
    set.couple = Some(couple.id.clone());
    set.nominal_capacity_ah = cell.capacity_ah;
    set.electrode_area_m2 = cell.positive_area_cm2 * 1e-4;
    set.negative = electrode(
        data,
        &base.negative,
        couple,
        &couple.negative,
        cell.negative_thickness_um,
        couple.negative_porosity,
        full.0,
    )?;
    set.positive = electrode(
        data,
        &base.positive,
        couple,
        &couple.positive,
        cell.positive_thickness_um,
        couple.positive_porosity,
        full.1,
    )?;
    set.separator.thickness_m = couple.separator_thickness_um * 1e-6;
    if let Some(p) = data.material(&couple.separator).and_then(|m| m.porosity) {
        set.separator.porosity = p;
    }
    set.note = Some(format!(
        "Geometry from the cell layer's design {preset} (thicknesses, porosities, recipe volume fractions, area, separator); electrochemistry from {} ({}).",
        base.id, base.source
    ));
    let report = DesignedCell {
        preset: preset.to_string(),
        couple: couple.id.clone(),
        electrochemistry_from: base.id.clone(),
        tables_source: None,
        design_capacity_ah: cell.capacity_ah,
        positive_thickness_um: cell.positive_thickness_um,
        negative_thickness_um: cell.negative_thickness_um,
        electrode_area_m2: set.electrode_area_m2,
    };
    Ok((Designed::Set(Box::new(set)), report))
}

/// The couples a published set is made of, for the message that names them.
pub fn couples_with_sets(data: &Dataset) -> Vec<String> {
    data.sim_parameter_sets
        .iter()
        .filter_map(|s| s.couple.as_ref().map(|c| format!("{c} ({})", s.id)))
        .collect()
}

/// The couple's tables carry no temperature: 25 °C is taken for them (an assumption that only
/// the reported temperature reads, since nothing in the circuit varies with temperature).
const TABLES_TEMPERATURE_K: f64 = 298.15;

/// The circuit's state of charge spans this share of each stand-in electrode, so that the
/// cut-offs fall inside their stoichiometry range.
const WINDOW_SHARE: f64 = 0.98;

/// The couple's tables as a circuit on a cell of the design's capacity and positive area.
fn couple_circuit(
    preset: &str,
    couple: &Couple,
    cell: &CellResult,
) -> Result<(Designed, DesignedCell), SimError> {
    let ecm = Ecm::from_tables(&CoupleTables {
        soc: &couple.soc_points,
        ocv_v: &couple.ocv_v,
        asi_ohm_cm2: &couple.asi_ohm_cm2,
        positive_area_cm2: cell.positive_area_cm2,
        temperature_k: TABLES_TEMPERATURE_K,
    })?;
    let first = couple.ocv_v[0];
    let last = couple.ocv_v[couple.ocv_v.len() - 1];
    let area_m2 = cell.positive_area_cm2 * 1e-4;
    let stand_in = |thickness_um: f64, ocp: Vec<OcpTerm>, stoichiometry: f64| {
        stand_in_electrode(
            cell.capacity_ah,
            area_m2,
            thickness_um * 1e-6,
            ocp,
            stoichiometry,
        )
    };
    // Lithium is conserved as x + y = 1 (equal stand-in capacities), so y = 1 − x and a
    // positive potential linear in y puts the table's first and last voltages at the window's
    // ends: the window, and so the charge count, is the design's capacity between them.
    let edge = (1.0 - WINDOW_SHARE) / 2.0;
    let slope = (first - last) / WINDOW_SHARE;
    let positive_ocp = vec![
        OcpTerm::Constant(last - edge * slope),
        OcpTerm::Linear(slope),
    ];
    let sim_cell = Cell {
        id: preset.to_string(),
        name: format!(
            "{preset} (cell-layer design) as an equivalent circuit from the {} tables",
            couple.id
        ),
        nominal_capacity_ah: cell.capacity_ah,
        electrode_area_m2: area_m2,
        temperature_k: TABLES_TEMPERATURE_K,
        reference_temperature_k: TABLES_TEMPERATURE_K,
        lower_voltage_v: first,
        upper_voltage_v: last,
        negative: stand_in(
            cell.negative_thickness_um,
            vec![OcpTerm::Constant(0.0)],
            1.0 - edge,
        ),
        positive: stand_in(cell.positive_thickness_um, positive_ocp, edge),
        separator_thickness_m: couple.separator_thickness_um * 1e-6,
        separator_porosity: 0.5,
        separator_transport_efficiency: 0.5,
        electrolyte: inert_electrolyte(),
        thermal: None,
        spme_valid_max_c_rate: None,
    };
    let report = DesignedCell {
        preset: preset.to_string(),
        couple: couple.id.clone(),
        electrochemistry_from: "couple tables".into(),
        tables_source: Some(format!(
            "open-circuit voltage and area-specific impedance over state of charge from data/couples.toml ({}; impedance {})",
            couple.source,
            couple.asi_source.as_deref().unwrap_or(&couple.source)
        )),
        design_capacity_ah: cell.capacity_ah,
        positive_thickness_um: cell.positive_thickness_um,
        negative_thickness_um: cell.negative_thickness_um,
        electrode_area_m2: area_m2,
    };
    Ok((Designed::Circuit(Box::new(sim_cell), ecm), report))
}

/// An electrode that only carries charge for the circuit's bookkeeping: its capacity is the
/// design's over the window share, its potential the given terms. The circuit never reads its
/// transport or kinetics (its voltage is the tables'), so those are inert values.
fn stand_in_electrode(
    capacity_ah: f64,
    area_m2: f64,
    thickness_m: f64,
    ocp: Vec<OcpTerm>,
    stoichiometry: f64,
) -> Electrode {
    const SOLID_FRACTION: f64 = 0.5;
    const RADIUS_M: f64 = 5e-6;
    let full_ah = capacity_ah / WINDOW_SHARE;
    let max_concentration =
        full_ah * 3600.0 / (SOLID_FRACTION * thickness_m * area_m2 * FARADAY_C_PER_MOL);
    Electrode {
        thickness_m,
        porosity: 1.0 - SOLID_FRACTION,
        particle_radius_m: RADIUS_M,
        max_concentration,
        initial_concentration: stoichiometry * max_concentration,
        diffusivity: 1e-14,
        exchange_prefactor: 1e-6,
        activation_energy: 0.0,
        conductivity: 100.0,
        effective_conductivity: 100.0,
        transport_efficiency: 0.5,
        specific_area_per_m: 3.0 * SOLID_FRACTION / RADIUS_M,
        ocp,
    }
}

/// The circuit's electrolyte: the ECM keeps it at its initial concentration and never reads
/// its properties.
fn inert_electrolyte() -> Electrolyte {
    Electrolyte {
        initial_concentration: 1000.0,
        transference_number: 0.4,
        thermodynamic_factor: 1.0,
        diffusivity: PowerSeries::new(&[[3e-10, 0.0]]),
        conductivity: PowerSeries::new(&[[1.0, 0.0]]),
    }
}

/// The published cell's stoichiometries at 100% state of charge: where the designed cell
/// starts, so that it is charged as the published one was.
fn full_stoichiometries(base: &SimParameterSet) -> Result<(f64, f64), SimError> {
    let w = Window::of(&Cell::from_record(base))?;
    Ok((w.x_100, w.y(w.x_100)))
}

/// An electrode of the design: its thickness and porosity, the active materials' share of the
/// solid volume from the recipe, the published set's particles, kinetics and potential.
fn electrode(
    data: &Dataset,
    base: &SimElectrode,
    couple: &Couple,
    recipe: &[Ingredient],
    thickness_um: f64,
    porosity: f64,
    stoichiometry: f64,
) -> Result<SimElectrode, SimError> {
    let mut active = 0.0;
    let mut total = 0.0;
    for i in recipe {
        let m = data.material(&i.material).ok_or_else(|| {
            SimError::Input(format!(
                "couple {}: material {} is not in the data",
                couple.id, i.material
            ))
        })?;
        let volume = i.mass_fraction / m.density_g_per_cm3;
        total += volume;
        if matches!(m.role, MaterialRole::Positive | MaterialRole::Negative) {
            active += volume;
        }
    }
    Ok(SimElectrode {
        thickness_m: thickness_um * 1e-6,
        porosity,
        active_volume_fraction: (1.0 - porosity) * active / total,
        initial_concentration_mol_per_m3: stoichiometry * base.max_concentration_mol_per_m3,
        ..base.clone()
    })
}
