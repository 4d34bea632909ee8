//! Electrochemical parameter sets, in SI units as published models state them.

use crate::bounds::bounds;
use crate::keyed::Origin;
use serde::{Deserialize, Serialize};

/// One cell's parameters for the single-particle models (SPM, SPMe).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SimParameterSet {
    pub id: String,
    pub name: String,
    /// The couple (data/couples.toml) the set's cell is made of, where one matches: missions
    /// on that couple simulate their voltage-limited steps with this set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub couple: Option<String>,
    /// Nominal capacity: what a C-rate refers to.
    pub nominal_capacity_ah: f64,
    /// Area of the electrode pair (height × width of the wound or stacked sheet).
    pub electrode_area_m2: f64,
    /// Cell temperature (initial, and throughout an isothermal run).
    pub temperature_k: f64,
    /// Temperature at which the exchange-current prefactors are stated (their Arrhenius
    /// factor is 1 there).
    pub reference_temperature_k: f64,
    pub lower_voltage_v: f64,
    pub upper_voltage_v: f64,
    pub negative: SimElectrode,
    pub positive: SimElectrode,
    pub separator: SimSeparator,
    pub electrolyte: SimElectrolyte,
    /// What a lumped thermal model needs; absent where the set publishes none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thermal: Option<SimThermal>,
    /// The highest C-rate at which the single-particle models match the DFN on this set
    /// (within 2% of its discharged capacity, tests/pybamm_dfn.rs): a step above it runs
    /// outside the models' validity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spme_valid_max_c_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity_source: Option<String>,
    /// The publication the parameters come from.
    pub source: String,
    /// Where they were transcribed from, when that is not the publication itself.
    pub parameter_source: String,
    pub parameter_locator: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(SimParameterSet {
    nominal_capacity_ah: positive(10_000.0),
    spme_valid_max_c_rate: positive(1000.0),
    electrode_area_m2: positive(1000.0),
    temperature_k: within(200.0, 400.0, "a temperature from 200 to 400 K"),
    reference_temperature_k: within(200.0, 400.0, "a temperature from 200 to 400 K"),
    lower_voltage_v: within(0.0, 6.0, "a voltage from 0 to 6 V"),
    upper_voltage_v: within(0.0, 6.0, "a voltage from 0 to 6 V"),
});

/// A porous electrode of spherical particles.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SimElectrode {
    pub thickness_m: f64,
    pub porosity: f64,
    pub active_volume_fraction: f64,
    pub particle_radius_m: f64,
    pub max_concentration_mol_per_m3: f64,
    pub initial_concentration_mol_per_m3: f64,
    /// Solid-state diffusivity (constant).
    pub diffusivity_m2_per_s: f64,
    /// k in j0 = k·exp(Ea/R·(1/Tref − 1/T))·√c_e·√c_s·√(c_max − c_s), A/m² per (mol/m³)^1.5.
    pub exchange_current_prefactor: f64,
    pub activation_energy_j_per_mol: f64,
    /// Electronic conductivity of the solid matrix.
    pub conductivity_s_per_m: f64,
    /// Effective electrolyte transport is ε^b.
    pub bruggeman_exponent: f64,
    /// Effective electronic conductivity is σ·(1 − ε)^b (0: σ as stated).
    pub electrode_bruggeman_exponent: f64,
    /// Open-circuit potential against stoichiometry, as a sum of terms.
    pub ocp_v: Vec<OcpTerm>,
}

/// One term of an open-circuit potential U(x): constant a, linear a·x, exponential
/// a·exp(b·x) or hyperbolic a·tanh(b·(x − c)).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum OcpTerm {
    Constant(f64),
    Linear(f64),
    Exp([f64; 2]),
    Tanh([f64; 3]),
}

impl OcpTerm {
    pub fn value(&self, x: f64) -> f64 {
        match *self {
            OcpTerm::Constant(a) => a,
            OcpTerm::Linear(a) => a * x,
            OcpTerm::Exp([a, b]) => a * (b * x).exp(),
            OcpTerm::Tanh([a, b, c]) => a * (b * (x - c)).tanh(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SimSeparator {
    pub thickness_m: f64,
    pub porosity: f64,
    pub bruggeman_exponent: f64,
}

/// A binary electrolyte; diffusivity and conductivity as sums of a·(c / 1 mol/L)^p.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SimElectrolyte {
    pub initial_concentration_mol_per_m3: f64,
    pub cation_transference_number: f64,
    pub thermodynamic_factor: f64,
    /// Terms [a, p] of D_e(c) = Σ a·(c / 1000 mol/m³)^p, m²/s.
    pub diffusivity_m2_per_s: Vec<[f64; 2]>,
    /// Terms [a, p] of κ(c) = Σ a·(c / 1000 mol/m³)^p, S/m.
    pub conductivity_s_per_m: Vec<[f64; 2]>,
}

/// A cell as one thermal mass cooled through its surface.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SimThermal {
    /// The whole cell's volume, over which the stack's heat is spread.
    pub cell_volume_m3: f64,
    pub cooling_area_m2: f64,
    pub heat_transfer_w_per_m2_k: f64,
    pub ambient_temperature_k: f64,
    pub negative_collector_thickness_m: f64,
    pub positive_collector_thickness_m: f64,
    /// Densities of negative collector, negative electrode, separator, positive electrode and
    /// positive collector.
    pub densities_kg_per_m3: [f64; 5],
    /// Specific heats of the same five layers.
    pub specific_heats_j_per_kg_k: [f64; 5],
}

/// Σ a·(c/1000)^p.
pub fn power_series(terms: &[[f64; 2]], c_mol_per_m3: f64) -> f64 {
    let x = c_mol_per_m3 / 1000.0;
    terms.iter().map(|[a, p]| a * x.powf(*p)).sum()
}
