//! Checks for simulation parameter sets: every quantity physical, initial states inside
//! their ranges, potentials and transport finite where the models will evaluate them.

use super::schema::*;
use crate::check::{fmt_num, validate_with, Checker};
use crate::error::IssueKind;
use crate::locate::Step;

validate_with!(SimParameterSet => sim_parameter_set);

/// Electrolyte concentrations a discharge or charge visits, mol/m³: transport must be
/// positive and finite over them.
const ELECTROLYTE_RANGE_MOL_PER_M3: [f64; 2] = [50.0, 4000.0];

impl Checker<'_> {
    fn sim_parameter_set(&mut self, p: &SimParameterSet) {
        let note = p.note.as_ref();
        self.source(p, &[Step::Key("source")], &p.source, note);
        self.source(
            p,
            &[Step::Key("parameter_source")],
            &p.parameter_source,
            note,
        );
        match (&p.spme_valid_max_c_rate, &p.validity_source) {
            (Some(_), Some(src)) => self.source(p, &[Step::Key("validity_source")], src, note),
            (Some(_), None) => self.push(
                p,
                &[Step::Key("spme_valid_max_c_rate")],
                IssueKind::MissingSource,
                "no validity_source".into(),
                "a validity limit needs `validity_source`: the DFN comparison it rests on",
            ),
            _ => {}
        }
        if p.lower_voltage_v >= p.upper_voltage_v {
            let value = format!(
                "{}..{}",
                fmt_num(p.lower_voltage_v),
                fmt_num(p.upper_voltage_v)
            );
            self.push(
                p,
                &[Step::Key("lower_voltage_v")],
                IssueKind::OutOfRange,
                value,
                "lower_voltage_v < upper_voltage_v",
            );
        }
        if let Some(c) = &p.couple {
            let exists = self.data.couple(c).is_some();
            self.reference(p, &[Step::Key("couple")], c, exists, "couple");
        }
        self.sim_electrode(p, "negative", &p.negative);
        self.sim_electrode(p, "positive", &p.positive);
        let s = &p.separator;
        self.positive(
            p,
            &[Step::Key("separator"), Step::Key("thickness_m")],
            s.thickness_m,
            0.01,
        );
        self.range(
            p,
            &[Step::Key("separator"), Step::Key("porosity")],
            s.porosity,
            0.01,
            0.99,
            "a fraction from 0.01 to 0.99",
        );
        self.range(
            p,
            &[Step::Key("separator"), Step::Key("bruggeman_exponent")],
            s.bruggeman_exponent,
            0.0,
            5.0,
            "an exponent from 0 to 5",
        );
        self.sim_electrolyte(p);
        if let Some(t) = &p.thermal {
            self.sim_thermal(p, t);
        }
    }

    fn sim_thermal(&mut self, p: &SimParameterSet, t: &SimThermal) {
        let at = |key| [Step::Key("thermal"), Step::Key(key)];
        self.positive(p, &at("cell_volume_m3"), t.cell_volume_m3, 10.0);
        self.positive(p, &at("cooling_area_m2"), t.cooling_area_m2, 100.0);
        self.positive(
            p,
            &at("heat_transfer_w_per_m2_k"),
            t.heat_transfer_w_per_m2_k,
            1.0e5,
        );
        self.range(
            p,
            &at("ambient_temperature_k"),
            t.ambient_temperature_k,
            200.0,
            400.0,
            "a temperature from 200 to 400 K",
        );
        self.positive(
            p,
            &at("negative_collector_thickness_m"),
            t.negative_collector_thickness_m,
            0.01,
        );
        self.positive(
            p,
            &at("positive_collector_thickness_m"),
            t.positive_collector_thickness_m,
            0.01,
        );
        for (key, values, hi) in [
            ("densities_kg_per_m3", &t.densities_kg_per_m3, 25_000.0),
            (
                "specific_heats_j_per_kg_k",
                &t.specific_heats_j_per_kg_k,
                10_000.0,
            ),
        ] {
            for (i, v) in values.iter().enumerate() {
                self.positive(
                    p,
                    &[Step::Key("thermal"), Step::Key(key), Step::Item(i)],
                    *v,
                    hi,
                );
            }
        }
    }

    fn sim_electrode(&mut self, p: &SimParameterSet, side: &'static str, e: &SimElectrode) {
        let at = |key| [Step::Key(side), Step::Key(key)];
        self.positive(p, &at("thickness_m"), e.thickness_m, 0.01);
        self.range(
            p,
            &at("porosity"),
            e.porosity,
            0.01,
            0.99,
            "a fraction from 0.01 to 0.99",
        );
        self.range(
            p,
            &at("active_volume_fraction"),
            e.active_volume_fraction,
            0.01,
            0.99,
            "a fraction from 0.01 to 0.99",
        );
        if e.porosity + e.active_volume_fraction > 1.0 {
            let value = fmt_num(e.porosity + e.active_volume_fraction);
            self.push(
                p,
                &at("active_volume_fraction"),
                IssueKind::OutOfRange,
                value,
                "porosity + active_volume_fraction at most 1",
            );
        }
        self.positive(p, &at("particle_radius_m"), e.particle_radius_m, 1.0e-3);
        self.positive(
            p,
            &at("max_concentration_mol_per_m3"),
            e.max_concentration_mol_per_m3,
            1.0e6,
        );
        let c_max = e.max_concentration_mol_per_m3;
        self.range(
            p,
            &at("initial_concentration_mol_per_m3"),
            e.initial_concentration_mol_per_m3,
            0.0,
            c_max,
            "from 0 to max_concentration_mol_per_m3",
        );
        self.positive(
            p,
            &at("diffusivity_m2_per_s"),
            e.diffusivity_m2_per_s,
            1.0e-6,
        );
        self.positive(
            p,
            &at("exchange_current_prefactor"),
            e.exchange_current_prefactor,
            1.0e3,
        );
        self.range(
            p,
            &at("activation_energy_j_per_mol"),
            e.activation_energy_j_per_mol,
            0.0,
            5.0e5,
            "from 0 to 500000 J/mol",
        );
        self.positive(
            p,
            &at("conductivity_s_per_m"),
            e.conductivity_s_per_m,
            1.0e9,
        );
        self.range(
            p,
            &at("bruggeman_exponent"),
            e.bruggeman_exponent,
            0.0,
            5.0,
            "an exponent from 0 to 5",
        );
        // Fitted potentials are only physical inside the stoichiometries a cell visits (a
        // BPX LFP positive is 10^14 V at y = 0): finite everywhere, a potential where it starts.
        let u = |x: f64| e.ocp_v.iter().map(|t| t.value(x)).sum::<f64>();
        let finite_everywhere = (0..=100).all(|k| u(f64::from(k) / 100.0).is_finite());
        let start = e.initial_concentration_mol_per_m3 / e.max_concentration_mol_per_m3;
        let plausible_start = u(start).abs() < 10.0;
        if e.ocp_v.is_empty() || !finite_everywhere || !plausible_start {
            let value = format!("{} terms", e.ocp_v.len());
            self.push(
                p,
                &at("ocp_v"),
                IssueKind::OutOfRange,
                value,
                "at least one term, finite for stoichiometry 0 to 1 and within ±10 V at the initial stoichiometry",
            );
        }
    }

    fn sim_electrolyte(&mut self, p: &SimParameterSet) {
        let e = &p.electrolyte;
        let at = |key| [Step::Key("electrolyte"), Step::Key(key)];
        let [lo, hi] = ELECTROLYTE_RANGE_MOL_PER_M3;
        self.range(
            p,
            &at("initial_concentration_mol_per_m3"),
            e.initial_concentration_mol_per_m3,
            lo,
            hi,
            "from 50 to 4000 mol/m³",
        );
        self.range(
            p,
            &at("cation_transference_number"),
            e.cation_transference_number,
            0.0,
            0.99,
            "a fraction from 0 to 0.99",
        );
        self.positive(
            p,
            &at("thermodynamic_factor"),
            e.thermodynamic_factor,
            100.0,
        );
        for (key, terms) in [
            ("diffusivity_m2_per_s", &e.diffusivity_m2_per_s),
            ("conductivity_s_per_m", &e.conductivity_s_per_m),
        ] {
            let positive = (0..=40).all(|k| {
                let c = lo + (hi - lo) * f64::from(k) / 40.0;
                let v = power_series(terms, c);
                v.is_finite() && v > 0.0
            });
            if terms.is_empty() || !positive {
                let value = format!("{} terms", terms.len());
                self.push(
                    p,
                    &at(key),
                    IssueKind::OutOfRange,
                    value,
                    "terms [a, p] positive and finite from 50 to 4000 mol/m³",
                );
            }
        }
    }
}
