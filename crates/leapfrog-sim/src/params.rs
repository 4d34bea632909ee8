//! A parameter set resolved for the models: per-electrode constants worked out once.

use crate::SimError;
use leapfrog_data::{Dataset, OcpTerm, SimElectrode, SimParameterSet};

pub const FARADAY_C_PER_MOL: f64 = 96_485.332_12;
pub const GAS_CONSTANT_J_PER_MOL_K: f64 = 8.314_462_618;

#[derive(Debug, Clone)]
pub struct Electrode {
    pub thickness_m: f64,
    pub porosity: f64,
    pub particle_radius_m: f64,
    pub max_concentration: f64,
    pub initial_concentration: f64,
    pub diffusivity: f64,
    pub exchange_prefactor: f64,
    pub activation_energy: f64,
    pub conductivity: f64,
    /// σ·(1 − ε)^b: the solid matrix's effective conductivity.
    pub effective_conductivity: f64,
    /// ε^b: the electrolyte's transport efficiency in this electrode.
    pub transport_efficiency: f64,
    /// Particle surface area per electrode volume, 3·ε_s / R.
    pub specific_area_per_m: f64,
    pub ocp: Vec<OcpTerm>,
}

impl Electrode {
    fn new(e: &SimElectrode) -> Self {
        Electrode {
            thickness_m: e.thickness_m,
            porosity: e.porosity,
            particle_radius_m: e.particle_radius_m,
            max_concentration: e.max_concentration_mol_per_m3,
            initial_concentration: e.initial_concentration_mol_per_m3,
            diffusivity: e.diffusivity_m2_per_s,
            exchange_prefactor: e.exchange_current_prefactor,
            activation_energy: e.activation_energy_j_per_mol,
            conductivity: e.conductivity_s_per_m,
            effective_conductivity: e.conductivity_s_per_m
                * (1.0 - e.porosity).powf(e.electrode_bruggeman_exponent),
            transport_efficiency: e.porosity.powf(e.bruggeman_exponent),
            specific_area_per_m: 3.0 * e.active_volume_fraction / e.particle_radius_m,
            ocp: e.ocp_v.clone(),
        }
    }

    pub fn ocp_v(&self, stoichiometry: f64) -> f64 {
        self.ocp.iter().map(|t| t.value(stoichiometry)).sum()
    }

    /// Exchange-current density, A/m², at the electrolyte and particle-surface
    /// concentrations (symmetric Butler–Volmer, Arrhenius in temperature).
    pub fn exchange_current(&self, c_e: f64, c_surf: f64, temperature_k: f64, t_ref_k: f64) -> f64 {
        let arrhenius = (self.activation_energy / GAS_CONSTANT_J_PER_MOL_K
            * (1.0 / t_ref_k - 1.0 / temperature_k))
            .exp();
        self.exchange_prefactor
            * arrhenius
            * c_e.sqrt()
            * c_surf.sqrt()
            * (self.max_concentration - c_surf).sqrt()
    }

    /// Reaction overpotential, V, for interfacial current density `j` (A/m²).
    pub fn overpotential(&self, j: f64, j0: f64, temperature_k: f64) -> f64 {
        2.0 * GAS_CONSTANT_J_PER_MOL_K * temperature_k / FARADAY_C_PER_MOL
            * (j / (2.0 * j0)).asinh()
    }
}

#[derive(Debug, Clone)]
pub struct Electrolyte {
    pub initial_concentration: f64,
    pub transference_number: f64,
    pub thermodynamic_factor: f64,
    pub diffusivity: PowerSeries,
    pub conductivity: PowerSeries,
}

impl Electrolyte {
    pub fn diffusivity_m2_per_s(&self, c: f64) -> f64 {
        self.diffusivity.at(c)
    }

    pub fn conductivity_s_per_m(&self, c: f64) -> f64 {
        self.conductivity.at(c)
    }
}

/// Σ a·(c/1000)^p with whole and half powers evaluated without `powf` (the electrolyte's
/// properties are read hundreds of times a step); a polynomial (whole powers from 0 to 4) by
/// Horner's rule.
#[derive(Debug, Clone)]
pub struct PowerSeries {
    terms: Vec<(f64, Power)>,
    /// Coefficients of x⁰…x⁴ when every power is a whole number from 0 to 4.
    polynomial: Option<[f64; 5]>,
}

#[derive(Debug, Clone, Copy)]
enum Power {
    Whole(i32),
    AndAHalf(i32),
    Other(f64),
}

impl PowerSeries {
    pub fn new(terms: &[[f64; 2]]) -> Self {
        let power = |p: f64| {
            if p.fract() == 0.0 && p.abs() < 16.0 {
                Power::Whole(p as i32)
            } else if (p - 0.5).fract() == 0.0 && p.abs() < 16.0 {
                Power::AndAHalf((p - 0.5) as i32)
            } else {
                Power::Other(p)
            }
        };
        let terms: Vec<(f64, Power)> = terms.iter().map(|[a, p]| (*a, power(*p))).collect();
        let mut polynomial = Some([0.0; 5]);
        for (a, p) in &terms {
            match (p, polynomial.as_mut()) {
                (Power::Whole(k @ 0..=4), Some(c)) => c[*k as usize] += a,
                _ => polynomial = None,
            }
        }
        PowerSeries { terms, polynomial }
    }

    pub fn at(&self, c_mol_per_m3: f64) -> f64 {
        let x = c_mol_per_m3 / 1000.0;
        if let Some(c) = &self.polynomial {
            return (((c[4] * x + c[3]) * x + c[2]) * x + c[1]) * x + c[0];
        }
        self.terms
            .iter()
            .map(|(a, p)| {
                a * match p {
                    Power::Whole(k) => whole_power(x, *k),
                    Power::AndAHalf(k) => whole_power(x, *k) * x.sqrt(),
                    Power::Other(p) => x.powf(*p),
                }
            })
            .sum()
    }
}

/// x^k by repeated multiplication (`powi` is an out-of-line call, and this runs in the
/// innermost loop).
fn whole_power(x: f64, k: i32) -> f64 {
    let mut r = 1.0;
    for _ in 0..k.unsigned_abs() {
        r *= x;
    }
    if k < 0 {
        1.0 / r
    } else {
        r
    }
}

/// A parameter set ready for the models.
#[derive(Debug, Clone)]
pub struct Cell {
    pub id: String,
    pub name: String,
    pub nominal_capacity_ah: f64,
    pub electrode_area_m2: f64,
    pub temperature_k: f64,
    /// Where the exchange currents' Arrhenius factor is 1.
    pub reference_temperature_k: f64,
    pub lower_voltage_v: f64,
    pub upper_voltage_v: f64,
    pub negative: Electrode,
    pub positive: Electrode,
    pub separator_thickness_m: f64,
    pub separator_porosity: f64,
    pub separator_transport_efficiency: f64,
    pub electrolyte: Electrolyte,
    /// The lumped thermal mass, where the set has thermal data.
    pub thermal: Option<Thermal>,
    /// The highest C-rate at which the single-particle models match the DFN on this cell.
    pub spme_valid_max_c_rate: Option<f64>,
}

/// A cell as one thermal mass: dT/dt = (Q − hA·(T − T_amb)) / C.
#[derive(Debug, Clone, Copy)]
pub struct Thermal {
    /// Heat capacity of the whole cell, J/K: the stack's volume-averaged ρ·c_p (collectors,
    /// electrodes, separator) over the cell's volume.
    pub heat_capacity_j_per_k: f64,
    /// Heat transfer coefficient times cooling area, W/K.
    pub conductance_w_per_k: f64,
    pub ambient_temperature_k: f64,
}

impl Thermal {
    fn new(p: &SimParameterSet, t: &leapfrog_data::SimThermal) -> Self {
        let layers = [
            t.negative_collector_thickness_m,
            p.negative.thickness_m,
            p.separator.thickness_m,
            p.positive.thickness_m,
            t.positive_collector_thickness_m,
        ];
        let total: f64 = layers.iter().sum();
        let rho_c: f64 = (0..5)
            .map(|k| t.densities_kg_per_m3[k] * t.specific_heats_j_per_kg_k[k] * layers[k])
            .sum::<f64>()
            / total;
        Thermal {
            heat_capacity_j_per_k: rho_c * t.cell_volume_m3,
            conductance_w_per_k: t.heat_transfer_w_per_m2_k * t.cooling_area_m2,
            ambient_temperature_k: t.ambient_temperature_k,
        }
    }
}

impl Cell {
    pub fn from_record(p: &SimParameterSet) -> Self {
        Cell {
            id: p.id.clone(),
            name: p.name.clone(),
            nominal_capacity_ah: p.nominal_capacity_ah,
            electrode_area_m2: p.electrode_area_m2,
            temperature_k: p.temperature_k,
            reference_temperature_k: p.reference_temperature_k,
            lower_voltage_v: p.lower_voltage_v,
            upper_voltage_v: p.upper_voltage_v,
            negative: Electrode::new(&p.negative),
            positive: Electrode::new(&p.positive),
            separator_thickness_m: p.separator.thickness_m,
            separator_porosity: p.separator.porosity,
            separator_transport_efficiency: p
                .separator
                .porosity
                .powf(p.separator.bruggeman_exponent),
            electrolyte: Electrolyte {
                initial_concentration: p.electrolyte.initial_concentration_mol_per_m3,
                transference_number: p.electrolyte.cation_transference_number,
                thermodynamic_factor: p.electrolyte.thermodynamic_factor,
                diffusivity: PowerSeries::new(&p.electrolyte.diffusivity_m2_per_s),
                conductivity: PowerSeries::new(&p.electrolyte.conductivity_s_per_m),
            },
            thermal: p.thermal.as_ref().map(|t| Thermal::new(p, t)),
            spme_valid_max_c_rate: p.spme_valid_max_c_rate,
        }
    }

    pub fn load(data: &Dataset, id: &str) -> Result<Self, SimError> {
        Ok(Cell::from_record(data.find::<SimParameterSet>(id)?))
    }

    /// Interfacial current densities (negative, positive), A/m², for cell current `i_a`
    /// (positive on discharge).
    pub fn interfacial_currents(&self, i_a: f64) -> (f64, f64) {
        let n = &self.negative;
        let p = &self.positive;
        let a = self.electrode_area_m2;
        (
            i_a / (n.specific_area_per_m * n.thickness_m * a),
            -i_a / (p.specific_area_per_m * p.thickness_m * a),
        )
    }
}
